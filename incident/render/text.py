"""Plain-text and JSON views of timelines and metrics, for the terminal (pure functions)."""

from __future__ import annotations

import re

from .. import terminal
from ..words import counted
from ..model import time as model_time
from . import times
from ..timeline.metrics import Metric, format_estimate, format_span
from ..model.claim import Claim
from ..timeline.events import Conflict, Event, Timeline


def iso_utc(seconds: int | None) -> str | None:
    """Epoch seconds → '2024-08-13T00:42:00Z'."""
    return None if seconds is None else model_time.iso_utc(seconds)


local = times.local


def window_text(event: Event, zone: str = "UTC") -> str:
    """The window in minutes: '00:42' (within that minute), '00:37–00:47', '…–00:42' (times.window)."""
    return times.window(event, zone)


def format_weight(weight) -> str:
    """6 → '6', 3/2 → '1.5'."""
    return str(weight.numerator) if weight.denominator == 1 else f"{float(weight):.3g}"


def describe_claim(claim: Claim, timeline: Timeline | None = None) -> str:
    """What a claim says, in its source's words where it has them:
    'AP (press, weight 6): “8:42 p.m.” (line 27)'."""
    said = claim.as_reported or _claim_time(claim)
    who = claim.source
    if timeline is not None:
        kind = claim.source_type.value if claim.source_type else "unspecified"
        who += f" ({kind}, weight {format_weight(timeline.weights[claim.line])})"
    return f"{who}: “{said}” (line {claim.line})"


def _claim_time(claim: Claim) -> str:
    if claim.is_relative:
        sign = "+" if claim.offset_min >= 0 else "−"
        far = ""
        if isinstance(claim.until, float):
            far = f" to {'+' if claim.until >= 0 else '−'}{abs(claim.until):g}"
        text = f"{sign}{abs(claim.offset_min):g}{far} min after {claim.relative_to}"
    else:
        until = f" to {claim.until}" if claim.until is not None else ""
        text = f"{claim.time}{until} {claim.zone_name or ''}".strip()
    if claim.uncertainty_min:
        text += f" ±{claim.uncertainty_min:g} min"
    if claim.bound.value != "at":
        text = {"not_before": "at or after ", "not_after": "at or before "}[claim.bound.value] + text
    return text


def describe_side(claims, timeline: Timeline) -> str:
    return " + ".join(_said(c) for c in claims)


def _said(claim: Claim) -> str:
    """'Mashable “just over 54 minutes” (line 93)'."""
    return f"{claim.source} “{claim.as_reported or _claim_time(claim)}” (line {claim.line})"


def _event_names(conflict: Conflict, timeline: Timeline) -> str:
    labels = {e.event: e.label for e in timeline.events}
    return "; ".join(labels.get(name, name) for name in conflict.events)


def describe_conflict(conflict: Conflict, timeline: Timeline) -> str:
    """One conflict in words: its events by label, each side with its claims and its total weight
    (a witness counted once), and why the side set aside lost."""
    (first, second), (w1, w2) = conflict.sides, conflict.weights
    where = _event_names(conflict, timeline)
    if conflict.is_undecided:
        if conflict.reading_count == 2 or not conflict.readings:
            return (
                f"{where}: UNDECIDED — either {describe_side(first, timeline)}, {format_weight(w1)}, "
                f"or {describe_side(second, timeline)}, {format_weight(w2)}, is wrong; "
                "both choices weigh the same, so the windows span both readings"
            )
        return f"{where}: UNDECIDED — " + _readings_text(conflict, timeline)
    text = f"{where}: set aside {describe_side(first, timeline)}, {format_weight(w1)}"
    if second:
        text += f"; kept: {describe_side(second, timeline)}, {format_weight(w2)}"
    if conflict.order:
        text += "; and the order: " + "; ".join(str(rule) for rule in conflict.order)
    if second and w1 < w2:
        return text + "; the lighter side is set aside"
    if conflict.keeping_cost is not None:
        return text + (f"; keeping it would mean setting aside claims weighing {format_weight(conflict.keeping_cost)} "
                       "in all, so it is the lighter choice overall")
    return text + "; no choice keeps it (it contradicts the milestone order)" if not second else text


SHOWN_READINGS = 6  # readings of an undecided conflict spelt out; the rest are counted


def _readings_text(conflict: Conflict, timeline: Timeline) -> str:
    """'6 readings of equal weight (30 each) set aside: (1) A + B; (2) …; the windows span all of them'."""
    weight = format_weight(conflict.weights[0])
    if conflict.reading_count is None:
        return (f"more readings of equal weight ({weight} each) than are listed one by one set aside one or more of "
                f"{describe_side(conflict.claims, timeline)}; the windows span them all (as if every one of these "
                "claims were set aside)")
    shown = [f"({n}) {describe_side(reading, timeline)}" for n, reading in enumerate(conflict.readings[:SHOWN_READINGS], 1)]
    more = len(conflict.readings) - SHOWN_READINGS
    if more > 0:
        shown.append(f"and {counted(more, 'more reading')}")
    return (f"{len(conflict.readings)} readings of equal weight ({weight} each) set aside: " + "; ".join(shown)
            + "; the windows span all of them")


def _short(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _sources(event: Event, most: int = 2) -> str:
    names = event.sources
    shown = ", ".join(names[:most])
    return shown + (f" +{len(names) - most}" if len(names) > most else "")


def timeline_table(timeline: Timeline, zone: str | None = None, width: int | None = None) -> str:
    """The timeline for a terminal, `width` columns wide at most (None: no limit; see terminal.table)."""
    zone = zone or timeline.zone
    tz_label = _zone_label(timeline, zone)
    header = ["", f"local ({tz_label})", "UTC", "window (UTC)", "kind", "event", "sources"]
    rows = []
    for event in timeline.events:
        if event.shown is None:
            day = times.day_of(event)
            when_local = day if day is not None else times.bound(event, zone)
            when_utc = "" if day is not None else times.beside(event, "UTC", zone) + "Z"
        else:
            when_local = times.date_clock(event, zone)
            # the UTC clock on another day than the local date beside it carries its own date
            when_utc = times.beside(event, "UTC", zone) + "Z"
        rows.append([
            event_mark(event),
            when_local,
            when_utc,
            window_text(event),
            event.kind.value,
            _short(event.label, 44),
            _sources(event),
        ])
    lines = [
        f"{timeline.incident}: {counted(len(timeline.events), 'event')} reconstructed from "
        f"{counted(len(timeline.claims), 'claim')} by {counted(len(timeline.sources), 'source')}",
        "",
    ]
    if not terminal.fits(header, rows, width):  # narrow: the zone above the table, not in a column's title
        lines[-1:] = [f"Local time: {tz_label}; windows in UTC.", ""]
        header[1] = "local"
    lines += terminal.table(header, rows, width, give=(5, 6), below=(2, 3, 6))
    if timeline.conflicts:
        lines += ["", "Conflicts — claims that cannot all hold (! a claim set aside, ? undecided):"]
        lines += [f"  {i}. {describe_conflict(c, timeline)}" for i, c in enumerate(timeline.conflicts, 1)]
    replaced = replaced_texts(timeline)
    if replaced:
        lines += ["", "Replaced — set aside before anything is weighed, never outvoted (not among the events' sources):"]
        lines += [f"  - {text}" for text in replaced]
    lines += [
        "",
        "Estimates: the weighted median of the times the kept claims state, inside the window and "
        "settled together (relative claims and the milestone order hold between them); an event known "
        "only from bounds shows its bound. Windows are the tightest the kept claims and the milestone order allow. "
        "Why: incident explain INCIDENT EVENT.",
    ]
    return terminal.wrap("\n".join(lines), width) + "\n"


def replaced_texts(timeline: Timeline) -> list[str]:
    """Each corrected or superseded claim in words, by line: what it said, and what replaced it."""
    out = []
    for claim in [*timeline.corrected, *timeline.superseded]:
        by = timeline.replaced_by(claim)
        if timeline.status.get(claim.line) == "corrected":
            out.append((claim.line, f"{_said(claim)}: corrected by {_said(by)}"))
        else:
            out.append((claim.line, f"{superseded_text(claim, by)}"))
    return [text for _, text in sorted(out)]


def superseded_text(claim: Claim, by: Claim) -> str:
    """'Acme status “13:40” (line 5), published 2024-03-05 13:50, during the incident: superseded by
    Acme postmortem (line 9), published 2024-03-12, after it ended'."""
    return (f"{_said(claim)}, published {claim.published.text}, during the incident: superseded by {by.source} "
            f"(line {by.line}), published {by.published.text}, after it ended")


def event_mark(event: Event) -> str:
    """'?' for an event an undecided conflict spans, '!' for one with a claim set aside."""
    return "?" if event.undecided else "!" if event.conflict else ""


def zone_abbreviation(timeline: Timeline, zone: str | None = None) -> str:
    """The zone's abbreviation in the middle of the incident ('EDT'), or its name without events."""
    zone = zone or timeline.zone
    moments = sorted(e.shown for e in timeline.events if e.shown is not None)
    if not moments:
        return zone
    return local(moments[len(moments) // 2], zone).strftime("%Z")


def _zone_label(timeline: Timeline, zone: str) -> str:
    abbreviation = zone_abbreviation(timeline, zone)
    return zone if abbreviation == zone else f"{zone}, {abbreviation}"


def event_json(event: Event) -> dict:
    """What every JSON view says of an event first: which it is and when (ISO 8601 UTC)."""
    return {
        "incident": event.incident,
        "event": event.event,
        "kind": event.kind.value,
        "label": event.label,
        "estimate": iso_utc(event.estimate),
        "earliest": iso_utc(event.earliest),
        "latest": iso_utc(event.latest),
    }


def timeline_json(timeline: Timeline) -> list[dict]:
    return [
        {
            **event_json(event),
            "sources": event.sources,
            "conflict": event.conflict,
            "undecided": event.undecided,
            "estimate_rule": event.rule,
            "claims": [c.line for c in event.claims],
            "kept": [c.line for c in event.claims if timeline.status.get(c.line) == "kept"],
            "dropped": [c.line for c in event.dropped],
            "undecided_claims": [c.line for c in event.undecided_claims],
            "corrected": [c.line for c in event.corrected],
            "superseded": [c.line for c in event.superseded],
            "precursor": timeline.is_precursor(event),
        }
        for event in timeline.events
    ]


def metrics_table(metrics: list[Metric], width: int | None = None) -> str:
    header = ["incident", "metric", "estimate", "range", "from → to"]
    rows = []
    for m in metrics:
        path = f"{m.start.event if m.start else '—'} → {m.end.event if m.end else '—'}"
        span = format_span(m)
        rows.append([m.incident, m.metric, format_estimate(m), "" if span == format_estimate(m) else span, path])
    lines = terminal.table(header, rows, width, give=(4, 0), below=(4,), least=20)
    lines += ["", "— undefined: a milestone is missing (never counted as 0)."]
    return terminal.wrap("\n".join(lines), width) + "\n"


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


_PLAIN_NUMBER = re.compile(r"[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?\Z")  # what a spreadsheet reads as a number


def spreadsheet_cell(value) -> str:
    """A value as a CSV cell that a spreadsheet shows as text, never runs as a formula:
    text beginning with = + - @ (or a tab or carriage return) gets a leading apostrophe;
    numbers, including negative ones, stay numbers."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value) if isinstance(value, float) else str(value)
    if isinstance(value, (list, tuple)):
        value = "; ".join(str(v) for v in value)
    text = str(value)
    if text.startswith(FORMULA_START) and not _PLAIN_NUMBER.match(text):
        return "'" + text
    return text


def spreadsheet_csv(records: list[dict]) -> str:
    """Records (dicts with the same keys) as CSV for people: LF, minimal quoting (a lone CR quoted
    too: a spreadsheet starts a new row there), safe cells."""
    from ..events_csv.canonical import csv_line

    if not records:
        return ""
    return csv_line(list(records[0])) + "".join(csv_line([spreadsheet_cell(v) for v in record.values()]) for record in records)
