"""The record a report run keeps beside its files: what they were built from, and their digests.

The report is a pure function of its inputs (the events file, the postmortem files, the options,
SOURCE_DATE_EPOCH) and of the code that makes it (this package, the installed distributions,
Python, the zone database); the tests prove the same inputs give the same bytes. So when the key
of all of those is the one recorded, and every file in the output folder still has the digest
recorded, building the report again would write the same bytes: `report` and `report --check`
then have nothing to do and say so at once. Anything else (no record, another key, a file edited,
missing or added to the list) and the report is built as usual.

The record is a file in a folder a user or a pull request may edit: nothing it says is believed
without a check. A record that is not an object of the expected shape, names a file outside the
folder (absolute, `..`, a NUL), or a file that is not a regular file (a FIFO, a device, a symlink)
counts as no record; every file is read with a size cap, so that no record makes a run hang or
fill memory.

Light on purpose: no pandas, matplotlib or pydantic on this path.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path, PurePosixPath
from typing import Mapping, Sequence

from .files import hash_regular, read_regular

NAME = ".incident-report.json"  # in the output folder; a cache, not a report (ignored by git)
VERSION = 1
MAX_RECORD = 64 << 20  # bytes: a record lists a few thousand files


def key(events: Path, postmortems: Path, options: Mapping[str, object], events_digest: str | None = None) -> str | None:
    """The digest of everything the report depends on, or None when the events file cannot be
    read (the usual path then says why). `events_digest`: the SHA-256 of the events bytes a run
    actually loaded, so that a record never describes bytes other than those it was built from
    (the file may change while a run reads it); without it, the file is read here."""
    digest = hashlib.sha256()
    digest.update(json.dumps({"record": VERSION, **options}, sort_keys=True).encode())
    if events_digest is None:
        events_hash = hashlib.sha256()
        try:
            _file(events_hash, events)
        except OSError:
            return None
        events_digest = events_hash.hexdigest()
    digest.update(f"events {events_digest}\n".encode())
    try:
        notes = sorted(p for p in postmortems.iterdir() if p.suffix == ".md" and p.is_file())
    except OSError:
        notes = []
    for path in notes:
        digest.update(f"\npostmortem {path.name}\n".encode())
        try:
            _file(digest, path)
        except OSError:
            return None
    digest.update(package_code())
    digest.update(_environment().encode())
    return digest.hexdigest()


PACKAGE = Path(__file__).resolve().parent


def package_code() -> bytes:
    """Every file of the package, recursively, with its path: any module a report or a chart
    depends on, however deep, and the package data (templates) too. A hand-kept list of modules
    goes stale the first time a chart starts to depend on another one."""
    global _CODE
    if _CODE is None:
        parts = []
        for source in sorted(p for p in PACKAGE.rglob("*") if p.is_file() and p.suffix in (".py", ".html", ".css", ".txt", ".json")
                             and "__pycache__" not in p.parts):
            parts.append(f"\ncode {source.relative_to(PACKAGE).as_posix()}\n".encode())
            parts.append(source.read_bytes())
        _CODE = b"".join(parts)
    return _CODE


_CODE: bytes | None = None


def imported_code(roots: tuple[str, ...]) -> bytes:
    """The source of the modules `roots` import, however deep (every import statement of each, in a
    function too, read from its syntax, not from what a process happened to load), with their paths:
    what can run while they run. Drawing a chart runs only these, so a chart's stamp changes with
    them and not with an importer's or a command's code. The package's own __init__ is read but not
    followed: it imports the public API only when the API is first used."""
    seen: dict[str, Path] = {}
    todo = list(roots)
    while todo:
        name = todo.pop()
        path = _module_file(name) if name not in seen else None
        if path is None:
            continue
        seen[name] = path
        if name != PACKAGE.name:
            todo += _imports(path, name)
    return b"".join(f"\ncode {seen[name].relative_to(PACKAGE).as_posix()}\n".encode() + seen[name].read_bytes()
                    for name in sorted(seen))


def _module_file(name: str) -> Path | None:
    """The file of a module of this package ('incident.render.chart'), or None (a name it imports
    from a module, not a module)."""
    if name != PACKAGE.name and not name.startswith(PACKAGE.name + "."):
        return None
    base = PACKAGE.joinpath(*name.split(".")[1:])
    if (base / "__init__.py").is_file():
        return base / "__init__.py"
    return base.with_suffix(".py") if base.with_suffix(".py").is_file() else None


def _imports(path: Path, name: str) -> list[str]:
    """The package's modules a module's import statements name (`from ..timeline import events`
    names both incident.timeline and incident.timeline.events)."""
    import ast

    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found = []
    for node in ast.walk(ast.parse(path.read_bytes())):
        if isinstance(node, ast.ImportFrom):
            parts = package.split(".")
            base = parts[:len(parts) - node.level + 1] if node.level else []
            module = ".".join(base + ([node.module] if node.module else []))
            found += [module] + [f"{module}.{alias.name}" for alias in node.names]
        elif isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
    return found


def _file(digest, path: Path) -> None:
    if not hash_regular(path, digest):
        raise OSError(f"{path}: not a regular file, or unreadable")


def _environment() -> str:
    """Python, every installed distribution with its version (the names of their dist-info
    folders), and the version of the system's zone database, which zoneinfo reads first."""
    found = []
    for entry in sys.path:
        try:
            found += [p.name for p in Path(entry or ".").iterdir() if p.name.endswith(".dist-info")]
        except OSError:
            continue
    zone_version = ""
    import zoneinfo

    for folder in zoneinfo.TZPATH:
        try:
            with open(Path(folder) / "tzdata.zi", "rb") as handle:
                zone_version = f"{folder}: {handle.readline().decode(errors='replace').strip()}"
            break
        except OSError:
            continue
    return "\n".join([sys.version, zone_version, *sorted(set(found))])


def _safe_name(name: object) -> bool:
    """A relative path inside the folder: no absolute path, no `..`, no NUL, no backslash."""
    if not isinstance(name, str) or not name or "\0" in name or "\\" in name or len(name) > 1000:
        return False
    path = PurePosixPath(name)
    return not path.is_absolute() and ".." not in path.parts and path.parts[:1] != ("",)


def load(out: Path) -> dict | None:
    """The record in `out` when it is well formed: {"version", "key", "messages": [str],
    "files": {safe name: hex digest}}; None otherwise (counted as no record)."""
    data = read_regular(out / NAME, MAX_RECORD)
    if data is None:
        return None
    try:
        record = json.loads(data.decode("utf-8"))
    except (ValueError, RecursionError):
        return None
    if not isinstance(record, dict) or record.get("version") != VERSION or not isinstance(record.get("key"), str):
        return None
    messages, files = record.get("messages"), record.get("files")
    if not isinstance(messages, list) or not all(isinstance(m, str) for m in messages):
        return None
    if not isinstance(files, dict) or not all(
        _safe_name(name) and isinstance(digest, str) and len(digest) == 64 for name, digest in files.items()
    ):
        return None
    return record


def unchanged(out: Path, build_key: str) -> dict | None:
    """The record in `out` when it has `build_key` and every file it lists is still as written."""
    record = load(out)
    if record is None or record["key"] != build_key:
        return None
    for name, expected in record["files"].items():
        digest = hashlib.sha256()
        if not hash_regular(out / name, digest) or digest.hexdigest() != expected:
            return None
    return record


def digests(out: Path) -> dict[str, str]:
    """What a well-formed record in `out` says this tool wrote there ({name: SHA-256}), whatever
    its key: a chart whose bytes still have that digest was drawn by this tool."""
    record = load(out)
    return dict(record["files"]) if record is not None else {}


def text(build_key: str, files: Mapping[str, bytes], messages: Sequence[str]) -> bytes:
    """The record of a run that left `files` in the output folder and printed `messages`."""
    record = {
        "version": VERSION,
        "key": build_key,
        "messages": list(messages),
        "files": {name: hashlib.sha256(data).hexdigest() for name, data in sorted(files.items())},
    }
    return (json.dumps(record, indent=1, sort_keys=True) + "\n").encode("utf-8")


def save(out: Path, record: bytes) -> None:
    """Write the record into `out`, atomically, unless it is there already. It is only a cache: a
    failure to write it is not an error (the next run builds the report again)."""
    from .files import read_regular, write_atomically

    path = out / NAME
    if read_regular(path, len(record)) == record:  # never opens a FIFO there (it would wait for a writer)
        return
    try:
        write_atomically(path, record)
    except OSError:
        pass
