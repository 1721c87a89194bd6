"""Reading what an importer is given, bounded: a saved file (a regular file under a size cap, never
a FIFO, a device or a symlink), an address (the bounded fetch: fetch.py) or a folder (its regular
files, counted and capped), and JSON from their bytes with every failure one message naming the
file."""

from __future__ import annotations

import json
import os
import re
from datetime import datetime, timezone
from pathlib import Path

from ..diagnostics import FileUnusable, ImportFailed


def read_bytes(path: str | Path, limit: int, what: str, accept: str = "application/json",
               headers: dict[str, str] | None = None) -> bytes:
    """The bytes of a saved file (a regular file of at most `limit` bytes) or of an http(s) address
    (read live, bounded: fetch.py; `headers` sent with the request). Raises FileUnusable (no file)
    or ImportFailed, naming it."""
    from ..files import read_regular

    name = str(path)
    if name.lower().startswith(("http://", "https://")):
        from .fetch import fetch

        return fetch(name, limit, accept=accept, headers=headers)
    target = Path(path)
    if not os.path.lexists(target):
        raise FileUnusable(f"{name}: no such file")
    if target.is_dir():
        raise FileUnusable(f"{name}: is a directory, not a file")
    data = read_regular(target, limit)
    if data is None:
        too_big = target.is_file() and not target.is_symlink() and target.stat().st_size > limit
        raise ImportFailed(f"{name}: larger than {limit >> 20} MB: not {what}" if too_big
                           else f"{name}: not a regular file (a FIFO, a device or a symlink), or unreadable")
    return data


def read_json(path: str | Path, limit: int, what: str, headers: dict[str, str] | None = None):
    """A saved answer's JSON value (`what` names it in messages: 'a saved status-page answer').
    Raises FileUnusable (no file) or ImportFailed (not JSON, truncated), naming the file."""
    return parse_json(read_bytes(path, limit, what, headers=headers), str(path), what)


def parse_json(data: bytes, name: str, what: str = "a saved status-page answer"):
    """The JSON value of an answer's bytes; ImportFailed naming the file or address."""
    try:
        text = data.decode("utf-8-sig")  # a byte-order mark is accepted, as for events.csv
    except UnicodeDecodeError as exc:
        raise ImportFailed(f"{name}: not UTF-8 (byte {exc.start:,})") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        where = "the file ends too early (truncated?)" if exc.pos >= len(text.rstrip()) else f"line {exc.lineno}, column {exc.colno}: {exc.msg}"
        raise ImportFailed(f"{name}: not JSON: {where}") from None
    except RecursionError:  # the decoder recurses once a level: 100,000 nested lists
        raise ImportFailed(f"{name}: JSON nested too deeply to be {what.replace('a saved ', 'a ', 1)}") from None


def folder_files(path: str | Path, most: int, suffix: str = ".json") -> list[Path]:
    """The files of a folder and its subfolders whose names end with `suffix`, sorted, at most
    `most` of them (more is refused: ImportFailed); symbolic links are not followed. A folder that
    cannot be listed raises FileUnusable."""
    root = Path(path)
    found: list[Path] = []
    try:
        walk = os.walk(root, onerror=_raise, followlinks=False)
        for folder, folders, names in walk:
            folders.sort()
            for name in sorted(names):
                if name.endswith(suffix) and not name.startswith("."):
                    found.append(Path(folder) / name)
                    if len(found) > most:
                        raise ImportFailed(f"{root}: more than {most:,} {suffix} files: not read")
    except OSError as exc:
        raise FileUnusable(f"{root}: cannot be read: {exc.strerror or exc}") from None
    return sorted(found)


def _raise(exc: OSError) -> None:
    raise exc


def as_text(value) -> str:
    """A JSON value that should be text, as text: a string as it is, anything else (null, a
    number, a list, an object) as nothing."""
    return value if isinstance(value, str) else ""


_STAMP = re.compile(r"(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})\Z")


def one_line(value, most: int = 200) -> str:
    """A name or title as one line of at most `most` characters: its runs of blanks made one space."""
    return " ".join(as_text(value).split())[:most]


def instant(text: str) -> datetime | None:
    """An API's ISO 8601 time stamp with its zone ('2025-07-14T09:21:40.512-05:00', '…Z'), in UTC;
    None when it is not one, or is no day of the calendar (Feb 30, hour 99, year 1 at +14:00)."""
    if not isinstance(text, str):
        return None
    m = _STAMP.match(text)
    if not m:
        return None
    try:
        moment = datetime.fromisoformat(f"{m[1]}T{m[2]}{'+00:00' if m[4] == 'Z' else m[4]}").astimezone(timezone.utc)
    except (ValueError, OverflowError):  # Feb 30, hour 99, year 1 at +14:00 …
        return None
    if not 2 <= moment.year <= 9998:  # a day's margin at each end of the calendar, as events.csv has
        return None
    return moment


def cell_time(moment: datetime) -> str:
    """A moment as a `time` cell, to the second (strftime's %Y is not padded before year 1000)."""
    return f"{moment.year:04d}-{moment:%m-%d %H:%M:%S}"
