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
before anything is written, the target checked and locked. Adding an importer is a module and an
entry here; the command line, the docs test and the shared hostile-input test pick it up.

The entries hold no code of their importers: building the command line imports none of them.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Mapping, Protocol

from ..diagnostics import UsageError


@dataclass(frozen=True)
class Option:
    """One option of an importer: `--page-slug SLUG`. A switch when `metavar` is None."""

    flag: str
    help: str
    metavar: str | None = None
    repeatable: bool = False
    slug: bool = False  # the value must be an id (lowercase letters, digits and '-')

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
    the format's; texts to draft with `extract` (a retrospective's prose); and what importing again
    does: refuse an incident the target already has (`new_incidents_only`), or add only the rows
    it does not hold yet (an export read again adds nothing)."""

    rows: list[dict]
    incidents: int
    said: list[str] = field(default_factory=list)
    columns: tuple[str, ...] = ()
    texts: list["Prose"] = field(default_factory=list)
    new_incidents_only: bool = True


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

    @property
    def metavar(self) -> str:
        return "|".join({"file": "FILE", "folder": "DIR", "url": "URL"}[what] for what in self.reads)

    def source(self) -> Source:
        return importlib.import_module(f"{__package__}.{self.module}")  # type: ignore[return-value]

    def check(self, request: Request) -> None:
        """The options' own rules, before anything is read: an id must be an id."""
        import re

        from ..model.cells import SLUG_PATTERN

        for option in self.options:
            values = request.options.get(option.key)
            for value in values if isinstance(values, (list, tuple)) else [values]:
                if option.slug and value is not None and not re.fullmatch(SLUG_PATTERN, value):
                    raise UsageError(f"{option.flag} {value!r} is not an id: use lowercase letters, digits and '-'")

    def read_all(self, request: Request) -> list:
        """Every source's records, in the order given."""
        self.check(request)
        source = self.source()
        return [record for name in request.sources for record in source.read(name, request)]

    def claim_rows(self, records: list, request: Request) -> Imported:
        return self.source().claim_rows(records, request)


_PAGE_SLUG = Option("--page-slug", "the incident id prefix (default: from the page's name, e.g. github)", "SLUG", slug=True)

IMPORTERS: Mapping[str, Importer] = MappingProxyType({importer.name: importer for importer in (
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
)})


def importer(name: str) -> Importer:
    return IMPORTERS[name]


def columns_of(rows: list[dict], own: tuple[str, ...] = ()) -> list[str]:
    """The columns the rows fill: the format's, in its order, then the importer's own, in theirs."""
    from ..model.claim import COLUMNS

    present = {key for row in rows for key in row}
    return [c for c in COLUMNS if c in present] + [c for c in own if c in present]
