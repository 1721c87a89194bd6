"""Every window a chart draws lies on its axis, with room to spare: the axis is fitted to what is
drawn (an estimate and the bar of its window), not to the estimates alone. Read off the figures:
the axes' limits and the drawn bars' ends, checked against the events' reconstructed windows."""

import pytest

from incident.events_csv.reader import load
from incident.render import comparison_chart, comparison_layout, plot, timeline_chart
from incident.timeline.compare import lanes
from incident.timeline.reconstruct import reconstruct_all

from conftest import EVENTS, EXAMPLES

HEAD = "incident,event,kind,label,time,tz,uncertainty_min,source\n"

# an impact start estimated at 07:00 from a report said to be ± 7.5 min (its window opens before
# 06:53); the other milestones minutes later: an axis fitted to the estimates starts after 06:55
LEFT = HEAD + """\
left,impact,impact_start,Errors begin,2024-03-05 07:00,UTC,7.5,Ops
left,detect,detection,Alert fires,2024-03-05 07:05,UTC,,Ops
left,fixed,recovery,Service back,2024-03-05 07:30,UTC,,Ops
"""
# the mirror: a resolution at 09:40 ± 40 min after an hour of outage, and an update between
RIGHT = HEAD + """\
right,impact,impact_start,Errors begin,2024-03-05 08:00,Europe/Berlin,,Ops
right,update,communication,Status update,2024-03-05 08:20,Europe/Berlin,12,Press
right,fixed,recovery,Service back,2024-03-05 08:45,Europe/Berlin,,Ops
right,over,resolution,Incident closed,2024-03-05 09:40,Europe/Berlin,40,Press
"""
# a live event: the start was due at 20:00, it began 20:42 (± 20 min), it ended near 21:00
LIVE = HEAD + """\
live,due,scheduled_start,Due,2024-08-12 20:00,America/New_York,,Host
live,start,recovery,Starts,2024-08-12 20:42,America/New_York,20,Press
live,end,end,Ends,2024-08-12 21:00,America/New_York,,Host
"""


def reconstructed(path):
    return reconstruct_all(load(path).raise_for_errors().claims)


def hand_made(write):
    found = {}
    for name, text in (("left", LEFT), ("right", RIGHT), ("live", LIVE)):
        found.update(reconstructed(write(text, f"{name}.csv")))
    return found


def axis_fraction(ax, x: float) -> float:
    """Where `x` (data) is drawn across the axes: 0 at the left edge, 1 at the right."""
    return float(ax.transAxes.inverted().transform(ax.transData.transform((x, 0)))[0])


def window_bars(ax, y: float) -> list[tuple[float, float]]:
    """The bars drawn on row `y`: the two-point horizontal lines."""
    return [tuple(sorted(map(float, line.get_xdata()))) for line in ax.get_lines()
            if len(line.get_xdata()) == 2 and list(line.get_ydata()) == [y, y]]


def assert_on_axis(ax, x: float, what: str) -> None:
    """`x` lies on the axis, not at its edge: at least 2% of the width inside."""
    assert 0.02 <= axis_fraction(ax, x) <= 0.98, (what, axis_fraction(ax, x))


def check_timeline(timeline) -> int:
    """Every event drawn with a window on its row: the bar reaches the window's true edges and
    they lie on the axis. Returns how many windows were checked."""
    figure = timeline_chart.timeline_figure(timeline)
    plot.render_as(figure, "png")
    ax = figure.axes[0]
    low, high = ax.get_xlim()
    marks = {line.get_gid(): line for line in ax.get_lines() if line.get_gid()}
    checked = 0
    for event in timeline.events:
        mark = marks.get(f"event-{timeline.incident}-{event.event}")
        if mark is None or not low <= float(mark.get_xdata()[0]) <= high:
            continue
        at = float(mark.get_xdata()[0])
        if at in (low, high):  # a chevron at the edge: beyond the axis, drawn without its window
            continue
        row = float(mark.get_ydata()[0])
        bars = window_bars(ax, row)
        drawn = [x for bar in bars for x in bar]
        for edge in (event.earliest, event.latest):
            if edge is None or (event.shown is not None and abs(edge - at) < 45):
                continue  # open (an arrow), or too close to its mark for a bar
            assert float(edge) in drawn, (timeline.incident, event.event, edge, bars)  # never cut short
            assert_on_axis(ax, edge, (timeline.incident, event.event))
            checked += 1
    return checked


def check_comparison(drawn: list) -> int:
    """Every lane's drawn windows: each milestone's bar reaches its window's true edges (minutes
    from T+0), on the lane's axis. Returns how many windows were checked."""
    axes = []
    for page in range(len(comparison_layout.layout(drawn, None))):
        figure = comparison_chart.comparison_figure(drawn, None, page)
        plot.render_as(figure, "png")
        axes += [ax for ax in figure.axes if not ax.get_ylabel()]
    checked = 0
    for lane in drawn:
        marks = {f"event-{lane.incident}-{e.event}" for e in lane.milestones}
        (ax,) = [ax for ax in axes if marks & {line.get_gid() for line in ax.get_lines()}]
        ends = {x for bar in window_bars(ax, 0.0) for x in bar}
        drawn_marks = {line.get_gid(): float(line.get_xdata()[0]) for line in ax.get_lines() if line.get_gid()}
        for event in lane.milestones:
            at = drawn_marks.get(f"event-{lane.incident}-{event.event}")
            if at is None:
                continue
            for edge in (event.earliest, event.latest):
                if edge is None or abs(lane.minutes(edge) - at) < 0.75:
                    continue  # open (an arrow), or at its mark
                minutes = lane.minutes(edge)
                assert any(x == pytest.approx(minutes) for x in ends), (lane.incident, event.event, minutes, sorted(ends))
                assert_on_axis(ax, minutes, (lane.incident, event.event))
                checked += 1
    return checked


def test_an_estimate_whose_window_runs_past_the_other_milestones_widens_the_timeline_axis(write):
    timelines = hand_made(write)
    left = timelines["left"]
    (impact,) = [e for e in left.events if e.event == "impact"]
    assert impact.shown is not None and impact.shown - impact.earliest >= 7 * 60  # the case: a wide window left of its estimate
    for timeline in timelines.values():
        assert check_timeline(timeline) >= 1, timeline.incident


def test_the_comparison_lanes_take_in_their_milestones_windows(write):
    timelines = hand_made(write)
    outages = lanes([timelines["left"], timelines["right"]])
    assert check_comparison(outages) >= 3
    assert check_comparison(lanes([timelines["live"]])) >= 1


@pytest.mark.parametrize("path", [EVENTS, EXAMPLES], ids=["events", "examples"])
def test_no_drawn_window_is_cut_in_the_committed_data(path):
    timelines = reconstructed(path)
    checked = sum(check_timeline(timeline) for _, timeline in sorted(timelines.items()))
    assert checked >= 1
    aligned = lanes(timeline for _, timeline in sorted(timelines.items()))
    for kind in ({"scheduled_start"}, {"impact_start"}):
        group = [lane for lane in aligned if lane.origin.kind.value in kind]
        if group:
            check_comparison(group)
