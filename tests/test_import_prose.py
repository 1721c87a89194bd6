"""The importers read every update's prose with the one time grammar: a page that writes its own
times in 12-hour prose, in its own zone, imports them, says what it read, and trips no warning of
the importer's own making."""

import csv
import io
import json

import pytest

from incident.cli import main


def run(*argv):
    out, err = io.StringIO(), io.StringIO()
    code = main([str(a) for a in argv], stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def chicago_page(tmp_path, resolved_body="Error rates have been at normal levels since 10:40 AM CDT."):
    """A status page in Chicago (UTC−05:00 in July): updates stamped with their own offset, the
    postmortem update and the resolving one in 12-hour prose."""
    updates = [
        ("u1", "investigating", "2025-07-14T09:21:40.512-05:00", "We are investigating elevated error rates on the API."),
        ("u2", "identified", "2025-07-14T09:48:00.000-05:00", "We have identified a faulty configuration change."),
        ("u3", "resolved", "2025-07-14T10:52:10.000-05:00", resolved_body),
        ("u4", "postmortem", "2025-07-15T16:00:00.000-05:00",
         "Between 9:05 AM and 10:40 AM CDT on July 14, 2025, API requests failed for some customers. "
         "Our monitoring alerted at 9:12 AM CDT, and engineers rolled back the change at 10:31 AM CDT."),
    ]
    record = {"page": {"id": "p1", "name": "Acme Cloud", "url": "https://status.acme.example", "time_zone": "America/Chicago"},
              "incident": {"id": "7hk2m4p9x1zq", "name": "Elevated API error rates", "status": "resolved",
                           "created_at": updates[0][2], "updated_at": updates[-1][2], "shortlink": "https://stspg.io/x",
                           "incident_updates": [{"id": i, "status": s, "created_at": t, "display_at": t, "body": b}
                                                for i, s, t, b in reversed(updates)]}}
    path = tmp_path / "acme.json"
    path.write_text(json.dumps(record), encoding="utf-8")
    return path


def metrics(path):
    code, out, err = run("metrics", "--events", path, "--json")
    assert code == 0, err
    return {m["metric"]: m for m in json.loads(out)}


def test_a_page_in_12_hour_prose_in_its_own_zone_gives_the_operators_times(tmp_path):
    events = tmp_path / "events.csv"
    code, _, err = run("import", "statuspage", chicago_page(tmp_path), "--out", events)
    assert code == 0, err
    found = metrics(events)
    assert found["time_to_detect"]["minutes"] == 7  # 9:05 → "alerted at 9:12 AM CDT"
    assert found["time_to_acknowledge"]["minutes"] == pytest.approx(16.67, abs=0.01)  # → the first update, 9:21:40
    assert found["time_to_recover"]["minutes"] == 95  # → 10:40
    assert found["time_to_mitigate"]["minutes"] == 86  # → "rolled back the change at 10:31 AM CDT"
    rows = list(csv.DictReader(events.open()))
    detected = next(r for r in rows if r["event"] == "detected" and r["as_reported"] == "9:12 AM CDT")
    assert (detected["time"], detected["tz"]) == ("2025-07-14 09:12", "CDT")
    # what was read is said, update by update
    assert "update 4 (postmortem): '9:12 AM CDT' → detection; '10:31 AM CDT' → mitigation" in err


def test_the_import_of_a_page_outside_utc_validates_without_a_warning_of_its_own(tmp_path):
    events = tmp_path / "events.csv"
    code, _, err = run("import", "statuspage", chicago_page(tmp_path), "--out", events)
    assert code == 0, err
    code, _, err = run("validate", events)
    assert code == 0 and "warning" not in err, err


def test_a_time_the_prose_cannot_place_is_said_not_guessed(tmp_path):
    page = chicago_page(tmp_path, resolved_body="Service was restored at 10:40, later than hoped.")
    code, out, err = run("import", "statuspage", page)
    assert code == 0, err
    # no zone written in that update: the grammar borrows none it cannot justify, and says so
    assert "update 3 (resolved): '10:40' not read: no zone is written" in err
    assert all(r["as_reported"] != "10:40" for r in csv.DictReader(io.StringIO(out)))
