"""One incident's timeline chart: every timed event on its own row, its window, the SRE phases."""

from __future__ import annotations

from datetime import timezone

import matplotlib

from . import plot  # noqa: F401 (first: it pins matplotlib's backend and configuration)


import matplotlib.dates as mdates  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from ..timeline.compare import MAX_SPAN_MINUTES, focus  # noqa: E402
from ..diagnostics import printable
from . import times
from ..model import zones
from ..model.claim import Kind, from_epoch  # noqa: E402
from ..timeline.events import Event, Timeline  # noqa: E402


from .plot import CONFLICT, KIND_STYLE, STYLE, UNDECIDED, _edge, _figure, _ink, _mark, _nothing_to_draw, _num, _words, caption, caption_text, short


# The SRE milestones in their order; a band runs from one present milestone to the next.
PHASE_MILESTONES = (
    ((Kind.impact_start,), None),
    ((Kind.detection, Kind.report), ("until detected", "#fcbba1")),
    ((Kind.acknowledgement,), ("until acknowledged", "#fdd49e")),
    ((Kind.mitigation,), ("until mitigated", "#d9f0a3")),
    ((Kind.recovery,), ("until recovered", "#c6dbef")),
    ((Kind.resolution,), ("until resolved", "#e5f5e0")),
)
PRECURSOR_BAND = ("detected before impact", "#dadaeb")  # from an alert before the impact start to it
CORE = {Kind.scheduled_start, Kind.impact_start, Kind.detection, Kind.report, Kind.acknowledgement,
        Kind.mitigation, Kind.recovery, Kind.resolution, Kind.end}


def timeline_figure(timeline: Timeline) -> Figure:
    with matplotlib.rc_context(STYLE):
        return _timeline(timeline)


def _timeline(timeline: Timeline) -> Figure:
    zone = zones.display(timeline.zone)
    # an event is drawn at its shown estimate, or (known only from bounds) as its window
    placed = [e for e in timeline.events if e.position is not None and times.day_of(e) is None]
    core = [e.position for e in placed if e.kind in CORE]
    if not core:
        core = [e.position for e in placed]
    if not core:
        return _nothing_to_draw(
            f"{timeline.incident}: reconstructed timeline",
            "No event has a time of day (the claims give days only, or no absolute time): see the report's table.",
        )
    start, stop = focus(sorted(core))
    pad = max((stop - start) * 0.04, 300)
    start, stop = start - pad, stop + pad
    near = (start - MAX_SPAN_MINUTES * 60, stop + MAX_SPAN_MINUTES * 60)
    # every timed event near the incident has a row; one outside the core span sits at the edge
    shown = [e for e in placed if near[0] <= e.position <= near[1]]
    on_chart = {id(e) for e in placed}
    day_only = [e for e in timeline.events if id(e) not in on_chart]
    far = len(placed) - len(shown)
    shown, beyond = densest(shown, MAX_ROWS)
    if beyond:  # the axis spans the rows kept
        start, stop = min(e.position for e in shown), max(e.position for e in shown)
        pad = max((stop - start) * 0.04, 300)
        start, stop = start - pad, stop + pad
    height = 2.8 + 0.245 * len(shown)  # room below the axis: its labels, the legend, four lines of caption
    figure, canvas = _figure(10, height)
    ax = figure.add_axes((0.03, 1.7 / height, 0.94, 1 - 2.45 / height))
    left, right = _num(start), _num(stop)
    ax.set_xlim(left, right)
    ax.set_ylim(len(shown) - 0.4, -0.6)
    ax.set_yticks([])
    ax.spines["left"].set_visible(False)
    _phase_bands(ax, timeline)
    span_hours = (stop - start) / 3600
    fmt = "%H:%M" if span_hours <= 20 else "%b %d %H:%M"
    ax.xaxis.set_major_locator(mdates.AutoDateLocator(tz=zone, minticks=5, maxticks=12))
    ax.xaxis.set_major_formatter(mdates.DateFormatter(fmt, tz=zone))
    local_name = from_epoch(start + pad).astimezone(zone).strftime("%Z")
    where = f"local time, {timeline.zone} ({local_name})" if timeline.zone != "UTC" else "UTC"
    ax.set_xlabel(f"{where}, {_days(start + pad, stop - pad, zone)}", fontsize=8.5)
    if timeline.zone != "UTC":
        top = ax.secondary_xaxis("top")
        top.xaxis.set_major_locator(mdates.AutoDateLocator(tz=timezone.utc, minticks=5, maxticks=12))
        top.xaxis.set_major_formatter(mdates.DateFormatter(fmt + "Z", tz=timezone.utc))
        top.set_xlabel(f"UTC, {_days(start + pad, stop - pad, timezone.utc)}", fontsize=8.5, color="#555555")
        top.tick_params(labelsize=8.5, colors="#555555")
    ax.grid(axis="x", color="#eeeeee", linewidth=0.6)
    renderer = canvas.get_renderer()
    frame = ax.get_window_extent(renderer)
    reach = (right - left) * 0.035
    titles = {}
    axis = (ax, renderer, frame, (start, stop, left, right, reach))
    for row, event in enumerate(shown):
        _draw_row(axis, timeline, event, row, titles)
    figure.incident_titles = titles
    ax.set_title(f"{timeline.incident}: reconstructed timeline (each event's estimate and window)")
    _timeline_legend(figure, shown, 1.3 / height)
    text = _caption(timeline, shown, beyond, len(day_only), far, (start, stop))
    caption(figure, text, height)
    return figure


def _caption(timeline: Timeline, shown: list[Event], beyond, day_only: int, far: int, axis: tuple) -> str:
    """What the chart shows, and what it leaves to the report's table."""
    text = caption_text([timeline])
    text += (" Bars: windows wider than 90 s; arrows: windows open on that side; an event known only from bounds"
             " is its window alone, with no estimate marker. Bands: the SRE phases from impact to recovery.")
    left_off = []
    if beyond:
        before, after = beyond
        ends = sorted(shown, key=lambda e: (e.position, e.event))
        text += (f"\nShown: the densest {len(shown)} of {len(shown) + before + after:,} timed events, the most a page"
                 f" holds legibly, from {times.seen(ends[0], timeline.zone)} to {times.seen(ends[-1], timeline.zone)}.")
        left_off += [f"{before:,} earlier"] if before else []
        left_off += [f"{after:,} later"] if after else []
    if day_only:
        left_off.append(f"{day_only:,} known only to the day")
    if far:
        left_off.append(f"{far:,} more than 30 days from the rest")
    if any(e.position < axis[0] or e.position > axis[1] for e in shown):
        text += " Chevrons at an edge: events beyond the axis, with their dates."
    if left_off:
        text += f"\nNot on the chart, listed in the report's timeline table: {' and '.join(left_off)}."
    return text


MAX_ROWS = 60  # events a timeline chart draws: a printed page holds about this many legible rows


def densest(events: list[Event], rows: int) -> tuple[list[Event], tuple[int, int] | None]:
    """At most `rows` of `events`: all of them when they fit, else the `rows` consecutive in time
    that span the least time (the earliest such run on a tie), in their order; and how many
    events come before and after the run (None when all are kept). Linear after one sort."""
    if len(events) <= rows:
        return events, None
    ordered = sorted(events, key=lambda e: (e.position, e.event))
    spans = [ordered[i + rows - 1].position - ordered[i].position for i in range(len(ordered) - rows + 1)]
    first = min(range(len(spans)), key=lambda i: (spans[i], i))
    kept = {id(e) for e in ordered[first:first + rows]}
    return [e for e in events if id(e) in kept], (first, len(ordered) - first - rows)


def _draw_row(axis, timeline: Timeline, event: Event, row: int, titles: dict) -> None:
    """One event's row: its window (bar, arrows for open sides), its mark (the estimate, a bound's
    edge, or a chevron beyond the axis) with a hover title, and its label beside what is drawn."""
    ax, renderer, frame, (start, stop, left, right, reach) = axis
    color, marker = KIND_STYLE[event.kind]
    at = event.position
    bounded = event.shown is None  # known only from bounds: the window, and no estimate marker
    outside = -1 if at < start else 1 if at > stop else 0
    x = _num(min(max(at, start), stop))
    extent = [x, x]
    if outside:  # beyond the axis: a chevron at the edge, the full date in the label
        marker = "<" if outside < 0 else ">"
    else:
        if bounded:  # drawn from its finite edge(s)
            edge = event.latest if event.latest is not None else event.earliest
            x = _num(min(max(edge if event.earliest is None or event.latest is None else at, start), stop))
            extent = [x, x]
        for edge, direction in ((event.earliest, -1), (event.latest, 1)):
            if edge is None:  # open: an arrow of fixed length, never a bar to the chart's edge
                tip = min(max(x + direction * reach, left), right)
                ax.annotate("", (tip, row), (x, row), arrowprops={"arrowstyle": "-|>", "color": color, "linewidth": 1.2,
                                                                   "mutation_scale": 9, "alpha": 0.8})
                extent[direction > 0] = tip
            elif abs(edge - at) >= 45 or bounded:
                end = min(max(_num(edge), left), right)
                ax.plot([x, end], [row, row], color=color, linewidth=2.2, alpha=0.45, solid_capstyle="round")
                if bounded:  # a bound's edge is what is known: marked
                    ax.plot([end], [row], marker="|", color=color, markersize=7, linestyle="none")
                extent[direction > 0] = end
    edge_color, edge_width = _edge(event)
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
    if outside:
        moment = times.local(event.position, timeline.zone)
        when = f"{moment:%b %d} {when}"
    label = _mark(event) + f"{when} {short(printable(event.label), 64)}" + (" (precursor)" if timeline.is_precursor(event) else "")
    _row_label(ax, renderer, frame, label, row, extent, _ink(event))


def _row_label(ax, renderer, frame, label: str, row: int, extent: list, color: str) -> None:
    """The event's label beside what is drawn on its row, never over it: right of the row's
    right end when it fits inside the axes, else left of its left end."""
    text = ax.annotate(label, (extent[1], row), xytext=(6, 0), textcoords="offset points", ha="left", va="center",
                       fontsize=8.5, color=color, bbox={"facecolor": "white", "alpha": 0.85, "edgecolor": "none", "pad": 0.8})
    if _words(text, renderer).x1 <= frame.x1:
        return
    text.remove()
    ax.annotate(label, (extent[0], row), xytext=(-6, 0), textcoords="offset points", ha="right", va="center",
                fontsize=8.5, color=color, bbox={"facecolor": "white", "alpha": 0.85, "edgecolor": "none", "pad": 0.8})


def _days(first: int, last: int, tz) -> str:
    """The date(s) an axis covers: '12 Aug 2024', '12–13 Aug 2024', '31 Dec 2024 – 1 Jan 2025'."""
    a, b = from_epoch(first).astimezone(tz), from_epoch(last).astimezone(tz)
    if a.date() == b.date():
        return f"{a.day} {a:%b %Y}"
    if (a.year, a.month) == (b.year, b.month):
        return f"{a.day}–{b.day} {a:%b %Y}"
    if a.year == b.year:
        return f"{a.day} {a:%b} – {b.day} {b:%b %Y}"
    return f"{a.day} {a:%b %Y} – {b.day} {b:%b %Y}"


def _timeline_legend(figure, events, y: float) -> None:
    from matplotlib.lines import Line2D

    kinds = sorted({e.kind for e in events}, key=list(Kind).index)
    handles = [Line2D([], [], marker=KIND_STYLE[k][1], color=KIND_STYLE[k][0], linestyle="none", markersize=7,
                      label=k.value.replace("_", " ")) for k in kinds]
    if any(e.conflict and not e.undecided for e in events):
        handles.append(Line2D([], [], marker="o", color="#cccccc", markeredgecolor=CONFLICT, markeredgewidth=1.8, linestyle="none", label="! a claim set aside"))
    if any(e.undecided for e in events):
        handles.append(Line2D([], [], marker="o", color="#cccccc", markeredgecolor=UNDECIDED, markeredgewidth=1.6, linestyle="none", label="? undecided"))
    figure.legend(handles=handles, loc="upper left", bbox_to_anchor=(0.025, y), ncol=min(7, len(handles)),
                  frameon=False, fontsize=8.5, handletextpad=0.3, columnspacing=1.0)


def event_title(event: Event, timeline: Timeline) -> str:
    """What a browser shows on hover over an event's marker in the SVG."""
    lines = [f"{_mark(event)}{printable(event.label)} ({event.kind.value.replace('_', ' ')})"]
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


def _phase_bands(ax, timeline: Timeline) -> None:
    present = []
    for kinds, band in PHASE_MILESTONES:
        event = timeline.first(*kinds)
        if event is None or event.shown is None:
            continue
        # a later milestone placed before an earlier one (a mitigation after the recovery it enabled)
        # ends the phases there: the recovery keeps its band, the data-quality list says why
        while len(present) > 1 and event.shown <= present[-1][0].shown:
            present.pop()
        if not present or event.shown > present[-1][0].shown:
            present.append((event, band))
    handles = []
    detection = timeline.first(Kind.detection)
    if present and present[0][0].kind is Kind.impact_start and detection is not None and timeline.is_precursor(detection) \
            and detection.shown is not None:  # an alert before users were affected: drawn before the impact start
        label, color = PRECURSOR_BAND
        handles.append(ax.axvspan(_num(detection.shown), _num(present[0][0].shown), color=color, alpha=0.5, linewidth=0,
                                  label=label, zorder=0))
    for (begin, _), (finish, band) in zip(present, present[1:]):
        label, color = band
        handles.append(ax.axvspan(_num(begin.shown), _num(finish.shown), color=color, alpha=0.5, linewidth=0, label=label, zorder=0))
    if handles:
        # rows run from the top left to the bottom right, so the top right corner stays free
        ax.legend(handles=handles, loc="upper right", title="phases", frameon=False, fontsize=8.5, title_fontsize=8.5)
