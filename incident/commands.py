"""What each command does, behind its arguments: `cli.py` parses them and calls these; each
returns the exit code (0 success, 1 invalid input or stale files) or raises what `cli.main` turns
into one (InputError, UsageError, ImportFailed)."""

from __future__ import annotations

import json
import os
from typing import Iterable, Sequence, TextIO

from . import options as opts, terminal
from .words import counted
from .diagnostics import ExitCode, UsageError, print_diagnostics, they_are


def postmortem_folder(options: opts.Report):
    """--postmortems, else postmortems/ beside the events file."""
    from pathlib import Path

    from .postmortem import default_folder

    return Path(options.postmortems) if options.postmortems else default_folder(options.events)


def validate(options: opts.Validate, stdout: TextIO, stderr: TextIO) -> int:
    from .events_csv.reader import load
    from .progress import Progress

    progress = Progress(stderr, f"{options.path}: rows read")
    try:
        result = load(options.path, keep_claims=False, progress=progress)
    finally:
        progress.close()
    print_diagnostics(result.diagnostics, stderr, result.omitted_errors, result.omitted_warnings)
    errors, warnings = result.error_count, result.warning_count
    from . import postmortem

    # a postmortem named after no incident is told only of a valid file (an invalid row may name it)
    # an incident of starter rows only is known too: its postmortem is in a report once a row is filled
    known = sorted({*result.incidents(), *result.unfilled}) if not errors else None
    checked = postmortem.check_folder(postmortem.default_folder(options.path), known, options.path)
    print_diagnostics(checked, stderr)
    errors += sum(d.is_error for d in checked)
    notes = sum(d.severity == "note" for d in [*result.diagnostics, *checked])
    warnings += sum(not d.is_error for d in checked) - notes  # what is left: warnings (and any not shown)
    said = ", ".join(part for part in (counted(warnings, "warning") if warnings else "", counted(notes, "note") if notes else "") if part)
    if errors:
        print(f"{options.path}: invalid: {counted(errors, 'error')}" + (f", {said}" if said else ""), file=stderr)
        return ExitCode.INVALID
    starters = sum(bool(result.starter_only(name)) for name in result.unfilled)
    incidents = counted(len(result.incidents()) + starters, "incident") + (f" ({starters:,} with starter rows only)" if starters else "")
    print(f"{options.path}: valid: {counted(result.claim_count, 'claim')}, {incidents}" + (f", {said}" if said else ""), file=stderr)
    return ExitCode.OK


def _timelines(path: str, wanted: Sequence[str]):
    from . import api

    return api.timelines_of(api.load(path), wanted)


def _one_timeline(options: opts.Timeline | opts.Explain | opts.Export, stderr: TextIO):
    """The incident `options.incident` reconstructed, in its display zone, and its postmortem."""
    from . import postmortem
    from .display import in_display_zones, zone_option

    tz = getattr(options, "tz", None)  # an export is shown in the incident's own zone
    zone_option(tz)  # a bad --tz is a usage error before anything is read
    folder = postmortem.default_folder(options.events)
    timelines, postmortems, said = in_display_zones(_timelines(options.events, [options.incident]), folder, tz)
    stderr.write(said)
    return timelines[options.incident], postmortems[options.incident]


def timeline(options: opts.Timeline, stdout: TextIO, stderr: TextIO) -> int:
    from .render import text as textout

    timeline, _ = _one_timeline(options, stderr)
    if options.json:
        json.dump(textout.timeline_json(timeline), stdout, ensure_ascii=False, indent=2)
        stdout.write("\n")
    elif options.csv:
        stdout.write(textout.spreadsheet_csv(textout.timeline_json(timeline)))
    else:
        stdout.write(textout.timeline_table(timeline, width=terminal.width(stdout)))
    return ExitCode.OK


def explain(options: opts.Explain, stdout: TextIO, stderr: TextIO) -> int:
    from .render.explain import explain_json, explain_text

    timeline, _ = _one_timeline(options, stderr)
    try:
        event = timeline[options.event]
    except KeyError:
        from .diagnostics import did_you_mean

        names = tuple(e.event for e in timeline.events)
        listed = ", ".join(names[:40]) + (f", … ({len(names):,} in all)" if len(names) > 40 else "")
        raise UsageError(
            f"no event {options.event!r} in incident {options.incident!r}{did_you_mean(options.event, names)}; its events: {listed}"
        ) from None
    if options.json:
        json.dump(explain_json(timeline, event), stdout, ensure_ascii=False, indent=2)
        stdout.write("\n")
    else:
        stdout.write(explain_text(timeline, event, width=terminal.width(stdout)))
    return ExitCode.OK


def metrics(options: opts.Metrics, stdout: TextIO, stderr: TextIO) -> int:
    from .many import command as many

    wanted = list(dict.fromkeys(options.incidents))
    items: Iterable[tuple[str, str]] = many.metric_items(options, "metrics", stderr, tuple(wanted) or None)
    if wanted:  # in the order asked for; an incident the file does not have is named as before
        found = dict(items)
        missing = [name for name in wanted if name not in found]
        if missing:
            _timelines(options.events, missing)
        items = [(name, found[name]) for name in wanted]
    many.write_metrics(items, options, stdout)
    return ExitCode.OK


def stats(options: opts.Stats, stdout: TextIO, stderr: TextIO) -> int:
    from .api import day_start
    from .many import command as many
    from .many.metrics_file import read_metrics
    from .render import text as textout
    from .render.stats_data import stats_json, stats_table
    from .timeline import stats as portfolio_stats

    since, until = day_start("since", options.since), day_start("until", options.until, end=True)
    split = day_start("split", options.split)
    source = options.from_metrics or options.events
    if options.from_metrics:
        frame = read_metrics(options.from_metrics, for_stats=True)
    else:
        frame = many.metrics_frame(many.metric_items(options, "stats", stderr, tuple(options.patterns) or None))
    if options.patterns:
        import fnmatch

        names = [n for n in frame["incident"].cat.categories if any(fnmatch.fnmatchcase(n, p) for p in options.patterns)]
        frame = frame[frame["incident"].isin(names)]
        if frame.empty:
            raise UsageError(f"no incident in {source} matches {' '.join(options.patterns)}{they_are(_incidents_of(options), 20)}")
    if since is not None or until is not None:
        started = frame["incident_start"]
        frame = frame[started.notna() & (since is None or started >= since) & (until is None or started < until)]
        if frame.empty:
            raise UsageError("no incident started in the days asked for (--since/--until)")
    summary = portfolio_stats.of_frame(frame, split, options.per)
    if options.json:
        json.dump(stats_json(summary), stdout, ensure_ascii=False, indent=2)
        stdout.write("\n")
    elif options.csv:
        stdout.write(textout.spreadsheet_csv(stats_table(summary)))
    else:
        from .render.stats_doc import stats_document
        from .render.stats_terminal import stats_text

        stdout.write(stats_text(stats_document(summary, chart=False), terminal.width(stdout)))
    return ExitCode.OK


def _incidents_of(options: opts.Stats) -> list[str]:
    """The incident ids a saved metrics file or an events file has (for a message)."""
    if options.from_metrics:
        from .many.metrics_file import read_metrics

        return sorted(set(read_metrics(options.from_metrics, for_stats=True)["incident"]))
    from .many import index

    try:
        return index.build(options.events).incidents()
    except index.NotIndexed:
        return []


def _check_report(files, out, options: opts.Report, stdout: TextIO, stderr: TextIO) -> int:
    """`report --check`: each file that would change named on stderr (with --diff, what changes on
    stdout); exit 1 when any would."""
    from .render.output import stale_files

    stale = stale_files(files, out)
    if options.diff and stale:
        from .render.diffs import report_diff

        stdout.write(report_diff(files, stale, out))
    for name in stale:
        print(f"{out / name}: would change (run: incident report --events {options.events} --out {options.out})", file=stderr)
    if stale:
        return ExitCode.INVALID
    print(f"{out}: {counted(len(files), 'file')} up to date", file=stderr)
    return ExitCode.OK


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


def export(options: opts.Export, stdout: TextIO, stderr: TextIO) -> int:

    from .files import refuse_unless_regular
    from .render import exports

    out = None if options.out == "-" else options.out  # - is standard output
    if out is not None:
        refuse_unless_regular(out, stdout_too=True)
    timeline, pm = _one_timeline(options, stderr)
    data = exports.export(timeline, options.format, pm if pm.exists else None)
    if out is None:
        stdout.write(data.decode("utf-8"))
        return ExitCode.OK
    if not _written(out, data, stderr):
        return ExitCode.INVALID
    print(f"{out}: wrote {options.incident} as {options.format} ({len(data):,} bytes)", file=stderr)
    return ExitCode.OK


def report(options: opts.Report, stdout: TextIO, stderr: TextIO) -> int:
    from pathlib import Path


    from . import buildrecord

    if options.out == "-":
        raise UsageError("--out -: a report is a folder of files, it cannot go to standard output: give a folder")
    out = Path(options.out)
    folder = postmortem_folder(options)
    asked = {"events": str(options.events), "postmortems": str(folder), "incidents": list(options.incidents), "tz": options.tz,
             "SOURCE_DATE_EPOCH": os.environ.get("SOURCE_DATE_EPOCH"), "png": options.png}
    build_key = buildrecord.key(Path(options.events), folder, asked)
    done = buildrecord.unchanged(out, build_key) if build_key is not None and not options.fresh else None
    if done is not None:  # built from the same inputs by the same code, and untouched since
        stderr.write("".join(done["messages"]))
        count = len(done["files"])
        print(f"{out}: {counted(count, 'file')} up to date" if options.check else f"{out}: wrote no file, {count:,} unchanged", file=stderr)
        return ExitCode.OK

    from . import api
    from .display import zone_option
    from .render.drawing import trusted_charts
    from .render.output import WriteFailed, remove_outdated, write_report
    from .render.inputs import generated_at_from_env
    from .render.report import build_report

    try:
        generated_at = generated_at_from_env(os.environ)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    zone_option(options.tz)  # a bad --tz is a usage error before anything is read
    events = api.load(options.events)
    api.check_incidents(events, options.incidents)
    if not options.incidents:  # an incident still to fill in has no report yet: say so, and what to give it
        print_diagnostics([api.starter_only(name, lines, options.events, "note") for name, lines in events.starters.items()], stderr)
    report, said = api.report_input(events, incidents=options.incidents, tz=options.tz, postmortems=folder, generated_at=generated_at)
    stderr.write(said)
    from .progress import Progress

    progress = Progress(stderr, "drawing charts")
    try:
        recorded = buildrecord.digests(out)  # what an earlier run says it wrote here
        existing = {} if options.fresh else trusted_charts(out, recorded)
        files = build_report(report, existing, progress=progress, png=options.png)
    finally:
        progress.close()
    if options.check:
        return _check_report(files, out, options, stdout, stderr)
    try:
        written = write_report(files, out)
    except WriteFailed as exc:
        print(f"{exc} ({exc.outcome(out)})", file=stderr)
        return ExitCode.INVALID
    for name in remove_outdated(out, recorded, files):
        print(f"{out / name}: removed (an earlier run wrote it; this one makes no such file)", file=stderr)
    # the record's key is made from the events bytes this run loaded, not from the file read again
    build_key = buildrecord.key(Path(options.events), folder, asked, events_digest=events.sha256) if events.sha256 else None
    if build_key is not None:
        buildrecord.save(out, buildrecord.text(build_key, files, said.splitlines(keepends=True)))
    print(f"{out}: wrote {counted(len(written), 'file')}, {len(files) - len(written):,} unchanged", file=stderr)
    return ExitCode.OK


def fmt(options: opts.Fmt, stdout: TextIO, stderr: TextIO) -> int:
    """`fmt`; rewriting holds the file's lock from reading to writing (another command appending
    meanwhile would otherwise lose its rows)."""
    if options.check:
        return _fmt(options, stdout, stderr)
    from .files import locked

    with locked(options.path, lambda message: print(f"{options.path}: {message}", file=stderr)):
        return _fmt(options, stdout, stderr)


def _fmt(options: opts.Fmt, stdout: TextIO, stderr: TextIO) -> int:
    import hashlib
    from pathlib import Path

    from .events_csv.canonical import canonical_text, rewrite_slash_dates, same_cells
    from .events_csv.reader import load, parse
    from .timeline.reconstruct import reconstruct_all

    events = load(options.path, keep_rows=True)
    original = events.sha256
    repaired = 0
    if options.dates:
        data = rewrite_slash_dates(events, options.dates)
        if data:
            before = events
            events = parse(data, options.path, keep_rows=True)
            repaired = sum(a.cells != b.cells for a, b in zip(before.rows, events.rows))
            if not events.ok:
                print(f"{options.path}: the dates were rewritten in memory, but these problems remain; nothing was written:", file=stderr)
    events.raise_for_errors()
    timelines = reconstruct_all(events.claims)
    order = {(name, e.event): rank for name, t in timelines.items() for rank, e in enumerate(t.events)}
    data = canonical_text(events, order).encode("utf-8")
    if hashlib.sha256(data).hexdigest() == original:
        print(f"{options.path}: already in canonical form", file=stderr)
        return ExitCode.OK
    if options.check:
        if options.diff:
            from .files import read_regular
            from .render.diffs import MAX_DIFF_BYTES, text_diff

            old = read_regular(Path(options.path), MAX_DIFF_BYTES)
            stdout.write(text_diff(old, data, options.path) if old is not None
                         else f"{options.path}: differs (over {MAX_DIFF_BYTES >> 20} MB: not diffed)\n")
        option = f" --dates {options.dates}" if options.dates else ""
        print(f"{options.path}: not in canonical form (run: incident fmt{option} {options.path})", file=stderr)
        return ExitCode.INVALID
    problem = same_cells(events, data)
    if problem is not None:  # never write a file that does not read back to what was read
        print(f"{options.path}: not rewritten, left as it was: {problem}", file=stderr)
        return ExitCode.INVALID
    if not _written(options.path, data, stderr):
        return ExitCode.INVALID
    dates = f" ({repaired:,} with dates rewritten as ISO 8601)" if repaired else ""
    print(f"{options.path}: rewrote {len(events.rows):,} rows in canonical form{dates}", file=stderr)
    return ExitCode.OK


def schema(options: opts.Schema, stdout: TextIO, stderr: TextIO) -> int:
    from .model.schema import json_schema_text

    stdout.write(json_schema_text())
    return ExitCode.OK


def import_records(options: opts.Import, stdout: TextIO, stderr: TextIO) -> int:
    """`incident import NAME`: the importer the registry names, asked with its own options; an API
    token for an address is read from the environment variable the importer names."""
    from .importers.registry import Request, importer
    from .intake import run_import

    chosen = importer(options.source)
    token = os.environ.get(chosen.token_variable) or None if chosen.token_variable else None
    request = Request(options.files, dict(options.settings), token)
    return run_import(chosen, request, opts.Target(options.out, options.append), stdout, stderr)


def extract(options: opts.Extract, stdout: TextIO, stderr: TextIO) -> int:
    from .extract.command import run

    return run(options, stdout, stderr)


