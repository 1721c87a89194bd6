"""The events.csv format as a JSON Schema (draft 2020-12) for one row, built from the model.

Every cell of a CSV file is text, so a row is an object of strings. The schema accepts what
`incident validate` accepts of one row on its own: each cell's grammar (padded with spaces or
empty, as validate reads it), the choices, and which cells a row must fill together. Left to
validate, because a pattern cannot say them: the zone database (is `Mars/Base` a zone?), a day
that does not exist (2023-02-30) or lies outside the years 1–9999, a local time the clocks
skipped, an offset that contradicts the zone, a number's size (offsets up to ten years), an event
relative to itself, an interval whose until comes before its time (or a relative interval whose
until is below its offset_min), and every rule across rows (one kind per event, relative_to naming an
event, corrects naming a source or an origin of the incident).
"""

from __future__ import annotations

import json
from enum import Enum

from .cells import COLUMNS, FORMAT_VERSION, NON_NEGATIVE_PATTERN, NUMBER_PATTERN, REQUIRED_COLUMNS, Bound, Kind, SourceType
from .ids import SLUG_PATTERN
from .zones import LABELS

BLANK = r"^\s*$"
FILLED = r"\S"
SLUG = SLUG_PATTERN
TIME = (
    r"\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])"
    r"([T ]([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?)?"
    r"\s*(Z|[+-](0\d|1[0-4]):[0-5]\d)?"
)
WITH_OFFSET = r"(Z|[+-]\d{2}:\d{2})\s*$"
CLOCK = r"\d[T ]\d{2}:\d{2}"  # a time of day (not a date alone)
ZONE = "|".join(sorted(LABELS)) + r"|[A-Za-z][A-Za-z0-9_+-]*(/[A-Za-z0-9_+-]+)+"  # a label, or Area/City

DESCRIPTIONS = {
    "incident": "incident id: lowercase letters, digits and '-' (x-spaces-2024)",
    "event": "event id within the incident; several rows may name one event",
    "kind": "what the event is; every row of one event has the same kind",
    "label": "short text for charts and tables; the first non-empty label names the event",
    "time": "YYYY-MM-DD[ HH:MM[:SS]] with optional Z or ±HH:MM; a date alone means some time that day (with no tz: that day in any zone)",
    "until": "with time: the end of an interval statement (same grammar), the event happened from time to until; "
             "with relative_to: a number of minutes ≥ offset_min, the event happened offset_min to until minutes after relative_to",
    "tz": f"an IANA zone, or one of {', '.join(LABELS)}; needed when a time of day has no offset",
    "uncertainty_min": "± minutes around time or offset_min; default 0",
    "bound": "at (default), not_before or not_after",
    "relative_to": "another event of the same incident",
    "offset_min": "minutes after relative_to (negative: before)",
    "value": "a number measured at that time; needs unit",
    "unit": "unit of value, e.g. listeners",
    "source": "who says so: outlet, author, system",
    "source_type": "what kind of witness the source is; empty is weighed as press",
    "org": "the organisation an operator source speaks for, when an incident has more than one; empty: one organisation",
    "published": "when the source made the statement (grammar of time): an operator's statement published after the "
                 "incident ended supersedes its own statements published during it, where they conflict",
    "via": "the origin a copy repeats (AP, the operator's statement): claims about one event sharing it are one witness",
    "corrects": "the source, or the via origin, whose claims about this event this claim replaces (set aside as corrected)",
    "url": "where",
    "quote": "the supporting words",
    "as_reported": "the time exactly as the source wrote it",
    "note": "the analyst's remark",
}

GRAMMARS = {
    "incident": SLUG,
    "event": SLUG,
    "relative_to": SLUG,
    "kind": Kind,
    "bound": Bound,
    "source_type": SourceType,
    "time": TIME,
    "until": f"{TIME}|{NUMBER_PATTERN}",
    "published": TIME,
    "tz": ZONE,
    "uncertainty_min": NON_NEGATIVE_PATTERN,
    "offset_min": NUMBER_PATTERN,
    "value": NUMBER_PATTERN,
}


def _cell(column: str) -> dict:
    spec: dict = {"type": "string", "description": DESCRIPTIONS[column]}
    grammar = GRAMMARS.get(column)
    if isinstance(grammar, type) and issubclass(grammar, Enum):
        choices = [member.value for member in grammar]
        spec["examples"] = choices
        grammar = "|".join(choices)
    if column == "tz":
        spec["examples"] = list(LABELS)
    if grammar is not None:
        filled = rf"^\s*({grammar})\s*$"
        spec["pattern"] = filled if column in REQUIRED_COLUMNS else f"{BLANK}|{filled}"
    elif column in REQUIRED_COLUMNS:
        spec["pattern"] = FILLED
    return spec


def _filled(*columns: str) -> dict:
    """A row whose `columns` are all present and not blank."""
    return {"required": list(columns), "properties": {c: {"pattern": FILLED} for c in columns}}


def _needs(when: dict, then: dict) -> dict:
    return {"if": when, "then": then}


def json_schema() -> dict:
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": f"events.csv row (format version {FORMAT_VERSION})",
        "description": "One row of events.csv: one source's claim about when an event happened.",
        "type": "object",
        "properties": {column: _cell(column) for column in COLUMNS},
        "required": list(REQUIRED_COLUMNS),
        "additionalProperties": {"type": "string"},  # the analyst's own columns
        "anyOf": [_filled("time"), _filled("relative_to")],
        "allOf": [
            {"not": _filled("time", "relative_to")},
            _needs(_filled("relative_to"), _filled("offset_min")),
            _needs(_filled("offset_min"), _filled("relative_to")),
            _needs(_filled("until"), {"anyOf": [_filled("time"), _filled("relative_to")]}),
            _needs(_filled("until", "time"), {"properties": {"until": {"pattern": rf"^\s*({TIME})\s*$"}}}),
            _needs(_filled("until", "relative_to"), {"properties": {"until": {"pattern": rf"^\s*({NUMBER_PATTERN})\s*$"}}}),
            _needs(_filled("until"), {"properties": {"bound": {"pattern": r"^\s*(at)?\s*$"}}}),
            _needs(_filled("value"), _filled("unit")),
            _needs(_filled("unit"), _filled("value")),
            _needs(  # a time of day needs a zone; a date alone may go without one
                {"required": ["time"], "properties": {"time": {"pattern": CLOCK, "not": {"pattern": WITH_OFFSET}}}},
                _filled("tz"),
            ),
            *(_needs({"required": [cell], "properties": {cell: {"pattern": CLOCK, "not": {"pattern": WITH_OFFSET}}}}, _filled("tz"))
              for cell in ("until", "published")),
        ],
    }


def json_schema_text() -> str:
    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"
