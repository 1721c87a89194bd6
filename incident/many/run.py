"""Every incident's metric records, incident by incident, in id order: from the cache when its rows
are unchanged, else computed in batches of whole incidents — in this process, or in a pool of
`jobs` processes with a bounded number of batches in flight (memory: a few batches, not the file).

Any row `incident validate` would reject stops the run with the reader's own messages (the file is
then read as `validate` reads it, to word them); a file the index cannot place is read whole.
"""

from __future__ import annotations

import os
from collections import deque
from concurrent.futures import BrokenExecutor
from typing import Iterator, Mapping, TextIO

from ..diagnostics import UsageError
from . import index as indexing
from .cache import Cache, key
from .work import InvalidRows, Mismatch, batch_texts, csv_text, rows_attributes, selected


class WorkerLost(UsageError):
    """A worker process died (killed, out of memory): no input is at fault."""


BATCH_ROWS = 4_000  # rows a batch holds at most (unless one incident has more)
BATCH_INCIDENTS = 400
AUTO_ROWS = 50_000  # a file with fewer rows is read in this process when --jobs is not given


def usable_cores() -> int:
    try:
        return max(len(os.sched_getaffinity(0)), 1)
    except AttributeError:  # not on Linux
        return max(os.cpu_count() or 1, 1)


def texts(path: str, wanted: tuple[str, ...] | None = None, jobs: int | None = None, cache: Cache | None = None,
          severities: Mapping[str, str] | None = None, progress=None) -> Iterator[tuple[str, str]]:
    """(incident, the CSV lines of its records) for every incident of the file (only the `wanted` ids
    or patterns when given; every row is checked all the same), by id. `jobs` None: one process
    below AUTO_ROWS rows, else as many as there are cores. Raises InputError for an invalid file."""
    severities = severities or {}
    try:
        found = indexing.build(path)
    except indexing.NotIndexed:
        yield from whole_file(path, wanted, severities)
        return
    jobs = jobs or (1 if found.rows < AUTO_ROWS else usable_cores())
    given: set[str] = set()
    try:
        for name, text in _indexed(found, wanted, jobs, cache or Cache(None), severities, progress):
            given.add(name)
            yield name, text
    except (Mismatch, indexing.NotIndexed):  # (a file changed while read, a cell read two ways)
        yield from ((name, text) for name, text in whole_file(path, wanted, severities) if name not in given)
    except InvalidRows as exc:
        _raise_as_validate(path, exc)
    except BrokenExecutor:
        raise WorkerLost("a worker process ended before its incidents were done (out of memory?): "
                         "try fewer --jobs, or --jobs 1") from None


def _raise_as_validate(path: str, exc: InvalidRows):
    """The file's errors as `validate` words them (read as it reads it: flat memory)."""
    from ..diagnostics import InputError
    from ..events_csv.reader import load

    result = load(path, keep_claims=False)
    raise InputError(result.diagnostics if not result.ok else exc.diagnostics)


def whole_file(path: str, wanted: tuple[str, ...] | None, severities: Mapping[str, str]) -> Iterator[tuple[str, str]]:
    """The same, the file read whole (what every command did before: memory grows with the file)."""
    from ..collecting import paused
    from ..events_csv.reader import load
    from ..timeline.reconstruct import reconstruct
    from ..timeline.records import incident_records

    result = load(path, keep_rows=True).raise_for_errors()
    claims: dict[str, list] = {}
    for claim in result.claims:
        claims.setdefault(claim.incident, []).append(claim)
    attributes = rows_attributes((row.cells for row in result.rows), list(result.header))
    with paused():
        for name in sorted(claims):
            if selected(name, wanted):
                severity, components = attributes.get(name, ("", ()))
                yield name, csv_text(incident_records(reconstruct(claims[name]), severities.get(name) or severity, components))


def _batches(found: indexing.Index, fd: int):
    """Batches of (incident, its rows' bytes), whole incidents, in id order."""
    batch: list[tuple[str, bytes]] = []
    rows = 0
    for name, members in indexing.groups(found):
        if batch and (rows + len(members) > BATCH_ROWS or len(batch) >= BATCH_INCIDENTS):
            yield batch
            batch, rows = [], 0
        batch.append((name, indexing.read_rows(fd, found, members)))
        rows += len(members)
    if batch:
        yield batch


def _indexed(found: indexing.Index, wanted, jobs: int, cache: Cache, severities, progress) -> Iterator[tuple[str, str]]:
    fd = os.open(found.path, os.O_RDONLY)
    pool = _pool(jobs) if jobs > 1 else None
    pending: deque = deque()
    done, total = 0, len(found.names)
    try:
        for batch in _batches(found, fd):
            keys = [key(found.header, rows, severities.get(name, "")) for name, rows in batch] if cache.db is not None else []
            hits = cache.get_many(keys)
            misses = [(name, rows) for (name, rows), k in zip(batch, keys or [""] * len(batch)) if k not in hits]
            task = (found.header, misses, {n: severities[n] for n, _ in misses if n in severities}, wanted)
            result = (pool.submit(batch_texts, *task) if pool is not None else _Ready(batch_texts(*task))) if misses else None
            pending.append((batch, keys, hits, result))
            while pending and (len(pending) > 2 * jobs + 1 or pending[0][3] is None or pending[0][3].done()):
                done += len(pending[0][0])
                yield from _settle(pending.popleft(), cache, wanted)
                if progress is not None:
                    progress(done, total)
        while pending:
            yield from _settle(pending.popleft(), cache, wanted)
    finally:
        os.close(fd)
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)


def _settle(entry, cache: Cache, wanted) -> Iterator[tuple[str, str]]:
    """A batch's texts in id order: from the cache, or its worker's answer (then kept in the cache)."""
    batch, keys, hits, result = entry
    computed = dict(result.result()) if result is not None else {}
    if keys and result is not None:
        fresh = [(k, computed.get(name, "")) for (name, _), k in zip(batch, keys)
                 if k not in hits and selected(name, wanted)]
        cache.put_many(fresh)
    for (name, _), k in zip(batch, keys or [None] * len(batch)):
        if not selected(name, wanted):
            continue
        text = hits[k] if k in hits else computed.get(name, "")
        if text:
            yield name, text


class _Ready:
    def __init__(self, value):
        self.value = value

    def done(self) -> bool:
        return True

    def result(self):
        return self.value


def _pool(jobs: int):
    """`jobs` worker processes, forked where the system can (they start with what is imported)."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    return ProcessPoolExecutor(jobs, mp_context=context, initializer=_quiet_worker)


def _quiet_worker() -> None:
    """A worker ends when the pool ends it, quietly: Ctrl-C and SIGTERM are the parent's to handle."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_DFL)


def write_csv(items: Iterator[tuple[str, str]], out: TextIO) -> int:
    """The records as `incident metrics --csv` prints them; returns how many incidents."""
    from .metrics_file import RECORD_COLUMNS

    out.write(",".join(RECORD_COLUMNS) + "\n")
    count = 0
    for _, text in items:
        out.write(text)
        count += 1
    return count
