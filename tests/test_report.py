"""The postmortem: golden Markdown, determinism, escaping, --check and atomic writes."""

import io
import os
import re
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

import pytest
from freezegun import freeze_time

from incident.cli import main
from incident.render.document import Document, Link, Paragraph, Table, to_html, to_markdown
from incident.events_csv.reader import load
from incident.timeline.reconstruct import reconstruct_all
from incident.render.inputs import ReportInput, generated_at_from_env
from incident.render.report import build_report

from conftest import EVENTS, ROOT

DATA = Path(__file__).parent / "data"
FIXTURE = DATA / "fixture.csv"
GOLDEN = DATA / "golden" / "launch-2025.md"


def report_input(path=FIXTURE, generated_at=None):
    events = load(path).raise_for_errors()
    return ReportInput(reconstruct_all(events.claims), tuple(events.diagnostics), path.name, events.sha256, generated_at)


@pytest.fixture(scope="module")
def fixture_files():
    return build_report(report_input())


def run(*argv):
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_golden_markdown(fixture_files):
    got = fixture_files["launch-2025.md"].decode("utf-8")
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.write_text(got, encoding="utf-8")
    assert got == GOLDEN.read_text(encoding="utf-8")


def test_report_lists_every_output_file(fixture_files):
    # one incident: no comparison (a comparison of one is none)
    assert sorted(fixture_files) == [
        "charts/launch-2025-timeline.png", "charts/launch-2025-timeline.svg",
        "index.html", "index.md", "launch-2025.html", "launch-2025.md",
    ]
    assert "comparison" not in fixture_files["index.md"].decode()


def test_no_png_draws_svg_only_and_markdown_then_links_it(fixture_files, tmp_path):
    """--no-png: each chart as SVG only (half the drawing), which the Markdown then links; nothing
    else differs, and the SVG is the same bytes."""
    svg_only = build_report(report_input(), png=False)
    assert sorted(svg_only) == sorted(name for name in fixture_files if not name.endswith(".png"))
    assert svg_only["charts/launch-2025-timeline.svg"] == fixture_files["charts/launch-2025-timeline.svg"]
    png_text, svg_text = fixture_files["launch-2025.md"].decode(), svg_only["launch-2025.md"].decode()
    assert "(charts/launch-2025-timeline.png)" in png_text
    assert svg_text == png_text.replace("(charts/launch-2025-timeline.png)", "(charts/launch-2025-timeline.svg)")
    assert {n: d for n, d in svg_only.items() if not n.endswith(".md")} == \
        {n: d for n, d in fixture_files.items() if not n.endswith((".md", ".png"))}
    out = tmp_path / "reports"
    code, _, err = run("report", "--no-png", "--events", str(FIXTURE), "--out", str(out))
    assert code == 0 and not list(out.glob("charts/*.png")) and (out / "charts" / "launch-2025-timeline.svg").is_file()
    code, _, err = run("report", "--events", str(FIXTURE), "--out", str(out))  # the full report again: the PNGs come back
    assert code == 0 and (out / "charts" / "launch-2025-timeline.png").is_file()
    assert "(charts/launch-2025-timeline.png)" in (out / "launch-2025.md").read_text(encoding="utf-8")


def test_two_incidents_get_a_comparison():
    files = build_report(report_input(EVENTS))
    assert {"comparison-live-events.md", "charts/comparison-live-events.png", "charts/comparison-live-events.svg"} <= set(files)
    text = files["comparison-live-events.md"].decode()
    assert "![desantis-2023 began 26 min after its scheduled start; x-spaces-2024 began 42 min after" in text


def test_markdown_has_the_postmortem_sections(fixture_files):
    text = fixture_files["launch-2025.md"].decode()
    headings = [line for line in text.splitlines() if line.startswith("## ")]
    assert headings == ["## Summary", "## Impact", "## Timeline", "## Root causes and trigger", "## Detection",
                        "## Resolution", "## Metrics", "## Action items", "## Lessons learned", "## Data quality", "## Sources",
                        "## Glossary"]
    assert "### Stated causes" in text
    # no postmortem file: the report says so, and how to start one
    assert "No postmortem file: every section the analyst writes is empty. Start one with `incident new launch-2025 --postmortem-only`" in text
    # 10:20, 10:20 and 10:21 meet in 10:20:30–10:20:59: the launch was 20–21 minutes late
    assert "**20 min late**" in text  # two sources write 10:20, one 10:21: the minute shown is 10:20
    assert "set aside Forum “10:35” (line 10), 6; kept: " in text


def test_rendering_twice_gives_the_same_bytes(fixture_files):
    assert build_report(report_input()) == fixture_files


def test_the_wall_clock_does_not_reach_the_output():
    with freeze_time("2001-01-01 00:00:00"):
        early = build_report(report_input())
    with freeze_time("2031-07-15 13:45:00"):
        late = build_report(report_input())
    assert early == late


def test_source_date_epoch_sets_the_generated_stamp():
    assert generated_at_from_env({}) is None
    stamp = generated_at_from_env({"SOURCE_DATE_EPOCH": "1700000000"})
    assert stamp == datetime(2023, 11, 14, 22, 13, 20, tzinfo=timezone.utc)
    files = build_report(report_input(generated_at=stamp))
    assert b"on 2023-11-14." in files["index.md"]
    with pytest.raises(ValueError, match="not a Unix time"):
        generated_at_from_env({"SOURCE_DATE_EPOCH": "yesterday"})


def test_html_is_one_self_contained_file(fixture_files):
    page = fixture_files["launch-2025.html"].decode()
    assert page.count("<svg") == 1  # the one timeline, inline
    assert "<script" not in page
    assert "<img" not in page and "<link" not in page
    assert "src=" not in page and "@import" not in page
    assert '<section id="launch-2025">' in page
    assert "<title>Postmortem: launch-2025</title>" in page
    assert '<nav><a href="index.html">All reports</a></nav>' in page
    index = fixture_files["index.html"].decode()
    assert '<section id="index">' in index and '<a href="launch-2025.html">launch-2025</a>' in index
    assert "index.html" not in index.split("<footer>")[0].split("</nav>")[-1]  # no link to itself
    # the ids of two inline charts never collide
    import re
    ids = re.findall(r'\sid="([^"]+)"', page)
    assert len(ids) == len(set(ids))


def test_html_escapes_everything_from_events_csv(fixture_files):
    page = fixture_files["launch-2025.html"].decode()
    assert "It was &lt;b&gt;load&lt;/b&gt; &amp; &quot;demand&quot;" in page
    assert "<b>load</b>" not in page
    assert 'href="javascript:' not in page
    assert '<a href="https://example.com/blog?a=1&amp;b=2">' in page


def test_hostile_text_is_escaped_in_both_formats():
    doc = Document("T <script>")
    doc.add(Paragraph(["a | b ", Link("click", "javascript:alert(1)"), " ", Link("ok", "https://example.org/x")]))
    doc.add(Table(["h"], [["x|y\nz"]]))
    md = to_markdown(doc)
    assert "# T \\<script>" in md  # the '<' that would open a tag is escaped
    from markdown_it import MarkdownIt

    assert "<script" not in MarkdownIt("commonmark", {"html": True}).render(md)  # read with raw HTML allowed
    assert "click (javascript:alert(1))" in md and "[click]" not in md
    assert "[ok](https://example.org/x)" in md
    assert "| x\\|y z |" in md
    page = to_html([("t", doc)], {}, "t", "f")
    assert "&lt;script&gt;" in page and "<script>" not in page
    assert 'href="javascript' not in page


def test_report_command_writes_then_check_passes(tmp_path):
    out = tmp_path / "reports"
    (out / "charts").mkdir(parents=True)
    (out / "mine.txt").write_text("analyst's own file")
    code, _, err = run("report", "--events", str(FIXTURE), "--out", str(out))
    assert code == 0, err
    assert (out / "mine.txt").read_text() == "analyst's own file"  # nothing it did not write is removed
    assert [p.name for p in out.rglob(".*") if p.is_file()] == [".incident-report.json"]  # no temporary files left behind
    code, _, err = run("report", "--events", str(FIXTURE), "--out", str(out), "--check")
    assert code == 0, err


def test_check_names_each_stale_file_and_writes_nothing(tmp_path):
    out = tmp_path / "reports"
    run("report", "--events", str(FIXTURE), "--out", str(out))
    (out / "index.md").write_text("edited by hand\n")
    (out / "charts" / "launch-2025-timeline.svg").unlink()
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    code, out_text, err = run("report", "--events", str(FIXTURE), "--out", str(out), "--check")
    assert code == 1 and out_text == ""
    stale = sorted(line.split(":")[0] for line in err.splitlines())
    assert stale == [str(out / "charts" / "launch-2025-timeline.svg"), str(out / "index.md")]
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before


def test_invalid_events_write_nothing(tmp_path, write):
    bad = write("incident,event,kind,time,tz,source\nx,a,other,2024-08-12 25:00,ET,AP\n")
    code, _, err = run("report", "--events", str(bad), "--out", str(tmp_path / "r"))
    assert code == 1 and ":2: time:" in err
    assert not (tmp_path / "r").exists()


def test_committed_reports_are_up_to_date():
    code, _, err = run("report", "--events", str(EVENTS), "--out", str(ROOT / "reports"), "--check", "--fresh")
    assert code == 0, err


def _report_files(out):
    return {p: p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def test_an_unchanged_report_is_known_from_its_build_record(tmp_path):
    """The record lists every file with its digest; a run with the same inputs and code over
    untouched files has nothing to do (and imports none of the heavy libraries to find out)."""
    import json

    out = tmp_path / "reports"
    code, _, err = run("report", "--events", str(FIXTURE), "--out", str(out))
    assert code == 0, err
    record = json.loads((out / ".incident-report.json").read_text())
    assert sorted(record["files"]) == sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.is_file() and p.name != ".incident-report.json")
    before = _report_files(out)
    script = (
        "import sys; from incident.cli import main; "
        f"rc = main(['report', '--events', {str(FIXTURE)!r}, '--out', {str(out)!r}, '--check']); "
        "print(rc, *sorted(m for m in ('pandas', 'matplotlib', 'pydantic', 'numpy') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT)
    assert done.stdout.split() == ["0"], done.stderr
    assert f"{out}: {len(record['files'])} files up to date" in done.stderr
    code, _, err = run("report", "--events", str(FIXTURE), "--out", str(out))
    assert code == 0 and f"wrote no file, {len(record['files'])} unchanged" in err
    assert _report_files(out) == before


def test_the_build_record_never_hides_a_change(tmp_path, write):
    out = tmp_path / "reports"
    events = write(FIXTURE.read_text())
    run("report", "--events", str(events), "--out", str(out))
    # a report file edited by hand
    (out / "index.md").write_text("edited\n")
    code, _, err = run("report", "--events", str(events), "--out", str(out), "--check")
    assert code == 1 and "index.md: would change" in err
    run("report", "--events", str(events), "--out", str(out))
    # the events file changed: another key
    events.write_text(FIXTURE.read_text().replace("Launch", "Lunch", 1))
    code, _, err = run("report", "--events", str(events), "--out", str(out), "--check")
    assert code == 1 and "would change" in err
    run("report", "--events", str(events), "--out", str(out))
    # a postmortem file appears beside the events file
    (events.parent / "postmortems").mkdir()
    (events.parent / "postmortems" / "launch-2025.md").write_text("## Summary\n\nA launch that slipped.\n")
    code, _, err = run("report", "--events", str(events), "--out", str(out), "--check")
    assert code == 1 and "launch-2025.md: would change" in err
    # a record that lies about a file is not believed
    run("report", "--events", str(events), "--out", str(out))
    record = out / ".incident-report.json"
    record.write_text(record.read_text().replace('"index.md": "', '"index.md": "0'))
    (out / "index.md").write_text("edited again\n")
    code, _, err = run("report", "--events", str(events), "--out", str(out), "--check")
    assert code == 1 and "index.md: would change" in err


def test_check_writes_no_build_record_and_fresh_trusts_none(tmp_path):
    out = tmp_path / "reports"
    code, _, err = run("report", "--events", str(FIXTURE), "--out", str(out), "--check")
    assert code == 1 and not out.exists()
    run("report", "--events", str(FIXTURE), "--out", str(out))
    (out / "charts" / "launch-2025-timeline.png").write_bytes(b"not a chart")
    record = (out / ".incident-report.json").read_bytes()
    code, _, err = run("report", "--events", str(FIXTURE), "--out", str(out), "--fresh")
    assert code == 0 and "wrote 1 file," in err
    assert (out / ".incident-report.json").read_bytes() == record  # the same build, the same record


CHILD = """
import sys
from pathlib import Path
from incident.events_csv.reader import load
from incident.timeline.reconstruct import reconstruct_all
from incident.render.report import ReportInput, build_report
events = load(sys.argv[1])
files = build_report(ReportInput(reconstruct_all(events.claims), tuple(events.diagnostics), "events.csv", events.sha256))
out = Path(sys.argv[2])
for name in ("charts/comparison-live-events.png", "charts/comparison-live-events.svg", "index.html", "x-spaces-2024.html"):
    (out / name.replace("/", "_")).write_bytes(files[name])
"""


def test_charts_are_identical_across_processes_zones_and_locales(tmp_path):
    """Like matplotlib's own test_determinism: separate processes must give the same bytes."""
    outputs = []
    for index, env_extra in enumerate([{"TZ": "UTC", "LC_ALL": "C"}, {"TZ": "Asia/Tokyo", "LC_ALL": "C.UTF-8", "PYTHONHASHSEED": "7"}]):
        out = tmp_path / str(index)
        out.mkdir()
        env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"} | env_extra
        subprocess.run([sys.executable, "-c", CHILD, str(EVENTS), str(out)], check=True, env=env)
        outputs.append({p.name: p.read_bytes() for p in out.iterdir()})
    assert outputs[0] == outputs[1]
    assert outputs[0]["charts_comparison-live-events.png"].startswith(b"\x89PNG")
    assert b"Date" not in outputs[0]["charts_comparison-live-events.svg"].split(b"<defs>")[0]


def test_charts_carry_a_stamp_of_what_they_depend_on(fixture_files):
    from incident.render.drawing import chart_stamp

    png, svg = fixture_files["charts/launch-2025-timeline.png"], fixture_files["charts/launch-2025-timeline.svg"]
    stamp = png.split(b"incident-chart ")[1][:64]
    assert stamp in svg
    assert chart_stamp("a", (1,)) != chart_stamp("a", (2,)) != chart_stamp("b", (1,))


def test_up_to_date_charts_are_reused_not_drawn(tmp_path, monkeypatch):
    import incident.render.plot as chart_module

    out = tmp_path / "reports"
    assert run("report", "--events", str(FIXTURE), "--out", str(out))[0] == 0

    def no_drawing(*args, **kwargs):
        raise AssertionError("a chart was drawn again")

    monkeypatch.setattr(chart_module, "render_as", no_drawing)
    code, _, err = run("report", "--events", str(FIXTURE), "--out", str(out), "--check")
    assert code == 0, err


def test_a_chart_edited_by_hand_or_from_other_data_is_drawn_again(tmp_path, write):
    out = tmp_path / "reports"
    assert run("report", "--events", str(FIXTURE), "--out", str(out))[0] == 0
    (out / "charts" / "launch-2025-timeline.png").write_bytes(b"not the chart")
    code, _, err = run("report", "--events", str(FIXTURE), "--out", str(out), "--check")
    assert code == 1 and "launch-2025-timeline.png: would change" in err
    changed = write(FIXTURE.read_text().replace("10:15,Europe/London", "10:16,Europe/London"), "changed.csv")
    code, _, err = run("report", "--events", str(changed), "--out", str(out), "--check")
    assert code == 1
    stale = {line.split(":")[0].rsplit("/", 1)[-1] for line in err.splitlines()}
    assert {"launch-2025-timeline.png", "launch-2025-timeline.svg"} <= stale


def test_report_takes_incidents_and_a_display_zone(tmp_path):
    out = tmp_path / "out"
    code, _, err = run("report", "x-spaces-2024", "--tz", "UTC", "--events", str(EVENTS), "--out", str(out))
    assert code == 0, err
    assert sorted(p.name for p in out.iterdir() if p.is_file()) == [".incident-report.json", "index.html", "index.md", "x-spaces-2024.html", "x-spaces-2024.md"]
    text = (out / "x-spaces-2024.md").read_text()
    assert "All times are UTC.\n" in text and "with local time" not in text  # local time in UTC is UTC: said once
    assert "Scheduled for 2024-08-13 00:00 UTC. " in text
    assert re.search(r"\| 2024-08-13 01:40 \| [^|]+ \| [^|]* \| [a-z_]+ \|", text)  # event, what happened, kind: no local column repeating the UTC clock
    assert "| local |" not in text and "local time in UTC" not in text
    code, _, err = run("report", "nope", "--events", str(EVENTS), "--out", str(out))
    assert code == 2 and "no incident 'nope'" in err


def test_the_display_zone_is_utc_when_most_claims_are_written_in_utc(write):
    rows = "".join(f"x,e{i},other,2024-05-01 10:0{i},UTC,S{i}\n" for i in range(5))
    rows += "x,f,other,2024-05-01 06:10,ET,Press\nx,g,other,2024-05-01 06:11,ET,Press\n"
    path = write("incident,event,kind,time,tz,source\n" + rows)
    timelines = reconstruct_all(load(path).claims)
    assert timelines["x"].zone == "UTC"
    path = write("incident,event,kind,time,tz,source,source_type\n"
                 "x,a,other,2024-05-01 06:10,ET,Press,press\nx,b,other,2024-05-01 06:11,ET,Press,press\n"
                 "x,c,other,2024-05-01 03:12,PT,Operator,operator\n", "op.csv")
    assert reconstruct_all(load(path).claims)["x"].zone == "America/Los_Angeles"  # the operator's zone


def test_a_comparison_of_many_incidents_stays_readable(tmp_path, write):
    """Past the chart's 12 lanes the comparison is the spread of each metric and one row per
    incident, longest first: its width does not grow with the number of incidents."""
    rows = ["incident,event,kind,time,tz,source"]
    for i in range(15):
        rows += [f"i-{i:02d},start,impact_start,2024-05-0{1 + i % 9} 05:00,UTC,S", f"i-{i:02d},back,recovery,2024-05-0{1 + i % 9} {6 + i:02d}:{i:02d},UTC,S"]
    events = write("\n".join(rows) + "\n")
    out = tmp_path / "out"
    code, _, err = run("report", "--events", str(events), "--out", str(out))
    assert code == 0, err
    text = (out / "comparison-outages.md").read_text()
    assert text.startswith("# Comparison of 15 incidents\n")
    spread = text.split("## How the metrics spread")[1].split("## Every incident")[0]
    assert "| Time to recover | 15 | 0 | 60 min | 8 h 07 min | 13 h 49 min |" in spread  # 1 h to 15 h 14 min: the 8th, and 90 % between the 13th and 14th
    assert "15 h 14 min ([i-14](i-14.md))" in spread
    table = text.split("## Every incident, longest first")[1].strip().splitlines()
    assert table[0] == "| incident | time to recover | impact duration |"  # only the metrics some incident has
    assert len(table) == 2 + 15
    assert table[2].startswith("| [i-14](i-14.md) |") and table[-1].startswith("| [i-00](i-00.md) |")


def test_each_event_without_an_estimate_says_why_and_what_window_it_has(tmp_path, write):
    path = write("incident,event,kind,time,tz,bound,source\n"
                 "x,start,impact_start,2024-05-01 10:00,UTC,,Ops\n"
                 "x,noticed,acknowledgement,2024-05-01 10:20,UTC,not_after,Ops\n"
                 "x,talk,communication,2024-05-01,UTC,,Press\n"
                 "x,end,recovery,2024-05-01 11:00,UTC,,Ops\n")
    assert run("report", "--events", str(path), "--out", str(tmp_path / "out"))[0] == 0
    text = (tmp_path / "out" / "x.md").read_text()
    section = text.split("### Events without an estimate", 1)[1].split("\n## ", 1)[0]
    assert "- noticed — known only from bounds, window May 01 10:00–May 01 10:20." in section
    assert "| May 01 10:00–May 01 10:20 |" in text  # the timeline table's window: the same string
    assert "- talk — the sources give the day only." in section
    assert "start" not in section and "wider than an hour" not in text


def test_every_link_between_the_html_reports_reaches_a_page_and_a_section(tmp_path):
    # two incidents compared: the comparison is a section of index.html, and each postmortem's links to it land there
    files = build_report(report_input(EVENTS), png=False)
    pages = {name: data.decode("utf-8") for name, data in files.items() if name.endswith(".html")}
    hrefs = {(name, href) for name, page in pages.items() for href in re.findall(r'href="([^"]+)"', page)
             if not href.startswith(("http://", "https://", "mailto:"))}
    assert any("comparison" in href for _, href in hrefs)
    for name, href in sorted(hrefs):
        page, _, fragment = href.partition("#")
        target = pages.get(page or name)
        assert target is not None, f"{name} links to {href}: no such page"
        assert not fragment or f'id="{fragment}"' in target, f"{name} links to {href}: no such section"


def test_a_character_the_charts_font_lacks_gives_no_python_warning(tmp_path):
    """An emoji in a label (a chat message's, imported) is drawn as the font's empty box; stderr
    says what was written and nothing of matplotlib's glyph warnings, with their source lines."""
    events = tmp_path / "events.csv"
    events.write_text("incident,event,kind,label,time,tz,source,source_type\n"
                      "svc-2025,impact-start,impact_start,Errors begin \u237b \U0001f525,2025-03-04 10:00,UTC,Ops log,operator\n"
                      "svc-2025,recovery,recovery,Errors end,2025-03-04 10:06,UTC,Ops log,operator\n", encoding="utf-8")
    out = tmp_path / "reports"
    result = subprocess.run([sys.executable, "-m", "incident", "report", "--events", str(events), "--out", str(out)],
                            capture_output=True, text=True, env={**os.environ, "PYTHONWARNINGS": "default"})
    assert result.returncode == 0, result.stderr
    assert "Warning" not in result.stderr and "Glyph" not in result.stderr, result.stderr
    assert (out / "charts" / "svc-2025-timeline.png").read_bytes().startswith(b"\x89PNG")
    assert "Errors begin \u237b \U0001f525" in (out / "svc-2025.md").read_text(encoding="utf-8")
