"""The incidents counted per week, month or quarter, and the metrics by severity and by component:
each group with its n, a median only where n allows one.

An incident's severity is its postmortem's `severity`, else the first non-empty `severity` cell of
its rows (an imported status page writes its impact level there: none, minor, major, critical); its
components are every name its rows' `component` cells list (separated by ';'). An incident of two
components counts in both rows of the component table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

from . import exact
from .records import VALUED

PERIODS = ("week", "month", "quarter")
MIN_GROUP = 5  # incidents with a metric in a group before its median is shown
GROUP_METRICS = 4  # metrics in the group tables: those with the most values (chosen_metrics)
COMPONENT_ROWS = 12  # components shown; the rest are counted
EMPTY_RUN = 3  # this many periods or more without an incident are one row
NOT_STATED = "not stated"
_SEVERITY_ORDER = ("critical", "major", "minor", "none", "maintenance")


@dataclass(frozen=True)
class Cell:
    n: int  # incidents of the group with the metric
    median: tuple[float, float] | None  # (from the lows, from the highs); None below MIN_GROUP
    interval: tuple[float, float] | None


@dataclass(frozen=True)
class Row:
    name: str
    incidents: int
    cells: tuple[Cell, ...]  # one per Groups.metrics


@dataclass(frozen=True)
class Count:
    period: str  # "2024-03", "2024-Q1", "2024-W09", or a run of empty ones "2011-02 – 2021-01"
    incidents: int
    by_severity: tuple[int, ...]  # one per Groups.severities


@dataclass(frozen=True)
class Groups:
    per: str
    counts: tuple[Count, ...]
    undated: int  # incidents with no time to count them by
    severities: tuple[str, ...]
    metrics: tuple[str, ...]
    severity: tuple[Row, ...]
    components: tuple[Row, ...]
    other_components: tuple[int, int]  # (components not shown, their incidents)


def groups(table, shown: list[str], per: str = "month") -> Groups:
    """The counts and group tables of a censored records frame (stats.of_frame)."""
    incidents = table.drop_duplicates("incident")[["incident", "incident_start", "severity", "components"]]
    severity = incidents["severity"].fillna("").astype(str).str.strip().replace("", NOT_STATED)
    severities = tuple(sorted(severity.unique(), key=_severity_key))
    metrics = chosen_metrics(table, shown)
    chosen = table[table["metric"].isin(metrics) & (table["state"] != "undefined")]
    chosen = chosen.assign(group=chosen["severity"].fillna("").astype(str).str.strip().replace("", NOT_STATED))
    severity_rows = _rows(chosen, dict(zip(incidents["incident"], severity)), severities, metrics)
    component_rows, other = _components(incidents, chosen, metrics)
    counts, undated = _counts(incidents["incident_start"].to_numpy(float), severity.to_numpy(object), severities, per)
    return Groups(per, counts, undated, severities, metrics, severity_rows, component_rows, other)


def chosen_metrics(table, shown: list[str]) -> tuple[str, ...]:
    """The metrics the group tables show: of those shown, the ones with a value for at least half the
    incidents that have them at all, the most values first (at most GROUP_METRICS), in their order."""
    valued = table[table["state"].isin(VALUED)]["metric"].value_counts()
    having = table[table["state"] != "undefined"]["metric"].value_counts()
    fit = [m for m in shown if having.get(m, 0) and 2 * valued.get(m, 0) >= having.get(m, 0)]
    best = sorted(fit, key=lambda m: -int(valued.get(m, 0)))[:GROUP_METRICS]
    return tuple(m for m in shown if m in best)


def _severity_key(name: str) -> tuple:
    lowered = name.lower()
    if name == NOT_STATED:
        return (3, 0, name)
    if lowered in _SEVERITY_ORDER:
        return (0, _SEVERITY_ORDER.index(lowered), name)
    number = re.search(r"\d+", name)
    return (1, int(number[0]), name) if number else (2, 0, name)


def _rows(chosen, group_of: dict, names, metrics) -> tuple[Row, ...]:
    """One row per group name: its incidents and each metric's cell."""
    from collections import Counter

    sizes = Counter(group_of.values())
    parts = {key: part for key, part in chosen.groupby(["group", "metric"], sort=False)}
    return tuple(Row(name, sizes.get(name, 0), tuple(_cell(parts.get((name, m))) for m in metrics)) for name in names)


def _cell(part) -> Cell:
    import numpy as np

    if part is None or part.empty:
        return Cell(0, None, None)
    n = len(part)
    if n < MIN_GROUP:
        return Cell(n, None, None)
    lows, highs = np.sort(part["low"].to_numpy(float)), np.sort(part["high"].to_numpy(float))
    median = (exact.order_statistic(lows, 0.5), exact.order_statistic(highs, 0.5))
    return Cell(n, median, exact.interval(lows, highs, 0.5))


def _components(incidents, chosen, metrics) -> tuple[tuple[Row, ...], tuple[int, int]]:
    """The component rows (most incidents first, then by name) and what is left over."""
    from collections import Counter

    listed = incidents["components"].fillna("").astype(str)
    names = {incident: [c.strip() for c in text.split(";") if c.strip()] or [NOT_STATED]
             for incident, text in zip(incidents["incident"], listed)}
    sizes = Counter(c for found in names.values() for c in set(found))
    ordered = sorted(sizes, key=lambda c: (c == NOT_STATED, -sizes[c], c))
    shown = [c for c in ordered if c != NOT_STATED][:COMPONENT_ROWS] + ([NOT_STATED] if NOT_STATED in sizes else [])
    rest = [c for c in ordered if c not in shown]
    if not (set(sizes) - {NOT_STATED}):
        return (), (0, 0)
    import pandas as pd

    wanted = set(shown)
    pairs = pd.DataFrame([(incident, c) for incident, found in names.items() for c in found if c in wanted],
                         columns=["incident", "group"], dtype=object)
    exploded = chosen[["incident", "metric", "low", "high"]].astype({"incident": object}).merge(pairs, on="incident")
    parts = {key: part for key, part in exploded.groupby(["group", "metric"], sort=False)}
    rows = tuple(Row(name, sizes[name], tuple(_cell(parts.get((name, m))) for m in metrics)) for name in shown)
    rest_incidents = sum(1 for found in names.values() if set(found) & set(rest))
    return rows, (len(rest), rest_incidents)


def _counts(starts, severity, severities, per: str) -> tuple[tuple[Count, ...], int]:
    """Incidents per period from the first to the last, runs of EMPTY_RUN or more empty periods as
    one row; and how many incidents have no start to count them by."""
    import numpy as np

    dated = np.isfinite(starts)
    if not dated.any():
        return (), int((~dated).sum())
    keys = [period_of(int(s), per) for s in starts[dated]]
    column = {name: i for i, name in enumerate(severities)}
    tally: dict[str, list[int]] = {}
    for key, sev in zip(keys, severity[dated]):
        row = tally.setdefault(key, [0] * len(severities))
        row[column[sev]] += 1
    every = list(_sequence(min(keys), max(keys), per))
    out, run = [], []
    for key in every + [None]:
        if key is not None and key not in tally:
            run.append(key)
            continue
        if run:
            empty = (0,) * len(severities)
            out += [Count(f"{run[0]} – {run[-1]}", 0, empty)] if len(run) >= EMPTY_RUN else [Count(k, 0, empty) for k in run]
            run = []
        if key is not None:
            out.append(Count(key, sum(tally[key]), tuple(tally[key])))
    return tuple(out), int((~dated).sum())


def period_of(moment: int, per: str) -> str:
    """The period (UTC) an instant falls in: '2024-03', '2024-Q1', '2024-W09' (ISO week)."""
    day = datetime.fromtimestamp(moment, timezone.utc).date()
    if per == "week":
        year, week, _ = day.isocalendar()
        return f"{year}-W{week:02d}"
    if per == "quarter":
        return f"{day.year}-Q{(day.month - 1) // 3 + 1}"
    return f"{day.year}-{day.month:02d}"


def _sequence(first: str, last: str, per: str):
    """Every period from `first` to `last`, in order."""
    if per == "week":
        day = date.fromisocalendar(int(first[:4]), int(first[6:]), 1)
        end = date.fromisocalendar(int(last[:4]), int(last[6:]), 1)
        while day <= end:
            year, week, _ = day.isocalendar()
            yield f"{year}-W{week:02d}"
            day += timedelta(days=7)
        return
    step = 3 if per == "quarter" else 1
    year, month = int(first[:4]), (int(first[6:]) - 1) * 3 + 1 if per == "quarter" else int(first[5:])
    while True:
        key = f"{year}-Q{(month - 1) // 3 + 1}" if per == "quarter" else f"{year}-{month:02d}"
        yield key
        if key == last:
            return
        month += step
        if month > 12:
            year, month = year + 1, month - 12
