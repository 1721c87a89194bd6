"""Claims from incident.io: `incident import incidentio`.

Read: a saved incidents API v2 answer (`GET /v2/incidents/{id}`: `incident`; or the list,
`GET /v2/incidents`: `incidents`), with its updates beside it (`GET /v2/incident_updates`:
`incident_updates`, each naming its `incident_id`); or the incident live
(`https://api.incident.io/v2/incidents/{id}`, the token in INCIDENT_IO_TOKEN: the incident and its
updates, page by page).

What becomes a claim (every one `operator`, the source "incident.io"):
- each of the incident's timestamps (`incident_timestamp_values`: the defaults and the custom ones
  an organisation configures) whose name says a milestone, at its value to the second: "Impact
  started" → impact start, "Reported at" / "Detected" → detection, "Accepted at" /
  "Acknowledged" / "Declared" → acknowledgement, "Fixed at" / "Mitigated" / "Stabilized" →
  mitigation, "Impact ended" / "Recovered" / "Restored" → recovery, "Resolved at" → resolution
  ("Closed at" only when there is no "Resolved at", and then as a bound: closing comes after);
  the others are left out and named on stderr;
- the incident's `created_at` is the acknowledgement when no timestamp says one (declaring an
  incident is the operator admitting it);
- each update's `message` is a statement at its `created_at`: the times it states, read with the
  time grammar (statements.py);
- the incident's `summary` is drafted by `extract` (published at the incident's `updated_at`).
"""

from __future__ import annotations

from .reading import as_text, one_line
from .tools import ToolIncident, gathered, incident_ids, items, merged, milestone, read_tool, shape_error, stamp, text_of

# a timestamp's name (lowercased, '_' and '-' as spaces) → the kind it names, by its words
_NAMED = (("impact start", "impact_start"), ("impact began", "impact_start"),
          ("impact end", "recovery"), ("recovered", "recovery"), ("restored", "recovery"), ("recovery", "recovery"),
          ("report", "detection"), ("detect", "detection"), ("alerted", "detection"), ("first alert", "detection"),
          ("accepted", "acknowledgement"), ("acknowledg", "acknowledgement"), ("declared", "acknowledgement"),
          ("responded", "acknowledgement"), ("fixed", "mitigation"), ("mitigat", "mitigation"), ("stabili", "mitigation"),
          ("resolved", "resolution"))


def read(source: str, request) -> list[ToolIncident]:
    """The importer's contract (registry.Source): a saved answer, or the incident live."""
    return read_tool(source, request, _parts, _read_live, "a saved incident.io answer")


def _parts(path: str, data) -> list[tuple[str, str, str, object]]:
    expected = "an incident.io v2 answer (incident, incidents or incident_updates)"
    if not isinstance(data, dict):
        raise shape_error(path, data, expected)
    parts: list[tuple[str, str, str, object]] = []
    if isinstance(data.get("incident"), dict):
        parts.append((path, as_text(data["incident"].get("id")) or "(no id)", "record", data["incident"]))
    for incident in items(data.get("incidents"), path, "incidents"):
        parts.append((path, as_text(incident.get("id")) or "(no id)", "record", incident))
    for update in items(data.get("incident_updates"), path, "updates"):
        parts.append((path, as_text(update.get("incident_id")) or "(no id)", "entry", update))
    if not parts and not any(isinstance(data.get(k), list) for k in ("incidents", "incident_updates")):
        raise shape_error(path, data, expected)
    return parts


def _read_live(url: str, request) -> list[ToolIncident]:
    from .api import Api, incident_address, with_query

    base, rest = incident_address(url, "an incident.io incident's address (…/v2/incidents/ID)")
    api = Api(request.token, "INCIDENT_IO_TOKEN", what="an incident.io answer")
    parts = _parts(url, api.get(f"{base}{rest[0]}"))
    after = None
    for _ in range(100):
        page = api.get(with_query(base.replace("/incidents/", "/incident_updates"), incident_id=rest[0], page_size=100, after=after))
        parts += _parts(url, page)
        meta = page.get("pagination_meta") if isinstance(page, dict) and isinstance(page.get("pagination_meta"), dict) else {}
        after = as_text(meta.get("after")) or None
        if after is None or not page.get("incident_updates"):
            break
    return gathered(parts)


def claim_rows(incidents: list[ToolIncident], request):
    from .people import Roles
    from .registry import Imported, Prose
    from .statements import Claims, Statement

    roles = Roles(bool(request.option("anonymize", False)))
    incidents = merged(incidents)
    ids = incident_ids(incidents, request, "incidentio", lambda i: as_text(i.record.get("reference")) or i.key)
    rows: list[dict] = []
    said: list[str] = []
    texts = []
    for incident in incidents:
        ident, record = ids[incident.key], incident.record
        url = as_text(record.get("permalink"))
        name = roles.scrub(one_line(record.get("name")))
        updates = sorted(incident.entries, key=lambda u: (as_text(u.get("created_at")), as_text(u.get("id"))))
        for person in _people(record):
            roles.person(*person)
        for update in updates:
            _updater(update, roles)
        found, left = _timestamps(record, ident, url, name)
        rows += found
        said += [f"{ident}: the timestamp {stamp_name!r} {why}: left out" for stamp_name, why in left]
        claims = Claims(ident, roles.scrub, name)
        for update in updates:
            moment = stamp(update.get("created_at"))
            if moment is not None and as_text(update.get("message")).strip():
                claims.add(Statement(text_of(update.get("message")), moment, "incident.io (update)", "operator",
                                     _updater(update, roles) or "update", as_text(update.get("id")),
                                     tz=request.option("tz"), url=url))
        rows += claims.kept()
        said += claims.said
        summary = text_of(record.get("summary"))
        if summary.strip():
            published = stamp(record.get("updated_at"))
            texts.append(Prose(f"{ident} summary", roles.scrub(summary), ident, published,
                               request.option("tz"), "incident.io (summary)", url=url))
    return Imported(rows, len(incidents), said, ("update_id",), texts)


def _timestamps(record: dict, ident: str, url: str, name: str) -> tuple[list[dict], list[tuple[str, str]]]:
    rows: list[dict] = []
    left: list[tuple[str, str]] = []
    kinds: dict[str, list[str]] = {}
    values = items(record.get("incident_timestamp_values"), ident, "timestamps")
    for entry in values:
        meta = entry.get("incident_timestamp") if isinstance(entry.get("incident_timestamp"), dict) else {}
        stamp_name = " ".join(as_text(meta.get("name")).split())[:100]
        value = entry.get("value") if isinstance(entry.get("value"), dict) else {}
        raw = as_text(value.get("value"))
        moment = stamp(raw)
        if not stamp_name or moment is None:
            continue
        kind = _kind(stamp_name)
        if kind is None:
            left.append((stamp_name, "names no milestone"))
            continue
        kinds.setdefault(kind, []).append(stamp_name)
        rows.append(milestone(ident, kind, moment, raw, "incident.io", f"the incident's timestamp {stamp_name!r}",
                              as_text(meta.get("id")) or stamp_name, url, label=name if kind == "impact_start" and name else stamp_name))
    closed = [(e, m) for e in values for m in [e.get("incident_timestamp")] if isinstance(m, dict)
              and "closed" in as_text(m.get("name")).lower()]
    for entry, meta in closed[:1]:
        raw = as_text((entry.get("value") or {}).get("value")) if isinstance(entry.get("value"), dict) else ""
        if "resolution" not in kinds and stamp(raw):
            row = milestone(ident, "resolution", stamp(raw), raw, "incident.io", f"the incident's timestamp {meta.get('name')!r}: "
                            "closed no earlier than resolved", as_text(meta.get("id")), url)
            rows.append({**row, "bound": "not_after"})
            left = [(n, why) for n, why in left if "closed" not in n.lower()]
    left = [(n, "comes after the resolution it states" if "closed" in n.lower() and "resolution" in kinds else why) for n, why in left]
    created = as_text(record.get("created_at"))
    if "acknowledgement" not in kinds and stamp(created):
        rows.append(milestone(ident, "acknowledgement", stamp(created), created, "incident.io",
                              "the incident's created_at: declared then", "created_at", url))
    return rows, left


def _kind(name: str) -> str | None:
    words = name.lower().replace("_", " ").replace("-", " ")
    return next((kind for part, kind in _NAMED if part in words), None)


def _people(record: dict) -> list[tuple[str, list[str]]]:
    """The people the incident names (its creator, its roles' assignees): (key, names)."""
    found = []
    creator = record.get("creator") if isinstance(record.get("creator"), dict) else {}
    users = [creator.get("user")] + [a.get("assignee") for a in items(record.get("incident_role_assignments"), "incident", "roles")]
    for user in (u for u in users if isinstance(u, dict)):
        key = as_text(user.get("id")) or as_text(user.get("email")) or as_text(user.get("name"))
        if key:
            found.append((key, [as_text(user.get("name")), as_text(user.get("email"))]))
    return found


def _updater(update: dict, roles) -> str:
    updater = update.get("updater") if isinstance(update.get("updater"), dict) else {}
    user = updater.get("user") if isinstance(updater.get("user"), dict) else {}
    if user:
        key = as_text(user.get("id")) or as_text(user.get("email")) or as_text(user.get("name"))
        return roles.person(key, [as_text(user.get("name")), as_text(user.get("email"))]) if key else ""
    return ""
