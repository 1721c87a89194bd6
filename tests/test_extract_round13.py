"""Sentences of our own for what drafting read wrong in texts it had not seen: texts that time the
recovery hours apart, the latest one all back."""

from datetime import date

import pytest

from incident.extract.many import Text, draft_texts


def together(*stories: str, published: date = date(2024, 3, 12), tz: str = "America/Los_Angeles"):
    texts = [Text(f"t{i}", story, published, tz, f"Paper {i}", "press", "") for i, story in enumerate(stories)]
    return draft_texts(texts, "acme", False).rows


def test_a_recovery_completed_hours_after_the_first_return_is_the_end_of_the_incident():
    got = together("The sync service went down at 5:30 PM PT on Friday. Most features were back within 3 hours.",
                   "The recovery only completed at 4:40 PM PT on Sunday, March 10.")
    kinds = {(r["kind"], r["time"] or f"{r['relative_to']}+{r['offset_min']}") for r in got}
    assert ("recovery", "impact-start+180") in kinds and ("resolution", "2024-03-10 16:40") in kinds


def test_texts_disagreeing_on_the_recovery_without_saying_all_is_back_leave_both_recoveries():
    got = together("The sync service went down at 5:30 PM PT on Friday, March 8. It came back at 7 PM PT.",
                   "The service returned at 9:15 PM PT on Friday, March 8.")
    assert [r["kind"] for r in got if r["time"].endswith(("19:00", "21:15"))] == ["recovery", "recovery"]


def test_a_stated_end_of_the_incident_keeps_the_recoveries_as_they_are():
    got = together("The sync service went down at 5:30 PM PT on Friday, March 8. Most features were back at 7 PM PT.",
                   "Acme declared the incident resolved at 11 PM PT on March 8; service was fully restored at 10 PM PT.")
    assert {r["time"][11:]: r["kind"] for r in got if r["time"][11:] in ("19:00", "22:00", "23:00")} == {
        "19:00": "recovery", "22:00": "recovery", "23:00": "resolution"}


def rows(text: str, published: date, tz: str):
    from incident.extract.draft import Cells, draft
    from incident.timetext.days import Context

    return [(r["kind"], r["time"], r["tz"], r["bound"], r["uncertainty_min"])
            for r in draft(text, Context(published, tz), Cells("x", "Diario", "press", "", {}, live=False)).rows]


def test_shortly_after_the_clock_in_spanish_is_that_clock_give_or_take_five_minutes():
    got = rows("El apagón comenzó poco después de las 7.06 horas del domingo.", date(2019, 6, 17), "America/Argentina/Buenos_Aires")
    assert got == [("impact_start", "2019-06-16 07:06", "America/Argentina/Buenos_Aires", "", "5")]


def test_past_a_local_clock_in_spanish_is_no_earlier_than_it_in_the_text_s_zone():
    got = rows("El domingo, pasadas las 15H30 locales (18H30 GMT), volvió la luz.", date(2019, 6, 17),
               "America/Argentina/Buenos_Aires")
    assert got == [("recovery", "2019-06-16 15:30", "America/Argentina/Buenos_Aires", "not_before", "")]


def test_hours_into_an_english_telecast_at_a_clock_still_count_from_it():
    got = rows("Hours into the 9 p.m. ET telecast, the stream broke.", date(2017, 8, 27), "America/New_York")
    assert ("", "not_before") in {(time, bound) for _, time, _, bound, _ in got}


def test_hindi_and_tamil_clocks_take_the_part_of_the_day_written_before_them():
    got = rows("शुक्रवार को रात 8 बजे ऐप क्रैश हो गया। போட்டி இன்று (மார்ச் 31) இரவு 7:30 மணிக்கு தொடங்கும்.",
               date(2023, 4, 1), "Asia/Kolkata")
    assert ("2023-03-31 20:00", "2023-03-31 19:30") == (got[0][1], got[-1][1])
    assert got[0][0] == "impact_start"  # "क्रैश हो गया": it crashed


def test_a_word_of_an_indian_script_is_one_word_with_its_vowel_signs():
    from incident.timetext.scan import tokens

    assert [t.text for t in tokens("मैच शुरू இரவு மணிக்கு")] == ["मैच", "शुरू", "இரவு", "மணிக்கு"]


def test_hindi_kal_is_yesterday_or_tomorrow_so_it_names_no_day():
    assert rows("कल ऐप क्रैश हो गया।", date(2023, 4, 1), "Asia/Kolkata") == []


def test_an_operator_that_issues_a_statement_or_an_alert_has_no_issues():
    got = rows("4.38am: Optus issues nationwide alert to frontline teams.\n6.33am: Optus issues first statement on the "
               "outage.\n9.10am: the site had issues with logins.", date(2023, 11, 9), "Australia/Sydney")
    assert [kind for kind, *_ in got] == ["communication", "acknowledgement", "impact_start"]  # its first word on the outage


def test_beginning_a_reboot_is_the_mitigation_and_informing_a_regulator_a_communication():
    got = rows("10.30am: Acme begins hard reboot of network.\n7.02am: Acme informs the regulator of the effect of the outage.",
               date(2023, 11, 9), "Australia/Sydney")
    assert got[0][0] == "mitigation" and got[1][0] in ("communication", "acknowledgement")


def test_a_bracket_that_gives_a_zoneless_clock_s_zone_and_day_is_the_moment_meant():
    got = rows("The outage was first reported about 4 am in Australia last Wednesday (1am SGT on Nov 8).",
               date(2023, 11, 16), "Asia/Singapore")
    assert got == [("impact_start", "2023-11-08 01:00", "SGT", "", "")]


def test_an_operation_done_within_minutes_is_its_own_length_not_the_outage_s():
    got = rows("“The upgrade was completed within 20 minutes, and all routers were up and running,” said the exchange. "
               "The outage lasted 12 hours.", date(2023, 11, 16), "Asia/Singapore")
    assert [kind for kind, *_ in got] == ["other", "recovery"]


def test_no_statement_yet_about_the_outage_as_of_a_time_bounds_the_acknowledgement():
    got = rows("While the company had not issued any formal communication about the outage as of 7:45 a.m. ET, it did "
               "respond to customers on Twitter.", date(2022, 7, 8), "America/Toronto")
    assert got == [("acknowledgement", "2022-07-08 07:45", "ET", "not_before", "")]


def test_the_first_post_after_a_time_with_no_statement_yet_is_the_acknowledgement():
    got = together("While Acme had not issued any formal communication about the outage as of 7:45 a.m. ET, customers "
                   "were furious. The outage began at 4:30 a.m. ET on Friday, July 8.",
                   "At 9 a.m. ET on July 8, Acme posted a message on Twitter about the outage.",
                   published=date(2022, 7, 8), tz="America/Toronto")
    acks = sorted((r["time"], r["bound"]) for r in got if r["kind"] == "acknowledgement")
    assert acks == [("2022-07-08 07:45", "not_before"), ("2022-07-08 09:00", "")]


def test_a_forecast_made_at_a_time_is_an_update_not_the_end():
    for text in ("Around 7:30 p.m. ET, Acme estimated the issue would be resolved within three hours.",
                 "At 7:30 p.m. ET, Acme said it expected service to be restored by midnight."):
        got = rows(text, date(2024, 11, 26), "America/New_York")
        assert [(kind, time) for kind, time, *_ in got] in ([("communication", "2024-11-26 19:30")],
                                                            [("acknowledgement", "2024-11-26 19:30")]), text


def test_what_was_restored_by_a_time_stays_restored_with_an_estimated_count_or_as_expected():
    got = rows("By 5:43 p.m. the majority of service, including an estimated 5 million websites, had been restored.",
               date(2012, 9, 10), "America/New_York")
    assert got[0][0] == "recovery"


def test_starting_to_deploy_a_fix_is_the_mitigation():
    assert rows("Acme said it had started to deploy a fix as of 9 a.m.", date(2024, 11, 25), "America/New_York")[0][0] \
        == "mitigation"


def test_texts_whose_only_claims_count_from_an_event_no_date_places_say_what_to_give(tmp_path):
    import io

    from incident.cli import main

    story = tmp_path / "story.txt"
    story.write_text("Reddit went down at 3:18 p.m. ET on March 14. The 314-minute outage hit users.", encoding="utf-8")
    listed = tmp_path / "texts.csv"
    listed.write_text(f"file,published,tz,source,source_type\n{story},,UTC,Blog,secondary\n", encoding="utf-8")
    err = io.StringIO()
    code = main(["extract", "--texts", str(listed), "--incident", "x", "--out", str(tmp_path / "events.csv")],
                stdout=io.StringIO(), stderr=err)
    assert code == 2 and "give --published (with --texts, its column 'published'" in err.getvalue()
    assert not (tmp_path / "events.csv").exists() and "Traceback" not in err.getvalue()


def test_figures_that_count_from_an_event_no_text_places_say_why_nothing_was_written(tmp_path):
    import io

    from incident.cli import main

    story = tmp_path / "story.txt"
    story.write_text("Reddit was down on March 14. The 314-minute outage hit users in the afternoon.", encoding="utf-8")
    err = io.StringIO()
    code = main(["extract", str(story), "--incident", "x", "--source", "Blog", "--tz", "UTC", "--out",
                 str(tmp_path / "events.csv")], stdout=io.StringIO(), stderr=err)
    assert code == 1 and "no claim that validates: every drafted row was left out" in err.getvalue()
    assert "relative_to: no event 'impact-start'" in err.getvalue()
    assert not (tmp_path / "events.csv").exists()


def test_an_embedded_post_about_the_failure_is_dated_by_its_signature_as_a_statement():
    got = rows("Una falla masiva en el sistema de interconexión eléctrica dejó sin energía a toda la Argentina. "
               "#SinLuz — Edesur Argentina (@OficialEdesur) 16 de junio de 2019", date(2019, 6, 16),
               "America/Argentina/Buenos_Aires")
    assert [(kind, time) for kind, time, *_ in got] == [("acknowledgement", "2019-06-16")]


def test_spanish_falla_and_sin_luz_are_the_failure():
    got = rows("El domingo a las 7:06 hubo una falla masiva y el país quedó sin luz.", date(2019, 6, 17),
               "America/Argentina/Buenos_Aires")
    assert got[0][:2] == ("impact_start", "2019-06-16 07:06")


@pytest.mark.parametrize("text, want", [
    ("Trading was halted at 1138am local time.", "2016-07-14 11:38"),
    ("Services came back at 845pm.", "2016-07-14 20:45"),
    ("The system failed at 1418 hours.", "2016-07-14 14:18"),
    ("At about 2215 hrs the site went down.", "2016-07-14 22:15"),
])
def test_clocks_written_without_a_colon_with_am_pm_or_hours(text, want):
    assert rows(text, date(2016, 7, 14), "Asia/Singapore")[0][1] == want


@pytest.mark.parametrize("text", ["It lasted 1200 hours.", "In 2019 hours of video were lost.", "It took about 1500 hrs."])
def test_a_count_of_hours_is_no_clock(text):
    assert all(len(time) <= 10 for _, time, *_ in rows(text, date(2016, 7, 14), "Asia/Singapore"))


def test_an_earlier_outage_a_postmortem_recalls_is_no_milestone_of_this_one():
    got = together("On December 5, 2025, at 08:47 UTC our network began failing. The system is under review following "
                   "the outage we experienced on November 18. The incident was resolved at 09:12.",
                   "Sites were down on Friday morning, December 5, from 08:47 UTC.", published=date(2025, 12, 5), tz="UTC")
    assert [r["kind"] for r in got if r["time"].startswith("2025-11-18")] == ["other"]
    assert {r["kind"] for r in got if r["time"].startswith("2025-12-05 08:47")} == {"impact_start"}


def test_should_be_back_now_is_a_state_not_a_forecast():
    got = rows("“Sites should be back online now,” the CTO said at 8.20pm AEDT Friday.", date(2025, 12, 6),
               "Australia/Sydney")
    assert got == [("recovery", "2025-12-05 20:20", "AEDT", "not_after", "")]


def test_a_story_s_updates_put_above_it_run_newest_first_and_report_what_came_before_them():
    from incident.timetext.days import Context
    from incident.timetext.readings import read_times

    text = ("Update (6/6 9 am PT): Acme reported another issue a little after midnight PT, and then that it was fixed at "
            "around 5 am.\n\nUpdate (11:30 pm PT): Acme said the login issues have been resolved.\n\n"
            "Original story: At about 8 pm Pacific on Monday, Acme said it was investigating an issue.")
    got = [(r.as_reported, r.time) for r in read_times(text, Context(None, "America/Los_Angeles", near=date(2023, 6, 5)))]
    assert got == [("6/6 9 am PT", "2023-06-06 09:00"), ("after midnight PT", "2023-06-06 00:00"),
                   ("at around 5 am", "2023-06-06 05:00"), ("11:30 pm PT", "2023-06-05 23:30"),
                   ("At about 8 pm Pacific on Monday", "2023-06-05 20:00")]


def test_for_a_minute_there_is_a_manner_of_speaking_and_i_no_event_to_count_from():
    assert rows("For a minute there, I thought Acme would launch without a hitch.", date(2023, 6, 6), "America/Los_Angeles") == []
    assert rows("The login timed out shortly after I started playing.", date(2023, 6, 6), "America/Los_Angeles") == []


def test_a_japanese_operator_notice_s_impact_time_and_confirmations():
    tokyo = date(2022, 7, 29), "Asia/Tokyo"
    assert rows("影響時間 7月2日 (土) 1:35~ 7月4日 (月) 15:00", *tokyo)[0][0] == "impact_start"
    assert rows("7月4日午後3時に音声通話・データ通信に問題がないことを確認した。", *tokyo)[0][0] == "recovery"
    assert rows("KDDIは7月5日の午後3時36分をもって最終確認とした。", *tokyo)[0][0] == "resolution"


def test_the_same_time_a_week_before_is_a_baseline_no_event():
    assert rows("7月5日15時36分、発着信成功率が通常通り(1週間前の同時間帯と同等)となった。", date(2022, 7, 6), "Asia/Tokyo") \
        == [("recovery", "2022-07-05 15:36", "Asia/Tokyo", "", "")]


def test_a_japanese_page_s_publication_stamp_is_no_claim_and_an_update_in_prose_still_is():
    got = rows("» 2022年07月03日 18時30分 公開\n2022年7月3日、システム更新で午前9時に障害が発生した。", date(2022, 7, 3), "Asia/Tokyo")
    assert [(kind, time) for kind, time, *_ in got] == [("impact_start", "2022-07-03 09:00")]


def test_a_table_row_s_label_drops_its_pipes_and_an_identified_issue_is_the_cause():
    from incident.extract.draft import Cells, draft
    from incident.timetext.days import Context

    got = draft("08:48 | Full impact | Change fully propagated", Context(date(2025, 12, 5), "UTC"),
                Cells("x", "S", "press", "", {}, live=False)).rows
    assert got[0]["label"] == "Full impact: Change fully propagated"
    assert rows("The issue was identified shortly after the change was applied, and was reverted at 09:12.",
                date(2025, 12, 5), "UTC")[0][0] == "cause"


def test_the_time_a_fire_took_to_put_out_is_not_the_outage_s_length():
    got = rows("A fire in a cable room, which was put out in 20 minutes, caused disruptions that lasted three hours.",
               date(2013, 10, 10), "Asia/Singapore")
    assert [kind for kind, *_ in got] == ["other", "recovery"]
