"""Diagnostics that name a file, a line and a column, and the error that carries them."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from enum import IntEnum
from typing import Iterable, Literal, Sequence, TextIO


class ExitCode(IntEnum):
    """The command line's exit codes, the one list of them (docs/commands.md states it)."""

    OK = 0  # success; warnings allowed
    INVALID = 1  # invalid input, a record an importer cannot read, or --check found files that would change
    USAGE = 2  # a usage error: an unknown command, option, incident, event or zone; a file that is not there
    INTERRUPTED = 130  # Ctrl-C (128 + SIGINT); SIGTERM and SIGHUP end with 128 + their number


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
        return defused(f"{self.path}:{self.line}: {self.column}: {prefix}{self.message}{where}", one_line=True)

    @property
    def is_error(self) -> bool:
        return self.severity == "error"


# Control characters (C0 but tab and line feed, DEL, C1) shown escaped: a message quotes what a
# file says, and an escape sequence printed as it is could retitle or clear the user's terminal.
_CONTROLS = {c: f"\\x{c:02x}" for c in [*range(32), *range(127, 160)] if chr(c) not in "\t\n"}


def printable(text: str) -> str:
    """`text` with every control character written as an escape ('\\x1b')."""
    return text.translate(_CONTROLS)


_ONE_LINE = {**_CONTROLS, ord("\n"): "\\n"}
# what a CI log reads as a command: GitHub Actions takes a line whose first characters after white
# space are '::' ('::error file=…::'), and the older '##[' anywhere in a line
_COMMAND = re.compile(r"^([^\S\n]*):(?=:)", re.MULTILINE)
_LEGACY = "##["


def defused(text: str, one_line: bool = False) -> str:
    """`text` as a message may show it: control characters escaped (a line break too, when the
    message is `one_line`: a cell's line break must not start a line of its own), and the first
    character of a CI log command escaped ('\\x3a:error', '\\x23#['), so that a file a pull
    request changes cannot forge an annotation in the log of the check that reads it."""
    text = text.translate(_ONE_LINE if one_line else _CONTROLS)
    return _COMMAND.sub(lambda m: m[1] + "\\x3a", text).replace(_LEGACY, "\\x23#[")


class MessageStream:
    """A text stream (stderr) whose every write is `defused`, a line at a time across writes: what
    the commands print there quotes files, and must neither drive a terminal nor a CI log. The
    stream itself is `raw` (progress lines rewrite themselves with a carriage return)."""

    def __init__(self, raw: TextIO):
        self.raw = raw
        self.blank = True  # at the start of a line, or only white space since

    def write(self, text: str) -> int:
        pieces = printable(text).replace(_LEGACY, "\\x23#[").split("\n")
        for number, piece in enumerate(pieces):
            if number:
                self.blank = True
            if self.blank:
                rest = piece.lstrip()
                if rest.startswith("::") or rest == ":":  # a lone ':' may meet another in the next write
                    cut = len(piece) - len(rest)
                    piece = piece[:cut] + "\\x3a" + piece[cut + 1:]
                self.blank = not rest
            pieces[number] = piece
        self.raw.write("\n".join(pieces))
        return len(text)

    def flush(self) -> None:
        self.raw.flush()

    def isatty(self) -> bool:
        return bool(getattr(self.raw, "isatty", lambda: False)())

    def __getattr__(self, name):
        return getattr(self.raw, name)


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


def they_are(names: Sequence[str], most: int = 12) -> str:
    """' (it has: a, b, c)', at most `most` names and how many more; ' (it has no claim yet)'."""
    if not names:
        return " (it has no claim yet)"
    more = f", … {len(names) - most:,} more" if len(names) > most else ""
    return f" (it has: {', '.join(names[:most])}{more})"
