"""Candidate rows from a text's time expressions: the sentence as `quote`, the words as
`as_reported`, the normalised cells, a kind guessed from the sentence's words and a draft event id,
with a `note` naming every guess. A sentence with no usable expression gives no row."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..timetext import Context, Reading, read_times
from ..timetext.kinds import OUTAGE_WORDS, clauses, guess_kind

_EVENT_IDS = {
    "scheduled_start": "scheduled-start", "impact_start": "impact-start", "detection": "detected",
    "acknowledgement": "acknowledged", "report": "reports", "communication": "update", "mitigation": "mitigated",
    "recovery": "recovered", "resolution": "resolved", "end": "ended", "cause": "cause", "other": "event",
}
_ANCHORS = (  # the words of a relative figure's anchor → the event it most likely names
    (("scheduled", "planned", "due", "billed"), "scheduled_start"),
    (OUTAGE_WORDS + ("it began", "it started"), "impact_start"),
)


@dataclass
class Draft:
    rows: list[dict]
    skipped: list[str] = field(default_factory=list)  # expressions that gave no row, and why


@dataclass(frozen=True)
class Cells:
    """The cells every row of one text shares."""

    incident: str
    source: str
    source_type: str = ""
    url: str = ""
    events: dict = field(default_factory=dict)  # the incident's existing events: id → kind


def draft(text: str, context: Context, cells: Cells) -> Draft:
    readings = read_times(text, context)
    spoken = clauses(text, readings)
    rows: list[dict] = []
    skipped: list[str] = []
    previous_event = None
    previous_sentence = None
    taken = _Taken(cells.events)
    for reading, (sentence, clause) in zip(readings, spoken):
        if not reading.usable:
            skipped.append(f"{reading.as_reported!r}: {reading.problem}")
            continue
        kind, kind_note = guess_kind(clause, span=reading.kind == "range")
        count = _count(clause) if kind in ("report", "other", "communication", "detection") and reading.kind == "clock" else None
        if count is not None:
            kind, kind_note = "measurement", f"a count at that time ({count[2]}): a measurement"
        if reading.kind == "relative" and kind == "scheduled_start" and "scheduled" in (reading.anchor or ""):
            kind, kind_note = "recovery", "a start later than scheduled: the start that happened (a live event's recovery)"
        if kind == "other" and previous_sentence == sentence and rows:  # "began at 12:42 GMT, more than 40 minutes after …"
            kind, event, kind_note = rows[-1]["kind"], rows[-1]["event"], "the same event as the sentence's time before it"
        else:
            event = _event_id(kind, clause, cells, taken)
        row = _row(reading, text[sentence[0]:sentence[1]], kind, event, cells)
        row["label"] = _label(clause) if event not in cells.events else ""
        if count is not None:
            row["value"], row["unit"] = count[0], count[1]
            if event not in cells.events:  # "reports-1702": a count's event is named by what and when
                row["event"] = event = _unique(f"{count[1]}-{reading.time[11:13]}{reading.time[14:16]}", taken)
        notes = [kind_note, *reading.notes, *reading.warnings]
        if reading.kind == "relative":
            anchor, anchor_note = _relative_to(reading, previous_event, cells, kind)
            row["relative_to"] = anchor
            notes.append(anchor_note)
        if reading.kind == "range":
            notes.append("a range: the event happened between its two times (if it is an impact window, split it into its start and its end)")
        row["note"] = "; ".join(n for n in notes if n)
        rows.append(row)
        taken.add(event)
        previous_event, previous_sentence = event, sentence
    return Draft(rows, skipped)


def _row(reading: Reading, sentence: str, kind: str, event: str, cells: Cells) -> dict:
    row = {
        "incident": cells.incident, "event": event, "kind": kind, "time": reading.time, "tz": reading.tz,
        "until": reading.until, "uncertainty_min": "" if reading.uncertainty_min is None else str(reading.uncertainty_min),
        "bound": reading.bound, "offset_min": "" if reading.offset_min is None else _number(reading.offset_min),
        "source": cells.source, "source_type": cells.source_type, "url": cells.url,
        "quote": " ".join(sentence.split()), "as_reported": " ".join(reading.as_reported.split()),
    }
    return row


_COUNT = re.compile(r"(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:\s+(million|thousand))?\s+(?:outage\s+)?"
                    r"(reports|users|customers|people|listeners|viewers|calls|complaints|accounts|subscribers)\b", re.IGNORECASE)
_SCALE = {"million": 1_000_000, "thousand": 1_000}


def _count(clause: tuple[str, str]) -> tuple[str, str, str] | None:
    """A figure counted at the time ("28,842 reports as of 5:02 p.m."): (value, unit, the words), or None."""
    for part in clause:
        m = _COUNT.search(part)
        if m:
            value = float(m[1].replace(",", "")) * _SCALE.get((m[2] or "").lower(), 1)
            return (str(int(value)) if value == int(value) else f"{value:g}"), m[3].lower(), m.group(0)
    return None


def _label(clause: tuple[str, str], width: int = 60) -> str:
    """A short label for charts and tables, of the clause's own words ("Synthetic monitoring detects
    elevated 503 errors"): at most `width` characters, cut at a word."""
    before, after = (" ".join(part.split()) for part in clause)
    words = (after if len(after) >= len(before) else before).strip(" ,;:—–-.")
    words = re.sub(r"^(at|on|by|from|until|since|around|about)\s+", "", words)
    if len(words) > width:
        words = words[: width - 1].rsplit(" ", 1)[0].rstrip(" ,;:") + "…"
    return words[:1].upper() + words[1:]


def _number(value: float) -> str:
    return str(int(value)) if value == int(value) else f"{value:g}"


# milestones: one event each, whatever the words; the rest are events of their own, named by their words
_MILESTONES = {"scheduled_start", "impact_start", "detection", "acknowledgement", "mitigation", "recovery", "resolution", "end"}
_STOP = {"the", "a", "an", "of", "to", "and", "on", "in", "at", "by", "for", "was", "were", "is", "are", "has", "have",
         "had", "been", "be", "it", "its", "we", "our", "they", "their", "that", "this", "with", "from", "as", "after"}


def _event_id(kind: str, clause, cells: Cells, taken: set[str] | None = None) -> str:
    """The incident's existing event of that kind when there is exactly one; a milestone's draft id;
    for any other kind, an id of the clause's own words, new in the incident ("oce-rules-out-database")."""
    same = sorted(event for event, k in cells.events.items() if k == kind)
    if len(same) == 1 and kind in _MILESTONES:
        return same[0]
    if kind in _MILESTONES or taken is None:
        return _EVENT_IDS[kind]
    words = re.findall(r"[a-z0-9]+", (" ".join(clause) if isinstance(clause, tuple) else str(clause)).lower())
    return _unique("-".join([w for w in words if w not in _STOP][:4])[:48].strip("-") or _EVENT_IDS[kind], taken)


class _Taken(set):
    """The event ids used so far, and for each stem the next number to try: the k-th sentence
    with the same words costs one step, not k (ids are only ever added, so every smaller number
    is still taken)."""

    def __init__(self, names=()):
        super().__init__(names)
        self.next: dict[str, int] = {}


def _unique(stem: str, taken: set[str]) -> str:
    """`stem`, else the first of stem-2, stem-3, … not taken."""
    event, n = stem, getattr(taken, "next", {}).get(stem, 2)
    while event in taken:
        event, n = f"{stem}-{n}", n + 1
    if isinstance(taken, _Taken):
        taken.next[stem] = n
    return event


def _relative_to(reading: Reading, previous: str | None, cells: Cells, row_kind: str) -> tuple[str, str]:
    anchor = (reading.anchor or "").lower()
    if anchor == "the previous event":
        if previous is not None:
            return previous, f"relative_to: the event of the text's previous time ({previous})"
        anchor = "the start"
    kind = next((k for words, k in _ANCHORS if any(w in anchor for w in words)), None)
    if kind is None and (anchor in ("the start", "") or anchor.startswith("the start of")):
        live = "scheduled_start" in cells.events.values()
        # what ends counts from the start that happened; what comes "into" a live event, from its schedule
        kind = ("recovery" if row_kind in ("end", "resolution") else "scheduled_start") if live else "impact_start"
    if kind is not None:
        event = _event_id(kind, "", cells)
        return event, f"relative_to guessed from {reading.anchor!r}: {event}"
    slug = re.sub(r"[^a-z0-9]+", "-", re.sub(r"^(the|its|his|her|their|our|a|an)\s+", "", anchor)).strip("-")[:40] or "start"
    return slug, f"relative_to drafted from {reading.anchor!r}: name the event it counts from"
