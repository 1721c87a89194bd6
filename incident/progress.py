"""Progress on long work, on stderr, only when stderr is a terminal (silent in pipes, logs and CI)."""

from __future__ import annotations

import time
from typing import TextIO

DELAY = 1.0  # seconds of work before progress is shown at all
EVERY = 0.2  # seconds between updates


class Progress:
    """`progress(done, total)` rewrites one line, 'drawing charts: 120 of 702'; `close()` ends it."""

    def __init__(self, stream: TextIO, what: str, clock=time.monotonic):
        self.stream, self.what, self.clock = getattr(stream, "raw", stream), what, clock  # past the escaping of messages
        self.start = clock()
        self.last = 0.0
        self.shown = False
        self.active = bool(getattr(stream, "isatty", lambda: False)())

    def __call__(self, done: int, total: int | None = None) -> None:
        if not self.active:
            return
        now = self.clock()
        if now - self.start < DELAY or (now - self.last < EVERY and done != total):
            return
        self.last = now
        count = f"{done:,} of {total:,}" if total else f"{done:,}"
        self.stream.write(f"\r{self.what}: {count}\033[K")
        self.stream.flush()
        self.shown = True

    def close(self) -> None:
        if self.shown:
            self.stream.write("\r\033[K")
            self.stream.flush()
            self.shown = False
