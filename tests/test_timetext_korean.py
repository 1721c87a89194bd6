"""The Korean forms of the time grammar (dates, clock times, the words after them, ranges, lengths,
zones), the kind of a claim from its Korean clause, a hostile text of Korean syllables, and a Korean
story drafted end to end. The sentences are made for these tests."""

import csv
import io
import time
from datetime import date

import pytest

from incident.cli import main
from incident.model.bounds import BOUND_WORDS
from incident.timetext.days import Context
from incident.timetext.forecasts import forecast_in
from incident.timetext.kinds import classify
from incident.timetext.readings import read_times

SEOUL = Context(published=date(2023, 11, 17), tz="Asia/Seoul")  # a Friday


def clocks(text, context=SEOUL):
    return [r for r in read_times(text, context) if r.kind != "day"]


def days(text, context=SEOUL):
    return [(r.as_reported, r.time) for r in read_times(text, context, days=True) if r.kind == "day"]


def one(text, context=SEOUL):
    found = clocks(text, context)
    assert len(found) == 1, [r.as_reported for r in found]
    return found[0]


@pytest.mark.parametrize("text, words, time", [
    ("오후 3시 30분에 장애가 발생했다.", "오후 3시 30분", "2023-11-17 15:30"),
    ("오후3시30분 복구됐다.", "오후3시30분", "2023-11-17 15:30"),
    ("15시 30분 서비스가 재개됐다.", "15시 30분", "2023-11-17 15:30"),
    ("3시에 발표했다.", "3시", "2023-11-17 03:00"),
    ("밤 11시 접속이 끊겼다.", "밤 11시", "2023-11-17 23:00"),
    ("새벽 2시 서버가 멈췄다.", "새벽 2시", "2023-11-17 02:00"),
    ("밤 12시 점검을 마쳤다.", "밤 12시", "2023-11-17 00:00"),
    ("저녁 7시 복구됐다.", "저녁 7시", "2023-11-17 19:00"),
    ("정오에 공지했다.", "정오", "2023-11-17 12:00"),
    ("오전 9시 반에 재개했다.", "오전 9시 반", "2023-11-17 09:30"),
    ("11월 16일 오후 6시 장애가 시작됐다.", "11월 16일 오후 6시", "2023-11-16 18:00"),
    ("2023년 11월 16일 오후 6시 장애가 시작됐다.", "2023년 11월 16일 오후 6시", "2023-11-16 18:00"),
    ("16일(목) 오후 6시 장애가 시작됐다.", "16일(목) 오후 6시", "2023-11-16 18:00"),
    ("어제 오후 6시 장애가 시작됐다.", "어제 오후 6시", "2023-11-16 18:00"),
    ("오늘 오전 8시 복구됐다.", "오늘 오전 8시", "2023-11-17 08:00"),
    ("23.11.16 18시 장애 발생", "23.11.16 18시", "2023-11-16 18:00"),
    ("2023. 11. 16. 18시 장애 발생", "2023. 11. 16. 18시", "2023-11-16 18:00"),
])
def test_dates_and_clock_times(text, words, time):
    reading = one(text)
    assert (reading.as_reported, reading.time[:16], reading.tz) == (words, time, "Asia/Seoul")


def test_the_day_before_and_the_next_count_from_the_date_before():
    found = clocks("15일 오후 10시 장애가 발생했고, 다음날 오전 9시 일부 복구됐다. 전날 오후 3시에는 점검이 있었다.")
    assert [(r.as_reported, r.time) for r in found] == [
        ("15일 오후 10시", "2023-11-15 22:00"), ("다음날 오전 9시", "2023-11-16 09:00"), ("전날 오후 3시", "2023-11-15 15:00")]


def test_the_day_before_with_no_date_before_it_is_the_day_before_writing():
    # "앞서 전날 오전 11시 12분께 …": a story's first sentence, the day before it was written
    assert one("앞서 전날 오전 11시 12분께 화재가 발생했다.").time == "2023-11-16 11:12"


def test_that_day_is_the_date_before_or_the_day_of_writing():
    found = clocks("이날 오후 2시께 공지했다. 16일 장애가 났고 이날 오후 4시 복구됐다.")
    assert [r.time for r in found] == ["2023-11-17 14:00", "2023-11-16 16:00"]


@pytest.mark.parametrize("text, expected", [
    ("17일 장애를 겪고 있다.", [("17일", "2023-11-17")]),
    ("16일 오전 서울의 한 구청에서", [("16일 오전", "2023-11-16")]),
    ("지난 금요일 장애가 났다.", [("지난 금요일", "2023-11-10")]),
    ("수요일 장애가 났다.", [("수요일", "2023-11-15")]),
    ("오늘(17일) 하루종일 장애가 발생했다.", [("오늘(17일)", "2023-11-17")]),
    ("이날 행안부가 밝혔다.", []),  # that day alone: the day the text spoke of, no claim of its own
    ("3일간 이어졌다.", []),  # a length, not the 3rd
])
def test_a_day_written_alone_is_a_day_reading(text, expected):
    assert days(text) == expected


@pytest.mark.parametrize("text, words, bound, uncertainty", [
    ("오전 9시쯤 마비됐다.", "오전 9시쯤", "", 5),
    ("오전 8시 40분께 인지했다.", "오전 8시 40분께", "", 5),
    ("14시경 중단됐다.", "14시경", "", 5),
    ("오후 3시 무렵 복구됐다.", "오후 3시 무렵", "", 5),
    ("오후 3시까지 복구됐다.", "오후 3시까지", "not_after", None),
    ("오후 3시 이후 재개됐다.", "오후 3시 이후", "not_before", None),
    ("오후 3시 전에 복구됐다.", "오후 3시 전", "not_after", None),
    ("오후 1시55분부터 먹통이 됐다.", "오후 1시55분부터", "", None),
])
def test_the_words_after_a_time_read_as_the_english_ones(text, words, bound, uncertainty):
    reading = one(text)
    assert (reading.as_reported, reading.bound, reading.uncertainty_min) == (words, bound, uncertainty)


def test_the_korean_bound_words_are_the_models():
    assert (BOUND_WORDS["까지"], BOUND_WORDS["이후"], BOUND_WORDS["이상"]) == ("not_after", "not_before", "not_before")


@pytest.mark.parametrize("text", ["오전 9시 전산망이 마비됐다.", "오후 3시 경찰이 출동했다.", "행정 오류가 났다."])
def test_a_word_that_begins_like_a_qualifier_is_not_one(text):
    assert [(r.as_reported, r.bound, r.uncertainty_min) for r in clocks(text)] in (
        [], [(text.split()[0] + " " + text.split()[1], "", None)])


@pytest.mark.parametrize("text, start, until", [
    ("오전 9시부터 오후 3시까지 중단됐다.", "2023-11-17 09:00", "2023-11-17 15:00"),
    ("16일 오후 10시부터 17일 오전 2시까지 멈췄다.", "2023-11-16 22:00", "2023-11-17 02:00"),
    ("오전 10시부터 1시까지 중단됐다.", "2023-11-17 10:00", "2023-11-17 13:00"),
    ("11.17 19시 ~ 11.18 11시 점검", "2023-11-17 19:00", "2023-11-18 11:00"),
    ("9시~11시 접속 장애", "2023-11-17 09:00", "2023-11-17 11:00"),
])
def test_a_range_is_one_until_claim(text, start, until):
    reading = one(text)
    assert (reading.kind, reading.time, reading.until) == ("range", start, until)


@pytest.mark.parametrize("text, words, offset, anchor, bound, uncertainty", [
    ("장애는 3시간 동안 이어졌다.", "3시간", 180, "the start", "", 30),
    ("2시간 30분 동안 먹통이었다.", "2시간 30분", 150, "the start", "", None),
    ("장애 발생 3시간 만에 복구됐다.", "3시간 만에", 180, "the start", "", 30),
    ("30분 후 재개됐다.", "30분 후", 30, "the previous event", "", None),
    ("약 2시간 후 복구됐다.", "약 2시간 후", 120, "the previous event", "", 30),
    ("세 시간 넘게 먹통이었다.", "세 시간 넘게", 180, "the start", "not_before", None),
    ("반나절이 지나도록 복구되지 않았다.", "반나절", 360, "the previous event", "", None),
    ("하루 만에 정상화됐다.", "하루 만에", 1440, "the start", "", 720),
    ("사흘 만에 복구됐다.", "사흘 만에", 4320, "the start", "", 720),
    ("3일 후 재개됐다.", "3일 후", 4320, "the previous event", "", 720),
])
def test_lengths(text, words, offset, anchor, bound, uncertainty):
    reading = one(text)
    assert (reading.kind, reading.as_reported, reading.offset_min, reading.anchor, reading.bound, reading.uncertainty_min) \
        == ("relative", words, offset, anchor, bound, uncertainty)


@pytest.mark.parametrize("text", ["24시간 체제로 대응했다.", "하루종일 불편을 겪었다.", "3시간이 지나면 업무가 끝난다.",
                                  "17일 전국 전산망이 멈췄다.", "2시간 간격으로 점검했다."])
def test_a_length_that_places_nothing_gives_nothing(text):
    assert [r for r in clocks(text) if r.kind == "relative"] == []


@pytest.mark.parametrize("text, tz, time", [
    ("한국시간 17일 오전 3시 발생했다.", "Asia/Seoul", "2023-11-17 03:00"),
    ("17일 오전 3시(한국시간) 발생했다.", "Asia/Seoul", "2023-11-17 03:00"),
    ("미국 동부시간 16일 오후 2시 발생했다.", "ET", "2023-11-16 14:00"),
    ("17일 15시 KST 발생했다.", "KST", "2023-11-17 15:00"),
])
def test_a_zone_written_before_or_after_the_time(text, tz, time):
    reading = one(text, Context(published=date(2023, 11, 17), tz="UTC"))
    assert (reading.tz, reading.time) == (tz, time)


def test_english_in_a_korean_text_is_still_read():
    assert [(r.as_reported, r.tz) for r in clocks("회사는 9:05 UTC에 장애가 발생했다고 밝혔다.")] == [("9:05 UTC", "UTC")]


@pytest.mark.parametrize("before, after, kind, bound", [
    ("", " 장애가 발생했다.", "impact_start", ""),
    ("전산망이 마비된 건 ", "입니다.", "impact_start", ""),
    ("", " 먹통이 됐다.", "impact_start", ""),
    ("", " 서비스가 중단됐다.", "impact_start", ""),
    ("", " 오류가 발생했다.", "impact_start", ""),
    ("", " 복구됐다.", "recovery", ""),
    ("", " 서비스를 재개했다.", "recovery", ""),
    ("", " 완전 복구됐다.", "resolution", ""),
    ("", " 시스템이 정상화됐다.", "resolution", ""),
    ("", " 일부 서비스가 정상화됐다.", "recovery", ""),
    ("", " 원인을 발표했다.", "cause", ""),
    ("행안부는 ", " 브리핑을 열었다.", "communication", ""),
    ("", " 홈페이지 공지를 통해 서비스를 일시 중단한다고 알렸다.", "acknowledgement", ""),
    ("행안부가 전산망 장애를 처음 인지한 때는 ", "다.", "detection", ""),
    ("", " 이상 징후를 감지했다.", "detection", ""),
    ("", " 현재 복구되지 않았다.", "recovery", "not_before"),
    ("", " 현재 복구를 마쳤다.", "recovery", "not_after"),
    ("", " 복구 작업에 들어갔다.", "recovery", "not_before"),
])
def test_the_kind_from_a_korean_clause(before, after, kind, bound):
    guess = classify((before, after), live=False)
    assert (guess.kind, guess.bound) == (kind, bound), guess.note
    assert guess.note.startswith("kind guessed from")


def test_a_whole_recovery_is_the_end_of_the_incident_and_a_forecast_is_no_event():
    assert "a whole recovery" in classify(("", " 완전 복구됐다.")).note
    assert forecast_in(("", "까지 복구될 예정이다."))
    assert forecast_in(("", " 정상화될 것으로 예상된다."))
    assert not forecast_in(("", " 복구됐다."))


@pytest.mark.parametrize("unit", ["일", "1일", "오전 1시부터", "약 2시간", "17일(금)", "다음날", "이날 ", "3시쯤", "23.11."])
def test_a_hostile_text_of_200_000_korean_characters_is_read_at_once(unit):
    """Repetition read in one pass: a guard with a wide margin (a quadratic reading takes minutes)."""
    from incident.timetext.forms import TooMany

    text = (unit * (200_000 // len(unit) + 1))[:200_000]
    start = time.perf_counter()
    try:
        read_times(text, SEOUL, days=True)
    except TooMany:
        pass
    assert time.perf_counter() - start < 30


STORY = """한빛통신 전산망 장애, 11시간 만에 완전 복구

입력 2023-11-17 19:00 | 수정 2023-11-17 19:05

한빛통신은 17일 전국 전산망에 16일 오후 10시쯤 장애가 발생했다고 밝혔다.
장애는 약 3시간 동안 이어졌고, 다음날 오전 1시 10분께 일부 서비스가 복구됐다.
완전 복구는 17일 오전 9시였다. 회사는 원인이 네트워크 장비 오류라고 설명했다.
"""


def test_a_korean_story_drafts_claims_that_validate(tmp_path):
    text = tmp_path / "story.txt"
    text.write_text(STORY, encoding="utf-8")
    events = tmp_path / "events.csv"
    out, err = io.StringIO(), io.StringIO()
    code = main(["extract", str(text), "--published", "2023-11-17", "--tz", "Asia/Seoul", "--incident", "ko-2023-11-16",
                 "--source", "한빛통신", "--source-type", "press", "--kind", "outage", "--out", str(events)],
                stdout=out, stderr=err)
    assert code == 0, err.getvalue()
    rows = list(csv.DictReader(io.StringIO(events.read_text(encoding="utf-8"))))
    claims = [(r["kind"], r["time"], r["tz"], r["as_reported"]) for r in rows if r["time"]]
    assert ("impact_start", "2023-11-16 22:00", "Asia/Seoul", "16일 오후 10시쯤") in claims
    assert ("recovery", "2023-11-17 01:10", "Asia/Seoul", "다음날 오전 1시 10분께") in claims
    assert ("resolution", "2023-11-17 09:00", "Asia/Seoul", "17일 오전 9시") in claims
    assert not any("19:0" in r["time"] for r in rows)  # the page's stamps are not claims
    relative = [r for r in rows if r["relative_to"]]
    assert sorted((r["relative_to"], r["offset_min"], r["as_reported"]) for r in relative) == [
        ("impact-start", "180", "약 3시간"), ("impact-start", "660", "11시간 만에")]
    assert main(["validate", str(events)], stdout=io.StringIO(), stderr=io.StringIO()) == 0
