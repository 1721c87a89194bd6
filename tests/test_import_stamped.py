"""`incident import statuspage`: an update whose body is a plain-text list of stamped lines
("2019-05-07 10:35 UTC - Something happened"), as status pages migrated in 2019 wrote them: each
line is the operator's statement at its own time, read like the 2018 migration's HTML list."""

import csv
import io
import json
import time
from pathlib import Path

import pytest

from incident.cli import main

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "statuspage"
SHARED = DATA / "githubstatus" / "incidents" / "chq6jdw9x8t5.json"


def run(*argv):
    out, err = io.StringIO(), io.StringIO()
    code = main([str(a) for a in argv], stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def record(body: str, status: str = "resolved") -> dict:
    return {"page": {"name": "Acme", "url": "https://status.acme.example"},
            "incident": {"id": "s1", "name": "Incident on 2021-03-02", "status": status,
                         "created_at": "2021-03-02T09:00:00Z", "resolved_at": "2021-03-02T09:00:00Z",
                         "incident_updates": [{"id": "u1", "status": status, "body": body,
                                               "created_at": "2021-03-02T17:40:00Z", "display_at": "2021-03-02T09:00:00Z"}]}}


def imported(tmp_path, data: dict) -> list[dict]:
    source = tmp_path / "record.json"
    source.write_text(json.dumps(data), encoding="utf-8")
    target = tmp_path / "events.csv"
    code, _, err = run("import", "statuspage", source, "--out", target)
    assert code == 0, err
    code, _, err = run("validate", target)
    assert code == 0, err
    return list(csv.DictReader(target.open(encoding="utf-8")))


def by_event(rows: list[dict]) -> dict[str, list[dict]]:
    found: dict[str, list[dict]] = {}
    for row in rows:
        found.setdefault(row["event"], []).append(row)
    return found


LINES = ("2021-03-02 08:12 UTC - Some users see errors when loading dashboards.\n"
         "2021-03-02 08:31 UTC - We have identified a faulty cache node\n"
         "and are replacing it.\n"  # a line without a stamp continues the one before
         "2021-03-02 08:58:30 - Dashboards load normally again.\n"  # seconds, no zone: UTC
         "2021-03-02 09:05 UTC - This incident has been resolved.")


@pytest.mark.parametrize("body", [LINES, LINES.replace("\n", "<br />"), LINES.replace("\n", "\r\n")],
                         ids=["lines", "html-breaks", "crlf"])
def test_each_stamped_line_is_a_statement_at_its_own_time(tmp_path, body):
    events = by_event(imported(tmp_path, record(body)))
    (first,) = events["acknowledged"]
    assert (first["time"], first["tz"], first["source_type"]) == ("2021-03-02 08:12", "UTC", "operator")  # to the minute, as written
    assert first["quote"] == "Some users see errors when loading dashboards."
    for name in ("impact-start", "detected"):  # the page spoke by then
        (row,) = events[name]
        assert (row["time"], row["bound"]) == ("2021-03-02 08:12", "not_after")
    (second,) = events["entry-2"]
    assert second["time"] == "2021-03-02 08:31" and second["quote"] == "We have identified a faulty cache node and are replacing it."
    (third,) = events["entry-3"]
    assert third["time"] == "2021-03-02 08:58:30"  # to the second, as written
    (resolved,) = events["resolved"]
    assert (resolved["kind"], resolved["time"]) == ("resolution", "2021-03-02 09:05")
    assert not any(row["time"].startswith("2021-03-02 17:40") for rows in events.values() for row in rows)  # not when it was posted


def test_lines_out_of_order_are_read_in_time_order(tmp_path):
    body = "2021-03-02 09:05 UTC - Resolved.\n2021-03-02 08:12 UTC - Errors on the API."
    events = by_event(imported(tmp_path, record(body)))
    assert events["acknowledged"][0]["time"] == "2021-03-02 08:12"
    assert events["resolved"][0]["time"] == "2021-03-02 09:05"


def test_prose_that_only_mentions_a_stamp_is_not_a_list(tmp_path):
    body = "We are investigating. 2021-03-02 08:12 UTC - errors began, we think."
    events = by_event(imported(tmp_path, record(body, status="investigating")))
    assert "entry-2" not in events
    assert events["acknowledged"][0]["time"] == "2021-03-02 17:40:00"  # the update as posted


def test_a_line_on_no_day_of_the_calendar_is_no_stamp(tmp_path):
    body = "2021-03-02 08:12 UTC - Errors.\n2021-02-30 08:40 UTC - bad day\n2021-03-02 09:00 UTC - Fixed."
    events = by_event(imported(tmp_path, record(body)))
    assert events["acknowledged"][0]["time"] == "2021-03-02 08:12"
    assert all("2021-02-30" not in row["time"] for rows in events.values() for row in rows)


def test_a_long_list_of_stamped_lines_reads_in_linear_time(tmp_path):
    body = "\n".join(f"2021-03-02 {h:02d}:{m:02d} UTC - step {h}-{m}" for h in range(15) for m in range(60))
    start = time.perf_counter()
    rows = imported(tmp_path, record(body))
    assert time.perf_counter() - start < 20
    assert by_event(rows)["resolved"][0]["time"] == "2021-03-02 14:59"
    assert len(by_event(rows)) >= 900


@pytest.mark.skipif(not SHARED.is_file(), reason="the shared status-page data (../shared/data/statuspage) is not next to the project")
def test_the_shared_2019_plain_text_list_gives_its_lines_as_claims(tmp_path):
    events = by_event(imported(tmp_path, json.loads(SHARED.read_text(encoding="utf-8"))))
    first = events["acknowledged"][0]
    assert first["time"] == "2019-05-07 10:35" and "network hardware failure" in first["quote"]
    assert events["impact-start"][0]["time"] == "2019-05-07 10:35" and events["impact-start"][0]["bound"] == "not_after"
    assert [(r["time"], r["quote"]) for r in events["resolved"]] == [("2019-05-07 11:23", "This incident has been resolved.")]
