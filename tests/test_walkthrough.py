"""The README's "Your first incident", run as a newcomer would: its code block as written, step by
step in a shell, in a home folder of its own, with a saved text for `extract`. When the README
changes, this test runs what it says now."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

SECTION = "### Your first incident"

# what a newcomer saved from the operator's status page: the text `cp ~/Downloads/article.txt .` takes
ARTICLE = """Elevated errors on the CDN

The outage began at 09:02 PT on 4 March 2025: users saw errors on every site Acme serves.
Engineers were paged at 09:09 PT.
The configuration change was rolled back at 10:15 PT.
Service was fully restored at 11:40 PT.
"""


def walkthrough() -> list[str]:
    """The commands of the section's first code block (indented four spaces), comments kept."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split(SECTION + "\n", 1)[1].split("\n#", 1)[0]
    lines = section.splitlines()
    first = next(i for i, line in enumerate(lines) if line.startswith("    "))
    block = []
    for line in lines[first:]:
        if not line.startswith("    "):
            break
        block.append(line[4:])
    return block


def test_the_walkthrough_starts_in_a_folder_of_ones_own():
    steps = [step for step in walkthrough() if not step.lstrip().startswith("#")]
    assert steps[0].startswith("source .venv/bin/activate")
    assert any(step.startswith("mkdir") and "cd " in step for step in steps[:3])
    assert any(step.startswith("incident new ") for step in steps)
    assert any(step.startswith("incident extract ") and "--append events.csv" in step for step in steps)
    assert steps[-1].startswith("incident report")


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash, which runs the README's steps")
def test_the_readme_walkthrough_runs_step_by_step(tmp_path):
    home, clone = tmp_path / "home", tmp_path / "clone"
    (home / "Downloads").mkdir(parents=True)
    (home / "Downloads" / "article.txt").write_text(ARTICLE, encoding="utf-8")
    # the clone after `make report`: its environment's activate puts the installed `incident` on PATH
    (clone / ".venv" / "bin").mkdir(parents=True)
    (clone / ".venv" / "bin" / "activate").write_text(f'export PATH="{Path(sys.executable).parent}:$PATH"\n')
    env = {"HOME": str(home), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "SOURCE_DATE_EPOCH": "1741132800"}
    done = []
    shell = subprocess.Popen(["bash", "--noprofile", "--norc"], cwd=clone, env=env, text=True,
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    script = []
    for number, step in enumerate(walkthrough(), 1):
        if step.lstrip().startswith("#") or not step.strip():
            continue
        # each step, then its exit code on a line of its own: the test follows the shell step by step
        script.append(f"{step}\necho \"@@step {number} exit $?\"\n")
    output, _ = shell.communicate("".join(script), timeout=300)
    for line in output.splitlines():
        if line.startswith("@@step "):
            done.append(line)
    assert done and all(line.endswith(" exit 0") for line in done), output
    assert len(done) == len([s for s in walkthrough() if s.strip() and not s.lstrip().startswith("#")]), output
    assert "Traceback" not in output
    folder = home / "outages"
    report = (folder / "reports" / "cdn-outage-2025.md").read_text(encoding="utf-8")
    assert report.startswith("# CDN outage, 4 March 2025\n")
    assert "| Time to recover | 2 h 38 min |" in report  # 09:02 PT to 11:40 PT, as the saved text says
    assert (folder / "reports" / "charts" / "cdn-outage-2025-timeline.svg").is_file()
    assert (folder / "postmortems" / "cdn-outage-2025.md").is_file()
    assert not (ROOT / "reports" / "cdn-outage-2025.md").exists()  # nothing written into the clone
    assert "events.csv: valid: 4 claims, 1 incident" in output  # validate names the starter rows left, and passes
