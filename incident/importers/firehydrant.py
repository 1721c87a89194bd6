"""Claims from FireHydrant: `incident import firehydrant`.

Read: a saved `GET /v1/incidents/{id}` answer (the incident: `milestones`, each with `type` and
`occurred_at`), or the list (`GET /v1/incidents`: `data`), with its retrospective beside it
(`GET /v1/post_mortems/reports/{id}`: the report's `fields` and `questions`, naming its
`incident`); or the incident live (`https://api.firehydrant.io/v1/incidents/{id}`, the token in
FIREHYDRANT_TOKEN: the incident, and its retrospective when it has one).

What becomes a claim (every one `operator`, the source "FireHydrant"): each milestone that is one
of ours, at its `occurred_at` to the second — started → impact start, detected → detection,
acknowledged → acknowledgement, mitigated → mitigation, resolved → resolution (the incident's
`started_at` when it has no started milestone); investigating, identified and the retrospective's
milestones are left out (named on stderr). The retrospective's words (its summary, fields and
answered questions) are drafted by `extract`, published when the report was last updated.
"""

from __future__ import annotations

from .reading import as_text, one_line
from .tools import ToolIncident, gathered, incident_ids, items, merged, milestone, read_tool, shape_error, stamp, text_of

MILESTONE_KINDS = {"started": "impact_start", "detected": "detection", "acknowledged": "acknowledgement",
                   "mitigated": "mitigation", "resolved": "resolution"}


def read(source: str, request) -> list[ToolIncident]:
    """The importer's contract (registry.Source): a saved answer, or the incident live."""
    return read_tool(source, request, _parts, _read_live, "a saved FireHydrant answer")


def _parts(path: str, data) -> list[tuple[str, str, str, object]]:
    expected = "a FireHydrant answer (an incident with milestones, a list of them in data, or a retrospective report)"
    if not isinstance(data, dict):
        raise shape_error(path, data, expected)
    if isinstance(data.get("data"), list):
        return [(path, as_text(i.get("id")) or "(no id)", "record", i) for i in items(data["data"], path, "incidents")]
    if "milestones" in data or "current_milestone" in data:
        return [(path, as_text(data.get("id")) or "(no id)", "record", data)]
    if isinstance(data.get("incident"), dict) and ("fields" in data or "questions" in data or "summary" in data):
        return [(path, as_text(data["incident"].get("id")) or "(no id)", "text", data)]
    raise shape_error(path, data, expected)


def _read_live(url: str, request) -> list[ToolIncident]:
    from .api import Api, incident_address

    base, rest = incident_address(url, "a FireHydrant incident's address (…/v1/incidents/ID)")
    api = Api(request.token, "FIREHYDRANT_TOKEN", "{}", what="a FireHydrant answer")
    incident = api.get(f"{base}{rest[0]}")
    parts = _parts(url, incident)
    report = as_text(incident.get("report_id")) if isinstance(incident, dict) else ""
    if report:
        parts += _parts(url, api.get(base.replace("/incidents/", "/post_mortems/reports/") + report))
    return gathered(parts)


def claim_rows(incidents: list[ToolIncident], request):
    from .people import Roles
    from .registry import Imported, Prose

    roles = Roles(bool(request.option("anonymize", False)))
    incidents = merged(incidents)
    ids = incident_ids(incidents, request, "firehydrant", lambda i: i.record.get("number") or i.key)
    rows: list[dict] = []
    said: list[str] = []
    texts = []
    for incident in incidents:
        ident, record = ids[incident.key], incident.record
        url = as_text(record.get("incident_url"))
        opener = record.get("opened_by") if isinstance(record.get("opened_by"), dict) else {}
        if as_text(opener.get("id")) or as_text(opener.get("email")):  # a person whose name a retrospective may write
            roles.person(as_text(opener.get("id")) or as_text(opener.get("email")), [as_text(opener.get("name")), as_text(opener.get("email"))])
        name = one_line(record.get("name"))
        kinds = set()
        for entry in sorted(items(record.get("milestones"), incident.path, "milestones"),
                            key=lambda m: (as_text(m.get("occurred_at")), as_text(m.get("type")))):
            kind, raw = MILESTONE_KINDS.get(as_text(entry.get("type"))), as_text(entry.get("occurred_at"))
            if kind is None:
                if as_text(entry.get("type")):
                    said.append(f"{ident}: FireHydrant's milestone {as_text(entry.get('type'))[:40]!r} "
                              "is no milestone of events.csv (its kinds): left out")
                continue
            if stamp(raw) is None or kind in kinds:
                continue
            kinds.add(kind)
            rows.append(milestone(ident, kind, stamp(raw), raw, "FireHydrant", f"the incident's milestone {entry['type']!r}",
                                  as_text(entry.get("id")) or entry["type"], url, name if kind == "impact_start" else ""))
        started = as_text(record.get("started_at"))
        if "impact_start" not in kinds and stamp(started):
            rows.append(milestone(ident, "impact_start", stamp(started), started, "FireHydrant", "the incident's started_at",
                                  "started_at", url, name))
        for _, report in incident.texts:
            text = _report_text(report)
            if text.strip():
                texts.append(Prose(f"{ident} retrospective", roles.scrub(text), ident, stamp(report.get("updated_at")),
                                   request.option("tz"), "FireHydrant (retrospective)", url=url))
    return Imported(rows, len(incidents), said, ("update_id",), texts)


def _report_text(report: dict) -> str:
    """A retrospective's words: its summary, each field's label and value, each answered question."""
    parts = [text_of(report.get("summary"))]
    for field in items(report.get("fields"), "report", "fields"):
        value = field.get("value")
        if isinstance(value, str) and value.strip():
            parts.append(f"{as_text(field.get('label'))}: {text_of(value)}".strip(": "))
    for question in items(report.get("questions"), "report", "questions"):
        if as_text(question.get("body")).strip():
            parts.append(f"{as_text(question.get('title'))}\n{text_of(question.get('body'))}".strip())
    return "\n\n".join(p for p in parts if p.strip())[:200_000]
