"""What is written: the clock times, dates, ranges and relative figures of a text, found in one pass over its words (a
tokenising pattern with no backtracking, then a hand-written reader that looks a bounded number of words ahead or behind),
so that any text is read in linear time."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from . import europe, lexicon as lx
from .holidays import holiday_at

# a token and the white space before it (not glued to the one before); trailing space matches the end: no position tried twice
_TOKEN = re.compile(rf"(\s*)({lx.PIECE}|\Z)")  # a piece as the lexicon cuts its phrases
DASHES = {"-", "–", "—", "−"}
_AND = frozenset(("and", "&", "en", "und", "et", "y", "e"))  # a list of two days ("1 and 2 March")
_ORDINALS = {"st", "nd", "rd", "th", "er"}  # "1er juin"
# words before a day that place a time in it ("late Saturday", "in the wee hours of October 30")
_DAY_LEADS = ((("early", "hours", "of"), "am"), (("wee", "hours", "of"), "am"), (("small", "hours", "of"), "am"),
              (("evening", "of"), "pm"), (("night", "of"), "pm"), (("afternoon", "of"), "pm"), (("morning", "of"), "am"),
              (("late",), "pm"), (("early",), "am"))
# by first word, in the order above: a token is looked up, not every lead tried
_DAY_LEADS_BY_FIRST = {first: [lead for lead in _DAY_LEADS if lead[0][0] == first] for first in dict.fromkeys(lead[0][0] for lead in _DAY_LEADS)}
CLOCK_PREPOSITIONS = {"at", "from", "until", "till", "to", "by", "between", "and", "around", "about", "since", "before", "after", *europe.PLACING}


# the old names of zones, as prose still writes them, and the names the zone database keeps now
_CANONICAL = {"US/Pacific": "America/Los_Angeles", "US/Eastern": "America/New_York", "US/Central": "America/Chicago",
              "US/Mountain": "America/Denver", "US/Arizona": "America/Phoenix", "US/Alaska": "America/Anchorage",
              "US/Hawaii": "Pacific/Honolulu", "Asia/Calcutta": "Asia/Kolkata", "Asia/Saigon": "Asia/Ho_Chi_Minh"}


class Tok:
    """One word, number or sign of the text, with where it is and whether white space precedes it."""

    __slots__ = ("text", "start", "end", "glued", "low", "num", "word")

    def __init__(self, text: str, start: int, end: int, glued: bool):
        self.text, self.start, self.end, self.glued = text, start, end, glued
        self.low = text.lower()
        self.num = text.isdecimal()  # not isdigit: "¹" is a digit int() cannot read
        self.word = text.isalpha()


def tokens(text: str) -> list[Tok]:
    return [Tok("-" if m[2] in "\u2010\u2011\u2012" else m[2], m.start(2), m.end(), not m[1]) for m in _TOKEN.finditer(text) if m[2]]  # "2025‑05‑20"


@dataclass
class DatePart:
    start: int
    end: int
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    relative: int | None = None  # -1 yesterday, 0 today, 1 tomorrow
    meridiem: str | None = None  # "Tuesday evening" → pm
    floating: bool = False  # a part of a day alone ("in the early evening"): the day the text speaks of
    order: str = ""  # a slash date's order when both readings exist ("7/1/2018"): the one taken, "mdy" or "dmy"
    last: bool = False  # "last Monday", "this past Monday": the one before the day of writing, never that day
    shift: int = 0  # "the next day" (+1), "the day before" (-1): from the date the text gave before it

    @property
    def names_a_day(self) -> bool:
        """Whether it names a day (a day of the month, a weekday, "yesterday"), not only a month."""
        return self.day is not None or self.weekday is not None or self.relative is not None


@dataclass
class ZonePart:
    start: int
    end: int
    cell: str  # a tz cell ("CDT", "ET", "Australia/Sydney", "local") or "" with an offset
    offset: int | None = None  # minutes east of UTC, for "GMT+2"
    text: str = ""
    next: int = 0  # the token index after it


@dataclass
class ClockPart:
    start: int
    end: int
    hour: int
    minute: int
    second: int | None = None
    meridiem: str | None = None
    zone: ZonePart | None = None
    date: DatePart | None = None
    padded: bool = False  # "09:05": a 24-hour writer
    bare: bool = False  # an hour alone ("from 8 to 9 p.m."), only inside a range
    next_day: bool = False  # "9.15am the following day": on the day after the date the text gave before it
    stray: str = ""  # the a.m./p.m. written after a 24-hour time ("15:45 PM"), set aside
    qualifier: tuple[str, ...] = ()  # written between a date and its clock ("May 3, at approximately 9:45 AM")


@dataclass
class Expression:
    start: int
    end: int
    kind: str  # "clock", "range" or "relative"
    clock: ClockPart | None = None
    until: ClockPart | None = None
    bound: str = ""
    uncertainty: int | None = None
    minutes: float | None = None
    anchor: str | None = None
    until_minutes: float | None = None  # a relative interval's far end ("two to four minutes later")
    qualifier: str = ""
    words: list[str] = field(default_factory=list)  # the lower-case words of the expression


class Scanner:
    """One text's tokens and the readers of each form at a token index."""

    def __init__(self, text: str, day_first: bool | None = None):
        self.text = text
        self.day_first = day_first  # how a slash date both ways round is read: 1/7 is 1 July (True) or 7 January
        self.t = tokens(text)
        self.n = len(self.t)
        self._dates: dict[int, tuple | None] = {}


    def opens_sentence(self, j: int) -> bool:
        """Whether the token at j is the first of its sentence (or line, or quotation)."""
        return j == 0 or self.is_sym(j - 1, ".!?:;\"«»“”(—–-") or "\n" in self.text[self.t[j - 1].end:self.t[j].start]

    def low(self, j: int) -> str:
        return self.t[j].low if 0 <= j < self.n else ""

    def is_sym(self, j: int, chars, glued: bool | None = None) -> bool:
        if not 0 <= j < self.n or self.t[j].text not in chars:
            return False
        return glued is None or self.t[j].glued == glued

    def words_at(self, j: int, phrase: tuple[str, ...]) -> bool:
        if j < 0 or j + len(phrase) > self.n:  # past either end there is no word ("" is no phrase's)
            return False
        t = self.t
        for k, word in enumerate(phrase):
            if t[j + k].low != word:
                return False
        return True

    def phrase_before(self, j: int, table: dict, longest: int) -> tuple[int, tuple[str, ...]] | None:
        """The longest phrase of `table` that ends just before token j: (its first index, phrase)."""
        for size in range(min(longest, j), 0, -1):
            phrase = tuple(self.low(j - size + k) for k in range(size))
            if phrase in table:
                return j - size, phrase
        return None

    def meridiem_at(self, j: int) -> tuple[str, int] | None:
        """'pm', 'PM', 'p.m.', 'p.m', 'P.M.' at token j: (am/pm, next index)."""
        word = self.low(j)
        if word in ("am", "pm"):  # a dot after "pm" ends the sentence
            return word, j + 1
        if word in ("a", "p") and self.is_sym(j + 1, ".", glued=True) and self.low(j + 2) == "m" and self.t[j + 2].glued:
            end = j + 3
            if self.is_sym(end, ".", glued=True):
                end += 1
            return lx.MERIDIEM_WORDS[word], end
        return None

    def zone_at(self, j: int, after_clock: bool) -> ZonePart | None:
        """A zone written at token j ("CDT", "Eastern Time", "(UTC)", "GMT+2", "local time")."""
        if after_clock and self.is_sym(j, "+-−") and j + 1 < self.n and self.t[j + 1].num and self.t[j + 1].glued \
                and len(self.t[j + 1].text) == 4 and not self.t[j].glued:  # RFC 822's "08:44:51 -0800"
            zone, end = self._offset_zone(j, self.t[j].start)
            if zone.offset is not None:
                zone.text, zone.next = self.text[zone.start:zone.end], end
                return zone
        opened = self.is_sym(j, "(")
        k = j + 1 if opened else j
        named = self._iana_zone(k)
        if named is not None:
            cell, end = named
            if opened:
                if not self.is_sym(end, ")"):
                    return None
                end += 1
            zone = ZonePart(self.t[j].start, self.t[end - 1].end, cell)
            zone.text, zone.next = self.text[zone.start:zone.end], end
            return zone
        for size in range(min(lx.MAX_ZONE_WORDS, self.n - k), 0, -1):
            phrase = tuple(self.low(k + i) for i in range(size))
            found = lx.ZONE_PHRASES.get(phrase) or (lx.ZONE_AFTER_CLOCK_ONLY.get(phrase) if after_clock else None)
            if found is None:
                continue
            cell = found
            first = self.t[k]
            if size == 1 and phrase[0] in lx.CAPITALS_ONLY and first.text != first.text.upper():
                continue
            if size == 1 and cell == "local" and not after_clock:
                continue
            end = k + size
            zone = ZonePart(first.start, self.t[end - 1].end, cell, text="")
            if cell in ("UTC", "GMT") and self.is_sym(end, "+-−") and self.t[end + 1:end + 2] and self.t[end + 1].num:
                zone, end = self._offset_zone(end, first.start)
            if opened:
                if not self.is_sym(end, ")"):
                    return None
                end += 1
            zone.start, zone.end = self.t[j].start, self.t[end - 1].end
            zone.text = self.text[zone.start:zone.end]
            zone.next = end
            return zone
        return None

    def _iana_zone(self, k: int) -> tuple[str, int] | None:
        """A zone written by its IANA name ("US/Pacific", "America/New_York"): (the name, the index after)."""
        if not (k + 2 < self.n and self.t[k].word and self.t[k].text[0].isupper() and self.is_sym(k + 1, "/", glued=True)):
            return None
        end = k + 1
        while end < self.n and end - k < 9 and self.t[end].glued and (self.t[end].word or self.t[end].text in "/_-"):
            end += 1
        name = self.text[self.t[k].start:self.t[end - 1].end]
        from ..model import zones

        try:
            zones.zone(name)
        except ValueError:
            return None
        return _CANONICAL.get(name, name), end

    def _offset_zone(self, j: int, start: int) -> tuple[ZonePart, int]:
        sign = -1 if self.t[j].text in "-−" else 1
        digits = self.t[j + 1].text
        end = j + 2
        if len(digits) == 4:
            hours, minutes = int(digits[:2]), int(digits[2:])
        else:
            hours, minutes = int(digits), 0
            if self.is_sym(end, ":", glued=True) and end + 1 < self.n and self.t[end + 1].num and len(self.t[end + 1].text) == 2:
                minutes = int(self.t[end + 1].text)
                end += 2
        if hours > 14 or minutes > 59:
            return ZonePart(start, self.t[j - 1].end, "UTC"), j
        return ZonePart(start, self.t[end - 1].end, "", offset=sign * (hours * 60 + minutes)), end

    # ------------------------------------------------------------ dates

    def date_at(self, j: int) -> tuple[DatePart, int] | None:
        """A date at token j: '2025-07-14', 'July 14, 2025', 'Jul. 14', '14 July 2025', '14th of
        July', 'Tuesday', 'Tuesday, July 15', 'yesterday', 'this morning', 'last night'. Read once
        per index (the forms that begin with a date ask again); a copy, since a caller may change it."""
        if j not in self._dates:
            self._dates[j] = self._read_date(j)
        found = self._dates[j]
        if found is None:
            return None
        part, k = found
        return replace(part), k

    def _read_date(self, j: int) -> tuple[DatePart, int] | None:
        lead = self._day_lead(j)  # "late Saturday", "the early hours of Tuesday", "wee hours of October 30"
        if lead is not None:
            found = self._read_date(lead[1])
            if found is not None:
                found[0].start = self.t[j].start
                if found[0].meridiem is None:
                    found[0].meridiem = lead[0]
            return found
        found = self._iso_date(j) or self._slash_date(j) or self._month_first(j) or self._day_first(j) or self._days_ago(j) \
            or holiday_at(self, j, DatePart)  # "New Year's Eve", "Christmas Day"
        if found is None:
            found = self._named_day(j)
            if found is not None:
                part, k = found
                skip = k + 1 if self.is_sym(k, ",") or self.low(k) == "the" else k  # "Thursday the 13th of June"
                dated = self._month_first(skip) or self._day_first(skip)
                if dated is not None and part.weekday is not None:
                    dated[0].weekday, dated[0].start = part.weekday, part.start
                    found = dated
        if found is None:
            return None
        part, k = found
        word = self.low(k)
        if word in lx.PARTS_OF_DAY and (part.relative is None or word in europe.PARTS_OF_DAY):  # "hier soir", "gestern Abend"
            part.meridiem, part.end, k = lx.PARTS_OF_DAY[word], self.t[k].end, k + 1
        elif self.words_at(k, ("après", "-", "midi")):  # "hier après-midi"
            part.meridiem, part.end, k = "pm", self.t[k + 2].end, k + 3
        return part, k

    def _day_lead(self, j: int) -> tuple[str | None, int] | None:
        """Words before a day that place a time in it: (a.m./p.m. they imply, the day's index)."""
        for phrase, meridiem in _DAY_LEADS_BY_FIRST.get(self.low(j), ()):
            if self.words_at(j, phrase):
                k = j + len(phrase)
                if self.low(k) in lx.WEEKDAYS or self.low(k) in lx.MONTHS or self.low(k) in lx.RELATIVE_DAYS \
                        or (k < self.n and self.t[k].num) or (self.low(k) == "the" and k + 1 < self.n and self.t[k + 1].num):
                    return meridiem, k
        return None

    def _iso_date(self, j: int):
        t = self.t
        if not (j + 4 < self.n and t[j].num and len(t[j].text) == 4 and self.is_sym(j + 1, "-", True)
                and t[j + 2].num and t[j + 2].glued and self.is_sym(j + 3, "-", True) and t[j + 4].num and t[j + 4].glued):
            return None
        year, month, day = int(t[j].text), int(t[j + 2].text), int(t[j + 4].text)
        if not (1 <= month <= 12 and 1 <= day <= 31) or len(t[j + 4].text) > 2:
            return None
        return DatePart(t[j].start, t[j + 4].end, year, month, day), j + 5

    def _slash_date(self, j: int):
        """'7/1/2018', '09/08/2016', '10/28 13:37' (a stamp: no year, a clock after), '04-11 02:50' (a log's month-day before
        its clock): the order by the numbers when one is over 12, else the text's (day first outside North America), in `order`."""
        t = self.t
        if not (j + 2 < self.n and t[j].num and len(t[j].text) <= 2 and t[j + 2].num and t[j + 2].glued
                and len(t[j + 2].text) <= 2 and self.is_sym(j + 1, "/-", glued=True)) or self._glued_before(j):
            return None
        first, second, k, year = int(t[j].text), int(t[j + 2].text), j + 3, None
        dash = t[j + 1].text == "-"
        if self.is_sym(k, t[j + 1].text, glued=True) and k + 1 < self.n and t[k + 1].num and t[k + 1].glued \
                and len(t[k + 1].text) in (2, 4) and not dash:
            year, k = int(t[k + 1].text) + (2000 if len(t[k + 1].text) == 2 else 0), k + 2
        elif not (k + 1 < self.n and t[k].num and not t[k].glued and (self.is_sym(k + 1, ":", glued=True) or self.meridiem_at(k + 1))):
            return None  # "4-7", "3/4": a range, a fraction; a stamp without a year has its clock after it ("6/6 9 am")
        elif dash and not (len(t[j].text) == len(t[j + 2].text) == 2):
            return None
        if dash or first > 12 or second > 12 or self.day_first is None or not self.day_first:
            month, day, order = (second, first, "dmy") if first > 12 else (first, second, "mdy")
        else:
            month, day, order = second, first, "dmy"
        if not (1 <= month <= 12 and 1 <= day <= 31):
            return None
        ambiguous = not dash and first <= 12 and second <= 12 and first != second
        return DatePart(t[j].start, t[k - 1].end, year, month, day, order=order if ambiguous else ""), k

    def _glued_before(self, j: int) -> bool:
        return j > 0 and self.t[j].glued and (self.t[j - 1].num or self.t[j - 1].text in "/-.:")

    def _abbreviated(self, j: int) -> bool:
        """'Jul.' or 'Tues.': an abbreviation's dot is the date's; a full name's ('Friday.') ends the sentence."""
        return self.is_sym(j + 1, ".", True) and len(self.t[j].text) <= 4 and self.low(j) not in ("may", "june", "july")

    def _month(self, j: int) -> int | None:
        word = self.low(j)
        if word not in lx.MONTHS:
            return None
        if word in lx.AMBIGUOUS_WEEKDAYS and not self.t[j].text[0].isupper():
            return None
        after_day = j > 0 and (self.t[j - 1].num or self.low(j - 1) in _ORDINALS and j > 1 and self.t[j - 2].num)
        if (word in europe.CAPITAL_OR_DAY_MONTHS and not self.t[j].text[0].isupper() or word in europe.DAY_FIRST) and not after_day:
            return None  # "mars" is March after its day ("10 mars"), not the verb; "Mart 24" a shop, "14 Mart" March
        return lx.MONTHS[word]

    def _day_number(self, j: int) -> tuple[int, int] | None:
        if not (0 <= j < self.n and self.t[j].num and len(self.t[j].text) <= 2 and 1 <= int(self.t[j].text) <= 31):
            return None
        k = j + 1
        if self.low(k) in _ORDINALS and self.t[k].glued:
            k += 1
        return int(self.t[j].text), k

    def _year_at(self, j: int) -> tuple[int | None, int]:
        k = j + 1 if self.is_sym(j, ",") or self.low(j) == "de" else j  # "10 de marzo de 2021"
        if 0 <= k < self.n and self.t[k].num and len(self.t[k].text) == 4 and not self.is_sym(k + 1, ":", True):
            return int(self.t[k].text), k + 1
        return None, j

    def _month_first(self, j: int):
        month = self._month(j)
        if month is None:
            return None
        k = j + 2 if self._abbreviated(j) else j + 1
        day = self._day_number(k)
        if day is None:
            year, end = self._year_at(k)
            if year is not None:  # "in June 2018": a month, no day
                return DatePart(self.t[j].start, self.t[end - 1].end, year, month), end
            return None
        if self.is_sym(day[1], ":", True) and day[1] + 1 < self.n and self.t[day[1] + 1].num:
            return None  # "Dec 18:45": a clock after the month; "February 18: Excessive CPU …" a date heading
        listed = self._listed_day(day[1])  # "January 18 and 19, 2025": the list's year is its first day's
        year, k = self._year_at(listed) if listed is not None else (None, day[1])
        if year is None:
            year, k = self._year_at(day[1])
        return DatePart(self.t[j].start, self.t[k - 1].end, year, month, day[0]), k

    def _listed_day(self, k: int) -> int | None:
        """The index past the second day of a list of two ("18 and 19", "1 en 2") or a span ("Apr 24–25, 2026"), or None."""
        second = self._day_number(k + 1) if self.low(k) in _AND or self.is_sym(k, DASHES) else None
        return second[1] if second is not None else None

    def _day_first(self, j: int):
        day = self._day_number(j)
        if day is None:
            return None
        k = day[1] + 1 if self.low(day[1]) in ("of", "de") or self.is_sym(day[1], ".", glued=True) else day[1]  # "18. April 2022"
        listed = self._listed_day(k)  # "1 en 2 maart 2023": the first day of the list
        k = listed if listed is not None and self._month(listed) is not None else k
        month = self._month(k)
        if month is None:
            return None
        k = k + 2 if self._abbreviated(k) else k + 1
        if k == day[1] + 2 and self.is_sym(day[1], ".") and self._day_number(k) is not None and self.opens_sentence(j):
            return None  # "1. July 10 — …": a list's number, then a month-first date
        year, k = self._year_at(k)
        return DatePart(self.t[j].start, self.t[k - 1].end, year, month, day[0]), k

    def _named_day(self, j: int):
        word = self.low(j)
        if word in europe.LOWER_CASE_DAYS and self.t[j].text[0].isupper() and not self.opens_sentence(j):
            return None  # "Domingo said", "Ayer said": a name, where French or Spanish would write the day in lower case
        past = 2 if word == "this" and self.low(j + 1) == "past" else 1 if word == "last" or word in europe.LAST_BEFORE else 0
        if past and self.low(j + past) in lx.WEEKDAYS and len(self.low(j + past)) > 4:  # "last Monday", "this past Friday"
            found = self._named_day(j + past)
            if found is not None:
                found[0].start, found[0].last = self.t[j].start, True
            return found
        feira = 3 if self.is_sym(j + 1, "-", glued=True) and self.low(j + 2) == "feira" else 1  # "segunda-feira"; "desta terça (7)"
        if word in europe.FEIRA_DAYS and (feira == 3 or self.low(j - 1) in europe.THIS_DAY or self.words_at(j + 1, ("(",)) and self.low(j + 2).isdigit()):
            return DatePart(self.t[j].start, self.t[j + feira - 1].end, weekday=europe.FEIRA_DAYS[word]), j + feira
        if word in lx.WEEKDAYS and (len(word) > 4 or (self.t[j].text[0].isupper() and word not in lx.AMBIGUOUS_WEEKDAYS)):
            k = j + 2 if self._abbreviated(j) else j + 1
            last = self.low(k) in europe.LAST_AFTER  # "jeudi dernier", "el jueves pasado", "giovedì scorso"
            return DatePart(self.t[j].start, self.t[k - (0 if last else 1)].end, weekday=lx.WEEKDAYS[word], last=last), k + last
        for phrase, shift in _SHIFTED_DAYS.get(word, ()):  # "the next day", "la veille": from the date before
            if self.words_at(j, phrase):
                end = j + len(phrase)
                return DatePart(self.t[j].start, self.t[end - 1].end, relative=0, floating=True, shift=shift), end
        if word in europe.DUTCH_DAY_PARTS:  # "vanochtend", "gisteravond"
            relative, meridiem = europe.DUTCH_DAY_PARTS[word]
            return DatePart(self.t[j].start, self.t[j].end, relative=relative, meridiem=meridiem), j + 1
        if word in europe.GERMAN_DAY_PARTS:  # "Sonntagabend"
            weekday, meridiem = europe.GERMAN_DAY_PARTS[word]
            return DatePart(self.t[j].start, self.t[j].end, weekday=weekday, meridiem=meridiem), j + 1
        if word == "aujourd" and self.is_sym(j + 1, "'’", glued=True) and self.low(j + 2) == "hui":
            return DatePart(self.t[j].start, self.t[j + 2].end, relative=0), j + 3
        if word in europe.FLOATING_PARTS and self.low(j - 1) == europe.FLOATING_PARTS[word][0]:  # "in mattinata"
            return DatePart(self.t[j - 1].start, self.t[j].end, relative=0, meridiem=europe.FLOATING_PARTS[word][1],
                            floating=True), j + 1
        if word in europe.THIS and self.low(j + 1) in europe.PARTS_OF_DAY:  # "ce matin"; "cette nuit", the one just gone
            night = self.low(j + 1) in ("nuit", "notte") or word == "deze" and self.low(j + 1) == "nacht"
            return DatePart(self.t[j].start, self.t[j + 1].end, relative=0,
                            meridiem="am" if night else europe.PARTS_OF_DAY[self.low(j + 1)]), j + 2
        if word in lx.RELATIVE_DAYS:
            part = DatePart(self.t[j].start, self.t[j].end, relative=lx.RELATIVE_DAYS[word])
            if word == "tonight":
                part.meridiem = "pm"
            return part, j + 1
        if word in ("this", "last") and self.low(j + 1) in lx.PARTS_OF_DAY:
            relative = -1 if word == "last" and self.low(j + 1) == "night" else 0
            meridiem = lx.PARTS_OF_DAY[self.low(j + 1)]
            return DatePart(self.t[j].start, self.t[j + 1].end, relative=relative, meridiem=meridiem), j + 2
        if word == "the" and self.low(j - 1) in ("in", "during") and self.low(j + 1) in ("morning", "afternoon", "evening") \
                and self.low(j + 2) != "of":  # not "in the morning of the 4th": that day's morning
            # "later in the evening", "took measures in the afternoon": a part of the day the text speaks of
            meridiem = "am" if self.low(j + 1) == "morning" else "pm"
            return DatePart(self.t[j].start, self.t[j + 1].end, relative=0, meridiem=meridiem, floating=True), j + 2
        if word == "the" and self.low(j - 1) in _BEFORE_ORDINAL_DAY:
            return self._ordinal_day(j)
        if word in ("early", "late") and self.low(j + 1) in ("morning", "afternoon", "evening") \
                or word in ("lunchtime", "overnight") and self.low(j - 1) in ("at", "around", "by", "over", "since"):
            end = j + 2 if word in ("early", "late") else j + 1
            meridiem = "am" if self.low(end - 1) in ("morning", "overnight") else "pm"
            return DatePart(self.t[j].start, self.t[end - 1].end, relative=0, meridiem=meridiem, floating=True), end
        return None

    def _days_ago(self, j: int):
        """'three days ago', 'il y a trois semaines', 'vor drei Tagen', 'hace tres días', 'tre giorni fa': a day counted back."""
        k = j + 3 if self.words_at(j, ("il", "y", "a")) else j + 1 if self.low(j) in _AGO_LEADS else j
        count = int(self.t[k].text) if k < self.n and self.t[k].num and len(self.t[k].text) <= 3 \
            else lx.NUMBER_WORDS.get(self.low(k)) if k < self.n else None
        days = _AGO_UNITS.get(self.low(k + 1))
        if not count or days is None or (k == j) != (self.low(k + 2) in _AGO_AFTER):
            return None  # a lead word and a word after: one or the other ("vor drei Tagen", "three days ago")
        end = k + 2 if k > j else k + 3
        return DatePart(self.t[j].start, self.t[end - 1].end, relative=-int(count * days)), end

    def _ordinal_day(self, j: int):
        """'on the 2nd', 'morning of the 4th': a day of the month the text speaks of, its month unsaid
        (not 'the 4th floor': a word after it other than a joining one is what the number counts)."""
        k = j + 1
        if not (k + 1 < self.n and self.t[k].num and len(self.t[k].text) <= 2 and self.low(k + 1) in _ORDINALS
                and self.t[k + 1].glued and 1 <= int(self.t[k].text) <= 31):
            return None
        after = k + 2
        if after < self.n and self.t[after].text[:1].isalnum() and self.low(after) not in _AFTER_ORDINAL_DAY:
            return None
        return DatePart(self.t[j].start, self.t[k + 1].end, day=int(self.t[k].text)), after


_SHIFTED_DAYS: dict[str, list[tuple[tuple[str, ...], int]]] = {}
for _words, _shift in (("the next day", 1), ("the following day", 1), ("the day after", 1), ("the previous day", -1),
                       ("the day before", -1), ("le lendemain", 1), ("la veille", -1), ("am nächsten tag", 1),
                       ("am folgenden tag", 1), ("am vortag", -1), ("tags darauf", 1), ("al día siguiente", 1),
                       ("el día anterior", -1)):
    _SHIFTED_DAYS.setdefault(_words.split()[0], []).append((tuple(_words.split()), _shift))
SHIFTED_DAY_STARTS = frozenset(_SHIFTED_DAYS)  # the words such a day begins with, for the scan's first look
_BEFORE_ORDINAL_DAY = {"on", "of", "since", "by", "until", "from"}
_AFTER_ORDINAL_DAY = {"and", "at", "when", "so", "in", "after", "before", "as", "to", "until", "from", "but", "while", "was",
                      "were", "is", "are", "had", "has", "have", "it", "they", "we", "he", "she", "there", "the"}
_AGO_LEADS = {"vor", "hace", "há"}  # "vor drei Tagen", "hace tres días", "há três dias"; French: "il y a"
AGO_STARTS = frozenset((*_AGO_LEADS, "il"))  # the words such a day may begin with, for the scan's first look
_AGO_AFTER = {"ago", "fa", "geleden", "atrás"}  # "three days ago", "tre giorni fa", "drie dagen geleden"
_AGO_UNITS = {unit: days for days, units in ((1, "day days jour jours tag tagen tage día días dia dias giorno giorni dag dagen"),
                                              (7, "week weeks semaine semaines woche wochen semana semanas settimana settimane weken"))
              for unit in units.split()}
