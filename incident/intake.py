"""Rows from an importer or `extract` into an events file: validated and in canonical form before
anything is written, then written atomically (or printed); the `import` commands that make them;
and `new`, which adds an incident's starter rows and its starter postmortem."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Sequence, TextIO

from .words import counted, plural_of
from .diagnostics import ExitCode, ImportFailed, InputError, UsageError, print_diagnostics
from .options import Import, New, Target

if TYPE_CHECKING:
    from .importers.statuspage import Record

FREE_TEXT = ("label", "quote", "note", "source", "as_reported", "unit", "status", "update_id")  # cells an importer fills with a record's text


def write_imported(where: Target, files: Sequence[str], rows: list[dict], incidents: int, stdout: TextIO, stderr: TextIO,
                   new_incidents_only: bool = True) -> int:
    """Imported rows (read from `files`) to stdout (no --out, or --out -), a new file (--out) or
    appended to an events file (--append): a target that is no regular file is refused, and the
    target is locked from the moment it is read to the moment it is written, so two runs at once
    lose nothing."""
    from .files import locked, refuse_unless_regular

    where = Target(None if where.out == "-" else where.out, where.append)
    if where.append == "-":
        raise UsageError("--append -: standard output cannot be added to: give an events file (or --out - to print)")
    target = where.path
    if target is None:
        return _write_rows(where, files, rows, incidents, stdout, stderr, new_incidents_only)
    refuse_unless_regular(target, stdout_too=bool(where.out))
    with locked(target, lambda message: print(f"{target}: {message}", file=stderr)):
        return _write_rows(where, files, rows, incidents, stdout, stderr, new_incidents_only)


def _write_rows(where: Target, files: Sequence[str], rows: list[dict], incidents: int, stdout: TextIO, stderr: TextIO,
                new_incidents_only: bool = True) -> int:
    """Validated and in canonical form before anything is written; an incident already in the
    target is refused (unless `new_incidents_only` is False: drafted claims add to an incident)."""
    from pathlib import Path

    from .events_csv.canonical import canonical_text, csv_line, is_starter_row
    from .events_csv.reader import load, parse
    from .files import write_atomically
    from .timeline.reconstruct import reconstruct_all
    from .importers.statuspage import columns_of

    from .render.text import spreadsheet_cell

    if not rows:
        raise ImportFailed(f"{', '.join(map(str, files))}: no incidents in it to import")
    rows = sorted(rows, key=lambda row: row["incident"])  # new incidents go after the file's own, by id
    # imported text goes into a file the docs invite users to open in a spreadsheet: a cell that
    # would start a formula (=, +, -, @) gets a leading apostrophe, as the --csv exports do
    rows = [{name: spreadsheet_cell(value) if name in FREE_TEXT else value for name, value in row.items()} for row in rows]
    header = columns_of(rows)
    existing = None
    if where.out and Path(where.out).exists():
        raise UsageError(f"{where.out} exists: use --append to add to it")
    if where.append and Path(where.append).exists():  # else the file is made, with the header
        existing = load(where.append, keep_rows=True).raise_for_errors()
        clash = sorted({row["incident"] for row in rows} & set(existing.incidents()))
        if clash and new_incidents_only:
            raise UsageError(f"{where.append} already has incident {clash[0]!r}: not imported again (remove it first to re-import)")
        header = existing.written_header + [c for c in header if c not in existing.header]
    lines = [csv_line(header)]
    filled: list[str] = []
    labels: dict[tuple[str, str], str] = {}
    if existing is not None:
        added = {(row["incident"], row["event"]) for row in rows}
        for row in existing.rows:
            cells = dict(zip(existing.header, row.cells))
            if is_starter_row(cells) and (cells["incident"], cells["event"]) in added:
                filled.append(cells["event"])  # a placeholder `new` wrote, for an event that has claims now:
                labels[(cells["incident"], cells["event"])] = cells["label"]  # its label goes to the first claim
                continue
            lines.append(csv_line([cells.get(name.strip(), "") for name in header]))
    for new_row in rows:
        label = labels.pop((new_row["incident"], new_row["event"]), None)
        if label is not None and not new_row.get("label"):
            new_row = {**new_row, "label": label}
        lines.append(csv_line([str(new_row.get(name.strip(), "")) for name in header]))
    target = where.out or where.append or "stdout"
    events = parse("".join(lines).encode("utf-8"), target, keep_rows=True)
    if not events.ok:  # a problem on an imported row: named by the record, never by a line of the combined text
        first_imported = 2 + (len(existing.rows) if existing is not None else 0)
        raise InputError([
            dataclasses.replace(d, path=f"{', '.join(map(str, files))} (imported claim {d.line - first_imported + 1}, "
                                f"incident {rows[d.line - first_imported]['incident']})", line=0)
            if d.line >= first_imported and d.line - first_imported < len(rows) else d
            for d in events.errors
        ])
    timelines = reconstruct_all(events.claims)
    order = {(name, e.event): rank for name, t in timelines.items() for rank, e in enumerate(t.events)}
    data = canonical_text(events, order)
    final = parse(data.encode("utf-8"), target, keep_claims=False)
    print_diagnostics([d for d in final.diagnostics if not d.is_error], stderr)  # as validate would say
    if where.out or where.append:
        try:
            write_atomically(Path(target), data.encode("utf-8"))
        except OSError as exc:
            print(f"{target}: cannot write: {exc.strerror or exc}", file=stderr)
            return ExitCode.INVALID
        print(f"{target}: {counted(len(rows), 'claim')} from {counted(incidents, 'incident')} {'imported' if new_incidents_only else 'added'}", file=stderr)
        if filled:
            print(f"{target}: the starter {plural_of(len(filled), 'row')} of {', '.join(filled)}, filled by these claims, "
                  f"{'was' if len(filled) == 1 else 'were'} removed", file=stderr)
    else:
        stdout.write(data)
    return ExitCode.OK


def import_records(options: Import, stdout: TextIO, stderr: TextIO) -> int:
    """`incident import SOURCE`: the claims of the saved records, written (or printed)."""
    rows, count = imported_rows(options, stderr)
    return write_imported(Target(options.out, options.append), options.files, rows, count, stdout, stderr)


def imported_rows(options: Import, stderr: TextIO) -> tuple[list[dict], int]:
    """The rows the records of `options.files` make (importer `options.source`) and how many
    incidents they are; what the importer read in the updates' prose is said on `stderr`."""
    readers = {"statuspage": _statuspage_rows, "feed": _feed_rows, "gcp": _gcp_rows}
    return readers[options.source](options, stderr)


def _statuspage_rows(options: Import, stderr: TextIO) -> tuple[list[dict], int]:
    from .importers.fetch import is_address, statuspage_address
    from .importers.statuspage import read_records

    _check_slug(options.page_slug)
    records = [record for path in options.files for record in read_records(statuspage_address(path) if is_address(path) else path)]
    return _record_rows(options, records, "statuspage", stderr)


def _feed_rows(options: Import, stderr: TextIO) -> tuple[list[dict], int]:
    from .importers.feed import read_records

    _check_slug(options.page_slug)
    records = [record for path in options.files for record in read_records(path)]
    return _record_rows(options, records, "feed", stderr)


def _record_rows(options: Import, records: list, fallback: str, stderr: TextIO) -> tuple[list[dict], int]:
    """The claims of status-page records (from JSON or a feed), each incident once."""
    from .importers.statuspage import claims, page_slug

    records = _picked(options.incident, records, lambda r: {r.incident["id"]})
    rows: list[dict] = []
    said: list[str] = []
    kept = _one_each([(options.page_slug or page_slug(record.page, fallback), record) for record in records], stderr)
    for slug, record in kept:
        rows += claims(record, slug, said)
    _say(said, stderr)
    return rows, len(kept)


def _one_each(records: list[tuple[str, Record]], stderr: TextIO) -> list[tuple[str, Record]]:
    """(slug, record) pairs, one per incident: records of one page with the same raw id are one
    incident read twice (a list and its per-incident answer, a feed's Atom and RSS), their updates
    merged; records of different pages are different incidents whatever their raw ids; a record of
    the same page and id but another name is another incident, given an id of its own. Nothing is
    dropped without a word."""
    import dataclasses

    kept: dict[tuple[str, str], tuple[str, Record]] = {}
    for slug, record in records:
        raw = record.incident["id"]
        key, number = (slug, raw), 2
        while key in kept and kept[key][1].incident["name"] != record.incident["name"]:
            key, number = (slug, f"{raw}-{number}"), number + 1
        if key[1] != raw:
            other = kept[(slug, raw)][1]
            print(f"{record.path}: incident {raw} ({record.incident['name'][:80]!r}) has the id of another in {other.path} "
                  f"({other.incident['name'][:80]!r}): imported as {slug}-{key[1]}", file=stderr)
            record = dataclasses.replace(record, incident={**record.incident, "id": key[1]})
        if key not in kept:
            kept[key] = (slug, record)
            continue
        first = kept[key][1]
        merged = _merged_updates(first.incident["incident_updates"], record.incident["incident_updates"])
        if len(merged) > len(first.incident["incident_updates"]):
            print(f"{record.path}: incident {key[1]} also in {first.path}: "
                  f"{len(merged) - len(first.incident['incident_updates']):,} more updates merged into it", file=stderr)
            kept[key] = (slug, dataclasses.replace(first, incident={**first.incident, "incident_updates": merged},
                                                   complete=first.complete or record.complete))
    return list(kept.values())


def _merged_updates(first: list[dict], second: list[dict]) -> list[dict]:
    """The updates of both, each once (by its id, or its time, status and text when it has none)."""
    def key(update):
        return update.get("id") or (update.get("created_at"), update.get("status"), update.get("body"))

    seen = {key(u) for u in first}
    merged = list(first)
    for update in second:
        if key(update) not in seen:
            seen.add(key(update))
            merged.append(update)
    return merged


def _check_slug(slug: str | None) -> None:
    import re

    from .model.ids import SLUG_PATTERN

    if slug is not None and not re.fullmatch(SLUG_PATTERN, slug):
        raise UsageError(f"--page-slug {slug!r} is not an id: use lowercase letters, digits and '-'")


def _say(lines: list[str], stderr: TextIO, limit: int = 100) -> None:
    """What the importer read in the updates' prose, and what it could not: at most `limit` lines."""
    for line in lines[:limit]:
        print(line, file=stderr)
    if len(lines) > limit:
        print(f"… and {len(lines) - limit:,} more updates with times in their prose", file=stderr)


def _gcp_rows(options: Import, stderr: TextIO) -> tuple[list[dict], int]:
    from .importers.gcp import claims, incident_ids, read_incidents

    incidents = [incident for path in options.files for incident in read_incidents(path)]
    incidents = _picked(options.incident, incidents, lambda i: {str(i["id"]), str(i.get("number") or "")})
    idents = incident_ids(incidents)
    rows, seen = [], set()
    for incident in incidents:
        if incident["id"] in seen:
            continue
        seen.add(incident["id"])
        rows += claims(incident, idents[str(incident["id"])])
    return rows, len(seen)


def _picked(wanted, items, names):
    if not wanted:
        return items
    known = set().union(*(names(item) for item in items)) if items else set()
    missing = [name for name in wanted if name not in known]
    if missing:
        raise UsageError(f"no incident {missing[0]!r} in the files given")
    return [item for item in items if names(item) & set(wanted)]


def new(options: New, stdout: TextIO, stderr: TextIO) -> int:
    """`incident new`: the id checked (a slug, no report page's name), then the events file locked
    while its starter rows are added."""
    from pathlib import Path

    from . import postmortem
    from .files import locked, refuse_unless_regular
    from .model.ids import SLUG, slugify
    from .render.output import PAGES

    if not SLUG.match(options.incident):
        slug = slugify(options.incident)
        hint = f"; did you mean {slug!r}?" if slug and SLUG.match(slug) else ""
        raise UsageError(f"{options.incident!r} is not an id: lowercase letters, digits and '-', starting with a letter or digit{hint}")
    if options.incident in PAGES:
        raise UsageError(f"{options.incident!r} is the name of a report page ({', '.join(sorted(PAGES))}): give the incident another id")
    events = Path(options.events)
    folder = Path(options.postmortems) if options.postmortems else postmortem.default_folder(options.events)
    target = postmortem.path_for(folder, options.incident)
    if options.postmortem_only:
        return _new_files(options, events, target, stderr)
    refuse_unless_regular(events)
    with locked(events, lambda message: print(f"{events}: {message}", file=stderr)):
        return _new_files(options, events, target, stderr)


def _new_files(options: New, events, target, stderr: TextIO) -> int:
    """The starter rows added to the events file (unless --postmortem-only) and the starter
    postmortem: both files or neither, the postmortem whole or not at all."""
    import os
    from pathlib import Path

    from . import postmortem
    from .events_csv.canonical import starter_rows
    from .events_csv.reader import parse
    from .files import MAX_FILE, create_new, read_regular, write_atomically

    data = None
    if not options.postmortem_only:
        old = read_regular(Path(os.path.realpath(events)), MAX_FILE) if events.exists() else b""  # never a FIFO's wait
        if old is None:
            raise UsageError(f"{events}: cannot be read as a regular file of at most {MAX_FILE >> 20} MB: nothing written")
        existing = parse(old, str(events), keep_claims=False, keep_rows=True) if old.strip() else None
        named = set() if existing is None else {
            dict(zip(existing.header, row.cells)).get("incident", "").strip() for row in existing.rows}
        if options.incident in named:
            print(f"incident new: {events} already has incident {options.incident!r}: nothing written "
                  f"(--postmortem-only writes just its postmortem file)", file=stderr)
            return ExitCode.INVALID
        data = starter_rows(old, existing.written_header if existing is not None else None, options.incident, options.kind)
    if os.path.lexists(target):
        print(f"incident new: {target} exists: nothing written", file=stderr)
        return ExitCode.INVALID
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        create_new(target, postmortem.starter(options.incident, options.title or "").encode("utf-8"))
        try:
            if data is not None:
                write_atomically(events, data)
        except BaseException:  # both files or neither
            target.unlink()
            raise
    except FileExistsError:
        print(f"incident new: {target} exists: nothing written", file=stderr)
        return ExitCode.INVALID
    except OSError as exc:
        print(f"incident new: {exc.filename or target}: cannot write: {exc.strerror or exc}", file=stderr)
        return ExitCode.INVALID
    if data is not None:
        print(f"{events}: starter rows for {options.incident!r} added: give each a time and tz (or relative_to "
              f"and offset_min) and a source, or delete it; 'incident validate {events}' names what is left", file=stderr)
    print(f"{target}: starter postmortem written", file=stderr)
    return ExitCode.OK
