"""Reconstruction v4 (format 1.3): every equal-weight reading, the first impact start decided with the
reconciliation, what was set aside marked in every view, a metric's estimate inside its range, a
window across a day, one display zone; and the statements format 1.3 adds."""

import io
import itertools
import json
from datetime import datetime, timezone

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import make_claims

from incident.cli import main
from incident.events_csv.reader import parse
from incident.model.time import to_epoch
from incident.timeline.events import Event, order_rules
from incident.timeline.metrics import compute, format_estimate, format_span
from incident.timeline.reconcile import Problem
from incident.timeline.reconstruct import _content, reconstruct
from incident.timeline.space import Space
from incident.timeline.witnesses import claim_weights, witnesses

PROPERTY = settings(max_examples=60, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])


def utc(*args):
    return to_epoch(datetime(*args, tzinfo=timezone.utc))


def run(*argv):
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def metric(timeline, name):
    return next(m for m in compute(timeline) if m.metric == name)


def csv_claims(text):
    result = parse(text.encode("utf-8"))
    assert result.ok, [str(d) for d in result.diagnostics]
    return result.claims


# ---------------------------------------------------------------- every reading of equal weight

FIVE_OPERATOR_ROWS = """incident,event,kind,time,tz,bound,relative_to,offset_min,source,source_type
x,start,impact_start,2019-06-02 11:45,US/Pacific,,,,Record,operator
x,rec,recovery,2019-06-02 15:40,US/Pacific,,,,Record,operator
x,rec,recovery,,,,start,199,Summary,operator
x,res,resolution,2019-06-02 16:00,US/Pacific,not_after,,,Record,operator
x,res,resolution,,,,start,265,Summary,operator
"""
UNRELATED = """x,tweet,other,2019-06-02 12:10,US/Pacific,,,,Fan A,witness
x,tweet,other,2019-06-02 12:11,US/Pacific,,,,Fan B,witness
x,press,communication,2019-06-02 13:00,US/Pacific,,,,Paper,press
x,press,communication,2019-06-02 13:00,US/Pacific,,,,Wire,secondary
"""


def readings_by_brute_force(claims):
    """Every minimal choice of claims to set aside that leaves the rest consistent and weighs the
    least, each with its windows: by trying every subset (small incidents only). The order rules are
    the incident's own (one event of each kind the order hangs on, so they do not depend on times)."""
    claims = tuple(sorted(claims, key=_content))
    names = sorted({c.event for c in claims} | {c.relative_to for c in claims if c.relative_to})
    kinds = {c.event: c.kind for c in claims}
    weights, witness = claim_weights(claims), witnesses(claims)
    space = Space(names, {n: i + 1 for i, n in enumerate(names)}, claims, weights, witness, order_rules(kinds, {}), {})
    everything = frozenset(range(len(claims)))
    cost = Problem(weights, witness).cost
    consistent = [frozenset(s) for k in range(len(claims) + 1) for s in itertools.combinations(range(len(claims)), k)
                  if not space.conflicts(everything - frozenset(s))]
    lightest = min(cost(s) for s in consistent)
    optimal = [s for s in consistent if cost(s) == lightest]
    minimal = [s for s in optimal if not any(o < s for o in consistent)]
    return [(s, space.solve(s).windows) for s in minimal]


def spans(timeline, windows):
    """Whether every event's window in the timeline contains the window of one reading."""
    for name, (low, high) in windows.items():
        event = timeline[name]
        if low is not None and event.earliest is not None and event.earliest > low:
            return False
        if low is None and event.earliest is not None:
            return False
        if high is not None and event.latest is not None and event.latest < high:
            return False
        if high is None and event.latest is not None:
            return False
    return True


def test_an_undecided_conflict_spans_every_reading_of_equal_weight():
    claims = csv_claims(FIVE_OPERATOR_ROWS)
    t = reconstruct(claims)
    (conflict,) = t.conflicts
    readings = readings_by_brute_force(claims)
    assert len(readings) == conflict.reading_count == len(conflict.readings) == 8
    assert all(spans(t, windows) for _, windows in readings)
    assert sorted(sorted(c.line for c in r) for r in conflict.readings) == \
        sorted(sorted(sorted(claims, key=_content)[i].line for i in s) for s, _ in readings)
    from incident.render.text import describe_conflict
    assert "8 readings of equal weight (30 each)" in describe_conflict(conflict, t)
    for m in compute(t):
        if m.minutes is not None:
            assert m.low <= m.minutes <= m.high


def test_unrelated_claims_change_nothing_about_an_undecided_conflict():
    alone = reconstruct(csv_claims(FIVE_OPERATOR_ROWS))
    more = reconstruct(csv_claims(FIVE_OPERATOR_ROWS + UNRELATED))
    for name in ("start", "rec", "res"):
        assert (alone[name].earliest, alone[name].latest) == (more[name].earliest, more[name].latest), name
    (one,) = alone.conflicts
    other = next(c for c in more.conflicts if c.is_undecided)
    assert [[c.line for c in r] for r in one.readings] == [[c.line for c in r] for r in other.readings]


@st.composite
def small_incidents(draw):
    """At most one event of each kind the milestone order hangs on, two or three events, up to six claims."""
    kinds = draw(st.permutations(["impact_start", "recovery", "mitigation", "other"]))[: draw(st.integers(2, 3))]
    names = [f"e{i}" for i in range(len(kinds))]
    rows = []
    for n in range(draw(st.integers(3, 7))):
        i = draw(st.integers(0, len(names) - 1))
        # mostly claims of one weight (operators to the minute), so that ties, and many of them, are common
        row = {"event": names[i], "kind": kinds[i], "source": f"S{n}",
               "source_type": draw(st.sampled_from(["operator", "operator", "operator", "press"])),
               "bound": draw(st.sampled_from(["at", "at", "at", "not_before", "not_after"]))}
        others = [name for name in names if name != names[i]]
        if draw(st.booleans()):
            row.update(relative_to=draw(st.sampled_from(others)), offset_min=str(draw(st.sampled_from([-20, 5, 10, 25]))))
        else:
            row["time"] = f"2024-03-05 10:{draw(st.sampled_from([0, 5, 10, 20, 30])):02d}"
        rows.append(row)
    named = {row["event"] for row in rows}
    return [row for row in rows if row.get("relative_to", row["event"]) in named] or rows[:1]


@settings(max_examples=150, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(small_incidents())
def test_the_windows_contain_every_optimal_reading(rows):
    """Brute force on small random incidents: whatever set of equal-weight choices a conflict has, the
    windows contain each one's (about one in five of these incidents is undecided, some with more than
    two readings)."""
    if any("relative_to" in row and "time" not in row for row in rows) and not any("time" in row for row in rows):
        rows = rows + [{"event": rows[0]["event"], "kind": rows[0]["kind"], "time": "2024-03-05 10:00", "source": "Anchor"}]
    claims = make_claims(rows)
    t = reconstruct(claims)
    for _, windows in readings_by_brute_force(claims):
        assert spans(t, windows)


# ---------------------------------------------------------------- the first impact start, with the reconciliation

CASCADE = """incident,event,kind,time,tz,source,source_type
c,site,impact_start,2024-03-05 10:30,UTC,Outlet A,press
c,site,impact_start,2024-03-05 10:30,UTC,Outlet B,press
c,site,impact_start,2024-03-05 10:30,UTC,Outlet C,press
c,site,impact_start,2024-03-05 10:30,UTC,Outlet D,press
c,db,impact_start,2024-03-05 10:00:05,UTC,DB log,operator
c,db,impact_start,2024-03-05 10:40,UTC,Outlet E,press
c,db,impact_start,2024-03-05 10:40,UTC,Outlet F,press
c,db,impact_start,2024-03-05 10:40,UTC,Outlet G,press
c,db,impact_start,2024-03-05 10:40,UTC,Outlet H,press
c,tickets,report,2024-03-05 10:02,UTC,Helpdesk,monitor
"""


def test_which_impact_start_is_first_is_decided_with_the_reconciliation():
    """The sources' consensus puts the DB failure at 10:40 (four outlets), after the site's 10:30: with
    the site as the first impact start the DB log and the helpdesk's tickets go (20 + 12); with the DB
    failure first, the four outlets' 10:40 go (24), the lighter choice."""
    t = reconstruct(csv_claims(CASCADE))
    assert sorted(c.source for c in t.dropped) == ["Outlet E", "Outlet F", "Outlet G", "Outlet H"]
    assert t["db"].estimate == utc(2024, 3, 5, 10, 0, 5) and t.first("impact_start").event == "db"
    assert {c.source for c in t.claims if t.status[c.line] == "kept"} >= {"DB log", "Helpdesk"}


# ---------------------------------------------------------------- set aside in every view

CORRECTED = """incident,event,kind,time,tz,source,source_type,corrects
k,impact,impact_start,2024-03-05 13:40,UTC,Acme status page,operator,
k,fix,mitigation,2024-03-05 14:10,UTC,Acme status page,operator,
k,fix,mitigation,2024-03-05 14:02,UTC,Acme postmortem,operator,Acme status page
"""


def test_a_corrected_claim_is_marked_in_the_terminal_and_in_json(write):
    path = write(CORRECTED)
    code, out, _ = run("timeline", "k", "--events", str(path))
    assert code == 0
    row = next(line for line in out.splitlines() if "mitigation" in line)
    assert "Acme postmortem" in row and "Acme status page" not in row  # not among the event's sources
    assert "Acme status page “2024-03-05 14:10 UTC” (line 3): corrected by Acme postmortem" in out
    code, out, _ = run("timeline", "k", "--events", str(path), "--json")
    fix = next(e for e in json.loads(out) if e["event"] == "fix")
    assert fix["corrected"] == [3] and fix["kept"] == [4] and 3 not in fix["dropped"] and fix["superseded"] == []
    assert fix["sources"] == ["Acme postmortem"]


def test_every_export_says_what_was_set_aside(write):
    path = write(CORRECTED)
    code, out, _ = run("export", "k", "--format", "ics", "--events", str(path))
    assert code == 0 and "corrected by line 4" in out.replace("\r\n ", "")
    code, out, _ = run("export", "k", "--format", "jsonl", "--events", str(path))
    record = next(json.loads(line) for line in out.splitlines() if json.loads(line)["line"] == 3)
    assert record["status"] == "corrected" and record["replaced_by"] == 4
    code, out, _ = run("export", "k", "--format", "timelinejs", "--events", str(path))
    assert "corrected by line 4" in out
    code, out, _ = run("export", "k", "--format", "json", "--events", str(path))
    assert next(e for e in json.loads(out)["timeline"] if e["event"] == "fix")["corrected"] == [3]


# ---------------------------------------------------------------- a metric's estimate inside its range

def test_the_flagships_delay_lies_inside_its_range_in_json():
    from conftest import EVENTS

    code, out, _ = run("metrics", "x-spaces-2024", "--events", str(EVENTS), "--json")
    assert code == 0
    for row in json.loads(out):
        if row["minutes"] is not None:
            assert row["low"] <= row["minutes"] <= row["high"], row
    delay = next(r for r in json.loads(out) if r["metric"] == "delay")
    assert delay["low"] <= delay["minutes"] <= delay["high"] and round(delay["minutes"]) == 42


@st.composite
def any_incidents(draw):
    rows = []
    for n in range(draw(st.integers(1, 6))):
        event = draw(st.sampled_from(["due", "down", "seen", "back", "done"]))
        row = {"event": event, "source": f"S{n}", "source_type": draw(st.sampled_from(["operator", "press", "monitor"])),
               "uncertainty_min": str(draw(st.sampled_from([0, 0, 1, 5]))),
               "bound": draw(st.sampled_from(["at", "at", "not_before", "not_after"])),
               "time": f"2024-03-05 10:{draw(st.integers(0, 50)):02d}" + draw(st.sampled_from(["", ":17", ":45"]))}
        rows.append(row)
    kinds = {"due": "scheduled_start", "down": "impact_start", "seen": "detection", "back": "recovery", "done": "resolution"}
    for row in rows:
        row["kind"] = kinds[row["event"]]
    return rows


@PROPERTY
@given(any_incidents())
def test_no_output_has_an_estimate_outside_its_range(rows):
    from incident.render.exports import report_json
    from incident.render.text import metrics_table

    t = reconstruct(make_claims(rows))
    for m in compute(t):
        for value in (m.minutes, m.shown):
            if value is not None:
                assert m.low <= value <= m.high, m
        data = m.to_json()
        if data["minutes"] is not None:
            assert data["low"] <= data["minutes"] <= data["high"], data
        if m.shown is not None and m.low is not None and m.high is not None:
            assert round(m.low) <= round(m.shown) <= round(m.high)  # what the table prints
    table = metrics_table(compute(t))
    assert all(format_estimate(m) in table for m in compute(t) if m.defined)
    for row in json.loads(report_json(t, "t", None))["metrics"]:
        if row["minutes"] is not None:
            assert row["low"] <= row["minutes"] <= row["high"]
    for event in t.events:
        if event.estimate is not None:
            assert (event.earliest is None or event.earliest <= event.estimate) and (event.latest is None or event.estimate <= event.latest)


# ---------------------------------------------------------------- a window across a day, one display zone

def test_a_window_that_crosses_a_day_prints_its_end_date():
    from incident.render import times

    event = Event(incident="i", event="e", kind="other", label="e", earliest=utc(2022, 4, 12, 19, 37, 30),
                  latest=utc(2022, 4, 13, 19, 38, 59), estimate=utc(2022, 4, 13, 10, 0), rule="", claims=(),
                  shown=utc(2022, 4, 13, 10, 0))
    assert times.window(event) == "Apr 12 19:38–Apr 13 19:38"
    event = Event(incident="i", event="e", kind="other", label="e", earliest=utc(2022, 4, 12, 19, 37, 30),
                  latest=utc(2022, 4, 13, 19, 38, 59), estimate=None, rule="", claims=())
    assert times.window(event) == "Apr 12 19:38–Apr 13 19:38"


def test_the_postmortem_files_tz_is_every_commands_display_zone(tmp_path):
    events = tmp_path / "events.csv"
    events.write_text("incident,event,kind,time,tz,source\nz,down,impact_start,2024-03-05 10:00,UTC,Ops\n"
                      "z,back,recovery,2024-03-05 11:00,UTC,Ops\n", encoding="utf-8")
    (tmp_path / "postmortems").mkdir()
    (tmp_path / "postmortems" / "z.md").write_text("---\ntitle: Z\ntz: Asia/Tokyo\n---\n## Summary\nIt broke.\n", encoding="utf-8")
    code, out, _ = run("timeline", "z", "--events", str(events))
    assert code == 0 and "2024-03-05 19:00" in out and "Asia/Tokyo" in out
    code, out, _ = run("explain", "z", "down", "--events", str(events))
    assert code == 0 and "2024-03-05 19:00 JST" in out
    for fmt, expected in (("ics", "19:00 JST"), ("timelinejs", "19:00"), ("json", '"zone": "Asia/Tokyo"')):
        code, out, _ = run("export", "z", "--format", fmt, "--events", str(events))
        assert code == 0 and expected in out, fmt
    code, out, _ = run("timeline", "z", "--events", str(events), "--tz", "UTC")  # --tz still overrides it
    assert "19:00" not in out


# ---------------------------------------------------------------- format 1.3: superseded statements

def supersession_rows(published_during="2024-03-05 13:50", org_later=""):
    return [
        {"event": "down", "kind": "impact_start", "time": "13:40", "source": "Acme status", "source_type": "operator",
         "published": published_during},
        {"event": "down", "kind": "impact_start", "time": "13:25", "source": "Acme postmortem", "source_type": "operator",
         "published": "2024-03-12", "org": org_later or None},
        {"event": "back", "kind": "recovery", "time": "15:00", "source": "Acme status", "source_type": "operator",
         "published": "2024-03-05 15:05"},
    ]


def make(rows):
    return make_claims([{k: v for k, v in row.items() if v is not None} for row in rows], day="2024-03-05")


def test_a_statement_published_after_the_incident_supersedes_the_same_operators_live_one():
    t = reconstruct(make(supersession_rows()))
    assert t.status[2] == "superseded" and t.supersessions[2].line == 3 and t.status[3] == "kept"
    assert not t.conflicts and t["down"].shown == utc(2024, 3, 5, 13, 25)
    assert t["down"].superseded == (t.claims[0],) and t["down"].sources == ["Acme postmortem"]
    from incident.render.explain import explain_text
    text = explain_text(t, t["down"])
    assert "superseded by Acme postmortem (line 3)" in text and "after the incident ended" in text


def test_without_published_or_across_organisations_nothing_is_superseded():
    rows = supersession_rows()
    t = reconstruct(make([{**row, "published": None} for row in rows]))
    assert not t.superseded and t["down"].undecided  # 1.2: two operator minutes, a tie
    t = reconstruct(make(supersession_rows(org_later="Cloud provider")))
    assert not t.superseded  # another organisation's statement never supersedes this one's
    agreeing = supersession_rows()
    agreeing[1]["time"] = "13:40"
    assert not reconstruct(make(agreeing)).superseded  # where they agree, both stand


@PROPERTY
@given(any_incidents(), st.data())
def test_publishing_claims_that_do_not_conflict_changes_nothing(rows, data):
    """`published` on claims that hold together (a reconstruction with nothing set aside) changes no
    window, estimate or status."""
    before = reconstruct(make_claims(rows))
    if before.conflicts or before.undecided:
        return
    stamped = [dict(row, source_type="operator",
                    published=data.draw(st.sampled_from(["2024-03-05 09:00", "2024-03-05 12:00", "2024-03-20", "2024-03-05"])))
               for row in rows]
    after = reconstruct(make_claims(stamped))
    operator = reconstruct(make_claims([dict(row, source_type="operator") for row in rows]))
    assert [(e.event, e.earliest, e.latest, e.estimate) for e in after.events] == \
        [(e.event, e.earliest, e.latest, e.estimate) for e in operator.events]
    assert dict(after.status) == dict(operator.status)


# ---------------------------------------------------------------- format 1.3: the other statements

def test_two_to_four_minutes_later_is_a_relative_interval():
    (claim,) = make_claims([{"event": "b", "relative_to": "a", "offset_min": "2", "until": "4"}])
    assert claim.bounds() == (60, 300)  # from 2 − 1 to 4 + 1 minutes: whole-minute figures
    assert claim.stated_offset is None and claim.precision_points == 3
    (claim,) = make_claims([{"event": "b", "relative_to": "a", "offset_min": "2", "until": "4", "uncertainty_min": "0.5"}])
    assert claim.bounds() == (90, 270)


def test_a_correction_naming_an_origin_reaches_every_copy():
    rows = [{"event": "fix", "time": "14:10", "source": f"Paper {n}", "via": "Acme status page"} for n in range(3)]
    rows.append({"event": "fix", "time": "14:02", "source": "Acme postmortem", "source_type": "operator",
                 "corrects": "acme status page"})
    t = reconstruct(make_claims(rows, day="2024-03-05"))
    assert len(t.corrected) == 3 and not t.conflicts and t["fix"].shown == utc(2024, 3, 5, 14, 2)


def test_a_day_with_no_zone_is_that_day_anywhere_on_earth():
    (claim,) = make_claims([{"event": "a", "time": "2024-04-17"}])
    (claim,) = [c for c in [claim.model_copy(update={"tz": None})]] if claim.tz is not None else [claim]
    (bare,) = csv_claims("incident,event,kind,time,source\nx,a,other,2024-04-17,Paper\n")
    assert bare.tz is None and bare.window() == (utc(2024, 4, 16, 10), utc(2024, 4, 18, 12) - 1)
    assert parse(b"incident,event,kind,time,source\nx,a,other,2024-04-17 10:00,Paper\n").diagnostics[0].column == "tz"


def test_figures_are_as_precise_as_their_unit():
    def reading(offset, said=None, bound="at"):
        row = {"event": "b", "relative_to": "a", "offset_min": str(offset), "bound": bound}
        if said:
            row["as_reported"] = said
        (claim,) = make_claims([row])
        return claim.bounds(), claim.precision_points

    day, week = 1440 * 60, 7 * 1440 * 60
    assert reading(13 * 1440, "13-day outage") == ((13 * day - day // 2, 13 * day + day // 2), 1)
    assert reading(2 * 7 * 1440, "after two weeks") == ((2 * week - 302400, 2 * week + 302400), 1)
    assert reading(14 * 1440, "14 days")[0] == (14 * day - day // 2, 14 * day + day // 2)  # days, not weeks
    assert reading(1440, "24 hours later")[0] == (day - 1800, day + 1800)  # said in hours: to the half hour
    assert reading(120, "120 minutes")[0] == (7200 - 60, 7200 + 60)
    assert reading(300, "nearly five hours", "not_after")[0] == (None, 300 * 60)  # a bound is exact on its side


def test_a_detection_may_precede_the_impact_start_but_a_report_may_not():
    rows = [{"event": "down", "kind": "impact_start", "time": "10:00", "source": "Ops", "source_type": "operator"},
            {"event": "alert", "kind": "detection", "time": "09:50", "source": "Pager", "source_type": "monitor"},
            {"event": "tweets", "kind": "report", "time": "09:55", "source": "Fans", "source_type": "witness"}]
    t = reconstruct(make_claims(rows, day="2024-03-05"))
    assert t.is_precursor(t["alert"]) and [c.source for c in t.dropped] == ["Fans"]
    detect = metric(t, "time_to_detect")
    assert detect.minutes == -10 and format_estimate(detect) == "detected 10 min before impact"
    assert format_span(detect) == "9–11 min before impact"
    from incident.render.explain import explain_text
    assert "precursor: detected 10 min before impact" in explain_text(t, t["alert"])


def test_a_precursor_is_drawn_before_the_impact_start():
    from incident.render.timeline_chart import timeline_figure

    rows = [{"event": "down", "kind": "impact_start", "time": "10:00", "source": "Ops", "source_type": "operator"},
            {"event": "alert", "kind": "detection", "time": "09:40", "source": "Pager", "source_type": "monitor"},
            {"event": "back", "kind": "recovery", "time": "10:30", "source": "Ops", "source_type": "operator"}]
    t = reconstruct(make_claims(rows, day="2024-03-05"))
    ax = timeline_figure(t).axes[0]
    bands = {p.get_label(): p for p in ax.patches}
    band = bands["detected before impact"]  # the axis is in epoch seconds
    assert (band.get_x(), band.get_x() + band.get_width()) == (utc(2024, 3, 5, 9, 40), utc(2024, 3, 5, 10, 0))
    assert any(text.get_text().endswith("(precursor)") for text in ax.texts)


# ---------------------------------------------------------------- validate, schema and fmt know the new cells

def test_validate_names_each_new_cells_errors_with_line_and_column():
    text = ("incident,event,kind,time,until,tz,relative_to,offset_min,source,source_type,org,published,via,corrects\n"
            "x,a,impact_start,2024-04-17 10:00,,UTC,,,Ops,operator,,,,\n"
            "x,b,recovery,,4,,a,6,Ops,operator,,,,\n"
            "x,b,recovery,,four,,a,2,Ops,operator,,,,\n"
            "x,b,recovery,2024-04-17 10:00,5,UTC,,,Ops,operator,,,,\n"
            "x,b,recovery,2024-04-17 10:00,,UTC,,,Paper,press,Acme,,,\n"
            "x,b,recovery,2024-04-17 10:00,,UTC,,,Paper2,press,,yesterday,,\n"
            "x,b,recovery,,,,a,60,Ops3,operator,,2024-04-18 10:00,,\n"
            "x,b,recovery,2024-04-17 10:00,,UTC,,,Fixer,operator,,,,Nobody\n")
    found = {(d.line, d.column, d.severity) for d in parse(text.encode()).diagnostics if d.code != "no-url"}
    assert found == {(3, "until", "error"), (4, "until", "error"), (5, "until", "error"), (6, "org", "warning"),
                     (7, "published", "error"), (8, "published", "error"), (9, "corrects", "error")}


def test_the_schema_knows_the_new_cells():
    from jsonschema import Draft202012Validator

    from incident.model.schema import json_schema

    validator = Draft202012Validator(json_schema())
    base = {"incident": "x", "event": "b", "kind": "recovery", "source": "S"}
    assert validator.is_valid({**base, "relative_to": "a", "offset_min": "2", "until": "4"})
    assert not validator.is_valid({**base, "relative_to": "a", "offset_min": "2", "until": "2024-04-17"})
    assert not validator.is_valid({**base, "time": "2024-04-17 10:00", "tz": "UTC", "until": "4"})
    assert validator.is_valid({**base, "time": "2024-04-17"})  # a day needs no zone
    assert not validator.is_valid({**base, "time": "2024-04-17 10:00"})
    assert validator.is_valid({**base, "time": "2024-04-17 10:00", "tz": "UTC", "published": "2024-04-20", "org": "Acme"})
    assert not validator.is_valid({**base, "time": "2024-04-17 10:00", "tz": "UTC", "published": "soon"})


def test_fmt_puts_the_new_columns_in_their_place(write):
    path = write("source,published,incident,event,kind,time,tz,org,source_type\n"
                 "Ops,2024-04-20,x,a,other,2024-04-17 10:00,UTC,Acme,operator\n")
    assert run("fmt", str(path))[0] == 0
    assert path.read_text().splitlines()[0] == "incident,event,kind,time,tz,source,source_type,org,published"


def test_independent_ties_are_read_apart_and_never_spanned_by_each_other():
    """Sixty ties on unrelated events (2^60 combinations) and a group of eight ways: the events share
    no relative claim or milestone rule, so each tie's readings are read with the best choice
    everywhere else; every conflict lists its own readings and every window spans exactly them."""
    from incident.timeline.readings import MAX_SOLVES

    rows = []
    for e in range(60):
        rows += [{"event": f"e{e}", "time": f"10:{e:02d}", "source": f"A{e}"}, {"event": f"e{e}", "time": f"11:{e:02d}", "source": f"B{e}"}]
    rows += [{"event": "big", "time": f"{12 + k}:00", "source": f"C{k}"} for k in range(8)]
    t = reconstruct(make_claims(rows, day="2024-03-05"))
    assert len(t._solutions) == 1 + 60 + 7 <= MAX_SOLVES + 1
    for e in range(60):
        event = t[f"e{e}"]
        assert event.undecided and (event.earliest, event.latest) == (utc(2024, 3, 5, 10, e) - 30, utc(2024, 3, 5, 11, e) + 59)
    assert (t["big"].earliest, t["big"].latest) == (utc(2024, 3, 5, 12) - 30, utc(2024, 3, 5, 19) + 59)
    big = next(c for c in t.conflicts if "big" in c.events)
    assert big.reading_count == len(big.readings) == 8 and all(len(r) == 7 for r in big.readings)
    assert all(c.reading_count == 2 for c in t.conflicts if c is not big)
    assert len(t.undecided) == 128


def test_past_the_readings_solved_one_by_one_a_part_is_spanned_by_the_union_of_its_ways():
    """Twelve ties on events one relative claim each chains together: 4,096 combinations in one
    part of the network, past MAX_READINGS, so the widest groups are spanned by their union (a
    superset of every reading: windows that contain them all)."""
    from incident.timeline.readings import MAX_READINGS

    rows = []
    for e in range(12):
        rows += [{"event": f"e{e}", "time": f"10:{e:02d}", "source": f"A{e}"}, {"event": f"e{e}", "time": f"11:{e:02d}", "source": f"B{e}"}]
        if e:
            rows.append({"event": f"e{e}", "relative_to": f"e{e - 1}", "offset_min": "-600", "bound": "not_before", "source": f"R{e}"})
    t = reconstruct(make_claims(rows, day="2024-03-05"))
    assert len(t._solutions) <= MAX_READINGS + 1
    for e in range(12):
        event = t[f"e{e}"]
        assert event.undecided
        assert (event.earliest is None or event.earliest <= utc(2024, 3, 5, 10, e) - 30) and \
            (event.latest is None or event.latest >= utc(2024, 3, 5, 11, e) + 59)
    assert all(c.reading_count == 2 for c in t.conflicts)


def test_a_range_is_written_in_one_style_at_both_ends():
    """'119 min – 2 h 11 min' mixed minutes and hours in one range: an end of an hour or more is
    written in hours beside hours, of a day or more in days beside days; below that, as it is."""
    from incident.timeline.metrics import Metric, format_minutes

    def span(low, high, shown=None):
        return format_span(Metric("x", "time_between_updates", shown, low, high, object(), object(), shown))

    assert span(119, 131) == "1 h 59 min – 2 h 11 min"
    assert span(30, 200) == "30 min – 3 h 20 min"  # half an hour reads as minutes beside hours
    assert span(41, 43) == "41–43 min"
    assert span(9000, 11000) == "6 days 6 h – 7 days 15 h"
    assert span(600, 11000) == "10 h – 7 days 15 h"
    assert format_minutes(1500, like=12000) == "1 day 1 h" and format_minutes(119) == "119 min"
