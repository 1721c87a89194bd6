"""The metrics cache: each incident's records (the CSV lines `incident metrics` prints for it), kept
under a key made of everything they follow from — the incident's rows as written, the header they
are read under, its postmortem severity, and the code that reads and reconstructs them — so an
incident whose rows have not changed is never reconstructed again, and a change anywhere that
matters (a row, the code, the library versions) misses the cache rather than reuse a stale answer.

One SQLite file (`metrics.sqlite` in the cache folder: `.incident-cache/` beside the events file by
default, `--cache DIR`, `--no-cache`, or INCIDENT_CACHE=DIR or off). A cache that cannot be opened
or written is skipped with one line on stderr: it only ever saves time.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import sys
from functools import lru_cache
from pathlib import Path
from typing import Iterable

FILE = "metrics.sqlite"
MAX_ENTRIES = 5_000_000  # past this, the oldest entries go
ENV = "INCIDENT_CACHE"


def folder_for(events: str, option: str | None, disabled: bool) -> Path | None:
    """Where the cache lives: --no-cache → none; --cache DIR; INCIDENT_CACHE (a folder, or 'off');
    else .incident-cache/ beside the events file."""
    if disabled:
        return None
    if option:
        return Path(option)
    said = os.environ.get(ENV, "").strip()
    if said.lower() in ("off", "0", "no", "none"):
        return None
    if said:
        return Path(said)
    return Path(events).resolve().parent / ".incident-cache"


@lru_cache(maxsize=1)
def code_digest() -> str:
    """The SHA-256 of the package's code and the versions that can change a result."""
    import numpy
    import pandas
    import scipy

    digest = hashlib.sha256(f"{sys.version_info[:2]} {numpy.__version__} {pandas.__version__} {scipy.__version__}".encode())
    package = Path(__file__).resolve().parents[1]
    for path in sorted(package.rglob("*.py")):
        digest.update(str(path.relative_to(package)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def key(header: bytes, rows: bytes, severity: str = "") -> str:
    digest = hashlib.sha256(code_digest().encode())
    for part in (header, severity.encode("utf-8"), rows):
        digest.update(len(part).to_bytes(8, "big") + part)
    return digest.hexdigest()


class Cache:
    """get_many / put_many over one SQLite file; `broken` says why it is not used (then it does nothing)."""

    def __init__(self, folder: Path | None):
        self.db: sqlite3.Connection | None = None
        self.broken = ""
        self.hits = self.misses = 0
        if folder is None:
            return
        try:
            folder.mkdir(parents=True, exist_ok=True)
            self.db = sqlite3.connect(folder / FILE, timeout=30, isolation_level=None)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.execute("CREATE TABLE IF NOT EXISTS entries (key TEXT PRIMARY KEY, text TEXT NOT NULL)")
        except (OSError, sqlite3.Error) as exc:
            self._fail(folder, exc)

    def _fail(self, where, exc) -> None:
        self.broken = f"the cache in {where} cannot be used ({exc}): every incident is computed"
        if self.db is not None:
            try:
                self.db.close()
            except sqlite3.Error:
                pass
        self.db = None

    def get_many(self, keys: list[str]) -> dict[str, str]:
        if self.db is None or not keys:
            return {}
        found: dict[str, str] = {}
        try:
            for i in range(0, len(keys), 500):
                part = keys[i:i + 500]
                rows = self.db.execute(f"SELECT key, text FROM entries WHERE key IN ({','.join('?' * len(part))})", part)
                found.update(rows.fetchall())
        except sqlite3.Error as exc:
            self._fail("its file", exc)
            return {}
        self.hits += len(found)
        self.misses += len(keys) - len(found)
        return found

    def put_many(self, entries: Iterable[tuple[str, str]]) -> None:
        if self.db is None:
            return
        try:
            self.db.execute("BEGIN")
            self.db.executemany("INSERT OR REPLACE INTO entries (key, text) VALUES (?, ?)", entries)
            self.db.execute("COMMIT")
        except sqlite3.Error as exc:
            self._fail("its file", exc)

    def close(self) -> None:
        if self.db is None:
            return
        try:
            (count,) = self.db.execute("SELECT COUNT(*) FROM entries").fetchone()
            if count > MAX_ENTRIES:
                self.db.execute("DELETE FROM entries WHERE rowid IN (SELECT rowid FROM entries ORDER BY rowid LIMIT ?)",
                                (count - MAX_ENTRIES,))
            self.db.close()
        except sqlite3.Error:
            pass
        self.db = None
