"""'incident schema' stays in step with the model; CSV meant for people is safe in spreadsheets."""

import csv
import io
import json
import re

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from incident.cli import main
from incident.events_csv.reader import load, parse
from incident.model.cells import COLUMNS, REQUIRED_COLUMNS, Bound, Kind
from incident.model.schema import json_schema
from incident.render.text import spreadsheet_cell, spreadsheet_csv
from incident.model.zones import LABELS

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
    assert schema["properties"]["kind"]["examples"] == [k.value for k in Kind]
    assert schema["properties"]["bound"]["examples"] == [b.value for b in Bound]
    assert schema["additionalProperties"] == {"type": "string"}  # the analyst's own columns
    assert set(LABELS) <= set(schema["properties"]["tz"]["examples"])
    Draft202012Validator.check_schema(schema)


VALIDATOR = Draft202012Validator(json_schema())


def schema_accepts(cells: dict) -> bool:
    return VALIDATOR.is_valid(cells)


@pytest.mark.parametrize("path", [EVENTS, EXAMPLES])
def test_every_shipped_row_satisfies_the_schema(path):
    result = load(path, keep_rows=True)
    for row in result.rows:
        cells = dict(zip(result.header, row.cells))
        assert schema_accepts(cells), (row.line, list(VALIDATOR.iter_errors(cells))[:1])


@pytest.mark.parametrize("cells", [
    {"incident": "X Spaces", "event": "a", "kind": "other", "source": "s", "time": "2024-08-12"},
    {"incident": "x", "event": "a", "kind": "eror", "source": "s", "time": "2024-08-12"},
    {"incident": "x", "event": "a", "kind": "other", "source": "s", "time": "08/12/2024"},
    {"incident": "x", "event": "a", "kind": "other", "source": "s", "time": "2024-08-12", "uncertainty_min": "-5"},
    {"incident": "x", "event": "a", "kind": "other", "source": "s", "time": "2024-08-12 20:00"},  # no zone
    {"incident": "x", "event": "a", "kind": "other", "source": "  ", "time": "2024-08-12Z"},
])
def test_the_schema_rejects_what_validate_rejects(cells):
    assert not schema_accepts(cells)


# Cells of every grammar: valid, padded, empty, and the near misses analysts write.
SLUGS = ["x", " x ", "", "X", "a-b", "-a", "x" * 100, "x" * 101]
NUMBERS = ["", "5", " 5 ", "-0", "1e1", "1_000", "1,000", "+2.5", ".5", "5.", "nan", "inf", "−3", "0x1", "1e", "-"]
TIMES = ["", "2024-08-12", "2024-08-12 20:42", " 2024-08-12T20:42:05Z ", "2024-08-12 20:42 +05:30",
         "2024-08-12 24:00", "2024-13-01", "2024-8-12", "2024-08-12 20:42+15:00", "8/12/2024", "2024-08-12 20:60"]
VARIANTS = {
    "incident": SLUGS,
    "event": ["e", " e", "E", "", "f"],
    "kind": ["other", " recovery ", "Recovery", "", "eror"],
    "time": TIMES,
    "tz": ["", "UTC", " ET ", "America/New_York", "et"],
    "uncertainty_min": NUMBERS,
    "bound": ["", "at", " not_after", "before"],
    "relative_to": ["", "anchor", " anchor ", "Anchor"],
    "offset_min": NUMBERS,
    "value": NUMBERS,
    "unit": ["", "listeners", "  "],
    "source": ["S", "", " ", "A, B"],
    "source_type": ["", "operator", " press ", "Press", "blog"],
    # format 1.3: until is a time beside a time and minutes beside relative_to; published is a time;
    # a date needs no zone, a time of day does
    "until": ["", "2024-08-12 21:00", "2024-08-12", "7", " 12 ", "x", "2024-13-01"],
    "published": ["", "2024-08-13", "2024-08-13 09:00", "2024-08-13T09:00Z", "soon"],
    "org": ["", "Acme"],
}
BASES = [
    {"incident": "x", "event": "e", "kind": "other", "time": "2024-08-12 20:42", "tz": "ET", "source": "S"},
    {"incident": "x", "event": "e", "kind": "recovery", "relative_to": "anchor", "offset_min": "5", "source": "S"},
    {"incident": "x", "event": "e", "kind": "measurement", "time": "2024-08-12T20:42Z", "value": "7", "unit": "listeners", "source": "S"},
]


@st.composite
def rows(draw):
    """A valid row with up to three cells swapped for variants of their grammar."""
    cells = dict(draw(st.sampled_from(BASES)))
    for column in draw(st.lists(st.sampled_from(sorted(VARIANTS)), max_size=3, unique=True)):
        cells[column] = draw(st.sampled_from(VARIANTS[column]))
    return cells


ROW = rows()


@settings(derandomize=True, max_examples=1500, deadline=None)
@given(cells=ROW)
def test_the_schema_accepts_exactly_what_validate_accepts_of_one_row(cells):
    # left to validate (see incident/schema.py): whether a time's offset agrees with its zone
    assume(not (re.search(r"(Z|[+-]\d\d:\d\d)\s*$", cells.get("time", "")) and cells.get("tz", "").strip()))
    # left to validate too: a relative interval whose until is below its offset_min
    until, offset = cells.get("until", "").strip(), cells.get("offset_min", "").strip()
    assume(not (re.fullmatch(r"\d+", until) and re.fullmatch(r"[-+]?\d+", offset) and int(until) < int(offset)))
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, [*COLUMNS[:-4], "mine"], extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    writer.writerow(cells)
    incident = cells["incident"].strip() if re.fullmatch(r"\s*[a-z0-9][a-z0-9-]{0,99}\s*", cells["incident"]) else "x"
    writer.writerow({"incident": incident, "event": "anchor", "kind": "other", "time": "2024-08-12Z", "source": "S"})
    validate_accepts = parse(buffer.getvalue().encode()).ok
    assert schema_accepts(cells) == validate_accepts, (cells, list(VALIDATOR.iter_errors(cells))[:2])


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
