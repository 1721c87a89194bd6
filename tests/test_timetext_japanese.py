"""The Japanese forms of the time grammar (dates, clock times, the words after them, ranges, lengths,
zones), the kind of a claim from its Japanese clause, a hostile text of Japanese characters, and a
Japanese story drafted end to end."""

import csv
import io
import time
from datetime import date

import pytest

from incident.cli import main
from incident.extract.draft import Cells, draft
from incident.timetext.forecasts import forecast_in
from incident.timetext.kinds import classify
from incident.timetext.days import Context
from incident.timetext.readings import read_times

TOKYO = Context(published=date(2023, 10, 11), tz="Asia/Tokyo")


def clocks(text, context=TOKYO):
    return [r for r in read_times(text, context) if r.kind != "day"]


def one(text, context=TOKYO):
    found = clocks(text, context)
    assert len(found) == 1, [r.as_reported for r in found]
    return found[0]


@pytest.mark.parametrize("text, words, time", [
    ("2023年10月10日午前8時30分に障害が発生した。", "2023年10月10日午前8時30分", "2023-10-10 08:30"),
    ("10月10日午後3時に復旧した。", "10月10日午後3時", "2023-10-10 15:00"),
    ("10日（火）午前8時に発生した。", "10日（火）午前8時", "2023-10-10 08:00"),
    ("10日(火曜日)午前8時に発生した。", "10日(火曜日)午前8時", "2023-10-10 08:00"),
    ("9日午後11時に発生した。", "9日午後11時", "2023-10-09 23:00"),
    ("午前8時半に復旧した。", "午前8時半", "2023-10-11 08:30"),
    ("15時20分に復旧した。", "15時20分", "2023-10-11 15:20"),
    ("システムは8:30に停止した。", "8:30", "2023-10-11 08:30"),
    ("１０時３０分に再開した。", "１０時３０分", "2023-10-11 10:30"),  # full-width digits
    ("午前0時に停止した。", "午前0時", "2023-10-11 00:00"),
    ("午後0時半に復旧した。", "午後0時半", "2023-10-11 12:30"),
    ("10日正午に発表した。", "10日正午", "2023-10-10 12:00"),
    ("昨日午後3時に障害が起きた。", "昨日午後3時", "2023-10-10 15:00"),
    ("本日午前9時に再開した。", "本日午前9時", "2023-10-11 09:00"),
    ("10日夜9時に復旧した。", "10日夜9時", "2023-10-10 21:00"),
    ("午前8時30分15秒に停止した。", "午前8時30分15秒", "2023-10-11 08:30"),
])
def test_dates_and_clock_times(text, words, time):
    reading = one(text)
    assert (reading.as_reported, reading.time[:16], reading.tz) == (words, time, "Asia/Tokyo")
    assert "no zone written: read in Asia/Tokyo (the text's zone)" in reading.notes


def test_the_same_day_and_the_next_count_from_the_date_before():
    found = clocks("10月10日午前8時に発生し、同日午後3時に一部が復旧した。翌日午前9時に全面復旧し、翌12日正午に会見した。")
    assert [(r.as_reported, r.time) for r in found] == [
        ("10月10日午前8時", "2023-10-10 08:00"), ("同日午後3時", "2023-10-10 15:00"),
        ("翌日午前9時", "2023-10-11 09:00"), ("翌12日正午", "2023-10-12 12:00")]


def test_the_next_day_of_the_last_day_of_a_month_is_in_the_next_month():
    found = clocks("9月30日午後11時に発生し、翌日午前1時に復旧した。")
    assert [r.time for r in found] == ["2023-09-30 23:00", "2023-10-01 01:00"]


def test_a_day_written_alone_is_a_day_reading():
    days = [r for r in read_times("障害は10日未明に発生した。", TOKYO, days=True) if r.kind == "day"]
    assert [(r.as_reported, r.time) for r in days] == [("10日未明", "2023-10-10")]


@pytest.mark.parametrize("text, words, bound, uncertainty", [
    ("午前8時30分ごろに発生した。", "午前8時30分ごろ", "", 5),
    ("午前8時30分頃に発生した。", "午前8時30分頃", "", 5),
    ("午前8時前後に発生した。", "午前8時前後", "", 5),
    ("午後3時過ぎに復旧した。", "午後3時過ぎ", "", 5),
    ("午後3時までに復旧した。", "午後3時までに", "not_after", None),
    ("午前9時以降に再開した。", "午前9時以降", "not_before", None),
    ("午後0時半前に復旧した。", "午後0時半前", "not_after", None),
])
def test_the_words_after_a_time_read_as_the_english_ones(text, words, bound, uncertainty):
    reading = one(text)
    assert (reading.as_reported, reading.bound, reading.uncertainty_min) == (words, bound, uncertainty)


def test_as_of_is_left_to_the_clause():
    reading = one("15時20分時点で復旧していない。")
    assert (reading.as_reported, reading.bound) == ("15時20分", "")


@pytest.mark.parametrize("text, start, until", [
    ("午前8時30分から午後3時まで停止した。", "2023-10-11 08:30", "2023-10-11 15:00"),
    ("10日午後10時から11日午前2時にかけて停止した。", "2023-10-10 22:00", "2023-10-11 02:00"),
    ("午前10時から1時まで停止した。", "2023-10-11 10:00", "2023-10-11 13:00"),
    ("8:30～15:00に停止した。", "2023-10-11 08:30", "2023-10-11 15:00"),
])
def test_a_range_is_one_until_claim(text, start, until):
    reading = one(text)
    assert (reading.kind, reading.time, reading.until) == ("range", start, until)


def test_from_alone_is_no_range():
    reading = one("午前8時30分ごろから障害が発生した。")
    assert (reading.kind, reading.as_reported, reading.uncertainty_min) == ("clock", "午前8時30分ごろ", 5)


@pytest.mark.parametrize("text, words, offset, anchor, bound, uncertainty", [
    ("障害は約2時間続いた。", "約2時間", 120, "the start", "", 30),
    ("障害は2時間続いた。", "2時間", 120, "the start", "", 30),
    ("30分後に復旧した。", "30分後", 30, "the previous event", "", None),
    ("障害は2日間続いた。", "2日間", 2880, "the start", "", 720),
    ("1時間半後に復旧した。", "1時間半後", 90, "the previous event", "", 15),
    ("2時間30分にわたって停止した。", "2時間30分", 150, "the start", "", None),
    ("約5時間ぶりに復旧した。", "約5時間ぶり", 300, "the start", "", 30),
    ("発生から40時間以上かかった。", "40時間以上", 2400, "the start", "not_before", None),
    ("発生から30分後に復旧した。", "30分後", 30, "the start", "", None),
    ("3日後に再開した。", "3日後", 4320, "the previous event", "", 720),
])
def test_lengths(text, words, offset, anchor, bound, uncertainty):
    reading = one(text)
    assert (reading.kind, reading.as_reported, reading.offset_min, reading.anchor, reading.bound, reading.uncertainty_min) \
        == ("relative", words, offset, anchor, bound, uncertainty)


@pytest.mark.parametrize("text", ["24時間体制で対応した。", "10日間の予定で開催する。", "3日に発表した。"])
def test_a_length_that_places_nothing_gives_nothing(text):
    assert [r for r in clocks(text) if r.kind == "relative"] == []


@pytest.mark.parametrize("text, tz, time", [
    ("日本時間11日午前3時ごろに発生した。", "Asia/Tokyo", "2023-10-11 03:00"),
    ("10日午前8時30分（日本時間）に発生した。", "Asia/Tokyo", "2023-10-10 08:30"),
    ("10日午前8時30分JSTに発生した。", "JST", "2023-10-10 08:30"),
    ("米東部時間10日午後2時に発生した。", "ET", "2023-10-10 14:00"),
])
def test_a_zone_written_before_or_after_the_time(text, tz, time):
    reading = one(text, Context(published=date(2023, 10, 11), tz="UTC"))
    assert (reading.tz, reading.time) == (tz, time)
    assert not any(n.startswith("no zone written") for n in reading.notes)


def test_without_a_zone_or_tz_a_japanese_time_says_why():
    reading = one("午前8時30分に発生した。", Context(published=date(2023, 10, 11)))
    assert reading.problem == "no zone is written and none is given (--tz)"


def test_english_in_a_japanese_text_is_still_read():
    found = clocks("東日本電信は、9:05 UTC に障害が発生したと発表した。")
    assert [(r.as_reported, r.tz) for r in found] == [("9:05 UTC", "UTC")]


@pytest.mark.parametrize("before, after, kind, bound", [
    ("", "に障害が発生した。", "impact_start", ""),
    ("", "ごろから携帯電話がつながりにくい通信障害が発生したと発表した。", "impact_start", ""),
    ("障害は", "に復旧した。", "recovery", ""),
    ("", "に全面復旧した。", "resolution", ""),
    ("", "に障害が解消した。", "resolution", ""),
    ("", "にサービスを再開した。", "recovery", ""),
    ("", "に障害を確認した。", "detection", ""),
    ("", "に原因を発表した。", "cause", ""),
    ("同社は", "に記者会見を開いた。", "communication", ""),
    ("", "時点で復旧していない。", "recovery", "not_before"),
    ("", "時点で復旧した。", "recovery", "not_after"),
    ("", "時点でつながりにくい状態が続いている。", "recovery", "not_before"),
    ("", "に会見を開き、復旧したと発表した。", "recovery", "not_after"),
    ("", "に一部で復旧した。", "recovery", ""),
    ("", "に不具合が起きた。", "impact_start", ""),
    ("", "から続いていた通信障害について、全国的にほぼ回復したと発表した。", "impact_start", ""),
    ("", "時点では257か所で配信できない状態となっている。", "recovery", "not_before"),
    ("", "から一部で配信できない状態が続いている。", "impact_start", ""),
    ("", "から、ATMが利用できなかった。", "impact_start", ""),  # the past of "利用できない"
    ("", "に電話がつながらなかった。", "impact_start", ""),
])
def test_the_kind_from_a_japanese_clause(before, after, kind, bound):
    guess = classify((before, after), live=False)
    assert (guess.kind, guess.bound) == (kind, bound), guess.note
    assert guess.note.startswith("kind guessed from")


def test_a_whole_recovery_is_the_end_of_the_incident_and_a_forecast_is_no_event():
    assert "a whole recovery" in classify(("", "に全面復旧した。")).note
    assert forecast_in(("", "までに復旧する見込み。"))
    assert not forecast_in(("", "に復旧した。"))


@pytest.mark.parametrize("unit", ["日", "1日", "午前1時から", "約2時間", "10日（火）", "翌日"])
def test_a_hostile_text_of_200_000_japanese_characters_is_read_at_once(unit):
    """Repetition read in one pass: a guard with a wide margin (a quadratic reading took minutes)."""
    from incident.timetext.forms import TooMany

    text = (unit * (200_000 // len(unit) + 1))[:200_000]
    start = time.perf_counter()
    try:
        read_times(text, TOKYO, days=True)
    except TooMany:
        pass
    assert time.perf_counter() - start < 30


STORY = """東日本電信、通信障害が全面復旧

東日本電信は11日、10日午前8時30分ごろから携帯電話がつながりにくい通信障害が発生したと発表した。
障害は全国で約2時間続き、同日午前10時40分に一部で復旧した。全面復旧は翌11日午前0時15分だった。
同社によると、原因はネットワーク機器の設定ミスだった。同社は10日午後3時に記者会見を開き、謝罪した。
"""


def test_a_japanese_story_drafts_claims_that_validate(tmp_path):
    text = tmp_path / "story.txt"
    text.write_text(STORY, encoding="utf-8")
    events = tmp_path / "events.csv"
    out, err = io.StringIO(), io.StringIO()
    code = main(["extract", str(text), "--published", "2023-10-11", "--tz", "Asia/Tokyo", "--incident", "ja-2023-10-10",
                 "--source", "東日本電信", "--source-type", "press", "--kind", "outage", "--out", str(events)],
                stdout=out, stderr=err)
    assert code == 0, err.getvalue()
    rows = list(csv.DictReader(io.StringIO(events.read_text(encoding="utf-8"))))
    claims = [(r["kind"], r["time"], r["tz"], r["as_reported"]) for r in rows if r["time"]]
    assert ("impact_start", "2023-10-10 08:30", "Asia/Tokyo", "10日午前8時30分ごろ") in claims
    assert ("recovery", "2023-10-10 10:40", "Asia/Tokyo", "同日午前10時40分") in claims
    assert ("resolution", "2023-10-11 00:15", "Asia/Tokyo", "翌11日午前0時15分") in claims
    relative = [r for r in rows if r["relative_to"]]
    assert [(r["relative_to"], r["offset_min"], r["as_reported"]) for r in relative] == [("impact-start", "120", "約2時間")]
    assert all(r["note"].startswith("draft:") for r in rows)
    assert main(["validate", str(events)], stdout=io.StringIO(), stderr=io.StringIO()) == 0


def test_no_outlook_of_recovery_as_of_a_time_is_still_down_then_not_a_forecast():
    from incident.extract.draft import Cells, draft

    context = Context(date(2023, 10, 11), "Asia/Tokyo")
    still = draft("全銀ネットによると、11日午前7時時点で、復旧のめどが立っていない。", context, Cells("x", "S", "press", "", {}, False))
    assert [(r["kind"], r["time"], r["bound"]) for r in still.rows] == [("recovery", "2023-10-11 07:00", "not_before")]
    forecast = draft("全面復旧は11日午前8時30分の見込み。", context, Cells("x", "S", "press", "", {}, False))
    assert forecast.rows == [] and "forecast" in forecast.skipped[0]


@pytest.mark.parametrize("words", ["26分後", "5分", "3時間", "約3時間", "2時間後", "1日"])
def test_a_short_japanese_length_alone_is_read_without_looking_before_the_text(words, tmp_path):
    # an as_reported cell holds just the words: nothing before them to look back at
    assert [r.kind for r in read_times(words, TOKYO)] in ([], ["relative"])
    events = tmp_path / "events.csv"
    events.write_text("incident,event,kind,time,tz,relative_to,offset_min,source,as_reported\n"
                      "x,start,impact_start,2016-03-22 08:00,Asia/Tokyo,,,NHK,午前8時\n"
                      f"x,back,recovery,,,start,180,NHK,{words}\n", encoding="utf-8")
    err = io.StringIO()
    assert main(["validate", str(events)], stdout=io.StringIO(), stderr=err) in (0, 1)
    assert "Traceback" not in err.getvalue()


def test_short_japanese_strings_of_any_shape_are_read_without_error():
    # every cut of the time words, alone, as a cell may hold them: no lookback past the start or the end
    from itertools import product

    from incident.timetext.forms import scan

    pieces = list("5時分後前日月年約ごろ頃午から発生開始までに点")  # one digit stands for any number
    for length in (1, 2, 3):
        for words in product(pieces, repeat=length):
            scan("".join(words))


def test_a_day_written_after_its_hour_is_no_date():
    # "同日8時20日ごろ" (a slip for 20分): Japanese writes the date before the hour, so "20日" here is not the 20th
    # and the times after it stay on the same day
    text = "全日空は22日午前に発生した不具合について発表した。同日8時20日ごろ、システム障害が起きた。11時30分時点では、搭乗システムは復旧した。"
    times = [r.time for r in read_times(text, Context(date(2016, 3, 22), "Asia/Tokyo"), days=True) if r.time]
    assert times == ["2016-03-22", "2016-03-22 08:00", "2016-03-22 11:30"]


@pytest.mark.parametrize("text, offset, until", [
    ("障害は約7~8時間続いた。", 420, "480"),
    ("障害は7〜8時間続いた。", 420, "480"),  # a wave dash
    ("システムは2～3時間後に復旧した。", 120, "180"),  # a full-width tilde
])
def test_a_japanese_interval_of_lengths(text, offset, until):
    reading = one(text)
    assert (reading.kind, reading.offset_min, reading.until) == ("relative", offset, until)


def test_same_hour_and_same_day_times_count_from_the_last_clock():
    text = ("25日午後0時22分ごろから多くの利用者がネットに接続できなくなり、同45分に復旧した。"
            "OCNは午後0時30分ごろに障害が起き、同3時50分に復旧した。")
    assert [(r.as_reported, r.time) for r in clocks(text, Context(date(2017, 8, 26), "Asia/Tokyo"))] == [
        ("25日午後0時22分ごろ", "2017-08-25 12:22"), ("同45分", "2017-08-25 12:45"),  # the same hour's 45th minute
        ("午後0時30分ごろ", "2017-08-25 12:30"), ("同3時50分", "2017-08-25 15:50")]  # the same afternoon
    assert clocks("同45分に復旧した。") == []  # with no clock before it, there is nothing to count from


def test_about_and_by_after_a_clock_and_times_that_share_their_verb():
    # "8日午後2時半ごろまでに": about, and by then; "それぞれ復旧した" is said of both times
    text = ("県によると、外部との電子メールの送受信は8日午後2時半ごろまでに、インターネット閲覧は9日午前0時半ごろまでに、"
            "それぞれ復旧した。システム障害は8日午前4時半ごろに発生。")
    result = draft(text, Context(date(2022, 8, 9), "Asia/Tokyo"), Cells("x", "S", "press", "", {}, False))
    got = [(r["kind"], r["time"], r["bound"], r["uncertainty_min"]) for r in result.rows]
    assert got[0] == ("recovery", "2022-08-08 14:30", "not_after", "5")
    assert got[1][1:] == ("2022-08-09 00:30", "not_after", "5") and got[1][0] in ("recovery", "other")


def test_a_similar_failure_before_is_another_incident_s():
    text = "27日の業務開始直前に障害が発生。5月31日に同様の障害が起きた際、機器を再起動することで復旧した。"
    result = draft(text, Context(date(2022, 6, 29), "Asia/Tokyo"), Cells("x", "S", "press", "", {}, False))
    assert [r["time"] for r in result.rows] == ["2022-06-27"]
