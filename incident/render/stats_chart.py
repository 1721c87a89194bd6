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
    figure, canvas = new_figure(10, PAGE_HEIGHT)
    width = 0.84 / columns if columns <= 2 else (0.92 - 0.08 * 2) / 3
    titles = _titles(figure, canvas, [_title(s) for s in shown], columns, width)
    # a title of more lines than its row has room for (one above the first row, under the chart's
    # title; two between rows) moves its row and those below down
    extra = [TITLE_LINE * max(0, max(t.count("\n") + 1 for t in titles[r * columns:(r + 1) * columns]) - (1 if r == 0 else 2))
             for r in range(lines)]
    pitch = min(2.7, (PAGE_HEIGHT - 1.3 - sum(extra)) / lines)
    height = 1.3 + pitch * lines + sum(extra)
    figure.set_size_inches(10, height)
    for k, summary in enumerate(shown):
        row, column = divmod(k, columns)
        top = 1 - (0.55 + row * pitch + sum(extra[:row + 1])) / height
        ax = figure.add_axes((0.07 + column * (width + 0.08), top - (pitch - 0.8) / height,
                              width - 0.02, (pitch - 0.8) / height))
        _panel(ax, summary)
        ax.set_title(titles[k], fontsize=9, loc="left", color=INK)
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


def _title(summary: stats.Summary) -> str:
    before = sum(1 for high in summary.highs if high < 0)  # precursors: detected before the impact
    title = f"{summary.title}: {len(summary.lows):,} incidents"
    if before:
        title += f", {before:,} detected before impact (drawn at the left edge)"
    return title


TITLE_LINE = 9 * 1.2 / 72  # inches: a line of a panel's title


def _titles(figure, canvas, titles: list[str], columns: int, width: float) -> list[str]:
    """Each panel's title broken at words into as many lines as keep it clear of the next panel
    (of the figure's edge, for the last column), measured as drawn."""
    renderer = canvas.get_renderer()
    probe = figure.text(0, 0, "", fontsize=9, fontweight="bold")
    inches = figure.get_figwidth()
    out = []
    for k, title in enumerate(titles):
        column = k % columns
        left = (0.07 + column * (width + 0.08)) * inches
        right = (0.07 + (column + 1) * (width + 0.08)) * inches - 0.1 if column < columns - 1 else inches - 0.1
        room = (right - left) * figure.dpi

        def fits(text: str, room: float = room) -> bool:  # this panel's room, bound now
            probe.set_text(text)
            return probe.get_window_extent(renderer).width <= room

        # at its phrases first ('Time between updates:' / '392 incidents'), a phrase too long at its words
        lines = _greedy(title.replace(": ", ":\n").replace(", ", ",\n").split("\n"), fits)
        out.append("\n".join(line for long in lines for line in ([long] if fits(long) else _greedy(long.split(" "), fits))))
    probe.remove()
    return out


def _greedy(parts: list[str], fits) -> list[str]:
    """The parts joined by spaces into lines, each as long as `fits` allows (a part too long alone
    is a line of its own)."""
    lines: list[str] = []
    for part in parts:
        if lines and fits(f"{lines[-1]} {part}"):
            lines[-1] += f" {part}"
        else:
            lines.append(part)
    return lines


def _legend(figure, portfolio: stats.Portfolio, y: float) -> None:
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    handles = [Patch(facecolor="#bbbbbb", alpha=0.6, edgecolor=INK, label="all incidents"),
               Line2D([], [], color="#555555", linestyle="-", label="p50"),
               Line2D([], [], color="#555555", linestyle="--", label="p90")]
    if any(s.periods for s in portfolio.summaries):
        handles += [Line2D([], [], color=color, label=f"{name} incidents") for name, color in PERIOD_COLORS.items()]
    figure.legend(handles=handles, loc="upper left", bbox_to_anchor=(0.06, y), ncol=len(handles), frameon=False, fontsize=8.5)
