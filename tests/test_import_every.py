"""One hostile-input set over every importer the registry has: nulls and wrong types in every
field, text that would start a spreadsheet formula or move a terminal's cursor, huge and deeply
nested input, truncated files, and what is no file (a FIFO, a folder, a device). Each is one clear
message or a clean import: never a traceback, a hang, a formula or an escape reaching the output,
and nothing written on a failure."""

import csv
import io
import os
import time

import pytest

from importer_samples import SAMPLES
from incident.cli import main
from incident.importers.registry import IMPORTERS

NAMES = sorted(IMPORTERS)
FORMULA = ("=", "+", "-", "@")
SECONDS = 10  # the most any run below may take (each takes well under one)


def run(*argv):
    out, err = io.StringIO(), io.StringIO()
    start = time.perf_counter()
    code = main([str(a) for a in argv], stdout=out, stderr=err)
    elapsed = time.perf_counter() - start
    assert "Traceback" not in err.getvalue()
    assert elapsed < SECONDS, (argv, elapsed)
    return code, out.getvalue(), err.getvalue()


def importing(tmp_path, name, data: bytes, *extra):
    sample = SAMPLES[name]
    path = tmp_path / f"input{sample.suffix}"
    path.write_bytes(data)
    return run("import", name, path, *sample.args, *extra)


def cells(out: str) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(out)) for cell in row]


def test_every_importer_has_a_sample():
    assert sorted(SAMPLES) == NAMES


@pytest.mark.parametrize("name", NAMES)
def test_the_sample_imports_and_validates(tmp_path, name):
    target = tmp_path / "events.csv"
    code, _, err = importing(tmp_path, name, SAMPLES[name].data(), "--out", target)
    assert code == 0, err
    assert run("validate", target)[0] == 0


@pytest.mark.parametrize("name", NAMES)
def test_nulls_and_wrong_types_anywhere_never_give_a_traceback(tmp_path, name):
    """Each place a value sits, given a value of another type (null, number, boolean, text, list,
    object, in turn): a clean import or one message (exit 1, or 2 for an option's value)."""
    sample = SAMPLES[name]
    others = [None, 0, True, "x", [], {"a": None}, -1.5, [None]]
    for i, path in enumerate(sample.leaves()):
        code, out, err = importing(tmp_path, name, sample.replaced(path, others[i % len(others)]))
        assert code in (0, 1, 2), (path, err)
        assert code == 0 or (out == "" and err.count("\n") >= 1), (path, err)


@pytest.mark.parametrize("name", NAMES)
def test_formula_and_control_characters_never_reach_a_cell(tmp_path, name):
    """Every text of the record, alone in turn, made to start a formula and carry a NUL, an escape
    sequence and a bell: a cell may hold the words, never a formula or a control character."""
    sample = SAMPLES[name]
    texts = [path for path in sample.leaves() if isinstance(sample.at(path), str)]
    for i, path in enumerate(texts):
        spoiled = f"{FORMULA[i % 4]}cmd|' /C calc'!A0 \x00\x1b[2J\x07 " + sample.at(path)
        code, out, err = importing(tmp_path, name, sample.replaced(path, spoiled))
        assert code in (0, 1), (path, err)
        for cell in cells(out):
            assert not cell.startswith(FORMULA) or _number(cell), (path, cell)
            assert not any(c in cell for c in "\x00\x1b\x07"), (path, cell)
        assert not any(c in err for c in "\x00\x1b\x07"), (path, err)


def _number(cell: str) -> bool:
    try:
        float(cell)
        return True
    except ValueError:
        return False


@pytest.mark.parametrize("name", NAMES)
def test_huge_text_in_every_field_is_read_in_time_and_cut(tmp_path, name):
    sample = SAMPLES[name]
    code, out, err = importing(tmp_path, name, sample.every_text(lambda text: text + " word" * 40_000))
    assert code in (0, 1), err
    assert max((len(line) for line in out.splitlines()), default=0) < 2_000_000


@pytest.mark.parametrize("name", NAMES)
def test_deeply_nested_input_is_one_message(tmp_path, name):
    sample = SAMPLES[name]
    deep = b"[" * 100_000 + b"]" * 100_000 if sample.is_json else b"<feed>" + b"<a>" * 100_000 + b"</a>" * 100_000 + b"</feed>"
    code, out, err = importing(tmp_path, name, deep)
    assert code in (0, 1) and out == "", err
    assert f"input{sample.suffix}" in err


@pytest.mark.parametrize("name", NAMES)
def test_a_truncated_file_is_named_and_nothing_is_written(tmp_path, name):
    data = SAMPLES[name].data()
    target = tmp_path / "events.csv"
    for cut in (len(data) // 3, len(data) // 2, len(data) - 3):
        code, out, err = importing(tmp_path, name, data[:cut], "--out", target)
        assert code == 1 and out == "" and not target.exists(), err
        assert f"input{SAMPLES[name].suffix}" in err and ("truncated" in err or "too early" in err or "not " in err), err


@pytest.mark.parametrize("name", NAMES)
def test_bytes_that_are_no_text_are_one_message(tmp_path, name):
    code, out, err = importing(tmp_path, name, b"\xff\xfe\x00\x01" * 1000)
    assert code == 1 and out == "" and err.count("\n") == 1, err


@pytest.mark.parametrize("name", NAMES)
def test_a_file_past_the_cap_is_refused_before_it_is_read(tmp_path, name):
    path = tmp_path / f"huge{SAMPLES[name].suffix}"
    with path.open("wb") as handle:
        handle.truncate(65 << 20)  # sparse: no time or disk spent writing it
    code, out, err = run("import", name, path, *SAMPLES[name].args)
    assert code == 1 and out == "" and "larger than" in err, err


@pytest.mark.parametrize("name", NAMES)
def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path, name):
    fifo = tmp_path / "input.json"
    os.mkfifo(fifo)
    code, out, err = run("import", name, fifo, *SAMPLES[name].args)
    assert code in (1, 2) and out == "" and str(fifo) in err, err


@pytest.mark.parametrize("name", NAMES)
def test_a_device_is_refused(tmp_path, name):
    if not os.path.exists("/dev/zero"):
        pytest.skip("no /dev/zero on this system")
    code, out, err = run("import", name, "/dev/zero", *SAMPLES[name].args)
    assert code in (1, 2) and out == "" and "/dev/zero" in err, err


@pytest.mark.parametrize("name", NAMES)
def test_a_folder_is_read_only_by_an_importer_that_reads_folders(tmp_path, name):
    folder = tmp_path / "folder"
    folder.mkdir()
    (folder / "x.txt").write_text("not a record")
    code, out, err = run("import", name, folder, *SAMPLES[name].args)
    assert out == "" and str(folder) in err, err
    if "folder" in IMPORTERS[name].reads:
        assert code == 1, err  # a folder with nothing of its kind in it
    else:
        assert code == 2 and "is a directory" in err, err


@pytest.mark.parametrize("name", NAMES)
def test_a_missing_file_is_a_usage_error_naming_it(tmp_path, name):
    code, out, err = run("import", name, tmp_path / "nope.json", *SAMPLES[name].args)
    assert (code, out) == (2, "") and f"{tmp_path / 'nope.json'}: no such file" in err


@pytest.mark.parametrize("name", NAMES)
def test_every_importer_is_offered_with_its_help_and_documented(name, capsys):
    from conftest import ROOT

    importer = IMPORTERS[name]
    assert main(["import", name, "--help"]) == 0
    shown = " ".join(capsys.readouterr().out.split())
    assert " ".join(importer.description.split()) in shown
    assert all(option.flag in shown for option in importer.options)
    assert f"incident import {name} " in (ROOT / "docs" / "commands.md").read_text()
