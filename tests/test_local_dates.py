"""A clock printed beside a dated one carries its own date when its day is another: an evening in
New York beside the UTC column's next day, a morning in Tokyo beside UTC's day before. Checked as a
reader reads a row: each time in it, taken with the date shown for it (its own, else the dated
column's), names the same instant as the other; in the report's table (Markdown and HTML), the
terminal's timeline, and the prose that puts UTC in brackets."""

import io
import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from incident.cli import main
from incident.events_csv.reader import load
from incident.render.inputs import ReportInput
from incident.render.report import build_report
from incident.timeline.reconstruct import reconstruct_all

HEAD = "incident,event,kind,label,time,tz,bound,until,source\n"
CASES = {
    # an evening in New York: UTC's next day
    "ny": ("America/New_York", [("impact", "impact_start", "2024-08-12 20:05", "", ""), ("seen", "detection", "2024-08-12 19:58", "", ""),
                                ("late", "recovery", "2024-08-12 23:40", "", ""), ("after", "communication", "2024-08-12 20:40", "not_before", ""),
                                ("by", "mitigation", "2024-08-12 21:31", "not_after", ""),
                                ("span", "resolution", "2024-08-12 23:50", "", "2024-08-13 00:10")]),
    # a morning in Tokyo: UTC's day before
    "tokyo": ("Asia/Tokyo", [("impact", "impact_start", "2024-03-05 07:10", "", ""), ("fix", "recovery", "2024-03-05 09:45", "", ""),
                             ("by", "acknowledgement", "2024-03-05 08:20", "not_after", "")]),
    # a day where both zones agree: no date beside the clock
    "london": ("Europe/London", [("impact", "impact_start", "2024-01-09 14:00", "", ""), ("fix", "recovery", "2024-01-09 15:30", "", "")]),
}
LOCAL = re.compile(r"(?:(?:by|after) )?(?:(\d{4}-\d\d-\d\d) )?(\d\d:\d\d)(?:–(?:(\d{4}-\d\d-\d\d) )?(\d\d:\d\d))?(?: [A-Z]{2,5}|Z)?")


def events_text(name):
    zone, rows = CASES[name]
    return HEAD + "".join(f"{name},{e},{k},{k} {e},{t},{zone},{b},{u},Ops\n" for e, k, t, b, u in rows)


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    path = tmp_path_factory.mktemp("dates") / "events.csv"
    path.write_text(HEAD + "".join(events_text(name)[len(HEAD):] for name in CASES), encoding="utf-8")
    events = load(path).raise_for_errors()
    return path, build_report(ReportInput(reconstruct_all(events.claims), tuple(events.diagnostics), path.name, events.sha256, None))


def instants(cell: str, date: str, zone: str) -> list[datetime]:
    """The instants a cell names ('20:05 EDT', '2024-08-12 20:05 EDT', 'after 20:40', '23:50–00:10'),
    a clock without a date of its own on `date`; an end clock earlier than its start on the next day."""
    found = LOCAL.fullmatch(cell.strip())
    assert found, cell
    day1, clock1, day2, clock2 = found.groups()
    first = datetime.fromisoformat(f"{day1 or date} {clock1}").replace(tzinfo=ZoneInfo(zone))
    if clock2 is None:
        return [first]
    second = datetime.fromisoformat(f"{day2 or (day1 or date)} {clock2}").replace(tzinfo=ZoneInfo(zone))
    return [first, second if second >= first else second + timedelta(days=1)]


def check_rows(pairs, zone: str, main_zone: str) -> int:
    """Each (dated main cell, cell beside it): the same instants read either way."""
    checked = 0
    for main_cell, other in pairs:
        if other in ("—", "") or "(day" in main_cell:
            continue
        date = re.search(r"\d{4}-\d\d-\d\d", main_cell).group()
        assert instants(other, date, zone) == instants(main_cell, date, main_zone), (main_cell, other)
        checked += 1
    return checked


def table_rows(markdown: str, name: str):
    lines = markdown.split("## Timeline", 1)[1].split("\n")
    header = next(line for line in lines if line.startswith("|  | UTC |"))
    columns = [c.strip() for c in header.strip("|").split("|")]
    utc, local = columns.index("UTC"), columns.index("local")
    for line in lines[lines.index(header) + 2:]:
        if not line.startswith("|"):
            break
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        yield cells[utc], cells[local]


@pytest.mark.parametrize("name", sorted(CASES))
def test_the_report_table_dates_a_local_clock_on_another_day_than_utc(files, name):
    _, report = files
    markdown = report[f"{name}.md"].decode()
    zone = CASES[name][0]
    rows = list(table_rows(markdown, name))
    assert check_rows(rows, zone, "UTC") >= len(CASES[name][1]) - 1
    if name == "ny":  # the evening's clocks carry the local date; the row whose days agree does not
        assert any(local.startswith("2024-08-12 20:05") for _, local in rows)
        assert ("2024-08-12 23:58", "19:58 EDT") in rows
    if name == "london":
        assert all(not re.match(r"\d{4}", local) for _, local in rows)
    html = report[f"{name}.html"].decode()
    for _, local in rows:  # the HTML page's table says the same
        assert re.search(f"<td[^>]*>{re.escape(local)}</td>", html), local


@pytest.mark.parametrize("name", sorted(CASES))
def test_the_terminal_timeline_dates_a_utc_clock_on_another_day_than_local(files, name):
    path, _ = files
    out = io.StringIO()
    assert main(["timeline", name, "--events", str(path)], stdout=out, stderr=io.StringIO()) == 0
    lines = out.getvalue().splitlines()
    header = next(i for i, line in enumerate(lines) if "local (" in line)
    start, end = lines[header].index("local ("), lines[header].index("UTC")
    window = lines[header].index("window")
    pairs = [(line[start:end].strip(), line[end:window].strip()) for line in lines[header + 1:] if line.strip() and line[start:end].strip()
             and re.match(r"(by |after )?\d{4}", line[start:end].strip())]
    assert check_rows(pairs, "UTC", CASES[name][0]) >= len(CASES[name][1]) - 1


def test_utc_in_brackets_carries_its_date_on_another_day(files):
    _, report = files
    text = report["ny.md"].decode()
    said = re.findall(r"(\d{4}-\d\d-\d\d \d\d:\d\d) [A-Z]{3,4} \(((?:\d{4}-\d\d-\d\d )?\d\d:\d\d) UTC\)", text)
    assert said
    for local, utc in said:
        assert check_rows([(local, utc + "Z")], "UTC", "America/New_York") == 1
