"""The command line: exit codes, streams, no tracebacks."""

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from incident.cli import MAX_DIAGNOSTICS, main

from conftest import EVENTS, HEADER, ROOT


def run(*argv):
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_validate_shipped_file_exits_0_with_warnings_on_stderr():
    code, out, err = run("validate", str(EVENTS))
    assert code == 0
    assert out == ""
    assert "valid: 114 claims, 2 incident(s)" in err
    assert ": as_reported: note: '12:42 GMT' matches 00:42 GMT only as a 12-hour clock reading" in err


def test_validate_invalid_file_exits_1_with_path_line_column(write):
    path = write(f"{HEADER}\nx,a,eror_report,2024-08-12,ET,AP\n")
    code, out, err = run("validate", str(path))
    assert code == 1
    assert err.splitlines() == [
        f"{path}:2: kind: 'eror_report' is not a kind; did you mean 'report'? (expected one of: "
        "scheduled_start, impact_start, detection, report, acknowledgement, communication, mitigation, "
        "recovery, resolution, end, measurement, cause, other)",
        f"{path}: invalid: 1 error(s), 0 warning(s)",
    ]


def test_validate_defaults_to_events_csv_in_the_current_folder(write, monkeypatch):
    path = write(f"{HEADER}\nx,a,other,2024-08-12,ET,AP\n")
    monkeypatch.chdir(path.parent)
    assert run("validate")[0] == 0


def test_validate_never_modifies_the_file(write):
    text = f"{HEADER}\r\nx,a,bad,2024-08-12,ET,AP\r\n"
    path = write(text)
    before = path.read_bytes()
    run("validate", str(path))
    assert path.read_bytes() == before


def test_many_errors_are_capped_with_a_count(write):
    rows = "".join(f"x,a{i},bad,2024-08-12,ET,AP\n" for i in range(MAX_DIAGNOSTICS + 50))
    code, _, err = run("validate", str(write(HEADER + "\n" + rows)))
    assert code == 1
    lines = err.splitlines()
    assert len(lines) == MAX_DIAGNOSTICS + 2
    assert lines[-2] == "… and 50 more (50 errors) not shown"


@pytest.mark.parametrize("argv", [["frobnicate"], ["validate", "a.csv", "b.csv"], []])
def test_usage_errors_exit_2(argv, capsys):
    code, _, _ = run(*argv)
    assert code == 2


def test_missing_file_exits_1(tmp_path):
    code, _, err = run("validate", str(tmp_path / "none.csv"))
    assert code == 1
    assert "none.csv:1: file: no such file" in err


def _env():
    env = dict(os.environ)
    env.pop("PYTHONPATH", None)
    return env


def test_installed_script_runs_as_a_subprocess_without_traceback(write):
    script = Path(sys.executable).with_name("incident")
    bad = write(b"incident,event,kind,time,tz,source\nx,a,other,2024-08-12,ET,\xff\n")
    done = subprocess.run([str(script), "validate", str(bad)], capture_output=True, text=True, env=_env())
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert ":2: file: byte 0xFF at column 25 is not UTF-8" in done.stderr
    done = subprocess.run([sys.executable, "-m", "incident", "validate", str(EVENTS)], capture_output=True, text=True, env=_env(), cwd=ROOT)
    assert done.returncode == 0, done.stderr


def test_validate_does_not_import_matplotlib_or_pandas():
    code = (
        "import sys; from incident.cli import main; "
        f"rc = main(['validate', {str(EVENTS)!r}]); "
        "print(rc, 'matplotlib' in sys.modules, 'pandas' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=_env())
    assert done.stdout.split() == ["0", "False", "False"]
