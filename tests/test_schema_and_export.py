"""'incident schema' stays in step with the model; CSV meant for people is safe in spreadsheets."""

import csv
import io
import json

import pytest
from pydantic import ValidationError

from incident.cli import main
from incident.events_csv import load
from incident.model import COLUMNS, REQUIRED_COLUMNS, Bound, Kind
from incident.schema import Row, json_schema
from incident.textout import spreadsheet_cell, spreadsheet_csv
from incident.zones import LABELS

from conftest import EVENTS, EXAMPLES


def run(*argv):
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_schema_command_prints_json_schema():
    code, out, _ = run("schema")
    assert code == 0
    schema = json.loads(out)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert list(schema["properties"]) == list(COLUMNS)
    assert sorted(schema["required"]) == sorted(REQUIRED_COLUMNS)
    assert schema["$defs"]["Kind"]["enum"] == [k.value for k in Kind]
    assert schema["$defs"]["Bound"]["enum"] == [b.value for b in Bound]
    assert schema["additionalProperties"] is True  # the analyst's own columns
    assert set(LABELS) <= set(schema["properties"]["tz"]["examples"])


@pytest.mark.parametrize("path", [EVENTS, EXAMPLES])
def test_every_shipped_row_satisfies_the_schema(path):
    result = load(path, keep_rows=True)
    for row in result.rows:
        cells = {name: cell for name, cell in zip(result.header, row.cells) if cell.strip()}
        Row.model_validate(cells)


@pytest.mark.parametrize("cells", [
    {"incident": "X Spaces", "event": "a", "kind": "other", "source": "s", "time": "2024-08-12"},
    {"incident": "x", "event": "a", "kind": "eror", "source": "s", "time": "2024-08-12"},
    {"incident": "x", "event": "a", "kind": "other", "source": "s", "time": "08/12/2024"},
    {"incident": "x", "event": "a", "kind": "other", "source": "s", "time": "2024-08-12", "uncertainty_min": "-5"},
])
def test_the_schema_rejects_what_validate_rejects(cells):
    with pytest.raises(ValidationError):
        Row.model_validate(cells)


def test_schema_is_generated_from_the_model():
    assert json_schema()["properties"]["kind"] == {"$ref": "#/$defs/Kind", "description": Row.model_fields["kind"].description}


@pytest.mark.parametrize("value, expected", [
    ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
    ("+1 (555) 0100", "'+1 (555) 0100"),
    ("-2+3", "'-2+3"),
    ("@SUM(A1)", "'@SUM(A1)"),
    ("\t=1", "'\t=1"),
    ("-5", "-5"),
    ("+1_000", "'+1_000"),
    ("-1,5", "'-1,5"),
    ("-infinity", "'-infinity"),
    ("-1e3", "-1e3"),
    ("+3.5", "+3.5"),
    (-5.0, "-5.0"),
    ("AP", "AP"),
    (None, ""),
    (["AP", "=evil"], "AP; =evil"),
    (True, "true"),
])
def test_spreadsheet_cells_never_start_a_formula(value, expected):
    assert spreadsheet_cell(value) == expected


def test_csv_export_protects_hostile_labels(write):
    path = write("incident,event,kind,label,time,tz,source\nx,a,other,=cmd|' /C calc'!A0,2024-08-12 20:00,ET,@evil\n")
    code, out, err = run("timeline", "x", "--events", str(path), "--csv")
    assert code == 0, err
    (row,) = list(csv.DictReader(io.StringIO(out)))
    assert row["label"] == "'=cmd|' /C calc'!A0"
    assert row["sources"] == "'@evil"
    assert row["estimate"] == "2024-08-13T00:00:00Z"


def test_metrics_csv_keeps_numbers_as_numbers():
    code, out, _ = run("metrics", "fastly-2021", "--events", str(EXAMPLES), "--csv")
    assert code == 0
    rows = {r["metric"]: r for r in csv.DictReader(io.StringIO(out))}
    assert rows["time_to_resolve"]["minutes"] == "177.0"
    assert rows["delay"]["minutes"] == ""


def test_events_csv_itself_is_written_back_exactly(write):
    text = "incident,event,kind,time,tz,source,note\nx,a,other,2024-08-12,ET,AP,=not a formula to us\n"
    path = write(text)
    assert run("fmt", str(path))[0] == 0
    assert path.read_text() == text


def test_spreadsheet_csv_of_nothing_is_empty():
    assert spreadsheet_csv([]) == ""
