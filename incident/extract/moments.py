"""The moment a drafted row names, for comparing rows of one text or of many."""

from __future__ import annotations


def instant(row: dict) -> int | None:
    """The epoch second a row's time names, or None (a day, a length, an unreadable cell)."""
    from ..model import zones
    from ..model.time import TimeCell, resolve_time

    if len(row.get("time", "")) <= 10:
        return None
    try:
        return resolve_time(TimeCell.parse(row["time"]), zones.zone(row["tz"]) if row["tz"] else None)
    except ValueError:
        return None
