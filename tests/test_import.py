"""`incident import statuspage`: real GitHub status-page records (../shared/data/statuspage) to claims."""

import csv
import io
import json
import os
import statistics
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from incident.cli import main

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "statuspage"
PER_INCIDENT = DATA / "githubstatus" / "incidents"
CAPTURE = DATA / "github-2026-capture" / "incidents.json"

needs_data = pytest.mark.skipif(not DATA.is_dir(), reason="the shared status-page data (../shared/data/statuspage) is not next to the project")


def run(*argv):
    out, err = io.StringIO(), io.StringIO()
    code = main([str(a) for a in argv], stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def imported(tmp_path, *files, name="events.csv"):
    path = tmp_path / name
    code, _, err = run("import", "statuspage", *files, "--out", path)
    assert code == 0, err
    return path


def rows(path, incident):
    return [r for r in csv.DictReader(path.open()) if r["incident"] == incident]


def metrics(path):
    code, out, err = run("metrics", "--events", path, "--json")
    assert code == 0, err
    return {(m["incident"], m["metric"]): m for m in json.loads(out)}


@needs_data
def test_every_shared_incident_imports_and_validates(tmp_path):
    files = sorted(PER_INCIDENT.glob("*.json"))
    assert len(files) == 350
    path = imported(tmp_path, *files, CAPTURE)
    code, _, err = run("validate", path)
    assert code == 0, err
    assert "400 incidents" in err
    assert {r["source_type"] for r in csv.DictReader(path.open())} == {"operator"}


@needs_data
def test_a_legacy_html_list_is_about_24_hours_not_0(tmp_path):
    path = imported(tmp_path, PER_INCIDENT / "6swlsy1h3wy9.json")
    found = metrics(path)[("github-6swlsy1h3wy9", "time_to_resolve")]
    # 2018-10-21 23:09:19 (the first update, which only bounds the impact start) to 2018-10-22 23:03
    assert found["minutes"] is None
    assert (found["low"], found["high"]) == (pytest.approx(1435, abs=1), None)
    claims = rows(path, "github-6swlsy1h3wy9")
    assert sum(r["kind"] == "communication" for r in claims) > 30  # every timestamped entry
    assert all("<" not in r["quote"] for r in claims)  # HTML reduced to text


@needs_data
def test_a_prose_window_gives_impact_start_and_recovery(tmp_path):
    path = imported(tmp_path, CAPTURE)
    claims = {(r["event"], r["bound"]): r for r in rows(path, "github-75g5xmzptjqb")}
    start, back = claims[("impact-start", "")], claims[("recovered", "")]
    assert (start["time"], start["tz"], start["as_reported"]) == ("2026-07-29 14:51", "UTC", "14:51 UTC")
    assert back["time"] == "2026-07-29 15:28"
    assert start["quote"].startswith("On July 29, 2026, from 14:51 UTC to 15:28 UTC")
    assert "edited after posting" in start["note"]
    assert metrics(path)[("github-75g5xmzptjqb", "impact_duration")]["minutes"] == 37


@needs_data
def test_approximately_in_prose_is_an_uncertainty(tmp_path):
    path = imported(tmp_path, CAPTURE)
    start = next(r for r in rows(path, "github-5bnwwg9tzd4q") if r["event"] == "impact-start" and not r["bound"])
    assert (start["time"], start["uncertainty_min"]) == ("2026-07-02 15:00", "10")


@needs_data
def test_a_window_announced_in_pst_is_written_in_pst(tmp_path):
    path = imported(tmp_path, PER_INCIDENT / "4gprpgmtct75.json")  # 2011: "tonight from 22:00 - 22:20 PST"
    claims = {r["event"]: r for r in rows(path, "github-4gprpgmtct75")}
    assert (claims["impact-start"]["time"], claims["impact-start"]["tz"]) == ("2011-01-24 22:00", "PST")
    assert (claims["recovered"]["time"], claims["recovered"]["tz"]) == ("2011-01-24 22:20", "PST")
    assert claims["impact-start"]["note"] == "window announced in prose"
    assert "detected" not in claims and "acknowledged" not in claims  # an announcement precedes its window
    assert claims["announced"]["kind"] == "communication"
    assert metrics(path)[("github-4gprpgmtct75", "impact_duration")]["minutes"] == 20


def test_a_zone_label_that_contradicts_the_date_is_read_as_meant_and_warned_on_import(tmp_path):
    record = {"page": {"name": "Example", "url": "https://status.example.com"}, "incident": {
        "id": "abc123", "name": "Outage", "created_at": "2024-07-01T18:00:00Z",
        "incident_updates": [{"id": "u1", "status": "resolved", "created_at": "2024-07-01T18:00:00Z",
                              "body": "Between 09:10 PST and 10:00 PST, requests failed."}]}}
    source = tmp_path / "one.json"
    source.write_text(json.dumps(record))
    code, out, err = run("import", "statuspage", source)
    assert code == 0, err
    # "09:10 PST" in July: the writer meant Pacific time (PDT); the row says PT, the source's words stay
    assert ("as_reported: warning: the source writes PST: PST is UTC-08:00, but on 2024-07-01 US Pacific time "
            "was on PDT (UTC-07:00); the time is read as PT") in err
    assert "example-abc123,impact-start,impact_start,Outage,2024-07-01 09:10,PT," in out


@needs_data
def test_a_retroactive_incident_is_acknowledged_when_it_was_posted(tmp_path):
    path = imported(tmp_path, CAPTURE)
    ack = next(r for r in rows(path, "github-kn7gv3tlfc54") if r["event"] == "acknowledged")
    assert ack["time"] == "2026-06-19 14:38:09"  # posted two days after the impact it reports
    assert "shown on the page as 2026-06-17T19:00:00.000Z" in ack["note"]
    assert metrics(path)[("github-kn7gv3tlfc54", "time_to_acknowledge")]["minutes"] == pytest.approx(3063.15, abs=0.1)


@needs_data
def test_an_incident_that_only_points_to_another_has_no_window(tmp_path):
    path = imported(tmp_path, CAPTURE)
    claims = rows(path, "github-pz7g535gbs6p")
    assert not [r for r in claims if r["kind"] == "recovery"]
    resolved = next(r for r in claims if r["event"] == "resolved")
    assert "combined summary in this related incident" in resolved["quote"]


@needs_data
def test_the_median_lag_from_stated_impact_to_the_page_opening_in_2026(tmp_path):
    path = imported(tmp_path, CAPTURE)
    with_window = {r["incident"] for r in csv.DictReader(path.open()) if r["note"].startswith("window stated in prose")}
    found = metrics(path)
    lags = [found[(name, "time_to_acknowledge")]["minutes"] for name in with_window]
    assert len(with_window) == 42 and None not in lags
    # minutes; 43.8 before the prose was read with the time grammar, which read s65j9gslmfm8's
    # "First period (08:45 – 09:13 UTC)" on its own day (the old reader took a later sentence's
    # 12:48 for the day before: 1,211 minutes)
    assert statistics.median(lags) == pytest.approx(38.6, abs=0.05)


@pytest.mark.parametrize("content, message", [
    (b"not json", "not JSON: line 1, column 1: Expecting value"),
    (b'{"incident": {"id": "abc", "name": "x", "created_at": "2024-01-01T00:00:00Z"', "not JSON: the file ends too early (truncated?)"),
    (b'[1, 2]', "expected a Statuspage answer (an object with 'incident' or 'incidents'), found a JSON list"),
    (b'{"components": []}', "not a Statuspage incident file: no 'incident' or 'incidents' (keys: components)"),
    (b'{"incident": {"id": "abc", "name": "x", "created_at": "2024-01-01T00:00:00Z", "incident_updates": []}}',
     "incident 1: abc: no incident_updates (nothing was posted)"),
])
def test_malformed_input_is_named_and_nothing_is_written(tmp_path, content, message):
    """Exit 1 (invalid input), the file named; the target untouched. A missing file is exit 2."""
    bad = tmp_path / "bad.json"
    bad.write_bytes(content)
    target = tmp_path / "events.csv"
    target.write_text("incident,event,kind,time,tz,source\nx,a,other,2024-01-01 00:00,UTC,S\n")
    before = target.read_bytes()
    code, out, err = run("import", "statuspage", bad, "--append", target)
    assert code == 1
    assert err == f"incident import: {bad}: {message}\n"
    assert out == "" and target.read_bytes() == before


@needs_data
def test_append_adds_an_incident_once_and_refuses_it_twice(tmp_path):
    target = tmp_path / "events.csv"
    target.write_text("incident,event,kind,time,tz,source,my notes\nx,a,other,2024-01-01 00:00,UTC,S,mine\n")
    one = PER_INCIDENT / "6swlsy1h3wy9.json"
    code, _, err = run("import", "statuspage", one, "--append", target)
    assert code == 0, err
    text = target.read_text()
    assert "\nx,a,other,,2024-01-01 00:00,UTC,,S,,,,,,mine,,,,\n" in text  # the analyst's row and column kept
    assert text.splitlines()[0].endswith(",note,my notes,update_id,status,severity,component")
    assert run("validate", target)[0] == 0
    assert run("fmt", "--check", target)[0] == 0  # written in canonical form
    code, _, err = run("import", "statuspage", one, "--append", target)
    assert code == 2
    assert err == f"incident import: {target} already has incident 'github-6swlsy1h3wy9': not imported again (remove it first to re-import)\n"
    assert target.read_text() == text


# ---------------------------------------------------------------- Google Cloud

GCP = Path(__file__).parent / "data" / "gcp" / "incidents.json"  # written by hand: see its README.md


def test_gcp_record_and_report_prose_become_claims(tmp_path):
    path = tmp_path / "events.csv"
    code, _, err = run("import", "gcp", GCP, "--out", path)
    assert code == 0, err
    assert run("validate", path)[0] == 0
    claims = rows(path, "gcp-90001")
    prose = {r["event"]: r for r in claims if r["note"] == "window stated in prose"}
    assert (prose["impact-start"]["time"], prose["impact-start"]["tz"]) == ("2025-03-04 09:02", "America/Los_Angeles")
    assert prose["recovered"]["as_reported"] == "2025-03-04 11:40"  # the time's own words; "ended at" is in the quote
    assert sum(r["kind"] == "communication" for r in claims) == 3  # every update's `when`
    found = metrics(path)
    assert found[("gcp-90001", "time_to_acknowledge")]["minutes"] == pytest.approx(26.2)
    assert found[("gcp-90001", "time_to_recover")]["minutes"] == 155  # begin 17:05Z outweighs the report's 09:02 PT
    assert found[("gcp-90002", "time_to_recover")]["minutes"] is None  # still open: no end, no recovery


@needs_data
def test_gcp_refuses_a_statuspage_file(tmp_path):
    code, _, err = run("import", "gcp", CAPTURE)
    assert code == 1
    assert err == f"incident import: {CAPTURE}: expected Google Cloud's incidents.json (a JSON list of incidents), found a JSON dict\n"


def test_bodies_are_text_never_markup_in_the_report(tmp_path):
    record = {"page": {"name": "Example", "url": "https://status.example.com"}, "incident": {
        "id": "xss1", "name": "<img src=x onerror=alert(1)>Outage", "created_at": "2024-07-01T18:00:00Z",
        "incident_updates": [{"id": "u1", "status": "resolved", "created_at": "2024-07-01T18:30:00Z",
                              "body": "From 17:10 UTC to 17:50 UTC <script>alert(1)</script> requests failed."}]}}
    source = tmp_path / "one.json"
    source.write_text(json.dumps(record))
    path = tmp_path / "events.csv"
    assert run("import", "statuspage", source, "--out", path)[0] == 0
    assert "<script>" not in path.read_text() and "<img" not in path.read_text()
    code, _, err = run("report", "--events", path, "--out", tmp_path / "out")
    assert code == 0, err
    page = "".join(p.read_text() for p in sorted((tmp_path / "out").glob("*.html")))
    assert "<script" not in page and "onerror" not in page.replace("onerror=alert(1)&gt;", "")


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=30)
    | st.sampled_from(["2024-07-01T18:00:00Z", "2024-07-01T18:00:00.123+02:00", "resolved", "abc123"]),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
        st.sampled_from(["page", "incident", "incidents", "id", "name", "created_at", "incident_updates", "status",
                         "body", "begin", "created", "end", "updates", "when", "text", "number", "display_at"]),
        inner, max_size=6),
    max_leaves=25,
)


@settings(derandomize=True, max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=JSON_VALUES, source=st.sampled_from(["statuspage", "gcp"]))
def test_any_json_is_imported_or_refused_with_a_message(tmp_path, value, source):
    path = tmp_path / "in.json"
    path.write_text(json.dumps(value))
    code, out, err = run("import", source, path)
    assert code in (0, 1), err
    assert "Traceback" not in err
    if code == 1:
        assert err.startswith(f"incident import: {path}: ") and out == ""


@needs_data
def test_component_changes_bound_the_impact_start_and_are_not_taken_for_recovery(tmp_path):
    path = imported(tmp_path, CAPTURE)
    claims = rows(path, "github-fz9sdc2q008p")
    bound = next(r for r in claims if r["source"] == "GitHub status page (component status)" and r["kind"] == "impact_start")
    assert bound["bound"] == "not_after" and "operational →" in bound["quote"]
    green = next(r for r in claims if r["event"] == "components-operational")
    assert green["kind"] == "communication" and "→ operational" in green["quote"]
    # the summary's end (16:17 UTC) stands, though the components were shown green at 16:02
    assert next(r for r in claims if r["event"] == "recovered")["time"] == "2026-07-07 16:17"
    code, out, _ = run("timeline", "github-fz9sdc2q008p", "--events", path, "--json")
    assert not any(e["conflict"] for e in json.loads(out))


def test_a_missing_record_file_is_a_usage_error(tmp_path):
    code, _, err = run("import", "statuspage", tmp_path / "nope.json")
    assert (code, err) == (2, f"incident import: {tmp_path / 'nope.json'}: no such file\n")


@needs_data
def test_golden_imported_rows(tmp_path):
    """Five chosen incidents, row for row: a prose window, a legacy HTML list (2018-10-21), a
    retroactive incident, a window announced in PST, one that only points to another."""
    chosen = ["75g5xmzptjqb", "kn7gv3tlfc54", "pz7g535gbs6p"]
    code, out, err = run("import", "statuspage", PER_INCIDENT / "6swlsy1h3wy9.json", PER_INCIDENT / "4gprpgmtct75.json",
                         CAPTURE, *[a for i in chosen + ["6swlsy1h3wy9", "4gprpgmtct75"] for a in ("--incident", i)])
    assert code == 0, err
    golden = Path(__file__).parent / "data" / "golden" / "import-statuspage.csv"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(out, encoding="utf-8")
    assert out == golden.read_text(encoding="utf-8")


@needs_data
def test_every_update_is_a_communication_and_the_incident_says_its_severity_and_components(tmp_path):
    path = imported(tmp_path, CAPTURE, name="capture.csv")
    claims = rows(path, "github-75g5xmzptjqb")
    updates = sorted((r for r in claims if r["event"].startswith("update-")), key=lambda r: r["event"])
    assert [(r["kind"], r["time"], r["status"]) for r in updates] == [
        ("communication", "2026-07-29 15:26:24", "investigating"), ("communication", "2026-07-29 15:34:07", "investigating"),
        ("communication", "2026-07-29 15:40:35", "monitoring"), ("communication", "2026-07-29 16:00:54", "resolved")]
    assert {(r["severity"], r["component"]) for r in claims} == {("major", "Actions")}
    several = {(r["incident"], r["component"]) for r in csv.DictReader(path.open()) if ";" in r["component"]}
    assert several and all(c == "; ".join(sorted(c.split("; "))) for _, c in several)  # each name once, sorted


def test_gcp_names_severity_and_products():
    code, out, _ = run("import", "gcp", GCP)
    assert code == 0
    found = {(r["incident"], r["severity"], r["component"]) for r in csv.DictReader(io.StringIO(out))}
    assert ("gcp-90001", "medium", "Example Storage") in found


@needs_data
def test_time_open_and_between_updates_of_a_real_incident_by_hand(tmp_path):
    path = imported(tmp_path, CAPTURE, "--incident", "75g5xmzptjqb")
    found = metrics(path)
    # updates 15:26:24, 15:34:07, 15:40:35, 16:00:54: open 34 min 30 s; gaps 7:43, 6:28, 20:19, the middle one 7:43
    assert found[("github-75g5xmzptjqb", "time_open")]["minutes"] == 34.5
    assert found[("github-75g5xmzptjqb", "time_between_updates")]["minutes"] == round((7 * 60 + 43) / 60, 2)
    first = found[("github-75g5xmzptjqb", "time_to_first_update")]  # the summary's window: impact from 14:51
    assert first["state"] == "estimate" and first["to"] == "acknowledged"
