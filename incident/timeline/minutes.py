"""How a reader reads an instant and a window to the minute: a shown estimate at its nearest minute,
an earliest edge at the nearest minute (20:41:30 → 20:42), a latest edge that ends a clock minute
as that minute (20:42:59 → 20:42). The metrics read one-sided ranges off the same instants as the
views print (render/times.py), so this sits below both."""

from __future__ import annotations

from ..model.time import MINUTE


def nearest_minute(seconds: int) -> int:
    return (seconds + 30) // MINUTE * MINUTE


def earliest_minute(seconds: int) -> int:
    """An earliest edge as a reader reads it: the nearest minute."""
    return nearest_minute(seconds)


def latest_minute(seconds: int) -> int:
    """A latest edge as a reader reads it: the minute it ends (hh:mm:59 → hh:mm), else the nearest."""
    return seconds - 59 if seconds % MINUTE == 59 else nearest_minute(seconds)


def edges(event) -> tuple[int | None, int | None]:
    """The window's edges as a reader reads them (epoch seconds, whole minutes), in order: a window
    within one minute is that minute at both ends."""
    low = None if event.earliest is None else earliest_minute(event.earliest)
    high = None if event.latest is None else latest_minute(event.latest)
    if low is not None and high is not None and high <= low:
        single = event.shown if event.shown is not None else nearest_minute((event.earliest + event.latest) // 2)
        single = single - single % MINUTE
        return single, single
    return low, high
