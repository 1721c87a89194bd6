"""Quantile intervals worked out exactly from order statistics, against SciPy's own exact interval
and against the seeded bootstrap they replace; p-values as printed."""

import math

import numpy as np
import pytest

from incident.timeline import exact

SIZES = [8, 9, 10, 12, 15, 20, 30, 37, 50, 51, 80, 100, 150, 200, 350, 400, 1000]


@pytest.mark.parametrize("q", [0.5, 0.9])
def test_the_interval_is_scipys_quantile_test_interval(q):
    from scipy import stats as scipy_stats

    for n in SIZES:
        values = np.arange(1, n + 1, dtype=float)
        ci = scipy_stats.quantile_test(values, q=exact.order_statistic(values, q), p=q).confidence_interval(0.95)
        low, high = exact.interval(values, values, q)
        assert low == (ci.low if np.isfinite(ci.low) else 0.0), n
        assert high == (ci.high if np.isfinite(ci.high) else math.inf), n


def bootstrap_ranks(n: int, q: float, seed: int = 20_240_812, resamples: int = 2_000) -> tuple[int, int]:
    """The interval the portfolio gave before (2,000 resamples, seeded), as ranks of 1 … n."""
    rng = np.random.default_rng(seed)
    values = np.arange(1, n + 1, dtype=float)
    picks = rng.integers(0, n, size=(resamples, n))
    boot = np.quantile(values[picks], q, axis=1, method="inverted_cdf")
    return int(np.quantile(boot, 0.025, method="inverted_cdf")), int(np.quantile(boot, 0.975, method="inverted_cdf"))


def bootstrap_limit(n: int, q: float) -> tuple[int, int]:
    """The same with endless resamples: the order statistic at rank r = ⌈q·n⌉ of n draws is at most
    the j-th value when at least r draws are: P = P(binomial(n, j/n) ≥ r)."""
    from scipy.special import betainc

    r, j = exact.rank(n, q), np.arange(1, n + 1)
    below = betainc(r, n - r + 1, j / n)
    return int(np.flatnonzero(below >= 0.025)[0]) + 1, int(np.flatnonzero(below >= 0.975)[0]) + 1


@pytest.mark.parametrize("q", [0.5, 0.9])
def test_the_interval_is_the_bootstraps_but_for_its_shortfall_above(q):
    """Against the bootstrap's own limit (no resampling noise), for every n from 8 to 600: the lower
    edge within one rank, the upper edge 0 to 2 ranks higher, for the percentile bootstrap falls short
    of 95 % there (it holds the median of 100 values with 94 %, ranks 40–59; the exact interval,
    40–61, with 96 %). Against the 2,000 seeded resamples the page drew before, their noise added:
    within two ranks below, 0 to 3 above."""
    for n in range(8, 601):
        low, high = exact.interval_ranks(n, q)
        limit_low, limit_high = bootstrap_limit(n, q)
        assert abs(low - limit_low) <= 1, (n, low, limit_low)
        assert high > n or 0 <= high - limit_high <= 2, (n, high, limit_high)
    for n in SIZES:
        low, high = exact.interval_ranks(n, q)
        boot_low, boot_high = bootstrap_ranks(n, q)
        assert abs(low - boot_low) <= 2 and (high > n or 0 <= high - boot_high <= 3), (n, (low, high), (boot_low, boot_high))
    held = lambda l, u: sum(math.comb(100, i) for i in range(l, u)) / 2 ** 100  # P(l ≤ B < u), B ~ binomial(100, ½)
    assert exact.interval_ranks(100, 0.5) == (40, 61) and held(40, 61) > 0.95 > held(40, 59)


def test_an_interval_holds_the_quantile_at_least_95_percent_of_the_time():
    rng = np.random.default_rng(1)
    for n, q in ((12, 0.5), (40, 0.5), (60, 0.9)):
        held = 0
        for _ in range(2_000):
            values = np.sort(rng.exponential(30, n))
            low, high = exact.interval(values, values, q)
            held += low <= 30 * -math.log(1 - q) <= high
        assert held / 2_000 >= 0.94, (n, q, held)


def test_too_few_values_leave_the_p90_unbounded_above():
    values = np.arange(1, 13, dtype=float)
    assert exact.interval_ranks(12, 0.9)[1] == 13 and exact.interval(values, values, 0.9)[1] == math.inf


def test_ranges_read_the_lows_below_and_the_highs_above():
    lows = np.array([0.0, 10, 20, 30, 40, 50, 60, 70, 80, 90])
    highs = np.array([10.0, 20, 30, 40, 50, 60, 70, 80, 90, math.inf])
    low, high = exact.interval_ranks(10, 0.5)
    assert exact.interval(lows, highs, 0.5) == (lows[low - 1], highs[high - 1])


@pytest.mark.parametrize("p, text", [(0.0004, "p < 0.001"), (0.00099, "p < 0.001"), (0.0042, "p = 0.004"), (0.012, "p = 0.01"),
                                     (0.0496, "p = 0.0496"), (0.31, "p = 0.31"), (1.0, "p = 1.00")])
def test_p_values_are_never_printed_as_zero(p, text):
    assert exact.p_text(p) == text
