"""`incident extract`: candidate claims from a text, an article or a saved web page."""

import csv
import io
import os
import shutil

import pytest

from conftest import ROOT
from incident.cli import main

SHARED = ROOT.parent / "shared" / "sources"
needs_sources = pytest.mark.skipif(not SHARED.is_dir(), reason="the shared source texts (../shared/sources) are not next to the project")

CHICAGO = ("Between 9:05 AM and 10:40 AM CDT on July 14, 2025, API requests failed for some customers. "
           "Our monitoring alerted at 9:12 AM CDT, and engineers rolled back the change at 10:31 AM CDT. "
           "The team posted a first update seven minutes later.\n")


def run(*argv, stdin=None):
    out, err = io.StringIO(), io.StringIO()
    if stdin is not None:
        import sys
        saved = sys.stdin
        sys.stdin = io.TextIOWrapper(io.BytesIO(stdin))
    try:
        code = main([str(a) for a in argv], stdout=out, stderr=err)
    finally:
        if stdin is not None:
            sys.stdin = saved
    return code, out.getvalue(), err.getvalue()


def drafted(out):
    return list(csv.DictReader(io.StringIO(out)))


def test_a_postmortem_text_drafts_one_row_per_time_with_every_guess_noted(tmp_path):
    text = tmp_path / "acme.txt"
    text.write_text(CHICAGO, encoding="utf-8")
    code, out, err = run("extract", text, "--published", "2025-07-15", "--incident", "acme-2025-07-14",
                         "--source", "Acme status page", "--source-type", "operator")
    assert code == 0, err
    rows = drafted(out)
    # the impact window is two milestones: its start and its end, each a claim with its own words
    assert [(r["kind"], r["event"], r["time"], r["tz"], r["as_reported"]) for r in rows[:4]] == [
        ("impact_start", "impact-start", "2025-07-14 09:05", "CDT", "9:05 AM"),
        ("recovery", "recovery", "2025-07-14 10:40", "CDT", "10:40 AM CDT on July 14, 2025"),
        ("detection", "detection", "2025-07-14 09:12", "CDT", "9:12 AM CDT"),
        ("mitigation", "mitigation", "2025-07-14 10:31", "CDT", "10:31 AM CDT"),
    ]
    assert rows[4]["relative_to"] == "mitigation" and rows[4]["offset_min"] == "7"  # "seven minutes later"
    assert rows[2]["quote"].startswith("Our monitoring alerted at 9:12 AM CDT")
    assert "kind guessed from 'alerted'" in rows[2]["note"]
    assert "the end of the impact window" in rows[1]["note"]
    assert list(rows[0])[:3] == ["incident", "event", "kind"]  # the format's column order
    assert "5 claims drafted from 3 sentences" in err


@needs_sources
@pytest.mark.parametrize("stem, published", [("003_b0edd07faab9d9ee", "2024-08-14"), ("000_5190fce552e7f4ff", "2024-08-13")])
def test_each_shared_source_drafts_the_rows_the_analyst_kept(tmp_path, stem, published):
    """Every timed row of events.csv that cites the text: a drafted row with its words and its reading."""
    events = tmp_path / "events.csv"
    with (ROOT / "events.csv").open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        header, rows = reader.fieldnames, list(reader)
    kept = [r for r in rows if f"sources/{stem}" in r["note"] and r["as_reported"]]
    assert kept
    with events.open("w", encoding="utf-8", newline="") as handle:  # the file without the rows to draft again
        writer = csv.DictWriter(handle, header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(r for r in rows if r not in kept)
    code, out, err = run("extract", SHARED / f"{stem}.txt", "--published", published, "--tz", "ET",
                         "--incident", "x-spaces-2024", "--source", kept[0]["source"], "--append", events)
    assert code == 0, err
    def key(r):
        return r["incident"], r["event"], r["source"], r["quote"], r["as_reported"], r["note"]

    before = {key(r) for r in rows if r not in kept}
    added = [r for r in csv.DictReader(events.open(encoding="utf-8")) if key(r) not in before]
    assert len(added) >= len(kept)
    for row in kept:
        # its words; or, a claim said twice in the text being drafted once, a row of the same reading
        match = next((a for a in added if a["as_reported"] in row["as_reported"] or row["as_reported"] in a["as_reported"]), None) \
            or next((a for a in added if (a["time"], a["relative_to"], a["offset_min"], a["bound"])
                     == (row["time"], row["relative_to"], row["offset_min"], row["bound"])), None)
        assert match is not None, row["as_reported"]
        assert (match["time"], match["tz"], match["relative_to"]) == (row["time"], row["tz"], row["relative_to"]), row["as_reported"]
        # the draft reads the words as the format does; an analyst may read them tighter ("just over
        # two hours" as 120 to 130 minutes), never looser: the draft allows all the analyst's row allows
        drafted_reading, kept_reading = _allows(match), _allows(row)
        assert _contains(drafted_reading, kept_reading), row["as_reported"]
        assert drafted_reading[0] == kept_reading[0] or drafted_reading[1] == kept_reading[1], row["as_reported"]  # one edge the same
        assert match["event"] == row["event"] or match["kind"] == row["kind"] or match["event"] == "reports"


def _allows(row):
    """What a row allows of its figure: (low, high) minutes of the offset, or of the minute of its time."""
    figure = float(row["offset_min"]) if row["offset_min"] else 0.0
    spread = float(row["uncertainty_min"] or 0)
    low, high = figure - spread, figure + spread
    if row["bound"] == "not_before":
        high = float("inf")
    if row["bound"] == "not_after":
        low = float("-inf")
    return low, high


def _contains(outer, inner):
    return outer[0] <= inner[0] and inner[1] <= outer[1]


@needs_sources
def test_12_42_gmt_is_drafted_as_just_after_midnight_with_the_other_reading_noted():
    code, out, err = run("extract", SHARED / "003_b0edd07faab9d9ee.txt", "--published", "2024-08-14", "--tz", "ET")
    assert code == 0, err
    row = next(r for r in drafted(out) if r["as_reported"] == "12:42 GMT")
    assert (row["time"], row["tz"]) == ("2024-08-13 00:42", "GMT")
    assert "the other reading is 12:42" in row["note"]
    # the scheduled start the delay counts from is in no text: drafted as a bound by the text's date, and said
    assert "'scheduled-start', which 'by more than 40 minutes' counts from, is placed by no text" in err


def test_a_saved_web_page_gives_its_main_text_and_its_date(tmp_path):
    page = tmp_path / "page.html"
    page.write_text(
        "<!doctype html><html><head><title>Outage report</title>"
        '<meta property="article:published_time" content="2025-07-15T08:00:00Z">'
        '<meta property="og:site_name" content="Example News"></head><body>'
        "<nav>Home at 9:00 UTC</nav><script>var t = '10:00 UTC';</script>"
        f"<article><h1>What happened</h1><p>{CHICAGO}</p></article><footer>© 11:00 UTC</footer></body></html>",
        encoding="utf-8")
    code, out, err = run("extract", page)
    assert code == 0, err
    rows = drafted(out)
    assert [r["as_reported"] for r in rows][:3] == ["9:05 AM", "10:40 AM CDT on July 14, 2025", "9:12 AM CDT"]
    assert {r["source"] for r in rows} == {"Example News"} and "(Outage report)" in err
    assert "taken from the page: give --source" in rows[0]["note"]


def test_standard_input_is_read(tmp_path):
    code, out, err = run("extract", "-", "--published", "2025-07-15", "--source", "Acme", stdin=CHICAGO.encode())
    assert code == 0, err
    assert drafted(out)[0]["incident"] == "draft"


def test_append_validates_first_and_writes_atomically(tmp_path):
    text = tmp_path / "acme.txt"
    text.write_text(CHICAGO, encoding="utf-8")
    events = tmp_path / "events.csv"
    shutil.copy(ROOT / "tests" / "data" / "outage.csv", events)
    before = events.read_bytes()
    incident = next(csv.DictReader(events.open()))["incident"]
    code, _, err = run("extract", text, "--published", "2025-07-15", "--incident", incident, "--source", "Acme", "--append", events)
    after = events.read_bytes()
    if code == 0:
        assert after != before and run("validate", events)[0] == 0
    else:  # a drafted relative_to or kind the incident cannot take: refused, the file as it was
        assert code == 1 and after == before, err


def test_a_draft_that_cannot_be_added_leaves_the_file_untouched(tmp_path):
    text = tmp_path / "later.txt"
    text.write_text("Service came back two hours after the reboot.", encoding="utf-8")
    events = tmp_path / "events.csv"
    shutil.copy(ROOT / "events.csv", events)
    before = events.read_bytes()
    code, _, err = run("extract", text, "--incident", "x-spaces-2024", "--source", "A", "--append", events)
    assert code == 1 and events.read_bytes() == before
    assert "relative_to" in err


@pytest.mark.parametrize("content, message", [
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "binary data"),
    (b"It began at 9:05 UTC \xff\xfe on July 1, 2025.", ":1:22: byte 0xff is not UTF-8"),
    (b"Nothing happened at any time here.", "no time expression"),
])
def test_bad_text_is_one_clear_message_and_nothing_written(tmp_path, content, message):
    text = tmp_path / "bad.txt"
    text.write_bytes(content)
    events = tmp_path / "events.csv"
    shutil.copy(ROOT / "events.csv", events)
    before = events.read_bytes()
    code, out, err = run("extract", text, "--published", "2025-07-01", "--append", events)
    assert code == 1 and message in err and "Traceback" not in err
    assert events.read_bytes() == before


def test_times_with_nothing_to_read_them_against_are_a_usage_error(tmp_path):
    text = tmp_path / "t.txt"
    text.write_text("Errors began yesterday at 9:05 a.m. UTC.", encoding="utf-8")
    code, _, err = run("extract", text)
    assert code == 2 and "give --published" in err and "needs the publication date" in err
    text.write_text("Errors began at 9:05 a.m. on July 1, 2025.", encoding="utf-8")
    code, _, err = run("extract", text)
    assert code == 2 and "give --tz" in err


@pytest.mark.parametrize("argv, message", [
    (["--tz", "Mars/Olympus"], "--tz: unknown zone"),
    (["--published", "14/07/2025"], "is not a date"),
    (["--incident", "Not An Id"], "is not an id"),
])
def test_bad_options_are_usage_errors(tmp_path, argv, message):
    text = tmp_path / "t.txt"
    text.write_text(CHICAGO, encoding="utf-8")
    code, _, err = run("extract", text, *argv)
    assert code == 2 and message in err


def test_what_is_not_a_regular_file_is_not_read(tmp_path):
    assert run("extract", tmp_path / "missing.txt")[0] == 2
    assert run("extract", tmp_path)[0] == 2
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    code, _, err = run("extract", fifo)
    assert code == 2 and "not a regular file" in err


def test_a_text_with_more_times_than_any_article_is_refused_whole(tmp_path):
    """Memory stays bounded: past 20,000 expressions the text is refused, never read half."""
    text = tmp_path / "flood.txt"
    text.write_text("At 9:05 UTC on July 1, 2025. " * 20_001, encoding="utf-8")
    code, out, err = run("extract", text)
    assert code == 1 and "more than 20,000 time expressions" in err and out == ""


def test_a_timeline_gives_milestones_their_kinds_and_other_lines_their_own_events(tmp_path):
    text = tmp_path / "timeline.md"
    text.write_text("Timeline (all times UTC), 14 January 2025\n"
                    "09:05 — Errors began on the checkout API after a config push.\n"
                    "09:17 — Synthetic monitoring detects elevated 503 errors.\n"
                    "09:31 — On-call engineer acknowledges the page.\n"
                    "09:44 — Database ruled out.\n"
                    "10:19 — Config push rolled back; the service restarted.\n"
                    "11:52 — Error rate returns to baseline.\n", encoding="utf-8")
    code, out, err = run("extract", text, "--incident", "checkout-2025", "--source", "Acme SRE")
    assert code == 0, err
    rows = drafted(out)
    assert [(r["event"], r["kind"], r["time"], r["tz"]) for r in rows] == [
        ("impact-start", "impact_start", "2025-01-14 09:05", "UTC"),
        ("detection", "detection", "2025-01-14 09:17", "UTC"),
        ("acknowledgement", "acknowledgement", "2025-01-14 09:31", "UTC"),
        ("database-ruled-out", "other", "2025-01-14 09:44", "UTC"),
        ("mitigation", "mitigation", "2025-01-14 10:19", "UTC"),
        ("recovery", "recovery", "2025-01-14 11:52", "UTC"),
    ]
    events = tmp_path / "events.csv"
    code, _, err = run("extract", text, "--incident", "checkout-2025", "--source", "Acme SRE", "--out", events)
    assert code == 0, err
    code, out, err = run("metrics", "checkout-2025", "--events", events, "--json")
    found = {m["metric"]: m["minutes"] for m in __import__("json").loads(out)}
    assert (found["time_to_detect"], found["time_to_acknowledge"], found["time_to_mitigate"], found["time_to_recover"]) == (12, 26, 74, 167)


def test_extract_run_twice_on_one_text_adds_nothing_the_second_time(tmp_path):
    text = tmp_path / "acme.txt"
    text.write_text(CHICAGO.split(" The team")[0] + "\n", encoding="utf-8")
    events = tmp_path / "events.csv"
    assert run("extract", text, "--published", "2025-07-15", "--incident", "acme", "--source", "Acme", "--out", events)[0] == 0
    first = events.read_bytes()
    code, _, err = run("extract", text, "--published", "2025-07-15", "--incident", "acme", "--source", "Acme", "--append", events)
    assert code == 0 and events.read_bytes() == first
    assert "already drafted into" in err and "the rows you removed stay removed" in err  # the text's fingerprint is in the file


def test_a_count_at_a_time_is_a_measurement_and_a_bad_source_type_is_refused_at_once(tmp_path):
    text = tmp_path / "count.txt"
    text.write_text("On Monday there were 28,842 reports as of 5:02 p.m. ET, Downdetector showed.", encoding="utf-8")
    code, out, err = run("extract", text, "--published", "2024-10-01", "--source", "Reuters")
    assert code == 0, err
    row = drafted(out)[0]
    assert (row["kind"], row["event"], row["value"], row["unit"], row["time"]) == ("measurement", "reports-1702", "28842", "reports", "2024-09-30 17:02")
    code, _, err = run("extract", text, "--published", "2024-10-01", "--source-type", "news")
    assert code == 2 and "did you mean 'press'?" in err


def test_a_speakers_today_inside_a_quote_does_not_date_the_text(tmp_path):
    text = tmp_path / "quote.txt"
    text.write_text("On Monday the outage began at 9:30 a.m. ET. Reports peaked around 11:19 a.m. ET, "
                    "\"the issue our customers experienced today,\" the company said.", encoding="utf-8")
    code, out, err = run("extract", text, "--published", "2024-10-01", "--source", "Reuters")
    assert code == 0, err
    assert [r["time"] for r in drafted(out)] == ["2024-09-30 09:30", "2024-09-30 11:19"]


def test_control_characters_in_a_text_never_reach_the_terminal_or_a_cell(tmp_path):
    text = tmp_path / "escape.txt"
    text.write_bytes(b"On July 14, 2025, errors began at 09:05 UTC\x1b]0;owned\x07 and \x1b[2J ended at 10:40 UTC.")
    code, out, err = run("extract", text, "--source", "A")
    assert code == 0, err
    assert "\x1b" not in out and "\x07" not in out and "\x1b" not in err
    assert [r["time"] for r in drafted(out)] == ["2025-07-14 09:05", "2025-07-14 10:40"]


def test_a_later_step_of_the_milestone_just_timed_is_an_event_of_its_own(tmp_path):
    # "26 minutes later" after the recovery's own time counts from the recovery: a later step, not the recovery again
    text = tmp_path / "t.txt"
    text.write_text("Check-in failed at 8:20 a.m. on March 22, 2016. The system was restored at 9 a.m. for some airports. "
                    "It was restored everywhere 26 minutes later.\n", encoding="utf-8")
    code, out, err = run("extract", text, "--incident", "x", "--tz", "Asia/Tokyo", "--source", "s")
    assert code == 0, err
    rows = {r["as_reported"]: r for r in drafted(out)}
    assert rows["9 a.m."]["event"] == "recovery"
    later = rows["26 minutes later"]
    assert (later["kind"], later["relative_to"], later["offset_min"]) == ("other", "recovery", "26")
    assert later["event"] not in ("recovery", "impact-start") and "left out" not in err


def test_a_start_said_to_come_later_makes_the_time_before_a_step_of_its_own(tmp_path):
    text = tmp_path / "t.txt"
    text.write_text("A small technical glitch hit the exchange at 10:37am EST on July 8, 2015. "
                    "Exactly one hour later trading was suspended.\n", encoding="utf-8")
    code, out, err = run("extract", text, "--incident", "x", "--source", "s")
    assert code == 0, err
    glitch, halt = drafted(out)
    assert (glitch["kind"], glitch["time"]) == ("other", "2015-07-08 10:37")
    assert glitch["event"] == "small-technical-glitch-hit"  # named by its telling words
    assert (halt["kind"], halt["event"], halt["relative_to"], halt["offset_min"]) == (
        "impact_start", "impact-start", glitch["event"], "60")


def test_a_milestone_said_to_come_earlier_than_itself_is_no_step(tmp_path):
    # counted back from its own time: the first time stays the impact, and no step is made of it
    text = tmp_path / "t.txt"
    text.write_text("The exchange went down at 11:38am SGT on July 14, 2016. Its systems had failed two hours earlier.\n",
                    encoding="utf-8")
    code, out, err = run("extract", text, "--incident", "x", "--source", "s")
    assert code == 0, err
    assert [(r["kind"], r["event"]) for r in drafted(out)] == [("impact_start", "impact-start")]
    assert "'two hours earlier' (impact-start): left out" in err  # said, for the analyst to place


def test_an_operator_s_timeline_without_a_schedule_is_read_as_an_outage_s_steps(tmp_path):
    text = tmp_path / "review.md"
    text.write_text("Review of the 3 June 2025 outage\n\nTime (PT) Event\n"
                    "9:02 am Nightly index rebuild is started.\n"
                    "9:14 am On-call engineer first notices that search is unresponsive.\n"
                    "9:40 am Search nodes are restarted.\n"
                    "10:05 am Cluster resize completes.\n"
                    "10:05 am Search is available again.\n", encoding="utf-8")
    code, out, err = run("extract", text, "--incident", "search-2025", "--source", "Acme SRE")
    assert code == 0, err
    assert "no text says anything was due to start" in err and "--kind live-event" in err
    assert [(r["kind"], r["time"]) for r in drafted(out)] == [
        ("impact_start", "2025-06-03"), ("other", "2025-06-03 09:02"), ("detection", "2025-06-03 09:14"), ("mitigation", "2025-06-03 09:40"),
        ("other", "2025-06-03 10:05"), ("recovery", "2025-06-03 10:05")]
    code, out, err = run("extract", text, "--incident", "search-2025", "--kind", "outage")
    assert code == 0 and "due to start" not in err  # the kind given: nothing inferred


def test_a_timeline_s_declared_incident_a_responsive_database_and_an_app_available_again(tmp_path):
    text = tmp_path / "review.md"
    text.write_text("Timeline, 3 June 2025 (all times UTC)\n"
                    "09:10 Incident response protocol is triggered.\n"
                    "10:47 Engineering confirms the primary database is responsive.\n"
                    "10:48 The app is available to end users again.\n", encoding="utf-8")
    code, out, err = run("extract", text, "--incident", "db-2025", "--source", "Acme SRE")
    assert code == 0, err
    assert [(r["kind"], r["time"]) for r in drafted(out)] == [
        ("acknowledgement", "2025-06-03 09:10"), ("recovery", "2025-06-03 10:47"), ("recovery", "2025-06-03 10:48")]


def test_a_length_appended_to_a_new_incident_places_its_start_the_starter_row_did_not(tmp_path):
    events = tmp_path / "events.csv"
    code, _, err = run("new", "db-2025", "--events", events, "--postmortems", tmp_path / "pm")
    assert code == 0, err
    text = tmp_path / "review.md"
    text.write_text("Timeline (all times UTC)\n09:12 Support first notices that the site is unresponsive.\n"
                    "11:52 The site is available to end users again.\n\n"
                    "The site was unavailable to end users for 2 hours and 40 minutes.\n", encoding="utf-8")
    code, _, err = run("extract", text, "--incident", "db-2025", "--source", "Acme SRE", "--published", "2025-06-03",
                       "--append", events)
    assert code == 0, err
    assert "'impact-start', which 'for 2 hours and 40 minutes' counts from, is placed by no text" in err
    code, out, err = run("metrics", "db-2025", "--events", events, "--json")
    found = {m["metric"]: m["minutes"] for m in __import__("json").loads(out)}
    assert found["time_to_recover"] == 160 and found["time_to_detect"] == 0
