"""What `incident metrics` and `incident stats` do with many incidents: the records of every incident
(run.py), printed as a table, JSON or CSV, or summed up into the portfolio; `stats --from-metrics`
starts from a saved `metrics --csv` instead of the events."""

from __future__ import annotations

import io
import json
import tempfile
from pathlib import Path
from typing import IO, Any, Iterable, Iterator, TextIO

from ..diagnostics import UsageError
from ..options import Metrics, Stats
from .metrics_file import RECORD_COLUMNS


def jobs_option(value: str | None) -> int | None:
    """--jobs: a number of processes ≥ 1, or 'auto' (None: decided by the file's size)."""
    if value is None or value == "auto":
        return None
    try:
        jobs = int(value)
    except ValueError:
        raise UsageError(f"--jobs: {value!r} is not a number of processes (or auto)") from None
    if not 1 <= jobs <= 256:
        raise UsageError(f"--jobs: {jobs} is out of range: 1 to 256")
    return jobs


def severities(folder: Path) -> dict[str, str]:
    """incident → the `severity` its postmortem file states (files that state none left out)."""
    from ..postmortem import load

    try:
        names = sorted(p.stem for p in folder.iterdir() if p.suffix == ".md")
    except OSError:
        return {}
    found = {}
    for name in names:
        severity = load(folder, name)[0].severity.strip()
        if severity:
            found[name] = severity
    return found


def metric_items(options: Metrics | Stats, command: str, stderr: TextIO,
                 wanted: tuple[str, ...] | None = None) -> Iterator[tuple[str, str]]:
    """(incident, the CSV lines of its records) of the events file, by id: `wanted` patterns only;
    `command` names the command in a message about the cache."""
    from ..postmortem import default_folder
    from ..progress import Progress
    from . import run
    from .cache import Cache, folder_for

    cache = Cache(folder_for(options.events, options.cache, options.no_cache))
    if cache.broken:
        print(f"incident {command}: {cache.broken}", file=stderr)
    progress = Progress(stderr, "incidents")
    try:
        yield from run.texts(options.events, wanted, jobs_option(options.jobs), cache,
                             severities(default_folder(options.events)), progress)
    finally:
        progress.close()
        cache.close()


def spooled() -> tempfile.SpooledTemporaryFile:
    """Where output waits until the whole input proved valid (memory up to 64 MB, then disk)."""
    return tempfile.SpooledTemporaryFile(max_size=64 << 20, mode="w+", encoding="utf-8", newline="")


def write_metrics(items: Iterable[tuple[str, str]], options: Metrics, stdout: TextIO) -> None:
    """The records as a table (terminal), JSON or CSV."""
    from ..render import text as textout
    from .. import terminal

    if options.csv:
        with spooled() as out:
            out.write(",".join(RECORD_COLUMNS) + "\n")
            for _, text in items:
                out.write(text)
            _copy(out, stdout)
    elif options.json:
        with spooled() as out:
            write_json(items, out)
            _copy(out, stdout)
    else:
        metrics = [_metric(row) for _, text in items for row in _rows(text)]
        stdout.write(textout.metrics_table(metrics, terminal.width(stdout)))


def _copy(spool, stdout: TextIO) -> None:
    spool.seek(0)
    while chunk := spool.read(1 << 20):
        stdout.write(chunk)


def _rows(text: str) -> Iterator[dict]:
    import csv

    from .metrics_file import FORMULA

    for cells in csv.reader(io.StringIO(text)):
        row = dict(zip(RECORD_COLUMNS, cells))
        for name in ("severity", "components"):
            if row[name].startswith("'") and row[name][1:2] in FORMULA:
                row[name] = row[name][1:]
        yield row


def record_json(row: dict) -> dict:
    """A record as `incident metrics --json` gives it: minutes as numbers, null when there are none;
    components as a list."""
    out: dict[str, object] = {}
    for name in RECORD_COLUMNS:
        value = row[name]
        if name in ("minutes", "low", "high", "shown_minutes"):
            out[name] = float(value) if value else None
        elif name == "components":
            out[name] = [c.strip() for c in value.split(";") if c.strip()]
        elif name in ("from", "to", "start", "incident_start", "latest"):
            out[name] = value or None
        else:
            out[name] = value
    return out


def write_json(items: Iterable[tuple[str, str]], out: IO[str]) -> None:
    """The records as one JSON list, written as json.dump(…, indent=2) writes it, an object at a time."""
    first = True
    out.write("[")
    for _, text in items:
        for row in _rows(text):
            out.write(("\n  " if first else ",\n  ") + json_record(record_json(row)))
            first = False
    out.write("\n]\n" if not first else "]\n")


_SCALAR = json.JSONEncoder(ensure_ascii=False).encode
_STRING = json.encoder.encode_basestring  # what that encoder gives a str (the C function when there is one)
_INFINITE = (float("-inf"), float("inf"))


def _scalar(value) -> str:
    """_SCALAR(value), the common cases without the encoder's per-call set-up (most of its cost)."""
    kind = type(value)
    if kind is str:
        return _STRING(value)
    if value is None:
        return "null"
    if kind is float and value == value and value not in _INFINITE:
        return float.__repr__(value)
    return _SCALAR(value)


def json_record(record: dict) -> str:
    """json.dumps(record, ensure_ascii=False, indent=2), one level deeper in a list, for a record of
    scalars and lists of scalars: the same text, without json's indenting encoder (pure Python: it
    was a fifth of `metrics --json` on 1,000 incidents)."""
    lines = []
    for key, value in record.items():
        if isinstance(value, list):
            value = ("[\n" + ",\n".join(f"      {_scalar(item)}" for item in value) + "\n    ]") if value else "[]"
        else:
            value = _scalar(value)
        lines.append(f"    {_scalar(key)}: {value}")
    return "{\n" + ",\n".join(lines) + "\n  }" if lines else "{}"


class _Event:
    """What a metrics table reads of a milestone: its id."""

    def __init__(self, event: str):
        self.event = event


def _metric(row: dict):
    """A record as the Metric the terminal table prints (its range, its estimate, from → to)."""
    from ..timeline.metrics import Metric

    number = (lambda text: float(text) if text else None)
    defined = row["state"] not in ("undefined", "open", "not_applicable")
    # a stand-in for the milestone: the table reads its id only
    start: Any = _Event(row["from"]) if row["from"] else None
    end: Any = _Event(row["to"]) if row["to"] and defined else None
    minutes = number(row["minutes"])
    # the estimate as the reader is shown it in every view (the report's "13 min", beside its range
    # "7–19 min"): the difference of the shown instants, not of the exact ones
    shown = number(row["shown_minutes"]) if row.get("shown_minutes") else minutes
    return Metric(row["incident"], row["metric"], minutes, number(row["low"]), number(row["high"]),
                  start if defined or start else None, end, shown)


def metrics_frame(items: Iterable[tuple[str, str]]):
    """The records as `timeline.stats.of_frame` reads them (metrics_file.stats_frame_of_csv)."""
    from .metrics_file import stats_frame_of_csv

    with spooled() as out:
        out.write(",".join(RECORD_COLUMNS) + "\n")
        for _, text in items:
            out.write(text)
        out.seek(0)
        return stats_frame_of_csv(out, "metrics")
