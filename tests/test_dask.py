"""The Dask recipe of docs/many-incidents.md, run as written on a local cluster of two worker
processes: its records are those of `incident metrics --csv` in one process, row for row. Needs the
optional extra `incident[dask]` (the Makefile installs it from requirements.lock)."""

import io
import re
import sys
from pathlib import Path

import pytest

pytest.importorskip("dask.dataframe", reason="needs the optional extra incident[dask] (dask[dataframe,distributed])")
pytest.importorskip("distributed", reason="needs the optional extra incident[dask] (dask[dataframe,distributed])")

from incident.cli import main
from incident.many.metrics_file import read_metrics

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
import generate  # noqa: E402


def recipe() -> dict:
    """The documented block, executed: its functions."""
    text = (ROOT / "docs" / "many-incidents.md").read_text()
    block = re.search(r"<!-- recipe: dask -->\s*```python\n(.*?)```", text, re.S)
    assert block, "docs/many-incidents.md has no Dask recipe block"
    found: dict = {}
    exec(compile(block[1], "docs/many-incidents.md (Dask recipe)", "exec"), found)
    return found


def test_the_dask_recipe_gives_the_single_process_records_row_for_row(tmp_path):
    import csv

    import pandas as pd

    events = tmp_path / "events.csv"
    with events.open("w", newline="") as fp:
        writer = csv.DictWriter(fp, generate.COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(generate.rows(300, 5, 20, seed=11, wrong_rate=0.02))
    out = io.StringIO()
    assert main(["metrics", "--events", str(events), "--csv", "--jobs", "1"], stdout=out, stderr=io.StringIO()) == 0
    saved = tmp_path / "metrics.csv"
    saved.write_text(out.getvalue())
    expected = read_metrics(saved)
    found = recipe()["dask_metrics"](str(events), workers=2)
    assert len(found) == len(expected) == 300 * 11
    pd.testing.assert_frame_equal(found, expected)
