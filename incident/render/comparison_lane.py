"""One lane of the comparison chart: the incident's phases (hatched where a milestone's moment is
not known), the wait or the time to recover as a labelled bracket, T+0, and its numbered
milestones, each as it is known: an estimate as a marker with its window, a bound from the edge its
claims state with an arrow on its open side, a day as its day."""

from __future__ import annotations



from matplotlib.colors import to_rgba

from ..model.cells import Bound, Kind
from ..timeline.compare import Lane
from ..timeline.events import Event
from ..timeline.metrics import BY_NAME, format_after, format_estimate, measure
from . import times, timescale
from .comparison_layout import drawn_at, lane_phases
from .plot import KIND_STYLE, edge_style, event_ink, drawn_words

LANE_PHASES = {
    # (band colour, words) for each phase a lane can show
    "precursor": ("#dadaeb", "detected before impact"),
    "waiting": ("#fdd0a2", "waiting"),
    "live": ("#c7e9c0", "live"),
    "impact": ("#fcbba1", "impact"),
    "mitigated": ("#fee391", "mitigated"),
    "recovered": ("#c6dbef", "recovered"),
}
HATCH = "#9a9a9a"
ARROW = 0.04  # an open side's arrow, as a share of the axis width


def bracket_words(lane: Lane) -> str | None:
    """What the lane's bracket says, in the metric's own words: '42 min late', 'at most 5 h late',
    'recovered after 27 min', 'recovered within 7 h 40 min'."""
    name = "delay" if lane.origin.kind is Kind.scheduled_start else "time_to_recover"
    metric = measure(lane.timeline, BY_NAME[name])
    if not metric.defined or (metric.low is None and metric.high is None and metric.minutes is None):
        return None
    return f"{format_estimate(metric)} late" if name == "delay" else f"recovered {format_after(metric)}"


def draw_lane(ax, renderer, lane: Lane, key, scale: timescale.Scale) -> int:
    """One incident's lane: phases, the bracket, T+0, numbered milestones with their windows.
    Returns how many milestones fell outside the axis."""
    per_point = 1 / 72  # y units are inches
    bar = 6 * per_point
    for name, begin, finish, certain in lane_phases(lane):
        color, words = LANE_PHASES[name]
        begin, finish = max(begin, scale.lo), min(finish, scale.hi)
        if finish <= begin:
            continue
        if certain:
            ax.barh(0, finish - begin, left=begin, height=bar * 2, color=color, linewidth=0, zorder=1)
        else:
            ax.barh(0, finish - begin, left=begin, height=bar * 2, color=to_rgba(color, 0.45), edgecolor=HATCH,
                    hatch="////", linewidth=0, zorder=1)
        ends = ax.transData.transform([(begin, 0), (finish, 0)])
        if certain and (ends[1][0] - ends[0][0]) * 72 / ax.figure.dpi >= 6 * len(words):  # named where the name fits
            ax.text((begin + finish) / 2, -bar - 3 * per_point, words, ha="center", va="top", fontsize=8.5, color="#555555")
    _bracket(ax, lane, scale, bar, per_point)
    _origin(ax, lane, scale)
    drawn = []
    for number, event, _ in key:
        x = min(max(drawn_at(lane, event), scale.lo), scale.hi)
        color, marker = KIND_STYLE[event.kind]
        _window_marks(ax, lane, event, x, scale, color)
        if event.shown is not None:
            edge, width = edge_style(event)
            line, = ax.plot([x], [0], marker=marker, color=color, markersize=7.5, markeredgecolor=edge,
                            markeredgewidth=width, linestyle="none", zorder=4)
        else:  # no estimate: its window alone, marked at what is known
            line, = ax.plot([x], [0], marker="|", color=color, markersize=9, markeredgewidth=1.6, linestyle="none", zorder=4)
        line.set_gid(f"event-{lane.incident}-{event.event}")
        drawn.append((number, x, event_ink(event)))
    _numbers(ax, renderer, drawn)
    return len(lane.milestones) - len(key)


NEAR = 7  # points: numbers closer than this stand as one label, '1–6'
TIERS = (10, 21, 32)  # points above the row; the stack stays clear of the lane's title


def _numbers(ax, renderer, drawn: list[tuple[int, float, str]]) -> None:
    """The milestones' numbers above the row: those within NEAR points of each other as one label
    ('1–6': the key names each), the labels stacked in tiers where they would touch."""
    groups: list[list[tuple[int, float, str, float]]] = []
    for item in drawn:
        at = ax.transData.transform((item[1], 0))[0] * 72 / ax.figure.dpi
        if groups and at - groups[-1][-1][3] < NEAR:
            groups[-1].append((*item, at))
        else:
            groups.append([(*item, at)])
    placed: list = []
    for group in groups:
        first, last = group[0][0], group[-1][0]
        text = str(first) if first == last else f"{first}–{last}"
        color = next((c for _, _, c, _ in group if c != group[0][2]), group[0][2])  # an undecided one's ink shows
        x = (group[0][1] + group[-1][1]) / 2
        for tier in TIERS:
            label = ax.annotate(text, (x, 0), xytext=(0, tier), textcoords="offset points", ha="center",
                                va="bottom", fontsize=8.5, fontweight="bold", color=color,
                                bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none", "alpha": 0.9})
            box = drawn_words(label, renderer).padded(1)
            if not any(box.overlaps(other) for other in placed) or tier == TIERS[-1]:
                placed.append(box)  # the top tier takes what is left: every number is drawn
                break
            label.remove()


def _bracket(ax, lane: Lane, scale: timescale.Scale, bar: float, per_point: float) -> None:
    """The wait of a live event, or an outage's time to recover: a bracket from T+0 to where the
    recovery is drawn, labelled in the metric's words."""
    recovery, words = lane.recovery, bracket_words(lane)
    if recovery is None or recovery.position is None or words is None:
        return
    # to the estimate; without one, to the bound the metric reads off ('within 6 h 30 min': the latest)
    wait = lane.minutes(next(edge for edge in (recovery.shown, recovery.latest, recovery.earliest) if edge is not None))
    shown = min(max(wait, scale.lo), scale.hi)  # drawn on the axis, whatever the data
    below = -bar - 16 * per_point
    tick = 3 * per_point
    ax.plot([0, 0, shown, shown], [below + tick, below, below, below + tick], color="#7a2e00", linewidth=1, zorder=2)
    ends = ax.transData.transform([(0, 0), (shown, 0)])
    wide = (ends[1][0] - ends[0][0]) * 72 / ax.figure.dpi >= 6.2 * len(words)
    ax.text(shown / 2 if wide else 0, below - tick, words, ha="center" if wide else "left", va="top",
            fontsize=9.5, fontweight="bold", color="#7a2e00")


def _origin(ax, lane: Lane, scale: timescale.Scale) -> None:
    """T+0's own mark: the origin's marker; an origin known only from bounds, its window (T+0 is
    the edge its claims state)."""
    color, marker = KIND_STYLE[lane.origin.kind]
    if lane.exact:
        ax.plot([0], [0], marker=marker, color=color, markersize=7, markeredgecolor="white", linestyle="none", zorder=3)
        return
    _window_marks(ax, lane, lane.origin, 0.0, scale, color)
    ax.plot([0], [0], marker="|", color=color, markersize=9, markeredgewidth=1.6, linestyle="none", zorder=3)


def _window_marks(ax, lane: Lane, event: Event, x: float, scale: timescale.Scale, color: str) -> None:
    """The event's window around `x`: a line to each closed edge (dotted where only the milestone
    order closes it), an arrow of fixed length on an open side, never a line to the axis's end."""
    said = times.stated_sides(event) if event.shown is None else {Bound.not_before, Bound.not_after}
    for edge, direction, side in ((event.earliest, -1, Bound.not_before), (event.latest, 1, Bound.not_after)):
        if edge is None:
            tip = min(max(scale.shift(x, direction * ARROW), scale.lo), scale.hi)
            ax.annotate("", (tip, 0), (x, 0), arrowprops={"arrowstyle": "-|>", "color": color, "linewidth": 1.1, "mutation_scale": 8},
                        zorder=2)
            continue
        end = min(max(lane.minutes(edge), scale.lo), scale.hi)
        if abs(end - x) < 0.75:
            continue
        stated = side in said
        ax.plot([x, end], [0, 0], color=color, linewidth=1.4 if stated else 1.0, alpha=0.75, solid_capstyle="butt", zorder=2,
                linestyle="-" if stated else (0, (1, 1.5)))
        if stated:
            ax.plot([end], [0], marker="|", color=color, markersize=8, zorder=2)
