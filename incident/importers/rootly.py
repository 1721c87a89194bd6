"""Claims from Rootly: `incident import rootly`.

Read: a saved `GET /v1/incidents/{id}` answer (JSON:API: `data` with `type` "incidents" and its
`attributes`), or the list (`data` a list), with its retrospective beside it (a `post_mortems`
resource: `attributes` holding its content, `relationships.incident` or `attributes.incident_id`
naming the incident); or the incident live (`https://api.rootly.com/v1/incidents/{id}`, the token
in ROOTLY_TOKEN).

What becomes a claim (every one `operator`, the source "Rootly"): the incident's milestones, each
at its time to the second — `started_at` → impact start, `detected_at` → detection,
`acknowledged_at` → acknowledgement, `mitigated_at` → mitigation, `resolved_at` → resolution;
left out: `created_at` (when the record was made), `cancelled_at`, and the retrospective's own
dates. The retrospective's content (Markdown or HTML reduced to text) is drafted by `extract`,
published when it was published (else last updated).
"""

from __future__ import annotations

from .reading import as_text, one_line
from .tools import ToolIncident, gathered, incident_ids, items, merged, milestone, read_tool, shape_error, stamp, text_of

ACCEPT = "application/vnd.api+json"
FIELDS = (("started_at", "impact_start"), ("detected_at", "detection"), ("acknowledged_at", "acknowledgement"),
          ("mitigated_at", "mitigation"), ("resolved_at", "resolution"))


def read(source: str, request) -> list[ToolIncident]:
    """The importer's contract (registry.Source): a saved answer, or the incident live."""
    return read_tool(source, request, _parts, _read_live, "a saved Rootly answer")


def _parts(path: str, data) -> list[tuple[str, str, str, dict]]:
    expected = "a Rootly answer (JSON:API data of incidents or post_mortems)"
    if not isinstance(data, dict) or not isinstance(data.get("data"), (dict, list)):
        raise shape_error(path, data, expected)
    resources = items(data["data"], path, "resources") if isinstance(data["data"], list) else [data["data"]]
    parts = []
    for resource in resources:
        kind = as_text(resource.get("type"))
        attributes = resource.get("attributes") if isinstance(resource.get("attributes"), dict) else {}
        if kind == "incidents":
            parts.append((path, as_text(resource.get("id")) or "(no id)", "record", {**attributes, "id": resource.get("id")}))
        elif kind in ("post_mortems", "retrospectives", "incident_post_mortems"):
            parts.append((path, _incident_of(resource, attributes), "text", attributes))
    if not parts and resources:
        raise shape_error(path, data, expected)
    return parts


def _incident_of(resource: dict, attributes: dict) -> str:
    relations = resource.get("relationships") if isinstance(resource.get("relationships"), dict) else {}
    incident = relations.get("incident") if isinstance(relations.get("incident"), dict) else {}
    data = incident.get("data") if isinstance(incident.get("data"), dict) else {}
    return as_text(data.get("id")) or as_text(attributes.get("incident_id")) or "(no id)"


def _read_live(url: str, request) -> list[ToolIncident]:
    from .api import Api, incident_address

    base, rest = incident_address(url, "a Rootly incident's address (…/v1/incidents/ID)")
    api = Api(request.token, "ROOTLY_TOKEN", accept=ACCEPT, what="a Rootly answer")
    return gathered(_parts(url, api.get(f"{base}{rest[0]}")))


def claim_rows(incidents: list[ToolIncident], request):
    from .people import Roles
    from .registry import Imported, Prose
    from .statuspage import plain_text

    roles = Roles(bool(request.option("anonymize", False)))
    incidents = merged(incidents)
    ids = incident_ids(incidents, request, "rootly", lambda i: i.record.get("sequential_id") or i.record.get("slug") or i.key)
    rows: list[dict] = []
    texts = []
    for incident in incidents:
        ident, record = ids[incident.key], incident.record
        url = as_text(record.get("url"))
        title = one_line(record.get("title"))
        for field, kind in FIELDS:
            raw = as_text(record.get(field))
            if stamp(raw) is not None:
                rows.append(milestone(ident, kind, stamp(raw), raw, "Rootly", f"the incident's {field}", field, url,
                                      title if kind == "impact_start" else ""))
        for _, report in incident.texts:
            markdown = next((text_of(report.get(k)) for k in ("content_markdown", "content", "body") if as_text(report.get(k)).strip()), "")
            text = markdown or plain_text(text_of(report.get("content_html")))
            if text.strip():
                published = stamp(report.get("published_at")) or stamp(report.get("updated_at"))
                texts.append(Prose(f"{ident} retrospective", roles.scrub(text), ident, published, request.option("tz"),
                                   "Rootly (retrospective)", url=as_text(report.get("url")) or url))
    return Imported(rows, len(incidents), [], ("update_id",), texts)
