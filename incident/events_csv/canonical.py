"""events.csv written back: canonical columns and row order, the starter rows of a new incident,
slash dates rewritten as ISO 8601, and the check that a rewritten file reads back to the same cells."""

from __future__ import annotations

import re
from typing import Mapping, Sequence

from ..diagnostics import Diagnostic, InputError
from ..model import slashdates
from ..model.cells import COLUMNS
from .reader import EventsFile, Row, parse


def canonical_columns(header: Sequence[str]) -> list[str]:
    """The format's columns in their documented order, then the analyst's own in theirs."""
    present = set(header)
    return [c for c in COLUMNS if c in present] + [c for c in header if c not in COLUMNS]


def canonical_text(events: EventsFile, event_order: Mapping[tuple[str, str], int]) -> str:
    """events.csv in canonical form: canonical columns; rows by incident, in the order each incident
    first appears in the file (so that a new incident, appended, moves no line of the others), then
    the reconstructed time of their event (`event_order`: rank of (incident, event)), then event,
    then line; LF, UTF-8 without BOM, minimal quoting. Every cell is written exactly as it was
    read, and so is the name of each of the analyst's own columns. A row that is no claim (a
    starter row `incident new` wrote, still to fill) goes with its event when the event has claims,
    else after the incident's placed events, in the order it was written."""
    columns = canonical_columns(events.header)
    position = {name: events.header.index(name) for name in columns}
    names = [name if name in COLUMNS else events.written_header[position[name]] for name in columns]
    at: dict[str, int] = {name: events.header.index(name) for name in ("incident", "event") if name in events.header}
    incidents: dict[str, int] = {}
    for row in events.rows:
        incidents.setdefault(_cell(row, at, "incident"), len(incidents))
    unplaced = len(event_order) + 1  # after every event a reconstruction ranks

    def key(row: Row):
        incident, event = _cell(row, at, "incident"), _cell(row, at, "event")
        rank = event_order.get((incident, event))
        if rank is None:
            return (incidents[incident], unplaced, "", row.line)
        return (incidents[incident], rank, event, row.line)

    lines = [csv_line(names)]
    for row in sorted(events.rows, key=key):
        lines.append(csv_line([row.cells[position[name]] for name in columns]))
    return "".join(lines)


def _cell(row: Row, at: Mapping[str, int], name: str) -> str:
    return row.cells[at[name]].strip() if name in at else ""


_NEEDS_QUOTES = re.compile(r'[",\r\n]')


def csv_line(cells: Sequence[str]) -> str:
    """One CSV record ending in LF, each cell quoted only when it must be: when it holds a comma,
    a quote or a line break of any kind (a lone CR too, which the csv module leaves bare when
    lines end in LF). A single empty cell is written "" so that the line is not blank."""
    if len(cells) == 1 and cells[0] == "":
        return '""\n'
    return ",".join(
        '"' + cell.replace('"', '""') + '"' if _NEEDS_QUOTES.search(cell) else cell for cell in cells
    ) + "\n"


# what `incident new` starts an incident with: the milestones most postmortems need
STARTER_EVENTS = (
    ("scheduled-start", "scheduled_start", "Scheduled start", "when the event was due to begin"),
    ("impact-start", "impact_start", "Users first affected", ""),
    ("detection", "detection", "First signal: an alert or the first user reports", ""),
    ("acknowledgement", "acknowledgement", "Operator acknowledges the problem", ""),
    ("mitigation", "mitigation", "Impact reduced", ""),
    ("recovery", "recovery", "Service works again", ""),
    ("resolution", "resolution", "Incident over", ""),
)


# the milestones a starter offers, by the kind of incident: an outage has no scheduled start, a live
# event (a launch, a broadcast) is timed from its schedule and ends
STARTERS = {
    "outage": ("impact-start", "detection", "acknowledgement", "mitigation", "recovery", "resolution"),
    "live-event": ("scheduled-start", "impact-start", "detection", "acknowledgement", "recovery", "resolution"),
}


STARTER_NOTE = "starter row: give time and tz (or relative_to and offset_min) and source, or delete the row"


def is_starter_row(cells: Mapping[str, str]) -> bool:
    """Whether a row ({column: cell}) is exactly as `incident new` wrote it: an event's kind, the
    starter label and note, every other cell empty. Such a row holds nothing of the analyst's."""
    event = next((e for e in STARTER_EVENTS if e[0] == cells.get("event", "").strip()), None)
    if event is None:
        return False
    _, kind, label, hint = event
    note = f"{STARTER_NOTE}; {hint}" if hint else STARTER_NOTE
    wanted = {"kind": kind, "label": label, "note": note}
    return all(value.strip() == wanted.get(name, value.strip() if name in ("incident", "event") else "")
               for name, value in cells.items())


def starter_rows(data: bytes | None, header: Sequence[str] | None, incident: str, kind: str = "outage") -> bytes:
    """The events file with the starter rows of a new incident appended, each line in canonical
    form: a row per milestone that fits the kind of incident, with its kind and label, and a note
    saying what to fill in. The rows have no time and no source: validate warns of each until it
    is filled in or deleted, and the analysis leaves them out."""
    header = list(header) if header else list(COLUMNS)
    names = [name.strip() for name in header]
    todo = STARTER_NOTE
    lines = []
    for event, kind_, label, hint in STARTER_EVENTS:
        if event not in STARTERS[kind]:
            continue
        cells = {"incident": incident, "event": event, "kind": kind_, "label": label,
                 "note": f"{todo}; {hint}" if hint else todo}
        lines.append(csv_line([cells.get(name, "") for name in names]))
    if not data:
        return (csv_line(header) + "".join(lines)).encode("utf-8")
    ending = "\r\n" if b"\r\n" in data else "\n"  # the file's own line ending
    if not data.endswith(b"\n"):
        data += ending.encode()
    return data + "".join(line.replace("\n", ending) for line in lines).encode("utf-8")


def rewrite_slash_dates(events: EventsFile, order: str) -> bytes:
    """The file (read with keep_rows) with every slash date in `time` rewritten as ISO 8601 under
    `order` ('mdy' or 'dmy') and 12-hour times as 24-hour, the cell as written kept in an empty
    as_reported (a column added if need be). Raises InputError when the file has problems other
    than its times that lose rows (its header, a row's fields), or when a date does not exist
    under `order`: then nothing is rewritten."""
    structural = [d for d in events.errors if d.column in ("file", "row", "header") or not events.header]
    if structural:
        raise InputError(structural)
    if "time" not in events.header:
        return b""
    header = list(events.written_header)
    time_at = events.header.index("time")
    if "as_reported" not in events.header:
        header.append("as_reported")
    said_at = header.index("as_reported") if "as_reported" not in events.header else events.header.index("as_reported")
    problems, lines, changed = [], [csv_line(header)], 0
    for row in events.rows:
        cells = list(row.cells) + ([""] if len(header) > len(row.cells) else [])
        written = cells[time_at].strip()
        if slashdates.SLASH_TIME.match(written):
            try:
                cells[time_at] = slashdates.to_iso(written, order)
            except ValueError as exc:
                problems.append(Diagnostic(row.line, "time", f"{exc}: not rewritten (--dates {order})", path=events.path))
            else:
                changed += 1
                if not cells[said_at].strip():
                    cells[said_at] = written
        lines.append(csv_line(cells))
    if problems:
        raise InputError(problems)
    return "".join(lines).encode("utf-8") if changed else b""


def same_cells(events: EventsFile, data: bytes) -> str | None:
    """None when `data` reads back to the same header and the same rows, cell for cell, as
    `events` (read with keep_rows); else what differs, for a refusal."""
    again = parse(data, events.path, keep_claims=False, keep_rows=True)
    if not again.ok:
        first = again.errors[0]
        return f"it would not be valid (line {first.line}: {first.column}: {first.message})"
    if sorted(again.written_header) != sorted(events.written_header):
        return "the header would change"

    def rows(result: EventsFile):
        order = sorted(range(len(result.header)), key=lambda i: result.header[i])
        return sorted(tuple(row.cells[i] for i in order) for row in result.rows)

    before, after = rows(events), rows(again)
    if before != after:
        lost = next((row for row in before if row not in after), None)
        line = next((r.line for r in events.rows if lost is not None and sorted(r.cells) == sorted(lost)), None)
        return "a row would not read back to the same cells" + (f" (line {line})" if line else "")
    return None
