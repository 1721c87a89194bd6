"""Files: the one atomic writer, and the one reader of a file that must be a regular file.

Every file the tool writes (events.csv rewritten, imported claims, reports, the build record) goes
through `write_atomically` or the report's staging folder; every file it reads that a user or a
stranger could have replaced by a FIFO, a device or a symlink is read by `read_regular`, with a
size cap, so that no input can make a run hang or fill memory.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

CHUNK = 1 << 20
MAX_FILE = 512 << 20  # bytes: the largest file read this way unless a caller says less


def read_regular(path: Path, limit: int = MAX_FILE) -> bytes | None:
    """A regular file's bytes (not a symlink, FIFO or device; at most `limit` bytes), else None."""
    chunks: list[bytes] = []
    return b"".join(chunks) if _each_chunk(path, limit, chunks.append) else None


def hash_regular(path: Path, digest, limit: int = MAX_FILE) -> bool:
    """Feed a regular file's bytes to `digest` a chunk at a time (memory flat for any size);
    False when it is no regular file, is larger than `limit`, or cannot be read."""
    return _each_chunk(path, limit, digest.update)


def _each_chunk(path: Path, limit: int, sink) -> bool:
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return False
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > limit:
            return False
        total = 0
        while chunk := os.read(fd, CHUNK):
            total += len(chunk)
            if total > limit:
                return False
            sink(chunk)
        return True
    except OSError:
        return False
    finally:
        os.close(fd)


def write_atomically(path: Path, data: bytes) -> None:
    """Replace `path` with `data` so that an interrupted run leaves the old file or the new one,
    never half of either, and no debris: the bytes go to an unnamed file in the same folder
    (O_TMPFILE, which vanishes if the process is killed), which is then named and renamed over
    the target. Where the file system has no unnamed files, a hidden temporary file is used and
    removed on any error or signal. A symbolic link is written through: its target is replaced."""
    target = Path(os.path.realpath(path))
    try:
        mode = target.stat().st_mode & 0o7777
    except FileNotFoundError:
        mode = 0o666 & ~_umask()
    fd = _unnamed_file(target.parent)
    if fd is not None:
        tmp = target.parent / f".{target.name}.{os.getpid()}.tmp"
        try:
            _write_all(fd, data, mode)
            tmp.unlink(missing_ok=True)
            _name_unnamed(fd, tmp)
            named = True
        except OSError:
            named = False  # e.g. /proc refuses the link: fall back to a named temporary file
        finally:
            os.close(fd)
        if named:
            _replace(tmp, target)
            return
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        try:
            _write_all(fd, data, mode)
        finally:
            os.close(fd)
        _replace(Path(name), target)
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise


def _replace(tmp: Path, target: Path) -> None:
    try:
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _unnamed_file(folder: Path) -> int | None:
    flag = getattr(os, "O_TMPFILE", None)
    if flag is None or not Path("/proc/self/fd").is_dir():
        return None
    try:
        return os.open(folder, flag | os.O_WRONLY, 0o600)
    except OSError:
        return None


def _name_unnamed(fd: int, path: Path) -> None:
    """Give an O_TMPFILE file a name: linkat through /proc/self/fd, following the magic link
    (os.link with no directory fd would call link(2), which does not follow it)."""
    proc = os.open("/proc/self/fd", os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.link(str(fd), path, src_dir_fd=proc, follow_symlinks=True)
    finally:
        os.close(proc)


def _write_all(fd: int, data: bytes, mode: int) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]
    os.fsync(fd)
    os.fchmod(fd, mode)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
