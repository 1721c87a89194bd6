"""Which events an incident's timeline chart draws, on which of its pages, and what it leaves to
the report's table. Pure (no matplotlib): the report knows how many pages a chart has before any
is drawn.

Every milestone (CORE) is drawn, and the axis covers each as it is known: an estimate at its
point, an event known only from bounds from its finite edge(s), an event known only to the day
over its day; and it covers whatever a row on it draws (`extent`: an estimate's window beside it),
so no bar is cut at the axis's edge. Other events are drawn where they fall on that span or near it (within NEAR of it:
a link posted a quarter of an hour before the impact widens the axis rather than sitting at its
edge); beyond it, an estimate sits at the edge as a chevron with its date, and a day that is wider
than what the axis shows is left to the table. A page holds PAGE_ROWS rows legibly when printed
(text at 8 pt or more on A4 or Letter): a longer chart is drawn as several pages of one axis.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model.cells import Bound, Kind
from ..timeline.compare import MAX_SPAN_MINUTES, focus
from ..timeline.events import Event, Timeline
from .times import stated_sides

CORE = frozenset({Kind.scheduled_start, Kind.impact_start, Kind.detection, Kind.report, Kind.acknowledgement,
                  Kind.mitigation, Kind.recovery, Kind.resolution, Kind.end})
MAX_ROWS = 60  # at most this many rows over all pages: past that, the densest run of other events
PAGE_ROWS = 22  # rows a printed page holds with its text at 8 pt (see PAGE_HEIGHT)
NEAR = 0.25  # other events within this share of the milestones' span widen the axis to them
NEAR_LEAST = 30 * 60


@dataclass(frozen=True)
class Rows:
    """What a timeline chart draws: its pages of rows (each in time order), the span its axis must
    cover (seconds), and what it leaves out, counted for its caption."""

    pages: tuple[tuple[Event, ...], ...]
    span: tuple[int, int]
    beyond: tuple[int, int] | None  # a densest run was kept: how many rows before and after it
    day_only: int  # known only to a day that the axis does not show whole
    far: int  # more than 30 days from the rest

    @property
    def rows(self) -> list[Event]:
        return [event for page in self.pages for event in page]


def reach(event: Event) -> tuple[int, int] | None:
    """The stretch of time an event covers when drawn: its estimate; else its finite edges (a bound,
    a window, a day); None when nothing places it."""
    if event.shown is not None:
        return event.shown, event.shown
    if event.earliest is None and event.latest is None:
        return None
    low = event.earliest if event.earliest is not None else event.latest
    high = event.latest if event.latest is not None else event.earliest
    return low, high


def extent(event: Event) -> tuple[int, int] | None:
    """The stretch of time an event's row draws: its reach and, around an estimate, the finite
    edges of its window (the bar the chart draws beside the mark); None when nothing places it."""
    found = reach(event)
    if found is None or event.shown is None:
        return found
    low, high = found
    return (min(low, event.earliest) if event.earliest is not None else low,
            max(high, event.latest) if event.latest is not None else high)


def anchor(event: Event) -> int | None:
    """Where an event is drawn (epoch seconds): its estimate; else the edge of its window its claims
    state ('by 18:20': its latest; the other edge is only the milestone order's); else, closed on
    both sides, its middle; else its one finite edge."""
    if event.shown is not None:
        return event.shown
    edges = [(edge, side) for edge, side in ((event.earliest, Bound.not_before), (event.latest, Bound.not_after)) if edge is not None]
    if not edges:
        return None
    said = stated_sides(event)
    stated = [edge for edge, side in edges if side in said]
    if len(edges) == 1 or len(stated) == 1:
        return (stated or [edges[0][0]])[0]
    return (edges[0][0] + edges[1][0]) // 2


def rows(timeline: Timeline) -> Rows | None:
    """The rows of the incident's timeline chart, or None when no event is placed in time."""
    placed = [e for e in timeline.events if reach(e) is not None]
    if not placed:
        return None
    core = [e for e in placed if e.kind in CORE] or placed
    first, last = focus(sorted(e.position for e in core))
    limit = MAX_SPAN_MINUTES * 60
    kept = [e for e in core if first - limit <= e.position <= last + limit]
    low = min(reach(e)[0] for e in kept)
    high = max(reach(e)[1] for e in kept)
    milestones = {id(e) for e in core}
    others = [e for e in placed if id(e) not in milestones]
    low, high = _grown(others, low, high)
    near = max((high - low) * NEAR, NEAR_LEAST)
    chosen, day_only, far = [], 0, 0
    for event in placed:
        a, b = reach(event)
        if id(event) in milestones:
            chosen.append(event)
        elif low - near <= a and b <= high + near:
            chosen.append(event)
        elif event.shown is None:
            day_only += 1  # a day (or a window) the axis does not show whole: the table has it
        elif low - limit <= event.position <= high + limit:
            chosen.append(event)  # drawn at the axis's edge, with its date
        else:
            far += 1
    chosen.sort(key=lambda e: (anchor(e), e.event))  # top to bottom as drawn, left to right
    chosen, beyond = keep_milestones(chosen, timeline)
    # the axis spans what the rows drawn on it draw: an estimate's window too, never cut at its edge
    inside = [extent(e) for e in chosen if low - near <= reach(e)[0] and reach(e)[1] <= high + near]
    if beyond:  # the axis spans the rows kept
        low, high = min(a for a, _ in inside), max(b for _, b in inside)
    low, high = min([low] + [a for a, _ in inside]), max([high] + [b for _, b in inside])
    return Rows(pages(chosen), (low, high), beyond, day_only, far)


def _grown(others: list[Event], low: int, high: int) -> tuple[int, int]:
    """The milestones' span grown outward through the other events with an estimate, each within
    NEAR of the span as it grows (a run of status updates every few minutes is followed to its
    end; a statement the next day is not)."""

    def near() -> float:
        return max((high - low) * NEAR, NEAR_LEAST)

    timed = sorted((e.shown for e in others if e.shown is not None))
    for moment in (m for m in timed if m > high):
        if moment - high > near():
            break
        high = moment
    for moment in (m for m in reversed(timed) if m < low):
        if low - moment > near():
            break
        low = moment
    return low, high


def keep_milestones(events: list[Event], timeline: Timeline) -> tuple[list[Event], tuple[int, int] | None]:
    """At most MAX_ROWS events: all when they fit; else the first event of each milestone kind and
    the densest run of the others (`densest`), in time order."""
    if len(events) <= MAX_ROWS:
        return events, None
    firsts = {id(timeline.first(kind)) for kind in CORE} - {id(None)}
    key = [e for e in events if id(e) in firsts]
    rest, beyond = densest([e for e in events if id(e) not in firsts], MAX_ROWS - len(key))
    kept = {id(e) for e in key + rest}
    return [e for e in events if id(e) in kept], beyond


def densest(events: list[Event], rows: int) -> tuple[list[Event], tuple[int, int] | None]:
    """At most `rows` of `events`: all of them when they fit, else the `rows` consecutive in time
    that span the least time (the earliest such run on a tie), in their order; and how many
    events come before and after the run (None when all are kept). Linear after one sort."""
    if len(events) <= rows:
        return events, None
    ordered = sorted(events, key=lambda e: (e.position, e.event))
    spans = [ordered[i + rows - 1].position - ordered[i].position for i in range(len(ordered) - rows + 1)]
    first = min(range(len(spans)), key=lambda i: (spans[i], i))
    kept = {id(e) for e in ordered[first:first + rows]}
    return [e for e in events if id(e) in kept], (first, len(ordered) - first - rows)


def pages(events: list[Event]) -> tuple[tuple[Event, ...], ...]:
    """The rows cut into pages of at most PAGE_ROWS, as even as can be (45 rows: 15, 15, 15)."""
    count = max(1, -(-len(events) // PAGE_ROWS))
    size = -(-len(events) // count)
    return tuple(tuple(events[i:i + size]) for i in range(0, len(events), size)) or ((),)


def chart_names(timeline: Timeline) -> list[str]:
    """The names of the charts the incident's timeline is drawn as, one per printed page:
    'INCIDENT-timeline', then 'INCIDENT-timeline-2', …"""
    found = rows(timeline)
    count = 1 if found is None else len(found.pages)
    base = f"{timeline.incident}-timeline"
    return [base] + [f"{base}-{n}" for n in range(2, count + 1)]
