"""Hostile input never crashes: random bytes, CSV shapes and cell values through every command.

Each command must exit 0 or 1 (never raise, never print a traceback) and leave its input as it was.
Seeds are fixed and examples bounded so CI stays fast.
"""

import csv
import io
import signal

import pytest

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from incident.cli import main
from incident.events_csv.reader import parse
from incident.model.cells import COLUMNS

FUZZ = settings(derandomize=True, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

CELLS = st.one_of(
    st.sampled_from([
        "", "x", "a-b", "other", "report", "recovery", "scheduled_start", "measurement", "2024-08-12",
        "2024-08-12 20:42", "2024-03-10 02:30", "2024-11-03 01:30", "2024-08-12T20:42:00Z", "2024-08-12 20:42+05:30",
        "25:99", "0000-00-00", "ET", "EST", "PT", "UTC", "Mars/Base", "-1", "5", "1e308", "nan", "inf", "at",
        "not_before", "not_after", "a", "b", "=1+1", "\"", "\n", "12:42 GMT", "8:42 p.m.", "45516.86", "08/12/2024",
        # extremes: the calendar's edges, year typos, runaway numbers, text that is not plain
        "0001-01-01 00:00+14:00", "0001-01-03 00:00", "9999-12-29 23:59", "9999-12-31 23:59-14:00", "2042-08-12 20:42",
        "1e12", "1e20", "5270400", "-5270400", "1e-9", "-0", "1_000", "$\\foo$", "lost $5M, then $10M", "a\rb", "\r",
        "\u2028", "\u200fRTL\u200e", "x" * 150, "6/8/2021 9:47 PM", "09:48 UTC",
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
            year = draw(st.sampled_from([2024, 2024, 2024, 2042, 1, 9999]))  # far-apart years too
            row.update(time=f"{year:04d}-08-12 {draw(st.integers(18, 23)):02d}:{draw(st.integers(0, 59)):02d}", tz=draw(st.sampled_from(["ET", "UTC", "EDT", "EST"])))
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


class Hang(Exception):
    pass


def _alarm(signum, frame):
    raise Hang()


def run_on(tmp_path, data: bytes, *argv, codes=(0, 1)) -> int:
    """Run one command on `data` as events.csv: it must end within HANG seconds (a guard against
    runaway layouts and loops, not a speed test), exit with one of `codes`, print no traceback,
    and leave its input as it was (fmt excepted)."""
    path = tmp_path / "events.csv"
    path.write_bytes(data)
    out, err = io.StringIO(), io.StringIO()
    code = bounded(lambda: main([a.replace("PATH", str(path)).replace("OUT", str(tmp_path / "out")) for a in argv], stdout=out, stderr=err),
                   f"{argv[0]} on {data[:300]!r}")
    assert code in codes, (argv, code, err.getvalue())
    assert "Traceback" not in err.getvalue()
    assert path.read_bytes() == data or argv[0] == "fmt"
    return code


HANG = 30  # seconds


def bounded(call, what: str):
    """call(), failing the test when it runs longer than HANG seconds."""
    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(HANG)
    try:
        return call()
    except Hang:
        pytest.fail(f"{what} ran longer than {HANG} s")
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@settings(FUZZ, max_examples=2000)
@given(data=INPUTS)
def test_validate_never_crashes(tmp_path, data):
    run_on(tmp_path, data, "validate", "PATH")


@settings(FUZZ, max_examples=300)
@given(data=INPUTS)
def test_fmt_never_crashes_and_only_rewrites_valid_files(tmp_path, data):
    code = run_on(tmp_path, data, "fmt", "--check", "PATH")
    assert (tmp_path / "events.csv").read_bytes() == data  # --check writes nothing
    code = run_on(tmp_path, data, "fmt", "PATH")
    written = (tmp_path / "events.csv").read_bytes()
    if code == 1:
        assert written == data
    else:  # what fmt writes is valid and reads back to the same cells
        before, after = parse(data, keep_rows=True), parse(written, keep_rows=True)
        assert after.ok, after.diagnostics
        assert sorted(before.written_header) == sorted(after.written_header)
        assert sorted(sorted(r.cells) for r in before.rows) == sorted(sorted(r.cells) for r in after.rows)


@settings(FUZZ, max_examples=300)
@given(data=INPUTS)
def test_timeline_and_metrics_never_crash(tmp_path, data):
    run_on(tmp_path, data, "metrics", "--events", "PATH", "--json")
    text = data.decode("utf-8", errors="replace")
    try:
        incident = next((cell for row in csv.reader(io.StringIO(text, newline="")) for cell in row[:1]), "x") or "x"
    except csv.Error:
        incident = "x"
    out, err = io.StringIO(), io.StringIO()
    (tmp_path / "events.csv").write_bytes(data)
    code = main(["timeline", incident, "--events", str(tmp_path / "events.csv")], stdout=out, stderr=err)
    assert code in (0, 1, 2), err.getvalue()  # 2: that incident is not in the file


@settings(FUZZ, max_examples=40)
@given(data=near_valid_files())
def test_every_command_survives_near_valid_files(tmp_path, data):
    """Every command, report included, on files one hostile cell away from valid."""
    incident = "x" if b"\nx," in data else "y"
    run_on(tmp_path, data, "validate", "PATH")
    run_on(tmp_path, data, "timeline", incident, "--events", "PATH", "--json", codes=(0, 1, 2))
    run_on(tmp_path, data, "timeline", incident, "--events", "PATH", "--tz", "EST", codes=(0, 1, 2))
    run_on(tmp_path, data, "metrics", "--events", "PATH", "--csv")
    run_on(tmp_path, data, "explain", incident, "a", "--events", "PATH", codes=(0, 1, 2))
    run_on(tmp_path, data, "explain", incident, "s", "--events", "PATH", "--json", codes=(0, 1, 2))
    run_on(tmp_path, data, "report", "--events", "PATH", "--out", "OUT")
    run_on(tmp_path, data, "report", "--check", "--events", "PATH", "--out", "OUT")
    run_on(tmp_path, data, "fmt", "--check", "PATH")
    run_on(tmp_path, data, "fmt", "PATH")


# ---------------------------------------------------------------- the feed reader, the saved-page reader, every export


FEED_PIECES = st.sampled_from([
    "<title>Outage</title>", "<title>Service is operating normally: [RESOLVED] Errors</title>", "<title>[a][b](c) x</title>",
    "<title>=HYPERLINK(\"x\")</title>", "<pubDate>Tue, 07 Dec 2021 22:18:00 PST</pubDate>", "<pubDate>Tue, 07 Dec 0002 22:18:00 GMT</pubDate>",
    "<pubDate>31 Feb 2021 25:00 XYZ</pubDate>", "<published>2024-06-18T17:15:02Z</published>", "<updated>9999-12-31T23:59:59-14:00</updated>",
    "<updated>0001-01-01T00:00:00+14:00</updated>", "<guid>https://status.example/incidents/k1mlx</guid>", "<id>tag:x,2005:Incident/7</id>",
    "<link href=\"https://status.example/incidents/abc\"/>", "<description>Between 3:07 PM and 4:42 PM PDT errors. Resolved.</description>",
    "<content type=\"html\">&lt;p&gt;&lt;small&gt;Jun 18, 18:09 UTC&lt;/small&gt;&lt;br&gt;&lt;strong&gt;Resolved&lt;/strong&gt; - done&lt;/p&gt;</content>",
    "<content type=\"html\">&lt;small&gt;Jun 18, 25:99 UTC&lt;/small&gt;&lt;strong&gt;x&lt;/strong&gt;</content>",
    "<content>&lt;small&gt;&lt;strong&gt;&lt;/small&gt;</content>", "<summary><![CDATA[<b>x</b> at 10:00 UTC]]></summary>",
    "<content type=\"xhtml\"><div xmlns=\"http://www.w3.org/1999/xhtml\"><p>Resolved at 10:00</p></div></content>",
    "&amp;", "<!-- c -->", "<?xml-stylesheet href='x'?>", "\u202e", "x" * 300,
])
BROKEN_PIECES = st.sampled_from(["&#0;", "&#x1b;", "\x00", "<", "</item>", "</entry>", "<item>", "<entry>", "<!DOCTYPE x>"])


@st.composite
def feed_documents(draw):
    encoding = draw(st.sampled_from(["UTF-8"] * 4 + ["", "Shift_JIS", "ISO-8859-1", "windows-1252", "UTF-7", "x-bogus", "base64"]))
    root, entry = draw(st.sampled_from([("rss", "item"), ("feed", "entry")] * 4 + [("html", "item")]))
    pieces = st.one_of(FEED_PIECES, BROKEN_PIECES) if draw(st.integers(0, 4)) == 0 else FEED_PIECES
    declaration = f'<?xml version="1.0" encoding="{encoding}"?>' if encoding else draw(st.sampled_from(["", '<?xml version="1.0"?>']))
    when = st.sampled_from(["<pubDate>Thu, 18 Jul 2024 17:05:00 PDT</pubDate>", "<published>2024-06-18T17:15:02Z</published>",
                            "<updated>2024-06-21T19:43:13Z</updated>", ""])
    entries = "".join(f"<{entry}>" + draw(when) + "".join(draw(st.lists(pieces, max_size=6))) + f"</{entry}>"
                      for _ in range(draw(st.integers(1, 4))))
    channel = ("<channel><title>Acme Status</title>" + entries + "</channel>") if root == "rss" else \
              ("<title>Acme Status - Incident History</title><author><name>Acme</name></author>" + entries)
    namespace = ' xmlns="http://www.w3.org/2005/Atom"' if root == "feed" else ""
    text = f"{declaration}<{root}{namespace}>{channel}</{root}>"
    data = text.encode("utf-8")
    cut, damage = draw(st.integers(len(data) // 2, len(data))), draw(st.integers(0, 5))
    if damage == 0:
        data = data[:cut]  # truncated
    elif damage == 1:
        data = data[:cut] + draw(st.binary(min_size=1, max_size=4)) + data[cut:]  # a few stray bytes
    return data


@settings(FUZZ, max_examples=300)
@given(data=st.one_of(feed_documents(), st.binary(max_size=300)))
def test_the_feed_reader_never_crashes(tmp_path, data):
    path = tmp_path / "feed.xml"
    path.write_bytes(data)
    out, err = io.StringIO(), io.StringIO()
    code = bounded(lambda: main(["import", "feed", str(path)], stdout=out, stderr=err), f"import feed on {data[:300]!r}")
    assert code in (0, 1), (code, err.getvalue())
    assert "Traceback" not in err.getvalue()
    if code == 0:  # what it prints is an events file validate accepts, with no formula in a cell
        rows = list(csv.DictReader(io.StringIO(out.getvalue())))
        assert parse(out.getvalue().encode("utf-8")).ok
        assert all(not (value or "").startswith(("=", "+", "@")) for row in rows for key, value in row.items()
                   if key in ("label", "quote", "note", "source", "as_reported", "status", "update_id"))


PAGE_PIECES = st.sampled_from([
    "<p>", "</p>", "<a ", "<a href=\"", "'", '"', "<!--", "-->", "<!", "<?", "</", "<script>", "</script>", "<style>", "<br/>",
    "<article>", "</article>", "<main>", "<nav>", "</nav>", "<body>", "<BODY>", "<meta property=\"article:published_time\" content=\"2024-08-13\">",
    "<time datetime=\"2024-02-30\">", "<script type=\"application/ld+json\">{\"datePublished\": [[[[", "&amp;", "&#x110000;", "&#0;", "&", "=",
    "At 10:42 p.m. ET the stream failed.", " ", "\n", "\x00", "<div class=a b=c d>", "<p x='y>", "<title>", "</title>", ">", "<", "\u2028",
])


@settings(FUZZ, max_examples=500)
@given(parts=st.lists(st.one_of(PAGE_PIECES, st.text(max_size=8)), max_size=60))
def test_the_saved_page_reader_never_crashes(parts):
    from incident.extract.webpage import page_text

    text, published, title, site = page_text("<html>" + "".join(parts))
    assert isinstance(text, str) and isinstance(title, str) and isinstance(site, str)
    assert all(line == " ".join(line.split()) and line for line in text.split("\n")) or text == ""
    assert published is None or 1 <= published.year <= 9999


TEXT = st.one_of(CELLS, st.text(max_size=40), st.sampled_from(["<img src=x onerror=alert(1)>", "AT&T", "=SUM(A1)", "a\rb",
                                                                  "::error file=x::y", "\x1b]0;title\x07", "BEGIN:VEVENT", "a;b,c\\d"]))


@st.composite
def valid_files_with_hostile_text(draw):
    """Valid files whose free text (labels, sources, quotes, notes, the incident's own columns) is hostile."""
    columns = ["incident", "event", "kind", "label", "time", "tz", "relative_to", "offset_min", "source", "quote", "as_reported", "note", "mine"]
    rows = []
    for event, kind in (("a", "impact_start"), ("b", "detection"), ("c", "recovery")):
        for _ in range(draw(st.integers(1, 3))):
            row = dict.fromkeys(columns, "")
            row.update(incident="x", event=event, kind=kind, label=draw(TEXT), source=draw(TEXT).strip() or "S", quote=draw(TEXT),
                       as_reported=draw(TEXT), note=draw(TEXT), mine=draw(TEXT))
            if event != "a" and draw(st.booleans()):
                row.update(relative_to="a", offset_min=str(draw(st.integers(1, 90))))
            else:
                row.update(time=f"{draw(st.sampled_from([2, 999, 2024, 9998])):04d}-08-12 20:{draw(st.integers(0, 59)):02d}", tz="UTC")
            rows.append(row)
    out = io.StringIO()
    writer = csv.DictWriter(out, columns, lineterminator="\n", quoting=csv.QUOTE_ALL)
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


@settings(FUZZ, max_examples=60)
@given(data=st.one_of(near_valid_files(), valid_files_with_hostile_text()))
def test_every_export_survives_near_valid_files_and_parses_back(tmp_path, data):
    import json

    from incident.render.exports import FORMATS

    incident = "x" if b"\nx," in data or b'\n"x",' in data else "y"
    for fmt in FORMATS:
        code = run_on(tmp_path, data, "export", incident, "--format", fmt, "--events", "PATH", "--out", "OUT", codes=(0, 1, 2))
        if code != 0:
            continue
        written = (tmp_path / "out").read_bytes()
        if fmt == "ics":
            import icalendar

            assert icalendar.Calendar.from_ical(written).walk("VEVENT") is not None
            assert all(len(line) <= 75 for line in written.split(b"\r\n"))
        elif fmt == "jsonl":
            lines = written.decode().splitlines()  # as any reader splits lines: NEL, U+2028 … included
            assert len(lines) == written.count(b"\n") and all(isinstance(json.loads(line), dict) for line in lines)
        elif fmt == "json":
            assert json.loads(written)["incident"] == incident
        else:
            rows = list(csv.reader(io.StringIO(written.decode(), newline="")))
            assert len({len(row) for row in rows}) == 1 and not any("<" in cell for row in rows for cell in row)
            assert not any(cell.startswith(("=", "+", "@")) for row in rows for cell in row)
