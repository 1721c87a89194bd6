"""The milestones' reconstructed windows as a Mermaid gantt block (GitHub draws it)."""

from __future__ import annotations

from ..model.cells import Kind
from ..model.time import from_epoch
from ..timeline import compare
from ..timeline.events import Timeline
from . import times

MILESTONES = (Kind.scheduled_start, Kind.impact_start, Kind.detection, Kind.report, Kind.acknowledgement,
              Kind.mitigation, Kind.recovery, Kind.resolution, Kind.end)


_MERMAID_SPECIAL = set(':#;<>&"\'`{}[]%\\')


def mermaid_gantt(timeline: Timeline) -> str | None:
    """The milestones' reconstructed windows as a Mermaid gantt chart (UTC): per event a bar from
    earliest to latest where both are known, and the estimate as a milestone; only those near the
    rest, so that one far-off claim does not squash them. None when no milestone is timed."""
    timed = [e for e in timeline.events if e.position is not None and times.day_of(e) is None]
    core = sorted(e.position for e in timed if e.kind in MILESTONES)
    if not core:
        return None
    start, stop = compare.focus(core)
    margin = max((stop - start) // 4, 30 * 60)
    order = list(Kind)
    shown = sorted((e for e in timed if e.kind in MILESTONES and start - margin <= e.position <= stop + margin),
                   key=lambda e: (order.index(e.kind), e.position, e.event))

    def name(text: str) -> str:
        """Mermaid's own entity codes ('#58;' for ':'): ':' ends a task's name, '#' and ';' start
        other syntax, and '<' would be markup; every character kept, none deleted."""
        return "".join(f"#{ord(c)};" if c in _MERMAID_SPECIAL else c for c in " ".join(text.split())) or "event"

    def at(seconds: int) -> str:
        return from_epoch(seconds).strftime("%Y-%m-%d %H:%M:%S")

    lines = [f"title {name(timeline.incident)}: reconstructed windows, UTC", "dateFormat YYYY-MM-DD HH:mm:ss",
             "axisFormat %H:%M"]
    section = None
    for number, event in enumerate(shown, 1):
        group = event.kind.value.replace("_", " ")
        if group != section:
            lines.append(f"section {group}")
            section = group
        tag = "active, " if event.conflict else ""  # a neutral highlight, named in the legend: red would read as failure
        label = name(event.label)
        if event.earliest is not None and event.latest is not None and event.latest > event.earliest:
            lines.append(f"{label} (window) :{tag}w{number}, {at(event.earliest)}, {at(event.latest)}")
        if event.shown is not None:
            lines.append(f"{label} :{tag}milestone, e{number}, {at(event.shown)}, 0m")
    return "\n".join("    " + line if i else line for i, line in enumerate(["gantt", *lines]))
