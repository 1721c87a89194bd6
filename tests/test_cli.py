"""The command line: exit codes, streams, no tracebacks."""

import io
import json
import re
import os
import subprocess
import sys
from pathlib import Path

import pytest

from incident.diagnostics import MAX_DIAGNOSTICS
from incident.cli import main

from conftest import EVENTS, HEADER, ROOT


def run(*argv):
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_validate_shipped_file_exits_0_with_warnings_on_stderr():
    code, out, err = run("validate", str(EVENTS))
    assert code == 0
    assert out == ""
    assert "valid: 114 claims, 2 incidents, 2 warnings, 2 notes" in err  # real plurals; notes are not warnings
    assert ": as_reported: note: '12:42 GMT' matches 00:42 GMT only as a 12-hour clock reading" in err


def test_validate_invalid_file_exits_1_with_path_line_column(write):
    path = write(f"{HEADER}\nx,a,eror_report,2024-08-12,ET,AP\n")
    code, out, err = run("validate", str(path))
    assert code == 1
    assert err.splitlines() == [
        f"{path}:2: kind: 'eror_report' is not a kind; did you mean 'report'? (expected one of: "
        "scheduled_start, impact_start, detection, report, acknowledgement, communication, mitigation, "
        "recovery, resolution, end, measurement, cause, other) (incident 'x', event 'a')",  # which claim, not only the line
        f"{path}: invalid: 1 error",
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


@pytest.mark.parametrize("command", [["validate", "PATH"], ["fmt", "PATH"], ["timeline", "x", "--events", "PATH"], ["report", "--events", "PATH", "--out", "OUT"]])
def test_a_missing_file_is_a_usage_error_without_a_line(tmp_path, command):
    path = tmp_path / "none.csv"
    argv = [str(path) if a == "PATH" else str(tmp_path / "out") if a == "OUT" else a for a in command]
    code, _, err = run(*argv)
    assert code == 2
    assert err == f"incident {command[0]}: {path}: no such file\n"
    assert not (tmp_path / "out").exists()


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


# ---------------------------------------------------------------- timeline and metrics


from conftest import EXAMPLES  # noqa: E402


def test_timeline_json_shape():
    code, out, err = run("timeline", "x-spaces-2024", "--events", str(EVENTS), "--json")
    assert code == 0 and err == ""
    events = json.loads(out)
    start = next(e for e in events if e["event"] == "conversation-start")
    assert {"incident", "event", "kind", "label", "estimate", "earliest", "latest", "sources", "conflict"} <= set(start)
    # "8:42 p.m." from most sources, "8:41 p.m." from one: both readings meet in 20:41:30–20:41:59 EDT
    assert start["earliest"] == "2024-08-13T00:41:30Z" and start["latest"] == "2024-08-13T00:41:59Z"
    assert start["earliest"] <= start["estimate"] <= start["latest"]
    assert start["undecided"] is False
    assert start["earliest"].endswith("Z") and start["latest"].endswith("Z")
    assert start["conflict"] is True
    assert "AP" in start["sources"]


def test_timeline_table_reads_in_a_terminal():
    code, out, _ = run("timeline", "x-spaces-2024", "--events", str(EVENTS))
    assert code == 0
    line = next(l for l in out.splitlines() if "Conversation starts" in l)
    # 8:42 p.m. EDT on the 12th is 00:42 UTC on the 13th: the UTC cell says its own date
    assert line.startswith("!") and "2024-08-12 20:42" in line and "2024-08-13 00:42Z" in line
    link = next(l for l in out.splitlines() if "Space link posted" in l)
    assert " 23:45Z " in link and "2024-08-12 23:45Z" not in link  # the same day: the clock alone
    assert "local (America/New_York, EDT)" in out
    assert "set aside Mashable “just over 54 minutes” (line 93), 6; kept: Elon Musk “8pm ET” (line 62) + " in out


def test_timeline_tz_option_changes_the_local_column():
    code, out, _ = run("timeline", "x-spaces-2024", "--events", str(EVENTS), "--tz", "Europe/London")
    assert code == 0
    line = next(l for l in out.splitlines() if "Conversation starts" in l)
    assert "2024-08-13 01:42" in line


def test_metrics_json_shape_and_undefined_is_null():
    code, out, _ = run("metrics", "fastly-2021", "--events", str(EXAMPLES), "--json")
    assert code == 0
    rows = {r["metric"]: r for r in json.loads(out)}
    assert rows["time_to_resolve"]["minutes"] == 177
    detect = rows["time_to_detect"]
    assert {k: detect[k] for k in ("incident", "metric", "minutes", "low", "high", "from", "to")} == {
        "incident": "fastly-2021", "metric": "time_to_detect", "minutes": 1.0, "low": -0.48, "high": 2.48, "from": "disruption-onset",
        "to": "monitoring-identifies"}
    assert (detect["state"], detect["why"], detect["start"]) == ("estimate", "", "2021-06-08T09:47:00Z")
    assert rows["delay"]["minutes"] is None and rows["delay"]["low"] is None
    assert (rows["delay"]["state"], rows["delay"]["why"]) == ("not_applicable", "an outage: no scheduled start")


def test_metrics_table_uses_a_dash_for_undefined():
    code, out, _ = run("metrics", "desantis-2023", "x-spaces-2024", "--events", str(EVENTS))
    assert code == 0
    delay = [l.split() for l in out.splitlines() if " delay " in f" {l} "]
    assert [row[:4] for row in delay] == [["desantis-2023", "delay", "26", "min"], ["x-spaces-2024", "delay", "42", "min"]]
    assert any(l.split()[1:3] == ["time_to_mitigate", "—"] for l in out.splitlines() if l.startswith("x-spaces"))


def test_metrics_table_shows_the_estimate_and_its_range_as_the_report_does():
    # the report reads "Time to detect | 13 min | 7–19 min"; the terminal table says the same
    code, out, _ = run("metrics", "x-spaces-2024", "--events", str(EVENTS))
    assert code == 0
    detect = next(l for l in out.splitlines() if " time_to_detect " in l)
    assert detect.split()[2:6] == ["13", "min", "7–19", "min"]
    duration = next(l for l in out.splitlines() if " duration " in l)
    assert "2 h 05 min  " in duration and "2 h – 2 h 10 min" in duration


def test_metrics_print_the_estimate_a_reader_sees_in_every_view(tmp_path):
    """An impact start at 10:01:00 and a recovery stated as 10:06 (its estimate the middle of that
    minute): the exact difference is 5.5 min, which would print '6 min', while the report reads
    10:01 → 10:06, '5 min'. The terminal table, the JSON's shown_minutes and the report agree."""
    events = tmp_path / "events.csv"
    events.write_text(
        "incident,event,kind,label,time,tz,source,source_type\n"
        "svc-2025,impact-start,impact_start,Errors begin,2025-03-04 10:00,UTC,Ops log,operator\n"
        "svc-2025,impact-start,impact_start,Errors begin,2025-03-04 10:01,UTC,Status page,operator\n"
        "svc-2025,recovery,recovery,Errors end,2025-03-04 10:06,UTC,Ops log,operator\n", encoding="utf-8")
    code, out, _ = run("metrics", "--events", str(events))
    assert code == 0
    recover = next(l for l in out.splitlines() if " time_to_recover " in l)
    assert recover.split()[2:6] == ["5", "min", "5–6", "min"]
    code, out, _ = run("metrics", "--json", "--events", str(events))
    record = next(r for r in json.loads(out) if r["metric"] == "time_to_recover")
    assert (record["minutes"], record["shown_minutes"]) == (5.5, 5.0)
    code, out, _ = run("metrics", "desantis-2023", "--json", "--events", str(EVENTS))
    for record in json.loads(out):  # every estimate has the form every view prints, update metrics' too
        assert (record["minutes"] is None) == (record["shown_minutes"] is None), record
    assert run("report", "--events", str(events), "--out", str(tmp_path / "reports"))[0] == 0
    assert "| Time to recover | 5 min | 5–6 min |" in (tmp_path / "reports" / "svc-2025.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("argv", [
    ["timeline", "nope"],
    ["timeline", "x-spaces-2024", "--tz", "Mars/Olympus"],
    ["metrics", "nope"],
])
def test_unknown_incident_or_zone_is_a_usage_error(argv):
    code, out, err = run(*argv[:2], "--events", str(EVENTS), *argv[2:])
    assert code == 2 and out == ""
    assert err.startswith(f"incident {argv[0]}: ")


@pytest.mark.parametrize("command", [["timeline", "x"], ["metrics"]])
def test_invalid_input_gives_the_validate_messages(write, command):
    path = write(f"{HEADER}\nx,a,other,2024-08-12 25:00,ET,AP\n")
    code, out, err = run(*command, "--events", str(path))
    assert code == 1 and out == ""
    assert err.startswith(f"{path}:2: time: '2024-08-12 25:00': 25:00 is not a time of day")


def test_validate_streams_and_counts_past_the_stored_cap(write, monkeypatch):
    import incident.events_csv.reader as events_csv

    monkeypatch.setattr(events_csv, "MAX_STORED", 5)
    rows = "".join(f"x,a{i},bad,2024-08-12,ET,AP\n" for i in range(12))
    code, _, err = run("validate", str(write(HEADER + "\n" + rows)))
    assert code == 1
    lines = err.splitlines()
    assert lines[-2] == "… and 7 more (7 errors) not shown"
    assert lines[-1].endswith("invalid: 12 errors")


def test_a_line_too_long_to_be_a_row_stops_cleanly(write):
    from incident.events_csv.limits import MAX_LINE

    path = write(HEADER + "\n" + "x" * (MAX_LINE + 10))
    code, _, err = run("validate", str(path))
    assert code == 1
    assert ":2: row: line longer than" in err


def test_every_command_has_help_and_is_in_the_docs():
    import argparse

    from incident.cli import build_parser

    readme = (ROOT / "docs" / "commands.md").read_text(encoding="utf-8")
    parser = build_parser()
    commands = next(a for a in parser._actions if a.dest == "command")
    assert sorted(commands.choices) == ["explain", "export", "extract", "fmt", "import", "metrics", "new", "report", "schema", "stats", "timeline", "validate"]

    def check(name, sub):
        assert sub.description, name
        assert f"`incident {name}" in readme, name
        for action in sub._actions:
            if isinstance(action, argparse._SubParsersAction):
                for child, subsub in action.choices.items():
                    check(f"{name} {child}", subsub)
            elif action.option_strings and action.dest != "help":
                assert action.help, (name, action.dest)
                assert any(opt in readme for opt in action.option_strings), (name, action.option_strings)

    for name, sub in commands.choices.items():
        check(name, sub)


def test_the_formats_worked_rows_are_valid_claims():
    """The format's table of worked rows (docs/format.md) is checked like any events.csv (with the
    events its relative rows count from)."""
    import csv as csv_module

    from incident.events_csv.reader import parse

    readme = (ROOT / "docs" / "format.md").read_text(encoding="utf-8")
    section = readme.split("## One worked row for each kind of claim")[1].split("Conventions of the shipped data")[0]
    tables = [block.strip().splitlines() for block in re.split(r"\n(?!\|)[^\n]*\n", section) if block.strip().startswith("|")]
    anchors = [
        {"incident": "x-spaces-2024", "event": "scheduled-start", "kind": "scheduled_start", "time": "2024-08-12 20:00", "tz": "ET", "source": "AP"},
        {"incident": "x-spaces-2024", "event": "false-start", "kind": "other", "time": "2024-08-12 20:35", "tz": "EDT", "source": "NYT"},
        # the source the format-1.2 correction names
        {"incident": "cloudflare-2019-07-02", "event": "waf-global-kill", "kind": "mitigation", "time": "2019-07-02 14:09",
         "tz": "UTC", "source": "Cloudflare blog (2 July 2019)"},
        # the events the made-up format-1.3 rows count from, and the copy of "AP" the correction names
        {"incident": "example", "event": "deploy", "kind": "other", "time": "2024-03-05 09:55", "tz": "UTC", "source": "Ops log"},
        {"incident": "example", "event": "outage-start", "kind": "impact_start", "time": "2024-03-05 10:00", "tz": "UTC", "source": "Ops log"},
        {"incident": "example", "event": "fix", "kind": "mitigation", "time": "2024-03-05 14:10", "tz": "UTC", "source": "Paper", "via": "AP"},
    ]
    counts = []
    for lines in tables:
        header = [c.strip() for c in lines[0].strip("|").split("|")][1:]  # the first column names the form
        rows = [[c.strip() for c in l.strip("|").split("|")][1:] for l in lines[2:]]
        out = io.StringIO()
        writer = csv_module.writer(out)
        writer.writerow(header)
        writer.writerows(rows)
        writer.writerows([[anchor.get(h, "") for h in header] for anchor in anchors])
        result = parse(out.getvalue().encode())
        assert result.ok, [str(d) for d in result.diagnostics]
        counts.append(len(rows))
    assert counts == [5, 3, 4, 5]
