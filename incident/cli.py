"""The `incident` command line: parses arguments, calls the command (commands.py), owns the exit code
(diagnostics.ExitCode).

Exit codes: 0 success (warnings allowed); 1 invalid input, or `--check` found stale files;
2 usage error (unknown command, option, incident or zone).
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import re
import sys
from typing import Any, Sequence, TextIO, cast

from . import commands, intake, options, terminal
from .diagnostics import ExitCode, ImportFailed, InputError, MessageStream, UsageError, did_you_mean, print_diagnostics


class _Parser(argparse.ArgumentParser):
    """argparse's parser, which also says which choice a mistyped one was meant to be."""

    def error(self, message: str):
        said = re.search(r"invalid choice: '([^']{1,100})' \(choose from ([^)]{1,2000})\)", message)
        if said:
            hint = did_you_mean(said[1], tuple(c.strip().strip("'\"") for c in said[2].split(",")))
            message += f"\n{hint[2].upper()}{hint[3:]}" if hint else ""
        self.print_usage(sys.stderr)
        self.exit(ExitCode.USAGE, terminal.wrap(f"{self.prog}: error: {message}\n", terminal.width(sys.stderr)))


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="incident",
        description="Reconstruct outage timelines from events.csv and write postmortems.",
        epilog="Exit codes: 0 ok, 1 invalid input or stale reports, 2 usage error.",
    )
    from .version import __version__

    parser.add_argument("--version", action="version", version=f"incident {__version__}")
    subcommands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    p = subcommands.add_parser("validate", help="check events.csv row by row", description="Check events.csv; errors and warnings go to stderr as PATH:LINE: column: message.")
    p.add_argument("path", nargs="?", default="events.csv", metavar="PATH", help="the file to check (default: ./events.csv)")
    p.set_defaults(run=commands.validate, options=options.Validate)

    p = subcommands.add_parser("timeline", help="the reconstructed timeline of one incident", description="Each event's estimate, window (earliest–latest), sources and conflicts.")
    p.add_argument("incident", metavar="INCIDENT", help="incident id, e.g. x-spaces-2024")
    _events_option(p)
    p.add_argument("--tz", metavar="ZONE", help="show local times in this zone (default: the zone most claims use)")
    _output_options(p, "JSON to stdout (times in ISO 8601 UTC)")
    p.set_defaults(run=commands.timeline, options=options.Timeline)

    _metrics_parser(subcommands)
    _stats_parser(subcommands)
    _export_parser(subcommands)

    p = subcommands.add_parser("explain", help="why an event's window and estimate are what they are", description="Every claim about the event: what it allows, its weight, kept or set aside and by which conflict; which claims set the window's edges and how the estimate follows.")
    p.add_argument("incident", metavar="INCIDENT", help="incident id, e.g. x-spaces-2024")
    p.add_argument("event", metavar="EVENT", help="event id, e.g. conversation-start")
    _events_option(p)
    p.add_argument("--tz", metavar="ZONE", help="show local times in this zone (default: the zone most claims use)")
    p.add_argument("--json", action="store_true", help="print JSON to stdout (times in ISO 8601 UTC)")
    p.set_defaults(run=commands.explain, options=options.Explain)

    p = subcommands.add_parser("fmt", help="rewrite events.csv in canonical form, losing no cell", description="Canonical form: the format's columns in their documented order, then your own; rows by incident, reconstructed time, event, line; LF, UTF-8 without BOM, minimal quoting. Refuses an invalid file.")
    p.add_argument("path", nargs="?", default="events.csv", metavar="PATH", help="the file to rewrite (default: ./events.csv)")
    p.add_argument("--check", action="store_true", help="write nothing; exit 1 when the file is not in canonical form")
    p.add_argument("--diff", action="store_true", help="with --check: print a unified diff of what would change to stdout")
    p.add_argument("--dates", choices=("mdy", "dmy"), help="first rewrite slash dates a spreadsheet saved in its locale (6/8/2021 9:47 PM) as ISO 8601 in this order, month or day first; the cell as written goes to an empty as_reported")
    p.set_defaults(run=commands.fmt, options=options.Fmt)

    _import_parser(subcommands)
    _extract_parser(subcommands)

    p = subcommands.add_parser("schema", help="print the events.csv format as a JSON Schema", description="Print a JSON Schema (draft 2020-12) of one events.csv row, for editors and other tools.")
    p.set_defaults(run=commands.schema, options=options.Schema)

    p = subcommands.add_parser("report", help="write the postmortem reports and charts", description="Write Markdown per incident, a comparison, an index, one self-contained HTML page and the charts (PNG and SVG; SVG only with --no-png) into DIR.")
    p.add_argument("incidents", nargs="*", metavar="INCIDENT", help="only these incidents (default: all)")
    p.add_argument("--tz", metavar="ZONE", help="show local times in this zone in every report (default: each incident's own display zone)")
    _events_option(p)
    p.add_argument("--out", default="reports", metavar="DIR", help="output folder (default: reports/)")
    p.add_argument("--check", action="store_true", help="write nothing; exit 1 naming each file that would change")
    p.add_argument("--diff", action="store_true", help="with --check: print a unified diff of each text file that would change, one line for each chart (its size and stamp)")
    p.add_argument("--fresh", action="store_true", help="build everything and draw every chart again, trusting nothing an earlier run left in DIR (its build record, the charts' stamps)")
    p.add_argument("--no-png", dest="png", action="store_false", help="draw the charts as SVG only, and link the SVGs from the Markdown: about half the drawing, for a quick look (the committed reports have both)")
    _postmortems_option(p)
    p.set_defaults(run=commands.report, options=options.Report)

    _new_parser(subcommands)

    return parser


def _new_parser(subcommands) -> None:
    p = subcommands.add_parser("new", help="start a new incident: starter rows and a starter postmortem file", description="Append starter rows (an outage: impact start, detection, acknowledgement, mitigation, recovery, resolution; a live event: its scheduled start first, no mitigation) to the events file, in canonical form, and write the starter postmortem file POSTMORTEMS/INCIDENT.md. The rows have no time and no source yet: validate warns of each (the file stays valid, the analysis leaves them out) until you fill it in or delete it. Refuses an incident the file already has, and an existing postmortem file.")
    p.add_argument("incident", metavar="INCIDENT", help="the new incident's id, a slug (e.g. cdn-outage-2025)")
    _events_option(p)
    _postmortems_option(p)
    p.add_argument("--title", metavar="TEXT", help="the postmortem's title (default: the id)")
    p.add_argument("--postmortem-only", action="store_true", help="write only the postmortem file, for an incident the events file already has")
    p.add_argument("--kind", choices=("outage", "live-event"), default="outage", help="the starter rows that fit: an outage (impact start to resolution) or a live event timed from its schedule (default: outage)")
    p.set_defaults(run=intake.new, options=options.New)


def _export_parser(subcommands) -> None:
    from .render.exports import FORMATS

    listed = ", ".join(f"{f.name} ({f.summary})" for f in FORMATS.values())
    p = subcommands.add_parser("export", help=f"one incident for other tools: {', '.join(FORMATS)}", description=f"One incident in another tool's format: {listed}.")
    p.add_argument("incident", metavar="INCIDENT", help="incident id, e.g. x-spaces-2024")
    p.add_argument("--format", required=True, choices=tuple(FORMATS), help="the format to write")
    _events_option(p)
    p.add_argument("--out", metavar="PATH", help="write this file (atomically) instead of stdout; - is stdout")
    p.set_defaults(run=commands.export, options=options.Export)


def _metrics_parser(subcommands) -> None:
    p = subcommands.add_parser("metrics", help="delay, time to detect/acknowledge/mitigate/recover, duration, time open, updates", description="Metrics in minutes, each an estimate with a low–high range, its state and why it is no value; undefined when a milestone is missing.")
    p.add_argument("incidents", nargs="*", metavar="INCIDENT", help="incident ids (default: all)")
    _events_option(p)
    _output_options(p, "JSON to stdout")
    _scale_options(p)
    p.set_defaults(run=commands.metrics, options=options.Metrics)


def _stats_parser(subcommands) -> None:
    p = subcommands.add_parser("stats", help="each metric over many incidents: counts, bands, p50/p90 with intervals", description="Each metric's distribution over the incidents: how many have it, how many are open or one-sided, how many lack a milestone and why; p50 and p90 read from the ranges' low and high ends with exact intervals; incidents per month, by severity and by component; how often a 10 % improvement would even show; the earlier and later incidents compared, in words that say which way.")
    p.add_argument("patterns", nargs="*", metavar="INCIDENT-PATTERN", help="incident ids or shell patterns (github-*; default: all)")
    _events_option(p)
    p.add_argument("--since", metavar="DATE", help="only incidents that started on or after this day (YYYY-MM-DD, UTC)")
    p.add_argument("--until", metavar="DATE", help="only incidents that started before the end of this day (YYYY-MM-DD, UTC)")
    p.add_argument("--split", metavar="DATE", help="compare the incidents before this day with those from it on (default: halve the history)")
    p.add_argument("--per", choices=("week", "month", "quarter"), default="month", help="count the incidents per week, month or quarter (default: month)")
    p.add_argument("--from-metrics", metavar="FILE", help="read a saved `incident metrics --csv` instead of the events file")
    _output_options(p, "JSON to stdout")
    _scale_options(p)
    p.set_defaults(run=commands.stats, options=options.Stats)


def _extract_parser(subcommands) -> None:
    p = subcommands.add_parser("extract", help="draft claims from texts: articles, postmortems, status updates, saved web pages", description="Find the times the texts of one incident state (plain or saved HTML pages) and draft an events.csv row for each: the sentence as quote, the words as as_reported, the normalised time (or day, or length), a kind and an event shared by every text that names the same milestone, and a note naming every guess (after 'draft:'). Nothing is invented: a sentence with no usable time gives no row. The draft always validates.")
    p.add_argument("file", nargs="*", metavar="FILE", help="the texts, or - for standard input")
    p.add_argument("--texts", metavar="LIST", help="a CSV list of the texts: file (relative to the list), and any of published, tz, source, source_type, org, url for each")
    p.add_argument("--kind", choices=("outage", "live-event"), help="the incident's kind, for the words' meaning ('began' is a live event's start, an outage's impact; default: the incident the --append file holds, else an outage when no text says anything was due to start, else not known)")
    p.add_argument("--org", metavar="NAME", help="the organisation an operator text speaks for, when the incident has more than one")
    p.add_argument("--published", metavar="DATE", help="the text's date, YYYY-MM-DD, or YYYY-MM when only its month is known (default: a saved page's own date, or the date line a text opens with); times without a date are read against it")
    p.add_argument("--tz", metavar="ZONE", help="the zone of times written without one, and of the text's own dates")
    p.add_argument("--incident", metavar="ID", help="the incident id of the rows (default: from the file name)")
    p.add_argument("--source", metavar="NAME", help="the source (outlet, operator) of the rows (default: the page's site name, else the file name)")
    p.add_argument("--source-type", metavar="TYPE", help="operator, monitor, press, witness, secondary or analyst")
    p.add_argument("--url", metavar="URL", help="where the text was read")
    target = p.add_mutually_exclusive_group()
    target.add_argument("--out", metavar="PATH", help="write a new events file (refused if it exists); - prints the draft")
    target.add_argument("--append", metavar="PATH", help="add the claims to this events file (validated first, written atomically)")
    p.set_defaults(run=commands.extract, options=options.Extract)


def _import_parser(subcommands) -> None:
    """`incident import NAME`, a subcommand for each importer of the registry, built from its entry."""
    from .importers.registry import IMPORTERS

    p = subcommands.add_parser("import", help="claims from a status page, a feed or an incident tool's record",
                               description="Write the claims a saved record (or an address's answer) makes, in events.csv format, to stdout, a new file, or appended to an events file (validated and in canonical form before anything is written).")
    sources = p.add_subparsers(dest="source", metavar="SOURCE", required=True)
    for importer in IMPORTERS.values():
        q = sources.add_parser(importer.name, help=importer.help, description=importer.description)
        q.add_argument("files", nargs="+", metavar=importer.metavar, help=importer.sources_help)
        for option in importer.options:
            if option.metavar is None:
                q.add_argument(option.flag, dest=option.key, action="store_true", help=option.help)
            else:
                q.add_argument(option.flag, dest=option.key, metavar=option.metavar, help=option.help,
                               action="append" if option.repeatable else "store")
        _import_target(q, importer.new_incidents_only)
        q.set_defaults(run=commands.import_records, options=options.Import, setting_keys=tuple(o.key for o in importer.options))


def _scale_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--jobs", metavar="N", help="processes that reconstruct incidents at once (default: auto, one for a file under 50,000 rows)")
    parser.add_argument("--cache", metavar="DIR", help="keep each incident's metrics here, by its rows (default: .incident-cache/ beside the events file)")
    parser.add_argument("--no-cache", action="store_true", help="neither read nor write the metrics cache")


def _import_target(parser: argparse.ArgumentParser, new_incidents_only: bool = True) -> None:
    target = parser.add_mutually_exclusive_group()
    target.add_argument("--out", metavar="PATH", help="write a new events file (refused if it exists); - prints it")
    target.add_argument("--append", metavar="PATH", help="add the claims to this events file; " + (
        "an incident it already has is refused" if new_incidents_only else "a claim it already holds is not added again"))


def _output_options(parser: argparse.ArgumentParser, json_help: str) -> None:
    shape = parser.add_mutually_exclusive_group()
    shape.add_argument("--json", action="store_true", help=f"print {json_help}")
    shape.add_argument("--csv", action="store_true", help="print CSV to stdout, safe to open in a spreadsheet")


def _postmortems_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--postmortems", metavar="DIR", help="the folder of postmortem files, INCIDENT.md (default: postmortems/ beside the events file)")


def _events_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--events", default="events.csv", metavar="PATH", help="the events file (default: ./events.csv)")


def main(argv: Sequence[str] | None = None, stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
    out = stdout or sys.stdout
    # messages quote files: never a terminal's or a CI log's command (MessageStream is a TextIO in all but name)
    err = cast(TextIO, MessageStream(stderr or sys.stderr))
    columns = terminal.width(err)
    if columns is not None:  # messages read in a terminal are wrapped to it (then defused: a wrap may start a line); a log gets whole lines
        err = cast(TextIO, terminal.Fitted(err, columns))
    try:
        return _main(argv, out, err)
    finally:
        err.flush()


def _main(argv: Sequence[str] | None, stdout: TextIO, stderr: TextIO) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse has printed the usage message
        return int(exc.code or 0)
    previous = _on_signals(_terminate)
    try:
        return args.run(options_of(args), stdout, stderr)
    except Terminated as exc:  # files being written were removed on the way out
        return 128 + exc.signum
    except InputError as exc:
        print_diagnostics(exc.diagnostics, stderr)
        return ExitCode.INVALID
    except UsageError as exc:
        print(f"incident {args.command}: {exc}", file=stderr)
        return ExitCode.USAGE
    except ImportFailed as exc:  # a record that is not what its importer reads: invalid input
        print(f"incident {args.command}: {exc}", file=stderr)
        return ExitCode.INVALID
    except KeyboardInterrupt:
        return ExitCode.INTERRUPTED
    except BrokenPipeError:  # the reader (e.g. `head`) went away: stop quietly
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return ExitCode.INVALID
    finally:
        _on_signals(previous)


def options_of(args: argparse.Namespace) -> Any:
    """The command's frozen options object (options.py) made of the parsed arguments: a list becomes
    a tuple, and nothing else of the namespace goes below this module."""
    cls = args.options
    values = {}
    for field in dataclasses.fields(cls):
        if field.name == "settings":  # an importer's own options (importers/registry.py), (key, value) in its order
            values["settings"] = tuple((key, tuple(v) if isinstance(v, list) else v) for key in args.setting_keys
                                       for v in [getattr(args, key)])
            continue
        value: Any = getattr(args, field.name, field.default)  # an option this command does not have: its default
        repeated = str(field.type).startswith("tuple")  # a repeatable option or a list of arguments: () when none
        values[field.name] = tuple(value) if repeated and value else () if repeated else value
    return cls(**values)


class Terminated(BaseException):
    """SIGTERM or SIGHUP arrived: raised where the program is, so that every `finally` and
    cleanup runs (temporary files are removed) before the exit."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


def _terminate(signum, _frame):
    raise Terminated(signum)


def _on_signals(handler) -> dict:
    """Install `handler` (or a dict of handlers) for SIGTERM and SIGHUP; returns the old ones.
    Only the main thread may do so: elsewhere nothing changes."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        return {}
    old = {}
    for name in ("SIGTERM", "SIGHUP"):
        number = getattr(signal, name, None)
        if number is None:
            continue
        wanted = handler.get(number) if isinstance(handler, dict) else handler
        if wanted is not None:
            old[number] = signal.signal(number, wanted)
    return old
