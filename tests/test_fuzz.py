"""Hostile input never crashes: random bytes, CSV shapes and cell values through every command.

Each command must exit 0 or 1 (never raise, never print a traceback) and leave its input as it was.
Seeds are fixed and examples bounded so CI stays fast.
"""

import csv
import io

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from incident.cli import main
from incident.model import COLUMNS

FUZZ = settings(derandomize=True, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

CELLS = st.one_of(
    st.sampled_from([
        "", "x", "a-b", "other", "report", "recovery", "scheduled_start", "measurement", "2024-08-12",
        "2024-08-12 20:42", "2024-03-10 02:30", "2024-11-03 01:30", "2024-08-12T20:42:00Z", "2024-08-12 20:42+05:30",
        "25:99", "0000-00-00", "ET", "EST", "PT", "UTC", "Mars/Base", "-1", "5", "1e308", "nan", "inf", "at",
        "not_before", "not_after", "a", "b", "=1+1", "\"", "\n", "12:42 GMT", "8:42 p.m.", "45516.86", "08/12/2024",
    ]),
    st.text(max_size=12),
)


@st.composite
def csv_files(draw):
    columns = draw(st.lists(st.sampled_from([*COLUMNS, "mine", "Time", ""]), min_size=1, max_size=12))
    rows = draw(st.lists(st.lists(CELLS, min_size=0, max_size=len(columns) + 2), max_size=8))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator=draw(st.sampled_from(["\n", "\r\n"])))
    writer.writerow(columns)
    writer.writerows(rows)
    data = out.getvalue().encode("utf-8")
    if draw(st.booleans()):
        data = b"\xef\xbb\xbf" + data
    return data


@st.composite
def near_valid_files(draw):
    """Valid files with one cell turned hostile, so the deep paths (reconstruction, charts) run."""
    columns = draw(st.permutations(["incident", "event", "kind", "time", "tz", "uncertainty_min", "bound", "relative_to", "offset_min", "value", "unit", "source", "label"]))
    rows = []
    events = ["s", "a", "b", "c"]
    kinds = {"s": "scheduled_start", "a": "impact_start", "b": "recovery", "c": "measurement"}
    for _ in range(draw(st.integers(1, 8))):
        event = draw(st.sampled_from(events))
        row = dict.fromkeys(columns, "")
        row.update(incident=draw(st.sampled_from(["x", "y"])), event=event, kind=kinds[event], source="S", label=draw(CELLS))
        if event != "s" and draw(st.booleans()):
            row.update(relative_to="s", offset_min=str(draw(st.integers(-90, 90))))
        else:
            row.update(time=f"2024-08-12 {draw(st.integers(18, 23)):02d}:{draw(st.integers(0, 59)):02d}", tz=draw(st.sampled_from(["ET", "UTC", "EDT"])))
        row.update(uncertainty_min=draw(st.sampled_from(["", "0", "3", "600"])), bound=draw(st.sampled_from(["", "at", "not_before", "not_after"])))
        if event == "c":
            row.update(value=str(draw(st.integers(0, 10**7))), unit="listeners")
        rows.append(row)
    if draw(st.booleans()):
        victim = draw(st.sampled_from(rows))
        victim[draw(st.sampled_from(columns))] = draw(CELLS)
    out = io.StringIO()
    writer = csv.DictWriter(out, columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


INPUTS = st.one_of(st.binary(max_size=300), csv_files(), near_valid_files())


def run_on(tmp_path, data: bytes, *argv) -> int:
    path = tmp_path / "events.csv"
    path.write_bytes(data)
    out, err = io.StringIO(), io.StringIO()
    code = main([a.replace("PATH", str(path)) for a in argv], stdout=out, stderr=err)
    assert code in (0, 1), (code, err.getvalue())
    assert "Traceback" not in err.getvalue()
    assert path.read_bytes() == data or argv[0] == "fmt"
    return code


@settings(FUZZ, max_examples=300)
@given(data=INPUTS)
def test_validate_never_crashes(tmp_path, data):
    run_on(tmp_path, data, "validate", "PATH")


@settings(FUZZ, max_examples=150)
@given(data=INPUTS)
def test_fmt_never_crashes_and_only_rewrites_valid_files(tmp_path, data):
    code = run_on(tmp_path, data, "fmt", "--check", "PATH")
    assert (tmp_path / "events.csv").read_bytes() == data  # --check writes nothing
    code = run_on(tmp_path, data, "fmt", "PATH")
    if code == 1:
        assert (tmp_path / "events.csv").read_bytes() == data


@settings(FUZZ, max_examples=150)
@given(data=INPUTS)
def test_timeline_and_metrics_never_crash(tmp_path, data):
    run_on(tmp_path, data, "metrics", "--events", "PATH", "--json")
    text = data.decode("utf-8", errors="replace")
    incident = next((cell for row in csv.reader(io.StringIO(text)) for cell in row[:1]), "x") or "x"
    out, err = io.StringIO(), io.StringIO()
    (tmp_path / "events.csv").write_bytes(data)
    code = main(["timeline", incident, "--events", str(tmp_path / "events.csv")], stdout=out, stderr=err)
    assert code in (0, 1, 2), err.getvalue()  # 2: that incident is not in the file


@settings(FUZZ, max_examples=12)
@given(data=near_valid_files())
def test_report_never_crashes(tmp_path, data):
    run_on(tmp_path, data, "report", "--events", "PATH", "--out", str(tmp_path / "out"))
