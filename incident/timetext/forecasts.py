"""Whether a clause forecasts or promises a time to come ("full restoration is expected by 7:40
p.m.", "next update by 12:45", "pushed back from 10 a.m. to 3 p.m."): a time no event happened at."""

from __future__ import annotations

import re
from functools import lru_cache

from .kinds_ko import FORECASTS as KOREAN_FORECASTS, compact
from .lexicon import CJK_CHARACTER
from .kinds_zh import FORECASTS as CHINESE_FORECASTS

_CLAUSE_ENDS = (",", ";", " and ", " that ", " but ", " while ", " as ", " — ", " – ", " et ", " mais ", " und ", " aber ",
                " y ", " pero ")


def _own_words(after: str) -> str:
    """The words after a time that are still its clause: up to a comma, 'and', 'that' … ("halted
    trading on Thursday and plans to resume on Friday": the plan is not Thursday's; "said Monday that
    it plans to": the saying is Monday's)."""
    ends = [at for at in (after.find(end) for end in _CLAUSE_ENDS) if at >= 0]
    return after[:min(ends)] if ends else after


_FORECASTS = ("expected by", "expected to", "expects to", "will be", "will now", "will have", "will send", "will provide",
              "will post", "will share", "will publish", "would be restored", "next update", "further update",
              "more information", "aims to", "aiming to", "plans to", "planned for", "is set to", "are set to",
              "scheduled to resume", "will resume", "will commence", "will start", "will begin", "estimated time",
              "target of", "target for", "targeted for", "target time", "target date",  # "a target of full restoration by"
              "it'll", "it’ll", "we'll", "we’ll", "they'll", "they’ll",  # "how long it'll be before power is restored"
              "may take", "might take", "could take", "can take", "will take",  # "it may take up to an hour before …"
              "may still", "might still", "may experience", "might experience",  # a possibility, no event's time
              "見込み", "見通し", "めど", "目途", "目指", "予定です", "予定としている", "予定されている", "予定している")  # Japanese: expected, aimed at


# what went as planned ("order matching went as expected after the market reopened at 5:15pm"): no forecast
_AS_EXPECTED = re.compile(r"\b(?:as|than) (?:expected|anticipated|planned)\b")  # linear: no nested repeats
_FORECAST_VERBS = ("expected", "expects", "expect", "anticipated", "anticipate", "estimated", "forecasting", "should be", "will",
                   "would be", "it would", "they would", "we would",  # "said it would undertake maintenance between …"
                   "hope to", "hopes to", "aim to", "aims to", "intend", "projected", "was to", "were to", "etr", "eta",
                   "estimated time of")  # an ETR, "estimated time of restoration": a forecast
_PLAIN_FORECASTS = ("expected", "expects", "expect", "anticipated", "anticipate", "forecasting", "etr", "eta", "will",
                    "estimated time of", "projected")  # not "should be": "everything should be back up" is a state
_MOVES = ("pushed back", "moved", "rescheduled", "postponed", "brought forward", "shifted", "revised to",
          "extended to", "extended until")  # "its closing time was extended to 8pm": a schedule moved
_FORECAST_WORDS = [(f, re.compile(rf"\b{re.escape(f)}\b")) for f in (*_FORECAST_VERBS, *_MOVES)]  # compiled once
# any word forecast_in looks for, as a literal alternation (linear): a clause with none is no forecast
_ANY_FORECAST = re.compile("|".join(re.escape(f) for f in sorted({*_FORECASTS, *_FORECAST_VERBS, *_MOVES, "eta", "etr",
                                                                      "usual", "daily", "every day", "each day"}, key=len, reverse=True)))


def may_forecast(words: str) -> bool:
    """Whether lower-case words hold anything forecast_in reads as a forecast (a quick test before it)."""
    return _ANY_FORECAST.search(words) is not None or not words.isascii() and CJK_CHARACTER.search(words) is not None  # CJK: compacted first


# what a past plan was to do when it was a start ("was to stream from Los Angeles starting at 8 p.m."): the schedule
_STARTING = ("start", "begin", "stream", "air", "open", "kick", "launch", "take place", "go live", "premiere", "debut", "go on")


def _planned_start(near: str, found: str) -> bool:
    """Whether 'was to' / 'were to' names a start that was planned: the schedule, not a forecast."""
    return found in ("was to", "were to") and near[near.rfind(found) + len(found):].lstrip().startswith(_STARTING)


_NO_OUTLOOK = ("が立っていない", "は立っていない", "が立たない", "は立たない", "が立っておらず", "は立っておらず", "はない", "がない")


def _no_outlook(words: str, found: str) -> bool:
    """'復旧のめどが立っていない': no outlook yet, so still down at the time, not a forecast of a time to come."""
    at = words.find(found)
    return found in ("見通し", "めど", "目途") and words[at + len(found):at + len(found) + 8].startswith(_NO_OUTLOOK)


def forecast_in(clause: tuple[str, str]) -> str:
    """'a forecast' when the clause promises or forecasts ("full restoration is expected by 7:40 p.m.",
    "next update by 12:45", "pushed back from 10 a.m. to 3 p.m.": the new time), a time to come, never
    an event's; else ''."""
    before, after = clause[0][-300:].lower(), clause[1][:300].lower()  # only the words near the time are read
    before, after = _AS_EXPECTED.sub(" ", before), _AS_EXPECTED.sub(" ", after)  # "went as expected" (not "was expected to")
    words = before[-60:] + " " + _own_words(after[:40])
    found = next((f for f in _FORECASTS if f in words and not _no_outlook(words, f)), None)
    if found is None:  # Korean, its spaces taken out (kinds_ko.py)
        compacted = compact(words)
        found = next((f for f in KOREAN_FORECASTS + CHINESE_FORECASTS if f in compacted), None)
    near = before[-60:]
    if found is None and _ANY_FORECAST.search(near):  # one pass first: most clauses have none
        found = next((f for f, word in _FORECAST_WORDS if word.search(near) and not _planned_start(near, f)
                      and not (f == "should be" and " now" in near[near.rfind(f):])), None)  # "should be back online now": a state
    if found is None and after.split()[:1] in (["eta"], ["etr"], ["eta,"], ["etr,"]):
        found = after.split()[0].rstrip(",")  # "their 03:00 GMT eta still stands"
    if found is None and after.lstrip()[:1] in (":", "—", "–", "|"):  # a stamp heading its words: "Update 20:10: the
        heading = _own_words(after.lstrip()[1:60])  # board expects power back by 03:00" is a forecast posted then
        found = next((f for f, word in _FORECAST_WORDS if f in _PLAIN_FORECASTS and word.search(heading)), None)
    if found is None:
        return _routine(before, after)
    return f"a forecast or a promise ({found!r})"


_ROUTINE = re.compile(r"\b(?:usual|usually|daily|every day|each day)\b")  # on a bounded clause: linear
_ROUTINE_ENDS = (",", ";", " but ", " and ", " though ", " while ")


def _routine(before: str, after: str) -> str:
    """'a routine' when the time's own clause says what happens every day ("its usual 4.20pm closing time",
    "only usually operating until 4pm daily"): no event of the incident ('as usual' is said of one)."""
    cut = max((before.rfind(end) + len(end) for end in _ROUTINE_ENDS if end in before[-80:]), default=0)
    own = " ".join(before[max(cut, len(before) - 80):].split()[-6:]) + " " + " ".join(_own_words(after[:40]).split()[:4])
    if any(f"{word} the usual" in own for word in ("after", "before", "past", "beyond")):
        return ""  # "occurred just after the usual closing time of 5.30 p.m.": the routine's time places an event
    found = _ROUTINE.search(own.replace("as usual", ""))
    return f"a routine ({found.group()!r})" if found else ""


_ANNOUNCING = ("will be", "will have", "tonight", "tomorrow", "upcoming", "is scheduled", "are scheduled", "scheduled for")


@lru_cache(maxsize=256)  # read once per sentence, not once per time in it: linear however many times a sentence holds
def announces(text: str, start: int, end: int) -> bool:
    """Whether the sentence from `start` to `end` announces what is to come ("will be back by 9", "tomorrow")."""
    words = text[start:end].lower()
    return any(phrase in words for phrase in _ANNOUNCING)
