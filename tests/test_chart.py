"""Charts: assertions on what is plotted (lanes, delay labels, markers, audience), not on pixels."""

import pytest

from incident.metrics import compute
from matplotlib.text import Annotation

from incident import chart
from incident.compare import audience_unit, lanes
from incident.events_csv import load
from incident.reconstruct import reconstruct_all

from conftest import EVENTS, EXAMPLES


@pytest.fixture(scope="module")
def timelines():
    return reconstruct_all(load(EVENTS).raise_for_errors().claims)


@pytest.fixture(scope="module")
def comparison(timelines):
    figure = chart.comparison_figure(lanes(timelines.values()), audience_unit(timelines.values()))
    chart.render_as(figure, "png")  # lay it out as it is saved
    return figure


def texts(ax):
    return [t.get_text() for t in ax.texts]


def test_lanes_are_the_incidents_aligned_on_t0(comparison):
    lanes_ax, audience_ax = comparison.axes[:2]
    assert [t.get_text() for t in lanes_ax.get_yticklabels()] == ["desantis-2023", "x-spaces-2024"]
    assert "T+0" in [t.get_text() for t in lanes_ax.get_xticklabels()]
    assert audience_ax.get_ylabel() == "concurrent listeners"


def test_the_delays_are_labelled_on_their_lanes(comparison, timelines):
    lanes_ax = comparison.axes[0]
    labels = {t.get_text(): t.get_position() for t in lanes_ax.texts if t.get_text().endswith("min late")}
    assert set(labels) == {"26 min late", "42 min late"}
    # each label sits in the middle of its wait: half of each delay after T+0
    delays = {name: m.minutes for name, t in timelines.items() for m in compute(t) if m.metric == "delay"}
    assert 25 <= delays["desantis-2023"] <= 27 and 41 <= delays["x-spaces-2024"] <= 43
    assert labels["26 min late"][0] == pytest.approx(delays["desantis-2023"] / 2)
    assert labels["42 min late"][0] == pytest.approx(delays["x-spaces-2024"] / 2)
    wait_bars = sorted(p.get_width() for p in lanes_ax.patches if p.get_x() == 0)
    assert wait_bars == pytest.approx([delays["desantis-2023"], delays["x-spaces-2024"]])


def test_milestones_are_labelled_without_overlap(comparison):
    lanes_ax = comparison.axes[0]
    renderer = comparison.canvas.get_renderer()
    labels = [a for a in lanes_ax.texts if isinstance(a, Annotation)]
    names = [a.get_text() for a in labels]
    assert any(n.startswith("! Conversation starts") and n.endswith("(+42)") for n in names)
    assert any(n.startswith("! DeSantis announces") and n.endswith("(+26)") for n in names)
    assert any(n.startswith("Relaunched on David Sacks") for n in names)
    boxes = [chart._words(a, renderer) for a in labels]  # the words, without leader lines
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert not a.overlaps(b)
    frame = lanes_ax.get_window_extent(renderer)
    assert all(frame.x0 - 1 <= box.x0 and box.x1 <= frame.x1 + 1 for box in boxes)


def test_conflicting_milestones_are_drawn_in_red(comparison):
    lanes_ax = comparison.axes[0]
    red = [a.get_text() for a in lanes_ax.texts if isinstance(a, Annotation) and a.get_color() == chart.CONFLICT]
    assert red and all(text.startswith("! ") for text in red)


def test_audience_panel_plots_each_incidents_medians(comparison, timelines):
    audience = comparison.axes[1]
    lines = {line.get_label(): line for line in audience.get_lines() if not line.get_label().startswith("_")}
    x = lines["x-spaces-2024"]
    delay = next(m.minutes for m in compute(timelines["x-spaces-2024"]) if m.metric == "delay")
    assert list(x.get_xdata()) == pytest.approx([0, 30, 40, delay, 100])
    assert list(x.get_ydata()) == [100000, 700000, 878000, 915000, 1300000]
    assert len(lines["desantis-2023"].get_xdata()) >= 3


def test_caption_counts_claims_and_sources(comparison):
    caption = comparison.texts[0].get_text()
    assert caption.startswith("Times reconstructed from 114 claims by 64 sources.")


def test_timeline_figure_has_a_row_per_timed_event(timelines):
    timeline = timelines["x-spaces-2024"]
    figure = chart.timeline_figure(timeline)
    ax = figure.axes[0]
    rows = [t.get_text() for t in ax.texts]
    assert "! 20:42 Conversation starts (8:42 p.m. EDT)" in rows
    assert "20:00 Scheduled start (8 p.m. ET)" in rows
    assert ax.get_xlabel() == "local time, America/New_York (EDT)"
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == ["until detected", "until acknowledged", "until recovered"]
    assert "11 event(s) without a time of day" in figure.texts[0].get_text()


def test_unscheduled_incidents_are_aligned_on_impact():
    timelines = reconstruct_all(load(EXAMPLES).raise_for_errors().claims)
    figure = chart.comparison_figure(lanes(timelines.values()), audience_unit(timelines.values()))
    labels = [t for t in texts(figure.axes[0]) if "recovered after" in t]
    assert sorted(labels) == ["recovered after 479 min", "recovered after 49 min"]
    assert "impact start" in figure.axes[0].get_title(loc="left")


def test_count_format():
    assert [chart.count_format(v) for v in (0, 950, 250_000, 1_000_000, 1_300_000)] == ["0", "950", "250k", "1M", "1.3M"]
