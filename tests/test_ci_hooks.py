"""A team's own CI: --diff on the checks, the pre-commit hooks and the GitHub Action's steps."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from incident.cli import main

ROOT = Path(__file__).parents[1]
EVENTS = ROOT / "events.csv"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """A folder with the shipped events and their reports, as a repository would hold them."""
    folder = tmp_path_factory.mktemp("repo")
    shutil.copy(EVENTS, folder / "events.csv")
    assert main(["report", "--events", str(folder / "events.csv"), "--out", str(folder / "reports")]) == 0
    return folder


def copy_of(built, tmp_path) -> Path:
    shutil.copytree(built, tmp_path / "repo")
    (tmp_path / "repo" / "reports" / ".incident-report.json").unlink()  # as in a clean clone
    return tmp_path / "repo"


def test_report_check_diff_shows_each_changed_text_file_and_one_line_per_chart(built, tmp_path, capsys):
    repo = copy_of(built, tmp_path)
    events = repo / "events.csv"
    events.write_text(events.read_text().replace("Conversation starts", "Conversation began"))
    code = main(["report", "--check", "--diff", "--events", str(events), "--out", str(repo / "reports")])
    out, err = capsys.readouterr()
    assert code == 1
    assert f"--- {repo}/reports/x-spaces-2024.md\n+++ {repo}/reports/x-spaces-2024.md (would be written)\n" in out
    assert "\n-| 20:42" in out or "Conversation starts" in out  # the old words are on a - line
    assert any(line.startswith("+") and "Conversation began" in line for line in out.splitlines())
    chart_lines = [line for line in out.splitlines() if "/charts/" in line]
    assert chart_lines and all(": differs: " in line and "stamp " in line for line in chart_lines)
    assert "would change" in err and "would change" not in out  # the diff alone on stdout


def test_diff_of_a_hostile_report_escapes_it_and_stays_bounded(built, tmp_path, capsys):
    repo = copy_of(built, tmp_path)
    (repo / "reports" / "index.md").write_text("\x1b[31mred\x1b[0m\n" * 3000)
    huge = repo / "reports" / "stats.md"
    huge.write_bytes(b"x" * 5_000_000)
    os.remove(repo / "reports" / "comparison-live-events.md")
    os.mkfifo(repo / "reports" / "comparison-live-events.md")
    code = main(["report", "--check", "--diff", "--events", str(repo / "events.csv"), "--out", str(repo / "reports")])
    out, _ = capsys.readouterr()
    assert code == 1 and "\x1b" not in out and "\\x1b[31mred" in out
    assert "more diff lines" in out and out.count("\n") < 2_100  # 3,000 lines differ: 2,000 shown, the rest counted
    assert f"{repo}/reports/stats.md: differs (not a regular file, or over 4 MB: not diffed)" in out
    assert f"{repo}/reports/comparison-live-events.md: differs (not a regular file" in out


def test_fmt_check_diff_shows_the_canonical_form(tmp_path, capsys):
    path = tmp_path / "events.csv"
    path.write_text("incident,event,kind,time,tz,source\nx,b,recovery,2024-08-12 21:00,UTC,S\nx,a,impact_start,2024-08-12 20:00,UTC,S\n")
    assert main(["fmt", "--check", "--diff", str(path)]) == 1
    out = capsys.readouterr().out
    assert out.startswith(f"--- {path}\n+++ {path} (would be written)\n")
    assert "\n+x,a,impact_start" in out and "\n-x,a,impact_start" in out  # moved ahead of the recovery
    assert main(["fmt", str(path)]) == 0 and main(["fmt", "--check", "--diff", str(path)]) == 0
    assert capsys.readouterr().out == ""


def fresh_repository(tmp_path) -> Path:
    """A team's repository with only an events.csv (the shipped one, already canonical)."""
    repo = tmp_path / "team"
    repo.mkdir()
    shutil.copy(EVENTS, repo / "events.csv")
    return repo


def run_script(repo: Path, **env) -> subprocess.CompletedProcess:
    path = f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"
    return subprocess.run([str(ROOT / "ci" / "check-reports.sh")], cwd=repo, capture_output=True, text=True,
                          env={**os.environ, "PATH": path, **env}, timeout=600)


def test_the_ci_script_is_red_on_stale_reports_and_green_after_report(tmp_path):
    repo = fresh_repository(tmp_path)
    red = run_script(repo)
    assert red.returncode == 1 and "reports/index.md: would change" in red.stderr
    assert "+++ reports/index.md (would be written)" in red.stdout  # the diff says what is missing
    done = subprocess.run([Path(sys.executable).parent / "incident", "report"], cwd=repo, capture_output=True, text=True)
    assert done.returncode == 0
    (repo / "reports" / ".incident-report.json").unlink()  # a clean clone has no build record
    green = run_script(repo)
    assert green.returncode == 0, green.stderr
    assert "files up to date" in green.stderr


def test_the_action_installs_the_locked_versions_and_runs_the_ci_script():
    import yaml

    action = yaml.safe_load((ROOT / "action.yml").read_text())
    assert action["runs"]["using"] == "composite"
    steps = action["runs"]["steps"]
    install = next(s for s in steps if "run" in s and "requirements.lock" in s["run"])
    assert "--no-deps" in install["run"]
    assert "requirements-test.lock" not in (ROOT / "action.yml").read_text()  # only what the check runs
    setup = next(s for s in steps if s.get("uses", "").startswith("actions/setup-python"))
    assert setup["with"]["cache"] == "pip" and setup["with"]["cache-dependency-path"].endswith("/requirements.lock")
    check = steps[-1]
    assert "ci/check-reports.sh" in check["run"] and check["env"] == {"INCIDENT_EVENTS": "${{ inputs.events }}", "INCIDENT_OUT": "${{ inputs.out }}"}
    assert "${{" not in check["run"]  # inputs reach the shell as variables, never pasted into it
    assert (ROOT / "ci" / "check-reports.sh").stat().st_mode & 0o111


def test_the_pre_commit_hooks_run_commands_that_exist(tmp_path):
    import yaml

    from incident.cli import build_parser

    hooks = {h["id"]: h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())}
    assert set(hooks) == {"incident-validate", "incident-fmt", "incident-report-check", "incident-ci"}
    assert hooks["incident-report-check"]["language"] == "system"  # the bytes need the locked environment
    assert all(h["pass_filenames"] is False for h in hooks.values())
    repo = fresh_repository(tmp_path)
    parser = build_parser()
    results = {}
    for name in ("incident-validate", "incident-fmt", "incident-report-check"):
        words = hooks[name]["entry"].split() + hooks[name]["args"]
        assert words[0] == "incident"
        parser.parse_args(words[1:])  # a command and options the CLI has
        results[name] = subprocess.run([Path(sys.executable).parent / "incident", *words[1:]], cwd=repo,
                                       capture_output=True, text=True).returncode
    assert results == {"incident-validate": 0, "incident-fmt": 0, "incident-report-check": 1}


def test_each_pre_commit_hook_triggers_on_the_paths_it_checks():
    """The hooks check ./events.csv and what lies beside it: a change elsewhere (data/events.csv)
    must not trigger a check of a file that did not change, nor pass as checked."""
    import re

    import yaml

    hooks = {h["id"]: h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())}
    checked = {"incident-validate": ["events.csv", "postmortems/x-2024.md"], "incident-fmt": ["events.csv"],
               "incident-report-check": ["events.csv", "postmortems/x-2024.md", "reports/index.md", "reports/charts/a.svg"]}
    for name, paths in checked.items():
        files = re.compile(hooks[name]["files"])
        assert all(files.search(path) for path in paths), name
        assert not any(files.search(f"data/{path}") for path in paths), name  # another events file: not this hook's
        assert not files.search("old/events.csv.bak") and not files.search("notes/events.csv")
        assert "--events" not in hooks[name]["entry"]  # the path is in args, where a repository overrides it
        assert [a for a in hooks[name]["args"] if a.endswith(".csv")] == ["events.csv"]  # ./events.csv by default
    assert hooks["incident-ci"]["args"] == ["events.csv", "reports"]
    text = (ROOT / ".pre-commit-hooks.yaml").read_text()
    assert "args: [data/events.csv]" in text and "files: ^data/" in text  # how to point them elsewhere, both together


def test_the_ci_script_takes_the_events_path_and_folder_as_arguments(tmp_path):
    """The incident-ci hook passes its args: an events file in a subfolder is checked there."""
    repo = tmp_path / "team"
    (repo / "data").mkdir(parents=True)
    shutil.copy(EVENTS, repo / "data" / "events.csv")
    red = subprocess.run([str(ROOT / "ci" / "check-reports.sh"), "data/events.csv", "data/reports"], cwd=repo,
                         capture_output=True, text=True, timeout=600,
                         env={**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"})
    assert red.returncode == 1 and "incident: checking data/events.csv and data/reports/" in red.stdout
    assert "data/reports/index.md: would change" in red.stderr
