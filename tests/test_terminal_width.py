"""What a person reads in a terminal fits it: at COLUMNS=80 every line of every view of the shipped
data and of a 5,000-event incident is at most 80 characters, but for a single unbroken word (an
address) that no wrapping can split; without COLUMNS (a pipe, a file) nothing is wrapped."""

import io

import pytest

from incident import terminal
from incident.cli import main
from incident.events_csv.reader import load
from incident.timeline.reconstruct import reconstruct_all

from conftest import EVENTS


def run(*argv):
    out, err = io.StringIO(), io.StringIO()
    code = main([str(a) for a in argv], stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def too_wide(text: str, width: int = 80) -> list[str]:
    """The lines wider than `width`, but for a line whose only overflow is one word too long to split."""
    wide = []
    for line in text.splitlines():
        if len(line) <= width:
            continue
        words = line.split()
        if len(words) > 1 and max(map(len, words)) < width - 8:
            wide.append(line)
    return wide


@pytest.fixture
def narrow(monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")


def shipped_views():
    timelines = reconstruct_all(load(EVENTS).claims)
    yield ("validate", EVENTS)
    yield ("metrics", "--events", EVENTS)
    yield ("stats", "--events", EVENTS)
    yield ("fmt", "--check", EVENTS)
    for name, timeline in timelines.items():
        yield ("timeline", name, "--events", EVENTS)
        for event in timeline.events:
            yield ("explain", name, event.event, "--events", EVENTS)


def test_every_view_of_the_shipped_data_fits_80_columns(narrow):
    for argv in shipped_views():
        code, out, err = run(*argv)
        assert code == 0, (argv, err)
        assert too_wide(out) == [] and too_wide(err) == [], argv


def test_a_5000_event_incident_fits_80_columns(narrow, tmp_path):
    rows = ["incident,event,kind,time,tz,relative_to,offset_min,source",
            "long-chain-of-events-in-one-incident,e0,impact_start,2024-08-12 20:00,UTC,,,A source with a long name"]
    rows += [f"long-chain-of-events-in-one-incident,e{i},other,,,e{i - 1},1,A source with a long name" for i in range(1, 5000)]
    path = tmp_path / "events.csv"
    path.write_text("\n".join(rows) + "\n")
    for argv in (("validate", path), ("timeline", "long-chain-of-events-in-one-incident", "--events", path),
                 ("metrics", "--events", path), ("explain", "long-chain-of-events-in-one-incident", "e4999", "--events", path),
                 ("stats", "--events", path)):
        code, out, err = run(*argv)
        assert code == 0, (argv, err)
        assert too_wide(out) == [] and too_wide(err) == [], argv


def test_messages_of_writing_commands_fit_too(narrow, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text("The outage began at 09:02 PT on 4 March 2025. Service was restored at 11:40 PT.\n")
    for argv in (("new", "a-fairly-long-incident-id-2025"), ("validate",),
                 ("extract", "a.txt", "--published", "2025-03-05", "--incident", "a-fairly-long-incident-id-2025", "--append", "events.csv"),
                 ("timeline", "a-fairly-long-incident-id-202"), ("metrcs",)):
        code, out, err = run(*argv)
        assert too_wide(out) == [] and too_wide(err) == [], argv


def test_without_columns_nothing_is_wrapped():
    code, out, err = run("validate", EVENTS)
    assert code == 0
    assert max(len(line) for line in err.splitlines()) > 100  # one message, one line: for logs and editors
    code, out, _ = run("timeline", "x-spaces-2024", "--events", EVENTS)
    assert max(len(line) for line in out.splitlines()) > 100


def test_a_table_cuts_text_then_moves_columns_below():
    header, rows = ["id", "kind", "label"], [["a", "impact_start", "x" * 60], ["b", "recovery", "short"]]
    assert terminal.table(header, rows, None)[1].endswith("x" * 60)
    cut = terminal.table(header, rows, 40, give=(2,))
    assert max(map(len, cut)) <= 40 and cut[1].endswith("…")
    stacked = terminal.table(header, rows, 16, give=(2,), below=(2,), least=10)
    assert stacked[1].startswith("a   impact_start") and stacked[2] == "    label xxxxx…"[:16]
    assert all(len(line) <= 16 for line in stacked)


def test_wrapping_keeps_words_and_hangs_under_what_it_continues():
    assert terminal.wrap("window    " + "word " * 20, 40).splitlines()[1].startswith(" " * 10 + "word")
    assert terminal.wrap("  1. " + "word " * 20, 40).splitlines()[1].startswith("     word")
    assert terminal.wrap("events.csv:2: url: " + "word " * 20, 40, messages=True).splitlines()[1].startswith("    word")
    url = "https://example.com/" + "a" * 100
    assert url in terminal.wrap(f"see {url} now", 40).splitlines()  # an address is never split
