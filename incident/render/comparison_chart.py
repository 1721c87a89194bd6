"""The comparison chart: incidents as lanes aligned on T+0, their phases and numbered milestones,
the spread of many incidents, and the audience below."""

from __future__ import annotations





from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from ..timeline.compare import Lane, headline_minutes, top_lanes
from . import comparison_layout as layout, times, timescale
from .comparison_lane import draw_lane
from .comparison_layout import lane_phases
from ..model.cells import Kind


from .plot import CONFLICT, INK, KIND_STYLE, chart_style, UNDECIDED, WAIT, new_figure, nothing_to_draw, caption, count_format, fit_text, incident_colors


def comparison_figure(lanes: list[Lane], unit: str | None, page: int = 0) -> Figure:
    """Page `page` of the comparison (comparison_layout.layout says how many): incidents as lanes
    aligned on T+0, each lane's phases (a live event's wait and live time, an outage's impact,
    mitigation and recovery), its milestones numbered with a key of their full labels beside the
    lane, a legend of kinds; on the last page the audience, when measured, and the spread of many."""
    with chart_style():
        return _comparison(lanes, unit, page)


LEFT, RIGHT, KEY_LEFT = 0.17, 0.62, 0.645  # the lanes' axes and their keys, as shares of the width


def _comparison(everyone: list[Lane], unit: str | None, page: int) -> Figure:
    if not everyone:
        return nothing_to_draw("Comparison", "No incident has a scheduled start, an impact start or any event placed in time to align on.")
    lanes = top_lanes(everyone)
    pages = layout.layout(everyone, unit)
    this = pages[page]
    scales, shared = layout.scales(lanes)
    chosen = [lanes[i] for i in this.lanes]
    heights = [layout.lane_height(lanes[i], scales[i], shared) for i in this.lanes]
    colors = incident_colors(lane.incident for lane in lanes)
    missed = sum(layout.hidden(lanes[i], scales[i]) for i in this.lanes)
    text = layout.caption(chosen, [scales[i] for i in this.lanes], shared, (page, len(pages)), missed)
    small_print = layout.small_print(text)
    below = layout.legend_height(chosen) if chosen else 0.0
    height = layout.TOP + sum(heights) + below + layout.AUDIENCE * this.audience + layout.SPREAD * this.spread + small_print
    figure, canvas = new_figure(11, height)
    _title(figure, canvas, height, lanes, len(everyone), shared, (page, len(pages)))
    y = 1 - layout.TOP / height
    axes = []
    for i, lane_height in zip(this.lanes, heights):
        axes.append(_lane(figure, canvas, lanes[i], scales[i], shared, (y, lane_height, height), colors[lanes[i].incident]))
        y -= lane_height / height
    if shared and axes:
        for ax in axes[:-1]:
            ax.tick_params(axis="x", labelbottom=False, length=0)
            ax.spines["bottom"].set_color("#dddddd")
    if axes:
        axes[-1].set_xlabel("time from T+0 (each lane's own origin, named at its left)"
                            + ("" if shared else "; each lane on its own scale"), fontsize=8.5)
    if chosen:
        _kind_legend(figure, chosen, y - layout.LEGEND / height)
    if this.audience:
        bottom = small_print + layout.SPREAD * this.spread
        audience = figure.add_axes((LEFT, bottom / height + 0.35 / height, RIGHT - LEFT, (layout.AUDIENCE - 0.75) / height))
        _draw_audience(audience, lanes, unit, colors, scales[0] if shared else None)
    if this.spread:
        spread = figure.add_axes((LEFT, (small_print + 0.45) / height, RIGHT - LEFT, (layout.SPREAD - 0.95) / height))
        _draw_spread(spread, everyone, lanes)
    caption(figure, text, height, layout.CAPTION_WIDTH)
    return figure


def _lane(figure, canvas, lane: Lane, scale: timescale.Scale, shared: bool, place, color: str):
    """One lane's axes, title, origin, key and drawing; its axes."""
    y, lane_height, height = place
    lines = layout.title_lines(lane)
    top = layout.LANE_TOP + layout.TITLE_LINE * (len(lines) - 1)
    ticks = 0 if shared else layout.TICKS
    box = (LEFT, y - (lane_height - ticks) / height, RIGHT - LEFT, (lane_height - ticks) / height)
    ax = figure.add_axes(box)
    ax.set_xscale("function", functions=(scale.forward, scale.inverse))
    ax.set_xlim(scale.lo, scale.hi)
    ax.set_ylim(-(lane_height - ticks - top), top)  # y in inches: the row sits `top` below the lane's top
    ax.set_yticks([])
    for side in ("left", "top", "right"):
        ax.spines[side].set_visible(False)
    ax.axvline(0, color=INK, linewidth=0.8, linestyle=(0, (2, 2)), zorder=0)
    marks = timescale.relative_ticks(scale, (RIGHT - LEFT) * 11 * 72, unit=60)
    ax.set_xticks([value for value, _ in marks], [label for _, label in marks])
    ax.tick_params(axis="x", labelsize=8.5, colors="#555555")
    ax.grid(axis="x", color="#eeeeee", linewidth=0.6, zorder=0)
    _breaks(ax, scale)
    figure.text(0.012, y - 0.22 / height, "\n".join(lines), fontsize=9.5, fontweight="bold", color=color, va="top", linespacing=1.25)
    below = y - (0.42 + layout.TITLE_LINE * (len(lines) - 1)) / height
    figure.text(0.012, below, f"T+0: {lane.origin_name}\n({_local_clock(lane)})", fontsize=8.5, color="#555555", va="top", linespacing=1.3)
    key = layout.lane_key(lane, scale)
    draw_lane(ax, canvas.get_renderer(), lane, key, scale)
    line = 0
    for _, _, text in key:
        for part in layout.wrapped(text):
            figure.text(KEY_LEFT, y - (0.2 + layout.KEY_LINE * line) / height, part, fontsize=8.5, va="top", color=INK, family="DejaVu Sans")
            line += 1
    return ax


def _breaks(ax, scale: timescale.Scale) -> None:
    """'//' on the axis where it leaves a stretch out."""
    for gap_low, gap_high in scale.gaps:
        middle = float(scale.forward(gap_low) + scale.forward(gap_high)) / 2
        ax.text(middle, 0, "//", transform=ax.transAxes, ha="center", va="center", fontsize=11, color="#555555", zorder=5,
                bbox={"facecolor": "white", "edgecolor": "none", "pad": 0.5})


def _title(figure, canvas, height: float, lanes: list[Lane], everyone: int, shared: bool, part: tuple[int, int]) -> None:
    """One line within the figure: what is aligned, whether each lane has its own scale, which
    incidents are drawn, which part; when that runs past the edge, the scale and then the part give
    way (the axis label and the caption say both)."""
    base = _comparison_title(lanes)
    scale = "" if shared else ", each lane on its own scale"
    which = f": the {len(lanes)} of {everyone} incidents that took longest" if len(lanes) < everyone else ""
    page = f" (part {part[0] + 1} of {part[1]})" if part[1] > 1 else ""
    whole = base + scale + which + page
    text = figure.text(0.012, 1 - 0.28 / height, whole, fontsize=10, fontweight="bold", color=INK)
    renderer = canvas.get_renderer()
    room = figure.bbox.width * 0.99 - text.get_window_extent(renderer).x0
    fit_text(text, (whole, base + which + page, base + which), room, renderer)


def _comparison_title(lanes: list[Lane]) -> str:
    kinds = {lane.origin.kind for lane in lanes}
    if kinds == {Kind.scheduled_start}:
        return "Time from each scheduled start (T+0): the wait before each event began"
    if Kind.scheduled_start not in kinds:
        return "Time from each impact start (T+0): impact, mitigation and recovery"
    return "Time from T+0: a scheduled start for live events, the impact start for outages"


def _local_clock(lane: Lane) -> str:
    """T+0 as a local date and clock: the origin's estimate, or the bound it is ('by 2024-05-02 12:25 UTC')."""
    zone = lane.timeline.zone
    if lane.exact:
        return f"{times.date_clock(lane.origin, zone)} {times.zone_name(lane.origin.shown, zone)}"
    return times.when(lane.origin, zone)


def _plain_log_labels(axis, formatter=None) -> None:
    """Tick labels of a log axis as plain numbers (1, 10, 100, 1,000): matplotlib's default writes
    them as mathematics, which this module's text never is."""
    from matplotlib.ticker import LogLocator, NullFormatter

    axis.set_major_locator(LogLocator(base=10))
    axis.set_major_formatter(FuncFormatter(formatter or (lambda value, _: f"{value:,.0f}" if value >= 1 else f"{value:g}")))
    axis.set_minor_formatter(NullFormatter())


def _draw_spread(ax, everyone: list[Lane], shown: list[Lane]) -> None:
    """Every incident's headline (minutes from T+0 to recovery) as a histogram, so that the lanes
    drawn above can be read against all; a log scale when the minutes span orders of magnitude."""
    import numpy as np

    values = [m for m in (headline_minutes(lane) for lane in everyone) if m is not None and m >= 0]
    missing = len(everyone) - len(values)
    if not values:
        ax.set_axis_off()
        return
    positive = [max(v, 1.0) for v in values]
    logarithmic = max(positive) / min(positive) >= 50
    if logarithmic:
        edges = np.geomspace(min(positive), max(positive) * 1.0001, 25)
        ax.set_xscale("log")
        _plain_log_labels(ax.xaxis)
    else:
        edges = np.linspace(0, max(values) * 1.0001 + 1, 25)
    ax.hist(positive if logarithmic else values, bins=edges, color="#9ecae1", edgecolor="white", linewidth=0.5)
    drawn = [headline_minutes(lane) for lane in shown if headline_minutes(lane) is not None]
    for value in drawn:
        ax.axvline(max(value, 1.0) if logarithmic else value, color=WAIT, linewidth=0.8, alpha=0.7)
    ax.set_xlabel("minutes from T+0 to recovery, else resolution (a live event: to its start)" + (", log scale" if logarithmic else ""), fontsize=8.5)
    ax.set_ylabel("incidents", fontsize=8.5)
    ax.tick_params(labelsize=8.5)
    words = f"All {len(everyone)} incidents; orange lines: the {len(shown)} drawn above"
    if missing:
        words += f"; {missing} without a recovery or resolution {'is' if missing == 1 else 'are'} not counted"
    ax.set_title(words, fontsize=9)


def _kind_legend(figure, lanes: list[Lane], y: float) -> None:
    from matplotlib.artist import Artist
    from matplotlib.lines import Line2D

    kinds = sorted({e.kind for lane in lanes for e in [lane.origin, *lane.milestones]}, key=list(Kind).index)
    handles: list[Artist] = [Line2D([], [], marker=KIND_STYLE[k][1], color=KIND_STYLE[k][0], linestyle="none", markersize=7,
                      label=k.value.replace("_", " ")) for k in kinds]
    handles.append(Line2D([], [], color="#777777", linewidth=1.4, label="window"))
    if any(e.shown is None for lane in lanes for e in lane.milestones):
        handles.append(Line2D([], [], marker="|", color="#777777", markersize=9, markeredgewidth=1.6, linestyle="none",
                              label="no estimate: a bound or a day"))
    if any(not certain for lane in lanes for *_, certain in lane_phases(lane)):
        from matplotlib.patches import Patch

        handles.append(Patch(facecolor="#eeeeee", edgecolor="#9a9a9a", hatch="////", linewidth=0, label="hatched: end not known"))
    if any(e.conflict and not e.undecided for lane in lanes for e in lane.milestones):
        handles.append(Line2D([], [], marker="o", color="#cccccc", markeredgecolor=CONFLICT, markeredgewidth=1.8, linestyle="none", label="claim set aside (!)"))
    if any(e.undecided for lane in lanes for e in lane.milestones):
        handles.append(Line2D([], [], marker="o", color="#cccccc", markeredgecolor=UNDECIDED, markeredgewidth=1.6, linestyle="none", label="undecided (?)"))
    figure.legend(handles=handles, loc="upper left", bbox_to_anchor=(0.165, y), ncol=min(layout.LEGEND_COLUMNS, len(handles)),
                  frameon=False, fontsize=8.5, handletextpad=0.3, columnspacing=1.0)


def _draw_audience(ax, lanes: list[Lane], unit: str, colors: dict[str, str], scale: timescale.Scale | None) -> None:
    """Each measured event: the median of its sources' figures, with a bar from the lowest to the
    highest; incidents in their own colours; no line joins different events. On the lanes' scale
    when they share one, else on a scale of its own."""
    measured = [(lane, event) for lane in lanes for event in sorted(lane.measurements(unit), key=lambda e: e.shown)]
    if scale is None or not all(scale.lo <= lane.minutes(e.shown) <= scale.hi for lane, e in measured):
        scale = timescale.fit([(0.0, 0.0)] + [(lane.minutes(e.shown),) * 2 for lane, e in measured], least=5.0, unit=60)
    ax.set_xscale("function", functions=(scale.forward, scale.inverse))
    values_all, labelled = [], set()
    for lane, event in measured:
        x = lane.minutes(event.shown)
        if not scale.lo <= x <= scale.hi:
            continue
        color = colors[lane.incident]
        values = sorted(v for v, u, _ in event.values if u == unit)
        middle = values[len(values) // 2]
        values_all += values
        if values[-1] > values[0]:
            ax.plot([x, x], [values[0], values[-1]], color=color, linewidth=1.2, alpha=0.7, zorder=2)
        point, = ax.plot([x], [middle], marker="o", markersize=6, color=color, markeredgecolor="white", markeredgewidth=0.6,
                         linestyle="none", zorder=3, label=lane.incident if lane.incident not in labelled else "_nolegend_")
        labelled.add(lane.incident)
        point.set_gid(f"event-{lane.incident}-{event.event}")
    ax.set_xlim(scale.lo, scale.hi)
    marks = timescale.relative_ticks(scale, ax.get_position().width * ax.figure.get_figwidth() * 72, unit=60)
    ax.set_xticks([value for value, _ in marks], [label for _, label in marks])
    ax.tick_params(labelsize=8.5)
    positive = [v for v in values_all if v > 0]
    if positive and max(positive) / min(positive) >= 50:
        ax.set_yscale("log")
        _plain_log_labels(ax.yaxis, count_format)
    else:
        ax.set_ylim(bottom=0)
        ax.yaxis.set_major_formatter(FuncFormatter(count_format))
    ax.set_ylabel(f"concurrent {unit}", fontsize=8.5)
    ax.axvline(0, color=INK, linewidth=0.8, linestyle=(0, (2, 2)))
    ax.grid(axis="y", color="#e5e5e5", linewidth=0.6)
    ax.set_title("Audience: the median of the sources' figures at each moment (bar: their lowest to highest)", fontsize=9)
    ax.legend(loc="upper left", frameon=False, fontsize=8.5)
