import os
from pathlib import Path

import pytest

from incident.events_csv.reader import parse

ROOT = Path(__file__).resolve().parent.parent
EVENTS = ROOT / "events.csv"
EXAMPLES = ROOT / "examples" / "postmortems.csv"

HEADER = "incident,event,kind,time,tz,source"

# `incident metrics` and `stats` keep a cache beside the events file by default: the tests run
# without one (a test of the cache gives it a folder of its own), so no test leaves one in the tree
os.environ["INCIDENT_CACHE"] = "off"
# and output is fitted to COLUMNS only where a test sets it: not in a module's fixtures either, which
# run before the per-test fixture below (a shell that exports COLUMNS, or a test worker, sets it)
for _variable in ("COLUMNS", "LINES"):
    os.environ.pop(_variable, None)


@pytest.fixture(autouse=True)
def no_terminal_width(monkeypatch):
    """Output is fitted to COLUMNS when it is set; a test sets it when it means to. GNU readline,
    loaded by the test runner, puts COLUMNS into the C environment that child processes inherit
    (unseen by os.environ): taken out for every test."""
    monkeypatch.delenv("COLUMNS", raising=False)
    os.unsetenv("COLUMNS")
    os.unsetenv("LINES")


def make_claims(rows, incident="t", day=None):
    """Claims from dicts of cells: line numbers from 2, kind `other`, a source per row and UTC unless
    given; with `day`, a time or until written 'HH:MM' or 'HH:MM:SS' is on that day."""
    from incident.model.claim import Claim

    claims = []
    for line, row in enumerate(rows, start=2):
        data = {"line": line, "incident": incident, "kind": "other", "source": f"s{line}", **row}
        for cell in ("time", "until"):
            if day is not None and cell in data and len(data[cell]) <= 8:
                data[cell] = f"{day} {data[cell]}"
        if "time" in data and "tz" not in data:
            data["tz"] = "UTC"
        claims.append(Claim.model_validate(data))
    return claims


def check(text: str | bytes, ignore: tuple[str, ...] = ("no-url",)):
    """Parse CSV text and return its diagnostics as (line, column, severity, message).

    The note on claims without a url is left out (most cases here have none); its own tests ask for it."""
    data = text.encode("utf-8") if isinstance(text, str) else text
    result = parse(data, "events.csv")
    return [(d.line, d.column, d.severity, d.message) for d in result.diagnostics if d.code not in ignore]


@pytest.fixture
def write(tmp_path):
    def _write(text: str | bytes, name: str = "events.csv") -> Path:
        path = tmp_path / name
        path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
        return path

    return _write
