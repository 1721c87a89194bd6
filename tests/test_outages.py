"""Real outages entered from their published postmortems and press (tests/data/outages): the
metrics come out as the operator published them, and the v1.2 and v1.3 features they use do their
work (a precursor alert, a status page its own post-incident summary revises)."""

import csv
import io
import json
from pathlib import Path

import pytest

from incident.events_csv import reader as events_csv
from incident.timeline.metrics import compute
from incident.timeline.reconstruct import reconstruct_all

OUTAGES = Path(__file__).parent / "data" / "outages"
FILES = sorted(OUTAGES.glob("*.csv"))


@pytest.fixture(scope="module", params=FILES, ids=[p.stem for p in FILES])
def outage(request):
    loaded = events_csv.load(str(request.param))
    assert loaded.ok, [str(d) for d in loaded.errors]
    expected = json.loads(request.param.with_suffix(".expected.json").read_text())
    (timeline,) = reconstruct_all(loaded.claims).values()
    return timeline, expected


def test_three_outages_with_a_correction_a_copy_group_and_an_interval():
    claims = [c for path in FILES for c in events_csv.load(str(path)).claims]
    assert len(FILES) >= 3
    assert any(c.corrects for c in claims) and any(c.via for c in claims) and any(c.until for c in claims)


def test_metrics_are_as_the_operator_published_them(outage):
    timeline, expected = outage
    found = {m.metric: m for m in compute(timeline)}
    for name, published in expected["published"].items():
        m = found[name]
        assert m.minutes is not None and m.shown is not None, name
        assert m.low <= m.minutes <= m.high and m.low <= m.shown <= m.high, name
        if isinstance(published, dict):  # the postmortem itself gives two times: a range
            assert published["low"] <= round(m.shown) <= published["high"], (name, m.shown, published)
        else:
            assert round(m.shown) == published, (name, m.shown, published)


def test_a_correction_is_named_and_not_outvoted(outage):
    timeline, _ = outage
    for claim in timeline.corrected:
        by = timeline.corrections[claim.line]
        assert by.corrects == claim.source and timeline.status[by.line] == "kept"


def timeline_of(name):
    (timeline,) = reconstruct_all(events_csv.load(str(OUTAGES / f"{name}.csv")).claims).values()
    return timeline


def test_the_outages_use_the_forms_of_format_1_3():
    claims = [c for path in FILES for c in events_csv.load(str(path)).claims]
    assert any(c.published for c in claims)
    assert any(c.time is not None and c.tz is None and c.time.offset is None for c in claims)  # a day, no zone


def test_an_alert_before_the_market_opened_is_a_precursor():
    """Knight Capital, 1 Aug 2012: 97 'Power Peg disabled' e-mails from about 8:01 a.m. ET, before the
    9:30 a.m. open when the erroneous orders began: detected 89 min before impact, no conflict."""
    from incident.render.text import metrics_table
    from incident.timeline.metrics import format_estimate

    timeline = timeline_of("knight-capital-2012-08-01")
    assert not timeline.conflicts
    alert = timeline["bnet-rejects"]
    assert timeline.is_precursor(alert) and not timeline.is_precursor(timeline["orders-stopped"])
    detect = next(m for m in compute(timeline) if m.metric == "time_to_detect")
    assert format_estimate(detect) == "detected 89 min before impact"
    assert "detected 89 min before impact" in metrics_table(compute(timeline))


def test_a_status_page_revised_by_its_own_summary_is_superseded_not_outvoted():
    """GitHub, 5 June 2026: the status page said 14:49 while the incident ran; the summary it published
    on 10 June says 15:35. Equal weights: without `published` this would be undecided."""
    timeline = timeline_of("github-2026-06-05")
    start = timeline["auth-failures"]
    assert [c.source for c in start.superseded] == ["GitHub status page", "GitHub status page"]
    assert start.sources == ["GitHub incident summary (10 June 2026)"]
    assert not timeline.conflicts and not timeline.undecided
    assert timeline.supersessions[start.superseded[0].line].source == "GitHub incident summary (10 June 2026)"
    text = (OUTAGES / "github-2026-06-05.csv").read_text(encoding="utf-8")
    header, *rows = list(csv.reader(io.StringIO(text)))
    at = header.index("published")
    out = io.StringIO()
    csv.writer(out).writerows([header, *[row[:at] + [""] + row[at + 1:] for row in rows]])
    before = reconstruct_all(events_csv.parse(out.getvalue().encode()).claims)["github-2026-06-05"]
    assert before["auth-failures"].undecided  # the 1.2 reading: a tie between the two statements
