from pathlib import Path

import pytest

from incident.events_csv import parse

ROOT = Path(__file__).resolve().parent.parent
EVENTS = ROOT / "events.csv"
EXAMPLES = ROOT / "examples" / "postmortems.csv"

HEADER = "incident,event,kind,time,tz,source"


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
