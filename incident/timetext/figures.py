"""The figures of the grammar: lengths and placings relative to another event ("more than 40
minutes late", "a 73-hour outage", "between 2 and 4 minutes later", "minutes after the portal
opened"), read at a token index, a bounded number of words ahead or behind."""

from __future__ import annotations

from . import europe
from . import lexicon as lx
from .scan import ClockPart, Expression, Scanner

_FIGURE_QUALIFIERS = {q for q in lx.QUALIFIERS if q not in {
    ("by",), ("before",), ("until",), ("till",), ("prior", "to"), ("no", "later", "than"), ("not", "later", "than"),
    ("just", "before"), ("later", "than"), ("no", "earlier", "than"), ("just", "after"), ("shortly", "after"),
    ("sometime", "around"), *europe.CLOCK_ONLY}}
# the words that keep "a second" a length: a placing, a preposition, a joining word ("a second later", "for a second or two")
_DAY_WORDS_AFTER = frozenset(("this", "that", "today", "tonight", "yesterday"))  # "earlier this evening", "later that day"
_AFTER_A_SECOND = frozenset(("later", "after", "before", "earlier", "ago", "of", "or", "and", "to", "in", "into", "from",
                             "at", "on", "for", "while", "when", "until", "the", "that", "it", "too", "long"))
_AFTER_LEADS = {("after",), *europe.AFTER_LEADS}  # "after 40 minutes,", "nach drei Stunden": from the start
_ITALIAN_PARTICIPLES = ("ato", "ata", "ati", "ito", "ita", "iti", "uto", "uta", "nto", "lto", "lta")  # ripristinato, spento, risolto
_ANCHOR_STOPS = {"and", "but", "when", "while", "as", "which", "that", "because", "with", "on", "at", "in", "for", "so", "then", *europe.ANCHOR_STOPS}
_DELAY_PHRASES = (("delayed", "by"), ("delay", "of"), ("pushed", "back", "by"), ("late", "by"), ("postponed", "by"), ("wait",), ("waited",), ("waiting",))


class FigureReader(Scanner):
    def clock_at(self, j: int, loose: bool = False) -> tuple[ClockPart, int] | None:
        raise NotImplementedError  # forms.Reader reads clock times; a figure asks whether one follows

    def dated_clock_at(self, j: int, loose: bool = False) -> tuple[ClockPart, int] | None:
        raise NotImplementedError

    def _two_digits(self, j: int, separator: str) -> bool:
        return (self.is_sym(j, separator, glued=True) and j + 1 < self.n and self.t[j + 1].num
                and len(self.t[j + 1].text) == 2 and self.t[j + 1].glued)

    def _inside_figure(self, j: int) -> bool:
        """A number glued after '.', ':', ',', '/', '$' or a letter is part of another figure."""
        if j == 0 or not self.t[j].glued:
            return False
        before = self.t[j - 1]
        if before.text in ("T", "t") and j >= 2 and self.t[j - 2].num and before.glued:
            return False  # '2025-07-14T09:05'
        if (before.text.islower() or before.text == ".") and self._run_on_step(j):
            return False  # "… relating to replication16:54 - Database replica lag …": a timeline's lines run together
        return before.text in ".:,/$#£€+" or before.word or before.num

    def _run_on_step(self, j: int) -> bool:
        """Whether 'HH:MM - ' starts at token j, as each step of a timeline opens: the dash after a space."""
        t = self.t
        return j + 3 < self.n and len(t[j].text) <= 2 and t[j + 1].text == ":" and t[j + 1].glued and t[j + 2].num \
            and len(t[j + 2].text) == 2 and t[j + 2].glued and t[j + 3].text in ("-", "–", "—") and not t[j + 3].glued

    def duration_at(self, j: int) -> tuple[float, int] | None:
        """'42 minutes', 'an hour and a half', 'half an hour', '1 hour 20 minutes', '2 h 05 min', '90min'."""
        if self.words_at(j, ("half", "an", "hour")) or self.words_at(j, ("half", "a", "minute")):
            return (30.0 if self.low(j + 2) == "hour" else 0.5), j + 3
        for phrase in europe.HALF_HOURS:  # "une demi-heure", "eine halbe Stunde", "media hora"
            if self.words_at(j, phrase):
                return 30.0, j + len(phrase)
        figure = self._figure(j)
        if figure is None:
            return None
        value, k = figure
        total = 0.0
        while True:
            half = self._and_a_half(k) or self._fraction_half(k)
            if half:
                value, k = value + 0.5, half
            if not total and (self.is_sym(k, "+", glued=True) or self.low(k) == "plus"
                              or self.is_sym(k, "-", glued=True) and self.low(k + 1) == "plus"):
                k += 2 if self.is_sym(k, "-", glued=True) else 1  # "30-plus hours", "30+ hours": at least (`_plus`)
            if self.is_sym(k, "-", glued=True) and self.low(k + 1) in lx.UNITS and self.t[k + 1].glued and not total:
                k += 1  # "73-hour outage", "three-day outage"
            unit = self.low(k)
            if unit not in lx.UNITS or (unit in lx.GLUED_ONLY and not self.t[k].glued):
                return (total, k) if total else None
            if unit == "second" and not total and self.low(k - 1) in ("a", "the") and self._ordinal(k + 1):
                return None  # "a second outage", "the second wave": which one, not a length
            total += value * lx.UNITS[unit]
            k += 1
            if self.is_sym(k, "-", glued=True) and self.low(k + 1) == "long" and self.t[k + 1].glued:
                k += 2  # "a five-hour-long outage", "90-minute-long": the length of what it names
            half = self._and_a_half(k)
            if half:
                total, k = total + 0.5 * lx.UNITS[unit], half
            more = self._figure(k + 1 if self.low(k) in ("and", ",") else k)
            if more is None:
                return total, k
            value, next_k = more
            if self.low(next_k) not in lx.UNITS or lx.UNITS[self.low(next_k)] >= lx.UNITS[unit]:
                return total, k
            k = next_k

    def _in_foreign_units(self, j: int, k: int) -> bool:
        """Whether the figure from j to k is written in French, German or Spanish words ("drei Stunden")."""
        return any(self.low(i) in europe.FOREIGN_UNITS or self.low(i) in europe.NUMBER_WORDS for i in range(j, k))

    def _fraction_half(self, k: int) -> int:
        """The index after a half written as a fraction after a whole number ("3 1/2 hours", "2½ hours"), or 0."""
        if self.is_sym(k, "½"):
            return k + 1
        if self.low(k) == "1" and not self.t[k].glued and self.is_sym(k + 1, "/", glued=True) and self.low(k + 2) == "2" \
                and self.t[k + 2].glued and not (k + 3 < self.n and self.t[k + 3].num and self.t[k + 3].glued):
            return k + 3
        return 0

    def _and_a_half(self, k: int) -> int:
        """The index after "and a half" at k, written with spaces or hyphens ("two-and-a-half hours"), or 0."""
        if self.words_at(k, ("and", "a", "half")):
            return k + 3
        if self.words_at(k, ("and", "half")):  # "two and half hours", as some write it
            return k + 2
        if self.words_at(k, ("et", "demie")) or self.words_at(k, ("y", "media")):  # "deux heures et demie"
            return k + 2
        if self.is_sym(k, "-", glued=True) and self.words_at(k + 1, ("and", "-", "a", "-", "half")) \
                and all(self.t[i].glued for i in range(k + 1, k + 6)):
            return k + 6 + (1 if self.is_sym(k + 6, "-", glued=True) and self.low(k + 7) in lx.UNITS else 0)
        return 0

    def _figure(self, j: int) -> tuple[float, int] | None:
        if not 0 <= j < self.n:
            return None
        tok = self.t[j]
        if tok.num:
            if self._inside_figure(j) and not self.t[j - 1].word:
                return None
            if self._two_digits(j + 1, ".") or (self.is_sym(j + 1, ".", True) and j + 2 < self.n and self.t[j + 2].num and self.t[j + 2].glued):
                return float(f"{tok.text}.{self.t[j + 2].text}"), j + 3
            if self.is_sym(j + 1, ",", True) and j + 2 < self.n and self.t[j + 2].num and self.t[j + 2].glued \
                    and len(self.t[j + 2].text) == 1 and self.low(j + 3) in lx.UNITS:
                return float(f"{tok.text}.{self.t[j + 2].text}"), j + 3  # "1,5 Stunden": a decimal comma (a thousands one has three digits)
            return float(tok.text), j + 1
        word = tok.low
        if word == europe.SEPT and self.low(j + 1) in europe.FOREIGN_UNITS:  # "sept heures" is seven, "Sept 10" September
            return 7.0, j + 1
        if word not in lx.NUMBER_WORDS:
            return None
        if word in europe.NUMBER_WORDS and self.low(j + 1) not in europe.UNITS_OF_NUMBER_WORDS:
            return None  # "dos", "una", "vier" count only their own language's units: "a DoS took it down for dos hours"
        value, k = float(lx.NUMBER_WORDS[word]), j + 1
        if word in ("a", "an") and self.low(k) in _PLURAL_UNITS:
            return None  # "an hours-long outage": hours, not one
        if word == "couple" or (word in ("a", "an") and self.low(k) == "couple"):
            k = k + 1 if word != "couple" else k
            value = 2.0
            if self.low(k) == "of":
                k += 1
        elif word in lx.TENS:
            k2 = k + 1 if self.is_sym(k, "-", True) else k
            if lx.NUMBER_WORDS.get(self.low(k2), 99) < 10 and self.low(k2) not in ("a", "an"):
                value, k = value + lx.NUMBER_WORDS[self.low(k2)], k2 + 1
        return value, k

    def _ordinal(self, k: int) -> bool:
        """Whether the word at `k` makes the 'second' before it an ordinal: a word that is no
        preposition, no word of placing ("a second outage"; not "a second later", "for a second of")."""
        word = self.low(k)
        return k < self.n and self.t[k].word and word not in _AFTER_A_SECOND

    def relative_at(self, j: int) -> tuple[Expression, int] | None:
        """A figure that places an event against another: "more than 40 minutes late", "seven
        minutes later", "about 15 minutes into the interview", "an hour before the start",
        "delayed by about 40 minutes", "lasted three hours", "After just over two hours,"."""
        duration = self.duration_at(j)
        if duration is None:
            return None
        minutes, k = duration
        if self.low(k) == "there" and self.low(j - 1) == "for":  # "For a minute there, I thought …": no length
            return None
        qualified = self.phrase_before(j, {q: 1 for q in _FIGURE_QUALIFIERS}, lx.MAX_QUALIFIER_WORDS)
        if qualified and qualified[1] in europe.ENGLISH_QUALIFIERS and not self._in_foreign_units(j, k):
            qualified = None  # "took fast 20 minutes" is English: "fast drei Stunden" is almost three hours
        first = qualified[0] if qualified else j
        outer = self.phrase_before(first, {("within",): 1, ("in",): 1}, 1) if qualified and lx.QUALIFIERS[qualified[1]][1] else None
        if outer is not None and outer[1] == ("within",):  # "within around 30 minutes": at most, about
            first, qualified = outer[0], (outer[0], ("within",) + qualified[1])
        sign, anchor, end = self._direction(k)
        if sign is None and self.low(k) in europe.LASTING_AFTER and self.t[k].text.islower():  # "sechs Stunden lang"
            sign, anchor, end = 1, "the start", k + 1
        if sign is not None and self.low(first - 1) == "for" and self.low(k) in ("before", "after"):
            sign = None  # "talking for more than two hours before an audience": a length, not a placing
            if not self._lasting(first):
                return None
        if sign is None:
            if qualified and qualified[1] in _AFTER_LEADS and (self.low(qualified[0] - 1), *qualified[1]) in europe.CLOCK_ONLY \
                    and minutes % 60 == 0 and 0 < minutes <= 1440 and self.low(k) not in ("de", "d"):
                return None  # "peu après 9h": shortly after nine o'clock, a clock's (not "peu après 9 heures de panne")
            if qualified and qualified[1] in _AFTER_LEADS:  # "after 40 minutes, …": the lead, not a bound
                first, qualified = qualified[0], None
                sign, anchor, end = 1, "the start", k
            elif self._delay_phrase(first):
                sign, anchor, end = 1, "the scheduled start", k
                first -= next(len(p) for p in _DELAY_PHRASES if self.words_at(first - len(p), p))
            elif self.low(first - 1) == "by" and any(self.low(first - i).startswith("delay") for i in range(2, 8)):
                sign, anchor, end = 1, "the scheduled start", k  # "delayed the start of the event by more than 40 minutes"
                first -= 1
            elif self._lasting(first):
                sign, anchor, end = 1, "the start", k
                # "Duration: 72 minutes", "lasted 3 hours"; not "of" ("an outage of three hours")
                first -= 2 if self.low(first - 1) == ":" else 0 if self.low(first - 1) in _OF or self.low(first - 1) in "'’*_" else 1
            elif self.low(first - 1) == "after" or (qualified and qualified[1][0] in ("within", "in")) \
                    or qualified and self._lead_before(first) is not None:  # "después de casi 4 horas", "nach fast drei Stunden"
                sign, anchor, end = 1, "the start", k
                lead = self._lead_before(first) if self.low(first - 1) != "after" else first - 1
                first = lead if lead is not None else first
            elif self.low(first - 1) == "in" and self.low(first - 2) in ("on", "back", "up", "live", "be", "resume", "restored"):
                sign, anchor, end = 1, "the time it was said", k  # "would be on in 15 minutes"
                first -= 1
            elif self._done_in(first):  # "sold out in just 87 minutes", "was fixed in 40 minutes": from the start
                sign, anchor, end = 1, "the start", k
            elif self._outage_noun(k) is not None:  # "a 73-hour outage", "six hours of global outage": its length
                sign, anchor, end = 1, "the start", self._outage_noun(k)
            elif self.low(k - 1) == "long" and self.is_sym(k - 2, "-", glued=True):  # "a five-hour-long outage"
                sign, anchor, end = 1, "the start", self._outage_noun(k) or k
            else:
                return None
        expr = Expression(self.t[first].start, self.t[end - 1].end, "relative", minutes=sign * minutes, anchor=anchor)
        if qualified:
            if qualified[1][0] == "within" and len(qualified[1]) > 1:
                expr.bound, expr.uncertainty = "not_after", lx.QUALIFIERS[qualified[1][1:]][1]
            else:
                expr.bound, expr.uncertainty = lx.QUALIFIERS[qualified[1]]
            expr.qualifier = " ".join(qualified[1])
        if not qualified and self._plus(j, k):
            expr.bound, expr.qualifier = "not_before", "plus"
        if expr.bound and sign < 0:  # "nearly an hour before": at most an hour earlier, so at least −60
            expr.bound = {"not_after": "not_before", "not_before": "not_after"}[expr.bound]
        if not expr.bound:  # a figure is as precise as its unit: "six hours" is not to the minute
            expr.uncertainty = max(expr.uncertainty or 0, _unit_precision(self.text[self.t[j].start:self.t[k - 1].end], minutes)) or None
        return expr, end

    def _lead_before(self, first: int) -> int | None:
        """Where a lead of "after" in another language ends right before a bound word ("después de casi"), or None."""
        lead = self.phrase_before(first, {words: 1 for words in europe.AFTER_LEADS}, 3)
        return lead[0] if lead is not None else None

    def _plus(self, j: int, k: int) -> bool:
        """Whether the figure from token j to k says 'or more' ("30-plus hours", "30+ hours")."""
        return any(self.low(i) == "plus" or self.is_sym(i, "+", glued=True) for i in range(j + 1, k))

    def _done_in(self, first: int) -> bool:
        """A length after 'in' that a done deed took ("sold out in just 87 minutes", "was restored in
        under an hour"): a past participle or 'out', 'up' before 'in' ("in 15 minutes" alone is to come)."""
        at = first - 1
        if self.low(at) in ("just", "only", "a", "mere") and self.low(at - 1) in ("in", "a", "just"):
            at -= 1 if self.low(at - 1) == "in" else 2 if self.low(at - 2) == "in" else 0
        if self.low(at) != "in":
            return False
        verb = self.low(at - 1)
        return verb in ("out", "up") or (len(verb) > 3 and verb.endswith("ed") and verb not in _NOT_DONE) \
            or (len(verb) > 4 and verb.endswith(_ITALIAN_PARTICIPLES))  # "spento in circa tre ore"

    def _outage_noun(self, k: int) -> int | None:
        """The index after an outage noun that a length names ("outage", "of global outage"), or None."""
        if self.low(k) in ("of", "de"):
            k += 1
        elif self.low(k) == "d" and self.is_sym(k + 1, "'’", glued=True):  # "six heures d'interruption"
            k += 2
        if self.low(k) in _OUTAGE_ADJECTIVES:
            k += 1
        if self.low(k) in _LENGTH_NOUNS:
            return k + 1
        if self.is_sym(k - 2, "-", glued=True):  # "11-hour App Store and iTunes outage": the noun a few words on
            for i in range(k, min(k + 5, self.n)):
                if self.low(i) in _LENGTH_NOUNS:
                    return i + 1
                if not self.t[i].word or self.low(i) in _ANCHOR_STOPS - {"and"}:
                    break
        return None

    def interval_at(self, j: int) -> tuple[Expression, int] | None:
        """A relative interval: "between 2 and 4 minutes later", "two to four minutes after the alert",
        "2-4 minutes later": the first figure to the second."""
        k = j + 1 if self.low(j) == "between" else j
        first = self._figure(k)
        if first is None or self.low(first[1]) not in ("and", "to", "-", "–") or (self.low(j) == "between") != (self.low(first[1]) == "and"):
            return None
        found = self.relative_at(first[1] + 1)
        if found is None:
            found = self._lasted_interval(j, first[1] + 1)
        if found is None:
            return None
        expr, end = found
        unit = (expr.minutes or 0) / (self._figure(first[1] + 1) or (1.0, 0))[0] if expr.minutes else 0
        low = first[0] * unit
        if not unit or low > abs(expr.minutes):
            return None
        sign = 1 if expr.minutes > 0 else -1
        expr.until_minutes, expr.minutes = expr.minutes, sign * low
        expr.start, expr.uncertainty, expr.bound = self.t[j].start, None, ""
        return expr, end

    def _lasted_interval(self, j: int, k: int) -> tuple[Expression, int] | None:
        """The far end of an interval of lengths a state lasted ("lasted 7-8 hours", "was down for two
        to three hours"), read from the words before the interval's first figure; None otherwise."""
        duration = self.duration_at(k)
        if duration is None or not self._lasting(j):
            return None
        first = j - (2 if self.low(j - 1) == ":" else 1)
        return Expression(self.t[first].start, self.t[duration[1] - 1].end, "relative", minutes=duration[0],
                          anchor="the start"), duration[1]

    def vague_at(self, j: int) -> tuple[Expression, int] | None:
        """A relative time without a figure: "minutes after the portal opened" (1 to 10 minutes), "a
        few minutes later" (2 to 5), "soon after" (5 ± 5), "shortly before its scheduled start" (by
        then), "hours into the telecast" (at least two hours)."""
        if self.low(j) in ("hours", "minutes") and j \
                and (self.t[j - 1].num or self.low(j - 1) in lx.NUMBER_WORDS and self.low(j - 1) not in ("a", "an")):
            return None  # "two hours before an audience": a figure's unit, read (or refused) with its figure
        for phrase, (offset, until, uncertainty, bound, direction) in _VAGUE_BY_FIRST.get(self.low(j), ()):
            if not self.words_at(j, phrase):
                continue
            k = j + len(phrase)
            if direction == "match":
                if self.low(k) == "of":  # "the second half of the match"; "of the day": a half of something else
                    if self.low(k + 1) != "the" or self.low(k + 2) not in _MATCHES:
                        return None
                    k += 3
                anchor, end = KICK_OFF, k
            elif direction == "length":  # "down for hours", "an hours-long outage": at least two hours from the start
                noun = None if phrase[0] in _LENGTH_ADVERBS else self._outage_noun(k)  # "an hours-long outage": up to its noun
                if not self._lasting(j + 1) if phrase[0] == "for" else noun is None and phrase[0] not in _LENGTH_ADVERBS:
                    continue  # "stundenlang", "urenlang": a length by themselves
                anchor, end = "the start", noun or k
            elif direction in ("after", "before", "into"):
                at = k + (self.low(k) in europe.ARTICLES_BEFORE_CLOCKS)  # "poco después de las 7.06 horas"
                if self.clock_at(at) is not None or self.dated_clock_at(at) is not None:  # "shortly after 9:40": a clock's
                    return None
                anchor, end = self._anchor(k)
                if anchor is None and direction == "into" or anchor and anchor.split()[0].lower() in _NO_ANCHOR:
                    return None  # "ahead of time", "just before me": no event
                anchor = anchor or "the previous event"
                if direction == "into":
                    anchor = f"the start of {anchor}"
            else:
                anchor, end = "the previous event", k
            expr = Expression(self.t[j].start, self.t[max(end, k) - 1].end, "relative", minutes=offset, anchor=anchor,
                              until_minutes=until, bound=bound, uncertainty=uncertainty)
            return expr, max(end, k)
        return None

    def _direction(self, k: int) -> tuple[int | None, str | None, int]:
        word = self.low(k)
        if (word, self.low(k + 1)) in europe.LATER_PAIRS:  # "trois heures plus tard"
            return 1, "the previous event", k + 2
        if word == "of" and self.low(k - 3) == "within":  # "within 15 minutes of the alert"
            return (1, *self._anchor(k + 1))
        if word == "to" and self.low(k + 1) == "go" and self.low(k + 2) in ("before", "until", "till"):
            phrase, end = self._anchor(k + 3)  # "with five minutes to go before the midnight deadline"
            return (-1, phrase, end) if phrase else (None, None, k)
        if word not in lx.DIRECTIONS or word in ("earlier", "later") and self.low(k + 1) in _DAY_WORDS_AFTER:
            return None, None, k  # "went down for 1.5 hours earlier this evening": a length, then when
        sign, anchor = lx.DIRECTIONS[word]
        k += 1
        if word == "behind" and self.low(k) == "schedule" or word == "prior" and self.low(k) == "to":
            k += 1
        if word in ("after", "before", "into", "past", "prior"):
            if self.low(k) in ("that", "this") and self.low(k + 1) in ("", ",", ".", ";", ":", "—", "–"):  # "Eighty minutes after that, …"
                return sign, "the previous event", k + 1
            phrase, end = self._anchor(k)
            if word == "into" and phrase:
                phrase = f"the start of {phrase}"  # "15 minutes into the interview"
            return sign, phrase or anchor or "the start", end
        if word in ("late", "early") and self.low(k) in ("start", "starting"):
            k += 1
        return sign, anchor, k

    def _anchor(self, k: int) -> tuple[str | None, int]:
        """The words naming what a figure counts from: up to six, to a stop word or punctuation (a
        hyphen inside a word is no punctuation: "the midnight cut-off", "kick-off")."""
        end = k
        while end < self.n and end - k < 6 and self.t[end].word and self.t[end].low not in _ANCHOR_STOPS \
                and (end == k or "\n" not in self.text[self.t[end - 1].end:self.t[end].start]):  # not past its line
            end += 1
            if end + 1 < self.n and self.is_sym(end, "-", glued=True) and self.t[end + 1].word \
                    and self.t[end + 1].start == self.t[end].end:  # the hyphen joins the next word
                end += 1
        if end == k:
            return None, k
        return self.text[self.t[k].start:self.t[end - 1].end], end

    def _delay_phrase(self, j: int) -> bool:
        return any(self.words_at(j - len(p), p) for p in _DELAY_PHRASES)

    def _lasting(self, j: int) -> bool:
        while self.low(j - 1) in ("*", "_") and self.t[j - 1].text in ("*", "_"):  # "**Duration:** 42 minutes"
            j -= 1
        if self.words_at(j - 3, ("a", "total", "of")):  # "lost external connectivity for a total of 18 minutes"
            j -= 3
        before = self.low(j - 1)
        if before in ("lasted", "lasting", "took", "takes") or before in europe.LASTED \
                or before == "i" and self.low(j - 2) in europe.LASTED \
                or before in _LENGTH_NOUNS and self.low(j - 3) in europe.LASTED:  # "varte i tre timer", "duurde de storing ruim vier uur"
            return True
        if before == ":" and self.low(j - 2) in ("duration", "downtime", "length", "outage", "impact"):
            return True  # "Duration: 72 minutes"
        if before in _OF and self.low(j - 2) in _LENGTH_NOUNS or before in "'’" and self.low(j - 2) == "d" \
                and self.low(j - 3) in _LENGTH_NOUNS:
            return True  # "a blackout of about three hours", "une panne d'environ trois heures"
        if before == "für":  # German says the state after the length: "für etwa 2 Stunden nicht möglich"
            return any(self.low(j + i) in europe.STATE_AFTER_FUR for i in range(1, 10))  # a bounded look ahead: linear
        if before != "for" and before not in europe.LASTING_BEFORE:  # "pendant six heures", "durante 34 minutos"
            return False
        if self.low(j - 2) in _LASTED_FOR or self.low(j - 2) in europe.LASTED:  # "lasted for more than four hours", "trwała przez"
            return True
        if self.low(j - 2) in ("", ".", "\n") or (j >= 2 and "\n" in self.text[self.t[j - 2].end:self.t[j - 1].start]):
            return True  # "For 2 hours and 28 minutes most of it was down": a length that opens its sentence
        for i in range(1, 13):  # "went down at 09:00 UTC on 4 March 2025 for 3 hours 19 minutes"
            word = self.low(j - 1 - i)
            if word in lx.STATE_WORDS or word in _WORKING and self.low(j - 2 - i) in ("not", "t", "never"):
                return True  # "… was down for …", "transactions did not work for about 90 minutes"
            if word in (".", ";", "!", "?", ""):
                return False
        return False


_NOT_DONE = {"needed", "expected", "scheduled", "planned", "promised", "indeed", "speed", "hoped", "estimated", "anticipated"}
_OF = {"of", "de", "di", "von", "van"}  # a length after its noun: "an outage of three hours"
_WORKING = {"work", "working", "function", "functioning", "load", "loading", "respond", "responding"}  # "did not work for"
_LASTED_FOR = {"lasted", "lasting", "lasts", "continued", "continuing", "persisted", "dragged", "stretched", "went"}
_LENGTH_NOUNS = {"outage", "outages", "disruption", "downtime", "blackout", "shutdown", "meltdown", "interruption", "halt",
                 "stoppage", "freeze", "closure", "breakdown", "failure", *europe.LENGTH_NOUNS}
_PLURAL_UNITS = {"minutes", "mins", "hours", "hrs", "days", "weeks"}
_LENGTH_ADVERBS = {"for", "stundenlang", "urenlang"}  # "for hours" after a lasting verb; "ging stundenlang nichts mehr"
_OUTAGE_ADJECTIVES = {"global", "nationwide", "worldwide", "total", "major", "complete", "full", "partial", "widespread",
                      "network", "service", "server", "system", "systems", "site", "website"}
# relative times without a figure: (words, (offset, far end, ±, bound, what follows: after/before/into/later))
_VAGUE: tuple[tuple[tuple[str, ...], tuple[int, int | None, int | None, str, str]], ...] = (
    (("a", "few", "minutes", "later"), (2, 5, None, "", "later")), (("after", "a", "few", "minutes"), (2, 5, None, "", "later")),
    (("within", "a", "few", "minutes"), (0, 5, None, "", "later")),
    (("a", "few", "minutes", "after"), (2, 5, None, "", "after")),
    (("minutes", "after"), (1, 10, None, "", "after")),
    (("minutes", "later"), (1, 10, None, "", "later")),
    (("moments", "later"), (0, 5, None, "", "later")),
    (("soon", "after"), (5, None, 5, "", "after")),  # "shortly after the release": at it ± 5, as "shortly after 9:00"
    *((w, (0, None, 5, "", "after")) for w in (("shortly", "after"), ("just", "after"), ("right", "after"))),
    *((w, (0, None, None, "not_after", "before")) for w in (("shortly", "before"), ("just", "before"), ("right", "before"))),
    *((words, (0, None, 5, "", "after")) for words in europe.SHORTLY_AFTER),  # "logo após o lançamento"
    (("hours", "into"), (120, None, None, "not_before", "into")),
    (("hours", "before"), (-120, None, None, "not_after", "before")),  # "hours before the midnight cut-off"
    (("several", "hours", "before"), (-120, None, None, "not_after", "before")),
    (("hours", "later"), (120, None, None, "not_before", "later")),
    (("several", "hours", "later"), (120, None, None, "not_before", "later")),
    (("a", "few", "hours", "later"), (120, 300, None, "", "later")),
    (("after", "a", "few", "hours"), (120, 300, None, "", "later")),
    *(((*words,), (120, None, None, "not_before", "length"))  # unnumbered hours as a length: at least two ("down for hours")
      for words in (("for", "hours"), ("for", "several", "hours"), ("for", "many", "hours"),
                    ("for", "a", "number", "of", "hours"), ("hours", "-", "long"), ("multi", "-", "hour"),
                    ("urenlange",), ("urenlang",), ("stundenlangen",), ("stundenlange",), ("stundenlang",))),
    # unnumbered days as a length: at least two ("down for several days")
    *(((*words,), (2880, None, None, "not_before", "length"))
      for words in (("for", "days"), ("for", "several", "days"), ("for", "many", "days"), ("days", "-", "long"))),
    # a unit's length without its figure, before its outage noun: one, give or take a half ("the week-long outage")
    (("day", "-", "long"), (1440, None, 720, "", "length")),
    (("week", "-", "long"), (10080, None, 5040, "", "length")),
)

# a match's phases, in minutes after kick-off (two 45-minute halves and a 15-minute break, as a
# football or rugby broadcast runs): where in the match a stream failed or came back ("mid-match")
_HALF_TIME = (("half", "-", "time"), ("half", "time"), ("halftime",))
_PHASES = (
    *((("midway", "through", "the", "first", "half"), (22, None, 10)),
      (("early", "in", "the", "first", "half"), (0, 15, None)),
      (("late", "in", "the", "first", "half"), (30, 45, None))),
    *((("just", "before", *h), (45, None, None)) for h in _HALF_TIME),
    *((("at", *h), (45, 60, None)) for h in _HALF_TIME),
    *((("during", *h), (45, 60, None)) for h in _HALF_TIME),
    (("mid", "-", "match"), (55, None, 15)),
    (("midway", "through", "the", "match"), (55, None, 15)),
    (("midway", "through", "the", "game"), (55, None, 15)),
    *((("early", "in", "the", "second", p), (60, 70, None)) for p in ("half", "period")),
    *((("midway", "through", "the", "second", p), (82, None, 10)) for p in ("half", "period")),
    *((("late", "in", "the", "second", p), (95, 105, None)) for p in ("half", "period")),
    (("for", "the", "second", "half"), (60, None, 5)),
    (("start", "of", "the", "second", "half"), (60, None, 5)),
)
_MATCHES = ("match", "game", "final", "fixture", "contest", "test")  # what a phase may be "of"
_NO_ANCHOR = frozenset(("time", "schedule", "me", "us", "you", "them", "him", "her", "it", "others", "everyone", "i"))  # "ahead of time"
KICK_OFF = "the kick-off"  # what a match phase counts from: the live event's scheduled start
_PLACINGS: tuple[tuple[tuple[str, ...], tuple], ...] = (
    *_VAGUE, *((words, (offset, until, uncertainty, "not_after" if words[:2] == ("just", "before") else "", "match"))
               for words, (offset, until, uncertainty) in _PHASES))

VAGUE_PHRASES = tuple(words for words, _ in _PLACINGS)
_VAGUE_BY_FIRST = {f: sorted((v for v in _PLACINGS if v[0][0] == f), key=lambda v: -len(v[0])) for f in dict.fromkeys(v[0][0] for v in _PLACINGS)}


def _unit_precision(words: str, minutes: float) -> int:
    """± minutes of a figure in whole units: half its unit (hours 30, days 720, weeks 5,040); half hours 15; minutes 0."""
    lowered = words.lower()
    if any(w in lowered for w in ("minut", "menit", "dakika")) or "min" in lowered.split() or minutes % 30:
        return 0
    if any(w in lowered for w in ("week", "semaine", "woche", "semana", "settiman", "weken", "minggu", "pekan", "hafta")):
        return 5040
    if any(w in lowered for w in ("day", "jour", "tag", "día", "dia", "giorn", "dagen", "hari", "dygn", "døgn", "gün")) and not minutes % 1440:
        return 720
    if any(w in lowered for w in ("hour", "heure", "stund", "hora", "godzin", "timm")) \
            or {"hr", "h", "std", "ora", "ore", "uur", "jam", "timer", "saat"} & set(lowered.split()):
        return 30 if not minutes % 60 else 15
    return 0
