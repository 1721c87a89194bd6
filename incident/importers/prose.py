"""The impact window a status update states in prose ("On July 29, 2026, from 14:51 UTC to 15:28 UTC,
…"), and the other times it states, read with the project's one time grammar (`timetext`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from ..timetext.days import Context
from ..timetext.readings import Reading, read_times

_WINDOW_WORDS = ("between", "from", "starting", "started", "began", "beginning", "since")
_ANNOUNCING = ("will be", "will have", "tonight", "tomorrow", "upcoming", "is scheduled", "are scheduled")


@dataclass(frozen=True)
class Stated:
    """One clock time read from prose: the instant, and the local time and zone as written."""

    moment: datetime  # UTC
    local: datetime  # naive, in `zone`
    zone: str
    text: str  # the words: '14:51 UTC'


@dataclass(frozen=True)
class ProseWindow:
    start: Stated
    end: Stated | None
    approximate: bool
    announced: bool  # a window to come ("will be unavailable tonight from 22:00 PST")
    sentence: str
    used: tuple[int, ...] = ()  # the start offsets of the readings the window is made of


def prose_times(text: str, posted: datetime) -> list[Reading]:
    """Every time expression of an update's text, read against the moment it was posted."""
    return read_times(text, Context(posted.astimezone(timezone.utc), None))


def prose_window(text: str, posted: datetime, readings: list[Reading] | None = None) -> ProseWindow | None:
    """The impact window a summary states; None when it states none. The first range with its zone
    written ("from 14:51 UTC to 15:28 UTC", "Between 9:05 AM and 10:40 AM CDT"), else the first
    sentence with a window word ("began", "since") and a clock time with a zone: its first and
    last times. A time without a date is the last such time before the update, unless the sentence
    announces a window to come; an end before its start is past midnight."""
    try:
        readings = prose_times(text, posted) if readings is None else readings
    except (OverflowError, ValueError):
        return None
    from ..timetext.places import clauses

    by_sentence: dict[tuple[int, int], list[Reading]] = {}
    for reading, (sentence, _) in zip(readings, clauses(text, readings)):
        if reading.usable and reading.kind in ("clock", "range"):
            by_sentence.setdefault(sentence, []).append(reading)
    for sentence, inside in by_sentence.items():
        words = text[sentence[0]:sentence[1]].lower()
        ranges = [r for r in inside if r.kind == "range"]
        ranged = ranges[0] if ranges else None
        if ranged is None and not any(w in words for w in _WINDOW_WORDS):
            continue
        announced = any(phrase in words for phrase in _ANNOUNCING)
        if ranged is not None:  # two periods in one sentence: from the first's start to the last's end
            start, end, used = _stated(ranged, False), _stated(ranges[-1], True), tuple(r.start for r in ranges)
        else:
            start = _stated(inside[0], False)
            end = _stated(inside[-1], False) if len(inside) > 1 else None
            used = tuple(r.start for r in ((inside[0], inside[-1]) if len(inside) > 1 else (inside[0],)))
        if end is not None and end.moment < start.moment:
            end = Stated(end.moment + timedelta(days=1), end.local + timedelta(days=1), end.zone, end.text)
        approximate = (ranged or inside[0]).uncertainty_min is not None
        return ProseWindow(start, end, approximate, announced, " ".join(text[sentence[0]:sentence[1]].split()), used)
    return None


def _stated(reading: Reading, end: bool) -> Stated:
    instant = reading.until_instant if end else reading.instant
    cell = reading.until if end else reading.time
    local = datetime.fromisoformat(cell[:16])
    words = reading.as_reported
    if reading.kind == "range":
        words = _range_part(reading.as_reported, end)
    return Stated(datetime.fromtimestamp(instant, timezone.utc), local, reading.tz or cell[16:], words)


def _range_part(words: str, end: bool) -> str:
    """'14:51 UTC' of 'from 14:51 UTC to 15:28 UTC': the words of one end of a range."""
    lowered = words.lower()
    for joiner in (" to ", " until ", " till ", " through ", " and ", "–", " - ", "-", "—"):
        at = lowered.find(joiner)
        if at > 0:
            part = words[at + len(joiner):] if end else words[:at]
            first = part.split(" ", 1)
            if not end and first[0].lower() in ("from", "between"):
                part = first[1] if len(first) > 1 else part
            return part.strip(" ,")
    return words
