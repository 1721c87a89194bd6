"""incident export: each format parsed back by a real reader and checked against the timeline."""

import csv
import io
import json
from datetime import datetime, timezone

import pytest

from incident.cli import main
from incident.events_csv.reader import load
from incident.render import exports
from incident.timeline.reconstruct import reconstruct_all

from conftest import EVENTS


@pytest.fixture(scope="module")
def timeline():
    return reconstruct_all(load(EVENTS).raise_for_errors().claims)["x-spaces-2024"]


def test_icalendar_parses_back_one_event_per_milestone_window(timeline):
    import icalendar

    data = exports.ics(timeline)
    calendar = icalendar.Calendar.from_ical(data)
    events = [c for c in calendar.walk("VEVENT")]
    by_uid = {str(e["UID"]): e for e in events}
    start = next(e for e in timeline.events if e.event == "conversation-start")
    vevent = by_uid["x-spaces-2024.conversation-start@incident"]
    assert vevent.decoded("DTSTART") == datetime.fromtimestamp(start.earliest, tz=timezone.utc)
    assert vevent.decoded("DTEND") == datetime.fromtimestamp(start.latest + 1, tz=timezone.utc)
    assert str(vevent["SUMMARY"]) == start.label
    assert len(events) == len({e["UID"] for e in events}) > 5
    # no wall clock: every DTSTAMP is the newest moment the events state, and the bytes repeat
    assert {e.decoded("DTSTAMP") for e in events} == {datetime(2024, 8, 14, 3, 59, 59, tzinfo=timezone.utc)}
    assert exports.ics(timeline) == data
    assert all(len(line.encode()) <= 75 for line in data.decode().split("\r\n"))  # folded


def test_icalendar_text_is_escaped():
    assert exports._ics_text("a;b,c\\d\ne\x07") == "a\\;b\\,c\\\\d\\ne"


def test_json_lines_give_every_claim_with_its_status(timeline):
    records = [json.loads(line) for line in exports.jsonl(timeline).decode().splitlines()]
    assert [r["line"] for r in records] == [c.line for c in timeline.claims]
    assert {r["status"] for r in records} >= {"kept", "set aside"}
    assert all(r["weight"] == timeline.weights.get(r["line"]) for r in records)


def test_timelinejs_sheet_has_the_template_columns(timeline):
    rows = list(csv.reader(io.StringIO(exports.timelinejs(timeline, "The title").decode())))
    assert tuple(rows[0]) == exports.TIMELINEJS_COLUMNS
    assert all(len(row) == len(exports.TIMELINEJS_COLUMNS) for row in rows)
    assert rows[1][9] == "The title" and rows[1][15] == "title"
    start = next(r for r in rows if r[9].startswith("Conversation starts"))
    assert start[:4] == ["2024", "8", "12", "20:42"] and start[8] == "2024-08-12 20:42 EDT (2024-08-13 00:42 UTC)"


def test_whole_report_json_holds_timeline_metrics_conflicts_and_claims(timeline):
    whole = json.loads(exports.report_json(timeline, "name", None))
    assert whole["incident"] == "x-spaces-2024" and whole["name"] == "name"
    assert {m["metric"] for m in whole["metrics"]} >= {"delay", "impact_duration"}
    delay = next(m for m in whole["metrics"] if m["metric"] == "delay")
    assert round(delay["minutes"]) == 42
    assert len(whole["conflicts"]) == len(timeline.conflicts) and len(whole["claims"]) == len(timeline.claims)


def test_the_command_writes_a_file_or_stdout(tmp_path, capsys):
    out = tmp_path / "x.ics"
    assert main(["export", "x-spaces-2024", "--format", "ics", "--events", str(EVENTS), "--out", str(out)]) == 0
    assert out.read_bytes().startswith(b"BEGIN:VCALENDAR\r\n")
    assert main(["export", "x-spaces-2024", "--format", "json", "--events", str(EVENTS)]) == 0
    assert json.loads(capsys.readouterr().out)["postmortem"]["title"]  # the shipped postmortem file's title
    assert main(["export", "nope", "--format", "json", "--events", str(EVENTS)]) == 2
