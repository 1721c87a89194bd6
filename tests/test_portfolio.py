"""The portfolio on a small history whose every figure is worked out by hand: 20 incidents, each
acknowledged, updated twice g minutes apart and resolved g minutes later (g = 10 + 2k for incident
k), the first ten with their impact start known only as "no later than the first update" (a status
page that states no window), the last ten with it stated a (= k − 10) minutes before the first
update; severity major for every third incident, component API, and Pages for the even ones; the
first ten in January, five in March and five in April 2024 (no incident in February)."""

import io
import json
import math
import re
from datetime import datetime, timedelta

import pytest

from incident.cli import main
from incident.render.document import to_markdown
from incident.render.stats_doc import stats_document
from incident.timeline import exact, stats

HEADER = "incident,event,kind,time,tz,bound,source,source_type,url,severity,component"


def history() -> str:
    rows = [HEADER]
    for k in range(1, 21):
        month, day = (1, 2 * k) if k <= 10 else (3, 2 * (k - 10)) if k <= 15 else (4, 2 * (k - 15))
        t0 = datetime(2024, month, day, 10, 0, 0)
        g, a = 10 + 2 * k, 0 if k <= 10 else k - 10
        ack = t0 + timedelta(minutes=a)
        severity, component = ("major" if k % 3 == 0 else "minor"), ("API" if k % 2 else '"API; Pages"')
        at = lambda t: t.strftime("%Y-%m-%d %H:%M:%S")
        first = f"i{k:02d},impact,impact_start,{at(ack)},UTC,not_after" if k <= 10 else f"i{k:02d},impact,impact_start,{at(t0)},UTC,"
        rows.append(f"{first},page,operator,https://status.example/{k},{severity},{component}")
        rows.append(f"i{k:02d},ack,acknowledgement,{at(ack)},UTC,,page,operator,https://status.example/{k},,")
        for j in (1, 2):
            rows.append(f"i{k:02d},update-{j},communication,{at(ack + timedelta(minutes=j * g))},UTC,,page,operator,https://status.example/{k},,")
        rows.append(f"i{k:02d},resolved,resolution,{at(ack + timedelta(minutes=3 * g))},UTC,,page,operator,https://status.example/{k},,")
    return "\n".join(rows) + "\n"


def time_open(k: int) -> int:
    return 3 * (10 + 2 * k)


def binomial_ranks(n: int, q: float) -> tuple[int, int]:
    """The exact interval's ranks by hand: the largest l with P(B ≤ l − 1) ≤ 2.5 % and the smallest
    u with P(B ≥ u) ≤ 2.5 %, B ~ binomial(n, q) (0 and n + 1 when none)."""
    pmf = [math.comb(n, i) * q ** i * (1 - q) ** (n - i) for i in range(n + 1)]
    lows = [k for k in range(1, n + 1) if sum(pmf[:k]) <= 0.025]
    highs = [k for k in range(1, n + 1) if sum(pmf[k:]) <= 0.025]
    return (max(lows) if lows else 0), (min(highs) if highs else n + 1)


def run(*argv):
    out, err = io.StringIO(), io.StringIO()
    code = main([str(a) for a in argv], stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def events(tmp_path_factory):
    path = tmp_path_factory.mktemp("portfolio") / "events.csv"
    path.write_text(history())
    return path


@pytest.fixture(scope="module")
def page(events):
    code, out, err = run("stats", "--events", events)
    assert code == 0, err
    return out


@pytest.fixture(scope="module")
def figures(events):
    code, out, err = run("stats", "--events", events, "--json")
    assert code == 0, err
    return json.loads(out)


def metric(figures, name):
    return next(m for m in figures["metrics"] if m["metric"] == name)


def test_each_metric_says_how_many_have_it_and_why_the_others_do_not(page, figures):
    assert "| Time open | 20 | 0 | 0 | — |" in page
    assert "| Time to detect | 0 | 0 | 20 | no detection or report (20) |" in page
    assert "| Time to resolve | 10 | 10 | 0 | impact start known only from a bound (10) |" in page
    assert metric(figures, "time_to_first_update")["missing"] == {"impact start known only from a bound": 10}
    assert not any(m["metric"] in ("delay", "duration") for m in figures["metrics"])  # outages: not applicable


def test_quantiles_and_their_exact_intervals_by_hand(figures, page):
    values = sorted(time_open(k) for k in range(1, 21))  # 36, 42, …, 150
    found = metric(figures, "time_open")
    assert found["p50"]["low"] == found["p50"]["high"] == values[10 - 1] == 90  # rank ⌈0.5 · 20⌉
    assert found["p90"]["low"] == values[18 - 1] == 138
    low, high = binomial_ranks(20, 0.5)
    assert (low, high) == (6, 15) and found["p50"]["interval"] == [values[low - 1], values[high - 1]] == [66, 120]
    low, high = binomial_ranks(20, 0.9)
    assert high == 21 and found["p90"]["interval"] == [values[low - 1], None]  # 0.9²⁰ = 12 %: nothing bounds it above
    assert found["mean_of_estimates"] == sum(values) / 20 == 93
    assert "| Time open | 20 | 90 min | 66 min – 2 h | 2 h 18 min | 2 h – unbounded | 93 min |" in page
    gaps = sorted(10 + 2 * k for k in range(1, 21))  # every gap of an incident is its g
    assert metric(figures, "time_between_updates")["p50"]["low"] == gaps[9] == 30


def test_counts_per_month_with_the_empty_month_and_the_severities(page, figures):
    assert "| month | incidents | major | minor |" in page
    for row in ("| 2024-01 | 10 | 3 | 7 |", "| 2024-02 | 0 | 0 | 0 |", "| 2024-03 | 5 | 2 | 3 |", "| 2024-04 | 5 | 1 | 4 |"):
        assert row in page
    assert [p["period"] for p in figures["counts"]["periods"]] == ["2024-01", "2024-02", "2024-03", "2024-04"]


def test_the_severity_and_component_tables_by_hand(page, figures):
    major = sorted(time_open(k) for k in range(1, 21) if k % 3 == 0)  # 48 66 84 102 120 138
    minor = sorted(time_open(k) for k in range(1, 21) if k % 3)
    pages = sorted(time_open(k) for k in range(2, 21, 2))
    rows = {r["severity"]: r for r in figures["severity"]}
    assert (rows["major"]["incidents"], rows["minor"]["incidents"]) == (6, 14)
    assert rows["major"]["metrics"]["time_open"]["median"] == [major[2], major[2]] == [84, 84]
    assert rows["minor"]["metrics"]["time_open"]["median"] == [minor[6], minor[6]] == [90, 90]  # rank ⌈14 / 2⌉
    components = {r["component"]: r for r in figures["components"]}
    assert (components["API"]["incidents"], components["Pages"]["incidents"]) == (20, 10)
    assert components["Pages"]["metrics"]["time_open"]["median"] == [pages[4]] * 2 == [90, 90]
    assert "84 min (n = 6)" in page and "90 min (n = 14)" in page and "| Pages | 10 |" in page


def test_earlier_and_later_say_which_way_and_warn_when_the_records_changed(page, figures):
    from scipy import stats as scipy_stats

    assert "halved at its middle incident: those that started before 2024-03-02" in page
    earlier = sorted(time_open(k) for k in range(1, 11))
    later = sorted(time_open(k) for k in range(11, 21))
    assert (earlier[4], later[4]) == (60, 120)
    found = metric(figures, "time_open")
    expected = scipy_stats.logrank(earlier, later).pvalue
    assert found["logrank_p"] == pytest.approx(round(expected, 2), abs=0.005) and expected < 0.001
    assert found["direction"] == "later incidents were open for longer: median 60 min → 2 h"
    assert "later incidents were open for longer: median 60 min → 2 h" in page and "p < 0.001" in page
    assert "\\<" not in page  # a '<' before a figure is no markup: never escaped
    assert found["caution"] is None
    resolve = metric(figures, "time_to_resolve")
    assert resolve["caution"] == {"what": "impact start known only from a bound", "earlier": 1.0, "later": 0.0}
    assert "Caution: what the data records changed between the periods (“impact start known only from a bound” in 100 % " \
           "of the earlier incidents and 0 % of the later)" in page


def test_a_split_date_is_said_as_a_split(events):
    code, out, _ = run("stats", "--events", events, "--split", "2024-04-01")
    assert code == 0
    assert "started before 2024-04-01 against those from 2024-04-01 on (--split)" in out and "halved" not in out
    assert "Time open: too few incidents to compare (15 earlier, 5 later with it; at least 8 in each are needed)" in out


def test_detectability_is_the_chance_over_every_resample():
    """The exact figure against every one of the 5⁵ resamples of five values, counted."""
    from itertools import product

    values = [10.0, 20.0, 35.0, 50.0, 80.0]
    medians = [sorted(draw)[2] for draw in product(values, repeat=5)]
    shows = sum(after * 0.9 < before for before in medians for after in medians) / len(medians) ** 2
    assert exact.detectability(values, least=5) == pytest.approx(shows, abs=1e-12)


def test_the_page_and_from_metrics_agree(events, tmp_path):
    code, saved, err = run("metrics", "--events", events, "--csv")
    assert code == 0, err
    path = tmp_path / "metrics.csv"
    path.write_text(saved)
    assert run("stats", "--from-metrics", path, "--json")[1] == run("stats", "--events", events, "--json")[1]
    assert run("stats", "--from-metrics", path)[1] == run("stats", "--events", events)[1]


def test_the_report_page_has_the_same_tables(events, tmp_path):
    from incident.events_csv.reader import load
    from incident.many.work import attributes_of_file
    from incident.timeline.reconstruct import reconstruct_all

    timelines = reconstruct_all(load(events).raise_for_errors().claims)
    portfolio = stats.portfolio(timelines, attributes=attributes_of_file(events))
    text = to_markdown(stats_document(portfolio, chart=False))
    code, out, _ = run("stats", "--events", events)
    assert text == out


def test_a_postmortems_severity_wins_over_the_events_column(events, tmp_path):
    import shutil

    path = tmp_path / "events.csv"
    shutil.copy(events, path)
    (tmp_path / "postmortems").mkdir()
    (tmp_path / "postmortems" / "i01.md").write_text("---\ntitle: One\nseverity: SEV-1\n---\n")
    code, out, err = run("stats", "--events", path, "--json")
    assert code == 0, err
    rows = {r["severity"]: r["incidents"] for r in json.loads(out)["severity"]}
    assert rows == {"SEV-1": 1, "minor": 13, "major": 6}  # i01 was minor
    records = json.loads(run("metrics", "i01", "--events", path, "--json")[1])
    assert {r["severity"] for r in records} == {"SEV-1"}


def test_the_index_shows_each_incidents_severity_as_the_statistics_group_it(events, tmp_path):
    """The index's severity column follows the same rule as the portfolio: the postmortem's
    severity, else the events' own column (a status page's impact level)."""
    import shutil

    path = tmp_path / "events.csv"
    shutil.copy(events, path)
    (tmp_path / "postmortems").mkdir()
    (tmp_path / "postmortems" / "i01.md").write_text("---\ntitle: One\nseverity: SEV-1\n---\n")
    code, _, err = run("report", "--events", path, "--out", tmp_path / "reports", "--no-png")
    assert code == 0, err
    index = (tmp_path / "reports" / "index.md").read_text()
    severity = {m[1]: m[2] for m in re.finditer(r"\]\((i\d\d)\.md\) \| [^|]* \| ([^|]*) \|", index)}
    assert len(severity) == 20
    assert severity["i01"] == "SEV-1"  # the postmortem's wins over its rows' "minor"
    assert severity["i03"] == "major" and severity["i02"] == "minor"
    assert (tmp_path / "reports" / "index.html").read_text().count("<td>major</td>") == 6


def test_the_charts_panel_titles_stay_clear_of_each_other_and_of_the_charts_title(tmp_path):
    """'Time to detect: 12 incidents, 6 detected before impact (drawn at the left edge)' is wider
    than its panel: it is broken into lines, its row moved down to make room."""
    from incident.events_csv.reader import load
    from incident.render import plot, stats_chart
    from incident.timeline.reconstruct import reconstruct_all

    rows = ["incident,event,kind,time,tz,source"]
    for k in range(12):
        t0 = datetime(2024, 5, 1 + k, 10, 0)
        detected = t0 + timedelta(minutes=-5 if k % 2 else 3 + k)  # half of them seen before the impact
        for event, kind, moment in (("impact", "impact_start", t0), ("seen", "detection", detected),
                                    ("ack", "acknowledgement", t0 + timedelta(minutes=10 + k)),
                                    ("recovered", "recovery", t0 + timedelta(minutes=30 + 7 * k)),
                                    ("resolved", "resolution", t0 + timedelta(minutes=40 + 9 * k))):
            rows.append(f"i{k:02d},{event},{kind},{moment:%Y-%m-%d %H:%M},UTC,Status page")
    path = tmp_path / "events.csv"
    path.write_text("\n".join(rows) + "\n")
    figure = stats_chart.stats_figure(stats.portfolio(reconstruct_all(load(path).raise_for_errors().claims)))
    plot.render_as(figure, "png")
    renderer = figure.canvas.get_renderer()
    titles = [ax._left_title for ax in figure.axes]
    assert "detected before impact" in titles[0].get_text() and "\n" in titles[0].get_text()
    heading = figure.texts[0].get_window_extent(renderer)
    for ax, title in zip(figure.axes, titles):
        box = title.get_window_extent(renderer)
        assert 0 <= box.x0 and box.x1 <= figure.bbox.width and box.y1 < heading.y0
        assert not box.overlaps(ax.get_window_extent(renderer))
        for other in figure.axes:
            if other is not ax:
                assert not box.overlaps(other.get_window_extent(renderer))
                assert not box.overlaps(other._left_title.get_window_extent(renderer))
