"""Text that fits the terminal: its width, lines wrapped at words, tables whose text cells give way.

Only what a person reads in a terminal is fitted. A pipe or a file gets whole lines (a log, `grep`
and an editor's problem matcher read `PATH:LINE: column: message` one line each), unless COLUMNS
says how wide to be; `--json` and `--csv` are data and are never touched.
"""

from __future__ import annotations

import os
import re
import textwrap
from typing import Sequence, TextIO

MIN_WIDTH = 20  # narrower than this, nothing reads: COLUMNS below it is ignored
HANG = 4  # the indent of a wrapped line's continuation, past the line's own indent


def width(stream: TextIO | None = None) -> int | None:
    """How wide output to `stream` may be: COLUMNS when it holds a number (20 or more), else the
    width of the terminal `stream` writes to, else None (no limit: a pipe, a file, a test's buffer)."""
    value = os.environ.get("COLUMNS", "").strip()
    if value.isdigit() and int(value) >= MIN_WIDTH:
        return int(value)
    try:
        if stream is not None and stream.isatty():
            columns = os.get_terminal_size(stream.fileno()).columns
            return columns if columns >= MIN_WIDTH else None
    except (AttributeError, OSError, ValueError):
        pass
    return None


def cut(text: str, room: int) -> str:
    """`text` in at most `room` characters, ending in '…' when it is cut."""
    if len(text) <= room:
        return text
    return text[: max(room - 1, 0)].rstrip() + "…" if room > 0 else ""


def wrap(text: str, columns: int | None, messages: bool = False) -> str:
    """Every line of `text` longer than `columns` wrapped at spaces; a word longer than the line (an
    address) stays whole. A continuation starts under the value of a label column or the text of
    a list item, else two spaces past an indented line's indent, else at the margin — or, for
    `messages` (one per line, 'PATH:LINE: column: …'), four spaces in."""
    if columns is None:
        return text
    out = []
    for line in text.split("\n"):
        out.extend(wrap_line(line, columns, messages))
    return "\n".join(out)


def wrap_markdown(text: str, columns: int | None) -> str:
    """Markdown's paragraphs and list items wrapped to `columns` (a soft line break reads the same);
    its tables, headings and code as they are."""
    if columns is None:
        return text
    out, code = [], False
    for line in text.split("\n"):
        if line.startswith("```"):
            code = not code
        verbatim = code or line.startswith(("|", "#", "    ", "```", "<"))
        out.extend([line] if verbatim else wrap_line(line, columns))
    return "\n".join(out)


_LABEL = re.compile(r"[a-z]{1,12} {2,6}(?=\S)")  # "window    2024-08-13T…": a label column
_MARKER = re.compile(r" *(?:\d{1,3}\. |[-*•] )")  # "  1. …", "- …": a list item


def _hang(line: str) -> int:
    for pattern in (_LABEL, _MARKER):
        found = pattern.match(line)
        if found:
            return found.end()
    indent = len(line) - len(line.lstrip(" "))
    return indent + 2 if indent else 0


def wrap_line(line: str, columns: int, message: bool = False) -> list[str]:
    if len(line) <= columns:
        return [line]
    hang = " " * (HANG if message and not line.startswith(" ") else _hang(line))
    if len(hang) > columns // 2:
        hang = " " * HANG
    return textwrap.wrap(line, columns, initial_indent="", subsequent_indent=hang, break_long_words=False,
                         break_on_hyphens=False, drop_whitespace=True) or [line]


def table(header: Sequence[str], rows: Sequence[Sequence[str]], columns: int | None,
          give: Sequence[int] = (), below: Sequence[int] = (), least: int = 8) -> list[str]:
    """Rows as lines of left-aligned columns two spaces apart, the header first. When they are wider
    than `columns`: the text columns `give` (indices, the first gives first) are cut, each down to
    `least` characters; when that is not enough, the columns `below` leave the table for a line of
    their own under each row ('header value · header value'), and the rest is fitted again."""
    widths = _widths(header, rows)
    if columns is None or _total(widths) <= columns:
        return _lines(header, rows, widths)
    fitted = _given(header, widths, columns, give, least)
    if _total(fitted) <= columns or not below:
        return [cut(line, columns) for line in _lines(header, _cut_cells(rows, fitted), fitted)]
    keep = [i for i in range(len(header)) if i not in below]
    main = table([header[i] for i in keep], [[r[i] for i in keep] for r in rows], columns,
                 [keep.index(i) for i in give if i in keep], (), least)
    out = main[:1]
    for line, row in zip(main[1:], rows):
        out.append(line)
        more = " · ".join(f"{header[i]} {row[i]}".strip() for i in below if row[i])
        if more:
            out.append(cut(" " * HANG + more, columns))
    return out


def fits(header: Sequence[str], rows: Sequence[Sequence[str]], columns: int | None) -> bool:
    """Whether the table is no wider than `columns` as it is (no cell cut)."""
    return columns is None or _total(_widths(header, rows)) <= columns


def _widths(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[int]:
    return [max((len(r[i]) for r in [header, *rows]), default=0) for i in range(len(header))]


def _given(header: Sequence[str], widths: Sequence[int], columns: int, give: Sequence[int], least: int) -> list[int]:
    """The widths with the columns `give` cut, in turn, as far as `least` (or their header) allows."""
    fitted = list(widths)
    for i in give:
        over = _total(fitted) - columns
        if over <= 0:
            break
        fitted[i] = max(min(widths[i], max(least, len(header[i]))), fitted[i] - over)
    return fitted


def _cut_cells(rows: Sequence[Sequence[str]], widths: Sequence[int]) -> list[list[str]]:
    return [[cut(c, widths[i]) for i, c in enumerate(r)] for r in rows]


def _total(widths: Sequence[int]) -> int:
    return sum(widths) + 2 * (len(widths) - 1)


def _lines(header: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[int]) -> list[str]:
    return ["  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in [header, *rows]]


class Fitted:
    """A text stream that wraps each whole line written to it at `columns` (see `wrap`); what is
    not a whole line yet (progress rewriting its line with '\\r') passes as it is."""

    def __init__(self, stream: TextIO, columns: int):
        self.stream, self.columns = stream, columns
        self.pending = ""

    def write(self, text: str) -> int:
        self.pending += text
        if "\n" in self.pending:
            whole, _, self.pending = self.pending.rpartition("\n")
            self.stream.write(wrap(whole, self.columns, messages=True) + "\n")
        if "\r" in self.pending:  # a progress line: never wrapped, never held
            self.stream.write(self.pending)
            self.pending = ""
        return len(text)

    def flush(self) -> None:
        if self.pending:
            self.stream.write(self.pending)
            self.pending = ""
        self.stream.flush()

    def isatty(self) -> bool:
        return bool(getattr(self.stream, "isatty", lambda: False)())

    def fileno(self) -> int:
        return self.stream.fileno()

    def __getattr__(self, name: str):
        return getattr(self.stream, name)
