"""Several texts of one incident drafted together: one event per milestone whoever states it, every
relative claim tied to an event the draft has, copies of one statement marked, and a draft that
always validates.

Each text is drafted on its own (draft.py), in order, each knowing the events the ones before it
gave: a milestone another text states is the same event (the impact start is `impact-start` in every
text), any other event gets an id no other text has. Then, across the texts:
- a date written without a year is read in the year the incident happened (the texts that write
  years say when: "July 19" in a write-up of the next summer is last July's);
- a claim whose words another text already gave (the same quote, spacing and case aside) is a copy:
  its `via` names the first text's source;
- a relative claim whose anchor no text places gets the anchor a claim of its own: no later than the
  day the text was published (the analyst's inference, said so);
- the draft is checked as `validate` would; a row it still refuses is left out, and said.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field, replace
from datetime import date, datetime

from ..model.ids import slugify
from ..timetext.days import Context
from ..timetext.kinds import STATED
from .asides import writes_date, writes_year
from .clausewords import label_of
from .draft import FIRST_WINDOW, LAST_WINDOW, WINDOW_END, Cells, draft
from .ids import EVENT_IDS, MILESTONES, unique_event, words_id
from .memo import Memo
from .moments import instant as _instant


@dataclass
class Text:
    """One text to draft and what is known of it."""

    name: str  # a file's name, or '-'
    text: str
    published: date | datetime | None = None
    tz: str | None = None
    source: str = ""
    source_type: str = ""
    org: str = ""
    url: str = ""
    title: str = ""  # a saved page's title
    how: str = ""  # how a saved page was read
    source_guess: str = ""  # where the source's name came from when no one gave it: "taken from the page"
    month_only: bool = False  # only the month of `published` is known (it holds the month's first day)
    _digest: tuple | None = field(default=None, repr=False, compare=False)  # (the text, its digest), hashed once

    @property
    def fingerprint(self) -> str:
        """What a drafted row's note says it came from: the text's name and the start of its SHA-256."""
        if self._digest is None or self._digest[0] is not self.text:
            self._digest = (self.text, hashlib.sha256(self.text.encode("utf-8")).hexdigest()[:12])
        return f"drafted from {self.name} (text {self._digest[1]})"


@dataclass
class Drafts:
    rows: list[dict] = field(default_factory=list)
    said: list[str] = field(default_factory=list)  # what stderr should hear: what was left out and why
    sentences: int = 0


def draft_texts(texts: list[Text], incident: str, live: bool | None, events: dict[str, str] | None = None,
                stated: frozenset[str] | None = None) -> Drafts:
    """The rows of every text, as one draft of `incident` (whose events so far are `events`: id →
    kind, from the file appended to; `stated`: the kinds its claims state, when some of its events are
    only starter rows with no time yet — by default every event's kind)."""
    known = dict(events or {})
    stated = frozenset(known.values()) if stated is None else stated
    out = Drafts()
    memos = [Memo() for _ in texts]  # each text is drafted twice: scanned and its clauses weighed once
    near = _incident_day(texts, live, memos)
    for text, memo in zip(texts, memos):
        cells = Cells(incident, text.source, text.source_type, text.url, dict(known), live)
        result = draft(text.text, Context(text.published, text.tz, near=near, month_only=text.month_only), cells, memo)
        out.said += [f"{text.name}: not read: {problem}" for problem in result.skipped]
        out.sentences += len({row["quote"] for row in result.rows})
        for row in result.rows:
            guess = f"source {text.source!r}: {text.source_guess}: give --source" if text.source_guess else ""
            row["note"] = "; ".join(filter(None, [f"draft: {row['note']}" if row["note"] else "draft:", guess, text.fingerprint]))
            row["published"], row["org"] = "" if text.month_only else _day_of(text.published), text.org
            if text.month_only and text.published is not None:
                row["note"] += f"; published in {text.published:%Y-%m}, its day not given"
        _later_steps(result.rows, known)
        for row in result.rows:
            known.setdefault(row["event"], row["kind"])
        out.rows += result.rows
    _recalled(out.rows, near, known)
    _copies(out.rows)
    _same_moments(out.rows)
    _third_parties(out.rows, texts, known)
    _impact_ends(out.rows)
    _window_ends(out.rows)
    _staged_ends(out.rows, known)
    _length_ends(out.rows)
    _first_word(out.rows, known, stated)
    _page_opened(out.rows, known, stated)
    _anchors(out, texts, known, stated)
    return out


_RECALLED = 7  # days: a milestone dated this long before the incident's day is an earlier incident's


def _recalled(rows: list[dict], near: date | None, known: dict[str, str]) -> None:
    """A milestone dated days before the incident's day ("under review following the outage we
    experienced on November 18", in the postmortem of 5 December) is an earlier incident the text
    recalls: an event of its own, not this incident's."""
    if near is None:
        return
    told: dict[tuple[str, str], set[str]] = {}  # a milestone's day → the texts that tell it
    for row in rows:
        told.setdefault((row["kind"], row["time"][:10]), set()).add(row["source"])
    for row in rows:
        if row["kind"] in MILESTONES and len(row["time"]) >= 10 and row["kind"] != "scheduled_start" \
                and (near - date.fromisoformat(row["time"][:10])).days > _RECALLED \
                and len(told[row["kind"], row["time"][:10]]) < 2:  # not a day two texts give it: the incident's own
            row["kind"], row["event"] = "other", unique_event("earlier-incident", known)
            row["label"] = row["label"] or f"An earlier incident the text recalls ({row['time'][:10]})"
            known[row["event"]] = "other"
            row["note"] += f"; dated days before the incident's day ({near.isoformat()}): an earlier incident the text recalls"


_STEP = 3600  # a text's later time of its recovery, this much after its first, is a later step


def _later_steps(rows: list[dict], known: dict[str, str]) -> None:
    """A text's later times of the recovery ("Initial recovery began by 09:13 UTC, with major services
    operational by 16:44") are steps of their own: the recovery is the first time the service works
    again, and a later step is no second claim of that moment. A 'still down at' bound is left."""
    timed = [(at, i) for i, row in enumerate(rows)
             if row["event"] == "recovery" and row["bound"] != "not_before" and (at := _instant(row)) is not None]
    if len(timed) < 2:
        return
    first = min(at for at, _ in timed)
    last = max(timed)[1]
    for at, i in sorted(timed):
        if at - first > _STEP:
            row = rows[i]
            if i == last and _normal_again(row["quote"]) and not any(r["kind"] == "resolution" for r in rows):
                row["kind"], row["event"] = "resolution", _resolution_event(known)
                row["note"] += "; the last time of the recovery in the same text, all back to normal: the end of the incident"
                continue
            event = words_id(row["label"] or row["quote"], known) or unique_event("recovery-step", known)
            row["kind"], row["event"] = "other", event
            said = row["quote"].split(row["as_reported"], 1) if row["as_reported"] else []
            row["label"] = row["label"] or (label_of((said[0], said[1])) if len(said) == 2 else "")
            known[event] = "other"
            row["note"] += "; a later time of the recovery in the same text: a step of its own (the recovery is the first)"


def _resolution_event(known: dict[str, str]) -> str:
    """The id of the incident's resolution: the one the file or an earlier text names, else the milestone's own."""
    return next((e for e, k in sorted(known.items()) if k == "resolution"), EVENT_IDS["resolution"])


_NORMAL = ("back to normal", "returned to normal", "normal operation", "operating normally", "fully", "all services",
           "all systems")  # "Services confirmed back to normal" after "Core traffic largely restored"


def _normal_again(quote: str) -> bool:
    lowered = quote.lower()
    return any(word in lowered for word in _NORMAL)


# who a text says caused the incident: "triggered by AWS Route53 suffering lookup failures"
_CAUSED_BY = re.compile(r"\b(?:caused|triggered|brought about|set off) by (?:an? |the )?([A-Z][A-Za-z0-9.&-]{1,30})")
_SAYS = ("declared", "said", "announced", "reported", "confirmed", "stated", "marked", "called")


def _third_parties(rows: list[dict], texts: list[Text], known: dict[str, str]) -> None:
    """A recovery or an end that a text's named cause declares ("The outage was triggered by AWS
    Route53 … AWS declared the outage resolved at 04:37am PDT") is that party's own: an event of its
    own, not the incident's milestone."""
    for text in texts:
        parties = {m[1] for m in _CAUSED_BY.finditer(text.text[:200_000])}
        if not parties:
            continue
        for row in rows:
            if row["kind"] not in ("recovery", "resolution") or text.fingerprint not in row["note"]:
                continue
            said = next((f"{party} {verb}" for party in sorted(parties) for verb in _SAYS
                         if 0 <= row["quote"].find(f"{party} {verb}") < row["quote"].find(row["as_reported"] or "\0")), None)
            if said is not None:
                event = unique_event(slugify(f"{said.split()[0]} {row['kind']}"), known)
                row["kind"], row["event"] = "other", event
                known[event] = "other"
                row["note"] += f"; '{said}': the cause's own party says so of its own outage, not of this incident"


_LASTED_ENDS = (f"{WINDOW_END}resolution", "which lasted until this time: its resolution")
_CLOSED = ("ended", "incident", "resolved", "resolution", "closed", "all clear", "over")


def _impact_ends(rows: list[dict]) -> None:
    """The end of what a text says lasted ("the problem lasted from 1pm to 11pm") is the service's
    return, its recovery, when no text tells a recovery apart from the end of the incident: the
    resolution is the end as the operator states it ("ended", "resolved", the incident closed)."""
    if any(row["kind"] == "recovery" and row["time"] for row in rows):  # a length places no moment of its own
        return
    for row in rows:
        if row["kind"] == "resolution" and any(end in row["note"] for end in _LASTED_ENDS) \
                and not any(word in row["quote"].lower() for word in _CLOSED):
            row["kind"], row["event"] = "recovery", EVENT_IDS["recovery"]
            row["note"] += "; no text tells the service's return apart from the end: what lasted until then ended at its recovery"


def _window_ends(rows: list[dict]) -> None:
    """The end of an impact window ("paralyzing much of the network … (11:20 - 17:06 UTC)") is the end
    another text states at that same minute, when one does ("~17:06 UTC: Services confirmed back to
    normal": the resolution): the window's words say only that something ended then."""
    stated: dict[int, set[str]] = {}
    for row in rows:
        if row["kind"] in ("recovery", "resolution") and WINDOW_END not in row["note"] and not row.get("relative_to") \
                and (not row["bound"] or STATED in row["note"]) and (at := _instant(row)) is not None:  # not "shortly before"
            stated.setdefault(at, set()).add(row["kind"])
    for row in rows:
        if WINDOW_END in row["note"] and row["kind"] in ("recovery", "resolution") and FIRST_WINDOW not in row["note"] \
                and LAST_WINDOW not in row["note"] \
                and (at := _instant(row)) is not None:  # not the end of a text's first or last window of several
            kinds = stated.get(at, set())
            if len(kinds) == 1 and row["kind"] not in kinds:
                row["kind"] = next(iter(kinds))
                row["event"] = EVENT_IDS[row["kind"]] if row["event"] in EVENT_IDS.values() else row["event"]
                row["note"] += f"; another text states the {row['kind']} at that minute"


_ALL_BACK = ("complet", "fully restor", "fully operational", "fully back", "fully resolved", "fully function",
             "back to normal", "returned to normal", "normal operation", "operating normally", "all services",
             "all systems")  # not "fully inaccessible till"


def _staged_ends(rows: list[dict], known: dict[str, str]) -> None:
    """Texts that time the recovery hours apart ("basic services were restored within 3 hours" …
    "the recovery processes only completed at 4:40 pm PT of January 12") tell two moments: the first
    return is the recovery, and the latest, when its words say all is back ("completed", "fully"),
    the end of the incident, when no text times that end."""
    if any(row["kind"] == "resolution" and _instant(row) is not None for row in rows):
        return
    starts = sorted(at for row in rows if row["kind"] == "impact_start" and not row["bound"]
                    and (at := _instant(row)) is not None)
    timed = []
    for i, row in enumerate(rows):
        if row["kind"] != "recovery" or row["event"] != EVENT_IDS["recovery"] or row["bound"] == "not_before":
            continue
        at = _instant(row)
        if at is None and starts and row.get("relative_to") == "impact-start" and row.get("offset_min"):
            at = starts[len(starts) // 2] + int(float(row["offset_min"]) * 60)
        if at is not None:
            timed.append((at, i))
    if len(timed) < 2 or max(timed)[0] - min(timed)[0] <= _STEP:
        return
    last = max(timed)[0]
    late = [i for at, i in timed if last - at <= _STEP]
    if not any(word in rows[i]["quote"].lower() for i in late for word in _ALL_BACK):
        return
    for i in late:
        row = rows[i]
        row["kind"], row["event"] = "resolution", _resolution_event(known)
        row["note"] += "; the texts time the recovery hours apart: the latest, all back, is the end of the incident"


def _length_ends(rows: list[dict]) -> None:
    """A length from the impact start ("a 10-hour outage") places the end of the outage: the recovery
    or the resolution, whichever the texts put nearer the time it gives (the start's stated times
    plus the length)."""
    def instants(kind: str) -> list[int]:
        return sorted(at for row in rows if row["kind"] == kind and (kind != "impact_start" or not row.get("bound"))
                      and (at := _instant(row)) is not None)

    starts = instants("impact_start")
    ends = {kind: times for kind in ("recovery", "resolution") if (times := instants(kind))}
    if not starts or not ends:
        return
    start = starts[len(starts) // 2]
    for row in rows:
        if row.get("relative_to") != "impact-start" or row["kind"] not in ("recovery", "resolution") or not row.get("offset_min"):
            continue
        implied = start + float(row["offset_min"]) * 60
        nearest = min(ends, key=lambda k: min(abs(t - implied) for t in ends[k]))
        if set(ends) == {"resolution"} and _early(implied, start, ends["resolution"]):
            nearest = "recovery"  # it cannot be the end the texts time: the service worked again before it
        if nearest != row["kind"]:
            row["kind"], row["event"] = nearest, EVENT_IDS[nearest]
            row["note"] += f"; a length that ends nearer the texts' {nearest} than their {'recovery' if nearest == 'resolution' else 'resolution'}"


# what a text says the operator published: a post, an update, a statement of its own (not a reporter's
# paraphrase of what someone "said")
_PUBLISHED = ("posted", "tweeted", "tweet", "update", "status page", "status-page", "issued", "apologi", "statement",
              "announced", "notified", "emailed", "wrote", "blog post", "press release", "status post",
              # in the other languages extract reads: "a publié un tweet", "a écrit", "veröffentlichte", "ha pubblicato"
              "publi", "pubblic", "twitte", "écri", "communiqué", "annonc", "veröffentlich", "anunci", "annunci")
_FIRST_WORD = 6 * 3600  # a first post later than this after the impact began is a later update; the first went untimed
_ABOUT_IT = "about the failure: the operator acknowledges it"
_LATE_POST = 24 * 3600  # a post about the failure this long after the impact began is no first word
_GUESSED = re.compile(r"kind guessed from '([^']{1,40})'")


def _first_word(rows: list[dict], known: dict[str, str], stated: frozenset[str]) -> None:
    """The operator's first post about the incident ("At 2PM ET, OpenAI posted an update to its status
    page") is its acknowledgement, when no text says when it acknowledged the problem otherwise: the
    earliest timed statement published within six hours of the impact's start (a later one is more
    likely an update whose first went untimed), and every text's claim of that time."""
    starts = [at for row in rows if row["kind"] == "impact_start" and (at := _instant(row)) is not None]
    for row in rows:  # a post about the failure a day on is a later update: the first went untimed
        if row["kind"] == "acknowledgement" and _ABOUT_IT in row["note"] and starts \
                and (at := _instant(row)) is not None and at - sorted(starts)[len(starts) // 2] > _LATE_POST:
            row["kind"], row["event"] = "communication", unique_event(EVENT_IDS["communication"], known)
            known[row["event"]] = "communication"
            row["note"] += "; posted long after the impact began: a later update, not the first word"
    if "acknowledgement" in stated or any(row["kind"] == "acknowledgement" and row["bound"] != "not_before" for row in rows) \
            or not starts:
        return  # "had not issued any statement as of 7:45" says only when it had not yet
    not_yet = max((at for row in rows if row["kind"] == "acknowledgement" and (at := _instant(row)) is not None), default=0)
    timed = sorted((at, i) for i, row in enumerate(rows)
                   if row["kind"] == "communication" and not row.get("relative_to") and row["bound"] != "not_before"
                   and (at := _instant(row)) is not None and 0 <= at - min(starts) <= _FIRST_WORD and at >= not_yet
                   and (guessed := _GUESSED.search(row["note"])) is not None
                   and any(word in guessed.group(1).lower() for word in _PUBLISHED))
    if not timed:
        return
    first = timed[0][0]
    for at, i in timed:
        if at - first <= 60:
            row = rows[i]
            row["kind"], row["event"] = "acknowledgement", EVENT_IDS["acknowledgement"]
            row["note"] += "; the operator's first post the texts time: its acknowledgement"
    known.setdefault("acknowledgement", "acknowledgement")


_OPENED = "a status update 'Investigating'"


def _page_opened(rows: list[dict], known: dict[str, str], stated: frozenset[str]) -> None:
    """When no text times the impact's start, the status page's first post bounds it: users were hit by
    then (a page does not open an incident before its problem), as `incident import statuspage` reads it."""
    if "impact_start" in stated or any(row["kind"] == "impact_start" for row in rows):
        return
    opened = [(at, i) for i, row in enumerate(rows) if _OPENED in row["note"] and not row["bound"] and (at := _instant(row))]
    if not opened:
        return
    row = rows[min(opened)[1]]
    rows.append({**row, "event": EVENT_IDS["impact_start"], "kind": "impact_start", "bound": "not_after",
                 "note": row["note"].replace(_OPENED, "the status page's first post ('Investigating'): the impact began by then",
                                             1)})
    known[EVENT_IDS["impact_start"]] = "impact_start"


def _early(implied: float, start: int, times: list[int]) -> bool:
    """Whether a length's end falls well before the stated resolution (their median: the service
    worked again before the incident was closed, a recovery): by more than a third of the time the
    texts give the incident, and by more than an hour."""
    end = times[len(times) // 2]
    return end - implied > max(3600, (end - start) / 3)


def _incident_day(texts: list[Text], live: bool | None, memos: list[Memo]) -> date | None:
    """The day the incident happened, by the texts that write a full date (else by every day read, a
    month and day written counting more than a weekday): the day most claims of a first milestone
    (else of any claim) fall on, the earliest on a tie, read from each text on its own, in the week
    the texts' claims fall in most (a date named in passing, "saved since June 1, 2016", is not the
    incident's; one weekday read a week off is outvoted)."""
    found, days = [], []
    for text, memo in zip(texts, memos):
        cells = Cells("x", text.source, text.source_type, "", {}, live)
        result = draft(text.text, Context(text.published, text.tz, month_only=text.month_only), cells, memo)
        for row, (start, end) in zip(result.rows, result.spans):
            words = text.text[start:end]
            if not row["time"]:
                continue
            day = (row["kind"] not in ("impact_start", "scheduled_start"), row["time"][:10])
            year = writes_year(words)
            # a year written out counts thrice, a date's month and day twice: a year, or a week, read in is a guess
            days += [day] * (3 if year else 2 if writes_date(words) else 1)
            if year:
                found.append(day)
    busiest = _busiest_week([date.fromisoformat(day) for _, day in days])
    if busiest is not None:
        found = [f for f in found if 0 <= (date.fromisoformat(f[1]) - busiest).days < _WEEK] \
            or [f for f in days if 0 <= (date.fromisoformat(f[1]) - busiest).days < _WEEK]
    if not found:
        return None
    first = [day for later, day in found if not later] or [day for _, day in found]  # a first milestone's, else any claim's
    return date.fromisoformat(min(set(first), key=lambda day: (-first.count(day), day)))  # the most claimed, the earliest on a tie


_WEEK = 7


def _busiest_week(days: list[date]) -> date | None:
    """The first day of the seven-day stretch the texts' claims fall in most (the earliest such), or None."""
    ordered = sorted(days)
    best, start, first = 0, 0, None
    for end, day in enumerate(ordered):
        while (day - ordered[start]).days >= _WEEK:
            start += 1
        if end - start + 1 > best:
            best, first = end - start + 1, ordered[start]
    return first


def _day_of(published: date | datetime | None) -> str:
    if published is None:
        return ""
    return published.strftime("%Y-%m-%d %H:%M%z")[:-2] + ":" + published.strftime("%z")[-2:] if isinstance(published, datetime) \
        and published.tzinfo is not None else published.strftime("%Y-%m-%d")


def _normal(quote: str) -> str:
    return re.sub(r"[\W_]+", " ", quote.lower()).strip()


def _copies(rows: list[dict]) -> None:
    """A claim whose quote an earlier text (another source) already gave is a copy of it: `via`."""
    first: dict[tuple, str] = {}
    for row in rows:
        key = (_normal(row["quote"]), row["as_reported"])
        origin = first.setdefault(key, row["source"])
        if origin != row["source"] and not row.get("via"):
            row["via"] = origin
            row["note"] += f"; the same words as {origin}: a copy of it (via)"


def _same_moments(rows: list[dict]) -> None:
    """Events of no milestone that the texts place at the same minute and name with a word in common
    ("17:25 Bug fix deployment began", "began deploying the permanent fix at 17:25"): one event, the
    first one's id, as every text's milestone is one. A relative row keeps its own."""
    first: dict[tuple, list[tuple[set[str], str]]] = {}
    renamed: dict[str, str] = {}
    for row in rows:
        if row["kind"] != "other" or row.get("relative_to") or len(row["time"]) <= 10:
            continue
        words = {w for w in row["event"].split("-") if not w.isdigit()} - {"event"}  # not the "-2" of a second id
        seen = first.setdefault((row["time"], row["tz"], row.get("until", "")), [])
        same = next((event for named, event in seen if named & words), None)
        if same is None:
            seen.append((words, row["event"]))
        elif same != row["event"]:
            row["note"] += f"; the same minute as {same}, named with the same words: that event"
            renamed[row["event"]], row["event"] = same, same
    for row in rows:  # what counted from a renamed event counts from the one it is
        if row.get("relative_to") in renamed:
            row["relative_to"] = renamed[row["relative_to"]]


def _anchors(out: Drafts, texts: list[Text], known: dict[str, str], stated: frozenset[str]) -> None:
    """A relative claim's anchor that no claim places gets one: no later than the day its text was
    published (what the text being written then implies), as the analyst's inference. A starter row
    with no time yet places nothing."""
    placed = {row["event"] for row in out.rows} | {event for event, kind in known.items() if kind in stated}
    by_name = {t.fingerprint: t for t in texts}
    added = set()
    for row in list(out.rows):
        anchor = row.get("relative_to")
        if not anchor or anchor in placed or anchor in added:
            continue
        text = next((t for f, t in by_name.items() if f in row["note"]), None)
        if text is None or text.published is None:
            continue
        kind = known.get(anchor) or next((k for k in MILESTONES if EVENT_IDS[k] == anchor), "other")
        day = _day_of(Context(text.published, month_only=text.month_only).latest)[:10]
        out.rows.append({
            "incident": row["incident"], "event": anchor, "kind": kind, "time": day, "tz": "", "bound": "not_after",
            "source": "analyst (inferred)", "source_type": "analyst", "label": "",
            "quote": "", "as_reported": "", "published": "", "org": "", "via": "", "until": "", "uncertainty_min": "",
            "offset_min": "", "url": "",
            "note": f"draft: the event {row['relative_to']!r} is what {row['source']} counts from ({row['as_reported']!r}); no text "
                    f"places it, so it is bounded by the day that text was published ({day}); {text.fingerprint}",
        })
        added.add(anchor)
        out.said.append(f"{text.name}: {anchor!r}, which {row['as_reported']!r} counts from, is placed by no text: "
                        f"drafted as no later than {day} (an inference: replace it with what a source says)")


def drafted_before(notes: list[str], text: Text) -> bool:
    """Whether a row of the file came from this very text (its fingerprint is in a note)."""
    return any(text.fingerprint in note for note in notes)


def with_defaults(known: Text, **defaults) -> Text:
    """The text with each empty field taken from `defaults`."""
    return replace(known, **{k: v for k, v in defaults.items() if v and not getattr(known, k)})
