"""The metrics of incidents from their rows alone: a pure function of one incident's rows (or of a
batch of whole incidents), the same wherever it runs — this process, a pool of processes, a Dask or
Spark worker.

`incident_metrics(frame)` is the public form: the rows of one incident (the events.csv columns, as
text) in, its metric records out, as a pandas frame of RECORD_COLUMNS — the rows `incident metrics
--csv` prints for that incident, read back by `read_metrics`.
"""

from __future__ import annotations

import csv
import io
from typing import Iterable, Mapping, Sequence

from ..model.time import iso_utc
from ..timeline.records import Record, incident_records

from .metrics_file import RECORD_COLUMNS, frame_of_csv
ATTRIBUTES = ("severity", "component")  # the events' own columns that say what an incident is


class InvalidRows(ValueError):
    """Rows that do not make valid claims: `diagnostics` says which and why."""

    def __init__(self, diagnostics):
        self.diagnostics = list(diagnostics)
        first = "; ".join(f"line {d.line}: {d.column}: {d.message}" for d in self.diagnostics if d.is_error)
        super().__init__(first[:2000] or "invalid rows")

    def __reduce__(self):  # from a worker process to the parent, diagnostics and all
        return InvalidRows, (self.diagnostics,)


class Mismatch(Exception):
    """The rows read name other incidents than the ones they were grouped by (a cell the whole-file
    reader reads differently): the file is read whole instead."""


def selected(name: str, wanted: tuple[str, ...] | None) -> bool:
    """Whether an incident is one of `wanted` (ids or shell patterns: github-*), or all are wanted."""
    from fnmatch import fnmatchcase

    return wanted is None or any(fnmatchcase(name, pattern) for pattern in wanted)


def csv_text(records: Iterable[Record]) -> str:
    """The records as CSV lines (no header), safe to open in a spreadsheet: the cells that come from
    the events' own text (severity, components) guarded as every --csv guards them; the others are
    ids, numbers, times and the tool's own words."""
    from ..render.text import spreadsheet_cell

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    times: dict[int | None, str] = {None: ""}
    guarded: dict[str, str] = {}
    for r in records:
        for moment in (r.start, r.incident_start, r.latest):
            if moment is not None and moment not in times:
                times[moment] = iso_utc(moment)
        attributes = (r.severity, "; ".join(r.components))
        for text in attributes:
            if text not in guarded:
                guarded[text] = spreadsheet_cell(text)
        writer.writerow((r.incident, r.metric, "" if r.minutes is None else repr(r.minutes), "" if r.low is None else repr(r.low),
                         "" if r.high is None else repr(r.high), r.start_event or "", r.end_event or "", r.state, r.why,
                         times[r.start], times[r.incident_start], times[r.latest], guarded[attributes[0]], guarded[attributes[1]],
                         "" if r.shown is None else repr(r.shown)))
    return out.getvalue()


def attributes_of(data: str, header: Sequence[str]) -> dict[str, tuple[str, tuple[str, ...]]]:
    """incident → (severity, components) from the rows' own `severity` and `component` cells: the
    first non-empty severity, and every component named (';' between names), sorted."""
    if not any(name in header for name in ATTRIBUTES):
        return {}
    rows = csv.reader(io.StringIO(data))
    next(rows, None)
    return rows_attributes(rows, list(header))


def attributes_of_file(path) -> dict[str, tuple[str, tuple[str, ...]]]:
    """The same, of an events file read a row at a time ({} when it has neither column)."""
    try:
        with open(path, encoding="utf-8-sig", newline="") as fp:
            rows = csv.reader(fp)
            header = [name.strip() for name in next(rows, [])]
            return rows_attributes(rows, header) if any(name in header for name in ATTRIBUTES) else {}
    except (OSError, UnicodeDecodeError, csv.Error):
        return {}


def rows_attributes(rows, header: list[str]) -> dict[str, tuple[str, tuple[str, ...]]]:
    if "incident" not in header:
        return {}
    at = {name: header.index(name) for name in ("incident", *ATTRIBUTES) if name in header}
    found: dict[str, tuple[str, dict[str, None]]] = {}
    for cells in rows:
        if len(cells) <= at["incident"]:
            continue
        incident = cells[at["incident"]].strip()
        severity, names = found.get(incident, ("", {}))
        if not severity and "severity" in at and len(cells) > at["severity"]:
            severity = cells[at["severity"]].strip()
        if "component" in at and len(cells) > at["component"]:
            for name in cells[at["component"]].split(";"):
                if name.strip():
                    names.setdefault(name.strip(), None)
        found[incident] = (severity, names)
    return {incident: (severity, tuple(sorted(names))) for incident, (severity, names) in found.items()}


def batch_texts(header: bytes, blocks: Sequence[tuple[str, bytes]], severities: Mapping[str, str] | None = None,
                wanted: tuple[str, ...] | None = None) -> list[tuple[str, str]]:
    """Whole incidents' rows (each block: an incident id and its records, under one `header`) →
    (incident, the CSV lines of its records), by id. Every row is checked as `validate` checks it:
    InvalidRows on an error; Mismatch when the rows name other incidents than their blocks. Only
    the `wanted` incidents (ids or patterns) are reconstructed."""
    from ..collecting import paused
    from ..events_csv.reader import parse
    from ..timeline.reconstruct import reconstruct

    data = header + b"".join(rows for _, rows in blocks)
    result = parse(data, "events.csv", keep_rows=False, columnar=True)
    if not result.ok:
        raise InvalidRows(result.diagnostics)
    claims: dict[str, list] = {}
    for claim in result.claims:
        claims.setdefault(claim.incident, []).append(claim)
    expected = {name for name, _ in blocks}
    if not set(claims) <= expected:
        raise Mismatch(f"rows of {sorted(set(claims) - expected)[:3]} read apart from their incident")
    text = data.decode("utf-8-sig")
    attributes = attributes_of(text, [name.strip() for name in next(csv.reader(io.StringIO(text)), [])])
    severities = severities or {}
    out = []
    with paused():
        for name in sorted(claims):
            if not selected(name, wanted):
                continue
            severity, components = attributes.get(name, ("", ()))
            records = incident_records(reconstruct(claims[name]), severities.get(name) or severity, components)
            out.append((name, csv_text(records)))
    return out


def incident_metrics(rows, *, severity: str | None = None):
    """The metric records of one incident from its rows: a pandas frame of events.csv columns (text;
    NaN read as empty), in any column order, optionally with a `line` column (the rows' lines in the
    file: their order, and the lines messages name); a group without its `incident` column (pandas
    and Dask leave the key out) is named by its key. Returns a frame of RECORD_COLUMNS, one row per
    metric, as `read_metrics` reads `incident metrics --csv` (minutes as floats, NaN for none).
    Raises InvalidRows (a ValueError) for rows `incident validate` would reject, and ValueError for
    rows of more than one incident. `severity` (the postmortem's) overrides the rows' own."""
    import pandas as pd

    if "incident" not in rows.columns:  # a group as pandas ≥ 3 and Dask hand it over: its key is its name
        if getattr(rows, "name", None) is None:
            raise ValueError("no incident column, and the rows are no group of one")
        rows = rows.assign(incident=str(rows.name))
    frame = rows.sort_values("line", kind="stable") if "line" in rows.columns else rows
    names = [str(c) for c in frame.columns if c != "line"]
    lines = frame["line"].astype(int).tolist() if "line" in frame.columns else list(range(2, len(frame) + 2))
    cells = frame[names].astype(object).where(frame[names].notna(), "").astype(str).values.tolist()
    incidents = {row[names.index("incident")].strip() for row in cells} if "incident" in names else set()
    if len(incidents) > 1:
        raise ValueError(f"rows of {len(incidents)} incidents: group them by incident first")
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(names)
    parts, where, physical = [buffer.getvalue()], {}, 2  # where: the line of each row here → its line given
    for row, line in zip(cells, lines):
        buffer.seek(0)
        buffer.truncate()
        writer.writerow(row)
        parts.append(buffer.getvalue())
        where[physical] = line
        physical += parts[-1].count("\n")
    incident = next(iter(incidents), "")
    try:
        texts = batch_texts(b"", [(incident, "".join(parts).encode("utf-8"))], None if severity is None else {incident: severity})
    except InvalidRows as exc:
        import dataclasses

        raise InvalidRows([dataclasses.replace(d, line=where.get(d.line, d.line)) for d in exc.diagnostics]) from None
    text = "".join(t for _, t in texts)
    return read_metrics_text(",".join(RECORD_COLUMNS) + "\n" + text) if text else pd.DataFrame(columns=RECORD_COLUMNS)


def records_meta():
    """An empty frame of RECORD_COLUMNS with the dtypes `incident_metrics` returns (Dask's `meta`)."""
    return read_metrics_text(",".join(RECORD_COLUMNS) + "\n")


def read_metrics_text(text: str):
    """A metrics CSV's text as the frame `read_metrics` gives."""
    return frame_of_csv(io.StringIO(text), "metrics")
