"""What a person reads an incident as: its name, its day, and the milestones its sources place
against the order of the SRE phases."""

from __future__ import annotations

from ..model.cells import Kind, SourceType
from ..postmortem import Postmortem
from ..timeline.events import Timeline
from . import times


def incident_name(timeline: Timeline, pm: Postmortem | None = None) -> str:
    """What a person reads an incident as: its postmortem's title; else, for an outage, the label
    the operator gives its impact start (a status-page import writes the page's name of the incident
    there); else its id. A live event's impact start ('Page errors') names no incident."""
    if pm is not None and pm.title:
        return pm.title
    impact = timeline.first(Kind.impact_start)
    if impact is None or not impact.label or impact.label == impact.event or timeline.first(Kind.scheduled_start) is not None:
        return timeline.incident
    by_operator = any(c.label == impact.label and c.source_type is SourceType.operator for c in impact.claims)
    return impact.label if by_operator else timeline.incident


def incident_day(timeline: Timeline) -> str:
    """The incident's date, YYYY-MM-DD, in its display zone: its first milestone's (a scheduled or
    impact start), else its first event's; '' when none is timed."""
    first = timeline.first(Kind.scheduled_start) or timeline.first(Kind.impact_start)
    events = [first] if first is not None and first.position is not None else list(timeline.events)
    for event in events:
        moment = event.shown if event.shown is not None else event.earliest if event.earliest is not None else event.latest
        if moment is not None:
            return times.date_of(moment, timeline.zone)
    return ""


_PHASES = (Kind.impact_start, Kind.detection, Kind.acknowledgement, Kind.mitigation, Kind.recovery, Kind.resolution)


def milestones_out_of_order(timeline: Timeline) -> list[str]:
    """'Relaunch on David Sacks's account (mitigation, 18:27 EDT) comes after Desantis announces
    (recovery, 18:26 EDT)': each pair of first milestones whose estimates run against the phases
    (a detection before the impact start is a precursor, not out of order)."""
    firsts = [(kind, timeline.first(kind)) for kind in _PHASES]
    placed = [(kind, e) for kind, e in firsts if e is not None and e.shown is not None]
    found = []
    for i, (kind, event) in enumerate(placed):
        for later_kind, later in placed[i + 1:]:
            if (kind, later_kind) == (Kind.impact_start, Kind.detection):
                continue
            if event.shown > later.shown:
                found.append(f"{event.label} ({kind.value.replace('_', ' ')}, {times.clock(event, timeline.zone)}) comes after "
                             f"{later.label} ({later_kind.value.replace('_', ' ')}, {times.clock(later, timeline.zone)})")
    return found
