"""No text makes `extract` fail: random texts of the grammar's own words (clocks, dates, zones,
figures, joiners, posts' signatures, digits of other scripts) drafted alone and as several texts of
one incident. A draft is never a traceback, and a draft written to a file always validates."""

import io

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from incident.cli import main
from incident.events_csv.reader import load
from incident.extract.draft import Cells, draft
from incident.timetext.days import Context

FUZZ = settings(derandomize=True, deadline=None, max_examples=150,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

WORDS = st.sampled_from([
    "9", "09", "12", "42", "2024", "1.11", "14.35", ":", ".", ",", "-", "–", "/", "(", ")", "[", "]", "@x", "—",
    "a.m.", "pm", "PT", "UTC", "GMT+2", "US/Pacific", "America/New_York", "Eastern", "March", "4th", "18.", "April",
    "Tuesday", "yesterday", "tonight", "evening", "of", "late", "early", "hours", "wee", "minutes", "hours", "days",
    "between", "and", "to", "from", "later", "after", "before", "into", "about", "nearly", "more", "than", "within",
    "a", "few", "soon", "shortly", "outage", "began", "restored", "down", "resolved", "said", "update", "Posted",
    "Resolved", "Time", "(PDT):", "times", "are", "¹", "٣", "\n", "\n\n", "“", "”", "'s", "due", "at", "Duration:",
    "lasted", "73-hour", "three-day", "%", "80", "lakh", "people", "will", "expected", "by",
    # Chinese, joined as Chinese writes them (no spaces) by the strategy below
    "年", "月", "日", "号", "点", "點", "时", "時", "分", "半", "一刻", "上午", "凌晨", "晚上", "中午", "昨天", "今(", "当天",
    "次日", "周一", "星期", "週", "北京时间", "左右", "许", "多", "之前", "以后", "起", "至", "约", "超过", "近", "持续",
    "个小时", "分钟", "后", "两", "十", "二〇二二", "发生故障", "恢复", "全部恢复", "仍未", "截至", "预计", "来源",
])
TEXTS = st.one_of(st.lists(WORDS, max_size=60).map(" ".join), st.lists(WORDS, max_size=60).map("".join))


@FUZZ
@given(text=TEXTS, live=st.sampled_from([None, True, False]))
def test_any_text_drafts_without_failing(text, live):
    result = draft(text, Context(None, "UTC"), Cells("x", "s", "press", "", {}, live=live))
    assert len(result.rows) == len(result.spans)
    for row, (start, end) in zip(result.rows, result.spans):
        assert 0 <= start <= end <= len(text) and row["kind"] and row["event"]


@FUZZ
@given(texts=st.lists(TEXTS, min_size=1, max_size=3))
def test_several_texts_drafted_into_a_file_always_validate(tmp_path_factory, texts):
    folder = tmp_path_factory.mktemp("texts")
    names = []
    for i, text in enumerate(texts):
        (folder / f"t{i}.txt").write_text(text + " The outage began at 09:00 UTC on 4 March 2025.", encoding="utf-8")
        names.append(str(folder / f"t{i}.txt"))
    target = folder / "events.csv"
    err = io.StringIO()
    code = main(["extract", *names, "--published", "2025-03-05", "--incident", "x", "--out", str(target)],
                stdout=io.StringIO(), stderr=err)
    assert code in (0, 1, 2), err.getvalue()
    assert "Traceback" not in err.getvalue()
    if code == 0:
        assert load(target).ok
