"""Plain words for readers: each metric said for what is known of it, the headline metric chosen by
the incident's kind or by its postmortem file (`headline:`), a line of narrative per timeline
entry, action items with priority and type, and on each page a "How to read this" box and a
glossary."""

from pathlib import Path

import pytest

from incident import postmortem
from incident.cli import main
from incident.events_csv.reader import load
from incident.model.cells import Kind
from incident.render.inputs import ReportInput
from incident.render.report import build_report
from incident.render.wording import metric_sentence
from incident.timeline.metrics import compute, headline
from incident.timeline.reconstruct import reconstruct_all

SHAPES = Path(__file__).parent / "data" / "shapes" / "shapes.csv"


@pytest.fixture(scope="module")
def shapes():
    return reconstruct_all(load(SHAPES).raise_for_errors().claims)


@pytest.fixture(scope="module")
def plain(shapes):
    """The report of the shapes without postmortem files."""
    return report(shapes)


def report(shapes, postmortems=None, charts=None):
    """The report of the shapes; `charts`: files of an earlier build, whose charts are reused when
    nothing they are drawn from has changed (as `report` does)."""
    events = load(SHAPES)
    existing = {name: data for name, data in (charts or {}).items() if name.startswith("charts/")}
    return build_report(ReportInput(shapes, tuple(events.diagnostics), "shapes.csv", events.sha256,
                                    postmortems=postmortems or {}), existing)


def metric(timeline, name):
    return next(m for m in compute(timeline) if m.metric == name)


def run(*argv):
    import io

    out, err = io.StringIO(), io.StringIO()
    code = main([str(a) for a in argv], stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_each_metric_is_said_for_what_is_known(shapes):
    said = [metric_sentence(metric(shapes[incident], name)) for incident, name in
            [("cloud-api-2025", "time_to_recover"), ("edge-2024", "time_to_recover"), ("status-2024", "time_to_recover"),
             ("saas-2022", "time_to_recover"), ("status-2024", "time_to_acknowledge"), ("game-2023", "time_to_detect"),
             ("presale-2022", "delay"), ("cloud-api-2025", "time_to_detect")]]
    assert said == [
        # a recovery known only as "by 18:20": a bound, and what is not stated
        "Recovered within 7 h 40 min of the impact start (First user reports of API errors); the exact moment of the "
        "recovery is not stated.",
        "Recovered 27 min after the impact start (Edge servers return 502 errors); the claims allow 26–28 min.",
        # the impact start known only as "by 12:25" (the first status post)
        "Recovered at least 2 h 40 min after the impact start (Users see errors (since earlier today)); the exact moment "
        "of the impact start is not stated.",
        "Recovered between 12 days 16 h and 13 days 16 h after the impact start (Maintenance script deletes customer "
        "sites); the exact moment of the recovery is not stated.",
        "How long after the impact start (Users see errors (since earlier today)) it was acknowledged is not known: the "
        "impact start is known only from one side.",
        # a precursor: the alert came before users were affected (format 1.3)
        "Detected 10 min before the impact start (Players disconnected); the claims allow 9–11 min before impact.",
        "Began 5 h late (the claims allow 5 h – 5 h 01 min).",
        "Time to detect: not known — no claim places detection.",
    ]


def test_the_headline_metric_follows_the_kind_unless_the_postmortem_names_one(shapes):
    assert headline(shapes["cloud-api-2025"]).metric == "impact_duration"  # an outage: how long its impact lasted
    assert headline(shapes["presale-2022"]).metric == "delay"  # a live event: how late it began
    assert headline(shapes["presale-2022"], chosen="duration").metric == "duration"
    pm, problems = postmortem.parse("---\nheadline: Time to recover\n---\n", "presale-2022", "pm.md")
    assert problems == [] and pm.headline == "time_to_recover"
    _, problems = postmortem.parse("---\ntitle: T\nheadline: time to recovr\n---\n", "x", "pm.md")
    assert [(d.line, d.column, d.message) for d in problems] == [
        (3, "headline", "'time to recovr' is not a metric; did you mean 'time_to_recover'? (the metrics are delay, time_to_detect, "
                        "time_to_acknowledge, time_to_mitigate, time_to_recover, time_to_resolve, duration, impact_duration; "
                        "without the line, an outage's is impact_duration, a live event's delay)")]


def test_the_index_and_the_summary_use_the_headline(shapes, plain):
    pm, _ = postmortem.parse("---\nheadline: duration\n---\n", "presale-2022", "postmortems/presale-2022.md")
    files = report(shapes, {"presale-2022": pm}, plain)
    index = files["index.md"].decode()
    assert "| [launch-2023](launch-2023.md) | 2023-05-24 | — | — | delay 26 min (26–27 min) |" in index
    assert "| duration 7 h (6 h 59 min – 7 h 01 min) |" in index  # the presale's postmortem names its headline
    assert "| impact duration at most 7 h 40 min |" in index
    summary = files["cloud-api-2025.md"].decode().split("## Summary")[1].split("##")[0]
    assert ("**Recovered within 7 h 40 min of the impact start (First user reports of API errors); the exact moment of "
            "the recovery is not stated.** (impact duration, this incident's headline metric)") in summary
    assert "**Began 26 min late (the claims allow 26–27 min).**" in files["launch-2023.md"].decode()


def test_every_page_says_how_to_read_it_and_has_a_glossary(plain):
    files = plain
    for name in ("cloud-api-2025.md", "index.md", "comparison-outages.md"):
        text = files[name].decode()
        assert "> **How to read this**" in text, name
    incident = files["cloud-api-2025.md"].decode()
    for term in ("Claims.", "Times and windows.", "Set aside."):
        assert f"> - **{term}**" in incident
    assert "[the glossary](#glossary)" in incident and "\n## Glossary\n\n- **claim**: what one source said" in incident
    assert "[the glossary](index.md#glossary)" in files["comparison-outages.md"].decode()
    page = files["cloud-api-2025.html"].decode()
    assert '<aside class="read"><p><strong>How to read this</strong></p>' in page
    assert '<a href="#glossary">the glossary</a>' in page and '<h2 id="glossary">Glossary</h2>' in page
    assert '<a href="index.html#glossary">the glossary</a>' in files["index.html"].decode()  # from a comparison's section


TIMELINE_WORDS = """---
title: Edge outage
---
## Summary
A rule took the edge down.

## Timeline
The rule was meant for one customer.

- impact-start: The rule reached every edge server at once and CPUs hit 100 %.
- `kill`: Engineers disabled the rule worldwide with the global kill switch.
- back-up: A typo of an id.

## Action items

| what | owner | status | priority | type |
|---|---|---|---|---|
| Stage rule deploys | Edge team | open | P1 | prevent |
| Alert on CPU per rule | SRE | in progress | P2 | detect |
"""


def test_timeline_entries_carry_a_sentence_of_narrative(shapes, plain):
    pm, problems = postmortem.parse(TIMELINE_WORDS, "edge-2024", "postmortems/edge-2024.md")
    assert problems == []
    assert pm.event_words == {"impact-start": "The rule reached every edge server at once and CPUs hit 100 %.",
                              "kill": "Engineers disabled the rule worldwide with the global kill switch.",
                              "back-up": "A typo of an id."}
    assert pm.section("timeline") == "The rule was meant for one customer."
    files = report(shapes, {"edge-2024": pm}, plain)
    text = files["edge-2024.md"].decode()
    table = text.split("## Timeline")[1].split("## Root causes")[0]
    assert "The rule was meant for one customer." in table  # the section's prose, above the chart
    assert "| event | what happened | kind |" in table
    assert "| Edge servers return 502 errors | The rule reached every edge server at once and CPUs hit 100 %. |" in table
    assert "| Rule disabled worldwide | Engineers disabled the rule worldwide with the global kill switch. |" in table
    # no words of the analyst: the first sentence of its weightiest source's quote
    cloud = plain["cloud-api-2025.md"].decode()
    assert "| Services recovered | “By 6:20 PM PT all services had recovered.” (Cloud status page) |" in cloud


def test_words_for_an_unknown_event_are_a_warning_and_a_repeated_id_an_error(tmp_path):
    _, problems = postmortem.parse("## Timeline\n- a: one\n- a: two\n- b:\n", "x", "pm.md")
    assert [(d.line, d.column, d.message.split(":")[0]) for d in problems] == [(3, "timeline", "'a' again"),
                                                                               (4, "timeline", "no words for 'b'")]
    events = tmp_path / "events.csv"
    events.write_text(SHAPES.read_text())
    (tmp_path / "postmortems").mkdir()
    (tmp_path / "postmortems" / "edge-2024.md").write_text(TIMELINE_WORDS)
    code, _, err = run("report", "edge-2024", "--events", events, "--out", tmp_path / "out")
    assert code == 0, err
    assert ("postmortems/edge-2024.md:12: timeline: warning: no event 'back-up' in incident 'edge-2024'; did you mean 'back'? "
            "(its words are not shown)") in err


def test_action_items_show_priority_and_type_when_given(shapes, plain):
    pm, problems = postmortem.parse(TIMELINE_WORDS, "edge-2024", "postmortems/edge-2024.md")
    assert problems == []
    assert [(i.what, i.priority, i.type) for i in pm.action_items] == [("Stage rule deploys", "P1", "prevent"),
                                                                       ("Alert on CPU per rule", "P2", "detect")]
    text = report(shapes, {"edge-2024": pm}, plain)["edge-2024.md"].decode()
    assert "| what | type | priority | owner | status |\n|---|---|---|---|---|\n| Stage rule deploys | prevent | P1 | Edge team | open |" in text
    # a table of the columns before priority and type reads as it did
    old, problems = postmortem.parse("## Action items\n| what | owner | status | link |\n|---|---|---|---|\n| Fix | me | open | |\n", "x", "x.md")
    assert problems == [] and [(i.what, i.priority, i.type) for i in old.action_items] == [("Fix", "", "")]


def test_the_starter_file_documents_the_new_fields_and_stays_valid():
    text = postmortem.starter("new-one", "A title")
    assert "headline:" in text and "## Timeline" in text and "| what | owner | status | priority | type | link |" in text
    pm, problems = postmortem.parse(text, "new-one")
    assert problems == [] and pm.headline == "" and pm.event_words == {}


def test_the_first_report_and_a_day_only_milestone_are_named_in_the_sentences(shapes):
    recovery = shapes["saas-2022"].first(Kind.recovery)
    assert recovery.shown is None  # known only to its day
    said = metric_sentence(metric(shapes["saas-2022"], "time_to_recover"), named=True)
    assert said.startswith("Recovered (All customer sites restored) between 12 days 16 h and 13 days 16 h after")
