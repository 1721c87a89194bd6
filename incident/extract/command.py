"""`incident extract FILE|-`: read a text (plain or a saved web page), draft its claims, print them
as events.csv rows or write them (validated first, atomically) like `import`."""

from __future__ import annotations

import os
import re
import stat
import sys
from datetime import date
from pathlib import Path
from typing import TextIO

from ..words import counted
from ..diagnostics import FileUnusable, ImportFailed, UsageError

MAX_TEXT_BYTES = 16 << 20  # a saved page (scripts and all) is a few megabytes; a bigger file is not one
MAX_TEXT_CHARS = 2_000_000  # the text read: an article or a postmortem is well under 200,000 characters
_SLUG = re.compile(r"[a-z0-9][a-z0-9-]*\Z")


def run(args, stdout: TextIO, stderr: TextIO) -> int:
    from ..intake import _write_imported
    from ..model import zones
    from ..timetext import Context
    from .draft import Cells, draft
    from .webpage import looks_like_html, page_text

    if args.tz is not None:
        try:
            zones.zone(args.tz)
        except ValueError as exc:
            raise UsageError(f"--tz: {exc}") from None
    if args.source_type:
        from ..diagnostics import did_you_mean
        from ..model.claim import SourceType

        choices = tuple(t.value for t in SourceType)
        if args.source_type not in choices:
            hint = {"news": "press", "media": "press", "official": "operator", "company": "operator", "blog": "secondary"}.get(args.source_type.lower())
            raise UsageError(f"--source-type {args.source_type!r} is not a source type: one of {', '.join(choices)}"
                             + (f"; did you mean {hint!r}?" if hint else did_you_mean(args.source_type, choices)))
    published = _published_option(args.published)
    text, name = _read_text(args.file)
    title = site = ""
    if looks_like_html(text):
        text, page_date, title, site = page_text(text)
        published = published or page_date
    incident = args.incident or _slug(Path(name).stem if name != "-" else "") or "draft"
    if not _SLUG.match(incident):
        raise UsageError(f"--incident {incident!r} is not an id: lowercase letters, digits and '-'")
    source = args.source or site or (Path(name).stem if name != "-" else "") or "unnamed source"
    events, held = _existing(args.append, incident) if args.append else ({}, set())
    cells = Cells(incident, source, args.source_type or "", args.url or "", events)
    if len(text) > MAX_TEXT_CHARS:
        raise ImportFailed(f"{name}: {len(text):,} characters of text: more than {MAX_TEXT_CHARS:,} is not an article")
    from ..timetext.forms import TooMany

    try:
        result = draft(text, Context(published, args.tz), cells)
    except TooMany as exc:
        raise ImportFailed(f"{name}: {exc}") from None
    for problem in result.skipped:
        print(f"{name}: not read: {problem}", file=stderr)
    if not result.rows:
        if result.skipped and any("--published" in p or "--tz" in p for p in result.skipped):
            print(f"{name}: no claim drafted: give {'--published' if any('--published' in p for p in result.skipped) else '--tz'}", file=stderr)
            return 2
        print(f"{name}: no time expression that a claim could be made of", file=stderr)
        return 1
    if not args.source:
        origin = "taken from the page" if site else "taken from the file name" if name != "-" else "a placeholder"
        for row in result.rows:
            row["note"] = "; ".join(filter(None, [row["note"], f"source {source!r}: {origin}: give --source"]))
    if args.append:
        result.rows, again = _new_rows(result.rows, held)
        if again:
            print(f"{name}: {again:,} drafted claim{'' if again == 1 else 's'} already in {args.append} (same incident, "
                  f"event, source, quote and words): not added again", file=stderr)
        if not result.rows:
            return 0
    args.files = [name]
    print(f"{name}: {counted(len(result.rows), 'claim')} drafted from {counted(len({r['quote'] for r in result.rows}), 'sentence')}"
          f"{f' ({title})' if title else ''}; check each: every guess is in its note", file=stderr)
    if args.out or args.append:
        return _write_imported(args, result.rows, 1, stdout, stderr, new_incidents_only=False)
    _print_draft(result.rows, name, stdout, stderr)
    return 0


def _print_draft(rows: list[dict], name: str, stdout: TextIO, stderr: TextIO) -> None:
    """The candidate rows in the format's column order, as they are: a draft to check, so what
    validate would say of it (a relative_to naming an event not entered yet) is said, not refused."""
    from ..events_csv.canonical import csv_line
    from ..events_csv.reader import parse
    from ..model.claim import COLUMNS
    from ..render.text import spreadsheet_cell
    from ..intake import FREE_TEXT

    rows = [{k: spreadsheet_cell(v) if k in FREE_TEXT else v for k, v in row.items()} for row in rows]
    header = [c for c in COLUMNS if c in {"incident", "event", "kind", "source"} or any(row.get(c) for row in rows)]
    text = csv_line(header) + "".join(csv_line([str(row.get(c, "")) for c in header]) for row in rows)
    stdout.write(text)
    checked = parse(text.encode("utf-8"), name, keep_claims=False)
    for d in checked.errors:
        print(f"{name}: draft row {d.line - 1}: {d.column}: {d.message} (fix it before adding the row)", file=stderr)


_KEY = ("incident", "event", "source", "quote", "as_reported")  # what makes a drafted row one the file holds


def _key(cells) -> tuple[str, ...]:
    return tuple(str(cells.get(c, "")).strip() for c in _KEY)


def _new_rows(rows: list[dict], held: set) -> tuple[list[dict], int]:
    """The drafted rows the events file does not hold yet (extract run twice on one text adds nothing)."""
    fresh = [row for row in rows if _key(row) not in held]
    return fresh, len(rows) - len(fresh)


def _published_option(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"--published {value!r} is not a date: write YYYY-MM-DD") from None


def _read_text(path: str) -> tuple[str, str]:
    """The text of FILE (a regular file, UTF-8, at most 16 MB) or of standard input."""
    from ..files import read_regular

    if path == "-":
        data = sys.stdin.buffer.read(MAX_TEXT_BYTES + 1)
        if len(data) > MAX_TEXT_BYTES:
            raise FileUnusable(f"-: more than {MAX_TEXT_BYTES >> 20} MB on standard input: not an article")
    else:
        try:
            info = os.lstat(path)
        except OSError as exc:
            raise FileUnusable(f"{path}: cannot read: {exc.strerror or exc}") from None
        if not stat.S_ISREG(info.st_mode):
            raise FileUnusable(f"{path}: not a regular file (a directory, link, FIFO or device is not read)")
        if info.st_size > MAX_TEXT_BYTES:
            raise FileUnusable(f"{path}: {info.st_size:,} bytes: more than {MAX_TEXT_BYTES >> 20} MB is not an article")
        data = read_regular(Path(path), MAX_TEXT_BYTES)
        if data is None:
            raise FileUnusable(f"{path}: cannot read it as a regular file")
    if b"\x00" in data[:65536]:
        raise ImportFailed(f"{path}: binary data (a NUL byte at {data.index(bytes(1)):,}): give a text or a saved web page")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise ImportFailed(f"{path}:{line}:{column}: byte 0x{data[exc.start]:02x} is not UTF-8: save the text as UTF-8") from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.translate(_CONTROLS), path  # an escape sequence in an article must not reach a terminal or a cell


_CONTROLS = {c: " " for c in [*range(32), *range(127, 160)] if chr(c) not in "\n\t"}


def _existing(path: str, incident: str) -> tuple[dict, set]:
    """What the target file already has, read once: the incident's events (id → kind), and the
    rows it holds, by the cells that make a drafted row one of them."""
    from ..events_csv.reader import load

    if not Path(path).exists():
        return {}, set()  # --append makes the file
    existing = load(path, keep_rows=True).raise_for_errors()
    events = {c.event: c.kind.value for c in existing.claims if c.incident == incident}
    for row in existing.rows:  # the starter rows `incident new` wrote: their events are the incident's too
        cells = dict(zip(existing.header, row.cells))
        if cells.get("incident", "").strip() == incident and cells.get("kind", "").strip():
            events.setdefault(cells["event"].strip(), cells["kind"].strip())
    return events, {_key(dict(zip(existing.header, row.cells))) for row in existing.rows}


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:60]
