"""Order statistics, worked out exactly instead of by resampling: a quantile's interval, how often
an improvement would show, the log-rank test. Milliseconds for any number of incidents, and the
same figures on every run (nothing is drawn at random).

For n values and a quantile q, the number B of values at or below the true q-quantile ξ is
binomial(n, q), so the order statistic X₍k₎ lies above ξ with probability P(B < k) and below it
with P(B ≥ k) = I_q(k, n − k + 1), the regularised incomplete beta function
(`scipy.special.betainc`). The 95 % interval [X₍l₎, X₍u₎] takes the largest l and the smallest u
that leave at most 2.5 % on each side: it holds ξ with probability at least 95 % whatever the
distribution (the interval `scipy.stats.quantile_test` gives). When no order statistic leaves 2.5 %
above (a p90 of a dozen incidents), the upper edge is unbounded.
"""

from __future__ import annotations

import math

TAIL = 0.025  # on each side of a 95 % interval


def rank(n: int, q: float) -> int:
    """The rank ⌈q·n⌉ (1-based) of the q-quantile's order statistic: never between two values, so
    an open (∞) range stays ∞ and a whole minute stays whole."""
    return min(max(math.ceil(q * n - 1e-9), 1), n)


def order_statistic(sorted_values, q: float) -> float:
    """The q-quantile of values sorted ascending (∞ sorts last)."""
    return float(sorted_values[rank(len(sorted_values), q) - 1])


def interval_ranks(n: int, q: float, tail: float = TAIL) -> tuple[int, int]:
    """(l, u), 1-based: P(X₍l₎ > ξ) ≤ tail and P(X₍u₎ < ξ) ≤ tail; l = 0 when even the least value
    may lie above ξ that often, u = n + 1 when even the largest may lie below it."""
    import numpy as np
    from scipy.special import betainc

    k = np.arange(1, n + 1, dtype=float)
    at_or_below = betainc(k, n - k + 1, q)  # P(B ≥ k) = P(X₍k₎ ≤ ξ), falling with k
    lower = np.flatnonzero(at_or_below >= 1 - tail)
    upper = np.flatnonzero(at_or_below <= tail)
    return (int(lower[-1]) + 1 if len(lower) else 0), (int(upper[0]) + 1 if len(upper) else n + 1)


def interval(sorted_lows, sorted_highs, q: float) -> tuple[float, float]:
    """The 95 % interval of the q-quantile of values known as ranges: the lows' lower order
    statistic to the highs' upper one (0 and ∞ past the ends)."""
    n = len(sorted_lows)
    low, high = interval_ranks(n, q)
    return (float(sorted_lows[low - 1]) if low >= 1 else 0.0), (float(sorted_highs[high - 1]) if high <= n else math.inf)


def median_distribution(values):
    """(distinct values ascending, P(the median of n draws with replacement ≤ each)): the median as
    the order statistic at rank ⌈n/2⌉ of n draws from the values, each equally likely."""
    import numpy as np
    from scipy.special import betainc

    values = np.sort(np.asarray(values, float))
    n = len(values)
    distinct = np.unique(values)
    share = np.searchsorted(values, distinct, side="right") / n  # F at each distinct value
    r = rank(n, 0.5)
    cdf = betainc(r, n - r + 1, share)  # P(at least r draws ≤ v)
    cdf[-1] = 1.0
    return distinct, cdf


def detectability(values, improvement: float = 0.10, least: int = 8) -> float | None:
    """The chance that n incidents as they were, drawn again, show a higher median than n incidents
    each made `improvement` shorter: P(M₁ > (1 − improvement)·M₂) for two independent medians of n
    draws from the values, worked out over the medians' exact distribution (what resampling
    estimates, without its noise). None below `least` values."""
    import numpy as np

    values = np.asarray(values, float)
    if len(values) < least:
        return None
    distinct, cdf = median_distribution(values)
    mass = np.diff(np.concatenate([[0.0], cdf]))
    improved = distinct * (1 - improvement)
    # P(M₁ > improved value) = 1 − P(M₁ ≤ improved value)
    at_or_below = np.searchsorted(distinct, improved, side="right")
    below_cdf = np.where(at_or_below > 0, cdf[np.maximum(at_or_below - 1, 0)], 0.0)
    return float(np.clip((mass * (1 - below_cdf)).sum(), 0.0, 1.0))


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


def p_text(p: float) -> str:
    """A p-value as printed: 'p < 0.001', 'p = 0.004', 'p = 0.31' (never 'p = 0.00')."""
    if p < 0.001:
        return "p < 0.001"
    text = f"{p:.3f}" if p < 0.01 else f"{p:.2f}"
    if (p < 0.05) != (float(text) < 0.05):  # never a printed 0.05 on the other side of the line
        text = f"{p:.4f}"
    return f"p = {text}"
