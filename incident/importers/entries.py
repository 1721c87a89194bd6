"""The timestamped entries a status-page update may list in place of prose: the 2018 migration's
HTML list of '<strong>YYYY-MM-DD HH:MM:SS</strong> - text' items, or plain-text lines each opening
with a stamp ('2019-05-07 10:35 UTC - Due to a network hardware failure, …'). Times are UTC (the
migration wrote none). Both read in one pass over the body, every pattern anchored and bounded.
`plain_text` is the importer's HTML reducer (statuspage.plain_text), passed in."""

from __future__ import annotations

import re
from datetime import datetime, timezone
from typing import Callable

from .reading import as_text, cell_time

class Stamps(dict):
    """The entries' moments to their stamps as written (to the minute or the second); any other
    moment as a time cell to the second."""

    def __missing__(self, moment: datetime) -> str:
        return cell_time(moment)


_LEGACY_HEAD = re.compile(r"\s*<strong>\s*(\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2})\s*</strong>\s*-?\s*", re.IGNORECASE)


def legacy_entries(updates: list[dict], plain_text: Callable[[str], str]) -> list[tuple[datetime, str, str]]:
    """The timestamped entries a single update lists: an HTML list of '<strong>stamp</strong> - text'
    items (the 2018 migration), else lines of plain text each opening with a UTC stamp
    ('2019-05-07 10:35 UTC - Something happened'), as (moment UTC, text, the stamp as a time cell)
    in time order; [] when the update is no such list."""
    if len(updates) != 1:
        return []
    body = as_text(updates[0].get("body"))
    return _html_entries(body, plain_text) or _stamped_lines(body, plain_text)


# '2019-05-07 10:35 UTC - text', '2019-05-07 10:35:14 - text' (no zone: UTC, as the migration wrote):
# matched at a line's start only, every part bounded: linear
_STAMPED_LINE = re.compile(r"[ \t]{0,8}(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2})?)(?:[ \t]{0,4}(?:UTC|GMT|Z))?[ \t]{0,4}[-–—:][ \t]{0,4}",
                           re.IGNORECASE)
_LINE_BREAK = re.compile(r"<br\s{0,8}/?>|</p>|\r\n?", re.IGNORECASE)
MOST_ENTRIES = 1_000  # entries read from one update's list; a list past it is no status history


def _stamped_lines(body: str, plain_text: Callable[[str], str]) -> list[tuple[datetime, str, str]]:
    """A body of plain-text lines each opening with a stamp (a line without one continues the entry
    before it), as (moment UTC, text) in time order; [] unless its first line is stamped."""
    entries: list[tuple[datetime, list[str], str]] = []
    for line in _LINE_BREAK.sub("\n", body).split("\n"):
        text = plain_text(line)
        if not text:
            continue
        stamped = _stamp(line)
        if stamped is not None and len(entries) < MOST_ENTRIES:
            moment, end, cell = stamped
            entries.append((moment, [plain_text(line[end:])], cell))
        elif entries:
            entries[-1][1].append(text)
        else:
            return []  # the text does not open with a stamp: prose, read as prose
    return sorted(((moment, " ".join(words), cell) for moment, words, cell in entries), key=lambda e: e[0])


def _stamp(line: str) -> tuple[datetime, int, str] | None:
    """The stamp a line opens with: (moment UTC, where its text begins, the stamp as a time cell);
    None without one, or on no day of the calendar (Feb 30, hour 99)."""
    head = _STAMPED_LINE.match(line)
    if head is None:
        return None
    try:
        moment = datetime.fromisoformat(f"{head[1]} {head[2]}").replace(tzinfo=timezone.utc)
    except ValueError:
        return None
    return (moment, head.end(), f"{head[1]} {head[2]}") if 2 <= moment.year <= 9998 else None


def _html_entries(body: str, plain_text: Callable[[str], str]) -> list[tuple[datetime, str, str]]:
    lowered = body.lower()
    entries = []
    i = 0
    while True:  # each '<li>…</li>' once, in one pass (a lazy pattern to '</li>' is quadratic when none closes)
        start = lowered.find("<li>", i)
        if start < 0:
            break
        end = lowered.find("</li>", start + 4)
        if end < 0:
            break
        head = _LEGACY_HEAD.match(body, start + 4, end)
        i = end + 5
        if head is None:
            continue
        try:
            moment = datetime.fromisoformat(head[1]).replace(tzinfo=timezone.utc)
        except ValueError:  # Feb 30, hour 99: not an entry
            continue
        if 2 <= moment.year <= 9998:
            entries.append((moment, plain_text(body[head.end():end]), cell_time(moment)))
    return sorted(entries, key=lambda e: e[0])
