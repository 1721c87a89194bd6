"""Candidate rows from a text's time expressions: the sentence as `quote`, the words as
`as_reported`, the normalised cells, a kind guessed from the sentence's words and a draft event id,
with a `note` naming every guess. A sentence with no usable expression gives no row."""

from __future__ import annotations

import dataclasses
import re
from bisect import bisect_left
from dataclasses import dataclass, field
from datetime import date

from ..timetext.days import Context
from ..timetext.readings import Reading
from ..timetext.forecasts import forecast_in
from ..timetext.kind_cues import WHOLE_RECOVERY
from ..timetext.kinds import ANOTHER, NOT_YET, STATED
from .memo import Memo
from .moments import instant
from ..timetext.stamps import Stamps
from .stamped import STATUS_KINDS, heading_kind
from .asides import own_day, why_aside
from .clausewords import count_in, lasted_in, label_of, one_moment_in_span, sentence_before, until_end, window_end
from .ids import EVENT_IDS, MILESTONES, Taken, event_id, unique_event, words_id
from .relative import DRAFTED_FROM, FAILURE_LENGTH, PREVIOUS_TIME, relative_kind, relative_to
from .neighbours import placed_again, alone_on_line, possessive_day, another_clause, coordinated, headed, with_next, right_after, restated, shared_words, spans_joined, twin, update_stamp

# the notes of an impact window's end, read again when the texts are drafted together (many._window_ends)
WINDOW_END = "the end of the impact window: its "
FIRST_WINDOW, LAST_WINDOW = "the end of the first window: the service worked again", "the end of the last window: the end of the incident"
_ANNOUNCED = ("cause", "recovery", "resolution")  # what an update may announce beyond its status word, the furthest last
@dataclass
class Draft:
    rows: list[dict]
    skipped: list[str] = field(default_factory=list)  # expressions that gave no row, and why
    spans: list[tuple[int, int]] = field(default_factory=list)  # where in the text each row's words are


@dataclass(frozen=True)
class Cells:
    """The cells every row of one text shares."""

    incident: str
    source: str
    source_type: str = ""
    url: str = ""
    events: dict = field(default_factory=dict)  # the incident's existing events: id → kind
    live: bool | None = None  # a live event (something scheduled to start), an outage (False), or not known


def draft(text: str, context: Context, cells: Cells, memo: Memo | None = None) -> Draft:
    """The candidate rows of one text (see the module's docstring); `memo` is shared by the drafts of
    one text against several contexts."""
    memo = memo or Memo()
    readings = memo.readings(text, context)
    # the rows depend on the readings, the publication date and the cells but for the incident and
    # url, which only fill their columns: the same draft again is the rows copied with those two
    key = (id(readings), context.published, cells.source, cells.source_type, tuple(sorted(cells.events.items())), cells.live)
    done = memo.drafts.get(key)
    if done is None:
        done = memo.drafts[key] = _drafted(text, context, cells, memo, readings)
    return Draft([{**row, "incident": cells.incident, "url": cells.url} for row in done.rows], list(done.skipped), list(done.spans))


def _drafted(text: str, context: Context, cells: Cells, memo: Memo, readings: list[Reading]) -> Draft:
    drafting = _Drafting(text, cells, context, memo)
    readings = spans_joined(text, readings)
    drafting.own_day = own_day(readings)
    # a day's words end at any other time; a time's at the next time, not at a day beside it
    timed = [r for r in readings if r.kind != "day"]
    of_times = iter(memo.clauses(text, timed))
    of_all = memo.clauses(text, readings)
    spoken = [all_ if r.kind == "day" else next(of_times) for r, all_ in zip(readings, of_all)]
    starts = [r.start for r in readings]
    shared = shared_words(text, readings, spoken)
    again = _placed_again(text, readings)
    for i, (reading, (sentence, clause)) in enumerate(zip(readings, spoken)):
        if i in again:  # "about 4 am in Australia last Wednesday (1am SGT on Nov 8)": the moment as the bracket says it,
            said = again[i]  # in the words of the clock before it
            if said is None:
                continue
            sentence, clause = spoken[said]
        elif i and (twin(text, readings[i - 1], reading) or restated(text, readings[i - 1], reading)):
            continue  # "12:08 PM – 1:30 PM (19:08 – 20:30 UTC)": said again in another zone
        if shared[i] is not None:
            clause = (clause[0], shared[i])
        after = bisect_left(starts, sentence[1], i + 1)  # the first time past the sentence: the next entry's
        following = starts[after] if after < len(starts) else len(text)
        sentence, clause = headed(text, sentence, clause, following)
        drafting.add(reading, sentence, with_next(text, sentence, clause))
    return drafting.result()


def _placed_again(text: str, readings: list[Reading]) -> dict[int, int | None]:
    """The readings a bracket says again with its zone and day (placed_again): each such bracket's
    index → the clock it restates, whose clause it takes; that clock and any day between → None."""
    again: dict[int, int | None] = {}
    for i, first in enumerate(readings):
        j = i + 1 + (i + 1 < len(readings) and readings[i + 1].kind == "day")  # a day between: "last Wednesday"
        if j < len(readings) and placed_again(text, first, readings[j]):
            again.update({k: None for k in range(i, j)})
            again[j] = i
    return again


def _posted(guess, posted: bool):
    """What a post says of a failure, dated by its signature ("Una falla masiva … — Edesur Argentina
    (@OficialEdesur) 16 de junio de 2019"): the post about it, not when it began."""
    if not posted or guess.kind not in ("impact_start", "report"):
        return guess
    return type(guess)("acknowledgement", f"{guess.note}, in a post its signature dates, about the failure: the operator acknowledges it")


_POSTED_BY = re.compile(r"(?:[—–-]\s)?[^\n()—–]{1,60}\(@\w{1,30}\),?\s*\Z")  # an embedded post's signature, before its date
class _Drafting:
    """The rows of one text, made one reading at a time."""

    def __init__(self, text: str, cells: Cells, context: Context | None = None, memo: Memo | None = None):
        self.text, self.cells, self.context = text, cells, context
        self.memo = memo or Memo()
        self.lasting: dict[tuple[int, int], bool] = {}  # a sentence's words of lasting, read once: a long one holds many ranges
        self.stamps = Stamps(text)  # a status page's "Posted …" lines: the update each belongs to
        self.rows: list[dict] = []
        self.skipped: list[str] = []
        self.forecast: tuple[Reading, str] | None = None  # the last time set aside as a forecast, and why
        self.spans: list[tuple[int, int]] = []
        self.words: list[str] = []  # each row's label of its own words, also when the event it joins has one
        self.taken: set[str] = Taken(cells.events)
        self.previous_event: str | None = None
        self.previous_sentence: tuple[int, int] | None = None
        self.said: set[tuple] = set()  # what the rows so far claim: a claim said twice is drafted once
        self.days: dict[tuple[int, int], set[str]] = {}  # sentence → the days its clock times fall on
        self.quotes: dict[tuple[int, int], str] = {}  # the sentence last quoted → its words, spaces made single
        self.windows: list[tuple[int, int]] = []  # impact windows: (the start's instant, its start row's index)
        self.own_day: date | None = None  # the first day the text writes with its year (see `_incident_days`)

    def result(self) -> Draft:
        """The rows, less a day said of an event the text also gives a time of that day (the clock says more);
        a length's end is the resolution when the text names a resolution and no recovery."""
        self._windows()
        if not any(r["kind"] == "recovery" for r in self.rows):  # "fully restored at 11:40", and no recovery before it
            for r in self.rows:
                if r["kind"] == "resolution" and WHOLE_RECOVERY in r["note"]:
                    r["kind"], r["event"] = "recovery", "recovery" if r["event"] == "resolution" else r["event"]
                    r["note"] += "; the text states no earlier recovery: it is the first time the service works again"
        kinds = {r["kind"] for r in self.rows}
        if "resolution" in kinds and "recovery" not in {r["kind"] for r in self.rows if not r.get("relative_to")}:
            for r in self.rows:
                if r.get("relative_to") == "impact-start" and r["kind"] == "recovery" and "a length" in r["note"]:
                    r["kind"], r["event"] = "resolution", "resolution"
                    r["note"] += "; the text names the end a resolution"
        said = sorted((r["time"][:10], instant(r) or 0, r["time"], i) for i, r in enumerate(self.rows)
                      if r["kind"] == "acknowledgement" and r["time"])  # a day's first by its moment: 10:30 AM ET, 8 AM PT
        for _, at, time, i in said[1:]:  # the operator acknowledges once: a statement on a later day or at a later time is an update
            r, first = self.rows[i], said[0][2]
            if time[:10] != first[:10] or (len(time) > 10 and len(first) > 10 and at != said[0][1]):
                self._own_event(i, "communication", words_id(self.words[i], self.taken) or f"update-{r['time'][:10]}",
                                "a statement after the first acknowledgement: an update")
        timed = {(r["event"], r["time"][:10]) for r in self.rows if len(r["time"]) > 10 and not r["bound"]}
        for i, r in enumerate(self.rows):  # "announced on Thursday that all had resumed since midnight": the day, the saying
            if len(r["time"]) == 10 and (r["event"], r["time"]) in timed and STATED in r["note"]:
                r["bound"] = ""
                self._own_event(i, "communication", f"update-{r['time']}", "the text times what it says happened: this day is the statement's")
        keep = [i for i, r in enumerate(self.rows) if len(r["time"]) != 10 or (r["event"], r["time"]) not in timed]
        return Draft([self.rows[i] for i in keep], self.skipped, [self.spans[i] for i in keep])

    def add(self, reading: Reading, sentence: tuple[int, int], clause: tuple[str, str]) -> None:
        if not reading.usable:
            if reading.kind != "day":
                self.skipped.append(f"{reading.as_reported!r}: {reading.problem}")
            return
        aside = why_aside(self.text, reading, self.context, bool(self.stamps), self.cells.live, self.own_day)
        if aside:
            if reading.kind != "day":
                self.skipped.append(f"{reading.as_reported!r}: {aside}")
            return
        stamp = self.stamps.stamp_on(reading.start)
        if stamp is not None:  # a status update's time: the update says what happened
            words = self.text[stamp.paragraph[0]:stamp.paragraph[1]]
            kind, note = STATUS_KINDS[stamp.word]
            said = self._announced(words)
            if kind in ("communication", "mitigation") and said is not None:  # what the update says happened by then
                kind, note = said.kind, f"{note}, which says: {said.note}"
                if said.kind != "cause" and not reading.bound:
                    reading = dataclasses.replace(reading, bound="not_after")
            self._row_of(reading, stamp.paragraph, ("", words), kind, note)
            return
        post = _POSTED_BY.search(self.text, max(0, reading.start - 80), reading.start) \
            if self.text.find("(@", max(0, reading.start - 80), reading.start) >= 0 else None  # the pattern's one fixed part
        if reading.kind == "day" and post is not None:  # "We're coming back online! — Facebook App (@facebookapp) October 4, 2021"
            start = self.text.rfind("\n", 0, reading.start) + 1
            if not self.text[start:post.start()].strip():  # the signature on a line of its own: the post is the line above
                start = self.text.rfind("\n", 0, max(start - 1, 0)) + 1
                while start > 0 and not self.text[start:post.start()].strip(" \n—–-"):
                    start = self.text.rfind("\n", 0, start - 1) + 1
            sentence, clause = (start, reading.start), (self.text[start:post.start()], "")
        guess = _posted(self.memo.classify(clause, span=reading.kind == "range", live=self.cells.live), post is not None and reading.kind == "day")
        guess = type(guess)(*owned) if reading.kind == "day" and (owned := possessive_day(self.text, reading, self.cells.live)) else guess
        if reading.kind == "relative" and guess.kind in ("other", "resolution", "communication"):
            # "restored on Thursday afternoon, more than 40 hours after it crashed": the sentence's verb says what
            before = sentence_before(self.text, sentence[0], reading.start)
            whole = self.memo.classify((before, clause[1]), live=self.cells.live, whole=True)
            guess = whole if whole.kind != "other" else guess
        if guess.kind == "report" and self.cells.live is False and not any(r["kind"] == "impact_start" for r in self.rows):
            # "users began reporting problems at 3 a.m.", and no failure timed before: the impact as the text times it
            guess = type(guess)("impact_start", f"{guess.note}: in an outage, the first the text times, the users' impact")
        if reading.kind in ("clock", "day") and (guess.kind in ("impact_start", "other") or NOT_YET in guess.note or guess.bound == "not_before"):
            ended = until_end(reading, clause, guess, lambda words: self.memo.classify(words, live=self.cells.live))
            if ended is not None:  # "was offline until 15:23": back then; "went unnoticed until 09:40": noticed then
                guess, reading = ended, dataclasses.replace(reading, bound="")
        if reading.kind == "clock" and guess.kind == "other" and "not guessed" in guess.note and _YEAR.search(reading.as_reported) \
                and alone_on_line(self.text, reading):  # not a timeline's bare "12:15 UTC" heading, which has no words
            guess = type(guess)("communication", "a dated time alone on its line: the stamp of the post it heads, an update then")
        if reading.kind == "day" and not self._day_is_a_claim(reading, sentence, guess):
            return
        if reading.kind in ("clock", "range") and reading.time:
            self.days.setdefault(sentence, set()).add(reading.time[:10])
        forecast = forecast_in(clause) if guess.kind != "scheduled_start" else ""  # a schedule is a claim of its own
        if not forecast and self.forecast is not None and coordinated(self.text, self.forecast[0], reading):
            forecast = self.forecast[1]  # "revised to 05:00 UTC and then 06:30 UTC": the second is forecast too
        if forecast:
            self.forecast = (reading, forecast)
            self.skipped.append(f"{reading.as_reported!r}: {forecast}: not when anything happened")
            return
        if guess.bound and (reading.kind in ("clock", "day") and (not reading.bound or NOT_YET in guess.note)
                            or reading.kind == "relative" and not reading.bound and NOT_YET in guess.note):
            # "had not been restored by 4 p.m.": still down then, whatever 'by' says of a deed done; "half
            # a day on, not yet back": still down that long after
            reading = dataclasses.replace(reading, bound=guess.bound)
        stamped = update_stamp(self.text, reading) if reading.kind == "clock" and not reading.bound else ""
        heading = stamped and not self.text[reading.end:reading.end + 200].split("\n", 1)[0].strip()  # a line of its own
        if stamped == "update":  # the writer learnt what it reports by then
            reading = dataclasses.replace(reading, bound="not_after",
                                          notes=(*reading.notes, "a live update's stamp: what it reports happened by then"))
            if heading and guess.kind == "other" and "not guessed" in guess.note:  # "Update 12/14/13 10:40 am PST" over its body
                guess = self._heading(reading, stamped)
        elif stamped in STATUS_KINDS and heading:  # "- monitoring May 11, 2021, 07:47 AM UTC" over its update
            guess = self._heading(reading, stamped)
            if guess.bound:
                reading = dataclasses.replace(reading, bound=guess.bound)
        if reading.kind == "range" and reading.until_start is not None and self._lasted(guess, sentence) \
                and ((counted := count_in(clause)) is None or counted[1] == "%") \
                and not one_moment_in_span(self.text[max(0, reading.start - 60):reading.start], reading.as_reported):
            self._window(reading, sentence, clause, guess)
            return
        self._row_of(reading, sentence, clause, guess.kind, guess.note)

    def _lasted(self, guess, sentence: tuple[int, int]) -> bool:
        """Whether a range is an impact window: its clause says the failure began, or its sentence says
        something lasted or went down ("the outage lasted from 09:10 to 09:40")."""
        if sentence not in self.lasting:
            self.lasting[sentence] = lasted_in(self.text[sentence[0]:sentence[1]].lower())
        return ANOTHER not in guess.note and (guess.kind == "impact_start" or self.lasting[sentence])

    def _heading(self, reading: Reading, word: str):
        """The kind of an update whose stamp heads its own line (see stamped.heading_kind)."""
        return heading_kind(self.text, reading.end, word, self._announced)

    def _announced(self, words: str):
        """The furthest milestone a status update says was reached ("We've worked to mitigate the issue,
        and are starting to see recovery": the recovery), or the cause it names; None when neither.
        Each of its clauses is read on its own."""
        found = []
        for part in re.split(r"[.;!?]\s+|,\s+(?:and|but)\s+", words):
            guess = self.memo.classify(("", part), live=self.cells.live)
            if guess.kind in _ANNOUNCED and not forecast_in((part, "")):  # "… will be blocked in a measure towards resolution"
                found.append((_ANNOUNCED.index(guess.kind), guess))
        return max(found, key=lambda f: f[0])[1] if found else None

    def _named_before(self, anchor: str) -> str | None:
        """The event of the last row before whose words say every word of a relative figure's anchor ("the presale
        opened" in "The presale opened at 12:45"), or None."""
        wanted = {w for w in _WORD.findall(anchor.lower()) if len(w) > 3}
        for row, words in zip(reversed(self.rows[-_LOOK_BACK:]), reversed(self.words[-_LOOK_BACK:])):  # bounded: linear
            if wanted and wanted <= set(_WORD.findall(words.lower())) and not row.get("relative_to"):
                return row["event"]
        return None

    def _counted_from(self, reading: Reading) -> str | None:
        """The event 'later' counts from: the text's previous time's; in a timeline table whose 'later'
        rows grow ("| ~10 minutes later |", "| ~40 minutes later |"), the one the row before counts from."""
        last = self.rows[-1] if self.rows else None
        line = self.text[self.text.rfind("\n", 0, reading.start) + 1:reading.start]
        if last is None or reading.anchor != "the previous event" or not line.lstrip().startswith("|") \
                or PREVIOUS_TIME not in last["note"] or not last["offset_min"]:
            return self.previous_event
        return last["relative_to"] if float(last["offset_min"]) < (reading.offset_min or 0) else self.previous_event

    def _anchor_placed(self, reading: Reading) -> str | None:
        """The event a relative row just before counts from, when this time is written inside its
        anchor's words ("two hours before the midnight deadline") or right after them ("more than 40
        hours after the problem started around 1:35 a.m."), or None."""
        if not self.rows or not self.rows[-1].get("relative_to"):
            return None
        inside = self.spans[-1][0] <= reading.start and reading.end <= self.spans[-1][1]
        return self.rows[-1]["relative_to"] if inside or right_after(self.text, self.spans[-1][1], reading) else None

    def _day_is_a_claim(self, reading: Reading, sentence: tuple[int, int], guess) -> bool:
        """A day written without a time is a claim when its clause says what happened then, and no
        time of the sentence already places it on that day; not a document's date ("your letter
        dated 4 June"), nor a day given for many things at once ("hacked four times yesterday")."""
        if guess.kind == "other" and ("not guessed" in guess.note or ANOTHER in guess.note):  # or a similar failure before
            return False
        before = self.text[max(0, reading.start - 40):reading.start].lower()
        if before.rstrip().endswith(("dated", "dated on", "times", "time")):
            return False
        return reading.time not in self.days.get(sentence, set())

    def _same_day_said(self, row: dict, claim: tuple) -> bool:
        """A day claim of an event the text already placed on that day, once 'by' that day and once
        on it (an embedded post "We're coming back online!", then another "coming back now"): one
        claim, on that day, which says the more."""
        if len(row["time"]) != 10 or row["bound"] not in ("", "not_after"):
            return False
        other = claim[:4] + ("not_after" if not row["bound"] else "",) + claim[5:]
        if other not in self.said:
            return False
        if not row["bound"]:
            self.said.add(claim)
            for said in self.rows:
                if (said["kind"], said["time"], said["tz"], said["bound"]) == (row["kind"], row["time"], row["tz"], "not_after") \
                        and not said.get("relative_to"):
                    said["bound"] = ""
                    said["note"] += f"; said again of that day ({row['as_reported']!r}): on that day"
        return True

    def _window(self, reading: Reading, sentence: tuple[int, int], clause: tuple[str, str], guess) -> None:
        """An impact window ("the outage lasted from 14.35 until 00.45 the next day"): its start and its
        end, each a claim of its own."""
        cut = reading.until_start
        assert cut is not None  # a window's reading says where its end is written
        first = _range_end(self.text[reading.start:cut])
        ends = reading.start + len(first) if self.text.startswith(first, reading.start) else cut  # its words, not the joiner
        start = dataclasses.replace(reading, kind="clock", end=ends, as_reported=first, until="", until_instant=None,
                                    until_start=None, until_uncertainty_min=None)
        words = self.text[cut:reading.end]
        end = dataclasses.replace(reading, kind="clock", start=cut, as_reported=words.strip(), time=reading.until,
                                  instant=reading.until_instant, until="", until_instant=None, until_start=None,
                                  uncertainty_min=_far_end(reading))
        before = len(self.rows)
        self._row_of(start, sentence, clause, "impact_start", guess.note, counting=False)
        kind = window_end((self.text[max(sentence[0], reading.start - 300):reading.start], clause[1]))  # its sentence's verb
        self._row_of(end, sentence, clause, kind, f"{WINDOW_END}{kind}", counting=False)
        if len(self.rows) == before + 2 and reading.instant is not None:
            self.windows.append((reading.instant, before))

    def _windows(self) -> None:
        """Two or more impact windows in one text ("from 16:35 to 17:02, and again from 21:14 to 22:47"):
        the impact starts with the first, the service works again at the first one's end (its recovery),
        and the incident ends with the last (its resolution); a later window's start is an event of its
        own, and so is the end of a window between."""
        if len(self.windows) < 2:
            return
        ordered = sorted(self.windows)
        for k, (_, i) in enumerate(ordered):
            end = self.rows[i + 1]
            if k:
                self._own_event(i, "other", "impact-again", "a later window of impact: the impact started with the first")
            last = k == len(ordered) - 1
            kind = "resolution" if last else "recovery" if k == 0 else "other"
            if kind == "other":
                self._own_event(i + 1, "other", "impact-again-end", "the end of a window between: the incident went on")
            else:  # said even when the kind was already so: no other text's words move it (many._window_ends)
                end["kind"], end["event"] = kind, EVENT_IDS[kind] if end["event"] in EVENT_IDS.values() else end["event"]
                end["note"] += "; " + (LAST_WINDOW if last else FIRST_WINDOW)

    def _stepped(self, clause: tuple[str, str], kind: str, note: str) -> tuple[str, str, str]:
        """A milestone said to come 'later' than the text's previous time of that same milestone: one
        of the two is a step of its own. A start that came later ("a glitch at 10:37 … an hour later
        trading was suspended") makes the earlier time, when a clock's, a step before it; anything
        else that came later ("restored at 9 a.m. for some airports … everywhere 26 minutes later")
        is a later step."""
        i = max(i for i, row in enumerate(self.rows) if row["event"] == self.previous_event)
        if kind in ("impact_start", "scheduled_start") and len(self.rows[i]["time"]) > 10:  # timed to the minute
            self._own_event(i, "other", words_id(self.words[i], self.taken) or "earlier-step",
                            f"a step before the {kind.replace('_', ' ')} the text says came later")
            self.previous_event = self.rows[i]["event"]
            return event_id(kind, clause, self.cells.events, self.taken), kind, note
        note = f"{note}; a later step of the {kind.replace('_', ' ')} the text's previous time placed: an event of its own"
        return event_id("other", clause, self.cells.events, self.taken), "other", note

    def _own_event(self, i: int, kind: str, stem: str, why: str) -> None:
        row = self.rows[i]
        row["kind"], row["event"] = kind, unique_event(stem, self.taken)
        row["label"] = row["label"] or self.words[i]
        self.taken.add(row["event"])
        row["note"] += f"; {why}"

    def _row_of(self, reading: Reading, sentence: tuple[int, int], clause: tuple[str, str], kind: str, kind_note: str,
                counting: bool = True) -> None:
        cells = self.cells
        count = count_in(clause) if counting and kind in ("report", "other", "communication", "detection", "impact_start") \
            and reading.kind in ("clock", "range", "day") else None
        if count is not None:
            kind, kind_note = "measurement", f"a count at that time ({count[2]}): a measurement"
            if reading.kind == "range":  # "80 lakh registered between 4 pm and 7 pm": the count at its end
                reading = dataclasses.replace(reading, kind="clock", time=reading.until, instant=reading.until_instant, until="",
                                              uncertainty_min=_far_end(reading))
        if reading.kind == "relative":
            kind, kind_note = relative_kind(reading, kind, kind_note, cells.live, clause[0])
        anchor = self._anchor_placed(reading) if self.previous_sentence == sentence else None
        if anchor is not None:  # "40 hours after the problem started around 1:35 a.m.": the anchor's own time
            event = anchor
            kind = anchor.replace("-", "_") if anchor.replace("-", "_") in MILESTONES else "other"
            kind_note = f"the time of what the figure before it counts from ({anchor})"
        elif kind == "other" and self.previous_sentence == sentence and self.rows \
                and not another_clause(self.text, self.spans[-1][1], reading.start):  # "began at 12:42 GMT, more than 40 minutes after …"
            kind, event, kind_note = self.rows[-1]["kind"], self.rows[-1]["event"], "the same event as the sentence's time before it"
        elif reading.kind == "relative" and self.previous_sentence == sentence and self.rows and kind == self.rows[-1]["kind"] \
                and 0 <= reading.start - self.spans[-1][1] <= 3 and "," in self.text[self.spans[-1][1]:reading.start]:
            event = self.rows[-1]["event"]  # "At 9:00 PM ET, about eight hours after the outage began, …": one moment
        elif reading.kind == "day" and self.previous_sentence == sentence and self.rows and reading.time == self.rows[-1]["time"] \
                and self.text[self.spans[-1][1]:reading.start].strip() == "(" and self.rows[-1]["kind"] not in ("communication", "other"):
            # "Depuis ce matin (02 novembre 2020)": the same day; not "said on Thursday evening (July 12) that it was resolved"
            kind, event, kind_note = self.rows[-1]["kind"], self.rows[-1]["event"], "the same day said again"
        else:
            event = event_id(kind, clause, cells.events, self.taken)
        if reading.kind == "relative" and reading.anchor == "the previous event" and event == self.previous_event \
                and kind in MILESTONES and (reading.offset_min or 0) + (reading.uncertainty_min or 0) > 0:
            # "shortly after" (0 ± 5) comes later too; not "two hours earlier": no later step
            event, kind, kind_note = self._stepped(clause, kind, kind_note)
        if sentence not in self.quotes:  # one string per sentence, however many rows quote it: memory stays linear
            self.quotes = {sentence: " ".join(self.text[sentence[0]:sentence[1]].split())}
        row = _row(reading, self.quotes[sentence], kind, event, cells)
        row["label"] = label_of(clause) if event not in cells.events else ""
        if count is not None:
            row["value"], row["unit"] = count[0], count[1]
            if event not in cells.events and reading.time:  # "reports-1702": a count's event is named by what and when
                unit = "percent" if count[1] == "%" else count[1]
                row["event"] = event = unique_event(f"{unit}-{reading.time[11:13]}{reading.time[14:16]}".rstrip("-"), self.taken)
        notes = [kind_note, *reading.notes, *reading.warnings]
        if reading.kind == "relative":
            anchor, anchor_note = relative_to(reading, self._counted_from(reading), cells.live, cells.events, kind, FAILURE_LENGTH in kind_note)
            named = self._named_before(reading.anchor or "") if anchor_note.startswith(DRAFTED_FROM) else None
            if named is not None:  # "The presale opened at 12:45. The site crashed minutes after the presale opened."
                anchor, anchor_note = named, f"relative_to: {reading.anchor!r} is what the text placed before ({named})"
            row["relative_to"] = anchor
            notes.append(anchor_note)
        if reading.kind == "range":
            notes.append("a range: the event happened between its two times")
        row["note"] = "; ".join(n for n in notes if n)
        claim = (row["kind"], row["time"], row["tz"], row["until"], row["bound"], row["uncertainty_min"], row["offset_min"],
                 row.get("relative_to", ""), self._own_words(row, reading))
        if claim in self.said:
            return  # said again (a headline and its body): one claim
        if self._same_day_said(row, claim):
            return
        self.said.add(claim)
        self.rows.append(row)
        self.spans.append((reading.start, reading.end))
        self.words.append(label_of(clause))
        self.taken.add(event)
        self.previous_event, self.previous_sentence = event, sentence

    def _own_words(self, row: dict, reading: Reading) -> str:
        """What tells a step of a timeline apart from another at the same time: its own words, for a time
        that opens its line ("2:48 pm Engineering updates helm charts" / "2:48 pm The app is available again")."""
        if row["kind"] != "other":
            return ""
        line = self.text.rfind("\n", max(0, reading.start - 80), reading.start)  # a bounded look back: linear
        return row["event"] if (line >= 0 or reading.start < 80) and not self.text[line + 1:reading.start].strip() else ""


_WORD = re.compile(r"\w+")
_LOOK_BACK = 40  # rows a relative figure's anchor is looked for among
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")  # a date's year, written with its time
def _range_end(words: str) -> str:
    """'from 14.35 on 1 June until' → '14.35 on 1 June': a range's first end, without its joiners."""
    words = words.strip()
    for lead in ("from ", "between ", "desde las ", "desde la ", "desde ", "entre ", "de ", "von ", "zwischen ", "dalle ", "tra "):
        if words.lower().startswith(lead):
            words = words[len(lead):]
    words = words.rstrip(" ,–—-")
    for joiner in (" and", " to", " until", " till", " through", " thru", " hasta las", " hasta la", " hasta", " y las", " y",
                   " à", " et", " bis", " und", " alle", " e", " a las", " a"):
        if words.lower().endswith(joiner):
            words = words[: -len(joiner)]
    return words.rstrip(" ,–—-")


def _far_end(reading: Reading) -> int | None:
    """The uncertainty of a range's far end: its own, when its words give one, else the range's."""
    return reading.uncertainty_min if reading.until_uncertainty_min is None else reading.until_uncertainty_min


def _row(reading: Reading, quote: str, kind: str, event: str, cells: Cells) -> dict:
    widest = max((u for u in (reading.uncertainty_min, reading.until_uncertainty_min) if u is not None), default=None)
    row = {
        "incident": cells.incident, "event": event, "kind": kind, "time": reading.time, "tz": reading.tz,
        "until": reading.until, "uncertainty_min": "" if widest is None else str(widest),
        "bound": reading.bound, "offset_min": "" if reading.offset_min is None else _number(reading.offset_min),
        "source": cells.source, "source_type": cells.source_type, "url": cells.url,
        "quote": quote, "as_reported": " ".join(reading.as_reported.split()),
    }
    return row


def _number(value: float) -> str:
    return str(int(value)) if value == int(value) else f"{value:g}"
