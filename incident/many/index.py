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


def _scan(fp, offset: int, column: int, index: Index) -> None:
    """Every record after the header: its span and its incident."""
    starts, ends, codes, names = index.starts, index.ends, index.codes, index.names
    number: dict[str, int] = {}
    position, start, record, quotes = offset, offset, [], 0
    for line in fp:
        position += len(line)
        if b"\r" in line and not line.endswith(b"\r\n") or line.count(b"\r") > 1:
            raise NotIndexed("a CR that ends no line")
        if record or b'"' in line:
            record.append(line)
            quotes += line.count(b'"')
            if quotes % 2:
                continue  # a quoted cell goes on: the record does too
            key = _quoted_cell(b"".join(record), column)
            record, quotes = [], 0
        else:
            parts = line.split(b",", column + 1)
            try:  # stripped as the reader strips a cell (str.strip: Unicode spaces and separators too)
                key = parts[column].decode("utf-8").strip() if len(parts) > column else ""
            except UnicodeDecodeError:
                raise NotIndexed("not UTF-8") from None
        code = number.get(key)
        if code is None:
            code = number[key] = len(names)
            names.append(key)
        starts.append(start)
        ends.append(position)
        codes.append(code)
        start = position
    if record:  # a quote left open at the end: the reader says where
        raise NotIndexed("a quoted cell never closed")


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
