"""The report's charts by name: a job names the figure it draws (report.py), and the modules that
draw, with matplotlib, are imported only when a chart is drawn (matplotlib is slow to import).

Every chart is drawn with matplotlib's explicit Figure API (no pyplot state) and rendered to bytes by
`plot.render_as`, byte for byte deterministic: Agg, DejaVu Sans, a fixed SVG hash salt, and no dates
or versions in the metadata.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from matplotlib.figure import Figure

NAMES = ("comparison_figure", "stats_figure", "timeline_figure")


def draw(name: str, *args: Any) -> Figure:
    """The figure of the chart function `name` (one of NAMES) for `args`."""
    from . import comparison_chart, stats_chart, timeline_chart

    makers = {"comparison_figure": comparison_chart.comparison_figure, "stats_figure": stats_chart.stats_figure,
              "timeline_figure": timeline_chart.timeline_figure}
    return makers[name](*args)  # type: ignore[operator]


def preload() -> None:
    """Import what drawing needs now (before worker processes are forked, so that each has it)."""
    from . import comparison_chart, stats_chart, timeline_chart  # noqa: F401
