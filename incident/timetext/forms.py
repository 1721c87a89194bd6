"""The forms of the grammar, read at a token index: a clock time (with its zone and date), a range
of two, a relative figure ("more than 40 minutes late"); and `scan`, which reads a whole text."""

from __future__ import annotations

from . import europe, further, indic
from . import lexicon as lx
from .japanese import STARTS as _JAPANESE_STARTS, Japanese
from .korean import STARTS as _KOREAN_STARTS, Korean
from .chinese import STARTS as _CHINESE_STARTS, Chinese, written_in_chinese
from .clockwords import declared_zone, negated, twin
from .figures import VAGUE_PHRASES, FigureReader
from .holidays import FIRST_WORDS as HOLIDAY_WORDS
from .scan import AGO_STARTS, SHIFTED_DAY_STARTS, ClockPart, DatePart, Expression, CLOCK_PREPOSITIONS, DASHES

# qualifiers that read a clock time, and those that read a figure
_CLOCK_QUALIFIERS = {
    q for q in lx.QUALIFIERS
    if q not in {("some",), ("over",), ("under",), ("within",), ("less", "than"), ("more", "than"), ("up", "to"),
                 ("upwards", "of"), ("beyond",), ("well", "over"), ("just", "over"), ("just", "under"), ("at", "least"),
                 ("at", "most"), *europe.ENGLISH_QUALIFIERS}
}
_CLOCK_QUALIFIER_TABLE = {q: 1 for q in _CLOCK_QUALIFIERS}  # as phrase_before reads a table, built once
_RANGE_JOINERS = {"between": {"and"}, "from": {"to", "until", "till", "through", "thru"},
                  "entre": {"et", "y", "e"}, "zwischen": {"und"}, "von": {"bis"}, "de": {"à", "jusqu", "a"},
                  "desde": {"hasta"}, "tussen": {"en"}, "van": {"tot"}, "vanaf": {"tot"}}  # "entre 5h et 7h", "von 14 bis 17 Uhr", "desde las 20:30 hasta las 21:05"
_ROUGHLY = {"environ", "etwa", "circa", "ca", "ongeveer"}
_AFTER_CLOCK = {"circa", "environ", "ungefähr", "aproximadamente", "ongeveer", "approximately"}  # a qualifier after its clock  # an approximation between a placing word and its hour
_ARTICLES = {"las", "la"}  # Spanish writes an hour with its article: "entre las 9 y las 14 horas"
_BOUNDING = {("by",): 1, ("before",): 1, ("after",): 1, ("no", "later", "than"): 1}  # around an approximation
_BETWEENS = {"between", "entre", "zwischen"}  # never "between 9-10": a dash joins only "from"


# the words that place a time at a moment (not "from 1.11 to 1.13", a version's move): after them an
# hour alone or a dotted time is a clock when its part of the day follows ("at 9.30 on Saturday morning")
_PLACING = {"at", "around", "about", "by", "since", "until", "till", "before", "after", *europe.PLACING}
# words after an hour that make it a clock in French, German and Spanish: "5h30", "10 heures", "14 Uhr", "20.30 horas"
_HOUR_MARKS = {"h", "heures", "heure", "uhr", "horas", "hrs", "uur", *indic.HOUR_MARKS}
# the words an hour written alone after its article may be followed by ("dalle 4 di questa mattina", "a las 9 y")
_AFTER_AN_HOUR = {"di", "del", "della", "e", "circa", "in", "precise", "ora", "y", "de", "horas", "hora", "h", "uhr",
                  "fino", "alle", "a", "per", "quando", "ed", "o", "oppure", "hasta", *further.AFTER_AN_HOUR}
_AT_HOURS = {"at", "by", "from", "until", "till", "since", "before", "after"}  # "at 1418 hours", not "for 1200 hours"
_NIGHT = "night"  # "at night": a.m. or p.m. by the hour
_MORE_OR_LESS = {"plus", "moins", "près", "más", "menos", "cerca"}
_NEXT_DAY = tuple(
    (tuple(words.split()), meridiem)
    for words, meridiem in (("the next day", None), ("the following day", None), ("the next morning", "am"),
                            ("the following morning", "am"), ("the next evening", "pm"), ("the following evening", "pm"),
                            ("next morning", "am"), ("le lendemain", None), ("le lendemain matin", "am"),
                            ("am nächsten tag", None), ("am folgenden tag", None), ("am nächsten morgen", "am"),
                            ("al día siguiente", None))
)
_NEXT_DAY = tuple(sorted(_NEXT_DAY, key=lambda p: -len(p[0])))  # the longest first: "le lendemain matin"
_NEXT_DAY_FIRST = frozenset(phrase[0] for phrase, _ in _NEXT_DAY)
_DAY_PART_FIRST = frozenset(phrase[0] for phrase in europe.DAY_PART_PHRASES)


_BEFORE_A_YEAR = ("in", "since", "of", "year", "early", "late", "mid", "during", "en", "im", "seit", "dal", "desde")


class Reader(FigureReader):
    # ------------------------------------------------------------ clock times

    def clock_at(self, j: int, loose: bool = False) -> tuple[ClockPart, int] | None:
        """A clock time at token j with the zone and date written after it; `loose` also takes an
        hour alone, as the first of a range ("from 8 to 9 p.m.")."""
        found = self._named_clock(j) or self._figure_clock(j, loose) or self._military_clock(j)
        if found is None:
            return None
        clock, k = found
        zone = self.zone_at(k, after_clock=True)
        if zone is not None:
            clock.zone, k = zone, zone.next
        said = self._part_of_day_at(k) if clock.meridiem is None else None
        if said is not None:  # "2 in the afternoon", "11 at night", "8 heures du soir", "8 de la noche"
            meridiem, k = said
            clock.meridiem = ("am" if clock.hour < 5 else "pm") if meridiem == _NIGHT else meridiem  # "2 at night": after midnight
            zone = self.zone_at(k, after_clock=True) if clock.zone is None else None
            if zone is not None:  # "6 del mattino del Pacifico", "6 de la mañana hora del Pacífico"
                clock.zone, k = zone, zone.next
        following = self._next_day_at(k)
        if following is not None:  # "9.15am the following day", "à 9h le lendemain"
            clock.next_day, k = True, following[0]
            clock.meridiem = clock.meridiem or following[1]
            clock.end = self.t[k - 1].end
            return clock, k
        skip = k + 1 if self.is_sym(k, ",") else k
        if self.low(skip) in _AFTER_CLOCK and self.low(skip + 1) in ("le", "ce", "on", "am") and not clock.qualifier:
            clock.qualifier, skip = (self.low(skip),), skip + 1  # "jusqu'à 10h15 environ ce 23 février": the clock's own
        skip = skip + 1 if self.low(skip) in ("on", "of", "le", "ce", "am", "del", "el", "di", "den") else skip  # "01:30 UTC, on May 30, 2015"
        dated = self.date_at(skip) if skip < self.n and "\n" not in self.text[clock.end:self.t[skip].start] else None
        if dated is not None and dated[0].names_a_day:
            clock.date, k = dated
            after = self.zone_at(k + 1, after_clock=True) if clock.zone is None and self.is_sym(k, ",") else None
            if after is not None and after.cell != "local":  # "1 a.m. May 20, 2020, UTC": the zone after the date
                clock.zone, k = after, after.next
        clock.end = self.t[k - 1].end
        return clock, k

    def _named_clock(self, j: int):
        word = self.low(j)
        if word == "midi" and self.is_sym(j - 1, "-") and self.low(j - 2) == "après":
            return None  # "l'après-midi": the afternoon, not noon
        if word in europe.LOWER_CASE_CLOCK_WORDS and self.t[j].text != word:
            return None  # "MIDI", "le Midi": a music protocol, a region
        if word in europe.PLACED_CLOCK_WORDS and self.low(j - 1) not in europe.PLACING:
            return None  # "zu Mittag gegessen": lunch; "gegen Mittag", "bis Mittag": noon
        second = j + 2 if self.is_sym(j + 1, "-", glued=True) else j + 1 if self.low(j - 1) in europe.NOON_LEADS else -1
        hyphened = europe.HYPHENED_CLOCK_WORDS.get((word, self.low(second))) if second > 0 else None
        if hyphened is not None:  # "meio-dia", "meia-noite"; "entre meio dia e 13h"
            return ClockPart(self.t[j].start, self.t[second].end, hyphened, 0, meridiem="pm" if hyphened == 12 else "am"), second + 1
        if word in lx.CLOCK_WORDS:
            hour = lx.CLOCK_WORDS[word]
            return ClockPart(self.t[j].start, self.t[j].end, hour, 0, meridiem="pm" if hour == 12 else "am"), j + 1
        if self.low(j) == "12" and self.low(j + 1) in lx.CLOCK_WORDS:
            hour = lx.CLOCK_WORDS[self.low(j + 1)]
            return ClockPart(self.t[j].start, self.t[j + 1].end, hour, 0, meridiem="pm" if hour == 12 else "am"), j + 2
        return None

    def _figure_clock(self, j: int, loose: bool):
        t = self.t
        if not (j < self.n and t[j].num and len(t[j].text) <= 2) or self._inside_figure(j):
            return None
        hour, k, minute, second, dotted = int(t[j].text), j + 1, None, None, False
        if self._two_digits(k, ":"):
            minute, k = int(t[k + 1].text), k + 2
            if self._two_digits(k, ":"):
                second, k = int(t[k + 1].text), k + 2
        elif self._two_digits(k, "."):
            minute, k, dotted = int(t[k + 1].text), k + 2, True
        article = self._clock_article(j)
        if article and minute is None and self._two_digits(k, ","):  # "alle 4,30": a comma between hour and minutes
            minute, k = int(t[k + 1].text), k + 2
        if self.is_sym(k, ":.", glued=True) and k + 1 < self.n and t[k + 1].num and t[k + 1].glued:
            return None  # "1.12.30", "10:40:5:2": a figure, not a clock
        marked = self._hour_mark(j, k, minute)
        if marked is not None:  # "vers 1h", "5h30", "à 10 heures", "14.30 Uhr", "a las 20:30 horas"
            minute, k = marked
        meridiem = self.meridiem_at(k) if marked is None else None
        if meridiem is not None:
            k = meridiem[1]
        told = indic.PARTS_BEFORE_CLOCK.get(self.low(j - 1)) if meridiem is None and 1 <= hour <= 12 else None
        if told is not None:  # "रात 8 बजे", "இரவு 7:30 மணிக்கு": at 8 at night, the part of the day before the clock
            meridiem, j = (("am" if hour < 5 else "pm") if told == _NIGHT else told, k), j - 1
        part_of_day = meridiem is None and (marked is not None or self.low(j - 1) in _PLACING) and self._part_of_day_after(k)
        if marked is not None:
            part_of_day, dotted = True, False
        if minute is None and meridiem is None and not loose and not part_of_day and not (article and self._hour_ends(k)):
            return None  # an hour alone is a clock with its part of the day: "at about 2 in the afternoon"
        if dotted and meridiem is None and self.zone_at(k, True) is None and not part_of_day and not article \
                and (self.low(j - 1) not in CLOCK_PREPOSITIONS or len(t[j].text) < 2):
            return None  # "1.11", "from 1.11 to 1.13": a version; a 24-hour writer's dotted time has two digits ("14.35")
        if hour > 23 or (minute or 0) > 59 or (second or 0) > 59:
            return None
        stray = ""
        if meridiem is not None and 12 < hour <= 23 and minute is not None:
            stray, meridiem = meridiem[0], None  # "15:45 PM", "14:35 AM": a 24-hour time with a stray label, read as written
        if meridiem is not None and not 1 <= hour <= 12 and not (hour == 0 and meridiem[0] == "am"):
            return None  # "00:00 AM" is midnight, as some pages write it
        clock = ClockPart(t[j].start, t[k - 1].end, hour, minute or 0, second, meridiem[0] if meridiem else None,
                          padded=len(t[j].text) == 2 and t[j].text[0] == "0",
                          bare=minute is None and meridiem is None and not part_of_day and not article, stray=stray)
        return clock, k

    def _clock_article(self, j: int) -> bool:
        """Whether the word before the number at j makes it an hour of the clock: an article of the
        hour ("alle 4,30", "dalle 4", "ore 10.30"), or one after a word that places it ("verso le 7",
        "a las 8.30")."""
        before = self.low(j - 1)
        if before in ("'", "’") and self.t[j].glued:  # "dall'1 di notte", "all’una"
            before = self.low(j - 2) + "e"
        if before == "." and self.low(j - 2) in further.ABBREVIATED_CLOCK_ARTICLES:  # "kl. 14.30", "o godz. 10"
            return True
        return before in europe.CLOCK_ARTICLES or self.low(j - 2) in europe.ARTICLE_LEADS.get(before, ())

    def _hour_ends(self, k: int) -> bool:
        """Whether the words after an hour leave it an hour ("alle 4 di questa mattina", "dalle 4,"),
        not a count of something ("alle 3 aziende": to the three firms)."""
        return k >= self.n or not self.t[k].word or self.low(k) in _AFTER_AN_HOUR

    def _hour_mark(self, j: int, k: int, minute: int | None) -> tuple[int | None, int] | None:
        """The minute and the index after a mark that makes the hour at j a clock: "Uhr" always ("14 Uhr
        30"), "horas" after "las" or with its minutes ("a las 20 horas", "20:30 horas"), "hrs" with
        them; "h" with its minutes ("5h30", "7H20", "14 h 30") or after a French, German or Spanish
        word that places a moment ("vers 1h"); "heures" after such a word ("à partir de 10 heures").
        None when there is none: "pendant 6h", "plus de 6 heures", "about 3h" are lengths."""
        mark = self.low(k)
        if mark not in _HOUR_MARKS or (mark == "h" and minute is not None):
            return None
        glued_minutes = k + 1 < self.n and self.t[k + 1].num and len(self.t[k + 1].text) == 2 \
            and (self.t[k + 1].glued or not self.t[k].glued) and self.low(k + 2) not in lx.UNITS
        before = self.low(j - 1)
        if before in europe.LENGTH_LEADS or before in europe.LASTED or before == "de" and self.low(j - 2) in _MORE_OR_LESS:
            return None  # "pendant 6h30", "a duré 6 heures", "plus de 6 heures": a length
        # a word that places a moment, in the language of the mark ("about 3h", "after 3 hrs" are English
        # lengths); "de" only where it opens a time ("à partir de 10 heures", "de 9h à 14h"), not after
        # a noun ("une panne de 3 heures")
        placed = before in europe.PLACING or before == "de" and (self.low(j - 2) == "partir" or self.low(k + 1) == "à") \
            or before in _ROUGHLY and self.low(j - 2) in europe.PLACING \
            or (self.low(j - 2), before) in europe.CLOCK_ONLY and self.low(k + 1) not in ("de", "d")  # "entre environ 10h et 12h45", "peu après 9h"
        if mark == "hrs" and minute is None or mark == "horas" and minute is None and before not in ("las", "la"):
            return None  # "3 hrs", "desde hace 3 horas": a length; "a las 20 horas", "20:30 hrs" a clock
        if mark in ("uhr", "horas", "hrs", *indic.HOUR_MARKS) or (mark == "h" and glued_minutes) or (mark == "uur" and minute is not None) or placed:
            if minute is None and glued_minutes and mark != "horas":
                return int(self.t[k + 1].text), k + 2
            return (minute if minute is not None else 0), k + 1
        return None

    def _hour_marked(self, start: int, end: int) -> bool:
        """Whether the clock from the text offset `start` to the token index `end` is written with an
        hour mark ("17 Uhr", "7h", "14 h 30", "7 heures du matin")."""
        k = end - 1
        while k >= 0 and self.t[k].start >= start:
            if self.low(k) in _HOUR_MARKS:
                return True
            k -= 1
        return False

    def _next_day_at(self, k: int) -> tuple[int, str | None] | None:
        """The index after "the next day", "the following morning", "le lendemain", "am nächsten Tag"
        at k, and the part of the day it names, or None."""
        if self.low(k) not in _NEXT_DAY_FIRST:  # one look-up, not one per phrase, for each clock
            return None
        for phrase, meridiem in _NEXT_DAY:
            if self.words_at(k, phrase):
                return k + len(phrase), meridiem
        return None

    def _part_of_day_at(self, k: int) -> tuple[str, int] | None:
        """The part of the day written after a clock ("in the afternoon", "at night", "du soir", "de la
        noche", "abends") and the index after it; "at night" as _NIGHT, its a.m. or p.m. the hour's."""
        if self.low(k) == "in" and self.low(k + 1) == "the" and self.low(k + 2) in lx.PARTS_OF_DAY:
            return lx.PARTS_OF_DAY[self.low(k + 2)], k + 3
        if self.low(k) == "at" and self.low(k + 1) == "night":
            return _NIGHT, k + 2
        if self.low(k) not in _DAY_PART_FIRST:
            return None
        for phrase, meridiem in europe.DAY_PART_PHRASES.items():
            if self.words_at(k, phrase):
                return meridiem, k + len(phrase)
        return None

    def _part_of_day_after(self, k: int) -> bool:
        """Whether the words at k give a time its part of the day: "in the afternoon", "at night",
        "on Saturday morning", "this morning"."""
        if self._part_of_day_at(k) is not None:
            return True
        following = self._next_day_at(k)
        if following is not None:
            return following[1] is not None  # "at 9 the following morning"
        skip = k + 1 if self.low(k) in ("on", "of") or self.is_sym(k, ",") else k
        dated = self.date_at(skip) if skip < self.n else None
        return dated is not None and dated[0].meridiem is not None

    def _military_clock(self, j: int):
        t = self.t
        if not (j < self.n and t[j].num and len(t[j].text) in (3, 4)) or self._inside_figure(j):
            return None
        hour, minute = int(t[j].text[:-2]), int(t[j].text[-2:])
        meridiem = self.meridiem_at(j + 1) if j + 1 < self.n and t[j + 1].glued else None
        if meridiem is not None and 1 <= hour <= 12 and minute <= 59:  # "1138am local time", "845pm"
            return ClockPart(t[j].start, t[meridiem[1] - 1].end, hour, minute, meridiem=meridiem[0]), meridiem[1]
        if len(t[j].text) != 4 or hour > 23 or minute > 59:
            return None
        at = j - 1 if self.low(j - 1) not in ("about", "around", "approximately") else j - 2  # not "took about 1500 hrs"
        if self.low(j + 1) in ("hours", "hrs") and self.low(at) in _AT_HOURS:  # "at 1418 hours": the 24-hour clock said aloud
            return ClockPart(t[j].start, t[j + 1].end, hour, minute, padded=True), j + 2
        zone = self.zone_at(j + 1, after_clock=True)
        if zone is None or zone.cell not in ("UTC", "GMT", "Z") and t[j].text[:2] in ("19", "20") and self._after_a_date(j):
            return None  # "1745 UTC", "0945 PST", "at 1900 PDT"; not "March 2016 PST", a year
        return ClockPart(t[j].start, t[j].end, hour, minute, padded=True), j + 1

    def _after_a_date(self, j: int) -> bool:
        """Whether the figure at j follows a month or a day of one ("March 2016", "4 March, 2016") or
        a word that leads to a year ("in 2016", "since 1999"): a year, whatever follows it."""
        k = j - 1 - (j > 1 and self.is_sym(j - 1, ","))
        return k >= 0 and (self.low(k)[:3] in lx.MONTH_STEMS or self.t[k].num or self.low(k) in _BEFORE_A_YEAR)

    def dated_clock_at(self, j: int, loose: bool = False) -> tuple[ClockPart, int] | None:
        """A clock time, with a date written before it ("July 14, 2025, at 9:05", "2025-07-14T09:05Z")."""
        dated = self.date_at(j)
        if dated is None or not dated[0].names_a_day:
            return self.clock_at(j, loose)  # a month alone ("April 2022 23:57" is no date of a day)
        part, k = dated
        if self.is_sym(k, ",") or self.low(k) in ("at", "à", "um") or (self.low(k) == "t" and self.t[k].glued) \
                or (self.is_sym(k, DASHES) and part.year is not None):  # a status page's "Mar 04, 2025 - 15:58 UTC"
            k += 1
        if self.low(k) in ("at", "à", "um"):
            k += 1
        if self.words_at(k, ("a", "las")):  # "3 de febrero a las 20:30"
            k += 2
        if k < self.n and "\n" in self.text[part.end:self.t[k].start]:
            return None  # a date heading, and a time on the next line: two things
        qualifier = next((w for w in lx.APPROXIMATIONS if self.words_at(k, w)), ()) if self.low(k) in lx.APPROXIMATION_FIRST else ()
        found = self.clock_at(k + len(qualifier), loose)
        if found is None or found[0].bare:
            return None
        clock, k = found
        clock.qualifier = qualifier or clock.qualifier
        if clock.date is None:
            clock.date = part
        clock.start = part.start
        return clock, k

    # ------------------------------------------------------------ ranges

    def range_at(self, j: int) -> tuple[Expression, int] | None:
        word = self.low(j)
        about: int | None = None
        if word in _RANGE_JOINERS:
            i = j + 2 if self.low(j + 1) in _ARTICLES else j + 1
            qualifier = lx.QUALIFIERS.get((self.low(i),))  # "between about 10:00 and 12:45", "entre environ 10h et 12h45"
            about = qualifier[1] if qualifier is not None and not qualifier[0] else None
            first = self.dated_clock_at(i + 1 if about else i, loose=True) or self._military_start(i, _RANGE_JOINERS[word])
            if first is None:
                return None
            joiners = _RANGE_JOINERS[word]
        else:
            first = self.dated_clock_at(j, loose=True)
            if first is None:
                return None
            joiners = {"to"} if not first[0].bare else set()
        c1, k = first
        k = self._past_twin(k)  # "from 1:00 p.m. (18:00 UTC) to 4:00 p.m. (22:00 UTC)": each end said again
        if c1.date is not None and self.is_sym(k, ",") and self.low(k + 1) in joiners - {"and"}:
            k += 1  # "from approximately 7 a.m. May 19, 2020, to 1 a.m. May 20, 2020": a dated start's comma
        if not (self.low(k) in joiners or (word not in _BETWEENS and self.is_sym(k, DASHES))):
            return None
        if self.low(k) == "jusqu" and self.is_sym(k + 1, "'’", glued=True) and self.low(k + 2) == "à":
            k += 2  # "de 9h jusqu'à 14h"
        second = self.dated_clock_at(k + 2 if self.low(k + 1) in _ARTICLES else k + 1)
        if second is None:
            return None
        c2, end = second
        if c1.bare and c2.meridiem is None and not self._hour_marked(c2.start, end):
            return None
        c1.bare = False  # "zwischen 14 und 17 Uhr": the mark of the end is the start's too
        _share(c1, c2)
        past = self._past_twin(end)
        return Expression(self.t[j].start, self.t[past - 1].end if past > end else c2.end, "range", clock=c1, until=c2,
                          uncertainty=about), past

    def _military_start(self, i: int, joiners: set[str]) -> tuple[ClockPart, int] | None:
        """'1825' opening a span whose end is a four-digit time with its zone ("between 1825 and 2012 UTC"):
        a 24-hour time too, as the end shows the writer writes them (a year alone never has a zone after it)."""
        words = self.low(i)
        if not (len(words) == 4 and words.isdigit() and int(words[:2]) < 24 and int(words[2:]) < 60) or self.low(i + 1) not in joiners:
            return None
        end = self.dated_clock_at(i + 2)
        if end is None or end[0].zone is None or len(self.low(i + 2)) != 4:
            return None
        return ClockPart(self.t[i].start, self.t[i].end, int(words[:2]), int(words[2:]), padded=True), i + 1

    def _past_twin(self, k: int) -> int:
        """Past a clock in parentheses right at k (the time before it in another zone), or k."""
        if not self.is_sym(k, "("):
            return k
        twin = self.dated_clock_at(k + 1)
        return twin[1] + 1 if twin is not None and self.is_sym(twin[1], ")") else k

    # ------------------------------------------------------------ relative figures

def _share(c1: ClockPart, c2: ClockPart) -> None:
    """What the end of a range writes once for both ("between 9:05 and 10:40 AM CDT on July 14"):
    its a.m./p.m. (unless that puts the start after the end: "11 to 1 p.m."), zone and date."""
    if c1.meridiem is None and c2.meridiem is not None and c1.hour <= 12:
        start = c1.hour % 12 + (12 if c2.meridiem == "pm" else 0)
        end = c2.hour % 12 + (12 if c2.meridiem == "pm" else 0)
        c1.meridiem = c2.meridiem if start * 60 + c1.minute <= end * 60 + c2.minute else "am"
        c1.bare = False
    if c1.zone is None:
        c1.zone = c2.zone
    if c1.date is None and c2.date is not None and c2.date.start > c2.start:
        c1.date = c2.date  # "between 9:05 and 10:40 AM CDT on July 14"; not "21:54 UTC and June 3, 2026 06:45 UTC"
    elif c2.date is None:
        c2.date = c1.date


# the words a form can begin with (a number can begin any): every other token is passed over at once
_STARTS = (set(lx.MONTHS) | set(lx.WEEKDAYS) | set(lx.RELATIVE_DAYS) | set(lx.CLOCK_WORDS) | set(lx.NUMBER_WORDS) | HOLIDAY_WORDS
           | set(_RANGE_JOINERS) | {"this", "last", "half", "early", "late", "wee", "small", "lunchtime", "overnight",
                                    "minutes", "moments", "soon", "shortly", "hours", "after", "within", "between",
                                    "evening", "morning", "night", "afternoon", "the", "aujourd", "ce", "cette", "demi",
                                    "halbe", "media", "sept", *europe.GERMAN_DAY_PARTS, *europe.DUTCH_DAY_PARTS, *europe.THIS,
                                    *europe.FEIRA_DAYS, *(first for first, _ in europe.HYPHENED_CLOCK_WORDS),
                                    *europe.FLOATING_PARTS,
                                    *SHIFTED_DAY_STARTS, *AGO_STARTS, *europe.LAST_BEFORE}
           | {phrase[0] for phrase in VAGUE_PHRASES}  # "midway through the first half", "at half-time"
           | _JAPANESE_STARTS | _KOREAN_STARTS | _CHINESE_STARTS)


class _Either:
    """Two readers of the same characters, the first tried first (Chinese before Japanese)."""

    def __init__(self, first, second):
        self.first, self.second = first, second

    def expression_at(self, j):
        return self.first.expression_at(j) or self.second.expression_at(j)

    def date_at(self, j):
        return self.first.date_at(j) or self.second.date_at(j)


MAX_EXPRESSIONS = 20_000  # an article or a postmortem states dozens; a text with more is no article


class TooMany(ValueError):
    """More time expressions than any article states: the text is refused, not read half."""


def scan(text: str, day_first: bool | None = None) -> tuple[list[Expression], list[DatePart], tuple[str, int] | None]:
    """Every expression of the text, every date written in it (in text order) and the zone the text
    says all its times are in ("All times UTC", "times are in PT", "Time (PDT):"), if it says, with
    where it says it. Raises TooMany past MAX_EXPRESSIONS, so that memory stays bounded whatever the text."""
    reader = Reader(text, day_first)
    japanese: Japanese | _Either = Japanese(reader)  # the Japanese forms (japanese.py), read first where they are written
    korean = Korean(reader)  # and the Korean (korean.py)
    if written_in_chinese(text):  # a Chinese text: its own forms (chinese.py) first, the Japanese where they read it
        japanese = _Either(Chinese(reader), japanese)
    expressions: list[Expression] = []
    dates: list[DatePart] = []
    declared = None
    j = 0
    while j < reader.n:
        if not reader.t[j].num and reader.t[j].low not in _STARTS:
            if declared is None and reader.t[j].low in ("time", "times", "timestamps", "timeline"):
                zone = declared_zone(reader, j)
                declared = (zone, reader.t[j].start) if zone is not None else None
            j += 1
            continue
        found = japanese.expression_at(j) or korean.expression_at(j) or reader.range_at(j) or _clock_expression(reader, j) or reader.interval_at(j) \
            or reader.relative_at(j) or reader.vague_at(j)
        if found is not None:
            if expressions and twin(reader, expressions[-1], found[0]):
                found[0].bound, found[0].uncertainty = expressions[-1].bound, expressions[-1].uncertainty
            expressions.append(found[0])
            inside = _anchor_clock(reader, found[0], j, found[1])
            if inside is not None:  # "hours before the midnight cut-off": the anchor's own time is a claim too
                expressions.append(inside)
            if len(expressions) > MAX_EXPRESSIONS:
                raise TooMany(f"more than {MAX_EXPRESSIONS:,} time expressions: not an article or a postmortem")
            j = max(found[1], j + 1)
            continue
        dated = japanese.date_at(j) or korean.date_at(j) or reader.date_at(j)
        if dated is not None:
            dates.append(dated[0])
            j = max(dated[1], j + 1)
            continue
        j += 1
    return expressions, dates, declared


def _anchor_clock(reader: Reader, expr: Expression, j: int, end: int) -> Expression | None:
    """The clock time written inside a relative figure's anchor ("two hours before the midnight
    deadline", "40 minutes after the 9 a.m. start"), or None. Only the anchor's few tokens are read."""
    if expr.kind != "relative" or not expr.anchor or expr.anchor.startswith("the start") or expr.anchor == "the previous event":
        return None
    at = reader.text.find(expr.anchor, expr.start, expr.end)
    if at < 0:
        return None
    for i in range(j + 1, end):
        if reader.t[i].start >= at and (reader.t[i].num or reader.t[i].low in _STARTS):
            found = _clock_expression(reader, i)
            if found is not None and found[0].end <= expr.end:
                return found[0]
    return None


def _clock_expression(reader: Reader, j: int) -> tuple[Expression, int] | None:
    found = reader.dated_clock_at(j)
    if found is None or found[0].bare:
        return None
    clock, k = found
    expr = Expression(clock.start, clock.end, "clock", clock=clock)
    qualified = reader.phrase_before(j, _CLOCK_QUALIFIER_TABLE, lx.MAX_QUALIFIER_WORDS)
    if qualified is None and reader.low(j - 1) == "at":
        qualified = reader.phrase_before(j - 1, _CLOCK_QUALIFIER_TABLE, lx.MAX_QUALIFIER_WORDS)
    if qualified is None and reader.low(j - 2) == "a" and reader.low(j - 1) in _ARTICLES:  # "Aproximadamente a las 12:55"
        qualified = reader.phrase_before(j - 2, _CLOCK_QUALIFIER_TABLE, lx.MAX_QUALIFIER_WORDS)
    if qualified is None and clock.qualifier:  # written after the date, before its clock
        qualified = j, clock.qualifier
    if qualified is None and reader.low(k) in _AFTER_CLOCK and reader.t[k].start - clock.end <= 1:  # "8.30 circa", "10h15 environ"
        qualified, k = (j, (reader.low(k),)), k + 1
        expr.end = reader.t[k - 1].end
    if qualified is not None:
        expr.bound, expr.uncertainty = lx.QUALIFIERS[qualified[1]]
        outer = reader.phrase_before(qualified[0], _BOUNDING, 3) if expr.uncertainty and not expr.bound else None
        if outer is not None:  # "by around 10.30am": by then, and give or take five minutes (a clock's, not a figure's)
            qualified, expr.bound = (outer[0], outer[1] + qualified[1]), lx.QUALIFIERS[outer[1]][0]
        expr.qualifier = " ".join(qualified[1])
        expr.start = reader.t[qualified[0]].start
        if qualified[1] in (("until",), ("till",)) and negated(reader, qualified[0]):
            # "no update until 9:15am": the update comes at 9:15 or later; "it wasn't fixed until 12:42",
            # a past told so: it was fixed then
            expr.bound = "" if negated(reader, qualified[0], past=True) else "not_before"
    return expr, k
