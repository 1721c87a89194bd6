"""What a text's times are read against (its `Context`), and the day a date part names against it,
kept apart so that a caller reading one text against two contexts can tell whether the day of the
incident (`near`) changes any date."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta, timezone

from ..model import zones
from .places import last_before
from .scan import ClockPart, DatePart, Expression


@dataclass(frozen=True)
class Context:
    """What a text's times are read against: when it was published (an aware datetime for a status
    update, which speaks at an instant; a date for an article) and the zone it writes in."""

    published: datetime | date | None = None
    tz: str | None = None
    clock24: bool = False  # the writer uses the 24-hour clock (a status page's own time stamps)
    near: date | None = None  # the day the incident happened, when known: a date without a year is the nearest such
    month_only: bool = False  # `published` is the first of the month the text came out in, its day unknown

    @property
    def exact(self) -> bool:
        return isinstance(self.published, datetime)

    @property
    def latest(self) -> datetime | date | None:
        """The latest the text can have been published: the last day of its month when only that is known."""
        if not self.month_only or self.published is None or isinstance(self.published, datetime):
            return self.published
        first = self.published
        return date(first.year + first.month // 12, first.month % 12 + 1, 1) - timedelta(days=1)


def date_of(part: DatePart, zone: zones.Zone, context: Context) -> date:
    """The day a date part names, against the text's context: a date without a year in the year of
    the incident (`near`), else of publication; a weekday the one of the incident's week, else the
    last before publication."""
    published = context.published
    reference = (published.astimezone(zone.tzinfo).date() if isinstance(published, datetime) else published) \
        if published is not None else None
    day_number = part.day if part.day is not None else 0
    if part.month is not None:
        assert part.day is not None  # a date with its month has its day ("July 19")
    if part.year is not None and part.month is not None:
        return date(part.year, part.month, day_number)
    incident_day = context.near
    if part.month is not None and incident_day is not None:  # "July 19" in a write-up a year on
        years = (incident_day.year - 1, incident_day.year, incident_day.year + 1)
        return min((_safe_date(y, part.month, day_number) for y in years), key=lambda d: abs((d - incident_day).days))
    if part.month is not None:
        if reference is None:
            raise ValueError("a date without a year, and no publication date (--published) to take it from")
        day = date(reference.year, part.month, day_number)
        if day > reference + timedelta(days=60):  # "Dec 31" in a text of 2 January; "1 May" on 28 April is this May's
            day = date(reference.year - 1, part.month, day_number)
        return day
    near = context.near
    if part.day is not None and part.weekday is None and (near is not None or reference is not None):
        return _day_of_month(part.day, near, reference)
    if context.month_only and (part.weekday is not None or part.relative is not None):
        reference = None  # "on Friday", "today" in a text known only by its month: not a day of it
    if part.weekday is not None and near is not None and (reference is None or abs((reference - near).days) > 7):
        # "At 16:45 Sunday" in a postmortem published months later: the Sunday of the incident's week
        return min((near + timedelta(days=d) for d in range(-6, 7) if (near + timedelta(days=d)).weekday() == part.weekday),
                   key=lambda d: abs((d - near).days))
    if reference is None:
        if context.month_only:
            raise ValueError("a weekday or 'yesterday' needs the day the text was published; only its month is given")
        raise ValueError("a weekday or 'yesterday' needs the publication date (--published)")
    if part.weekday is not None:  # the last such day on or before publication; "last Monday" before it
        return reference - timedelta(days=(reference.weekday() - part.weekday) % 7 or (7 if part.last else 0))
    return reference + timedelta(days=part.relative or 0)


def own_date(expressions: list[Expression], dates: list[DatePart]) -> date | None:
    """The first full date a text writes (its year, month and day: "Beginning at 1:54 PM ET on
    September 7, 2023"): with no publication date given, the day the text speaks of, against which
    its dates without a year and its weekdays are read ("on Monday, July 16", "September 8th")."""
    parts = [*dates, *(e.clock.date for e in expressions if e.clock is not None and e.clock.date is not None)]
    full = [p for p in parts if p.year is not None and p.month is not None and p.day is not None]
    first = min(full, key=lambda p: p.start, default=None)
    if first is None:
        return None
    try:
        return date(first.year, first.month, first.day)  # type: ignore[arg-type]
    except ValueError:
        return None


def same_days(near_calls: list, context: Context) -> bool:
    """Whether every date of `near_calls` (read_times_near's) reads the same against `context`."""
    for part, zone, was in near_calls:
        now: date | str
        try:
            now = date_of(part, zone, context)
        except ValueError as exc:
            now = str(exc)
        if now != was:
            return False
    return True


def _day_of_month(day: int, near: date | None, reference: date | None) -> date:
    """'the 4th': the such day nearest the incident's day in a later write-up, else nearest the day
    the text was published (the earlier on a tie: "the 5th" in a story of 4 July is the next day,
    one it announces; "the 30th" is 30 June)."""
    base = near if near is not None and (reference is None or abs((reference - near).days) > 7) else reference
    assert base is not None  # the caller gives one or the other
    months = [(base.year + (base.month - 1 + m) // 12, (base.month - 1 + m) % 12 + 1) for m in (-1, 0, 1)]
    return min((_clamped(y, m, day) for y, m in months), key=lambda d: (abs((d - base).days), d > base))


def _clamped(year: int, month: int, day: int) -> date:
    """The day in that month, or the month's last when it has fewer."""
    while day > 28:
        try:
            return date(year, month, day)
        except ValueError:
            day -= 1
    return date(year, month, day)


def _safe_date(year: int, month: int, day: int) -> date:
    """The date, or the day before a 29 February a year does not have."""
    try:
        return date(year, month, day)
    except ValueError:
        return date(year, month, day - 1)


def night(part: DatePart, clock: ClockPart, day: date, notes: list, bound: str = "") -> date:
    """The day a small hour falls on when its date is an evening or a night ("Saturday night … shortly
    after midnight ET"): the next, the night's end; so is a midnight that a day's event comes before
    ("Kurz vor Mitternacht", "by midnight")."""
    if (clock.hour, clock.minute, bound) == (0, 0, "not_after"):
        notes.append(f"read on {(day + timedelta(days=1)).isoformat()}: the midnight that ends {day.isoformat()}")
        return day + timedelta(days=1)
    small = clock.hour == 0 or (clock.meridiem == "am" and clock.hour % 12 < 6)
    if part.meridiem != "pm" or not small:
        return day
    notes.append(f"read on {(day + timedelta(days=1)).isoformat()}: in the night of {day.isoformat()}")
    return day + timedelta(days=1)


def is_dateline(part: DatePart, context: Context) -> bool:
    """Whether the part is the very day the text was published, written with its year (a dateline's date)."""
    published = context.published
    if published is None or part.year is None:
        return False
    day = published.date() if isinstance(published, datetime) else published
    return (part.year, part.month, part.day) == (day.year, day.month, day.day)


def choose(candidates: list, context: Context, announcing, anchor: int | None, after: int | None):
    """The reading meant of a clock's candidates (epoch moment, hour, local time): a range's end is
    the first after its start (`after`); a time after others, the reading nearest the text's time
    before it (`anchor`); else the latest reading not after the text was published (an announcement,
    when `announcing()` says its sentence is one: the first after it was posted)."""
    if after is not None:
        later = [c for c in candidates if c[0].timestamp() >= after]
        if later:
            return min(later, key=lambda c: c[0])
        moment, hour, local = min(candidates, key=lambda c: c[0])
        return moment + timedelta(days=1), hour, local + timedelta(days=1)
    published = context.latest
    if anchor is not None:  # not after the day the text came out, in its own zone ("at 1 a.m. … at 9 a.m." the same day)
        limit = _told_by(context) if published is not None and not context.exact else None
        told = [c for c in candidates if c[0] <= limit] if limit is not None and anchor <= limit.timestamp() else []
        pool = told if told and len(told) < len(candidates) and not announcing() else candidates  # "launches tomorrow … at 7AM"
        return min(pool, key=lambda c: (abs(c[0].timestamp() - anchor), -c[0].timestamp()))
    pool = candidates
    if published is not None:
        if isinstance(published, datetime):
            limit = published.astimezone(timezone.utc) + timedelta(minutes=1)
            if announcing():
                coming = [c for c in candidates if c[0] >= published - timedelta(hours=1)]
                if coming:
                    return min(coming, key=lambda c: c[0])
        else:
            limit = datetime(published.year, published.month, published.day, tzinfo=timezone.utc) + timedelta(days=1, hours=12)
        pool = [c for c in candidates if c[0] <= limit] or candidates
    return max(pool, key=lambda c: c[0])


def _told_by(context: Context) -> datetime:
    """The latest moment a text published on a day can tell of: the end of that day in the text's own
    zone (an hour's grace), else wherever on Earth that day ends."""
    day = context.latest
    assert day is not None and not isinstance(day, datetime)
    try:
        zone = zones.zone(context.tz).tzinfo if context.tz and context.tz != "local" else None
    except (KeyError, ValueError):
        zone = None
    if zone is None:
        return datetime(day.year, day.month, day.day, tzinfo=timezone.utc) + timedelta(days=1, hours=12)
    return datetime(day.year, day.month, day.day, tzinfo=zone).astimezone(timezone.utc) + timedelta(days=1, hours=1)


_STAMPING = frozenset(("published", "updated", "modified"))


def after_byline(text: str, start: int) -> bool:
    """Whether a time is a page's own stamp by the few words that open its line before it ("Published:
    Thu, 06 Aug 2009 16:04:49 GMT", "First Published Sep 22, 2024 | Last Updated …", "Posted on …"),
    even when a copy runs the article on after it, or a site's "Today:" date; not a report "published yesterday" in a sentence."""
    a = max(0, start - 40)
    line = text.rfind("\n", a, start)
    opening = text[line + 1 if line >= 0 else a:start]
    cut = max(opening.rfind("|"), opening.rfind("·"))
    if line < 0 and a > 0 and cut < 0:
        return False
    words = opening[cut + 1:].lower().rstrip(" \t:-–—").split()
    if words == ["today"] and opening.rstrip(" \t").endswith(":"):  # a site's header: "Today : Jan 31, 2025", the day it was read
        return True
    if words[-1:] == ["on"]:
        words = words[:-1]
    return bool(words) and len(words) <= 2 and (words[-1] in _STAMPING and set(words[:-1]) <= {"first", "last"}
                                                 or words == ["posted"] and opening.rstrip().lower().endswith("on"))


_MARKS = str.maketrans("-–—:()[]", "        ")  # the marks around a heading's words, read as spaces
_SECTION_WORDS = frozenset(("update", "updated", "original", "edit", "edited", "correction", "earlier", "story", "post"))


def section_dates(text: str, dates: list[DatePart]) -> list[DatePart]:
    """The dates that head a section of a text updated over days ("UPDATE - Friday August 26: …",
    "ORIGINAL - Thursday August 25: …", "25/08/2022: …"): a day with its month that opens its line, after
    at most update words and dashes, with a colon or a dash right after it. What is written below it was
    written that day. Each reads a bounded window around its date: linear."""
    out = []
    for part in dates:
        if part.month is None or part.day is None:
            continue
        line = text.rfind("\n", max(0, part.start - 40), part.start)
        if line < 0 and part.start > 40:
            continue
        opening = text[line + 1:part.start].lower().translate(_MARKS)
        if set(opening.split()) <= _SECTION_WORDS and text[part.end:part.end + 4].lstrip(" )]")[:1] in (":", "-", "–", "—"):
            out.append(part)
    return out


def written_on(sections: tuple[list[DatePart], list[int]], part: DatePart, context: Context, day_of) -> Context:
    """The context a day word ("today", "on Thursday") is read against: the day its section was written
    (`section_dates`, with where each starts; `day_of` reads that date), else the text's."""
    heading = last_before(*sections, part.start) if part.month is None and sections[0] else None
    return replace(context, published=day_of(heading), near=None) if heading is not None else context
