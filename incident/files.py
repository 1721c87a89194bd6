"""Files: the one atomic writer, the one check of a target, the one lock, and the one reader of a
file that must be a regular file.

Every file the tool writes (events.csv rewritten, imported claims, reports, the build record) goes
through `write_atomically`, `create_new` or the report's staging folder, and none of them replaces
or writes into anything but a regular file (`refuse_unless_regular`: a FIFO, a device or a folder
named as a target is refused, never replaced by a file); every command that reads a file and
writes it back holds `locked(path)` meanwhile, so that two runs at once never lose each other's
rows; every file it reads that a user or a stranger could have replaced by a FIFO, a device or a
symlink is read by `read_regular`, with a size cap, so that no input can make a run hang or fill
memory.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
import time
from pathlib import Path

from .diagnostics import FileUnusable

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


_KINDS = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a FIFO"), (stat.S_ISCHR, "a character device"),
          (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"))


def not_regular(path: str | Path) -> str | None:
    """What `path` is when it exists (through any symbolic link) and is no regular file ("a FIFO",
    "a character device", "a folder", …); None when it is a regular file or there is nothing."""
    try:
        mode = os.stat(path).st_mode
    except (OSError, ValueError):  # nothing there (or a dangling link: writing creates its target)
        return None
    if stat.S_ISREG(mode):
        return None
    return next((what for test, what in _KINDS if test(mode)), "not a regular file")


def refuse_unless_regular(path: str | Path, stdout_too: bool = False) -> None:
    """Raise FileUnusable when a target to write exists and is no regular file: a writer never
    replaces a device, a FIFO or a folder with a file (run as root, `--out /dev/null` would replace
    the device itself), nor reads or writes into one (a FIFO would block). `stdout_too`: the
    option takes - for standard output, and the message says so."""
    what = not_regular(path)
    if what is not None:
        hint = " (--out - writes to standard output)" if stdout_too else ""
        raise FileUnusable(f"{path}: is {what}, not a regular file: nothing written{hint}")


class NotRegularFile(OSError):
    """The target of a write is no regular file (found at the moment of writing)."""

    def __init__(self, path: Path, what: str):
        super().__init__(errno.EEXIST, f"it is {what}, not a regular file: not replaced", str(path))


def write_atomically(path: Path, data: bytes) -> None:
    """Replace `path` with `data` so that an interrupted run leaves the old file or the new one,
    never half of either, and no debris: the bytes go to an unnamed file in the same folder
    (O_TMPFILE, which vanishes if the process is killed), which is then named and renamed over
    the target. Where the file system has no unnamed files, a hidden temporary file is used and
    removed on any error or signal. A symbolic link is written through: its target is replaced."""
    target = Path(os.path.realpath(path))
    what = not_regular(target)
    if what is not None:
        raise NotRegularFile(path, what)
    try:
        mode = target.stat().st_mode & 0o7777
    except FileNotFoundError:
        mode = 0o666 & ~_umask()
    fd = _unnamed_file(target.parent)
    if fd is not None:
        tmp = target.parent / f"{_hidden(target.name)}.{os.getpid()}.tmp"
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
    _replace(_temporary_copy(target.parent, target.name, data, mode), target)


def _temporary_copy(folder: Path, name: str, data: bytes, mode: int) -> Path:
    """`data` in a new hidden file in `folder`, beside `name` (removed again if writing fails)."""
    fd, temporary = tempfile.mkstemp(prefix=f"{_hidden(name)}.", suffix=".tmp", dir=folder)
    try:
        try:
            _write_all(fd, data, mode)
        finally:
            os.close(fd)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return Path(temporary)


def create_new(path: Path, data: bytes) -> None:
    """Write a new file at `path`, whole or not at all: the bytes go to a temporary file that is then
    linked to its name, which fails (FileExistsError) when anything has that name. A failed write
    (a full disk) leaves nothing behind, so a second run is not refused by a half-written file."""
    path = Path(path)
    mode = 0o666 & ~_umask()
    fd = _unnamed_file(path.parent)
    if fd is not None:
        try:
            _write_all(fd, data, mode)
            _name_unnamed(fd, path)
            return
        except FileExistsError:
            raise
        except OSError as exc:
            if exc.errno not in (errno.EPERM, errno.EACCES, errno.EXDEV, errno.ENOENT) or os.path.lexists(path):
                raise
        finally:
            os.close(fd)
    temporary = _temporary_copy(path.parent, path.name, data, mode)
    try:
        os.link(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


LOCK_WAIT = 600.0  # seconds a command waits for another one writing the same file before it gives up


@contextlib.contextmanager
def locked(path: str | Path, said=None):
    """Hold the lock of the file at `path` (through symbolic links) while it is read and written
    back: commands that rewrite or add to one file (`--append`, `fmt`, `new`) take turns, each
    reading what the one before it wrote. The lock is `flock` on a hidden file beside the target
    (`.NAME.lock`), removed when released; a waiter that finds the lock file replaced tries again,
    so removing it is safe. `said(message)` is told once when the lock is busy."""
    target = Path(os.path.realpath(path))
    lock = target.parent / f"{_hidden(target.name)}.lock"
    deadline = time.monotonic() + LOCK_WAIT
    while True:
        fd = _open_lock(lock, target)
        if fd is None:
            yield  # no folder, or one nobody can write to: the write itself will say so; no one else writes there
            return
        try:
            _wait_for(fd, lock, deadline, said)
            held = os.fstat(fd)
            try:
                now = os.stat(lock, follow_symlinks=False)
                current = (now.st_dev, now.st_ino) == (held.st_dev, held.st_ino)
            except FileNotFoundError:
                current = False
        except BaseException:
            os.close(fd)
            raise
        if current:
            break
        os.close(fd)  # its holder removed it when done: lock the new one
        said = None
    try:
        yield
    finally:
        try:
            os.unlink(lock)
        except OSError:
            pass
        os.close(fd)


def _hidden(name: str) -> str:
    """The stem of a hidden file beside `name` (its lock, its temporary copy): '.NAME', or, for a
    name too long to take a suffix within the 255 bytes a folder entry holds, a hash of it."""
    if len(name.encode()) <= 200:
        return f".{name}"
    import hashlib

    return f".{hashlib.sha256(name.encode()).hexdigest()[:32]}"


def _open_lock(lock: Path, target: Path) -> int | None:
    """The lock file, opened (made when missing); None when the folder is missing or cannot be
    written. Anything but a regular file there (a folder, a FIFO, a link) is refused, named."""
    flags = os.O_RDWR | os.O_CREAT | os.O_CLOEXEC | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(lock, flags, 0o600)
    except OSError as exc:
        if exc.errno in (errno.ENOENT, errno.ENOTDIR) or (
                exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM) and not os.access(target.parent, os.W_OK)):
            return None
        raise FileUnusable(f"{target}: its lock file {lock} cannot be made: {exc.strerror or exc} (remove what is there)") from None
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise FileUnusable(f"{target}: its lock file {lock} is not a regular file: remove it")
    return fd


def _wait_for(fd: int, lock: Path, deadline: float, said) -> None:
    import fcntl

    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            pass
        if said is not None:
            said("waiting for another incident command that is writing this file…")
            said = None
        if time.monotonic() > deadline:
            raise FileUnusable(f"{lock.parent / lock.name[1:-5]}: another command has been writing it for "
                               f"{LOCK_WAIT:g} s: gave up (if none is running, remove {lock})")
        time.sleep(0.05)


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
