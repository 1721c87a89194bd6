"""The Timeline section of a postmortem: the timeline chart (one chart per printed page), the
milestones' windows as a Mermaid diagram for GitHub, and the table of every event."""

from __future__ import annotations

from ..model.cells import Kind
from ..postmortem import Postmortem
from ..timeline.events import Timeline
from . import times
from .document import Chart, Document, Heading, Mermaid, Only, Paragraph, Prose, Table
from .mermaid import mermaid_gantt
from .text import event_mark, window_text, zone_abbreviation


def section_timeline(doc: Document, timeline: Timeline, pm: Postmortem, zone: str) -> None:
    """The section 'Timeline': the chart (its pages), the Mermaid diagram (Markdown only) and the
    table of every event."""
    doc.add(Heading(2, "Timeline"))
    if pm.section("timeline"):
        doc.add(Prose(pm.section("timeline")))
    from .timeline_rows import chart_names

    charts = chart_names(timeline)
    for page, name in enumerate(charts):
        doc.add(Chart(name, _timeline_alt(timeline) if not page else f"The timeline of {timeline.incident}, continued: part {page + 1} of {len(charts)}."))
    gantt = mermaid_gantt(timeline)
    if gantt is not None:
        doc.add(Only("md", Paragraph("The milestones' windows as a diagram GitHub draws (UTC). Key: a bar is an event's "
                                     "window, a diamond its estimate, a highlighted bar or diamond an event with a claim "
                                     "set aside or undecided; the table below has every event.")))
        doc.add(Only("md", Mermaid(gantt)))
    local_name = zone_abbreviation(timeline)
    utc_only = times.is_utc(zone)  # local time is UTC: a second column of the same clocks says nothing
    rows = []
    words = [what_happened(event, timeline, pm) for event in timeline.events]
    told = any(words)  # a column of the events' own words, when any has some
    for event, said in zip(timeline.events, words):
        # the local clock carries its own date where it is not the UTC column's (an evening in New York)
        if event.shown is None:
            utc_cell = times.bound(event, "UTC")
            local_cell = "—" if times.day_of(event) else times.beside(event, zone)
            reference = event.latest if event.latest is not None else event.earliest
            if local_cell != "—" and reference is not None:
                local_cell += f" {times.zone_name(reference, zone)}"
        else:
            utc_cell = times.date_clock(event, "UTC")
            local_cell = f"{times.beside(event, zone)} {times.zone_name(event.shown, zone)}"
        rows.append([  # time and event first: on a phone the columns after them scroll in their box
            event_mark(event), utc_cell, event.label, *([said] if told else []), *([] if utc_only else [local_cell]),
            event.kind.value, window_text(event), ", ".join(event.sources),
        ])
    said = "All times UTC." if utc_only else f"All times UTC; local time in {zone} ({local_name})."
    doc.add(Paragraph(f"{said} The window is the tightest the kept claims "
                      "and the milestone order allow; … on one side means no claim bounds it there. ! marks an event "
                      "one of whose claims was set aside as contradicting the others, ? an event an undecided conflict "
                      "spans (its window covers both readings). An event known only to the day shows the day its source gave."
                      + (" What happened: the postmortem file's words for the event, else the words of its weightiest "
                         "source, quoted." if told else "")))
    doc.add(Table(["", "UTC", "event", *(["what happened"] if told else []), *([] if utc_only else ["local"]), "kind",
                   "window (UTC)", "sources"], rows))


QUOTE_LENGTH = 160  # characters of a source's words shown in the timeline table


def what_happened(event, timeline: Timeline, pm: Postmortem) -> str:
    """An event's line of narrative: the postmortem file's words for it (its Timeline section),
    else the first sentence of the quote of its weightiest kept claim, with its source; else ''."""
    words = pm.event_words.get(event.event)
    if words:
        return words
    quoted = [c for c in event.claims if c.quote and timeline.status.get(c.line) == "kept"]
    if not quoted:
        return ""
    best = min(quoted, key=lambda c: (-timeline.weights.get(c.line, 0), c.line))
    text = " ".join(best.quote.split())
    end = text.find(". ", 20)
    text = text[:end + 1] if 0 < end < QUOTE_LENGTH else text
    if len(text) > QUOTE_LENGTH:
        text = text[:QUOTE_LENGTH - 1].rsplit(" ", 1)[0].rstrip(" ,;:") + "…"
    return f"“{text}” ({best.source})"


def _timeline_alt(timeline: Timeline) -> str:
    """The timeline chart in words: how many events it draws, over what span, and its milestones."""
    zone = timeline.zone
    timed = [e for e in timeline.events if e.shown is not None]
    if not timed:
        return f"Timeline of {timeline.incident}: no event has a time of day."
    first, last = timed[0], timed[-1]
    text = (f"Timeline of {timeline.incident}: {len(timed)} timed events, from {times.when(first, zone, utc_too=False)} "
            f"({first.label}) to {times.when(last, zone, utc_too=False)} ({last.label})")
    marks = [f"{e.kind.value.replace('_', ' ')} {times.seen(e, zone)}"
             for e in (timeline.first(k) for k in (Kind.impact_start, Kind.mitigation, Kind.recovery, Kind.resolution))
             if e is not None]
    return text + (f"; {', '.join(marks)}." if marks else ".")


