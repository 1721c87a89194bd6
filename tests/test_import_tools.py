"""`incident import pagerduty|incidentio|firehydrant|rootly`: the tools' saved answers
(tests/data/tools, in the shapes their API documentation gives) to claims; and the end to end:
import → validate → report, whose metrics are the differences of the milestones the tools recorded."""

import csv
import io
import json
import shutil
from datetime import datetime
from pathlib import Path

import pytest

from incident.cli import main

TOOLS = Path(__file__).parent / "data" / "tools"


def run(*argv):
    out, err = io.StringIO(), io.StringIO()
    code = main([str(a) for a in argv], stdout=out, stderr=err)
    assert "Traceback" not in err.getvalue()
    return code, out.getvalue(), err.getvalue()


def rows_of(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text)))


def imported(tool: str, *extra):
    code, out, err = run("import", tool, *sorted((TOOLS / tool).glob("*.json")), *extra)
    assert code == 0, err
    return rows_of(out), err


def pick(rows, kind, source):
    found = [r for r in rows if r["kind"] == kind and r["source"] == source]
    assert len(found) == 1, (kind, source, rows)
    return found[0]


def test_pagerduty_trigger_acknowledge_resolve_and_the_times_notes_state():
    rows, err = imported("pagerduty")
    assert {r["incident"] for r in rows} == {"pagerduty-1234"}
    service = "My Mail Service (PagerDuty)"
    assert (pick(rows, "detection", service)["time"], pick(rows, "detection", service)["label"]) == ("2015-10-06 21:30:42", "The server is on fire.")
    assert pick(rows, "acknowledgement", service)["time"] == "2015-10-06 21:35:42"
    assert pick(rows, "resolution", service)["time"] == "2015-10-06 21:52:03"
    assert pick(rows, "acknowledgement", service)["quote"] == "Acknowledged by Earline Greenholt"
    note = "My Mail Service (PagerDuty note)"
    start, failover = pick(rows, "impact_start", note), pick(rows, "mitigation", note)
    assert (start["time"], start["tz"], start["as_reported"], start["published"]) == ("2015-10-06 21:24", "UTC", "21:24 UTC", "2015-10-06 21:44:10Z")
    assert failover["time"] == "2015-10-06 21:39" and "failed over" in failover["quote"]
    assert pick(rows, "recovery", note)["time"] == "2015-10-06 21:47"  # from the notes answer beside the log
    assert {r["source_type"] for r in rows} == {"operator"}
    assert not any(r["kind"] in ("communication", "other") for r in rows)  # notify, escalate: no claims


def test_pagerduty_incident_answer_alone():
    code, out, err = run("import", "pagerduty", TOOLS / "pagerduty" / "incident.json")
    assert code == 0, err
    rows = rows_of(out)
    assert [(r["kind"], r["time"]) for r in rows] == [
        ("detection", "2015-10-06 21:30:42"), ("acknowledgement", "2015-10-06 21:35:42"), ("resolution", "2015-10-06 21:52:03")]


def test_incidentio_timestamps_updates_and_its_summary_drafted():
    rows, err = imported("incidentio")
    tool = [r for r in rows if r["source"] == "incident.io"]
    assert {(r["kind"], r["time"], r["label"]) for r in tool} == {
        ("impact_start", "2021-08-17 13:10:00", "Our database is sad"), ("detection", "2021-08-17 13:28:57", "Reported at"),
        ("acknowledgement", "2021-08-17 13:31:02", "Accepted at"), ("mitigation", "2021-08-17 13:55:40", "Fixed at"),
        ("resolution", "2021-08-17 14:12:09", "Resolved at")}
    assert pick(rows, "resolution", "incident.io")["as_reported"] == "2021-08-17T14:12:09.331019Z"
    assert "'Identified at' names no milestone: left out" in err and "'Closed at' comes after the resolution it states" in err
    update = [r for r in rows if r["source"] == "incident.io (update)"]
    assert ("mitigation", "2021-08-17 13:55") in {(r["kind"], r["time"]) for r in update}
    drafted = [r for r in rows if r["source"] == "incident.io (summary)"]
    assert drafted and all(r["note"].startswith("draft:") for r in drafted)
    assert ("recovery", "2021-08-17 14:05") in {(r["kind"], r["time"]) for r in drafted}


def test_firehydrant_milestones_and_the_retrospective_drafted():
    rows, err = imported("firehydrant")
    tool = {(r["kind"], r["time"]) for r in rows if r["source"] == "FireHydrant"}
    assert tool == {("impact_start", "2024-05-02 14:03:00"), ("detection", "2024-05-02 14:06:12"), ("acknowledgement", "2024-05-02 14:08:40"),
                    ("mitigation", "2024-05-02 14:31:00"), ("resolution", "2024-05-02 14:47:30")}
    assert "milestone 'investigating' is no milestone of events.csv" in err
    assert "milestone 'postmortem_started' is no milestone of events.csv" in err
    retro = {(r["kind"], r["time"]) for r in rows if r["source"] == "FireHydrant (retrospective)"}
    assert ("recovery", "2024-05-02 14:41") in retro and ("impact_start", "2024-05-02 14:03") in retro


def test_rootly_milestones_in_utc_and_the_retrospective_drafted():
    rows, err = imported("rootly")
    tool = {(r["kind"], r["time"]) for r in rows if r["source"] == "Rootly"}
    assert tool == {("impact_start", "2026-05-20 17:00:00"), ("detection", "2026-05-20 17:02:00"), ("acknowledgement", "2026-05-20 17:04:30"),
                    ("mitigation", "2026-05-20 17:10:00"), ("resolution", "2026-05-20 17:12:00")}
    assert ("recovery", "2026-05-20 17:11") in {(r["kind"], r["time"]) for r in rows if r["source"] == "Rootly (retrospective)"}


MILESTONES = {  # incident → the milestones its tool recorded (UTC), whose differences the metrics must be
    "pagerduty-1234": {"impact_start": "2015-10-06 21:24:00", "detection": "2015-10-06 21:30:42",
                       "acknowledgement": "2015-10-06 21:35:42", "mitigation": "2015-10-06 21:39:00",
                       "recovery": "2015-10-06 21:47:00", "resolution": "2015-10-06 21:52:03"},
    "incidentio-inc-123": {"impact_start": "2021-08-17 13:10:00", "detection": "2021-08-17 13:28:57",
                           "acknowledgement": "2021-08-17 13:31:02", "mitigation": "2021-08-17 13:55:40",
                           "recovery": "2021-08-17 14:05:00", "resolution": "2021-08-17 14:12:09"},
    "firehydrant-4821": {"impact_start": "2024-05-02 14:03:00", "detection": "2024-05-02 14:06:12",
                         "acknowledgement": "2024-05-02 14:08:40", "mitigation": "2024-05-02 14:31:00",
                         "recovery": "2024-05-02 14:41:00", "resolution": "2024-05-02 14:47:30"},
    "rootly-292": {"impact_start": "2026-05-20 17:00:00", "detection": "2026-05-20 17:02:00",
                   "acknowledgement": "2026-05-20 17:04:30", "mitigation": "2026-05-20 17:10:00",
                   "recovery": "2026-05-20 17:11:00", "resolution": "2026-05-20 17:12:00"},
}
METRICS = {"time_to_detect": "detection", "time_to_acknowledge": "acknowledgement", "time_to_mitigate": "mitigation",
           "time_to_recover": "recovery", "time_to_resolve": "resolution"}


def test_import_validate_report_and_the_metrics_are_the_milestones_differences(tmp_path):
    events = tmp_path / "events.csv"
    for tool in ("pagerduty", "incidentio", "firehydrant", "rootly"):
        code, _, err = run("import", tool, *sorted((TOOLS / tool).glob("*.json")), "--append", events)
        assert code == 0, err
    assert run("validate", events)[0] == 0
    code, out, err = run("metrics", "--events", events, "--json")
    assert code == 0, err
    found = {(m["incident"], m["metric"]): m for m in json.loads(out)}
    for incident, times in MILESTONES.items():
        start = datetime.fromisoformat(times["impact_start"])
        for metric, kind in METRICS.items():
            expected = (datetime.fromisoformat(times[kind]) - start).total_seconds() / 60
            assert found[(incident, metric)]["minutes"] == pytest.approx(expected, abs=0.005), (incident, metric)  # JSON minutes: 2 decimals
    code, _, err = run("report", "--events", events, "--out", tmp_path / "reports")
    assert code == 0, err
    page = (tmp_path / "reports" / "pagerduty-1234.md").read_text()
    assert "The server is on fire." in page and "My Mail Service (PagerDuty)" in page


def test_appending_twice_adds_nothing_and_a_grown_record_adds_what_it_gained(tmp_path):
    events = tmp_path / "events.csv"
    files = sorted((TOOLS / "pagerduty").glob("*.json"))
    assert run("import", "pagerduty", files[0], files[1], "--append", events)[0] == 0  # incident.json, log_entries.json
    once = events.read_bytes()
    code, _, err = run("import", "pagerduty", files[0], files[1], "--append", events)
    assert code == 0 and events.read_bytes() == once and "already in it: not added again: nothing added" in err
    code, _, err = run("import", "pagerduty", *files, "--append", events)  # the notes now too
    assert code == 0 and "5 claims already in it: not added again" in err and "1 claim from 1 incident added" in err, err
    assert sum(r["kind"] == "recovery" for r in csv.DictReader(events.open())) == 1


def test_anonymize_leaves_no_name_of_a_person(tmp_path):
    rows, _ = imported("pagerduty", "--anonymize")
    text = json.dumps(rows)
    assert "Earline" not in text and "Greenholt" not in text
    assert pick(rows, "acknowledgement", "My Mail Service (PagerDuty)")["quote"] == "Acknowledged by responder-1"
    rows, _ = imported("incidentio", "--anonymize")
    assert "Lisa" not in json.dumps(rows)
    code, out, err = run("import", "firehydrant", *sorted((TOOLS / "firehydrant").glob("*.json")), "--anonymize")
    assert code == 0 and "Dana" not in out and "Whitfield" not in out, err


def test_incident_names_one_incident_only(tmp_path):
    answer = {"incidents": [{"id": "A1", "reference": "INC-1", "created_at": "2025-01-01T10:00:00Z"},
                            {"id": "A2", "reference": "INC-2", "created_at": "2025-01-02T10:00:00Z"}]}
    path = tmp_path / "list.json"
    path.write_text(json.dumps(answer))
    code, out, _ = run("import", "incidentio", path)
    assert code == 0 and {r["incident"] for r in rows_of(out)} == {"incidentio-inc-1", "incidentio-inc-2"}
    code, out, err = run("import", "incidentio", path, "--incident", "db-outage")
    assert code == 2 and out == "" and "--incident 'db-outage' names one incident, and the files hold 2" in err
    code, _, err = run("import", "incidentio", path, "--incident", "Not An Id")
    assert code == 2 and "not an id" in err


def test_an_answer_of_another_tool_is_named(tmp_path):
    code, out, err = run("import", "rootly", TOOLS / "pagerduty" / "log_entries.json")
    assert code == 1 and out == "" and "log_entries.json: not a Rootly answer" in err
    code, _, err = run("import", "firehydrant", TOOLS / "incidentio" / "incident.json")
    assert code == 1 and "not a FireHydrant answer" in err


def test_a_copy_of_the_fixtures_imports_the_same(tmp_path):
    """The importers read what they are given, not where: the same answers elsewhere, the same rows."""
    copy = tmp_path / "rootly"
    shutil.copytree(TOOLS / "rootly", copy)
    here = run("import", "rootly", *sorted(copy.glob("*.json")))[1]
    assert here == run("import", "rootly", *sorted((TOOLS / "rootly").glob("*.json")))[1]
