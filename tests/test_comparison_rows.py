"""The comparison tables show the metrics the compared incidents can have: a live event's delay and
duration are no rows of a comparison of outages; a metric a compared incident lacks for want of a
milestone stays, its cell saying why."""

from incident.events_csv.reader import load
from incident.render.document import to_markdown
from incident.render.incident_doc import side_by_side
from incident.render.inputs import ReportInput
from incident.render.report import build_report, comparison_document
from incident.timeline.reconstruct import reconstruct_all

HEAD = "incident,event,kind,time,tz,source\n"


def outage(name: str, day: int, detected: bool = True, resolved: bool = True) -> str:
    rows = [f"{name},impact,impact_start,2024-05-{day:02d} 10:00,UTC,Ops\n", f"{name},back,recovery,2024-05-{day:02d} 10:40,UTC,Ops\n"]
    if detected:
        rows.append(f"{name},alert,detection,2024-05-{day:02d} 10:05,UTC,Ops\n")
    if resolved:
        rows.append(f"{name},over,resolution,2024-05-{day:02d} 11:00,UTC,Ops\n")
    return "".join(rows)


LIVE = """\
launch,due,scheduled_start,2024-05-20 18:00,UTC,Host
launch,impact,impact_start,2024-05-20 18:00,UTC,Host
launch,begins,recovery,2024-05-20 18:25,UTC,Host
"""


def timelines_of(write, text: str):
    return reconstruct_all(load(write(HEAD + text)).raise_for_errors().claims)


def table_rows(markdown: str) -> dict[str, list[str]]:
    """The metric rows of the (first) side-by-side table: {metric: cells}."""
    lines = markdown.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("| metric |"))
    rows = {}
    for line in lines[start + 2:]:
        if not line.startswith("|"):
            break
        cells = [c.strip() for c in line.strip("|").split("|")]
        rows[cells[0]] = cells[1:]
    return rows


def test_a_comparison_of_outages_has_no_live_event_rows_and_says_why_a_cell_is_empty(write):
    timelines = timelines_of(write, outage("alpha", 1) + outage("beta", 2, detected=False))
    rows = table_rows(to_markdown(comparison_document(timelines, "comparison-outages")))
    assert "Delay" not in rows and "Duration" not in rows  # no outage has a scheduled start
    assert rows["Time to detect"][1] == "— (no detection or report)"  # empty by missing data: shown, with why
    assert rows["Time to detect"][0].startswith("5 min")
    assert all(cell.startswith("40 min") for cell in rows["Time to recover"])


def test_each_postmortem_compares_its_outage_without_live_event_rows(write):
    path = write(HEAD + outage("alpha", 1) + outage("beta", 2, resolved=False))
    events = load(path).raise_for_errors()
    files = build_report(ReportInput(reconstruct_all(events.claims), tuple(events.diagnostics), path.name, events.sha256, None))
    for name in ("alpha", "beta"):
        section = files[f"{name}.md"].decode().split("## Comparison", 1)[1]
        rows = table_rows(section)
        assert "Delay" not in rows and "Duration" not in rows
        assert "— (no resolution)" in rows["Time to resolve"]
        assert "<td>Delay</td>" not in files[f"{name}.html"].decode().split("Comparison", 1)[1]


def test_a_live_event_beside_an_outage_keeps_its_rows_and_the_outage_says_why_it_has_none(write):
    timelines = timelines_of(write, outage("alpha", 1) + LIVE)
    rows = table_rows(to_markdown_table(side_by_side(timelines, ["launch", "alpha"])))
    assert rows["Delay"][0].startswith("25 min") and rows["Delay"][1] == "— (an outage: no scheduled start)"
    assert rows["Duration"] == ["— (no end)", "— (an outage: no scheduled start)"]  # the live event lacks its end


def test_a_comparison_of_live_events_keeps_a_row_empty_for_want_of_a_milestone(write):
    timelines = timelines_of(write, LIVE + LIVE.replace("launch", "second"))
    rows = table_rows(to_markdown(comparison_document(timelines, "comparison-live-events")))
    assert rows["Duration"] == ["— (no end)", "— (no end)"]
    assert all(cell.startswith("25 min") for cell in rows["Delay"])


def test_a_comparison_of_many_outages_spreads_no_live_event_metric(write):
    timelines = timelines_of(write, "".join(outage(f"o{day:02d}", day) for day in range(1, 15)))
    markdown = to_markdown(comparison_document(timelines, "comparison-outages"))
    spread = markdown.split("## How the metrics spread", 1)[1].split("## ", 1)[0]
    assert "| Time to recover | 14 |" in spread
    assert "| Delay |" not in spread and "| Duration |" not in spread


def to_markdown_table(table) -> str:
    from incident.render.document import Document

    doc = Document("t")
    doc.add(table)
    return to_markdown(doc)
