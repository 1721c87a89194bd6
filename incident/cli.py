"""The `incident` command line: parses arguments, calls the library, owns the exit code.

Exit codes: 0 success (warnings allowed); 1 invalid input, or `--check` found stale files;
2 usage error (unknown command, option, incident or zone).
"""

from __future__ import annotations

import argparse
import sys
from typing import Sequence, TextIO

from .diagnostics import Diagnostic, InputError, UsageError

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2
MAX_DIAGNOSTICS = 200


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="incident",
        description="Reconstruct outage timelines from events.csv and write postmortems.",
        epilog="Exit codes: 0 ok, 1 invalid input or stale reports, 2 usage error.",
    )
    from . import __version__

    parser.add_argument("--version", action="version", version=f"incident {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    p = commands.add_parser("validate", help="check events.csv row by row", description="Check events.csv; errors and warnings go to stderr as PATH:LINE: column: message.")
    p.add_argument("path", nargs="?", default="events.csv", metavar="PATH", help="the file to check (default: ./events.csv)")
    p.set_defaults(run=_validate)

    return parser


def main(argv: Sequence[str] | None = None, stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse has printed the usage message
        return int(exc.code or 0)
    try:
        return args.run(args, stdout, stderr)
    except InputError as exc:
        print_diagnostics(exc.diagnostics, stderr)
        return EXIT_INVALID
    except UsageError as exc:
        print(f"incident {args.command}: {exc}", file=stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130


def print_diagnostics(diagnostics: Sequence[Diagnostic], stream: TextIO) -> None:
    for diagnostic in diagnostics[:MAX_DIAGNOSTICS]:
        print(diagnostic, file=stream)
    rest = len(diagnostics) - MAX_DIAGNOSTICS
    if rest > 0:
        errors = sum(d.is_error for d in diagnostics[MAX_DIAGNOSTICS:])
        print(f"… and {rest:,} more ({errors:,} errors) not shown", file=stream)


def _validate(args, stdout: TextIO, stderr: TextIO) -> int:
    from .events_csv import load

    result = load(args.path)
    print_diagnostics(result.diagnostics, stderr)
    errors = len(result.errors)
    warnings = len(result.diagnostics) - errors
    if errors:
        print(f"{args.path}: invalid: {errors:,} error(s), {warnings:,} warning(s)", file=stderr)
        return EXIT_INVALID
    incidents = result.incidents()
    print(
        f"{args.path}: valid: {len(result.claims):,} claims, {len(incidents)} incident(s)"
        + (f", {warnings} warning(s)/note(s)" if warnings else ""),
        file=stderr,
    )
    return EXIT_OK
