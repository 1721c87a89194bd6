"""The Python API (incident/api.py, the names of `incident`): what the command line does, as values.
Each function is checked against the command that prints the same thing."""

import csv
import io
import json
import shutil

import pandas as pd
import pytest

import incident
from incident.cli import main

from conftest import EVENTS, ROOT

FIXTURE = ROOT / "tests" / "data" / "fixture.csv"


def run(*argv):
    out, err = io.StringIO(), io.StringIO()
    code = main([str(a) for a in argv], stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_the_public_face_lists_what_it_has():
    assert sorted(incident.__all__) == sorted(set(incident.__all__))
    for name in incident.__all__:
        assert getattr(incident, name) is not None, name
    assert incident.__version__ == incident.version.__version__
    with pytest.raises(AttributeError):
        incident.no_such_name  # noqa: B018
    for name in incident.__all__:  # every function and type has its docstring
        value = getattr(incident, name)
        if callable(value) and not isinstance(value, type(incident.InputError)) or isinstance(value, type) and value.__module__ == "incident.api":
            assert value.__doc__ and value.__doc__.strip(), name


def test_load_reconstruct_and_metrics_are_what_the_commands_print():
    claims = incident.load(EVENTS)
    assert isinstance(claims, incident.Claims) and len(claims) == len(list(claims)) > 100
    assert claims.incidents == ["desantis-2023", "x-spaces-2024"]
    timeline = incident.reconstruct(claims, "x-spaces-2024")
    assert isinstance(timeline, incident.Timeline)
    assert timeline.zone == "America/New_York"  # the display zone: the postmortem's tz:, else the claims'
    code, out, _ = run("timeline", "x-spaces-2024", "--events", EVENTS, "--json")
    assert code == 0 and [e["event"] for e in json.loads(out)] == [e.event for e in timeline.events]
    frame = incident.metrics(claims)
    assert isinstance(frame, pd.DataFrame)
    assert list(frame.columns) == ["incident", "metric", "minutes", "low", "high", "from", "to", "state", "why", "start",
                                   "incident_start", "latest", "severity", "components", "shown_minutes"]
    code, out, _ = run("metrics", "--events", EVENTS, "--csv")
    printed = pd.read_csv(io.StringIO(out), dtype=str, keep_default_na=False)
    as_text = frame.astype(object).where(frame.notna(), "")
    for name in ("minutes", "low", "high"):  # as --csv writes a float: repr, empty for none
        as_text[name] = [repr(float(v)) if v != "" else "" for v in as_text[name]]
    pd.testing.assert_frame_equal(as_text.astype(str).reset_index(drop=True), printed)
    delay = frame[(frame.incident == "x-spaces-2024") & (frame.metric == "delay")].iloc[0]
    assert delay["low"] <= delay["minutes"] <= delay["high"]
    assert list(incident.metrics(claims, ["x-spaces-2024"]).incident.unique()) == ["x-spaces-2024"]


def test_a_zone_asked_for_wins_and_a_bad_one_is_a_usage_error():
    claims = incident.load(EVENTS)
    assert incident.reconstruct(claims, "x-spaces-2024", tz="UTC").zone == "UTC"
    with pytest.raises(incident.UsageError, match="--tz"):
        incident.reconstruct(claims, "x-spaces-2024", tz="Mars/Olympus")


def test_an_invalid_file_raises_with_its_diagnostics_and_an_unknown_incident_names_the_known(tmp_path):
    bad = tmp_path / "events.csv"
    bad.write_text("incident,event,kind,time,tz,source\nx,a,impact_start,2024-13-01 10:00,UTC,S\n")
    with pytest.raises(incident.InputError) as raised:
        incident.load(bad)
    assert [(d.line, d.column) for d in raised.value.diagnostics] == [(2, "time")]
    with pytest.raises(incident.UsageError, match="no such file"):
        incident.load(tmp_path / "missing.csv")
    claims = incident.parse("incident,event,kind,time,tz,source\nx,a,impact_start,2024-12-01 10:00,UTC,S\n")
    with pytest.raises(incident.UsageError, match=r"no incident 'y' in events.csv \(it has: x\)"):
        incident.reconstruct(claims, "y")


def test_report_writes_what_the_command_writes(tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    shutil.copy(FIXTURE, folder / "events.csv")
    claims = incident.load(folder / "events.csv")
    written = incident.report(claims, out=tmp_path / "api")
    assert isinstance(written, incident.Report) and written.written and not written.removed
    assert sorted(written.files) == sorted(str(p.relative_to(tmp_path / "api")) for p in (tmp_path / "api").rglob("*")
                                          if p.is_file() and not p.name.startswith("."))
    code, _, _ = run("report", "--events", folder / "events.csv", "--out", tmp_path / "cli")
    assert code == 0
    for name, data in written.files.items():
        assert (tmp_path / "cli" / name).read_bytes() == data, name
    again = incident.report(claims, out=tmp_path / "api")
    assert again.written == () and again.files == written.files  # nothing changed: nothing written


def test_stats_export_import_and_draft_are_the_commands_values(tmp_path):
    claims = incident.load(EVENTS)
    code, out, _ = run("stats", "--events", EVENTS, "--json")
    assert code == 0 and incident.stats(claims) == json.loads(out)
    with pytest.raises(incident.UsageError, match="not a day"):
        incident.stats(claims, since="yesterday")
    for fmt in incident.EXPORT_FORMATS:
        code, out, _ = run("export", "x-spaces-2024", "--events", EVENTS, "--format", fmt)
        assert code == 0 and incident.export(claims, "x-spaces-2024", fmt) == out.encode("utf-8"), fmt
    gcp = ROOT / "tests" / "data" / "gcp" / "incidents.json"
    rows = incident.import_records("gcp", [gcp])
    code, out, _ = run("import", "gcp", gcp)
    printed = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and sorted((r["incident"], r["event"]) for r in rows) == sorted((r["incident"], r["event"]) for r in printed)
    with pytest.raises(incident.ImportFailed):
        incident.import_records("statuspage", [gcp])
    export = ROOT / "tests" / "data" / "tools" / "slack" / "export"
    rows = incident.import_records("slack", [export], channel="inc-2025-03-04-checkout", anonymize=True)
    code, out, _ = run("import", "slack", export, "--channel", "inc-2025-03-04-checkout", "--anonymize")
    assert code == 0 and len(rows) == len(list(csv.DictReader(io.StringIO(out)))) > 5
    assert {r["incident"] for r in rows} == {"inc-2025-03-04-checkout"}
    with pytest.raises(incident.UsageError, match="no option 'page_slug'.*channel"):
        incident.import_records("slack", [export], page_slug="acme")
    drafted = incident.draft(["The outage began at 09:02 PT on 4 March 2025. Service was fully restored at 11:40 PT."],
                             "cdn-2025", live=False, source="Acme status page", source_type="operator")
    assert [(r["kind"], r["time"], r["tz"]) for r in drafted.rows] == [("impact_start", "2025-03-04 09:02", "PT"),
                                                                       ("recovery", "2025-03-04 11:40", "PT")]
    assert all(r["source"] == "Acme status page" and r["note"].startswith("draft:") for r in drafted.rows)
