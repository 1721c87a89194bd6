"""A saved `incident metrics --csv` read back (`incident stats --from-metrics`): checked cell by cell,
since it is a file like any other — a bad cell is named by its line and column, never a traceback."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from ..diagnostics import Diagnostic, FileUnusable, InputError
from ..timeline.records import ALL_METRICS, CENSORED, VALUED

RECORD_COLUMNS = ["incident", "metric", "minutes", "low", "high", "from", "to", "state", "why", "start",
                  "incident_start", "latest", "severity", "components"]  # what `incident metrics --csv` prints
NUMBERS = ("minutes", "low", "high")
TIMES = ("start", "incident_start", "latest")

REQUIRED = ("incident", "metric", "low", "high", "state", "start", "incident_start", "latest")
STATES = (*VALUED, *CENSORED, "undefined", "not_applicable")
TEXT = ("incident", "metric", "from", "to", "state", "why", "severity", "components")
FORMULA = ("=", "+", "-", "@", "\t", "\r")


def read_metrics(path: str | Path):
    """The records of a metrics CSV file as a frame of RECORD_COLUMNS (see frame_of_csv)."""
    from ..files import read_regular

    path = Path(path)
    if not path.exists():
        raise FileUnusable(f"{path}: no such file")
    if path.is_dir():
        raise FileUnusable(f"{path}: is a directory, not a CSV file")
    data = read_regular(path, 4 << 30)
    if data is None:
        raise FileUnusable(f"{path}: not a regular file, or unreadable")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError([Diagnostic(data.count(b"\n", 0, exc.start) + 1, "file", "not UTF-8 text", path=str(path))]) from None
    return frame_of_csv(io.StringIO(text), str(path))


def frame_of_csv(stream, path: str):
    """Text of a metrics CSV → a frame of RECORD_COLUMNS: minutes, low and high as floats (NaN when
    empty), the rest as text ('' when empty; a spreadsheet's guard apostrophe taken off). Columns it
    does not know are dropped. InputError naming line and column for a cell that is not what its
    column holds."""
    import numpy as np
    import pandas as pd

    try:
        table = pd.read_csv(stream, dtype=str, keep_default_na=False, na_filter=False, engine="c")
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as exc:
        raise InputError([Diagnostic(1, "file", f"not a metrics CSV file: {str(exc).splitlines()[0][:200]}", path=path)]) from None
    table.columns = [str(c).strip() for c in table.columns]
    missing = [c for c in REQUIRED if c not in table.columns]
    if missing:
        raise InputError([Diagnostic(1, "header", f"no {', '.join(missing)} column: not the output of incident metrics --csv",
                                     path=path)])
    for name in RECORD_COLUMNS:
        if name not in table.columns:
            table[name] = ""
    table = table[RECORD_COLUMNS].copy()
    problems = []
    for name in TEXT:
        column = table[name]
        guarded = column.str.startswith("'") & column.str[1:2].isin(FORMULA)
        if guarded.any():
            table.loc[guarded, name] = column[guarded].str[1:]
    _check_choice(table, "metric", {spec.name for spec in ALL_METRICS}, problems)
    _check_choice(table, "state", set(STATES), problems)
    for name in NUMBERS:
        text = table[name].str.strip()
        values = pd.to_numeric(text.where(text != "", "nan"), errors="coerce")
        bad = (text != "") & ~(np.isfinite(values) & (values >= 0))
        _flag(bad, name, "not a number of minutes (≥ 0)", table, problems)
        table[name] = values.astype(float)
    for name in TIMES:
        text = table[name].str.strip()
        moments = pd.to_datetime(text.where(text != "", None), format="%Y-%m-%dT%H:%M:%SZ", errors="coerce", utc=True)
        _flag((text != "") & moments.isna(), name, "not a time as incident metrics writes it (2024-01-31T10:00:00Z)", table, problems)
        table[name] = text
    if problems:
        raise InputError(_located(problems, stream, path))
    return table.reset_index(drop=True)


def _check_choice(table, name: str, allowed: set, problems: list) -> None:
    bad = ~table[name].isin(allowed)
    _flag(bad, name, f"not one of {', '.join(sorted(allowed))}", table, problems)


def _flag(bad, name: str, message: str, table, problems: list, most: int = 20) -> None:
    for row in bad[bad].index[:most]:
        problems.append((int(row), name, f"{table.at[row, name]!r}: {message}"[:300]))


def _located(problems: list, stream, path: str) -> list[Diagnostic]:
    """The problems (record number, column, message) with their physical lines (a quoted cell may
    span lines), the first ones first."""
    wanted = {row for row, _, _ in problems}
    lines: dict[int, int] = {}
    stream.seek(0)
    reader = csv.reader(stream)
    next(reader, None)
    start = reader.line_num + 1
    for number, _ in enumerate(reader):
        if number in wanted:
            lines[number] = start
        start = reader.line_num + 1
        if len(lines) == len(wanted):
            break
    return sorted(Diagnostic(lines.get(row, row + 2), column, message, path=path) for row, column, message in problems)[:200]


def stats_frame(table):
    """A frame of RECORD_COLUMNS as `timeline.stats.of_frame` reads it (times as epoch seconds)."""
    import pandas as pd

    out = pd.DataFrame({"incident": table["incident"], "metric": table["metric"], "low": table["low"], "high": table["high"],
                        "estimate": table["minutes"], "state": table["state"], "why": table["why"]})
    for name in TIMES:
        moments = pd.to_datetime(table[name].where(table[name] != "", None), format="%Y-%m-%dT%H:%M:%SZ", utc=True)
        out[name] = (moments - pd.Timestamp(0, tz="UTC")) // pd.Timedelta(seconds=1)
        out[name] = out[name].astype(float)
    out["severity"] = table["severity"]
    out["components"] = table["components"]
    return out
