"""The record a report run keeps beside its files: what they were built from, and their digests.

The report is a pure function of its inputs (the events file, the postmortem files, the options,
SOURCE_DATE_EPOCH) and of the code that makes it (this package, the installed distributions,
Python, the zone database); the tests prove the same inputs give the same bytes. So when the key
of all of those is the one recorded, and every file in the output folder still has the digest
recorded, building the report again would write the same bytes: `report` and `report --check`
then have nothing to do and say so at once. Anything else (no record, another key, a file edited,
missing or added to the list) and the report is built as usual.

Light on purpose: no pandas, matplotlib or pydantic on this path.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path
from typing import Mapping, Sequence

NAME = ".incident-report.json"  # in the output folder; a cache, not a report (ignored by git)
VERSION = 1
CHUNK = 1 << 20


def key(events: Path, postmortems: Path, options: Mapping[str, object]) -> str | None:
    """The digest of everything the report depends on, or None when the events file cannot be
    read (the usual path then says why)."""
    digest = hashlib.sha256()
    digest.update(json.dumps({"record": VERSION, **options}, sort_keys=True).encode())
    try:
        _file(digest, events)
    except OSError:
        return None
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
    for source in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(f"\ncode {source.name}\n".encode())
        digest.update(source.read_bytes())
    digest.update(_environment().encode())
    return digest.hexdigest()


def _file(digest, path: Path) -> None:
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)


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


def unchanged(out: Path, build_key: str) -> dict | None:
    """The record in `out` when it has `build_key` and every file it lists is still as written."""
    try:
        record = json.loads((out / NAME).read_text(encoding="utf-8"))
        if record.get("version") != VERSION or record.get("key") != build_key:
            return None
        files = record["files"]
        for name, expected in files.items():
            digest = hashlib.sha256()
            _file(digest, out / name)
            if digest.hexdigest() != expected:
                return None
        if not isinstance(record.get("messages"), list):
            return None
        return record
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


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
    from .events_csv import write_atomically

    path = out / NAME
    try:
        if path.read_bytes() == record:
            return
    except OSError:
        pass
    try:
        write_atomically(path, record)
    except OSError:
        pass
