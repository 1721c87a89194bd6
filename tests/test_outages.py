"""Real outages entered from their published postmortems and press (tests/data/outages): the
metrics come out as the operator published them, and the v1.2 features they use do their work."""

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
        assert m.minutes is not None, name
        if isinstance(published, dict):  # the postmortem itself gives two times: a range
            assert published["low"] <= round(m.minutes) <= published["high"], (name, m.minutes, published)
        else:
            assert round(m.minutes) == published, (name, m.minutes, published)


def test_a_correction_is_named_and_not_outvoted(outage):
    timeline, _ = outage
    for claim in timeline.corrected:
        by = timeline.corrections[claim.line]
        assert by.corrects == claim.source and timeline.status[by.line] == "kept"
