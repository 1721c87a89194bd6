"""The metrics of an incident's updates: what a status page or an incident tool records exactly,
where the impact start (and with it time to detect or acknowledge) is rarely stated.

An **update** is an event of kind `acknowledgement`, `communication` or `resolution` that has an
estimate: the operator's admission, each status post or statement, the all-clear. Updates at the
same instant are one update (a status post that both acknowledges and names a component is one
post). Updates after the first resolution (a postmortem published weeks later) are not counted.

- `time_to_first_update`: impact start → the first acknowledgement or communication not surely
  before it (an announcement made before the impact, such as a maintenance notice, is no update
  about it);
- `time_open`: the first acknowledgement or communication → the first resolution: on a status page,
  how long the incident was open there, the most exact figure such a page holds (these two take an
  update known only from a bound too: a page that opened "by 10:01" still opened);
- `time_between_updates`: the median gap between successive updates, from the first update to the
  resolution (the order statistic at rank ⌈g/2⌉ of the g gaps: never between two gaps); its range
  is the same order statistic of the gaps' lows and of their highs.
"""

from __future__ import annotations

from ..model.cells import Kind
from .events import Event, Timeline
from .metrics import UPDATE_METRICS, Metric, measured

UPDATE_KINDS = (Kind.acknowledgement, Kind.communication, Kind.resolution)


def updates(timeline: Timeline) -> list[Event]:
    """The incident's updates in time order, one per instant, up to its first resolution."""
    resolution = timeline.first(Kind.resolution)
    until = resolution.shown if resolution is not None and resolution.estimate is not None else None
    found: dict[int, Event] = {}
    for event in sorted(timeline.events, key=lambda e: (e.shown if e.shown is not None else 0, e.event)):
        if event.kind not in UPDATE_KINDS or event.estimate is None or event.shown is None:
            continue
        if until is not None and event.shown > until:
            continue
        found.setdefault(event.shown, event)
    return [found[moment] for moment in sorted(found)]


def compute_updates(timeline: Timeline) -> list[Metric]:
    """The three update metrics, in UPDATE_METRICS order."""
    impact = timeline.first(Kind.impact_start)
    after = _first_update(timeline, impact.earliest) if impact is not None and impact.position is not None else None
    return [
        measured(timeline, "time_to_first_update", impact, after),
        measured(timeline, "time_open", _first_update(timeline), timeline.first(Kind.resolution)),
        between_updates(timeline, updates(timeline)),
    ]


def _first_update(timeline: Timeline, impact_earliest: int | None = None) -> Event | None:
    """The earliest acknowledgement or communication placed in time, leaving out those surely
    before `impact_earliest` (the impact start's earliest moment): one known only from a bound
    counts (a page that opened "by 10:01" still opened)."""
    placed = [e for e in timeline.events if e.kind in (Kind.acknowledgement, Kind.communication) and e.position is not None
              and not (impact_earliest is not None and e.latest is not None and e.latest < impact_earliest)]
    return min(placed, key=lambda e: (e.position, e.event)) if placed else None


def between_updates(timeline: Timeline, posts: list[Event]) -> Metric:
    """The median gap between successive updates (undefined with fewer than two)."""
    name = UPDATE_METRICS[2].name
    if len(posts) < 2:
        return Metric(timeline.incident, name, None, None, None, posts[0] if posts else None, None)
    lows, highs, estimates = [], [], []
    for earlier, later in zip(posts, posts[1:]):
        low, high = timeline.between(earlier.event, later.event)
        estimates.append((later.shown - earlier.shown) / 60)
        lows.append(max(low, 0) / 60 if low is not None else 0.0)
        highs.append(max(high, 0) / 60 if high is not None else None)
    rank = (len(estimates) + 1) // 2 - 1  # ⌈g/2⌉, counted from 0
    ordered_highs = sorted(highs, key=lambda h: (h is None, h or 0))
    return Metric(timeline.incident, name, sorted(estimates)[rank], sorted(lows)[rank], ordered_highs[rank], posts[0], posts[-1])
