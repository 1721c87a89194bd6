"""How the comparison chart is laid out, before anything is drawn (pure: no matplotlib): each
lane's time scale, its numbered key, its height, and which lanes go on which printed page.

Each lane covers every milestone as it is known (an estimate with the window drawn beside it, a
bound's stated edge, a day): no window is cut at the axis's edge. The
lanes share one scale when each can be read on it: when the shortest lane spans at least
SHARED_LEAST of the common axis (two delays of 26 and 42 minutes). Otherwise (a 73-hour outage
beside a 26-minute one) the chart is small multiples: each lane on its own scale, its own ticks
in minutes, hours or days, and the chart says so. A page of the chart is at most PAGE_HEIGHT
tall, so that it prints at 8 pt or more: lanes that do not fit go on the next.
"""

from __future__ import annotations

import math
import textwrap
from dataclasses import dataclass

from ..diagnostics import printable
from ..model.cells import Bound, Kind
from ..timeline.compare import Lane, MAX_SPAN_MINUTES, top_lanes
from ..timeline.events import Event
from ..timeline.metrics import format_minutes
from . import timescale
from .text import event_mark
from .times import stated_sides
from .timeline_rows import anchor
from .chart_words import CAPTION_LINE, PAGE_HEIGHT, caption_lines, caption_text

SHARED_LEAST = 0.25
KEY_WIDTH = 58  # characters per line of a lane's key
KEY_LINE = 0.15  # inches per line of the key
LANE_TOP = 0.95  # inches from a lane's top to its row: room for the stacked numbers
TITLE_WIDTH, TITLE_LINE = 78, 0.19  # characters per line of a lane's title; inches per extra line
TICKS = 0.3  # inches under a lane for its own tick labels
LEAST_LANE = 1.55
TOP, LEGEND, LEGEND_ROW = 0.45, 0.4, 0.22  # inches: the title; the axis label above the legend; a row of the legend
LEGEND_COLUMNS = 6
CAPTION_WIDTH = 165  # characters per line of the caption
AUDIENCE, SPREAD = 2.0, 2.0


def reach(lane: Lane, event: Event) -> tuple[float, float] | None:
    """Minutes from T+0 that an event covers when drawn: its estimate, else its finite edges."""
    if event.shown is not None:
        at = lane.minutes(event.shown)
        return at, at
    edges = [lane.minutes(e) for e in (event.earliest, event.latest) if e is not None]
    return (min(edges), max(edges)) if edges else None


def extent(lane: Lane, event: Event) -> tuple[float, float] | None:
    """Minutes from T+0 that an event's drawing covers: its reach and, around an estimate, the
    finite edges of its window (the bar drawn beside its mark)."""
    found = reach(lane, event)
    if found is None or event.shown is None:
        return found
    edges = [lane.minutes(e) for e in (event.earliest, event.latest) if e is not None]
    return min([found[0], *edges]), max([found[1], *edges])


def _window(lane: Lane, event: Event | None) -> tuple[float, float] | None:
    """Minutes from T+0 an event may be at: its estimate; else its window, an open side infinite."""
    if event is None or event.position is None:
        return None
    if event.shown is not None:
        at = lane.minutes(event.shown)
        return at, at
    low = -math.inf if event.earliest is None else lane.minutes(event.earliest)
    high = math.inf if event.latest is None else lane.minutes(event.latest)
    return low, high


def lane_phases(lane: Lane) -> list[tuple[str, float, float, bool]]:
    """The lane's phases as (name, start, end, certain) in minutes from T+0: a live event waits
    until it starts (its recovery) and is live until its end; an outage is in impact until
    mitigated, mitigated until recovered, recovered until resolved. Where a milestone is known
    only from bounds or to the day, the phase may end anywhere in its window: that part is given
    apart, not certain (an open side is infinite: the drawing clips it to the axis)."""
    timeline = lane.timeline
    origin = (0.0, 0.0) if lane.exact else _window(lane, lane.origin)
    if lane.origin.kind is Kind.scheduled_start:
        steps = [("waiting", origin), ("live", _window(lane, lane.recovery)), ("", _window(lane, timeline.first(Kind.end)))]
    else:
        steps = [("impact", origin)] + [(name, _window(lane, timeline.first(kind))) for name, kind in
                                        (("mitigated", Kind.mitigation), ("recovered", Kind.recovery), ("", Kind.resolution))]
    points: list[tuple[str, tuple[float, float]]] = []
    for name, window in steps:
        if window is not None and (not points or window[1] > points[-1][1][0]):
            points.append((name, window))
    found = []
    if origin[0] < origin[1]:
        found.append((points[0][0], origin[0], origin[1], False))
    for (name, (_, begin)), (_, (low, high)) in zip(points, points[1:]):
        end = max(low, begin)
        if end > begin:
            found.append((name, begin, end, True))
        if high > end:
            found.append((name, end, high, False))
    detection = timeline.first(Kind.detection)
    if lane.origin.kind is Kind.impact_start and detection is not None and detection.shown is not None \
            and timeline.is_precursor(detection) and lane.minutes(detection.shown) < origin[0]:
        found.insert(0, ("precursor", lane.minutes(detection.shown), origin[0], True))
    return [phase for phase in found if phase[0]]


def lane_items(lane: Lane) -> list[tuple[float, float]]:
    """What a lane's axis must cover (minutes from T+0): T+0, its origin's window and every
    milestone of the SRE phases and of a live event (not `other` events: drawn where they fall on
    the axis), within MAX_SPAN_MINUTES of T+0 (a typo years off is left to the tables)."""
    items = [(0.0, 0.0)]
    for event in [lane.origin, *(e for e in lane.milestones if e.kind is not Kind.other)]:
        # a milestone's window is drawn beside it: the axis takes it in, never cuts it (the exact
        # origin is drawn as T+0's mark alone)
        found = reach(lane, event) if event is lane.origin else extent(lane, event)
        if found is not None and abs(found[0]) <= MAX_SPAN_MINUTES and abs(found[1]) <= MAX_SPAN_MINUTES:
            items.append(found)
        elif found is not None and event is not lane.origin:  # a window past the most a chart spans: its mark at least
            mark = reach(lane, event)
            if mark is not None and abs(mark[0]) <= MAX_SPAN_MINUTES and abs(mark[1]) <= MAX_SPAN_MINUTES:
                items.append(mark)
    # the phases run from T+0 to the last milestone after it: an axis is never broken inside them,
    # where the length of a bar is what a reader reads (only before T+0, at a precursor)
    items.append((0.0, max(high for _, high in items)))
    return items


def scales(lanes: list[Lane]) -> tuple[list[timescale.Scale], bool]:
    """Each lane's scale (minutes from T+0), and whether they are one shared scale."""
    own = [timescale.fit(lane_items(lane), least=5.0, unit=60) for lane in lanes]
    shared = timescale.fit([item for lane in lanes for item in lane_items(lane)], least=5.0, unit=60)
    readable = all(_share_on(shared, lane_items(lane)) >= SHARED_LEAST for lane in lanes)
    return ([shared] * len(lanes), True) if readable or len(lanes) < 2 else (own, False)


def _share_on(scale: timescale.Scale, items: list[tuple[float, float]]) -> float:
    """The share of the axis width a lane's content takes on a scale."""
    low, high = min(a for a, _ in items), max(b for _, b in items)
    if high - low < 1:  # nothing but T+0: read on any scale
        return 1.0
    return float(scale.forward(high) - scale.forward(low))


def drawn_at(lane: Lane, event: Event) -> float:
    """Where a milestone is drawn, in minutes from T+0: its estimate, else the edge its claims state,
    else the middle of its window (timeline_rows.anchor)."""
    return lane.minutes(anchor(event))


def offset_text(lane: Lane, event: Event) -> str:
    """Where a milestone sits from T+0, in the one duration style: '+26 min'; for one known only
    from bounds, its window's edges as a reader reads them (render/times): 'by +7 h 40 min' where
    its claims say only 'by', 'after +40 min', '+12 days to +13 days'."""
    from ..timeline.minutes import edges

    def signed(seconds: int) -> str:  # a figure and its unit are never wrapped apart
        minutes = lane.minutes(seconds)
        return (("−" if round(minutes) < 0 else "+") + format_minutes(abs(minutes))).replace(" ", "\u00a0")

    if event.shown is not None:
        return signed(event.shown)
    low, high = edges(event)
    said = stated_sides(event)
    if low is not None and high is not None and said == {Bound.not_after}:
        low = None  # its claims say only "by": the other edge is the milestone order's
    elif low is not None and high is not None and said == {Bound.not_before}:
        high = None
    if low is None:
        return f"by {signed(high)}"
    if high is None:
        return f"after {signed(low)}"
    return f"{signed(low)} to {signed(high)}"


def lane_key(lane: Lane, scale: timescale.Scale) -> list[tuple[int, Event, str]]:
    """The lane's numbered milestones on its axis, in time order: (number, event, key text)."""
    shown = []
    for event in sorted(lane.milestones, key=lambda e: (drawn_at(lane, e), e.event)):
        found = reach(lane, event)
        if found is None:
            continue
        # an `other` event is drawn when it lies on the axis whole, its window too
        drawn = extent(lane, event) or found
        inside = scale.lo <= drawn[0] and drawn[1] <= scale.hi if event.kind is Kind.other else found[1] >= scale.lo and found[0] <= scale.hi
        if inside:
            shown.append(event)
    return [(n, e, f"{n}  {_mark(e)}{printable(e.label)} ({offset_text(lane, e)})") for n, e in enumerate(shown, 1)]


def _mark(event: Event) -> str:
    return f"{event_mark(event)} " if event_mark(event) else ""


def wrapped(text: str, width: int = KEY_WIDTH) -> list[str]:
    return textwrap.wrap(text, width, subsequent_indent="    ", break_long_words=True) or [text]


def title_lines(lane: Lane) -> list[str]:
    """The lane's heading, whole, wrapped (never cut)."""
    return textwrap.wrap(printable(lane.title), TITLE_WIDTH, break_long_words=True) or [lane.incident]


@dataclass(frozen=True)
class Layout:
    """One page of the comparison chart: its lanes (indexes into the drawn lanes), their scales,
    whether the scale is shared, and whether it carries the audience and the spread."""

    lanes: tuple[int, ...]
    audience: bool
    spread: bool


def hidden(lane: Lane, scale: timescale.Scale) -> int:
    """How many of the lane's milestones its axis does not show (the tables have them)."""
    return len(lane.milestones) - len(lane_key(lane, scale))


def lane_height(lane: Lane, scale: timescale.Scale, shared: bool) -> float:
    key = lane_key(lane, scale)
    lines = sum(len(wrapped(text)) for *_, text in key)
    extra = TITLE_LINE * (len(title_lines(lane)) - 1)
    return max(LEAST_LANE, 0.3 + KEY_LINE * lines) + extra + (0 if shared else TICKS)


def layout(everyone: list[Lane], unit: str | None) -> list[Layout]:
    """The pages of the chart: lanes in order, as many on a page as fit PAGE_HEIGHT; the audience
    and the spread of many incidents on the last page (or a page of their own)."""
    lanes = top_lanes(everyone)
    if not lanes:
        return [Layout((), False, False)]
    found, shared = scales(lanes)
    heights = [lane_height(lane, scale, shared) for lane, scale in zip(lanes, found)]
    missed = sum(hidden(lane, scale) for lane, scale in zip(lanes, found))
    # the caption as long as any page's: every lane's, the count outside the axes and a part number
    words = caption(lanes, found, shared, (0, 2), missed)
    room = PAGE_HEIGHT - TOP - legend_height(lanes) - small_print(words)
    pages: list[list[int]] = [[]]
    used = 0.0
    for i, height in enumerate(heights):
        if pages[-1] and used + height > room + 0.01:
            pages.append([])
            used = 0.0
        pages[-1].append(i)
        used += height
    audience = unit is not None and any(lane.measurements(unit) for lane in lanes)
    spread = len(lanes) < len(everyone)
    extra = AUDIENCE * audience + SPREAD * spread
    if extra and used + extra > room + 0.01:
        pages.append([])
    return [Layout(tuple(p), audience and n == len(pages) - 1, spread and n == len(pages) - 1) for n, p in enumerate(pages)]


def caption(chosen: list[Lane], found: list[timescale.Scale], shared: bool, part: tuple[int, int], missed: int) -> str:
    """The small print of a page of the chart showing `chosen` (on `found` scales): what it is
    drawn from, how to read it, `part` (page, pages), and how many milestones are off its axes."""
    page, pages = part
    if not chosen:  # a page of the audience, or of the spread, alone
        return f"The incidents of the parts before, on a scale of their own.\nPart {page + 1} of {pages}."
    text = caption_text([lane.timeline for lane in chosen])
    text += " Numbers: each lane's milestones in time order, named in the key at right (the legend gives the marks)."
    if not shared:
        text += " Each lane on its own scale: compare the figures, not the lengths."
    if any(scale.broken for scale in found):
        text += " //: an axis broken where nothing happened for a long stretch."
    if pages > 1:
        text += f"\nPart {page + 1} of {pages}."
    if missed:
        text += f"\n{missed:,} milestone{'' if missed == 1 else 's'} outside the axis {'is' if missed == 1 else 'are'} in the tables."
    return text


def legend_entries(lanes: list[Lane]) -> int:
    """How many entries the legend of these lanes has: their kinds, the window, and the marks of a
    milestone without an estimate, a phase whose end is not known, a claim set aside, undecided."""
    events = [e for lane in lanes for e in [lane.origin, *lane.milestones]]
    return (len({e.kind for e in events}) + 1 + any(e.shown is None for e in events)
            + any(not certain for lane in lanes for *_, certain in lane_phases(lane))
            + any(e.conflict and not e.undecided for e in events) + any(e.undecided for e in events))


def legend_height(lanes: list[Lane]) -> float:
    """Inches below the lanes: the axis label and the legend's rows."""
    return LEGEND + LEGEND_ROW * -(-legend_entries(lanes) // LEGEND_COLUMNS) + 0.1


def small_print(text: str) -> float:
    """The height of a caption, in inches."""
    return 0.12 + CAPTION_LINE * len(caption_lines(text, CAPTION_WIDTH))


def chart_names(page: str, everyone: list[Lane], unit: str | None) -> list[str]:
    """The names of the charts a comparison page is drawn as: 'PAGE', 'PAGE-2', …"""
    return [page] + [f"{page}-{n}" for n in range(2, len(layout(everyone, unit)) + 1)]
