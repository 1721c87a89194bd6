"""The portfolio page (stats.md / stats.html) and `incident stats`: each metric over many
incidents, counted, banded and bounded, never folded into one number."""

from __future__ import annotations

import math

from ..timeline import stats
from ..timeline.metrics import format_minutes
from . import times
from .document import Bullets, Chart, Document, Heading, Paragraph, Table


def minutes_text(value: float) -> str:
    """A quantile's edge: '42 min', '2 h 05 min', 'unbounded' for an open range."""
    return format_minutes(value) if math.isfinite(value) else "unbounded"


def range_text(low: float, high: float) -> str:
    """'42 min' when both readings agree to the minute, else '24–26 min', '40 min – 1 h 05 min'."""
    a, b = minutes_text(low), minutes_text(high)
    if a == b:
        return a
    if a.endswith(" min") and b.endswith(" min") and "h" not in a + b:  # the metrics' own style: '24–26 min'
        return f"{a[:-4]}–{b}"
    return f"{a} – {b}"


def share(value: float) -> str:
    return f"{value * 100:.0f} %"


def detectability_text(summary: stats.Summary) -> str:
    n = len(summary.estimates)
    return (f"{summary.title}, n = {n:,}: a 10 % improvement to every incident would show as a lower median in "
            f"{share(summary.detectable)} of resamples")


def period_text(summary: stats.Summary, zone: str = "UTC") -> str:
    earlier, later = summary.periods
    def span(p: stats.Period) -> str:
        return f"{len(p.lows):,} incidents, {times.date_of(p.first, zone)} to {times.date_of(p.last, zone)}"
    said = f"{summary.title}: earlier half ({span(earlier)}) against later half ({span(later)})"
    if summary.logrank_p is None:
        return said + ": the log-rank test cannot be taken (too few estimates)"
    verdict = ("a difference this large is common by chance alone" if summary.logrank_p >= 0.05
               else "unlikely by chance alone; the chart shows which band lies to the left (shorter)")
    return f"{said}: log-rank p = {summary.logrank_p:.2f}, {verdict}"


def against_text(summary: stats.Summary, incident: str) -> str | None:
    """'Time to recover 95 min: longer than 70–74 % of the 349 other incidents with one.'"""
    placed = stats.against(summary, incident)
    if placed is None:
        return None
    value, surely, possibly, others = placed
    spread = share(surely) if round(surely * 100) == round(possibly * 100) else f"{surely * 100:.0f}–{possibly * 100:.0f} %"
    return f"{summary.title} {format_minutes(value)}: longer than {spread} of the {others:,} other incidents with one."


HEADLINES = ("time_to_recover", "impact_duration", "time_to_resolve", "delay", "duration")  # the one line's metric, first placed


def headline_against(incident: str, metrics, portfolio: stats.Portfolio) -> str:
    """A postmortem's one line against the distribution ('Time to recover 95 min: longer than
    70–74 % of the 349 other incidents with one'), for the first headline metric it has that can be
    placed (enough incidents have it; this one has an estimate); "" when none can."""
    have = {m.metric for m in metrics}
    for name in HEADLINES:
        if name in have and any(s.metric == name for s in portfolio.summaries):
            text = against_text(portfolio.summary(name), incident)
            if text:
                return text.rstrip(".")
    return ""


def stats_document(portfolio: stats.Portfolio, chart: bool = True) -> Document:
    """The portfolio page; without `chart` (the terminal), the chart's place is left out."""
    count = len(portfolio.incidents)
    doc = Document(f"Metrics over {count:,} incident{'s' if count != 1 else ''}")
    shown = [s for s in portfolio.summaries if s.shown]
    doc.add(Paragraph("Each incident's metric is a range (its sources rarely pin a milestone to the minute), so each summary "
                      "here has two readings: from the ranges' low ends and from their high ends; the true figure lies "
                      "between. An incident still open, or a range open above, is counted as censored, never as its low "
                      "end; a milestone missing leaves the metric undefined, never zero."))
    if not shown:
        doc.add(Paragraph(f"With {count:,} incident{'s' if count != 1 else ''}, there are too few to show a distribution: at least "
                          f"{stats.MIN_INCIDENTS} incidents with a metric are needed. Each incident's metrics are in its report."))
    elif chart:
        doc.add(Chart("stats", _alt(shown)))
    doc.add(_counts_table(portfolio))
    if shown:
        doc.add(Heading(2, "Quantiles"))
        doc.add(Paragraph("Each read off the ranges' low ends and high ends (one figure when both agree to the minute); the "
                          "interval adds the sampling: from the lows' 2.5th to the highs' 97.5th bootstrap percentile."))
        doc.add(_quantiles_table(shown))
        doc.add(Heading(2, "What the data could show"))
        doc.add(Paragraph("Medians of a few dozen skewed durations move a lot by chance: a real improvement often fails to show, "
                          "and a change of nothing often looks like one. Resampling these incidents (seeded, 2,000 times):"))
        doc.add(Bullets([detectability_text(s) for s in shown if s.detectable is not None]))
        periods = [s for s in shown if s.periods]
        if periods:
            doc.add(Heading(2, "Earlier and later"))
            doc.add(Paragraph("The history halved at its middle incident, each half drawn as its own band on the chart, and the two "
                              "compared with a log-rank test (open ranges censored), never as a difference of means:"))
            doc.add(Bullets([period_text(s) for s in periods]))
    as_of = f" as of {times.date_of(portfolio.as_of)} {times.clock_of(portfolio.as_of)} UTC, the newest moment the events state" if portfolio.as_of is not None else ""
    doc.add(Paragraph(f"Quantiles are order statistics (never interpolated); intervals from 2,000 seeded bootstrap resamples of "
                      f"the incidents; open incidents censored{as_of}."))
    return doc


def _counts_table(portfolio: stats.Portfolio) -> Table:
    rows = [[s.title, f"{s.valued:,}", f"{s.censored:,}", f"{s.undefined:,}"] for s in portfolio.summaries]
    return Table(["metric", "with a range", "open or one-sided", "undefined"], rows, "lrrr")


def _quantiles_table(shown: list[stats.Summary]) -> Table:
    rows = []
    for s in shown:
        p50, p90 = s.quantiles
        rows.append([s.title, range_text(p50.low, p50.high), range_text(*p50.interval), range_text(p90.low, p90.high),
                     range_text(*p90.interval), format_minutes(s.mean) if s.mean is not None else "—"])
    return Table(["metric", "p50", "its 95 % interval", "p90", "its 95 % interval", "mean of the estimates"], rows, "llllll")


def _alt(shown: list[stats.Summary]) -> str:
    parts = [f"{s.title}: median {range_text(s.quantiles[0].low, s.quantiles[0].high)}, p90 {range_text(s.quantiles[1].low, s.quantiles[1].high)}"
             for s in shown]
    return "Distribution bands of each metric over the incidents. " + "; ".join(parts) + "."


def stats_json(portfolio: stats.Portfolio) -> dict:
    """`incident stats --json`: minutes as numbers, null for an open (unbounded) edge."""
    def number(value: float | None):
        return None if value is None or not math.isfinite(value) else round(value, 2)

    def quantile(q: stats.Quantile) -> dict:
        return {"low": number(q.low), "high": number(q.high), "interval": [number(q.interval[0]), number(q.interval[1])]}

    metrics = []
    for s in portfolio.summaries:
        entry = {"metric": s.metric, "incidents": s.incidents, "with_range": s.valued, "open_or_one_sided": s.censored,
                 "undefined": s.undefined}
        if s.quantiles:
            entry.update(p50=quantile(s.quantiles[0]), p90=quantile(s.quantiles[1]), mean_of_estimates=number(s.mean),
                         detectability=number(s.detectable))
        if s.periods:
            entry["periods"] = [{"name": p.name, "incidents": len(p.lows), "first": times.date_of(p.first), "last": times.date_of(p.last)}
                                for p in s.periods]
            entry["logrank_p"] = number(s.logrank_p)
        metrics.append(entry)
    as_of = None if portfolio.as_of is None else f"{times.date_of(portfolio.as_of)}T{times.clock_of(portfolio.as_of, with_seconds=True)}Z"
    return {"incidents": len(portfolio.incidents), "as_of": as_of, "metrics": metrics}


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
                   logrank_p=entry.get("logrank_p"))
        out.append({key: "" if value is None else value for key, value in row.items()})
    return out
