"""Incidents side by side: aligned on a common origin (T+0), metrics in one table."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Iterable, Mapping, Sequence

from . import metrics as metrics_module
from ..model.cells import Kind
from .events import Event, Timeline
from .minutes import edges

# Milestones drawn on a lane: the SRE phases, the live event's end, and anything filed as `other`
# (a crash, a false start). Of the many public reports only the first is a milestone.
MILESTONE_KINDS = (
    Kind.impact_start, Kind.detection, Kind.acknowledgement, Kind.mitigation,
    Kind.recovery, Kind.resolution, Kind.end, Kind.other,
)


@dataclass(frozen=True)
class Lane:
    """One incident, with times as minutes from its origin (T+0)."""

    timeline: Timeline
    origin: Event
    name: str = ""  # what a person reads the incident as (its postmortem's title), when not its id

    @property
    def incident(self) -> str:
        return self.timeline.incident

    @property
    def title(self) -> str:
        """The lane's heading: the id, and the name beside it when there is one."""
        return f"{self.incident} — {self.name}" if self.name and self.name != self.incident else self.incident

    @property
    def zero(self) -> int:
        """T+0 in epoch seconds: the origin's estimate; for an origin known only from bounds, the
        edge its claims state ('by 12:25': its latest), else its finite edge."""
        if self.origin.shown is not None:
            return self.origin.shown
        low, high = edges(self.origin)  # as a reader reads them: '12:25', not 12:25:59
        return high if high is not None else low

    @property
    def exact(self) -> bool:
        """Whether T+0 is the origin's estimate (else an edge of its window)."""
        return self.origin.shown is not None

    def minutes(self, seconds: int | None) -> float | None:
        return None if seconds is None else (seconds - self.zero) / 60

    @property
    def recovery(self) -> Event | None:
        return self.timeline.first(Kind.recovery)

    @property
    def end(self) -> Event | None:
        return self.timeline.first(Kind.end, Kind.resolution)

    @property
    def milestones(self) -> list[Event]:
        """The lane's milestones placed in time, by their estimate, or by their window when known
        only from bounds or to the day, in time order."""
        chosen = [e for e in self.timeline.events if e.kind in MILESTONE_KINDS and e.position is not None]
        first_report = self.timeline.first(Kind.report)
        if first_report is not None and self.timeline.first(Kind.detection) is None:
            chosen.append(first_report)
        chosen = [e for e in chosen if e is not self.origin]
        return sorted(chosen, key=lambda e: (e.position, e.event))

    def measurements(self, unit: str) -> list[Event]:
        """Timed measurements in `unit` (a figure with only a day has no place on the axis)."""
        return [
            e for e in self.timeline.events
            if e.kind is Kind.measurement and e.shown is not None and any(u == unit for _, u, _ in e.values)
        ]

    @property
    def origin_name(self) -> str:
        return "scheduled start" if self.origin.kind is Kind.scheduled_start else self.origin.kind.value.replace("_", " ")


def lanes(timelines: Iterable[Timeline]) -> list[Lane]:
    """Each incident aligned on its scheduled start, or on its impact start when nothing was
    scheduled (by its estimate, else by the edge of its window its claims state), else on its
    first event placed in time."""
    result = []
    for timeline in timelines:
        origin = timeline.first(Kind.scheduled_start, Kind.impact_start)
        if origin is None:
            placed = [e for e in timeline.events if e.position is not None]
            if not placed:
                continue
            origin = min(placed, key=lambda e: (e.position, e.event))
        result.append(Lane(timeline, origin))
    return result


# The kinds of incident, each compared with its own: an outage's story is its impact, a live event's
# its wait and its live time; the comparison page of each kind is named here.
KINDS = (("live-event", "live events", "comparison-live-events"), ("outage", "outages", "comparison-outages"))


def kind_of(timeline: Timeline) -> str:
    """'live-event' (something was scheduled to start) or 'outage'."""
    return "live-event" if metrics_module.is_live_event(timeline) else "outage"


def kind_groups(timelines: Mapping[str, Timeline]) -> dict[str, list[str]]:
    """{kind: its incidents, sorted}, for each kind the file has, in the order of KINDS."""
    found: dict[str, list[str]] = {kind: [] for kind, _, _ in KINDS}
    for name in sorted(timelines):
        found[kind_of(timelines[name])].append(name)
    return {kind: names for kind, names in found.items() if names}


def peers(timelines: Mapping[str, Timeline], named: Mapping[str, Sequence[str]]) -> dict[str, list[str]]:
    """The incidents each incident is compared with: those `named` for it (its postmortem file's
    `compare:` line) that the file has, else the others of its kind. Sorted; never itself."""
    groups = kind_groups(timelines)
    found = {}
    for name in sorted(timelines):
        chosen = named.get(name) or ()
        if chosen:
            found[name] = sorted({n for n in chosen if n in timelines and n != name})
        else:
            found[name] = [n for n in groups[kind_of(timelines[name])] if n != name]
    return found


MAX_LANES = 12  # a comparison draws at most this many lanes; the others are in its distribution


def headline_minutes(lane: Lane) -> float | None:
    """How long a lane took, for ranking lanes: minutes from T+0 to recovery (the wait of a live
    event, the time to recover of an outage), else to resolution, each where it is placed (a
    recovery known only from a bound at that bound); None without either."""
    for event in (lane.recovery, lane.timeline.first(Kind.resolution)):
        if event is not None and event.position is not None:
            return lane.minutes(event.shown if event.shown is not None else event.position)
    return None


def top_lanes(lanes: list[Lane], limit: int = MAX_LANES) -> list[Lane]:
    """All lanes when they are few; else the `limit` with the longest headline, longest first."""
    if len(lanes) <= limit:
        return lanes
    ranked = sorted(lanes, key=lambda lane: (-(headline_minutes(lane) or -1.0), lane.incident))
    return ranked[:limit]


def alt_text(lanes: list[Lane], unit: str | None) -> str:
    """The comparison chart in words, from what it draws (the HTML and Markdown alt text)."""
    parts = []
    shown = top_lanes(lanes)
    if len(shown) < len(lanes):
        parts.append(f"the {len(shown)} of {len(lanes)} incidents that took longest to recover or begin, with a distribution of all")
    for lane in shown:
        recovery = lane.recovery
        if recovery is None:
            parts.append(f"{lane.incident} (T+0: {lane.origin_name}): no recovery recorded")
        elif recovery.shown is None:
            parts.append(f"{lane.incident} (T+0: {lane.origin_name}): recovery known only as a bound or a day")
        elif lane.origin.kind is Kind.scheduled_start:
            parts.append(f"{lane.incident} began {metrics_module.format_minutes(lane.minutes(recovery.shown))} after its scheduled start")
        else:
            parts.append(f"{lane.incident} recovered {metrics_module.format_minutes(lane.minutes(recovery.shown))} after its impact start")
    text = "; ".join(parts) + "."
    if unit is not None and any(lane.measurements(unit) for lane in lanes):
        text += f" Below: concurrent {unit} as each source reported them."
    return text


def audience_unit(timelines: Iterable[Timeline]) -> str | None:
    """The unit most timed measurements share (e.g. 'listeners'); None without measurements."""
    counts = Counter(
        unit
        for timeline in timelines
        for event in timeline.events
        if event.kind is Kind.measurement and event.shown is not None
        for _, unit, _ in event.values
    )
    if not counts:
        return None
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))[0][0]


def metrics_table(timelines: Mapping[str, Timeline]) -> dict[str, dict[str, metrics_module.Metric]]:
    """Metrics side by side: {metric: {incident: Metric}}, metrics in their documented order."""
    computed = {name: {m.metric: m for m in metrics_module.compute(timelines[name])} for name in sorted(timelines)}
    return {spec.name: {name: computed[name][spec.name] for name in computed} for spec in metrics_module.METRICS}


MAX_SPAN_MINUTES = 30 * 24 * 60  # the most a chart spans: a typo years off must not stretch it


def focus(times: list[int]) -> tuple[int, int]:
    """The span the timeline shows, from sorted times: the most of them that lie within
    MAX_SPAN_MINUTES (the earliest such group on a tie). A typo years off would otherwise stretch
    the axis until every event sits on one pixel."""
    limit = MAX_SPAN_MINUTES * 60
    best, count, start = (times[0], times[0]), 0, 0
    for end, time in enumerate(times):
        while time - times[start] > limit:
            start += 1
        if end - start + 1 > count:
            count, best = end - start + 1, (times[start], time)
    return best
