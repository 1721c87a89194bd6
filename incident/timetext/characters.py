"""What the readers of languages written without spaces between words (Japanese) or with particles
joined to their words (Korean) share: a text cut into one token a character (a number one token),
words found at a token by comparing characters, a bounded number of tokens ahead, so that a text is
still read in one pass."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Callable
from datetime import date, timedelta

from .scan import ClockPart, DatePart, Expression, Scanner, ZonePart


@dataclass(frozen=True)
class Units:
    """The characters a language writes its clock and its lengths with."""

    hour: str  # "時", "시"
    minute: str  # "分", "분"
    second: str  # "秒", "초"
    span: str  # after a unit, a length, not a clock: "時間", "시간"
    half: str  # "半", "반"
    day: str  # "日", "일"
    week: str  # "週", "주"
    colons: str  # what joins the hour and its minutes: ":：", ":"


class Characters:
    """The tokens of one text, read a character at a time."""

    def __init__(self, reader: Scanner, units: Units):
        self.r = reader
        self.t = reader.t
        self.units = units
        self.last: DatePart | None = None  # the last date read that names a day: "翌日", "다음날" count from it
        self.last_clock: ClockPart | None = None  # the last clock read: '同45分' and '同3時50分' count from it

    def _ready(self, j: int) -> bool:
        """Whether a form of this language may begin at token j (a number or one of its first characters)."""
        raise NotImplementedError

    def range_at(self, j: int) -> tuple[Expression, int] | None:
        raise NotImplementedError

    def clock_expression(self, j: int) -> tuple[Expression, int] | None:
        raise NotImplementedError

    def length_at(self, j: int) -> tuple[Expression, int] | None:
        raise NotImplementedError

    def expression_at(self, j: int) -> tuple[Expression, int] | None:
        """A form of this language at token j: a range, a clock with its date, or a length. What is read
        is remembered once taken, never while a form is tried: its date ("同日", "다음날", "当天" count
        from it) and its clock ("同45分")."""
        if not self._ready(j):
            return None
        found = self.range_at(j) or self.clock_expression(j) or self.length_at(j)
        if found is not None:
            for clock in (found[0].until, found[0].clock):
                if clock is not None and clock.date is not None:
                    self.remember(clock.date)
                    break
            self.last_clock = found[0].until or found[0].clock or self.last_clock
        return found

    def written_zone(self, clock: ClockPart, k: int, table, plain: Callable[[str], bool] = lambda token: True) -> int:
        """The zone written after a clock at k, given to the clock: a name of `table`, in brackets or not
        ('（日本時間）', 'JST'), else a zone the English reader knows (not a number, and `plain` of its
        token); the index after it, or k."""
        opened = self.at(k, "（") or self.at(k, "(")
        named = self.first(opened or k, table)
        if named is not None and (not opened or self.at(named[1], "）") or self.at(named[1], ")")):
            end = named[1] + (1 if opened else 0)
            clock.zone = zone_part(self.r, k, end, named[0][1])
            return end
        if k < self.r.n and not self.t[k].num and plain(self.t[k].text):
            zone = self.r.zone_at(k, after_clock=True)
            if zone is not None and zone.cell != "local" and zone.offset is None:
                clock.zone = zone
                return zone.next
        return k

    def year_month(self, k: int, year_mark: str, month_mark: str) -> tuple[int | None, int | None, int]:
        """The year and the month written from token k ('2023年10月', '2023년 11월', '10月'): each None when
        it is not written, and the index after them."""
        year = self.number(k, 4)
        if year is not None and len(self.t[k].text) == 4 and self.at(k + 1, year_mark):
            k += 2
        else:
            year = None
        month = self.number(k)
        if month is not None and self.at(k + 1, month_mark) and 1 <= month <= 12:
            k += 2
        else:
            month = None
        return year, month, k

    def remember(self, part: DatePart | None) -> None:
        if part is not None and (part.day is not None or part.relative is not None or part.weekday is not None):
            self.last = part

    def placed(self, found: tuple[ClockPart, int] | None, j: int, dated: tuple[DatePart, int] | None,
               zone: tuple | None) -> tuple[ClockPart, int] | None:
        """A clock read with the date and the zone written before it, from j: the date's part of the day
        decides its a.m./p.m. ('2日深夜1時', '어젯밤 11시': the small hours)."""
        if found is None:
            return None
        clock, end = found
        if dated is not None:
            part = dated[0]
            if part.meridiem is not None and clock.meridiem is None and clock.hour <= 12:
                clock.meridiem = "am" if part.meridiem == "pm" and clock.hour < 5 else part.meridiem
            clock.date = part
        if zone is not None and clock.zone is None:
            clock.zone = zone_part(self.r, j, zone[1], zone[0][1])
        clock.start = self.t[j].start
        return clock, end

    def dated_clock_at(self, j: int) -> tuple[ClockPart, int] | None:
        raise NotImplementedError

    def clock_range(self, j: int, past: Callable[[int], int], opens: tuple[str, ...], dashes: str,
                    closes: tuple[str, ...], closed: Callable[[int], bool] = lambda end: True) -> tuple[Expression, int] | None:
        """Two clocks with their dates, the first followed by a word that opens a range ('から', '부터') or a
        dash ('～', '至'), the second by a word that closes it ('まで', '까지', '之间'), which an opening word
        needs; `past` skips a qualifier after either clock ('ごろ', '쯤', '左右'); `closed(end)` says whether
        the closing word at `end` is the range's ('までに', "by", is not)."""
        first = self.dated_clock_at(j)
        if first is None:
            return None
        c1, k = first
        k = past(k)
        opened = next((after for word in opens if (after := self.at(k, word))), 0)
        if opened:
            k, closing = opened, True
        elif k < self.r.n and self.t[k].text in dashes:
            k, closing = k + 1, False
        else:
            return None
        second = self.dated_clock_at(k)
        if second is None:
            return None
        c2, end = second
        end = past(end)
        stop = next((after for word in closes if (after := self.at(end, word))), 0)
        if closing and not stop:
            return None
        return self.span(c1, c2, stop if stop and closed(end) else end)

    def day_from_last(self, shift: int) -> DatePart | None:
        """The day a same-day word names ('当天', '이날', '次日'): the last day the text named, moved by
        `shift`; with none named, counted from the day of writing when it moves back ('전날': the day before
        the story's day, which is the day it was written), else no day."""
        if self.last is not None:
            return shifted(self.last, shift)
        return DatePart(0, 0, relative=shift) if shift <= 0 else None

    def past(self, k: int, table) -> int:
        """The index after the entry of `table` written at k, or k."""
        found = self.first(k, table)
        return found[1] if found is not None else k

    def span(self, c1: ClockPart, c2: ClockPart, end: int) -> tuple[Expression, int]:
        """A range of two clocks read, the end taking what the start writes once for both: its a.m./p.m.
        (unless that puts it before the start), its zone, its date (a copy: each end keeps its own)."""
        if c2.meridiem is None and c1.meridiem is not None and c2.hour <= 12:
            same = c2.hour % 12 + (12 if c1.meridiem == "pm" else 0)
            start = c1.hour % 12 + (12 if c1.meridiem == "pm" else 0)
            c2.meridiem = c1.meridiem if same * 60 + c2.minute >= start * 60 + c1.minute else "pm"
        c1.zone, c2.zone = c1.zone or c2.zone, c2.zone or c1.zone
        c2.date = c2.date or (replace(c1.date) if c1.date else None)
        return Expression(c1.start, self.t[end - 1].end, "range", clock=c1, until=c2), end

    def figures(self, k: int) -> tuple[int, int, int | None, int] | None:
        """The hour, minute and second at k ('8時30分', '8時半', '3시 30분', '9시 반', '8:30', '8：30:15'),
        and the index after; not a length ('3時間', '30分間')."""
        u = self.units
        hour = self.number(k)
        if hour is None or hour > 23:
            return None
        if self.at(k + 1, u.hour) and not self.at(k + 2, u.span):
            minute, second, end = 0, None, k + 2
            if self.at(end, u.half):
                return hour, 30, None, end + 1
            number = self.number(end)
            if number is not None and self.at(end + 1, u.minute) and not self.at(end + 2, u.span) and number <= 59:
                minute, end = number, end + 2
                number = self.number(end)
                if number is not None and self.at(end + 1, u.second) and number <= 59:
                    second, end = number, end + 2
            return hour, minute, second, end
        if k + 2 < self.r.n and self.t[k + 1].text in u.colons and self.t[k + 2].num and len(self.t[k + 2].text) == 2:
            minute, end, second = int(self.t[k + 2].text), k + 3, None
            if end + 1 < self.r.n and self.t[end].text in u.colons and self.t[end + 1].num and len(self.t[end + 1].text) == 2:
                second, end = int(self.t[end + 1].text), end + 2
            if minute > 59 or (second or 0) > 59:
                return None
            return hour, minute, second, end
        return None

    def at(self, j: int, word: str) -> int:
        """The index after `word` written at token j (one token a character, a number one token), or 0."""
        k = j
        for c in word:
            if not 0 <= k < self.r.n or self.t[k].text != c:  # "26分後" at the text's start: nothing before it
                return 0
            k += 1
        return k

    def first(self, j: int, table) -> tuple | None:
        """The first entry of `table` whose words are written at j, with the index after them (only
        the entries that begin with the character at j are tried)."""
        if j >= self.r.n:
            return None
        if id(table) not in BY_FIRST:
            BY_FIRST[id(table)] = by_first(table)
        for entry in BY_FIRST[id(table)].get(self.t[j].text, ()):
            k = self.at(j, entry[0])
            if k:
                return entry, k
        return None

    def number(self, j: int, digits: int = 2) -> int | None:
        if 0 <= j < self.r.n and self.t[j].num and len(self.t[j].text) <= digits:
            return int(self.t[j].text)
        return None


BY_FIRST: dict[int, dict[str, list]] = {}  # a table (by its id: the tables are the module's, kept) → its entries by first character


def by_first(table) -> dict[str, list]:
    index: dict[str, list] = {}
    for entry in table:
        index.setdefault(entry[0][0], []).append(entry)
    return index


def shifted(part: DatePart, shift: int) -> DatePart:
    """A copy of a date moved by `shift` days: '翌日' after '10月10日' is 11 October; after '10日', the 11th."""
    moved = DatePart(part.start, part.end, part.year, part.month, part.day, part.weekday, part.relative, None)
    if not shift:
        return moved
    if part.relative is not None:
        moved.relative = part.relative + shift
    if part.weekday is not None:
        moved.weekday = (part.weekday + shift) % 7
    if part.day is not None and part.month is not None:
        day = date(part.year or 2001, part.month, part.day) + timedelta(days=shift)  # a year not written: a common year
        moved.month, moved.day = day.month, day.day
        moved.year = day.year if part.year is not None else None
    elif part.day is not None:
        moved.day = min(31, max(1, part.day + shift))
    return moved


def zone_part(reader: Scanner, j: int, k: int, cell: str) -> ZonePart:
    zone = ZonePart(reader.t[j].start, reader.t[k - 1].end, cell)
    zone.text, zone.next = reader.text[zone.start:zone.end], k
    return zone


HALF_DAY, WHOLE_DAY = "H", "W"  # a length written as an idiom ('반나절', '하루'), in a reader's `written`


def precision(written: str, minutes: float, units: Units) -> int:
    """± minutes a length in whole units is precise to, as the English: half its unit for hours (30),
    days (720) and weeks (5,040), 15 for half hours; none when minutes are written, or for half a day
    written as an idiom ('반나절'). `written`: the units written, 'D' for a bare day."""
    if units.minute in written or units.second in written or minutes % 30 or written == HALF_DAY:
        return 0
    if units.week in written:
        return 5040
    if (units.day in written or "D" in written or written == WHOLE_DAY) and not minutes % 1440:
        return 720
    if units.hour in written:
        return 30 if not minutes % 60 else 15
    return 0
