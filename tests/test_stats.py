"""Many incidents: the portfolio's counts, bands, quantiles and tests, checked against figures
worked out by hand on a small file (exact times, an open incident, a one-sided range, a missing
milestone)."""

import json
import math
from pathlib import Path

import pytest

from incident.cli import main
from incident.events_csv.reader import load
from incident.render.stats_data import stats_json
from incident.render.stats_doc import against_text, stats_document
from incident.render.document import to_markdown
from incident.timeline import stats
from incident.timeline.reconstruct import reconstruct_all

HEADER = "incident,event,kind,time,tz,bound,source,source_type"
SHARED = Path(__file__).parents[2] / "shared" / "data" / "statuspage" / "githubstatus" / "incidents"


def fixture_rows() -> list[str]:
    rows = []
    for i in range(10):  # recovered 10, 20, …, 100 minutes after impact, to the second
        day = f"2024-01-{i + 1:02d}"
        rows.append(f"o{i},impact,impact_start,{day} 10:00:00,UTC,,ops,operator")
        rows.append(f"o{i},back,recovery,{day} {10 + (i + 1) * 10 // 60}:{(i + 1) * 10 % 60:02d}:00,UTC,,ops,operator")
    rows.append("open,impact,impact_start,2024-01-11 10:00:00,UTC,,ops,operator")  # still open
    rows.append("bounded,impact,impact_start,2024-01-12 10:00:00,UTC,,ops,operator")
    rows.append("bounded,back,recovery,2024-01-12 10:30:00,UTC,not_after,ops,operator")  # recovered by 10:30
    rows.append("nostart,seen,detection,2024-01-20 12:00:00,UTC,,ops,operator")  # the newest moment: "as of"
    return rows


@pytest.fixture(scope="module")
def portfolio(tmp_path_factory):
    path = tmp_path_factory.mktemp("stats") / "events.csv"
    path.write_text(HEADER + "\n" + "\n".join(fixture_rows()) + "\n")
    return stats.portfolio(reconstruct_all(load(path).raise_for_errors().claims))


def test_counts_keep_ranges_open_incidents_and_missing_milestones_apart(portfolio):
    recover = portfolio.summary("time_to_recover")
    assert (recover.incidents, recover.valued, recover.censored, recover.undefined) == (13, 10, 2, 1)
    assert portfolio.as_of == 1705752000  # 2024-01-20 12:00:00 UTC


def test_an_open_incident_is_censored_as_of_the_input_never_the_clock(portfolio):
    recover = portfolio.summary("time_to_recover")
    i = recover.names.index("open")
    assert recover.lows[i] == 9 * 1440 + 2 * 60  # 11 Jan 10:00 → 20 Jan 12:00
    assert recover.highs[i] == math.inf and recover.values[i] is None
    j = recover.names.index("bounded")  # "by 10:30": at most 30 min, never 0 or 30
    assert (recover.lows[j], recover.highs[j], recover.values[j]) == (0.0, 30.0, None)


def test_quantiles_are_order_statistics_of_the_lows_and_the_highs(portfolio):
    # lows:  0 10 20 30 40 50 60 70 80 90 100 13080;  highs: 10 20 30 30 40 50 60 70 80 90 100 ∞
    p50, p90 = portfolio.summary("time_to_recover").quantiles
    assert (p50.low, p50.high) == (50.0, 50.0)  # rank ⌈0.5·12⌉ = 6
    assert (p90.low, p90.high) == (100.0, 100.0)  # rank ⌈0.9·12⌉ = 11
    assert p50.interval[0] <= 50 <= p50.interval[1] and p90.interval[1] == math.inf  # ∞ is drawn often enough


def test_the_band_holds_the_true_share_between_highs_and_lows(portfolio):
    recover = portfolio.summary("time_to_recover")
    t, lower, upper = stats.ecdf_band(recover.lows, recover.highs)
    at = dict(zip(t.tolist(), zip(lower.tolist(), upper.tolist())))
    assert at[30.0] == (4 / 12, 4 / 12)
    assert at[0.0] == (0.0, 1 / 12)
    assert at[13080.0] == (11 / 12, 1.0)  # the open incident never ends on the lower edge


def test_the_mean_is_of_the_estimates_only(portfolio):
    assert portfolio.summary("time_to_recover").mean == 55.0


def test_a_ten_percent_improvement_always_shows_when_every_incident_took_as_long():
    assert stats.detectability([30.0] * 12) == 1.0
    assert stats.detectability([30.0] * 5) is None  # too few to say
    spread = [1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 233]
    share = stats.detectability(spread)
    assert 0.4 < share < 1.0 and share == stats.detectability(spread)  # seeded: the same every run


def test_logrank_is_scipys():
    import numpy as np
    from scipy import stats as scipy_stats

    rng = np.random.default_rng(7)
    for _ in range(5):
        a, b = rng.exponential(30, 40).round(), rng.exponential(45, 30).round()
        seen_a, seen_b = rng.random(40) > 0.2, rng.random(30) > 0.3
        expected = scipy_stats.logrank(scipy_stats.CensoredData(uncensored=a[seen_a], right=a[~seen_a]),
                                       scipy_stats.CensoredData(uncensored=b[seen_b], right=b[~seen_b])).pvalue
        assert stats.logrank(a, seen_a, b, seen_b) == pytest.approx(expected, rel=1e-9)


def test_one_incident_against_the_others():
    rows = []
    for i in range(25):
        rows.append(f"i{i:02d},impact,impact_start,2024-02-{i + 1:02d} 10:00:00,UTC,,ops,operator")
        rows.append(f"i{i:02d},back,recovery,2024-02-{i + 1:02d} {10 + (i + 1) * 10 // 60}:{(i + 1) * 10 % 60:02d}:00,UTC,,ops,operator")
    claims = load_text(HEADER + "\n" + "\n".join(rows) + "\n")
    portfolio = stats.portfolio(reconstruct_all(claims))
    # i05 took 60 min; of the 24 others, 5 took less
    assert against_text(portfolio.summary("time_to_recover"), "i05") == "Time to recover 60 min: longer than 21 % of the 24 other incidents with one."


def load_text(text: str):
    from incident.events_csv.reader import parse

    return parse(text.encode()).raise_for_errors().claims


def test_json_gives_open_edges_as_null(portfolio):
    out = stats_json(portfolio)
    recover = next(m for m in out["metrics"] if m["metric"] == "time_to_recover")
    assert recover["p50"] == {"low": 50.0, "high": 50.0, "interval": recover["p50"]["interval"]}
    assert recover["p90"]["interval"][1] is None
    assert out["as_of"] == "2024-01-20T12:00:00Z" and out["incidents"] == 13
    json.dumps(out, allow_nan=False)  # no Infinity in the JSON


def test_too_few_incidents_say_so_and_import_no_pandas():
    import subprocess
    import sys

    code = ("import sys; from incident.events_csv.reader import load; from incident.timeline.reconstruct import reconstruct_all;"
            "from incident.timeline import stats; p = stats.portfolio(reconstruct_all(load('events.csv').claims));"
            "assert not p.summaries[0].quantiles; print('pandas' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=Path(__file__).parents[1], check=True)
    assert done.stdout.strip() == "False"


def test_the_command_selects_by_pattern_and_day(tmp_path, capsys):
    path = tmp_path / "events.csv"
    path.write_text(HEADER + "\n" + "\n".join(fixture_rows()) + "\n")
    assert main(["stats", "--events", str(path), "--json", "o*", "--since", "2024-01-03", "--until", "2024-01-09"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["incidents"] == 7  # o2 … o8
    assert main(["stats", "--events", str(path), "--since", "2024-02-30"]) == 2
    assert "--since: '2024-02-30' is not a day" in capsys.readouterr().err
    assert main(["stats", "--events", str(path), "nothing-*"]) == 2
    assert main(["stats", "--events", str(path), "--csv"]) == 0
    header = capsys.readouterr().out.splitlines()[0]
    assert header.startswith("metric,incidents,with_range,open_or_one_sided,undefined,p50_low")


@pytest.mark.skipif(not SHARED.is_dir(), reason="needs ../shared/data (the shared status-page history)")
def test_the_github_history_shows_counts_bands_and_intervals(tmp_path):
    from incident.many.work import attributes_of_file

    out = tmp_path / "github.csv"
    capture = SHARED.parents[1] / "github-2026-capture" / "incidents.json"
    assert main(["import", "statuspage", *map(str, sorted(SHARED.glob("*.json"))), str(capture), "--out", str(out)]) == 0
    portfolio = stats.portfolio(reconstruct_all(load(out).raise_for_errors().claims), attributes=attributes_of_file(out))
    assert len(portfolio.incidents) == 400
    page = to_markdown(stats_document(portfolio))
    resolve = portfolio.summary("time_to_resolve")
    assert resolve.valued + resolve.censored + resolve.undefined == 400 and resolve.shown
    assert resolve.quantiles[0].low <= resolve.quantiles[0].high
    assert "| Time to resolve |" in page and "95 % interval" in page and "of the time" in page
    assert "![Distribution bands" in page
    # what the issue asked of this page: n and why, per month, severity, components, exact intervals
    opened = portfolio.summary("time_open")
    assert opened.valued > 390 and dict(opened.missing)["no resolution"] == 2
    # 348 until "a loss of connectivity occurred … at 16:04 UTC" was read as the impact's start
    assert "| Time to detect | 0 | 399 | 1 | " in page and "impact start known only from bounds (347)" in page
    assert "## Incidents per month" in page and "| 2026-07 | 26 |" in page
    severity = {row.name: row.incidents for row in portfolio.groups.severity}
    assert severity == {"critical": 13, "major": 62, "minor": 310, "none": 15}
    components = {row.name: row.incidents for row in portfolio.groups.components}
    assert components["Actions"] == 139 and "## By component" in page
    p50 = opened.quantiles[0]
    assert p50.interval[0] <= p50.low <= p50.high <= p50.interval[1] < math.inf
    assert "“impact start known only from a bound” in 98 % of the earlier incidents and 75 % of the later" in page


@pytest.mark.parametrize("name", ["index", "comparison", "stats"])
def test_an_incident_named_like_a_report_page_is_refused_before_anything_is_written(tmp_path, capsys, name):
    path = tmp_path / "events.csv"
    path.write_text(f"{HEADER}\n{name},impact,impact_start,2024-01-01 10:00:00,UTC,,ops,operator\n")
    assert main(["report", "--events", str(path), "--out", str(tmp_path / "out")]) == 2
    assert f"incident {name!r}" in capsys.readouterr().err and not (tmp_path / "out").exists()
