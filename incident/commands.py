"""What each command does, behind its arguments: `cli.py` parses them and calls these; each
returns the exit code (0 success, 1 invalid input or stale files) or raises what `cli.main` turns
into one (InputError, UsageError, ImportFailed)."""

from __future__ import annotations

import dataclasses
import io
import json
import os
from typing import Sequence, TextIO

from . import terminal
from .words import counted
from .diagnostics import MAX_DIAGNOSTICS, Diagnostic, ImportFailed, InputError, UsageError, did_you_mean, print_diagnostics  # noqa: F401 (re-exported for callers)
from .intake import FREE_TEXT, _write_imported, import_feed, import_gcp, import_statuspage, new  # noqa: F401 (the commands that add rows live with their writer)

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


def postmortem_folder(args):
    """--postmortems, else postmortems/ beside the events file."""
    from pathlib import Path

    from .postmortem import default_folder

    return Path(args.postmortems) if args.postmortems else default_folder(args.events)


def validate(args, stdout: TextIO, stderr: TextIO) -> int:
    from .events_csv.reader import load
    from .progress import Progress

    progress = Progress(stderr, f"{args.path}: rows read")
    try:
        result = load(args.path, keep_claims=False, progress=progress)
    finally:
        progress.close()
    print_diagnostics(result.diagnostics, stderr, result.omitted_errors, result.omitted_warnings)
    errors, warnings = result.error_count, result.warning_count
    from . import postmortem

    # a postmortem named after no incident is told only of a valid file (an invalid row may name it)
    # an incident of starter rows only is known too: its postmortem is in a report once a row is filled
    known = sorted({*result.incidents(), *result.unfilled}) if not errors else None
    checked = postmortem.check_folder(postmortem.default_folder(args.path), known, args.path)
    print_diagnostics(checked, stderr)
    errors += sum(d.is_error for d in checked)
    notes = sum(d.severity == "note" for d in [*result.diagnostics, *checked])
    warnings += sum(not d.is_error for d in checked) - notes  # what is left: warnings (and any not shown)
    said = ", ".join(part for part in (counted(warnings, "warning") if warnings else "", counted(notes, "note") if notes else "") if part)
    if errors:
        print(f"{args.path}: invalid: {counted(errors, 'error')}" + (f", {said}" if said else ""), file=stderr)
        return EXIT_INVALID
    starters = sum(bool(result.starter_only(name)) for name in result.unfilled)
    incidents = counted(len(result.incidents()) + starters, "incident") + (f" ({starters:,} with starter rows only)" if starters else "")
    print(f"{args.path}: valid: {counted(result.claim_count, 'claim')}, {incidents}" + (f", {said}" if said else ""), file=stderr)
    return EXIT_OK


def _timelines(path: str, wanted: Sequence[str]):
    from .events_csv.reader import load

    return _timelines_of(load(path).raise_for_errors(), path, wanted)


def _timelines_of(result, path: str, wanted: Sequence[str]):
    """The reconstructed timelines of the incidents `wanted` (all when empty); an unknown
    incident is a usage error naming the ones the file has."""
    from .timeline.reconstruct import reconstruct_all

    known = result.incidents()
    for name in wanted:
        if name in known:
            continue
        lines = result.starter_only(name)
        if lines:
            raise InputError([starter_only(name, lines, path)])
        names = tuple(sorted({*known, *result.unfilled}))
        raise UsageError(f"no incident {name!r} in {path}{did_you_mean(name, names)}{_listed(names)}")
    wanted = set(wanted)
    claims = [c for c in result.claims if not wanted or c.incident in wanted]
    return reconstruct_all(claims)


def _listed(names: Sequence[str], most: int = 12) -> str:
    """' (it has: a, b, c)', at most `most` names and how many more; ' (it has no claim yet)'."""
    if not names:
        return " (it has no claim yet)"
    more = f", … {len(names) - most:,} more" if len(names) > most else ""
    return f" (it has: {', '.join(names[:most])}{more})"


def starter_only(incident: str, lines: Sequence[int], path: str, severity: str = "error") -> Diagnostic:
    """What to do with an incident whose rows are all still to fill (as `incident new` wrote them)."""
    where = f"line {lines[0]}" if len(lines) == 1 else f"lines {lines[0]}–{lines[-1]}" if lines[-1] - lines[0] == len(lines) - 1 \
        else "lines " + ", ".join(map(str, lines[:6])) + (", …" if len(lines) > 6 else "")
    return Diagnostic(lines[0], "time", f"incident {incident!r} has only starter rows ({where}) and no claim yet: give at least one "
                      "a time and tz (or relative_to and offset_min) and a source — or draft rows from a text with "
                      f"incident extract FILE --incident {incident} --append {path}", severity, path)


def _zone_option(value: str | None) -> str | None:
    if not value:
        return None
    from .model.zones import display_name

    try:
        return display_name(value)
    except ValueError as exc:
        raise UsageError(f"--tz: {exc}") from None


def _in_display_zones(timelines: dict, folder, tz: str | None, stderr: TextIO | None = None):
    """The one place an incident's display zone is decided: `--tz`, else the `tz:` its postmortem file
    names, else the timeline's own rule (the zone its claims use). The timelines with their zone, the
    postmortems, and what was said of them (on `stderr`); a postmortem file with an error is an
    InputError (exit 1), as for every command that reads it."""
    from . import postmortem

    zone = _zone_option(tz)
    postmortems, problems = postmortem.load_all(folder, sorted(timelines))
    if any(d.is_error for d in problems):
        raise InputError(problems)
    for name, pm in postmortems.items():  # words for an event the incident does not have: a warning
        problems += postmortem.unknown_events(pm, (e.event for e in timelines[name].events))
    said = io.StringIO()
    print_diagnostics(problems, said)
    if stderr is not None:
        stderr.write(said.getvalue())
    timelines = {name: dataclasses.replace(t, zone=zone or _zone_option(postmortems[name].tz) or t.zone)
                 for name, t in timelines.items()}
    return timelines, postmortems, said.getvalue()


def _one_timeline(args, stderr: TextIO):
    """The incident `args.incident` reconstructed, in its display zone, and its postmortem."""
    from . import postmortem

    tz = getattr(args, "tz", None)
    _zone_option(tz)  # a bad --tz is a usage error before anything is read
    folder = postmortem.default_folder(args.events)
    timelines, postmortems, _ = _in_display_zones(_timelines(args.events, [args.incident]), folder, tz, stderr)
    return timelines[args.incident], postmortems[args.incident]


def timeline(args, stdout: TextIO, stderr: TextIO) -> int:
    from .render import text as textout

    timeline, _ = _one_timeline(args, stderr)
    if args.json:
        json.dump(textout.timeline_json(timeline), stdout, ensure_ascii=False, indent=2)
        stdout.write("\n")
    elif args.csv:
        stdout.write(textout.spreadsheet_csv(textout.timeline_json(timeline)))
    else:
        stdout.write(textout.timeline_table(timeline, width=terminal.width(stdout)))
    return EXIT_OK


def explain(args, stdout: TextIO, stderr: TextIO) -> int:
    from .render.explain import explain_json, explain_text

    timeline, _ = _one_timeline(args, stderr)
    try:
        event = timeline[args.event]
    except KeyError:
        from .model.claim import did_you_mean

        names = tuple(e.event for e in timeline.events)
        listed = ", ".join(names[:40]) + (f", … ({len(names):,} in all)" if len(names) > 40 else "")
        raise UsageError(
            f"no event {args.event!r} in incident {args.incident!r}{did_you_mean(args.event, names)}; its events: {listed}"
        ) from None
    if args.json:
        json.dump(explain_json(timeline, event), stdout, ensure_ascii=False, indent=2)
        stdout.write("\n")
    else:
        stdout.write(explain_text(timeline, event, width=terminal.width(stdout)))
    return EXIT_OK


def metrics(args, stdout: TextIO, stderr: TextIO) -> int:
    from .many import command as many

    wanted = list(dict.fromkeys(args.incidents))
    items = many.metric_items(args, stderr, tuple(wanted) or None)
    if wanted:  # in the order asked for; an incident the file does not have is named as before
        found = dict(items)
        missing = [name for name in wanted if name not in found]
        if missing:
            _timelines(args.events, missing)
        items = [(name, found[name]) for name in wanted]
    many.write_metrics(items, args, stdout)
    return EXIT_OK


def _day_option(name: str, value: str | None, end: bool = False) -> int | None:
    """A --since/--until/--split day as epoch seconds (its midnight UTC; the next midnight for an end)."""
    if not value:
        return None
    from datetime import date, datetime, timezone

    try:
        day = date.fromisoformat(value.strip())
    except ValueError:
        raise UsageError(f"--{name}: {value!r} is not a day: write YYYY-MM-DD") from None
    epoch = datetime(1970, 1, 1, tzinfo=timezone.utc).date()
    return ((day - epoch).days + (1 if end else 0)) * 86400  # in days: the day after 9999-12-31 is no date


def stats(args, stdout: TextIO, stderr: TextIO) -> int:
    from .many import command as many
    from .many.metrics_file import read_metrics
    from .render import text as textout
    from .render.stats_doc import stats_json, stats_table
    from .timeline import stats as portfolio_stats

    since, until = _day_option("since", args.since), _day_option("until", args.until, end=True)
    split = _day_option("split", args.split)
    source = args.from_metrics or args.events
    if args.from_metrics:
        frame = read_metrics(args.from_metrics, for_stats=True)
    else:
        frame = many.metrics_frame(many.metric_items(args, stderr, tuple(args.patterns) or None))
    if args.patterns:
        import fnmatch

        names = [n for n in frame["incident"].cat.categories if any(fnmatch.fnmatchcase(n, p) for p in args.patterns)]
        frame = frame[frame["incident"].isin(names)]
        if frame.empty:
            raise UsageError(f"no incident in {source} matches {' '.join(args.patterns)}{_listed(_incidents_of(args), 20)}")
    if since is not None or until is not None:
        started = frame["incident_start"]
        frame = frame[started.notna() & (since is None or started >= since) & (until is None or started < until)]
        if frame.empty:
            raise UsageError("no incident started in the days asked for (--since/--until)")
    summary = portfolio_stats.of_frame(frame, split, args.per)
    if args.json:
        json.dump(stats_json(summary), stdout, ensure_ascii=False, indent=2)
        stdout.write("\n")
    elif args.csv:
        stdout.write(textout.spreadsheet_csv(stats_table(summary)))
    else:
        from .render.stats_doc import stats_document
        from .render.stats_terminal import stats_text

        stdout.write(stats_text(stats_document(summary, chart=False), terminal.width(stdout)))
    return EXIT_OK


def _incidents_of(args) -> list[str]:
    """The incident ids a saved metrics file or an events file has (for a message)."""
    if args.from_metrics:
        from .many.metrics_file import read_metrics

        return sorted(set(read_metrics(args.from_metrics, for_stats=True)["incident"]))
    from .many import index

    try:
        return index.build(args.events).incidents()
    except index.NotIndexed:
        return []


def _check_report(files, out, args, stdout: TextIO, stderr: TextIO) -> int:
    """`report --check`: each file that would change named on stderr (with --diff, what changes on
    stdout); exit 1 when any would."""
    from .render.output import stale_files

    stale = stale_files(files, out)
    if getattr(args, "diff", False) and stale:
        from .render.diffs import report_diff

        stdout.write(report_diff(files, stale, out))
    for name in stale:
        print(f"{out / name}: would change (run: incident report --events {args.events} --out {args.out})", file=stderr)
    if stale:
        return EXIT_INVALID
    print(f"{out}: {counted(len(files), 'file')} up to date", file=stderr)
    return EXIT_OK


def _written(path: str, data: bytes, stderr: TextIO) -> bool:
    """`data` written to `path` atomically; False, having said why, when it cannot be."""
    from pathlib import Path

    from .files import write_atomically

    try:
        write_atomically(Path(path), data)
    except OSError as exc:
        print(f"{path}: cannot write: {exc.strerror or exc}", file=stderr)
        return False
    return True


def export(args, stdout: TextIO, stderr: TextIO) -> int:

    from .files import refuse_unless_regular
    from .render import exports

    if args.out == "-":
        args.out = None  # - is standard output
    if args.out is not None:
        refuse_unless_regular(args.out, stdout_too=True)
    timeline, pm = _one_timeline(args, stderr)
    data = exports.export(timeline, args.format, pm if pm.exists else None)
    if args.out is None:
        stdout.write(data.decode("utf-8"))
        return EXIT_OK
    if not _written(args.out, data, stderr):
        return EXIT_INVALID
    print(f"{args.out}: wrote {args.incident} as {args.format} ({len(data):,} bytes)", file=stderr)
    return EXIT_OK


from .render.output import PAGES  # noqa: E402 (report pages that are no incident's: an incident of that id would overwrite one)


def report(args, stdout: TextIO, stderr: TextIO) -> int:
    from pathlib import Path


    from . import buildrecord

    if args.out == "-":
        raise UsageError("--out -: a report is a folder of files, it cannot go to standard output: give a folder")
    out = Path(args.out)
    folder = postmortem_folder(args)
    options = {"events": str(args.events), "postmortems": str(folder), "incidents": list(args.incidents), "tz": args.tz,
               "SOURCE_DATE_EPOCH": os.environ.get("SOURCE_DATE_EPOCH"), "png": bool(getattr(args, "png", False))}
    build_key = buildrecord.key(Path(args.events), folder, options)
    done = buildrecord.unchanged(out, build_key) if build_key is not None and not args.fresh else None
    if done is not None:  # built from the same inputs by the same code, and untouched since
        stderr.write("".join(done["messages"]))
        count = len(done["files"])
        print(f"{out}: {counted(count, 'file')} up to date" if args.check else f"{out}: wrote no file, {count:,} unchanged", file=stderr)
        return EXIT_OK

    from .events_csv.reader import load
    from .render.drawing import trusted_charts
    from .render.output import WriteFailed, remove_outdated, write_report
    from .render.report import ReportInput, build_report, generated_at_from_env

    try:
        generated_at = generated_at_from_env(os.environ)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    _zone_option(args.tz)  # a bad --tz is a usage error before anything is read
    events = load(args.events).raise_for_errors()
    timelines = _timelines_of(events, args.events, args.incidents)
    if not args.incidents:  # an incident still to fill in has no report yet: say so, and what to give it
        print_diagnostics([starter_only(name, events.starter_only(name), args.events, "note")
                           for name in sorted(events.unfilled) if events.starter_only(name)], stderr)
    clash = sorted(set(timelines) & PAGES)
    if clash:
        raise UsageError(f"incident {clash[0]!r} in {args.events} has the name of a report page ({', '.join(sorted(PAGES))}): "
                         "give it another id (its rows' incident cells)")
    timelines, postmortems, said = _in_display_zones(timelines, folder, args.tz, stderr)
    report = ReportInput(
        timelines=timelines,
        diagnostics=tuple(events.diagnostics),
        events_name=Path(args.events).name,
        events_digest=events.sha256,
        generated_at=generated_at,
        postmortems=postmortems, attributes=_attributes(args.events, timelines, postmortems),
    )
    from .progress import Progress

    progress = Progress(stderr, "drawing charts")
    try:
        recorded = buildrecord.digests(out)  # what an earlier run says it wrote here
        existing = {} if args.fresh else trusted_charts(out, recorded)
        files = build_report(report, existing, progress=progress, png=options["png"])
    finally:
        progress.close()
    if args.check:
        return _check_report(files, out, args, stdout, stderr)
    try:
        written = write_report(files, out)
    except WriteFailed as exc:
        print(f"{exc} ({exc.outcome(out)})", file=stderr)
        return EXIT_INVALID
    for name in remove_outdated(out, recorded, files):
        print(f"{out / name}: removed (an earlier run wrote it; this one makes no such file)", file=stderr)
    # the record's key is made from the events bytes this run loaded, not from the file read again
    build_key = buildrecord.key(Path(args.events), folder, options, events_digest=events.sha256) if events.sha256 else None
    if build_key is not None:
        buildrecord.save(out, buildrecord.text(build_key, files, said.splitlines(keepends=True)))
    print(f"{out}: wrote {counted(len(written), 'file')}, {len(files) - len(written):,} unchanged", file=stderr)
    return EXIT_OK


def _attributes(events: str, timelines, postmortems) -> dict:
    """incident → (severity, components) for the portfolio: the postmortem's severity, else the
    events' own `severity` column; the components its `component` column lists."""
    from .many.work import attributes_of_file

    stated = attributes_of_file(events)
    return {name: (postmortems[name].severity.strip() or stated.get(name, ("", ()))[0], stated.get(name, ("", ()))[1])
            for name in timelines}


def fmt(args, stdout: TextIO, stderr: TextIO) -> int:
    """`fmt`; rewriting holds the file's lock from reading to writing (another command appending
    meanwhile would otherwise lose its rows)."""
    if args.check:
        return _fmt(args, stdout, stderr)
    from .files import locked

    with locked(args.path, lambda message: print(f"{args.path}: {message}", file=stderr)):
        return _fmt(args, stdout, stderr)


def _fmt(args, stdout: TextIO, stderr: TextIO) -> int:
    import hashlib
    from pathlib import Path

    from .events_csv.canonical import canonical_text, rewrite_slash_dates, same_cells
    from .events_csv.reader import load, parse
    from .timeline.reconstruct import reconstruct_all

    events = load(args.path, keep_rows=True)
    original = events.sha256
    repaired = 0
    if args.dates:
        data = rewrite_slash_dates(events, args.dates)
        if data:
            before = events
            events = parse(data, args.path, keep_rows=True)
            repaired = sum(a.cells != b.cells for a, b in zip(before.rows, events.rows))
            if not events.ok:
                print(f"{args.path}: the dates were rewritten in memory, but these problems remain; nothing was written:", file=stderr)
    events.raise_for_errors()
    timelines = reconstruct_all(events.claims)
    order = {(name, e.event): rank for name, t in timelines.items() for rank, e in enumerate(t.events)}
    data = canonical_text(events, order).encode("utf-8")
    if hashlib.sha256(data).hexdigest() == original:
        print(f"{args.path}: already in canonical form", file=stderr)
        return EXIT_OK
    if args.check:
        if args.diff:
            from .files import read_regular
            from .render.diffs import MAX_DIFF_BYTES, text_diff

            old = read_regular(Path(args.path), MAX_DIFF_BYTES)
            stdout.write(text_diff(old, data, args.path) if old is not None
                         else f"{args.path}: differs (over {MAX_DIFF_BYTES >> 20} MB: not diffed)\n")
        option = f" --dates {args.dates}" if args.dates else ""
        print(f"{args.path}: not in canonical form (run: incident fmt{option} {args.path})", file=stderr)
        return EXIT_INVALID
    problem = same_cells(events, data)
    if problem is not None:  # never write a file that does not read back to what was read
        print(f"{args.path}: not rewritten, left as it was: {problem}", file=stderr)
        return EXIT_INVALID
    if not _written(args.path, data, stderr):
        return EXIT_INVALID
    dates = f" ({repaired:,} with dates rewritten as ISO 8601)" if repaired else ""
    print(f"{args.path}: rewrote {len(events.rows):,} rows in canonical form{dates}", file=stderr)
    return EXIT_OK


def schema(args, stdout: TextIO, stderr: TextIO) -> int:
    from .model.schema import json_schema_text

    stdout.write(json_schema_text())
    return EXIT_OK


def extract(args, stdout: TextIO, stderr: TextIO) -> int:
    from .extract.command import run

    return run(args, stdout, stderr)


