"""One incident in other tools' formats: iCalendar, JSON Lines of claims, a TimelineJS sheet, and
one whole-report JSON. Each is a pure function of the timeline (and the postmortem file): the
same input gives the same bytes, with no wall clock (an iCalendar's DTSTAMP is the newest moment
the incident's events state).

FORMATS is the one list of them: the command line's choices and help, and `export`, read it.
Importing this module is cheap (the command line does, to build its parser): each writer imports
what it draws on when it runs."""

from __future__ import annotations

import html
import json
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Callable

from ..version import __version__

if TYPE_CHECKING:
    from ..timeline.events import Timeline

MILESTONES = ("scheduled_start", "impact_start", "detection", "report", "acknowledgement", "communication",
              "mitigation", "recovery", "resolution", "end")  # the kinds an iCalendar shows (values of model Kind)


@dataclass(frozen=True)
class ExportFormat:
    name: str  # `--format NAME`
    summary: str  # what it is, for the help
    write: Callable[["Timeline", str, object], bytes]  # (timeline, the incident's name, its postmortem or None) → bytes


def _stamp(seconds: int) -> str:
    moment = datetime.fromtimestamp(seconds, tz=timezone.utc)
    return f"{moment.year:04d}{moment:%m%dT%H%M%SZ}"  # strftime's %Y is not padded: year 2 would be "2…", which no reader opens


def _ics_text(text: str) -> str:
    """RFC 5545 TEXT: backslash, semicolon, comma and newline escaped; control characters dropped."""
    text = "".join(ch for ch in text if ch == "\n" or ord(ch) >= 32 and ord(ch) != 127)
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line: str) -> str:
    """A content line folded at 75 octets (RFC 5545 3.1), never inside a UTF-8 character."""
    out: list[str] = []
    current = ""
    for ch in line:
        if len((current + ch).encode("utf-8")) > (75 if not out else 74):
            out.append(current)
            current = ""
        current += ch
    out.append(current)
    return "\r\n ".join(out)


def ics(timeline: Timeline) -> bytes:
    """An iCalendar: one VEVENT per milestone with a window, from its earliest to its latest moment
    (an open side: the estimate or the known edge alone), its estimate and sources described."""
    from . import times

    moments = [m for e in timeline.events for m in (e.latest, e.position) if m is not None]
    dtstamp = _stamp(max(moments)) if moments else "19700101T000000Z"
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:-//incident//incident {__version__}//EN", "CALSCALE:GREGORIAN",
             f"X-WR-CALNAME:{_ics_text(timeline.incident)}"]
    for event in timeline.events:
        if event.kind not in MILESTONES:
            continue
        start = event.earliest if event.earliest is not None else event.position
        end = event.latest if event.latest is not None else event.position
        if start is None or end is None:
            continue
        kind = event.kind.value.replace("_", " ") + (" (a precursor: before the impact start)" if timeline.is_precursor(event) else "")
        described = [kind, f"when: {times.when(event, timeline.zone)}",
                     f"window: {times.window(event, timeline.zone)} ({'open before' if event.earliest is None else ''}"
                     f"{'open after' if event.latest is None else ''})".replace(" ()", ""),
                     "sources: " + ", ".join(event.sources)] + ([aside] if (aside := set_aside_text(event, timeline)) else [])
        lines += ["BEGIN:VEVENT", f"UID:{timeline.incident}.{event.event}@incident", f"DTSTAMP:{dtstamp}",
                  f"DTSTART:{_stamp(start)}", f"DTEND:{_stamp(end + 1)}",  # DTEND is exclusive; windows are inclusive
                  f"SUMMARY:{_ics_text(event.label)}", f"DESCRIPTION:{_ics_text(chr(10).join(described))}",
                  f"CATEGORIES:{_ics_text(event.kind.value)}", "TRANSP:TRANSPARENT", "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return ("\r\n".join(_fold(line) for line in lines) + "\r\n").encode("utf-8")


def set_aside_text(event, timeline: Timeline) -> str:
    """The event's claims not used, and why: 'set aside: Mashable (line 93, outweighed); Acme status
    page (line 3, corrected by line 4)'; '' when every claim is kept."""
    why = {"set aside": "outweighed", "undecided": "undecided"}
    parts = []
    for claim in event.claims:
        status = timeline.status.get(claim.line, "kept")
        if status == "kept":
            continue
        by = timeline.replaced_by(claim)
        reason = f"{status} by line {by.line}" if by is not None else why.get(status, status)
        parts.append(f"{claim.source} (line {claim.line}, {reason})")
    return "set aside: " + "; ".join(parts) if parts else ""


def claim_records(timeline: Timeline) -> list[dict]:
    """Each claim as it was read and what became of it: kept, set aside, undecided or corrected."""
    out = []
    for c in timeline.claims:
        out.append({
            "incident": c.incident, "line": c.line, "event": c.event, "kind": c.kind.value, "source": c.source,
            "source_type": c.source_type.value if c.source_type else None, "time": str(c.time) if c.time else None,
            "until": str(c.until) if c.until else None, "tz": c.zone_name, "bound": c.bound.value,
            "relative_to": c.relative_to, "offset_min": c.offset_min, "uncertainty_min": c.uncertainty_min,
            "as_reported": c.as_reported, "quote": c.quote, "url": c.url, "via": c.via, "corrects": c.corrects,
            "org": c.org, "published": str(c.published) if c.published else None,
            "status": timeline.status.get(c.line, "kept"), "weight": timeline.weights.get(c.line),
            "witness": timeline.witness_of.get(c.line, c.line),
            "replaced_by": by.line if (by := timeline.replaced_by(c)) is not None else None,
        })
    return out


_LINE_BREAKS = str.maketrans({"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def jsonl(timeline: Timeline) -> bytes:
    """One JSON object a line. The characters other readers take for a line break (NEL, the Unicode
    line and paragraph separators) are written as escapes: one record is one line for any reader."""
    return "".join(json.dumps(r, ensure_ascii=False, sort_keys=True).translate(_LINE_BREAKS) + "\n"
                   for r in claim_records(timeline)).encode("utf-8")


# TimelineJS's spreadsheet template, its columns in their order (timeline.knightlab.com/docs/using-spreadsheets.html)
TIMELINEJS_COLUMNS = ("Year", "Month", "Day", "Time", "End Year", "End Month", "End Day", "End Time", "Display Date",
                      "Headline", "Text", "Media", "Media Credit", "Media Caption", "Media Thumbnail", "Type", "Group",
                      "Background")


def _sheet_cell(value) -> str:
    """A TimelineJS cell: text as text, never markup (TimelineJS renders a cell's HTML: a label
    '<img onerror=…>' would run), never a formula, a lone CR quoted by the writer."""
    from .text import spreadsheet_cell

    return spreadsheet_cell(html.escape(value, quote=False) if isinstance(value, str) else value)


def timelinejs(timeline: Timeline, title: str) -> bytes:
    """The TimelineJS sheet: a title row, then each event placed in time at its local estimate (or
    the start of its window), its window as the end when it is wider than a minute."""
    from ..events_csv.canonical import csv_line
    from . import times

    lines = [csv_line(TIMELINEJS_COLUMNS)]
    lines.append(csv_line([_sheet_cell(v) for v in ("", "", "", "", "", "", "", "", "", title,
                                                    f"Reconstructed from {len(timeline.claims)} claims.", "", "", "", "", "title", "", "")]))
    for event in timeline.events:
        at = event.shown if event.shown is not None else event.earliest if event.earliest is not None else event.latest
        if at is None:
            continue
        moment = times.local(at, timeline.zone)
        end: list[str | int] = ["", "", "", ""]
        if event.earliest is not None and event.latest is not None and event.latest - event.earliest > 60 and event.shown is None:
            last = times.local(event.latest, timeline.zone)
            end = [last.year, last.month, last.day, last.strftime("%H:%M")]
        aside = set_aside_text(event, timeline)
        text = "Sources: " + ", ".join(event.sources) + (f". {aside[0].upper()}{aside[1:]}." if aside else "")
        if timeline.is_precursor(event):
            text += " A precursor: detected before the impact start."
        row = [moment.year, moment.month, moment.day, moment.strftime("%H:%M"), *end, times.when(event, timeline.zone),
               event.label, text, "", "", "", "", "", event.kind.value.replace("_", " "), ""]
        lines.append(csv_line([_sheet_cell(v) for v in row]))
    return "".join(lines).encode("utf-8")


def conflict_json(conflict) -> dict:
    return {"events": list(conflict.events), "claims": [c.line for c in conflict.claims],
            "set_aside": [c.line for c in conflict.set_aside], "undecided": [c.line for c in conflict.undecided],
            "weights": list(conflict.weights), "readings": [[c.line for c in reading] for reading in conflict.readings],
            "reading_count": conflict.reading_count if conflict.is_undecided else None}


def report_json(timeline: Timeline, name: str, postmortem) -> bytes:
    """The whole report as data: the timeline, the metrics that fit the incident, the conflicts, the
    claims with their status and the postmortem file's sections."""
    from ..timeline.metrics import compute, fitting
    from .text import timeline_json

    metrics = fitting(timeline, compute(timeline))
    sections = dict(sorted(postmortem.sections.items())) if postmortem is not None and postmortem.exists else {}
    whole = {
        "incident": timeline.incident, "name": name, "zone": timeline.zone,
        "timeline": timeline_json(timeline), "metrics": [m.to_json() for m in metrics],
        "conflicts": [conflict_json(c) for c in timeline.conflicts], "claims": claim_records(timeline),
        "postmortem": {"title": postmortem.title if postmortem is not None and postmortem.exists else None,
                       "sections": sections},
        "generator": f"incident {__version__}",
    }
    return (json.dumps(whole, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")


FORMATS = {f.name: f for f in (
    ExportFormat("ics", "an iCalendar event per milestone window", lambda timeline, name, postmortem: ics(timeline)),
    ExportFormat("jsonl", "each claim and what became of it", lambda timeline, name, postmortem: jsonl(timeline)),
    ExportFormat("timelinejs", "the TimelineJS spreadsheet's columns, as CSV", lambda timeline, name, postmortem: timelinejs(timeline, name)),
    ExportFormat("json", "the whole report: timeline, metrics, conflicts, claims, the postmortem's sections", report_json),
)}


def export(timeline: Timeline, fmt: str, postmortem=None) -> bytes:
    """The incident in one of FORMATS, named as its reports name it."""
    from .naming import incident_name

    return FORMATS[fmt].write(timeline, incident_name(timeline, postmortem), postmortem)
