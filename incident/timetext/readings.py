"""What each expression means: its instant, zone and date against the text's own date and zone, by
the zone rules of events.csv, with every guess named in a note."""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta, timezone

from ..model import zones
from . import europe
from . import lexicon as lx
from .forecasts import announces, forecast_in, may_forecast
from .forms import scan
from .days import Context, after_byline, choose, date_of, is_dateline, night, own_date, section_dates, written_on
from .places import Places, last_before, sentence_spans
from .scan import ClockPart, DatePart, Expression
from .stamps import Stamps, newest_first, opens_update, prepended
from .written import label_checked, midnight_twin, only_zone, cell_text, in_zone, is_24h, slash_day_first, twelve_hour_note

_OPENERS = {"", "on", "le", "am", "el", "il", "op"}  # a date that opens its sentence sets the story's day
_NEAR = 300  # characters either side of a date read to tell a heading or a date line


@dataclass(frozen=True)
class Reading:
    """One expression, normalised to the cells of a claim."""

    start: int
    end: int
    as_reported: str
    kind: str  # "clock", "range" or "relative"
    time: str = ""
    tz: str = ""
    until: str = ""
    bound: str = ""
    uncertainty_min: int | None = None
    offset_min: float | None = None
    anchor: str | None = None
    instant: int | None = None  # epoch seconds of `time`
    until_instant: int | None = None
    until_start: int | None = None  # where a range's second end is written
    until_uncertainty_min: int | None = None  # its own ("from 4:45AM to roughly 7:45AM"), when not the start's
    notes: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    problem: str | None = None  # why it cannot be read: no zone, no date

    @property
    def usable(self) -> bool:
        return self.problem is None


def read_times(text: str, context: Context, days: bool = False, scans: dict | None = None) -> list[Reading]:
    """Every time expression of `text`, read against `context`, in text order; with `days`, also
    every date that names a day and is written without a time ("on Tuesday", "yesterday
    evening", "on 4 March"), as a reading of kind "day" whose time is that day. `scans` keeps what
    the text's words are, for a caller that reads one text against two contexts (it is most of the
    time, and nothing of it depends on the context but the order of a slash date)."""
    return read_times_near(text, context, days, scans)[0]


def read_times_near(text: str, context: Context, days: bool = False, scans: dict | None = None) -> tuple[list[Reading], list]:
    """`read_times`, and each date the context's `near` day could decide (one without a year, a
    weekday: its part, zone and day, or the error's words): nothing else reads `near`, so against a
    context that differs only in `near` and reads each of them the same (`same_days`), the readings
    are these."""
    day_first = slash_day_first(context.tz)
    if scans is None:
        expressions, dates, declared = scan(text, day_first)
    else:
        if (day_first, text) not in scans:
            scans[(day_first, text)] = scan(text, day_first)
        expressions, dates, declared = scans[(day_first, text)]
    if context.published is None and context.near is None:
        context = replace(context, near=own_date(expressions, dates))
    reader = _Text(text, context, expressions, dates, declared)
    found = reader.readings()
    if days:
        found = sorted(found + reader.day_readings(), key=lambda r: r.start)
    return found, reader.near_calls


class _Text:
    def __init__(self, text: str, context: Context, expressions: list[Expression], dates: list[DatePart],
                 declared: tuple[str, int] | None = None):
        self.text, self.context, self.expressions, self.dates = text, context, expressions, dates
        self.near_calls: list[tuple] = []  # each date `near` may decide: (its part, zone, what it was read as)
        # "All times UTC": the zone a text declares for its times, and where it says so
        self.declared: str | None = declared[0] if declared is not None else None
        self.declared_at: int | None = declared[1] if declared is not None else None
        self.sentences = sentence_spans(text, [(e.start, e.end) for e in expressions])
        self.places = Places(text, expressions, dates, self.sentences)
        self.number = {id(e): i for i, e in enumerate(expressions)}
        self.twenty_four = any(is_24h(c) for e in expressions for c in (e.clock, e.until) if c is not None)
        self.twelve = any(c.meridiem for e in expressions for c in (e.clock, e.until) if c is not None and c.hour != 0)
        self.only_zone = only_zone(text, expressions)
        # the dates that set the narrative's day: in a sentence that speaks of a time or of the outage,
        # or alone on their line (a heading); not a dateline that is the publication date, nor a post's
        # date under an embedded quote ("— Sean Farrington (@seanfarrington) August 16, 2019")
        self.expression_starts = [e.start for e in expressions]
        self._failing: dict[tuple[int, int], bool] = {}  # sentence → whether it names the outage (`_narrates`)
        self.stamps = Stamps(text)  # a status page's "Posted …" lines date the update above them, not the text below
        self.narrative = [d for d in dates if d.names_a_day and not d.floating and not is_dateline(d, context) and self._narrates(d)
                          and not (d.relative is not None and self._quoted(d.start)) and not self._to_come(d)
                          and not self.stamps.on_stamp(d.start) and not after_byline(text, d.start)]
        self.narrative_starts = [d.start for d in self.narrative]
        sections = section_dates(text, dates)  # "UPDATE - Friday August 26:": the day its words were written
        self.sections = sections, [d.start for d in sections]
        attached = [e.clock.date for e in expressions if e.clock is not None and e.clock.date is not None
                    and not self.stamps.on_stamp(e.start)]
        self.lead = min(self.narrative + attached, key=lambda d: d.start, default=None)
        self.last: tuple[int, int] | None = None  # (position, instant) of the last clock read
        self.dated_last = False  # whether that clock had its date written
        self.forward: set[int] = set()  # the clocks read forward from the time before them, in text positions
        updates = [e for e in expressions if e.clock is not None and opens_update(self.text, e.start)]
        self.newest_first = newest_first(updates) or prepended(text, updates)
        self.last_stamp: int | None = None  # the instant of the last "Update HH:MM:" stamp read

    def readings(self) -> list[Reading]:
        out: list[Reading] = []
        lasts: list[tuple[int, int] | None] = []
        for expr in self.expressions:
            lasts.append(self.last)
            try:
                reading = self._reading(expr)
                if out and lasts[-2] is not None and (twins := midnight_twin(self.text, out[-1], reading, lasts[-2][1])):
                    out[-1], reading = twins  # "until approximately 0:44 UTC (4:44 pm PT)": one moment
                out.append(reading)
                if reading.instant is not None and not self.stamps.on_stamp(expr.start) and not self._to_come_at(expr):
                    self.last = (expr.start, reading.until_instant if reading.until_instant is not None else reading.instant)
                    # a page's stamp is near the times after it, but says nothing of their order ("Published: … 16:04:49
                    # GMT … fighting an attack since shortly before 15:00 BST")
                    self.dated_last = expr.clock is not None and expr.clock.date is not None and expr.clock.date.names_a_day \
                        and not after_byline(self.text, expr.start) and not opens_update(self.text, expr.start)  # what it reports came before
            except (ValueError, OverflowError) as exc:
                out.append(Reading(expr.start, expr.end, self.text[expr.start:expr.end], expr.kind, problem=str(exc)))
        return out

    def day_readings(self) -> list[Reading]:
        """The dates written without a time that name a day, each read in the text's zone (a day
        needs none: the tz cell is then empty, and the day is that day anywhere)."""
        cell = self.declared or self.context.tz or self.only_zone or ""
        zone = zones.zone(cell) if cell and cell != "local" else zones.zone("UTC")
        out = []
        for part in self.dates:
            if not part.names_a_day or is_dateline(part, self.context) and self._byline(part):
                continue
            if part.relative is not None and self._quoted(part.start):
                continue  # "… what our customers experienced today," said Verizon: the speaker's today
            words = self.text[part.start:part.end]
            try:
                day = self._day_of(part, zone)
            except (ValueError, OverflowError) as exc:
                out.append(Reading(part.start, part.end, words, "day", problem=str(exc)))
                continue
            notes = [] if part.year is not None else [f"{words!r}: read as {day.isoformat()}, against the text's date"]
            if part.order:
                notes.append(f"{words!r} reads both ways: taken as {'day/month' if part.order == 'dmy' else 'month/day'}"
                             + (" (the text's zone)" if self.context.tz else " (no zone given: the US order)"))
            out.append(Reading(part.start, part.end, words, "day", time=day.isoformat(), tz=cell if cell != "local" else "",
                               notes=tuple(notes)))
        return out

    def _day_of(self, part: DatePart, zone: zones.Zone) -> date:
        """A date's day; a part of a day written alone ("in the early evening") is the day the text
        speaks of there: the last day it names before it, else the day it was published."""
        if part.floating and not part.shift:
            dated = last_before(self.narrative, self.narrative_starts, part.start)
            if dated is not None:
                return self._date_of(dated, zone)
        return self._date_of(part, zone)

    def _byline(self, part: DatePart) -> bool:
        """A publication date as a page prints it ("Published on 10 February 2017", a dateline)."""
        line = self._paragraph_of(part.start)
        a, b = max(line[0], part.start - _NEAR), min(line[1], part.end + _NEAR)  # a date line is short: read near the date
        rest = self.text[a:b].lower()
        return (a, b) == line and len(rest.split()) <= 8 or any(w in rest for w in ("published", "updated", "posted", "last modified"))

    def _reading(self, expr: Expression) -> Reading:
        words = self.text[expr.start:expr.end]
        if expr.kind == "relative":
            minutes = expr.minutes or 0.0
            offset = int(minutes) if minutes == int(minutes) else round(minutes, 2)
            until = "" if expr.until_minutes is None else f"{expr.until_minutes:g}"
            return Reading(expr.start, expr.end, words, "relative", bound=expr.bound, uncertainty_min=expr.uncertainty,
                           offset_min=offset, anchor=expr.anchor, until=until)
        notes: list[str] = []
        warnings: list[str] = []
        assert expr.clock is not None  # a clock time or a range: it has its (first) clock
        start = self._clock(expr.clock, expr, notes, warnings)
        cells = dict(time=start[0], tz=start[1], instant=start[2])
        if expr.until is not None:
            end = self._clock(expr.until, expr, notes, warnings, after=start[2])
            if end[1] != start[1]:
                end = in_zone(end[2], start[1])
            cells.update(until=end[0], until_instant=end[2], until_start=expr.until.start)
        bound = "" if expr.kind == "range" else expr.bound
        return Reading(expr.start, expr.end, words, expr.kind, bound=bound, uncertainty_min=expr.uncertainty,
                       notes=tuple(dict.fromkeys(notes)), warnings=tuple(dict.fromkeys(warnings)), **cells)

    # ------------------------------------------------------------ one clock

    def _clock(self, clock: ClockPart, expr: Expression, notes: list, warnings: list, after: int | None = None):
        """(time cell, tz cell, epoch seconds) of one clock time."""
        zone, cell = self._zone(clock, expr, notes)
        days, day_zone, anchor = self._days(clock, expr, zone, notes)
        hours = self._hours(clock, expr, notes)
        candidates = []
        for day in days:
            for hour in hours:
                for shift in (-1, 0, 1):
                    local = datetime(day.year, day.month, day.day, hour, clock.minute, clock.second or 0) + timedelta(days=shift)
                    moment = local.replace(tzinfo=zone.tzinfo)
                    if moment.astimezone(day_zone).date() == day:
                        candidates.append((moment.astimezone(timezone.utc), hour, local))
        if not candidates:
            raise ValueError(f"{clock.hour}:{clock.minute:02d} names no time on {day}")
        stamp = opens_update(self.text, expr.start)
        if after is None and anchor is not None and (expr.start in self.forward or stamp and not self.newest_first):
            after = anchor  # "Update (3:49 pm):" appended below a post: no earlier than the times before it
        older = [c for c in candidates if c[0].timestamp() <= self.last_stamp] if stamp and self.last_stamp is not None \
            and self.newest_first else []  # a blog's updates newest first: each no later than the one above it
        chosen = max(older, key=lambda c: c[0]) if older else \
            choose(candidates, self.context, lambda: self._announcing(self._sentence_of(expr.start)), anchor, after)
        self.last_stamp = int(chosen[0].timestamp()) if stamp else self.last_stamp
        moment, hour, local = chosen
        others = sorted({h for _, h, _ in candidates if h != hour})
        if others and len(hours) > 1:
            notes.append(twelve_hour_note(clock, hour, others[0]))
        cell, moment, local = label_checked(cell, zone, local, moment, warnings)
        return cell_text(local, clock, zone), cell, int(moment.timestamp())

    def _zone(self, clock: ClockPart, expr: Expression, notes: list) -> tuple[zones.Zone, str]:
        written = clock.zone
        if written is not None and written.offset is not None:
            tz = timezone(timedelta(minutes=written.offset))
            return zones.Zone(written.text, tz, written.offset, None), ""
        name = written.cell if written is not None else None
        if name == "Z":
            name = "UTC"
        if name is None or name == "local":
            local, name = name, self._borrowed_zone(expr)
            if name is None and local:  # "2:00 PM local time": the place's zone, which the text does not name
                raise ValueError("'local time' names no zone: give the place's zone (--tz, or the tz column of --texts)")
            if name is None:
                raise ValueError("no zone is written and none is given (--tz)")
            why = " (the text says all its times are)" if name == self.declared else " (the text's zone)" if name == self.context.tz else ""
            notes.append(f"no zone written: read in {name}{why}")
        return zones.zone(name), name

    def _borrowed_zone(self, expr: Expression) -> str | None:
        where = self.places.sentence_index(expr.start)
        if self.declared_at is not None and self.declared_at < expr.start and self.places.sentence_index(self.declared_at) == where:
            return self.declared  # "Time (PDT): 12:08 PM – 1:30 PM (19:08 – 20:30 UTC)": the label before it says
        written = self.places.zone_in.get(where)
        written = None if written == "local" else written  # "local time" says the place's zone, not which
        return written or self.declared or self.context.tz or self.only_zone

    def _sentence_of(self, position: int) -> tuple[int, int]:
        return self.places.sentence_of(position)

    def _paragraph_of(self, position: int) -> tuple[int, int]:
        return self.places.paragraph_of(position)

    # ------------------------------------------------------------ the day

    def _days(self, clock: ClockPart, expr: Expression, zone: zones.Zone, notes: list):
        """The days the clock may be on, the zone those days are in, and the instant it is read
        nearest to (the last time the text gave before it), if any."""
        sentence = self._sentence_of(expr.start)
        part = clock.date
        where = self.places.sentence_index(expr.start)
        if part is None:
            inside = self.places.days_in.get(where, [])
            before = last_before(inside, self.places.day_starts.get(where, []), expr.start)
            part = before or (inside[0] if inside else None)
            if part is not None and part.relative is not None and self._quoted(part.start) and not self._quoted(expr.start):
                part = None  # "… our customers experienced today," said Verizon: the speaker's today, not the text's
        if part is not None:  # "on July 24 … in the afternoon, around 3 p.m.": the afternoon of the 24th
            return [night(part, clock, self._day_of(part, zone), notes, expr.bound)], zone.tzinfo, None
        if clock.next_day:
            return [self._day_after(expr, zone, notes)], zone.tzinfo, None
        month = self.places.month_in.get(where)
        if month is not None and not self._is_published_month(month):
            raise ValueError(f"only the month is written ({self.text[month.start:month.end]}): the day is not known")
        reference_zone = zones.zone(self.context.tz).tzinfo if self.context.tz else zone.tzinfo
        dated = last_before(self.narrative, self.narrative_starts, expr.start)
        posted = self._stamp_day(expr.start, zone, max(dated.start if dated else -1, self.last[0] if self.last else -1))
        if posted is not None:  # an update's time: the one nearest its "Posted" stamp below it
            notes.append("no date written: read nearest the time its update was posted")
            return [posted[0] - timedelta(days=1), posted[0]], zone.tzinfo, posted[1]
        update = opens_update(self.text, expr.start)  # a live blog's updates go back in time: no day floor, no date before
        if self.last is not None and (dated is None or dated.start < self.last[0] or update):
            near = datetime.fromtimestamp(self.last[1], timezone.utc).astimezone(zone.tzinfo).date()
            if self.dated_last and self.places.sentence_index(self.last[0]) == where:
                # "the failure of 22 March at 08:20 … as of 21:00": its sentence's day, or the next, not the day before
                notes.append(f"no date written: read on or after the date its sentence gives ({near.isoformat()})")
                self.forward.add(expr.start)
                return [near, near + timedelta(days=1)], zone.tzinfo, self.last[1]
            days = [near - timedelta(days=1), near, near + timedelta(days=1)]
            floor = None if update else self._floor(dated, zone)
            return [d for d in days if floor is None or d >= floor] or days, zone.tzinfo, self.last[1]
        part = dated or self.lead
        incident_day = self.context.near
        if part is not None and self._backstory(part, expr.start, zone) and incident_day is not None:
            notes.append(f"no date written: read on {incident_day.isoformat()}, the incident's day (the date before it "
                         "is days before the incident)")
            return [incident_day], reference_zone, None
        if part is not None:
            day = night(part, clock, self._date_of(part, zone), notes, expr.bound)
            notes.append(f"no date written: read on {day.isoformat()}, the date the text gives before it")
            return [day], reference_zone, None
        published = self._published_day(zone)
        if published is None:
            raise ValueError("no date is written, and the text gives only its month" if self.context.month_only
                             else "no date is written and none is given (--published)")
        if self.context.exact:
            days = [published - timedelta(days=1), published]
            if self._announcing(sentence):
                days.append(published + timedelta(days=1))
            return days, zone.tzinfo, None
        said = "the incident's day (the text gives only its month)" if self.context.month_only \
            else "the incident's day (the text gives no date: the other texts' day)" if self.context.published is None \
            else "the day the text was published"
        notes.append(f"no date written: read on {published.isoformat()}, {said}")
        return [published], reference_zone, None

    def _backstory(self, part: DatePart, position: int, zone: zones.Zone) -> bool:
        """Whether a date is the backstory's ("a feature introduced on May 29"), not the day of a time in a later
        paragraph (a timeline of the incident of June 12): days before the incident's day (weeks, in the time's)."""
        near, same = self.context.near, self._sentence_of(part.start) == self._sentence_of(position)
        if near is None and not same:  # the incident's day decides: a reading against one reads this again
            self.near_calls.append((part, zone, "the incident's day decides"))
        if near is None or same or (published := self._published_day(zone)) is not None and near > published:
            return False  # an incident's day after the text came out is none of its own
        before = (near - self._date_of(part, zone)).days  # in the time's paragraph, weeks before ("after the outage of Nov 18.")
        return before > 1 if self._paragraph_of(part.start) != self._paragraph_of(position) else before > 7

    def _day_after(self, expr: Expression, zone: zones.Zone, notes: list) -> date:
        """'the following day': the day after the time the text gave before it, else after the date it gave."""
        dated = last_before(self.narrative, self.narrative_starts, expr.start)
        if self.last is not None and (dated is None or dated.start < self.last[0]):
            day = datetime.fromtimestamp(self.last[1], timezone.utc).astimezone(zone.tzinfo).date()
        elif dated is not None:
            day = self._date_of(dated, zone)
        else:
            raise ValueError("'the next day' of no date the text gives before it")
        notes.append(f"read on {(day + timedelta(days=1)).isoformat()}: the day after the date the text gives before it")
        return day + timedelta(days=1)

    def _stamp_day(self, position: int, zone: zones.Zone, said: int) -> tuple[date, int] | None:
        """The day and instant of the "Posted" stamp under the status update `position` is in, if
        any, and if the update gives no date or time of its own before `position` (the last at `said`)."""
        stamp = self.stamps.stamp_below(position)
        if stamp is None or said >= stamp.update[0]:
            return None
        a, b = stamp.line
        k = bisect_left(self.expression_starts, a)  # the stamp's own time: the first expression on its line
        posted = self.expressions[k] if k < len(self.expressions) and self.expressions[k].start < b else None
        if posted is None or posted.clock is None or posted.clock.date is None or not posted.clock.date.names_a_day:
            return None
        instant = self._clock(posted.clock, posted, [], [])[2]
        return datetime.fromtimestamp(instant, timezone.utc).astimezone(zone.tzinfo).date(), instant

    def _to_come(self, part: DatePart) -> bool:
        """A date after the text was published (a launch "from 1 May" in a story of 28 April): it sets
        no day for the times after it."""
        reference = self.context.latest
        if reference is None or part.month is None or part.day is None:
            return False
        reference = reference.date() if isinstance(reference, datetime) else reference
        year = part.year if part.year is not None else reference.year
        try:
            return (date(year, part.month, part.day) - reference).days > 1
        except ValueError:
            return False

    def _quoted(self, position: int) -> bool:
        """Whether `position` is inside quotation marks in its paragraph."""
        start = self._paragraph_of(position)[0]
        before = self.text[start:position]
        return before.count("“") > before.count("”") or before.count('"') % 2 == 1

    def _is_published_month(self, part: DatePart) -> bool:
        published = self.context.published
        return published is not None and (published.year, published.month) == (part.year, part.month)

    def _narrates(self, part: DatePart) -> bool:
        """A date that sets the day of the times after it: alone on its line, a full date (not under
        an embedded post), or one in a sentence with a time expression or an outage word."""
        line = self._paragraph_of(part.start)
        a, b = max(line[0], part.start - _NEAR), min(line[1], part.end + _NEAR)  # a long line is no heading: read near the date
        rest = (self.text[a:part.start] + self.text[part.end:b]).strip(" #*-–—:|,.\t")
        if (a, b) == line and len(rest.split()) <= 2:
            return True
        if part.year is not None and part.day is not None and "(@" not in rest:
            return True  # a full date ("Timeline, 14 January 2025") names its day; a weekday may be any story's
        sentence = self._sentence_of(part.start)
        if self.places.sentence_index(part.start) in self.places.timed:
            return True
        if part.start - sentence[0] <= 8 and self.text[sentence[0]:part.start].strip().lower() in _OPENERS:
            # "On December 25, a configuration error …" (read near the date only: a text may be one long sentence)
            return True
        if sentence not in self._failing:  # read once a sentence: a long one holds many dates
            words = self.text[sentence[0]:sentence[1]].lower()
            self._failing[sentence] = (any(word in words for word in (*lx.FAILURE_WORDS, *lx.EVENT_WORDS))
                                       or europe.names_failure(words)) and "(@" not in words
        return self._failing[sentence]

    def _floor(self, dated: DatePart | None, zone: zones.Zone) -> date | None:
        """The day the story last named, which a time after it read near the time before it is not before; None when not known."""
        try:
            return self._date_of(dated, zone) if dated is not None and dated.names_a_day else None
        except ValueError:  # a weekday in a text known only by its month
            return None

    def _published_day(self, zone: zones.Zone) -> date | None:
        published = self.context.published
        if self.context.month_only or published is None:  # its day not known: the incident's, if the other texts tell it
            return self.context.near
        if isinstance(published, datetime):
            return published.astimezone(zone.tzinfo).date()
        return published

    def _date_of(self, part: DatePart, zone: zones.Zone) -> date:
        if part.shift:  # "the next day": the day after the date the text gave before it (else after publication)
            dated = last_before(self.narrative, self.narrative_starts, part.start)
            if dated is not None and dated.start < part.start:
                return self._date_of(dated, zone) + timedelta(days=part.shift)
            return date_of(part, zone, self.context) + timedelta(days=part.shift)
        if part.year is not None and part.month is not None:
            return date(part.year, part.month, part.day if part.day is not None else 0)
        written = written_on(self.sections, part, self.context, lambda heading: self._date_of(heading, zone))
        if part.month is None and part.weekday is None and part.day is None:
            return date_of(part, zone, written)  # `near` plays no part
        if part.weekday is not None and part.month is None and self.context.near is None:
            week = self._week_told(part, zone)
            if week is not None:  # "between 17:15 UTC on Tuesday and 10:00 UTC on Wednesday", after "Wednesday 17th January"
                return min((week + timedelta(days=d) for d in range(-6, 7) if (week + timedelta(days=d)).weekday() == part.weekday),
                           key=lambda d: abs((d - week).days))
        try:
            day = date_of(part, zone, written)
        except ValueError as exc:
            self.near_calls.append((part, zone, str(exc)))
            raise
        self.near_calls.append((part, zone, day))
        return day

    def _week_told(self, part: DatePart, zone: zones.Zone) -> date | None:
        """The day a weekday's week is told around: the date with its month the text names before it in
        its paragraph, when that is one week to two months from publication (a write-up of an incident
        weeks before; not a photo's caption above the story, nor an outage of a year before recalled)."""
        dated = last_before(self.narrative, self.narrative_starts, part.start)
        published = self._published_day(zone)
        if dated is None or dated.month is None or dated.day is None or published is None \
                or self._paragraph_of(dated.start) != self._paragraph_of(part.start):
            return None
        day = self._date_of(dated, zone)
        return day if 7 < abs((published - day).days) <= 62 else None  # weeks before, not a year-old outage recalled

    def _to_come_at(self, expr: Expression) -> bool:
        """A time a forecast or a promise names ("would be available at 12pm PT on April 17"): no time the next ones follow."""
        sentence = self._sentence_of(expr.start)
        before, after = self.text[max(sentence[0], expr.start - 200):expr.start], self.text[expr.end:min(sentence[1], expr.end + 200)]
        return may_forecast(f"{before[-90:]} {after[:60]}".lower()) and bool(forecast_in((before, after)))

    def _announcing(self, sentence: tuple[int, int]) -> bool:
        return announces(self.text, *sentence)

    # ------------------------------------------------------------ a.m. or p.m.

    def _hours(self, clock: ClockPart, expr: Expression, notes: list) -> list[int]:
        """The 24-hour hours the clock may be: one when the text says, else both readings."""
        if clock.stray:
            notes.append(f"'{clock.hour}:{clock.minute:02d} {clock.stray.upper()}' is a 24-hour time with a stray "
                         f"{clock.stray.upper()}: read as {clock.hour:02d}:{clock.minute:02d}")
            return [clock.hour]
        if clock.meridiem is not None:
            return [clock.hour % 12 + (12 if clock.meridiem == "pm" else 0)]
        if is_24h(clock) or self.twenty_four or self.context.clock24:  # a text that writes 14:30 writes a bare 9:05 for the morning
            return [clock.hour]
        hint = clock.date.meridiem if clock.date is not None else None
        if hint is None and self.twelve:
            hint = self.places.previous_meridiem[self.number[id(expr)]]
            if hint is not None:
                notes.append(f"a.m./p.m. not written: read as {hint[0]}.{hint[1]}., as the text's time before it")
        if hint is not None:
            return [clock.hour % 12 + (12 if hint == "pm" else 0)]
        if clock.hour != 12 and not self.context.exact:
            # "9:05 UTC" with nothing to say otherwise is the 24-hour clock; "12:42" is not decided
            # by it (a 12-hour writer drops the "a.m." of the midnight hour: "12:42 GMT" for 00:42)
            notes.append(f"'{clock.hour}:{clock.minute:02d}' has no a.m. or p.m.: read on the 24-hour clock; "
                         f"the other reading is {clock.hour + 12:02d}:{clock.minute:02d}")
            return [clock.hour]
        return [clock.hour, (clock.hour + 12) % 24]

