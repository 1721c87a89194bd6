"""An events file as incidents: one pass over its lines finds where each record starts and ends and
which incident it names; the records of one incident are then read back together, in the order of
the incident ids, whether the file keeps an incident's rows together or not.

What stays in memory is three numbers a record (its offsets and its incident's number) and one
entry per incident: 2 million rows take about 40 MB, the rows themselves are read again when their
incident's turn comes. A file this reading cannot place (no `incident` column, a lone CR line ending,
text that is not UTF-8) is left to the whole-file reader, which says what is wrong with it.
"""

from __future__ import annotations

import csv
import io
import os
import stat
from array import array
from dataclasses import dataclass, field
from typing import Iterator



class NotIndexed(Exception):
    """The file is read whole instead (the reader names its problem, if it has one)."""


@dataclass
class Index:
    path: str
    header: bytes  # the header record as written (a BOM included), ending in a newline
    columns: list[str]  # its names, stripped
    starts: array = field(default_factory=lambda: array("q"))  # each record's first byte
    ends: array = field(default_factory=lambda: array("q"))  # one past its last (its newline included)
    codes: array = field(default_factory=lambda: array("l"))  # the number of its incident in `names`
    names: list[str] = field(default_factory=list)  # incident ids as written (stripped), by number

    @property
    def rows(self) -> int:
        return len(self.starts)

    def incidents(self) -> list[str]:
        """The incident ids, sorted (the empty id of a row that names none left out)."""
        return sorted(name for name in self.names if name)


def build(path: str) -> Index:
    """Index a regular file; NotIndexed when it is anything else or cannot be placed."""
    try:
        fp = open(path, "rb")
    except OSError as exc:
        raise NotIndexed(str(exc)) from None
    with fp:
        if not stat.S_ISREG(os.fstat(fp.fileno()).st_mode):
            raise NotIndexed("not a regular file")
        header, offset = _first_record(fp)
        columns = [name.strip() for name in _cells(header)]
        if "incident" not in columns:
            raise NotIndexed("no incident column")
        index = Index(path, header, columns)
        _scan(fp, offset, columns.index("incident"), index)
    return index


def _first_record(fp) -> tuple[bytes, int]:
    record = b""
    for line in fp:
        record += line
        if record.count(b'"') % 2 == 0:
            break
    if not record:
        raise NotIndexed("empty file")
    if not record.endswith(b"\n"):
        record += b"\n"
        return record, len(record) - 1
    return record, len(record)


def _cells(record: bytes) -> list[str]:
    try:
        text = record.decode("utf-8")
    except UnicodeDecodeError:
        raise NotIndexed("not UTF-8") from None
    text = text[1:] if text.startswith("\ufeff") else text
    return next(csv.reader(io.StringIO(text)), [])


CHUNK = 8 << 20  # bytes read at a time (then to the end of a line)


def _scan(fp, offset: int, column: int, index: Index) -> None:
    """Every record after the header: its span and its incident. Blocks of plain lines (no quote,
    no CR but before a LF) are split in bulk, a key decoded only where it changes; from the first
    quote on, line by line (a quoted cell may hold commas and line ends)."""
    state = _State(index, offset)
    while chunk := fp.read(CHUNK):
        if not chunk.endswith(b"\n"):
            chunk += fp.readline()
        if state.record or b'"' in chunk or (b"\r" in chunk and chunk.count(b"\r") != chunk.count(b"\r\n")):
            for line in io.BytesIO(chunk):
                state.line(line, column)
        else:
            state.plain(chunk, column)
    if state.record:  # a quote left open at the end: the reader says where
        raise NotIndexed("a quoted cell never closed")


class _State:
    """Where the scan is: the next record's first byte, a record still open (a quoted cell spans
    lines), and the number of each incident id."""

    def __init__(self, index: Index, offset: int):
        self.index, self.position, self.start = index, offset, offset
        self.record: list[bytes] = []
        self.quotes = 0
        self.number: dict[str, int] = {}

    def code(self, key: str) -> int:
        code = self.number.get(key)
        if code is None:
            code = self.number[key] = len(self.index.names)
            self.index.names.append(key)
        return code

    def line(self, line: bytes, column: int) -> None:
        self.position += len(line)
        if b"\r" in line and not line.endswith(b"\r\n") or line.count(b"\r") > 1:
            raise NotIndexed("a CR that ends no line")
        if self.record or b'"' in line:
            self.record.append(line)
            self.quotes += line.count(b'"')
            if self.quotes % 2:
                return  # a quoted cell goes on: the record does too
            key = _quoted_cell(b"".join(self.record), column)
            self.record, self.quotes = [], 0
        else:
            key = _key(line.split(b",", column + 1), column)
        self._record(self.code(key), self.position)

    def _record(self, code: int, end: int) -> None:
        self.index.starts.append(self.start)
        self.index.ends.append(end)
        self.index.codes.append(code)
        self.start = end

    def plain(self, chunk: bytes, column: int) -> None:
        """A block of whole lines without a quote: every record one line. Where each line's
        incident cell lies is found by numpy over the bytes; rows repeating the row before's cell
        (an incident's rows together) are told apart by comparing the cells' bytes side by side,
        and only a new run's cell is decoded and numbered."""
        import numpy as np

        data = np.frombuffer(chunk, dtype=np.uint8)
        ends = np.flatnonzero(data == 10)  # each line's LF
        starts = np.concatenate([[0], ends[:-1] + 1])
        stop = ends - (data[np.maximum(ends - 1, 0)] == 13)  # a CRLF line's text ends before its CR
        commas = np.flatnonzero(data == 44)
        first = np.searchsorted(commas, starts)

        def comma(i):  # the comma numbered i (per line), or the line's end when it has none there
            i = np.minimum(first + i, len(commas))
            found = np.concatenate([commas, [len(data)]])[i]
            return np.where(found < stop, found, stop)

        cell_start = starts if column == 0 else np.minimum(comma(column - 1) + 1, stop)
        cell_end = comma(column)
        lengths = cell_end - cell_start
        width = int(lengths.max()) if len(lengths) else 0
        if width > 256:  # an unusually long cell: line by line
            for line in io.BytesIO(chunk):
                self.line(line, column)
            return
        offsets = np.arange(width)
        cells = np.where(offsets < lengths[:, None], data[np.minimum(cell_start[:, None] + offsets, len(data) - 1)], 0)
        new = np.ones(len(ends), dtype=bool)
        new[1:] = (lengths[1:] != lengths[:-1]) | (cells[1:] != cells[:-1]).any(axis=1)
        runs = np.flatnonzero(new)
        run_codes = np.array([self.code(_key([chunk[cell_start[i]:cell_end[i]]], 0)) for i in runs.tolist()], dtype=np.int64)
        codes = run_codes[np.cumsum(new) - 1]
        self.index.starts.frombytes((starts + self.position).astype(np.int64).tobytes())
        self.index.ends.frombytes((ends + 1 + self.position).astype(np.int64).tobytes())
        self.index.codes.frombytes(codes.astype(np.dtype(self.index.codes.typecode)).tobytes())
        self.position = self.start = self.position + len(chunk)


def _key(parts: list[bytes], column: int) -> str:
    """An unquoted incident cell as the reader reads it (str.strip: Unicode spaces and separators too)."""
    try:
        return parts[column].decode("utf-8").strip() if len(parts) > column else ""
    except UnicodeDecodeError:
        raise NotIndexed("not UTF-8") from None


def _quoted_cell(record: bytes, column: int) -> str:
    cells = _cells(record)
    return cells[column].strip() if len(cells) > column else ""


def groups(index: Index) -> Iterator[tuple[str, list[int]]]:
    """(incident, its records' numbers in file order), the incidents in id order."""
    import numpy as np

    codes = np.frombuffer(index.codes, dtype=np.dtype(index.codes.typecode)) if index.rows else np.zeros(0, int)
    rank = np.empty(len(index.names), dtype=np.int64)
    by_name = sorted(range(len(index.names)), key=lambda c: index.names[c])
    rank[by_name] = np.arange(len(by_name))
    order = np.argsort(rank[codes], kind="stable") if len(codes) else np.zeros(0, int)
    ranks = rank[codes][order]
    edges = np.flatnonzero(np.diff(ranks)) + 1 if len(ranks) else np.zeros(0, int)
    for first, last in zip(np.concatenate([[0], edges]).tolist(), np.concatenate([edges, [len(ranks)]]).tolist()):
        if first < last:
            members = order[first:last]
            yield index.names[int(codes[members[0]])], members.tolist()


def read_rows(fd: int, index: Index, members: list[int]) -> bytes:
    """The bytes of the records numbered `members`: one read when they lie together, as they do in a
    file that keeps each incident's rows together."""
    starts, ends = index.starts, index.ends
    first, last = members[0], members[-1]
    if last - first + 1 == len(members):
        return _pread(fd, starts[first], ends[last] - starts[first])
    return b"".join(_pread(fd, starts[i], ends[i] - starts[i]) for i in members)


def _pread(fd: int, offset: int, size: int) -> bytes:
    data = os.pread(fd, size, offset)
    if len(data) != size:
        raise NotIndexed("the file changed while it was read")
    return data if data.endswith(b"\n") else data + b"\n"
