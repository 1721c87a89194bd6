"""What bad input gets: a message naming file, line and column, never a traceback, hang or damage.

One test per defect found by the hostile-input campaign, named after it.
"""

import io
import json

import pytest

from incident.cli import main

from conftest import check

HEADER = "incident,event,kind,time,tz,source,relative_to,offset_min,uncertainty_min"


def run(*argv):
    out, err = io.StringIO(), io.StringIO()
    code = main([str(a) for a in argv], stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def errors(text: str):
    return [(line, column, message) for line, column, severity, message in check(text) if severity == "error"]


# ---------------------------------------------------------------- instants outside the calendar


@pytest.mark.parametrize("row, column", [
    ("x,a,other,0001-01-01 00:00+14:00,,S,,,", "time"),
    ("x,a,other,9999-12-31 23:59-14:00,,S,,,", "time"),
    ("x,a,other,0001-01-01,UTC,S,,,", "time"),
    ("x,a,other,2024-01-01 00:00,UTC,S,,,1e20", "uncertainty_min"),
    ("x,b,other,,,S,a,1e12,", "offset_min"),
])
def test_instants_outside_the_calendar_are_line_errors(write, row, column):
    path = write(f"{HEADER}\nx,a,other,2024-01-01 00:00,UTC,S,,,\n{row}\n")
    for argv in (["validate", path], ["timeline", "x", "--events", path], ["metrics", "--events", path]):
        code, _, err = run(*argv)
        assert code == 1, err
        assert f"{path}:3: {column}: " in err
        assert "Traceback" not in err


def test_json_times_have_four_digit_years_at_the_calendar_s_edge(write):
    path = write(f"{HEADER}\nx,a,other,0001-01-03 12:00,UTC,S,,,\nx,b,other,,,S,a,-5270400,\n")
    code, out, err = run("timeline", "x", "--events", path, "--json")
    assert code == 0, err
    events = {e["event"]: e for e in json.loads(out)}
    assert events["a"]["estimate"] == "0001-01-03T12:00:00Z"
    assert events["b"]["earliest"] == "0001-01-02T00:00:00Z"  # a chain past the calendar stops at its edge


# ---------------------------------------------------------------- numbers and ids


@pytest.mark.parametrize("cell, accepted", [
    ("1_000", False), ("1,000", False), ("1e1", True), ("-0", True), ("+5", True), (".5", True),
    ("5.", True), ("nan", False), ("inf", False), ("−3", True), ("0x10", False),
])
def test_numbers_follow_one_grammar(cell, accepted):
    text = f"{HEADER}\nx,a,other,2024-01-01 00:00,UTC,S,,,\nx,b,other,,,S,a,\"{cell}\",\n"
    assert (errors(text) == []) is accepted, errors(text)


def test_a_number_with_separators_says_how_to_write_it():
    (problem,) = errors(f"{HEADER}\nx,a,other,2024-01-01 00:00,UTC,S,,,\nx,b,other,,,S,a,\"1_000\",\n")
    assert problem == (3, "offset_min", "'1_000' is not a number (offset_min); write it without separators: 1000")


def test_a_huge_incident_id_is_refused_before_it_names_a_file():
    ((line, column, message),) = errors(f"{HEADER}\n{'x' * 10_000},a,other,2024-01-01 00:00,UTC,S,,,\n")
    assert (line, column) == (2, "incident")
    assert "10,000 characters" in message and "at most 100" in message


# ---------------------------------------------------------------- every problem in one run


def test_every_check_runs_on_every_row():
    text = f"{HEADER}\nx,a,wrongkind,2024-08-12 20:00-05:00,ET,,,,-1\n"
    assert {column for _, column, _ in errors(text)} == {"kind", "source", "tz", "uncertainty_min"}


def test_an_event_defined_only_on_rows_with_errors_is_named_so():
    text = (f"{HEADER}\n"
            "x,onset,impact_start,2024-13-12 20:00,ET,S,,,\n"
            "x,onset,impact_start,2024-08-12 20:00,Mars/Base,S,,,\n"
            "x,back,recovery,,,S,onset,5,\n")
    assert errors(text)[-1] == (4, "relative_to", "event 'onset' is defined only on rows with errors (lines 2, 3): fix those first")


def test_kinds_are_compared_on_rows_with_other_errors():
    text = f"{HEADER}\nx,a,recovery,2024-08-12 20:00,Mars/Base,S,,,\nx,a,other,2024-08-12 20:00,UTC,S,,,\n"
    assert (3, "kind", "event 'a' is 'recovery' on line 2: all rows of one event have one kind") in errors(text)


# ---------------------------------------------------------------- fmt never damages a file


def test_fmt_quotes_a_lone_cr_and_the_file_reads_back_the_same(write):
    path = write(f'{HEADER},label\nx,a,other,2024-08-12 20:00,UTC,S,,,,"a\rb"\n')
    code, _, err = run("fmt", path)
    assert code == 0, err
    assert b'"a\rb"' in path.read_bytes()
    assert run("validate", path)[0] == 0
    assert run("fmt", "--check", path)[0] == 0


def test_fmt_refuses_output_that_would_not_read_back(write):
    from incident.events_csv.canonical import same_cells
    from incident.events_csv.reader import load

    path = write(f"{HEADER},label\nx,a,other,2024-08-12 20:00,UTC,S,,,,ab\n")
    events = load(path, keep_rows=True)
    assert same_cells(events, path.read_bytes()) is None
    assert "line 2" in same_cells(events, path.read_bytes().replace(b",ab\n", b",a\n"))
    assert "would not be valid" in same_cells(events, path.read_bytes().replace(b"other", b"otter"))


def test_fmt_writes_through_a_symbolic_link(write, tmp_path):
    target = write("incident,event,kind,source,time,tz\nx,a,other,S,2024-08-12 20:00,UTC\n", "real.csv")
    link = tmp_path / "events.csv"
    link.symlink_to(target.name)
    code, _, err = run("fmt", link)
    assert code == 0, err
    assert link.is_symlink()
    assert target.read_text().startswith("incident,event,kind,time,tz,source\n")


def test_fmt_keeps_the_spaces_in_the_analyst_s_column_names(write):
    path = write("incident,event,kind,source, My notes ,time,tz\nx,a,other,S,hello,2024-08-12 20:00,UTC\n")
    assert run("fmt", path)[0] == 0
    assert path.read_text().splitlines()[0] == "incident,event,kind,time,tz,source, My notes "


def test_fmt_killed_mid_write_leaves_no_debris(tmp_path):
    import os
    import signal
    import subprocess
    import sys
    import time

    rows = "".join(f"x,e{i},other,2024-08-12 20:{i % 60:02d},UTC,S{i},,,\n" for i in range(60_000))
    path = tmp_path / "events.csv"
    path.write_text(f"{HEADER}\n{rows}")
    before = path.read_bytes()
    for delay in (0.6, 1.2, 1.8):
        process = subprocess.Popen([sys.executable, "-m", "incident", "fmt", str(path)], stderr=subprocess.PIPE)
        time.sleep(delay)
        process.send_signal(signal.SIGTERM)
        _, err = process.communicate(timeout=60)
        assert b"Traceback" not in err
        assert sorted(p.name for p in tmp_path.iterdir()) == ["events.csv"]
        after = path.read_bytes()
        assert after == before or run("fmt", "--check", path)[0] == 0  # the old file or the new one
        path.write_bytes(before)
    assert os.path.exists(path)


# ---------------------------------------------------------------- files that are not files


def test_a_device_is_refused_at_once():
    code, _, err = run("validate", "/dev/zero")
    assert code == 2
    assert err == "incident validate: /dev/zero: is a device, not a CSV file\n"


def test_cr_only_line_endings_get_one_true_message(write):
    path = write("incident,event,kind,time,tz,source\rx,a,other,2024-08-12 20:00,UTC,S\r")
    code, _, err = run("validate", path)
    assert code == 1
    assert err.splitlines()[0] == f"{path}:1: file: lines end in a lone CR (a classic Mac 'CSV (Macintosh)' save): save it as 'CSV UTF-8', whose lines end in LF or CRLF"
    assert "empty" not in err


# ---------------------------------------------------------------- report: all or nothing


def test_a_report_that_cannot_write_one_file_changes_none(write, tmp_path):
    import os

    path = write(f"{HEADER}\nx,a,impact_start,2024-08-12 20:00,UTC,S,,,\nx,b,recovery,2024-08-12 20:30,UTC,S,,,\n")
    out = tmp_path / "out"
    assert run("report", "--events", path, "--out", out)[0] == 0
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    path.write_text(path.read_text().replace("20:30", "20:40"))
    blocked = out / "charts" / "x-timeline.svg"
    blocked.unlink()
    blocked.mkdir()  # a folder where a file must go: that one write fails
    del before[blocked]
    code, _, err = run("report", "--events", path, "--out", out)
    assert code == 1
    assert f"{blocked}: cannot write: " in err
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before  # nothing half-done
    assert not list(out.glob(".incident-report.tmp*"))
    os.rmdir(blocked)


# ---------------------------------------------------------------- report on files validate accepts


@pytest.mark.parametrize("rows", [
    "",  # a header alone
    "x,a,impact_start,2024-08-12,UTC,S,,,\n",  # days only
    "x,a,impact_start,,,S,b,5,\nx,b,recovery,,,S,a,-5,\n",  # relative claims with no absolute anchor
    "x,a,impact_start,2024-08-12 20:00,UTC,S,,,\nx,b,recovery,2042-08-12 20:00,UTC,S,,,\n",  # a year typo
    "x,a,impact_start,2024-08-12 20:00,UTC,S,,,\nx,b,recovery,,,S,a,5000000,\n",  # an offset typo
    "x,s,scheduled_start,2024-08-12 18:00,ET,S,,,\nx,b,recovery,9999-08-12 18:00,ET,S,,,\n",  # a wait of 8,000 years
])
def test_report_draws_every_file_validate_accepts(write, tmp_path, rows):
    path = write(f"{HEADER}\n{rows}")
    assert run("validate", path)[0] == 0
    code, _, err = run("report", "--events", path, "--out", tmp_path / "out")
    assert code == 0, err
    assert (tmp_path / "out" / "index.md").exists()


def test_a_year_typo_is_warned_with_its_line_and_charts_stay_bounded(write, tmp_path):
    from incident.render.comparison_chart import comparison_figure
    from incident.timeline.compare import lanes
    from incident.events_csv.reader import load
    from incident.timeline.reconstruct import reconstruct_all

    path = write(f"{HEADER}\nx,a,impact_start,2024-08-12 20:00,UTC,S,,,\nx,c,detection,2024-08-12 20:05,UTC,S,,,\n"
                 "x,b,recovery,2042-08-12 20:00,UTC,S,,,\n")
    code, _, err = run("validate", path)
    assert code == 0
    assert f"{path}:4: time: warning: 2042-08-12 is 18 years away from the rest of incident 'x' (2024-08-12): a typo in the date?" in err
    figure = comparison_figure(lanes(reconstruct_all(load(path).claims).values()), None)
    ticks = figure.axes[0].xaxis.get_major_locator()()
    assert len(ticks) <= 20


def test_chart_text_is_shown_as_written_never_as_mathematics(write, tmp_path):
    path = write(f"{HEADER},label\nx,a,impact_start,2024-08-12 20:00,UTC,S,,,,Back at $\\foo$\n"
                 "x,b,recovery,2024-08-12 20:10,UTC,S,,,,\"lost $5M, then $10M\"\n")
    code, _, err = run("report", "--events", path, "--out", tmp_path / "out")
    assert code == 0, err
    svg = (tmp_path / "out" / "charts" / "x-timeline.svg").read_text()
    assert "Back at $\\foo$" in svg
    assert "lost $5M, then $10M" in svg


def test_a_fixed_zone_label_stays_fixed_in_the_output(write):
    path = write(f"{HEADER}\nx,a,impact_start,2024-08-12 20:00,UTC,S,,,\n")
    code, out, _ = run("timeline", "x", "--events", path, "--tz", "EST")
    assert code == 0
    assert "local (EST)" in out and "15:00" in out and "EDT" not in out


# ---------------------------------------------------------------- a US-locale spreadsheet save

US = "incident,event,kind,time,tz,source\nx,a,impact_start,6/8/2021 9:47,UTC,S\nx,b,recovery,6/13/2021 10:47 PM,UTC,S\n"


def test_a_slash_date_names_both_readings_and_the_file_its_order(write):
    path = write(US)
    code, _, err = run("validate", path)
    assert code == 1
    lines = err.splitlines()
    assert lines[0] == (f"{path}:2: time: '6/8/2021 9:47' is ambiguous: 2021-06-08 (month first, US) or 2021-08-06 "
                        "(day first); write the date as ISO 8601 YYYY-MM-DD (incident fmt --dates mdy or dmy rewrites a whole file) "
                        "(incident 'x', event 'a')")
    assert lines[1] == (f"{path}:2: time: note: 2 time cells (lines 2, 3) have slash dates, as a spreadsheet saves them in "
                        f"its locale: all of them read as month/day/year (US); rewrite them as ISO 8601 with: incident fmt --dates mdy {path}")
    assert "reads only month first, as 2021-06-13" in lines[2]


def test_fmt_dates_mdy_rewrites_slash_dates_and_keeps_what_was_written(write):
    path = write(US)
    code, _, err = run("fmt", "--dates", "mdy", path)
    assert code == 0, err
    assert path.read_text() == ("incident,event,kind,time,tz,source,as_reported\n"
                                "x,a,impact_start,2021-06-08 09:47,UTC,S,6/8/2021 9:47\n"
                                "x,b,recovery,2021-06-13 22:47,UTC,S,6/13/2021 10:47 PM\n")
    assert run("validate", path)[0] == 0


def test_fmt_dates_refuses_a_date_that_does_not_exist_in_the_order_given(write):
    path = write(US)
    code, _, err = run("fmt", "--dates", "dmy", path)
    assert code == 1
    assert err == f"{path}:3: time: '6/13/2021 10:47 PM' is no date as day/month/year: not rewritten (--dates dmy)\n"
    assert path.read_text() == US


def test_fmt_dates_keeps_an_as_reported_already_there(write):
    path = write("incident,event,kind,time,tz,source,as_reported\nx,a,other,13/8/21 21:05,UTC,S,9:05 p.m.\n")
    assert run("fmt", "--dates", "dmy", path)[0] == 0
    assert path.read_text().splitlines()[1] == "x,a,other,2021-08-13 21:05,UTC,S,9:05 p.m."


def test_fmt_writes_through_an_unnamed_file_where_the_system_has_them(write, monkeypatch):
    import os

    import incident.files as events_csv

    probe = events_csv._unnamed_file(write("x").parent)
    if probe is None:
        pytest.skip("this file system has no O_TMPFILE")
    os.close(probe)
    fallback = []
    monkeypatch.setattr(events_csv.tempfile, "mkstemp", lambda *a, **k: fallback.append(a) or pytest.fail("fell back"))
    path = write("incident,event,kind,source,time,tz\nx,a,other,S,2024-08-12 20:00,UTC\n")
    assert run("fmt", path)[0] == 0
    assert path.read_text().startswith("incident,event,kind,time,tz,source\n")
    assert sorted(p.name for p in path.parent.iterdir()) == ["events.csv"]
