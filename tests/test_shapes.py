"""Charts for every shape an outage has (tests/data/shapes/shapes.csv, hand-made): a recovery known
only from a bound, one known only to the day (13 days), a 73-hour outage, a precursor days before
the impact, an impact start known only from the first status post, delayed live events of five hours
and of 26 minutes. Every milestone is drawn inside the axis as it is known and its label inside the
figure — read off the drawn artists' extents — and each axis is in the unit its span asks."""

from pathlib import Path

import pytest
from matplotlib.text import Annotation

from incident.events_csv.reader import load
from incident.model.cells import Kind
from incident.render import comparison_layout, times, comparison_chart, plot, timeline_chart
from incident.render.timeline_chart import phase_boundaries, phase_pieces
from incident.render.timeline_rows import CORE, chart_names, reach, rows
from incident.render.chart_words import PAGE_HEIGHT
from incident.timeline.compare import kind_of, lanes
from incident.timeline.reconstruct import reconstruct_all

SHAPES = Path(__file__).parent / "data" / "shapes" / "shapes.csv"
NAMES = ("cloud-api-2025", "edge-2024", "game-2023", "launch-2023", "platform-2021", "presale-2022", "saas-2022", "status-2024")
DAY = 86400


@pytest.fixture(scope="module")
def shapes():
    timelines = reconstruct_all(load(SHAPES).raise_for_errors().claims)
    assert sorted(timelines) == sorted(NAMES)
    return timelines


def drawn(figure):
    plot.render_as(figure, "png")  # laid out as it is saved
    return figure


@pytest.fixture(scope="module")
def pages(shapes):
    return {name: [drawn(timeline_chart.timeline_figure(shapes[name], page)) for page in range(len(chart_names(shapes[name])))]
            for name in NAMES}


def row_labels(figure):
    return [a for a in figure.axes[0].texts if isinstance(a, Annotation) and a.get_text() not in ("", "//")]


def inside_figure(figure, artist) -> bool:
    box = artist.get_window_extent(figure.canvas.get_renderer())
    return figure.bbox.x0 <= box.x0 and box.x1 <= figure.bbox.x1 and figure.bbox.y0 <= box.y0 and box.y1 <= figure.bbox.y1


@pytest.mark.parametrize("name", NAMES)
def test_every_milestone_is_on_the_axis_with_its_label_inside_the_figure(pages, shapes, name):
    timeline = shapes[name]
    found = rows(timeline)
    for page, figure in zip(found.pages, pages[name]):
        ax = figure.axes[0]
        low, high = ax.get_xlim()
        labels = row_labels(figure)
        assert len(labels) == len(page)
        for event, label in zip(page, labels):
            assert inside_figure(figure, label), label.get_text()
            assert not label.get_text().endswith("…") or len(label.get_text()) > 40  # never cut to a stub
            if event.kind not in CORE:
                continue
            start, end = reach(event)  # its estimate, or the window it is known in (a bound's edges, a day)
            assert low <= start and end <= high, (event.event, low, start, end, high)
            (marker,) = [line for line in ax.get_lines() if line.get_gid() == f"event-{name}-{event.event}"]
            assert low <= marker.get_xdata()[0] <= high
        for text in [*figure.texts, *ax.get_xticklabels()]:
            if text.get_text():
                assert inside_figure(figure, text), text.get_text()
        assert figure.get_size_inches()[1] <= PAGE_HEIGHT + 0.01  # it prints at 8 pt or more


def test_a_recovery_known_only_from_a_bound_is_drawn_from_its_bound(pages, shapes):
    timeline = shapes["cloud-api-2025"]
    recovery = timeline.first(Kind.recovery)
    assert recovery.shown is None and times.bound(recovery, timeline.zone).startswith("by ")
    (label,) = [a for a in row_labels(pages["cloud-api-2025"][0]) if "Services recovered" in a.get_text()]
    assert label.get_text().startswith("by 2025-06-12 18:20")  # the axis spans two days: dated
    ax = pages["cloud-api-2025"][0].axes[0]
    (marker,) = [line for line in ax.get_lines() if line.get_gid() == f"event-cloud-api-2025-{recovery.event}"]
    assert marker.get_xdata()[0] == recovery.latest  # marked at the bound its claim states
    # the day-only resolution on the next day is on the axis too, as its whole day
    resolution = timeline.first(Kind.resolution)
    assert ax.get_xlim()[1] >= resolution.latest


def test_a_thirteen_day_outage_is_read_in_days(pages, shapes):
    timeline = shapes["saas-2022"]
    ax = pages["saas-2022"][0].axes[0]
    low, high = ax.get_xlim()
    assert high - low >= 13 * DAY
    labels = [t.get_text() for t in ax.get_xticklabels()]
    assert "Apr 17" in labels or "Apr 18" in labels and all(":" not in label for label in labels)
    recovery = timeline.first(Kind.recovery)
    assert times.day_of(recovery) == "2022-04-18 (day, UTC)"
    assert "2022-04-18 (day, UTC) All customer sites restored" in [a.get_text() for a in row_labels(pages["saas-2022"][0])]


def test_a_seventy_three_hour_outage_is_read_in_hours(pages):
    ax = pages["platform-2021"][0].axes[0]
    ticks = sorted(ax.get_xticks())
    steps = {b - a for a, b in zip(ticks, ticks[1:])}
    assert max(steps) <= 12 * 3600 and min(steps) >= 3600  # hours apart, not minutes nor days
    labels = [t.get_text() for t in ax.get_xticklabels()]
    assert "Oct 30" in labels and "12:00" in labels  # a day named at its midnight, hours between


def test_a_precursor_days_before_the_impact_is_drawn_with_its_date(pages, shapes):
    figure = pages["game-2023"][0]
    texts = [a.get_text() for a in row_labels(figure)]
    assert any(text.startswith("2023-03-01 13:37 Disk usage alert") for text in texts)  # at the axis's edge, dated
    assert "Chevrons at an edge" in figure.texts[-1].get_text()
    detection = shapes["game-2023"].first(Kind.detection)
    assert any("Replication lag alert fires" in text for text in texts)
    low, high = figure.axes[0].get_xlim()
    assert low <= reach(detection)[0] <= high  # the detection before the impact start is on the axis


def test_the_phases_start_from_the_impact_starts_window(shapes, pages):
    """The impact start is known only from the first status post ('by 12:25'): the phases begin in
    its window, hatched, and the first status post ends 'until acknowledged' — never a band 'until
    recovered' beginning at the first status post."""
    timeline = shapes["status-2024"]
    low, high = pages["status-2024"][0].axes[0].get_xlim()
    pieces = phase_pieces(phase_boundaries(timeline, low, high))
    label, _, begin, end, certain = pieces[0]
    assert (label, certain) == ("until acknowledged", False)
    assert begin == low and times.clock_of(int(end)) == "12:25"
    assert [p[0] for p in pieces if p[4]] == ["until mitigated", "until recovered", "until resolved"]
    legend = [t.get_text() for legend in pages["status-2024"][0].legends for t in legend.get_texts()]
    assert "hatched: its moment is not known" in legend and "until acknowledged" in legend


# ---------------------------------------------------------------- the comparison


def comparison(shapes, kind):
    drawn_lanes = lanes(t for t in shapes.values() if kind_of(t) == kind)
    unit = None
    figures = [drawn(comparison_chart.comparison_figure(drawn_lanes, unit, page)) for page in range(len(comparison_layout.layout(drawn_lanes, unit)))]
    return drawn_lanes, figures


def lane_axes(figure):
    return [ax for ax in figure.axes if ax.get_xscale() == "function" and not ax.get_ylabel()]


@pytest.mark.parametrize("kind", ["outage", "live-event"])
def test_each_lane_draws_every_milestone_inside_its_axis(shapes, kind):
    drawn_lanes, figures = comparison(shapes, kind)
    axes = [ax for figure in figures for ax in lane_axes(figure)]
    assert len(axes) == len(drawn_lanes)
    for lane, ax in zip(drawn_lanes, axes):
        low, high = ax.get_xlim()
        for event in lane.milestones:
            if event.kind is Kind.other:
                continue
            start, end = comparison_layout.reach(lane, event)
            assert low <= start and end <= high, (lane.incident, event.event)
            (marker,) = [line for line in ax.get_lines() if line.get_gid() == f"event-{lane.incident}-{event.event}"]
            assert low <= marker.get_xdata()[0] <= high
        # readable: what the lane holds spans most of its own axis
        items = comparison_layout.lane_items(lane)
        scale = ax.xaxis.get_transform()  # minutes from T+0 → the share of the axis's width
        width = scale.transform(max(b for _, b in items)) - scale.transform(min(a for a, _ in items))
        assert width >= 0.5, lane.incident
    for figure in figures:
        assert figure.get_size_inches()[1] <= PAGE_HEIGHT + 0.01
        for text in figure.texts + [t for ax in figure.axes for t in ax.texts + ax.get_xticklabels()]:
            if text.get_text():
                assert inside_figure(figure, text), text.get_text()


def test_a_73_hour_outage_and_a_26_minute_delay_are_each_read_on_their_own_scale(shapes):
    outages, figures = comparison(shapes, "outage")
    ticks = {lane.incident: [t.get_text() for t in ax.get_xticklabels()]
             for lane, ax in zip(outages, [ax for f in figures for ax in lane_axes(f)])}
    assert "+24 h" in ticks["platform-2021"] and "+3 d" in ticks["saas-2022"] and "+30 min" in ticks["game-2023"]
    assert "each lane on its own scale" in figures[0].texts[0].get_text()
    key = " ".join(t.get_text().replace("\u00a0", " ") for f in figures for t in f.texts)
    assert "Services recovered (by +7 h 40 min)" in key  # a bound, keyed as one
    assert "recovered within 7 h 40 min" in [t.get_text() for f in figures for ax in f.axes for t in ax.texts]
    live, figures = comparison(shapes, "live-event")
    brackets = [t.get_text() for f in figures for ax in f.axes for t in ax.texts if t.get_text().endswith(" late")]
    assert sorted(brackets) == ["26 min late", "5 h late"]
    ticks = {lane.incident: [t.get_text() for t in ax.get_xticklabels()] for lane, ax in zip(live, [ax for f in figures for ax in lane_axes(f)])}
    assert all(t == "T+0" or t.endswith(" min") for t in ticks["launch-2023"])  # 26 minutes, read in minutes
    assert all(t == "T+0" or t.endswith(" h") for t in ticks["presale-2022"])  # five hours late, then seven live


def test_minutes_and_days_in_one_incident_break_the_axis_and_say_so(write):
    """The first hour timed to the minute, the recovery known only to a day two weeks later and
    nothing between: the axis is broken across the empty stretch, each part on its own scale (the
    first hour is read in minutes, not squeezed into a few points), and the caption says so."""
    rows = ("incident,event,kind,time,tz,source\n"
            "x,impact,impact_start,2022-04-05 07:38,UTC,S\nx,ticket,detection,2022-04-05 07:46,UTC,S\n"
            "x,declared,acknowledgement,2022-04-05 08:17,UTC,S\nx,restored,recovery,2022-04-19,UTC,S\n")
    timeline = reconstruct_all(load(write(rows)).raise_for_errors().claims)["x"]
    figure = drawn(timeline_chart.timeline_figure(timeline))
    ax = figure.axes[0]
    assert "//" in [t.get_text() for t in ax.texts]
    assert "The axis is broken (//) where nothing happened for 13 days" in figure.texts[-1].get_text().replace("\n", " ")
    assert ax.get_xlabel().endswith("the axis broken at //")
    labels = [t.get_text() for t in ax.get_xticklabels()]
    assert any(":" in label for label in labels) and "Apr 19" in labels  # clock times, and the recovery's day
    marks = {line.get_gid(): ax.transData.transform((line.get_xdata()[0], 0))[0] for line in ax.get_lines() if line.get_gid()}
    assert marks["event-x-declared"] - marks["event-x-impact"] >= 100  # 39 minutes read across 100 pixels or more
    for label in row_labels(figure):
        assert inside_figure(figure, label)
