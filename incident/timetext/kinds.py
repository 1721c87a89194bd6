"""What a clause says happened, from its words: the kind of event a time expression is about
("Our monitoring alerted at 9:12" → detection), with the note that names the guess."""

from __future__ import annotations

import re

# words that say what happened; the one nearest the time expression wins (one before it, which
# governs "mitigated … at 16:45", counts five times as near as one after it)
KINDS = (
    ("scheduled_start", ("scheduled to", "scheduled start", "scheduled for", "was due", "were due", "due to begin",
                         "due to start", "set to begin", "set to start", "planned to start", "billed to")),
    ("resolution", ("resolved", "resolution", "closed the incident", "incident closed", "all clear")),
    ("recovery", ("recover", "restored", "back online", "back up", "back in action", "to normal", "normal levels", "operating normally",
                  "operate normally", "working again", "resumed", "resumes", "came back", "fully operational",
                  "normal operation", "cleared", "to baseline", "processing normally")),
    ("mitigation", ("mitigat", "rolled back", "roll back", "rollback", "reverted", "revert", "failed over", "failover",
                    "workaround", "deployed a fix", "applied a fix", "fix was", "disabled", "disabling", "throttl",
                    "restarted", "relaunch")),
    ("acknowledgement", ("acknowledg", "began investigating", "started investigating", "investigating", "we are aware",
                         "declared", "engaged", "paged", "responded")),
    ("detection", ("detect", "alerted", "alert", "monitoring", "noticed", "identified an", "spotted", "became known",
                   "became aware", "first reported")),
    ("report", ("reported", "reporting", "complain", "downdetector", "users said", "customers said")),
    ("communication", ("posted", "tweeted", "status page", "announced", "statement", "updated", "notified", "wrote", "emailed")),
    ("end", ("ended", "wrapped up", "concluded", "finished", "signed off", "came to an end")),
    ("cause", ("caused by", "due to", "root cause", "because of", "attack", "triggered by")),
)
OUTAGE_WORDS = ("outage", "error", "fail", "down", "unavailable", "degrad", "disrupt", "impact", "incident", "problem",
                "issue", "latency", "crash", "went dark", "inaccessible", "unreachable", "broke", "interrupt")
STARTS = ("began", "begin", "started", "start", "starting", "kicked off", "got under way", "went live", "commenced",
          "since", "occurring")
_AFTER = 10_000  # a word after the expression counts only when none before it does
_SEPARATORS = (",", ";", " though ", " but ", " while ", " whereas ", " although ")


def _nearest(words, before: str, after: str) -> tuple[int, str] | None:
    """(distance, word) of the word of `words` nearest the expression, or None."""
    best = None
    for word in words:
        at = before.rfind(word)
        if at >= 0:
            distance = len(before) - (at + len(word))
            best = min(best or (distance, word), (distance, word))
        at = after.find(word)
        if at >= 0:
            best = min(best or (_AFTER + at, word), (_AFTER + at, word))
    return best


def _own_clause(before: str, after: str) -> tuple[str, str]:
    """The words of the expression's own clause: before it back to a comma, 'but', 'though' …; after
    it (past a comma or dash right after it) up to a 'but', 'though' … (a timeline's line, "10:19 —
    Certificate renewed; service restarted", speaks of its time to its end)."""
    cut = max((before.rfind(s) + len(s) for s in _SEPARATORS if s in before), default=0)
    rest = after.lstrip(" ,—–-:")
    ends = [rest.find(s) for s in _SEPARATORS[2:] if s in rest]
    return before[cut:], rest[: min(ends)] if ends else rest


def guess_kind(clause: tuple[str, str], span: bool = False) -> tuple[str, str]:
    """The kind the clause's words suggest (the clause as the words before and after the
    expression), with the note that names the guess. A span of time with an outage word
    ("Between 9:05 and 10:40 AM CDT, requests failed") is the impact."""
    before, after = _own_clause(clause[0].lower(), clause[1].lower())
    found = []
    if span:
        outage = _nearest(OUTAGE_WORDS, before, after)
        if outage is not None:
            found.append((outage[0], -2, "impact_start", f"kind guessed from '{outage[1]}' over a span of time: the impact"))
    for rank, (kind, words) in enumerate(KINDS):
        near = _nearest(words, before, after)
        if near is not None:
            found.append((near[0], rank, kind, f"kind guessed from '{near[1]}'"))
    start = _nearest([w for w in STARTS if re.search(rf"\b{w}\b", before + " " + after)], before, after)
    if start is not None:
        part = before if start[0] < _AFTER else after  # the outage word must be where 'began' is: its subject
        if any(word in part for word in OUTAGE_WORDS):
            found.append((start[0], -1, "impact_start", f"kind guessed from '{start[1]}' with an outage word"))
        else:
            found.append((start[0] + 20, 99, "recovery",
                          f"kind guessed from '{start[1]}': the start of a delayed live event is its recovery (an outage's start: impact_start)"))
    if not found:
        return "other", "kind not guessed: no telling word"
    _, _, kind, note = min(found)
    return kind, note


def clauses(text: str, readings: list) -> list[tuple[tuple[int, int], tuple[str, str]]]:
    """For each reading (in text order), its sentence and the words that speak of it, before and
    after it: from the previous reading of the sentence (or its start) to the next one (or its end).
    A line that begins with its time (a timeline's entry) speaks of that time to its end, however
    many sentences it has. One pass: sentences and lines are found by bisection."""
    from bisect import bisect_right

    from .places import Places
    from .readings import sentence_spans

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
    for k, reading in enumerate(readings):
        sentence = where[k]
        start, end = sentence
        if k > 0 and where[k - 1] == sentence:
            start = max(start, min(readings[k - 1].end, reading.start))
        if k + 1 < len(readings) and where[k + 1] == sentence:
            end = min(end, max(readings[k + 1].start, reading.end))
        out.append((sentence, (text[start:reading.start], text[reading.end:end])))
    return out
