"""A header's names against the format's: the column a misspelt name was meant to be, and what
reading the file without that column would silently do."""

from __future__ import annotations

import re

from ..model.cells import COLUMNS

# names people give a format column, once case, spaces and punctuation are set aside
SYNONYMS = {
    "timezone": "tz", "zone": "tz", "tzname": "tz",
    "timestamp": "time", "datetime": "time",
    "offset": "offset_min", "offsetminutes": "offset_min", "offsetmins": "offset_min",
    "uncertainty": "uncertainty_min", "uncertaintyminutes": "uncertainty_min", "uncertaintymins": "uncertainty_min",
    "sourcetypes": "source_type", "sourcekind": "source_type",
    "incidentid": "incident", "eventid": "event",
}

# what the analysis does when the column is missing: said when a near miss stands in its place
CONSEQUENCES = {
    "tz": "every time written without an offset would have no zone",
    "time": "no claim would have a time",
    "source_type": "every claim would be weighed as press (source type unspecified)",
    "bound": "every 'by' and 'after' would be read as an exact time",
    "uncertainty_min": "every time would be read as exact",
    "until": "every interval would be read as its start alone",
    "relative_to": "no claim could be relative to another event",
    "offset_min": "no relative claim would have its minutes",
    "via": "copies of one origin would count as independent witnesses",
    "corrects": "no correction would set the claims it replaces aside",
    "label": "every event would be named by its id",
    "value": "no measurement would have its figure",
    "unit": "no measurement would have its unit",
    "url": "no claim would link to where it was read",
    "quote": "no claim would carry its source's words",
    "as_reported": "no claim would keep its time as the source wrote it",
    "note": "the notes would not be read as notes",
}


def _key(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower())


_BY_KEY = {_key(column): column for column in COLUMNS}


def meant(name: str) -> str | None:
    """The format column a header name stands for ('Source Type', 'sourcetype', 'timezone'), or
    None; never the name itself when it is one."""
    if name in COLUMNS:
        return None
    key = _key(name)
    return _BY_KEY.get(key) or SYNONYMS.get(key)


def consequence(column: str) -> str:
    return CONSEQUENCES.get(column, f"no claim would have its {column}")
