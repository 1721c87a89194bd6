"""A saved `incident metrics --csv` read back (`incident stats --from-metrics`): checked cell by cell,
since it is a file like any other — a bad cell is named by its line and column, never a traceback.

Each column factorised: each distinct cell is checked and converted once (a metrics file of 100,000
incidents has a million rows and a few hundred thousand distinct cells), then spread to its rows."""

from __future__ import annotations

import csv
from pathlib import Path

from ..diagnostics import Diagnostic, FileUnusable, InputError
from ..timeline.records import ALL_METRICS, CENSORED, VALUED

RECORD_COLUMNS = ["incident", "metric", "minutes", "low", "high", "from", "to", "state", "why", "start",
                  "incident_start", "latest", "severity", "components", "shown_minutes"]  # what `incident metrics --csv` prints
NUMBERS = ("minutes", "low", "high", "shown_minutes")
TIMES = ("start", "incident_start", "latest")

REQUIRED = ("incident", "metric", "low", "high", "state", "start", "incident_start", "latest")
STATES = (*VALUED, *CENSORED, "undefined", "not_applicable")
TEXT = ("incident", "metric", "from", "to", "state", "why", "severity", "components")
FORMULA = ("=", "+", "-", "@", "\t", "\r")
TIME_FORMAT = "%Y-%m-%dT%H:%M:%SZ"


def read_metrics(path: str | Path, for_stats: bool = False):
    """The records of a metrics CSV file as a frame of RECORD_COLUMNS (frame_of_csv); with
    `for_stats`, as `timeline.stats.of_frame` reads them (stats_frame_of_csv). Read from the file as
    it streams past: a regular file only (no FIFO, device or symlink)."""
    import os
    import stat

    path = Path(path)
    if not path.exists():
        raise FileUnusable(f"{path}: no such file")
    if path.is_dir():
        raise FileUnusable(f"{path}: is a directory, not a CSV file")
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        raise FileUnusable(f"{path}: not a regular file, or unreadable") from None
    with open(fd, encoding="utf-8-sig", newline="") as stream:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise FileUnusable(f"{path}: not a regular file, or unreadable")
        try:
            return (stats_frame_of_csv if for_stats else frame_of_csv)(stream, str(path))
        except UnicodeDecodeError as exc:
            raise InputError([Diagnostic(1, "file", f"not UTF-8 text ({exc.reason} at byte {exc.start:,} of a block)",
                                         path=str(path))]) from None


def frame_of_csv(stream, path: str):
    """Text of a metrics CSV → a frame of RECORD_COLUMNS: minutes, low and high as floats (NaN when
    empty), the rest as text ('' when empty; a spreadsheet's guard apostrophe taken off). Columns it
    does not know are dropped. InputError naming line and column for a cell that is not what its
    column holds."""
    import pandas as pd

    columns = _columns(stream, path)
    return pd.DataFrame({name: pd.Series(values[codes], dtype=float if name in NUMBERS else "str")
                         for name, (values, codes) in columns.items()})


def stats_frame_of_csv(stream, path: str):
    """The same records as `timeline.stats.of_frame` reads them, straight from the text: the columns
    of `stats.COLUMNS`, times as epoch seconds (NaN when empty), text as categories."""
    import pandas as pd

    from ..timeline.stats import COLUMNS

    out = {}
    for name, (values, codes) in _columns(stream, path, times_as_seconds=True).items():
        if name in NUMBERS or name in TIMES:
            out["estimate" if name == "minutes" else name] = values[codes]
        elif name not in ("from", "to"):  # distinct cells may read the same once unguarded or stripped
            unique = len(set(values)) == len(values)
            out[name] = pd.Categorical.from_codes(codes, categories=pd.Index(values, dtype=object)) if unique else pd.Categorical(values[codes])
    return pd.DataFrame(out)[COLUMNS]


def _columns(stream, path: str, times_as_seconds: bool = False) -> dict:
    """Each column of RECORD_COLUMNS as (its distinct values converted, the number of each row's)."""
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
    found, problems = {}, []
    for name in RECORD_COLUMNS:
        if name in table.columns and len(table):
            codes, uniques = pd.factorize(table[name])
            values = np.asarray(uniques, dtype=object)
        else:  # no such column, or no row
            values, codes = np.array([""], dtype=object), np.zeros(len(table), dtype=np.int8)
        converted, bad, message = _checked(name, values, times_as_seconds)
        if bad.any():
            rows = np.flatnonzero(np.isin(codes, np.flatnonzero(bad)))[:20]
            problems += [(int(r), name, f"{values[codes[r]]!r}: {message}"[:300]) for r in rows]
        found[name] = (converted, codes)
    problems += _negative(found)
    if problems:
        raise InputError(_located(problems, stream, path))
    return found


def _negative(found: dict) -> list[tuple[int, str, str]]:
    """The rows with a negative number of minutes for a metric that is never negative (a time open,
    a duration); a signed one (a detection before the impact: a precursor) may be."""
    import numpy as np

    names, metric_codes = found["metric"]
    signed = np.isin(names, [spec.name for spec in ALL_METRICS if spec.signed])[metric_codes]
    problems = []
    for name in NUMBERS:
        values, codes = found[name]
        rows = np.flatnonzero((values[codes] < 0) & ~signed)[:20]  # NaN compares false: an empty cell is no problem
        problems += [(int(r), name, f"{_cell(values[codes[r]])!r}: not a number of minutes (≥ 0)") for r in rows]
    return problems


def _cell(value: float) -> str:
    return f"{value:g}"


def _checked(name: str, values, times_as_seconds: bool):
    """(a column's distinct values converted, which of them are bad, what is wrong with them)."""
    import numpy as np
    import pandas as pd

    text = np.array([v.strip() for v in values], dtype=object)
    if name in TEXT:
        text = np.array([v[1:] if v.startswith("'") and v[1:2] in FORMULA else v for v in values], dtype=object)
    if name == "metric":
        names = [spec.name for spec in ALL_METRICS]
        return text, ~np.isin(text, names), f"not one of {', '.join(names)}"
    if name == "state":
        return text, ~np.isin(text, list(STATES)), f"not one of {', '.join(STATES)}"
    if name in NUMBERS:
        numbers = pd.to_numeric(pd.Series(np.where(text == "", "nan", text)), errors="coerce").to_numpy(float)
        return numbers, (text != "") & ~np.isfinite(numbers), "not a number of minutes"
    if name in TIMES:
        moments = pd.to_datetime(pd.Series(np.where(text == "", None, text)), format=TIME_FORMAT, errors="coerce", utc=True)
        bad = (text != "") & moments.isna().to_numpy()
        message = "not a time as incident metrics writes it (2024-01-31T10:00:00Z)"
        if times_as_seconds:
            seconds = ((moments - pd.Timestamp(0, tz="UTC")) // pd.Timedelta(seconds=1)).to_numpy(dtype=float, na_value=np.nan)
            return seconds, bad, message
        return text, bad, message
    return text, np.zeros(len(text), dtype=bool), ""


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
