"""A postmortem a reader trusts at first sight: each point of the review, held by a test named after it."""

import io

import pytest

from conftest import ROOT
from incident.cli import main

OUTAGE = """incident,event,kind,label,time,tz,source,source_type
cdn-2025,impact-start,impact_start,Checkout API returns errors,2025-03-04 09:02,PT,Acme status page,operator
cdn-2025,detected,detection,Paged,2025-03-04 09:09,PT,Acme status page,operator
cdn-2025,mitigated,mitigation,Rollback,2025-03-04 11:50,PT,Acme status page,operator
cdn-2025,recovered,recovery,Back,2025-03-04 11:40,PT,Acme status page,operator
cdn-2025,noted,other,Day noted,2025-03-04,ET,Blog,secondary
"""


def run(*argv):
    out, err = io.StringIO(), io.StringIO()
    code = main([str(a) for a in argv], stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def outage(tmp_path):
    events = tmp_path / "events.csv"
    events.write_text(OUTAGE, encoding="utf-8")
    code, _, err = run("report", "--events", events, "--out", tmp_path / "reports")
    assert code == 0, err
    return events, tmp_path / "reports"


def test_incidents_are_named_by_title_and_the_index_is_sorted_by_date(outage):
    events, reports = outage
    page = (reports / "cdn-2025.md").read_text(encoding="utf-8")
    assert page.startswith("# Postmortem: Checkout API returns errors")  # no postmortem file: the impact's label
    index = (reports / "index.md").read_text(encoding="utf-8")
    assert "| incident | date | severity | status | lasted | claims | conflicts |" in index
    assert "[Checkout API returns errors](cdn-2025.md) | 2025-03-04 |" in index
    shipped = (ROOT / "reports" / "index.md").read_text(encoding="utf-8")
    assert shipped.index("2024-08-12") < shipped.index("2023-05-24")  # newest first


def test_a_set_aside_claim_is_never_marked_red():
    for svg in (ROOT / "reports" / "charts").glob("*.svg"):
        assert "#c00000" not in svg.read_text(encoding="utf-8"), svg.name
    for md in (ROOT / "reports").glob("*.md"):
        assert ":crit" not in md.read_text(encoding="utf-8") and "crit," not in md.read_text(encoding="utf-8"), md.name


def test_numbers_say_things_once_with_real_plurals():
    for md in (ROOT / "reports").glob("*.md"):
        text = md.read_text(encoding="utf-8")
        for jargon in ("(s)", "range (min)", "42 min (42 min)", "(range "):
            assert jargon not in text, (md.name, jargon)
    code, _, err = run("validate", ROOT / "events.csv")
    assert "114 claims, 2 incidents" in err and "(s)" not in err


def test_an_outage_lists_no_delay_or_live_duration(outage):
    _, reports = outage
    page = (reports / "cdn-2025.md").read_text(encoding="utf-8")
    assert "| Delay |" not in page and "| Duration |" not in page and "scheduled start" not in page.lower()
    assert "| Time to recover | 2 h 38 min |" in page


def test_a_mitigation_after_its_recovery_is_named_in_data_quality(outage):
    _, reports = outage
    page = (reports / "cdn-2025.md").read_text(encoding="utf-8")
    assert "### Milestones out of their order" in page
    assert "Rollback (mitigation, 11:50) comes after Back (recovery, 11:40)" in page


def test_a_day_only_claim_reads_the_same_day_in_every_view(outage):
    events, reports = outage
    code, out, _ = run("timeline", "cdn-2025", "--events", events, "--tz", "PT")
    assert "2025-03-04 (day, ET)" in out and "2025-03-03" not in out
    assert "2025-03-04 (day, ET)" in (reports / "cdn-2025.md").read_text(encoding="utf-8")
    code, out, _ = run("explain", "cdn-2025", "noted", "--events", events, "--tz", "PT")
    assert "2025-03-04 (day, ET)" in out


def test_explain_dates_a_window_across_midnight_says_what_a_claim_states_and_lists_events(outage):
    events, _ = outage
    code, out, _ = run("explain", "cdn-2025", "noted", "--events", events)
    assert "2025-03-04 ET" in out  # the claim has no as_reported: its time cell says what it states
    assert "2025-03-04 05:00:00Z–2025-03-05 04:59:59Z" in out  # dated: not '05:00:00Z–04:59:59Z'
    code, _, err = run("explain", "cdn-2025", "nope", "--events", events)
    assert code == 2 and "its events: impact-start, detected, recovered, mitigated, noted" in err


def validated(tmp_path, text: str):
    """validate's exit code and stderr for an events file of `text`."""
    path = tmp_path / "events.csv"
    path.write_text(text, encoding="utf-8")
    code, _, err = run("validate", path)
    return code, err


def test_hints_mean_what_they_say(tmp_path):
    code, err = validated(tmp_path, "incident,event,kind,time,tz,bound,source,source_type\n"
                                    "d,a,other,2024-08-12 20:00,Pacific,before,A,news\n")
    assert "'before' is not a bound; did you mean 'not_after'?" in err
    assert "'news' is not a source type; did you mean 'press'?" in err
    assert "unknown zone 'Pacific'" in err and "did you mean 'PT'?" in err
    assert err.count("(incident 'd', event 'a')") == 3  # each message names the claim, not only the line
    code, _, err = run("new", "Slack Outage", "--events", tmp_path / "e.csv")
    assert code == 2 and "did you mean 'slack-outage'?" in err


def test_every_check_runs_on_every_row(tmp_path):
    code, err = validated(tmp_path, "incident,event,kind,time,tz,source,source_type\n"
                                    "d,a,other,2024-06-12 20:00,EST,A,newsx\n")
    assert code == 1 and "2: tz: warning: EST is UTC-05:00, but on 2024-06-12 US Eastern time was on EDT" in err
    assert err.rstrip().endswith("invalid: 1 error, 1 warning")  # notes are counted apart from warnings


def test_first_run_says_what_it_installs_and_url_notes_are_one_line():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "installing the pinned libraries of requirements.lock" in makefile
    code, _, err = run("validate", ROOT / "events.csv")
    assert sum("no url" in line for line in err.splitlines()) == 1


def test_sources_show_where_each_link_leads():
    page = (ROOT / "reports" / "x-spaces-2024.md").read_text(encoding="utf-8")
    sources = page[page.index("## Sources"):]
    assert "(inkl.com)" in sources  # a copy is seen as one, beside the outlet's name
    assert "(thewrap.com)" in sources  # an outlet's own page found since


def test_readme_has_a_first_incident_walkthrough_and_everyday_phrases():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    walk = readme[readme.index("### Your first incident"):]
    assert "incident new" in walk and "validate" in walk and "incident report" in walk
    for phrase in ("just after 6 a.m.", "by 23:02", "about 15 minutes into", "between 9:05 and 10:40"):
        assert phrase in walk, phrase


def test_printed_chart_text_is_at_least_8_pt_and_short_tables_stay_whole():
    """Charts print with their heading on a landscape page of their own, at their own size, shrunk
    only to fit: on US Letter with 5 mm margins (the narrower of Letter and A4) and at most 189 mm
    tall (what A4's height leaves beside the heading), the smallest chart text is ≥ 8 pt."""
    import re

    across = 792 - 2 * 5 / 25.4 * 72  # points across a landscape Letter page less its margins
    down = 189 / 25.4 * 72  # the print style's max-height
    page = (ROOT / "reports" / "x-spaces-2024.html").read_text(encoding="utf-8")
    assert "@page chart{size:landscape;margin:5mm}" in page and "page:chart" in page and "max-height:189mm" in page
    for svg in (ROOT / "reports" / "charts").glob("*.svg"):
        text = svg.read_text(encoding="utf-8")
        width, height = map(float, re.search(r'<svg[^>]* width="([0-9.]+)pt" height="([0-9.]+)pt"', text).groups())
        smallest = min(float(size) for size in re.findall(r"font-size: ([0-9.]+)px", text))
        assert smallest * min(1.0, across / width, down / height) >= 8, (svg.name, smallest, width, height)
    # the event column is the one print widens; a table of a few rows is not split across pages
    assert 'class="name"' in page and '<div class="table short">' in page
    index = (ROOT / "reports" / "index.html").read_text(encoding="utf-8")
    assert '<div class="table short">' in index


def test_mermaid_escapes_punctuation_and_markup_and_has_a_legend(tmp_path):
    from incident.events_csv.reader import parse
    from incident.render.mermaid import mermaid_gantt
    from incident.timeline.reconstruct import reconstruct_all

    text = OUTAGE.replace("Rollback", "Deploy #42 rollback; <b>bold</b>: done")
    timeline = reconstruct_all(parse(text.encode(), "e.csv").claims)["cdn-2025"]
    gantt = mermaid_gantt(timeline)
    assert "Deploy #35;42 rollback#59; #60;b#62;bold#60;/b#62;#58; done" in gantt  # entity codes, nothing deleted
    assert "<b>" not in gantt and "crit" not in gantt
    events = tmp_path / "e.csv"
    events.write_text(text, encoding="utf-8")
    assert run("report", "--events", events, "--out", tmp_path / "r")[0] == 0
    page = (tmp_path / "r" / "cdn-2025.md").read_text(encoding="utf-8")
    assert "Key: a bar is an event's window, a diamond its estimate" in page
