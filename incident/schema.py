"""The events.csv format as a JSON Schema for one row, generated from a pydantic model.

Every cell of a CSV file is text, so the schema describes a row as an object of strings with the
patterns and choices the format allows. Rules that need a zone database or other rows (a local time
that does not exist, `relative_to` naming a known event) are left to `incident validate`.
"""

from __future__ import annotations

import json
from typing import Optional

from pydantic import BaseModel, ConfigDict, Field

from .model import COLUMNS, FORMAT_VERSION, SLUG_PATTERN, Bound, Kind, SourceType
from .zones import LABELS

SLUG = f"^{SLUG_PATTERN}$"
TIME = r"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2})?)?\s*(Z|[+-]\d{2}:\d{2})?$"
NUMBER = r"^\s*[-+\u2212]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?\s*$"
NON_NEGATIVE = r"^\s*\+?(\d+(\.\d*)?|\.\d+)\s*$"


class Row(BaseModel):
    """One row of events.csv, format version 1: one source's claim about when an event happened."""

    model_config = ConfigDict(
        title=f"events.csv row (format version {FORMAT_VERSION})",
        extra="allow",  # the analyst's own columns
        json_schema_extra={
            "anyOf": [{"required": ["time"]}, {"required": ["relative_to", "offset_min"]}],
            "not": {"required": ["time", "relative_to"]},
        },
    )

    incident: str = Field(pattern=SLUG, description="incident id, a slug (x-spaces-2024)")
    event: str = Field(pattern=SLUG, description="event id within the incident; several rows may name one event")
    kind: Kind = Field(description="what the event is; every row of one event has the same kind")
    label: Optional[str] = Field(None, description="short text for charts and tables; the first non-empty label names the event")
    time: Optional[str] = Field(None, pattern=TIME, description="YYYY-MM-DD[ HH:MM[:SS]] with optional Z or ±HH:MM; a date alone means some time that day")
    tz: Optional[str] = Field(None, description=f"an IANA zone, or one of {', '.join(LABELS)}; needed when time has no offset", examples=list(LABELS))
    uncertainty_min: Optional[str] = Field(None, pattern=NON_NEGATIVE, description="± minutes around time or offset_min; default 0")
    bound: Optional[Bound] = Field(None, description="at (default), not_before or not_after")
    relative_to: Optional[str] = Field(None, pattern=SLUG, description="another event of the same incident")
    offset_min: Optional[str] = Field(None, pattern=NUMBER, description="minutes after relative_to (negative: before)")
    value: Optional[str] = Field(None, pattern=NUMBER, description="a number measured at that time; needs unit")
    unit: Optional[str] = Field(None, description="unit of value, e.g. listeners")
    source: str = Field(min_length=1, description="who says so: outlet, author, system")
    source_type: Optional[SourceType] = Field(None, description="what kind of witness the source is: operator, monitor, press, witness, secondary or analyst; empty is weighed as press")
    url: Optional[str] = Field(None, description="where")
    quote: Optional[str] = Field(None, description="the supporting words")
    as_reported: Optional[str] = Field(None, description="the time exactly as the source wrote it")
    note: Optional[str] = Field(None, description="the analyst's remark")


assert tuple(Row.model_fields) == COLUMNS, "the schema's columns must follow the format's"


def json_schema() -> dict:
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", **Row.model_json_schema()}
    return schema


def json_schema_text() -> str:
    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"
