"""What `--diff` prints: a unified diff of each text file that would change, one line for a chart.

The file on disk is untrusted (a committed report in a pull request): it is read up to a bound,
its control characters are escaped before they reach the terminal, and a file too large to diff
in bounded time gets one line instead."""

from __future__ import annotations

import difflib
from pathlib import Path

from ..diagnostics import defused
from ..files import read_regular

MAX_DIFF_BYTES = 4 << 20  # per side: a larger file gets one line, never a slow diff
MAX_DIFF_LINES = 2_000  # lines printed per file; the rest are counted
CHARTS = (".png", ".svg")


def text_diff(old: bytes | None, new: bytes, name: str) -> str:
    """A unified diff of `old` (None: missing) into `new`, headed by NAME and 'NAME (would be
    written)', at most MAX_DIFF_LINES lines."""
    if old is not None and (len(old) > MAX_DIFF_BYTES or len(new) > MAX_DIFF_BYTES):
        return f"{name}: differs ({len(old):,} → {len(new):,} bytes; too large to diff)\n"
    before = [] if old is None else old.decode("utf-8", "replace").splitlines(keepends=True)
    after = new.decode("utf-8", "replace").splitlines(keepends=True)
    lines = difflib.unified_diff(before, after, name if old is not None else "/dev/null", f"{name} (would be written)")
    out = []
    for count, line in enumerate(lines):
        if count == MAX_DIFF_LINES:
            rest = sum(1 for _ in lines)
            out.append(f"… {rest + 1:,} more diff lines\n")
            break
        body = line[:-1] if line.endswith("\n") else line
        out.append(defused(body, one_line=True) + "\n")
        if not line.endswith("\n"):
            out.append("\\ No newline at end of file\n")
    return "".join(out)


def chart_line(old: bytes | None, new: bytes, name: str) -> str:
    """One line for a chart: what differs (missing, size, stamp)."""
    from .drawing import stamp_of

    if old is None:
        return f"{name}: missing (would be written: {len(new):,} bytes)\n"
    parts = []
    if len(old) != len(new):
        parts.append(f"size {len(old):,} → {len(new):,} bytes")
    before, after = stamp_of(old), stamp_of(new)
    if before != after:
        parts.append(f"stamp {_short(before)} → {_short(after)}")
    if not parts:
        parts.append("same size and stamp, other bytes")
    return f"{name}: differs: {', '.join(parts)}\n"


def _short(stamp: str | None) -> str:
    return "none" if stamp is None else stamp.split()[-1][:12] + "…"


def report_diff(files: dict[str, bytes], stale: list[str], out: Path) -> str:
    """The --diff of `report --check`: each stale file, in name order."""
    import os

    chunks = []
    for name in sorted(stale):
        path = out / name
        old = read_regular(path, limit=MAX_DIFF_BYTES)
        shown = str(path)
        if old is None and os.path.lexists(path):
            chunks.append(f"{shown}: differs (not a regular file, or over {MAX_DIFF_BYTES >> 20} MB: not diffed)\n")
        elif name.endswith(CHARTS):
            chunks.append(chart_line(old, files[name], shown))
        else:
            chunks.append(text_diff(old, files[name], shown))
    return "".join(chunks)
