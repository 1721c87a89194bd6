"""Rows from an importer or `extract` into an events file: validated and in canonical form before
anything is written, then written atomically (or printed); the `import` commands that make them;
and `new`, which adds an incident's starter rows and its starter postmortem."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Sequence, TextIO

from .words import counted, plural_of
from .diagnostics import ExitCode, ImportFailed, InputError, UsageError, print_diagnostics
from .options import New, Target

if TYPE_CHECKING:
    from .importers.registry import Importer, Imported, Request

FREE_TEXT = ("label", "quote", "note", "source", "as_reported", "unit", "status", "update_id")  # cells an importer fills with a record's text


def run_import(importer: Importer, request: Request, target: Target, stdout: TextIO, stderr: TextIO) -> int:
    """`incident import NAME`: the importer's records read, made claims (its texts drafted by
    `extract`), and written through the one writer."""
    imported, rows = imported_rows(importer, request, stderr)
    return write_imported(target, request.sources, rows, imported.incidents, stdout, stderr,
                          importer.new_incidents_only, imported.columns)


def imported_rows(importer: Importer, request: Request, stderr: TextIO) -> tuple[Imported, list[dict]]:
    """What the importer makes of the records `request` names, and the claim rows: its own and
    those `extract` drafts of its texts; what it read or left out is said on `stderr`."""
    records = importer.read_all(request)
    imported = importer.claim_rows(records, request)
    rows = imported.rows + _drafted(imported.texts, stderr)
    for line in imported.said:
        print(line, file=stderr)
    return imported, rows


def _drafted(texts: list, stderr: TextIO) -> list[dict]:
    """The rows `extract`'s drafting makes of an importer's texts (a retrospective's prose), each
    incident's texts drafted together, every guess in the note."""
    if not texts:
        return []
    from .extract.many import Text, draft_texts

    rows: list[dict] = []
    for incident in sorted({t.incident for t in texts}):
        mine = [Text(t.name, t.text, t.published, t.tz, t.source, t.source_type, t.org, t.url) for t in texts if t.incident == incident]
        result = draft_texts(mine, incident, False)
        for line in result.said:
            print(line, file=stderr)
        rows += result.rows
    return rows


def write_imported(where: Target, sources: Sequence[str], rows: list[dict], incidents: int, stdout: TextIO, stderr: TextIO,
                   new_incidents_only: bool = True, columns: tuple[str, ...] = ()) -> int:
    """Imported rows (read from `sources`, named in messages) to stdout (no --out, or --out -), a new
    file (--out) or appended to an events file (--append): a target that is no regular file is
    refused, and the target is locked from the moment it is read to the moment it is written, so two
    runs at once lose nothing. `columns` are the importer's own, after the format's."""
    from .files import locked, refuse_unless_regular

    where = Target(None if where.out == "-" else where.out, where.append)
    if where.append == "-":
        raise UsageError("--append -: standard output cannot be added to: give an events file (or --out - to print)")
    writing = _Writing(rows, incidents, where, ", ".join(map(str, sources)), new_incidents_only, columns)
    if where.path is None:
        return writing.run(stdout, stderr)
    refuse_unless_regular(where.path, stdout_too=bool(where.out))
    with locked(where.path, lambda message: print(f"{where.path}: {message}", file=stderr)):
        return writing.run(stdout, stderr)


class _Writing:
    """One write of imported rows: validated and in canonical form before anything is written. An
    incident the target already has is refused (`new_incidents_only`), or only the rows it does not
    hold yet are added (an export imported again adds nothing; drafted claims add to an incident)."""

    def __init__(self, rows: list[dict], incidents: int, target: Target, names: str, new_incidents_only: bool,
                 columns: tuple[str, ...]):
        self.rows, self.incidents, self.target, self.names = rows, incidents, target, names
        self.new_incidents_only, self.columns = new_incidents_only, columns

    def run(self, stdout: TextIO, stderr: TextIO) -> int:
        from pathlib import Path

        from .events_csv.reader import load
        from .importers.registry import columns_of
        from .render.text import spreadsheet_cell

        target = self.target
        if not self.rows:
            raise ImportFailed(f"{self.names}: no incidents in it to import")
        rows = sorted(self.rows, key=lambda row: row["incident"])  # new incidents go after the file's own, by id
        # imported text goes into a file the docs invite users to open in a spreadsheet: a cell that
        # would start a formula (=, +, -, @) gets a leading apostrophe, as the --csv exports do
        rows = [{name: spreadsheet_cell(value) if name in FREE_TEXT or name in self.columns else value
                 for name, value in row.items()} for row in rows]
        header = columns_of(rows, self.columns)
        existing = None
        if target.out and Path(target.out).exists():
            raise UsageError(f"{target.out} exists: use --append to add to it")
        if target.append and Path(target.append).exists():  # else the file is made, with the header
            existing = load(target.append, keep_rows=True).raise_for_errors()
            clash = sorted({row["incident"] for row in rows} & set(existing.incidents()))
            if clash and self.new_incidents_only:
                raise UsageError(f"{target.append} already has incident {clash[0]!r}: not imported again (remove it first to re-import)")
            if not self.new_incidents_only:
                rows = self._not_held(rows, existing, stderr)
                if not rows:
                    return ExitCode.OK
            header = existing.written_header + [c for c in header if c not in existing.header]
        data, filled = self._checked(rows, header, existing)
        from .events_csv.reader import parse

        final = parse(data.encode("utf-8"), target.path or "stdout", keep_claims=False)
        print_diagnostics([d for d in final.diagnostics if not d.is_error], stderr)  # as validate would say
        if target.path is None:
            stdout.write(data)
            return ExitCode.OK
        return self._written(data, len(rows), filled, stderr)

    def _not_held(self, rows: list[dict], existing, stderr: TextIO) -> list[dict]:
        """The rows the target does not hold yet: a row is held when the file has one of the same
        incident, event and record (`update_id`) and words (`as_reported`), or, for a row with no
        record id, the same cells."""
        held = {_held_key(dict(zip(existing.header, row.cells))) for row in existing.rows}
        fresh = [row for row in rows if _held_key(row) not in held]
        if len(fresh) < len(rows):
            print(f"{self.target.append}: {counted(len(rows) - len(fresh), 'claim')} already in it: not added again"
                  + ("" if fresh else ": nothing added"), file=stderr)
        return fresh

    def _checked(self, rows: list[dict], header: list[str], existing) -> tuple[str, list[str]]:
        """The target's text with the rows added, validated, in canonical form; the starter rows
        `new` wrote that the rows fill (their events have claims now) are removed."""
        from .events_csv.canonical import canonical_text, csv_line, is_starter_row
        from .events_csv.reader import parse
        from .timeline.reconstruct import reconstruct_all

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
        events = parse("".join(lines).encode("utf-8"), self.target.path or "stdout", keep_rows=True)
        if not events.ok:  # a problem on an imported row: named by the record, never by a line of the combined text
            first_imported = 2 + (len(existing.rows) if existing is not None else 0)
            raise InputError([
                dataclasses.replace(d, path=f"{self.names} (imported claim {d.line - first_imported + 1}, "
                                    f"incident {rows[d.line - first_imported]['incident']})", line=0)
                if d.line >= first_imported and d.line - first_imported < len(rows) else d
                for d in events.errors
            ])
        timelines = reconstruct_all(events.claims)
        order = {(name, e.event): rank for name, t in timelines.items() for rank, e in enumerate(t.events)}
        return canonical_text(events, order), filled

    def _written(self, data: str, count: int, filled: list[str], stderr: TextIO) -> int:
        from pathlib import Path

        from .files import write_atomically

        target = self.target.path
        assert target is not None  # standard output was written before: a file is
        try:
            write_atomically(Path(target), data.encode("utf-8"))
        except OSError as exc:
            print(f"{target}: cannot write: {exc.strerror or exc}", file=stderr)
            return ExitCode.INVALID
        print(f"{target}: {counted(count, 'claim')} from {counted(self.incidents, 'incident')} "
              f"{'imported' if self.new_incidents_only else 'added'}", file=stderr)
        if filled:
            print(f"{target}: the starter {plural_of(len(filled), 'row')} of {', '.join(filled)}, filled by these claims, "
                  f"{'was' if len(filled) == 1 else 'were'} removed", file=stderr)
        return ExitCode.OK


def _held_key(cells: dict) -> tuple:
    def cell(name):
        return str(cells.get(name, "") or "").strip()

    if cell("update_id"):
        return ("record", cell("incident"), cell("event"), cell("update_id"), cell("as_reported"))
    return ("cells", *sorted((name.strip(), cell(name)) for name in cells if cell(name)))


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
