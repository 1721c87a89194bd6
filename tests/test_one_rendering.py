"""One moment, one rendering: every view of the shipped reports prints each event's time as the
same string — the terminal timeline, explain, the Markdown and HTML tables and summary, the chart
(its SVG text and hover titles) — and metrics are differences of those instants."""

import html
import re

import pytest

from incident.events_csv import reader as events_csv
from incident.render import times
from incident.cli import main
from incident.timeline.metrics import compute
from incident.timeline.reconstruct import reconstruct_all

from conftest import EVENTS, ROOT

REPORTS = ROOT / "reports"


@pytest.fixture(scope="module")
def timelines():
    return reconstruct_all(events_csv.load(str(EVENTS)).claims)


def run(*argv):
    import io

    out, err = io.StringIO(), io.StringIO()
    assert main([*argv, "--events", str(EVENTS)], stdout=out, stderr=err) == 0, err.getvalue()
    return out.getvalue()


def rows_naming(text: str, label: str) -> list[str]:
    return [line for line in text.splitlines() if label in line]


CLOCK = re.compile(r"(?<![\d:])\d{2}:\d{2}(?::\d{2})?(?![\d:])")


@pytest.mark.parametrize("incident", ["x-spaces-2024", "desantis-2023"])
def test_each_event_reads_the_same_in_every_view(timelines, incident):
    timeline = timelines[incident]
    zone = timeline.zone
    terminal = run("timeline", incident)
    markdown = (REPORTS / f"{incident}.md").read_text()
    page = html.unescape((REPORTS / f"{incident}.html").read_text())
    svg = html.unescape((REPORTS / "charts" / f"{incident}-timeline.svg").read_text())
    table_rows = [line for line in markdown.splitlines() if line.startswith("| ")]
    header = next([cell.strip() for cell in r.split("|")] for r in table_rows if "| UTC | event |" in r)
    utc_column, local_column = header.index("UTC"), header.index("local")
    checked = 0
    for event in timeline.events:
        if event.shown is None:
            continue
        local, utc = times.clock(event, zone), times.clock(event, "UTC")
        label = event.label
        # the terminal: its local and UTC columns
        from incident.render.text import _short

        (line,) = [r for r in rows_naming(terminal, _short(label, 44)) if event.kind.value in r]
        assert CLOCK.findall(line.split(event.kind.value)[0])[:2] == [local, utc], line
        # the Markdown timeline table: UTC and local cells
        row = next(r for r in table_rows if f"| {label} |" in r and event.kind.value.replace("_", "\\_") in r)
        cells = [cell.strip() for cell in row.split("|")]  # | mark | UTC | event | what happened | local | kind | …
        clocks = CLOCK.findall(cells[utc_column]) + CLOCK.findall(cells[local_column])
        assert clocks == [utc, local], (row, clocks)
        # the HTML page's table says the same
        assert f"{times.date_clock(event, 'UTC')}" in page and f"{local} {times.zone_name(event.shown, zone)}" in page
        # explain
        said = run("explain", incident, event.event)
        assert f"estimate  {times.when(event, zone)}" in said
        # the chart: the row label ('! 20:42 Conversation starts …', dated when beyond the axis) and
        # the hover title of its marker
        from incident.render.plot import short

        drawn = f"{local} {short(label, 64)}"
        assert any(text.lstrip("!? ").endswith(drawn) for text in re.findall(r">([^<]*)<", svg)), drawn
        assert f"estimate {times.when(event, zone)}" in svg
        checked += 1
    assert checked >= 10


def test_the_flagship_says_8_42_and_42_minutes_everywhere(timelines):
    start = timelines["x-spaces-2024"]["conversation-start"]
    assert times.clock(start, "America/New_York") == "20:42" and times.clock(start, "UTC") == "00:42"
    delay = next(m for m in compute(timelines["x-spaces-2024"]) if m.metric == "delay")
    assert delay.shown == pytest.approx(42, abs=0.05)  # read as 42 (the printed instants), inside its range
    assert delay.low <= delay.minutes <= delay.high and delay.low <= delay.shown <= delay.high
    markdown = (REPORTS / "x-spaces-2024.md").read_text()
    assert "20:41" not in markdown and "00:41" not in markdown.replace("00:41:30", "").replace("00:41:59", "")
    assert "**42 min late**" in markdown
    desantis = timelines["desantis-2023"]["desantis-announces"]
    assert times.clock(desantis, "America/New_York") == "18:26"
    assert "18:25" not in (REPORTS / "desantis-2023.md").read_text()


def test_a_metric_is_the_difference_of_the_printed_instants(timelines):
    """As a reader sees it: the difference of the printed instants, unless that would leave the range
    (then the range's nearest end: the number is never changed by its rendering, format 1.3)."""
    for timeline in timelines.values():
        for m in compute(timeline):
            if m.shown is not None:
                printed = (m.end.shown - m.start.shown) / 60
                assert m.shown == printed or m.shown in (m.low, m.high, 0)
                assert round(m.shown) == round(printed) or round(m.shown) in (round(m.low), round(m.high))
