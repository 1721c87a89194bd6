"""What each command is asked to do, as small frozen objects: `cli.py` makes one from the parsed
arguments, the command (commands.py, intake.py, extract/command.py) reads it, and nothing below
`cli.py` sees an argparse namespace. The fields are the options' names; every default is the
command line's."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Validate:
    path: str = "events.csv"


@dataclass(frozen=True)
class Timeline:
    incident: str
    events: str = "events.csv"
    tz: str | None = None
    json: bool = False
    csv: bool = False


@dataclass(frozen=True)
class Explain:
    incident: str
    event: str
    events: str = "events.csv"
    tz: str | None = None
    json: bool = False


@dataclass(frozen=True)
class Metrics:
    incidents: tuple[str, ...] = ()
    events: str = "events.csv"
    json: bool = False
    csv: bool = False
    jobs: str | None = None  # a number, or None: one process for a small file, else one per core
    cache: str | None = None  # None: .incident-cache/ beside the events file (or INCIDENT_CACHE)
    no_cache: bool = False


@dataclass(frozen=True)
class Stats:
    patterns: tuple[str, ...] = ()
    events: str = "events.csv"
    since: str | None = None
    until: str | None = None
    split: str | None = None
    per: str = "month"  # "week", "month" or "quarter"
    from_metrics: str | None = None  # a saved `incident metrics --csv`, read instead of the events
    json: bool = False
    csv: bool = False
    jobs: str | None = None
    cache: str | None = None
    no_cache: bool = False


@dataclass(frozen=True)
class Report:
    incidents: tuple[str, ...] = ()
    events: str = "events.csv"
    out: str = "reports"
    tz: str | None = None
    check: bool = False
    diff: bool = False
    fresh: bool = False
    postmortems: str | None = None
    png: bool = True  # each chart as PNG as well as SVG (the Markdown links the PNG)


@dataclass(frozen=True)
class Export:
    incident: str
    format: str
    events: str = "events.csv"
    out: str | None = None  # None or "-": standard output


@dataclass(frozen=True)
class Fmt:
    path: str = "events.csv"
    check: bool = False
    diff: bool = False
    dates: str | None = None  # "mdy" or "dmy"


@dataclass(frozen=True)
class Schema:
    pass


@dataclass(frozen=True)
class New:
    incident: str
    events: str = "events.csv"
    postmortems: str | None = None
    title: str | None = None
    postmortem_only: bool = False
    kind: str = "outage"  # or "live-event"


@dataclass(frozen=True)
class Target:
    """Where rows go: standard output (neither, or out "-"), a new file (out) or an events file (append)."""

    out: str | None = None
    append: str | None = None

    @property
    def path(self) -> str | None:
        """The file written, None for standard output."""
        return (None if self.out == "-" else self.out) or self.append


@dataclass(frozen=True)
class Import:
    source: str  # the importer's name in importers/registry.py: "statuspage", "slack", …
    files: tuple[str, ...]  # files, folders or addresses
    settings: tuple[tuple[str, object], ...] = ()  # the importer's own options, (key, value), as its entry lists them
    out: str | None = None
    append: str | None = None


@dataclass(frozen=True)
class Extract:
    file: tuple[str, ...] = ()
    texts: str | None = None
    kind: str | None = None
    org: str | None = None
    published: str | None = None
    tz: str | None = None
    incident: str | None = None
    source: str | None = None
    source_type: str | None = None
    url: str | None = None
    out: str | None = None
    append: str | None = None
