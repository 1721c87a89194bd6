"""Diagnostics that name a file, a line and a column, and the error that carries them."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Iterable, Literal, Sequence, TextIO

MAX_DIAGNOSTICS = 200  # printed by a command; the rest are counted

Severity = Literal["error", "warning", "note"]


@dataclass(frozen=True, order=True)
class Diagnostic:
    line: int
    column: str
    message: str
    severity: Severity = "error"
    path: str = "events.csv"
    code: str = ""  # what kind of finding a warning is: zone-label, twelve-hour, as-reported, column
    where: str = ""  # the row's incident and event, when it names them: "incident 'x', event 'y'"

    def __str__(self) -> str:
        prefix = "" if self.severity == "error" else f"{self.severity}: "
        where = f" ({self.where})" if self.where else ""
        return printable(f"{self.path}:{self.line}: {self.column}: {prefix}{self.message}{where}")

    @property
    def is_error(self) -> bool:
        return self.severity == "error"


# Control characters (C0 but tab and line feed, DEL, C1) shown escaped: a message quotes what a
# file says, and an escape sequence printed as it is could retitle or clear the user's terminal.
_CONTROLS = {c: f"\\x{c:02x}" for c in [*range(32), *range(127, 160)] if chr(c) not in "\t\n"}


def printable(text: str) -> str:
    """`text` with every control character written as an escape ('\\x1b')."""
    return text.translate(_CONTROLS)


class InputError(Exception):
    """The input cannot be used; carries the diagnostics that say why."""

    def __init__(self, diagnostics: Iterable[Diagnostic]):
        self.diagnostics = sorted(diagnostics, key=lambda d: d.line)
        super().__init__("\n".join(str(d) for d in self.diagnostics))


class UsageError(Exception):
    """The command line asks for something that does not exist (exit 2)."""


class FileUnusable(UsageError):
    """There is no file to read at the path given (missing, a folder, a device): no line is at fault."""


class ImportFailed(Exception):
    """A record an importer cannot read (not JSON, another shape, truncated): invalid input, exit 1.
    The message names the file and what is wrong."""


def did_you_mean(word: str, choices: tuple[str, ...], cutoff: float = 0.6) -> str:
    """"; did you mean 'x'?" for the choice closest to `word`, or "" when none is close."""
    close = difflib.get_close_matches(word, choices, n=1, cutoff=cutoff)
    return f"; did you mean {close[0]!r}?" if close else ""


def print_diagnostics(diagnostics: Sequence[Diagnostic], stream: TextIO, omitted_errors: int = 0, omitted_warnings: int = 0) -> None:
    for diagnostic in diagnostics[:MAX_DIAGNOSTICS]:
        print(diagnostic, file=stream)
    rest = len(diagnostics) - MAX_DIAGNOSTICS
    errors = sum(d.is_error for d in diagnostics[MAX_DIAGNOSTICS:]) + omitted_errors
    rest = max(rest, 0) + omitted_errors + omitted_warnings
    if rest > 0:
        print(f"… and {rest:,} more ({errors:,} errors) not shown", file=stream)
