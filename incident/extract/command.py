"""`incident extract FILE|-`: read a text (plain or a saved web page), draft its claims, print them
as events.csv rows or write them (validated first, atomically) like `import`."""

from __future__ import annotations

import os
import stat
import sys
from datetime import date
from pathlib import Path
from typing import TextIO

from ..words import counted
from ..diagnostics import ExitCode, FileUnusable, ImportFailed, UsageError
from ..model.ids import SLUG, slugify
from ..options import Extract, Target

MAX_TEXT_BYTES = 16 << 20  # a saved page (scripts and all) is a few megabytes; a bigger file is not one
MAX_TEXT_CHARS = 2_000_000  # the text read: an article or a postmortem is well under 200,000 characters


def run(options: Extract, stdout: TextIO, stderr: TextIO) -> int:
    from ..intake import write_imported
    from .many import draft_texts, drafted_before

    _check_options(options)
    texts = _texts(options)
    first = texts[0].name
    incident = options.incident or slugify(Path(first).stem if first != "-" else "")[:60] or "draft"
    if not SLUG.match(incident):
        raise UsageError(f"--incident {incident!r} is not an id: lowercase letters, digits and '-'")
    from ..render.output import PAGES

    if incident in PAGES:
        raise UsageError(f"--incident {incident!r} is the name of a report page ({', '.join(sorted(PAGES))}): give another id")
    events, stated, held, notes = _existing(options.append, incident) if options.append else ({}, frozenset(), set(), [])
    live = {"live-event": True, "outage": False}.get(options.kind or "", None)
    if live is None and events:  # the incident the file holds says which it is
        live = "scheduled_start" in events.values()
    inferred = live is None and not any(_speaks_of_a_schedule(t.text) for t in texts)
    live = False if inferred else live
    for text in texts:
        if text.how:
            print(f"{text.name}: a saved web page, {text.how}", file=stderr)
    fresh = [t for t in texts if not drafted_before(notes, t)]
    for text in texts:
        if text not in fresh:
            print(f"{text.name}: already drafted into {options.append} (its rows carry the text's fingerprint): "
                  f"nothing added, and the rows you removed stay removed", file=stderr)
    if not fresh:
        return ExitCode.OK
    from ..timetext.forms import TooMany

    try:
        result = draft_texts(fresh, incident, live, events, stated)
    except TooMany as exc:
        raise ImportFailed(f"{first}: {exc}") from None
    if inferred:
        print(f"{first}: no text says anything was due to start: its words are read as an outage's "
              f"(give --kind live-event if it was one)", file=stderr)
    for line in result.said:
        print(line, file=stderr)
    if not result.rows:
        return _nothing(fresh, result.said, stderr)
    rows = _in_format(result.rows)
    if options.append:
        rows, again = _new_rows(rows, held)
        if again:
            print(f"{options.append}: {counted(again, 'drafted claim')} already in it (same incident, event, source, quote "
                  f"and words): not added again", file=stderr)
        if not rows:
            return ExitCode.OK
    rows = _valid(rows, options.append, stderr)
    if not rows:  # every row counted from an event no text could place (its texts' dates not given)
        return _nothing(fresh, result.said, stderr, left_out=True)
    names = ", ".join(t.name for t in fresh)
    print(f"{names}: {counted(len(rows), 'claim')} drafted from {counted(result.sentences, 'sentence')}"
          f"{f' ({fresh[0].title})' if len(fresh) == 1 and fresh[0].title else ''}; check each: "
          f"every guess is in its note (after 'draft:')", file=stderr)
    where = Target(None if options.out == "-" else options.out, options.append)  # - is standard output: the draft printed as it is
    if where.path is not None:
        return write_imported(where, [t.name for t in fresh], rows, 1, stdout, stderr, new_incidents_only=False)
    _print_draft(rows, names, stdout, stderr)
    return ExitCode.OK


def _check_options(options: Extract) -> None:
    from ..model import zones

    if options.tz is not None:
        try:
            zones.zone(options.tz)
        except ValueError as exc:
            raise UsageError(f"--tz: {exc}") from None
    if options.source_type:
        from ..diagnostics import did_you_mean
        from ..model.cells import SourceType

        choices = tuple(t.value for t in SourceType)
        if options.source_type not in choices:
            hint = {"news": "press", "media": "press", "official": "operator", "company": "operator", "blog": "secondary"}.get(options.source_type.lower())
            raise UsageError(f"--source-type {options.source_type!r} is not a source type: one of {', '.join(choices)}"
                             + (f"; did you mean {hint!r}?" if hint else did_you_mean(options.source_type, choices)))
    if options.append == "-":
        raise UsageError("--append -: standard output cannot be added to: give an events file (or --out - to print)")


def _nothing(texts, said: list[str], stderr: TextIO, left_out: bool = False) -> int:
    """No claim in any text: a usage error when a date or zone would have let its times be read."""
    names = ", ".join(t.name for t in texts)
    if any("--published" in p or "--tz" in p for p in said):
        what = "--published" if any("--published" in p for p in said) else "--tz"
        print(f"{names}: no claim drafted: give {what} (with --texts, its column {what[2:]!r} for each text)", file=stderr)
        return ExitCode.USAGE
    print(f"{names}: " + ("no claim that validates: every drafted row was left out (the reasons above)" if left_out
                          else "no time expression that a claim could be made of"), file=stderr)
    return ExitCode.INVALID


def _texts(options: Extract) -> list:
    """Every text to draft, read (a saved page reduced to its main text), each with what is known of
    it: its line of the --texts list, else the options."""
    from .maintext import BUILT_IN, read_page
    from .many import Text, with_defaults
    from .asides import head_date
    from .webpage import looks_like_html

    listed = _listed(options.texts) if options.texts else {}
    paths = list(options.file or []) + [p for p in listed if p not in (options.file or [])]
    if not paths:
        raise UsageError("no text to draft: give FILE (or -), or --texts LIST")
    published, month_only = _published_option(options.published)
    texts = []
    for path in paths:
        content, name = _read_text(path)
        site = title = how = ""
        page_date = None
        if looks_like_html(content):
            page = read_page(content)
            content, page_date, title, site = page.text, page.published, page.title, page.site
            how = f"read with {page.reader}" + (f": {page.why}" if page.reader == BUILT_IN else "")
        if len(content) > MAX_TEXT_CHARS:
            raise ImportFailed(f"{name}: {len(content):,} characters of text: more than {MAX_TEXT_CHARS:,} is not an article")
        if page_date is None and published is None and (listed.get(path) is None or listed[path].published is None):
            page_date = head_date(content)  # "Wednesday, February 03, 2016" atop a copied post: its own date
        text = with_defaults(listed.get(path, Text(name, content)), text=content, name=name)
        if text.published is None and published is not None:
            text.month_only = month_only
        text = with_defaults(text, published=published or page_date, tz=options.tz, source_type=options.source_type or "",
                             org=options.org or "", url=options.url or "",
                             source=options.source or site or (Path(name).stem if name != "-" else "") or "unnamed source")
        text.title, text.how = title, how
        if not text.source or (not options.source and path not in listed):
            text.source_guess = "taken from the page" if site else "taken from the file name" if name != "-" else "a placeholder"
        texts.append(text)
    return texts


_LIST_COLUMNS = ("file", "published", "tz", "source", "source_type", "org", "url")


def _listed(path: str) -> dict:
    """--texts: a CSV list of the texts and what is known of each (file, published, tz, source,
    source_type, org, url; a file named relative to the list's folder). {path: Text}."""
    import csv

    from .many import Text

    data, _ = _read_text(path)
    rows = list(csv.DictReader(data.splitlines()))
    if not rows or "file" not in rows[0]:
        raise UsageError(f"--texts {path}: a CSV list with a 'file' column (and any of {', '.join(_LIST_COLUMNS[1:])})")
    folder = Path(path).parent
    found = {}
    for line, row in enumerate(rows, 2):
        name = (row.get("file") or "").strip()
        if not name:
            raise UsageError(f"{path}:{line}: file: empty: name the text")
        when, month_only = _published_option((row.get("published") or "").strip() or None, f"{path}:{line}: published")
        found[str(folder / name)] = Text(str(folder / name), "", when, (row.get("tz") or "").strip() or None,
                                         (row.get("source") or "").strip(), (row.get("source_type") or "").strip(),
                                         (row.get("org") or "").strip(), (row.get("url") or "").strip(), month_only=month_only)
    return found


def _in_format(rows: list[dict]) -> list[dict]:
    """The rows with only the format's columns (a column this version of the format lacks is left out)."""
    from ..model.cells import COLUMNS

    return [{k: v for k, v in row.items() if k in COLUMNS} for row in rows]


def _valid(rows: list[dict], append: str | None, stderr: TextIO) -> list[dict]:
    """The drafted rows less any that `validate` would refuse (with the file appended to), each left
    out with its reason, until the rest is valid: a draft always validates."""
    from ..events_csv.canonical import csv_line
    from ..events_csv.reader import load, parse
    from ..importers.registry import columns_of

    before: list[str] = []
    header = columns_of(rows)
    if append and Path(append).exists():
        existing = load(append, keep_rows=True)
        header = existing.written_header + [c for c in header if c not in existing.header]
        before = [csv_line([dict(zip(existing.header, r.cells)).get(c.strip(), "") for c in header]) for r in existing.rows]
    for _ in range(8):
        text = csv_line(header) + "".join(before) + "".join(csv_line([str(r.get(c.strip(), "")) for c in header]) for r in rows)
        checked = parse(text.encode("utf-8"), "draft", keep_claims=False)
        first = 2 + len(before)
        bad = {d.line - first: d for d in checked.errors if d.line >= first}
        if not bad:
            return rows
        for i, d in sorted(bad.items()):
            print(f"draft row {rows[i]['as_reported']!r} ({rows[i]['event']}): left out: {d.column}: {d.message}", file=stderr)
        rows = [r for i, r in enumerate(rows) if i not in bad]
    return rows


def _print_draft(rows: list[dict], name: str, stdout: TextIO, stderr: TextIO) -> None:
    """The candidate rows in the format's column order, as they are: a draft to check, so what
    validate would say of it (a relative_to naming an event not entered yet) is said, not refused."""
    from ..events_csv.canonical import csv_line
    from ..events_csv.reader import parse
    from ..model.cells import COLUMNS
    from ..render.text import spreadsheet_cell
    from ..intake import FREE_TEXT

    rows = [{k: spreadsheet_cell(v) if k in FREE_TEXT else v for k, v in row.items()} for row in rows]
    header = [c for c in COLUMNS if c in {"incident", "event", "kind", "time", "source"} or any(row.get(c) for row in rows)]
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


def _published_option(value: str | None, where: str = "--published") -> tuple[date | None, bool]:
    """The day a text was published, and whether only its month is known ("2014-01": the month's
    first day stands for it where a year or month is read, never where a day is)."""
    if value is None:
        return None, False
    try:
        if len(value) == 7:
            return date.fromisoformat(value + "-01"), True
        return date.fromisoformat(value[:10]), False
    except ValueError:
        raise UsageError(f"{where} {value!r} is not a date: write YYYY-MM-DD (or YYYY-MM when only the month is known)") from None


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


def _existing(path: str, incident: str) -> tuple[dict, frozenset[str], set, list[str]]:
    """What the target file already has, read once: the incident's events (id → kind), the kinds its
    claims state (a starter row states none), the rows it holds, by the cells that make a drafted row
    one of them, and its notes (where a drafted row says which text it came from)."""
    from ..events_csv.reader import load

    if not Path(path).exists():
        return {}, frozenset(), set(), []  # --append makes the file
    existing = load(path, keep_rows=True).raise_for_errors()
    events = {c.event: c.kind.value for c in existing.claims if c.incident == incident}
    stated = frozenset(events.values())
    for row in existing.rows:  # the starter rows `incident new` wrote: their events are the incident's too
        cells = dict(zip(existing.header, row.cells))
        if cells.get("incident", "").strip() == incident and cells.get("kind", "").strip():
            events.setdefault(cells["event"].strip(), cells["kind"].strip())
    rows = [dict(zip(existing.header, row.cells)) for row in existing.rows]
    return events, stated, {_key(c) for c in rows}, [c.get("note", "") for c in rows]


def _speaks_of_a_schedule(text: str) -> bool:
    """Whether a text may be about a live event: it says something was due to start ("scheduled to",
    "was due", a launch, a premiere, a sale), or it is written in a language whose words extract reads
    by other tables (Japanese, Chinese, Korean): only then does 'began' leave the kind open."""
    from ..timetext.cues import nearest
    from ..timetext.kind_cues import SCHEDULED
    from ..timetext.kinds import LAUNCHES
    from ..timetext.lexicon import CJK_CHARACTER

    if CJK_CHARACTER.search(text, 0, 20_000):
        return True
    return nearest((*SCHEDULED, *LAUNCHES), text.lower(), "") is not None
