"""Charts, with matplotlib's explicit Figure API (no pyplot state), rendered to bytes.

Output is byte-for-byte deterministic: Agg, DejaVu Sans, a fixed SVG hash salt, and no dates or
versions in the metadata.
"""

from __future__ import annotations

import io
import math
from datetime import datetime, timezone

import matplotlib

matplotlib.use("Agg")

import matplotlib.dates as mdates  # noqa: E402
from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.text import Text  # noqa: E402
from matplotlib.ticker import FuncFormatter, MultipleLocator  # noqa: E402

from .compare import Lane  # noqa: E402
from . import zones
from .model import Kind, from_epoch  # noqa: E402
from .reconstruct import Event, Timeline  # noqa: E402

STYLE = {
    "text.parse_math": False,  # chart text is the analyst's text: "$5M" is five million dollars
    "font.family": "DejaVu Sans",
    "font.size": 9,
    "svg.hashsalt": "incident",
    "svg.fonttype": "none",  # text stays text: 3x smaller, faster, selectable in the HTML
    "path.simplify": True,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.titlelocation": "left",
    "axes.titlesize": 10,
    "axes.titleweight": "bold",
}

WAIT = "#d95f02"  # failed-to-start / impact
LIVE = "#1b9e77"
CONFLICT = "#c00000"
INK = "#333333"
KIND_STYLE = {
    Kind.scheduled_start: ("#555555", "d"),
    Kind.impact_start: (WAIT, "v"),
    Kind.detection: ("#7570b3", "o"),
    Kind.report: ("#7570b3", "o"),
    Kind.acknowledgement: ("#e7298a", "D"),
    Kind.communication: ("#999999", "."),
    Kind.mitigation: ("#66a61e", "s"),
    Kind.recovery: (LIVE, "^"),
    Kind.resolution: ("#1f78b4", "*"),
    Kind.end: ("#555555", "X"),
    Kind.measurement: ("#a6761d", "o"),
    Kind.cause: ("#e6ab02", "P"),
    Kind.other: ("#444444", "o"),
}
LANE_COLORS = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#8c564b", "#17becf")


def render_as(figure: Figure, fmt: str, stamp: str = "") -> bytes:
    """The figure as PNG or SVG bytes, with no date, software or version in them; `stamp`, when
    given, is written into the file's description (what the report's chart cache looks for)."""
    metadata = {"png": {"Software": None}, "svg": {"Date": None, "Creator": None}}[fmt]
    if stamp:
        metadata["Comment" if fmt == "png" else "Description"] = stamp
    with matplotlib.rc_context(STYLE):
        out = io.BytesIO()
        figure.savefig(out, format=fmt, dpi=100, metadata=metadata)
    return out.getvalue()



def _figure(width: float, height: float) -> tuple[Figure, FigureCanvasAgg]:
    figure = Figure(figsize=(width, height))
    return figure, FigureCanvasAgg(figure)


def short(text: str, width: int = 34) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def caption_text(timelines: list[Timeline]) -> str:
    claims = sum(len(t.claims) for t in timelines)
    sources = len({s for t in timelines for s in t.sources})
    return f"Times reconstructed from {claims:,} claims by {sources:,} sources."


def count_format(value: float, _position=None) -> str:
    if value >= 1_000_000:
        return f"{value / 1_000_000:.1f}M".replace(".0M", "M")
    if value >= 1_000:
        return f"{value / 1_000:.0f}k"
    return f"{value:.0f}"


# ---------------------------------------------------------------- comparison chart


def comparison_figure(lanes: list[Lane], unit: str | None) -> Figure:
    """Incidents as lanes aligned on T+0, the wait shaded and labelled; audience below."""
    with matplotlib.rc_context(STYLE):
        return _comparison(lanes, unit)


def _span(lanes: list[Lane]) -> tuple[float, float]:
    starts, ends = [0.0], [10.0]
    for lane in lanes:
        last = lane.end or lane.recovery
        if last is not None:
            ends.append(lane.minutes(last.estimate))
        for event in lane.milestones:
            minutes = lane.minutes(event.estimate)
            if -120 <= minutes < 0:
                starts.append(minutes)
    low, high = min(starts), min(max(ends), MAX_SPAN_MINUTES)
    pad = (high - low) * 0.05
    return low - pad, high + pad


# The longest a chart's axis runs, in minutes: later events are counted as outside it. Whatever
# the input (a year typo puts an end 18 years late), a chart lays out a bounded number of ticks.
MAX_SPAN_MINUTES = 30 * 24 * 60


def _comparison(lanes: list[Lane], unit: str | None) -> Figure:
    if not lanes:
        return _nothing_to_draw("Comparison", "No incident has a timed scheduled start or impact start to align on.")
    height_lanes = 2.4 * len(lanes)
    has_audience = unit is not None and any(lane.measurements(unit) for lane in lanes)
    height = 1.0 + height_lanes + (2.3 if has_audience else 0) + 0.6
    figure, canvas = _figure(10, height)
    left, right = 0.15, 0.97
    bottom_caption = 0.55 / height
    lanes_box = (left, 1 - (0.55 + height_lanes) / height, right - left, height_lanes / height)
    ax = figure.add_axes(lanes_box)
    x0, x1 = _span(lanes)
    ax.set_xlim(x0, x1)
    ax.set_ylim(len(lanes) - 0.5, -0.5)
    ax.set_yticks(range(len(lanes)), [lane.incident for lane in lanes])
    ax.tick_params(axis="y", length=0)
    ax.spines["left"].set_visible(False)
    ax.xaxis.set_major_locator(MultipleLocator(_step(x1 - x0)))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: "T+0" if v == 0 else f"{v:+.0f}"))
    ax.axvline(0, color=INK, linewidth=0.8, linestyle=(0, (2, 2)))
    if all(lane.origin.kind is Kind.scheduled_start for lane in lanes):
        ax.set_title("Minutes from the scheduled start (T+0): the wait before each event began")
    else:
        ax.set_title("Minutes from T+0 (the scheduled start, or else the impact start): the time until recovery")
    renderer = canvas.get_renderer()
    hidden = 0
    for row, lane in enumerate(lanes):
        hidden += _draw_lane(ax, renderer, row, lane, x0, x1)

    if has_audience:
        top = lanes_box[1] - 0.5 / height
        audience = figure.add_axes((left, bottom_caption + 0.45 / height, right - left, top - bottom_caption - 0.45 / height), sharex=ax)
        _draw_audience(audience, lanes, unit)
        audience.set_xlabel(f"minutes from {lanes[0].origin_name if len({l.origin_name for l in lanes}) == 1 else 'the origin'} (T+0)")
    else:
        ax.set_xlabel("minutes from T+0")
    text = caption_text([lane.timeline for lane in lanes])
    text += " Markers at each event's estimate; whiskers show its window (arrows: open-ended); "
    text += "\nred ! = a source's claim about it was set aside as contradicting the others; ? = undecided (equal weight both ways)."
    if hidden:
        text += f" {hidden} later event(s) outside the axis are in the tables."
    figure.text(0.015, 0.1 / height, text, fontsize=7.5, color="#555555", linespacing=1.4)
    return figure


def _step(width: float) -> float:
    """A tick step in minutes that gives at most 14 ticks over `width`: minute-friendly steps up
    to a day, then whole days."""
    for step in (5, 10, 15, 30, 60, 120, 240, 480, 720, 1440):
        if width / step <= 14:
            return step
    return 1440 * math.ceil(width / 1440 / 14)


def _draw_lane(ax, renderer, row: int, lane: Lane, x0: float, x1: float) -> int:
    """One incident's lane; returns how many milestones fell outside the axis."""
    recovery, end = lane.recovery, lane.end
    y = row
    frame = ax.get_window_extent(renderer)
    per_point = (ax.get_ylim()[0] - ax.get_ylim()[1]) / (frame.height * 72 / ax.figure.dpi)  # data units
    bar = 6 * per_point  # half the bar's height: 6 points
    if recovery is not None:
        wait = lane.minutes(recovery.estimate)
        shown = min(max(wait, x0), x1)  # everything drawn stays on the axis, whatever the data
        ax.barh(y, shown, left=0, height=bar * 2, color=WAIT, alpha=0.28, linewidth=0)
        # the delay as a bracket under the wait, clear of the milestone labels
        below = y + 11 * per_point
        tick = 3 * per_point
        ax.plot([0, 0, shown, shown], [below - tick, below, below, below - tick], color="#7a2e00", linewidth=1)
        words = f"{wait:,.0f} min late" if lane.origin.kind is Kind.scheduled_start else f"recovered after {wait:,.0f} min"
        ax.text(shown / 2, below + tick, words, ha="center", va="top", fontsize=10, fontweight="bold", color="#7a2e00")
        if end is not None and end.estimate > recovery.estimate and wait < x1:
            finish = min(lane.minutes(end.estimate), x1)
            ax.barh(y, finish - shown, left=shown, height=bar * 2, color=LIVE, alpha=0.22, linewidth=0)
            ax.text((shown + finish) / 2, below + tick, "live", ha="center", va="top", fontsize=8, color="#0d5c47")
    placed: dict[int, list] = {}
    hidden = 0
    tiers = (12, 25, 38, 51, 64, -36, -49, -62)  # points above (+) the bar, then below the bracket
    # the story's milestones claim a place first
    priority = {Kind.recovery: 0, Kind.end: 1, Kind.acknowledgement: 2, Kind.mitigation: 3, Kind.impact_start: 4, Kind.resolution: 5}
    for event in sorted(lane.milestones, key=lambda e: (priority.get(e.kind, 9), e.estimate, e.event)):
        x = lane.minutes(event.estimate)
        if not x0 <= x <= x1:
            hidden += 1
            continue
        color, marker = KIND_STYLE[event.kind]
        _whisker(ax, lane, event, y, x0, x1, color)
        ax.plot([x], [y], marker=marker, color=color, markersize=7, markeredgecolor=CONFLICT if event.conflict else "white", markeredgewidth=1.2 if event.conflict else 0.6, linestyle="none", zorder=3)
        label = _mark(event) + short(event.label, 30) + f" ({x:+.0f})"
        for tier in tiers:
            text = ax.annotate(
                label, (x, y), xytext=(0, tier), textcoords="offset points", ha="center",
                va="bottom" if tier > 0 else "top", fontsize=7.2,
                color=CONFLICT if event.conflict else INK,
                arrowprops={"arrowstyle": "-", "color": "#aaaaaa", "linewidth": 0.5, "shrinkA": 0, "shrinkB": 3},
            )
            box = _words(text, renderer).padded(4)
            box = _inside(ax, box, renderer)
            if not any(box.overlaps(other) for other in placed.get(tier, [])):
                text.set_position(_shifted(ax, text, box, renderer))
                placed.setdefault(tier, []).append(_words(text, renderer).padded(4))
                break
            text.remove()
        else:
            hidden += 1
    return hidden


def _words(annotation, renderer):
    """The extent of an annotation's text, without its leader line."""
    annotation.update_positions(renderer)
    return Text.get_window_extent(annotation, renderer)


def _inside(ax, box, renderer):
    """The label's box moved sideways to stay within the axes."""
    frame = ax.get_window_extent(renderer)
    shift = 0.0
    if box.x0 < frame.x0:
        shift = frame.x0 - box.x0
    elif box.x1 > frame.x1:
        shift = frame.x1 - box.x1
    return box.translated(shift, 0)


def _shifted(ax, text, box, renderer):
    original = _words(text, renderer)
    dx_points = (box.x0 - original.x0) * 72 / ax.figure.dpi
    x, y = text.get_position()
    return (x + dx_points, y)


def _whisker(ax, lane: Lane, event: Event, y: float, x0: float, x1: float, color: str) -> None:
    low = lane.minutes(event.earliest) if event.earliest is not None else x0
    high = lane.minutes(event.latest) if event.latest is not None else x1
    low, high = max(low, x0), min(high, x1)
    if high - low < 1.5:
        return
    ax.plot([low, high], [y, y], color=color, linewidth=1.4, alpha=0.75, solid_capstyle="butt", zorder=2)
    for edge, is_open, marker in ((low, event.earliest is None, "<"), (high, event.latest is None, ">")):
        ax.plot([edge], [y], marker=marker if is_open else "|", color=color, markersize=6 if is_open else 8, zorder=2)


def _draw_audience(ax, lanes: list[Lane], unit: str) -> None:
    for row, lane in enumerate(lanes):
        color = LANE_COLORS[row % len(LANE_COLORS)]
        points = []
        for event in sorted(lane.measurements(unit), key=lambda e: e.estimate):
            x = lane.minutes(event.estimate)
            values = [v for v, u, _ in event.values if u == unit]
            ax.plot([x] * len(values), values, marker="o", markersize=3, color=color, alpha=0.45, linestyle="none")
            middle = sorted(values)[len(values) // 2]
            points.append((x, middle))
            if event.earliest is not None and event.latest is not None and event.latest - event.earliest > 90:
                ax.plot([lane.minutes(event.earliest), lane.minutes(event.latest)], [middle, middle], color=color, linewidth=1, alpha=0.6)
            elif event.latest is None or event.earliest is None:
                ax.annotate("", (x + (4 if event.latest is None else -4), middle), (x, middle), arrowprops={"arrowstyle": "->", "color": color, "linewidth": 0.8})
        if points:
            xs, ys = zip(*points)
            ax.plot(xs, ys, marker="o", markersize=5, color=color, linewidth=1.6, label=lane.incident)
    ax.set_ylabel(f"concurrent {unit}")
    ax.yaxis.set_major_formatter(FuncFormatter(count_format))
    ax.set_ylim(bottom=0)
    ax.axvline(0, color=INK, linewidth=0.8, linestyle=(0, (2, 2)))
    ax.grid(axis="y", color="#e5e5e5", linewidth=0.6)
    ax.set_title("Audience: each source's figure (dots) and their median (line)")
    ax.legend(loc="upper left", frameon=False, fontsize=8)


# ---------------------------------------------------------------- per-incident timeline

# The SRE milestones in their order; a band runs from one present milestone to the next.
PHASE_MILESTONES = (
    ((Kind.impact_start,), None),
    ((Kind.detection, Kind.report), ("until detected", "#fcbba1")),
    ((Kind.acknowledgement,), ("until acknowledged", "#fdd49e")),
    ((Kind.mitigation,), ("until mitigated", "#d9f0a3")),
    ((Kind.recovery,), ("until recovered", "#c6dbef")),
    ((Kind.resolution,), ("until resolved", "#e5f5e0")),
)
CORE = {Kind.scheduled_start, Kind.impact_start, Kind.detection, Kind.report, Kind.acknowledgement,
        Kind.mitigation, Kind.recovery, Kind.resolution, Kind.end}


def timeline_figure(timeline: Timeline) -> Figure:
    with matplotlib.rc_context(STYLE):
        return _timeline(timeline)


def _timeline(timeline: Timeline) -> Figure:
    zone = zones.display(timeline.zone)
    core = [e.estimate for e in timeline.events if e.kind in CORE and e.estimate is not None]
    if not core:
        core = [e.estimate for e in timeline.events if e.estimate is not None]
    if not core:
        return _nothing_to_draw(
            f"{timeline.incident}: reconstructed timeline",
            "No event has a time of day (the claims give days only, or no absolute time): see the report's table.",
        )
    start, stop = _focus(sorted(core))
    pad = max((stop - start) * 0.06, 300)
    start, stop = start - pad, stop + pad
    shown = [e for e in timeline.events if e.estimate is not None and start <= e.estimate <= stop]
    hidden = sum(1 for e in timeline.events if e not in shown)
    height = 1.8 + 0.26 * len(shown)
    figure, canvas = _figure(10, height)
    ax = figure.add_axes((0.03, 0.9 / height, 0.94, 1 - 1.65 / height))
    ax.set_xlim(_num(start), _num(stop))
    ax.set_ylim(len(shown) - 0.4, -0.6)
    ax.set_yticks([])
    ax.spines["left"].set_visible(False)
    _phase_bands(ax, timeline)
    local_name = from_epoch(start + pad).astimezone(zone).strftime("%Z")
    span_hours = (stop - start) / 3600
    locator = mdates.AutoDateLocator(tz=zone, minticks=5, maxticks=12)
    ax.xaxis.set_major_locator(locator)
    fmt = "%H:%M" if span_hours <= 20 else "%b %d %H:%M"
    ax.xaxis.set_major_formatter(mdates.DateFormatter(fmt, tz=zone))
    ax.set_xlabel(f"local time, {timeline.zone} ({local_name})" if timeline.zone != "UTC" else "UTC")
    if timeline.zone != "UTC":
        top = ax.secondary_xaxis("top")
        top.xaxis.set_major_locator(mdates.AutoDateLocator(tz=timezone.utc, minticks=5, maxticks=12))
        top.xaxis.set_major_formatter(mdates.DateFormatter(fmt + "Z", tz=timezone.utc))
        top.set_xlabel("UTC", fontsize=8, color="#555555")
        top.tick_params(labelsize=7.5, colors="#555555")
    ax.grid(axis="x", color="#eeeeee", linewidth=0.6)
    middle = (_num(start) + _num(stop)) / 2
    for row, event in enumerate(shown):
        color, marker = KIND_STYLE[event.kind]
        x = _num(event.estimate)
        low = _num(event.earliest) if event.earliest is not None else _num(start)
        high = _num(event.latest) if event.latest is not None else _num(stop)
        if event.earliest is None or event.latest is None or event.latest - event.earliest >= 90:
            ax.plot([max(low, _num(start)), min(high, _num(stop))], [row, row], color=color, linewidth=2.2, alpha=0.45, solid_capstyle="round")
        ax.plot([x], [row], marker=marker, color=color, markersize=7, markeredgecolor=CONFLICT if event.conflict else "white", markeredgewidth=1.2 if event.conflict else 0.5, linestyle="none", zorder=3)
        stamp = from_epoch(event.estimate + 30 - (event.estimate + 30) % 60).astimezone(zone)  # nearest minute
        label = _mark(event) + f"{stamp:%H:%M} {short(event.label, 60)}"
        right_side = x <= middle
        anchor = high if right_side else low
        anchor = min(max(anchor, _num(start)), _num(stop))
        ax.annotate(label, (anchor if abs(anchor - x) < (_num(stop) - _num(start)) * 0.3 else x, row),
                    xytext=(6 if right_side else -6, 0), textcoords="offset points",
                    ha="left" if right_side else "right", va="center", fontsize=7.5,
                    color=CONFLICT if event.conflict else INK,
                    bbox={"facecolor": "white", "alpha": 0.85, "edgecolor": "none", "pad": 0.8})
    ax.set_title(f"{timeline.incident}: reconstructed timeline (each event's estimate and window)")
    text = caption_text([timeline])
    text += " Bars: windows wider than 90 s. Bands: the SRE phases from impact to recovery."
    if hidden:
        text += f"\n{hidden} event(s) without a time of day, or far from the incident, are listed in the report's table only."
    figure.text(0.015, 0.1 / height, text, fontsize=7.5, color="#555555", linespacing=1.4)
    return figure


def _focus(times: list[int]) -> tuple[int, int]:
    """The span the timeline shows, from sorted times: the most of them that lie within
    MAX_SPAN_MINUTES (the earliest such group on a tie). A typo years off would otherwise stretch
    the axis until every event sits on one pixel."""
    limit = MAX_SPAN_MINUTES * 60
    best, count, start = (times[0], times[0]), 0, 0
    for end, time in enumerate(times):
        while time - times[start] > limit:
            start += 1
        if end - start + 1 > count:
            count, best = end - start + 1, (times[start], time)
    return best


def _nothing_to_draw(title: str, message: str) -> Figure:
    figure, _ = _figure(10, 1.2)
    figure.text(0.015, 0.72, title, fontsize=10, fontweight="bold", color=INK)
    figure.text(0.015, 0.3, message, fontsize=9, color="#555555")
    return figure


def _num(seconds: int) -> float:
    return mdates.date2num(datetime.fromtimestamp(seconds, tz=timezone.utc))


def _phase_bands(ax, timeline: Timeline) -> None:
    present = []
    for kinds, band in PHASE_MILESTONES:
        event = timeline.first(*kinds)
        if event is not None and (not present or event.estimate > present[-1][0].estimate):
            present.append((event, band))
    handles = []
    for (begin, _), (finish, band) in zip(present, present[1:]):
        label, color = band
        handles.append(ax.axvspan(_num(begin.estimate), _num(finish.estimate), color=color, alpha=0.5, linewidth=0, label=label, zorder=0))
    if handles:
        # rows run from the top left to the bottom right, so the top right corner stays free
        ax.legend(handles=handles, loc="upper right", title="phases", frameon=False, fontsize=7.5, title_fontsize=7.5)


def _mark(event) -> str:
    """'? ' for an event an undecided conflict spans, '! ' for one with a claim set aside."""
    return "? " if event.undecided else "! " if event.conflict else ""
