"""The hot paths of a reconstruction, rewritten for speed, give what the forms they replaced gave:
the claim's most-asked properties (read from its dict; asked about a million times over a history)
on every claim of every shipped and test file and on generated claims, a claim's content key, and
the weighted median."""

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from incident.events_csv.reader import load, parse
from incident.model.cells import AUTHORITY, Bound, Kind, SourceType
from incident.model.claim import Claim
from incident.model.time import DAY, MAX_INSTANT, MIN_INSTANT, MINUTE, SECOND, in_calendar, next_midnight
from incident.timeline.estimates import _weighted_median
from incident.timeline.reconstruct import _content

from conftest import EVENTS, EXAMPLES

FILES = sorted([EVENTS, EXAMPLES, *(Path(__file__).parent / "data").rglob("*.csv")])


# ---- the forms replaced, as they were written (attribute access throughout)

def old_in_calendar(seconds):
    return min(max(seconds, MIN_INSTANT), MAX_INSTANT)


def old_point(c: Claim):
    instant = c.__pydantic_private__["_instant"]
    if instant is None or c.bound is not Bound.at or c.time.precision == DAY or c.until is not None:
        return None
    return instant


def old_stated_offset(c: Claim):
    if c.relative_to is None or c.bound is not Bound.at or c.until is not None:
        return None
    return round(c.offset_min * 60)


def old_precision_points(c: Claim) -> int:
    precision = c.time.precision if c.time is not None else MINUTE
    if c.time is not None and precision == DAY:
        return 1
    if c.uncertainty_min > 0:
        return 2 if c.uncertainty_min <= 2 else 1
    if c.relative_to is not None:
        rounding = c.rounding_s
        return 4 if rounding == 0 else 3 if rounding == MINUTE else 1
    return 4 if precision == SECOND else 3


def old_reading_of(c: Claim, cell, instant):
    if cell.precision == DAY:
        return instant, next_midnight(cell, c.tz) - 1
    if cell.precision == MINUTE and c.kind is not Kind.scheduled_start:
        return instant - MINUTE // 2, instant + MINUTE - 1
    return instant, instant


def old_reading(c: Claim):
    u = round(c.uncertainty_min * 60)
    if c.relative_to is not None:
        offset = round((c.offset_min or 0) * 60)
        if isinstance(c.until, float):
            far = round(c.until * 60)
            return offset - (u or c._rounding_of(c.offset_min)), far + (u or c._rounding_of(c.until))
        if u == 0:
            u = c.rounding_s
        return offset - u, offset + u
    instant = c.__pydantic_private__["_instant"]
    if c.until is not None:
        low = old_reading_of(c, c.time, instant)[0]
        high = old_reading_of(c, c.until, c.__pydantic_private__["_until"])[1]
        return old_in_calendar(low - u), old_in_calendar(high + u)
    low, high = old_reading_of(c, c.time, instant)
    return old_in_calendar(low - u), old_in_calendar(high + u)


def old_bounds(c: Claim):
    low, high = old_reading(c)
    if c.bound is Bound.not_before:
        low, high = c._exact_bound(low), None
    elif c.bound is Bound.not_after:
        low, high = None, c._exact_bound(high)
    return low, high


def old_content(claim: Claim) -> tuple:
    return (
        claim.event, claim.source, claim.source_type.value if claim.source_type else "", str(claim.time or ""),
        claim.zone_name or "", claim.relative_to or "", claim.offset_min or 0, claim.uncertainty_min, claim.bound.value,
        claim.value or 0, claim.kind.value, claim.line,
    )


def old_weighted_median(points):
    if len(points) == 1:
        return points[0][0]
    points = sorted(points, key=lambda point: point[0])
    weights = [w for _, w in points]
    total, whole = 0, sum(weights)
    for i, ((value, _), weight) in enumerate(zip(points, weights)):
        total += 2 * weight
        if total > whole:
            return value
        if total == whole:
            return (value + points[i + 1][0]) // 2
    return points[-1][0]


def same_as_before(c: Claim) -> None:
    content = _content(c)
    assert content == old_content(c) and [type(v) for v in content] == [type(v) for v in old_content(c)]
    assert c.is_relative is (c.relative_to is not None)
    assert c.point == old_point(c)
    assert c.stated_offset == old_stated_offset(c)
    assert c.precision_points == old_precision_points(c)
    assert c.authority == AUTHORITY[c.source_type or SourceType.press]
    if c.__pydantic_private__["_instant"] is not None or c.relative_to is not None:
        assert c.reading() == old_reading(c)
        assert c.bounds() == old_bounds(c)


@pytest.mark.parametrize("path", FILES, ids=[str(p.relative_to(p.parents[1])) for p in FILES])
def test_every_claim_of_every_file_reads_as_before(path):
    for columnar in (False, True):
        for claim in load(path, columnar=columnar).claims:
            same_as_before(claim)


CELLS = st.fixed_dictionaries({
    "time": st.sampled_from(["2024-08-12", "2024-08-12 20:42", "2024-08-12 20:42:07", "2024-08-12T20:42-04:00", "0001-01-02 00:10",
                             "9999-12-30 23:59"]),
    "tz": st.sampled_from(["", "UTC", "America/New_York", "Asia/Kolkata"]),
    "kind": st.sampled_from([k.value for k in Kind]),
    "bound": st.sampled_from(["", *(b.value for b in Bound)]),
    "uncertainty_min": st.sampled_from(["", "0", "1", "2", "2.5", "30"]),
    "source_type": st.sampled_from(["", *(t.value for t in SourceType)]),
    "relative": st.booleans(),
    "offset_min": st.sampled_from(["0", "5", "-5", "1.5", "30", "60", "90", "1440", "10080"]),
    "as_reported": st.sampled_from(["", "two hours later", "13 days", "an hour and a half", "5 minutes"]),
})


@settings(max_examples=300, deadline=None)
@given(CELLS)
def test_generated_claims_read_as_before(cells):
    header = "incident,event,kind,time,tz,uncertainty_min,bound,relative_to,offset_min,source,source_type,as_reported,url\n"
    relative = cells["relative"]
    row = ",".join([
        "x", "b", cells["kind"], "" if relative else cells["time"], "" if relative else cells["tz"], cells["uncertainty_min"],
        cells["bound"], "a" if relative else "", cells["offset_min"] if relative else "", "s", cells["source_type"],
        cells["as_reported"], "https://example.com",
    ])
    anchor = "x,a,detection,2024-08-12 20:00,UTC,,,,,s,,,https://example.com\n"
    claims = parse((header + anchor + row + "\n").encode(), keep_rows=False).claims
    assert claims  # the anchor at least (most generated rows are claims too)
    for claim in claims:
        same_as_before(claim)


@given(st.integers(MIN_INSTANT - 10**12, MAX_INSTANT + 10**12) | st.sampled_from([MIN_INSTANT, MAX_INSTANT, MIN_INSTANT - 1, MAX_INSTANT + 1]))
def test_in_calendar_clips_as_min_max_did(seconds):
    assert in_calendar(seconds) == old_in_calendar(seconds)
    assert type(in_calendar(seconds)) is type(old_in_calendar(seconds))


@settings(max_examples=500, deadline=None)
@given(st.lists(st.tuples(st.integers(-5, 5) | st.integers(-10**10, 10**10), st.integers(1, 6)), min_size=1, max_size=12))
def test_the_weighted_median_is_as_before(points):
    """Sorted by value then weight rather than by value alone: with every weight positive (a
    claim's weight is authority × precision, both at least 1) the median is the same."""
    assert _weighted_median(list(points)) == old_weighted_median(list(points))
