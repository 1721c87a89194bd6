"""How a text's time readings stand beside each other: the same moment said again in another zone,
the time of what a relative figure counts from written right after it, and a timeline entry whose
time heads it on a line of its own."""

from __future__ import annotations

import dataclasses
import re

from ..timetext.kinds import classify
from ..timetext.lexicon import MONTHS, WEEKDAYS
from ..timetext.readings import Reading
from .stamped import STATUS_KINDS

LINE_MOST = 2_000  # characters of a line that may be a page's date line (16 words at most)


def twin(text: str, first: Reading, second: Reading) -> bool:
    """The second reading is the first said again in another zone, right after it."""
    return (first.kind == second.kind and first.kind in ("clock", "range") and first.instant is not None
            and first.instant == second.instant and first.until_instant == second.until_instant
            and text[first.end:second.start].strip() in ("(", "/", "=", "or", ",", "|"))


# a zone named in a parenthesis before the time it gives ("(Taipei Timezone UTC+8, 2025-10-20 14:48)"); bounded text only
_ZONE_FIRST = re.compile(r"\b(?:UTC|GMT)\s?[+\u2212-]\s?\d{1,2}(?::?\d\d)?\b|\btime ?zone\b|\blocal time\b", re.IGNORECASE)


def restated(text: str, first: Reading, second: Reading) -> bool:
    """The second reading is the first said again in a zone the parenthesis right after it names before
    it ("started at 11:48 PM PDT on October 19 (Taipei Timezone UTC+8, 2025-10-20 14:48)"), or in one
    it leaves unsaid, whole hours apart and alone in it ("8:30 p.m. (11:30 p.m.)"): the same moment."""
    between = text[first.end:second.start]
    if first.kind != "clock" or second.kind != "clock" or len(between) > 48 or not between.lstrip().startswith("(") \
            or ")" in between:
        return False
    if between.strip() == "(" and first.instant is not None and second.instant is not None \
            and any(note.startswith("no zone written") for note in second.notes):  # "8:30 p.m. (11:30 p.m.)"
        apart = abs(second.instant - first.instant)
        return 0 < apart <= 14 * 3600 and apart % 1800 == 0 and text.startswith(")", second.end)
    return _ZONE_FIRST.search(between) is not None


_PLACE_WORDS = frozenset(("in", "on", "at", "last", "this", "the", "of", "time", "local", "morning", "evening", "night",
                          "afternoon"))


def placed_again(text: str, first: Reading, second: Reading) -> bool:
    """The second reading says the first again, with its zone and day, after the place and the day the
    first names without a zone ("about 4 am in Australia last Wednesday (1am SGT on Nov 8)"): the
    second is the moment meant."""
    between = text[first.end:second.start]
    words = between.rstrip().removesuffix("(").split()
    return first.kind == "clock" and second.kind == "clock" and len(between) <= 48 and between.rstrip().endswith("(") \
        and any(note.startswith("no zone written") for note in first.notes) \
        and not any(note.startswith("no zone written") for note in second.notes) \
        and bool(words) and all(w in _PLACE_WORDS or w[:1].isupper() for w in words)  # not "4 am (1am SGT)": restated


def headed(text: str, sentence: tuple[int, int], clause: tuple[str, str], following: int):
    """A timeline entry whose time heads it on a line of its own ("12:15 UTC | 05:15 PT", and on the
    next line "We are aware of an issue …"): the entry is the time's sentence, and its words are the
    next line's, unless that line begins with a time of its own (the next entry's heading)."""
    if any(c.isalnum() for part in clause for c in part) and not _stamp_only(clause):
        return sentence, clause
    end = text.find("\n", sentence[1], sentence[1] + LINE_MOST)
    label = _field_label(text, sentence[0])
    if label is not None:  # "Incident Resolved" on the line above "2025-05-14 14:20 UTC": a field and its value
        return sentence, (label, "")
    if end < 0 or text[sentence[1]:end].strip():
        return sentence, clause  # more words on the time's line, or no line after it
    start = end + 1
    while start < len(text) and text[start] in " \t\r":
        start += 1
    stop = text.find("\n", start, start + LINE_MOST)
    stop = stop if stop >= 0 else min(len(text), start + LINE_MOST)
    body = text[start:stop]
    if start >= following or not any(c.isalpha() for c in body):
        return sentence, clause
    return (sentence[0], stop), ("", body.rstrip())


_STAMP_WORDS = frozenset(("edit", "edited", "update", "updated", "at", "on", "posted", "utc", "gmt", *MONTHS, *WEEKDAYS))


def _stamp_only(clause: tuple[str, str]) -> bool:
    """Whether the words around a time only stamp what follows ("EDIT 04.01.2022 at 10:59 UTC:" on its own line)."""
    words = _LETTERS.findall(f"{clause[0][-80:]} {clause[1][:4]}".lower())
    return bool(words) and all(w in _STAMP_WORDS for w in words) and clause[1].strip() in ("", ":")


_LETTERS = re.compile(r"[^\W\d_]+")


def _field_label(text: str, start: int) -> str | None:
    """The line right above a time alone on its line, when it is a field's label that names a milestone
    ("Incident Start", "Incident Resolved", "Detected"): a few words with no sentence's end; None otherwise
    (a heading such as "Timeline" names none, and the time then heads the line below it)."""
    line_end = text.rfind("\n", max(0, start - LINE_MOST), start)
    if line_end < 0 or text[line_end:start].strip():
        return None
    line_start = text.rfind("\n", max(0, line_end - 80), line_end) + 1
    label = text[line_start:line_end].strip().rstrip(":")
    words = label.split()
    if not 1 <= len(words) <= 4 or not all(w.replace("-", "").isalpha() for w in words):
        return None
    return label if classify((label, ""), live=None).kind != "other" else None


_COORDINATORS = frozenset(("and", "or", "and again", "and then", "and then again", "then", "then again", "and later",
                           "and once more", "and once again"))


def coordinated(text: str, first: Reading, second: Reading) -> bool:
    """The two readings are joined by 'and' (or 'or', 'and again') with no words of their own
    between them: what the clause says after the second is said of both ("from 16:35 to 17:02, and
    again from 21:14 to 22:47 UTC, the API was degraded"; "on Monday and Tuesday the site was down")."""
    if first.kind == "relative" or second.kind == "relative" or second.start - first.end > 24:
        return False
    return text[first.end:second.start].strip(" ,").lower() in _COORDINATORS


def anchored(text: str, relative: Reading, second: Reading) -> bool:
    """The second reading is the time of what the relative one counts from, written right after its
    anchor's words ("Hours into the 9 p.m. ET telecast, UFC acknowledged …")."""
    return relative.kind == "relative" and right_after(text, relative.end, second)


def apposed_relative(text: str, first: Reading, second: Reading) -> bool:
    """The second reading is a relative one set between commas right after the first, the same moment
    said again ("At 9:00 PM ET, about eight hours after the outage began, the company posted …"): the
    words after it are said of both."""
    return (first.kind in ("clock", "day") and second.kind == "relative" and second.start - first.end <= 3
            and not text[first.end:second.start].strip(" ,") and "," in text[first.end:second.start]
            and text[second.end:second.end + 2].lstrip(" ")[:1] == ",")


def day_before_length(text: str, first: Reading, second: Reading) -> bool:
    """A day written right before a length ("legte am Freitag sieben Stunden lang … lahm"): the words after
    the length say what happened that day too."""
    return (first.kind == "day" and second.kind == "relative" and second.start - first.end <= 2
            and not text[first.end:second.start].strip())


def right_after(text: str, end: int, second: Reading) -> bool:
    between = text[end:second.start]
    return second.kind in ("clock", "day") and len(between) <= 12 and not any(c in between for c in ",.;:()—、。|\n")


def update_stamp(text: str, reading: Reading) -> str:
    """'update' for a live blog's stamp that heads an update at its line's start ("Update, 5:10pm: Amazon
    has acknowledged …", "Update 7/16/18 5:19pm ET: …", or a line of its own: "Update 12/14/13 10:40 am
    PST"), a status page's word for its update's ("- investigating May 11, 2021, 02:35 AM UTC"),
    'updated' for an article's "Updated 20:30BST:", else ''. Only the line's words before the time
    and the two characters after it are read."""
    after = text[reading.end:reading.end + 2].strip(" \t")[:1]
    if after != ":" and after not in ("\n", "\r") and reading.end < len(text):
        return ""  # "Update, 5:10pm: …", or a heading line of its own ("Update 12/14/13 10:40 am PST")
    line_start = text.rfind("\n", max(0, reading.start - 40), reading.start) + 1
    if line_start == 0 and reading.start > 40:
        return ""
    words = text[line_start:reading.start].strip(" \t*#_-–—,:+").lower()
    for word in ("updated at", "updated", "update at", "update"):
        if words == word:
            return word.split()[0]
    return words if words in STATUS_KINDS else ""  # "- investigating May 11, 2021, 02:35 AM UTC" over its update


def alone_on_line(text: str, reading: Reading) -> bool:
    """Whether a time is all its line holds ("Apr 13, 2016 09:31" over a status page's summary): the
    stamp of the post it heads. Only the line's own characters are read, up to 200 each way."""
    start = text.rfind("\n", max(0, reading.start - 200), reading.start) + 1
    if start == 0 and reading.start > 200:
        return False
    end = text.find("\n", reading.end, reading.end + 200)
    if end < 0:
        end = len(text) if len(text) - reading.end <= 200 else reading.start
    return end >= reading.end and not text[start:reading.start].strip(" \t*#_-–—|") \
        and not text[reading.end:end].strip(" \t*#_-–—|.:")


def own_verb(before: str) -> bool:
    """Whether the words before a time already say what happened then ("The site went down on Monday
    and …"): a clause of its own, not a list of times waiting for its verb."""
    words = before[before.rfind(".") + 1:].lower()
    return any(f" {w} " in f" {words} " for w in ("was", "were", "is", "are", "went", "began", "started", "had", "has"))


_UNTIL_FR = ("jusqu'à", "jusqu’à", "à")
_JOINERS = {"from": ("until", "till", "to", "through", "thru", "-", "–", "—"), "between": ("and",),
            # "Dès 9h30 ce mercredi 13 octobre 2021, jusqu'à environ 10h20", "von etwa 9 bis etwa 11 Uhr"
            "dès": _UNTIL_FR, "de": _UNTIL_FR, "depuis": _UNTIL_FR, "entre": ("et", "y", "e"), "von": ("bis",), "ab": ("bis",),
            "zwischen": ("und",), "desde": ("hasta", "hasta las"), "dalle": ("alle", "fino alle"), "van": ("tot",),
            "vanaf": ("tot",), "das": ("às", "até", "até às")}
_SPAN_MOST = 7 * 86_400  # seconds a span's two ends may be apart


def spans_joined(text: str, readings: list[Reading]) -> list[Reading]:
    """The readings, with two clock times written as one span joined into a range when a qualifier
    inside kept them apart ("from approximately 13:07:58 UTC until approximately 15:23:58 UTC",
    "between about 9:05 and about 10:40"): the span's two ends, as a range's."""
    out: list[Reading] = []
    i = 0
    while i < len(readings):
        a = readings[i]
        b = readings[i + 1] if i + 1 < len(readings) else None
        if b is not None and _one_span(text, a, b):
            out.append(dataclasses.replace(a, kind="range", end=b.end, as_reported=text[a.start:b.end], until=b.time,
                                           until_instant=b.instant, until_start=b.start, notes=(*a.notes, *b.notes),
                                           until_uncertainty_min=b.uncertainty_min))
            i += 2
            continue
        out.append(a)
        i += 1
    return out


def _one_span(text: str, a: Reading, b: Reading) -> bool:
    if a.kind != "clock" or b.kind != "clock" or not a.usable or not b.usable or a.tz != b.tz:
        return False
    if a.instant is None or b.instant is None or not 0 < b.instant - a.instant <= _SPAN_MOST:
        return False
    opener = text[max(0, a.start - 12):a.start].lower().split()[-1:]
    between = text[a.end:b.start].strip(" ,\t\n").lower()  # "9h30 ce mercredi 13 octobre 2021, jusqu'à environ 10h20"
    return bool(opener) and between in _JOINERS.get(opener[0], ()) and b.start - a.end <= 12


def shared_words(text: str, readings: list[Reading], spoken: list[tuple[tuple[int, int], tuple[str, str]]]) -> list[str | None]:
    """For each reading, the words after the times it is joined to, when they speak of it too (a twin
    in another zone, the anchor's time, a time joined by 'and': "from 16:35 to 17:02, and again from
    21:14 to 22:47 UTC, the API was degraded"): the words after the run's last time; None when it is
    joined to none. One pass from the end, each run's words shared, not copied: linear however long
    the run ("09:10 and 09:20 and …")."""
    shared: list[str | None] = [None] * len(readings)
    for i in range(len(readings) - 2, -1, -1):
        reading, following = readings[i], readings[i + 1]
        each = "それぞれ" in spoken[i + 1][1][1][:12]  # "メールは…ごろまでに、閲覧は…ごろまでに、それぞれ復旧した"
        if twin(text, reading, following) or anchored(text, reading, following) or apposed_relative(text, reading, following) \
                or each or day_before_length(text, reading, following) \
                or coordinated(text, reading, following) and not own_verb(spoken[i][1][0]):
            nxt = shared[i + 1]
            shared[i] = nxt if nxt is not None else spoken[i + 1][1][1]
    return shared


def another_clause(text: str, start: int, end: int) -> bool:
    """Whether the words between two times of a sentence open another clause ("resolved at 04:37, but
    we delayed the move back until 09:45"): the second is then not the first's event again. Times
    further apart than a long line are no longer one clause: the words between are never read
    again for each later time of a long sentence."""
    if end - start > LINE_MOST:
        return True
    words = f" {text[start:end].lower()} "
    return any(w in words for w in (" but ", ";", " while ", " whereas ", " although ", " though "))


_THEN = ("that's when", "that’s when", "that is when", "this is when", "that was when", "it was then", "which is when",
         "this was when", "at that point", "at that moment")


def with_next(text: str, sentence: tuple[int, int], clause: tuple[str, str]) -> tuple[str, str]:
    """The clause, and the next sentence when it speaks of this one's time ("… 15:40 UTC we saw a peak
    of routing changes. That's when the trouble began.")."""
    following = text[sentence[1]:sentence[1] + 200].lstrip(" .\n")
    quoted = text[sentence[0]:sentence[1]].rstrip().endswith(":") and following[:1] in "\"“'‘"  # 'Update from Visa at 4:56pm: "…"'
    if following.lower().startswith(_THEN) or quoted:
        end = min((following.find(c) for c in ".!?\n" if c in following), default=len(following))
        return clause[0], f"{clause[1]} {following[:end]}"
    return clause


_FOREIGN_FAILURES = ("storing", "panne", "störung", "ausfall", "caída", "apagón", "guasto", "blackout", "avaria")
_OWNED_FAILURES = ("outage", "crash", "disruption", "failure", "glitch", "blackout", "meltdown", "downtime", "breakdown")


def possessive_day(text: str, reading: Reading, live: bool | None) -> tuple[str, str] | None:
    """(kind, note) of a day written as the owner of what happened on it: a live event's day ("Friday's
    launch"), an outage's ("BT apologises for yesterday's broadband outage": the failure's day, whatever the
    verb before it); else None."""
    lead = text[max(0, reading.start - 40):reading.start].lower().split()  # "de storing van maandag", "la panne de lundi"
    if live is False and len(lead) >= 2 and lead[-1] in ("van", "de", "du", "vom", "von", "del", "di", "of") \
            and any(lead[-2].endswith(noun) for noun in _OWNED_FAILURES + _FOREIGN_FAILURES):
        return "impact_start", f"kind guessed from '{lead[-2]} {lead[-1]} {reading.as_reported}': the failure's day"
    if text[reading.end:reading.end + 2] not in ("'s", "’s"):
        return None
    if live:
        return "scheduled_start", f"kind guessed from '{reading.as_reported}’s …': the live event's day"
    owned = text[reading.end + 2:reading.end + 40].lower().split()[:3]
    failure = next((w for w in owned if w.strip(",.;:") in _OWNED_FAILURES), None)
    if live is False and failure is not None:
        return "impact_start", f"kind guessed from '{reading.as_reported}’s … {failure.strip(',.;:')}': the failure's day"
    return None

