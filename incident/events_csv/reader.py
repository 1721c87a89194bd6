"""Read events.csv (format v1): every problem in one pass, each with its physical line and column."""

from __future__ import annotations

import csv
import gc
import hashlib
import io
import os
import re
import stat
from array import array
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import BinaryIO, Mapping, Sequence

from pydantic import ValidationError

from ..model import slashdates, zones
from ..diagnostics import Diagnostic, FileUnusable, InputError
from ..model.claim import (
    COLUMNS, DAY, MINUTE, REQUIRED_COLUMNS, Claim, ColumnError, TimeCell, _kind, _slug, did_you_mean, from_epoch,
    PLAUSIBLE_SPAN, iso_utc, presence_problems, resolve_time,
)
from .clocks import _iso_instant, as_reported_clocks, clock_times, labelled_clock_times  # noqa: F401 (as_reported_clocks: the readers' one rule)

# Cells longer than this are refused rather than parsed (a runaway quote swallows the file).
MAX_CELL = 100_000
csv.field_size_limit(MAX_CELL * 10)


@dataclass(frozen=True)
class Row:
    """One record as written: its physical first line and its cells, in header order."""

    line: int
    cells: tuple[str, ...]


@dataclass
class EventsFile:
    path: str
    header: list[str] = field(default_factory=list)  # column names, stripped
    written_header: list[str] = field(default_factory=list)  # as written (the analyst's spaces kept)
    rows: list[Row] = field(default_factory=list)  # only when read with keep_rows
    claims: list[Claim] = field(default_factory=list)  # only when read with keep_claims
    diagnostics: list[Diagnostic] = field(default_factory=list)  # the first MAX_STORED
    sha256: str = ""  # of the file's bytes, for the report's provenance line; "" when a bad byte stopped the read
    claim_count: int = 0
    incident_names: set[str] = field(default_factory=set)
    omitted_errors: int = 0  # diagnostics past MAX_STORED, counted but not kept
    omitted_warnings: int = 0

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.is_error]

    @property
    def error_count(self) -> int:
        return len(self.errors) + self.omitted_errors

    @property
    def warning_count(self) -> int:
        return len(self.diagnostics) - len(self.errors) + self.omitted_warnings

    @property
    def ok(self) -> bool:
        return self.error_count == 0

    def raise_for_errors(self) -> "EventsFile":
        if not self.ok:
            raise InputError(self.diagnostics)
        return self

    def incidents(self) -> list[str]:
        return sorted(self.incident_names)


MAX_STORED = 10_000  # diagnostics kept; the rest are counted
MAX_LINE = 4 * MAX_CELL  # bytes in one physical line
BOM = b"\xef\xbb\xbf"
DRAIN_AFTER_STOP = 64 * 1024 * 1024


def load(
    path: str | Path, keep_claims: bool = True, keep_rows: bool = False, progress=None, columnar: bool | None = None
) -> EventsFile:
    """Read and check an events.csv file, streaming; never raises for a bad file (see .diagnostics).

    `keep_claims=False` keeps memory flat for any size of file (what `validate` needs).
    Raises FileUnusable (a usage error: no line is at fault) when there is no file to read.
    """
    path = Path(path)
    try:
        with path.open("rb") as fp:
            mode = os.fstat(fp.fileno()).st_mode
            if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
                raise FileUnusable(f"{path}: is a device, not a CSV file")
            return read(fp, str(path), keep_claims, keep_rows, progress, columnar)
    except FileNotFoundError:
        raise FileUnusable(f"{path}: no such file") from None
    except IsADirectoryError:
        raise FileUnusable(f"{path}: is a directory, not a CSV file") from None
    except OSError as exc:
        raise FileUnusable(f"{path}: cannot be read: {exc.strerror or exc}") from None


def parse(
    data: bytes, path: str = "events.csv", keep_claims: bool = True, keep_rows: bool = True, columnar: bool | None = None
) -> EventsFile:
    """Parse the bytes of an events.csv file into claims and diagnostics."""
    return read(io.BytesIO(data), path, keep_claims, keep_rows, columnar=columnar)


def read(
    fp: BinaryIO, path: str = "events.csv", keep_claims: bool = True, keep_rows: bool = False, progress=None,
    columnar: bool | None = None,
) -> EventsFile:
    """Read events.csv from a binary stream, one physical line at a time.

    Without `keep_claims`, large files are checked column-wise, a batch of rows at a time
    (`columnar`: None decides by size, True always, False never); the messages are the same.
    """
    collecting = gc.isenabled()
    gc.disable()  # the rows read are freed as they go: collecting cycles would only cost time
    try:
        return _read(fp, path, keep_claims, keep_rows, progress, columnar)
    finally:
        if collecting:
            gc.enable()


def _read(fp: BinaryIO, path: str, keep_claims: bool, keep_rows: bool, progress, columnar: bool | None) -> EventsFile:
    result = EventsFile(path)
    diag = _Collector(result, path)
    digest = hashlib.sha256()
    lines = _Lines(fp, diag, digest)
    records = _records(lines, diag)
    header_line, header = next(records, (1, None))
    if header is None or not any(cell.strip() for cell in header):
        if not lines.failed and not result.diagnostics:
            diag.error(
                1, "file",
                "the file is empty: expected a header row naming at least "
                + ", ".join(REQUIRED_COLUMNS) + " and time or relative_to",
            )
        return _finish(result, lines, digest)
    columns = _header(header_line, header, diag)
    if columns is None:
        return _finish(result, lines, digest)
    result.header = columns
    result.written_header = list(header[: len(columns)])
    width = len(columns)
    across = _AcrossRows()
    batch = _Batch(result, columns, diag, across, columnar, lines) if not keep_claims and columnar is not False else None
    if batch is not None and not keep_rows:
        batch.read(records, progress)
    else:
        for line, cells in records:
            if progress is not None and line % 4096 == 0:
                progress(line)
            if not "".join(cells).strip():
                continue  # blank lines and rows of empty cells (spreadsheets leave them)
            if len(cells) != width:
                cells = _fit(line, cells, width, diag)
                if cells is None:
                    continue
            row = Row(line, tuple(cells))
            if keep_rows:
                result.rows.append(row)
            if batch is not None:
                batch.add(row.line, row.cells)
            else:
                _one_row(result, row, columns, diag, across, keep_claims)
        if batch is not None:
            batch.flush()
    if not lines.failed:
        across.finish(diag)
    return _finish(result, lines, digest)


def _fit(line: int, cells: list[str], width: int, diag: "_Collector") -> list[str] | None:
    """The cells of a record of the wrong length cut to the header's, or None for a record that is
    blank (skipped) or has fields too many or too few (an error)."""
    if not "".join(cells).strip():
        return None
    if len(cells) > width:
        if "".join(cells[width:]).strip():
            diag.error(line, "row", f"{len(cells)} fields, but the header has {width}: a comma too many, or a cell that needs quotes")
            return None
        return cells[:width]
    diag.error(line, "row", f"{len(cells)} fields, but the header has {width}: a missing comma, or a row cut short")
    return None


def _one_row(result: EventsFile, row: Row, columns: list[str], diag: "_Collector", across: "_AcrossRows", keep_claims: bool) -> None:
    claim = _claim(row, columns, diag, across)
    if claim is not None:
        result.claim_count += 1
        result.incident_names.add(claim.incident)
        across.add(claim, diag)
        if keep_claims:
            result.claims.append(claim)


class _Batch:
    """Rows held back to be checked column-wise (`columnar.plain_rows`), in runs between the rows
    the per-row reader must word. Before any other message is added, the rows held are checked,
    so that the messages come in the order of the per-row reader (which matters past MAX_STORED).
    Once a batch has been checked column-wise, plain blocks of lines come as columns straight
    from the bytes (`_Lines.plain_block`), without the csv reader."""

    SIZE = 20_000  # rows per batch; a file with fewer is read row by row (pandas is not imported)
    SHORT_RUN = 16  # plain rows in a run below which the per-row reader is as quick

    def __init__(self, result: EventsFile, columns: list[str], diag: "_Collector", across: "_AcrossRows",
                 columnar: bool | None, lines: "_Lines"):
        self.result, self.columns, self.diag, self.across, self.source = result, columns, diag, across, lines
        self.always = bool(columnar)
        self.columnar = False  # whether a batch has been checked column-wise: then all are
        self.lines: list[int] = []  # the records held since the last block
        self.cells: list[Sequence[str]] = []
        self.blocks: list[tuple[list[int], list[Sequence[str]]] | ColumnBlock] = []
        self.held = 0
        diag.before_add = self.flush

    def read(self, records, progress=None) -> None:
        """Hold every record back, a batch at a time (a blank one of the right length is skipped
        when its batch is checked)."""
        lines, cells_of, width, size, diag = self.lines, self.cells, len(self.columns), self.SIZE, self.diag
        for line, cells in records:
            if type(cells) is ColumnBlock:
                self._add_block(cells)
            else:
                if len(cells) != width:
                    cells = _fit(line, cells, width, diag)
                    if cells is None:
                        continue
                lines.append(line)
                cells_of.append(cells)
                self.held += 1
            if self.held >= size:
                self.flush()
                if progress is not None:
                    progress(line)
        self.flush()

    def add(self, line: int, cells: Sequence[str]) -> None:
        self.lines.append(line)
        self.cells.append(cells)
        self.held += 1
        if self.held >= self.SIZE:
            self.flush()

    def _add_block(self, block: "ColumnBlock") -> None:
        if self.lines:
            self.blocks.append((list(self.lines), list(self.cells)))
            self.lines.clear()
            self.cells.clear()
        self.blocks.append(block)
        self.held += block.rows

    def _take(self) -> tuple[list[int], list[Sequence[str]]]:
        """The lines and the columns of all the rows held, and holds none."""
        if self.lines:
            self.blocks.append((list(self.lines), list(self.cells)))
            self.lines.clear()
            self.cells.clear()
        pieces, self.blocks, self.held = self.blocks, [], 0
        lines: list[int] = []
        columns: list[list[str]] = [[] for _ in self.columns]
        for piece in pieces:
            if type(piece) is ColumnBlock:
                lines.extend(range(piece.first_line, piece.first_line + piece.rows))
                cells = piece.columns
            else:
                lines.extend(piece[0])
                cells = list(zip(*piece[1]))
            for column, more in zip(columns, cells):
                column.extend(more)
        return lines, columns

    def flush(self) -> None:
        if not self.held:
            return
        self.diag.before_add = None  # the messages of these rows are added now
        try:
            lines, columns = self._take()
            if self.always or self.columnar or len(lines) >= self.SIZE:
                if not self.columnar:
                    self.columnar = True
                    self.source.sink_width = len(self.columns)
                self._columnar(lines, columns)
            else:
                for i, line in enumerate(lines):
                    self._one(line, columns, i)
        finally:
            self.diag.before_add = self.flush

    def _one(self, line: int, columns: list[list[str]], i: int) -> None:
        cells = tuple(column[i] for column in columns)
        if "".join(cells).strip():
            _one_row(self.result, Row(line, cells), self.columns, self.diag, self.across, False)

    def _columnar(self, lines: list[int], columns: list[list[str]]) -> None:
        import numpy as np

        from .columnar import plain_rows

        plain = plain_rows(self.columns, columns, len(lines))
        numbers = np.array(lines, dtype=np.int64)
        # runs of plain rows, and the rows between them
        edges = np.flatnonzero(np.diff(np.r_[False, plain.mask, False].astype(np.int8)))
        done = 0
        for start, stop in zip(edges[::2].tolist(), edges[1::2].tolist()):
            for i in range(done, start):
                self._one(lines[i], columns, i)
            if stop - start < self.SHORT_RUN:
                for i in range(start, stop):
                    self._one(lines[i], columns, i)
            else:
                run = slice(start, stop)
                self.result.claim_count += stop - start
                self.result.incident_names.update(plain.incident[run])
                self.across.add_plain(
                    numbers[run], plain.incident[run], plain.event[run], plain.kind[run], plain.instant[run],
                    plain.relative_to[run], plain.source[run], plain.no_url[run], self.diag,
                )
            done = stop
        for i in range(done, len(lines)):
            self._one(lines[i], columns, i)


@dataclass
class ColumnBlock:
    """Lines read straight into columns (`_Lines.plain_block`): each line one record."""

    first_line: int
    rows: int
    columns: list[list[str]]


def _column_block(whole: bytes, width: int, first_line: int) -> ColumnBlock | None:
    """`whole` (whole lines) as columns, when it is CSV at its simplest (see `_Lines.plain_block`)."""
    import numpy as np

    if b'"' in whole or b"\x00" in whole:
        return None
    crlf = whole.count(b"\r")
    if crlf and crlf != whole.count(b"\r\n"):
        return None
    try:
        text = whole.decode("utf-8")
    except UnicodeDecodeError:
        return None
    data = np.frombuffer(whole, np.uint8)
    ends = np.flatnonzero(data == 10)
    commas = np.cumsum(data == 44)[ends]
    if not (np.diff(commas, prepend=0) == width - 1).all() or np.diff(ends, prepend=-1).max() > MAX_CELL:
        return None
    if crlf:
        text = text.replace("\r\n", "\n")
    cells = text[:-1].replace("\n", ",").split(",")
    return ColumnBlock(first_line, len(ends), [cells[j::width] for j in range(width)])


def _finish(result: EventsFile, lines: "_Lines", digest) -> EventsFile:
    lines.drain()
    result.sha256 = "" if lines.failed else digest.hexdigest()  # after a stop, not all of the file was read
    result.diagnostics.sort(key=lambda d: d.line)
    return result


class _Collector:
    def __init__(self, result: EventsFile, path: str):
        self.result, self.path = result, path
        self.before_add = None  # called before a message is added (rows held back are checked first)

    def add(self, line: int, column: str, message: str, severity: str, code: str = "") -> None:
        if self.before_add is not None:
            self.before_add()
        if len(self.result.diagnostics) >= MAX_STORED:
            if severity == "error":
                self.result.omitted_errors += 1
            else:
                self.result.omitted_warnings += 1
            return
        self.result.diagnostics.append(Diagnostic(line, column, message, severity, self.path, code))

    def error(self, line: int, column: str, message: str) -> None:
        self.add(line, column, message, "error")

    def warning(self, line: int, column: str, message: str, code: str) -> None:
        self.add(line, column, message, "warning", code)

    def note(self, line: int, column: str, message: str, code: str) -> None:
        self.add(line, column, message, "note", code)


# ---------------------------------------------------------------- bytes -> lines -> records


class _Lines:
    """The physical lines of a binary stream as text, checked as they come: a NUL byte, bytes
    that are not UTF-8, or a line too long to be a row stop the parse with a message naming the
    line. After a stop, the rest of the file is still scanned for more bad bytes (up to 20)."""

    BLOCK = 1 << 20  # bytes read at a time once the first line is read

    def __init__(self, fp: BinaryIO, diag: _Collector, digest):
        self.fp, self.diag, self.digest = fp, diag, digest
        self.number = 0  # physical lines taken
        self.failed = False
        self.bad_bytes = 0
        self.queue, self.at = b"", 0  # bytes read and hashed, not yet taken as lines (from `at`)
        self.careful = 0  # lines of the queue to take one by one through _check
        self.pending: bytes | None = None  # a block set aside by plain_block, for the csv reader
        self.yielded = 0  # lines given to the csv reader
        self.sunk = 0  # lines given as column blocks instead (plain_block)
        self.sink_width: int | None = None  # set when the reader takes column blocks

    def _next_raw(self) -> bytes:
        """The next physical line, as `fp.readline(MAX_LINE + 1)` would give it."""
        if self.at < len(self.queue):
            end = self.queue.find(b"\n", self.at, self.at + MAX_LINE + 1)
            stop = end + 1 if end >= 0 else min(len(self.queue), self.at + MAX_LINE + 1)
            raw, self.at = self.queue[self.at:stop], stop
            if end < 0 and len(raw) <= MAX_LINE and self.at == len(self.queue):
                more = self.fp.readline(MAX_LINE + 1 - len(raw))
                self.digest.update(more)
                raw += more
        else:
            raw = self.fp.readline(MAX_LINE + 1)
            self.digest.update(raw)
        if raw:
            self.number += 1
            if self.number == 1 and raw.startswith(BOM):
                raw = raw[len(BOM):]
        return raw

    def _next_block(self) -> bytes | None:
        """The next run of whole lines (the queue's partial line, then up to BLOCK bytes more), or
        None at the end of the file, or b"" when only one line is to be taken, carefully."""
        if self.pending is not None:
            whole, self.pending = self.pending, None
            return whole
        fresh = self.fp.read(self.BLOCK)
        self.digest.update(fresh)
        data = self.queue[self.at:] + fresh
        cut = data.rfind(b"\n") + 1
        self.queue, self.at = data[cut:], 0
        if not fresh and not data:
            return None
        if not cut and (not fresh or len(data) > MAX_LINE):
            self.careful = 1  # the last line, without a line break; or one too long to be a row
            return b""
        return data[:cut]

    def __iter__(self):
        """Line by line through `_check` (the first line, and any block that is not plain text);
        else a block at a time: no NUL, UTF-8, no line too long, which `_check` would pass as is."""
        while not self.failed:
            if self.number == 0 or self.careful:
                self.careful = max(0, self.careful - 1)
                raw = self._next_raw()
                if not raw:
                    return
                text = self._check(raw)
                if text is not None:
                    self.yielded += 1
                    yield text
                continue
            whole = self._next_block()
            if whole is None:
                return
            if not whole:
                continue
            text = self._plain(whole)
            if text is None:
                self.queue, self.at = whole + self.queue[self.at:], 0
                self.careful = whole.count(b"\n")
                continue
            count = text.count("\n")
            self.number += count
            self.yielded += count
            yield from io.StringIO(text, newline="\n")

    @staticmethod
    def _plain(whole: bytes) -> str | None:
        if b"\x00" in whole:
            return None
        try:
            text = whole.decode("utf-8")
        except UnicodeDecodeError:
            return None
        if len(whole) > MAX_LINE and max(map(len, whole.split(b"\n"))) > MAX_LINE:
            return None
        return text

    def plain_block(self, width: int) -> "ColumnBlock | None":
        """The next block of lines as columns, when it is CSV at its simplest: plain text, no quote,
        no CR but in CRLF, every line `width` cells and none longer than MAX_CELL, so that each
        line is a record and its cells are what the csv reader would give. Otherwise None, and
        the block is left for the csv reader. Called only between records."""
        if self.failed or self.number == 0 or self.careful or self.pending is not None:
            return None
        whole = self._next_block()
        if not whole:
            return None
        block = _column_block(whole, width, self.number + 1)
        if block is None:
            self.pending = whole
            return None
        self.number += block.rows
        self.sunk += block.rows
        return block

    def _check(self, raw: bytes) -> str | None:
        if self.number == 1 and raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
            self._stop("file", "the file is UTF-16 (a spreadsheet's 'Unicode Text'): save it as 'CSV UTF-8 (comma delimited)'")
            return None
        if len(raw) > MAX_LINE and not raw.endswith(b"\n"):
            self._stop("row", f"line longer than {MAX_LINE:,} bytes: not a row of events.csv (a binary file, or a runaway cell?)")
            return None
        if self.number == 1 and re.search(rb"\r(?!\n)", raw) and b'"' not in raw.split(b"\r", 1)[0]:
            self._stop("file", "lines end in a lone CR (a classic Mac 'CSV (Macintosh)' save): save it as 'CSV UTF-8', whose lines end in LF or CRLF")
            return None
        nul = raw.find(b"\x00")
        if nul >= 0:
            hint = " (the file looks like UTF-16: save it as UTF-8)" if raw.count(b"\x00") > len(raw) // 4 else ""
            self._stop("file", f"NUL byte at column {nul + 1}: this is not a text CSV file{hint}")
            return None
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            self._bad_utf8(raw, exc)
            return None

    def _bad_utf8(self, raw: bytes, exc: UnicodeDecodeError) -> None:
        byte = raw[exc.start]
        guess = bytes([byte]).decode("cp1252", errors="replace")
        self.bad_bytes += 1
        self._stop(
            "file",
            f"byte 0x{byte:02X} at column {exc.start + 1} is not UTF-8 "
            f"(in Windows-1252 it would be {guess!r}): save the file as UTF-8",
        )

    def _stop(self, column: str, message: str) -> None:
        self.diag.error(self.number, column, message)
        self.failed = True

    def drain(self) -> None:
        """Hash the rest of a file read to its end; after a stop for bad bytes, name more lines
        that have them, reading at most DRAIN_AFTER_STOP bytes more (the file is invalid anyway)."""
        budget = DRAIN_AFTER_STOP
        if not self.failed:
            self.queue, self.at, self.pending = b"", 0, None  # read and hashed: nothing more to find

        while True:
            raw = self._next_raw()
            if not raw:
                return
            if self.failed:
                budget -= len(raw)
                if budget < 0 or not self.bad_bytes:
                    return
            if self.failed and self.bad_bytes and self.bad_bytes < 20:
                try:
                    raw.decode("utf-8")
                except UnicodeDecodeError as exc:
                    self._bad_utf8(raw, exc)


def _records(lines: _Lines, diag: _Collector):
    """Yield (first physical line, cells) for each record; report quoting errors by line."""
    reader = csv.reader(iter(lines), strict=True)
    while True:
        if lines.sink_width is not None and reader.line_num == lines.yielded:
            block = lines.plain_block(lines.sink_width)
            if block is not None:
                yield block.first_line, block
                continue
        start = reader.line_num + lines.sunk + 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            if lines.failed:
                return
            message = str(exc)
            if "unexpected end of data" in message or "EOF" in message:
                diag.error(start, "row", f"a quote opened on line {start} is never closed")
                return
            if "field larger than field limit" in message:
                diag.error(start, "row", f"a cell longer than {MAX_CELL:,} characters (a runaway quote?)")
                return
            diag.error(reader.line_num + lines.sunk, "row", f"bad quoting ({message}): a cell with a quote, comma or line break must be enclosed in double quotes, with inner quotes doubled")
            continue
        if lines.failed:
            return
        if max(map(len, cells), default=0) > MAX_CELL:
            diag.error(start, "row", f"a cell longer than {MAX_CELL:,} characters")
            continue
        yield start, cells


def _header(line: int, header: list[str], diag: _Collector) -> list[str] | None:
    columns = [c.strip() for c in header]
    while columns and not columns[-1]:
        columns.pop()  # trailing empty columns left by spreadsheets
    if len(columns) == 1 and any(sep in columns[0] for sep in ";\t"):
        sep = "semicolon" if ";" in columns[0] else "tab"
        diag.error(line, "header", f"the file looks {sep}-separated: save it as comma-separated (CSV, UTF-8)")
        return None
    ok = True
    seen: dict[str, int] = {}
    for index, name in enumerate(columns):
        if not name:
            diag.error(line, "header", f"column {index + 1} has no name")
            ok = False
        elif name in seen:
            diag.error(line, name, f"duplicated column (also column {seen[name] + 1})")
            ok = False
        else:
            seen[name] = index
    for name in REQUIRED_COLUMNS:
        if name not in seen:
            diag.error(line, name, f"missing required column {name!r}{_close_header(name, columns)}")
            ok = False
    if "time" not in seen and "relative_to" not in seen:
        diag.error(line, "time", "missing column: every claim needs a time, or relative_to with offset_min")
        ok = False
    for name in columns:
        if name and name not in COLUMNS:
            hint = did_you_mean(name.lower(), COLUMNS, cutoff=0.8) if name.lower() not in COLUMNS else f"; did you mean {name.lower()!r}?"
            if hint:
                diag.warning(line, name, f"not a format v1 column (kept as your own){hint}", "column")
    return columns if ok else None


def _close_header(name: str, columns: list[str]) -> str:
    for column in columns:
        if column.lower().replace(" ", "_") == name:
            return f"; found {column!r} (column names are lowercase)"
    return ""


# ---------------------------------------------------------------- rows -> claims


def _claim(row: Row, columns: list[str], diag: _Collector, across: "_AcrossRows") -> Claim | None:
    data: dict[str, object] = {"line": row.line}
    for name, cell in zip(columns, row.cells):
        if name in COLUMNS:
            value = cell.strip()
            if value:
                data[name] = value
    problems = [(p.column, p.message) for p in presence_problems(data)]
    try:
        claim = Claim.model_validate(data)
    except ValidationError as exc:
        problems += [p for p in _explain(exc) if p not in problems]
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
        across.add_broken(row.line, cells)
    for column, message in problems:
        diag.error(row.line, column, message)
    return None if problems else claim


def cell_values(data: Mapping[str, object]) -> dict[str, object]:
    """The cells of a row that are valid on their own, parsed ({column: value})."""
    parsers = {
        "incident": _slug, "event": _slug, "relative_to": _slug, "kind": _kind,
        "time": TimeCell.parse, "until": TimeCell.parse, "tz": zones.zone,
    }
    values = {}
    for column, parse_cell in parsers.items():
        if column in data:
            try:
                values[column] = parse_cell(str(data[column]))
            except ValueError:
                pass
    return values


def _time_problem(cells: Mapping[str, object]) -> tuple[str, str] | None:
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


# ---------------------------------------------------------------- rules across rows, warnings


class _AcrossRows:
    """Rules that need more than one row, kept as small state while the rows stream past."""

    def __init__(self) -> None:
        self.kinds: dict[tuple[str, str], tuple[str, int]] = {}
        self.references: list[tuple[int, str, str]] = []  # (line, incident, relative_to)
        self.broken: dict[tuple[str, str], list[int]] = {}  # events named on rows with errors
        self.defined: set[tuple[str, str]] = set()  # events named on valid rows
        self.instants: dict[str, tuple[array, array]] = {}  # incident -> (epoch seconds, lines)
        self.slashed, self.slashed_lines, self.slash_orders = 0, [], set(slashdates.ORDERS)
        self.unlinked: dict[tuple[str, str], list[int]] = {}  # (incident, source) -> [claims, first lines…]
        self.sources: dict[str, set[str]] = {}  # incident -> its sources, for `corrects`
        self.corrections: list[tuple[int, str, str]] = []  # (line, incident, corrected source)

    def add_unread_time(self, line: int, text: str) -> None:
        """A time cell that is no ISO time: counted when it is a locale's slash date."""
        found = slashdates.readings(text)
        if not found and not slashdates.SLASH_TIME.match(text.strip()):
            return
        if len(self.slashed_lines) < 3:
            self.slashed_lines.append(line)
        self.slashed += 1
        self.slash_orders &= set(found)

    def add_broken(self, line: int, cells: Mapping[str, object]) -> None:
        """What a row with errors still tells: the event it names, its kind, its anchor."""
        incident, event, kind = cells.get("incident"), cells.get("event"), cells.get("kind")
        if incident is None:
            return
        if event is not None:
            lines = self.broken.setdefault((incident, event), [])
            if len(lines) < 3:
                lines.append(line)
            if kind is not None:
                self._kind(incident, event, kind.value, line)
        if cells.get("relative_to") is not None:
            self.references.append((line, incident, cells["relative_to"]))

    def _slash_note(self, diag: _Collector) -> None:
        lines = ", ".join(map(str, self.slashed_lines)) + (", …" if self.slashed > 3 else "")
        message = f"{self.slashed:,} time cells (lines {lines}) have slash dates, as a spreadsheet saves them in its locale: "
        if len(self.slash_orders) == 1:
            (order,) = self.slash_orders
            words = "month/day/year (US)" if order == "mdy" else "day/month/year"
            message += f"all of them read as {words}; rewrite them as ISO 8601 with: incident fmt --dates {order} {diag.path}"
        elif self.slash_orders:
            message += ("each reads both ways (month/day and day/month): if the file is month-first (US), "
                        f"incident fmt --dates mdy {diag.path} rewrites them; if day-first, --dates dmy")
        else:
            message += "no one order fits all of them: write each as ISO 8601 YYYY-MM-DD"
        diag.note(self.slashed_lines[0], "time", message, "slash-dates")

    def _kind(self, incident: str, event: str, kind: str, line: int, diag: _Collector | None = None) -> None:
        first = self.kinds.setdefault((incident, event), (kind, line))
        if first[0] != kind and diag is not None:
            diag.error(line, "kind", f"event {event!r} is {first[0]!r} on line {first[1]}: all rows of one event have one kind")

    def add(self, claim: Claim, diag: _Collector) -> None:
        self._kind(claim.incident, claim.event, claim.kind.value, claim.line, diag)
        self.defined.add((claim.incident, claim.event))
        self.sources.setdefault(claim.incident, set()).add(claim.source)
        if claim.corrects is not None:
            self.corrections.append((claim.line, claim.incident, claim.corrects))
        if claim.instant is not None:
            instants, lines = self.instants.setdefault(claim.incident, (array("q"), array("q")))
            instants.append(claim.instant)
            lines.append(claim.line)
        elif abs(claim.offset_min or 0) * MINUTE > PLAUSIBLE_SPAN:
            diag.warning(claim.line, "offset_min", f"{claim.offset_min:,.0f} minutes is {_span_words(abs(claim.offset_min) * MINUTE)}: "
                         "far longer than an outage; a typo?", "far")
        if claim.relative_to is not None and (claim.incident, claim.relative_to) not in self.defined:
            self.references.append((claim.line, claim.incident, claim.relative_to))  # else it is known to hold
        if not claim.url:
            unlinked = self.unlinked.setdefault((claim.incident, claim.source), [0])
            unlinked[0] += 1
            if len(unlinked) <= 3:
                unlinked.append(claim.line)
        _check_zone_labels(claim, diag)
        _check_as_reported(claim, diag)

    def add_plain(self, lines, incidents, events, kinds, instants, relatives, sources, no_url, diag: _Collector) -> None:
        """What `add` does for each of a run of plain claims (`columnar.plain_rows`), done for all
        of them at once: the same state and the same messages, in the same order (of a plain claim,
        only that its kind differs from its event's first row can be said)."""
        import numpy as np
        import pandas as pd

        from .columnar import NO_TIME, groups

        incident_codes, incident_names = pd.factorize(incidents)
        event_codes, event_names = pd.factorize(events)
        pair_codes, pairs = pd.factorize(incident_codes * len(event_names) + event_codes)
        _, first_rows = np.unique(pair_codes, return_index=True)
        first_kind = np.empty(len(pairs), dtype=object)
        for j, row in enumerate(first_rows):
            key = (incident_names[incident_codes[row]], event_names[event_codes[row]])
            first_kind[j] = self.kinds.setdefault(key, (kinds[row], int(lines[row])))
            self.defined.add(key)
        first_names = np.array([first[0] for first in first_kind], dtype=object)
        for row in np.flatnonzero(first_names[pair_codes] != kinds):
            kind, line = first_kind[pair_codes[row]]
            diag.error(int(lines[row]), "kind", f"event {events[row]!r} is {kind!r} on line {line}: all rows of one event have one kind")
        source_codes, source_names = pd.factorize(sources)
        for pair in np.unique(incident_codes * len(source_names) + source_codes).tolist():
            self.sources.setdefault(incident_names[pair // len(source_names)], set()).add(source_names[pair % len(source_names)])
        timed = np.flatnonzero(instants != NO_TIME)
        for code, rows in groups(incident_codes[timed], timed):
            times, where = self.instants.setdefault(incident_names[code], (array("q"), array("q")))
            times.frombytes(instants[rows].astype(np.int64).tobytes())
            where.frombytes(lines[rows].astype(np.int64).tobytes())
        relative = np.flatnonzero(relatives != "")
        if len(relative):
            target_codes, targets = pd.factorize(relatives[relative])
            unknown = []
            for code, rows in groups(incident_codes[relative] * len(targets) + target_codes, relative):
                incident, target = incident_names[code // len(targets)], targets[code % len(targets)]
                if (incident, target) not in self.defined:
                    unknown.extend((int(lines[row]), incident, target) for row in rows)
            self.references.extend(sorted(unknown))
        unlinked = np.flatnonzero(no_url)
        if len(unlinked):
            source_codes, source_names = pd.factorize(sources[unlinked])
            group_codes, _ = pd.factorize(incident_codes[unlinked] * len(source_names) + source_codes)
            order = np.argsort(group_codes, kind="stable")  # groups in the order each first appears
            starts = np.flatnonzero(np.r_[True, np.diff(group_codes[order]) != 0])
            counts = np.diff(np.r_[starts, len(order)])
            firsts = unlinked[order[starts]]
            # the lines of each group's first three claims (0: none)
            first_lines = [np.where(k < counts, lines[unlinked[order[np.minimum(starts + k, len(order) - 1)]]], 0) for k in range(3)]
            known = self.unlinked
            for incident, source, count, *some in zip(
                incidents[firsts].tolist(), sources[firsts].tolist(), counts.tolist(), *(a.tolist() for a in first_lines)
            ):
                some = some[: min(count, 3)]
                entry = known.get((incident, source))
                if entry is None:
                    known[(incident, source)] = [count, *some]
                else:
                    entry[0] += count
                    entry.extend(some[: max(0, 4 - len(entry))])

    def finish(self, diag: _Collector) -> None:
        if self.slashed > 1:
            self._slash_note(diag)
        for incident in sorted(self.instants):
            _far_from_the_rest(incident, *self.instants[incident], diag)
        for (incident, source), (count, *lines) in self.unlinked.items():
            where = ", ".join(map(str, lines)) + (", …" if count > len(lines) else "")
            claims, has, them = ("1 claim", "has", "it") if count == 1 else (f"{count:,} claims", "have", "them")
            diag.note(lines[0], "url", f"{claims} by {source!r} in {incident!r} (line{'s' if count > 1 else ''} {where}) {has} "
                      f"no url, so a reader cannot check {them}: add the article's address, or say in note why there is none",
                      "no-url")
        for line, incident, corrected in self.corrections:
            known = self.sources.get(incident, set())
            if corrected not in known:
                diag.error(line, "corrects", f"no source {corrected!r} in incident {incident!r} (corrects names the source whose "
                           f"claims about this event the row replaces, spelt as in its source cell){did_you_mean(corrected, tuple(sorted(known)))}")
        for line, incident, target in self.references:
            if (incident, target) in self.defined:
                continue
            broken = self.broken.get((incident, target))
            if broken:
                where = ", ".join(str(n) for n in broken) + (", …" if len(broken) == 3 else "")
                lines = "line" if len(broken) == 1 else "lines"
                diag.error(line, "relative_to", f"event {target!r} is defined only on rows with errors ({lines} {where}): fix those first")
                continue
            names = tuple(sorted(name for i, name in self.defined if i == incident))
            diag.error(line, "relative_to", f"no event {target!r} in incident {incident!r}{did_you_mean(target, names)}")




def _far_from_the_rest(incident: str, instants: array, lines: array, diag: _Collector) -> None:
    """Warn on each claim outside the incident's largest cluster of times (clusters are split
    where consecutive times are more than PLAUSIBLE_SPAN apart)."""
    ordered = sorted(instants)
    if ordered[-1] - ordered[0] <= PLAUSIBLE_SPAN:
        return
    clusters, start = [], 0
    for i in range(1, len(ordered) + 1):
        if i == len(ordered) or ordered[i] - ordered[i - 1] > PLAUSIBLE_SPAN:
            clusters.append((ordered[start], ordered[i - 1], i - start))
            start = i
    low, high, size = max(clusters, key=lambda c: c[2])  # the first of the largest: the earliest
    tie = sum(c[2] == size for c in clusters) > 1
    days = f"{from_epoch(low):%Y-%m-%d}" + (f" to {from_epoch(high):%Y-%m-%d}" if high - low >= DAY else "")
    for instant, line in zip(instants, lines):
        if low <= instant <= high:
            continue
        distance = low - instant if instant < low else instant - high
        diag.warning(
            line, "time",
            f"{from_epoch(instant):%Y-%m-%d} is {_span_words(distance)} away from the rest of incident {incident!r} "
            f"({'as many claims on ' if tie else ''}{days}): a typo in the date?",
            "far",
        )


def _span_words(seconds: float) -> str:
    days = seconds / DAY
    if days >= 730:
        return f"{days / 365.25:,.0f} years"
    return f"{days:,.0f} days"


def _check_zone_labels(claim: Claim, diag: _Collector) -> None:
    """One rule for zone labels, whichever cell carries them: the tz cell (or the time's own offset)
    says how the time is read, always; a fixed label is its fixed offset all year. A label that
    names a clock its region did not use that day (EST in May), and a zone written beside a clock
    time in as_reported that contradicts the zone the time is read in ('09:48 UTC' read as BST),
    are warned, never corrected."""
    if claim.instant is None:
        return
    at = from_epoch(claim.instant)
    if claim.tz is not None and claim.tz.is_fixed:
        problem = zones.label_contradiction(claim.tz.name, at)
        if problem:
            diag.warning(claim.line, "tz", f"{problem}; the time is read as {claim.tz.name}, as written", "zone-label")
    if not claim.as_reported:
        return
    read = claim.tz.name if claim.tz is not None else "the time's offset"
    dated = set()
    for label in sorted(set(zones.labels_in_text(claim.as_reported))):
        if claim.tz is not None and label == claim.tz.name:
            continue
        problem = zones.label_contradiction(label, at)
        if problem:
            dated.add(label)
            diag.warning(claim.line, "as_reported", f"the source writes {label}: {problem}; the time is read as {read}", "zone-label")
    reading = claim.tz.tzinfo if claim.tz is not None else timezone(timedelta(minutes=claim.time.offset or 0))
    local = at.astimezone(reading)
    for hour, minute, ampm, label in labelled_clock_times(claim.as_reported):
        if label in dated or not _same_clock(hour, minute, ampm, local):
            continue
        written = zones.offset_minutes(zones.zone(label).tzinfo, at)
        actual = zones.offset_minutes(reading, at)
        if written != actual:
            diag.warning(
                claim.line, "as_reported",
                f"the source writes {hour}:{minute:02d}{' ' + ampm if ampm else ''} {label} (UTC{zones.format_offset(written)}), "
                f"but the time is read as {read} (UTC{zones.format_offset(actual)} that day), which puts it at "
                f"{at:%H:%M} UTC; read as {label} it would be {from_epoch(claim.instant + (actual - written) * 60):%H:%M} UTC. "
                f"Set tz to {label} if that is what the source meant",
                "zone-label",
            )


def _same_clock(hour: int, minute: int, ampm: str | None, local: datetime) -> bool:
    if local.minute != minute:
        return False
    if ampm is not None:
        return hour % 12 + (12 if ampm == "pm" else 0) == local.hour
    return hour == local.hour


def _check_as_reported(claim: Claim, diag: _Collector) -> None:
    if claim.instant is None or not claim.as_reported:
        return
    stamp = _iso_instant(claim.as_reported)
    if stamp is not None:
        if not claim.instant <= stamp < claim.instant + claim.precision:
            diag.warning(claim.line, "as_reported", f"{claim.as_reported!r} is the instant {iso_utc(stamp)}, but the "
                         f"time is read as {iso_utc(claim.instant)}", "as-reported")
        return
    clocks = clock_times(claim.as_reported)
    if not clocks:
        return
    at = from_epoch(claim.instant)
    zones_to_try = []
    if claim.tz is not None:
        zones_to_try.append((claim.tz.name, claim.tz.tzinfo))
    else:
        zones_to_try.append(("UTC", timezone.utc))
    for label in zones.labels_in_text(claim.as_reported):
        zones_to_try.append((label, zones.zone(label).tzinfo))
    twelve_hour_only = None
    for hour, minute, ampm in clocks:
        for name, tz in zones_to_try:
            local = at.astimezone(tz)
            if local.minute != minute:
                continue
            if ampm is not None:
                if hour % 12 + (12 if ampm == "pm" else 0) == local.hour:
                    return
            elif hour == local.hour or (hour % 12 == local.hour % 12 and hour != 12):
                return
            elif hour == 12 and local.hour == 0:
                twelve_hour_only = (hour, minute, name, local)
    if twelve_hour_only:
        hour, minute, name, local = twelve_hour_only
        diag.note(
            claim.line, "as_reported",
            f"{claim.as_reported!r} matches {local:%H:%M} {name} only as a 12-hour clock reading "
            f"({hour}:{minute:02d} a.m., just after midnight); in 24-hour time {hour}:{minute:02d} is half a day off",
            "twelve-hour",
        )
        return
    shown = ", ".join(f"{at.astimezone(tz):%H:%M} {name}" for name, tz in zones_to_try[:2])
    diag.warning(
        claim.line, "as_reported",
        f"{claim.as_reported!r} matches the time ({shown}) in neither the 24-hour nor the 12-hour reading",
        "as-reported",
    )


# ---------------------------------------------------------------- writing: the canonical form
