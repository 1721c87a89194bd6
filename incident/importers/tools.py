"""What the incident tools' importers share (PagerDuty, incident.io, FireHydrant, Rootly): a
milestone the tool recorded as an operator claim at its time to the second, the incident's id,
`--incident` naming one incident, and a saved answer recognised by its shape."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Sequence

from ..model.ids import MAX_ID, slugify
from ..diagnostics import ImportFailed, UsageError, printable
from .reading import as_text, cell_time, instant

MAX_JSON = 64 << 20  # bytes of one saved answer
MAX_ITEMS = 10_000  # incidents, log entries or updates of one answer
MAX_TEXT = 100_000  # characters of one note, update or retrospective kept


@dataclass
class ToolIncident:
    """One incident of a tool, gathered from every answer given (the incident's own, its log or
    updates, its retrospective), joined by the tool's id."""

    key: str  # the tool's id of it
    path: str  # where it was first read, for messages
    record: dict = field(default_factory=dict)  # the incident's own object
    entries: list[dict] = field(default_factory=list)  # log entries, updates, notes
    texts: list[tuple[str, dict]] = field(default_factory=list)  # (where, a retrospective's object)


def gathered(parts: Sequence[tuple[str, str, str, object]]) -> list[ToolIncident]:
    """(path, key, what, value) parts joined into incidents by key, in the order first read: what
    is 'record' (the incident), 'entry' (one log entry, update, note) or 'text' (a retrospective)."""
    found: dict[str, ToolIncident] = {}
    for path, key, what, value in parts:
        incident = found.setdefault(key, ToolIncident(key, path))
        if what == "record" and isinstance(value, dict):
            incident.record = {**incident.record, **value}
        elif what == "entry" and isinstance(value, dict):
            incident.entries.append(value)
        elif what == "text" and isinstance(value, dict):
            incident.texts.append((path, value))
    return list(found.values())


def merged(incidents: list[ToolIncident]) -> list[ToolIncident]:
    """The incidents read from every source, one per key: what several files (or pages) give of one
    incident joined."""
    found: dict[str, ToolIncident] = {}
    for incident in incidents:
        kept = found.setdefault(incident.key, ToolIncident(incident.key, incident.path))
        kept.record = {**kept.record, **incident.record}
        kept.entries += incident.entries
        kept.texts += incident.texts
    return list(found.values())


def read_tool(source: str, request, parts, live, what: str) -> list[ToolIncident]:
    """A tool importer's `read` (registry.Source): an address read live (`live(url, request)`), or
    a saved answer whose parts (`parts(path, value)`: see `gathered`) are its incidents."""
    from .fetch import is_address

    if is_address(source):
        return live(source, request)
    return gathered(parts(source, read_answer(source, what)))


def read_answer(path: str, what: str, api=None):
    """A saved answer's JSON value (or, with `api`, the answer at an address)."""
    if api is not None:
        return api.get(path)
    from .reading import read_json

    return read_json(path, MAX_JSON, what)


def items(value, where: str, name: str) -> list:
    """A list field of an answer, at most MAX_ITEMS long, its items that are objects."""
    if not isinstance(value, list):
        return []
    if len(value) > MAX_ITEMS:
        raise ImportFailed(f"{where}: more than {MAX_ITEMS:,} {name}: not read")
    return [item for item in value if isinstance(item, dict)]


def shape_error(path: str, data, expected: str) -> ImportFailed:
    if isinstance(data, dict):
        keys = ", ".join(sorted(map(str, data))[:6]) or "none"
        return ImportFailed(f"{path}: not {expected} (keys: {printable(keys)[:200]})")
    return ImportFailed(f"{path}: not {expected}: found a JSON {type(data).__name__}")


def incident_ids(incidents: list[ToolIncident], request, prefix: str, number_of) -> dict[str, str]:
    """Each incident's id in events.csv: `--incident` (one incident only), else PREFIX-NUMBER."""
    wanted = request.option("incident")
    if wanted and len(incidents) > 1:
        raise UsageError(f"--incident {wanted!r} names one incident, and the files hold {len(incidents):,} "
                         f"({', '.join(sorted(i.key for i in incidents)[:5])}…): give one incident's answers, or leave --incident out")
    ids = {}
    for incident in incidents:
        number = slugify(str(number_of(incident) or incident.key))
        ids[incident.key] = wanted or f"{prefix}-{number or 'incident'}"[:MAX_ID].rstrip("-")
    return ids


def stamp(value) -> datetime | None:
    """An API's time stamp, None when it is none."""
    return instant(value) if isinstance(value, str) else None


def milestone(incident: str, kind: str, moment: datetime, raw: str, source: str, note: str, record: str = "",
              url: str = "", label: str = "") -> dict:
    """A milestone the tool recorded: an operator claim at its time, to the second (the fraction the
    tool writes is in `as_reported`)."""
    from .statements import MILESTONES

    event, default_label = MILESTONES[kind]
    return {"incident": incident, "event": event, "kind": kind, "label": label or default_label,
            "time": cell_time(moment), "tz": "UTC", "source": source, "source_type": "operator", "url": url,
            "as_reported": raw, "note": note, "update_id": record}


def text_of(value, most: int = MAX_TEXT) -> str:
    return as_text(value)[:most]
