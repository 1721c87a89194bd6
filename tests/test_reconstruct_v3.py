"""Reconstruction v3 (format v1.2): witnesses and copies, one statement one weight, corrections,
figures as precise as written, bounds that are not estimates, estimates solved together, day-only
milestones, and the display zone."""

from datetime import datetime, timezone

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import make_claims

from incident.timeline.metrics import compute
from incident.model.time import to_epoch
from incident.timeline.reconstruct import reconstruct

BASE_DAY = "2024-03-05"


def utc(h, m, s=0):
    return to_epoch(datetime(2024, 3, 5, h, m, s, tzinfo=timezone.utc))


def make(rows, incident="t"):
    return make_claims(rows, incident, day=BASE_DAY)


def metric(timeline, name):
    return next(m for m in compute(timeline) if m.metric == name)


# ---------------------------------------------------------------- copies are one witness


def test_copies_of_one_wire_report_do_not_outvote_the_operators_log():
    rows = [{"event": "impact", "kind": "impact_start", "time": "09:00:00", "source": "Log", "source_type": "operator"},
            {"event": "fix", "kind": "recovery", "time": "09:47:12", "source": "Log", "source_type": "operator"}]
    for n in range(6):  # one wire report and five syndicated copies, the same quote in other spacing and case
        rows.append({"event": "fix", "kind": "recovery", "time": "09:55", "source": f"Outlet {n}", "source_type": "press",
                     "quote": "Service was restored at 9:55 a.m." if n % 2 else "service  was restored, at 9:55 A.M."})
    t = reconstruct(make(rows))
    assert {c.source for c in t.dropped} == {f"Outlet {n}" for n in range(6)}
    assert t["fix"].estimate == utc(9, 47, 12)
    assert metric(t, "time_to_recover").minutes == 47.2  # 09:00:00 to 09:47:12, the log's seconds


def test_copies_sharing_a_via_weigh_as_their_heaviest():
    rows = [{"event": "a", "time": "10:00", "source": "Monitor", "source_type": "monitor"}]  # 4 x 3 = 12
    rows += [{"event": "a", "time": "10:20", "source": f"Paper {n}", "via": "AP"} for n in range(5)]  # 6 each
    t = reconstruct(make(rows))
    assert {c.source for c in t.dropped} == {f"Paper {n}" for n in range(5)}
    assert t.witness(t.claims[1]) == list(t.claims[1:])


@st.composite
def incidents(draw):
    rows = []
    for n in range(draw(st.integers(1, 5))):
        row = {"event": f"e{draw(st.integers(0, 2))}", "source": f"S{n}",
               "source_type": draw(st.sampled_from(["operator", "monitor", "press", "secondary"])),
               "uncertainty_min": str(draw(st.sampled_from([0, 0, 2, 5]))),
               "bound": draw(st.sampled_from(["at", "at", "not_before", "not_after"])),
               "time": f"10:{draw(st.integers(0, 40)):02d}"}
        rows.append(row)
    kinds = {}
    for row in rows:  # one kind per event, as validate demands
        row["kind"] = kinds.setdefault(row["event"], draw(st.sampled_from(["impact_start", "recovery", "other"])))
    return rows


PROPERTY = settings(max_examples=80, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])


def _outcome(t, lines):
    status = {line: t.status[line] for line in lines}
    return [(e.event, e.earliest, e.latest, e.estimate) for e in sorted(t.events, key=lambda e: e.event)], status


@PROPERTY
@given(incidents(), st.data())
def test_copies_never_change_the_answer(rows, data):
    """However many copies of one claim (same via), the timeline and the fate of every original claim
    are what they are with the claim alone."""
    original = reconstruct(make(rows))
    k = data.draw(st.integers(0, len(rows) - 1))
    copied = dict(rows[k], via="Wire")
    copies = [dict(copied, source=f"Copy {n}") for n in range(data.draw(st.integers(1, 4)))]
    with_copies = reconstruct(make([*rows[:k], copied, *rows[k + 1:], *copies]))
    lines = [c.line for c in original.claims]
    assert _outcome(with_copies, lines) == _outcome(original, lines)


@PROPERTY
@given(incidents(), st.data())
def test_splitting_a_statement_never_lowers_its_weight(rows, data):
    """'Between 10:05 and 10:12' in one row (until) or in two bound rows of one source: the same
    timeline, and the same claims set aside."""
    start, end = sorted(data.draw(st.lists(st.integers(0, 40), min_size=2, max_size=2)))
    source = {"event": "e0", "kind": next((r["kind"] for r in rows if r["event"] == "e0"), "other"),
              "source": "Splitter", "source_type": data.draw(st.sampled_from(["operator", "press"]))}
    one = reconstruct(make([*rows, dict(source, time=f"10:{start:02d}", until=f"10:{end:02d}")]))
    two = reconstruct(make([*rows, dict(source, time=f"10:{start:02d}", bound="not_before"),
                            dict(source, time=f"10:{end:02d}", bound="not_after")]))
    lines = [c.line for c in one.claims if c.source != "Splitter"]
    assert _outcome(one, lines) == _outcome(two, lines)


def test_a_split_statement_beats_two_press_minutes():
    rows = [{"event": "deploy", "kind": "other", "time": "10:00", "source": "Ops", "source_type": "operator"},
            {"event": "fix", "kind": "mitigation", "time": "10:00", "bound": "not_before", "source": "Ops", "source_type": "operator"},
            {"event": "fix", "kind": "mitigation", "time": "10:10", "bound": "not_after", "source": "Ops", "source_type": "operator"},
            {"event": "fix", "kind": "mitigation", "time": "10:20", "source": "Paper A"},
            {"event": "fix", "kind": "mitigation", "time": "10:20", "source": "Paper B"}]
    t = reconstruct(make(rows))
    assert {c.source for c in t.dropped} == {"Paper A", "Paper B"}
    assert (t["fix"].earliest, t["fix"].latest) == (utc(9, 59, 30), utc(10, 10, 59))


def test_a_source_contradicting_itself_makes_two_statements():
    """An operator giving 11:20 and 11:28 for one event cannot have both set aside for the price of
    one: a press report four minutes before the impact start is what goes."""
    rows = [{"event": "impact", "kind": "impact_start", "time": "11:20", "source": "Postmortem", "source_type": "operator"},
            {"event": "impact", "kind": "impact_start", "time": "11:28", "source": "Postmortem", "source_type": "operator"},
            {"event": "impact", "kind": "impact_start", "time": "11:20", "uncertainty_min": "5", "source": "Email", "source_type": "operator"},
            {"event": "reports", "kind": "report", "time": "11:16", "source": "Tracker"}]
    t = reconstruct(make(rows))
    assert sorted(c.time.text[-5:] for c in t.dropped) == ["11:16", "11:28"]
    assert t["impact"].shown == utc(11, 20)


# ---------------------------------------------------------------- corrections


def test_a_correction_replaces_what_it_corrects_and_is_not_a_tie():
    rows = [{"event": "impact", "kind": "impact_start", "time": "13:40", "source": "Acme status page", "source_type": "operator"},
            {"event": "fix", "kind": "mitigation", "time": "14:10", "source": "Acme status page", "source_type": "operator"},
            {"event": "fix", "kind": "mitigation", "time": "14:02", "source": "Acme postmortem", "source_type": "operator",
             "corrects": "Acme status page", "quote": "14:02, not 14:10 as first posted"}]
    t = reconstruct(make(rows))
    assert t.status[3] == "corrected" and t.corrections[3].line == 4
    assert t.status[2] == "kept"  # the status page's other claims stand
    assert not t.conflicts and not t.undecided
    assert t["fix"].shown == utc(14, 2)
    assert t["fix"].corrected == (t.claims[1],)
    assert metric(t, "time_to_mitigate").minutes == 22


# ---------------------------------------------------------------- precision as written


def test_whole_hours_are_not_minute_precise():
    """'Nearly five hours' (≤ 5 h) must not outweigh the operator's 'around 6:00 a.m.'."""
    rows = [{"event": "impact", "kind": "impact_start", "time": "01:10", "source": "Ops", "source_type": "operator"},
            {"event": "back", "kind": "recovery", "time": "06:00", "uncertainty_min": "15", "source": "Ops", "source_type": "operator"},
            {"event": "back", "kind": "recovery", "relative_to": "impact", "offset_min": "300", "bound": "not_after", "source": "Paper"}]
    t = reconstruct(make(rows))
    assert not t.dropped  # ≤ 5 h after 01:10 is ≤ 06:10: both hold
    rows[2]["bound"] = "at"  # "five hours later": 05:40 to 06:40, still consistent with 'around 6:00'
    t = reconstruct(make(rows))
    assert not t.dropped and t["back"].shown == utc(6, 0)
    paper = t.claims[2]
    assert paper.precision_points == 1 and paper.bounds() == (300 * 60 - 1800, 300 * 60 + 1800)


def test_a_qualified_figure_is_exact_on_its_bounded_side():
    (claim,) = make([{"event": "r", "relative_to": "s", "offset_min": "40", "bound": "not_before"}])
    assert claim.bounds() == (2400, None)  # "more than 40 minutes"


# ---------------------------------------------------------------- bounds are not estimates


def test_a_milestone_known_only_as_by_has_no_estimate_and_a_one_sided_metric():
    rows = [{"event": "impact", "kind": "impact_start", "time": "09:00", "source": "Ops", "source_type": "operator"},
            {"event": "ack", "kind": "acknowledgement", "time": "10:01", "bound": "not_after", "source": "Ops", "source_type": "operator"}]
    t = reconstruct(make(rows))
    assert t["ack"].estimate is None and t["ack"].shown is None
    m = metric(t, "time_to_acknowledge")
    assert m.minutes is None and m.low == 0 and round(m.high) == 61
    assert m.to_json()["minutes"] is None
    from incident.timeline.metrics import format_after, format_estimate
    assert format_estimate(m) == "at most 61 min" and format_after(m) == "within 61 min"
    from incident.render import times
    assert times.seen(t["ack"]) == "by 10:01"


@PROPERTY
@given(incidents())
def test_a_one_sided_window_never_yields_a_point_metric(rows):
    t = reconstruct(make(rows))
    for m in compute(t):
        if m.defined and (m.start.shown is None or m.end.shown is None):
            assert m.minutes is None
        if m.minutes is not None:
            assert m.minutes >= 0 and m.start.shown is not None and m.end.shown is not None


def test_a_day_only_milestone_bounds_the_metric():
    rows = [{"event": "impact", "kind": "impact_start", "time": "09:00", "source": "Ops", "source_type": "operator"},
            {"event": "done", "kind": "resolution", "time": BASE_DAY, "source": "Paper"}]
    m = metric(reconstruct(make(rows)), "time_to_resolve")
    assert m.defined and m.minutes is None
    assert (m.low, round(m.high)) == (0, 15 * 60 - 1)  # at the latest 23:59:59 that day


# ---------------------------------------------------------------- estimates solved together


def test_a_relative_claim_holds_between_the_estimates():
    rows = [{"event": "impact", "kind": "impact_start", "time": "09:00", "source": "Ops", "source_type": "operator"},
            {"event": "rollback", "kind": "mitigation", "time": "10:00", "source": "Ops", "source_type": "operator"},
            {"event": "back", "kind": "recovery", "relative_to": "rollback", "offset_min": "12", "source": "Ops", "source_type": "operator"},
            {"event": "back", "kind": "recovery", "time": "10:30", "bound": "not_after", "source": "Paper"}]
    t = reconstruct(make(rows))
    assert t["back"].shown - t["rollback"].shown == 12 * 60


def test_estimates_keep_the_milestone_order_once_settled():
    rows = [{"event": "impact", "kind": "impact_start", "time": "09:10", "uncertainty_min": "10", "source": "Ops", "source_type": "operator"},
            {"event": "impact", "kind": "impact_start", "time": "09:10", "source": "Paper"},
            {"event": "tickets", "kind": "report", "time": "09:04", "source": "Helpdesk", "source_type": "monitor"}]
    t = reconstruct(make(rows))
    assert t["tickets"].estimate >= t["impact"].estimate  # a user report cannot precede the impact start
    assert metric(t, "time_to_detect").minutes >= 0


def test_the_operators_minutes_give_the_operators_metric():
    rows = [{"event": "impact", "kind": "impact_start", "time": "06:27", "source": "Ops", "source_type": "operator"},
            {"event": "alert", "kind": "detection", "time": "06:32", "source": "Ops", "source_type": "operator"}]
    m = metric(reconstruct(make(rows)), "time_to_detect")
    assert m.minutes == 5  # not 4.27 nor 4 or 5 depending on the view


# ---------------------------------------------------------------- display zone


def test_an_operator_writing_utc_gets_its_report_in_utc():
    rows = [{"event": "impact", "kind": "impact_start", "time": "09:00", "source": "Ops", "source_type": "operator"},
            {"event": "impact", "kind": "impact_start", "time": "05:00", "tz": "America/New_York", "source": "Paper A"},
            {"event": "impact", "kind": "impact_start", "time": "05:00", "tz": "America/New_York", "source": "Paper B"}]
    assert reconstruct(make(rows)).zone == "UTC"
