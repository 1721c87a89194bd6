"""Reconstruction: acceptance on the shipped data, rules, and properties."""

import json
import os
from datetime import datetime, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from conftest import make_claims

from incident.events_csv.reader import load
from incident.timeline.metrics import compute
from incident.model.time import to_epoch
from incident.timeline.reconstruct import reconstruct, reconstruct_all
from incident.render.text import timeline_json

from conftest import EVENTS, EXAMPLES

GOLDEN = Path(__file__).parent / "data" / "golden"


def utc(*args):
    return to_epoch(datetime(*args, tzinfo=timezone.utc))


@pytest.fixture(scope="module")
def shipped():
    return reconstruct_all(load(EVENTS).raise_for_errors().claims)


@pytest.fixture(scope="module")
def postmortems():
    return reconstruct_all(load(EXAMPLES).raise_for_errors().claims)


def metric(timeline, name):
    return next(m for m in compute(timeline) if m.metric == name)


# ---------------------------------------------------------------- acceptance


def test_x_spaces_milestones(shipped):
    x = shipped["x-spaces-2024"]
    assert x["scheduled-start"].estimate == utc(2024, 8, 13, 0, 0)
    assert x["ddos-post"].estimate == utc(2024, 8, 13, 0, 18)
    start = x["conversation-start"]
    assert abs(start.estimate - utc(2024, 8, 13, 0, 42)) <= 60
    assert start.earliest <= start.estimate <= start.latest
    assert round(metric(x, "delay").minutes) == 42


def test_x_spaces_disagreements_are_named(shipped):
    x = shipped["x-spaces-2024"]
    dropped = {(c.event, c.source) for c in x.dropped}
    # 'shortly after 8:20' and 'just over 15 minutes' vs 8:18; '54 minutes' vs 8 p.m. and 8:41/8:42
    assert ("conversation-start", "Mashable") in dropped
    # 8:41 and 8:42 agree: both readings of a written minute meet in 20:41:30–20:41:59
    assert x.status[86] == "kept"
    assert ("ddos-post", "CNBC") in dropped
    assert ("ddos-post", "TheWrap") in dropped
    assert x["conversation-start"].conflict and x["ddos-post"].conflict
    assert not x["scheduled-start"].conflict
    # the ~8:45 versions agree within their uncertainty: they widen nothing and are kept
    kept = {c.source for c in x["conversation-start"].claims} - {c.source for c in x.dropped}
    assert {"MEAWW", "The Telegraph", "AP", "TechCrunch"} <= kept
    assert dropped == {("conversation-start", "Mashable"), ("ddos-post", "CNBC"), ("ddos-post", "TheWrap")}
    for conflict in x.conflicts:
        assert set(conflict.dropped) <= set(conflict.claims) and len(conflict.claims) >= 2
        assert not conflict.is_undecided and conflict.weights[0] < conflict.weights[1]


def test_desantis_milestones(shipped):
    d = shipped["desantis-2023"]
    assert d["scheduled-start"].estimate == utc(2023, 5, 24, 22, 0)
    assert abs(d["desantis-announces"].estimate - utc(2023, 5, 24, 22, 26)) <= 60
    assert round(metric(d, "delay").minutes) == 26
    assert metric(d, "time_to_acknowledge").minutes is None  # no acknowledgement: undefined, not 0


def test_public_postmortems(postmortems):
    github, fastly = postmortems["github-2018"], postmortems["fastly-2021"]
    assert metric(github, "time_to_resolve").minutes == 1451  # "24 hours and 11 minutes"
    assert metric(fastly, "time_to_detect").minutes == 1
    assert metric(fastly, "time_to_resolve").minutes == 177
    assert metric(fastly, "delay").minutes is None


def test_every_estimate_lies_in_its_window(shipped, postmortems):
    for timeline in [*shipped.values(), *postmortems.values()]:
        for event in timeline.events:
            if event.estimate is None:
                continue
            assert event.earliest is None or event.earliest <= event.estimate, event.event
            assert event.latest is None or event.estimate <= event.latest, event.event


def test_metric_range_contains_the_estimate(shipped, postmortems):
    for timeline in [*shipped.values(), *postmortems.values()]:
        for m in compute(timeline):
            if m.minutes is not None and m.low is not None and m.high is not None:
                # the estimate is a difference of shown (rounded) instants: it lies in the printed range
                assert round(m.low) <= round(m.minutes) <= round(m.high), (timeline.incident, m.metric)


def test_local_zone_comes_from_the_claims(shipped, postmortems):
    assert shipped["x-spaces-2024"].zone == "America/New_York"
    assert postmortems["github-2018"].zone == "UTC"


@pytest.mark.parametrize("incident", ["x-spaces-2024", "desantis-2023"])
def test_golden_timeline_json(shipped, incident):
    path = GOLDEN / f"timeline-{incident}.json"
    got = json.dumps(timeline_json(shipped[incident]), ensure_ascii=False, indent=2) + "\n"
    if os.environ.get("UPDATE_GOLDEN"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(got, encoding="utf-8")
    assert got == path.read_text(encoding="utf-8")


# ---------------------------------------------------------------- rules on small incidents


def make(rows):
    return make_claims(rows)


def test_date_only_claim_covers_the_day_and_gives_no_estimate():
    t = reconstruct(make([{"event": "a", "time": "2024-08-12", "tz": "ET"}]))
    event = t["a"]
    assert (event.earliest, event.latest) == (utc(2024, 8, 12, 4), utc(2024, 8, 13, 4) - 1)
    assert event.estimate is None


def test_relative_chain_gets_estimates_from_its_anchor():
    t = reconstruct(make([
        {"event": "a", "time": "2024-01-01 10:00"},
        {"event": "b", "relative_to": "a", "offset_min": "7"},
        {"event": "c", "relative_to": "b", "offset_min": "-2", "uncertainty_min": "1"},
    ]))
    assert t["b"].estimate == utc(2024, 1, 1, 10, 7)
    assert t["c"].estimate == utc(2024, 1, 1, 10, 5)
    # a: 09:59:30–10:00:59 (a written minute); b = a + 7 ± 1 min; c = b − 2 ± 1 min
    assert (t["c"].earliest, t["c"].latest) == (utc(2024, 1, 1, 10, 2, 30), utc(2024, 1, 1, 10, 7, 59))


def test_a_bound_is_not_an_estimate():
    t = reconstruct(make([
        {"event": "s", "time": "2024-01-01 20:00"},
        {"event": "r", "relative_to": "s", "offset_min": "40", "bound": "not_before"},
    ]))
    # 20:00 read as 19:59:30–20:00:59, "more than 40 minutes" as ≥ 40 exactly: at the earliest 20:39:30
    assert t["r"].earliest == utc(2024, 1, 1, 20, 39, 30)
    assert t["r"].latest is None
    assert t["r"].estimate is None and t["r"].shown is None
    assert t["r"].rule.startswith("no estimate: known only from bounds")


def test_conflict_sets_aside_the_lightest_claims():
    t = reconstruct(make([
        {"event": "a", "time": "2024-01-01 20:42"},
        {"event": "a", "time": "2024-01-01 20:42"},
        {"event": "a", "time": "2024-01-01 20:41"},
        {"event": "a", "time": "2024-01-01 20:45", "uncertainty_min": "2"},
    ]))
    # 20:45 ± 2 (20:42:30 at the earliest) cannot hold with 20:41 (20:41:59 at the latest);
    # the vaguer claim weighs less (2 against 3) and is set aside; 20:41 and 20:42 agree
    assert sorted(c.line for c in t.dropped) == [5]
    assert (t["a"].earliest, t["a"].latest) == (utc(2024, 1, 1, 20, 41, 30), utc(2024, 1, 1, 20, 41, 59))
    assert t["a"].earliest <= t["a"].estimate <= t["a"].latest
    assert t["a"].conflict


def test_adjacent_minutes_and_a_relative_claim_agree():
    t = reconstruct(make([
        {"event": "a", "time": "2024-01-01 18:20"},
        {"event": "a", "time": "2024-01-01 18:21"},
        {"event": "s", "time": "2024-01-01 18:00"},
        {"event": "a", "relative_to": "s", "offset_min": "21"},
    ]))
    # 18:20 and 18:21 meet in 18:20:30–18:20:59, which "21 (± 1) minutes after 18:00" allows
    assert not t.conflicts
    assert (t["a"].earliest, t["a"].latest) == (utc(2024, 1, 1, 18, 20, 30), utc(2024, 1, 1, 18, 20, 59))


# ---------------------------------------------------------------- properties

BASE = datetime(2024, 8, 12, 20, 0)


@st.composite
def incidents(draw, max_events=5):
    n = draw(st.integers(1, max_events))
    names = [f"e{i}" for i in range(n)]
    rows = []
    for name in names:
        for _ in range(draw(st.integers(1, 3))):
            if rows and draw(st.booleans()) and n > 1:
                anchor = draw(st.sampled_from([x for x in names if x != name]))
                rows.append({
                    "event": name, "relative_to": anchor,
                    "offset_min": str(draw(st.integers(-30, 30))),
                    "uncertainty_min": str(draw(st.integers(0, 10))),
                    "bound": draw(st.sampled_from(["at", "at", "not_before", "not_after"])),
                })
            else:
                minutes = draw(st.integers(0, 120))
                when = BASE.replace(minute=0) + __import__("datetime").timedelta(minutes=minutes)
                rows.append({
                    "event": name, "time": when.strftime("%Y-%m-%d %H:%M"),
                    "uncertainty_min": str(draw(st.integers(0, 10))),
                    "bound": draw(st.sampled_from(["at", "at", "not_before", "not_after"])),
                })
    return rows


PROPERTY = settings(max_examples=150, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY
@given(incidents())
def test_estimates_always_lie_in_their_windows(rows):
    t = reconstruct(make(rows))
    for event in t.events:
        if event.estimate is not None:
            assert event.earliest is None or event.earliest <= event.estimate
            assert event.latest is None or event.estimate <= event.latest
    for conflict in t.conflicts:
        assert set(conflict.dropped) <= set(conflict.claims)


@PROPERTY
@given(incidents())
def test_consistent_windows_lie_within_every_claim(rows):
    t = reconstruct(make(rows))
    assume(not t.conflicts)
    for event in t.events:
        for claim in event.claims:
            if claim.is_relative:
                continue
            low, high = claim.window()
            assert low is None or event.earliest >= low
            assert high is None or event.latest <= high


@PROPERTY
@given(incidents(), incidents(max_events=2))
def test_adding_a_claim_never_widens_a_window(rows, extra):
    before = reconstruct(make(rows))
    after = reconstruct(make(rows + extra[:1]))
    assume(not before.conflicts and not after.conflicts)
    for event in before.events:
        widened = after[event.event]
        assert before_le(event.earliest, widened.earliest, low=True)
        assert before_le(widened.latest, event.latest, low=False)


def before_le(a, b, low):
    """a ≤ b where None is −∞ for earliest (low) and +∞ for latest."""
    if a is None:
        return True if low else b is None
    if b is None:
        return not low
    return a <= b


@PROPERTY
@given(incidents(), st.integers(-600, 600))
def test_shifting_every_absolute_claim_shifts_every_estimate(rows, minutes):
    shifted = []
    for row in rows:
        row = dict(row)
        if "time" in row:
            moment = datetime.strptime(row["time"], "%Y-%m-%d %H:%M")
            row["time"] = (moment + __import__("datetime").timedelta(minutes=minutes)).strftime("%Y-%m-%d %H:%M")
        shifted.append(row)
    a, b = reconstruct(make(rows)), reconstruct(make(shifted))
    for event in a.events:
        other = b[event.event]
        if event.estimate is None:
            assert other.estimate is None
        else:
            assert other.estimate - event.estimate == minutes * 60


def test_the_order_of_the_rows_does_not_change_the_reconstruction():
    import random

    claims = load(EVENTS).raise_for_errors().claims
    rng = random.Random(3)

    def summary(timelines):
        return {
            name: [(e.event, e.estimate, e.earliest, e.latest, e.conflict, sorted((c.source, str(c.time)) for c in e.dropped)) for e in t.events]
            for name, t in timelines.items()
        }

    expected = summary(reconstruct_all(claims))
    for _ in range(3):
        shuffled = list(claims)
        rng.shuffle(shuffled)
        renumbered = [c.model_copy(update={"line": i + 2}) for i, c in enumerate(shuffled)]
        assert summary(reconstruct_all(renumbered)) == expected
