"""Many incidents: each metric's distribution as a band, its quantiles with intervals, what the
data could show, and how one incident sits among the others.

Each incident's metric is a range (low–high minutes), never a point: the true value lies in it.
So every summary is two-sided. The empirical CDF of the lows lies above the true one and the CDF of
the highs below it (an open range, high = ∞, never reaches any t): the true curve is in the band.
A quantile is read off both curves (the order statistic, never interpolated: ∞ stays ∞), and its
interval comes from a seeded bootstrap over incidents. Open incidents (no recovery or resolution
yet) are right-censored "as of" the newest moment in the input, never the wall clock.

Durations are skewed and MTTx comparisons mostly noise at realistic counts (Davidovič, "Incident
Metrics in SRE", Google 2021): the mean is given only in a table and named as such, periods are
compared as bands with a log-rank test, and a detectability figure says how often a real 10 %
improvement to every incident would even show as a lower median with n incidents.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping, Sequence

from ..model.cells import Kind
from .events import Timeline
from .metrics import BY_NAME, METRICS, LIVE_ONLY, compute, is_live_event

SEED = 20_240_812  # every resample is drawn from this seed: the same input gives the same figures
RESAMPLES = 2_000
MIN_INCIDENTS = 8  # incidents with a metric before its distribution is shown
AGAINST_MIN = 20  # incidents with a metric before one incident is placed among them
OPEN_ENDS = {"time_to_recover", "time_to_resolve", "impact_duration"}  # metrics an open incident leaves running


@dataclass(frozen=True)
class Quantile:
    """A quantile of the true values, read off the two curves: between `low` and `high` minutes
    (∞ when the highs do not reach it), each edge with its bootstrap interval."""

    q: float
    low: float
    high: float
    low_interval: tuple[float, float]
    high_interval: tuple[float, float]

    @property
    def interval(self) -> tuple[float, float]:
        """Where the quantile lies, sampling included: the lows' 2.5th to the highs' 97.5th percentile."""
        return self.low_interval[0], self.high_interval[1]


@dataclass(frozen=True)
class Period:
    name: str
    first: int  # epoch s of its first incident's start
    last: int
    lows: tuple[float, ...]
    highs: tuple[float, ...]


@dataclass(frozen=True)
class Summary:
    metric: str
    incidents: int  # in the selection
    valued: int  # both ends known
    undefined: int  # a milestone missing
    censored: int  # open above (or still running) or open below ("at most")
    lows: tuple[float, ...] = ()  # one per incident with the metric, in incident order
    highs: tuple[float, ...] = ()  # ∞ where open above
    names: tuple[str, ...] = ()
    values: tuple[float | None, ...] = ()  # each incident's point estimate, None for a range alone
    quantiles: tuple[Quantile, ...] = ()
    mean: float | None = None  # of the estimates, for the table only
    detectable: float | None = None  # share of resamples in which a 10 % improvement lowers the median
    periods: tuple[Period, ...] = ()
    logrank_p: float | None = None

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

    def summary(self, metric: str) -> Summary:
        return next(s for s in self.summaries if s.metric == metric)


COLUMNS = ["incident", "metric", "low", "high", "estimate", "state", "start"]


def rows(timelines: Mapping[str, Timeline | Digest]) -> Any:
    """The frame of incidents × metrics (pandas): incident, metric, low, high (∞ open), estimate,
    state (valued / censored / undefined), start (epoch s of its first milestone)."""
    import pandas as pd

    return pd.DataFrame.from_records(records(timelines), columns=COLUMNS)


@dataclass(frozen=True)
class Digest:
    """What the portfolio reads of one incident's timeline, kept instead of the timeline (whose
    network and claims are a hundred times larger) when many incidents are summarised."""

    live: bool
    still_open: bool
    newest: int | None  # the latest moment any claim puts an event at
    started: int | None  # its first scheduled start or impact start (for --since/--until)
    metrics: tuple[tuple[str, float | None, float | None, float | None, bool, int | None], ...]  # metric, minutes, low, high, defined, start


def digest(timeline: Timeline | Digest) -> Digest:
    if isinstance(timeline, Digest):
        return timeline
    moments = [e.latest if e.latest is not None else e.position for e in timeline.events]
    first = timeline.first(Kind.scheduled_start, Kind.impact_start)
    return Digest(is_live_event(timeline), timeline.first(Kind.recovery, Kind.resolution, Kind.end) is None,
                  max((m for m in moments if m is not None), default=None), first.position if first is not None else None,
                  tuple((m.metric, m.minutes, m.low, m.high, m.defined, m.start.position if m.start is not None else None)
                        for m in compute(timeline)))


def records(timelines: Mapping[str, Timeline | Digest]) -> list[tuple]:
    """The rows of `rows`, as tuples (undefined: low and high NaN)."""
    digests = {name: digest(t) for name, t in timelines.items()}
    as_of = newest(digests.values())
    out = []
    for name in sorted(digests):
        d = digests[name]
        for metric, minutes, low, high, defined, start in d.metrics:
            if metric in LIVE_ONLY and not d.live:
                continue  # an outage has no delay and no live duration
            if defined:
                one_sided = low is None or high is None or (minutes is None and round(low) <= 0)
                low = low if low is not None else 0.0
                high = high if high is not None else math.inf
                state = "censored" if one_sided else "valued"
            elif metric in OPEN_ENDS and start is not None and d.still_open and as_of is not None:
                low, high, state = max(as_of - start, 0) / 60, math.inf, "censored"  # still running as of the input's end
            else:
                low, high, state = math.nan, math.nan, "undefined"
            out.append((name, metric, low, high, minutes, state, start))
    return out


def newest(timelines: Iterable[Timeline | Digest]) -> int | None:
    """The latest moment any claim puts an event at: what "as of" means for an open incident."""
    moments = [d.newest for d in map(digest, timelines) if d.newest is not None]
    return max(moments) if moments else None


def portfolio(timelines: Mapping[str, Timeline | Digest], split: int | None = None) -> Portfolio:
    """Every metric's summary over the incidents; `split` (epoch s) divides them into two periods
    by their start, else the history is halved at its middle incident. Too few incidents for a
    distribution are only counted (and pandas is not imported)."""
    timelines = {name: digest(t) for name, t in timelines.items()}
    if len(timelines) < MIN_INCIDENTS:
        counted, every = [], records(timelines)
        for spec in METRICS:
            states = [r[5] for r in every if r[1] == spec.name]
            if states:
                counted.append(Summary(spec.name, len(states), states.count("valued"), states.count("undefined"),
                                       states.count("censored")))
        return Portfolio(tuple(sorted(timelines)), newest(timelines.values()), tuple(counted))
    frame = rows(timelines)
    summaries = []
    for spec in METRICS:
        part = frame[frame["metric"] == spec.name]
        if not part.empty:
            summaries.append(summarise(spec.name, part, split))
    return Portfolio(tuple(sorted(timelines)), newest(timelines.values()), tuple(summaries))


def summarise(metric: str, part, split: int | None = None) -> Summary:
    import numpy as np

    have = part[part["state"] != "undefined"]
    lows, highs = have["low"].to_numpy(float), have["high"].to_numpy(float)
    values = tuple(None if v is None or v != v else float(v) for v in have["estimate"].tolist())  # NaN or None (a column of no estimate at all) → None
    estimates = np.array([v for v in values if v is not None], float)
    base: dict[str, Any] = dict(metric=metric, incidents=len(part), valued=int((part["state"] == "valued").sum()),
                undefined=int((part["state"] == "undefined").sum()), censored=int((part["state"] == "censored").sum()),
                lows=tuple(lows.tolist()), highs=tuple(highs.tolist()), names=tuple(have["incident"]), values=values)
    if len(lows) < MIN_INCIDENTS:
        return Summary(**base)
    rng = np.random.default_rng(SEED)
    boots = _resampled(len(lows), rng, lambda picks: [order_statistic(side[picks], q, axis=1)
                                                      for q in (0.5, 0.9) for side in (lows, highs)])
    quantiles = tuple(_quantile(q, lows, highs, boots[2 * i], boots[2 * i + 1]) for i, q in enumerate((0.5, 0.9)))
    periods, p = _periods(have, split)
    return Summary(**base, quantiles=quantiles, mean=float(estimates.mean()) if len(estimates) else None,
                   detectable=detectability(estimates), periods=periods, logrank_p=p)


def order_statistic(values, q: float, axis=None):
    """The q-quantile as the value at rank ⌈q·n⌉ (numpy's 'inverted_cdf'): never between two values,
    so an open (∞) range stays ∞ and a whole minute stays whole."""
    import numpy as np

    return np.quantile(values, q, axis=axis, method="inverted_cdf")


CHUNK = 1 << 20  # resampled values held at once: memory stays a few MB however many incidents there are


def _resampled(n: int, rng, statistics) -> list:
    """RESAMPLES draws of n of the n incidents (with replacement), `statistics(picks)` (a list of
    arrays, one value per draw) of each, made a block of draws at a time and joined: the draws and
    the figures are those of one (RESAMPLES × n) array, without ever holding it (at 20,000
    incidents that array alone is 320 MB)."""
    import numpy as np

    rows = max(1, CHUNK // max(n, 1))
    parts = [statistics(rng.integers(0, n, size=(min(rows, RESAMPLES - start), n))) for start in range(0, RESAMPLES, rows)]
    return [np.concatenate(column) for column in zip(*parts)]


def _quantile(q: float, lows, highs, low_boot, high_boot) -> Quantile:
    import numpy as np

    interval = (lambda boot: (float(order_statistic(boot, 0.025)), float(order_statistic(boot, 0.975))))
    return Quantile(q, float(order_statistic(lows, q)), float(order_statistic(highs, q)), interval(low_boot),
                    interval(np.sort(high_boot)))


def detectability(values: Sequence[float] | Any, improvement: float = 0.10) -> float | None:
    """The share of paired resamples in which every incident made `improvement` shorter shows a
    lower median: n draws of the incidents as they were against n draws of them improved."""
    import numpy as np

    values = np.asarray(values, float)  # an array from here on
    if len(values) < MIN_INCIDENTS:
        return None
    rng = np.random.default_rng(SEED + 1)
    before, = _resampled(len(values), rng, lambda picks: [np.median(values[picks], axis=1)])
    after, = _resampled(len(values), rng, lambda picks: [np.median(values[picks] * (1 - improvement), axis=1)])
    return float((after < before).mean())


def _periods(have, split: int | None) -> tuple[tuple[Period, ...], float | None]:
    """The incidents before and after `split` (default: the middle incident's start), as two bands,
    and the log-rank test of the two (open ranges right-censored at their low)."""
    import numpy as np

    timed = have.dropna(subset=["start"]).sort_values(["start", "incident"])
    if len(timed) < 2 * MIN_INCIDENTS:
        return (), None
    cut = split if split is not None else int(timed["start"].iloc[len(timed) // 2])
    halves = [timed[timed["start"] < cut], timed[timed["start"] >= cut]]
    if min(len(h) for h in halves) < MIN_INCIDENTS:
        return (), None
    periods = tuple(
        Period(name, int(h["start"].min()), int(h["start"].max()), tuple(h["low"].tolist()), tuple(h["high"].tolist()))
        for name, h in zip(("earlier", "later"), halves)
    )
    samples = [_censored(h) for h in halves]
    if any(s is None for s in samples):
        return periods, None
    p = logrank(*samples[0], *samples[1])
    return periods, (p if np.isfinite(p) else None)


def _censored(part):
    """The incidents of a period as (times, observed): a value where both ends are known (the
    estimate, else the middle of its range), right-censored at its low where it is open above."""
    import numpy as np

    finite = np.isfinite(part["high"].to_numpy(float))
    middle = ((part["low"] + part["high"]) / 2).where(part["estimate"].isna(), part["estimate"]).to_numpy(float)
    if not finite.any():
        return None
    times = np.where(finite, middle, part["low"].to_numpy(float))
    return times, finite


def logrank(times_a, observed_a, times_b, observed_b) -> float:
    """The two-sided p-value of the log-rank test of two right-censored samples (the test
    scipy.stats.logrank makes, to its digits: a test holds it; written out here because importing
    scipy.stats costs a second, more than the whole portfolio). At each time a value is observed,
    the observed count of one sample is set against its share of those still at risk."""
    import numpy as np

    times_a, times_b = np.asarray(times_a, float), np.asarray(times_b, float)
    observed_a, observed_b = np.asarray(observed_a, bool), np.asarray(observed_b, bool)
    every, ends_a = np.sort(np.concatenate([times_a, times_b])), np.sort(times_a[observed_a])
    ends = np.sort(np.concatenate([ends_a, times_b[observed_b]]))
    moments, sorted_a = np.unique(ends), np.sort(times_a)
    # by counting in sorted arrays: memory linear in the incidents
    n = len(every) - np.searchsorted(every, moments, "left")
    n1 = len(sorted_a) - np.searchsorted(sorted_a, moments, "left")
    d = np.searchsorted(ends, moments, "right") - np.searchsorted(ends, moments, "left")
    d1 = np.searchsorted(ends_a, moments, "right") - np.searchsorted(ends_a, moments, "left")
    expected = d * n1 / n
    variance = np.where(n > 1, d * (n1 / n) * (1 - n1 / n) * (n - d) / np.maximum(n - 1, 1), 0.0)
    if variance.sum() <= 0:
        return math.nan
    z = (d1 - expected).sum() / math.sqrt(variance.sum())
    return math.erfc(abs(z) / math.sqrt(2))


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
