"""Which incidents are compared: outages with outages, live events with live events, or those a
postmortem's `compare:` line names; and adding an incident leaves every other file as it was."""

import io
import shutil

from incident.cli import main

OUTAGES = """incident,event,kind,time,tz,source,source_type
cdn-2024,start,impact_start,2024-05-01 10:00,UTC,Acme,operator
cdn-2024,back,recovery,2024-05-01 10:40,UTC,Acme,operator
db-2024,start,impact_start,2024-06-01 08:00,UTC,Acme,operator
db-2024,back,recovery,2024-06-01 09:15,UTC,Acme,operator
"""
LIVE = """launch-2024,due,scheduled_start,2024-07-01 18:00,UTC,Press,press
launch-2024,began,recovery,2024-07-01 18:20,UTC,Press,press
show-2024,due,scheduled_start,2024-08-01 20:00,UTC,Press,press
show-2024,began,recovery,2024-08-01 20:05,UTC,Press,press
"""
NEW = """api-2025,start,impact_start,2025-01-10 12:00,UTC,Acme,operator
api-2025,back,recovery,2025-01-10 12:30,UTC,Acme,operator
"""


def run(*argv):
    out, err = io.StringIO(), io.StringIO()
    code = main([str(a) for a in argv], stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def report(folder, out="reports"):
    code, _, err = run("report", "--events", folder / "events.csv", "--out", folder / out)
    assert code == 0, err
    return {p.relative_to(folder / out).as_posix(): p.read_bytes() for p in (folder / out).rglob("*")
            if p.is_file() and p.name != ".incident-report.json"}


def comparison_columns(page: bytes) -> str:
    return page.decode().split("## Comparison", 1)[1].split("\n| metric |", 1)[1].split("\n", 1)[0]


def test_each_kind_is_compared_with_its_own(tmp_path):
    (tmp_path / "events.csv").write_text(OUTAGES + LIVE)
    files = report(tmp_path)
    assert {"comparison-outages.md", "comparison-live-events.md", "charts/comparison-outages.svg",
            "charts/comparison-live-events.svg"} <= set(files) and "comparison.md" not in files
    assert files["comparison-outages.md"].decode().startswith("# Comparison: cdn-2024, db-2024\n")
    assert comparison_columns(files["cdn-2024.md"]) == " cdn-2024 | db-2024 |"
    assert comparison_columns(files["show-2024.md"]) == " show-2024 | launch-2024 |"
    assert "other outages of the file (see [the comparison](comparison-outages.md))" in files["db-2024.md"].decode()
    index = files["index.md"].decode()
    assert index.index("## Live events") < index.index("[Comparison of the live events](comparison-live-events.md)") < index.index("## Outages")


def test_a_compare_line_names_the_incidents_to_compare_with(tmp_path):
    (tmp_path / "events.csv").write_text(OUTAGES + LIVE)
    (tmp_path / "postmortems").mkdir()
    (tmp_path / "postmortems" / "cdn-2024.md").write_text("---\ntitle: CDN\ncompare: launch-2024, nowhere\n---\n")
    code, _, err = run("validate", tmp_path / "events.csv")
    assert code == 0 and "cdn-2024.md:3: compare: warning: no incident 'nowhere' in" in err
    files = report(tmp_path)
    assert comparison_columns(files["cdn-2024.md"]) == " cdn-2024 | launch-2024 |"
    assert "Side by side with the incidents its postmortem file names." in files["cdn-2024.md"].decode()
    assert comparison_columns(files["db-2024.md"]) == " db-2024 | cdn-2024 |"  # the others still by kind
    (tmp_path / "postmortems" / "cdn-2024.md").write_text("---\ntitle: CDN\ncompare: Launch 2024\n---\n")
    code, _, err = run("validate", tmp_path / "events.csv")
    assert code == 1 and "compare: 'Launch 2024' is not an incident id" in err


def test_adding_an_incident_changes_only_what_includes_it(tmp_path):
    (tmp_path / "events.csv").write_text(OUTAGES + LIVE)
    before = report(tmp_path)
    run("new", "api-2025", "--events", tmp_path / "events.csv")  # starter rows: only the pages of the whole file change
    started = report(tmp_path)
    assert {name for name in before if before[name] != started[name]} == {"index.html", "index.md", "stats.html"}
    with open(tmp_path / "events.csv", "a") as handle:
        handle.write(NEW)
    assert run("fmt", tmp_path / "events.csv")[0] == 0  # canonical: the new incident stays last
    after = report(tmp_path)
    changed = sorted(name for name in set(before) | set(after) if before.get(name) != after.get(name))
    assert changed == [
        "api-2025.html", "api-2025.md", "cdn-2024.html", "cdn-2024.md",
        "charts/api-2025-timeline.svg", "charts/comparison-outages.svg", "comparison-outages.md", "db-2024.html", "db-2024.md", "index.html", "index.md", "stats.html", "stats.md",
    ]  # the live events' pages, charts and comparison are byte for byte what they were


def test_a_page_an_earlier_run_wrote_and_this_one_does_not_is_removed(tmp_path):
    (tmp_path / "events.csv").write_text(OUTAGES + LIVE)
    report(tmp_path)
    (tmp_path / "events.csv").write_text(OUTAGES + LIVE.splitlines(keepends=True)[0] + LIVE.splitlines(keepends=True)[1])
    (tmp_path / "reports" / "show-2024.md").write_text("my own edit\n")  # edited since: kept
    code, _, err = run("report", "--events", tmp_path / "events.csv", "--out", tmp_path / "reports")
    assert code == 0
    assert "comparison-live-events.md: removed" in err and "show-2024.html: removed" in err
    assert not (tmp_path / "reports" / "comparison-live-events.md").exists()
    assert (tmp_path / "reports" / "show-2024.md").read_text() == "my own edit\n"
    shutil.rmtree(tmp_path / "reports")
