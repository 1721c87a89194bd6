"""Every importer, in one registry, behind one contract.

An importer is an entry of IMPORTERS: what the command line needs to offer it (its command name,
help, what it reads — files, folders, addresses — its own options, the environment variable that
holds an API token for its addresses) and the module that does the work. That module keeps the
contract `Source`:

- `read(source, request) -> list`: the records of one file, folder or address — read bounded
  (a size cap, regular files only, the bounded fetch for an address) and untrusted (every field of
  the type it must be, or counted absent); a record it cannot read raises ImportFailed (exit 1) or
  FileUnusable (no such file, a folder it does not read: exit 2), naming the file;
- `claim_rows(records, request) -> Imported`: the records of every source, as claim rows (column →
  cell), with what the importer has to say on stderr and any text to draft with `extract`.

The rows then go through one writer (`intake.write_imported`): validated and in canonical form
before anything is written, the target checked and locked; an entry says what importing again
does (refuse an incident the target has, or add only the claims it does not hold yet). Adding an
importer is a module and an entry here; the command line is built from the entry, and the docs
test and the shared hostile-input test (tests/test_import_every.py, which wants a small valid input
of it in tests/importer_samples.py) run over it.

The entries hold no code of their importers: building the command line imports none of them.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Mapping, Protocol, cast

from ..diagnostics import UsageError


@dataclass(frozen=True)
class Option:
    """One option of an importer: `--page-slug SLUG`. A switch when `metavar` is None."""

    flag: str
    help: str
    metavar: str | None = None
    repeatable: bool = False
    slug: bool = False  # the value must be an id (lowercase letters, digits and '-')
    zone: bool = False  # the value must be a zone (IANA or a label of the tz column)

    @property
    def key(self) -> str:
        return self.flag.lstrip("-").replace("-", "_")


@dataclass(frozen=True)
class Request:
    """What one import was asked: the sources (files, folders, addresses), the importer's own
    options by key, and the API token for its addresses (from the environment; never shown)."""

    sources: tuple[str, ...]
    options: Mapping[str, Any] = field(default_factory=dict)
    token: str | None = field(default=None, repr=False)

    def __post_init__(self):
        object.__setattr__(self, "options", MappingProxyType(dict(self.options)))

    def option(self, key: str, default: Any = None) -> Any:
        value = self.options.get(key)
        return default if value is None else value


@dataclass
class Imported:
    """What the records give: the claim rows and how many incidents they are; lines for stderr
    (what was read in prose, what was left out); the importer's own columns, in their order, after
    the format's; and texts to draft with `extract` (a retrospective's prose)."""

    rows: list[dict]
    incidents: int
    said: list[str] = field(default_factory=list)
    columns: tuple[str, ...] = ()
    texts: list["Prose"] = field(default_factory=list)


@dataclass(frozen=True)
class Prose:
    """A text an importer hands to `extract`'s drafting: a postmortem's or a retrospective's
    words, with what is known of them."""

    name: str  # what stderr calls it: 'incidentio 01FCNDV6P870EA6S7TK1DSYDG0 postmortem'
    text: str
    incident: str
    published: Any = None  # a date or an aware datetime
    tz: str | None = None
    source: str = ""
    source_type: str = "operator"
    url: str = ""
    org: str = ""


class Source(Protocol):
    """The contract of an importer's module (see the module docstring)."""

    def read(self, source: str, request: Request) -> list: ...

    def claim_rows(self, records: list, request: Request) -> Imported: ...


@dataclass(frozen=True)
class Importer:
    name: str  # the command: `incident import NAME`
    help: str  # one line, in `incident import --help`
    description: str
    module: str  # incident.importers.MODULE keeps the contract `Source`
    reads: tuple[str, ...] = ("file", "url")  # what a source may be: "file", "folder", "url"
    sources_help: str = ""
    options: tuple[Option, ...] = ()
    token_variable: str | None = None  # the environment variable of the API token an address needs
    new_incidents_only: bool = True  # importing again refuses an incident the target has; else adds only the rows
    # it does not hold yet (an incident's record read again adds nothing, and what it gained since is added)

    @property
    def metavar(self) -> str:
        return "|".join({"file": "FILE", "folder": "DIR", "url": "URL"}[what] for what in self.reads)

    def source(self) -> Source:
        return cast(Source, importlib.import_module(f"{__package__}.{self.module}"))

    def check(self, request: Request) -> None:
        """The options' own rules, before anything is read: an id must be an id."""
        import re

        from ..model.ids import SLUG_PATTERN

        for option in self.options:
            values = request.options.get(option.key)
            for value in values if isinstance(values, (list, tuple)) else [values]:
                if option.slug and value is not None and not re.fullmatch(SLUG_PATTERN, value):
                    raise UsageError(f"{option.flag} {value!r} is not an id: use lowercase letters, digits and '-'")
                if option.zone and value is not None:
                    from ..model import zones

                    try:
                        zones.zone(value)
                    except ValueError as exc:
                        raise UsageError(f"{option.flag}: {exc}") from None

    def read_all(self, request: Request) -> list:
        """Every source's records, in the order given."""
        self.check(request)
        source = self.source()
        return [record for name in request.sources for record in source.read(name, request)]

    def claim_rows(self, records: list, request: Request) -> Imported:
        return self.source().claim_rows(records, request)


_PAGE_SLUG = Option("--page-slug", "the incident id prefix (default: from the page's name, e.g. github)", "SLUG", slug=True)

_STATUS_PAGES = (
    Importer(
        "statuspage", "Atlassian Statuspage API v2 JSON (per-incident files or an incidents.json list)",
        "Read per-incident Statuspage JSON files (/api/v2/incidents/ID.json) or a list (/api/v2/incidents.json).",
        "statuspage",
        sources_help="saved JSON files, or a page's address (https://www.githubstatus.com: its /api/v2/incidents.json is read live)",
        options=(_PAGE_SLUG, Option("--incident", "only this Statuspage incident id (repeatable)", "ID", repeatable=True)),
    ),
    Importer(
        "gcp", "Google Cloud's status history (incidents.json)", "Read a saved https://status.cloud.google.com/incidents.json.",
        "gcp",
        sources_help="saved incidents.json files, or its address (https://status.cloud.google.com/incidents.json, read live)",
        options=(Option("--incident", "only this incident (its id or number; repeatable)", "ID", repeatable=True),),
    ),
    Importer(
        "feed", "an RSS or Atom status feed (Statuspage history.atom, AWS Health, Azure, Slack, incident.io, Instatus)",
        "Read an RSS 2.0 or Atom status feed, saved or at its address: an entry listing its updates (Statuspage) is one "
        "incident; entries posted one per update (AWS) are grouped by subject.",
        "feed",
        sources_help="saved feed files, or a feed's address (https://www.githubstatus.com/history.atom, read live)",
        options=(Option("--page-slug", "the incident id prefix (default: from the feed's author or title, e.g. github)", "SLUG", slug=True),
                 Option("--incident", "only this entry (the id the import prints, e.g. k1mlxlmdhqqp; repeatable)", "ID", repeatable=True)),
    ),
)


# what every incident tool's importer takes (README: "Importing from incident tools")
_INCIDENT = Option("--incident", "the incident id of the rows (default: from the channel's name, or the tool's incident number)",
                   "ID", slug=True)
_ANONYMIZE = Option("--anonymize", "name people by stable roles (responder-1, witness-1): nothing but the quoted words of a "
                    "claim, with names replaced, leaves the record")
_TZ = Option("--tz", "the zone of times written without one, when the record says none for their author", "ZONE", zone=True)
_TOOLS = (
    Importer(
        "slack", "an incident channel: a Slack export (a folder), a conversations.history answer, or the channel live",
        "Read an incident's Slack channel: a workspace export (its folder, or one channel's folder), a saved "
        "conversations.history or conversations.replies answer, or the channel live from the Web API "
        "(https://slack.com/api/conversations.history?channel=ID, or the channel's address) with the token in SLACK_TOKEN. "
        "Each message is a statement by its author at its time; it gives a claim only where it states or implies a milestone.",
        "slack", reads=("file", "folder", "url"),
        sources_help="an export's folder, a saved answer or day file, or an address (read with the token in SLACK_TOKEN)",
        options=(_INCIDENT, _ANONYMIZE, _TZ,
                 Option("--channel", "the incident's channel of an export with several (repeatable: all become one incident "
                        "with --incident)", "NAME", repeatable=True)),
        token_variable="SLACK_TOKEN", new_incidents_only=False,
    ),
    Importer(
        "pagerduty", "PagerDuty: an incident's log entries (with its answer and notes), saved or live",
        "Read a PagerDuty incident: a saved GET /incidents/{id}/log_entries answer, alone or with the incident's answer "
        "and its notes beside it, or the incident live from the REST API (https://api.pagerduty.com/incidents/ID) with "
        "the token in PAGERDUTY_TOKEN. Trigger, acknowledge and resolve are the detection, acknowledgement and "
        "resolution; the times notes state are read as claims.",
        "pagerduty", sources_help="saved answers, or an incident's address (read with the token in PAGERDUTY_TOKEN)",
        options=(_INCIDENT, _ANONYMIZE, _TZ), token_variable="PAGERDUTY_TOKEN", new_incidents_only=False,
    ),
    Importer(
        "incidentio", "incident.io: an incident (API v2) with its timestamps and updates, saved or live",
        "Read an incident.io incident: a saved incidents API v2 answer (one incident or a list) with its "
        "incident_updates answer beside it, or the incident live (https://api.incident.io/v2/incidents/ID) with the "
        "token in INCIDENT_IO_TOKEN. Each timestamp that names a milestone is a claim; the times updates state are "
        "read; the summary is drafted as extract drafts a text.",
        "incidentio", sources_help="saved answers, or an incident's address (read with the token in INCIDENT_IO_TOKEN)",
        options=(_INCIDENT, _ANONYMIZE, _TZ), token_variable="INCIDENT_IO_TOKEN", new_incidents_only=False,
    ),
    Importer(
        "firehydrant", "FireHydrant: an incident's milestones and its retrospective, saved or live",
        "Read a FireHydrant incident: a saved GET /v1/incidents/{id} answer (or the list) with its retrospective report "
        "beside it, or the incident live (https://api.firehydrant.io/v1/incidents/ID) with the token in "
        "FIREHYDRANT_TOKEN. Each milestone (started, detected, acknowledged, mitigated, resolved) is a claim; the "
        "retrospective is drafted as extract drafts a text.",
        "firehydrant", sources_help="saved answers, or an incident's address (read with the token in FIREHYDRANT_TOKEN)",
        options=(_INCIDENT, _ANONYMIZE, _TZ), token_variable="FIREHYDRANT_TOKEN", new_incidents_only=False,
    ),
    Importer(
        "rootly", "Rootly: an incident's milestones and its retrospective, saved or live",
        "Read a Rootly incident: a saved GET /v1/incidents/{id} answer (JSON:API; or the list) with its post-mortem "
        "beside it, or the incident live (https://api.rootly.com/v1/incidents/ID) with the token in ROOTLY_TOKEN. Each "
        "milestone (started, detected, acknowledged, mitigated, resolved) is a claim; the retrospective is drafted as "
        "extract drafts a text.",
        "rootly", sources_help="saved answers, or an incident's address (read with the token in ROOTLY_TOKEN)",
        options=(_INCIDENT, _ANONYMIZE, _TZ), token_variable="ROOTLY_TOKEN", new_incidents_only=False,
    ),
)
IMPORTERS: Mapping[str, Importer] = MappingProxyType({importer.name: importer for importer in (*_STATUS_PAGES, *_TOOLS)})


def importer(name: str) -> Importer:
    return IMPORTERS[name]


def columns_of(rows: list[dict], own: tuple[str, ...] = ()) -> list[str]:
    """The columns the rows fill: the format's, in its order, then the importer's own, in theirs."""
    from ..model.cells import COLUMNS

    present = {key for row in rows for key in row}
    return [c for c in COLUMNS if c in present] + [c for c in own if c in present]
