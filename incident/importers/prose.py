"""The impact window a status update states in prose ("On July 29, 2026, from 14:51 UTC to 15:28 UTC,
…"): its clock times, their zones and dates, whether it is approximate or announced to come."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone


MONTHS = {m: i for i, m in enumerate(
    ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"), 1)}
_DATE = re.compile(
    r"\b(?P<month>" + "|".join(MONTHS) + r")\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(?P<year>\d{4}))?",
    re.IGNORECASE,
)
_CLOCK = re.compile(r"(?<![\d:])(?P<h>[01]?\d|2[0-3]):(?P<m>[0-5]\d)(?!\d)(?:\s*(?P<zone>UTC|GMT|PST|PDT|PT|EST|EDT|ET)\b)?")
_ANNOUNCEMENT = re.compile(r"\b(will be|will have|tonight|tomorrow|upcoming|is scheduled|are scheduled)\b", re.IGNORECASE)  # a window to come
_WINDOW_WORDS = re.compile(r"\b(between|from|starting|started|began|beginning)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Stated:
    """One clock time read from prose: the instant, and the local time and zone as written."""

    moment: datetime  # UTC
    local: datetime  # naive, in `zone`
    zone: str
    text: str  # the words: '14:51 UTC'

    def shifted(self, days: int) -> "Stated":
        return Stated(self.moment + timedelta(days=days), self.local + timedelta(days=days), self.zone, self.text)


@dataclass(frozen=True)
class ProseWindow:
    start: Stated
    end: Stated | None
    approximate: bool
    announced: bool  # a window to come ("will be unavailable tonight from 22:00 PST")
    sentence: str


def prose_window(text: str, posted: datetime) -> ProseWindow | None:
    """The impact window a summary states; None when it states none, or one the calendar cannot
    hold (a window past the end of year 9999)."""
    try:
        return _prose_window(text, posted)
    except (OverflowError, ValueError):
        return None


def _prose_window(text: str, posted: datetime) -> ProseWindow | None:
    """The impact window a summary states ("On July 29, 2026, from 14:51 UTC to 15:28 UTC, …"):
    the first sentence with a window word and a clock time with a zone. A time without a date takes
    the date written in the sentence, else the update's date in that zone (the day before when it
    would fall after the update, unless the sentence announces a window to come); a time without a
    zone takes the zone written after it; an end before its start is past midnight."""
    from ..model import zones

    for sentence in re.split(r"(?<=[.!?])\s+(?=[A-Z])", text):
        if not _WINDOW_WORDS.search(sentence):
            continue
        clocks = list(_CLOCK.finditer(sentence))
        zone_names = [c["zone"] for c in clocks if c["zone"]]
        if not zone_names:
            continue
        announced = bool(_ANNOUNCEMENT.search(sentence))
        picked = [clocks[0]] + ([clocks[-1]] if len(clocks) > 1 else [])
        stated = []
        for clock in picked:
            zone_name = (clock["zone"] or next((c["zone"] for c in clocks if c.start() > clock.start() and c["zone"]), zone_names[0])).upper()
            tz = zones.zone(zone_name).tzinfo
            day = _date_before(sentence, clock.start(), posted.astimezone(tz))
            local = datetime(day.year, day.month, day.day, int(clock["h"]), int(clock["m"]))
            one = Stated(local.replace(tzinfo=tz).astimezone(timezone.utc), local, zone_name, clock.group(0))
            dated = _date_written_before(sentence, clock.start()) or any(d.start() > clock.start() for d in _DATE.finditer(sentence))
            if not dated and one.moment > posted and not announced:
                one = one.shifted(-1)  # no date: the last such time before the update
            stated.append(one)
        start = stated[0]
        end = stated[1] if len(stated) > 1 else None
        if end is not None and end.moment < start.moment:
            end = end.shifted(1)
        approximate = bool(re.search(r"\b(approximately|approx\.|about|around|roughly)\b", sentence[: picked[0].start() + 1], re.IGNORECASE))
        return ProseWindow(start, end, approximate, announced, sentence.strip())
    return None


def _date_written_before(sentence: str, position: int) -> re.Match | None:
    found = None
    for m in _DATE.finditer(sentence):
        if m.start() < position:
            found = m
    return found


def _date_before(sentence: str, position: int, posted: datetime) -> date:
    """The date a clock time in `sentence` is on; `posted` is the update's time in the clock's zone."""
    m = _date_written_before(sentence, position)
    if m is None:
        later = next((d for d in _DATE.finditer(sentence) if d.start() > position), None)
        m = later  # "between 06:39 and 18:11 UTC on July 20, 2026"
    if m is None:
        return posted.date()
    year = int(m["year"]) if m["year"] else posted.year
    try:
        return date(year, MONTHS[m["month"].lower()], int(m["day"]))
    except ValueError:
        return posted.date()
