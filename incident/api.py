"""The Python API: what the command line does, as functions that take and return values.

    import incident

    claims = incident.load("events.csv")                  # every claim, checked; InputError if invalid
    timeline = incident.reconstruct(claims, "x-spaces-2024")
    frame = incident.metrics(claims)                      # a pandas.DataFrame: a row per incident and metric
    incident.report(claims, out="reports")                # what `incident report` writes

The command line is one more user of these functions (commands.py prints what they return). Nothing
here prints, reads the clock or changes a global setting; a problem with the input raises one of
the package's errors (InputError: the data is invalid, its `diagnostics` say where; UsageError: the
call asks for what is not there; ImportFailed: a record an importer cannot read). docs/api.md is
the reference, with examples a test runs.
"""

from __future__ import annotations

import fnmatch
import io
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Iterator, Mapping, Sequence

from .diagnostics import Diagnostic, ImportFailed, InputError, UsageError, did_you_mean, they_are
from .extract.many import Drafts, Text
from .model.claim import Claim
from .importers.registry import IMPORTERS
from .render.exports import FORMATS
from .timeline.events import Event, Timeline
from .timeline.metrics import Metric

if TYPE_CHECKING:
    import pandas

    from .render.inputs import ReportInput
    from .timeline.records import Record
    from .timeline.stats import Portfolio as PortfolioStats

__all__ = [
    "Claim", "Claims", "Diagnostic", "Drafts", "EXPORT_FORMATS", "Event", "IMPORT_SOURCES", "ImportFailed", "InputError",
    "Metric", "Report", "Text", "Timeline", "UsageError", "draft", "export", "import_records", "load", "metrics", "parse",
    "reconstruct", "reconstruct_all", "report", "stats",
]

IMPORT_SOURCES = tuple(IMPORTERS)  # what `import_records` (and `incident import`) reads
EXPORT_FORMATS = tuple(FORMATS)  # what `export` (and `incident export`) writes


@dataclass(frozen=True)
class Claims:
    """The claims of one events file, valid (an invalid file raises InputError when it is read), with
    what `validate` says of it that is no error (warnings and notes)."""

    path: str  # the file read ("events.csv" when parsed from text): postmortem files are found beside it
    claims: tuple[Claim, ...]
    warnings: tuple[Diagnostic, ...] = ()
    sha256: str = ""  # of the bytes read
    starters: Mapping[str, tuple[int, ...]] = field(default_factory=dict)  # incident → lines of rows still to fill, no claim yet
    # incident → (severity, components): the rows' own `severity` cell (the first filled) and the names
    # their `component` cells list; what `stats` groups incidents by (a postmortem's severity comes first)
    attributes: Mapping[str, tuple[str, tuple[str, ...]]] = field(default_factory=dict)

    @property
    def incidents(self) -> list[str]:
        """The incidents the claims name, sorted."""
        return sorted({c.incident for c in self.claims})

    def __iter__(self) -> Iterator[Claim]:
        return iter(self.claims)

    def __len__(self) -> int:
        return len(self.claims)


def load(path: str | Path) -> Claims:
    """The claims of the events file at `path`. Raises InputError (its `diagnostics` name each
    problem's line and column) when the file is invalid, UsageError when there is no file to read."""
    from .events_csv.reader import load as read_file
    from .many.work import attributes_of_file

    read = read_file(path)
    return _claims(read, attributes_of_file(path) if read.ok else {})


def parse(text: str | bytes, name: str = "events.csv") -> Claims:
    """The claims of events.csv text (as `load`, for text already in memory); `name` is the file
    the diagnostics name, and the folder postmortem files are looked for beside."""
    from .events_csv.reader import parse as parse_bytes
    from .many.work import attributes_of

    data = text.encode("utf-8") if isinstance(text, str) else text
    read = parse_bytes(data, name, keep_rows=False)
    return _claims(read, attributes_of(data.decode("utf-8-sig"), read.header) if read.ok else {})


def _claims(read: Any, attributes: Mapping[str, tuple[str, tuple[str, ...]]]) -> Claims:
    read.raise_for_errors()
    starters = {name: tuple(read.starter_only(name)) for name in sorted(read.unfilled) if read.starter_only(name)}
    return Claims(read.path, tuple(read.claims), tuple(read.diagnostics), read.sha256, starters, attributes)


def reconstruct(claims: Claims, incident_id: str, *, tz: str | None = None, postmortems: str | Path | None = None) -> Timeline:
    """The reconstructed timeline of one incident, in its display zone: `tz` when given, else the
    `tz:` of its postmortem file (in `postmortems`, default: postmortems/ beside the events file),
    else the zone its claims use. Raises UsageError for an incident the claims do not name."""
    return reconstruct_all(claims, [incident_id], tz=tz, postmortems=postmortems)[incident_id]


def reconstruct_all(claims: Claims, incidents: Sequence[str] = (), *, tz: str | None = None,
                    postmortems: str | Path | None = None) -> dict[str, Timeline]:
    """The timelines of `incidents` (default: every incident), by id, each in its display zone."""
    from .display import in_display_zones, zone_option

    zone_option(tz)  # a zone that is none is a UsageError before any work
    shown, _, _ = in_display_zones(timelines_of(claims, incidents), _postmortem_folder(claims, postmortems), tz)
    return shown


def timelines_of(claims: Claims, wanted: Sequence[str] = ()) -> dict[str, Timeline]:
    """The reconstructed timelines of the incidents `wanted` (all when empty), in their claims' own
    zone; an incident the claims do not name is a UsageError naming the ones they do (an incident of
    starter rows only is an InputError saying what to fill)."""
    from .timeline.reconstruct import reconstruct_all as rebuild

    check_incidents(claims, wanted)
    chosen = set(wanted)
    return rebuild(c for c in claims.claims if not chosen or c.incident in chosen)


def check_incidents(claims: Claims, wanted: Sequence[str]) -> None:
    """Nothing when the claims name every incident `wanted`; else a UsageError naming the ones they
    do (an incident of starter rows only: an InputError saying what to fill)."""
    known = set(claims.incidents)
    for name in wanted:
        if name in known:
            continue
        if name in claims.starters:
            raise InputError([starter_only(name, claims.starters[name], claims.path)])
        names = tuple(sorted({*known, *claims.starters}))
        raise UsageError(f"no incident {name!r} in {claims.path}{did_you_mean(name, names)}{they_are(names)}")


def starter_only(incident: str, lines: Sequence[int], path: str, severity: str = "error") -> Diagnostic:
    """What to do with an incident whose rows are all still to fill (as `incident new` wrote them)."""
    where = f"line {lines[0]}" if len(lines) == 1 else f"lines {lines[0]}–{lines[-1]}" if lines[-1] - lines[0] == len(lines) - 1 \
        else "lines " + ", ".join(map(str, lines[:6])) + (", …" if len(lines) > 6 else "")
    return Diagnostic(lines[0], "time", f"incident {incident!r} has only starter rows ({where}) and no claim yet: give at least one "
                      "a time and tz (or relative_to and offset_min) and a source — or draft rows from a text with "
                      f"incident extract FILE --incident {incident} --append {path}", severity, path)  # type: ignore[arg-type]


def _postmortem_folder(claims: Claims, postmortems: str | Path | None) -> Path:
    from .postmortem import default_folder

    return Path(postmortems) if postmortems is not None else default_folder(claims.path)


def metrics(claims: Claims, incidents: Sequence[str] = (), *, postmortems: str | Path | None = None) -> pandas.DataFrame:
    """The metrics of `incidents` (default: all) as a pandas.DataFrame: a row per incident and
    metric (in the order `incident metrics` prints them), the columns of `incident metrics --csv`:
    incident, metric, minutes (the estimate; NaN when undefined or one-sided), low, high (the range;
    NaN for an open end), from and to (the milestones' event ids; None when one is missing), state,
    why, start, incident_start, latest (UTC, as ISO 8601 text), severity and components (the
    postmortem's severity, in `postmortems`, default: postmortems/ beside the events file, else the
    rows' own)."""
    from .many.work import csv_text, read_metrics_text
    from .many.metrics_file import RECORD_COLUMNS

    check_incidents(claims, incidents)
    order = list(dict.fromkeys(incidents)) or claims.incidents
    found = _records(claims, order, postmortems)
    text = "".join(csv_text(found[name]) for name in order)
    return read_metrics_text(",".join(RECORD_COLUMNS) + "\n" + text)


def _records(claims: Claims, names: Sequence[str], postmortems: str | Path | None) -> dict[str, list[Record]]:
    """incident → its metric records (timeline/records.py), with its severity and components."""
    from .many.command import severities
    from .timeline.reconstruct import reconstruct_each
    from .timeline.records import incident_records

    stated = severities(_postmortem_folder(claims, postmortems))
    chosen = set(names)
    found = {}
    for name, timeline in reconstruct_each(c for c in claims.claims if c.incident in chosen):
        severity, components = claims.attributes.get(name, ("", ()))
        found[name] = incident_records(timeline, stated.get(name) or severity, components)
    return found


def stats(claims: Claims, patterns: Sequence[str] = (), *, since: date | str | None = None, until: date | str | None = None,
          split: date | str | None = None, per: str = "month", postmortems: str | Path | None = None) -> dict[str, Any]:
    """Each metric's distribution over the incidents whose ids match `patterns` (shell patterns,
    default: all) and that started from `since` to the end of `until` (days, UTC): what `incident
    stats --json` prints. `split` compares the incidents before that day with those from it on;
    `per` counts incidents per "week", "month" or "quarter"."""
    from .render.stats_data import stats_json

    result: dict[str, Any] = stats_json(portfolio(claims, patterns, since=since, until=until, split=split, per=per,
                                                  postmortems=postmortems))
    return result


def portfolio(claims: Claims, patterns: Sequence[str] = (), *, since: date | str | None = None, until: date | str | None = None,
              split: date | str | None = None, per: str = "month", postmortems: str | Path | None = None) -> PortfolioStats:
    """What `stats` reports, as the objects the views are made of (timeline/stats.py)."""
    from .timeline import stats as portfolio_stats

    if per not in ("week", "month", "quarter"):
        raise UsageError(f"per: {per!r} is not week, month or quarter")
    first, last, middle = day_start("since", since), day_start("until", until, end=True), day_start("split", split)
    names = claims.incidents
    if patterns:
        names = [n for n in names if any(fnmatch.fnmatchcase(n, p) for p in patterns)]
        if not names:
            raise UsageError(f"no incident in {claims.path} matches {' '.join(patterns)}{they_are(claims.incidents, 20)}")
    found = _records(claims, names, postmortems)
    frame = portfolio_stats.frame(r for name in sorted(found) for r in found[name])
    if first is not None or last is not None:
        started = frame["incident_start"]
        frame = frame[started.notna() & (first is None or started >= first) & (last is None or started < last)]
        if frame.empty:
            raise UsageError("no incident started in the days asked for (--since/--until)")
    return portfolio_stats.of_frame(frame, middle, per)


def day_start(name: str, value: date | str | None, end: bool = False) -> int | None:
    """A day (a date, or 'YYYY-MM-DD') as epoch seconds: its midnight UTC, the next one for an `end`."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value.strip())
        except ValueError:
            raise UsageError(f"--{name}: {value!r} is not a day: write YYYY-MM-DD") from None
    epoch = datetime(1970, 1, 1, tzinfo=timezone.utc).date()
    return ((value - epoch).days + (1 if end else 0)) * 86400  # in days: the day after 9999-12-31 is no date


@dataclass(frozen=True)
class Report:
    """What `report` wrote into `out`: every file's path (relative to `out`) and bytes, those that
    changed, those an earlier run wrote that this one removed, and the warnings said of the
    postmortem files."""

    out: Path
    files: Mapping[str, bytes]
    written: tuple[str, ...]
    removed: tuple[str, ...]
    warnings: str = ""


def report(claims: Claims, out: str | Path = "reports", *, incidents: Sequence[str] = (), tz: str | None = None,
           postmortems: str | Path | None = None, generated_at: datetime | None = None) -> Report:
    """Write what `incident report` writes into the folder `out`: a Markdown postmortem per incident,
    the comparisons, an index, one self-contained HTML page each and the charts (PNG and SVG).
    Files whose bytes would not change are left untouched; a chart is drawn again only when its
    data or the code changed. `generated_at`: the date the reports say they were made (default:
    none, so that the same input gives the same bytes)."""
    from . import buildrecord
    from .render.drawing import trusted_charts
    from .render.output import WriteFailed, remove_outdated, write_report
    from .render.report import build_report

    target = Path(out)
    inp, said = report_input(claims, incidents=incidents, tz=tz, postmortems=postmortems, generated_at=generated_at)
    recorded = buildrecord.digests(target)
    files = build_report(inp, trusted_charts(target, recorded))
    try:
        written = write_report(files, target)
    except WriteFailed as exc:
        raise UsageError(f"{exc} ({exc.outcome(target)})") from None
    removed = remove_outdated(target, recorded, files)
    return Report(target, files, tuple(written), tuple(removed), said)


def report_input(claims: Claims, *, incidents: Sequence[str] = (), tz: str | None = None,
                 postmortems: str | Path | None = None, generated_at: datetime | None = None) -> tuple[ReportInput, str]:
    """What a report is built from, and the warnings said of the postmortem files."""
    from .display import in_display_zones, zone_option
    from .render.inputs import ReportInput
    from .render.output import PAGES

    zone_option(tz)  # a zone that is none is a UsageError before any work
    timelines = timelines_of(claims, incidents)
    clash = sorted(set(timelines) & PAGES)
    if clash:
        raise UsageError(f"incident {clash[0]!r} in {claims.path} has the name of a report page ({', '.join(sorted(PAGES))}): "
                         "give it another id (its rows' incident cells)")
    shown, postmortem_files, said = in_display_zones(timelines, _postmortem_folder(claims, postmortems), tz)
    # the portfolio groups incidents by severity (the postmortem's, else the rows' own) and component
    attributes = {name: (postmortem_files[name].severity.strip() or claims.attributes.get(name, ("", ()))[0],
                         claims.attributes.get(name, ("", ()))[1]) for name in shown}
    inp = ReportInput(timelines=shown, diagnostics=claims.warnings, events_name=Path(claims.path).name,
                      events_digest=claims.sha256, generated_at=generated_at, postmortems=postmortem_files,
                      attributes=attributes)
    return inp, said


def export(claims: Claims, incident_id: str, fmt: str, *, postmortems: str | Path | None = None) -> bytes:
    """One incident in another tool's format (one of EXPORT_FORMATS: ics, jsonl, timelinejs, json),
    as `incident export` writes it."""
    from .display import in_display_zones
    from .render import exports

    if fmt not in EXPORT_FORMATS:
        raise UsageError(f"no export format {fmt!r}: one of {', '.join(EXPORT_FORMATS)}{did_you_mean(fmt, EXPORT_FORMATS)}")
    shown, postmortem_files, _ = in_display_zones(timelines_of(claims, [incident_id]), _postmortem_folder(claims, postmortems), None)
    pm = postmortem_files[incident_id]
    return exports.export(shown[incident_id], fmt, pm if pm.exists else None)


def import_records(source: str, paths: Sequence[str | Path], *, token: str | None = None, **options: Any) -> list[dict[str, str]]:
    """The claims the records of an importer make, as events.csv rows (dicts of cells), as `incident
    import SOURCE` reads them: `source` is one of IMPORT_SOURCES; `paths` are saved files, folders
    (a Slack export) or addresses (read live, with `token` for a tool's API). `options` are the
    importer's own, named as its command line's without the dashes (`page_slug="github"`,
    `incident=("abc123",)`, `anonymize=True`, `tz="Europe/Paris"`, `channel=("inc-42",)`). Raises
    ImportFailed for a record the importer cannot read, UsageError for an option it does not have."""
    from .importers.registry import Request, importer
    from .intake import imported_rows

    if source not in IMPORT_SOURCES:
        raise UsageError(f"no importer {source!r}: one of {', '.join(IMPORT_SOURCES)}{did_you_mean(source, IMPORT_SOURCES)}")
    chosen = importer(source)
    known = {option.key: option for option in chosen.options}
    for key in sorted(set(options) - set(known)):
        raise UsageError(f"import {source}: no option {key!r}: it has {', '.join(known) or 'none'}{did_you_mean(key, tuple(known))}")
    values = {key: ((value,) if isinstance(value, str) else tuple(value)) if known[key].repeatable and value is not None else value
              for key, value in options.items()}
    _, rows = imported_rows(chosen, Request(tuple(str(p) for p in paths), values, token), io.StringIO())
    return rows


def draft(texts: Iterable[Text | str], incident_id: str, *, live: bool | None = None, events: Mapping[str, str] | None = None,
          published: date | datetime | None = None, tz: str | None = None, source: str = "", source_type: str = "") -> Drafts:
    """Candidate claims drafted from texts of one incident (articles, postmortems, status updates),
    as `incident extract` drafts them: `Drafts.rows` (dicts of cells, each with the sentence as
    quote and every guess named in its note) and `Drafts.said` (what was left out, and why). A text
    is a `Text` (its name, words and what is known of it) or a plain string; `published`, `tz`,
    `source` and `source_type` apply to the plain strings. `live`: the incident is a live event
    (True), an outage (False) or not known (None); `events`: the incident's events so far, id → kind."""
    from .extract.many import draft_texts

    given = [t if isinstance(t, Text) else Text(f"text {n}", t, published, tz, source or f"text {n}", source_type)
             for n, t in enumerate(texts, 1)]
    return draft_texts(given, incident_id, live, dict(events or {}))
