"""A status page's layout: each update ("Resolved - This incident has been resolved.", or a heading
"Postmortem" over its paragraphs) with the time it was posted on the line below it ("Posted Mar 04,
2025 - 17:02 UTC"). The stamp dates the update above it: it is no date of the text below it, which is
the next (earlier) update, whose own stamp is further down."""

from __future__ import annotations

import re

from bisect import bisect_right
from dataclasses import dataclass

from .lexicon import MONTH_STEMS, WEEKDAY_STEMS

STATUS_WORDS = ("investigating", "identified", "monitoring", "resolved", "update", "verifying", "completed",
                "postmortem")


@dataclass(frozen=True)
class StatusStamp:
    line: tuple[int, int]  # the "Posted …" line
    paragraph: tuple[int, int]  # the update's last paragraph, just above the line
    update: tuple[int, int]  # the whole update: from its status word to the end of its last paragraph
    word: str  # the status word the update begins with


def status_stamps(text: str) -> list[StatusStamp]:
    """The stamps of a text laid out as a status page, in text order; [] when it is not laid out so.
    An update begins at its paragraph's status word ("Resolved - …") or at a line that is only a
    status word ("Postmortem"). Its stamp is a "Posted …" line, or a line that is only a date and
    time ("Apr 12, 02:24 UTC", as a page's updates read when copied) below an update whose status
    word is followed by a dash or a colon ("Identified – …"), however many lines the update has. On a
    page of two or more "Posted …" lines, each dates the paragraph above it, status word or not."""
    stamps: list[StatusStamp] = []
    paged = sum(1 for line in text.split("\n") if line.lstrip().lower().startswith("posted ")) >= 2  # a page of updates
    previous: tuple[tuple[int, int], str] | None = None
    heading: tuple[int, str] | None = None  # the last line that is only a status word since the last stamp
    opened: tuple[int, str] | None = None  # the last line since the last stamp that opens "Word – …"
    position = 0
    for line in text.split("\n"):
        span = (position, position + len(line))
        position += len(line) + 1
        words = line.strip()
        if not words:
            continue
        posted = words.lower().startswith("posted ")
        if previous is not None and (posted or opened is not None and _bare_stamp(words)):
            first = _first_word(previous[1])
            if first in STATUS_WORDS and (posted or _opens(previous[1])):
                stamps.append(StatusStamp(span, previous[0], previous[0], first))
            elif heading is not None:
                stamps.append(StatusStamp(span, previous[0], (heading[0], previous[0][1]), heading[1]))
            elif opened is not None and not posted:
                update = (opened[0], previous[0][1])
                stamps.append(StatusStamp(span, update, update, opened[1]))
            elif posted and paged:  # an incident's history whose updates name no status ("This incident has been resolved.")
                stamps.append(StatusStamp(span, previous[0], previous[0], "update"))
            heading = opened = None
            continue
        if heading is None and _first_word(words) in STATUS_WORDS and len(words.split()) == 1:
            heading = (span[0], _first_word(words))
        if _opens(words):
            opened = (span[0] + len(line) - len(line.lstrip()), _first_word(words))
        previous = (span, words)
    return stamps


def _opens(words: str) -> bool:
    """'Identified – Login is blocked …', 'Update: …': a status word, then a dash or a colon."""
    first, _, rest = words.partition(" ")
    word = first.rstrip(":").lower()
    return word in STATUS_WORDS and (first.endswith(":") or rest[:1] in ("-", "–", "—"))


_NAMED_DAYS = MONTH_STEMS | WEEKDAY_STEMS
_STAMP_WORDS = frozenset(("at", "am", "pm", "a.m.", "p.m.", "-", "–", "—", "·", "|"))


def _bare_stamp(words: str) -> bool:
    """A line that is only a stamp: at most seven words, beginning with a month, a day or a digit, with a
    clock time ("Apr 12, 02:24 UTC", "2024-01-12 16:13 UTC", "Oct 21, 2016 - 11:10 UTC"), and no word
    of prose ("2 servers failed at 09:12 UTC." is a line of the update, not its stamp)."""
    if len(words) > 40 or len(words.split()) > 7:
        return False
    if not (words[:3].lower() in _NAMED_DAYS or words[:1].isdigit()):
        return False
    if not all(_stamp_word(w) for w in words.split()):
        return False
    at = words.find(":")
    return 0 < at < len(words) - 2 and words[at - 1].isdigit() and words[at + 1:at + 3].isdigit()


def _stamp_word(word: str) -> bool:
    """A word a stamp is written with: a figure ("12,", "02:24", "2024-01-12"), a month or a day's
    name, a zone's letters ("UTC", "PDT"), 'at', 'am' or a dash."""
    bare = word.strip(",.()")
    lowered = bare.lower()
    return (not bare or bare[:1].isdigit() or lowered in _STAMP_WORDS or lowered[:3] in _NAMED_DAYS
            or bare.isalpha() and bare.isupper() and len(bare) <= 5)


def _first_word(words: str) -> str:
    return words.split(" ", 1)[0].strip(" -–:").lower()


class Stamps:
    """Where a text's status stamps are, found by bisection."""

    def __init__(self, text: str):
        self.stamps = status_stamps(text)
        self.update_starts = [s.update[0] for s in self.stamps]

    def __bool__(self) -> bool:
        return bool(self.stamps)

    def stamp_on(self, position: int) -> StatusStamp | None:
        """The stamp whose "Posted …" line `position` is on, or None."""
        i = bisect_right(self.update_starts, position) - 1
        return self.stamps[i] if i >= 0 and self.stamps[i].line[0] <= position < self.stamps[i].line[1] else None

    def on_stamp(self, position: int) -> bool:
        """Whether `position` is on a "Posted …" line."""
        return self.stamp_on(position) is not None

    def stamp_below(self, position: int) -> StatusStamp | None:
        """The stamp of the update `position` is in, or None."""
        i = bisect_right(self.update_starts, position) - 1
        if i >= 0 and position < self.stamps[i].line[0]:
            return self.stamps[i]
        return None


def newest_first(stamps: list) -> bool:
    """Whether a blog's "Update HH:MM:" stamps run newest first (12:54, 20:39, 20:10, 19:45, 19:04: the
    clock falls more often than it rises from one to the next), as a status blog prepends its updates."""
    minutes = [e.clock.hour * 60 + e.clock.minute + (720 if e.clock.meridiem == "pm" and e.clock.hour < 12 else 0)
               for e in stamps]
    falls = sum(b < a for a, b in zip(minutes, minutes[1:]))
    return len(stamps) >= 3 and falls > (len(stamps) - 1) / 2


# a line that opens the story below its updates; blanks before it on its own line only ("\s*" would run over
# every blank line after each line start: quadratic on a page of empty lines)
_ORIGINAL = re.compile(r"^[ \t]*original (?:story|article|post|report)\b", re.IGNORECASE | re.MULTILINE)


def prepended(text: str, stamps: list) -> bool:
    """Whether a story's "Update (…):" stamps were put above it ("Update (6/6 9 am PT): … Update (11:30 pm
    PT): … Original story: …"): newest first, whatever their clocks say."""
    original = _ORIGINAL.search(text)
    return bool(stamps) and original is not None and all(e.start < original.start() for e in stamps)


def opens_update(text: str, start: int) -> bool:
    """Whether the time at `start` opens a line's update: "Update (3:49 pm):", "UPDATE, 5:10pm:", "Updated 20:30"."""
    line = text[max(text.rfind("\n", 0, start) + 1, start - 16):start]
    return "".join(c for c in line if c.isalpha()).lower() in ("update", "updated", "edit", "edited")
