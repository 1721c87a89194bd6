"""What a text's time is, when it is no claim of the incident: a page's own date line, an article's
'Updated' stamp, a length in parentheses, another incident's time, a time to come."""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import lru_cache

from ..model import zones
from ..timetext.figures import KICK_OFF
from ..timetext.lexicon import MONTH_STEMS, MONTHS, WEEKDAY_STEMS, WEEKDAYS
from ..timetext.days import Context, after_byline
from ..timetext.chinese import BYLINE as CHINESE_BYLINE
from ..timetext.korean import BYLINE_AFTER, BYLINE_BEFORE
from ..timetext.stamps import STATUS_WORDS
from ..timetext.readings import Reading
from .neighbours import LINE_MOST, update_stamp

FAR_DAYS = 400  # a time this far from every day the text could be about is another incident's ("the outage of October 2010")
_BYLINE = ("updated", "published", "posted", "last modified", "last update",  # and the other languages' words
           "publié", "mis à jour", "veröffentlicht", "aktualisiert", "publicado", "actualizado", "pubblicato",
           "aggiornato", "gepubliceerd", "bijgewerkt")
_LAST_BYLINE = ("公開", "更新", "配信")  # Japanese, ending its line: "» 2022年07月03日 18時30分 公開"
_DATELINE_WORDS = frozenset(("at", "on", "by", "the", "of", "and", "am", "pm", "a.m.", "p.m.", "ago", "last", "first", "|", "-",
                             "–", "—", "·", "•", "/", "hours", "hour", "minutes", "days", "time", "local", "edited", "modified",
                             "update", "updated", "published", "posted", "le", "à", "um", "el", "a", "las", "il", "alle",
                             "op", "om", "de", "du", "publié", "veröffentlicht", "aktualisiert", "publicado", "pubblicato",
                             "gepubliceerd", "mis", "jour"))
_DATE_WORDS = MONTH_STEMS | WEEKDAY_STEMS | {"utc", "gmt"}  # a word of a date line, by its first three letters
_WORDS = re.compile(r"\d+|[^\W\d_]+")  # the words and numbers of a few words (linear)


def why_aside(text: str, reading: Reading, context: Context | None, stamped: bool, live: bool | None,
              own: date | None) -> str:
    """Why a reading is no claim of this incident, or '': a page's dateline ("09/08/2016 8:42 PM AEST |
    Updated …"), a length in parentheses (a video's "(1:48)"), a time far from every day the text
    could be about (`incident_days`), a time or day after the text was published, a match's phase
    in a text about no live event (`live` False). `stamped`: the
    text is a status page's updates (its "Posted" lines are no datelines); `own`: the text's own
    first full date (`own_day`)."""
    line_start = text.rfind("\n", 0, reading.start) + 1
    line_end = text.find("\n", reading.end)
    line_end = line_end if line_end >= 0 else len(text)
    # a dateline is short: a line of thousands of characters is not read again for each of its times
    line = text[line_start:line_end] if line_end - line_start <= LINE_MOST else ""
    if not stamped and line and len(line.split()) <= 16 and (any(w in line.lower() for w in _BYLINE)
                                                             or line.rstrip().endswith(_LAST_BYLINE)) and dateline(line) \
            and (writes_year(line) or any(w in text[line_start:reading.start].lower() for w in _BYLINE)):
        return "the page's own date line (when it was published or updated)"  # not a timeline's "09:58 Status post is published"
    if not stamped and reading.kind in ("clock", "day") and after_byline(text, reading.start):
        return "the page's own date line (when it was published or updated)"
    if not stamped and line and len(line.split()) <= 14 and line.count(" | ") >= 2 and writes_year(line) and dateline(line):
        return "the page's own date line (its author, place and date between bars)"  # "Penélope O | Mallorca, 19 de Diciembre de 2024 | 19:45h"
    if not stamped and line and line_start < 400 and reading.kind == "clock" and _heads(text, line_start):
        return "the page's own date line (the date and time it opens with: when it was published)"
    if not stamped and line and line_start < 400 and _masthead(line):
        return "the page's own date line (its source's name, then its date and time)"
    if not stamped and line_start < 400 and reading.kind == "day" and _wire_dateline(text, line_start, reading):
        return "the story's dateline (its place and date before a dash: when it was filed)"
    if not stamped and line and len(line.split()) <= 12 and _signed(line) and dateline(line):
        return "the page's own date line, on its author's byline ('By: …')"
    if not stamped and line and len(line.split()) <= 8 and _under_byline(text, line_start):
        return "the page's own date line, under its author's byline ('By …')"
    if _korean_stamp(text, reading):
        return "the page's own date line ('입력', '수정', '송고': when it was published or updated)"
    if _korean_stamp(text, reading, (), _ADDENDUM) or _addendum_line(text, reading):
        return "the article's addendum stamp ('追記', '更新': when the page changed)"
    if _korean_stamp(text, reading, CHINESE_BYLINE, CHINESE_BYLINE):
        return "the page's own date line ('来源', '发布时间', '报道': when it was published or updated)"
    if reading.kind == "clock" and update_stamp(text, reading) == "updated":
        return "the article's 'Updated' stamp (when the page changed)"
    after = text[reading.end:reading.end + 8].lstrip()
    if reading.kind == "relative" and after[:4].lower() == "read" and not after[4:5].islower():  # "7 min readFeb 14"
        return "a reading time ('7 min read'), not a length of the incident"
    if reading.kind == "relative" and reading.anchor == KICK_OFF and live is False:
        return "a match's phase ('at half time'), in a text about no live event: no kick-off to count from"
    if reading.kind == "relative" and after.lower().startswith("than") \
            and text[reading.end:reading.end + 24].lower().split()[1:2] in (["usual"], ["normal"], ["normally"], ["usually"]):
        return "a change to a routine ('four hours later than usual'), not a time of the incident"
    if reading.kind == "relative" and _counted_over(text, reading):
        return "the span a count was made over ('1 million reports in 24 hours'), not a length of the incident"
    around = text[max(0, reading.start - 1):reading.end + 1]
    if around.startswith("(") and around.endswith(")") and not any(c.isalpha() for c in reading.as_reported):
        return "a length in parentheses, not a time of day"
    published = context.latest if context is not None else None  # a month's last day when only the month is known
    if published is not None and reading.kind == "relative":
        reference = published.date() if isinstance(published, datetime) else published
        year = _year_before(text, reading.start)
        if year is not None and all(year != r.year for r in (reference, *incident_days(context, own))):
            return f"a length in a sentence about {year}: another incident's"
    if published is not None and reading.time:
        day = date.fromisoformat(reading.time[:10])
        reference = published.date() if isinstance(published, datetime) else published
        if all(abs((day - r).days) > FAR_DAYS for r in (reference, *incident_days(context, own))):
            return f"{abs((day - reference).days):,} days from the text's date: another incident's time"
        if (day - reference).days > 1 and not live:
            return "after the text was published: a time to come, not when anything happened"
        if reading.kind == "day" and not live and _to_come(reading, day, reference):
            return "a day after the text was published, or its evening to come: announced, not when anything happened"
    return ""


def _signed(line: str) -> bool:
    """'By: MarkJ - 03 January, 2004 (9:46 AM)', 'By Jane Smith | 4 March 2025': an author's byline with its date."""
    words = line.split()
    name = words[1].strip(":") if len(words) > 1 else ""
    return words[0] in ("By", "By:", "BY") and name[:1].isupper() and name.lower() not in MONTHS \
        and name.lower() not in WEEKDAYS and writes_year(line)


def _under_byline(text: str, line_start: int) -> bool:
    """Whether the line above (past blank lines) is an author's byline ("By James Titcomb"): the short
    line under it is the page's date stamp. Only a bounded window before the line is read."""
    above = text[max(0, line_start - 200):line_start].rstrip().rsplit("\n", 1)[-1].strip()
    words = above.split()
    return 2 <= len(words) <= 8 and words[0] == "By" and words[1][:1].isupper()


_OVER = ("in", "within", "over", "during", "in the last", "in the past", "over the last", "over the past")
_TALLY = re.compile(r"\d[\d,.]*\s*(?:million|thousand|k)?\s+(?:outage\s+)?(?:reports|complaints|problems reported)\b",
                    re.IGNORECASE)  # bounded: read on a window before the length


def _counted_over(text: str, reading: Reading) -> bool:
    """A length a tally of reports was counted over, right after its count ("over 1 million outage
    reports were generated in 24 hours", "178,000 reports in 15 minutes")."""
    lead = text[max(0, reading.start - 90):reading.start]
    words = lead.lower().split()
    own = reading.as_reported.lower().split()[:1]  # "within 15 minutes": the word may be the reading's own
    over = bool(words) and (words[-1] in _OVER or " ".join(words[-3:]) in _OVER or bool(own) and own[0] in _OVER)
    return over and _TALLY.search(lead) is not None


_YEAR = re.compile(r"\b(?:19|20)\d\d\b|(?<!\d)(?:19|20)\d\d(?=年)")  # on a bounded window only; "2022年" (年 is a word character)


def _year_before(text: str, at: int) -> int | None:
    """The year written in the sentence before `at` ("In August 2013 the NASDAQ suffered a shutdown
    which lasted for 3 hours"), read at most 160 characters back, or None."""
    window = text[max(0, at - 160):at]
    for stop in (". ", "\n", "! ", "? "):
        window = window[window.rfind(stop) + 1:] if stop in window else window
    years = [int(m.group()) for m in _YEAR.finditer(window) if not _is_clock(window[m.end():m.end() + 8])]
    return years[-1] if years else None


def _is_clock(after: str) -> bool:
    """Whether a four-digit number is a time of day by what follows it: a zone ("1900 GMT", "1430 UTC"),
    or hours ("1900 hrs")."""
    words = after.lstrip(" (").split(maxsplit=1)
    word = words[0].strip(").,;:") if words else ""
    return word in zones.LABELS or word.lower() in ("hrs", "hours", "h")


def incident_days(context: Context | None, own: date | None) -> tuple[date, ...]:
    """The days a text could be about besides its publication's: the incident's (known when several
    texts are drafted together), else the first date the text writes with its year (a look back
    years later: "On July 19, 2024 at 04:09 UTC …")."""
    near = context.near if context is not None else None
    if near is not None:
        return (near,)
    return (own,) if own is not None else ()


def writes_year(words: str) -> bool:
    """Whether the words write a year out ("July 19, 2024"), not leave it to be read in ("July 19")."""
    return _YEAR.search(words) is not None


def writes_date(words: str) -> bool:
    """Whether the words write a date's month and day ("27 May", "Feb. 9", "7/1"), not only a weekday
    or "today", whose day is read against the publication's."""
    pieces = _WORDS.findall(words.lower())
    return any(p.isdecimal() for p in pieces) and (any(p in MONTHS for p in pieces) or "/" in words)


def own_day(readings: list[Reading]) -> date | None:
    """The first day a text writes with its year, or None."""
    return next((date.fromisoformat(r.time[:10]) for r in readings if r.usable and r.time and writes_year(r.as_reported)), None)


def dateline(line: str) -> bool:
    """Whether a short line with a byline word is a page's date line ("Posted 09/08/2016 8:42 PM AEST |
    Updated …", "Last updated: 10 Aug 2016, 9:15am"), not a sentence that says something happened
    ("In the latest update, posted at 5.22am, the issues were still being investigated"): besides
    the byline words, dates, times and names, it has at most two words of prose."""
    return _prose(line) <= 2


def _prose(line: str) -> int:
    """How many words of a line are prose: lower-case words that are no date's, time's or byline's."""
    return sum(1 for w in re.split(r"[\s,:;()]+", line) if w and w.isalpha() and w.islower() and w not in _DATELINE_WORDS
               and w[:3] not in _DATE_WORDS)


def _masthead(line: str) -> bool:
    """'Alliance News 31 January, 2025 | 2:03PM', 'Kompas.com - 20/06/2024, 18:28 WIB': a name, then the date
    and time of the page, set apart by a bar or a dash, and no word of prose (nor an update's status word)."""
    words = line.split()
    return 3 <= len(words) <= 10 and any(bar in line for bar in (" | ", " - ", " – ", " — ")) and words[0][:1].isupper() \
        and words[0].lower()[:3] not in _DATE_WORDS and words[0].lower().rstrip(":") not in _UPDATE_WORDS \
        and writes_year(line) and _prose(line) == 0


_UPDATE_WORDS = (*STATUS_WORDS, "updated", "posted", "edit", "edited")  # an update's stamp, no masthead: "Update - 20/06/2024"
_ADDENDUM = ("追記", "更新", "追加")  # a Japanese page's "【2024年6月10日20時43分追記】"


def _addendum_line(text: str, reading: Reading) -> bool:
    """'同日17時25分追記' on a line of its own: a Japanese page's addendum stamp without its year."""
    end = text.find("\n", reading.end, reading.end + 12)
    rest = text[reading.end:end if end >= 0 else reading.end + 12].strip(" 　】]）)")
    start = text.rfind("\n", max(0, reading.start - 12), reading.start) + 1
    return rest in _ADDENDUM and not text[start:reading.start].strip(" 　【[（(")


def _korean_stamp(text: str, reading: Reading, words_before: tuple[str, ...] = BYLINE_BEFORE,
                  words_after: tuple[str, ...] = BYLINE_AFTER) -> bool:
    """'입력 2023-11-17 19:00', '수정2023.11.17 16:03', '2023-11-17 18:54 송고': a Korean page's stamp,
    the word joined or next to a time that writes its year (a Chinese page's, with its words:
    '2013年07月23日 07時38分 來源：人民日報', '綜合報導 2018-05-03 13:07')."""
    before = "".join(text[max(0, reading.start - 8):reading.start].split()).rstrip("：:/|")
    after = "".join(text[reading.end:reading.end + 6].split())
    return writes_year(reading.as_reported) and (before.endswith(words_before) or after.startswith(words_after))


def _heads(text: str, line_start: int) -> bool:
    """Whether the line starting at `line_start` is the date line a story opens with under its headline."""
    return _headed_date_line(text) == line_start


@lru_cache(maxsize=4)  # read once per text, not once per time in its opening lines
def _headed_date_line(text: str) -> int | None:
    """Where the date line a story opens with under its headline starts (`head_line`): the line above it,
    the text's first, a title of five words or more. Not a status post's stamp under a table's header
    ("Date Time Description") or a field's label ("Incident Start")."""
    found = head_line(text[:400 + LINE_MOST])
    if found is None:
        return None
    lines = [line for line in text[:found[1]].split("\n") if line.strip()]
    if len(lines) != 1 or len(lines[0].split()) < 5 or lines[0].rstrip().endswith(":"):
        return None
    return found[1]


def _to_come(reading: Reading, day: date, published: date) -> bool:
    """A day a text announces: 'tomorrow', 'tonight', or a date after it was published written without
    its year ("on May 1" in a story of 28 April); a dated update appended later ("April 18, 2022") keeps its year."""
    words = reading.as_reported.lower()
    if "tonight" in words or "tomorrow" in words:
        return True
    return day > published and not any(w.isdigit() and len(w) == 4 for w in re.split(r"\W", words))


_HEAD_WORDS = ("by", "by:", "posted", "published", "posted:", "published:", "updated", "updated:", "date:", "publié",
               "publié:", "veröffentlicht", "veröffentlicht:", "publicado", "publicado:", "pubblicato", "gepubliceerd")


def head_date(text: str) -> date | None:
    """The date a plain text opens with, the page's own as a saved page's: a full date alone on one of its
    first lines ("Wednesday, February 03, 2016"), or on its byline ("By: MarkJ - 03 January, 2004 (9:46
    AM)"); None when no such line. Only the opening few hundred characters are read."""
    found = head_line(text)
    return found[0] if found is not None else None


def head_line(text: str) -> tuple[date, int] | None:
    """The date a plain text opens with (`head_date`) and where its line starts in the text."""
    from ..timetext.readings import read_times

    position = len(text) - len(text.lstrip())
    for line in text[position:position + 400].split("\n")[:4]:
        start, position = position, position + len(line) + 1
        words = line.split()
        if not words or len(words) > 12 or not dateline(line):
            continue
        found = [r for r in read_times(line, Context(None, "UTC"), days=True) if r.time and writes_year(r.as_reported)]
        if found and (line.strip().startswith(found[0].as_reported[:4]) or words[0].lower() in _HEAD_WORDS or _masthead(line)):
            return date.fromisoformat(found[0].time[:10]), start
    return None


def _wire_dateline(text: str, line_start: int, reading: Reading) -> bool:
    """Whether a date with its year opens the text's first lines as a wire story's dateline does, a
    dash after it and at most a place before it ("Washington, July 25, 2025 – Starlink …", "July 25,
    2025 — A widespread outage …"): when the story was filed, not when anything happened."""
    if not writes_year(reading.as_reported):
        return False
    place = text[line_start:reading.start].strip()
    if place and (not place.endswith(",") or len(place.split()) > 4 or not place[0].isupper()):
        return False
    return text[reading.end:reading.end + 3].lstrip(" ")[:1] in ("–", "—", "-")
