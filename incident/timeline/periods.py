"""Earlier and later incidents of one metric: two bands, a log-rank test, and whether what the data
records changed between them (one capture states impact windows, the other does not), which would
explain a difference better than any change in how incidents went."""

from __future__ import annotations

from dataclasses import dataclass

from . import exact
from .records import VALUED

MIN_EACH = 8  # incidents with the metric in each period before the two are compared
CHANGED = 0.2  # a share of incidents that differs by this much between periods is a change in what is recorded


@dataclass(frozen=True)
class Period:
    name: str  # "earlier" / "later"
    first: int  # epoch s of its first incident's start
    last: int
    lows: tuple[float, ...]  # its incidents with the metric (values and censored)
    highs: tuple[float, ...]
    incidents: int = 0  # all its incidents the metric applies to, with it or not
    valued: int = 0  # of them, with a value or a closed range
    reasons: tuple[tuple[str, int], ...] = ()  # why the others have no value, most first

    @property
    def median(self) -> tuple[float, float] | None:
        if not self.lows:
            return None
        return exact.order_statistic(sorted(self.lows), 0.5), exact.order_statistic(sorted(self.highs), 0.5)


def counts(column) -> tuple[tuple[str, int], ...]:
    """(value, how many) of a column, the commonest first (then by value), none of 0."""
    found = column.value_counts()
    return tuple(sorted(((str(k), int(v)) for k, v in found.items() if v), key=lambda kv: (-kv[1], kv[0])))


def middle(starts) -> float | None:
    """The start of the middle incident (the later half begins with it); None without starts."""
    import numpy as np

    starts = np.sort(starts[np.isfinite(starts)])
    return float(starts[len(starts) // 2]) if len(starts) >= 2 else None


def compare(part, cut: float | None) -> dict:
    """The metric's periods before and after `cut` (incidents by their start), the log-rank p-value
    of the two (values observed, ranges open above right-censored at their low; a range known only
    as "at most" has no place in the test and is counted in `left_out`), each period's share of
    incidents with a value, and a caution when that share changes."""
    if cut is None:
        return {}
    timed = part[part["incident_start"].notna()]
    sides = [timed[timed["incident_start"] < cut], timed[timed["incident_start"] >= cut]]
    haves = [side[side["state"] != "undefined"] for side in sides]
    found = {"halves": (len(haves[0]), len(haves[1]))}
    if min(len(h) for h in haves) < MIN_EACH:
        return found
    periods = tuple(_period(name, side, have) for name, side, have in zip(("earlier", "later"), sides, haves))
    samples = [_censored(h) for h in haves]
    left_out = sum(s[2] for s in samples)
    p = None
    if all(s[1].any() for s in samples):
        value = exact.logrank(samples[0][0], samples[0][1], samples[1][0], samples[1][1])
        p = value if value == value else None
    return {**found, "periods": periods, "logrank_p": p, "left_out": left_out, "caution": caution(periods)}


def _period(name: str, side, have) -> Period:
    return Period(name, int(have["incident_start"].min()), int(have["incident_start"].max()),
                  tuple(have["low"].tolist()), tuple(have["high"].tolist()), len(side), int(side["state"].isin(VALUED).sum()),
                  counts(side.loc[~side["state"].isin(VALUED), "why"]))


def _censored(have):
    """(times, observed, left out): a value where both ends are known (the estimate, else the
    middle of its range), right-censored at its low where it is open above; "at most" left out."""
    import numpy as np

    high = have["high"].to_numpy(float)
    low = have["low"].to_numpy(float)
    estimate = have["estimate"].to_numpy(float)
    valued = have["state"].isin(VALUED).to_numpy()
    open_above = ~np.isfinite(high)
    usable = valued | open_above
    times = np.where(valued, np.where(np.isfinite(estimate), estimate, (low + high) / 2), low)
    return times[usable], valued[usable], int((~usable).sum())


def caution(periods) -> tuple[str, float, float] | None:
    """(what, its share in the earlier period, in the later) when the share of incidents with a
    value differs by CHANGED or more: `what` is the reason for no value whose share changed most
    ("the impact start known only from a bound"), or "" for the share with a value itself."""
    earlier, later = periods
    if not earlier.incidents or not later.incidents:
        return None
    shares = earlier.valued / earlier.incidents, later.valued / later.incidents
    if abs(shares[0] - shares[1]) < CHANGED:
        return None
    first, second = dict(earlier.reasons), dict(later.reasons)
    best = None
    for reason in sorted(set(first) | set(second)):
        a, b = first.get(reason, 0) / earlier.incidents, second.get(reason, 0) / later.incidents
        if abs(a - b) >= CHANGED and (best is None or abs(a - b) > abs(best[1] - best[2])):
            best = (reason, a, b)
    return best or ("", shares[0], shares[1])
