"""The output folder: which files would change (`--check`), and writing the changed ones all or
nothing, through a staging folder of the run's own; only the files the report owns are touched."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Mapping


def stale_files(files: Mapping[str, bytes], out: Path) -> list[str]:
    """The files whose content on disk differs from `files` (missing ones included)."""
    from ..files import read_regular

    stale = []
    for name, data in files.items():
        # only a regular file can be up to date: a FIFO, a device or a symlink in its place is
        # never read (it could block or never end) and is replaced
        if read_regular(out / name, limit=len(data)) != data:
            stale.append(name)
    return stale


STAGING = ".incident-report.tmp"  # inside the output folder, while a run writes


class WriteFailed(OSError):
    """A report file could not be written; names the file."""

    def __init__(self, path: Path, error: OSError):
        super().__init__(error.errno, error.strerror or str(error))
        self.path = path

    def __str__(self) -> str:
        return f"{self.path}: cannot write: {self.strerror}"


def write_report(files: Mapping[str, bytes], out: Path) -> list[str]:
    """Write the files that changed; nothing else in `out` is touched. Returns the names written.

    All or nothing, as far as the file system allows: every changed file is first written into
    a staging folder of this run's own inside `out`, and only when all are there are they renamed
    into place, one rename each. A failure (a full disk, a read-only file) or a signal before that
    leaves `out` as it was and removes the staging folder; an error names the report file, never
    the staging path. Two runs into one folder never share a staging folder; a staging folder left
    by a killed run (older than an hour) is removed by a later one.
    """
    import tempfile
    import time

    changed = stale_files(files, out)
    if not changed:
        return []
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise WriteFailed(out, exc) from None
    for old in out.glob(STAGING + "*"):
        try:
            if old.is_dir() and not old.is_symlink() and time.time() - old.stat().st_mtime > 3600:
                shutil.rmtree(old, ignore_errors=True)
        except OSError:
            pass
    try:
        staging = Path(tempfile.mkdtemp(prefix=STAGING + "-", dir=out))
    except OSError as exc:
        raise WriteFailed(out, exc) from None
    try:
        for name in changed:
            target = out / name
            try:
                _write_file(staging / name, files[name])
            except WriteFailed as exc:
                raise WriteFailed(target, exc) from None
            if target.is_dir() and not target.is_symlink():
                raise WriteFailed(target, IsADirectoryError(21, "a folder is in the way"))
        for name in changed:
            target = out / name
            try:
                target.parent.mkdir(parents=True, exist_ok=True)
                os.replace(staging / name, target)
            except OSError as exc:
                raise WriteFailed(target, exc) from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return changed


def _write_file(path: Path, data: bytes) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except OSError as exc:
        raise WriteFailed(path, exc) from None


def remove_outdated(out: Path, recorded: Mapping[str, str], files: Mapping[str, bytes]) -> list[str]:
    """Remove the files an earlier run recorded writing into `out` (`recorded`: {name: SHA-256}, a
    build record's) that this run does not make (a page renamed, an incident gone), each only when
    it is still a regular file with the recorded bytes: a file anyone has changed since is kept.
    Returns the names removed, sorted."""
    import hashlib

    from ..files import hash_regular

    removed = []
    inside = out.resolve()
    for name in sorted(set(recorded) - set(files)):
        path = out / name
        if not path.parent.resolve().is_relative_to(inside):  # a folder linked elsewhere: not ours to clear
            continue
        digest = hashlib.sha256()
        if hash_regular(path, digest) and digest.hexdigest() == recorded[name]:
            try:
                path.unlink()
            except OSError:
                continue
            removed.append(name)
    return removed
