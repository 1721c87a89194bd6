"""`incident explain`: why an event's window and estimate are what they are (pure functions).

For one event: every claim about it with what it allows, its weight and how the weight is made, and
whether it was kept, set aside (and by which conflict) or is undecided; which claims and order rules
set the window's edges; and the rule that chose the estimate.
"""

from __future__ import annotations

from . import times
from ..model.claim import Claim
from ..model.cells import Kind
from ..model.time import TimeCell
from ..timeline.events import Conflict, Event, Order, Timeline
from .. import terminal
from .text import describe_claim, describe_conflict, event_json, format_weight, iso_utc

PRECISION_WORDS = {4: "to the second", 3: "to the minute", 2: "± 2 min or less",
                   1: "vaguer: a date alone, whole or half hours, or more than ± 2 min"}


def _weight_formula(claim: Claim, timeline: Timeline) -> str:
    kind = claim.source_type.value if claim.source_type else "unspecified, as press"
    return (f"{claim.authority} ({kind}) × {claim.precision_points} "
            f"({PRECISION_WORDS[claim.precision_points]}) = {format_weight(timeline.weights[claim.line])}")


def _witness_text(claim: Claim, timeline: Timeline) -> str | None:
    """'one witness with lines 27, 28 (same via: AP): together they weigh 6, the heaviest'."""
    group = timeline.witness(claim)
    if len(group) < 2:
        return None
    others = ", ".join(str(c.line) for c in group if c.line != claim.line)
    heaviest = max(timeline.weights[c.line] for c in group)
    return f"one witness with line{'s' if len(group) > 2 else ''} {others}: together they weigh {format_weight(heaviest)}, the heaviest of them"


def _status_text(claim: Claim, timeline: Timeline) -> str:
    status = timeline.status[claim.line]
    if status == "corrected":
        by = timeline.corrections[claim.line]
        return f"corrected by {by.source} (line {by.line})"
    if status == "superseded":
        by = timeline.supersessions[claim.line]
        return f"superseded by {by.source} (line {by.line})"
    return status


def _replaced_lines(event: Event, timeline: Timeline) -> list[str]:
    """Each of the event's claims replaced before anything is weighed, in words: by whom, and why."""
    lines = []
    for claim in event.replaced:
        by = timeline.replaced_by(claim)
        if timeline.status[claim.line] == "corrected":
            lines.append(f"  line {claim.line}: corrected by {by.source} (line {by.line}), whose corrects names "
                         f"{by.corrects!r}: set aside, not outvoted")
        else:
            lines.append(f"  line {claim.line}: superseded: {claim.source} published it {claim.published.text}, during the "
                         f"incident; {by.source} (line {by.line}) published {by.published.text}, after the incident ended, "
                         f"that the event happened otherwise ({says(by)}); the organisation's later statement stands, "
                         "the earlier one is set aside, not outvoted")
    return lines


def _precursor_line(event: Event, timeline: Timeline) -> str | None:
    """'a precursor: 4 min before the impact start …' for a detection before users were affected."""
    if not timeline.is_precursor(event):
        return None
    from ..timeline.metrics import BY_NAME, format_estimate, measure

    impact = timeline.first(Kind.impact_start)
    metric = measure(timeline, BY_NAME["time_to_detect"])
    lead = format_estimate(metric) if metric.end is not None and metric.end.event == event.event else "detected before impact"
    return (f"precursor: {lead} ({impact.label}, {times.when(impact, timeline.zone)}); a detection — an "
            "alert, a monitor — may come before users are affected, a user report may not")


def _allows(claim: Claim) -> dict:
    low, high = claim.bounds()
    if claim.is_relative:
        return {
            "relative_to": claim.relative_to,
            "min_seconds_after": low,
            "max_seconds_after": high,
        }
    return {"earliest": iso_utc(low), "latest": iso_utc(high)}


def _allows_text(claim: Claim) -> str:
    low, high = claim.bounds()
    if claim.is_relative:
        def minutes(s):
            return f"{s / 60:+g}"
        if low is None:
            return f"≤ {claim.relative_to} {minutes(high)} min"
        if high is None:
            return f"≥ {claim.relative_to} {minutes(low)} min"
        return f"{claim.relative_to} {minutes(low)} to {minutes(high)} min"

    dated = low is not None and high is not None and iso_utc(low)[:10] != iso_utc(high)[:10]

    def at(s, with_date=dated):  # a window across days keeps its dates: "08:00:00Z–07:59:59Z" reads inverted
        text = iso_utc(s)
        return f"{text[:10]} {text[11:19]}Z" if with_date else text[11:19] + "Z"
    if low is None:
        return f"≤ {at(high, True)}"
    if high is None:
        return f"≥ {at(low, True)}"
    return f"{at(low)}–{at(high)}"


def says(claim: Claim) -> str:
    """What the claim says, as its source wrote it, else as the row writes it ('2024-08-12 ET',
    '+15 min after scheduled-start')."""
    if claim.as_reported:
        return claim.as_reported
    if claim.is_relative:
        far = f" to {claim.until:+g}" if isinstance(claim.until, float) else ""
        return f"{(claim.offset_min or 0):+g}{far} min after {claim.relative_to}"
    if claim.time is None:
        return ""
    zone = claim.tz.name if claim.tz is not None else ""
    until = f" to {claim.until.text}" if isinstance(claim.until, TimeCell) else ""
    return f"{claim.time.text}{until} {zone}".strip()


def _step(step) -> dict:
    if isinstance(step, Order):
        return {"order": str(step)}
    return {"line": step.line, "source": step.source}


def _step_text(step, timeline: Timeline) -> str:
    return f"the order: {step}" if isinstance(step, Order) else describe_claim(step, timeline)


def _conflict_number(timeline: Timeline) -> dict[int, int]:
    numbers: dict[int, int] = {}
    for number, conflict in enumerate(timeline.conflicts, 1):
        for claim in conflict.dropped:
            numbers.setdefault(claim.line, number)
    return numbers


def _conflicts_of(timeline: Timeline, event: Event) -> list[tuple[int, Conflict]]:
    return [(n, c) for n, c in enumerate(timeline.conflicts, 1) if event.event in c.events]


def explain_json(timeline: Timeline, event: Event) -> dict:
    numbers = _conflict_number(timeline)
    return {
        **event_json(event),
        "estimate_rule": event.rule,
        "conflict": event.conflict,
        "undecided": event.undecided,
        "precursor": timeline.is_precursor(event),
        "earliest_set_by": [_step(s) for s in event.earliest_by],
        "latest_set_by": [_step(s) for s in event.latest_by],
        "order": [str(rule) for rule in timeline.order if event.event in (rule.earlier, rule.later)],
        "claims": [
            {
                "line": claim.line,
                "source": claim.source,
                "source_type": claim.source_type.value if claim.source_type else None,
                "says": claim.as_reported or None,
                "bound": claim.bound.value,
                "allows": _allows(claim),
                "weight": float(timeline.weights[claim.line]),
                "weight_formula": _weight_formula(claim, timeline),
                "witness": [c.line for c in timeline.witness(claim)],
                "status": timeline.status[claim.line],
                "corrected_by": timeline.corrections[claim.line].line if claim.line in timeline.corrections else None,
                "superseded_by": timeline.supersessions[claim.line].line if claim.line in timeline.supersessions else None,
                "published": claim.published.text if claim.published is not None else None,
                "org": claim.org,
                "conflict": numbers.get(claim.line),
            }
            for claim in event.claims
        ],
        "conflicts": [
            {
                "number": number,
                "undecided": conflict.is_undecided,
                "events": list(conflict.events),
                "sides": [[c.line for c in side] for side in conflict.sides],
                "weights": [float(w) for w in conflict.weights],
                "order": [str(rule) for rule in conflict.order],
                "readings": [[c.line for c in reading] for reading in conflict.readings],
                "reading_count": conflict.reading_count if conflict.is_undecided else None,
                "text": describe_conflict(conflict, timeline),
            }
            for number, conflict in _conflicts_of(timeline, event)
        ],
    }


def explain_text(timeline: Timeline, event: Event, zone: str | None = None, width: int | None = None) -> str:
    """Why the event's window and estimate are what they are, for a terminal `width` columns wide
    at most (None: no limit)."""
    zone = zone or timeline.zone
    numbers = _conflict_number(timeline)
    lines = [f"{timeline.incident} · {event.event} ({event.kind.value}) — {event.label}", ""]
    if event.shown is not None:
        lines.append(f"estimate  {times.when(event, zone)}: {event.rule} (to the second: {iso_utc(event.estimate)})")
    else:
        lines.append(f"estimate  none, {times.when(event, zone)}: {event.rule}")
    lines.append(f"window    {iso_utc(event.earliest) or 'unbounded'} to {iso_utc(event.latest) or 'unbounded'}"
                 + ("  (undecided: spans the readings of equal weight)" if event.undecided else ""))
    for name, steps in (("earliest", event.earliest_by), ("latest", event.latest_by)):
        if steps:
            lines.append(f"  {name} set by: " + " → ".join(_step_text(s, timeline) for s in steps))
    rules = [str(rule) for rule in timeline.order if event.event in (rule.earlier, rule.later)]
    if rules:
        lines.append("order     " + "; ".join(rules))
    precursor = _precursor_line(event, timeline)
    if precursor:
        lines.append(precursor)
    lines += ["", f"claims about it ({len(event.claims)}):"]
    header = ["line", "status", "weight", "source", "says", "allows (UTC)"]
    rows = []
    for claim in event.claims:
        status = _status_text(claim, timeline)
        if claim.line in numbers:
            status += f" (conflict {numbers[claim.line]})"
        rows.append([
            str(claim.line), status, format_weight(timeline.weights[claim.line]), claim.source,
            says(claim), _allows_text(claim),
        ])
    lines += ["  " + line for line in terminal.table(header, rows, None if width is None else width - 2,
                                                        give=(4, 3, 5), below=(5,), least=14)]
    lines += ["", "weights (authority × precision; the claims of one witness — one source, or copies of one origin "
              "or quote — weigh together as their heaviest):"]
    for c in event.claims:
        witness = _witness_text(c, timeline)
        lines.append(f"  line {c.line}: {_weight_formula(c, timeline)}" + (f"; {witness}" if witness else ""))
    replaced = _replaced_lines(event, timeline)
    if replaced:
        lines += ["", "replaced before anything is weighed:", *replaced]
    conflicts = _conflicts_of(timeline, event)
    if conflicts:
        lines += ["", "conflicts:"]
        lines += [f"  {n}. {describe_conflict(c, timeline)}" for n, c in conflicts]
    lines += [
        "",
        "How it follows: the window is what every kept claim allows at once, carried through relative "
        "claims and the milestone order; the estimate is the weighted median of the times the kept "
        "claims state, placed in the window and settled with the other events' estimates. An event "
        "known only from bounds has no estimate: its window is what is known.",
    ]
    return terminal.wrap("\n".join(lines), width) + "\n"

