"""The column-wise reader of large files says exactly what the per-row reader says.

Each case is read both ways, the column-wise way with tiny batches, blocks and runs so that
every seam (batch edges, a block's first and last line, a run of one plain row) is crossed on
files of a few lines: the same messages in the same order, the same counts, the same digest.
"""

import contextlib
import csv
import io
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from incident.events_csv import lines, reader as events_csv
from incident.events_csv.reader import parse

from conftest import EVENTS, EXAMPLES
from test_events_csv import BAD_INPUTS
from test_fuzz import INPUTS

DATA = Path(__file__).parent / "data"
SEAMS = settings(derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@contextlib.contextmanager
def tiny(batch: int, block: int, run: int):
    saved = events_csv._Batch.SIZE, lines.LineStream.BLOCK, events_csv._Batch.SHORT_RUN
    events_csv._Batch.SIZE, lines.LineStream.BLOCK, events_csv._Batch.SHORT_RUN = batch, block, run
    try:
        yield
    finally:
        events_csv._Batch.SIZE, lines.LineStream.BLOCK, events_csv._Batch.SHORT_RUN = saved


def same_both_ways(data: bytes, batch: int = 3, block: int = 64, run: int = 1):
    row_by_row = parse(data, keep_claims=False, keep_rows=False, columnar=False)
    with tiny(batch, block, run):
        columnwise = parse(data, keep_claims=False, keep_rows=False, columnar=True)
    assert [str(d) for d in columnwise.diagnostics] == [str(d) for d in row_by_row.diagnostics]
    assert columnwise.diagnostics == row_by_row.diagnostics  # codes and severities too
    assert (columnwise.claim_count, columnwise.incident_names, columnwise.sha256) == (
        row_by_row.claim_count, row_by_row.incident_names, row_by_row.sha256,
    )
    assert (columnwise.omitted_errors, columnwise.omitted_warnings) == (row_by_row.omitted_errors, row_by_row.omitted_warnings)
    # the claims too: built from the columns of plain rows, validated one by one for the others
    with tiny(batch, block, run):
        built = parse(data, keep_claims=True, keep_rows=False, columnar=True)
    validated = parse(data, keep_claims=True, keep_rows=False, columnar=False)
    assert [claim_fields(c) for c in built.claims] == [claim_fields(c) for c in validated.claims]
    assert built.diagnostics == validated.diagnostics == row_by_row.diagnostics
    return row_by_row


def claim_fields(claim) -> tuple:
    """Everything a claim holds, its parsed times spelt out (TimeCell compares by identity)."""
    def plain(value):
        return (value.text, value.local, value.precision, value.offset) if type(value).__name__ == "TimeCell" else value

    private = claim.__pydantic_private__
    return ({name: plain(value) for name, value in claim.__dict__.items()}, private["_instant"], type(private["_instant"]),
            private["_until"], claim.model_fields_set)


FILES = sorted([EVENTS, EXAMPLES, *DATA.rglob("*.csv")])


@pytest.mark.parametrize("path", FILES, ids=[str(p.relative_to(p.parents[1])) for p in FILES])
@pytest.mark.parametrize("batch, block, run", [(3, 64, 1), (2, 1, 2), (50, 4096, 16), (20_000, 1 << 20, 16)])
def test_shipped_and_test_files_read_the_same_both_ways(path, batch, block, run):
    same_both_ways(path.read_bytes(), batch, block, run)


@pytest.mark.parametrize("case", BAD_INPUTS.values(), ids=BAD_INPUTS.keys())
def test_every_malformed_case_reads_the_same_both_ways(case):
    text = case[0]
    data = text.encode("utf-8") if isinstance(text, str) else text
    result = same_both_ways(data)
    assert result.diagnostics  # the case does say something


# Cells chosen to fall on each side of every column-wise check: time shapes, zones with and
# without daylight saving (times the clocks skipped or repeated), fixed labels in the wrong season,
# far years, clock times in as_reported that match in 24-hour, 12-hour or no reading, zone names in
# the text, numbers at their limits.
TIMES = st.sampled_from([
    "2024-08-12", "2024-08-12 20:42", "2024-08-12T20:42", "2024-08-12 20:42:07", "2024-08-13 00:42Z",
    "2024-08-12T20:42:00-04:00", "2024-08-12 20:42+05:30", "2024-08-12 20:42 Z", "2024-02-29 12:00", "2023-02-29 12:00",
    "2024-03-10 02:30", "2024-03-10 01:59", "2024-03-10 03:00", "2024-11-03 01:30", "2024-11-03 00:59", "2024-11-03 02:00",
    "2024-03-31 01:30", "2024-10-27 01:30", "2024-10-06 02:15", "2024-04-07 01:45", "1850-06-01 12:00", "2300-06-01 12:00",
    "0001-01-03 00:00", "9999-12-29 23:59", "0000-01-01", "2024-13-01", "2024-08-12 24:00", "2024-08-12 20:42+15:00",
    "2024-8-12 20:42", "٢٠٢٤-08-12 20:42", " 2024-08-12 20:42 ", "2024-05-24 18:00", "2024-01-15 09:48", "2042-08-12 20:42",
    "45516.86", "08/12/2024", "",
])
ZONES = st.sampled_from([
    "UTC", "GMT", "Z", "ET", "PT", "EDT", "EST", "BST", "CET", "CEST", "America/New_York", "Europe/London",
    "Australia/Lord_Howe", "Asia/Kolkata", "Etc/GMT+5", "America/St_Johns", "Mars/Base", "utc", "",
])
SAID = st.sampled_from([
    "", "20:42", "8:42 p.m.", "8:42 pm", "12:42", "00:42", "12:42 GMT", "9:48 utc", "20:42 ET", "at 20:42, then 20:50",
    "8:42 a.m.", "08:42", "around 9", "2042 UTC", "1:30", "13:30", "42 minutes late", "7:00 p.m. EST", "00:00", "12:00 a.m.",
    "1:1 2:2 3:3 4:4 5:5", "20.42",
])
NUMBERS = st.sampled_from(["", "0", "5", "-5", "1.5", "1e3", "50000", "-50000", "5270400", "nan", "1,000", "−3", "+2"])
IDS = st.sampled_from(["a", "b", "c", "s", "x-1", "B", ""])


@st.composite
def seam_files(draw):
    columns = ["incident", "event", "kind", "time", "tz", "uncertainty_min", "bound", "relative_to", "offset_min",
               "value", "unit", "source", "source_type", "url", "as_reported", "label", "mine"]
    columns = draw(st.permutations(columns))
    rows = []
    for _ in range(draw(st.integers(1, 40))):
        relative = draw(st.integers(0, 3)) == 0
        row = {
            "incident": draw(st.sampled_from(["x", "y", "x", "Y", ""])),
            "event": draw(IDS),
            "kind": draw(st.sampled_from(["other", "report", "recovery", "scheduled_start", "detection", "bogus", ""])),
            "time": "" if relative else draw(TIMES),
            "tz": draw(ZONES),
            "uncertainty_min": draw(NUMBERS),
            "bound": draw(st.sampled_from(["", "", "at", "not_before", "not_after", "before"])),
            "relative_to": draw(IDS) if relative else "",
            "offset_min": draw(NUMBERS) if relative or draw(st.integers(0, 9)) == 0 else "",
            "value": draw(st.sampled_from(["", "", "", "5", "x"])),
            "unit": draw(st.sampled_from(["", "", "", "listeners"])),
            "source": draw(st.sampled_from(["AP", "AP", "Reuters", "", " a, b "])),
            "source_type": draw(st.sampled_from(["", "", "operator", "press", "nobody"])),
            "url": draw(st.sampled_from(["", "", "https://example.org/a"])),
            "as_reported": draw(SAID),
            "label": draw(st.sampled_from(["", "Start", "a \"quoted\" label", "two\nlines", "  "])),
            "mine": draw(st.sampled_from(["", "x", "   "])),
        }
        shape = draw(st.integers(0, 30))
        if shape == 0:
            row = dict.fromkeys(columns, "")  # a row of empty cells
        elif shape == 1:
            row = {name: " " for name in columns}
        rows.append([row[name] for name in columns] + ([""] if shape == 2 else []) + (["extra"] if shape == 3 else []))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator=draw(st.sampled_from(["\n", "\r\n"])))
    writer.writerow(columns)
    for row in rows:
        writer.writerow(row)
        if draw(st.integers(0, 25)) == 0:
            out.write("\n")  # a blank line
    return out.getvalue().encode("utf-8")


@settings(SEAMS, max_examples=400)
@given(data=seam_files(), batch=st.integers(1, 12), block=st.sampled_from([1, 16, 64, 300, 1 << 20]), run=st.integers(1, 4))
def test_hand_made_rows_read_the_same_both_ways(data, batch, block, run):
    same_both_ways(data, batch, block, run)


@settings(SEAMS, max_examples=300)
@given(data=INPUTS)
def test_hostile_input_reads_the_same_both_ways(data):
    same_both_ways(data)


def test_a_run_of_many_messages_is_cut_at_the_same_place(monkeypatch):
    """Past MAX_STORED messages only a count is kept: the same messages are kept both ways."""
    monkeypatch.setattr(events_csv, "MAX_STORED", 7)
    rows = [f"x,e{i % 5},{'other' if i % 3 else 'report'},2024-08-12 20:{i % 60:02d},UTC,S{i % 4},{'' if i % 7 else 'https://a.b'}" for i in range(60)]
    data = ("incident,event,kind,time,tz,source,url\n" + "\n".join(rows) + "\n").encode()
    result = same_both_ways(data, batch=4, block=40)
    assert result.omitted_errors and result.omitted_warnings


def test_plain_rows_are_taken_column_wise():
    """The check is not vacuous: valid rows of the usual shapes are plain, so they skip the
    per-row reader; rows with something to say are not."""
    from incident.events_csv.columnar import plain_rows

    names = ["incident", "event", "kind", "time", "tz", "relative_to", "offset_min", "source", "as_reported"]
    rows = [
        ("x", "a", "other", "2024-08-12 20:42", "ET", "", "", "AP", "8:42 p.m."),
        ("x", "b", "report", "2024-08-13T00:42Z", "", "", "", "AP", "12:42 a.m."),
        ("x", "c", "other", "", "", "a", "5", "AP", ""),
        ("x", "d", "other", "2024-08-12", "EDT", "", "", "AP", ""),
        ("x", "e", "other", "2024-08-12 20:42", "EST", "", "", "AP", ""),  # EST in August: a warning
        ("x", "f", "other", "2024-11-03 01:30", "ET", "", "", "AP", ""),  # happened twice: an error
        ("x", "g", "other", "2024-08-12 20:42", "ET", "", "", "AP", "12:42 GMT"),  # names a zone
        ("x", "h", "other", "2024-08-12 20:42", "ET", "", "", "AP", "9:42"),  # matches no reading
    ]
    plain = plain_rows(names, list(zip(*rows)), len(rows))
    assert plain.mask.tolist() == [True, True, True, True, False, False, False, False]
    assert plain.instant[0] == plain.instant[1] == 1723509720  # 2024-08-13T00:42:00Z


@pytest.mark.parametrize("text", ["a,b,c\n1,2,3\n", "a,b,c\r\n1,,3\r\n", "é,ü,\u2028\n x ,y , z\n"])
def test_a_column_block_has_the_csv_reader_s_cells(text):
    block = lines.column_block(text.encode(), 3, 10)
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert block is not None and block.first_line == 10 and block.rows == len(rows)
    assert [list(r) for r in zip(*block.columns)] == rows


@pytest.mark.parametrize("text", ['a,"b",c\n', "a,b\n", "a,b,c,d\n", "a,b\rc,d\n", "\n", "a,b,c\n\n"])
def test_a_block_that_is_not_csv_at_its_simplest_is_left_to_the_csv_reader(text):
    assert lines.column_block(text.encode(), 3, 1) is None


def test_every_rule_has_a_column_wise_counterpart_or_says_why_not():
    """The one rule table (events_csv/ruletable.py): every column of the format and every finding
    the per-row reader can give is there, and each names a check columnar.py has."""
    import ast
    from pathlib import Path

    from incident.events_csv import columnar, ruletable
    from incident.model.cells import COLUMNS

    assert set(ruletable.CELLS) == set(COLUMNS)
    codes = set()
    folder = Path(columnar.__file__).parent
    for path in folder.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in ("warning", "note")
                    and node.args and isinstance(node.args[-1], ast.Constant) and isinstance(node.args[-1].value, str)):
                codes.add(node.args[-1].value)
    assert codes and codes <= set(ruletable.FINDINGS), sorted(codes - set(ruletable.FINDINGS))
    for rule, how in [*ruletable.CELLS.items(), *ruletable.FINDINGS.items()]:
        if isinstance(how, tuple):
            assert how[0] == ruletable.PER_ROW and how[1], rule
        else:
            assert hasattr(columnar, how) or how in columnar.Plain.__dataclass_fields__, (rule, how)
