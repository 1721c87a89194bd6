"""Sentences of our own for what drafting read wrong in texts it had not seen: a service that "started
recovering", an API that "began returning errors", an investigation's span, a time said again in a
zone a parenthesis names first, a paralysis's span, the last step of a recovery that is all back to
normal, a window's end that another text states, a late post about the failure."""

from datetime import date

import pytest

from incident.extract.draft import Cells, draft
from incident.extract.many import Text, draft_texts
from incident.timetext.days import Context


def drafted(text: str, published: date = date(2025, 11, 19), tz: str = "UTC", live: bool | None = False):
    return draft(text, Context(published, tz), Cells("x", "Acme", "press", "", {}, live=live))


def rows(text: str, **kwargs):
    return [(r["kind"], r["time"], r["until"]) for r in drafted(text, **kwargs).rows]


@pytest.mark.parametrize("text", ["At 18:43 UTC the login service started recovering.",
                                  "18:43 UTC - Payments and search start recovering",
                                  "The dashboard began restoring at 18:43 UTC."])
def test_a_start_of_recovering_is_the_recovery_not_the_impact(text):
    assert rows(text) == [("recovery", "2025-11-19 18:43", "")]


@pytest.mark.parametrize("text", ["At 9:10 UTC the API started returning errors.",
                                  "At 9:10 UTC the gateway began returning 503s to every caller."])
def test_returning_errors_is_the_failure(text):
    assert rows(text) == [("impact_start", "2025-11-19 09:10", "")]


def test_traffic_returning_stays_a_recovery():
    assert rows("At 9:10 UTC traffic began returning to the region.") == [("recovery", "2025-11-19 09:10", "")]


def test_an_investigation_over_a_span_is_no_impact_window():
    got = rows("10:02 - 11:40 UTC - The team investigates elevated latency and errors in the queue service.")
    assert ("impact_start", "2025-11-19 10:02", "") not in got and not any(kind == "recovery" for kind, _, _ in got)


def test_a_failure_over_a_span_is_still_the_impact():
    assert rows("Between 10:02 and 11:40 UTC, requests to the queue service failed.") == [
        ("impact_start", "2025-11-19 10:02", ""), ("recovery", "2025-11-19 11:40", "")]


@pytest.mark.parametrize("words", ["Root issues identified", "Root problem found in the cache layer"])
def test_a_root_issue_found_is_the_cause(words):
    assert rows(f"14:09 UTC - {words}.") == [("cause", "2025-11-19 14:09", "")]


@pytest.mark.parametrize("words", ["Increased error rates across the EU region", "Elevated latency for API calls"])
def test_error_rates_and_latency_are_the_failure(words):
    assert rows(f"08:48 UTC - {words}.") == [("impact_start", "2025-11-19 08:48", "")]


@pytest.mark.parametrize("aside", ["(Singapore time zone, UTC+8, 2025-03-05 07:15)", "(UTC+8: 2025-03-05 07:15)",
                                   "(local time 2025-03-05 07:15)"])
def test_a_time_said_again_in_a_zone_the_parenthesis_names_first_is_one_moment(aside):
    text = f"The outage started at 3:15 PM PST on March 4 {aside} and lasted two hours."
    got = drafted(text, published=date(2025, 3, 8), tz="America/Los_Angeles").rows
    assert [(r["kind"], r["time"]) for r in got if r["time"]] == [("impact_start", "2025-03-04 15:15")]
    assert got[0]["label"] and "UTC+8" not in got[0]["label"]


def test_an_aside_with_no_zone_keeps_its_own_time():
    text = "The outage started at 3:15 PM PST on March 4 (the first alert fired at 3:40 PM)."
    got = drafted(text, published=date(2025, 3, 8), tz="America/Los_Angeles").rows
    assert {r["time"] for r in got} >= {"2025-03-04 15:15", "2025-03-04 15:40"}


def test_a_span_of_paralysis_is_the_impact_window():
    text = ("A faulty configuration file crippled much of the network for about six hours "
            "(09:20 - 15:06 UTC).")
    assert [(k, t) for k, t, _ in rows(text) if t] == [("impact_start", "2025-11-19 09:20"), ("recovery", "2025-11-19 15:06")]


def test_the_last_step_of_a_recovery_all_back_to_normal_is_the_resolution():
    text = ("• ~09:20 UTC: The proxy fleet begins failing.\n"
            "• ~12:30 UTC: Core traffic largely restored.\n"
            "• ~15:06 UTC: All services confirmed back to normal.")
    got = {r["time"][11:]: (r["kind"], r["event"]) for r in
           draft_texts([Text("t", text, date(2025, 11, 20), "UTC", "Blog", "secondary", "")], "x", False).rows}
    assert got["12:30"] == ("recovery", "recovery") and got["15:06"] == ("resolution", "resolution")


def test_a_later_step_of_a_recovery_gets_an_id_and_a_label_of_its_words():
    text = ("14:05 UTC - Errors increase across regions.\n14:23 UTC - Partial recovery in some areas.\n"
            "15:52 UTC - Dashboard access restored.")
    got = [r for r in draft_texts([Text("t", text, date(2025, 11, 20), "UTC", "Blog", "secondary", "")], "x", False).rows
           if r["time"].endswith("15:52")]
    assert [(r["kind"], r["event"], r["label"]) for r in got] == [("other", "dashboard-access-restored", "Dashboard access restored")]


def test_a_window_s_end_takes_the_end_another_text_states_at_that_minute():
    texts = [Text("a", "A faulty file crippled the network for about six hours (09:20 - 15:06 UTC).",
                  date(2025, 11, 20), "UTC", "Blog", "secondary", ""),
             Text("b", "• ~09:20 UTC: The proxy fleet begins failing.\n• ~12:30 UTC: Core traffic largely restored.\n"
                       "• ~15:06 UTC: All services confirmed back to normal.", date(2025, 11, 20), "UTC", "Wire", "press", "")]
    ends = {(r["source"], r["kind"]) for r in draft_texts(texts, "x", False).rows if r["time"].endswith("15:06")}
    assert ends == {("Blog", "resolution"), ("Wire", "resolution")}


def test_an_operator_declaring_all_services_fully_operational_ends_the_incident():
    text = ("08:48 UTC - Increased error rates across the region.\n09:40 UTC - Most services recovering.\n"
            "13:01 UTC - Acme declared all services fully operational.")
    got = {r["time"][11:]: r["kind"] for r in drafted(text).rows}
    assert got == {"08:48": "impact_start", "09:40": "recovery", "13:01": "resolution"}


def test_a_post_about_the_failure_a_day_on_is_a_later_update():
    story = ("The outage started around 1:30PM ET on December 26, 2024. On December 27 at 2PM ET, Acme posted an update "
             "to its status page, saying the API has high error rates.")
    got = [(r["kind"], r["time"]) for r in
           draft_texts([Text("s", story, date(2024, 12, 28), "America/New_York", "Paper", "press", "")], "acme", False).rows]
    assert ("communication", "2024-12-27 14:00") in got and not any(k == "acknowledgement" for k, _ in got)


def test_a_clock_alone_in_a_parenthesis_whole_hours_away_is_the_same_moment_in_another_zone():
    got = rows("The stream froze at 8:30 p.m. (11:30 p.m.) and fans complained.", published=date(2015, 5, 3),
               tz="America/Los_Angeles")
    assert [t for _, t, _ in got] == ["2015-05-03 20:30"]
    got = rows("The site went down at 8:30 p.m. (9:05 p.m.) and again later.", published=date(2015, 5, 3), tz="America/Los_Angeles")
    assert [t for _, t, _ in got] == ["2015-05-03 20:30", "2015-05-03 21:05"]  # not whole hours apart: two times


JAKARTA = dict(published=date(2023, 5, 12), tz="Asia/Jakarta")


@pytest.mark.parametrize("text, want", [
    ("Layanan bank mengalami gangguan sejak Senin (8/5) pagi.", [("impact_start", "2023-05-08", "")]),
    ("Layanan pulih pada Rabu (10/5) pukul 14.00 WIB.", [("recovery", "2023-05-10 14:00", "WIB")]),
    ("Gangguan terjadi sekitar pukul 8 malam waktu Indonesia barat.", [("impact_start", "2023-05-12 20:00", "WIB")]),
    ("Aplikasi sudah normal kembali pada Selasa, 9 Mei 2023.", [("recovery", "2023-05-09", "Asia/Jakarta")]),
    ("Kemarin, aplikasi tidak bisa diakses.", [("impact_start", "2023-05-11", "Asia/Jakarta")]),
])
def test_indonesian_days_clocks_zones_and_what_happened(text, want):
    got = [(r["kind"], r["time"], r["tz"]) for r in drafted(text, **JAKARTA).rows]
    assert got == [(k, t, z or "Asia/Jakarta") for k, t, z in want]


@pytest.mark.parametrize("text, minutes, uncertainty", [
    ("Seluruh layanan bank mati total selama kurang lebih 4 hari.", "5760", "720"),
    ("Gangguan berlangsung selama sekitar 3 jam.", "180", "30"),
    ("Gangguan berlangsung selama dua hari.", "2880", "720"),
])
def test_an_indonesian_length_counts_from_the_impact(text, minutes, uncertainty):
    got = [(r["relative_to"], r["offset_min"], r["uncertainty_min"]) for r in drafted(text, **JAKARTA).rows if r["relative_to"]]
    assert got == [("impact-start", minutes, uncertainty)]


def test_still_going_on_until_a_day_in_indonesian_is_a_still_down_bound():
    got = rows("Meski begitu, gangguan ternyata masih berlangsung hingga Selasa (9/5).", **JAKARTA)
    assert got == [("recovery", "2023-05-09", "")] and drafted(
        "Meski begitu, gangguan ternyata masih berlangsung hingga Selasa (9/5).", **JAKARTA).rows[0]["bound"] == "not_before"



def test_local_time_with_another_zone_beside_it_in_brackets_is_the_text_s_zone():
    got = drafted("Problems first hit at 3.47pm local time (5.47pm NZT) on Sunday.", published=date(2016, 6, 6),
                  tz="Australia/Sydney").rows
    assert [(r["time"], r["tz"]) for r in got] == [("2016-06-05 15:47", "Australia/Sydney")]  # the same moment, once


def test_a_list_of_what_users_could_not_do_shares_its_head():
    got = rows("Customers had trouble logging in, sending payments, and checking balances at 9:10 a.m.",
               published=date(2025, 2, 26), tz="America/New_York")
    assert got == [("impact_start", "2025-02-26 09:10", "")]


def test_an_outage_first_reported_at_a_time_is_its_start_as_the_text_times_it():
    got = rows("The outage was first reported around 10:27 a.m. Eastern Time, with users unable to log in.",
               published=date(2025, 2, 26), tz="America/New_York")
    assert got == [("impact_start", "2025-02-26 10:27", "")]


def test_a_weekday_of_reported_issues_dates_the_clocks_after_it():
    text = ("Thousands of users reported issues with the chat service as of Wednesday morning.\n\n"
            "The company acknowledged the issue in a status update around 10:30 AM. By 8 AM PT, they confirmed they "
            "were working on a fix.")
    got = {r["as_reported"]: (r["kind"], r["time"]) for r in drafted(text, published=date(2025, 2, 27),
                                                                      tz="America/New_York").rows}
    assert got["around 10:30 AM"] == ("acknowledgement", "2025-02-26 10:30")  # the first post, by its moment
    assert got["By 8 AM PT"][0] == "communication" and got["By 8 AM PT"][1] == "2025-02-26 08:00"


def test_a_delayed_start_pushed_to_a_time_is_the_live_event_s_start_on_the_night_the_text_names():
    text = ("Reports of fans having trouble ordering the fight filled social media before the bout on Saturday night.\n\n"
            "The promoter confirmed that the fight was delayed by about 45 minutes to fix the pay-per-view issues, "
            "pushing the start time to approximately 11:45 p.m. ET.")
    got = {r["as_reported"]: (r["kind"], r["time"]) for r in
           drafted(text, published=date(2015, 5, 3), tz="America/New_York", live=True).rows}
    assert got["approximately 11:45 p.m. ET"] == ("recovery", "2015-05-02 23:45")


def test_a_fire_that_broke_out_is_its_own_event_when_a_korean_clause_names_it_last():
    text = ("26일 금요일 저녁 8시15분경, 국가정보자원관리원의 무정전 전원 장치 배터리를 지하로 이전하기 위한 작업 중, "
            "전원이 차단된 배터리 한 개에서 화재가 발생하였습니다.")
    assert [(k, t) for k, t, _ in rows(text, published=date(2025, 9, 27), tz="Asia/Seoul")] == [("other", "2025-09-26 20:15")]


def test_an_upstream_provider_s_outage_is_its_own_event_not_this_incident_s_window():
    text = ("Beginning on October 20th, 2025 07:06 UTC, multiple services were impacted by a database disruption at our "
            "cloud provider.\nPhase 1. Upstream Cloud Infrastructure Provider Database Outage (10/20/2025 06:53 UTC – 09:30 UTC)\n")
    got = [(r["kind"], r["time"], r["until"]) for r in drafted(text, published=date(2025, 10, 21)).rows]
    assert got == [("impact_start", "2025-10-20 07:06", ""), ("other", "2025-10-20 06:53", "2025-10-20 09:30")]


@pytest.mark.parametrize("text, anchor, offset, bound", [
    ("The app crashed just before the opening ceremony.", "scheduled-start", "0", "not_after"),
    ("Fans were locked out right after the presale opened.", "scheduled-start", "0", ""),
    ("The feed froze just before halftime.", "scheduled-start", "45", "not_after"),  # the longer phrase wins
])
def test_just_before_or_right_after_what_a_live_event_was_counts_from_its_start(text, anchor, offset, bound):
    got = [(r["relative_to"], r["offset_min"], r["bound"]) for r in drafted(text, published=date(2018, 2, 10), live=True).rows
           if r.get("relative_to")]
    assert got == [(anchor, offset, bound)]


@pytest.mark.parametrize("text", ["Just before 9 p.m. the site went down.", "We planned ahead of time and just before me the queue froze."])
def test_just_before_a_clock_or_a_person_is_no_relative_claim(text):
    assert not any(r.get("relative_to") for r in drafted(text, published=date(2018, 2, 10), live=True).rows)


def test_an_indonesian_statement_s_day_is_the_statement_not_the_impact():
    text = ('"Dugaan awal kami menunjukkan bahwa gangguan ini mungkin diakibatkan oleh serangan ransomware," '
            "ungkap Alfons, Jumat (21/6/2024).")
    got = [(r["kind"], r["time"]) for r in drafted(text, published=date(2024, 6, 23), tz="Asia/Jakarta").rows]
    assert got and got[0][0] in ("communication", "acknowledgement") and got[0][1] == "2024-06-21"


@pytest.mark.parametrize("line", ["Kompas.com - 20/06/2024, 18:28 WIB", "Example News – 20 June 2024, 6:28 PM"])
def test_a_masthead_set_apart_by_a_dash_is_the_page_s_own_date_line(line):
    text = f"{line}\n\nThe national data centre was disrupted on Thursday, June 20, 2024, halting immigration checks.\n"
    got = drafted(text, published=date(2024, 6, 20), tz="Asia/Jakarta").rows
    assert [r["time"] for r in got] == ["2024-06-20"]
