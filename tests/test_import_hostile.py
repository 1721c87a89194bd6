"""Importers on legal, odd and hostile JSON: no traceback, linear time, bounded memory, no formula
reaching a spreadsheet, and messages that name the record."""

import copy
import csv
import io
import json
import random
import time

import pytest

from incident.cli import main


def run(*argv):
    out, err = io.StringIO(), io.StringIO()
    code = main([str(a) for a in argv], stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


BASE = {
    "page": {"name": "Acme", "url": "https://status.acme.example"},
    "incident": {
        "id": "abc123", "name": "API errors", "created_at": "2025-07-14T09:21:40.512-05:00",
        "incident_updates": [
            {"id": "u1", "status": "investigating", "body": "We are investigating errors.",
             "created_at": "2025-07-14T09:21:40.512-05:00", "display_at": "2025-07-14T09:21:40.512-05:00",
             "affected_components": [{"name": "API", "old_status": "operational", "new_status": "major_outage"}]},
            {"id": "u2", "status": "resolved", "body": "Resolved.", "created_at": "2025-07-14T10:45:00.000-05:00"},
        ],
    },
}


def importing(tmp_path, record, *extra, name="record.json", raw=None):
    path = tmp_path / name
    path.write_bytes(raw if raw is not None else json.dumps(record).encode())
    start = time.perf_counter()
    code, out, err = run("import", "statuspage", path, *extra)
    elapsed = time.perf_counter() - start
    assert "Traceback" not in err
    return code, out, err, elapsed


def with_update(**changes):
    record = copy.deepcopy(BASE)
    record["incident"]["incident_updates"][0].update(changes)
    return record


@pytest.mark.parametrize("changes", [
    {"body": None}, {"body": 5}, {"body": ["a", "b"]}, {"body": {"x": 1}},
    {"affected_components": 3}, {"affected_components": True}, {"affected_components": [1, "x", None]},
    {"display_at": 5}, {"display_at": {"a": 1}}, {"updated_at": []}, {"status": 7}, {"id": None},
])
def test_odd_but_legal_fields_import_without_a_traceback(tmp_path, changes):
    code, out, err, _ = importing(tmp_path, with_update(**changes))
    assert code == 0, err
    assert "abc123" in out


@pytest.mark.parametrize("stamp", ["0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-14:00", "2025-02-30T10:00:00Z",
                                   "2025-07-14T99:00:00Z", 1720000000, None])
def test_an_unreadable_or_out_of_calendar_time_is_named_not_a_traceback(tmp_path, stamp):
    code, _, err, _ = importing(tmp_path, with_update(created_at=stamp))
    assert code == 1 and "record.json: incident 1: abc123: an update without a readable created_at" in err


def test_legacy_entries_on_impossible_dates_are_skipped(tmp_path):
    record = copy.deepcopy(BASE)
    record["incident"]["incident_updates"] = [{
        "id": "u1", "status": "resolved", "created_at": "2018-10-22T23:03:57Z",
        "body": "<ul><li><strong>2018-02-30 10:00:00</strong> - bad day</li><li><strong>2018-10-22 99:00:00</strong> - bad hour</li>"
                "<li><strong>2018-10-22 10:00:00</strong> - real</li><li><strong>2018-10-22 11:00:00</strong> - later</li></ul>",
    }]
    code, out, err, _ = importing(tmp_path, record)
    assert code == 0, err
    assert "bad day" not in out and "real" in out


def test_a_resolved_legacy_incident_of_one_entry_is_resolved_by_then_not_open_for_years(tmp_path):
    """The 2018 migration left some incidents one entry long ("… Service has been restored"), marked
    resolved: one entry says when the page spoke, not when the incident ended (never 0 minutes), but
    it was resolved no later than then; without that claim the incident counts as open to the file's
    last date, years later."""
    record = copy.deepcopy(BASE)
    record["incident"].update(status="resolved", created_at="2012-08-30T12:55:02Z", resolved_at="2012-08-30T12:55:02Z")
    record["incident"]["incident_updates"] = [{
        "id": "u1", "status": "resolved", "created_at": "2018-12-05T11:29:55Z", "display_at": "2012-08-30T12:55:02Z",
        "body": "<ul><li><strong>2012-08-30 12:55:02</strong> - Pages were degraded. Service has been restored.</li></ul>"}]
    code, out, err, _ = importing(tmp_path, record)
    assert code == 0, err
    resolved = [r for r in csv.DictReader(io.StringIO(out)) if r["kind"] == "resolution"]
    assert [(r["time"], r["bound"]) for r in resolved] == [("2012-08-30 12:55:02", "not_after")]
    events = tmp_path / "events.csv"
    events.write_text(out, encoding="utf-8")
    code, out, err = run("metrics", "--json", "--events", events)
    resolve = next(r for r in json.loads(out) if r["metric"] == "time_to_resolve")
    assert resolve["state"] != "open", resolve
    record["incident"]["status"] = "investigating"  # not marked resolved: nothing says it ended
    code, out, err, _ = importing(tmp_path, record)
    assert not [r for r in csv.DictReader(io.StringIO(out)) if r["kind"] == "resolution"]
    record["incident"]["status"] = "resolved"  # marked resolved, but its only words say it began: no end by then
    record["incident"]["incident_updates"][0]["body"] = (
        "<ul><li><strong>2012-08-30 12:55:02</strong> - We are investigating reports of elevated errors.</li></ul>")
    code, out, err, _ = importing(tmp_path, record)
    assert not [r for r in csv.DictReader(io.StringIO(out)) if r["kind"] == "resolution"]


def test_prose_at_the_calendars_end_imports(tmp_path):
    record = with_update(body="On December 31, 9999, from 23:00 UTC to 01:00 UTC, errors rose.",
                         created_at="9998-12-31T23:00:00Z")
    record["incident"]["created_at"] = "9998-12-31T23:00:00Z"
    code, _, err, _ = importing(tmp_path, record)
    assert code in (0, 1) and "Traceback" not in err


def test_json_nested_a_hundred_thousand_levels_is_named(tmp_path):
    code, _, err, _ = importing(tmp_path, None, raw=b"[" * 100_000 + b"]" * 100_000)
    assert code == 1 and "record.json: JSON nested too deeply" in err


def test_a_byte_order_mark_is_accepted(tmp_path):
    code, out, err, _ = importing(tmp_path, None, raw=b"\xef\xbb\xbf" + json.dumps(BASE).encode())
    assert code == 0, err


def test_ten_thousand_unclosed_legacy_entries_and_unclosed_tags_are_linear(tmp_path):
    record = copy.deepcopy(BASE)
    record["incident"]["incident_updates"] = [{"id": "u1", "status": "resolved", "created_at": "2018-10-22T23:03:57Z",
                                                "body": "<li><strong>2018-10-22 10:00:00</strong> - x" * 10_000}]
    code, _, err, elapsed = importing(tmp_path, record)
    assert code == 0 and elapsed < 5, (err, elapsed)
    code, _, err, elapsed = importing(tmp_path, with_update(body="<" * 200_000))
    assert code == 0 and elapsed < 5, (err, elapsed)


def test_a_huge_body_is_cut_and_says_so(tmp_path):
    code, out, err, _ = importing(tmp_path, with_update(body="word " * 1_000_000))
    assert code == 0, err
    assert "the update's text is cut at 100,000 characters" in out
    assert max(len(line) for line in out.splitlines()) < 300_000


def test_a_file_larger_than_any_answer_is_refused_before_it_is_read(tmp_path):
    path = tmp_path / "huge.json"
    with path.open("wb") as handle:
        handle.truncate(65 << 20)
    code, _, err = run("import", "statuspage", path)
    assert code == 1 and "huge.json: larger than 64 MB" in err


@pytest.mark.parametrize("text", ["=HYPERLINK(\"http://evil\",\"x\")", "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)"])
def test_imported_text_never_starts_a_formula(tmp_path, text):
    record = copy.deepcopy(BASE)
    record["incident"]["name"] = text
    record["incident"]["incident_updates"][0]["body"] = text
    code, out, err, _ = importing(tmp_path, record)
    assert code == 0, err
    for row in csv.DictReader(io.StringIO(out)):
        for column in ("label", "quote", "note", "source"):
            assert not (row.get(column) or "").startswith(("=", "+", "-", "@")), (column, row[column])


def test_a_nul_or_an_escape_in_a_body_is_dropped_not_the_record(tmp_path):
    code, out, err, _ = importing(tmp_path, with_update(body="We are \x00investigating \x1b[2J errors."))
    assert code == 0, err
    assert "\x00" not in out and "\x1b" not in out and "We are investigating errors." in out


def test_messages_after_an_append_name_lines_of_the_file_as_written(tmp_path):
    events = tmp_path / "events.csv"
    events.write_text("incident,event,kind,time,tz,source\nmine,a,other,2025-01-01 10:00,UTC,me\n")
    record = copy.deepcopy(BASE)
    record["page"]["name"] = ""
    record["incident"]["id"] = "a" * 40
    code, _, err, _ = importing(tmp_path, record, "--append", events)
    assert code == 0 and "Traceback" not in err
    written = events.read_text().count("\n")
    for line in err.splitlines():  # every line a message names is a line of the file as written
        number = line[len(f"{events}:"):].split(":", 1)[0]
        if line.startswith(f"{events}:") and number.isdigit():
            assert int(number) <= written, line


def test_two_gcp_incidents_with_one_number_stay_two(tmp_path):
    incidents = [
        {"id": "AAA", "number": "42", "begin": "2025-01-01T10:00:00+00:00", "created": "2025-01-01T10:05:00+00:00",
         "end": "2025-01-01T11:00:00+00:00", "external_desc": "One", "updates": []},
        {"id": "BBB", "number": "42", "begin": "2025-03-03T10:00:00+00:00", "created": "2025-03-03T10:05:00+00:00",
         "end": "2025-03-03T11:00:00+00:00", "external_desc": "Two", "updates": []},
    ]
    path = tmp_path / "incidents.json"
    path.write_text(json.dumps(incidents))
    code, out, err = run("import", "gcp", path)
    assert code == 0, err
    assert {row["incident"] for row in csv.DictReader(io.StringIO(out))} == {"gcp-42-aaa", "gcp-42-bbb"}


def test_fuzzed_statuspage_json_never_gives_a_traceback(tmp_path):
    """Fixed seeds: the base record with fields replaced by values of other JSON types."""
    values = [None, 0, -1, 1.5, True, "", "x", "<", "<li>", "2025-07-14T09:21:40Z", "9999-12-31T23:59:59Z", [], [1], {}, {"a": None}]
    for seed in range(60):
        rng = random.Random(seed)
        record = copy.deepcopy(BASE)
        targets = [record, record["page"], record["incident"], *record["incident"]["incident_updates"]]
        for _ in range(rng.randint(1, 4)):
            target = rng.choice(targets)
            target[rng.choice(list(target) or ["x"])] = rng.choice(values)
        code, _, err, elapsed = importing(tmp_path, record)
        assert code in (0, 1, 2) and elapsed < 5, (seed, err)
