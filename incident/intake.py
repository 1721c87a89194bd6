"""Rows from an importer or `extract` into an events file: validated and in canonical form before
anything is written, then written atomically (or printed); and the `import` commands that make them."""

from __future__ import annotations

import dataclasses
from typing import TextIO

from .words import counted, plural_of
from .diagnostics import ImportFailed, InputError, UsageError, print_diagnostics

EXIT_OK, EXIT_INVALID = 0, 1

FREE_TEXT = ("label", "quote", "note", "source", "as_reported", "unit")  # cells an importer fills with a record's text


def _write_imported(args, rows: list[dict], incidents: int, stdout: TextIO, stderr: TextIO, new_incidents_only: bool = True) -> int:
    """Imported rows to stdout, a new file (--out) or appended to an events file (--append):
    validated and in canonical form before anything is written; an incident already in the
    target is refused (unless `new_incidents_only` is False: drafted claims add to an incident)."""
    from pathlib import Path

    from .events_csv.canonical import canonical_text, csv_line, is_starter_row
    from .events_csv.reader import load, parse
    from .files import write_atomically
    from .timeline.reconstruct import reconstruct_all
    from .importers.statuspage import columns_of

    from .render.text import spreadsheet_cell

    if not rows:
        raise ImportFailed(f"{', '.join(map(str, args.files))}: no incidents in it to import")
    rows = sorted(rows, key=lambda row: row["incident"])  # new incidents go after the file's own, by id
    # imported text goes into a file the README invites users to open in a spreadsheet: a cell that
    # would start a formula (=, +, -, @) gets a leading apostrophe, as the --csv exports do
    rows = [{name: spreadsheet_cell(value) if name in FREE_TEXT else value for name, value in row.items()} for row in rows]
    header = columns_of(rows)
    existing = None
    if args.out and Path(args.out).exists():
        raise UsageError(f"{args.out} exists: use --append to add to it")
    if args.append and Path(args.append).exists():  # else the file is made, with the header
        existing = load(args.append, keep_rows=True).raise_for_errors()
        clash = sorted({row["incident"] for row in rows} & set(existing.incidents()))
        if clash and new_incidents_only:
            raise UsageError(f"{args.append} already has incident {clash[0]!r}: not imported again (remove it first to re-import)")
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
    for row in rows:
        label = labels.pop((row["incident"], row["event"]), None)
        if label is not None and not row.get("label"):
            row = {**row, "label": label}
        lines.append(csv_line([str(row.get(name.strip(), "")) for name in header]))
    target = args.out or args.append or "stdout"
    events = parse("".join(lines).encode("utf-8"), target, keep_rows=True)
    if not events.ok:  # a problem on an imported row: named by the record, never by a line of the combined text
        first_imported = 2 + (len(existing.rows) if existing is not None else 0)
        raise InputError([
            dataclasses.replace(d, path=f"{', '.join(map(str, args.files))} (imported claim {d.line - first_imported + 1}, "
                                f"incident {rows[d.line - first_imported]['incident']})", line=0)
            if d.line >= first_imported and d.line - first_imported < len(rows) else d
            for d in events.errors
        ])
    timelines = reconstruct_all(events.claims)
    order = {(name, e.event): rank for name, t in timelines.items() for rank, e in enumerate(t.events)}
    data = canonical_text(events, order)
    final = parse(data.encode("utf-8"), target, keep_claims=False)
    print_diagnostics([d for d in final.diagnostics if not d.is_error], stderr)  # as validate would say
    if args.out or args.append:
        try:
            write_atomically(Path(target), data.encode("utf-8"))
        except OSError as exc:
            print(f"{target}: cannot write: {exc.strerror or exc}", file=stderr)
            return EXIT_INVALID
        print(f"{target}: {counted(len(rows), 'claim')} from {counted(incidents, 'incident')} {'imported' if new_incidents_only else 'added'}", file=stderr)
        if filled:
            print(f"{target}: the starter {plural_of(len(filled), 'row')} of {', '.join(filled)}, filled by these claims, "
                  f"{'was' if len(filled) == 1 else 'were'} removed", file=stderr)
    else:
        stdout.write(data)
    return EXIT_OK


def import_statuspage(args, stdout: TextIO, stderr: TextIO) -> int:
    from .importers.fetch import is_address, statuspage_address
    from .importers.statuspage import read_records

    _check_slug(args.page_slug)
    records = [record for path in args.files for record in read_records(statuspage_address(path) if is_address(path) else path)]
    return _import_records(args, records, "statuspage", stdout, stderr)


def import_feed(args, stdout: TextIO, stderr: TextIO) -> int:
    from .importers.feed import read_records

    _check_slug(args.page_slug)
    records = [record for path in args.files for record in read_records(path)]
    return _import_records(args, records, "feed", stdout, stderr)


def _import_records(args, records: list, fallback: str, stdout: TextIO, stderr: TextIO) -> int:
    """The claims of status-page records (from JSON or a feed), each incident once, written."""
    from .importers.statuspage import claims, page_slug

    records = _picked(args.incident, records, lambda r: {r.incident["id"]})
    rows, seen, said = [], set(), []
    for record in records:
        if record.incident["id"] in seen:
            continue  # the same incident in two files (a list and its per-incident answer, or two feeds)
        seen.add(record.incident["id"])
        rows += claims(record, args.page_slug or page_slug(record.page, fallback), said)
    _say(said, stderr)
    return _write_imported(args, rows, len(seen), stdout, stderr)


def _check_slug(slug: str | None) -> None:
    import re

    from .model.claim import SLUG_PATTERN

    if slug is not None and not re.fullmatch(SLUG_PATTERN, slug):
        raise UsageError(f"--page-slug {slug!r} is not an id: use lowercase letters, digits and '-'")


def _say(lines: list[str], stderr: TextIO, limit: int = 100) -> None:
    """What the importer read in the updates' prose, and what it could not: at most `limit` lines."""
    for line in lines[:limit]:
        print(line, file=stderr)
    if len(lines) > limit:
        print(f"… and {len(lines) - limit:,} more updates with times in their prose", file=stderr)


def import_gcp(args, stdout: TextIO, stderr: TextIO) -> int:
    from .importers.gcp import claims, incident_ids, read_incidents

    incidents = [incident for path in args.files for incident in read_incidents(path)]
    incidents = _picked(args.incident, incidents, lambda i: {str(i["id"]), str(i.get("number") or "")})
    idents = incident_ids(incidents)
    rows, seen = [], set()
    for incident in incidents:
        if incident["id"] in seen:
            continue
        seen.add(incident["id"])
        rows += claims(incident, idents[str(incident["id"])])
    return _write_imported(args, rows, len(seen), stdout, stderr)


def _picked(wanted, items, names):
    if not wanted:
        return items
    known = set().union(*(names(item) for item in items)) if items else set()
    missing = [name for name in wanted if name not in known]
    if missing:
        raise UsageError(f"no incident {missing[0]!r} in the files given")
    return [item for item in items if names(item) & set(wanted)]
