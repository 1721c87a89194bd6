"""The comparison chart: incidents as lanes aligned on T+0, their phases and numbered milestones,
the spread of many incidents, and the audience below."""

from __future__ import annotations

import math

import matplotlib

from ..words import counted
from . import plot  # noqa: F401 (first: it pins matplotlib's backend and configuration)


from matplotlib.figure import Figure  # noqa: E402
from matplotlib.ticker import FuncFormatter, MultipleLocator  # noqa: E402

from ..timeline.compare import MAX_SPAN_MINUTES, Lane, headline_minutes, top_lanes  # noqa: E402
from ..diagnostics import printable
from . import times
from ..model.claim import Kind  # noqa: E402
from ..timeline.events import Event  # noqa: E402


from .plot import CONFLICT, INK, KIND_STYLE, STYLE, UNDECIDED, WAIT, _edge, _figure, _ink, _mark, _nothing_to_draw, _words, caption, caption_text, count_format, incident_colors


def comparison_figure(lanes: list[Lane], unit: str | None) -> Figure:
    """Incidents as lanes aligned on T+0: each lane's phases (a live event's wait and live time, an
    outage's impact, mitigation and recovery), its milestones numbered with a key of their full
    labels beside the lane, a legend of kinds; the audience below, when measured."""
    with matplotlib.rc_context(STYLE):
        return _comparison(lanes, unit)


def _span(lanes: list[Lane]) -> tuple[float, float]:
    """The axis: from the earliest milestone up to two hours before T+0, to the last end,
    resolution or recovery (the last milestone when a lane has none); later events are counted
    as outside the axis."""
    starts, ends = [0.0], [10.0]
    for lane in lanes:
        last = lane.timeline.first(Kind.end) or lane.timeline.first(Kind.resolution) or lane.recovery
        times = [lane.minutes(e.shown) for e in lane.milestones]
        if last is not None and last.shown is not None:
            ends.append(lane.minutes(last.shown))
        elif times:
            ends.append(max(times))
        starts += [m for m in times if -120 <= m < 0]
    low, high = min(starts), min(max(ends), MAX_SPAN_MINUTES)
    pad = (high - low) * 0.05
    return low - pad, high + pad


# The longest a chart's axis runs, in minutes: later events are counted as outside it. Whatever
# the input (a year typo puts an end 18 years late), a chart lays out a bounded number of ticks.
KEY_WIDTH = 46  # characters per line of a lane's key
KEY_LINE = 0.16  # inches per line of the key
LANE_TOP = 0.95  # inches from a lane's top to its row: room for the stacked numbers


def lane_key(lane: Lane, x0: float, x1: float) -> list[tuple[int, Event, str]]:
    """The lane's numbered milestones inside the axis, in time order: (number, event, key text)."""
    shown = [e for e in lane.milestones if x0 <= lane.minutes(e.shown) <= x1]
    return [(n, e, f"{n}  {_mark(e)}{printable(e.label)} ({lane.minutes(e.shown):+.0f})") for n, e in enumerate(shown, 1)]


def _wrapped(text: str, width: int = KEY_WIDTH) -> list[str]:
    import textwrap

    return textwrap.wrap(text, width, subsequent_indent="    ", break_long_words=True) or [text]


def _comparison(everyone: list[Lane], unit: str | None) -> Figure:
    if not everyone:
        return _nothing_to_draw("Comparison", "No incident has a timed scheduled start or impact start to align on.")
    lanes = top_lanes(everyone)
    x0, x1 = _span(lanes)
    keys = [lane_key(lane, x0, x1) for lane in lanes]
    heights = [max(1.75, 0.3 + KEY_LINE * sum(len(_wrapped(text)) for *_, text in key)) for key in keys]
    has_audience = unit is not None and any(lane.measurements(unit) for lane in lanes)
    audience_height = 2.4 if has_audience else 0.0
    spread_height = 2.0 if len(lanes) < len(everyone) else 0.0
    top, legend_height, small_print = 0.45, 1.0, 0.55
    height = top + sum(heights) + legend_height + audience_height + spread_height + small_print
    figure, canvas = _figure(11, height)
    left, right, key_left = 0.17, 0.62, 0.645
    colors = incident_colors(lane.incident for lane in lanes)
    title = _comparison_title(lanes)
    if len(lanes) < len(everyone):
        title += f": the {len(lanes)} of {len(everyone)} incidents that took longest"
    figure.text(0.012, 1 - 0.28 / height, title, fontsize=10, fontweight="bold", color=INK)
    y = 1 - top / height
    axes = []
    hidden = 0
    for lane, key, lane_height in zip(lanes, keys, heights):
        box = (left, y - lane_height / height, right - left, lane_height / height)
        ax = figure.add_axes(box)
        axes.append(ax)
        ax.set_xlim(x0, x1)
        ax.set_ylim(-(lane_height - LANE_TOP), LANE_TOP)  # y in inches: the row sits LANE_TOP below the lane's top
        ax.set_yticks([])
        for side in ("left", "top", "right"):
            ax.spines[side].set_visible(False)
        ax.axvline(0, color=INK, linewidth=0.8, linestyle=(0, (2, 2)), zorder=0)
        ax.xaxis.set_major_locator(MultipleLocator(_step(x1 - x0)))
        ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: "T+0" if v == 0 else f"{v:+.0f}"))
        ax.tick_params(axis="x", labelsize=8.5, colors="#555555")
        ax.grid(axis="x", color="#eeeeee", linewidth=0.6, zorder=0)
        title = printable(lane.title)
        title = title if len(title) <= 72 else title[:71].rsplit(" ", 1)[0].rstrip(" ,;:—") + "…"  # clear of the key
        figure.text(0.012, y - 0.22 / height, title, fontsize=9.5, fontweight="bold", color=colors[lane.incident], va="top")
        figure.text(0.012, y - 0.42 / height, f"T+0: {lane.origin_name}\n({_local_clock(lane)})", fontsize=8.5, color="#555555", va="top", linespacing=1.3)
        hidden += _draw_lane(ax, canvas.get_renderer(), lane, key, x0, x1)
        line = 0
        for number, event, text in key:
            for part in _wrapped(text):
                figure.text(key_left, y - (0.2 + KEY_LINE * line) / height, part, fontsize=8.5, va="top",
                            color=INK, family="DejaVu Sans")
                line += 1
        y -= lane_height / height
    for ax in axes[:-1]:
        ax.tick_params(axis="x", labelbottom=False, length=0)
        ax.spines["bottom"].set_color("#dddddd")
    axes[-1].set_xlabel("minutes from T+0 (each lane's own origin, named at its left)", fontsize=8.5)
    _kind_legend(figure, lanes, y - 0.45 / height, height)
    y -= legend_height / height
    if has_audience:
        bottom = small_print + spread_height
        audience = figure.add_axes((left, bottom / height + 0.35 / height, right - left, (audience_height - 0.75) / height))
        _draw_audience(audience, lanes, unit, colors, x0, x1)
    if spread_height:
        spread = figure.add_axes((left, (small_print + 0.45) / height, right - left, (spread_height - 0.95) / height))
        _draw_spread(spread, everyone, lanes)
    text = caption_text([lane.timeline for lane in lanes])
    text += " Numbers: each lane's milestones in time order, named in the key at right. Whiskers: each estimate's window."
    if hidden:
        text += f"\n{counted(hidden, 'milestone')} outside the axis {'is' if hidden == 1 else 'are'} in the tables."
    caption(figure, text, height, 165)
    return figure


def _comparison_title(lanes: list[Lane]) -> str:
    kinds = {lane.origin.kind for lane in lanes}
    if kinds == {Kind.scheduled_start}:
        return "Minutes from each scheduled start (T+0): the wait before each event began"
    if Kind.scheduled_start not in kinds:
        return "Minutes from each impact start (T+0): impact, mitigation and recovery"
    return "Minutes from T+0: a scheduled start for live events, the impact start for outages"


def _local_clock(lane: Lane) -> str:
    zone = lane.timeline.zone
    return f"{times.date_clock(lane.origin, zone)} {times.zone_name(lane.origin.shown, zone)}"


def _step(width: float) -> float:
    """A tick step in minutes that gives at most 14 ticks over `width`: minute-friendly steps up
    to a day, then whole days."""
    for step in (5, 10, 15, 30, 60, 120, 240, 480, 720, 1440):
        if width / step <= 14:
            return step
    return 1440 * math.ceil(width / 1440 / 14)


LANE_PHASES = {
    # (band colour, words) for each phase a lane can show
    "precursor": ("#dadaeb", "detected before impact"),
    "waiting": ("#fdd0a2", "waiting"),
    "live": ("#c7e9c0", "live"),
    "impact": ("#fcbba1", "impact"),
    "mitigated": ("#fee391", "mitigated"),
    "recovered": ("#c6dbef", "recovered"),
}


def lane_phases(lane: Lane) -> list[tuple[str, float, float]]:
    """The lane's phases as (name, start, end) in minutes from T+0: a live event waits until it
    starts (its recovery) and is live until its end; an outage is in impact until mitigated,
    mitigated until recovered, recovered until resolved; an alert before the impact start (a
    precursor) opens a phase before T+0."""
    def at(event):
        return None if event is None or event.shown is None else lane.minutes(event.shown)

    timeline = lane.timeline
    if lane.origin.kind is Kind.scheduled_start:
        start, end = at(lane.recovery), at(timeline.first(Kind.end))
        phases = []
        if start is not None and start > 0:
            phases.append(("waiting", 0.0, start))
        if start is not None and end is not None and end > start:
            phases.append(("live", start, end))
        return phases
    points = [("impact", 0.0)]
    precursor = at(timeline.first(Kind.detection))
    before = [("precursor", precursor, 0.0)] if precursor is not None and precursor < 0 else []
    for name, kinds in (("mitigated", (Kind.mitigation,)), ("recovered", (Kind.recovery,)), ("resolved", (Kind.resolution,))):
        moment = at(timeline.first(*kinds))
        if moment is not None and moment > points[-1][1]:
            points.append((name, moment))
    return before + [(name, begin, finish) for (name, begin), (_, finish) in zip(points, points[1:])]


def _draw_lane(ax, renderer, lane: Lane, key, x0: float, x1: float) -> int:
    """One incident's lane: phases, the wait or recovery bracket, numbered milestones with their
    windows. Returns how many milestones fell outside the axis."""
    per_point = 1 / 72  # y units are inches
    bar = 6 * per_point
    frame = ax.get_window_extent(renderer)
    points_per_minute = frame.width * 72 / ax.figure.dpi / (x1 - x0)
    for name, begin, finish in lane_phases(lane):
        color, words = LANE_PHASES[name]
        begin, finish = max(begin, x0), min(finish, x1)
        if finish <= begin:
            continue
        ax.barh(0, finish - begin, left=begin, height=bar * 2, color=color, linewidth=0, zorder=1)
        if (finish - begin) * points_per_minute >= 6 * len(words):  # named only where the name fits
            ax.text((begin + finish) / 2, -bar - 3 * per_point, words, ha="center", va="top", fontsize=8.5, color="#555555")
    recovery = lane.recovery
    if recovery is not None and recovery.shown is not None:
        wait = lane.minutes(recovery.shown)
        shown = min(max(wait, x0), x1)  # drawn on the axis, whatever the data
        below = -bar - 16 * per_point
        tick = 3 * per_point
        ax.plot([0, 0, shown, shown], [below + tick, below, below, below + tick], color="#7a2e00", linewidth=1, zorder=2)
        words = f"{wait:,.0f} min late" if lane.origin.kind is Kind.scheduled_start else f"recovered after {wait:,.0f} min"
        wide = shown * points_per_minute >= 9 * len(words)
        ax.text(shown / 2 if wide else 0, below - tick, words, ha="center" if wide else "left", va="top",
                fontsize=9.5, fontweight="bold", color="#7a2e00")
    origin_color, origin_marker = KIND_STYLE[lane.origin.kind]
    ax.plot([0], [0], marker=origin_marker, color=origin_color, markersize=7, markeredgecolor="white", linestyle="none", zorder=3)
    placed: list = []
    for number, event, _ in key:
        x = lane.minutes(event.shown)
        color, marker = KIND_STYLE[event.kind]
        _whisker(ax, lane, event, 0, x0, x1, color)
        edge, width = _edge(event)
        marker_line, = ax.plot([x], [0], marker=marker, color=color, markersize=7.5, markeredgecolor=edge,
                               markeredgewidth=width, linestyle="none", zorder=4)
        marker_line.set_gid(f"event-{lane.incident}-{event.event}")
        tiers = (10, 21, 32, 43, 54, 65)
        for tier in tiers:
            text = ax.annotate(str(number), (x, 0), xytext=(0, tier), textcoords="offset points", ha="center",
                               va="bottom", fontsize=8.5, fontweight="bold", color=_ink(event),
                               bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none", "alpha": 0.9})
            box = _words(text, renderer).padded(1)
            if not any(box.overlaps(other) for other in placed) or tier == tiers[-1]:
                placed.append(box)  # the top tier takes what is left: every number is drawn
                break
            text.remove()
    return len(lane.milestones) - len(key)


def _whisker(ax, lane: Lane, event: Event, y: float, x0: float, x1: float, color: str) -> None:
    """The event's window around its marker: a line between closed edges; an arrow of fixed length
    on an open side (only 'no later than' or 'no earlier than'), never a line to the axis's end."""
    x = lane.minutes(event.shown)
    reach = (x1 - x0) * 0.04
    low = lane.minutes(event.earliest) if event.earliest is not None else None
    high = lane.minutes(event.latest) if event.latest is not None else None
    for edge, direction in ((low, -1), (high, 1)):
        if edge is None:
            ax.annotate("", (min(max(x + direction * reach, x0), x1), y), (x, y),
                        arrowprops={"arrowstyle": "-|>", "color": color, "linewidth": 1.1, "mutation_scale": 8}, zorder=2)
            continue
        edge = min(max(edge, x0), x1)
        if abs(edge - x) < 0.75:
            continue
        ax.plot([x, edge], [y, y], color=color, linewidth=1.4, alpha=0.75, solid_capstyle="butt", zorder=2)
        ax.plot([edge], [y], marker="|", color=color, markersize=8, zorder=2)


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


def _kind_legend(figure, lanes: list[Lane], y: float, height: float) -> None:
    from matplotlib.lines import Line2D

    kinds = sorted({e.kind for lane in lanes for e in [lane.origin, *lane.milestones]}, key=list(Kind).index)
    handles = [Line2D([], [], marker=KIND_STYLE[k][1], color=KIND_STYLE[k][0], linestyle="none", markersize=7,
                      label=k.value.replace("_", " ")) for k in kinds]
    handles.append(Line2D([], [], color="#777777", linewidth=1.4, label="window"))
    if any(e.conflict and not e.undecided for lane in lanes for e in lane.milestones):
        handles.append(Line2D([], [], marker="o", color="#cccccc", markeredgecolor=CONFLICT, markeredgewidth=1.8, linestyle="none", label="claim set aside (!)"))
    if any(e.undecided for lane in lanes for e in lane.milestones):
        handles.append(Line2D([], [], marker="o", color="#cccccc", markeredgecolor=UNDECIDED, markeredgewidth=1.6, linestyle="none", label="undecided (?)"))
    figure.legend(handles=handles, loc="upper left", bbox_to_anchor=(0.165, y), ncol=min(6, len(handles)),
                  frameon=False, fontsize=8.5, handletextpad=0.3, columnspacing=1.0)


def _draw_audience(ax, lanes: list[Lane], unit: str, colors: dict[str, str], x0: float, x1: float) -> None:
    """Each measured event: the median of its sources' figures, with a bar from the lowest to the
    highest; incidents in their own colours; no line joins different events."""
    values_all = []
    for lane in lanes:
        color = colors[lane.incident]
        first = True
        for event in sorted(lane.measurements(unit), key=lambda e: e.shown):
            x = lane.minutes(event.shown)
            if not x0 <= x <= x1:
                continue
            values = sorted(v for v, u, _ in event.values if u == unit)
            middle = values[len(values) // 2]
            values_all += values
            if values[-1] > values[0]:
                ax.plot([x, x], [values[0], values[-1]], color=color, linewidth=1.2, alpha=0.7, zorder=2)
            point, = ax.plot([x], [middle], marker="o", markersize=6, color=color, markeredgecolor="white",
                             markeredgewidth=0.6, linestyle="none", zorder=3, label=lane.incident if first else "_nolegend_")
            point.set_gid(f"event-{lane.incident}-{event.event}")
            first = False
    ax.set_xlim(x0, x1)
    ax.xaxis.set_major_locator(MultipleLocator(_step(x1 - x0)))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: "T+0" if v == 0 else f"{v:+.0f}"))
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
