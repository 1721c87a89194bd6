"""'incident fmt': canonical, lossless, idempotent, atomic; and the spreadsheet corpus."""

import csv
import io
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from incident.cli import main
from incident.events_csv.canonical import canonical_columns
from incident.events_csv.reader import parse

from conftest import EVENTS

SPREADSHEET = Path(__file__).parent / "data" / "spreadsheet"

MESSY = (
    "\ufeffmy notes,source,time,event,incident,kind,tz,as_reported,relative_to,offset_min\r\n"
    "second,Reporter,,end,x,end,,,start,60\r\n"
    "first,AP,2024-08-12 20:42,start,x,recovery,EDT,8:42 p.m.,,\r\n"
    ",\"Quoted, with comma\",2024-08-12 20:00,due,x,scheduled_start,ET,,,\r\n"
    "\"multi\nline\",BI,2024-08-12 20:41,start,x,recovery,EDT,,,\r\n"
    ",Musk,2024-08-12,aaa,a-first,other,ET,,,\r\n"
)


def run(*argv):
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def cells(data: bytes) -> Counter:
    text = data.decode("utf-8-sig")
    return Counter(cell for row in csv.reader(io.StringIO(text, newline="")) for cell in row if cell.strip())


def claims(data: bytes):
    result = parse(data)
    assert result.ok, result.diagnostics
    return sorted(c.model_dump(exclude={"line"}, mode="python").__repr__() for c in result.claims)


def test_fmt_brings_a_messy_file_to_canonical_form(write):
    path = write(MESSY)
    before = path.read_bytes()
    code, _, err = run("fmt", str(path))
    assert code == 0, err
    after = path.read_bytes()
    assert after.decode("utf-8").splitlines()[0] == "incident,event,kind,time,tz,relative_to,offset_min,source,as_reported,my notes"
    assert not after.startswith(b"\xef\xbb\xbf") and b"\r\n" not in after.replace(b'"multi\nline"', b"")
    # incidents in the order each first appears (a new one, appended, moves no line of the others)
    assert [row.split(",")[:2] for row in after.decode().splitlines()[1:] if row and not row.startswith("line")] == [
        ["x", "due"], ["x", "start"], ["x", "start"], ["x", "end"], ["a-first", "aaa"],
    ]
    assert cells(after) == cells(before)  # not a cell lost or changed
    assert claims(after) == claims(before)


def test_fmt_is_idempotent_and_check_agrees(write):
    path = write(MESSY)
    assert run("fmt", "--check", str(path))[0] == 1
    assert path.read_bytes() == MESSY.encode()  # --check writes nothing
    run("fmt", str(path))
    once = path.read_bytes()
    code, _, err = run("fmt", str(path))
    assert code == 0 and "already in canonical form" in err
    assert path.read_bytes() == once
    assert run("fmt", "--check", str(path))[0] == 0


def test_shipped_events_csv_is_canonical():
    assert run("fmt", "--check", str(EVENTS))[0] == 0


def test_fmt_refuses_an_invalid_file_and_leaves_it_untouched(write):
    text = "incident,event,kind,time,tz,source\r\nx,b,other,2024-08-12 25:00,ET,AP\r\nx,a,other,2024-08-12,ET,AP\r\n"
    path = write(text)
    code, _, err = run("fmt", str(path))
    assert code == 1
    assert f"{path}:2: time:" in err
    assert path.read_bytes() == text.encode()


def test_an_interrupted_write_leaves_the_old_file(write, monkeypatch):
    import os

    path = write(MESSY)

    def fail(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    code, _, err = run("fmt", str(path))
    assert code == 1 and "cannot write: No space left on device" in err
    assert path.read_bytes() == MESSY.encode()
    assert [p.name for p in path.parent.iterdir()] == [path.name]  # no temporary file left


def test_canonical_columns_keep_the_analysts_order():
    assert canonical_columns(["zeta", "source", "alpha", "incident", "kind", "event"]) == ["incident", "event", "kind", "source", "zeta", "alpha"]


# ---------------------------------------------------------------- round trips (property)

COLUMN_ORDERS = st.permutations(["incident", "event", "kind", "time", "tz", "uncertainty_min", "relative_to", "offset_min", "source", "mine"])


@st.composite
def files(draw):
    columns = draw(COLUMN_ORDERS)
    events = draw(st.lists(st.sampled_from(["a", "b", "c", "d"]), min_size=1, max_size=8))
    rows = []
    for event in events:
        row = dict.fromkeys(columns, "")
        row.update(incident=draw(st.sampled_from(["x", "y"])), event=event, kind="other",
                   source=draw(st.sampled_from(["AP", "Reuters", "BBC, live", 'The "Hill"'])),
                   mine=draw(st.sampled_from(["", "note", "=1+1", "two\nlines"])))
        row["time"] = f"2024-08-12 {draw(st.integers(0, 23)):02d}:{draw(st.integers(0, 59)):02d}"
        row["tz"] = draw(st.sampled_from(["UTC", "ET", "Europe/London"]))
        row["uncertainty_min"] = draw(st.sampled_from(["", "0", "5"]))
        rows.append(row)
    out = io.StringIO()
    writer = csv.DictWriter(out, columns, lineterminator=draw(st.sampled_from(["\n", "\r\n"])))
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode()


@settings(max_examples=60, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(files())
def test_fmt_round_trip_is_lossless_and_idempotent(tmp_path, data):
    path = tmp_path / "events.csv"
    path.write_bytes(data)
    code, _, err = run("fmt", str(path))
    assert code == 0, err
    once = path.read_bytes()
    assert cells(once) == cells(data)
    assert claims(once) == claims(data)
    run("fmt", str(path))
    assert path.read_bytes() == once


# ---------------------------------------------------------------- files saved by spreadsheets

CORPUS = {
    "excel-utf8-bom-crlf.csv": None,
    "libreoffice-lf.csv": None,
    "google-sheets-trailing-empties.csv": None,
    "excel-semicolons.csv": "1: header: the file looks semicolon-separated: save it as comma-separated",
    "excel-windows-1252.csv": "2: file: byte 0xE9 at column 45 is not UTF-8 (in Windows-1252 it would be 'é')",
    "excel-serial-number.csv": "2: time: '45516.86' looks like a spreadsheet date serial number (2024-08-12 20:38)",
    "excel-us-date.csv": "3: time: '8/12/2024 20:00' is ambiguous: 2024-08-12 (month first, US) or 2024-12-08 (day first)",
    "excel-12-hour-time.csv": "2: time: '2024-08-12 8:42 PM': use the 24-hour clock, e.g. '2024-08-12 20:42'",
    "excel-unicode-text-utf16.csv": "1: file: the file is UTF-16",
}


@pytest.mark.parametrize("name, expected", CORPUS.items(), ids=CORPUS.keys())
def test_spreadsheet_saved_files(name, expected):
    path = SPREADSHEET / name
    code, _, err = run("validate", str(path))
    if expected is None:
        assert code == 0, err
        assert "valid: 2 claims" in err
    else:
        assert code == 1
        assert f"{path}:{expected}" in err


def test_corpus_is_complete():
    assert sorted(p.name for p in SPREADSHEET.iterdir()) == sorted(CORPUS)
