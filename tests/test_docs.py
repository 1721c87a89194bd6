"""Every code example of the docs (docs/*.md) runs as written, in a folder of its own holding the
shipped events.csv, postmortems/, the files of docs/examples/ and the incident tools' saved answers of
tests/data/tools/ as tools/:

- ```python blocks run in order, one page's blocks after another's in one namespace;
- ```sh blocks run line by line in bash; each line must exit 0 (a line ending in `# exit N` must
  exit N);
- ```csv blocks are events files and must validate; ```markdown blocks are postmortem files and must
  read without an error; ```yaml blocks are CI configuration: they must parse, and a step that
  uses this repository's action may give it only the inputs action.yml has;
- ```text blocks are output and diagrams: shown, not run.

No other kind of block, and no indented code block (which would escape this test), is allowed. The
README's first-incident walkthrough has its own test (test_walkthrough.py)."""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

DOCS = ROOT / "docs"
KINDS = {"python", "sh", "csv", "markdown", "yaml", "text"}
FENCE = re.compile(r"^```([\w-]*)[^\n]*\n(.*?)^```[ \t]*$", re.M | re.S)


def pages() -> list[Path]:
    return sorted(DOCS.glob("*.md"))


def blocks(page: Path) -> list[tuple[str, str]]:
    return [(m[1], m[2]) for m in FENCE.finditer(page.read_text(encoding="utf-8"))]


def indented_code(page: Path) -> list[int]:
    """Lines that begin an indented code block: four spaces after a blank line that follows plain
    text (not a list item or its continuation, not inside a fence)."""
    lines = page.read_text(encoding="utf-8").splitlines()
    found, fenced, previous = [], False, ""
    for number, line in enumerate(lines, 1):
        if line.startswith("```"):
            fenced = not fenced
        if fenced:
            continue
        before = lines[number - 2] if number > 1 else ""
        if line.startswith("    ") and line.strip() and not before.strip() and previous \
                and not re.match(r"\s*([-*+]|\d+\.)\s|\s", previous):
            found.append(number)
        if line.strip():
            previous = line
    return found


@pytest.fixture
def folder(tmp_path) -> Path:
    """A folder as a reader's: the shipped events and postmortems, and the docs' example files."""
    shutil.copy(ROOT / "events.csv", tmp_path / "events.csv")
    shutil.copytree(ROOT / "postmortems", tmp_path / "postmortems")
    for example in (DOCS / "examples").iterdir():
        shutil.copy(example, tmp_path / example.name)
    shutil.copytree(ROOT / "tests" / "data" / "tools", tmp_path / "tools")  # the incident tools' saved answers
    return tmp_path


def test_every_block_is_of_a_kind_the_tests_run_and_none_is_indented():
    kinds = {(page.name, kind) for page in pages() for kind, _ in blocks(page)}
    assert {kind for _, kind in kinds} <= KINDS, kinds
    assert {page.name: indented_code(page) for page in pages() if indented_code(page)} == {}
    assert any(kind == "python" for _, kind in kinds) and any(kind == "sh" for _, kind in kinds)


@pytest.mark.parametrize("page", [p.name for p in pages() if any(k == "python" for k, _ in blocks(p))])
def test_the_python_examples_run(page, folder, monkeypatch, capsys):
    monkeypatch.chdir(folder)
    namespace: dict = {"__name__": "__docs__"}
    for number, (kind, code) in enumerate(blocks(DOCS / page), 1):
        if kind == "python":
            exec(compile(code, f"{page}, block {number}", "exec"), namespace)
    assert "Traceback" not in capsys.readouterr().err


@pytest.mark.parametrize("page", [p.name for p in pages() if any(k == "sh" for k, _ in blocks(p))])
def test_the_shell_examples_run(page, folder):
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
           "SOURCE_DATE_EPOCH": "1741132800"}
    for kind, code in blocks(DOCS / page):
        if kind != "sh":
            continue
        for command in code.replace("\\\n", " ").splitlines():
            if not command.strip() or command.lstrip().startswith("#"):
                continue
            wanted = re.search(r"#\s*exit (\d+)\s*$", command)
            done = subprocess.run(["bash", "-c", command], cwd=folder, env=env, capture_output=True, text=True, timeout=300)
            assert done.returncode == (int(wanted[1]) if wanted else 0), (command, done.stderr[-2000:])
            assert "Traceback" not in done.stderr, command


def test_the_data_examples_read_as_they_say():
    import yaml

    from incident.cli import build_parser
    from incident.events_csv.reader import parse
    from incident.postmortem import parse as parse_postmortem

    inputs = set(yaml.safe_load((ROOT / "action.yml").read_text())["inputs"])
    seen = set()
    for page in pages():
        for kind, code in blocks(page):
            seen.add(kind)
            if kind == "csv":
                result = parse(code.encode("utf-8"), f"{page.name}")
                assert result.ok, [str(d) for d in result.diagnostics]
            elif kind == "markdown":
                _, problems = parse_postmortem(code, "example", f"{page.name}")
                assert not [str(d) for d in problems if d.is_error]
            elif kind == "yaml" and "jobs" in yaml.safe_load(code):  # a GitHub workflow using the Action
                steps = [s for job in yaml.safe_load(code)["jobs"].values() for s in job["steps"]]
                ours = [s for s in steps if s.get("uses", "").split("@")[0].endswith("/incident")]
                assert ours and all(set(s.get("with", {})) <= inputs for s in ours), page.name
            elif kind == "yaml":  # a .pre-commit-config.yaml using the hooks: each hook's entry and args parse
                hooks = {h["id"]: h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())}
                used = [h for repo in yaml.safe_load(code)["repos"] for h in repo["hooks"]]
                assert used and all(h["id"] in hooks for h in used), page.name
                for hook in used:
                    words = hooks[hook["id"]]["entry"].split() + hook.get("args", hooks[hook["id"]].get("args", []))
                    if words[0] == "incident":
                        build_parser().parse_args(words[1:])
    assert {"yaml", "markdown"} <= seen
