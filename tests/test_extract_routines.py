"""What a text says of its times besides events: a page's stamp under its byline, a routine ("its usual
4.20pm closing time", "four hours later than usual"), a possibility ("it may take up to an hour");
and the states and lengths around them: "remained so until", "stayed down until 11am", "collapsed for
nine hours because of …", "lasted longer than an hour", a window with each end said again in UTC."""

from datetime import date

import pytest

from incident.extract.draft import Cells, draft
from incident.extract.asides import head_date
from incident.extract.ids import event_id, words_id
from incident.timetext.days import Context


def drafted(text: str, published: date = date(2025, 3, 5), tz: str = "Europe/London", live: bool | None = False):
    return draft(text, Context(published, tz), Cells("x", "Acme", "press", "", {}, live=live))


def rows(text: str, **kwargs):
    return [(r["kind"], r["time"] or f"{r['relative_to']}{int(float(r['offset_min'])):+d}", r["bound"])
            for r in drafted(text, **kwargs).rows]


def test_a_stamp_under_the_author_s_byline_is_the_page_s_date():
    result = drafted("Payments Delayed\n\nBy Jane Smith\n\n4:14PM GMT 4 Mar 2025\n\n"
                     "The payment system had gone offline at 6am on Tuesday morning.")
    assert [r["as_reported"] for r in result.rows] == ["6am on Tuesday morning"]
    assert any("byline" in said for said in result.skipped)


@pytest.mark.parametrize("text", ["The system's usual 4.20pm closing time was pushed out.",
                                  "With the system only usually operating until 4pm daily, staff stayed late.",
                                  "The exchange will remain open until 8pm, four hours later than usual."])
def test_a_routine_is_no_time_of_the_incident(text):
    assert rows(text) == []


def test_an_event_placed_against_a_routine_keeps_its_time_and_working_normally_is_no_routine():
    assert rows("Sudden price moves occurred just after the usual closing time of 5.30 p.m. on 4 March 2025.")
    assert rows("At 19:40 on 4 March 2025, card payments now appear to be working normally.")[0][:2] == \
        ("recovery", "2025-03-04 19:40")


def test_a_state_said_before_lasts_until_the_day_that_ends_it():
    got = rows("The system had gone offline at 6am on Tuesday 4 March 2025. It remained so until late on Tuesday "
               "afternoon.")
    assert got == [("impact_start", "2025-03-04 06:00", ""), ("recovery", "2025-03-04", "")]


@pytest.mark.parametrize("text", ["On 4 March 2025 the site stayed down until 11am.",
                                  "The site remained offline until 11am on 4 March 2025."])
def test_down_until_a_time_is_back_at_that_time_not_by_it(text):
    assert rows(text) == [("recovery", "2025-03-04 11:00", "")]


def test_a_length_with_its_cause_is_still_the_outage_s_length_and_a_cause_found_later_is_not():
    assert rows("The payment system collapsed for nine hours because of defects in its design.") == \
        [("recovery", "impact-start+540", "")]
    assert rows("The bank blamed an attack, but corrected the cause to a routing error after about two hours.")[0][0] \
        == "cause"


def test_longer_than_a_length_is_at_least_that_long():
    assert rows("For many, this outage seems to have lasted longer than an hour.") == \
        [("recovery", "impact-start+60", "not_before")]


@pytest.mark.parametrize("text, bound", [
    ("It took a bit more than 2 hours for the team to mitigate the issue.", "not_before"),
    ("The outage lasted slightly more than two hours.", "not_before"),
    ("Service was restored a little over two hours later.", "not_before"),
    ("The fix took a little less than two hours.", "not_after"),
    ("Slightly under two hours later, the site was back.", "not_after")])
def test_a_softened_bound_is_a_bound_all_the_same(text, bound):
    got = rows(text)
    assert [(time, b) for _, time, b in got] == [("impact-start+120", bound)]


@pytest.mark.parametrize("text, until_ends", [
    ("From 4:45AM to roughly 7:45AM on 16 February 2025, we experienced a severe outage.", ("", "5")),
    ("On 16 February 2025 the API was degraded between 04:45 and about 07:45 UTC.", ("", "5")),
    ("On 16 February 2025 the API was down from around 04:45 UTC to around 07:45 UTC.", ("5", "5"))])
def test_each_end_of_a_window_keeps_its_own_approximation(text, until_ends):
    got = drafted(text, tz="UTC").rows
    assert [(r["kind"], r["time"][11:], r["uncertainty_min"]) for r in got] == \
        [("impact_start", "04:45", until_ends[0]), ("recovery", "07:45", until_ends[1])]


def test_what_may_take_a_time_is_a_possibility():
    result = drafted("It may take up to an hour before access is restored for everyone.")
    assert result.rows == [] and "forecast" in result.skipped[0]


@pytest.mark.parametrize("text", [
    "The site was offline for about two hours on 4 March 2025, between 1:00 and 3:00 p.m. ET.",
    "From 1:00 p.m. (18:00 UTC) to 3:00 p.m. (20:00 UTC) on 4 March 2025, the site went offline."])
def test_a_window_of_an_offline_state_is_its_start_and_its_recovery(text):
    got = [row for row in rows(text, tz="America/New_York") if row[1][:4] == "2025"]
    assert got == [("impact_start", "2025-03-04 13:00", ""), ("recovery", "2025-03-04 15:00", "")]


def test_a_japanese_addendum_stamp_and_schedule_are_no_events_and_still_unusable_is_down():
    text = ("【2025年3月4日20時43分追記】\n"
            "3月4日10時45分現在もサービスを利用することができない状況とのことだ。\n"
            "なお、3月5日20時に予定されている番組は規模を縮小して放送予定。")
    result = drafted(text, tz="Asia/Tokyo")
    assert [(r["kind"], r["time"], r["bound"]) for r in result.rows] == [("recovery", "2025-03-04 10:45", "not_before")]
    assert any("addendum" in said for said in result.skipped) and any("予定" in said for said in result.skipped)


def test_words_with_no_letters_give_an_event_the_kind_s_id():
    # "6月10日20時": the words' own time, not telling words; every kind has an id to fall back on
    assert words_id("6月10日20時", set()) == ""
    assert event_id("measurement", ("6月10日20時", ""), {}, set()) == "measurement"
    assert event_id("communication", ("6月10日20時", ""), {}, {"update"}) == "update-2"


def test_a_range_of_dated_ends_with_its_zone_after_the_date():
    got = rows("The incident occurred from approximately 7 a.m. May 19, 2020, to 1 a.m. May 20, 2020, UTC.",
               published=date(2020, 6, 1), tz="America/New_York")
    assert got == [("impact_start", "2020-05-19 07:00", ""), ("resolution", "2020-05-20 01:00", "")]
    assert {r["tz"] for r in drafted("The incident occurred from approximately 7 a.m. May 19, 2020, to 1 a.m. May 20, "
                                     "2020, UTC.", published=date(2020, 6, 1), tz="America/New_York").rows} == {"UTC"}


def test_another_incident_s_times_are_not_this_one_s_milestones():
    got = rows("The first outage lasted from 9:00 to 10:00 UTC on 4 March 2025. The second outage occurred from 14:00 "
               "to 15:00 UTC on 4 March 2025.")
    assert got[:2] == [("impact_start", "2025-03-04 09:00", ""), ("resolution", "2025-03-04 10:00", "")]
    assert [kind for kind, _, _ in got[2:]] == ["other"]


def test_the_end_of_a_span_from_a_day_to_a_time_is_the_recovery():
    got = rows("Between Saturday evening and Sunday noon, customers faced technical issues.", published=date(2025, 3, 10))
    assert got == [("impact_start", "2025-03-08", ""), ("recovery", "2025-03-09 12:00", "")]


def test_what_a_statement_says_it_would_do_is_a_forecast():
    result = drafted("At 11 p.m. on 4 March 2025 the bank said that it would undertake maintenance between 2:30 am and "
                     "5:30 am on 5 March.", published=date(2025, 3, 6))
    assert [r["time"] for r in result.rows] == ["2025-03-04 23:00"] and "forecast" in result.skipped[0]


def test_a_blog_s_updates_newest_first_read_backwards_in_time():
    text = ("Update 12:54 GMT: Power was restored at 01:49 GMT, all services operational\n\n"
            "Update 20:39 GMT: My last reserve power is about to run out.\n\n"
            "Update 20:10 GMT: The electric board expects power to be restored by 03:00 GMT\n\n"
            "Update 19:45 GMT: Still in the dark here.\n\n"
            "Update 19:04 GMT: A flicker of light, followed by more darkness.")
    got = {r["as_reported"]: (r["kind"], r["time"], r["bound"]) for r in drafted(text, published=date(2012, 10, 26)).rows}
    assert got["01:49 GMT"] == ("recovery", "2012-10-26 01:49", "")
    assert got["20:39 GMT"][1] == "2012-10-25 20:39" and got["19:04 GMT"][1] == "2012-10-25 19:04"
    assert got["19:45 GMT"] == ("recovery", "2012-10-25 19:45", "not_before")  # still in the dark then
    assert "20:10 GMT" not in got and "by 03:00 GMT" not in got  # a forecast, under its stamp or not


def test_an_eta_after_a_time_is_a_forecast():
    result = drafted("Unless the board can isolate the fault, their 03:00 GMT eta still stands.")
    assert result.rows == [] and "forecast" in result.skipped[0]


def test_a_fixed_holiday_names_its_day():
    got = rows("At approx. 22:00 on New Year's Eve, flooding cut power to the centre; the outage lasted until Friday "
               "morning.", published=date(2004, 1, 3))
    assert got == [("impact_start", "2003-12-31 22:00", ""), ("resolution", "2004-01-02", "")]  # the outage lasted until then


def test_a_date_on_the_author_s_byline_is_the_page_s_and_a_plain_text_opens_with_its_own_date():
    result = drafted("Outage at the ISP\nBy: MarkJ - 03 January, 2004 (9:46 AM)\n\nThe outage began at 22:00 on 2 January 2004.",
                     published=date(2004, 1, 3))
    assert [r["as_reported"] for r in result.rows] == ["22:00 on 2 January 2004"]
    assert head_date("Wednesday, February 03, 2016\n\nBT apologises for yesterday's broadband outage") == date(2016, 2, 3)
    assert head_date("By: MarkJ - 03 January, 2004 (9:46 AM)\nText.") == date(2004, 1, 3)
    assert head_date("The outage of 3 February 2016 was long and it hurt many people across the whole country.") is None


def test_a_day_that_owns_the_outage_is_the_failure_s_day():
    got = rows("BT apologises for yesterday's broadband outage", published=date(2016, 2, 3))
    assert got == [("impact_start", "2016-02-02", "")]


def test_a_postmortem_header_and_table_in_markdown():
    text = ("# Incident Postmortem \u2013 Service Outage on 2025\u201105\u201120\n"  # non-breaking hyphens in the date
            "**Duration:** 08:41\u201309:54 UTC (1 h 13 m)  \n\n## Timeline (UTC)\n| Time | Event |\n|------|-------|\n"
            "| 08:41 | Alertmanager page: \u201cAPI 5xx > 20 %\u201d |\n"
            "| 09:18 | All regions stable, start RCA |\n")
    got = [(r["kind"], r["time"]) for r in drafted(text, published=None, tz=None).rows]
    assert got == [("impact_start", "2025-05-20 08:41"), ("resolution", "2025-05-20 09:54"),
                   ("detection", "2025-05-20 08:41"), ("recovery", "2025-05-20 09:18")]  # an alert's threshold is no count


def test_a_bold_duration_field_is_the_outage_s_length():
    text = "# Post-Mortem: 2023-08-17 Production Outage\n\n**Duration:** 42 minutes 17 seconds\n\n| 08:01 | First alert: 5xx rate >5% |"
    got = [(r["kind"], r["time"] or r["relative_to"], r["offset_min"], r["as_reported"]) for r in drafted(text, tz="UTC").rows]
    assert ("recovery", "impact-start", "42.28", "42 minutes 17 seconds") in got  # a length of the failure
    assert ("detection", "2023-08-17 08:01", "", "08:01") in got


def test_a_european_page_s_byline_date_and_its_counts_of_reports():
    text = ("publié le 14/05/2018 à 15:39\n\nUne panne géante touche les opérateurs lundi 14 mai. Downdetector a "
            "enregistré un pic d'incidents aux environs de 10h15. Plus de 1400 rapports d'erreur étaient signalés vers 12h30.")
    result = drafted(text, published=date(2018, 5, 14), tz="Europe/Paris")
    said = {r["as_reported"]: r for r in result.rows}
    assert "14/05/2018 à 15:39" not in said and said["aux environs de 10h15"]["uncertainty_min"] == "5"
    assert (said["vers 12h30"]["kind"], said["vers 12h30"]["value"], said["vers 12h30"]["unit"]) == ("measurement", "1400", "rapports")
    assert head_date(text) == date(2018, 5, 14)


def test_a_german_day_before_a_length_and_the_first_report_that_reached_the_operator():
    text = ("Eine Netzwerkstörung legte am Freitag sieben Stunden lang Geldautomaten in zahlreichen Filialen lahm. "
            "Die erste Meldung, dass etwas nicht stimme, erreichte den IT-Dienstleister gegen 7 Uhr.")
    got = rows(text, published=date(2018, 6, 2), tz="Europe/Berlin")
    assert got == [("impact_start", "2018-06-01", ""), ("recovery", "impact-start+420", ""),
                   ("detection", "2018-06-01 07:00", "")]


def test_spanish_a_collapse_window_a_bar_byline_and_a_bound_after_after():
    text = ("Miles de clientes no han podido acceder a sus cuentas\nPenélope O Álvarez | Mallorca, 19 de Diciembre de 2024 | 19:45h\n\n"
            "La plataforma digital ha estado desde la 13:00 horas hasta las 18:30 aproximadamente, colapsado.")
    got = [(r["kind"], r["time"], r["as_reported"]) for r in drafted(text, published=date(2024, 12, 19), tz="Europe/Madrid").rows]
    assert got == [("impact_start", "2024-12-19 13:00", "13:00 horas"), ("recovery", "2024-12-19 18:30", "18:30")]
    got = rows("El banco informó que sus servicios se encuentran restablecidos después de casi 4 horas, ya que la falla fue "
               "reportada por usuarios poco antes de las 16:00 horas.", published=date(2021, 11, 22), tz="America/Mexico_City")
    assert ("impact_start", "2021-11-22 16:00", "not_after") in got
    assert any(kind in ("recovery", "resolution") and when == "impact-start+240" and bound == "not_after"
               for kind, when, bound in got)  # "casi": at most four hours


def test_a_start_as_planned_is_no_failure():
    got = rows("The system opened as usual at 6am on 4 March 2025 and crashed at 6.02am.")
    assert got == [("other", "2025-03-04 06:00", ""), ("impact_start", "2025-03-04 06:02", "")]
    assert rows("The outage started at 10 a.m. on 4 March 2025.")[0][0] == "impact_start"


def test_a_date_then_its_approximate_clock_is_one_time():
    text = "According to users, logins began failing early on March 4, 2025, at approximately 7:15 AM, across the country."
    got = [(r["kind"], r["time"], r["uncertainty_min"], r["as_reported"]) for r in drafted(text).rows]
    assert got == [("impact_start", "2025-03-04 07:15", "5", "March 4, 2025, at approximately 7:15 AM")]
    assert rows("The exchange halted on 4 March 2025, around 14:20.") == [("impact_start", "2025-03-04 14:20", "")]


def test_a_site_s_today_header_and_a_source_s_masthead_are_no_days_of_the_story():
    text = ("Today : Mar 05, 2025\nMarkets\n4 March 2025\n\nCard payments fail at a retailer\n\n"
            "Shoppers reported errors at around 9:00 AM GMT, and checkouts were restored at 11:30.")
    assert [when for _, when, _ in rows(text, published=date(2025, 3, 4))] == ["2025-03-04 09:00", "2025-03-04 11:30"]
    masthead = "Retailer apologises for card outage\n\nWire Service 4 March, 2025 | 3:12PM\n\nThe retailer apologised."
    assert head_date(masthead) == date(2025, 3, 4)
    assert all(r["as_reported"] != "3:12PM" for r in drafted(masthead).rows)
    assert head_date("Checkouts failed at 9am | 4 March 2025 | we are sorry") is None  # prose: no masthead


@pytest.mark.parametrize("text, kinds", [
    ("At 18:19 the configuration push began.", ["other"]),
    ("A planned maintenance began at 02:00 and the site went down at 02:10.", ["other", "impact_start"]),
    ("At 10:00 the deploy started failing.", ["impact_start"]),  # a failure word: the failure began
    ("Issues with the load balancing service started at 09:35.", ["impact_start"]),  # the service is no operation
])
def test_an_operation_that_began_is_no_failure(text, kinds):
    assert [kind for kind, _, _ in rows(text)] == kinds


def test_a_timeline_whose_lines_ran_together_is_read_step_by_step():
    text = ("09:10 - We see the first queue warning in the logs09:12 - Worker lag begins to climb09:15 - Internal alerting "
            "highlights failed jobs.09:31 - Workers are restarted09:40 - Job throughput returns to normal")
    got = [(r["kind"], r["time"][11:], r["label"]) for r in drafted(text, published=date(2025, 3, 4)).rows]
    assert [when for _, when, _ in got] == ["09:10", "09:12", "09:15", "09:31", "09:40"]
    assert got[2][0] == "detection" and got[3][0] == "mitigation" and got[4][0] == "recovery"
    assert got[1][2] == "Worker lag begins to climb"  # each step's own words, not the step before it
    assert [r["time"] for r in drafted("The A320 fleet and version2.13 - fine.").rows] == []  # glued figures stay figures


def test_portuguese_noon_a_range_with_e_a_weekday_without_feira_and_shortly_after_a_launch():
    text = ("O portal de matrículas ficou fora do ar por cerca de uma hora nesta quarta (3), logo após o lançamento "
            "do sistema. Entre meio dia e 13h30 desta quarta, quem tentava entrar ficava parado na página inicial.")
    got = [(r["kind"], r["time"] or f"{r['relative_to']}+{r['offset_min']}", r["uncertainty_min"])
           for r in drafted(text, published=date(2025, 9, 3), tz="America/Sao_Paulo", live=True).rows]
    assert ("impact_start", "scheduled-start+0", "5") in got  # "logo após o lançamento": the launch ± 5, its schedule
    assert ("impact_start", "2025-09-03 12:00", "") in got and ("recovery", "2025-09-03 13:30", "") in got
    assert rows("A segunda parcela será paga em maio.", published=date(2025, 9, 3), tz="America/Sao_Paulo") == []  # "segunda" is "second"
    assert [when for _, when, _ in rows("O app caiu na terça (2).", published=date(2025, 9, 3), tz="America/Sao_Paulo")] == ["2025-09-02"]


def test_a_live_show_s_past_plan_the_start_time_and_after_that():
    text = ("The reunion was to stream on Sunday from Los Angeles starting at 8 p.m. Eastern. Viewers could join a waiting room "
            "10 minutes before the start time. The show finally started airing around 9:16 p.m. Eighty minutes after "
            "that, the streamer apologised.")
    got = [(r["kind"], r["time"] or f"{r['relative_to']}{int(float(r['offset_min'])):+d}")
           for r in drafted(text, published=date(2023, 4, 17), tz="America/New_York", live=None).rows]
    assert got[0] == ("scheduled_start", "2023-04-16 20:00")
    assert got[1][1] == "scheduled-start-10" and got[2] == ("recovery", "2023-04-16 21:16")
    assert got[3][1].endswith("+80") and not got[3][1].startswith(("scheduled", "impact"))  # counted from the time before it
    assert rows("Our load balancers were set to the default setting at 07:28 UTC.", published=date(2022, 1, 14))[0][0] != "scheduled_start"


def test_a_promised_time_is_no_time_the_next_ones_follow():
    text = ("At 1:40 a.m. ET the company said the show would be available at 12pm PT on April 17. "
            "At 2 a.m. ET, however, it was still unavailable.")
    assert ("recovery", "2023-04-17 02:00", "not_before") in rows(text, published=date(2023, 4, 17), tz="America/New_York")


def test_a_statement_late_after_the_schedule_is_a_statement_not_the_start():
    got = rows("About an hour and a half after the scheduled start time, the streamer tweeted an apology.",
               published=date(2023, 4, 17), tz="America/New_York", live=True)
    assert got == [("communication", "scheduled-start+90", "")]
    assert rows("The show began 40 minutes late.", live=True)[0][:2] == ("recovery", "scheduled-start+40")


def test_french_an_afternoon_yesterday_a_range_end_with_environ_and_its_date_and_a_day_said_again():
    paris = dict(published=date(2024, 3, 12), tz="Europe/Paris")
    assert rows("La panne a commencé hier après-midi.", **paris) == [("impact_start", "2024-03-11", "")]
    got = drafted("De 19h15 le 11 mars jusqu'à 9h40 environ ce 12 mars, les abonnés avaient une connexion coupée.", **paris).rows
    assert [(r["kind"], r["time"]) for r in got] == [("impact_start", "2024-03-11 19:15"), ("recovery", "2024-03-12 09:40")]
    assert drafted("Le réseau est revenu à 9h40 environ.", **paris).rows[0]["uncertainty_min"] == "5"
    assert rows("Depuis ce matin (12 mars 2024), les abonnés se plaignent de coupures.", **paris) == [("impact_start", "2024-03-12", "")]


def test_a_midnight_an_event_comes_before_ends_the_day_and_hours_long_adverbs_are_lengths():
    berlin = dict(published=date(2016, 7, 1), tz="Europe/Berlin")
    text = "Am Donnerstag kam es zu einer Störung. Kurz vor Mitternacht waren noch rund 250.000 Kunden betroffen."
    assert [r["time"] for r in drafted(text, **berlin).rows][-1] == "2016-07-01 00:00"
    assert ("recovery", "2024-03-10 00:00", "not_after") in rows("The site failed on Saturday and was restored by midnight Saturday.",
                                                                  published=date(2024, 3, 11))
    assert rows("At midnight on Saturday the site failed.", published=date(2024, 3, 11))[0][1] == "2024-03-09 00:00"  # no bound: its start
    assert ("recovery", "impact-start+120", "not_before") in rows("Am Freitag ging bei der Bank stundenlang nichts, eine Störung.", **berlin)


def test_users_now_able_to_connect_is_a_return_by_then():
    text = "Update: 4:13 pm ET\n\nMost users should now be able to connect to the service without errors."
    assert rows(text, published=date(2014, 8, 12), tz="America/New_York")[0][0] == "recovery"


def test_a_provider_that_communicates_on_the_outage_makes_a_statement_not_a_second_start():
    text = ("Mar 27 4:06 PM API and dashboard are unavailable. All of our databases are unavailable.\n"
            "Mar 27 4:19 PM Our provider communicates on the outage.\n")
    kinds = [kind for kind, _, _ in rows(text, published=date(2024, 3, 28), tz="UTC")]
    assert kinds[0] == "impact_start" and kinds[1] in ("communication", "acknowledgement")  # a statement about the failure


@pytest.mark.parametrize("text", [
    "Thousands of customers were unable to use online banking on New Year's Day due to an IT outage.",
    "Customers could not make payments on New Year's Day because of a fault."])
def test_what_users_could_not_do_on_a_day_is_the_failure_not_its_cause(text):
    assert rows(text, published=date(2020, 1, 2)) == [("impact_start", "2020-01-01", "")]


def test_today_in_a_dated_section_of_an_updated_story_is_that_section_s_day():
    text = ("UPDATE - Friday August 26: The apps are working once again.\n\n"
            "ORIGINAL - Thursday August 25: Customers are reporting issues.\n\n"
            "Issues with the banking apps began around 10am UK time today.")
    got = drafted(text, published=date(2022, 8, 26)).rows
    assert [(r["kind"], r["time"]) for r in got if r["time"][11:]] == [("impact_start", "2022-08-25 10:00")]
    # with no section heading, today is the day of publication
    plain = drafted("Issues with the banking apps began around 10am UK time today.", published=date(2022, 8, 26)).rows
    assert [r["time"] for r in plain] == ["2022-08-26 10:00"]


def test_an_authority_that_stated_at_a_time_that_service_was_back_recovered_by_then():
    got = rows("The authority stated at 16:49 that slot allocation had been restored.", tz="UTC")
    assert got == [("recovery", "2025-03-05 16:49", "not_after")]


@pytest.mark.parametrize("text, time", [
    ("Een probleem stuurde het Europese vliegverkeer deze middag stevig in de war.", "2025-03-05"),
    ("Het treinverkeer lag deze ochtend stil door een storing.", "2025-03-05")])
def test_a_dutch_part_of_this_day_names_the_day(text, time):
    assert rows(text, tz="Europe/Brussels") == [("impact_start", time, "")]


@pytest.mark.parametrize("text", [
    "9:52 AM PST: The Kinesis Data Streams API is currently impaired in the US-EAST-1 Region.",
    "9:52 AM PST: Customers are currently unable to write data to their streams."])
def test_a_state_written_in_the_present_at_a_time_is_the_operator_s_acknowledgement(text):
    assert rows(text, tz="America/Los_Angeles") == [("acknowledgement", "2025-03-05 09:52", "")]


@pytest.mark.parametrize("text", ["| 2:44 AM | Capacity addition begins | — |", "2:44 AM: The configuration change begins."])
def test_an_operation_that_begins_is_no_failure(text):
    assert rows(f"Timeline of 5 March 2025 (PST)\n\n{text}\n", tz="America/Los_Angeles") == [("other", "2025-03-05 02:44", "")]


def test_a_service_that_struggled_to_cope_failed():
    assert rows("ITV Player scored an own goal last night as it struggled to handle the influx of viewers.",
                published=date(2014, 6, 13), live=True) == [("impact_start", "2014-06-12", "")]


def test_a_service_declared_back_at_full_capacity_on_a_day_was_back_by_then():
    got = rows("The outage began on Tuesday 3 April 2018. Early on Wednesday the organisation declared it was back at full "
               "capacity.", published=date(2018, 4, 5))
    assert got[-1] == ("recovery", "2018-04-04", "not_after")


@pytest.mark.parametrize("text, bound", [("By around 10.30am, the site was back.", "not_after"),
                                         ("After about 10:30am the site was back.", "not_before")])
def test_a_bound_with_its_approximation_keeps_both(text, bound):
    got = drafted(text).rows
    assert [(r["time"][11:], r["bound"], r["uncertainty_min"]) for r in got] == [("10:30", bound, "5")]


def test_a_figure_placed_after_about_a_length_is_no_bound():
    got = drafted("The site went down at 9:00. It came back after about two hours.").rows
    assert [(r.get("relative_to"), r["offset_min"], r["bound"]) for r in got][-1] == ("impact-start", "120", "")


def test_an_earlier_outage_the_story_comes_after_is_no_milestone_of_this_one():
    got = rows("Issues started at around 7am on Monday. It comes after a major outage hit another bank on Friday.",
               published=date(2025, 2, 3))
    assert got == [("impact_start", "2025-02-03 07:00", "")]  # not Friday's outage


def test_the_date_and_time_a_story_opens_with_is_when_it_was_published_not_an_update():
    text = ("Bank says services back to normal after outage\n\n3 February 2025, 11:24\n\n"
            "Issues started at around 7am on Monday morning.\n")
    result = drafted(text, published=date(2025, 2, 3))
    assert [r["time"] for r in result.rows] == ["2025-02-03 07:00"]
    assert any("opens with" in s for s in result.skipped)


def test_reports_that_fell_off_by_a_time_say_the_service_recovered_by_then():
    got = rows("By around 10.30am, the spike from those reporting issues had dropped.")
    assert got == [("recovery", "2025-03-05 10:30", "not_after")]


def test_a_late_evening_time_after_the_morning_stays_on_the_day_the_story_names():
    # read nearest the 5:15am before it, 10:23pm was the evening before: a day the story never speaks of
    text = ("AWS has explained the cause of last Wednesday's outage.\n\n"
            "The first alarm was triggered at 5:15am PST. Kinesis was fully restored at 10:23pm PST.")
    got = drafted(text, published=date(2020, 11, 30), tz="America/Los_Angeles").rows
    assert [r["time"] for r in got if len(r["time"]) > 10] == ["2020-11-25 05:15", "2020-11-25 22:23"]


@pytest.mark.parametrize("text, published", [
    ("A fire broke out at the data center at 3:19 p.m. on Saturday. Kakao services went down at 3:30 p.m.", date(2022, 10, 16)),
    ("24일 오전 11시 12분쯤 KT 아현지사 지하 통신구에서 화재가 발생했다. 오전 11시 20분부터 통신 장애가 발생했다.", date(2018, 11, 24))])
def test_a_fire_that_broke_out_is_what_set_off_the_outage_not_its_start(text, published):
    got = rows(text, published=published, tz="Asia/Seoul")
    assert [kind for kind, _, _ in got] == ["other", "impact_start"]


def test_a_figure_counted_from_words_the_text_placed_before_counts_from_that_event():
    got = drafted("The deploy started at 10:02 UTC on 4 March 2025. Errors rose minutes after the deploy started.", tz="UTC").rows
    assert [(r["kind"], r["time"] or r["relative_to"]) for r in got] == [("other", "2025-03-04 10:02"),
                                                                        ("impact_start", got[0]["event"])]
    assert "placed before" in got[1]["note"]


@pytest.mark.parametrize("text, expected", [
    ("At 11:30 ET the company said it was implementing a fix, but come 16:00 major outages were still affecting customers.",
     ("recovery", "2025-03-05 16:00", "not_before")),
    ("The site reached stability around 2pm.", ("recovery", "2025-03-05 14:00", ""))])
def test_outages_still_affecting_users_at_a_time_and_a_site_that_reached_stability(text, expected):
    assert rows(text, tz="America/New_York")[-1] == expected


def test_an_edit_stamp_on_its_own_line_says_what_the_lines_below_it_say():
    text = ("A massive server outage at 04.01.2022 at 10:51 UTC kicked the server offline.\n\n"
            "EDIT 04.01.2022 at 10:59 UTC:\nWe have investigated the issue and are implementing a patch.\n\n"
            "EDIT 04.01.2022 at 11:07 UTC:\nWe have implemented a patch and put the server back online.\n\n"
            "EDIT 04.01.2022 at 11:38 UTC:\nThe issue is resolved now.\n")
    got = rows(text, published=date(2022, 1, 4), tz="UTC")
    assert [(kind, time[11:]) for kind, time, _ in got] == [
        ("impact_start", "10:51"), ("mitigation", "10:59"), ("recovery", "11:07"), ("resolution", "11:38")]


def test_the_time_field_of_a_live_event_s_preview_is_its_scheduled_start():
    text = "World Cup 2014: Brazil vs. Croatia\n\nDate: Thursday, June 12\nTime: 9 p.m. (BST), 4 p.m. (ET)\n"
    got = rows(text, published=date(2014, 6, 12), tz="Europe/London", live=True)
    assert ("scheduled_start", "2014-06-12 21:00", "") in got
