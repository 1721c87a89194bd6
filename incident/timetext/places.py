"""Where each thing of a text sits: its sentence and paragraph, found by bisection, and what each
sentence holds (its dates, its first written zone), computed once, so that reading a text with many
expressions stays linear."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from .korean import is_hangul
from .lexicon import MONTHS
from .scan import DatePart, Expression


class Places:
    def __init__(self, text: str, expressions: list[Expression], dates: list[DatePart], sentences: list[tuple[int, int]]):
        self.size = len(text)
        self.sentences = sentences
        self.starts = [start for start, _ in sentences]
        self.newlines = []
        at = text.find("\n")
        while at >= 0:
            self.newlines.append(at)
            at = text.find("\n", at + 1)
        self.zone_in: dict[int, str] = {}  # sentence → the first zone written beside a clock in it
        self.timed: set[int] = set()  # sentences with an expression
        self.previous_meridiem: list[str | None] = []  # per expression: the last a.m./p.m. before it in its paragraph
        last: tuple[str, int] | None = None
        for k, expr in enumerate(expressions):
            where = self.sentence_index(expr.start)
            restated = k > 0 and _restated(text, expressions[k - 1], expr)  # "10 p.m. Sunday (1 p.m. GMT)"
            self.timed.add(where)
            paragraph = self.paragraph_of(expr.start)[0]
            self.previous_meridiem.append(last[0] if last is not None and last[1] == paragraph else None)
            for clock in (expr.clock, expr.until):
                if clock is None:
                    continue
                if clock.zone is not None and clock.zone.offset is None and clock.zone.cell != "local" and not restated:
                    self.zone_in.setdefault(where, "UTC" if clock.zone.cell == "Z" else clock.zone.cell)
                if clock.meridiem:
                    last = (clock.meridiem, paragraph)
        self.days_in: dict[int, list[DatePart]] = {}  # sentence → its dates that name a day
        self.day_starts: dict[int, list[int]] = {}
        self.month_in: dict[int, DatePart] = {}  # sentence → its first date that names only a month
        for part in dates:
            where = self.sentence_index(part.start)
            if part.names_a_day:
                self.days_in.setdefault(where, []).append(part)
                self.day_starts.setdefault(where, []).append(part.start)
            elif part.month is not None:
                self.month_in.setdefault(where, part)

    def sentence_index(self, position: int) -> int:
        i = bisect_right(self.starts, position) - 1
        return i if i >= 0 and position < self.sentences[i][1] else -1 - position

    def sentence_of(self, position: int) -> tuple[int, int]:
        i = self.sentence_index(position)
        return self.sentences[i] if i >= 0 else (position, position + 1)

    def paragraph_of(self, position: int) -> tuple[int, int]:
        i = bisect_left(self.newlines, position)
        start = self.newlines[i - 1] + 1 if i > 0 else 0
        end = self.newlines[i] if i < len(self.newlines) else self.size
        return start, end


def _restated(text: str, first: Expression, second: Expression) -> bool:
    """The second expression is the first said again in another zone, in parentheses right after it,
    the first written with no zone, or 'local time' ("10 p.m. Sunday (1 p.m. GMT)", "3.47pm local time (5.47pm NZT)",
    "about 4 am in Australia last Wednesday (1am SGT on Nov 8)"):
    its zone is not the sentence's."""
    if first.clock is None or first.clock.zone is not None and first.clock.zone.cell != "local" or second.clock is None \
            or second.clock.zone is None:
        return False
    between = text[first.end:second.start]  # "(", or a place and a day before it: "about 4 am in Australia last Wednesday ("
    return len(between) <= 40 and between.rstrip().endswith("(") and between.count("(") == 1 and ")" not in between


def last_before(items: list, starts: list[int], position: int):
    """The last of `items` (sorted by their `starts`) that starts before `position`, or None."""
    i = bisect_left(starts, position)
    return items[i - 1] if i > 0 else None


_CUT = re.compile(r"\n|[.!?](?=[ \t]|[\"”’'][ \t])|[。！？]|(?<=[a-z.])\d\d?:\d\d(?= [-–—] )")  # a line break, an end mark
# before white space (a quote between), a Japanese end mark, which white space never follows, or a timeline's step run
# on to the one before it ("… relating to replication16:54 - Database lag …"): fixed look-arounds, linear
_BLANKS = re.compile(r"[ \t]*")


_ABBREVIATIONS = frozenset(("kl", "godz", "ca", "approx", "appr", "no", "nr"))  # "kl. 14.30", "approx. 1 hour"


def _abbreviated(text: str, dot: int, word: int) -> bool:
    """Whether the '.' at `dot` ends an abbreviation before a figure ("kl. 14.30", "o godz. 10", "approx. 1
    hour"), not a sentence: at most six letters back, each looked at once."""
    start = dot
    while start > 0 and dot - start < 7 and text[start - 1].isalpha():
        start -= 1
    return word < len(text) and text[word].isdigit() and (start == 0 or not text[start - 1].isalnum()) \
        and text[start:dot].lower() in _ABBREVIATIONS


def _ordinal_date(text: str, dot: int, word: int) -> bool:
    """Whether the '.' at `dot` ends a day's number before its month ("am 20. November", "18. April"), not a sentence."""
    digits = dot
    while digits > 0 and dot - digits < 3 and text[digits - 1].isdigit():
        digits -= 1
    if not 1 <= dot - digits <= 2 or (digits > 0 and text[digits - 1].isalnum()):
        return False
    end = word
    while end < len(text) and end - word < 12 and text[end].isalpha():
        end += 1
    return text[word:end].lower() in MONTHS


def sentence_spans(text: str, keep: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The sentences of `text` (start, end): split after '.', '!' or '?' followed by white space and
    a capital, a digit or a quote (in Korean, which has no capitals, Hangul after Hangul), and at line breaks; never inside a span of `keep` ("8:42 p.m. ET").
    The places to look at are found by one regular expression (a class of characters and a fixed
    lookahead: linear), each looked at once."""
    kept = _merged(keep)
    kept_starts = [start for start, _ in kept]
    spans, start, n = [], 0, len(text)
    for found in _CUT.finditer(text):
        i = found.start()
        c = text[i]
        cut = None
        if c == "\n" or c.isdigit():
            cut = i
        elif c in "。！？":  # "…発表した。同社は…"; not inside a quote ("…おわびします。」と述べた")
            cut = i + 1 if text[i + 1:i + 2] not in ("」", "』", "）", ")") else None
        else:
            k = bisect_right(kept_starts, i) - 1
            if k >= 0 and i < kept[k][1]:
                continue  # inside an expression
            blanks = _BLANKS.match(text, i + 1 if text[i + 1] in " \t" else i + 2)  # 'said, "We are a go." Mayweather …'
            assert blanks is not None  # [ \t]* matches anywhere
            j = blanks.end()
            korean = j < n and i > 0 and is_hangul(text[i - 1]) and is_hangul(text[j])  # "…됐다. 이후 …": no capitals
            if j < n and (text[j].isupper() or text[j].isdigit() or text[j] in "\"'“‘([" or korean) and not _ordinal_date(text, i, j) \
                    and not _abbreviated(text, i, j):
                cut = i + 1 if j == i + 1 or text[i + 1] in " \t" else i + 2
        if cut is not None:
            if text[start:cut].strip():
                spans.append(_trimmed(text, start, cut))
            start = cut + (c == "\n")
    if text[start:].strip():
        spans.append(_trimmed(text, start, n))
    return spans


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans joined where they overlap, in order."""
    out: list[list[int]] = []
    for start, end in sorted(spans):
        if start >= end:
            continue
        if out and start <= out[-1][1]:
            out[-1][1] = max(out[-1][1], end)
        else:
            out.append([start, end])
    return [(start, end) for start, end in out]


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def clauses(text: str, readings: list) -> list[tuple[tuple[int, int], tuple[str, str]]]:
    """For each reading (in text order), its sentence and the words that speak of it, before and
    after it: from the previous reading of the sentence (or its start) to the next one (or its end).
    A line that begins with its time (a timeline's entry) speaks of that time to its end, however
    many sentences it has. One pass: sentences and lines are found by bisection."""
    sentences = sentence_spans(text, [(r.start, r.end) for r in readings])
    starts = [a for a, _ in sentences]
    places = Places(text, [], [], sentences)
    where = []
    for reading in readings:
        line = places.paragraph_of(reading.start)
        entry = reading.kind in ("clock", "range") and text[reading.end:reading.end + 3].lstrip(" \t")[:1] in (":", "—", "–", "-", "|")
        if entry and not text[line[0]:reading.start].strip(" \t-*•#|>[(0123456789."):  # "06:27: The rollout … This is when it started."
            where.append((line[0] + len(text[line[0]:line[1]]) - len(text[line[0]:line[1]].lstrip()), line[1]))
            continue
        i = bisect_right(starts, reading.start) - 1
        where.append(sentences[i] if i >= 0 and reading.start < sentences[i][1] else (reading.start, reading.end))
    out = []
    begins: list[int] = []
    for k, reading in enumerate(readings):
        sentence = where[k]
        start, end = sentence
        if k > 0 and where[k - 1] == sentence:
            start = max(start, min(readings[k - 1].end, reading.start))
            if _apposed(text, readings[k - 1], reading):  # "began in the afternoon, around 3 p.m.": the day's words too
                start = begins[k - 1]
        begins.append(start)
        if k + 1 < len(readings) and where[k + 1] == sentence:
            end = min(end, max(readings[k + 1].start, reading.end))
        out.append((sentence, (text[start:reading.start], text[reading.end:end])))
    return out


_SAID_AGAIN = ("", "specifically", "namely", "precisely", "exactly", "more precisely", "to be precise", "or about")


def _apposed(text: str, first, then) -> bool:
    """Whether a reading's words are also the one's before it: a clock after a day and a comma, one moment
    said twice over ("in the afternoon, around 3 p.m.", "on Monday, 9:40"); a day right after a length
    ("suffered a blackout of about three hours on 3 March"), both said of the verb before them."""
    between = text[first.end:then.start]
    if first.kind == "day" and then.kind in ("clock", "range"):  # "around lunchtime, specifically 12:30 PM ET"
        return len(between) <= 22 and between.strip(" ,").lower() in _SAID_AGAIN
    return first.kind == "relative" and then.kind == "day" and len(between) <= 4 and between.strip(" ,") in ("", "on", "in")
