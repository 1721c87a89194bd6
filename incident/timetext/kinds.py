"""What a clause says happened, from its words: the kind of event a time expression is about
("Our monitoring alerted at 9:12" → detection), with the note that names the guess."""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import europe, kinds_ja, kinds_ko, kinds_zh
from .kind_cues import CUES, SCHEDULED, cue_text, WHOLE_RECOVERY, WHOLE_RECOVERY_WORDS as _WHOLE_RECOVERY
from .cues import AFTER, find, nearest
from .hedges import AS_PLANNED, CAUSE_UNKNOWN, aimed_at, an_operation, earlier, object_of, residue
from .subjects import who_was_hit

# What a clause says happened, by its words: the cues of each kind (kind_cues.py)
# the words that name a failure: what happened at a time, in an outage, unless a cue says more
OUTAGE_WORDS = ("outage", "error", "fail", "down", "unavailable", "degrad", "disrupt", "impact", "incident", "problem",
                "issue", "latency", "crash", "went dark", "inaccessible", "unreachable", "broke", "interrupt", "glitch",
                "meltdown", "hit by", "knocked out", "offline", "trouble", "bricks", "blue screen", "bsod", "debacle", "blackout")
# not "went out" alone: a deploy goes out
_FAILURE = ("outage", "went down", "go down", "goes down", "was down", "were down", "is down", "are down", "gone down",
            "gone offline", "unresponsive", "completely down", "crash*", "glitch*", "disruption", "disrupted", "unavailable", "inaccessible", "unreachable",
            "went dark", "went offline", "was offline", "were offline", "knocked out", "hit by", "failure", "failed", "failing", "errors", "error messages", "error rates", "elevated latenc*", "increased latenc*",
            "meltdown", "stopped working", "stopped responding", "not responding", "broke", "bricks", "bricked", "problems", "issues", "trouble", "began failing",
            "degraded", "cut out", "experienced problems", "experiencing problems", "shut down", "closing down", "bring down",
            "impacted", "affected", "out of service", "not working", "did not work", "didn't work", "disconnected",
            "not available", "not reachable", "not accessible",  # "the domain zoom.us was not available"
            "took down", "taken down", "takes down", "interrupted", "interruption", "blue screen*", "halted", "suspended",
            "technical difficulties", "technical issues", "technical problems", "difficulties", "data loss",
            "stopped trading", "trading stopped", "instability", "unstable", "frozen", "froze", "impact start",
            "impact started", "impact began", "start of impact", "start of customer impact", "failures", "blackout",
            "blacked out", "power went out", "lights went out", "lost power", "power cut", "flicked off", "ceased",
            "lost connectivity", "lost connection", "lost access", "lost service", "loss of connectivity",
            "connectivity loss", "loss of service", "unable to access", "unable to log in", "unable to connect",
            "unable to pay", "could not access", "couldn't access", "could not log in", "couldn't log in",
            "could not pay", "couldn't pay", "could not connect", "couldn't connect", "an issue with", "a problem with",
            "a fault with", "a glitch with", "caused chaos", "caused havoc", "caused disruption", *europe.FAILURE,
            "struggled to", "struggling to", "struggles to", "buckled", "could not cope", "couldn't cope", "unable to cope",
            # "were unable to use online banking services on New Year's Day": what users could not do
            *(f"{cannot} {verb}" for cannot in ("unable to", "could not", "couldn't", "were not able to", "was not able to")
              for verb in ("use", "make", "get", "open", "load", "stream", "watch", "buy", "send", "receive", "view", "see",
                           "check", "transfer", "sign in", "book", "order", "play", "complete", "place", "reach", "withdraw")))
_PROBLEM = ("issue", "problem", "fault", "faults", "technical difficulties", "disruption", "outage")  # what a statement acknowledges
# what says the thing is still broken at the time: its recovery came after
# a word of lasting ("still", "remained") before a word of a broken state ("down", "disrupted"): every pair
_LASTING = ("still", "still be", "remain", "remains", "remained", "remaining", "stayed", "stays")
_BROKEN = ("down", "offline", "unavailable", "disrupted", "inaccessible", "unreachable", "out of service", "not working",
           "dark", "broken", "suspended", "halted", "unusable", "overwhelmed")
_STILL = (*(f"{lasting} {state}" for lasting in _LASTING for state in _BROKEN), "was still", "continues to", "continued to",
          # users still hit at the time: "still complaining about intermittent issues", "still unable to log in"
          "still complaining", "still reporting", "still experiencing", "still seeing", "still unable", "still having",
          "still affecting", "still impacting", "still hitting",  # "come 16:00 major outages were still affecting customers"
          "still in the dark", "still without power", "still without service", "remain without power",
          *(f"{lasting} {state}" for lasting in europe.LASTING for state in europe.BROKEN))
STARTS = ("began", "begin", "begins", "beginning", "started", "start", "starting", "starts", "kicked off", "got under way",
          "went live", "commenced", "commencing", "commence", "since", "occurring", "opened", "opening", "opens",
          *europe.STARTS)
_SINCE = ("since", *europe.SINCE)
LAUNCHES = ("launched", "released", "premiered", "debuted", "debuting", "debuts", "launching", "went on sale", "go on sale",
             "goes on sale", "went on general sale")  # a live event's start, by what it is: a game, a sale, a show
_LAUNCH_NOUNS = ("launch", "release", "premiere", "kick-off", "kickoff")  # the same, as a noun right after its time
_DELAYED = ("delay*", "late", "until", "finally", "postponed", "pushed back", "restart*", "after a", "hours later",
            "minutes later", "behind schedule")
_WORKING = ("working to", "working hard to", "working on", "work to restore", "working to restore", "trying to restore",
            "we are working", "we're working")  # a recovery not yet made
_RECOVERING = ("recovering", "restoring", "improving", "coming back", "working again")  # "started recovering"
_LOOKED_INTO = ("investigat*", "looking into")  # what an investigation's object is (`_investigated`)
_INVESTIGATING = (*_LOOKED_INTO, "working on", "working to")
_AFTER = AFTER  # a word after the expression counts only when none before it does (cues.py)
_LIST_ITEM = re.compile(r" ?(?:and |or )?(?!(?:during|morning|evening|nothing|something|anything|everything|bring|spring)\b)[a-z]+ing\b")
_SEPARATORS = (",", ";", " though ", " but ", " while ", " whereas ", " although ", " mais ", " aber ", " pero ", " ya que ",
               " porque ", " parce que ", " puisque ", " ve ")  # Turkish "and": its verb ends the clause after the time ("… başladı ve hizmet saat 16.10'da düzeldi")


@dataclass(frozen=True)
class Guess:
    kind: str
    note: str
    bound: str = ""  # a bound the words imply: "not_before" for "still down at T", "not_after" for "said at T it was back"


def _own_clause(before: str, after: str) -> tuple[str, str]:
    """The words of the expression's own clause: before it back to a comma, 'but', 'though' …; after
    it (past a comma or dash right after it) up to a 'but', 'though' … (a timeline's line, "10:19 —
    Certificate renewed; service restarted", speaks of its time to its end)."""
    cut = max((before.rfind(s) + len(s) for s in _SEPARATORS if s in before), default=0)
    while cut and before[cut - 1] == "," and _LIST_ITEM.match(before, cut):  # "having trouble connecting …, sending
        cut = before.rfind(",", 0, cut - 1) + 1  # messages, and accessing channels at 10:30": the items share their head
    if cut and (before[cut:cut + 1] in ("”", '"') or before[cut - 2:cut - 1] in ("”", '"')):
        # '"Service has been restored," the company said at 4 p.m.': what was said is the quote before it
        opened = max(before.rfind("“", 0, cut - 1), before.rfind('"', 0, cut - 2))
        cut = opened if opened >= max(0, cut - 300) else cut
    rest = after.lstrip(" ,—–-:")
    ends = [rest.find(s) for s in _SEPARATORS[2:] if s in rest]
    return before[cut:], rest[: min(ends)] if ends else rest


def guess_kind(clause: tuple[str, str], span: bool = False, live: bool | None = None) -> tuple[str, str]:
    """The kind the clause's words suggest, with the note that names the guess (see `classify`)."""
    guess = classify(clause, span, live)
    return guess.kind, guess.note


def classify(clause: tuple[str, str], span: bool = False, live: bool | None = None, whole: bool = False) -> Guess:
    """The kind of event the clause's words say happened then (`_classified`); a fire breaking out ("화재가 발생") is another event."""
    guess = _classified(clause, span, live, whole)
    if guess.kind == "other":  # "Time: 9 p.m. (BST)" in a live event's preview; "Reported: April 16, 2025 11:25 AM PDT"
        field = clause[0][clause[0].rfind("\n") + 1:].strip(" *_").lower()
        if live and field in _WHEN_FIELDS:
            return Guess("scheduled_start", f"the {field!r} field of a live event: its scheduled start")
        if not live and field in _ISSUE_FIELDS:
            kind, bound = _ISSUE_FIELDS[field]
            return Guess(kind, f"the {field!r} field of an incident report: its {kind.replace('_', ' ')}", bound)
    if guess.kind == "impact_start" and any(f"'{w}'" in guess.note for w in _BROKE_OUT):
        last = any(f"'{w}'" in guess.note for w in _VERB_LAST)
        near = (clause[0][-60:] + " " + clause[1][:120 if last else 60]).lower()
        if any(f in near for f in FIRES) and not any(w in near for w in _SERVICE_DOWN):
            return Guess("other", f"{guess.note}, of a fire: what set off the outage, not the outage's start")
    return guess

_WHEN_FIELDS = ("time:", "start time:", "start:", "when:", "date and time:", "date/time:", "kick-off:", "kickoff:")
# an incident report's header fields ("Service Issue: / Reported: … / Resolved: …"): reported by then, started then
_ISSUE_FIELDS = {"reported:": ("impact_start", "not_after"), "reported at:": ("impact_start", "not_after"),
                 "started:": ("impact_start", ""), "start:": ("impact_start", ""), "began:": ("impact_start", ""),
                 "issue start:": ("impact_start", ""), "outage start:": ("impact_start", ""), "ended:": ("resolution", ""),
                 "end:": ("resolution", ""), "issue end:": ("resolution", ""), "outage end:": ("resolution", "")}
_VERB_LAST = ("발생", "発生", "发生", "發生")  # Korean, Japanese, Chinese: the verb ends the clause
_BROKE_OUT = ("broke", "started", "began", "erupted", "occurred", *_VERB_LAST)
FIRES = (" fire ", " fire,", " fire.", "blaze", "화재", "불이", "火災", "火灾", "火警", "incendie", "incendio", "brand ")
_SERVICE_DOWN = ("went down", "offline", "outage", "services", "장애", "먹통", "障害", "故障", "宕机")  # the outage said too


def _classified(clause: tuple[str, str], span: bool = False, live: bool | None = None, whole: bool = False) -> Guess:
    """The kind of event the clause's words say happened at the expression (the clause as the words
    before and after it), for an incident that is a live event (`live` True), an outage (False) or
    not known (None); with the note that names the guess, and the bound the words imply. A span of
    time with a failure word ("Between 9:05 and 10:40 AM CDT, requests failed") is the impact."""
    if kinds_ko.written_in_korean(*clause):  # its own words, the verb after the time (kinds_ko.py)
        return Guess(*kinds_ko.classify(*clause, span, live, NOT_YET, WHOLE_RECOVERY))
    if kinds_zh.written_in_chinese(*clause):  # its own cues, read by the Japanese rules (kinds_zh.py)
        return Guess(*kinds_zh.classify(*clause, span, live, NOT_YET, WHOLE_RECOVERY))
    if kinds_ja.written_in_japanese(*clause):  # its own cues, the verb after the time (kinds_ja.py)
        return Guess(*kinds_ja.classify(*clause, span, live, NOT_YET, WHOLE_RECOVERY))
    lowered = cue_text(clause[0]), cue_text(clause[1])
    before, after = lowered if whole else _own_clause(*lowered)
    found = []
    unhit = who_was_hit(before), who_was_hit(after)  # the failure words that say what happened, not who was hit
    if span:
        failure = nearest(_FAILURE, *unhit)
        if failure is not None and not _investigated(*unhit, failure):
            found.append((failure[0], -2, "impact_start", f"kind guessed from '{failure[1].rstrip('*')}' over a span of time: the impact"))
    for rank, (kind, words, where) in enumerate(CUES):
        if where == "live" and live is False or where == "outage" and live is True:
            continue
        near = nearest(words, before, after)
        if near is not None and near[1].endswith(" returning") and _returns_a_failure(before, after, near):
            continue  # "the API began returning errors": what it returned is the failure
        if near is not None and kind in _ENDED_KINDS and near[0] >= _AFTER and _FORESEEN.search(after[:near[0] - _AFTER]):
            found.append((near[0], rank, "communication", f"'{near[1].rstrip('*')}' foreseen: a forecast made then, no deed"))
            continue  # "At 7:30, Microsoft estimated the issue would be resolved"
        if near is not None and not earlier(after, near):
            found.append((near[0], rank, kind, f"kind guessed from '{near[1].rstrip('*')}'"))
    start = _start(before, after, live)
    if start is not None:
        found.append(start)
    failure = nearest(_FAILURE, *unhit)
    if failure is not None and failure[0] >= _AFTER and _HEDGED.search(unhit[1][:failure[0] - _AFTER]):
        failure = None  # "jobs queued before 12:40 may still experience failures": a possibility, no failure at 12:40
    if failure is not None and (_investigated(*unhit, failure) or failure[0] < _AFTER and any(object_of(f, failure, unhit[0]) for f in found)):
        failure = None  # "we were made aware of issues at 18:12": the failure is what the cue's verb is about
    if failure is not None:  # a failure named at a time is when it began, unless a nearer cue says more
        found.append((failure[0] + 3, len(CUES) + 1, "impact_start", f"kind guessed from '{failure[1].rstrip('*')}': the failure began"))
    apposed = before.strip(" ,") in _SAID_AGAIN and all(f[2] == "communication" for f in found)  # ", around 3 p.m., the bank said"
    if (not found or apposed) and not whole:  # "Shares resumed on the NYSE, the biggest …, and NYSE MKT, just after 3 p.m.": past the commas
        lead = clause[0][-150:]
        lead = lead[max((lead.lower().rfind(s) + len(s) for s in _SEPARATORS[1:] if s in lead.lower()), default=0):]
        wider = _classified((lead, ""), span, live, whole=True)  # the verb before it, past commas only
        if wider.kind in (*_ENDED_KINDS, "detection") and not found or apposed and wider.kind != "other" and not _named_only(wider.note):
            # "The disruption began in the afternoon, around 3 p.m.": a time set right after a comma says again when
            return Guess(wider.kind, f"{wider.note}, beyond the commas around the time", wider.bound)
    if not found:
        found.append((_AFTER * 2, len(CUES) + 2, "other", "kind not guessed: no telling word"))
    distance, _, kind, note = min(found)
    if kind == "impact_start" and failure is not None and failure[0] + 3 == distance \
            and not any(f[2] == "impact_start" and f[0] != distance for f in found):  # no "began": a failure's end
        # "at 10:00 the outage was fixed"; "De storing is om 19.30 uur verholpen": the failure named first, its end after
        ended = [f for f in found if f[2] in _ENDED_KINDS
                 and (f[0] > failure[0] if failure[0] >= _AFTER else f[0] >= _AFTER and _inside_predicate(before, failure))]
        if ended:
            distance, _, kind, note = min(ended)
            note += ", said of the failure named before it"
    return _status(before, after, found) or _refined(kind, note, distance, before, after, found)

_NAMING_NOUNS = frozenset(("outage", "outages", "disruption", "failure", "glitch", "crash", "meltdown", "problems", "issues",
                           "trouble", "errors"))  # what a heading names ("Mail Service Outage, March 3rd 2025")


_SAID_AGAIN = ("", "specifically", "namely", "precisely", "exactly", "more precisely", "to be precise")  # "…, specifically 12:30"


def _investigated(before: str, after: str, failure: tuple[int, str]) -> bool:
    """Whether the failure word is what an investigation looked into ("Team investigates … errors"): no impact span."""
    between = after[:failure[0] - _AFTER] if failure[0] >= _AFTER else before[len(before) - failure[0]:]
    return len(between) <= 80 and not re.search(r"[.;!?]", between) and nearest(_LOOKED_INTO, between, "") is not None


def _returns_a_failure(before: str, after: str, near: tuple[int, str]) -> bool:
    """Whether what "began returning" returned is a failure ("errors", "500s"), not the service coming back."""
    end = near[0] - _AFTER + len(near[1]) if near[0] >= _AFTER else len(before) - near[0]
    returned = (after if near[0] >= _AFTER else before)[end:end + 30].lstrip()
    return returned[:1].isdigit() or nearest(_FAILURE, "", returned) is not None and returned.split(" ", 1)[0] not in ("to", "in")


def _named_only(note: str) -> bool:
    """Whether a guess rests on a failure noun alone, as a heading names an outage: no verb says it happened then."""
    return note.endswith(": the failure began") and note.split("'")[1] in _NAMING_NOUNS


# the auxiliaries that open a predicate a time may stand inside ("De storing is om 19.30 uur verholpen")
_AUXILIARY_BEFORE = frozenset(("is", "was", "were", "are", "has", "had", "have", "werd", "wordt", "ist", "wurde", "war", "è",
                               "sono", "est", "a", "ha", "fue", "foi", "é", "été"))


def _inside_predicate(before: str, failure: tuple) -> bool:
    """Whether an auxiliary verb stands between the failure word before the time and the time: the time
    is inside the predicate that says what became of the failure, not a time of the failure itself
    ("the outage at 10:00 was fixed" names the outage's time)."""
    between = before[len(before) - failure[0]:].split()
    return any(word in _AUXILIARY_BEFORE for word in between)


_FORESEEN = re.compile(r"\b(?<!an )(?<!the )(?<!as )(?:estimated|expected|expects|anticipated|anticipates|predicted|would|will|hopes? to|aims? to)\b")
_HEDGED = re.compile(r"\b(?:may|might|could)\b")  # a failure that may happen is none yet; _FORESEEN not "an estimated 5 million" (linear)
_ENDED_KINDS = ("recovery", "resolution", "mitigation")  # what a failure named first can be said to have come to


_AS_OF = ("as of", "as at")
_DONE = ("have been", "has been", "had been", "have now", "has now", "had now", "have", "has")


def _status(before: str, after: str, found: list) -> Guess | None:
    """A state reported at the time ("As of 23:57 UTC, all customers have been restored"): what it says
    is done happened by then, whatever else the clause names (the outage the customers were hit by)."""
    if not before.rstrip().endswith(_AS_OF) or nearest(_DONE, before, after) is None:
        return None
    done = [f for f in found if f[2] in _STATEMENT_KINDS]
    if not done:
        return None
    event = min(done)
    if _negated(before, after, event[0], event[3]):  # "as of 23:57, customers have not yet been restored"
        return Guess("recovery", f"{event[3]}, {NOT_YET} as of this time: it recovered after it", "not_before")
    if event[2] == "recovery" and nearest(_DECLARED, before, after) is not None:
        return Guess("resolution", f"{event[3]}, and the incident declared resolved as of this time: by then", "not_after")
    whole = event[2] == "recovery" and _whole_subject(before + " " + after)
    note = f"{event[3]}, reported done as of this time: it happened by then" + (f", {WHOLE_RECOVERY}" if whole else "")
    if event[2] == "resolution" and any(f"'{w}'" in event[3] for w in _WHOLE_RECOVERY):
        note += f", {WHOLE_RECOVERY}"
    return Guess("resolution" if whole else event[2], note, "not_after")


def _start(before: str, after: str, live: bool | None):
    """'began', 'started', 'opened' …: the impact when a failure begins; a live event's scheduled start
    when it began as planned, its recovery when it began late; an investigation is acknowledged."""
    start = nearest(STARTS + LAUNCHES if live else STARTS, before, after)
    if start is None and live and after.lstrip().startswith(_LAUNCH_NOUNS):  # "the 12:01 PDT launch", "its midnight launch"
        start = (_AFTER, after.lstrip().split(" ", 1)[0])
    if start is None:
        return None
    distance, word = start
    words = before + " " + after
    side = before if distance < _AFTER else after  # the start word's own side of the expression
    rank = len(CUES)  # a cue that names the event beats the bare start at the same distance
    begun = find(side, f"{word} to", last=distance < _AFTER)
    begun_to = side[begun:begun + len(word) + 40] if begun >= 0 else ""  # "started to restore", "started to deploy a fix"
    fix, back = nearest(_MITIGATION_CUES, "", begun_to), nearest(_RECOVERY_CUES, "", begun_to)
    if back is not None and (fix is None or back < fix):
        return (distance, rank, "recovery", f"kind guessed from '{word} to' recover: a recovery under way")
    at = find(side, word, last=distance < _AFTER)
    if at >= 0 and side[at + len(word):at + len(word) + 12].lstrip().startswith(_RECOVERING):
        return (distance, rank, "recovery", f"kind guessed from '{word}' recovering: a recovery under way")  # "start recovering"
    if at >= 0 and nearest(_MITIGATION_CUES, "", side[at + len(word):at + len(word) + 40]) is not None:
        return (distance, rank - 1, "mitigation", f"kind guessed from '{word}' a fix: the mitigation began")
    if word in _SINCE and nearest((*_RECOVERY_CUES, "operating", "available"), before, after) is not None:
        # "working since midnight", "has been operating ATMs since the morning of March 1st": back since then
        return (distance, rank - 1, "recovery", f"kind guessed from '{word}' with a working state: back since then")
    if at >= 0 and any(w in side[max(0, at - 30):at + len(word) + 30] for w in AS_PLANNED):  # "opened as usual at 6am"
        return (distance, rank, "scheduled_start" if live else "other", f"kind guessed from '{word}' as planned: no failure")
    subject = _begun_by(side, at)
    if subject is not None:  # "Initial recovery began by 09:13": what began is the recovery, not the failure
        return (distance, rank - 1, subject[0], f"kind guessed from '{subject[1]} {word}': the {subject[0]} began")
    if at >= 0 and nearest(_INVESTIGATING, "", side[at:at + len(word) + 80]) is not None:  # "began investigating"
        return (distance, rank, "acknowledgement", f"kind guessed from '{word}' an investigation")
    own_side = (side, "") if distance < _AFTER else ("", side)  # the report words on the start word's side only
    if nearest(("reports", "reported", "reporting", "complain*"), *own_side) is not None \
            and not _said_of_failure(side[:at] if at >= 0 else ""):  # not a "Findings Report"
        return (distance, rank, "report", f"kind guessed from '{word}' with reports")
    if live is False and at >= 0 and _OPERATOR.search(side[max(0, at - 120):at]) \
            and nearest(_FAILURE, "", side[at:at + len(word) + 40]) is None:
        # "we brought the site into maintenance mode and started distributing …": the operator's action, no failure
        return (distance, rank, "other", f"kind guessed from 'we … {word}': the operator's own action")
    operation = an_operation(side[max(0, at - 60):at]) if live is False and at >= 0 else ""
    if operation and nearest(_FAILURE, side[max(0, at - 60):at], side[at:at + len(word) + 40]) is None:
        return (distance, rank, "other", f"kind guessed from '{operation} … {word}': an operation began, no failure")
    if live and at >= 0 and nearest((*_DELAYED, "pushing", "pushed"), side[max(0, at - 30):at], "") is not None:  # "pushing the start"
        return (distance, rank, "recovery", f"kind guessed from '{word}' pushed late: the delayed start")
    failing = side if live else words  # in a live event, "registration started …, the portal started crashing": two events
    if any(find(failing, w, last=False) >= 0 for w in _FAILURE) or live is False:
        return (distance, rank, "impact_start", f"kind guessed from '{word}' with a failure word" if live is not False
                else f"kind guessed from '{word}' in an outage")
    planned = nearest(SCHEDULED, side[:at] if distance < _AFTER and at >= 0 else before, "")
    if planned is not None:  # "was to stream from Los Angeles starting at 8 p.m.": the start as it was planned
        return (distance, rank, "scheduled_start", f"kind guessed from '{planned[1]} … {word}': the start as planned")
    if live is None:
        return (distance + 20, 99, "recovery",
                f"kind guessed from '{word}': the start of a delayed live event is its recovery (an outage's start: impact_start)")
    if any(find(side, w, last=False) >= 0 for w in _DELAYED):
        return (distance, rank, "recovery", f"kind guessed from '{word}' late: the start of a delayed live event is its recovery")
    return (distance, rank, "scheduled_start", f"kind guessed from '{word}': the live event began as scheduled")


_OPERATOR = re.compile(r"\bwe\b")  # the operator speaking of itself (on a bounded window)


def _said_of_failure(lead: str) -> bool:
    """Whether the words before a start word report a failure that began ("the spokeswoman reported the outage
    began"): a saying, then the failure as the start word's subject, not reports that began pouring in."""
    said = max(lead.rfind(" reported "), lead.rfind(" said "), lead.rfind(" says "))
    return said >= 0 and nearest(_FAILURE, "", lead[said:][:80]) is not None


# what may begin, named right before its start word ("recovery began", "the rollback started"), and its kind
_BEGUN = {"recovery": "recovery", "restoration": "recovery", "improvement": "recovery", "improvements": "recovery",
          "rollback": "mitigation", "roll-back": "mitigation", "revert": "mitigation", "failover": "mitigation",
          "mitigation": "mitigation"}


def _begun_by(side: str, at: int) -> tuple[str, str] | None:
    """(kind, noun) when the word right before the start word (at `at` in `side`) names what began
    and its kind ("Initial recovery began", "The rollback started"); the work towards it
    ("restoration work began") is the first step of a fix, an event of its own."""
    if at <= 0:
        return None
    words = side[max(0, at - 40):at].split()[-2:]
    if words and words[-1] in _BEGUN:
        return _BEGUN[words[-1]], words[-1]
    if len(words) == 2 and words[0] in _BEGUN and words[1] in ("work", "works", "effort", "efforts"):
        return "other", " ".join(words)  # the first steps of a fix: an event of its own
    return None


# what says a recovery is not yet of everything: an exception, or a beginning ("only starting to get back")
_EXCEPT = ("except", "apart from", "other than", "but for", "excluding", "with the exception", "starting to", "started to",
           "began to", "beginning to", "begin to", "partial", "partially", "partly", "in phases", "gradually")
_UNIVERSAL = ("all", "every", "everything", "everyone")
_RECOVERED_WORDS = ("restored", "recovered", "back online", "back up", "back to normal", "fully operational")


def _whole_subject(words: str) -> bool:
    """'all customers impacted by the outage have been restored': a recovery of everything (a word
    of all at most eight words before the recovery word), with no exception named."""
    if nearest(_EXCEPT, words, "") is not None:
        return False
    for word in _RECOVERED_WORDS:
        at = find(words, word, last=False)
        if at > 0 and any(w in _UNIVERSAL for w in words[max(0, at - 80):at].split()[-8:]):
            return True
    return False


_NOTICED_BY = ("identified by", "detected by", "flagged by", "spotted by", "noticed by", "caught by")
_STATEMENT_KINDS = {"recovery", "resolution", "mitigation"}
_MARKED_RESOLVED = ("status post resolved", "status page resolved", "incident marked resolved", "marked as resolved",
                    "marked resolved")  # "12:44 Status post resolved": the operator closing its incident, then
def _cues_of(kind: str) -> tuple[str, ...]:
    """Every cue of a kind, in every language of the table."""
    return tuple(w for k, words, _ in CUES if k == kind for w in words)


_MITIGATION_CUES = _cues_of("mitigation")  # "started rolling back"
_RECOVERY_CUES = _cues_of("recovery")  # what a statement at T says happened by T


def _refined(kind: str, note: str, distance: int, before: str, after: str, found: list) -> Guess:
    """The guess with what the rest of the clause adds: a statement at the time that something was
    back (a recovery by then, not at it), that it is still down (its recovery later), that there is a
    problem (the operator acknowledging it)."""
    if kind == "cause" and any(w in before + " " + after for w in CAUSE_UNKNOWN):  # "the cause is not yet known"
        return Guess("communication", f"{note}, said not yet known: a statement, no cause")
    if kind == "impact_start" and any(w in after[:60] for w in _NOTICED_BY):  # "Global disruption identified by Fastly monitoring"
        return Guess("detection", f"{note}, noticed by someone then: its detection")
    if kind in ("report", "impact_start") and nearest(_FELL, before, after) is not None \
            and nearest(("reports", "reporting", "complaints", "spike"), before, after) is not None:
        return Guess("recovery", f"{note}, the reports falling off: the service recovering")  # "the spike … had dropped"
    other = _ANOTHER.search(before[-80:])  # the last 80 characters only: linear
    if other is not None and kind not in ("communication", "cause"):  # "The second incident occurred from …"
        return Guess("other", f"{note}, of {other.group()!r}: {ANOTHER}, not this one's milestone")
    if kind == "recovery" and nearest(_DECLARED, before, after) is not None:
        return Guess("resolution", f"{note}, and the incident declared resolved: its resolution")
    if kind == "mitigation" and _tentative(before, after, distance, note):
        return Guess("communication", f"{note}, a fix still being tried: an update, not yet a mitigation")
    if kind == "impact_start" and "the failure began" in note and nearest(_WORKING, before, after) is not None:
        return Guess("acknowledgement", f"{note}, being worked on: the operator acknowledges the problem, not its start")
    if kind == "recovery" and _whole_subject(before + " " + after):
        return Guess("resolution", f"{note}, of everything ('all …'): {WHOLE_RECOVERY}")
    if kind == "resolution" and nearest(_EXCEPT, before, after) is not None:
        return Guess("recovery", f"{note}, with an exception or a beginning: not yet everything")
    if kind == "resolution" and any(f"'{w}'" in note for w in _WHOLE_RECOVERY):
        return Guess(kind, f"{note}: {WHOLE_RECOVERY}")
    if kind in ("recovery", "resolution") and nearest(_WORKING, before, after) is not None:
        return Guess("acknowledgement", f"{note}, still being worked on: the operator acknowledges the problem")
    if kind in ("recovery", "resolution", "mitigation") and _negated(before, after, distance, note):
        return Guess("recovery", f"{note}, {NOT_YET} at this time: it recovered after it", "not_before")
    if kind in ("acknowledgement", "communication") and _negated(before, after, distance, note):  # "had not issued any
        return Guess("acknowledgement", f"{note}, {NOT_YET} at this time: acknowledged after it", "not_before")  # statement"
    still = nearest(_STILL, before, after)
    if still is not None and residue(before, after, still):
        still = None  # "advised anyone still offline to restart": the few left, not the service's state
    if still is not None and kind in ("impact_start", "recovery", "other", "communication", "report"):
        return Guess("recovery", f"kind guessed from '{still[1]}': it recovered after this time", "not_before")
    if kind == "communication" and "first" in _lead(before, after, distance, note):
        return Guess("acknowledgement", f"{note}, the first: the operator acknowledges the problem")
    if kind == "communication":
        working = nearest(_WORKING, before, after) is not None  # '"we are working quickly to get the site back up," it said'
        said = [f for f in found if f[2] in _STATEMENT_KINDS and f[0] > distance and not aimed_at(after, f[0]) and not working]
        if said:
            event = min(said)
            if event[2] == "resolution" and any(w in before[-40:] + " " + after[:40] for w in _MARKED_RESOLVED):
                return Guess("resolution", f"{event[3]}, the operator's status post marked resolved: the incident ended then")
            if event[2] == "recovery" and _whole_subject(before + " " + after):  # "declared all services fully operational"
                return Guess("resolution", f"{event[3]}, {STATED}: it happened by then, {WHOLE_RECOVERY}", "not_after")
            return Guess(event[2], f"{event[3]}, {STATED}: it happened by then", "not_after")
        unknown = any(w in before + " " + after for w in CAUSE_UNKNOWN)  # "said the cause is not yet known"
        if any(f[2] == "cause" for f in found if f[0] > distance) and not unknown:
            return Guess("cause", f"{note}, about the cause: a cause claim at the time it was stated")
        if any(f[2] in ("impact_start", "acknowledgement") for f in found if f[0] > distance) \
                or nearest(_PROBLEM, "", after) is not None:
            return Guess("acknowledgement", f"{note}, about the failure: the operator acknowledges it")
        if any(f[2] == "cause" for f in found) and not unknown:
            return Guess("cause", f"{note}, about the cause: a cause claim at the time it was stated")
    return Guess(kind, note)


_FELL = ("had dropped", "dropped off", "fell away", "had fallen", "fell off", "died down", "eased off", "tailed off")  # reports
_ANOTHER = re.compile(r"\b(?:the|a) (?:second|third|separate|later|subsequent|previous|earlier|prior) (?:incident|outage|disruption)\b"
                      r"|\banother (?:incident|outage|disruption)\b"
                      r"|\b(?:it|this|that) (?:comes|came)(?: \w+){0,2} after\b"  # "It comes after a major outage hit Barclays …"
                      r"|\bupstream (?:\w+ ){0,4}(?:outage|disruption|incident)")  # "Upstream Cloud Infrastructure Provider Database Outage (06:53 – 09:30)"
# what declares the incident over, beside what says the service works again ("no longer observe errors
# and consider the incident resolved"): the resolution
_DECLARED = ("consider the incident resolved", "consider this incident resolved", "considers the incident resolved",
             "incident is resolved", "incident is now resolved", "incident has been resolved", "incident was resolved",
             "issue is resolved", "issue has been resolved", "issue is now resolved", "marked as resolved", "marked resolved",
             "incident resolved", "incident closed", "closed the incident")
# what says a fix is still being tried, just before the fix's words ("testing a possible revert fix")
_TENTATIVE = ("testing", "evaluating", "exploring", "considering", "preparing", "trying", "attempting", "possible",
              "potential", "planning", "validating", "assessing")


def _lead(before: str, after: str, distance: int, note: str) -> list[str]:
    """The four words before the cue the guess is from (named in its note)."""
    word = note.split("'")[1] if note.count("'") >= 2 else ""
    if not word:
        return []
    if distance < _AFTER:
        end = len(before) - distance
        lead = before[max(0, end - len(word) - 40):end - len(word)]
    else:
        at = distance - _AFTER
        lead = after[max(0, at - 40):at]
    return lead.split()[-4:]


ANOTHER = "another incident's time"  # the note's words, read again by the draft: no impact window of this one
STATED = "stated at this time"  # the note's words, read again by the draft: a statement of what happened by then
NOT_YET = "said not yet done"  # the note's words, read again by the draft: the bound they imply beats a 'by'
_DENIALS = frozenset(("not", "never", "cannot", "nobody", "none", "nothing", "no-one", "non", "nicht", "niet", "kein",
                      "keine"))  # and in Italian, German, Dutch


def denies(word: str) -> bool:
    """Whether a word denies what follows it: "not", "never", "hadn't", "nobody" …"""
    return word in _DENIALS or word.endswith(("n't", "n’t"))


def _negated(before: str, after: str, distance: int, note: str) -> bool:
    """Whether the cue is said not to have happened yet ("by 4 p.m. service had not been restored",
    "was still not back"), and no 'until' makes the time its moment ("was not restored until 4 p.m.")."""
    if "until" in before[-16:] or "till" in before[-10:]:
        return False  # "wasn't restored until 14:00" (the draft reads an 'until' written as the time's own word)
    return any(denies(w) or w == "yet" for w in _lead(before, after, distance, note)[-3:])  # "has yet to be restored"


def _tentative(before: str, after: str, distance: int, note: str) -> bool:
    """Whether the cue is said of a fix still being tried: a word of trying among the words before it."""
    return any(w in _TENTATIVE for w in _lead(before, after, distance, note))

