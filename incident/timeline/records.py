"""One incident's metrics as records: the rows `incident metrics --csv` prints and `incident stats`
reads, each saying what is known of the metric (its state) and, when it is not a value, why.

A pure function of one reconstructed incident (and the incident's attributes: its severity and
components, which are no claims): the same incident gives the same records whatever else the file
holds, so they can be computed apart, in parallel or on another machine, and cached.

States:
- `estimate`: an estimate, its range closed on both sides;
- `range`: no estimate, a closed range (a milestone known to a window, a day);
- `at_most`: closed above only (a milestone known only from a bound: "by 10:01");
- `at_least`: closed below only; `unbounded`: neither;
- `open`: the incident is still open (no recovery, resolution or end yet): the metric runs;
- `undefined`: a milestone is missing; `not_applicable`: a live event's metric of an outage.
"""

from __future__ import annotations

from typing import NamedTuple

from ..model.cells import Kind
from .events import NAMES, Event, Timeline
from .metrics import BY_NAME, LIVE_ONLY, METRICS, UPDATE_METRICS, Metric, compute, is_live_event
from .updates import compute_updates

# metrics an incident still open leaves running (their end is the recovery or the resolution)
OPEN_ENDS = {"time_to_recover", "time_to_resolve", "impact_duration", "time_open"}
VALUED = ("estimate", "range")
CENSORED = ("at_most", "at_least", "unbounded", "open")
ALL_METRICS = METRICS + UPDATE_METRICS


class Record(NamedTuple):
    incident: str
    metric: str
    minutes: float | None  # the estimate
    low: float | None  # minutes; None: open
    high: float | None
    start_event: str | None  # the events the metric runs from and to
    end_event: str | None
    state: str
    why: str  # why the metric is no value ("" when it is one)
    start: int | None  # epoch s: where the metric's first milestone sits
    incident_start: int | None  # epoch s: the scheduled start or impact start, else the first event
    latest: int | None  # epoch s: the latest moment any claim puts an event of the incident at
    severity: str
    components: tuple[str, ...]
    shown: float | None = None  # the estimate as every view prints it: the difference of the shown instants


def incident_records(timeline: Timeline, severity: str = "", components: tuple[str, ...] = ()) -> list[Record]:
    """Every metric of the incident (DESIGN.md's eight, then the update metrics), as records."""
    live = is_live_event(timeline)
    still_open = timeline.first(Kind.recovery, Kind.resolution, Kind.end) is None
    begun = timeline.first(Kind.scheduled_start, Kind.impact_start)
    placed = [e.position for e in timeline.events if e.position is not None]
    incident_start = begun.position if begun is not None else (min(placed) if placed else None)
    stated = [e.latest if e.latest is not None else e.position for e in timeline.events]
    moments = [m for m in stated if m is not None]
    latest = max(moments) if moments else None
    out = []
    for m in compute(timeline) + compute_updates(timeline):
        state, why = state_of(m, live, still_open)
        start = m.start.position if m.start is not None else None
        out.append(Record(timeline.incident, m.metric, _round(m.minutes), _round(m.low), _round(m.high),
                          m.start.event if m.start else None, m.end.event if m.end else None, state, why, start,
                          incident_start, latest, severity, components,
                          _round(m.shown if m.shown is not None else m.minutes)))  # an update metric's estimate is no instants' difference
    return out


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def state_of(m: Metric, live: bool, still_open: bool) -> tuple[str, str]:
    """(state, why) of one metric of an incident."""
    if m.metric in LIVE_ONLY and not live:
        return "not_applicable", "an outage: no scheduled start"
    if not m.defined:
        if m.metric in OPEN_ENDS and m.start is not None and still_open:
            return "open", "still open: no recovery or resolution yet"
        return "undefined", _missing(m)
    if m.high is None:
        return ("unbounded" if m.low is None or round(m.low) <= 0 else "at_least"), _bounded(m, m.end, m.start)
    if m.low is None or (m.minutes is None and round(m.low) <= 0):
        return "at_most", _bounded(m, m.start, m.end)
    if m.minutes is not None:
        return "estimate", ""
    return "range", ""


def _missing(m: Metric) -> str:
    spec = BY_NAME[m.metric]
    if m.metric == "time_between_updates":
        return "fewer than two updates"
    if m.start is None:
        return "no " + " or ".join(_name(k) for k in spec.start)
    if m.metric == "time_to_first_update":
        return "no update after the impact start"
    return "no " + " or ".join(_name(k) for k in spec.end)


def _bounded(m: Metric, first: Event | None, second: Event | None) -> str:
    """Why a side is open: the milestones known only from bounds ('the impact start known only
    from a bound', 'the impact start and detection known only from bounds')."""
    named = [_name(e.kind) for e in (first, second) if e is not None and e.estimate is None]
    if not named:
        return "the claims leave it open"
    if len(named) == 2 and named[0] == named[1]:
        return f"both {named[0]}s known only from bounds"
    return f"{' and '.join(named)} known only from {'a bound' if len(named) == 1 else 'bounds'}"


def _name(kind: Kind) -> str:
    name = NAMES.get(kind, kind.value.replace("_", " "))
    return name.removeprefix("the ").removeprefix("a ") if kind is not Kind.report else "report"
