"""Rows → claims: each row's cells checked on their own and against each other (the Claim model),
every problem of the row named with its column."""

from __future__ import annotations

import re
from typing import Any, Mapping

from pydantic import ValidationError

from ..model import zones
from ..model.cells import COLUMNS, kind_cell, slug_cell, until_cell, presence_problems
from ..model.claim import Claim
from ..model.time import ColumnError, TimeCell, from_epoch, resolve_time


from typing import TYPE_CHECKING

if TYPE_CHECKING:  # only for annotations: the collector lives in reader.py
    from .reader import Collector, Row

if TYPE_CHECKING:
    from .rules import AcrossRows


def claim_of_row(row: Row, columns: list[str], diag: Collector, across: "AcrossRows") -> Claim | None:
    data: dict[str, object] = {"line": row.line}
    for name, cell in zip(columns, row.cells):
        if name in COLUMNS:
            value = cell.strip()
            if value:
                data[name] = value
    if _unfilled(data):
        across.add_unfilled(row.line, str(data["incident"]), str(data["event"]))
        return None
    problems = [(p.column, p.message) for p in presence_problems(data)]
    try:
        claim = Claim.model_validate(data)
    except ValidationError as exc:
        said = {column for column, _ in problems}
        # an until cell of the wrong grammar for its row is named once, by what the row needs
        problems += [p for p in _explain(exc) if p not in problems and not (p[0] == "until" and "until" in said)]
        claim = None
    if claim is None:
        # a field error stops pydantic before the rules across columns: run those on the cells
        # that are valid on their own, so that one run names every problem of the row
        cells = cell_values(data)
        if "time" in data and "time" not in cells:
            across.add_unread_time(row.line, str(data["time"]))
        problem = _time_problem(cells)
        if problem is not None and problem not in problems:
            problems.append(problem)
        _label_on_a_broken_row(row.line, cells, diag)
        across.add_broken(row.line, cells)
    where = _where(data) if problems else ""
    for column, message in problems:
        diag.error(row.line, column, message, where)
    return None if problems else claim


def _where(data: Mapping[str, object]) -> str:
    """'incident 'x-spaces-2024', event 'conversation-start'': which claim a message is about, when
    the row names both (a message on the incident or event cell itself names the line only)."""
    incident, event = str(data.get("incident", "")), str(data.get("event", ""))
    if not incident or not event or len(incident) > 60 or len(event) > 60:
        return ""
    return f"incident {incident!r}, event {event!r}"


_FILLED = ("time", "until", "relative_to", "offset_min", "source", "value", "unit", "uncertainty_min", "bound", "url",
           "quote", "as_reported", "tz", "via", "corrects", "source_type", "published", "org")


def _unfilled(data: Mapping[str, object]) -> bool:
    """A row that names an event and nothing it states (no time, no source, nothing else but its
    kind, label and note), as `incident new` writes them: a row still to fill, not a claim."""
    return "incident" in data and "event" in data and not any(name in data for name in _FILLED)


def cell_values(data: Mapping[str, object]) -> dict[str, object]:
    """The cells of a row that are valid on their own, parsed ({column: value})."""
    parsers = {
        "incident": slug_cell, "event": slug_cell, "relative_to": slug_cell, "kind": kind_cell,
        "time": TimeCell.parse, "until": until_cell, "tz": zones.zone,
    }
    values = {}
    for column, parse_cell in parsers.items():
        if column in data:
            try:
                values[column] = parse_cell(str(data[column]))
            except ValueError:
                pass
    return values


def _label_on_a_broken_row(line: int, cells: Mapping[str, Any], diag: Collector) -> None:
    """Every check on every row: a fixed label that contradicts its date ("EST" in June) is warned
    on a row that has another error too, as on a clean one, when its time and zone read."""
    tz, cell = cells.get("tz"), cells.get("time")
    if tz is None or cell is None or not tz.is_fixed:
        return
    try:
        at = from_epoch(resolve_time(cell, tz))
    except ValueError:
        return
    problem = zones.label_contradiction(tz.name, at)
    if problem:
        diag.warning(line, "tz", f"{problem}; the time is read as {tz.name}, as written", "zone-label")


def _time_problem(cells: Mapping[str, Any]) -> tuple[str, str] | None:
    if "time" not in cells:
        return None
    try:
        resolve_time(cells["time"], cells.get("tz"))
    except ColumnError as exc:
        if exc.column == "tz" and "tz" not in cells and cells["time"].offset is None:
            return None  # the zone cell is there but unknown: already named
        return exc.column, exc.message
    return None


_PREFIX = re.compile(r"^(Value error|Assertion failed), ")


def _explain(exc: ValidationError):
    for err in exc.errors(include_url=False):
        cause = (err.get("ctx") or {}).get("error")
        if isinstance(cause, ColumnError):
            yield cause.column, cause.message
            continue
        column = str(err["loc"][0]) if err["loc"] else "row"
        if err["type"] == "missing":
            yield column, f"{column} is empty: every claim needs one"
        elif err["type"] == "string_too_short":
            yield column, f"{column} is empty: every claim needs one"
        else:
            yield column, _PREFIX.sub("", err["msg"])
