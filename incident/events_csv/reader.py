"""Read events.csv (format v1): every problem in one pass, each with its physical line and column."""

from __future__ import annotations

import csv
import hashlib
import io
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, Callable, Sequence


from ..collecting import paused
from ..diagnostics import Diagnostic, FileUnusable, InputError, Severity
from ..model.cells import REQUIRED_COLUMNS
from ..model.claim import Claim
from .lines import ColumnBlock, checked_header, LineStream, records_of
from .rows import claim_of_row
from .rules import AcrossRows
from .limits import MAX_CELL

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
    incident_names: set[str] = field(default_factory=set)  # of the claims
    unfilled: dict[str, list[tuple[int, str]]] = field(default_factory=dict)  # incident -> rows still to fill: (line, event)
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
        """The incidents the file's claims name, sorted."""
        return sorted(self.incident_names)

    def starter_only(self, incident: str) -> list[int]:
        """The lines of `incident`'s rows still to fill when it has no claim yet (else [])."""
        if incident in self.incident_names:
            return []
        return [line for line, _ in self.unfilled.get(incident, [])]


MAX_STORED = 10_000  # diagnostics kept; the rest are counted


@dataclass(frozen=True)
class ReadOptions:
    """How a file is read, one object down the pipeline instead of loose flags."""

    keep_claims: bool = True  # False keeps memory flat for any size of file (what `validate` needs)
    keep_rows: bool = False  # the rows as written, for the commands that rewrite the file
    progress: Callable[[int], object] | None = None  # called with the line reached, now and then
    columnar: bool | None = None  # check column-wise: None decides by size, True always, False never


def load(
    path: str | Path, keep_claims: bool = True, keep_rows: bool = False, progress=None, columnar: bool | None = None
) -> EventsFile:
    """Read and check an events.csv file, streaming; never raises for a bad file (see .diagnostics).

    `keep_claims=False` keeps memory flat for any size of file (what `validate` needs).
    Raises FileUnusable (a usage error: no line is at fault) when there is no file to read.
    """
    path = Path(path)
    try:
        # opened without waiting (a FIFO would block until someone writes to it), then checked
        with os.fdopen(os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)), "rb") as fp:
            mode = os.fstat(fp.fileno()).st_mode
            if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
                raise FileUnusable(f"{path}: is a device, not a CSV file")
            if not stat.S_ISREG(mode):
                raise FileUnusable(f"{path}: is {'a directory' if stat.S_ISDIR(mode) else 'a FIFO or a socket'}, not a CSV file")
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

    Large files are checked column-wise, a batch of rows at a time (`columnar`: None decides by
    size, True always, False never); the messages are the same, and the plain rows' claims are
    built from their columns (`plainclaims`) rather than validated one model at a time.
    """
    with paused():  # the rows read are freed as they go: collecting cycles would only cost time
        return _read(fp, path, ReadOptions(keep_claims, keep_rows, progress, columnar))


def _read(fp: BinaryIO, path: str, options: ReadOptions) -> EventsFile:
    keep_claims, keep_rows, progress, columnar = options.keep_claims, options.keep_rows, options.progress, options.columnar
    result = EventsFile(path)
    diag = Collector(result, path)
    digest = hashlib.sha256()
    lines = LineStream(fp, diag, digest)
    records = records_of(lines, diag)
    header_line, header = next(records, (1, None))
    if header is None or not any(cell.strip() for cell in header):
        if not lines.failed and not result.diagnostics:
            diag.error(
                1, "file",
                "the file is empty: expected a header row naming at least "
                + ", ".join(REQUIRED_COLUMNS) + " and time or relative_to",
            )
        return _finish(result, lines, digest)
    columns = checked_header(header_line, header, diag)
    if columns is None:
        return _finish(result, lines, digest)
    result.header = columns
    result.written_header = list(header[: len(columns)])
    width = len(columns)
    across = AcrossRows()
    batch = _Batch(result, columns, diag, across, columnar, lines, keep_claims) if columnar is not False else None
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
    result.unfilled = across.unfilled
    return _finish(result, lines, digest)


def _fit(line: int, cells: list[str], width: int, diag: "Collector") -> list[str] | None:
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


def _one_row(result: EventsFile, row: Row, columns: list[str], diag: "Collector", across: "AcrossRows", keep_claims: bool) -> None:
    claim = claim_of_row(row, columns, diag, across)
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
    from the bytes (`LineStream.plain_block`), without the csv reader."""

    SIZE = 20_000  # rows per batch; a file with fewer is read row by row (pandas is not imported)
    SHORT_RUN = 16  # plain rows in a run below which the per-row reader is as quick

    def __init__(self, result: EventsFile, columns: list[str], diag: "Collector", across: "AcrossRows",
                 columnar: bool | None, lines: "LineStream", keep_claims: bool = False):
        self.result, self.columns, self.diag, self.across, self.source = result, columns, diag, across, lines
        self.keep_claims = keep_claims  # plain rows then become claims from their columns (plainclaims.py)
        self.always = bool(columnar)
        self.columnar = False  # whether a batch has been checked column-wise: then all are
        self.lines: list[int] = []  # the records held since the last block
        self.cells: list[Sequence[str]] = []
        self.blocks: list[tuple[list[int], list[Sequence[str]]] | ColumnBlock] = []
        self.held = 0
        self.streaming = False  # whether the batch takes the records itself (read), so column blocks may come
        diag.before_add = self.flush

    def read(self, records, progress=None) -> None:
        """Hold every record back, a batch at a time (a blank one of the right length is skipped
        when its batch is checked)."""
        lines, cells_of, width, size, diag = self.lines, self.cells, len(self.columns), self.SIZE, self.diag
        self.streaming = True
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

    def _take(self) -> tuple[list[int], list[list[str]]]:
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
                assert isinstance(piece, tuple)
                lines.extend(piece[0])
                cells = [list(column) for column in zip(*piece[1])]
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
                    if self.streaming:  # rows given one by one (add) come from the csv reader
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
            _one_row(self.result, Row(line, cells), self.columns, self.diag, self.across, self.keep_claims)

    def _columnar(self, lines: list[int], columns: list[list[str]]) -> None:
        import numpy as np

        from .columnar import NO_TIME, plain_rows
        from .plainclaims import plain_claims

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
                if self.keep_claims:
                    self.result.claims.extend(plain_claims(
                        self.columns, [column[run] for column in columns], lines[run], plain.instant[run].tolist(), NO_TIME,
                    ))
            done = stop
        for i in range(done, len(lines)):
            self._one(lines[i], columns, i)


def _finish(result: EventsFile, lines: "LineStream", digest) -> EventsFile:
    lines.drain()
    result.sha256 = "" if lines.failed else digest.hexdigest()  # after a stop, not all of the file was read
    result.diagnostics.sort(key=lambda d: d.line)
    return result


class Collector:
    def __init__(self, result: EventsFile, path: str):
        self.result, self.path = result, path
        self.before_add: Callable[[], None] | None = None  # called before a message is added (rows held back are checked first)

    def add(self, line: int, column: str, message: str, severity: Severity, code: str = "", where: str = "") -> None:
        if self.before_add is not None:
            self.before_add()
        if len(self.result.diagnostics) >= MAX_STORED:
            if severity == "error":
                self.result.omitted_errors += 1
            else:
                self.result.omitted_warnings += 1
            return
        self.result.diagnostics.append(Diagnostic(line, column, message, severity, self.path, code, where))

    def error(self, line: int, column: str, message: str, where: str = "") -> None:
        self.add(line, column, message, "error", where=where)

    def warning(self, line: int, column: str, message: str, code: str) -> None:
        self.add(line, column, message, "warning", code)

    def note(self, line: int, column: str, message: str, code: str) -> None:
        self.add(line, column, message, "note", code)


# ---------------------------------------------------------------- writing: the canonical form
