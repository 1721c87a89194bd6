"""Many incidents: each metric's distribution as a band, its quantiles with exact intervals, what
the data holds and why the rest is missing, and how one incident sits among the others.

Each incident's metric is a range (low–high minutes), never a point: the true value lies in it.
So every summary is two-sided. The empirical CDF of the lows lies above the true one and the CDF of
the highs below it (an open range, high = ∞, never reaches any t): the true curve is in the band.
A quantile is read off both curves (the order statistic, never interpolated: ∞ stays ∞), and its
interval is exact (exact.py: binomial order statistics, at least 95 % whatever the distribution).
Open incidents (no recovery or resolution yet) are right-censored "as of" the newest moment in the
input, never the wall clock.

Everything here works on the metrics' records (records.py: one row per incident and metric, with
its state and why), so that `incident stats` runs the same from events or from a saved
`incident metrics --csv`, for a hundred thousand incidents in seconds.

Durations are skewed and MTTx comparisons mostly noise at realistic counts (Davidovič, "Incident
Metrics in SRE", Google 2021): the mean is given only in a table and named as such, periods are
compared as bands with a log-rank test and the direction of the medians in words, and a
detectability figure says how often a real 10 % improvement to every incident would even show as a
lower median with n incidents.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Iterable, Mapping, Sequence

from . import exact
from .events import Timeline
from .periods import Period, counts
from .metrics import BY_NAME
from .records import ALL_METRICS, CENSORED, VALUED, Record, incident_records

if TYPE_CHECKING:
    from .groups import Groups

MIN_INCIDENTS = 8  # incidents with a metric before its distribution is shown
AGAINST_MIN = 20  # incidents with a metric before one incident is placed among them
QUANTILES = (0.5, 0.9)
order_statistic = exact.order_statistic
logrank = exact.logrank
detectability = exact.detectability


@dataclass(frozen=True)
class Quantile:
    """A quantile of the true values, read off the two curves: between `low` and `high` minutes
    (∞ when the highs do not reach it); `interval` holds it with at least 95 % (exact.interval)."""

    q: float
    low: float
    high: float
    interval: tuple[float, float]


@dataclass(frozen=True)
class Summary:
    metric: str
    incidents: int  # in the selection, the metric applying
    valued: int  # both ends known
    undefined: int  # a milestone missing
    censored: int  # open above (or still running) or open below ("at most")
    lows: tuple[float, ...] = ()  # one per incident with the metric, in incident order
    highs: tuple[float, ...] = ()  # ∞ where open above
    names: tuple[str, ...] = ()
    values: tuple[float | None, ...] = ()  # each incident's point estimate, None for a range alone
    quantiles: tuple[Quantile, ...] = ()
    mean: float | None = None  # of the estimates, for the table only
    detectable: float | None = None  # chance that a 10 % improvement lowers the median
    missing: tuple[tuple[str, int], ...] = ()  # why the incidents without a value have none, most first
    periods: tuple[Period, ...] = ()
    logrank_p: float | None = None
    left_out: int = 0  # known only as "at most": no place in the log-rank test
    halves: tuple[int, int] | None = None  # incidents with the metric before and after the cut
    caution: tuple[str, float, float] | None = None  # what the data records differs between the periods (periods.caution)

    @property
    def title(self) -> str:
        return BY_NAME[self.metric].title

    @property
    def estimates(self) -> tuple[float, ...]:
        return tuple(v for v in self.values if v is not None)

    @property
    def shown(self) -> bool:
        """Enough incidents with the metric for a distribution."""
        return len(self.lows) >= MIN_INCIDENTS


@dataclass(frozen=True)
class Portfolio:
    incidents: tuple[str, ...]
    as_of: int | None  # epoch s: the newest moment the input states
    summaries: tuple[Summary, ...] = field(default_factory=tuple)
    cut: float | None = None  # epoch s dividing the earlier incidents from the later
    split: bool = False  # the cut is the one asked for (--split), not the middle incident
    groups: Groups | None = None  # counts per period, severity and component tables

    def summary(self, metric: str) -> Summary:
        return next(s for s in self.summaries if s.metric == metric)


COLUMNS = ["incident", "metric", "low", "high", "estimate", "state", "why", "start", "incident_start", "latest",
           "severity", "components"]


def records(timelines: Mapping[str, Timeline], attributes: Mapping[str, tuple[str, tuple[str, ...]]] | None = None) -> list[Record]:
    """Every incident's metric records (records.py), by incident; `attributes`: incident → (severity,
    components)."""
    attributes = attributes or {}
    return [r for name in sorted(timelines) for r in incident_records(timelines[name], *attributes.get(name, ("", ())))]


def frame(found: Iterable[Record]):
    """The records as a pandas frame of COLUMNS (low/high in minutes, None → NaN; components joined
    by '; ')."""
    import pandas as pd

    rows = [(r.incident, r.metric, r.low, r.high, r.minutes, r.state, r.why, r.start, r.incident_start, r.latest,
             r.severity, "; ".join(r.components)) for r in found]
    table = pd.DataFrame.from_records(rows, columns=COLUMNS)
    for name in ("low", "high", "estimate", "start", "incident_start", "latest"):
        table[name] = pd.to_numeric(table[name], errors="coerce").astype(float)
    return table


def portfolio(timelines: Mapping[str, Timeline], split: int | None = None,
              attributes: Mapping[str, tuple[str, tuple[str, ...]]] | None = None, per: str = "month") -> Portfolio:
    """Every metric's summary over the incidents; `split` (epoch s) divides them into two periods
    by their start, else the history is halved at its middle incident. Too few incidents for a
    distribution are only counted (and pandas is not imported)."""
    found = records(timelines, attributes)
    if len(timelines) < MIN_INCIDENTS:
        latest = [r.latest for r in found if r.latest is not None]
        counted = []
        for spec in ALL_METRICS:
            mine = [r for r in found if r.metric == spec.name and r.state != "not_applicable"]
            states = [r.state for r in mine]
            reasons = Counter(r.why for r in mine if r.state not in VALUED)
            if states:
                counted.append(Summary(spec.name, len(states), sum(s in VALUED for s in states), states.count("undefined"),
                                       sum(s in CENSORED for s in states),
                                       missing=tuple(sorted(reasons.items(), key=lambda kv: (-kv[1], kv[0])))))
        return Portfolio(tuple(sorted(timelines)), max(latest) if latest else None, tuple(counted))
    return of_frame(frame(found), split, per)


def of_frame(table, split: int | None = None, per: str = "month") -> Portfolio:
    """The portfolio of a records frame (COLUMNS): what `portfolio` does once records are made, and
    what `incident stats --from-metrics` does with a saved metrics file."""
    import numpy as np

    from . import groups, periods

    table = table[table["state"] != "not_applicable"]
    as_of = float(table["latest"].max()) if table["latest"].notna().any() else None
    table = _censor(table, as_of)
    starts = table.drop_duplicates("incident")[["incident", "incident_start"]]
    cut = split if split is not None else periods.middle(starts["incident_start"].to_numpy(float))
    summaries = []
    by_metric = dict(tuple(table.groupby("metric", sort=False)))
    for spec in ALL_METRICS:
        part = by_metric.get(spec.name)
        if part is not None and not part.empty:
            summaries.append(summarise(spec.name, part, cut))
    names = tuple(sorted(starts["incident"]))
    shown = [s.metric for s in summaries if s.shown]
    return Portfolio(names, None if as_of is None or not np.isfinite(as_of) else int(as_of), tuple(summaries), cut,
                     split is not None, groups.groups(table, shown, per))


def _censor(table, as_of: float | None):
    """Lows and highs as the summaries read them: an open side as 0 below and ∞ above, a metric
    still running censored at the input's newest moment."""
    import numpy as np

    table = table.copy()
    censored = table["state"].isin(CENSORED)
    table.loc[censored, "low"] = table.loc[censored, "low"].fillna(0.0)
    table.loc[censored, "high"] = table.loc[censored, "high"].fillna(math.inf)
    running = (table["state"] == "open") & table["start"].notna()
    if as_of is not None and running.any():
        table.loc[running, "low"] = np.maximum(as_of - table.loc[running, "start"].to_numpy(float), 0) / 60
        table.loc[running, "high"] = math.inf
    return table


def summarise(metric: str, part, cut: float | None = None) -> Summary:
    import numpy as np

    from . import periods

    have = part[part["state"] != "undefined"]
    valued = have["state"].isin(VALUED)
    lows, highs = have["low"].to_numpy(float), have["high"].to_numpy(float)
    estimates = have["estimate"].to_numpy(float)
    values = tuple(None if v != v else float(v) for v in estimates.tolist())
    missing = counts(part.loc[~part["state"].isin(VALUED), "why"])
    base: dict[str, Any] = dict(metric=metric, incidents=len(part), valued=int(valued.sum()), undefined=int((part["state"] == "undefined").sum()),
                censored=int(have["state"].isin(CENSORED).sum()), lows=tuple(lows.tolist()), highs=tuple(highs.tolist()),
                names=tuple(have["incident"]), values=values, missing=missing)
    if len(lows) < MIN_INCIDENTS:
        return Summary(**base)
    sorted_lows, sorted_highs = np.sort(lows), np.sort(highs)
    quantiles = tuple(Quantile(q, exact.order_statistic(sorted_lows, q), exact.order_statistic(sorted_highs, q),
                               exact.interval(sorted_lows, sorted_highs, q)) for q in QUANTILES)
    known = estimates[np.isfinite(estimates)]
    compared = periods.compare(part, cut)
    return Summary(**base, quantiles=quantiles, mean=float(known.mean()) if len(known) else None,
                   detectable=exact.detectability(known, least=MIN_INCIDENTS), **compared)


def ecdf_band(lows: Sequence[float] | Any, highs: Sequence[float] | Any) -> tuple[Any, Any, Any]:
    """(t, lower curve, upper curve): at each t, the share of incidents whose high is ≤ t (the least
    the true share can be) and whose low is ≤ t (the most)."""
    import numpy as np

    lows, highs = np.sort(np.asarray(lows, float)), np.sort(np.asarray(highs, float))
    t = np.unique(np.concatenate([lows, highs[np.isfinite(highs)]]))
    n = len(lows)
    return t, np.searchsorted(highs, t, side="right") / n, np.searchsorted(lows, t, side="right") / n


def against(summary: Summary, incident: str) -> tuple[float, float, float, int] | None:
    """Where one incident's estimate sits among the others with the metric: (its minutes, the share
    of the others surely shorter, the share possibly shorter, how many others), when there are
    enough of them and the incident has an estimate."""
    if incident not in summary.names:
        return None
    i = summary.names.index(incident)
    value = summary.values[i]
    others = [(lo, hi) for j, (lo, hi) in enumerate(zip(summary.lows, summary.highs)) if j != i]
    if value is None or len(others) < AGAINST_MIN:
        return None
    surely = sum(hi < value for _, hi in others) / len(others)
    possibly = sum(lo < value for lo, _ in others) / len(others)
    return value, surely, possibly, len(others)
