"""Many incidents: the file read incident by incident gives what the whole-file reading gives, byte
for byte, in one process or a pool; the cache answers for an unchanged incident and never for a
changed one; an invalid file is worded as validate words it, with nothing printed; a saved metrics
file is read back or refused line by line; the per-incident function over a frame group is the
command's answer, row for row."""

import csv
import io
import json
import random
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from incident.cli import main
from incident.many import cache as caching
from incident.many import run as running
from incident.many.work import InvalidRows, incident_metrics, records_meta

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
import generate  # noqa: E402 (benchmarks/generate.py: the synthetic files)

FILES = [ROOT / "events.csv", ROOT / "examples" / "postmortems.csv", ROOT / "tests" / "data" / "outage.csv",
         *sorted((ROOT / "tests" / "data" / "outages").glob("*.csv"))]


def run(*argv):
    out, err = io.StringIO(), io.StringIO()
    code = main([str(a) for a in argv], stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def whole(path) -> str:
    """The records as the file read whole gives them (its postmortems' severities too)."""
    from incident.many.command import severities
    from incident.postmortem import default_folder

    out = io.StringIO()
    running.write_csv(running.whole_file(str(path), None, severities(default_folder(path))), out)
    return out.getvalue()


def synthetic(path: Path, incidents: int = 120, shuffle: bool = False, seed: int = 3) -> Path:
    rows = list(generate.rows(incidents, 5, 20, seed=seed, wrong_rate=0.02))
    if shuffle:  # an incident's rows far apart: the index puts them together again
        random.Random(seed).shuffle(rows)
    with path.open("w", newline="") as fp:
        writer = csv.DictWriter(fp, generate.COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return path


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_incident_by_incident_is_the_whole_file_reading(path):
    code, out, err = run("metrics", "--events", path, "--csv")
    assert code == 0, err
    assert out == whole(path)


def test_rows_apart_quoted_lines_crlf_and_a_bom_read_the_same(tmp_path):
    path = synthetic(tmp_path / "apart.csv", shuffle=True)
    together = synthetic(tmp_path / "together.csv")
    assert run("metrics", "--events", path, "--csv")[1] == whole(path) == run("metrics", "--events", together, "--csv")[1]
    rows = list(generate.rows(40, 5, 20, seed=5))
    for row in rows:  # labels over two lines, every cell quoted (the incident's too), CRLF, a BOM
        if row["label"]:
            row["label"] = row["label"].replace(" of ", "\nof ")
    out = io.StringIO()
    writer = csv.DictWriter(out, generate.COLUMNS, lineterminator="\r\n", quoting=csv.QUOTE_ALL)
    writer.writeheader()
    writer.writerows(rows)
    quoted = tmp_path / "quoted.csv"
    quoted.write_bytes(("\ufeff" + out.getvalue()).encode())
    code, text, err = run("metrics", "--events", quoted, "--csv")
    assert code == 0, err
    assert text == whole(quoted) and text.count("\n") == 1 + 40 * 11


def test_a_pool_gives_the_same_bytes(tmp_path):
    path = synthetic(tmp_path / "events.csv", incidents=200)
    one = run("metrics", "--events", path, "--csv", "--jobs", "1")[1]
    assert run("metrics", "--events", path, "--csv", "--jobs", "2")[1] == one
    assert run("stats", "--events", path, "--json", "--jobs", "2")[1] == run("stats", "--events", path, "--json")[1]


def test_the_cache_answers_only_for_unchanged_incidents(tmp_path, monkeypatch):
    path = synthetic(tmp_path / "events.csv", incidents=60)
    folder = tmp_path / "cache"
    seen = []
    monkeypatch.setattr(running, "batch_texts", lambda header, blocks, *rest: seen.extend(n for n, _ in blocks)
                        or __import__("incident.many.work", fromlist=["x"]).batch_texts(header, blocks, *rest))
    first = run("metrics", "--events", path, "--csv", "--cache", folder)[1]
    assert len(seen) == 60 and (folder / caching.FILE).is_file()
    seen.clear()
    assert run("metrics", "--events", path, "--csv", "--cache", folder)[1] == first and seen == []  # nothing reconstructed
    text = path.read_text().replace("incident-00007,event-0004,resolution,,", "incident-00007,event-0004,resolution,Back,", 1)
    lines = text.splitlines(keepends=True)
    row = next(i for i, line in enumerate(lines) if line.startswith("incident-00007,event-0004"))
    lines[row] = lines[row].replace(",UTC,", ",UTC,", 1)
    lines.insert(1, lines.pop(row))  # one incident's rows changed in order and moved: its key changes, no other's
    path.write_text("".join(lines))
    changed = run("metrics", "--events", path, "--csv", "--cache", folder)[1]
    assert seen == ["incident-00007"] and changed == whole(path)
    seen.clear()
    monkeypatch.setattr(caching, "code_digest", lambda: "other code")
    run("metrics", "--events", path, "--csv", "--cache", folder)
    assert len(seen) == 60  # new code: nothing is taken from the cache


def test_a_cache_that_cannot_be_written_is_skipped_with_a_word(tmp_path):
    path = synthetic(tmp_path / "events.csv", incidents=10)
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    code, out, err = run("metrics", "--events", path, "--csv", "--cache", blocked)
    assert code == 0 and out == whole(path)
    assert err.startswith(f"incident metrics: the cache in {blocked} cannot be used (") and err.count("\n") == 1


def test_by_default_the_cache_is_beside_the_events_and_no_cache_writes_none(tmp_path, monkeypatch):
    path = synthetic(tmp_path / "events.csv", incidents=5)
    monkeypatch.delenv("INCIDENT_CACHE")
    assert run("metrics", "--events", path, "--csv", "--no-cache")[0] == 0 and not (tmp_path / ".incident-cache").exists()
    assert run("metrics", "--events", path, "--csv")[0] == 0 and (tmp_path / ".incident-cache" / caching.FILE).is_file()


def test_an_invalid_row_anywhere_is_worded_as_validate_words_it_and_nothing_is_printed(tmp_path):
    path = synthetic(tmp_path / "events.csv", incidents=150)
    lines = path.read_text().splitlines(keepends=True)
    late = next(i for i, line in enumerate(lines) if line.startswith("incident-00140,"))
    lines[late] = lines[late].replace(",UTC,", ",Mars/Olympus,", 1)
    path.write_text("".join(lines))
    validated = run("validate", path)[2]
    for jobs in ("1", "2"):
        code, out, err = run("metrics", "--events", path, "--csv", "--jobs", jobs)
        assert (code, out) == (1, "")
        assert err.splitlines()[0] == validated.splitlines()[0] and f":{late + 1}: tz:" in err


def test_named_incidents_come_in_the_order_given_and_an_unknown_one_is_named(tmp_path):
    path = synthetic(tmp_path / "events.csv", incidents=5)
    found = json.loads(run("metrics", "incident-00003", "incident-00001", "--events", path, "--json")[1])
    assert [m["incident"] for m in found][::11] == ["incident-00003", "incident-00001"]
    code, _, err = run("metrics", "incident-0001", "--events", path)
    assert code == 2 and "no incident 'incident-0001'" in err and "did you mean" in err


def test_json_is_written_as_one_list(tmp_path):
    path = synthetic(tmp_path / "events.csv", incidents=3)
    out = run("metrics", "--events", path, "--json")[1]
    records = json.loads(out)
    assert out == json.dumps(records, ensure_ascii=False, indent=2) + "\n" and len(records) == 33
    assert {"incident", "metric", "minutes", "low", "high", "from", "to", "state", "why", "start"} <= set(records[0])


@pytest.mark.parametrize("content, message", [
    ("incident,metric\nx,time_open\n", "1: header: no low, high, state, start, incident_start, latest column"),
    ("incident,metric,low,high,state,start,incident_start,latest\nx,time_open,1,2,estimate,,,\nx,time_opened,1,2,estimate,,,\n",
     ":3: metric: 'time_opened': not one of"),
    ("incident,metric,low,high,state,start,incident_start,latest\nx,time_open,-4,2,estimate,,,\n",
     ":2: low: '-4': not a number of minutes (≥ 0)"),
    ('incident,metric,low,high,state,start,incident_start,latest\n"x\ny",time_open,1,2,estimate,2024-13-01T00:00:00Z,,\n',
     ":2: start: '2024-13-01T00:00:00Z': not a time"),
    ("", ":1: file: not a metrics CSV file"),
])
def test_a_bad_metrics_file_is_named_by_line_and_column(tmp_path, content, message):
    path = tmp_path / "metrics.csv"
    path.write_text(content)
    code, out, err = run("stats", "--from-metrics", path)
    assert code == 1 and out == "" and message in err and "Traceback" not in err


def test_the_function_over_a_frame_group_is_the_commands_answer_row_for_row(tmp_path):
    import pandas as pd

    from incident.many.metrics_file import read_metrics

    path = synthetic(tmp_path / "events.csv", incidents=12)
    saved = tmp_path / "metrics.csv"
    saved.write_text(run("metrics", "--events", path, "--csv")[1])
    expected = read_metrics(saved)
    rows = pd.read_csv(path, dtype=str, keep_default_na=False)
    rows["line"] = range(2, len(rows) + 2)
    shuffled = rows.sample(frac=1, random_state=1)  # the rows' order comes from `line`
    parts = [incident_metrics(group) for _, group in shuffled.groupby("incident")]
    pd.testing.assert_frame_equal(pd.concat(parts, ignore_index=True), expected)
    keyless = rows.drop(columns="incident")[rows["incident"] == "incident-00004"]
    keyless.name = "incident-00004"  # a group as pandas ≥ 3 and Dask hand it over
    pd.testing.assert_frame_equal(incident_metrics(keyless), expected[expected["incident"] == "incident-00004"].reset_index(drop=True))
    assert list(records_meta().columns) == list(expected.columns)


def test_the_function_names_the_lines_of_bad_rows_and_refuses_two_incidents():
    import pandas as pd

    rows = pd.DataFrame({"incident": ["x", "x"], "event": ["a", "b"], "kind": ["impact_start", "recovery"],
                         "time": ["2024-01-01 10:00", "2024-01-01 25:00"], "tz": ["UTC", "UTC"], "source": ["s", "s"],
                         "line": [40, 41]})
    with pytest.raises(InvalidRows) as raised:
        incident_metrics(rows)
    assert [(d.line, d.column) for d in raised.value.diagnostics if d.is_error] == [(41, "time")]
    with pytest.raises(ValueError, match="2 incidents"):
        incident_metrics(rows.assign(incident=["x", "y"]))


def _dies(*task):
    import os

    os._exit(3)


def test_a_worker_that_dies_is_said_never_waited_for(tmp_path, monkeypatch):
    path = synthetic(tmp_path / "events.csv", incidents=20)
    monkeypatch.setattr(running, "batch_texts", _dies)
    code, out, err = run("metrics", "--events", path, "--csv", "--jobs", "2")
    assert (code, out) == (2, "") and "a worker process ended before its incidents were done" in err


def test_the_index_is_the_same_in_bulk_and_line_by_line(tmp_path, monkeypatch):
    """Blocks of plain lines are indexed in bulk, others line by line: the same spans and ids, with
    the incident column anywhere, CRLF, blocks cut anywhere."""
    from incident.many import index as indexing

    rows = list(generate.rows(30, 5, 20, seed=9))
    columns = ["event", "kind", "incident", *[c for c in generate.COLUMNS if c not in ("event", "kind", "incident")]]
    out = io.StringIO()
    writer = csv.DictWriter(out, columns, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    path = tmp_path / "events.csv"
    path.write_bytes(out.getvalue().encode())
    bulk = indexing.build(str(path))
    monkeypatch.setattr(indexing, "CHUNK", 777)  # blocks end mid-file, again and again
    small = indexing.build(str(path))
    state = indexing._State(indexing.Index(str(path), b"", []), len(out.getvalue().split("\r\n", 1)[0]) + 2)
    with path.open("rb") as fp:
        fp.readline()
        for line in fp:
            state.line(line, 2)
    for found in (small, state.index):
        assert (list(found.starts), list(found.ends), [found.names[c] for c in found.codes]) == \
               (list(bulk.starts), list(bulk.ends), [bulk.names[c] for c in bulk.codes])
    assert bulk.rows == len(rows) and bulk.incidents() == sorted({r["incident"] for r in rows})
    assert run("metrics", "--events", path, "--csv")[1] == whole(path)


@pytest.mark.parametrize("value, message", [("0", "--jobs: 0 is out of range: 1 to 256"), ("many", "--jobs: 'many' is not a number")])
def test_a_bad_jobs_option_is_a_usage_error(value, message):
    code, out, err = run("metrics", "--events", ROOT / "events.csv", "--jobs", value)
    assert (code, out) == (2, "") and message in err


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.text(max_size=8), st.one_of(st.none(), st.text(max_size=12), st.floats(allow_nan=True, allow_infinity=True),
                                                     st.lists(st.text(max_size=6), max_size=3)), max_size=6))
def test_a_record_is_written_as_json_dumps_writes_it(record):
    """metrics --json writes each record without json's pure-Python indenting encoder: the same text."""
    from incident.many.command import json_record

    assert json_record(record) == json.dumps(record, ensure_ascii=False, indent=2).replace("\n", "\n  ")


def test_a_detection_before_the_impact_reads_back_from_the_metrics_file(tmp_path):
    # a precursor: detected 30 minutes before the impact, so time_to_detect is negative, and legitimately so
    events = tmp_path / "events.csv"
    events.write_text("incident,event,kind,time,source\n"
                      "early,detection,detection,2025-03-04 09:30Z,Acme\n"
                      "early,impact-start,impact_start,2025-03-04 10:00Z,Acme\n"
                      "early,recovery,recovery,2025-03-04 11:00Z,Acme\n")
    saved = tmp_path / "metrics.csv"
    saved.write_text(run("metrics", "--events", events, "--csv")[1])
    code, out, err = run("stats", "--from-metrics", saved)
    assert code == 0 and "Traceback" not in err, err
    rows = saved.read_text().splitlines()
    header = rows[0].split(",")
    detect = next(line.split(",") for line in rows if ",time_to_detect," in line)
    assert float(detect[header.index("minutes")]) == -30
    row = next(i for i, line in enumerate(rows) if ",time_to_recover," in line)
    cells = rows[row].split(",")
    cells[header.index("low")] = "-5"
    rows[row] = ",".join(cells)
    saved.write_text("\n".join(rows) + "\n")
    code, out, err = run("stats", "--from-metrics", saved)
    assert code == 1 and "low: '-5': not a number of minutes (≥ 0)" in err  # a time to recover is never negative
