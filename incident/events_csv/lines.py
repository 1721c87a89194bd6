"""Bytes → lines → records: the physical lines of events.csv with their numbers (a BOM, CRLF or LF,
bad UTF-8, NUL, runaway quotes and over-long lines named where they are), the header, and plain
blocks of lines read straight into columns for the column-wise checks."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from typing import BinaryIO


from ..model.cells import COLUMNS, REQUIRED_COLUMNS
from ..diagnostics import did_you_mean

from .header import consequence, meant
from .limits import BOM, DRAIN_AFTER_STOP, MAX_CELL, MAX_LINE

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # only for annotations: the collector lives in reader.py
    from .reader import Collector


class LineStream:
    """The physical lines of a binary stream as text, checked as they come: a NUL byte, bytes
    that are not UTF-8, or a line too long to be a row stop the parse with a message naming the
    line. After a stop, the rest of the file is still scanned for more bad bytes (up to 20)."""

    BLOCK = 1 << 20  # bytes read at a time once the first line is read

    def __init__(self, fp: BinaryIO, diag: Collector, digest):
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
        block = column_block(whole, width, self.number + 1)
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


def records_of(lines: LineStream, diag: Collector):
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


def checked_header(line: int, header: list[str], diag: Collector) -> list[str] | None:
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
        if not name or name in COLUMNS:
            continue
        column = meant(name)
        if column in REQUIRED_COLUMNS and column not in seen:
            continue  # named above, with the rename
        if column is not None and column not in seen:
            # a misspelt format column whose real one is absent: read as the analyst's own, it would
            # silently change every claim (a required column's absence is named above)
            diag.error(line, name, f"not a format column: did you mean {column!r}? Without a {column!r} column, "
                       f"{consequence(column)}: rename it {column} (or, if it is your own column, give it another name)")
            ok = False
            continue
        hint = f"; did you mean {column!r}?" if column else did_you_mean(name.lower(), COLUMNS, cutoff=0.8)
        if hint:
            diag.warning(line, name, f"not a format column (kept as your own){hint}", "column")
    return columns if ok else None


def _close_header(name: str, columns: list[str]) -> str:
    for column in columns:
        if meant(column) == name:
            return f"; found {column!r}: rename it {name}"
    return ""


@dataclass
class ColumnBlock:
    """Lines read straight into columns (`LineStream.plain_block`): each line one record."""

    first_line: int
    rows: int
    columns: list[list[str]]


def column_block(whole: bytes, width: int, first_line: int) -> ColumnBlock | None:
    """`whole` (whole lines) as columns, when it is CSV at its simplest (see `LineStream.plain_block`)."""
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
