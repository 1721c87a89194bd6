"""What one statement of an incident's record — a chat message, a paging tool's note, an incident
tool's update — says of the incident's milestones, as claims.

A statement is made by someone at a moment (`said`: a message's time, or its last edit's). It
gives a claim only where it states or implies a milestone (impact start, detection,
acknowledgement, mitigation, recovery, resolution):

- **a time it states** ("we started seeing 5xx at 09:02") is read with the project's time grammar
  (`timetext`, as `extract` reads texts) against the moment it was said, in the author's zone when
  it writes none, and its kind by `extract`'s kind rules (`timetext.kinds.classify`) over its
  clause; a forecast ("ETA 10:30", "will deploy at 10:15") is no event's time;
- **no time of its own**: its words name the milestone (the same rules, then the words of chat
  and of incident tools' bots below), and the moment it was said bounds it: the milestone happened
  no later than then (`not_after`: "by the time of this message"). A statement that something is
  still broken bounds the recovery from below (`not_before`). A staff member's or a tool's
  acknowledging message is the acknowledgement itself, at its time. Of the statements without a
  time, only each author's first about each milestone is a claim (the later ones bound it less).

Every claim quotes the statement's sentence (for a stated time) or the statement, cut at
MAX_QUOTE characters, with names replaced by roles when anonymizing (people.Roles), and says
when it was made (`published`, format 1.3): a statement made after the incident ended supersedes
the operator's earlier ones where they conflict.
"""

from __future__ import annotations

from typing import Callable

from dataclasses import dataclass
from datetime import datetime, timezone

from .reading import cell_time

MILESTONES = {"impact_start": ("impact-start", "Impact began"), "detection": ("detection", "Detected"),
              "acknowledgement": ("acknowledgement", "Acknowledged"), "mitigation": ("mitigation", "Mitigated"),
              "recovery": ("recovery", "Recovered"), "resolution": ("resolution", "Resolved")}
MAX_QUOTE = 1_000  # characters of a statement quoted
# claims of one milestone kept from one incident's statements: a channel where more times are stated
# for one milestone says nothing more by them, and the exact reconciliation of many mutually
# contradicting claims grows fast (branch and bound over their conflicts)
MAX_STATED = 12  # times stated: the operator's before witnesses', the latest made first
MAX_BOUNDS = 6  # bounds of each side: the tightest (the earliest "by then", the latest "not yet")
MAX_STATEMENT = 20_000  # characters of a statement read for times: a chat message or a note is short

# What chat and incident tools' bots say that prose rarely does (read only when the prose cues of
# timetext.kinds name no milestone). Whole words or phrases; the first kind that has one wins.
CHAT_WORDS = (
    ("resolution", ("incident resolved", "marked as resolved", "marked resolved", "closing the incident", "closing this incident",
                    "incident closed", "status: resolved", "status changed to resolved", "has been resolved")),
    ("recovery", ("looks good now", "looking good now", "all green", "green again", "back up", "error rate is back",
                  "errors are back to", "recovered", "recovering", "healthy again", "it's back", "it is back", "is back",
                  "are back", "normal again", "back to normal", "normal since", "working again", "stable again",
                  "going through again", "succeeding again", "back to baseline")),
    ("mitigation", ("rolling back", "rolled back", "rollback", "failing over", "failed over", "hotfix", "fix deployed",
                    "deployed the fix", "deploying the fix", "status: monitoring", "status changed to monitoring",
                    "moved to monitoring", "mitigated")),
    ("acknowledgement", ("looking into", "taking a look", "on it", "i'll take it", "acked", "ack'd", "acknowledged",
                         "incident declared", "declared", "incident opened", "opened an incident", "investigating", "i'm ic",
                         "status: investigating", "status changed to investigating")),
    ("detection", ("triggered", "firing", "fired", "alerting", "alert", "paged", "page went off", "pager")),
)
# what proposes or asks rather than states: no event happened by these words ("options: roll back or
# hotfix", "rollback is safer", "should we fail over?")
PROPOSING = ("option", "options", "should we", "shall we", "let's", "lets", "go for", "is safer", "plan is", "the plan",
             "we could", "could we", "can we", "propose", "suggest", "want to", "going to", "about to", "if we", "or we")
STILL = ("still", "keeps failing", "continues to fail", "not yet", "not fixed", "not back")
# an action under way at the time ("starting rollback", "rolling back now", "rollback 50% done"): done after it
UNDER_WAY = ("starting", "started", "rolling back", "rolling out", "failing over", "deploying", "kicking off", "kicked off",
             "in progress", "underway", "under way")


@dataclass(frozen=True)
class Statement:
    text: str  # plain text (markup and control characters gone)
    said: datetime  # when it was made (aware): a message's time, or its last edit's
    source: str
    source_type: str  # operator, witness …
    author: str  # who made it (a person's or a bot's key), for "each author's first"
    record: str  # the record's id (update_id): channel/ts, a log entry's id
    tz: str | None = None  # the zone of times written without one
    posted: datetime | None = None  # when first posted, when it was edited since
    context: str = ""  # the words it answers (a thread's first message): read when its own name no milestone
    acts: bool = False  # its author's acknowledging words are the acknowledgement itself (staff, a tool)
    url: str = ""


@dataclass
class Claims:
    """The claims of one incident's statements, as they are made: each author's first bound of each
    milestone kept, a stated time said twice by one source made once."""

    incident: str
    scrub: Callable[[str], str] | None = None  # text → text with names replaced (people.Roles.scrub)
    name: str = ""  # what the incident is called (a channel's topic, a tool's title): its impact start's label

    def __post_init__(self):
        self.rows: list[dict] = []
        self.said: list[str] = []
        self._bounded: dict[tuple[str, str, str], int] = {}  # (author, kind, bound) → the row
        self._stated: set[tuple] = set()
        self._stated_by: set[tuple[str, str]] = set()  # (author, kind) of every stated time

    def kept(self) -> list[dict]:
        """The claims, at most MAX_STATED stated times and MAX_BOUNDS bounds of each side for each
        milestone (what is left out is said)."""
        keep: set[int] = set()
        for kind in MILESTONES:
            mine = [(i, r) for i, r in enumerate(self.rows) if r["kind"] == kind]
            stated = [(i, r) for i, r in mine if r["as_reported"]]
            stated.sort(key=lambda item: (item[1]["source_type"] != "operator", _negated(item[1]["published"]), item[0]))
            keep.update(i for i, _ in stated[:MAX_STATED])
            for side, latest in (("not_after", False), ("not_before", True), ("", False)):
                bounds = sorted((r["time"], i) for i, r in mine if not r["as_reported"] and r["bound"] == side)
                keep.update(i for _, i in (bounds[::-1] if latest else bounds)[:MAX_BOUNDS])
            left = len(mine) - len(keep & {i for i, _ in mine})
            if left:
                self.said.append(f"{self.incident}: {left:,} more statements of the {kind.replace('_', ' ')} left out "
                                 f"(kept: the {MAX_STATED} stated times of the latest statements, the {MAX_BOUNDS} tightest bounds)")
        return [r for i, r in enumerate(self.rows) if i in keep]

    def add(self, statement: Statement) -> None:
        text = "\n".join(" ".join(line.split()) for line in statement.text[:MAX_STATEMENT].splitlines())
        if not text.strip():
            return
        from ..timetext.days import Context
        from ..timetext.readings import read_times

        try:
            readings = [r for r in read_times(text, Context(statement.said, statement.tz)) if r.kind in ("clock", "range")]
        except (OverflowError, ValueError) as exc:
            self.said.append(f"{self.incident} {statement.record}: not read: {exc}")
            readings = []
        for start, end in sentences(text):
            inside = [r for r in readings if start <= r.start < end]
            if not inside or not self._stated_times(statement, text[start:end], start, inside):
                self._bound(statement, text[start:end])

    def _stated_times(self, st: Statement, sentence: str, offset: int, readings: list) -> bool:
        """The claims of the times one sentence states; False when none names a milestone."""
        from ..timetext.forecasts import forecast_in

        made = False
        for i, reading in enumerate(readings):
            if not reading.usable:
                self.said.append(f"{self.incident} {st.record}: {reading.as_reported!r} not read: {reading.problem}")
                continue
            before = sentence[(readings[i - 1].end - offset) if i else 0:reading.start - offset]
            after = sentence[reading.end - offset:(readings[i + 1].start - offset) if i + 1 < len(readings) else len(sentence)]
            forecast = forecast_in((before, after)) or ("a proposal" if proposing(before + after, questions=False) else "")
            if forecast:
                self.said.append(f"{self.incident} {st.record}: {reading.as_reported!r}: {forecast}: not when anything happened")
                continue
            kind, note, bound = _kind_of((before, after), reading.kind == "range", st.context)
            if kind is None:
                continue
            if reading.instant is not None and reading.instant > st.said.timestamp():
                self.said.append(f"{self.incident} {st.record}: {reading.as_reported!r}: after the statement was made: not read")
                continue
            made = True
            self._stated_by.add((st.author, kind))
            note += _edit_note(st)
            if reading.kind == "range" and kind == "impact_start":
                self._row(st, "impact_start", reading.time, reading.tz, sentence, reading.as_reported, note + "; the span's start",
                          uncertainty=reading.uncertainty_min)
                self._row(st, "recovery", reading.until, reading.tz, sentence, reading.as_reported, note + "; the span's end",
                          uncertainty=reading.uncertainty_min)
            else:
                self._row(st, kind, reading.time, reading.tz, sentence, reading.as_reported, note, until=reading.until,
                          bound=reading.bound or bound, uncertainty=reading.uncertainty_min)
        return made

    def _bound(self, st: Statement, sentence: str) -> None:
        """The moment the statement was made, bounding the milestone a sentence of it names."""
        if proposing(sentence):
            return
        kind, note, bound = _kind_of((sentence, ""), False, st.context, whole=True)
        if kind is None or (st.author, kind) in self._stated_by:
            return  # an author who stated the time of it said more than this
        if kind == "mitigation" and (any(_has(f" {sentence.lower()} ", w) for w in UNDER_WAY) or "%" in sentence):
            kind, bound, note = "mitigation", "not_before", f"{note}, under way: it was done after this time"
        earlier = self._bounded.get((st.author, kind, bound))
        if earlier is not None and bound != "not_before":
            return  # a later "by then" bounds less than the first
        if earlier is not None:  # a later "still down" bounds more: it replaces the earlier one
            self.rows.pop(earlier)
            self._bounded = {k: (i - 1 if i > earlier else i) for k, i in self._bounded.items() if i != earlier}
        key = (st.author, kind, bound)
        if not bound:
            bound = "" if kind == "acknowledgement" and st.acts else "not_after"
        what = {"": "the message acknowledges: the acknowledgement at its time",
                "not_after": "no later than the statement was made",
                "not_before": "not yet so when the statement was made: after it"}[bound]
        quote = " ".join(sentence.split())
        if self._row(st, kind, cell_time(st.said), "UTC", quote, "", f"{note}; {what}{_edit_note(st)}", bound=bound):
            self._bounded[key] = len(self.rows) - 1

    def _row(self, st: Statement, kind: str, time: str, tz: str, quote: str, as_reported: str, note: str,
             until: str = "", bound: str = "", uncertainty: int | None = None) -> bool:
        key = (kind, time, until, bound, st.source)
        if key in self._stated:
            return False
        self._stated.add(key)
        event, label = MILESTONES[kind]
        label = self.name if kind == "impact_start" and self.name else label
        quote = quote if len(quote) <= MAX_QUOTE else quote[: MAX_QUOTE - 1].rstrip() + "…"
        self.rows.append({
            "incident": self.incident, "event": event, "kind": kind, "label": label, "time": time, "tz": tz,
            "until": until, "bound": bound, "uncertainty_min": "" if uncertainty is None else str(uncertainty),
            "source": st.source, "source_type": st.source_type, "url": st.url,
            "quote": self.scrub(quote) if self.scrub else quote, "as_reported": as_reported or "",
            "published": f"{cell_time(st.said.astimezone(timezone.utc))}Z", "note": note, "update_id": st.record,
        })
        return True


def _kind_of(clause: tuple[str, str], span: bool, context: str, whole: bool = False) -> tuple[str | None, str, str]:
    """The milestone the words name, the note naming the guess and the bound they imply; None when
    they name none. The prose rules first (an outage: `live` False), then chat's words, then the
    words it answers."""
    from ..timetext.kinds import STARTS, classify

    guess = classify(clause, span=span, live=False, whole=whole)
    before, after = clause
    if not whole:  # chat's words only in the time's own clause: "impact began at 16:55, the alert fired at 16:58"
        before = before[max(before.rfind(","), before.rfind(";")) + 1:]
        after = after[: min([i for i in (after.find(","), after.find(";")) if i >= 0], default=len(after))]
    words = f" {before} {after} ".lower()
    chat = next(((kind, p) for kind, phrases in CHAT_WORDS for p in phrases if _has(words, p)), None)
    weak = guess.kind == "impact_start" and ("the failure began" in guess.note or any(f"'{w}'" in guess.note for w in STARTS))
    if guess.kind == "impact_start" and any(_has(words, w) for w in STILL):  # "still failing on our side"
        return "recovery", "kind guessed from 'still': it recovered after this time", "not_before"
    if chat is not None and (guess.kind not in MILESTONES or weak and chat[0] != "impact_start"):
        return chat[0], f"kind guessed from '{chat[1]}'", ""  # "normal since 17:41": back since, not broken since
    if guess.kind in MILESTONES:
        return guess.kind, guess.note, guess.bound
    if context:
        kind, note, bound = _kind_of((context, ""), False, "", whole=True)
        if kind is not None:
            return kind, f"{note}, in the message it answers", bound
    return None, "", ""


def _negated(published: str) -> tuple:
    """A sort key putting the latest `published` first."""
    return tuple(-ord(c) for c in published)


def _edit_note(st: Statement) -> str:
    if st.posted is None or st.posted == st.said:
        return ""
    return f"; edited at {cell_time(st.said)} UTC (first posted {cell_time(st.posted)} UTC): the text as edited"


def proposing(sentence: str, questions: bool = True) -> bool:
    """The words propose or ask ("options: roll back or hotfix", "should we fail over?"): they say
    nothing has happened (a time stated in a question is still stated: "since 16:50, is this known?")."""
    words = f" {sentence.lower().strip()} "
    return questions and words.rstrip().endswith("?") or any(_has(words, p) for p in PROPOSING)


def sentences(text: str) -> list[tuple[int, int]]:
    """A chat message's sentences: split at a line break, and at '.', '!' or '?' before a space
    (chat writes "looking into it. we started seeing 5xx at 09:02" in lower case)."""
    spans, start = [], 0
    for i, ch in enumerate(text):
        end = None
        if ch == "\n":
            end = i
        elif ch in ".!?" and i + 1 < len(text) and text[i + 1] == " " and not text[max(0, i - 3):i].lower().endswith(("a.m", "p.m", " vs", "etc")):
            end = i + 1
        if end is not None:
            if text[start:end].strip():
                spans.append((start, end))
            start = i + 1
    if text[start:].strip():
        spans.append((start, len(text)))
    return [(a + len(text[a:b]) - len(text[a:b].lstrip()), b) for a, b in spans]


def _has(words: str, phrase: str) -> bool:
    """The phrase as whole words in `words` (padded with spaces)."""
    at = words.find(phrase)
    while at >= 0:
        before, after = words[at - 1], words[at + len(phrase):at + len(phrase) + 1]
        if not before.isalnum() and not after.isalnum():
            return True
        at = words.find(phrase, at + 1)
    return False
