"""A time axis that fits an incident: linear where things happen, broken across a long empty
stretch, its ticks in minutes, hours or days as the span asks.

Both charts place time in seconds: the timeline chart on the clock (epoch seconds), the comparison
from each lane's T+0. `fit` takes what a chart draws — each item as the interval it covers (an
estimate is a point, a window or a day its span; an open side adds nothing) — and returns a
`Scale`: one or more segments, each shown linearly on its share of the axis width.

A break is made only where it helps a reader: across a stretch with nothing in it that is at least
BREAK_SHARE of what the axis would otherwise span and at least MIN_BREAK long (an alert two days
before an outage of two hours, a recovery known only to the day a week after the detail of the
first hours). Without it the detail would be squeezed into a few points of the width; with it each
part is read on its own scale, and the chart says where it is broken. At most MAX_BREAKS.

Pure apart from numpy; `ticks` reads matplotlib's date locator (imported when called).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cached_property
from datetime import datetime, timezone
from typing import Iterable, Sequence

import numpy as np

MINUTE, HOUR, DAY = 60, 3600, 86400
BREAK_SHARE = 2 / 3  # a break removes at least this share of the span: the rest is read 3× larger
MIN_BREAK = 3 * HOUR  # an axis of an hour-long incident is never broken
MAX_BREAKS = 2
GAP = 0.03  # the share of the axis width one break takes
MIN_SHARE = 0.18  # the least share of the width a segment gets


@dataclass(frozen=True)
class Scale:
    """Segments of time shown side by side: `segments[i]` (seconds, low to high) on `shares[i]` of
    the axis width, a break of GAP between neighbours. forward/inverse map seconds to the axis's
    [0, 1] and back, linearly beyond the ends (matplotlib's 'function' scale uses them)."""

    segments: tuple[tuple[float, float], ...]
    shares: tuple[float, ...]

    @property
    def lo(self) -> float:
        return self.segments[0][0]

    @property
    def hi(self) -> float:
        return self.segments[-1][1]

    @property
    def broken(self) -> bool:
        return len(self.segments) > 1

    @property
    def gaps(self) -> list[tuple[float, float]]:
        """The stretches left out, in seconds."""
        return [(a[1], b[0]) for a, b in zip(self.segments, self.segments[1:])]

    @cached_property
    def _knots(self) -> tuple[np.ndarray, np.ndarray]:
        """The segments' ends in seconds and on the axis (computed once: matplotlib maps every
        point drawn through forward)."""
        xs, ys, at = [], [], 0.0
        for (lo, hi), share in zip(self.segments, self.shares):
            xs += [lo, hi]
            ys += [at, at + share]
            at += share + GAP
        return np.array(xs, float), np.array(ys, float)

    def forward(self, x):
        xs, ys = self._knots
        return _piecewise(np.asarray(x, float), xs, ys)

    def inverse(self, y):
        xs, ys = self._knots
        return _piecewise(np.asarray(y, float), ys, xs)

    def inside(self, x: float) -> bool:
        """Whether a moment lies on the axis (in a segment, not in a break or beyond the ends)."""
        return any(lo <= x <= hi for lo, hi in self.segments)

    def shift(self, x: float, fraction: float) -> float:
        """The moment `fraction` of the axis width from `x` (an arrow of fixed length)."""
        return float(self.inverse(self.forward(x) + fraction))


def _piecewise(x: np.ndarray, xs: np.ndarray, ys: np.ndarray) -> np.ndarray:
    """np.interp through the knots, continued linearly beyond the first and the last."""
    y = np.interp(x, xs, ys)
    first = (ys[1] - ys[0]) / (xs[1] - xs[0])
    last = (ys[-1] - ys[-2]) / (xs[-1] - xs[-2])
    y = np.where(x < xs[0], ys[0] + (x - xs[0]) * first, y)
    return np.where(x > xs[-1], ys[-1] + (x - xs[-1]) * last, y)


def fit(items: Iterable[tuple[float, float]], pad: float = 0.04, least: float = 10 * MINUTE, unit: float = 1.0) -> Scale:
    """The scale for items drawn as (low, high) intervals in seconds: their clusters, broken across
    the long empty stretches between them (see the module's docstring), each part padded by `pad`
    of its span (at least `least`), each given a share of the width by the square root of its span times its items (a
    week and an hour side by side both read; a lone alert days before takes less than the hours
    of the outage), no share under MIN_SHARE. `unit`: seconds per unit of the items (60: minutes);
    `least` is in the items' unit."""
    ordered = sorted((min(a, b), max(a, b)) for a, b in items)
    clusters = _clusters(ordered)
    if not clusters:
        return Scale(((-least, least),), (1.0,))
    groups = _split(clusters, MIN_BREAK / unit)
    segments = []
    for lo, hi in groups:
        room = max((hi - lo) * pad, least)
        segments.append((lo - room, hi + room))
    for i in range(1, len(segments)):  # padding never closes a break
        if segments[i][0] <= segments[i - 1][1]:
            middle = (groups[i - 1][1] + groups[i][0]) / 2
            segments[i - 1], segments[i] = (segments[i - 1][0], middle), (middle, segments[i][1])
    counts = [sum(lo <= a <= hi for a, _ in ordered) for lo, hi in groups]
    return Scale(tuple(segments), _shares([hi - lo for lo, hi in segments], counts))


def _clusters(items: list[tuple[float, float]]) -> list[tuple[float, float]]:
    merged: list[tuple[float, float]] = []
    for lo, hi in items:
        if merged and lo <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], hi))
        else:
            merged.append((lo, hi))
    return merged


def _split(clusters: list[tuple[float, float]], least: float) -> list[tuple[float, float]]:
    """The clusters grouped into at most MAX_BREAKS + 1 parts, broken at the longest empty
    stretches while each removes BREAK_SHARE of what is left."""
    cuts: set[int] = set()
    gaps = sorted(((clusters[i + 1][0] - clusters[i][1], i) for i in range(len(clusters) - 1)), reverse=True)
    span = clusters[-1][1] - clusters[0][0]
    for gap, i in gaps[:MAX_BREAKS]:
        if gap < least or gap < BREAK_SHARE * span:
            break
        cuts.add(i)
        span -= gap
    groups, start = [], 0
    for i in sorted(cuts) + [len(clusters) - 1]:
        groups.append((clusters[start][0], clusters[i][1]))
        start = i + 1
    return groups


def _shares(spans: Sequence[float], counts: Sequence[int]) -> tuple[float, ...]:
    if len(spans) == 1:
        return (1.0,)
    room = 1.0 - GAP * (len(spans) - 1)
    weights = [math.sqrt(max(s, 1.0) * max(n, 1)) for s, n in zip(spans, counts)]
    shares = [room * w / sum(weights) for w in weights]
    for _ in range(len(shares)):  # lift the narrow ones to MIN_SHARE, taking it from the others
        low = [i for i, s in enumerate(shares) if s < MIN_SHARE * room]
        if not low:
            break
        rest = [i for i in range(len(shares)) if i not in low]
        free = room - MIN_SHARE * room * len(low)
        total = sum(weights[i] for i in rest)
        shares = [MIN_SHARE * room if i in low else free * weights[i] / total for i in range(len(shares))]
    return tuple(shares)


# ---------------------------------------------------------------- ticks

LABEL_POINTS = 62  # the width a clock's tick label needs, with room between
RELATIVE_POINTS = 48  # the width of '+30 min', with room between


CLOCK_STEPS = (1, 2, 5, 10, 15, 30, 60, 120, 180, 360, 720)  # minutes; then whole days


def clock_ticks(scale: Scale, width_points: float, zone) -> list[tuple[float, str]]:
    """Ticks on the clock in `zone` (a tzinfo), each segment its own: as many as fit its share of
    `width_points`, at whole minutes, hours or days of the local clock as its span asks.
    Labels: 'HH:MM'; a tick at local midnight on an axis of several days, and every tick of a
    segment whose ticks are days apart, its day ('Apr 5'); the first tick of a segment of hours on
    an axis of several days names its day too ('Apr 5 08:00')."""
    several_days = _local(scale.lo, zone).date() != _local(scale.hi, zone).date()
    found = []
    for (lo, hi), share in zip(scale.segments, scale.shares):
        most = max(2, int(share * width_points / LABEL_POINTS))
        step = next((m for m in CLOCK_STEPS if (hi - lo) / (m * MINUTE) <= most), None)
        values = _clock_steps(lo, hi, zone, step)
        for n, value in enumerate(values):
            moment = _local(value, zone)
            if step is None or (several_days and (moment.hour, moment.minute) == (0, 0)):
                label = f"{moment:%b} {moment.day}"
            elif several_days and n == 0:
                label = f"{moment:%b} {moment.day} {moment:%H:%M}"
            else:
                label = moment.strftime("%H:%M")
            found.append((value, label))
    return found


def _clock_steps(lo: float, hi: float, zone, step: int | None, most: int = 12) -> list[float]:
    """Moments from `lo` to `hi` at whole multiples of `step` minutes of the local clock (from local
    midnight); None: whole days, every so many that at most `most` fit."""
    from datetime import timedelta

    start = _local(lo, zone).replace(hour=0, minute=0, second=0, microsecond=0, tzinfo=None)
    if step is None:
        every = max(1, math.ceil((hi - lo) / DAY / most))
        stride, start = timedelta(days=every), start + timedelta(days=1)
    else:
        stride = timedelta(minutes=step)
    values: list[float] = []
    moment = start
    while True:
        seconds = moment.replace(tzinfo=zone).timestamp()
        if seconds > hi:
            return values
        if seconds >= lo:
            values.append(seconds)
        moment += stride


RELATIVE_STEPS = (1, 2, 5, 10, 15, 30, 60, 120, 180, 360, 720, 1440, 2880, 4320, 10080, 20160, 43200)  # minutes


def relative_ticks(scale: Scale, width_points: float, unit: float = 1.0) -> list[tuple[float, str]]:
    """Ticks from T+0, each segment its own: whole minutes, hours or days as its span asks,
    labelled 'T+0', '+15 min', '+6 h', '+2 d' (a true minus sign before T+0). `unit`: seconds per
    unit of the scale (60: minutes); the ticks are in that unit."""
    found = []
    for (lo, hi), share in zip(scale.segments, scale.shares):
        lo, hi = lo * unit, hi * unit
        most = max(2, int(share * width_points / RELATIVE_POINTS))
        step = next((s * MINUTE for s in RELATIVE_STEPS if (hi - lo) / (s * MINUTE) <= most), None)
        if step is None:
            step = DAY * math.ceil((hi - lo) / DAY / most)
        first = math.ceil(lo / step)
        for k in range(first, int(math.floor(hi / step)) + 1):
            found.append((float(k * step) / unit, relative_label(k * step, step)))
    return found


def relative_label(seconds: float, step: float) -> str:
    """'T+0', '+15 min', '−2 h', '+3 d': in the unit of the step."""
    if seconds == 0:
        return "T+0"
    sign = "+" if seconds > 0 else "−"
    size = abs(seconds)
    if step >= DAY:
        return f"{sign}{size / DAY:g} d"
    if step >= HOUR:
        return f"{sign}{size / HOUR:g} h"
    return f"{sign}{size / MINUTE:g} min"


def _utc(seconds: float) -> datetime:
    return datetime.fromtimestamp(seconds, tz=timezone.utc)


def _local(seconds: float, zone) -> datetime:
    return _utc(seconds).astimezone(zone)

