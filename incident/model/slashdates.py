"""Dates a spreadsheet wrote in its locale's order ('6/8/2021 9:47 PM'): their readings, and the
repair `incident fmt --dates mdy|dmy` makes (ISO 8601 dates, 24-hour clock)."""

from __future__ import annotations

import re
from datetime import date

SLASH_TIME = re.compile(
    r"(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>\d{4}|\d{2})"
    r"(?:[ T]+(?P<h>\d{1,2}):(?P<mi>\d{2})(?::(?P<s>\d{2}))?\s*(?P<ampm>[AaPp]\.?[Mm]\.?)?)?"
    r"\s*(?P<off>Z|[+-]\d{2}:\d{2})?\Z"
)
ORDERS = ("mdy", "dmy")


def _year(text: str) -> int:
    """A two-digit year as spreadsheets and POSIX read it: 00–68 → 20xx, 69–99 → 19xx."""
    if len(text) == 4:
        return int(text)
    return int(text) + (2000 if int(text) < 69 else 1900)


def _day(a: int, b: int, year: int, order: str) -> date | None:
    month, day = (a, b) if order == "mdy" else (b, a)
    try:
        return date(year, month, day)
    except ValueError:
        return None


def readings(text: str) -> dict[str, date]:
    """The dates a slash date can be: {'mdy': …, 'dmy': …}, for the orders under which it exists."""
    m = SLASH_TIME.match(text.strip())
    if not m:
        return {}
    a, b, year = int(m["a"]), int(m["b"]), _year(m["y"])
    found = {order: _day(a, b, year, order) for order in ORDERS}
    return {order: day for order, day in found.items() if day is not None}


def hint(text: str) -> str | None:
    """Why a slash date is refused, naming its readings; None when `text` is not one."""
    if not SLASH_TIME.match(text.strip()):
        return None
    found = readings(text)
    rest = "write the date as ISO 8601 YYYY-MM-DD (incident fmt --dates mdy or dmy rewrites a whole file)"
    if not found:
        return f"{text!r} is no date in either order (month/day or day/month); {rest}"
    if len(found) == 1 or found["mdy"] == found["dmy"]:
        order, day = next(iter(found.items()))
        words = "month first" if order == "mdy" else "day first"
        return f"{text!r} reads only {words}, as {day.isoformat()}; {rest}"
    return (f"{text!r} is ambiguous: {found['mdy'].isoformat()} (month first, US) or "
            f"{found['dmy'].isoformat()} (day first); {rest}")


def to_iso(text: str, order: str) -> str:
    """'6/8/2021 9:47 PM' with order 'mdy' → '2021-06-08 21:47'; raises ValueError naming the
    problem when the cell is not a date under that order."""
    m = SLASH_TIME.match(text.strip())
    if not m:
        raise ValueError(f"{text!r} is not a date written with slashes")
    day = _day(int(m["a"]), int(m["b"]), _year(m["y"]), order)
    if day is None:
        words = "month/day/year" if order == "mdy" else "day/month/year"
        raise ValueError(f"{text!r} is no date as {words}")
    out = day.isoformat()
    if m["h"] is not None:
        hour, minute = int(m["h"]), int(m["mi"])
        if m["ampm"]:
            if not 1 <= hour <= 12:
                raise ValueError(f"{text!r}: {hour} is not an hour of a 12-hour clock")
            hour = hour % 12 + (12 if m["ampm"][0] in "Pp" else 0)
        if hour > 23 or minute > 59 or (m["s"] and int(m["s"]) > 59):
            raise ValueError(f"{text!r} has no such time of day")
        out += f" {hour:02d}:{minute:02d}" + (f":{m['s']}" if m["s"] else "")
    if m["off"]:
        out += m["off"]
    return out
