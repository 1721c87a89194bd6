"""Claims from PagerDuty: `incident import pagerduty`.

Read: a saved `GET /incidents/{id}/log_entries` answer (REST API v2: `log_entries`, each with
`type`, `created_at`, `agent`, `channel`, `service`, `incident`), alone or with the incident's own
answer (`GET /incidents/{id}`: `incident`) or its notes (`GET /incidents/{id}/notes`) beside it;
an account's `GET /log_entries` answer (its entries grouped by their incident); or the incident
live (`https://api.pagerduty.com/incidents/{id}`, the token in PAGERDUTY_TOKEN: the incident, its
log entries page by page, its notes).

What becomes a claim (every one `operator`, the service as the source):
- the first `trigger_log_entry` → detection, the first `acknowledge_log_entry` → acknowledgement,
  the first `resolve_log_entry` → resolution, each at its `created_at` to the second;
- the incident's answer alone: `created_at` → detection, its first acknowledgement's `at` →
  acknowledgement, `resolved_at` → resolution;
- each note (`annotate_log_entry`, or the notes answer) is a statement at its `created_at`: the
  times it states are read with the time grammar (statements.py), their kind by the words;
- left out: notifications, assignments, escalations, priority and urgency changes (who was paged
  is no milestone).
"""

from __future__ import annotations

import re

from ..diagnostics import ImportFailed
from .reading import as_text, one_line
from .tools import ToolIncident, gathered, incident_ids, items, merged, milestone, read_tool, shape_error, stamp, text_of

ACCEPT = "application/vnd.pagerduty+json;version=2"
_FIRSTS = (("trigger_log_entry", "detection", "triggered"), ("acknowledge_log_entry", "acknowledgement", "acknowledged"),
           ("resolve_log_entry", "resolution", "resolved"))
_NUMBER = re.compile(r"\[#(\d{1,12})\]")
_LONE_NOTES = "(notes)"  # the key of notes whose answer names no incident


def read(source: str, request) -> list[ToolIncident]:
    """The importer's contract (registry.Source): a saved answer, or the incident live."""
    return read_tool(source, request, _parts, _read_live, "a saved PagerDuty answer")


def _parts(path: str, data) -> list[tuple[str, str, str, object]]:
    if not isinstance(data, dict):
        raise shape_error(path, data, "a PagerDuty answer (log_entries, incident, incidents or notes)")
    parts: list[tuple[str, str, str, object]] = []
    if isinstance(data.get("incident"), dict):
        parts.append((path, _key(data["incident"]), "record", data["incident"]))
    for incident in items(data.get("incidents"), path, "incidents"):
        parts.append((path, _key(incident), "record", incident))
    for entry in items(data.get("log_entries"), path, "log entries"):
        reference = entry.get("incident") if isinstance(entry.get("incident"), dict) else {}
        parts.append((path, _key(reference), "entry", entry))
    for note in items(data.get("notes"), path, "notes"):
        parts.append((path, _LONE_NOTES, "entry", {**note, "type": "annotate_log_entry", "_note": True}))
    if not parts and not any(isinstance(data.get(k), list) for k in ("incidents", "log_entries", "notes")):
        raise shape_error(path, data, "a PagerDuty answer (log_entries, incident, incidents or notes)")
    return parts


def _key(obj: dict) -> str:
    return as_text(obj.get("id")) or "(no id)"


def _read_live(url: str, request) -> list[ToolIncident]:
    """The incident at its API address: the incident, its log entries (every page), its notes."""
    from .api import Api, incident_address, with_query

    base, rest = incident_address(url, "a PagerDuty incident's address (…/incidents/ID or …/incidents/ID/log_entries)")
    api = Api(request.token, "PAGERDUTY_TOKEN", "Token token={}", ACCEPT, "a PagerDuty answer")
    root = f"{base}{rest[0]}"
    parts = _parts(url, api.get(root))
    offset = 0
    for _ in range(100):
        page = api.get(with_query(f"{root}/log_entries", limit=100, offset=offset))
        parts += _parts(url, page)
        count = len(page.get("log_entries") or []) if isinstance(page, dict) else 0
        if not (isinstance(page, dict) and page.get("more") is True and count):
            break
        offset += count
    parts += _parts(url, api.get(f"{root}/notes"))
    return gathered(parts)


def claim_rows(incidents: list[ToolIncident], request):
    """The importer's contract (the module docstring)."""
    from .people import Roles
    from .registry import Imported
    from .statements import Claims

    incidents = _with_notes(merged(incidents))
    roles = Roles(bool(request.option("anonymize", False)))
    ids = incident_ids(incidents, request, "pagerduty", _number)
    rows: list[dict] = []
    said: list[str] = []
    for incident in incidents:
        entries = _unique(incident.entries)
        for entry in entries:  # every person first, so that a name in any text becomes their role
            _person(entry, roles)
        service = _service(incident, entries)
        url = as_text(incident.record.get("html_url")) or next(
            (as_text(e["incident"].get("html_url")) for e in entries if isinstance(e.get("incident"), dict)), "")
        title = one_line(incident.record.get("title"))
        claims = Claims(ids[incident.key], roles.scrub, roles.scrub(title))
        rows += _milestones(incident, entries, ids[incident.key], service, url, roles)
        for entry in entries:
            if entry.get("type") == "annotate_log_entry":
                _note(claims, entry, service, url, roles, request.option("tz"))
        rows += claims.kept()
        said += claims.said
    return Imported(rows, len(incidents), said, ("update_id",))


def _with_notes(incidents: list[ToolIncident]) -> list[ToolIncident]:
    """Notes read from a notes answer (which names no incident) go to the one incident given."""
    lone = next((i for i in incidents if i.key == _LONE_NOTES), None)
    others = [i for i in incidents if i.key != _LONE_NOTES]
    if lone is None:
        return others
    if len(others) != 1:
        raise ImportFailed(f"{lone.path}: a notes answer names no incident, and the files hold "
                           f"{len(others)} incidents: give the notes with their one incident's answers")
    others[0].entries += lone.entries
    return others


def _unique(entries: list[dict]) -> list[dict]:
    seen, out = set(), []
    for entry in sorted(entries, key=lambda e: (as_text(e.get("created_at")), as_text(e.get("id")))):
        key = as_text(entry.get("id")) or id(entry)
        if key not in seen:
            seen.add(key)
            out.append(entry)
    return out


def _number(incident: ToolIncident):
    number = incident.record.get("incident_number")
    if isinstance(number, int) and not isinstance(number, bool):
        return number
    for entry in incident.entries:
        found = _NUMBER.search(as_text((entry.get("incident") or {}).get("summary")) if isinstance(entry.get("incident"), dict) else "")
        if found:
            return found[1]
    return incident.key


def _service(incident: ToolIncident, entries: list[dict]) -> str:
    for holder in [incident.record, *entries]:
        service = holder.get("service")
        if isinstance(service, dict) and as_text(service.get("summary")).strip():
            return one_line(service["summary"])
    return "PagerDuty"


def _person(entry: dict, roles) -> str:
    """Who made the entry (a user agent: a person, registered; a service or an integration: itself)."""
    for key in ("agent", "user"):
        agent = entry.get(key)
        if isinstance(agent, dict) and as_text(agent.get("type")).startswith("user"):
            return roles.person(as_text(agent.get("id")) or as_text(agent.get("summary")), [as_text(agent.get("summary"))])
        if isinstance(agent, dict) and as_text(agent.get("summary")):
            return one_line(agent["summary"])
    return ""


def _milestones(incident: ToolIncident, entries: list[dict], ident: str, service: str, url: str, roles) -> list[dict]:
    rows = []
    source = f"{service} (PagerDuty)"
    title = one_line(incident.record.get("title"))
    for kind_of_entry, kind, verb in _FIRSTS:
        entry = next((e for e in entries if e.get("type") == kind_of_entry and stamp(e.get("created_at"))), None)
        if entry is not None:
            who = _person(entry, roles)
            note = f"PagerDuty log entry {as_text(entry.get('id'))}: {verb}" + (f" by {who}" if who else "")
            row = milestone(ident, kind, stamp(entry["created_at"]), entry["created_at"], source, roles.scrub(note),
                            as_text(entry.get("id")), url, title if kind == "detection" else "")
            rows.append({**row, "quote": roles.scrub(" ".join(as_text(entry.get("summary")).split())[:1000])})
    if entries or not incident.record:
        return rows
    record = incident.record  # the incident's answer alone
    acks = sorted(a for a in (as_text(a.get("at")) for a in items(record.get("acknowledgements"), incident.path, "acknowledgements")) if stamp(a))
    for kind, raw, what in (("detection", record.get("created_at"), "created_at"), ("acknowledgement", acks[0] if acks else None,
                            "its first acknowledgement"), ("resolution", record.get("resolved_at"), "resolved_at")):
        if stamp(raw):
            rows.append(milestone(ident, kind, stamp(raw), raw, source, f"the incident's {what}", incident.key, url,
                                  title if kind == "detection" else ""))
    return rows


def _note(claims, entry: dict, service: str, url: str, roles, tz: str | None) -> None:
    from .statements import Statement

    said = stamp(entry.get("created_at"))
    channel = entry.get("channel") if isinstance(entry.get("channel"), dict) else {}
    text = next((text_of(v) for v in (entry.get("content"), channel.get("content"), channel.get("summary"),
                                      channel.get("details")) if as_text(v).strip()), "")
    if said is None or not text:
        return
    who = _person(entry, roles)
    claims.add(Statement(text, said, f"{service} (PagerDuty note)", "operator", who or "note", as_text(entry.get("id")),
                         tz=tz, url=url))
