"""The portfolio chart: one panel per metric, the band in which its true distribution lies (the
CDF of the highs below, of the lows above), p50 and p90 marked, and the earlier and later halves
of the history as bands of their own."""

from __future__ import annotations

import math



from matplotlib.figure import Figure
from matplotlib.ticker import FixedLocator, FuncFormatter, NullLocator

from ..timeline import stats
from ..timeline.metrics import format_minutes
from .plot import INK, chart_style, new_figure, nothing_to_draw, caption
from .chart_words import PAGE_HEIGHT

PERIOD_COLORS = {"earlier": "#4575b4", "later": "#d95f02"}
TICKS = (1, 5, 15, 60, 240, 1440, 1440 * 7, 1440 * 30, 1440 * 365, 1440 * 3650)  # 1 min … 10 years


def ticks(left: float, right: float) -> list[float]:
    """The TICKS inside [left, right], thinned so that no two are closer than a sixth of the log
    axis: their labels never meet, however wide the span."""
    step = (right / left) ** (1 / 6)
    kept: list[float] = []
    for value in (v for v in TICKS if left <= v <= right):
        if not kept or value / kept[-1] >= step:
            kept.append(value)
    return kept or [left]


def duration_label(minutes: float) -> str:
    """A tick's label: '5 min', '2 h', '7 d' (days past two days: an axis has no room for hours)."""
    if minutes >= 1440 * 365:
        return f"{minutes / (1440 * 365):.0f} y"
    if minutes >= 1440:
        return f"{minutes / 1440:.0f} d"
    return format_minutes(minutes)


def stats_figure(portfolio: stats.Portfolio) -> Figure:
    with chart_style():
        return _stats(portfolio)


def _stats(portfolio: stats.Portfolio) -> Figure:
    shown = [s for s in portfolio.summaries if s.shown]
    if not shown:
        return nothing_to_draw("Metrics over the incidents", f"Too few incidents with a metric to draw a distribution (at least {stats.MIN_INCIDENTS}).")
    # as many columns as keep the chart within a printed page (PAGE_HEIGHT: its text prints at 8 pt
    # or more), the panels closing up a little when there are many
    columns = 1 if len(shown) == 1 else 2 if len(shown) <= 4 else 3
    lines = math.ceil(len(shown) / columns)
    pitch = min(2.7, (PAGE_HEIGHT - 1.3) / lines)
    height = 1.3 + pitch * lines
    figure, _ = new_figure(10, height)
    width = 0.84 / columns if columns <= 2 else (0.92 - 0.08 * 2) / 3
    for k, summary in enumerate(shown):
        row, column = divmod(k, columns)
        top = 1 - (0.55 + row * pitch) / height
        ax = figure.add_axes((0.07 + column * (width + 0.08), top - (pitch - 0.8) / height,
                              width - 0.02, (pitch - 0.8) / height))
        _panel(ax, summary)
    figure.text(0.015, 1 - 0.3 / height, f"Each metric over {len(portfolio.incidents):,} incidents: the band holds the true share of "
                "incidents done by each time", fontsize=10, fontweight="bold", color=INK)
    _legend(figure, portfolio, 0.95 / height)
    caption(figure, "Grey band: all the incidents with the metric; its lower edge counts those whose range surely ended by then "
            "(an open range never does), its upper edge those that may have. Vertical lines: p50 (solid) and p90 (dashed), each "
            "at its two readings. Coloured edges: the same band for the earlier and the later incidents (see Earlier and later). Log scale.",
            height, width=140)
    return figure


def _panel(ax, summary: stats.Summary) -> None:
    t, lower, upper = stats.ecdf_band(summary.lows, summary.highs)
    x = [max(v, 0.5) for v in t]
    ax.fill_between(x, lower, upper, step="post", color="#bbbbbb", alpha=0.6, linewidth=0)
    ax.step(x, lower, where="post", color=INK, linewidth=0.8)
    ax.step(x, upper, where="post", color=INK, linewidth=0.8)
    for period in summary.periods:
        pt, plow, pup = stats.ecdf_band(period.lows, period.highs)
        px = [max(v, 0.5) for v in pt]
        color = PERIOD_COLORS[period.name]
        ax.step(px, plow, where="post", color=color, linewidth=1.1, alpha=0.9)
        ax.step(px, pup, where="post", color=color, linewidth=1.1, alpha=0.9)
    for quantile, style in zip(summary.quantiles, ("-", "--")):
        for edge in (quantile.low, quantile.high):
            if math.isfinite(edge):
                ax.axvline(max(edge, 0.5), color="#555555", linewidth=0.9, linestyle=style)
    ax.set_xscale("log")
    finite = [v for v in x if math.isfinite(v)]
    left, right = max(min(finite), 0.5), max(max(finite), 2)
    ax.set_xlim(left / 1.3, right * 1.3)
    ax.xaxis.set_major_locator(FixedLocator(ticks(left / 1.3, right * 1.3)))
    ax.xaxis.set_minor_locator(NullLocator())
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: duration_label(v)))
    ax.tick_params(labelsize=8.5)
    ax.set_ylim(0, 1.02)
    ax.yaxis.set_major_locator(FixedLocator([0, 0.5, 0.9, 1]))
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:.0%}"))
    ax.grid(color="#eeeeee", linewidth=0.6)
    before = sum(1 for high in summary.highs if high < 0)  # precursors: detected before the impact
    title = f"{summary.title}: {len(summary.lows):,} incidents"
    if before:
        title += f", {before:,} detected before impact (drawn at the left edge)"
    ax.set_title(title, fontsize=9, loc="left", color=INK)


def _legend(figure, portfolio: stats.Portfolio, y: float) -> None:
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    handles = [Patch(facecolor="#bbbbbb", alpha=0.6, edgecolor=INK, label="all incidents"),
               Line2D([], [], color="#555555", linestyle="-", label="p50"),
               Line2D([], [], color="#555555", linestyle="--", label="p90")]
    if any(s.periods for s in portfolio.summaries):
        handles += [Line2D([], [], color=color, label=f"{name} incidents") for name, color in PERIOD_COLORS.items()]
    figure.legend(handles=handles, loc="upper left", bbox_to_anchor=(0.06, y), ncol=len(handles), frameon=False, fontsize=8.5)
