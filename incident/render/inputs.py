"""What a report is built from: the timelines, the file's findings, the analyst's postmortems, and the
`generated` date a reproducible build may set (SOURCE_DATE_EPOCH)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from datetime import datetime, timezone
from typing import Mapping


from ..diagnostics import Diagnostic
from ..postmortem import Postmortem
from ..timeline.events import Timeline


FINDING_TITLES = {
    "zone-label": "Zone labels that contradict the date",
    "twelve-hour": "12-hour clock readings",
    "as-reported": "Times as reported that match neither reading",
}


@dataclass(frozen=True)
class ReportInput:
    timelines: Mapping[str, Timeline]
    diagnostics: tuple[Diagnostic, ...]
    events_name: str  # the file name shown in the report (no folder: output must not depend on it)
    events_digest: str
    generated_at: datetime | None = None  # from SOURCE_DATE_EPOCH; None: no date in the output
    postmortems: Mapping[str, Postmortem] = field(default_factory=dict)  # the analyst's words, by incident
    attributes: Mapping[str, tuple] = field(default_factory=dict)  # incident → (severity, components), for the portfolio

    @cached_property
    def portfolio(self):
        """Every metric over the file's incidents (timeline.stats), once per report."""
        from ..timeline import stats

        return stats.portfolio(self.timelines, attributes=self.attributes)

    @cached_property
    def peers(self) -> dict[str, list[str]]:
        """The incidents each incident is compared with (its postmortem's `compare:` line, else its kind's)."""
        from ..timeline import compare

        return compare.peers(self.timelines, {name: pm.compare for name, pm in self.postmortems.items()})

    @cached_property
    def comparison_pages(self) -> dict[str, list[str]]:
        """{kind's comparison page: its incidents}, for each kind of which the file has two or more."""
        from ..timeline import compare

        groups = compare.kind_groups(self.timelines)
        return {page: groups[kind] for kind, _, page in compare.KINDS if len(groups.get(kind, ())) >= 2}

    def comparison_page(self, incident: str) -> str | None:
        """The comparison page the incident is on, if any."""
        return next((page for page, names in self.comparison_pages.items() if incident in names), None)

    def portfolio_of(self, incident: str):
        """Every metric over the incident and its peers (timeline.stats), once per set of peers."""
        from ..timeline import stats

        names = tuple(sorted({incident, *self.peers[incident]}))
        cache = self.__dict__.setdefault("_portfolios", {})
        if names not in cache:
            cache[names] = stats.portfolio({n: self.timelines[n] for n in names}, attributes=self.attributes)
        return cache[names]

    @cached_property
    def findings(self) -> dict[str, dict[int, list[Diagnostic]]]:
        """The file's diagnostics by code and line, gathered once per report (not once per incident)."""
        index: dict[str, dict[int, list[Diagnostic]]] = {}
        for d in self.diagnostics:
            index.setdefault(d.code, {}).setdefault(d.line, []).append(d)
        return index


def generated_at_from_env(environ: Mapping[str, str]) -> datetime | None:
    """The `generated` date: SOURCE_DATE_EPOCH when set (reproducible builds), else none."""
    value = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not value:
        return None
    try:
        return datetime.fromtimestamp(int(value), tz=timezone.utc)
    except (ValueError, OverflowError, OSError):
        raise ValueError(f"SOURCE_DATE_EPOCH={value!r} is not a Unix time in seconds") from None
