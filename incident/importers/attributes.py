"""What an imported record says of the incident as a whole, not of a moment: its severity and its
components, written into the analyst's own columns `severity` and `component` (no claim: the
reconstruction never reads them; `incident stats` groups incidents by them)."""

from __future__ import annotations

MAX_COMPONENTS = 50  # names kept of an incident's components
MAX_NAME = 100  # characters of one name


def _text(value) -> str:
    return value if isinstance(value, str) else ""


COLUMNS = ("severity", "component")  # the cells attribute_cells fills, after the format's columns


def attribute_cells(severity, names, plain_text) -> dict:
    """The two cells from a severity and component names (any JSON values), each made text by
    `plain_text` (the importer's HTML reducer) and bounded; each name once (sorted), '; ' between
    names (a ';' inside a name becomes ',')."""
    kept: dict[str, None] = {}
    for name in names:
        text = plain_text(_text(name)).replace(";", ",")[:MAX_NAME]
        if text:
            kept.setdefault(text, None)
    return {"severity": plain_text(_text(severity))[:40], "component": "; ".join(sorted(kept)[:MAX_COMPONENTS])}


def incident_attributes(incident: dict, plain_text) -> dict:
    """A Statuspage incident's `severity` (its impact level: none, minor, major, critical) and
    `component` (its components, else those its updates list as affected)."""
    listed = incident.get("components") if isinstance(incident.get("components"), list) else []
    if not listed:
        listed = [c for u in incident["incident_updates"] for c in u.get("affected_components") or []]
    return attribute_cells(incident.get("impact"), [entry.get("name") for entry in listed if isinstance(entry, dict)], plain_text)
