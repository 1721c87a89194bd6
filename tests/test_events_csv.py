"""events.csv format v1: every bad input gets its own message on the right line."""

import pytest

from incident.diagnostics import FileUnusable
from incident.events_csv.clocks import clock_times
from incident.events_csv.reader import load, parse

from conftest import EVENTS, EXAMPLES, HEADER, check

GOOD = "x,start,recovery,2024-08-12 20:42,EDT,AP"


def errors(text):
    return [d for d in check(text) if d[2] == "error"]


BAD_INPUTS = {
    "missing required column": ("incident,event,time,tz,source\nx,a,2024-08-12,ET,AP\n", 1, "kind", "missing required column 'kind'"),
    "missing column, capitalised": ("incident,event,Kind,time,tz,source\nx,a,other,2024-08-12,ET,AP\n", 1, "kind", "found 'Kind'"),
    "duplicated column": ("incident,event,kind,time,tz,source,tz\nx,a,other,2024-08-12,ET,AP,ET\n", 1, "tz", "duplicated column"),
    "too many fields": (f"{HEADER}\n{GOOD}\nx,b,other,2024-08-12,ET,AP,extra\n", 3, "row", "7 fields, but the header has 6"),
    "too few fields": (f"{HEADER}\n{GOOD}\nx,b,other,2024-08-12,ET\n", 3, "row", "5 fields, but the header has 6"),
    "unterminated quote": (f"{HEADER}\n{GOOD}\n{GOOD}\nx,b,other,2024-08-12,ET,\"AP\n{GOOD}\n", 4, "row", "quote opened on line 4 is never closed"),
    "not UTF-8": (f"{HEADER}\n{GOOD}\nx,b,other,2024-08-12,ET,Caf\xe9\n".encode("latin-1"), 3, "file", "byte 0xE9 at column 28 is not UTF-8 (in Windows-1252 it would be 'é'): save the file as UTF-8"),
    "NUL byte": (f"{HEADER}\n{GOOD}\nx,b,oth\0er,2024-08-12,ET,AP\n".encode(), 3, "file", "NUL byte"),
    "hour 25": (f"{HEADER}\nx,a,other,2024-08-12 25:10,ET,AP\n", 2, "time", "is not a time of day"),
    "30 February": (f"{HEADER}\nx,a,other,2024-02-30,ET,AP\n", 2, "time", "'2024-02-30' is not a date"),
    "US date": (f"{HEADER}\nx,a,other,08/12/2024,ET,AP\n", 2, "time", "ambiguous: 2024-08-12 (month first, US) or 2024-12-08 (day first); write the date as ISO 8601"),
    "no offset, no zone": (f"{HEADER}\nx,a,other,2024-08-12 20:42,,AP\n", 2, "tz", "no offset and no zone"),
    "unknown zone": (f"{HEADER}\nx,a,other,2024-08-12 20:42,Eastern,AP\n", 2, "tz", "unknown zone 'Eastern'"),
    "offset contradicts zone": (f"{HEADER}\nx,a,other,2024-08-12 20:42-05:00,ET,AP\n", 2, "tz", "offset -05:00 contradicts ET (UTC-04:00 on 2024-08-12)"),
    "offset contradicts label": (f"{HEADER}\nx,a,other,2024-08-12 20:42Z,EDT,AP\n", 2, "tz", "offset +00:00 contradicts EDT"),
    "spring-forward gap": (f"{HEADER}\nx,a,other,2024-03-10 02:30,America/New_York,AP\n", 2, "time", "does not exist in America/New_York"),
    "fall-back repeat": (f"{HEADER}\nx,a,other,2024-11-03 01:30,PT,AP\n", 2, "time", "happened twice in PT"),
    "time and relative_to": ("incident,event,kind,time,tz,relative_to,offset_min,source\nx,a,other,2024-08-12,ET,,,AP\nx,b,other,2024-08-12,ET,a,5,AP\n", 3, "relative_to", "either time or relative_to"),
    "neither time nor relative_to": (f"{HEADER}\nx,a,other,,ET,AP\n", 2, "time", "needs a time, or relative_to"),
    "relative_to unknown event": ("incident,event,kind,relative_to,offset_min,source\nx,a,other,strat,5,AP\nx,start,other,a,1,AP\n", 2, "relative_to", "no event 'strat' in incident 'x'; did you mean 'start'?"),
    "relative_to without offset": ("incident,event,kind,relative_to,offset_min,source\nx,a,other,b,,AP\nx,b,other,a,1,AP\n", 2, "offset_min", "needs offset_min"),
    "offset_min without relative_to": ("incident,event,kind,time,tz,offset_min,source\nx,a,other,2024-08-12,ET,5,AP\n", 2, "offset_min", "offset_min needs relative_to"),
    "negative uncertainty": ("incident,event,kind,time,tz,uncertainty_min,source\nx,a,other,2024-08-12,ET,-5,AP\n", 2, "uncertainty_min", "must be ≥ 0"),
    "unknown bound": ("incident,event,kind,time,tz,bound,source\nx,a,other,2024-08-12,ET,notbefore,AP\n", 2, "bound", "'notbefore' is not a bound; did you mean 'not_before'?"),
    "value not a number": ("incident,event,kind,time,tz,value,unit,source\nx,a,measurement,2024-08-12,ET,lots,listeners,AP\n", 2, "value", "'lots' is not a number"),
    "value without unit": ("incident,event,kind,time,tz,value,source\nx,a,measurement,2024-08-12,ET,5,AP\n", 2, "unit", "needs a unit"),
    "empty source": (f"{HEADER}\nx,a,other,2024-08-12,ET,  \n", 2, "source", "source is empty"),
    "incident not a slug": (f"{HEADER}\nX Spaces,a,other,2024-08-12,ET,AP\n", 2, "incident", "'X Spaces' is not an id: use lowercase letters, digits and '-', starting with a letter or digit; did you mean 'x-spaces'?"),
    "event not a slug": (f"{HEADER}\nx,-a,other,2024-08-12,ET,AP\n", 2, "event", "'-a' is not an id"),
    "unknown kind": (f"{HEADER}\nx,a,eror_report,2024-08-12,ET,AP\n", 2, "kind", "'eror_report' is not a kind; did you mean 'report'?"),
    "one event, two kinds": (f"{HEADER}\n{GOOD}\nx,start,report,2024-08-12 20:41,EDT,BI\n", 3, "kind", "event 'start' is 'recovery' on line 2: all rows of one event have one kind"),
    "empty file": ("", 1, "file", "the file is empty"),
    "only a BOM": (b"\xef\xbb\xbf\n", 1, "file", "the file is empty"),
    "semicolons": ("incident;event;kind;time;tz;source\nx;a;other;2024-08-12;ET;AP\n", 1, "header", "semicolon-separated: save it as comma-separated"),
    "spreadsheet serial time": (f"{HEADER}\nx,a,other,45516.86,ET,AP\n", 2, "time", "spreadsheet date serial number (2024-08-12 20:38)"),
    "time without date": (f"{HEADER}\nx,a,other,8:42,ET,AP\n", 2, "time", "has no date"),
}


@pytest.mark.parametrize("text, line, column, words", BAD_INPUTS.values(), ids=BAD_INPUTS.keys())
def test_bad_input_is_named_with_line_and_column(text, line, column, words):
    found = errors(text)
    assert found, "expected an error"
    assert any(l == line and c == column and words in m for l, c, _, m in found), found


def test_every_problem_of_a_row_is_reported_in_one_run():
    found = errors(f"{HEADER}\nX,a,eror,2024-02-30,Mars,\n")
    assert sorted(c for _, c, _, _ in found) == ["incident", "kind", "source", "time", "tz"]
    assert {line for line, *_ in found} == {2}


def test_diagnostics_are_sorted_by_line():
    text = f"{HEADER}\nx,a,other,,ET,AP\nx,b,bad,2024-08-12,ET,AP\nx,c,other,2024-08-12,,\n"
    lines = [l for l, *_ in check(text)]
    assert lines == sorted(lines) and set(lines) == {2, 3, 4}


def test_quoted_multiline_cells_count_physical_lines():
    text = (
        "incident,event,kind,time,tz,source,quote\n"
        'x,a,other,2024-08-12,ET,AP,"line one\nline two\nline three"\n'
        "x,b,other,2024-08-12 10:00,,AP,\n"  # a time of day needs a zone (a date alone does not)
    )
    assert [(line, column) for line, column, *_ in errors(text)] == [(5, "tz")]


def test_bom_crlf_and_spreadsheet_leftovers_are_accepted():
    text = (
        "\ufeffincident,event,kind,time,tz,source,,\r\n"
        "x,a,other,2024-08-12 20:42:00,ET,AP,,\r\n"
        ",,,,,,,\r\n"
        "\r\n"
    )
    result = parse(text.encode("utf-8"))
    assert result.ok, result.diagnostics
    assert [c.event for c in result.claims] == ["a"]
    assert result.header == ["incident", "event", "kind", "time", "tz", "source"]


def test_unknown_columns_are_kept_and_near_misses_warned():
    result = parse(b"incident,event,kind,time,tz,source,quote,my notes,Quote\nx,a,other,2024-08-12,ET,AP,q,mine,q\n")
    assert result.ok
    assert result.rows[0].cells[-2:] == ("mine", "q")
    assert [(d.column, d.severity) for d in result.diagnostics if d.code != "no-url"] == [("Quote", "warning")]
    assert "did you mean 'quote'" in result.diagnostics[0].message


@pytest.mark.parametrize("name,column,consequence", [
    ("timezone", "tz", "every time written without an offset would have no zone"),
    ("sourcetype", "source_type", "every claim would be weighed as press"),
    ("Source Type", "source_type", "every claim would be weighed as press"),
    ("Quote", "quote", "no claim would carry its source's words"),
    ("uncertainty", "uncertainty_min", "every time would be read as exact"),
])
def test_a_near_miss_of_an_absent_format_column_is_an_error_naming_what_it_would_do(name, column, consequence):
    result = parse(f"incident,event,kind,time,tz,source,{name}\nx,a,other,2024-08-12 10:00,UTC,AP,x\n".replace(",tz,source,timezone", ",source,timezone").encode())
    errors = [d for d in result.errors if d.column == name]
    assert len(errors) == 1 and errors[0].line == 1
    assert f"did you mean {column!r}?" in errors[0].message and consequence in errors[0].message
    assert not [d for d in result.errors if d.line > 1]  # the rows are not read as if the column were the analyst's own


def test_fixed_label_contradicting_the_date_warns():
    found = check(f"{HEADER}\nx,a,other,2023-05-24 19:00,EST,Messenger\n")
    assert found == [(2, "tz", "warning", "EST is UTC-05:00, but on 2023-05-24 US Eastern time was on EDT (UTC-04:00); the time is read as EST, as written")]


def test_label_in_as_reported_contradicting_the_date_warns():
    found = check("incident,event,kind,time,tz,source,as_reported\nx,a,other,2023-05-24 19:00,EDT,Messenger,by 7:00 p.m. EST\n")
    assert [(l, c, s) for l, c, s, _ in found] == [(2, "as_reported", "warning")]
    assert "the source writes EST" in found[0][3]


@pytest.mark.parametrize(
    "time, tz, as_reported, expected",
    [
        ("2024-08-12 20:42", "EDT", "8:42 p.m.", None),
        ("2024-08-12 20:42", "EDT", "8:42", None),
        ("2024-08-12 17:42", "PT", "5:42 pm PT", None),
        ("2024-08-12 20:00", "ET", "8pm ET", None),
        ("2023-05-24 18:00", "ET", "6 p.m. ET (2200 GMT)", None),
        ("2024-08-12 20:30", "ET", "8.30ET", None),
        ("2024-08-12 20:42", "EDT", "Seven minutes later", None),
        ("2024-08-13 00:42", "GMT", "12:42 GMT", "note"),
        ("2024-08-12 20:42", "EDT", "8:45 p.m.", "warning"),
        ("2024-08-12 20:42", "EDT", "8:42 a.m.", "warning"),
        ("2025-12-18 16:44:51", "UTC", '"Thu, 18 Dec 2025 08:44:51 -0800"', None),  # an RSS date: its offset counts
        ("2025-12-18 16:44:51", "UTC", '"Thu, 18 Dec 2025 08:44:51 +0000"', "warning"),
    ],
)
def test_as_reported_clock_reading(time, tz, as_reported, expected):
    found = check(f"incident,event,kind,time,tz,source,as_reported\nx,a,other,{time},{tz},S,{as_reported}\n")
    assert [s for _, _, s, _ in found] == ([] if expected is None else [expected])


def test_twelve_hour_note_explains_the_reading():
    (_, column, severity, message), = check("incident,event,kind,time,tz,source,as_reported\nx,a,other,2024-08-13 00:42,GMT,S,12:42 GMT\n")
    assert (column, severity) == ("as_reported", "note")
    assert "matches 00:42 GMT only as a 12-hour clock reading (12:42 a.m." in message


def test_clock_times_in_free_text():
    assert clock_times("By around 9:40 p.m., some 1.3 million") == [(9, 40, "pm")]
    assert clock_times("45 minutes later") == []
    assert clock_times("2200 GMT") == [(22, 0, None)]


def test_date_only_covers_the_day_in_its_zone():
    (claim,) = parse(f"{HEADER}\nx,a,other,2024-08-12,ET,AP\n".encode()).claims
    lo, hi = claim.window()
    assert hi - lo + 1 == 86400
    assert claim.point is None


def test_relative_and_bound_claims_have_the_documented_form():
    text = (
        "incident,event,kind,time,tz,uncertainty_min,bound,relative_to,offset_min,source\n"
        "x,s,scheduled_start,2024-08-12 20:00,ET,,,,,A\n"
        "x,r,recovery,,,,not_before,s,40,Guardian\n"
        "x,r,recovery,2024-08-12 20:45,EDT,5,,,,meaww\n"
    )
    s, r1, r2 = parse(text.encode()).claims
    assert r1.offset_range() == (2400, None)  # a bound is exact on its bounded side: "more than 40 minutes"
    lo, hi = r2.window()
    assert (hi - lo) == 30 + 59 + 600  # both readings of the minute, plus ±5 min


@pytest.mark.parametrize("path", [EVENTS, EXAMPLES], ids=["events.csv", "examples/postmortems.csv"])
def test_shipped_files_are_valid(path):
    result = load(path)
    assert result.ok, [str(d) for d in result.errors]
    assert len(result.claims) > 20


def test_shipped_events_carry_the_known_data_quality_findings():
    result = load(EVENTS)
    text = [str(d) for d in result.diagnostics]
    assert any("12:42 GMT" in t and "12-hour" in t for t in text)
    assert any("writes EST" in t and "2023-05-24" in t for t in text)
    assert result.incidents() == ["desantis-2023", "x-spaces-2024"]


def test_every_shipped_row_cites_a_source_and_times_are_not_invented():
    for claim in load(EVENTS).claims:
        assert claim.source.strip()
        # a row either quotes the source, reports its wording, or says why in a note
        assert claim.quote or claim.as_reported or claim.note, claim.line


def test_missing_file_is_a_clean_error(tmp_path):
    with pytest.raises(FileUnusable, match="nope.csv: no such file"):
        load(tmp_path / "nope.csv")


def test_claims_without_a_url_get_one_summary_note_naming_each_source():
    text = (f"{HEADER},url\n"
            "x,a,other,2024-08-12 20:00,EDT,AP,\n"
            "x,b,other,2024-08-12 20:10,EDT,AP,\n"
            "x,c,other,2024-08-12 20:20,EDT,Reuters,https://example.org/r\n"
            "y,a,other,2024-08-12 20:00,EDT,AP,\n")
    found = [d for d in check(text, ignore=()) if d[1] == "url"]
    assert found == [
        (2, "url", "note", "3 claims by 2 sources have no url, so a reader cannot check them: 'AP' in 'x' (lines 2, 3); "
                           "'AP' in 'y' (line 5). Add each article's address, or say in note why there is none"),
    ]
    result = parse(text.encode(), "events.csv")
    assert result.ok and result.error_count == 0  # a note, never an error


def test_misspelt_references_look_for_the_name_meant_once_per_name_and_incident(monkeypatch):
    """Each reference naming no event looked through every event of the file with difflib (13.7 s
    instead of 1.4 s at 100,000 rows): now each (word, incident) is looked up once, among its own
    incident's events, and the names compared are bounded in all."""
    from incident.diagnostics import did_you_mean
    from incident.events_csv import reader

    compared = []  # patched where rules.py looks it up (it imports the name)
    monkeypatch.setattr("incident.events_csv.rules.did_you_mean", lambda word, names: compared.append(len(names)) or did_you_mean(word, names))
    rows = ["incident,event,kind,time,tz,relative_to,offset_min,source"]
    for i in range(40):
        rows += [f"inc-{i},e{k},other,2024-01-01 10:{k:02d},UTC,,,S" for k in range(30)]
        rows += [f"inc-{i},r{k},other,,,e-{k % 3},5,S" for k in range(20)]  # three misspelt names, 20 rows each
    result = reader.parse("\n".join(rows).encode(), "events.csv")
    broken = [d for d in result.diagnostics if d.column == "relative_to"]
    assert len(broken) == 40 * 20
    assert broken[0].message == "no event 'e-0' in incident 'inc-0'; did you mean 'e0'?"
    assert compared == [50] * (40 * 3)  # one lookup per misspelt name and incident, among its 50 events
    monkeypatch.setattr("incident.events_csv.rules.HINT_BUDGET", 50 * 5)
    compared.clear()
    result = reader.parse("\n".join(rows).encode(), "events.csv")
    hinted = [d for d in result.diagnostics if d.column == "relative_to" and "did you mean" in d.message]
    assert compared == [50] * 5  # the first incident's three names, the next one's first two: then none
    assert len(hinted) == 20 + 14 and len([d for d in result.diagnostics if d.column == "relative_to"]) == 40 * 20
