"""The `incident` command line: parses arguments, calls the command (commands.py), owns the exit code.

Exit codes: 0 success (warnings allowed); 1 invalid input, or `--check` found stale files;
2 usage error (unknown command, option, incident or zone).
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from typing import Sequence, TextIO

from . import commands, terminal
from .commands import EXIT_INVALID, EXIT_USAGE, MAX_DIAGNOSTICS, print_diagnostics  # noqa: F401 (MAX_DIAGNOSTICS: the cap tests read)
from .diagnostics import ImportFailed, InputError, MessageStream, UsageError, did_you_mean


class _Parser(argparse.ArgumentParser):
    """argparse's parser, which also says which choice a mistyped one was meant to be."""

    def error(self, message: str):  # type: ignore[override]
        said = re.search(r"invalid choice: '([^']{1,100})' \(choose from ([^)]{1,2000})\)", message)
        if said:
            hint = did_you_mean(said[1], tuple(c.strip().strip("'\"") for c in said[2].split(",")))
            message += f"\n{hint[2].upper()}{hint[3:]}" if hint else ""
        self.print_usage(sys.stderr)
        self.exit(2, terminal.wrap(f"{self.prog}: error: {message}\n", terminal.width(sys.stderr)))


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="incident",
        description="Reconstruct outage timelines from events.csv and write postmortems.",
        epilog="Exit codes: 0 ok, 1 invalid input or stale reports, 2 usage error.",
    )
    from . import __version__

    parser.add_argument("--version", action="version", version=f"incident {__version__}")
    subcommands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    p = subcommands.add_parser("validate", help="check events.csv row by row", description="Check events.csv; errors and warnings go to stderr as PATH:LINE: column: message.")
    p.add_argument("path", nargs="?", default="events.csv", metavar="PATH", help="the file to check (default: ./events.csv)")
    p.set_defaults(run=commands.validate)

    p = subcommands.add_parser("timeline", help="the reconstructed timeline of one incident", description="Each event's estimate, window (earliest–latest), sources and conflicts.")
    p.add_argument("incident", metavar="INCIDENT", help="incident id, e.g. x-spaces-2024")
    _events_option(p)
    p.add_argument("--tz", metavar="ZONE", help="show local times in this zone (default: the zone most claims use)")
    _output_options(p, "JSON to stdout (times in ISO 8601 UTC)")
    p.set_defaults(run=commands.timeline)

    _metrics_parser(subcommands)
    _stats_parser(subcommands)
    _export_parser(subcommands)

    p = subcommands.add_parser("explain", help="why an event's window and estimate are what they are", description="Every claim about the event: what it allows, its weight, kept or set aside and by which conflict; which claims set the window's edges and how the estimate follows.")
    p.add_argument("incident", metavar="INCIDENT", help="incident id, e.g. x-spaces-2024")
    p.add_argument("event", metavar="EVENT", help="event id, e.g. conversation-start")
    _events_option(p)
    p.add_argument("--tz", metavar="ZONE", help="show local times in this zone (default: the zone most claims use)")
    p.add_argument("--json", action="store_true", help="print JSON to stdout (times in ISO 8601 UTC)")
    p.set_defaults(run=commands.explain)

    p = subcommands.add_parser("fmt", help="rewrite events.csv in canonical form, losing no cell", description="Canonical form: the format's columns in their documented order, then your own; rows by incident, reconstructed time, event, line; LF, UTF-8 without BOM, minimal quoting. Refuses an invalid file.")
    p.add_argument("path", nargs="?", default="events.csv", metavar="PATH", help="the file to rewrite (default: ./events.csv)")
    p.add_argument("--check", action="store_true", help="write nothing; exit 1 when the file is not in canonical form")
    p.add_argument("--diff", action="store_true", help="with --check: print a unified diff of what would change to stdout")
    p.add_argument("--dates", choices=("mdy", "dmy"), help="first rewrite slash dates a spreadsheet saved in its locale (6/8/2021 9:47 PM) as ISO 8601 in this order, month or day first; the cell as written goes to an empty as_reported")
    p.set_defaults(run=commands.fmt)

    p = subcommands.add_parser("import", help="claims from a status page's JSON record", description="Write the claims a saved status-page record makes, in events.csv format, to stdout, a new file, or appended to an events file (validated and in canonical form before anything is written).")
    sources = p.add_subparsers(dest="source", metavar="SOURCE", required=True)
    q = sources.add_parser("statuspage", help="Atlassian Statuspage API v2 JSON (per-incident files or an incidents.json list)", description="Read per-incident Statuspage JSON files (/api/v2/incidents/ID.json) or a list (/api/v2/incidents.json).")
    q.add_argument("files", nargs="+", metavar="FILE", help="saved JSON files, or a page's address (https://www.githubstatus.com: its /api/v2/incidents.json is read live)")
    q.add_argument("--page-slug", metavar="SLUG", help="the incident id prefix (default: from the page's name, e.g. github)")
    q.add_argument("--incident", action="append", metavar="ID", help="only this Statuspage incident id (repeatable)")
    _import_target(q)
    q.set_defaults(run=commands.import_statuspage)
    q = sources.add_parser("gcp", help="Google Cloud's status history (incidents.json)", description="Read a saved https://status.cloud.google.com/incidents.json.")
    q.add_argument("files", nargs="+", metavar="FILE", help="saved incidents.json files, or its address (https://status.cloud.google.com/incidents.json, read live)")
    q.add_argument("--incident", action="append", metavar="ID", help="only this incident (its id or number; repeatable)")
    _import_target(q)
    q.set_defaults(run=commands.import_gcp)
    _feed_parser(sources)

    _extract_parser(subcommands)

    p = subcommands.add_parser("schema", help="print the events.csv format as a JSON Schema", description="Print a JSON Schema (draft 2020-12) of one events.csv row, for editors and other tools.")
    p.set_defaults(run=commands.schema)

    p = subcommands.add_parser("report", help="write the postmortem reports and charts", description="Write Markdown per incident, a comparison, an index, one self-contained HTML page and the charts (SVG; PNG too with --png) into DIR.")
    p.add_argument("incidents", nargs="*", metavar="INCIDENT", help="only these incidents (default: all)")
    p.add_argument("--tz", metavar="ZONE", help="show local times in this zone in every report (default: each incident's own display zone)")
    _events_option(p)
    p.add_argument("--out", default="reports", metavar="DIR", help="output folder (default: reports/)")
    p.add_argument("--check", action="store_true", help="write nothing; exit 1 naming each file that would change")
    p.add_argument("--diff", action="store_true", help="with --check: print a unified diff of each text file that would change, one line for each chart (its size and stamp)")
    p.add_argument("--fresh", action="store_true", help="build everything and draw every chart again, trusting nothing an earlier run left in DIR (its build record, the charts' stamps)")
    p.add_argument("--png", action="store_true", help="also draw each chart as PNG, and link the PNGs from the Markdown (for a viewer without the charts' font, a slide or a chat); about twice the drawing")
    _postmortems_option(p)
    p.set_defaults(run=commands.report)

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
    p.set_defaults(run=commands.new)


def _export_parser(subcommands) -> None:
    p = subcommands.add_parser("export", help="one incident for other tools: iCalendar, JSON Lines, TimelineJS, JSON", description="One incident in another tool's format: ics (an iCalendar event per milestone window), jsonl (each claim and what became of it), timelinejs (the TimelineJS spreadsheet's columns, as CSV), json (the whole report: timeline, metrics, conflicts, claims, the postmortem's sections).")
    p.add_argument("incident", metavar="INCIDENT", help="incident id, e.g. x-spaces-2024")
    p.add_argument("--format", required=True, choices=("ics", "jsonl", "timelinejs", "json"), help="the format to write")
    _events_option(p)
    p.add_argument("--out", metavar="PATH", help="write this file (atomically) instead of stdout; - is stdout")
    p.set_defaults(run=commands.export)


def _metrics_parser(subcommands) -> None:
    p = subcommands.add_parser("metrics", help="delay, time to detect/acknowledge/mitigate/recover, duration, time open, updates", description="Metrics in minutes, each an estimate with a low–high range, its state and why it is no value; undefined when a milestone is missing.")
    p.add_argument("incidents", nargs="*", metavar="INCIDENT", help="incident ids (default: all)")
    _events_option(p)
    _output_options(p, "JSON to stdout")
    _scale_options(p)
    p.set_defaults(run=commands.metrics)


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
    p.set_defaults(run=commands.stats)


def _extract_parser(subcommands) -> None:
    p = subcommands.add_parser("extract", help="draft claims from texts: articles, postmortems, status updates, saved web pages", description="Find the times the texts of one incident state (plain or saved HTML pages) and draft an events.csv row for each: the sentence as quote, the words as as_reported, the normalised time (or day, or length), a kind and an event shared by every text that names the same milestone, and a note naming every guess (after 'draft:'). Nothing is invented: a sentence with no usable time gives no row. The draft always validates.")
    p.add_argument("file", nargs="*", metavar="FILE", help="the texts, or - for standard input")
    p.add_argument("--texts", metavar="LIST", help="a CSV list of the texts: file (relative to the list), and any of published, tz, source, source_type, org, url for each")
    p.add_argument("--kind", choices=("outage", "live-event"), help="the incident's kind, for the words' meaning ('began' is a live event's start, an outage's impact; default: the incident the --append file holds, else not known)")
    p.add_argument("--org", metavar="NAME", help="the organisation an operator text speaks for, when the incident has more than one")
    p.add_argument("--published", metavar="DATE", help="the text's date, YYYY-MM-DD (default: a saved page's own date); times without a date are read against it")
    p.add_argument("--tz", metavar="ZONE", help="the zone of times written without one, and of the text's own dates")
    p.add_argument("--incident", metavar="ID", help="the incident id of the rows (default: from the file name)")
    p.add_argument("--source", metavar="NAME", help="the source (outlet, operator) of the rows (default: the page's site name, else the file name)")
    p.add_argument("--source-type", metavar="TYPE", help="operator, monitor, press, witness, secondary or analyst")
    p.add_argument("--url", metavar="URL", help="where the text was read")
    target = p.add_mutually_exclusive_group()
    target.add_argument("--out", metavar="PATH", help="write a new events file (refused if it exists); - prints the draft")
    target.add_argument("--append", metavar="PATH", help="add the claims to this events file (validated first, written atomically)")
    p.set_defaults(run=commands.extract)


def _feed_parser(sources) -> None:
    q = sources.add_parser("feed", help="an RSS or Atom status feed (Statuspage history.atom, AWS Health, Azure, Slack, incident.io, Instatus)",
                           description="Read an RSS 2.0 or Atom status feed, saved or at its address: an entry listing its updates (Statuspage) is one incident; entries posted one per update (AWS) are grouped by subject.")
    q.add_argument("files", nargs="+", metavar="FILE", help="saved feed files, or a feed's address (https://www.githubstatus.com/history.atom, read live)")
    q.add_argument("--page-slug", metavar="SLUG", help="the incident id prefix (default: from the feed's author or title, e.g. github)")
    q.add_argument("--incident", action="append", metavar="ID", help="only this entry (the id the import prints, e.g. k1mlxlmdhqqp; repeatable)")
    _import_target(q)
    q.set_defaults(run=commands.import_feed)


def _scale_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--jobs", metavar="N", help="processes that reconstruct incidents at once (default: auto, one for a file under 50,000 rows)")
    parser.add_argument("--cache", metavar="DIR", help="keep each incident's metrics here, by its rows (default: .incident-cache/ beside the events file)")
    parser.add_argument("--no-cache", action="store_true", help="neither read nor write the metrics cache")


def _import_target(parser: argparse.ArgumentParser) -> None:
    target = parser.add_mutually_exclusive_group()
    target.add_argument("--out", metavar="PATH", help="write a new events file (refused if it exists); - prints it")
    target.add_argument("--append", metavar="PATH", help="add the claims to this events file; an incident it already has is refused")


def _output_options(parser: argparse.ArgumentParser, json_help: str) -> None:
    shape = parser.add_mutually_exclusive_group()
    shape.add_argument("--json", action="store_true", help=f"print {json_help}")
    shape.add_argument("--csv", action="store_true", help="print CSV to stdout, safe to open in a spreadsheet")


def _postmortems_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--postmortems", metavar="DIR", help="the folder of postmortem files, INCIDENT.md (default: postmortems/ beside the events file)")


def _events_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--events", default="events.csv", metavar="PATH", help="the events file (default: ./events.csv)")


def main(argv: Sequence[str] | None = None, stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
    stdout = stdout or sys.stdout
    stderr = MessageStream(stderr or sys.stderr)  # messages quote files: never a terminal's or a CI log's command
    columns = terminal.width(stderr)
    if columns is not None:  # messages read in a terminal are wrapped to it (then defused: a wrap may start a line); a log gets whole lines
        stderr = terminal.Fitted(stderr, columns)
    try:
        return _main(argv, stdout, stderr)
    finally:
        stderr.flush()


def _main(argv: Sequence[str] | None, stdout: TextIO, stderr: TextIO) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse has printed the usage message
        return int(exc.code or 0)
    previous = _on_signals(_terminate)
    try:
        return args.run(args, stdout, stderr)
    except Terminated as exc:  # files being written were removed on the way out
        return 128 + exc.signum
    except InputError as exc:
        print_diagnostics(exc.diagnostics, stderr)
        return EXIT_INVALID
    except UsageError as exc:
        print(f"incident {args.command}: {exc}", file=stderr)
        return EXIT_USAGE
    except ImportFailed as exc:  # a record that is not what its importer reads: invalid input
        print(f"incident {args.command}: {exc}", file=stderr)
        return EXIT_INVALID
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # the reader (e.g. `head`) went away: stop quietly
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_INVALID
    finally:
        _on_signals(previous)


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
