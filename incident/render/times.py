"""The one formatter of moments: every view (terminal, tables, summary, chart, Mermaid, explain,
CSV) prints an event's time through these functions, so that one moment reads one way everywhere.

What a reader sees of an event (format v1.2, "one moment, one rendering"):
- an event with an estimate: its shown instant (`Event.shown`: the estimate to the nearest minute,
  to the second only when a kept claim states seconds and the window is under two minutes);
- an event known only from bounds: the bound, "by 21:31", "after 20:40", or the window "10:00–10:10";
- an event known only to the day: the day its source gave.

A window's edges are printed to the minute the way a written minute reads: an earliest edge at the
nearest minute (20:41:30 → 20:42), a latest edge that ends a clock minute as that minute
(20:42:59 → 20:42), any other edge at the nearest minute.
"""

from __future__ import annotations

from datetime import datetime

from ..model import zones
from ..timeline.minutes import edges
from ..model.time import DAY, from_epoch
from ..model.cells import Bound


def local(seconds: int, zone: str) -> datetime:
    """Epoch seconds as a wall-clock time in a display zone."""
    return from_epoch(seconds).astimezone(zones.display(zone))


def clock_of(seconds: int, zone: str = "UTC", with_seconds: bool = False) -> str:
    """'20:42', or '20:42:30' when the seconds are shown."""
    moment = local(seconds, zone)
    return moment.strftime("%H:%M:%S" if with_seconds else "%H:%M")


def date_of(seconds: int, zone: str = "UTC") -> str:
    return local(seconds, zone).date().isoformat()  # four digits for any year (strftime's %Y writes year 2 as "2")


def zone_name(seconds: int, zone: str) -> str:
    """The zone's abbreviation at that moment ('EDT', 'UTC')."""
    return local(seconds, zone).strftime("%Z")


def clock(event, zone: str = "UTC") -> str | None:
    """The event's shown estimate as a clock time ('20:42'); None without an estimate."""
    if event.shown is None:
        return None
    return clock_of(event.shown, zone, event.seconds)


def date_clock(event, zone: str = "UTC") -> str | None:
    """'2024-08-12 20:42'; None without an estimate."""
    if event.shown is None:
        return None
    return f"{date_of(event.shown, zone)} {clock(event, zone)}"


def window(event, zone: str = "UTC", reference: int | None = None) -> str:
    """The window to the minute: '00:42' (within that minute), '00:37–00:47', '…–00:42', with the
    date ('Aug 12 23:55') on an edge on another day than `reference` (default: the estimate; an
    event without one has both edges dated), and on both edges of a window that crosses a day
    ('Apr 12 19:38–Apr 13 19:38', never 'Apr 12 19:38–19:38')."""
    low, high = edges(event)
    if reference is None:
        reference = event.shown
    ref_day = date_of(reference, zone) if reference is not None else None  # none: both edges dated
    if low is not None and high is not None and date_of(low, zone) != date_of(high, zone):
        ref_day = None  # a window across days: each edge says its day

    def edge(seconds: int | None) -> str:
        if seconds is None:
            return "…"
        text = clock_of(seconds, zone)
        if date_of(seconds, zone) != ref_day:
            text = local(seconds, zone).strftime("%b %d ") + text
        return text

    if low is not None and low == high:
        return edge(low)
    return f"{edge(low)}–{edge(high)}"


def day_of(event) -> str | None:
    """An event known only to the day, as its source gave the day ('2024-08-13 (day, UTC)'): never
    shifted into another zone, where it would read as the day before or after. None otherwise."""
    if event.estimate is not None:
        return None
    days = [c for c in event.claims if c.time is not None and c.precision == DAY
            and c not in event.dropped and c not in event.replaced and c not in event.undecided_claims]
    if not days:
        return None
    if event.earliest is not None and event.latest is not None and event.latest - event.earliest < DAY - 3600:
        return None  # the window is narrower than the day: it says more
    first = min(days, key=lambda c: (c.bound is not Bound.at, c.line))  # a day stated outright, else a bound
    side = {Bound.at: "", Bound.not_before: " or later", Bound.not_after: " or earlier"}[first.bound]
    offset = first.time.offset
    if first.tz is not None:
        where = first.tz.name
    elif offset is None:
        where = "any zone"  # a day whose source named no zone: that day wherever it was
    else:
        where = "UTC" if not offset else f"UTC{'+' if offset > 0 else '−'}{abs(offset) // 60:02d}:{abs(offset) % 60:02d}"
    return f"{first.time.local:%Y-%m-%d}{side} (day, {where})"


def bound(event, zone: str = "UTC", dated: bool = True) -> str:
    """An event without an estimate: 'by 2024-08-12 21:31', 'after 20:40', '10:00–10:10', its day,
    or 'time unknown'."""
    day = day_of(event)
    if day is not None:
        return day
    low, high = edges(event)

    def at(seconds: int) -> str:
        return f"{date_of(seconds, zone)} {clock_of(seconds, zone)}" if dated else clock_of(seconds, zone)

    said = stated_sides(event)
    if low is not None and high is not None and said == {Bound.not_after}:
        low = None  # its claims say only "by": the other edge comes from the milestone order
    elif low is not None and high is not None and said == {Bound.not_before}:
        high = None
    if low is not None and high is not None:
        if low == high:
            return at(low)
        same_day = date_of(low, zone) == date_of(high, zone)
        return f"{at(low)}–{clock_of(high, zone) if same_day else at(high)}"
    if high is not None:
        return f"by {at(high)}"
    if low is not None:
        return f"after {at(low)}"
    return "time unknown"


def beside(event, zone: str, main: str = "UTC") -> str:
    """The event's time in `zone`, to stand beside its dated time in `main` (a table's other column,
    a clock in brackets): its clock ('20:42', 'after 20:40'), carrying its own date whenever that
    date is not the one `main` shows ('2024-08-12 20:00' beside '2024-08-13 00:00'). An event known
    only to the day: its day as its source gave it."""
    if event.shown is not None:
        other_day = date_of(event.shown, zone) != date_of(event.shown, main)
        return (date_clock(event, zone) if other_day else clock(event, zone)) or ""
    shown = [edge for edge in edges(event) if edge is not None]
    return bound(event, zone, dated=any(date_of(edge, zone) != date_of(edge, main) for edge in shown))


def stated_sides(event) -> set:
    """The bounds the event's own kept claims give (absolute claims only; a relative claim or an
    interval counts as both sides)."""
    aside = set(event.dropped) | set(event.undecided_claims) | set(event.replaced)
    sides = set()
    for claim in event.claims:
        if claim in aside:
            continue
        if claim.is_relative or claim.until is not None or claim.bound is Bound.at:
            sides |= {Bound.not_before, Bound.not_after}
        else:
            sides.add(claim.bound)
    return sides


def when(event, zone: str, utc_too: bool = True) -> str:
    """The event's time in prose: '2024-08-12 20:42 EDT (00:42 UTC)', '2024-08-12 20:42 EDT
    (2024-08-13 00:42 UTC)' where UTC is on another day (`beside`), '2024-08-13 00:42 UTC' when
    local time is UTC, or the bound of an event known only from bounds ('by 2024-08-12 21:31 EDT')."""
    if event.shown is None:
        text = bound(event, zone)
        if day_of(event) is None and text != "time unknown":  # a bound or a window: say its zone
            reference = event.latest if event.latest is not None else event.earliest
            if reference is not None:
                text += f" {zone_name(reference, zone)}"
        return text
    if is_utc(zone):
        return f"{date_clock(event, 'UTC')} UTC"
    text = f"{date_clock(event, zone)} {zone_name(event.shown, zone)}"
    return text + (f" ({beside(event, 'UTC', zone)} UTC)" if utc_too else "")


def is_utc(zone: str) -> bool:
    """Whether local time in this display zone is UTC itself (then it is not shown twice)."""
    return zone in ("UTC", "GMT", "Z", "Etc/UTC", "Etc/GMT", "Etc/Zulu", "Etc/UCT", "Etc/Universal", "UCT", "Universal", "Zulu")


def seen(event, zone: str = "UTC") -> str:
    """The one short string for an event's time in a row or a label: its clock ('20:42'), or its
    bound ('by 21:31', 'after 20:40', '10:00–10:10'), or its day."""
    text = clock(event, zone)
    return text if text is not None else bound(event, zone, dated=False)
