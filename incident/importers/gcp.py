"""Claims from Google Cloud's status history (`https://status.cloud.google.com/incidents.json`):
`incident import gcp`.

Each incident of the list gives operator claims: `begin` → impact start, `end` → recovery,
`created` → acknowledgement (when the status page first spoke), each update's `when` → a
communication; and, when an update's text states the window in prose ("… began at 2024-05-01 09:00
and ended at 2024-05-01 10:30 (All Times US/Pacific)"), impact start and recovery claims in that
zone (US/Pacific when the text names none, as Google's reports do).
"""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

from ..diagnostics import ImportFailed
from ..model.ids import slugify
from .attributes import COLUMNS, attribute_cells
from .registry import Imported, Request
from .reading import cell_time, instant
from .statuspage import MAX_JSON, shortened, plain_text

SITE = "https://status.cloud.google.com/"
DEFAULT_ZONE = "America/Los_Angeles"  # Google writes its reports in US/Pacific
ZONE_WORDS = {"us/pacific": "America/Los_Angeles", "pacific": "America/Los_Angeles", "utc": "UTC"}
_ALL_TIMES = re.compile(r"\(\s*all times\s+(?P<zone>[A-Za-z/_]+)\s*\)", re.IGNORECASE)
_BEGAN = ("began", "started", "begun")
_ENDED = ("ended", "resolved", "mitigated")


def read(source: str, request: Request) -> list[dict]:
    """The importer's contract (registry.Source)."""
    return read_incidents(source)


def claim_rows(incidents: list[dict], request: Request) -> Imported:
    """Each incident once (by its record id), `--incident` picking them by id or number."""
    from .pages import picked

    incidents = picked(request.option("incident"), incidents, lambda i: {str(i["id"]), str(i.get("number") or "")})
    idents = incident_ids(incidents)
    rows, seen = [], set()
    for incident in incidents:
        if incident["id"] in seen:
            continue
        seen.add(incident["id"])
        rows += claims(incident, idents[str(incident["id"])])
    return Imported(rows, len(seen), columns=COLUMNS)


def read_incidents(path: str | Path) -> list[dict]:
    """The incidents of a saved incidents.json (a JSON list). Raises ImportFailed naming the file."""
    from .reading import read_json

    name = str(path)
    data = read_json(path, MAX_JSON, "a saved status-page answer")
    if not isinstance(data, list):
        raise ImportFailed(f"{name}: expected Google Cloud's incidents.json (a JSON list of incidents), found a JSON {type(data).__name__}")
    for number, incident in enumerate(data, 1):
        problem = _shape_problem(incident)
        if problem:
            raise ImportFailed(f"{name}: incident {number}: {problem}")
    return data


def _shape_problem(incident) -> str | None:
    if not isinstance(incident, dict):
        return "not an object"
    for key in ("id", "begin", "created"):
        if not isinstance(incident.get(key), str) or not incident[key]:
            return f"no {key!r}"
    for key in ("begin", "created", "end"):
        if incident.get(key) is not None and instant(str(incident[key])) is None:
            return f"{incident['id']}: {key} {incident[key]!r} is not a time"
    updates = incident.get("updates", [])
    if not isinstance(updates, list):
        return f"{incident['id']}: updates is not a list"
    for update in updates:
        if not isinstance(update, dict) or instant(str(update.get("when") or update.get("created") or "")) is None:
            return f"{incident['id']}: an update without a readable 'when'"
    return None


def incident_ids(incidents: list[dict]) -> dict[str, str]:
    """Each incident's id in events.csv ({record id: incident id}): `gcp-NUMBER`, but when two
    records share a number (a copy edited, two feeds merged), each is told apart by its own id
    rather than merged into one incident."""
    by_number: dict[str, set[str]] = {}
    for incident in incidents:
        by_number.setdefault(incident_id(incident), set()).add(str(incident["id"]))
    result = {}
    for incident in incidents:
        ident = incident_id(incident)
        if len(by_number[ident]) > 1:
            own = slugify(str(incident["id"]))
            ident = f"{ident}-{own}"[:100].rstrip("-")
        result[str(incident["id"])] = ident
    return result


def incident_id(incident: dict) -> str:
    number = str(incident.get("number") or "").strip()
    key = number if re.fullmatch(r"\d{1,40}", number) else slugify(str(incident["id"]))
    return f"gcp-{key}"[:100]


def claims(incident: dict, ident: str | None = None) -> list[dict]:
    """The rows an incident gives; `ident` names it when its number is shared (incident_ids)."""
    ident = ident or incident_id(incident)
    url = SITE + str(incident.get("uri") or f"incidents/{incident['id']}").lstrip("/")
    service = plain_text(str(incident.get("service_name") or "Google Cloud"))
    title = shortened(plain_text(str(incident.get("external_desc") or service)), 80)
    source = "Google Cloud status"
    rows: list[dict] = []
    products = incident.get("affected_products") if isinstance(incident.get("affected_products"), list) else []
    attributes = attribute_cells(incident.get("severity"), [p.get("title") for p in products if isinstance(p, dict)] or [service],
                                 plain_text)

    def add(event, kind, label, moment: datetime, role, raw, **cells):
        rows.append({
            "incident": ident, "event": event, "kind": kind, "label": label, "time": cell_time(moment), "tz": "UTC",
            "source": f"{source} ({role})", "source_type": "operator", "url": url, "as_reported": raw, **cells, **attributes,
        })

    add("impact-start", "impact_start", title, instant(incident["begin"]), "incident record", incident["begin"],
        note="the record's begin")
    if incident.get("end"):
        add("recovered", "recovery", f"{service} recovered", instant(incident["end"]), "incident record", incident["end"],
            note="the record's end")
    add("acknowledged", "acknowledgement", "First status update", instant(incident["created"]), "incident record",
        incident["created"], note="the record's created: when the status page first spoke")
    updates = sorted(incident.get("updates", []), key=lambda u: (instant(str(u.get("when") or u.get("created"))), str(u.get("text", ""))))
    stated = None
    for number, update in enumerate(updates, 1):
        raw = str(update.get("when") or update.get("created"))
        text = plain_text(str(update.get("text", "")))
        status = str(update.get("status") or "")
        add(f"update-{number}", "communication", shortened(text) or f"Update {number}", instant(raw), f"update {number}", raw,
            quote=text, note=f"status {status}" if status else "")
        window = _prose_window(text, instant(raw))
        if window is not None:
            stated = (number, raw, text, window)
    if stated is not None:  # the latest update that states the window in prose
        number, raw, text, (zone, began, ended) = stated
        for event, kind, label, found in (("impact-start", "impact_start", title, began), ("recovered", "recovery", f"{service} recovered", ended)):
            if found is None:
                continue
            rows.append({
                "incident": ident, "event": event, "kind": kind, "label": label, "time": found.time, "tz": found.tz,
                "source": f"{source} (update {number} text)", "source_type": "operator", "url": url,
                "quote": text, "as_reported": found.as_reported, "note": "window stated in prose", **attributes,
            })
    return rows


def _prose_window(text: str, posted):
    """The window a report states ("The issue began at 2025-03-04 09:02 and ended at 2025-03-04 11:40
    (All Times US/Pacific)"), read with the time grammar in the zone the report names (US/Pacific
    when it names none): (zone, the reading after 'began', the reading after 'ended'), or None."""
    from ..model import zones
    from ..timetext.days import Context
    from ..timetext.readings import read_times

    named = _ALL_TIMES.search(text)
    zone = ZONE_WORDS.get(named["zone"].lower(), named["zone"]) if named else DEFAULT_ZONE
    try:
        zones.zone(zone)
    except ValueError:
        zone = DEFAULT_ZONE
    try:
        readings = [r for r in read_times(text, Context(posted, zone)) if r.usable and r.kind == "clock"]
    except (OverflowError, ValueError):
        return None

    def after(words):
        for reading in readings:
            before = text[max(0, reading.start - 24):reading.start].lower()
            if any(f"{word} at" in before or f"{word} on" in before for word in words):
                return reading
        return None

    began, ended = after(_BEGAN), after(_ENDED)
    if began is None and ended is None:
        return None
    return zone, began, ended
