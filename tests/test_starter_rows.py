"""A file fresh from `incident new` is a file like any other: every command that reads or rewrites
an events file takes its starter rows (issue: `extract --append` and `fmt` once ended in a
traceback on them), and an incident that has only starter rows says what to fill in."""

import io
import json
from pathlib import Path

import pytest

from incident.cli import main
from incident.events_csv.reader import load

from conftest import ROOT

ARTICLE = "The outage began at 09:02 PT on 4 March 2025. Service was restored at 11:40 PT.\n"
FEED = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Acme Status</title><link>https://status.example.com</link>
<item><title>Elevated errors</title><guid>acme-1</guid><pubDate>Tue, 04 Mar 2025 18:00:00 +0000</pubDate>
<description>Resolved - The errors stopped at 17:40 UTC.</description></item>
</channel></rss>
"""


def run(*argv):
    out, err = io.StringIO(), io.StringIO()
    code = main([str(a) for a in argv], stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def fresh(tmp_path, monkeypatch):
    """A folder with events.csv and a postmortem just as `incident new` leaves them."""
    monkeypatch.chdir(tmp_path)
    code, _, err = run("new", "cdn-outage-2025", "--title", "CDN outage")
    assert code == 0, err
    return tmp_path


def starters(path: Path) -> int:
    return sum("starter row:" in line for line in path.read_text().splitlines())


def test_fmt_takes_starter_rows(fresh):
    before = (fresh / "events.csv").read_bytes()
    assert run("fmt", "--check")[0] == 0  # new writes canonical rows
    code, _, err = run("fmt")
    assert code == 0 and "already in canonical form" in err
    assert (fresh / "events.csv").read_bytes() == before


def test_extract_appends_to_a_fresh_file_and_fills_its_starter_rows(fresh):
    (fresh / "a.txt").write_text(ARTICLE)
    code, _, err = run("extract", "a.txt", "--published", "2025-03-05", "--incident", "cdn-outage-2025",
                       "--source", "Acme status page", "--append", "events.csv")
    assert code == 0, err
    assert "the starter rows of impact-start, recovery, filled by these claims, were removed" in err
    events = load(fresh / "events.csv", keep_rows=True)
    assert events.ok and events.claim_count == 2 and starters(fresh / "events.csv") == 4
    labels = {c.event: c.label for c in events.claims}
    assert labels == {"impact-start": "Users first affected", "recovery": "Service works again"}  # the starters' labels
    assert run("fmt", "--check")[0] == 0
    code, out, _ = run("metrics", "--json")
    recover = next(m for m in json.loads(out) if m["metric"] == "time_to_recover")
    assert recover["minutes"] == 158


def test_appending_the_same_text_twice_adds_nothing(fresh):
    (fresh / "a.txt").write_text(ARTICLE)
    argv = ("extract", "a.txt", "--published", "2025-03-05", "--incident", "cdn-outage-2025", "--source", "Acme", "--append", "events.csv")
    assert run(*argv)[0] == 0
    once = (fresh / "events.csv").read_bytes()
    code, _, err = run(*argv)
    assert code == 0 and "a.txt: already drafted into events.csv" in err
    assert (fresh / "events.csv").read_bytes() == once


def test_an_edited_starter_row_is_kept(fresh):
    path = fresh / "events.csv"
    path.write_text(path.read_text().replace("Users first affected", "Errors on every edge"))
    (fresh / "a.txt").write_text(ARTICLE)
    assert run("extract", "a.txt", "--published", "2025-03-05", "--incident", "cdn-outage-2025", "--source", "Acme", "--append", "events.csv")[0] == 0
    assert "Errors on every edge" in path.read_text()  # the analyst's own words are never dropped
    code, _, err = run("validate")
    assert code == 0 and "a starter row of event 'impact-start' of 'cdn-outage-2025', which has claims now: delete this row" in err


@pytest.mark.parametrize("importer,record", [
    ("feed", FEED),
    ("gcp", (ROOT / "tests" / "data" / "gcp" / "incidents.json").read_text()),
])
def test_imports_append_to_a_fresh_file(fresh, importer, record):
    (fresh / "record").write_text(record)
    code, _, err = run("import", importer, "record", "--append", "events.csv")
    assert code == 0, err
    events = load(fresh / "events.csv", keep_rows=True)
    assert events.ok and events.claim_count > 0 and starters(fresh / "events.csv") == 6
    assert run("fmt", "--check")[0] == 0


def test_append_makes_the_file_when_there_is_none(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE)
    target = tmp_path / "new.csv"
    code, _, err = run("extract", tmp_path / "a.txt", "--published", "2025-03-05", "--incident", "x", "--append", target)
    assert code == 0, err
    assert target.read_text().startswith("incident,event,kind,") and load(target).claim_count == 2
    (tmp_path / "feed.xml").write_text(FEED)
    other = tmp_path / "other.csv"
    assert run("import", "feed", tmp_path / "feed.xml", "--append", other)[0] == 0 and load(other).claim_count > 0


def test_an_incident_of_starter_rows_only_says_what_to_fill_in(fresh):
    for argv in (("timeline", "cdn-outage-2025"), ("explain", "cdn-outage-2025", "impact-start"),
                 ("export", "cdn-outage-2025", "--format", "json"), ("report", "cdn-outage-2025")):
        code, out, err = run(*argv)
        assert code == 1 and out == "", argv
        assert "events.csv:2: time: incident 'cdn-outage-2025' has only starter rows (lines 2–7) and no claim yet" in err, argv
        assert "incident extract FILE --incident cdn-outage-2025 --append events.csv" in err
    code, _, err = run("report")  # every incident: this one is named, and the rest is written
    assert code == 0 and "note: incident 'cdn-outage-2025' has only starter rows" in err
    code, _, err = run("validate")
    assert code == 0 and "valid: 0 claims, 1 incident (1 with starter rows only)" in err
    assert "is in no report" not in err  # its postmortem belongs to an incident of the file
    code, _, err = run("timeline", "cdn-outage-205")
    assert code == 2 and "did you mean 'cdn-outage-2025'?" in err


def test_a_second_incident_starts_beside_the_first(fresh):
    code, _, err = run("new", "launch-2025", "--kind", "live-event")
    assert code == 0, err
    assert starters(fresh / "events.csv") == 12 and run("fmt", "--check")[0] == 0


def test_starter_rows_state_no_milestone_for_the_rules_drawn_across_texts(fresh):
    # a status history appended to a file fresh from `incident new`: its starter impact-start row has no
    # time, so the page's first post still bounds the impact and every metric is defined
    (fresh / "status.txt").write_text(
        "- investigating Feb 19, 2024, 05:12 PM UTC\nWe are investigating delayed message delivery.\n"
        "- resolved Feb 20, 2024, 01:51 AM UTC\nThe incident has been resolved.\n")
    code, _, err = run("extract", "status.txt", "--published", "2024-02-20", "--incident", "cdn-outage-2025",
                       "--source", "Acme status page", "--source-type", "operator", "--append", "events.csv")
    assert code == 0, err
    starts = [c for c in load(fresh / "events.csv").claims if c.kind.value == "impact_start"]
    assert [(c.bound.value if c.bound else "", c.as_reported) for c in starts] == [("not_after", "Feb 19, 2024, 05:12 PM UTC")]
    code, out, _ = run("metrics", "--json")
    resolve = next(m for m in json.loads(out) if m["metric"] == "time_to_resolve")
    assert resolve["state"] == "at_least" and resolve["low"] >= 518  # defined: at least the 8 h 39 min between the posts
