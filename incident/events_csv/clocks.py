"""Clock times in free text (`as_reported`): what both readers of events.csv, the per-row checks and
the column-wise one, need to read of it. Linear-time patterns only."""

from __future__ import annotations

import re
from datetime import datetime
from functools import lru_cache

from ..model import zones
from ..timetext.forms import scan
from ..timetext.scan import ClockPart


def clock_times(text: str) -> list[tuple[int, int, str | None]]:
    """Clock times written in free text: (hour, minute, 'am'/'pm' or None), as the time grammar of
    `extract` and the importers reads them (timetext): one grammar, so that "8:42:30 PM EDT",
    "between 9:05 and 10:40 AM CDT", "noon ET" or "1742 GMT" mean the same in a cell and in a text."""
    return [(clock.hour, clock.minute, clock.meridiem) for clock in _clocks(text)]


def labelled_clock_times(text: str) -> list[tuple[int, int, str | None, str]]:
    """Clock times written with a zone label right after them: (hour, minute, 'am'/'pm' or None, label)."""
    return [(clock.hour, clock.minute, clock.meridiem, clock.zone.cell) for clock in _clocks(text)
            if clock.zone is not None and clock.zone.cell in zones.LABELS and clock.zone.cell != "Z"]


@lru_cache(maxsize=4096)
def _clocks(text: str) -> tuple[ClockPart, ...]:
    """Every clock time of `text`, the ends of a range each on its own, in the order written."""
    expressions, _, _ = scan(text)
    return tuple(part for expression in expressions for part in (expression.clock, expression.until) if part is not None)


@lru_cache(maxsize=4096)
def as_reported_clocks(text: str) -> tuple[tuple[int, int, str | None], ...] | None:
    """What the checks of an as_reported cell need of its text, for the column-wise reader: () when
    there is nothing to check (empty, or no clock time in it), None when it names a zone (the
    per-row reader then compares the zones), else its clock times."""
    if not text:
        return ()
    if zones.labels_in_text(text) or labelled_clock_times(text) or _ISO_STAMP.match(text.strip()):
        return None
    return tuple(clock_times(text))


# a machine's timestamp as a source wrote it ('2025-07-14T09:21:40.512-05:00', as a status page's
# API gives it): its own offset says what it means, so it is compared as an instant
_ISO_STAMP = re.compile(r"(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2})?)(?:\.\d{1,9})?(Z|[+-]\d{2}:?\d{2})\Z")


def iso_instant(text: str) -> int | None:
    """The instant an ISO 8601 stamp with a zone ('2024-08-13T00:42:00Z') or an RFC 822 date as RSS
    writes it ('Tue, 13 Aug 2024 00:42:00 +0000') names; None for any other text, and for an
    instant outside the calendar a time cell can name ('0001-01-01 00:00+14:00' is in year 0, UTC)."""
    from ..model.time import MAX_INSTANT, MIN_INSTANT

    instant = _stamp_instant(text)
    return instant if instant is not None and MIN_INSTANT <= instant <= MAX_INSTANT else None


def _stamp_instant(text: str) -> int | None:
    m = _ISO_STAMP.match(text.strip())
    if not m:
        return _rfc822_instant(text)
    offset = "+00:00" if m[3] == "Z" else (m[3] if ":" in m[3] else f"{m[3][:3]}:{m[3][3:]}")
    try:
        return int(datetime.fromisoformat(f"{m[1]}T{m[2]}{offset}").timestamp())
    except (ValueError, OverflowError):
        return None


def _rfc822_instant(text: str) -> int | None:
    text = text.strip()
    words = text.split()
    if len(text) > 64 or len(words) < 5 or not any(w.count(":") == 2 and w.replace(":", "").isdigit() for w in words):
        return None  # "Tue, 13 Aug 2024 00:42:00 +0000": day, month, year, a time with seconds, a zone
    from email.utils import parsedate_to_datetime

    try:
        moment = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    return int(moment.timestamp()) if moment.tzinfo is not None else None
