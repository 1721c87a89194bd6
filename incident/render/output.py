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
        # never read (it could block or never end); writing replaces a symlink, refuses the rest
        if read_regular(out / name, limit=len(data)) != data:
            stale.append(name)
    return stale


PAGES = frozenset({"index", "comparison", "comparison-outages", "comparison-live-events", "stats"})  # report pages no incident may be named after: it would overwrite one
STAGING = ".incident-report.tmp"  # inside the output folder, while a run writes


class WriteFailed(OSError):
    """A report file could not be written; names the file, and the files already replaced that
    could not be put back (`stranded`): none, unless the file system refused even that."""

    def __init__(self, path: Path, error: OSError, stranded: tuple[str, ...] = ()):
        super().__init__(error.errno, error.strerror or str(error))
        self.path = path
        self.stranded = stranded

    def __str__(self) -> str:
        return f"{self.path}: cannot write: {self.strerror}"

    def outcome(self, out: Path) -> str:
        """What became of the folder, truthfully."""
        if not self.stranded:
            return f"the reports in {out} were left as they were"
        names = ", ".join(self.stranded[:10]) + (f", … ({len(self.stranded):,} in all)" if len(self.stranded) > 10 else "")
        return (f"{len(self.stranded):,} report files in {out} had already been replaced and could not be put back: "
                f"{names}; the folder mixes this run's files with the last run's: run the report again")


def write_report(files: Mapping[str, bytes], out: Path) -> list[str]:
    """Write the files that changed; nothing else in `out` is touched. Returns the names written.

    All or nothing, as far as the file system allows: every changed file is first written into
    a staging folder of this run's own inside `out`, and only when all are there are they renamed
    into place, one rename each, the file each replaces kept aside (a hard link) until all are in.
    A failure (a full disk, a read-only file, a folder that refuses a rename) or a signal puts back
    what was renamed, removes the staging folder and names the report file at fault, never the
    staging path; what could not be put back is named (`WriteFailed.stranded`). Nothing is written
    outside `out`: a subfolder of it that is a symbolic link (charts/ → elsewhere) is refused, and so
    is a FIFO, a device or a socket where a report file goes. Two runs into one folder never share a
    staging folder; a staging folder left by a killed run (older than an hour) is removed by a later one.
    """
    import tempfile

    changed = stale_files(files, out)
    if not changed:
        return []
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise WriteFailed(out, exc) from None
    for name in changed:
        _check_place(out, name)
    _remove_old_staging(out)
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
        _rename_all(changed, staging, out)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return changed


def _check_place(out: Path, name: str) -> None:
    """Refuse a report file's place when a folder on its way inside `out` is a symbolic link or no
    folder, or the file's place holds a FIFO, a device or a socket."""
    import stat

    place = out
    for part in Path(name).parts[:-1]:
        place = place / part
        try:
            mode = os.lstat(place).st_mode
        except FileNotFoundError:
            break
        except OSError as exc:
            raise WriteFailed(place, exc) from None
        if stat.S_ISLNK(mode):
            raise WriteFailed(place, NotADirectoryError(20, "a symbolic link: the report writes only inside its own folder"))
        if not stat.S_ISDIR(mode):
            raise WriteFailed(place, NotADirectoryError(20, "not a folder"))
    try:
        mode = os.lstat(out / name).st_mode
    except OSError:
        return
    if stat.S_ISFIFO(mode) or stat.S_ISCHR(mode) or stat.S_ISBLK(mode) or stat.S_ISSOCK(mode):
        raise WriteFailed(out / name, FileExistsError(17, "a FIFO, device or socket is there, not a regular file: not replaced"))


def _remove_old_staging(out: Path) -> None:
    import time

    for old in out.glob(STAGING + "*"):
        try:
            if old.is_dir() and not old.is_symlink() and time.time() - old.stat().st_mtime > 3600:
                shutil.rmtree(old, ignore_errors=True)
        except OSError:
            pass


def _rename_all(changed: list[str], staging: Path, out: Path) -> None:
    """Each staged file renamed over its target, the old one kept in `staging/.old`; on any failure
    (or a signal) the renamed ones are put back, and WriteFailed says which could not be."""
    kept = staging / ".old"
    done: list[str] = []
    made: list[Path] = []  # folders this run created inside `out`, removed again on failure
    target = out
    try:
        for name in changed:
            target = out / name
            missing = [p for p in [target.parent, *target.parent.parents] if p != out and out in p.parents and not p.exists()]
            target.parent.mkdir(parents=True, exist_ok=True)
            made += reversed(missing)
            if os.path.lexists(target):
                (kept / name).parent.mkdir(parents=True, exist_ok=True)
                try:
                    os.link(target, kept / name, follow_symlinks=False)
                except OSError:
                    shutil.copy2(target, kept / name, follow_symlinks=False)
            os.replace(staging / name, target)
            done.append(name)
    except BaseException as exc:
        stranded = _put_back(done, kept, out, made)
        if isinstance(exc, OSError):
            raise WriteFailed(target, exc, stranded) from None
        raise


def _put_back(done: list[str], kept: Path, out: Path, made: list[Path]) -> tuple[str, ...]:
    stranded = []
    for name in reversed(done):
        try:
            if os.path.lexists(kept / name):
                os.replace(kept / name, out / name)
            else:
                os.unlink(out / name)  # new in this run
        except OSError:
            stranded.append(name)
    for folder in reversed(made):
        try:
            folder.rmdir()
        except OSError:
            pass
    return tuple(sorted(stranded))


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
