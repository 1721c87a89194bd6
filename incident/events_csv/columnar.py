"""Column-wise checks of many rows at once: which rows of a batch are plainly valid, and what the
rules across rows need of them.

A row is *plain* when the per-row reader (`rows.claim_of_row`, then `AcrossRows.add`) would take
it as a claim and say nothing of it, except perhaps that its kind differs from its event's first
row. Every other row (an error, a warning, a note, or a shape this module leaves alone: a time
with both an offset and a zone, a date alone in a daylight-saving zone, a year far from ours) goes
to the per-row reader, which words the message. The messages are therefore the per-row reader's
by construction; this module only finds, faster, the rows with nothing to say.

Each distinct cell of a column is checked once (a batch has few distinct incidents, kinds, zones
or sources); times are read by numpy over their characters and put in their zones by pandas.
Imported only for large files: a small `validate` does not pay for pandas.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Sequence

import numpy as np
import pandas as pd

from ..model import zones
from .clocks import as_reported_clocks
from ..model.time import DAY, MAX_INSTANT, PLAUSIBLE_SPAN, MIN_INSTANT, MINUTE, SECOND, TimeCell
from ..model.ids import MAX_ID, SLUG
from ..model.cells import MAX_MINUTES, Bound, Kind, SourceType, number_cell

KINDS = tuple(k.value for k in Kind)
NO_TIME = np.iinfo(np.int64).min
# The local times (epoch seconds, 1900 to 2200) for which pandas' reading of a zone's rules is
# trusted to be zoneinfo's (a property test compares the two); other years go row by row.
ZONE_SPAN = (-2_208_988_800, 7_289_654_400)
WIDTH = 25  # characters of the longest plain time: 2024-08-12T20:42:00+05:30


@dataclass
class Plain:
    """The plain rows of a batch (`mask`) and, for every row, what the rules across rows need
    (meaningful where `mask` is true)."""

    mask: np.ndarray  # bool
    incident: np.ndarray  # object: str
    event: np.ndarray  # object: str
    kind: np.ndarray  # object: str
    instant: np.ndarray  # int64 epoch seconds; NO_TIME for a relative claim
    relative_to: np.ndarray  # object: str, "" for an absolute claim
    source: np.ndarray  # object: str
    no_url: np.ndarray  # bool


class _Column:
    """One column of a batch, factorized: `codes` index the distinct stripped cells `values`."""

    def __init__(self, cells: Sequence[str] | None, n: int):
        if cells is None:
            self.codes, self.values = np.zeros(n, dtype=np.intp), [""]
        else:
            codes, uniques = pd.factorize(np.asarray(cells, dtype=object))
            self.codes, self.values = codes, [value.strip() for value in uniques]

    def test(self, predicate: Callable[[str], bool]) -> np.ndarray:
        """`predicate` of each distinct value, spread to the rows."""
        return np.fromiter(map(predicate, self.values), bool, len(self.values))[self.codes]

    def filled(self) -> np.ndarray:
        return self.test(bool)

    def strings(self) -> np.ndarray:
        return np.array(self.values, dtype=object)[self.codes]


def _slug(value: str) -> bool:
    return len(value) <= MAX_ID and SLUG.match(value) is not None


def _parses(check) -> Callable[[str], bool]:
    """True for an empty cell or one `check` takes."""

    def test(value: str) -> bool:
        if not value:
            return True
        try:
            check(value)
        except ValueError:
            return False
        return True

    return test


_uncertainty = _parses(number_cell("uncertainty_min", True, MAX_MINUTES))
_value = _parses(number_cell("value"))
_offset_number = number_cell("offset_min", limit=MAX_MINUTES)


def _offset(value: str) -> bool:
    """An offset that parses and is not so far (over 30 days) that the reader warns of it."""
    if not value:
        return True
    try:
        return abs(_offset_number(value)) * MINUTE <= PLAUSIBLE_SPAN
    except ValueError:
        return False


def _zone(value: str):
    try:
        return zones.zone(value) if value else None
    except ValueError:
        return False


def plain_rows(names: Sequence[str], columns: Sequence[Sequence[str]], n: int) -> Plain:
    """Which of `n` rows, given as `columns` (cells in the order of the header `names`), are plain."""
    at = {name: i for i, name in enumerate(names)}

    def column(name: str) -> _Column:
        return _Column(columns[at[name]] if name in at else None, n)

    incident, event, kind, source = column("incident"), column("event"), column("kind"), column("source")
    relative_to, time, tz, offset = column("relative_to"), column("time"), column("tz"), column("offset_min")
    value, unit = column("value"), column("unit")
    source_types, bounds = {t.value for t in SourceType}, {b.value for b in Bound}
    ok = incident.test(_slug) & event.test(_slug) & kind.test(KINDS.__contains__) & source.filled()
    ok &= column("source_type").test(lambda v: not v or v in source_types)
    ok &= column("bound").test(lambda v: not v or v in bounds)
    ok &= column("uncertainty_min").test(_uncertainty) & value.test(_value) & offset.test(_offset)
    ok &= relative_to.test(lambda v: not v or _slug(v))
    # an interval, a copy, a correction, a statement's publication or organisation is checked row by row (few
    # rows have one; the origins a copy names are kept for the corrects that may name them)
    for rare in ("until", "via", "corrects", "published", "org"):
        ok &= ~column(rare).filled()
    # which columns the row fills (model.presence_problems, column-wise)
    has_time, has_relative = time.filled(), relative_to.filled()
    ok &= (has_time != has_relative) & (has_relative == offset.filled()) & (value.filled() == unit.filled())
    events, relatives = event.strings(), relative_to.strings()
    ok &= ~has_relative | (relatives != events)
    zone_of = [_zone(v) for v in tz.values]
    ok &= np.array([zone is not False for zone in zone_of])[tz.codes]

    instant = np.full(n, NO_TIME, dtype=np.int64)
    timed = ok & has_time
    if timed.any():
        instant, clock = _instants(time, tz, zone_of, timed)
        ok &= ~timed | (instant != NO_TIME)
        timed &= ok
        ok &= ~timed | _labels_hold(tz, timed, instant)
        timed &= ok
        ok &= ~timed | _as_reported_holds(column("as_reported"), timed, clock)
    return Plain(
        mask=ok, incident=incident.strings(), event=events, kind=kind.strings(), instant=instant,
        relative_to=relatives, source=source.strings(), no_url=~column("url").filled(),
    )


# ---------------------------------------------------------------- times


def _parse_times(values: list[str]):
    """Each distinct time cell as (local epoch seconds, precision, offset minutes or NO_TIME, ok):
    the plain ISO shapes read by numpy, any other shape by TimeCell.parse itself."""
    m = len(values)
    lengths = np.fromiter(map(len, values), np.int64, m)
    short = lengths <= WIDTH
    text = np.array([v if fits else "" for v, fits in zip(values, short)], dtype=f"U{WIDTH}")
    chars = text.view(np.uint32).reshape(m, WIDTH).astype(np.int64)
    rows = np.arange(m)

    def number(start: int, stop: int):
        block = chars[:, start:stop] - 48
        good = ((block >= 0) & (block <= 9)).all(axis=1)
        total = np.zeros(m, np.int64)
        for i in range(stop - start):
            total = total * 10 + block[:, i]
        return good, total

    def char(index, *allowed: str):
        return np.isin(chars[rows, index], [ord(a) for a in allowed])

    good_y, y = number(0, 4)
    good_mo, mo = number(5, 7)
    good_d, d = number(8, 10)
    good_h, h = number(11, 13)
    good_mi, mi = number(14, 16)
    good_s, s = number(17, 19)
    shape = good_y & good_mo & good_d & char(4, "-") & char(7, "-")
    to_minute = char(10, " ", "T") & good_h & char(13, ":") & good_mi
    to_second = to_minute & char(16, ":") & good_s
    base = np.where(to_second, 19, np.where(to_minute, 16, 10))
    precision = np.where(to_second, SECOND, np.where(to_minute, MINUTE, DAY))
    h, mi, s = np.where(base > 10, h, 0), np.where(base > 10, mi, 0), np.where(base > 16, s, 0)
    after = chars[rows, base]
    zulu, signed = after == ord("Z"), np.isin(after, [ord("+"), ord("-")])
    off_h, off_m = np.zeros(m, np.int64), np.zeros(m, np.int64)
    for b in (10, 16, 19):
        here = signed & (base == b)
        if here.any():
            good_oh, oh = number(b + 1, b + 3)
            good_om, om = number(b + 4, b + 6)
            shape &= ~here | (good_oh & good_om & (chars[:, b + 3] == ord(":")))
            off_h, off_m = np.where(here, oh, off_h), np.where(here, om, off_m)
    shape &= lengths == base + np.where(zulu, 1, np.where(signed, 6, 0))
    leap = (y % 4 == 0) & ((y % 100 != 0) | (y % 400 == 0))
    month_days = np.array([0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31])[np.clip(mo, 0, 12)] + (leap & (mo == 2))
    shape &= (y >= 1) & (mo >= 1) & (mo <= 12) & (d >= 1) & (d <= month_days) & (h <= 23) & (mi <= 59) & (s <= 59)
    shape &= ~signed | ((off_h <= 14) & (off_m <= 59))
    ok = short & shape
    sign = np.where(after == ord("-"), -1, 1)
    offset = np.where(zulu, 0, np.where(signed, sign * (off_h * 60 + off_m), NO_TIME))
    local = _days_from_civil(y, mo, d) * DAY + h * 3600 + mi * 60 + s
    for i in np.flatnonzero(~ok):
        try:
            cell = TimeCell.parse(values[i])
        except ValueError:
            continue
        t = cell.local
        local[i] = int(_days_from_civil(t.year, t.month, t.day)) * DAY + t.hour * 3600 + t.minute * 60 + t.second
        precision[i] = cell.precision
        offset[i] = NO_TIME if cell.offset is None else cell.offset
        ok[i] = True
    return local, precision, offset, ok


def _days_from_civil(y, m, d):
    """Days from 1970-01-01 to a proleptic Gregorian date (vectorized; H. Hinnant's algorithm)."""
    y = y - (m <= 2)
    era = np.floor_divide(y, 400)
    yoe = y - era * 400
    doy = (153 * (m + np.where(m > 2, -3, 9)) + 2) // 5 + d - 1
    doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
    return era * 146097 + doe - 719468


def _instants(time: _Column, tz: _Column, zone_of: list, rows: np.ndarray):
    """The UTC instant of each timed row, NO_TIME where the per-row reader must decide (an error, an
    offset beside a zone, a date alone in a daylight-saving zone, a time the clocks skipped or
    repeated); and the clock (seconds after midnight) the time shows where as_reported is read."""
    local, precision, offset, parsed = (a[time.codes] for a in _parse_times(time.values))
    n = len(rows)
    instant, clock = np.full(n, NO_TIME, np.int64), np.zeros(n, np.int64)
    rows = rows & parsed & (local >= MIN_INSTANT + DAY) & (local <= MAX_INSTANT - DAY)
    has_offset = offset != NO_TIME
    zoneless = np.array([zone is None for zone in zone_of])[tz.codes]
    # the time's own offset, no zone: as_reported is then read in UTC
    own = rows & zoneless & has_offset
    instant[own] = local[own] - offset[own] * 60
    clock[own] = np.mod(instant[own], DAY)
    # a fixed zone: its offset all year
    fixed_minutes = np.array([zone.fixed_minutes if zone and zone.is_fixed else NO_TIME for zone in zone_of], np.int64)[tz.codes]
    fixed = rows & ~has_offset & (fixed_minutes != NO_TIME)
    instant[fixed] = local[fixed] - fixed_minutes[fixed] * 60
    clock[fixed] = np.mod(local[fixed], DAY)
    # a zone with daylight saving: pandas reads its rules; a skipped or repeated time is NaT
    ruled = rows & ~has_offset & ~zoneless & (fixed_minutes == NO_TIME) & (precision != DAY)
    ruled &= (local >= ZONE_SPAN[0]) & (local < ZONE_SPAN[1])
    picked = np.flatnonzero(ruled)
    for code, group in groups(tz.codes[picked], picked):
        stamps = pd.to_datetime(local[group], unit="s").tz_localize(zone_of[code].tzinfo, ambiguous="NaT", nonexistent="NaT")
        valid = ~np.asarray(stamps.isna())
        instant[group[valid]] = stamps[valid].as_unit("s").asi8
        clock[group[valid]] = np.mod(local[group[valid]], DAY)
    return instant, clock


def groups(codes: np.ndarray, rows: np.ndarray):
    """(code, rows with that code) for each distinct code, rows in their order."""
    order = np.argsort(codes, kind="stable")
    codes, rows = codes[order], rows[order]
    starts = np.flatnonzero(np.r_[True, codes[1:] != codes[:-1]]) if len(codes) else np.zeros(0, np.intp)
    for start, stop in zip(starts, np.r_[starts[1:], len(codes)]):
        yield int(codes[start]), rows[start:stop]


def _labels_hold(tz: _Column, rows: np.ndarray, instant: np.ndarray) -> np.ndarray:
    """False where a fixed zone label names a clock its region did not use that day (EST in May),
    which the per-row reader warns of."""
    holds = np.ones(len(rows), bool)
    picked = np.flatnonzero(rows)
    for code, group in groups(tz.codes[picked], picked):
        minutes, region = zones.FIXED_LABELS.get(tz.values[code], (0, None))
        if region is None:
            continue
        inside = (instant[group] >= ZONE_SPAN[0]) & (instant[group] < ZONE_SPAN[1])
        holds[group[~inside]] = False
        group = group[inside]
        stamps = pd.to_datetime(instant[group], unit="s", utc=True).tz_convert(zones.REGIONS[region][0])
        wall = stamps.tz_localize(None).as_unit("s").asi8
        holds[group] = (wall - instant[group]) // 60 == minutes
    return holds


CLOCKS = 4  # clock times in one as_reported cell read column-wise; more go row by row


def _as_reported_holds(said: _Column, rows: np.ndarray, clock: np.ndarray) -> np.ndarray:
    """False where as_reported needs a word from the per-row reader: it names a zone, or none of
    its clock times is the time read, in the 24-hour or the 12-hour reading."""
    m = len(said.values)
    quiet = np.zeros(m, bool)  # nothing to check: empty, or no clock time in it
    hours = np.full((m, CLOCKS), -1, np.int64)  # -1: no clock
    minutes = np.zeros((m, CLOCKS), np.int64)
    meridiem = np.zeros((m, CLOCKS), np.int64)  # 0: 24-hour, 1: a.m., 2: p.m.
    for i, text in enumerate(said.values):
        clocks = as_reported_clocks(text)
        if clocks == ():
            quiet[i] = True
        elif clocks is not None and len(clocks) <= CLOCKS:
            for k, (h, mi, ampm) in enumerate(clocks):
                hours[i, k], minutes[i, k], meridiem[i, k] = h, mi, {None: 0, "am": 1, "pm": 2}[ampm]
    picked = np.flatnonzero(rows & ~quiet[said.codes])
    codes = said.codes[picked]
    hour, minute = (clock[picked] // 3600)[:, None], (clock[picked] // 60 % 60)[:, None]
    said_hour, said_minute, said_ampm = hours[codes], minutes[codes], meridiem[codes]
    twelve = said_hour % 12 + np.where(said_ampm == 2, 12, 0)
    match = (said_hour >= 0) & (minute == said_minute) & np.where(
        said_ampm > 0, hour == twelve, (hour == said_hour) | ((hour % 12 == said_hour % 12) & (said_hour != 12))
    )
    holds = np.ones(len(rows), bool)
    holds[picked] = match.any(axis=1)
    return holds
