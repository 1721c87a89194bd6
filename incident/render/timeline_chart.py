"""One incident's timeline chart: every event on its own row with its window, the SRE phases, on an
axis that covers every milestone (timeline_rows) at the scale the incident asks (timescale)."""

from __future__ import annotations

from datetime import timezone




from matplotlib.figure import Figure

from ..diagnostics import printable
from . import times, timescale
from .timeline_rows import Rows, anchor, extent, reach, rows
from ..model import zones
from ..model.cells import Bound, Kind
from ..model.time import from_epoch
from ..timeline.events import Event, Timeline
from ..timeline.metrics import format_minutes


from .chart_words import CAPTION_LINE, PAGE_HEIGHT, caption_lines, caption_text
from .plot import CONFLICT, KIND_STYLE, chart_style, UNDECIDED, edge_style, new_figure, event_ink, event_mark, nothing_to_draw, drawn_words, caption, fit_text, short


# The SRE milestones in their order; a band runs from one present milestone to the next.
PHASE_MILESTONES = (
    ((Kind.impact_start,), None),
    ((Kind.detection, Kind.report), ("until detected", "#fcbba1")),
    ((Kind.acknowledgement,), ("until acknowledged", "#fdd49e")),
    ((Kind.mitigation,), ("until mitigated", "#d9f0a3")),
    ((Kind.recovery,), ("until recovered", "#c6dbef")),
    ((Kind.resolution,), ("until resolved", "#e5f5e0")),
)
ARROW = 0.035  # an open side's arrow, as a share of the axis width
HATCH = "#9a9a9a"  # the lines over a phase whose end is not known
ROW_HEIGHT, LEAST_ROW = 0.22, 0.19  # inches per row: as drawn, and the least when a page is full
TOP, AXIS_BELOW, LEGEND_ROW = 0.7, 0.5, 0.22  # inches: the title and the UTC axis above the rows; the local axis below
LEGEND_COLUMNS = 7
PRECURSOR_BAND = ("detected before impact", "#dadaeb")  # from an alert before the impact start to it


TITLE_WIDTH = 110  # characters of a title that may fit one line of the chart (measured when drawn)


def timeline_figure(timeline: Timeline, page: int = 0, name: str | None = None) -> Figure:
    """Page `page` of the incident's timeline chart (timeline_rows.page_count says how many);
    `name`: what a person reads the incident as (its postmortem's title), else its id."""
    with chart_style():
        return _timeline(timeline, page, name or timeline.incident)


def chart_title(name: str, page: int, pages: int, width: int = TITLE_WIDTH) -> str:
    """One line: the name, what the chart is, and what it draws, leaving out the last when the name
    is long; a name too long even then cut at a word, with '…'."""
    part = f", part {page + 1} of {pages}" if pages > 1 else ""
    for what in (": reconstructed timeline (each event's estimate and window)", ": reconstructed timeline"):
        if len(name) + len(what) + len(part) <= width:
            return name + what + part
    room = max(8, width - len(": reconstructed timeline" + part) - 1)
    cut = name[:room].rsplit(" ", 1)[0] if " " in name[:room] else name[:room]
    return cut.rstrip(" ,;:–-") + "…: reconstructed timeline" + part


def _fit_title(ax, renderer, figure: Figure, name: str, page: int, pages: int) -> None:
    """The longest title (chart_title) whose drawn width fits between the axes' left edge and the
    figure's right edge: glyphs differ in width, so the title is measured, not counted."""
    room = figure.bbox.width - ax.get_window_extent(renderer).x0
    fit_text(ax.set_title(""), (chart_title(name, page, pages, width) for width in range(TITLE_WIDTH, 20, -4)), room, renderer)


def _timeline(timeline: Timeline, page: int, name: str) -> Figure:
    found = rows(timeline)
    if found is None:
        return nothing_to_draw(chart_title(name, 0, 1).replace(" (each event's estimate and window)", ""),
                                "No event is placed in time (no claim gives a time or a day): see the report's table.")
    shown = list(found.pages[page])
    scale = axis_scale(found)
    bounds = phase_boundaries(timeline, scale.lo, scale.hi)
    pieces = phase_pieces(bounds, precursor(timeline))
    text = _caption(timeline, found, page, scale, any(not certain for *_, certain in pieces))
    kinds, phases = _kind_handles(shown), _phase_handles(pieces)
    legend_rows = -(-len(kinds) // LEGEND_COLUMNS) + -(-len(phases) // LEGEND_COLUMNS)
    bottom = AXIS_BELOW + LEGEND_ROW * legend_rows + 0.08 + CAPTION_LINE * len(caption_lines(text)) + 0.1
    # a page is never taller than prints legibly: its rows close up a little when it is full
    row = max(LEAST_ROW, min(ROW_HEIGHT, (PAGE_HEIGHT - TOP - bottom - 0.3) / max(len(shown), 1)))
    rows_height = 0.3 + row * len(shown)
    height = TOP + rows_height + bottom
    figure, canvas = new_figure(10, height)
    ax = figure.add_axes((0.03, bottom / height, 0.94, rows_height / height))
    ax.set_ylim(len(shown) - 0.4, -0.6)
    ax.set_yticks([])
    ax.spines["left"].set_visible(False)
    _clock_axes(ax, scale, timeline)
    _phase_bands(ax, pieces)
    _breaks(ax, scale)
    ax.grid(axis="x", color="#eeeeee", linewidth=0.6)
    renderer = canvas.get_renderer()
    titles: dict[str, str] = {}
    axis = (ax, renderer, figure.bbox, scale)
    for row, event in enumerate(shown):
        _draw_row(axis, timeline, event, row, titles)
    figure.incident_titles = titles  # type: ignore[attr-defined]  # read back by plot.render_as: each artist's hover title
    _fit_title(ax, renderer, figure, name, page, len(found.pages))
    y = (bottom - AXIS_BELOW) / height
    for handles in (kinds, phases):
        if handles:
            figure.legend(handles=handles, loc="upper left", bbox_to_anchor=(0.025, y), ncol=min(LEGEND_COLUMNS, len(handles)),
                          frameon=False, fontsize=8.5, handletextpad=0.3, columnspacing=1.0)
            y -= LEGEND_ROW * -(-len(handles) // LEGEND_COLUMNS) / height
    caption(figure, text, height)
    return figure


def axis_scale(found: Rows) -> timescale.Scale:
    """The time axis: the rows on the span (timeline_rows) as each is drawn, its window included
    (`extent`); and when padding brings a row from beyond the span onto the axis, its window too,
    so that no bar is cut at an edge of the axis."""
    low, high = found.span
    items = [extent(e) for e in found.rows if low <= reach(e)[0] and reach(e)[1] <= high]
    scale = timescale.fit(items, least=300)
    for _ in found.rows:  # each pass takes in at least one row more; at most one per row
        more = [extent(e) for e in found.rows if scale.lo <= e.position <= scale.hi
                and not scale.lo <= extent(e)[0] <= extent(e)[1] <= scale.hi]
        if not more:
            break
        items += more
        scale = timescale.fit(items, least=300)
    return scale


def _clock_axes(ax, scale: timescale.Scale, timeline: Timeline) -> None:
    """Local time below, UTC above when local time is not UTC: each segment with its own ticks, in
    minutes, hours or days as its span asks; each axis names its zone and dates."""
    zone = zones.display(timeline.zone)
    width = ax.get_position().width * ax.figure.get_figwidth() * 72
    axes = [(ax, zone, "")]
    if not times.is_utc(timeline.zone):
        axes.append((ax.twiny(), timezone.utc, "Z"))
    for axis, tz, suffix in axes:
        axis.set_xscale("function", functions=(scale.forward, scale.inverse))
        axis.set_xlim(scale.lo, scale.hi)
        ticks = timescale.clock_ticks(scale, width, tz)
        axis.set_xticks([value for value, _ in ticks], [label + (suffix if ":" in label else "") for _, label in ticks])
    middle = (scale.lo, scale.hi)
    local_name = from_epoch(int(sum(middle) / 2)).astimezone(zone).strftime("%Z")
    where = f"local time, {timeline.zone} ({local_name})" if len(axes) > 1 else "UTC"
    broken = ", the axis broken at //" if scale.broken else ""
    ax.set_xlabel(f"{where}, {_days(*middle, zone)}{broken}", fontsize=8.5)
    if len(axes) > 1:
        top = axes[1][0]
        top.set_xlabel(f"UTC, {_days(*middle, timezone.utc)}", fontsize=8.5, color="#555555")
        top.tick_params(labelsize=8.5, colors="#555555")
        for side in ("left", "right", "bottom"):
            top.spines[side].set_visible(False)


def _breaks(ax, scale: timescale.Scale) -> None:
    """Each stretch the axis leaves out: a white band through the rows and '//' on the axis."""
    for gap_low, gap_high in scale.gaps:
        left, right = float(scale.forward(gap_low)), float(scale.forward(gap_high))
        ax.axvspan(gap_low, gap_high, color="white", zorder=0.5, linewidth=0)
        for x in (left, right):
            ax.plot([x, x], [0, 1], transform=ax.transAxes, color="#bbbbbb", linewidth=0.8, linestyle=(0, (2, 2)), zorder=0.6)
        ax.text((left + right) / 2, 0, "//", transform=ax.transAxes, ha="center", va="center", fontsize=11,
                color="#555555", zorder=5, bbox={"facecolor": "white", "edgecolor": "none", "pad": 0.5})


def _caption(timeline: Timeline, found: Rows, page: int, scale: timescale.Scale, uncertain: bool) -> str:
    """What the chart shows, and what it leaves to the report's table."""
    text = caption_text([timeline])
    text += (" Bars: windows wider than 90 s; arrows: windows open on that side; an event known only from bounds"
             " is its window alone, with no estimate marker; one known only to the day, its day.")
    text += " Bands: the SRE phases from impact to resolution" + (", hatched where a milestone's moment is not known." if uncertain else ".")
    for gap_low, gap_high in scale.gaps:
        text += (f" The axis is broken (//) where nothing happened for {format_minutes((gap_high - gap_low) / 60)},"
                 f" each part on its own scale.")
    shown = found.rows
    if len(found.pages) > 1:
        first = sum(len(p) for p in found.pages[:page]) + 1
        text += f"\nPart {page + 1} of {len(found.pages)}: rows {first}–{first + len(found.pages[page]) - 1} of {len(shown)}, on one axis."
    left_off = []
    if found.beyond:
        before, after = found.beyond
        ends = sorted(shown, key=lambda e: (e.position, e.event))
        text += (f"\nShown: the milestones and the densest run of the other events, {len(shown)} of {len(shown) + before + after:,},"
                 f" the most a few printed pages hold legibly, from {times.seen(ends[0], timeline.zone)} to {times.seen(ends[-1], timeline.zone)}.")
        left_off += [f"{before:,} earlier"] if before else []
        left_off += [f"{after:,} later"] if after else []
    if found.day_only:
        left_off.append(f"{found.day_only:,} known only to a day or a window wider than the axis")
    if found.far:
        left_off.append(f"{found.far:,} more than 30 days from the rest")
    if any(e.position < scale.lo or e.position > scale.hi for e in shown):
        text += " Chevrons at an edge: events beyond the axis, with their dates."
    if left_off:
        text += f"\nNot on the chart, listed in the report's timeline table: {' and '.join(left_off)}."
    return text


def _draw_row(axis, timeline: Timeline, event: Event, row: int, titles: dict) -> None:
    """One event's row: its window (bar, arrows for open sides), its mark (the estimate, a bound's
    edge, or a chevron beyond the axis) with a hover title, and its label beside what is drawn."""
    ax, renderer, figure_box, scale = axis
    color, marker = KIND_STYLE[event.kind]
    at = event.position
    bounded = event.shown is None  # known only from bounds or a day: the window, and no estimate marker
    outside = -1 if at < scale.lo else 1 if at > scale.hi else 0
    x = min(max(at, scale.lo), scale.hi)
    extent = [x, x]
    if outside:  # beyond the axis: a chevron at the edge, the full date in the label
        marker = "<" if outside < 0 else ">"
    else:
        said = times.stated_sides(event) if bounded else set()
        if bounded:  # drawn from the edge its claims state (a 'by 18:20'), else across its window
            x = min(max(anchor(event), scale.lo), scale.hi)
            extent = [x, x]
        for edge, direction in ((event.earliest, -1), (event.latest, 1)):
            if edge is None:  # open: an arrow of fixed length, never a bar to the chart's edge
                tip = min(max(scale.shift(x, direction * ARROW), scale.lo), scale.hi)
                ax.annotate("", (tip, row), (x, row), arrowprops={"arrowstyle": "-|>", "color": color, "linewidth": 1.2,
                                                                   "mutation_scale": 9, "alpha": 0.8})
                extent[direction > 0] = tip
            elif abs(edge - at) >= 45 or bounded:
                end = min(max(edge, scale.lo), scale.hi)
                stated = not bounded or (Bound.not_before if direction < 0 else Bound.not_after) in said
                # a side no claim states (only the milestone order closes it) is dotted, with no end mark
                ax.plot([x, end], [row, row], color=color, linewidth=2.2 if stated else 1.2, alpha=0.45 if stated else 0.7,
                        solid_capstyle="round", linestyle="-" if stated else (0, (1, 1.5)))
                if bounded and stated:  # a bound's edge is what is known: marked
                    ax.plot([end], [row], marker="|", color=color, markersize=7, linestyle="none")
                extent[direction > 0] = max(extent[1], end) if direction > 0 else min(extent[0], end)
    edge_color, edge_width = edge_style(event)
    closed = bounded and event.earliest is not None and event.latest is not None
    # a window closed by bounds has no mark inside it (nothing there is an estimate); an open one
    # is marked at its finite edge, which is what is known
    point, = ax.plot([x], [row], marker=("" if closed else "|") if bounded and not outside else marker, color=color, markersize=7.5,
                     markeredgecolor=color if bounded else edge_color, markeredgewidth=1.5 if bounded else edge_width,
                     linestyle="none", zorder=3, clip_on=False)
    gid = f"event-{timeline.incident}-{event.event}"
    point.set_gid(gid)
    titles[gid] = event_title(event, timeline)
    when = times.seen(event, timeline.zone)
    if outside or scale_days(scale, timeline.zone) > 1:  # beyond the axis, or an axis of several days: dated
        when = times.date_clock(event, timeline.zone) or times.bound(event, timeline.zone)
    label = event_mark(event) + f"{when} {short(printable(event.label), 64)}" + (" (precursor)" if timeline.is_precursor(event) else "")
    _row_label(ax, renderer, figure_box, label, row, extent, event_ink(event))


LABEL_STYLE = {"fontsize": 8.5, "va": "center", "textcoords": "offset points",
               "bbox": {"facecolor": "white", "alpha": 0.85, "edgecolor": "none", "pad": 0.8}}


def _row_label(ax, renderer, figure_box, label: str, row: int, extent: list, color: str) -> None:
    """The event's label beside what is drawn on its row, never past the figure's edge: right of the
    row's right end when it fits inside the axes, else left of its left end when it fits inside the
    figure; a window as wide as the axis has it over the bar's start; else on the roomier side, shortened to fit."""
    frame = ax.get_window_extent(renderer)
    limits = (figure_box.x0 + 4, min(frame.x1, figure_box.x1 - 4))
    sides = []
    for ha, x, offset in (("left", extent[1], 6), ("right", extent[0], -6)):
        text = ax.annotate(label, (x, row), xytext=(offset, 0), ha=ha, color=color, **LABEL_STYLE)
        box = drawn_words(text, renderer)
        if limits[0] <= box.x0 and box.x1 <= limits[1]:
            return
        room = limits[1] - box.x0 if ha == "left" else box.x1 - limits[0]
        sides.append((room, ha, x, offset, box.width))
        text.remove()
    room, ha, x, offset, width = max(sides)
    if room < width / 2:  # a window as wide as the axis: its label over the bar's start, whole, not cut to a stub
        text = ax.annotate(label, (max(extent[0], ax.get_xlim()[0]), row), xytext=(6, 0), ha="left", color=color,
                           **LABEL_STYLE)
        box = drawn_words(text, renderer)
        if limits[0] <= box.x0 and box.x1 <= limits[1]:
            return
        text.remove()
    keep = max(8, int(len(label) * max(room, 0) / width) - 1)
    while True:
        text = ax.annotate(short(label, keep), (x, row), xytext=(offset, 0), ha=ha, color=color, **LABEL_STYLE)
        box = drawn_words(text, renderer)
        if (limits[0] <= box.x0 and box.x1 <= limits[1]) or keep <= 8:
            return
        text.remove()
        keep -= 2


def scale_days(scale: timescale.Scale, zone: str) -> int:
    """How many local calendar days the axis touches."""
    first, last = times.date_of(int(scale.lo), zone), times.date_of(int(scale.hi), zone)
    return 1 if first == last else 2


def _days(first: float, last: float, tz) -> str:
    """The date(s) an axis covers: '12 Aug 2024', '12–13 Aug 2024', '31 Dec 2024 – 1 Jan 2025'."""
    a, b = from_epoch(int(first)).astimezone(tz), from_epoch(int(last)).astimezone(tz)
    if a.date() == b.date():
        return f"{a.day} {a:%b %Y}"
    if (a.year, a.month) == (b.year, b.month):
        return f"{a.day}–{b.day} {a:%b %Y}"
    if a.year == b.year:
        return f"{a.day} {a:%b} – {b.day} {b:%b %Y}"
    return f"{a.day} {a:%b %Y} – {b.day} {b:%b %Y}"


def _kind_handles(events) -> list:
    """The legend of the kinds drawn, and of the marks of claims set aside or undecided."""
    from matplotlib.lines import Line2D

    kinds = sorted({e.kind for e in events}, key=list(Kind).index)
    handles = [Line2D([], [], marker=KIND_STYLE[k][1], color=KIND_STYLE[k][0], linestyle="none", markersize=7,
                      label=k.value.replace("_", " ")) for k in kinds]
    if any(e.conflict and not e.undecided for e in events):
        handles.append(Line2D([], [], marker="o", color="#cccccc", markeredgecolor=CONFLICT, markeredgewidth=1.8, linestyle="none", label="! a claim set aside"))
    if any(e.undecided for e in events):
        handles.append(Line2D([], [], marker="o", color="#cccccc", markeredgecolor=UNDECIDED, markeredgewidth=1.6, linestyle="none", label="? undecided"))
    return handles


def _phase_handles(pieces) -> list:
    """The legend of the phases drawn (below the chart, clear of the rows' labels)."""
    from matplotlib.patches import Patch

    bands = dict.fromkeys((label, color) for label, color, *_ in pieces)
    handles = [Patch(facecolor=color, alpha=0.6, linewidth=0, label=label) for label, color in bands]
    if any(not certain for *_, certain in pieces):
        handles.append(Patch(facecolor="#dddddd", edgecolor=HATCH, hatch="////", linewidth=0, label="hatched: its moment is not known"))
    return handles


def event_title(event: Event, timeline: Timeline) -> str:
    """What a browser shows on hover over an event's marker in the SVG."""
    lines = [f"{event_mark(event)}{printable(event.label)} ({event.kind.value.replace('_', ' ')})"]
    if event.shown is not None:
        lines.append(f"estimate {times.when(event, timeline.zone)}")
    else:
        lines.append(f"no estimate: {times.when(event, timeline.zone)}")
    low = f"{from_epoch(event.earliest):%Y-%m-%d %H:%M:%S}" if event.earliest is not None else "…"
    high = f"{from_epoch(event.latest):%Y-%m-%d %H:%M:%S}" if event.latest is not None else "…"
    lines.append(f"window {low} – {high} UTC")
    lines.append("sources: " + ", ".join(event.sources))
    if timeline.is_precursor(event):
        lines.append("a precursor: detected before the impact start")
    if event.replaced:
        lines.append("replaced (corrected or superseded): " + ", ".join(f"{c.source} (line {c.line})" for c in event.replaced))
    if event.undecided:
        lines.append("an undecided conflict spans it (equal weight both ways)")
    elif event.conflict:
        lines.append("a claim about it was set aside as contradicting the others")
    return "\n".join(lines)


def phase_boundaries(timeline: Timeline, low: float, high: float) -> list[tuple[float, float, tuple | None]]:
    """The first milestone of each SRE phase present, in order, as (from, to, band): an estimate is
    one moment (from = to); a milestone known only from bounds or a day spans its window, an open
    side reaching the axis's edge (`low`, `high`). A milestone placed before the one it should
    follow (a mitigation after the recovery it enabled) ends the phases there: the later keeps
    its band, and the data-quality list says why."""
    def window(event: Event) -> tuple[float, float]:
        if event.shown is not None:
            return float(event.shown), float(event.shown)
        return (float(event.earliest if event.earliest is not None else low),
                float(event.latest if event.latest is not None else high))

    present: list[tuple[float, float, tuple | None]] = []
    for kinds, band in PHASE_MILESTONES:
        event = timeline.first(*kinds)
        if event is None:
            continue
        begin, end = window(event)
        while len(present) > 1 and end < present[-1][0]:  # wholly before the milestone it should follow
            present.pop()
        if not present or end >= present[-1][0]:
            present.append((begin, end, band))
    return present


def precursor(timeline: Timeline) -> float | None:
    """When an alert came before users were affected (a detection before the impact start, with an
    estimate), else None."""
    detection = timeline.first(Kind.detection)
    if detection is not None and detection.shown is not None and timeline.is_precursor(detection):
        return float(detection.shown)
    return None


def phase_pieces(bounds, alert: float | None = None) -> list[tuple[str, str, float, float, bool]]:
    """The bands the phases are drawn as: (label, colour, from, to, certain). A phase runs from one
    milestone to the next; where the next one's moment is not known (its window), the phase may
    end anywhere in it: that piece is not certain; so is the impact start's own window, where
    impact may have begun. `alert`: a precursor's moment, from which 'detected before impact' runs
    to the impact start."""
    pieces = []
    if alert is not None and bounds and bounds[0][2] is None and alert < bounds[0][0]:
        pieces.append((*PRECURSOR_BAND, alert, bounds[0][0], True))
    for i, (begin, finish) in enumerate(zip(bounds, bounds[1:])):
        label, color = finish[2]
        solid_from = begin[1]
        solid_to = max(finish[0], solid_from)
        if i == 0 and begin[1] > begin[0]:
            pieces.append((label, color, begin[0], begin[1], False))
        if solid_to > solid_from:
            pieces.append((label, color, solid_from, solid_to, True))
        if finish[1] > solid_to:
            pieces.append((label, color, solid_to, finish[1], False))
    return pieces


def _phase_bands(ax, pieces) -> None:
    """The SRE phases as bands (phase_pieces), the uncertain pieces hatched."""
    from matplotlib.colors import to_rgba

    for label, color, begin, end, certain in pieces:  # each band named as its phase (the legend is drawn apart)
        if certain:
            ax.axvspan(begin, end, color=color, alpha=0.5, linewidth=0, zorder=0, label=label)
        else:
            ax.axvspan(begin, end, facecolor=to_rgba(color, 0.35), edgecolor=HATCH, hatch="////", linewidth=0, zorder=0,
                       label=f"{label} (not known)")
