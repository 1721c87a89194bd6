"""One small valid input for every importer the registry has, and the ways to spoil it: the shared
hostile-input test (test_import_every.py) runs each spoiling over each importer. An importer added
to the registry without a sample here fails that test."""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

DATA = Path(__file__).parent / "data"


@dataclass
class Sample:
    """A valid input: a JSON value, or an XML text built from named text fields."""

    value: Any = None  # the JSON value
    render: Callable[[dict], str] | None = None  # XML: the document from its text fields
    fields: dict = field(default_factory=dict)  # XML: the text fields, by name
    suffix: str = ".json"
    args: tuple[str, ...] = ()  # options every run adds

    @property
    def is_json(self) -> bool:
        return self.render is None

    def data(self) -> bytes:
        if self.is_json:
            return json.dumps(self.value).encode()
        return self.render(self.fields).encode()

    def leaves(self) -> list[tuple]:
        """Every place a value sits: a JSON path (keys and indexes), or an XML field's name."""
        if not self.is_json:
            return [(name,) for name in self.fields]
        found: list[tuple] = []

        def walk(value, path):
            found.append(path)
            if isinstance(value, dict):
                for key in value:
                    walk(value[key], path + (key,))
            elif isinstance(value, list):
                for i, item in enumerate(value):
                    walk(item, path + (i,))

        walk(self.value, ())
        return found[1:]

    def at(self, path: tuple):
        value = self.value if self.is_json else self.fields
        for key in path:
            value = value[key]
        return value

    def replaced(self, path: tuple, new) -> bytes:
        """The input with the value at `path` replaced (in XML, a non-text value as markup)."""
        if not self.is_json:
            fields = dict(self.fields)
            fields[path[0]] = new if isinstance(new, str) else _as_markup(new)
            return self.render(fields).encode()
        value = copy.deepcopy(self.value)
        target = value
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = new
        return json.dumps(value).encode()

    def every_text(self, change: Callable[[str], str]) -> bytes:
        """The input with `change` applied to every text it holds (in JSON, every string)."""
        if not self.is_json:
            return self.render({k: change(v) for k, v in self.fields.items()}).encode()

        def walk(value):
            if isinstance(value, str):
                return change(value)
            if isinstance(value, dict):
                return {k: walk(v) for k, v in value.items()}
            if isinstance(value, list):
                return [walk(v) for v in value]
            return value

        return json.dumps(walk(self.value)).encode()


def _as_markup(value) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, dict)):
        return "<b>1</b><![CDATA[{}]]>"
    return str(value)


def _escaped(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


STATUSPAGE = {
    "page": {"name": "Acme", "url": "https://status.acme.example"},
    "incident": {
        "id": "abc123", "name": "API errors", "created_at": "2025-07-14T09:21:40.512-05:00",
        "incident_updates": [
            {"id": "u1", "status": "investigating", "body": "We are investigating errors since 9:05 AM CDT.",
             "created_at": "2025-07-14T09:21:40.512-05:00", "display_at": "2025-07-14T09:21:40.512-05:00",
             "affected_components": [{"name": "API", "old_status": "operational", "new_status": "major_outage"}]},
            {"id": "u2", "status": "resolved", "body": "Resolved.", "created_at": "2025-07-14T10:45:00.000-05:00"},
        ],
    },
}

GCP = [{
    "id": "hPq2XvbNt7eFkWz9aYc1", "number": "90001", "begin": "2025-03-04T17:05:00+00:00",
    "created": "2025-03-04T17:31:12+00:00", "end": "2025-03-04T19:40:00+00:00",
    "external_desc": "Example Storage: elevated error rates", "service_name": "Example Storage",
    "uri": "incidents/hPq2XvbNt7eFkWz9aYc1",
    "updates": [{"created": "2025-03-04T17:31:12+00:00", "when": "2025-03-04T17:31:12+00:00",
                 "text": "The issue began at 2025-03-04 09:02 and ended at 2025-03-04 11:40 (All Times US/Pacific).",
                 "status": "AVAILABLE"}],
}]


def _atom(fields: dict) -> str:
    updates = (f"<p><small>Jun <var data-var='date'>18</var>, <var data-var='time'>18:09</var> UTC</small><br>"
               f"<strong>Resolved</strong> - {fields['resolved']}</p>"
               f"<p><small>Jun <var data-var='date'>18</var>, <var data-var='time'>17:15</var> UTC</small><br>"
               f"<strong>Investigating</strong> - {fields['investigating']}</p>")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'
            f"<id>tag:status.example.com,2005:/history</id><title>{fields['title']}</title><updated>{fields['updated']}</updated>"
            f"<author><name>{fields['author']}</name></author>"
            f"<entry><id>tag:status.example.com,2005:Incident/101</id><published>{fields['published']}</published>"
            f"<updated>{fields['updated']}</updated><link rel=\"alternate\" href=\"https://status.example.com/incidents/k1mlxlmdhqqp\"/>"
            f"<title>{fields['name']}</title><content type=\"html\">{_escaped(updates)}</content></entry></feed>\n")


FEED = Sample(render=_atom, suffix=".atom", fields={
    "title": "Acme Status - Incident History", "author": "Acme", "name": "Degraded migrations",
    "published": "2024-06-18T17:15:02Z", "updated": "2024-06-21T19:43:13Z",
    "resolved": "From 16:59 UTC to 18:06 UTC, migrations were failing.",
    "investigating": "We are investigating degraded performance for migrations.",
})

SLACK = {"ok": True, "messages": [
    {"type": "message", "user": "U2", "text": "it's back, normal since 17:41 UTC", "ts": "1741110100.000300",
     "thread_ts": "1741109100.000150", "user_profile": {"real_name": "Bob Osei", "team": "T1"}},
    {"type": "message", "user": "U1", "text": "rolling back 4512 now", "ts": "1741109700.000200", "edited": {"user": "U1", "ts": "1741109760.000000"}},
    {"type": "message", "subtype": "bot_message", "bot_id": "B1", "username": "PagerDuty", "text": "",
     "attachments": [{"title": "Triggered #4242", "fallback": "Triggered #4242: checkout 5xx"}], "ts": "1741108990.000100"},
    {"type": "message", "user": "U1", "text": "looking into it. we started seeing 5xx at 17:02 UTC", "ts": "1741109100.000150"},
], "has_more": False}

PAGERDUTY = {"log_entries": [
    {"id": "Q1", "type": "trigger_log_entry", "summary": "Triggered through the API", "created_at": "2015-10-06T21:30:42Z",
     "agent": {"id": "PIJ90N7", "type": "service_reference", "summary": "My Mail Service"},
     "service": {"id": "PIJ90N7", "summary": "My Mail Service"}, "incident": {"id": "PT4KHLK", "summary": "[#1234] The server is on fire."}},
    {"id": "Q2", "type": "acknowledge_log_entry", "summary": "Acknowledged by Earline Greenholt", "created_at": "2015-10-06T21:35:42Z",
     "agent": {"id": "PXPGF42", "type": "user_reference", "summary": "Earline Greenholt"}, "incident": {"id": "PT4KHLK"}},
    {"id": "Q3", "type": "annotate_log_entry", "summary": "Note added", "created_at": "2015-10-06T21:44:10Z",
     "channel": {"type": "note", "summary": "Customer impact began at 21:24 UTC."}, "incident": {"id": "PT4KHLK"}},
    {"id": "Q4", "type": "resolve_log_entry", "summary": "Resolved", "created_at": "2015-10-06T21:52:03Z", "incident": {"id": "PT4KHLK"}},
], "limit": 25, "offset": 0, "more": False}

INCIDENTIO = {"incident": {
    "id": "01FDAG4SAP5TYPT98WGR2N7W91", "reference": "INC-123", "name": "Our database is sad", "created_at": "2021-08-17T13:28:57.801578Z",
    "summary": "Customer impact began at 13:10 UTC.", "updated_at": "2021-08-18T09:15:22Z", "permalink": "https://app.incident.io/incidents/123",
    "incident_timestamp_values": [
        {"incident_timestamp": {"id": "T1", "name": "Impact started", "rank": 1}, "value": {"value": "2021-08-17T13:10:00Z"}},
        {"incident_timestamp": {"id": "T2", "name": "Resolved at", "rank": 2}, "value": {"value": "2021-08-17T14:12:09.331019Z"}},
    ]}}

FIREHYDRANT = {"id": "b5f7a1c0", "name": "Checkout latency", "number": 4821, "started_at": "2024-05-02T14:03:00.000Z",
               "incident_url": "https://app.firehydrant.io/incidents/b5f7a1c0", "milestones": [
                   {"id": "m1", "type": "detected", "occurred_at": "2024-05-02T14:06:12.000Z"},
                   {"id": "m2", "type": "resolved", "occurred_at": "2024-05-02T14:47:30.000Z"}]}

ROOTLY = {"data": {"id": "8f6a2c1e", "type": "incidents", "attributes": {
    "title": "Database connection pool exhausted", "sequential_id": 292, "url": "https://rootly.com/account/incidents/292",
    "started_at": "2026-05-20T10:00:00.000-07:00", "acknowledged_at": "2026-05-20T10:04:30.000-07:00",
    "resolved_at": "2026-05-20T10:12:00.000-07:00"}}}

SAMPLES: dict[str, Sample] = {
    "statuspage": Sample(STATUSPAGE),
    "gcp": Sample(GCP),
    "feed": FEED,
    "slack": Sample(SLACK),
    "pagerduty": Sample(PAGERDUTY),
    "incidentio": Sample(INCIDENTIO),
    "firehydrant": Sample(FIREHYDRANT),
    "rootly": Sample(ROOTLY),
}
