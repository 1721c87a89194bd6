"""The portfolio page (stats.md / stats.html) and `incident stats`: each metric over many
incidents, counted, banded and bounded, never folded into one number; what each metric holds and
why the rest is missing; incidents per month, by severity and by component; earlier against later
in words that say which way a difference goes, and when it may come from the data alone."""

from __future__ import annotations


from ..timeline import exact, groups as grouping, stats
from ..words import counted
from ..timeline.metrics import format_minutes
from ..timeline.periods import Period
from . import times
from .document import Bullets, Chart, Code, Document, Heading, Paragraph, Table
from .stats_words import caution_text, direction_text, missing_text, range_text, split_text

PER_WORD = {"week": "week", "month": "month", "quarter": "quarter"}


def quantile_text(q: stats.Quantile) -> str:
    """'20–25 min (95 % interval 12 min – 40 min)'."""
    return f"{range_text(q.low, q.high)} (95 % interval {range_text(*q.interval)})"


def share(value: float) -> str:
    return f"{value * 100:.0f} %"


def detectability_text(summary: stats.Summary) -> str:
    n = len(summary.estimates)
    return (f"{summary.title}, n = {n:,}: a 10 % improvement to every incident would show as a lower median "
            f"{share(summary.detectable)} of the time")


def period_text(summary: stats.Summary, portfolio: stats.Portfolio | None = None, zone: str = "UTC") -> str:
    """'Time to recover: later incidents recovered faster: median 69 → 41 min (earlier: 30 incidents,
    2021-01-04 to 2022-06-30; later: …); log-rank p = 0.02, unlikely by chance alone.'"""
    if not summary.periods:
        before, after = summary.halves or (0, 0)
        return (f"{summary.title}: too few incidents to compare ({before:,} earlier, {after:,} later with it; at least "
                f"{stats.MIN_INCIDENTS} in each are needed)")
    earlier, later = summary.periods

    def span(p: Period) -> str:
        return f"{len(p.lows):,} incidents, {times.date_of(p.first, zone)} to {times.date_of(p.last, zone)}"

    said = f"{summary.title}: {direction_text(summary)} (earlier: {span(earlier)}; later: {span(later)})"
    left = f"; {summary.left_out:,} known only as 'at most' left out of the test" if summary.left_out else ""
    if summary.logrank_p is None:
        said += f"; the log-rank test cannot be taken: a period has no incident with a value, only ranges open above{left}"
    else:
        verdict = "a difference this large is common by chance alone" if summary.logrank_p >= 0.05 else "unlikely by chance alone"
        said += f"; log-rank {exact.p_text(summary.logrank_p)}, {verdict}{left}"
    caution = caution_text(summary)
    return said + (f". {caution}" if caution else "")


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
    doc.add(Heading(2, "What each metric holds"))
    doc.add(Paragraph("n: the incidents with a value or a closed range; then those open or known from one side only, those "
                      "without the metric, and why they have no value (the commonest reasons first)."))
    doc.add(_counts_table(portfolio))
    if shown:
        doc.add(Heading(2, "Quantiles"))
        doc.add(Paragraph("Each read off the ranges' low ends and high ends (one figure when both agree to the minute). The "
                          "interval is exact: from order statistics of the lows and of the highs chosen so that it holds the "
                          "true quantile with at least 95 % whatever the distribution (unbounded when too few incidents bound "
                          "it)."))
        doc.add(_quantiles_table(shown))
    _groups(doc, portfolio)
    if shown:
        doc.add(Heading(2, "What the data could show"))
        doc.add(Paragraph("Medians of a few dozen skewed durations move a lot by chance: a real improvement often fails to show, "
                          "and a change of nothing often looks like one. Drawing these incidents again, n at a time (worked "
                          "out exactly, not sampled):"))
        doc.add(Bullets([detectability_text(s) for s in shown if s.detectable is not None]))
        compared = [s for s in shown if s.periods or s.halves]
        if compared and portfolio.cut is not None:
            doc.add(Heading(2, "Earlier and later"))
            doc.add(Paragraph(split_text(portfolio) + " Each period is drawn as its own band on the chart; the two are compared "
                              "by their medians and with a log-rank test (ranges open above censored), never as a difference "
                              "of means:"))
            doc.add(Bullets([period_text(s, portfolio) for s in compared]))
    as_of = f" as of {times.date_of(portfolio.as_of)} {times.clock_of(portfolio.as_of)} UTC, the newest moment the events state" if portfolio.as_of is not None else ""
    doc.add(Paragraph(f"Quantiles are order statistics (never interpolated), their intervals exact (binomial); open incidents "
                      f"censored{as_of}."))
    return doc


def _counts_table(portfolio: stats.Portfolio) -> Table:
    rows = [[s.title, f"{s.valued:,}", f"{s.censored:,}", f"{s.undefined:,}", missing_text(s)] for s in portfolio.summaries]
    return Table(["metric", "n (with a range)", "open or one-sided", "undefined", "why the others have no value"], rows, "lrrrl")


def _quantiles_table(shown: list[stats.Summary]) -> Table:
    rows = []
    for s in shown:
        p50, p90 = s.quantiles
        rows.append([s.title, f"{len(s.lows):,}", range_text(p50.low, p50.high), range_text(*p50.interval),
                     range_text(p90.low, p90.high), range_text(*p90.interval), format_minutes(s.mean) if s.mean is not None else "—"])
    return Table(["metric", "n", "p50", "p50's 95 % interval", "p90", "p90's 95 % interval", "mean of the estimates"], rows, "lrlllll")


def _groups(doc: Document, portfolio: stats.Portfolio) -> None:
    found = portfolio.groups
    if found is None:
        return
    if found.counts:
        doc.add(Heading(2, f"Incidents per {PER_WORD[found.per]}"))
        undated = f"; {found.undated:,} with no time to count them by" if found.undated else ""
        doc.add(Paragraph(f"By the incident's start (UTC), from the first {found.per} to the last; a run of {grouping.EMPTY_RUN} "
                          f"or more {found.per}s without an incident is one row{undated}."))
        several = len(found.severities) > 1
        header = [found.per, "incidents", *(found.severities if several else ())]
        rows = [[c.period, f"{c.incidents:,}", *([f"{v:,}" for v in c.by_severity] if several else [])] for c in found.counts]
        doc.add(Table(header, rows, "l" + "r" * (len(header) - 1)))
    if not found.metrics:
        return
    titles = [stats_title(m) for m in found.metrics]
    median = (f"Each cell: the median of the group's incidents with the metric and their number n (a median from "
              f"{grouping.MIN_GROUP} incidents on); the metrics with a value for at least half their incidents, the most "
              "values first.")
    if len(found.severities) > 1 or found.severities != (grouping.NOT_STATED,):
        doc.add(Heading(2, "By severity"))
        doc.add(Paragraph(["Severity: the postmortem's ", Code("severity"), ", else the events' own ", Code("severity"),
                           " column (a status page's impact level: none, minor, major, critical). " + median]))
        doc.add(Table(["severity", "incidents", *titles], [_group_row(r) for r in found.severity], "lr" + "l" * len(titles)))
    if found.components:
        doc.add(Heading(2, "By component"))
        rest, their = found.other_components
        more = f" Not shown: {counted(rest, 'other component')} ({counted(their, 'incident')})." if rest else ""
        doc.add(Paragraph(["Component or service: the names the events' own ", Code("component"), " column lists (a status "
                           "page's affected components); an incident of several counts in each. " + median + more]))
        doc.add(Table(["component", "incidents", *titles], [_group_row(r) for r in found.components], "lr" + "l" * len(titles)))


def stats_title(metric: str) -> str:
    from ..timeline.metrics import BY_NAME

    return BY_NAME[metric].title


def _group_row(row: grouping.Row) -> list[str]:
    return [row.name, f"{row.incidents:,}", *(cell_text(c) for c in row.cells)]


def cell_text(cell: grouping.Cell) -> str:
    """'41 min (n = 30)', 'n = 3' (too few for a median), '—' (none)."""
    if not cell.n:
        return "—"
    if cell.median is None:
        return f"n = {cell.n:,}"
    return f"{range_text(*cell.median)} (n = {cell.n:,})"


def _alt(shown: list[stats.Summary]) -> str:
    parts = [f"{s.title}: median {range_text(s.quantiles[0].low, s.quantiles[0].high)}, p90 {range_text(s.quantiles[1].low, s.quantiles[1].high)}"
             for s in shown]
    return "Distribution bands of each metric over the incidents. " + "; ".join(parts) + "."
