"""The Chinese forms of the time grammar (dates, clock times, the words around them, ranges, lengths,
zones), simplified and traditional, the kind of a claim from its Chinese clause, a Japanese text
that reads as before, a hostile text of Chinese characters, and a Chinese story drafted end to end.
The sentences are made for these tests but the last, a short passage of a published report (its
address in the test)."""

import csv
import io
import time
from datetime import date

import pytest

from incident.cli import main
from incident.timetext.chinese import written_in_chinese
from incident.timetext.days import Context
from incident.timetext.forecasts import forecast_in
from incident.timetext.kinds import classify
from incident.timetext.readings import read_times

HK = Context(published=date(2022, 12, 25), tz="Asia/Hong_Kong")  # a Sunday


def clocks(text, context=HK):
    return [r for r in read_times(text, context) if r.kind != "day"]


def one(text, context=HK):
    found = clocks(text, context)
    assert len(found) == 1, [r.as_reported for r in found]
    return found[0]


@pytest.mark.parametrize("text, words, time", [
    ("2022年12月18日上午8点56分发生故障。", "2022年12月18日上午8点56分", "2022-12-18 08:56"),
    ("12月18日上午8时56分发生故障。", "12月18日上午8时56分", "2022-12-18 08:56"),
    ("18日下午3點半恢復正常。", "18日下午3點半", "2022-12-18 15:30"),
    ("12月19日凌晨0点30分，所有服务全部恢复。", "12月19日凌晨0点30分", "2022-12-19 00:30"),
    ("昨天晚上10点，微信无法访问。", "昨天晚上10点", "2022-12-24 22:00"),
    ("前天中午12点发生故障。", "前天中午12点", "2022-12-23 12:00"),
    ("今天中午1点恢复。", "今天中午1点", "2022-12-25 13:00"),
    ("周一上午9点发生故障。", "周一上午9点", "2022-12-19 09:00"),
    ("星期二晚上11点宕机。", "星期二晚上11点", "2022-12-20 23:00"),
    ("週三下午3時服務中斷。", "週三下午3時", "2022-12-21 15:00"),
    ("12月18日 20:56 服务中断。", "12月18日 20:56", "2022-12-18 20:56"),
    ("二〇二二年十二月十八日晚上八点发生故障。", "二〇二二年十二月十八日晚上八点", "2022-12-18 20:00"),
    ("12月18日八点一刻发现异常。", "12月18日八点一刻", "2022-12-18 08:15"),
    ("12月18日晚上12点恢复。", "12月18日晚上12点", "2022-12-18 00:00"),
    ("昨（18）日晚間7時28分起出現異常。", "昨（18）日晚間7時28分", "2022-12-18 19:28"),
])
def test_dates_and_clock_times(text, words, time):
    reading = one(text)
    assert (reading.as_reported, reading.time[:16]) == (words, time)


def test_the_same_day_and_the_next_count_from_the_date_before():
    found = clocks("12月18日上午8点56分发生故障。当天23时45分恢复部分服务，次日凌晨0点30分全部恢复。")
    assert [(r.as_reported, r.time[:16]) for r in found] == [
        ("12月18日上午8点56分", "2022-12-18 08:56"), ("当天23时45分", "2022-12-18 23:45"),
        ("次日凌晨0点30分", "2022-12-19 00:30")]


@pytest.mark.parametrize("text, words, bound, uncertainty", [
    ("12月18日8点左右发生故障。", "12月18日8点左右", "", 5),
    ("12月18日约8点发生故障。", "12月18日约8点", "", 5),  # the date first, then 'about'
    ("约12月18日8点发生故障。", "约12月18日8点", "", 5),
    ("12月18日9时许恢复。", "12月18日9时许", "", 5),
    ("12月18日10点多起无法使用。", "12月18日10点多", "not_before", None),
    ("12月18日8点之前恢复。", "12月18日8点之前", "not_after", None),
    ("12月18日8点以后恢复。", "12月18日8点以后", "not_before", None),
])
def test_the_words_around_a_clock_time(text, words, bound, uncertainty):
    reading = one(text)
    assert (reading.as_reported, reading.bound, reading.uncertainty_min) == (words, bound, uncertainty)


def test_zones_written_before_a_date_and_after_a_clock():
    assert one("北京时间12月18日下午3点发生故障。").tz == "Asia/Shanghai"
    assert one("12月18日下午3点（香港時間）發生故障。").tz == "Asia/Hong_Kong"
    assert one("12月18日 07:30 UTC 发生故障。").tz == "UTC"


def test_ranges():
    reading = one("18日8时至19日0时30分服务中断。")
    assert (reading.kind, reading.time[:16], reading.until[:16]) == ("range", "2022-12-18 08:00", "2022-12-19 00:30")
    reading = one("12月18日上午8点到10点无法访问。")
    assert (reading.time[11:16], reading.until[11:16]) == ("08:00", "10:00")


@pytest.mark.parametrize("text, words, minutes, anchor, bound", [
    ("发现异常，约15分钟后恢复。", "约15分钟后", 15, "the previous event", ""),
    ("两个小时后恢复正常。", "两个小时后", 120, "the previous event", ""),
    ("3小时后恢复。", "3小时后", 180, "the previous event", ""),
    ("故障持续超过15个小时。", "超过15个小时", 900, "the start", "not_before"),
    ("服务中断长达3小时。", "长达3小时", 180, "the start", ""),
    ("宕机近两个小时。", "近两个小时", 120, "the start", "not_after"),
    ("历时超过15个半小时。", "超过15个半小时", 930, "the start", "not_before"),
    ("一个半小时后恢复。", "一个半小时后", 90, "the previous event", ""),
    ("故障发生约20分钟后恢复。", "约20分钟后", 20, "the start", ""),
    ("持續約三小時。", "約三小時", 180, "the start", ""),
    ("断网1个多小时。", "1个多小时", 60, "the start", "not_before"),
])
def test_lengths_and_what_they_are_of(text, words, minutes, anchor, bound):
    found = [r for r in read_times(text, HK) if r.kind == "relative"]
    assert len(found) == 1, [r.as_reported for r in read_times(text, HK)]
    r = found[0]
    assert (r.as_reported, r.offset_min, r.anchor, r.bound) == (words, minutes, anchor, bound)


def test_a_length_without_its_words_places_nothing():
    assert [r.as_reported for r in read_times("两个小时的会议讨论了很多问题。", HK)] == []
    assert [r.kind for r in read_times("12月3日发生故障。", HK, days=True)] == ["day"]


@pytest.mark.parametrize("before, after, kind, bound", [
    ("阿里云在", "发生故障，机房制冷设备出现故障。", "impact_start", ""),
    ("", "，所有服务全部恢复。", "resolution", ""),
    ("", "，服务恢复正常。", "recovery", ""),
    ("", "，服務恢復正常。", "recovery", ""),
    ("", "，监控告警，工程师介入。", "detection", ""),
    ("", "，工程师确认了问题。", "acknowledgement", ""),
    ("", "，工程师完成回滚。", "mitigation", ""),
    ("", "，官方发布公告。", "communication", ""),
    ("截至", "，仍未恢复。", "recovery", "not_before"),
    ("", "，仍未恢復。", "recovery", "not_before"),
    ("", "起，用户无法访问。", "impact_start", ""),
])
def test_kinds_from_the_chinese_clause(before, after, kind, bound):
    guess = classify((before, after), live=False)
    assert (guess.kind, guess.bound) == (kind, bound), guess.note


def test_a_forecast_is_no_time_of_an_event():
    assert forecast_in(("预计", "恢复。"))
    assert forecast_in(("預計", "恢復。"))
    assert not forecast_in(("", "恢复正常。"))


def test_which_texts_are_chinese():
    assert written_in_chinese("12月18日上午8点56分发生故障。")
    assert written_in_chinese("昨（18）日晚間7時28分起出現異常。")
    assert not written_in_chinese("10月10日午前8時30分ごろ、システム障害が発生した。")
    assert not written_in_chinese("The outage began at 8:56.")


def test_a_japanese_text_reads_as_it_did():
    """Japanese shares the characters of dates and clocks: its texts are not read by the Chinese forms."""
    tokyo = Context(published=date(2020, 10, 1), tz="Asia/Tokyo")
    found = [(r.as_reported, r.time[:16]) for r in read_times("東証は1日午前7時4分ごろ、システム障害が発生したと発表した。3点の問題がある。", tokyo)]
    assert found == [("1日午前7時4分ごろ", "2020-10-01 07:04")]


def test_a_hostile_text_of_chinese_characters_is_read_in_linear_time():
    unit = "12月18日上午8点56分约15分钟后持续超过两个半小时，截至周一凌晨，"
    small, large = unit * 200, unit * 1600
    started = time.perf_counter()
    read_times(small, HK)
    first = time.perf_counter() - started
    started = time.perf_counter()
    read_times(large, HK)
    second = time.perf_counter() - started
    assert second < first * 8 * 3 + 0.5  # eight times the text: no more than about eight times the time


def test_a_published_report_drafts_end_to_end(tmp_path, capsys):
    """Four sentences of the Taiwanese ministry's account of its site's outage in Cloudflare's failure
    of 18 November 2025, as Newtalk reported it (via https://tw.news.yahoo.com/, © the publisher; a
    short passage quoted for testing)."""
    text = tmp_path / "newtalk.txt"
    text.write_text("數位發展部今（19）日表示，普發現金網站自昨（18）日晚間7時28分起出現間歇性連線不穩定情形。"
                    "普發現金網站已於昨晚10時42分全面恢復正常服務，整體障礙時間約計3小時。\n", encoding="utf-8")
    assert main(["extract", str(text), "--incident", "tw", "--published", "2025-11-19", "--tz", "Asia/Taipei",
                 "--kind", "outage", "--source", "Newtalk", "--source-type", "press"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    got = {(r["as_reported"], r["kind"], r["time"], r["offset_min"]) for r in rows}
    assert ("昨（18）日晚間7時28分", "impact_start", "2025-11-18 19:28", "") in got
    assert ("昨晚10時42分", "resolution", "2025-11-18 22:42", "") in got
    assert any(r["as_reported"] == "約計3小時" and r["offset_min"] == "180" for r in rows)


def test_a_length_after_interrupted_service_is_the_outage_s():
    # "中断服务约90分钟": service interrupted for about 90 minutes ("服务" between the verb and the length)
    got = read_times("3月7日,官方网站因证书过期而中断服务约90分钟。", Context(date(2024, 4, 9), "Asia/Shanghai"))
    assert [(r.kind, r.offset_min) for r in got] == [("relative", 90)]
