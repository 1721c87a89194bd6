"""The analyst's postmortem files, `incident new`, and how the report weaves them in."""


from incident import postmortem
from incident.cli import main
from incident.events_csv.reader import load
from incident.timeline.reconstruct import reconstruct_all
from incident.render.inputs import ReportInput
from incident.render.report import build_report
from incident.render.mermaid import mermaid_gantt

from conftest import EVENTS

GOOD = """---
title: CDN outage takes down checkout
date: 2025-03-04
status: In review
authors: A. Analyst, B. Analyst
severity: SEV-2
tz: Europe/Berlin
---
<!-- guidance the reader never sees -->
## Summary

Checkout failed for **47 minutes**.

## Root causes
A bad config push.

## Action items

Agreed at the review:

| What | Owner | Status | Link |
|---|---|---|---|
| Alert on 5xx rate | SRE | open | [#12](https://example.org/issues/12) |
| Canary config pushes | Platform | done | https://example.org/pr/7 |
| Write the runbook | Ops | in progress | |

## Lessons learned
### What went well
- Rollback took 3 minutes.
### Where we got lucky
- It was a quiet day.
"""


def run(*argv):
    import io

    out, err = io.StringIO(), io.StringIO()
    code = main([str(a) for a in argv], stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_a_full_file_is_read_section_by_section():
    pm, problems = postmortem.parse(GOOD, "cdn", "postmortems/cdn.md")
    assert problems == []
    assert (pm.title, pm.date, pm.status, pm.authors, pm.severity, pm.tz) == (
        "CDN outage takes down checkout", "2025-03-04", "in review", ("A. Analyst", "B. Analyst"), "SEV-2", "Europe/Berlin")
    assert pm.section("summary") == "Checkout failed for **47 minutes**."
    assert pm.section("root_causes") == "A bad config push."  # "Root causes" names the same section
    assert "guidance" not in "".join(pm.sections.values())
    assert [(i.what, i.owner, i.status, i.link, i.link_text) for i in pm.action_items] == [
        ("Alert on 5xx rate", "SRE", "open", "https://example.org/issues/12", "#12"),
        ("Canary config pushes", "Platform", "done", "https://example.org/pr/7", "https://example.org/pr/7"),
        ("Write the runbook", "Ops", "in progress", "", ""),
    ]
    assert pm.section("action_items") == "Agreed at the review:"
    assert pm.section("went_well") == "- Rollback took 3 minutes." and pm.section("lucky") == "- It was a quiet day."
    assert pm.empty_sections == ["Impact", "Detection", "Resolution"]


def test_every_problem_names_its_line_and_field():
    text = ("---\ntitle: T\nstatus: done\ndat: 2024-01-01\ndate: 2024-02-30\ntz: Mars\nnonsense\n---\nintro\n"
            "## Sumary\nx\n## Action items\n| what | owner | status |\n|---|---|---|\n| fix | me | todo |\n"
            "|  | me | open |\n| a | b | open | extra |\n| ok | me | open |\n")
    pm, problems = postmortem.parse(text, "x", "pm/x.md")
    found = [(d.line, d.column, d.message.split(":")[0].split(" (")[0]) for d in problems]
    assert found == [
        (3, "status", "'done' is not a status"),
        (4, "dat", "unknown field; did you mean 'date'?"),
        (5, "date", "'2024-02-30' is not a date"),
        (6, "tz", "unknown zone 'Mars'"),
        (7, "header", "'nonsense' is not 'field"),
        (9, "file", "text before the first section"),
        (10, "heading", "unknown section 'Sumary'; did you mean 'Summary'?"),
        (15, "status", "'todo' is not a status"),
        (16, "what", "empty"),
        (17, "action items", "4 cells, but the table's header has 3"),
    ]
    assert all(str(d).startswith(f"pm/x.md:{d.line}: ") for d in problems)
    assert [i.what for i in pm.action_items] == ["ok"]


def test_an_unclosed_header_or_comment_is_an_error():
    _, problems = postmortem.parse("---\ntitle: T\n## Summary\n", "x", "x.md")
    assert [(d.line, d.column) for d in problems] == [(1, "header")]
    _, problems = postmortem.parse("## Summary\ntext <!-- never closed\n", "x", "x.md")
    assert [(d.line, d.message) for d in problems] == [(2, "a comment '<!--' is never closed with '-->'")]


def test_the_starter_file_is_valid_and_empty():
    pm, problems = postmortem.parse(postmortem.starter("new-one", "A title"), "new-one")
    assert problems == [] and pm.title == "A title" and pm.status == "draft"
    assert pm.empty_sections == [heading for key, heading in postmortem.SECTIONS if key != "timeline"]  # the timeline is the claims'


def test_new_appends_starter_rows_and_a_postmortem_and_refuses_an_existing_id(tmp_path):
    events = tmp_path / "events.csv"
    events.write_text("incident,event,kind,time,tz,source,note\nold,a,other,2024-01-01 10:00,UTC,S,\n")
    before = events.read_bytes()
    code, _, err = run("new", "cdn-2025", "--events", events, "--title", "CDN outage")
    assert code == 0, err
    data = events.read_bytes()
    assert data.startswith(before)  # the existing rows stay as they were, byte for byte
    added = data[len(before):].decode().splitlines()
    assert added[0] == 'cdn-2025,impact-start,impact_start,,,,"starter row: give time and tz (or relative_to and offset_min) and source, or delete the row"'
    assert len(added) == 6 and not any("scheduled" in line for line in added)  # an outage has no schedule
    pm, problems = postmortem.load(tmp_path / "postmortems", "cdn-2025")
    assert problems == [] and pm.title == "CDN outage"
    # test_incident_new_keeps_the_file_valid: each row still to fill is a warning by line, and the
    # analysis leaves them out, so that every other incident's report still builds
    code, _, err = run("validate", events)
    assert code == 0, err
    assert f"{events}:4: time: warning: a row still to fill (event 'detection' of 'cdn-2025')" in err
    assert err.count("a row still to fill") == 6 and "valid: 1 claim, 2 incidents (1 with starter rows only)" in err
    # a row filled only in part is an error again: a time without a source is no claim
    events.write_text(data.decode().replace("cdn-2025,detection,detection,,,,", "cdn-2025,detection,detection,2025-03-04 09:09,PT,,"))
    code, _, err = run("validate", events)
    assert code == 1 and f"{events}:4: source:" in err
    events.write_bytes(data)
    # an incident the file has, or an existing postmortem file, is refused and nothing is written
    code, _, err = run("new", "cdn-2025", "--events", events)
    assert code == 1 and "already has incident 'cdn-2025'" in err
    assert events.read_bytes() == data
    code, _, err = run("new", "old", "--events", events, "--postmortem-only")
    assert code == 0 and (tmp_path / "postmortems" / "old.md").exists() and events.read_bytes() == data
    code, _, err = run("new", "old", "--events", events, "--postmortem-only")
    assert code == 1 and "exists" in err
    assert run("new", "Bad Id", "--events", events)[0] == 2


def test_incident_new_offers_the_milestones_of_a_live_event(tmp_path):
    events = tmp_path / "events.csv"
    code, _, err = run("new", "launch-2025", "--events", events, "--kind", "live-event")
    assert code == 0, err
    kinds = [line.split(",")[2] for line in events.read_text().splitlines()[1:]]
    assert kinds[0] == "scheduled_start" and "mitigation" not in kinds


def test_new_starts_an_events_file_that_is_missing(tmp_path):
    events = tmp_path / "events.csv"
    code, _, err = run("new", "first", "--events", events)
    assert code == 0, err
    assert events.read_text().startswith("incident,event,kind,label,time,until,tz,")


def test_validate_and_report_check_the_postmortem_files(tmp_path):
    events = tmp_path / "events.csv"
    events.write_bytes(EVENTS.read_bytes())
    folder = tmp_path / "postmortems"
    folder.mkdir()
    (folder / "x-spaces-2024.md").write_text("---\ntitle: T\nstatus: finished\n---\n")
    (folder / "typo-2024.md").write_text("## Summary\nx\n")
    code, _, err = run("validate", events)
    assert code == 1
    assert f"{folder / 'x-spaces-2024.md'}:3: status: 'finished' is not a status" in err
    assert f"{folder / 'typo-2024.md'}:1: file: warning: no incident 'typo-2024'" in err
    out = tmp_path / "out"
    code, _, err = run("report", "--events", events, "--out", out)
    assert code == 1 and "'finished' is not a status" in err and not out.exists()


def report_files(postmortems=None):
    events = load(EVENTS)
    return build_report(ReportInput(reconstruct_all(events.claims), tuple(events.diagnostics), "events.csv",
                                    events.sha256, postmortems=postmortems or {}))


def test_the_report_weaves_in_the_analysts_words():
    pm, _ = postmortem.parse(GOOD.replace("tz: Europe/Berlin\n", ""), "x-spaces-2024", "postmortems/x-spaces-2024.md")
    files = report_files({"x-spaces-2024": pm})
    text = files["x-spaces-2024.md"].decode()
    assert text.startswith("# CDN outage takes down checkout\n\n**Incident** x-spaces-2024 · **Date** 2025-03-04 · "
                           "**Status** in review · **Severity** SEV-2 · **Authors** A. Analyst, B. Analyst\n")
    assert "Not written yet in postmortems/x-spaces-2024.md: Impact, Detection, Resolution." in text
    assert "## Summary\n\nCheckout failed for **47 minutes**.\n\n**Began 42 min late" in text  # the headline, then the claims
    assert "(delay, this incident's headline metric)\n\nFrom the claims: " in text
    assert "## Action items\n\nAgreed at the review:\n\n| what | owner | status | link |" in text
    assert "| Alert on 5xx rate | SRE | open | [#12](https://example.org/issues/12) |" in text
    assert "3 action items, 2 still open or in progress." in text
    assert "### What went well\n\n- Rollback took 3 minutes." in text
    page = files["x-spaces-2024.html"].decode()
    assert "<title>CDN outage takes down checkout</title>" in page
    assert "<strong>47 minutes</strong>" in page  # the analyst's Markdown, rendered
    assert '<a href="https://example.org/issues/12">#12</a>' in page


def test_the_analysts_html_is_shown_as_text_and_bad_links_stay_text():
    pm, _ = postmortem.parse("## Summary\n<script>alert(1)</script> [x](javascript:alert(1)) [ok](https://example.org)\n",
                             "x-spaces-2024", "x.md")
    page = report_files({"x-spaces-2024": pm})["x-spaces-2024.html"].decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script" not in page
    assert 'href="javascript' not in page and '<a href="https://example.org">ok</a>' in page


def test_the_gantt_block_draws_the_milestones_windows():
    timeline = reconstruct_all(load(EVENTS).claims)["x-spaces-2024"]
    gantt = mermaid_gantt(timeline).splitlines()
    assert gantt[:4] == ["gantt", "    title x-spaces-2024: reconstructed windows, UTC",
                         "    dateFormat YYYY-MM-DD HH:mm:ss", "    axisFormat %H:%M"]
    assert "    Scheduled start (8 p.m. ET) :milestone, e1, 2024-08-13 00:00:00, 0m" in gantt
    # a name's ':' is written as Mermaid's entity code (a bare ':' would end the task's name), never
    # deleted; an event with a claim set aside is 'active' (a neutral highlight named in the key), not red 'crit'
    start = [line for line in gantt if line.strip().startswith("Conversation starts")]
    assert start == ["    Conversation starts (8#58;42 p.m. EDT) (window) :active, w6, 2024-08-13 00:41:30, 2024-08-13 00:41:59",
                     "    Conversation starts (8#58;42 p.m. EDT) :active, milestone, e6, 2024-08-13 00:42:00, 0m"]
    assert not any("crit" in line for line in gantt)
    assert not any("measurement" in line or "cause" in line for line in gantt)  # milestones only


def test_a_day_only_claim_shows_the_day_its_source_gave(write):
    path = write("incident,event,kind,time,tz,source\n"
                 "x,a,impact_start,2024-08-13 00:10,UTC,S\nx,b,cause,2024-08-13,UTC,S\nx,c,other,2024-08-13 01:00,ET,S\n")
    events = load(path)
    timelines = reconstruct_all(events.claims)
    import dataclasses

    timelines = {"x": dataclasses.replace(timelines["x"], zone="America/New_York")}
    files = build_report(ReportInput(timelines, (), "events.csv", events.sha256))
    text = files["x.md"].decode()
    assert "2024-08-13 (day, UTC)" in text and "2024-08-12 (day" not in text


def test_sources_link_their_articles():
    text = report_files()["x-spaces-2024.md"].decode()
    sources = text.split("## Sources")[1]
    assert "[Boing Boing](https://boingboing.net/" in sources
    assert "**BBC** — 1 claim, line " in sources and "— no address" in sources
