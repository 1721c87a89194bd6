"""Charts: assertions on what is drawn (lanes, keys, legends, colours, hover titles), not on pixels."""

from pathlib import Path

import pytest
from matplotlib.text import Annotation

from incident.render import comparison_chart, comparison_layout, plot, timeline_chart
from incident.render.chart_words import PAGE_HEIGHT
from incident.timeline.compare import alt_text, audience_unit, lanes
from incident.events_csv.reader import load
from incident.timeline.metrics import compute
from incident.timeline.reconstruct import reconstruct_all

from conftest import EVENTS, EXAMPLES

OUTAGE = Path(__file__).parent / "data" / "outage.csv"  # Cloudflare, 2 July 2019: no schedule, no audience


def reconstructed(path):
    return reconstruct_all(load(path).raise_for_errors().claims)


@pytest.fixture(scope="module")
def timelines():
    return reconstructed(EVENTS)


@pytest.fixture(scope="module")
def comparison(timelines):
    figure = comparison_chart.comparison_figure(lanes(timelines.values()), audience_unit(timelines.values()))
    plot.render_as(figure, "png")  # lay it out as it is saved
    return figure


def comparison_pages(drawn, unit):
    """Every page of a comparison chart, each laid out as it is saved."""
    from incident.render.comparison_layout import layout

    figures = [comparison_chart.comparison_figure(drawn, unit, page) for page in range(len(layout(drawn, unit)))]
    for figure in figures:
        plot.render_as(figure, "png")
    return figures


def figure_texts(figure):
    return [t.get_text() for t in figure.texts]


def lane_axes(figure):
    return [ax for ax in figure.axes if not ax.get_ylabel()]


def test_a_lane_per_incident_with_its_alignment_stated(comparison):
    texts = figure_texts(comparison)
    assert "desantis-2023" in texts and "x-spaces-2024" in texts
    assert sum(t.startswith("T+0: scheduled start") for t in texts) == 2
    assert len(lane_axes(comparison)) == 2
    assert comparison.axes[-1].get_ylabel() == "concurrent listeners"


def test_the_delays_are_labelled_on_their_lanes(comparison, timelines):
    delays = {name: m.shown for name, t in timelines.items() for m in compute(t) if m.metric == "delay"}
    for ax, name in zip(lane_axes(comparison), sorted(timelines)):
        (label,) = [t for t in ax.texts if t.get_text().endswith("min late")]
        assert label.get_text() == f"{delays[name]:.0f} min late"
        # in the middle of its wait, or from T+0 rightwards when the wait is too short for the words
        expected = delays[name] / 2 if label.get_horizontalalignment() == "center" else 0
        assert label.get_position()[0] == pytest.approx(expected, abs=0.1)  # at the shown instants
        waits = [p for p in ax.patches if p.get_x() == 0]
        assert [p.get_width() for p in waits] == pytest.approx([delays[name]], abs=0.5)  # drawn to the shown instant


def test_the_key_gives_every_milestone_its_full_label(comparison, timelines):
    key = " ".join(" ".join(figure_texts(comparison)).replace("\u00a0", " ").split())
    for name in ("! DeSantis announces (6:26 p.m. EDT) (+26 min)", "First voice heard (+7 min)",
                 "! Conversation starts (8:42 p.m. EDT) (+42 min)", "Conversation ends (time not stated) (+2 h 47 min)",
                 "Relaunched on David Sacks's account (+23 min to +26 min)"):  # a mitigation known only from bounds
        assert name in key
    assert "…" not in key  # lane titles are wrapped, never cut


def test_milestone_numbers_match_the_key_and_never_overlap(comparison):
    renderer = comparison.canvas.get_renderer()
    for ax in lane_axes(comparison):
        numbers = [a for a in ax.texts if isinstance(a, Annotation) and a.get_text().replace("–", "").isdigit()]
        # each milestone's number, or a run of numbers standing close together as one label ('1–6')
        named = [n for a in numbers for first, _, last in [a.get_text().partition("–")]
                 for n in range(int(first), int(last or first) + 1)]
        assert sorted(named) == list(range(1, len(named) + 1)) and named
        boxes = [plot.drawn_words(a, renderer) for a in numbers]
        for i, a in enumerate(boxes):
            for b in boxes[i + 1:]:
                assert not a.overlaps(b)


def test_the_legend_names_every_kind_drawn(comparison):
    (legend,) = comparison.legends
    entries = [t.get_text() for t in legend.get_texts()]
    assert {"scheduled start", "impact start", "recovery", "end", "window", "claim set aside (!)"} <= set(entries)


def test_live_events_and_outages_get_their_own_phases(timelines):
    live = lanes([timelines["x-spaces-2024"]])[0]
    assert [name for name, *_ in comparison_layout.lane_phases(live)] == ["waiting", "live"]
    outages = {lane.incident: lane for lane in lanes(reconstructed(EXAMPLES).values())}
    assert [name for name, *_ in comparison_layout.lane_phases(outages["github-2018"])] == ["impact", "mitigated", "recovered"]
    cloudflare = lanes(reconstructed(OUTAGE).values())[0]
    assert [name for name, *_ in comparison_layout.lane_phases(cloudflare)] == ["impact", "mitigated"]


def test_each_incident_keeps_its_colour_when_another_is_added():
    two = plot.incident_colors(["x-spaces-2024", "desantis-2023"])
    for other in ("cloudflare-2019", "github-2018", "fastly-2021"):
        more = plot.incident_colors(["x-spaces-2024", "desantis-2023", other])
        if more[other] in two.values():
            continue  # it collides: then the one with the lower hash keeps the colour
        assert {k: more[k] for k in two} == two
    many = plot.incident_colors([f"incident-{i}" for i in range(len(plot.INCIDENT_COLORS))])
    assert len(set(many.values())) == len(plot.INCIDENT_COLORS)  # no two share a colour while colours remain


def test_the_audience_panel_joins_no_two_events(comparison):
    audience = comparison.axes[-1]
    for line in audience.get_lines():
        xs = set(line.get_xdata())
        assert len(xs) == 1 or line.get_linestyle() == "--" or line.get_label().startswith("_child")  # a point, its spread, or T+0
    colors = plot.incident_colors(["desantis-2023", "x-spaces-2024"])
    legend = {t.get_text(): h.get_color() for t, h in zip(audience.get_legend().get_texts(), audience.get_legend().legend_handles)}
    assert legend == colors


def test_the_audience_turns_logarithmic_over_orders_of_magnitude(write):
    rows = "".join(f"{i},due,scheduled_start,2024-01-0{i} 10:00,UTC,S,,\n{i},m,measurement,2024-01-0{i} 10:05,UTC,S,{v},viewers\n"
                   for i, v in ((1, 40), (2, 90_000)))
    timelines = reconstructed(write("incident,event,kind,time,tz,source,value,unit\n" + rows))
    figure = comparison_chart.comparison_figure(lanes(timelines.values()), "viewers")
    assert figure.axes[-1].get_yscale() == "log"
    near = reconstructed(write("incident,event,kind,time,tz,source,value,unit\n" + rows.replace("90000", "400"), "near.csv"))
    assert comparison_chart.comparison_figure(lanes(near.values()), "viewers").axes[-1].get_yscale() == "linear"


def test_no_audience_panel_without_measurements():
    outage = reconstructed(OUTAGE)
    figure = comparison_chart.comparison_figure(lanes(outage.values()), audience_unit(outage.values()))
    assert all(not ax.get_ylabel() for ax in figure.axes)


def test_alt_text_says_what_is_drawn(timelines):
    text = alt_text(lanes(timelines.values()), audience_unit(timelines.values()))
    assert text.startswith("desantis-2023 began 26 min after its scheduled start; x-spaces-2024 began 42 min after its scheduled start.")
    assert text.endswith("Below: concurrent listeners as each source reported them.")
    outage = reconstructed(OUTAGE)
    assert alt_text(lanes(outage.values()), None) == "cloudflare-2019 recovered 27 min after its impact start."


# ---------------------------------------------------------------- the per-incident timeline


@pytest.fixture(scope="module")
def x_timeline(timelines):
    figure = timeline_chart.timeline_figure(timelines["x-spaces-2024"])
    plot.render_as(figure, "png")
    return figure


@pytest.mark.parametrize("name", [None, "DeSantis campaign launch on Twitter Spaces crashes, 24 May 2023",
                                  "An incident whose postmortem title is far longer than any chart title could ever hold on one line",
                                  "WWW MMM WWW MMM WWW MMM WWW MMM WWW MMM WWW MMM WWW MMM WWW MMM WWW MMM WWW MMM WWW MMM"])
def test_the_timeline_chart_is_titled_by_the_incident_name_on_one_line_within_the_figure(timelines, name):
    figure = timeline_chart.timeline_figure(timelines["x-spaces-2024"], 0, name)
    plot.render_as(figure, "png")
    title = figure.axes[0]._left_title  # the charts' titles stand at the left
    text = title.get_text()
    assert text.startswith((name or "x-spaces-2024")[:30]) and "\n" not in text and "reconstructed timeline" in text
    box = title.get_window_extent(figure.canvas.get_renderer())
    assert 0 <= box.x0 and box.x1 <= figure.bbox.width  # never cut at the figure's edge
    if name and len(name) > 85:
        assert text.endswith("…: reconstructed timeline") and " ".join(text.split()[:-2])[:-2] in name  # cut at a word


def test_every_timed_event_has_a_row(x_timeline, timelines):
    ax = x_timeline.axes[0]
    labels = [t.get_text() for t in ax.texts if t.get_text()]
    from incident.render import times

    # an event with an estimate, or known only from bounds within less than a day, has a row
    timed = [e for e in timelines["x-spaces-2024"].events if e.position is not None and times.day_of(e) is None]
    assert len(labels) == len(timed)
    assert "! 20:42 Conversation starts (8:42 p.m. EDT)" in labels
    assert any(label.startswith("2024-08-13 12:00 Campaign") for label in labels)  # beyond the axis: at its edge, dated
    assert "8 known only to a day or a window wider than the axis" in x_timeline.texts[-1].get_text()


def test_the_axes_carry_the_dates(x_timeline):
    ax, top = x_timeline.axes[:2]  # local time below, UTC above
    assert ax.get_xlabel() == "local time, America/New_York (EDT), 12 Aug 2024"
    assert top.get_xlabel() == "UTC, 12–13 Aug 2024"
    labels = [t.get_text() for t in top.get_xticklabels()]
    assert "Aug 13" in labels and "00:30Z" in labels  # midnight names its day; other ticks their UTC clock


def test_open_windows_are_arrows_and_labels_clear_their_bars(x_timeline):
    ax = x_timeline.axes[0]
    renderer = x_timeline.canvas.get_renderer()
    right = ax.get_xlim()[1]
    assert not any(line.get_xdata()[-1] == right and len(line.get_xdata()) == 2 for line in ax.get_lines())
    arrows = [a for a in ax.texts if isinstance(a, Annotation) and not a.get_text()]
    assert arrows  # "878,000+ connected" is open after its time
    labels = [a for a in ax.texts if isinstance(a, Annotation) and a.get_text()]
    bars = [line for line in ax.get_lines() if len(line.get_xdata()) == 2]
    for label in labels:
        box = plot.drawn_words(label, renderer)
        row = label.xy[1]
        for bar in bars:
            if bar.get_ydata()[0] != row:
                continue
            ends = ax.transData.transform([(x, row) for x in bar.get_xdata()])
            assert box.x0 >= max(ends[:, 0]) - 1 or box.x1 <= min(ends[:, 0]) + 1, label.get_text()


def test_the_timeline_legend_names_kinds_and_conflicts(x_timeline):
    legend = [t.get_text() for t in x_timeline.legends[0].get_texts()]
    assert {"scheduled start", "impact start", "measurement", "communication", "! a claim set aside"} <= set(legend)


def test_undecided_events_are_marked_apart_from_settled_ones(write):
    said = "".join(f"x,start,recovery,2024-08-12 20:{m},ET,{s}\n" for m, s in (("41", "A"), ("41", "B"), ("41", "C"), ("43", "D"), ("43", "E"), ("43", "F")))
    timelines = reconstructed(write("incident,event,kind,time,tz,source\nx,due,scheduled_start,2024-08-12 20:00,ET,S\n" + said))
    timeline = timelines["x"]
    (event,) = [e for e in timeline.events if e.undecided]
    figure = timeline_chart.timeline_figure(timeline)
    marker = next(line for line in figure.axes[0].get_lines() if line.get_gid() == f"event-{timeline.incident}-{event.event}")
    assert marker.get_markeredgecolor() == plot.UNDECIDED
    assert any(t.get_text().startswith("? ") for t in figure.axes[0].texts)


def test_svg_markers_carry_hover_titles(timelines):
    figure = timeline_chart.timeline_figure(timelines["x-spaces-2024"])
    svg = plot.render_as(figure, "svg").decode()
    start = svg.index('<g id="event-x-spaces-2024-conversation-start">')
    title = svg[start:svg.index("</title>", start)]
    assert "<title>! Conversation starts (8:42 p.m. EDT) (recovery)" in title
    assert "estimate 2024-08-12 20:42 EDT (2024-08-13 00:42 UTC)" in title
    assert "sources: " in title
    assert svg.count("<title>") >= 20


def test_a_new_outage_without_schedule_or_audience_draws_cleanly():
    outage = reconstructed(OUTAGE)
    figure = timeline_chart.timeline_figure(outage["cloudflare-2019"])
    labels = [t.get_text() for t in figure.axes[0].texts if t.get_text()]
    assert labels == ["13:42 WAF rule deployed; CPU exhaustion and 502s", "14:07 Global WAF terminate",
                      "14:09 Traffic and CPU back to expected levels"]
    assert figure.axes[0].get_xlabel() == "UTC, 2 Jul 2019"


def test_caption_counts_claims_and_sources(comparison):
    import csv

    with open(EVENTS, encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    sources = {row["source"] for row in rows}
    expected = f"Times reconstructed from {len(rows)} claims by {len(sources)} sources."
    assert comparison.texts[-1].get_text().startswith(expected)


def test_count_format():
    assert [plot.count_format(v) for v in (0, 950, 250_000, 1_000_000, 1_300_000)] == ["0", "950", "250k", "1M", "1.3M"]


def test_many_incidents_draw_the_longest_lanes_and_a_distribution_of_all(write):
    rows = "".join(f"i{n:03d},start,impact_start,2024-01-01 10:00,UTC,S\ni{n:03d},back,recovery,2024-01-01 {10 + n // 60:02d}:{n % 60:02d},UTC,S\n"
                   for n in range(1, 40))
    timelines = reconstructed(write("incident,event,kind,time,tz,source\n" + rows))
    figures = comparison_pages(lanes(timelines.values()), None)
    names = [t.get_text() for figure in figures for t in figure.texts if t.get_text().startswith("i0")]
    assert names == [f"i{n:03d}" for n in range(39, 27, -1)]  # the 12 that took longest, longest first
    spread = figures[-1].axes[-1]
    assert spread.get_title(loc="left") == "All 39 incidents; orange lines: the 12 drawn above"
    assert sum(p.get_height() for p in spread.patches) == 39
    for figure in figures:  # every page prints at 8 pt or more: none is taller than a page holds
        assert figure.get_size_inches()[1] <= PAGE_HEIGHT + 0.01
        assert "the 12 of 39 incidents that took longest" in figure.texts[0].get_text()


def test_log_axes_label_plain_numbers(write):
    rows = "".join(f"i{n},start,impact_start,2024-01-01 10:00,UTC,S,,\ni{n},back,recovery,,,S,start,{m}\n"
                   for n, m in enumerate((1, 2, 3, 5, 8, 40, 300, 2000, 9000, 12, 15, 18, 30, 50)))
    timelines = reconstructed(write("incident,event,kind,time,tz,source,relative_to,offset_min\n" + rows))
    figure = comparison_pages(lanes(timelines.values()), None)[-1]
    plot.render_as(figure, "png")
    labels = [t.get_text() for t in figure.axes[-1].get_xticklabels() if t.get_text()]
    assert labels and not any("$" in label or "mathdefault" in label for label in labels)
    assert "1,000" in labels


def test_one_figure_gives_each_format_the_bytes_it_gives_alone():
    """The report draws each chart's figure once and saves it as PNG and SVG: the bytes of either
    format do not depend on whether the other was saved first."""
    from incident.events_csv.reader import load
    from incident.render import plot, timeline_chart
    from incident.timeline.reconstruct import reconstruct_all

    timelines = reconstruct_all(load(Path(__file__).resolve().parents[1] / "events.csv").claims)
    for name in sorted(timelines):
        alone = {fmt: plot.render_as(timeline_chart.timeline_figure(timelines[name]), fmt, "s") for fmt in ("png", "svg")}
        for order in (("png", "svg"), ("svg", "png")):
            figure = timeline_chart.timeline_figure(timelines[name])
            assert {fmt: plot.render_as(figure, fmt, "s") for fmt in order} == alone, (name, order)


def test_a_chart_of_thousands_of_events_draws_the_densest_span_and_says_what_it_left(write):
    """A few printed pages hold about 60 legible rows: of 1,000 events the chart draws every
    milestone (here the impact start) and the others closest together in time, on pages of one
    axis, and its caption counts the rest, which the report's table lists."""
    from datetime import datetime, timedelta

    from incident.render.timeline_rows import MAX_ROWS, PAGE_ROWS, chart_names

    start = datetime(2024, 8, 12, 8)
    rows = ["incident,event,kind,label,time,tz,source"]
    # 400 events two minutes apart, then 600 every 30 s: the densest are the first of those
    rows += [f"x,e{i},{'impact_start' if i == 0 else 'other'},e{i},{start + timedelta(minutes=2 * i):%Y-%m-%d %H:%M},UTC,S" for i in range(400)]
    rows += [f"x,b{i},other,b{i},{start + timedelta(hours=14, seconds=30 * i):%Y-%m-%d %H:%M:%S},UTC,S" for i in range(600)]
    timeline = reconstructed(write("\n".join(rows) + "\n"))["x"]
    pages = [timeline_chart.timeline_figure(timeline, page) for page in range(len(chart_names(timeline)))]
    assert len(pages) == -(-MAX_ROWS // PAGE_ROWS) == len(chart_names(timeline))
    labels = [t.get_text() for figure in pages for t in figure.axes[0].texts if t.get_text() not in ("", "//")]
    assert len(labels) == MAX_ROWS
    assert [label.split()[-1] for label in labels] == ["e0"] + [f"b{i}" for i in range(MAX_ROWS - 1)]
    said = pages[0].texts[-1].get_text().replace("\n", " ")
    assert f"the milestones and the densest run of the other events, {MAX_ROWS} of 1,000" in said
    assert "from 08:00 to 22:29:00" in said
    assert f"399 earlier and {600 - MAX_ROWS + 1} later" in said
    assert all(figure.get_size_inches()[1] <= PAGE_HEIGHT + 0.01 for figure in pages)


def test_densest_keeps_everything_that_fits_and_prefers_the_earliest_of_equal_runs():
    from types import SimpleNamespace

    from incident.render.timeline_rows import densest

    events = [SimpleNamespace(position=60 * i, event=f"e{i:02d}") for i in range(10)]
    assert densest(events, 10) == (events, None)
    assert densest(events, 4) == (events[:4], (0, 6))
    events[7].position, events[8].position = 60 * 6 + 1, 60 * 6 + 2  # 6, 7, 8 now lie within 2 s
    kept, beyond = densest(events, 3)
    assert [e.event for e in kept] == ["e06", "e07", "e08"] and beyond == (6, 1)


def test_the_charts_are_the_same_bytes_on_one_worker_or_two(monkeypatch, timelines):
    """Whether a second core is free decides the workers, never the bytes."""
    from incident.render import drawing
    from incident.render.report import _figure

    jobs = [(f"{name}-timeline", _figure("timeline_figure"), (timelines[name],)) for name in sorted(timelines)]
    monkeypatch.setattr(drawing, "_workers", lambda jobs: 1)
    alone = drawing.render_charts(jobs)
    monkeypatch.setattr(drawing, "_workers", lambda jobs: 2)
    assert drawing.render_charts(jobs) == alone and len(alone) == 2 * len(jobs)


def test_a_second_worker_only_when_two_cores_are_free(monkeypatch):
    from incident.render import drawing

    monkeypatch.setattr(drawing.os, "sched_getaffinity", lambda pid: {0, 1})
    monkeypatch.setattr(drawing, "_others_running", lambda: 0)
    assert (drawing._workers(1), drawing._workers(3)) == (1, 2)
    monkeypatch.setattr(drawing, "_others_running", lambda: 1)  # a test run, another report: one core left
    assert drawing._workers(3) == 1


def test_milestones_close_together_share_one_number_label():
    """GitHub 2018's first six milestones fall within half an hour of a 24-hour lane: one label
    '1–6' above them (the key names each), never a tower of numbers into the lane's title."""
    drawn = lanes(reconstructed(EXAMPLES).values())
    (figure,) = comparison_pages(drawn, None)
    texts = [a.get_text() for ax in figure.axes for a in ax.texts if isinstance(a, Annotation)]
    assert "1–6" in texts
    renderer = figure.canvas.get_renderer()
    titles = [t for t in figure.texts if t.get_text().startswith("github-2018")]
    numbers = [a for ax in figure.axes for a in ax.texts if isinstance(a, Annotation) and a.get_text()[:1].isdigit()]
    assert titles and not any(plot.drawn_words(n, renderer).overlaps(t.get_window_extent(renderer)) for n in numbers for t in titles)


def test_importing_and_drawing_change_no_matplotlib_setting_of_the_host():
    """A notebook's style and backend stay as they were: the charts' style holds only while a chart
    is drawn and saved (plot.chart_style), and no module sets a backend."""
    import subprocess
    import sys

    script = """
import matplotlib
matplotlib.use("svg")
matplotlib.rcParams["font.size"] = 13
matplotlib.rcParams["axes.titlesize"] = 21
before = dict(matplotlib.rcParams)
import incident, incident.api
from incident.render import chart, comparison_chart, plot, stats_chart, timeline_chart
from incident.events_csv.reader import load
from incident.timeline.reconstruct import reconstruct_all
timeline = reconstruct_all(load(%r).claims)["x-spaces-2024"]
figure = chart.draw("timeline_figure", timeline)
assert figure.axes[0].title.get_fontsize() == 10  # the charts' own style, inside the drawing
plot.render_as(figure, "svg")
assert dict(matplotlib.rcParams) == before, [k for k in before if matplotlib.rcParams[k] != before[k]]
assert matplotlib.get_backend() == "svg"
print("same")
""" % str(Path(__file__).resolve().parents[1] / "events.csv")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and done.stdout == "same\n", done.stderr


def test_the_comparison_title_of_many_incidents_on_their_own_scales_stays_within_the_figure(tmp_path):
    """Past 12 incidents, lanes on their own scales, several pages: the title's longest form runs
    past the figure's edge; what the axis label and the caption also say gives way first."""
    from datetime import datetime, timedelta

    rows = ["incident,event,kind,time,tz,source"]
    for k in range(14):
        start = datetime(2024, 1, 1 + k, 9, 0)
        end = start + timedelta(minutes=5 * 2 ** k)  # 5 min to 28 days: no scale fits them all
        for event, kind, moment in (("impact", "impact_start", start), ("recovered", "recovery", end)):
            rows.append(f"outage-{k:02d},{event},{kind},{moment:%Y-%m-%d %H:%M},UTC,Status page")
    path = tmp_path / "events.csv"
    path.write_text("\n".join(rows) + "\n")
    drawn = lanes(reconstructed(path).values())
    assert len(drawn) == 14
    figures = comparison_pages(drawn, None)
    assert len(figures) > 1
    for figure in figures:
        title = figure.texts[0]
        assert "the 12 of 14 incidents that took longest" in title.get_text()
        box = title.get_window_extent(figure.canvas.get_renderer())
        assert 0 <= box.x0 and box.x1 <= figure.bbox.width  # never cut at the figure's edge


def test_tick_labels_at_the_figure_s_edges_stay_whole_and_apart():
    from matplotlib.figure import Figure
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from incident.render.plot import render_as

    figure = Figure(figsize=(4, 1.5))
    FigureCanvasAgg(figure)
    ax = figure.add_axes((0.02, 0.4, 0.96, 0.5))
    ax.set_xlim(0, 10)
    ax.set_xticks([0.05, 1.2, 5, 8.8, 9.95], ["Jan 14 12:00", "14:00", "16:00", "18:00", "Jan 15 00:00"])
    render_as(figure, "png")
    renderer = figure.canvas.get_renderer()
    shown = [t.get_window_extent(renderer) for t in ax.get_xticklabels() if t.get_visible() and t.get_text()]
    assert all(0 <= box.x0 and box.x1 <= figure.bbox.width for box in shown)
    assert all(a.x1 <= b.x0 for a, b in zip(shown, shown[1:]))
    assert {t.get_text() for t in ax.get_xticklabels() if t.get_visible()} >= {"Jan 14 12:00", "Jan 15 00:00", "16:00"}


def test_a_window_as_wide_as_the_axis_keeps_its_label_whole(tmp_path):
    # the recovery known only to its day spans the whole axis: its label sits over the bar's start, not cut to "12:30–2…"
    path = tmp_path / "events.csv"
    path.write_text(
        "incident,event,kind,time,tz,source,source_type,relative_to,offset_min,label\n"
        "wide,impact-start,impact_start,2026-01-14 12:30,America/New_York,Blog,press,,,Users first affected\n"
        "wide,recovery,recovery,2026-01-14,America/New_York,Blog,press,,,Service works again\n"
        "wide,resolution,resolution,2026-01-14 22:15,America/New_York,Blog,press,,,Incident over\n")
    figure = timeline_chart.timeline_figure(reconstructed(path)["wide"])
    plot.render_as(figure, "png")
    labels = [a.get_text() for a in figure.axes[0].texts if isinstance(a, Annotation) and a.get_text()]
    assert any(text.endswith("Service works again") for text in labels), labels
