"""`incident stats --json` and `--csv`: the portfolio's figures as numbers (minutes; null for an
open, unbounded edge), the same the page prints."""

from __future__ import annotations

import math
from typing import Any

from ..timeline import exact, stats
from . import times
from .stats_words import direction_text


def number(value: float | None):
    return None if value is None or not math.isfinite(value) else round(value, 2)


def _quantile(q: stats.Quantile) -> dict:
    return {"low": number(q.low), "high": number(q.high), "interval": [number(q.interval[0]), number(q.interval[1])]}


def _pair(pair) -> list | None:
    return None if pair is None else [number(pair[0]), number(pair[1])]


def _metric(s: stats.Summary) -> dict:
    entry = {"metric": s.metric, "incidents": s.incidents, "with_range": s.valued, "open_or_one_sided": s.censored,
             "undefined": s.undefined, "missing": dict(s.missing)}
    if s.quantiles:
        entry.update(n=len(s.lows), p50=_quantile(s.quantiles[0]), p90=_quantile(s.quantiles[1]),
                     mean_of_estimates=number(s.mean), detectability=number(s.detectable))
    if s.halves is not None:
        entry["halves"] = list(s.halves)
    if s.periods:
        entry["periods"] = [{"name": p.name, "incidents": len(p.lows), "first": times.date_of(p.first), "last": times.date_of(p.last),
                             "median": _pair(p.median), "with_a_value": p.valued, "of": p.incidents} for p in s.periods]
        entry["logrank_p"] = number(s.logrank_p)
        entry["logrank"] = None if s.logrank_p is None else exact.p_text(s.logrank_p)
        entry["direction"] = direction_text(s)
        entry["left_out_of_test"] = s.left_out
        entry["caution"] = None if s.caution is None else {"what": s.caution[0] or "a value", "earlier": number(s.caution[1]),
                                                            "later": number(s.caution[2])}
    return entry


def _cells(row, metrics) -> dict:
    return {m: {"n": c.n, "median": _pair(c.median), "interval": _pair(c.interval)} for m, c in zip(metrics, row.cells)}


def stats_json(portfolio: stats.Portfolio) -> dict:
    """`incident stats --json`: minutes as numbers, null for an open (unbounded) edge."""
    as_of = None if portfolio.as_of is None else f"{times.date_of(portfolio.as_of)}T{times.clock_of(portfolio.as_of, with_seconds=True)}Z"
    out: dict[str, Any] = {"incidents": len(portfolio.incidents), "as_of": as_of, "metrics": [_metric(s) for s in portfolio.summaries]}
    if portfolio.cut is not None:
        out["split"] = {"at": times.date_of(int(portfolio.cut)), "how": "--split" if portfolio.split else "middle incident"}
    found = portfolio.groups
    if found is not None:
        out["counts"] = {"per": found.per, "undated": found.undated, "severities": list(found.severities),
                         "periods": [{"period": c.period, "incidents": c.incidents, "by_severity": dict(zip(found.severities, c.by_severity))}
                                     for c in found.counts]}
        out["severity"] = [{"severity": r.name, "incidents": r.incidents, "metrics": _cells(r, found.metrics)} for r in found.severity]
        out["components"] = [{"component": r.name, "incidents": r.incidents, "metrics": _cells(r, found.metrics)} for r in found.components]
        out["other_components"] = {"components": found.other_components[0], "incidents": found.other_components[1]}
    return out


def stats_table(portfolio: stats.Portfolio) -> list[dict]:
    """`incident stats --csv`: one row per metric, minutes as numbers, empty for an open edge."""
    out = []
    for entry in stats_json(portfolio)["metrics"]:
        row = {key: entry.get(key) for key in ("metric", "incidents", "with_range", "open_or_one_sided", "undefined")}
        for name in ("p50", "p90"):
            q = entry.get(name) or {"low": None, "high": None, "interval": [None, None]}
            row.update({f"{name}_low": q["low"], f"{name}_high": q["high"], f"{name}_interval_low": q["interval"][0],
                        f"{name}_interval_high": q["interval"][1]})
        row.update(mean_of_estimates=entry.get("mean_of_estimates"), detectability=entry.get("detectability"),
                   logrank_p=entry.get("logrank_p"), direction=entry.get("direction"),
                   missing="; ".join(f"{why} ({count})" for why, count in entry["missing"].items()))
        out.append({key: "" if value is None else value for key, value in row.items()})
    return out
