"""Sentences of our own for what drafting read wrong in texts it had not seen: a clock "shortly after"
in French, a span whose ends a comma and a qualifier keep apart, a relative clause that times the
outage beside a count, a founder's post in French."""

from datetime import date

import pytest

from incident.extract.draft import Cells, draft
from incident.timetext.days import Context

PARIS = dict(published=date(2021, 10, 13), tz="Europe/Paris")


def drafted(text: str, published: date = date(2021, 10, 13), tz: str = "Europe/Paris", live: bool | None = False):
    return draft(text, Context(published, tz), Cells("x", "Acme", "press", "", {}, live=live))


def rows(text: str, **kwargs):
    return [(r["kind"], r["time"] or f"{r['relative_to']}{int(float(r['offset_min'])):+d}", r["bound"], r["uncertainty_min"])
            for r in drafted(text, **kwargs).rows]


@pytest.mark.parametrize("text", ["Peu après 9h le mercredi 13 octobre, une panne s'est déclarée.",
                                  "Juste après 9 heures, une panne s'est déclarée."])
def test_shortly_after_an_hour_in_french_is_a_clock_not_a_length(text):
    assert rows(text) == [("impact_start", "2021-10-13 09:00", "", "5")]


def test_shortly_after_hours_of_outage_stays_a_length():
    assert all(not time.startswith("2021-10-13 09:00") for _, time, _, _ in rows("Peu après 9 heures de panne, le site est revenu."))


@pytest.mark.parametrize("text", [
    "Dès 9h30 ce mercredi 13 octobre 2021, jusqu’à environ 10h20, des milliers de sites étaient inaccessibles.",
    "Thousands of websites were unreachable from 9:30 a.m. on 13 October 2021, until about 10:20 a.m."])
def test_a_span_kept_apart_by_a_comma_and_a_qualifier_is_one_outage(text):
    got = [(kind, time, uncertainty) for kind, time, _, uncertainty in rows(text)]
    assert got == [("impact_start", "2021-10-13 09:30", ""), ("recovery", "2021-10-13 10:20", "5")]


@pytest.mark.parametrize("text", [
    "More than 14,000 reports were logged in the first half hour of the outage, which began at 9:20 a.m. on 13 October 2021.",
    "Plus de 14 000 signalements ont été reportés dès la première demi-heure de la panne, qui a débuté à 9h20 le 13 octobre 2021."])
def test_a_relative_clause_that_times_the_outage_is_not_the_count_s_time(text):
    assert rows(text)[0][:2] == ("impact_start", "2021-10-13 09:20")


def test_a_count_at_the_time_is_still_a_measurement():
    assert rows("Plus de 14 000 signalements ont été reportés à 9h20 le 13 octobre 2021.")[0][0] == "measurement"


@pytest.mark.parametrize("text", ["Le fondateur d'OVHcloud a publié un tweet à 10 heures le 13 octobre 2021.",
                                  "« Nous avons un souci sur le backbone » écrit le fondateur à 10h le 13 octobre 2021."])
def test_a_post_in_french_is_a_communication(text):
    assert rows(text)[0][:2] == ("communication", "2021-10-13 10:00")


def test_back_to_normal_in_french_is_a_return():
    assert rows("Peu avant 11h le 13 octobre 2021, tout semblait être revenu à la normale.")[0][:3] == \
        ("recovery", "2021-10-13 11:00", "not_after")


def test_a_time_said_again_in_another_zone_across_midnight_is_one_moment_in_the_story_s_order():
    got = rows("The outage began at approximately 15:35 UTC (7:35 am PT) on Tuesday, December 7, 2021. It was not fully "
               "resolved until approximately 0:44 UTC (4:44 pm PT).", published=date(2021, 12, 8), tz="UTC")
    assert [(kind, time) for kind, time, _, _ in got] == [("impact_start", "2021-12-07 15:35"), ("resolution", "2021-12-08 00:44")]


@pytest.mark.parametrize("text, minutes", [
    ("Um incêndio forçou o aeroporto a fechar por aproximadamente 18 horas na sexta-feira, 21 de março de 2025.", 1080),
    ("L'aéroport est resté fermé pendant six heures le 21 mars 2025.", 360)])
def test_how_long_a_place_was_closed_is_the_outage_s_length(text, minutes):
    assert [r for r in rows(text, published=date(2025, 3, 21), tz="Europe/London") if r[1].startswith("impact-start")][0][1] \
        == f"impact-start+{minutes}"


def test_the_founder_s_first_post_in_french_is_the_acknowledgement_when_no_text_says_otherwise():
    from incident.extract.many import Text, draft_texts

    texts = [Text("a", "Une panne a débuté à 9h10 le 13 octobre 2021. Le fondateur d'OVHcloud a publié un tweet à 10 heures "
                       "mettant en cause une erreur humaine.", date(2021, 10, 13), "Europe/Paris", "Le Journal", "press", "")]
    kinds = {r["time"][11:]: r["kind"] for r in draft_texts(texts, "x", False).rows if r["time"]}
    assert kinds == {"09:10": "impact_start", "10:00": "acknowledgement"}


NEW_YORK = dict(published=date(2025, 7, 25), tz="America/New_York")


@pytest.mark.parametrize("text, start, end", [
    ("The outage began around 3:00–3:30 p.m. ET on July 24, 2025, with users reporting errors.", "15:00", "15:30"),
    ("The outage began between 9:05 and 9:40 a.m. ET on July 24, 2025.", "09:05", "09:40")])
def test_a_span_right_after_began_is_when_the_start_was_not_a_window(text, start, end):
    [row] = drafted(text, **NEW_YORK).rows
    assert (row["kind"], row["time"][11:], row["until"][11:]) == ("impact_start", start, end)


def test_a_span_from_one_time_to_another_is_still_the_outage_s_window():
    got = [(kind, time[11:]) for kind, time, _, _ in rows("The site went down from 9:10 to 9:40 a.m. ET on July 24, 2025.", **NEW_YORK)]
    assert got == [("impact_start", "09:10"), ("recovery", "09:40")]


def test_traffic_that_began_returning_is_a_return_not_a_start():
    assert rows("At 5:28 PM on July 24, 2025, traffic began returning.", **NEW_YORK)[0][:2] == ("recovery", "2025-07-24 17:28")


@pytest.mark.parametrize("text", ["Washington, July 25, 2025 – Starlink experienced a widespread network outage on Thursday.",
                                  "July 25, 2025 – A widespread outage of Starlink disrupted connectivity on Thursday."])
def test_a_wire_story_s_dateline_is_when_it_was_filed_not_the_outage(text):
    assert rows(text, **NEW_YORK) == [("impact_start", "2025-07-24", "", "")]


def test_publishing_a_summary_days_later_is_no_acknowledgement():
    got = rows("On June 15th we published a summary of our initial investigation, mitigation, and root cause analysis.",
               published=date(2025, 9, 5), tz="UTC")
    assert got and all(kind != "acknowledgement" for kind, *_ in got)


LONDON_SALE = dict(published=date(2024, 8, 31), tz="Europe/London", live=True)


def test_times_after_others_stay_on_the_day_the_story_came_out():
    got = rows("Tickets went on sale on Saturday, August 31, 2024. As of 5 p.m. U.K. time, both sites appeared to still be "
               "overwhelmed. A fan said he logged on at 9 a.m. and reached the seat page at 4 p.m.", **LONDON_SALE)
    assert [time for _, time, _, _ in got if len(time) > 10] == ["2024-08-31 17:00", "2024-08-31 09:00", "2024-08-31 16:00"]


def test_a_coast_names_its_zone_after_a_clock():
    [row] = drafted("She was online at 1 a.m. on the U.S. West Coast on August 31, 2024, before the site crashed.",
                    **LONDON_SALE).rows
    assert (row["time"], row["tz"]) == ("2024-08-31 01:00", "PT")


def test_sites_still_overwhelmed_at_a_time_had_not_recovered_by_then():
    got = rows("As of 5 p.m. U.K. time on August 31, 2024, both sites appeared to still be overwhelmed.", **LONDON_SALE)
    assert got == [("recovery", "2024-08-31 17:00", "not_before", "")]


def test_the_start_of_a_sale_in_portuguese_is_its_scheduled_start():
    got = rows("Os fãs depararam-se com problemas mesmo antes do início da venda às 9h em Manchester, em 31 de agosto de 2024.",
               **LONDON_SALE)
    assert got[0][:2] == ("scheduled_start", "2024-08-31 09:00")


def test_what_went_as_expected_is_no_forecast_and_what_was_expected_still_is():
    singapore = dict(published=date(2014, 11, 6), tz="Asia/Singapore")
    assert rows("Order matching went as expected after the securities market reopened at 5:15pm on 5 November 2014.",
                **singapore)[0][:2] == ("recovery", "2014-11-05 17:15")
    assert rows("It then added that the market was expected to resume trading at 2pm on 5 November 2014.", **singapore) == []


def test_noon_in_german_is_a_clock_after_a_word_that_places_it_not_at_lunch():
    berlin = dict(published=date(2021, 1, 25), tz="Europe/Berlin")
    assert rows("Das System fängt sich aber gegen Mittag wieder, am 25. Januar 2021.", **berlin)[0][:2] == \
        ("recovery", "2021-01-25 12:00")
    assert [time for _, time, _, _ in rows("Wir haben zu Mittag gegessen, am 25. Januar 2021 um 14 Uhr.", **berlin)] == \
        ["2021-01-25 14:00"]


def test_an_event_id_is_made_of_what_happened():
    from incident.extract.ids import words_id

    assert words_id("Car, à 9h13 ce matin débutait une maintenance au datacentre", set()) == "matin-debutait-maintenance-datacentre"
    assert words_id("On July 24, monitoring services began detecting massive spikes", set()) == "monitoring-services-began-detecting"
    assert words_id("15時20分頃、PayPayアプリを起動したところ、PayPayの障害情報は", set()) == "paypay"


def test_a_japanese_addendum_stamp_of_the_same_day_is_no_event():
    text = ("PayPayは15日、午後0時15分頃から利用出来ない場合があると発表した。\n\n2024年5月15日15時30分追記\n\n"
            "15時20分頃、アプリを起動したところ、コードが表示された。\n\n同日17時25分追記\n\nPayPayは同日15時30分頃に復旧した。\n")
    got = rows(text, published=date(2024, 5, 15), tz="Asia/Tokyo")
    assert [time[11:] for _, time, _, _ in got] == ["12:15", "15:20", "15:30"]


@pytest.mark.parametrize("text, minutes", [
    ("Users were left without access to their emails for almost 16 hours on 12 March 2013.", 960),
    ("Users continued to have trouble for a total of about 12 hours on 12 March 2013.", 720),
    ("Instances in all regions lost external connectivity for a total of 18 minutes on 12 March 2013.", 18),
    ("Most companies hosted there suffered for two hours on 12 March 2013.", 120),
    ("Op 12 maart 2013 duurde de storing ruim vier uur.", 240)])
def test_what_users_went_without_and_for_how_long_in_total_is_the_outage_s_length(text, minutes):
    got = rows(text, published=date(2013, 3, 13), tz="UTC")
    assert f"impact-start+{minutes}" in [time for _, time, _, _ in got]


@pytest.mark.parametrize("text, anchor", [
    ("Fans were in the queue 15 minutes before the Coldplay sale on 22 September 2024.", "scheduled-start"),
    ("Every ticket was gone 1 hour and 27 minutes after the tickets went on sale on 22 September 2024.", "scheduled-start"),
    ("The stream failed about 10 minutes before the end of the game on 22 September 2024.", "end"),
])
def test_a_live_event_s_anchor_is_named_by_what_the_event_was(text, anchor):
    got = drafted(text, published=date(2024, 9, 23), tz="Asia/Kolkata", live=True).rows
    assert [r.get("relative_to") for r in got if r.get("relative_to")] == [anchor]


def test_an_operator_that_reported_it_is_its_acknowledgement_as_an_anchor():
    got = drafted("Monitoring saw the failure 40 mins before Microsoft reported it on 15 March 2021.",
                  published=date(2021, 3, 16), tz="UTC").rows
    assert [r.get("relative_to") for r in got if r.get("relative_to")] == ["acknowledgement"]


def test_a_figure_counted_from_a_fire_counts_from_the_fire_not_the_impact():
    got = drafted("Services were restored more than eight hours after the fire broke out on 15 October 2022.",
                  published=date(2022, 10, 16), tz="Asia/Seoul").rows
    assert [r.get("relative_to") for r in got if r.get("relative_to")] == ["fire"]


def test_an_operator_timeline_names_detection_and_its_first_status_post():
    text = ("Here's a timeline of the day's activity on June 8, 2021 (all times are in UTC):\n\n"
            "09:47 Initial onset of global disruption\n09:48 Global disruption identified by Fastly monitoring\n"
            "09:58 Status post is published\n10:36 Impacted services began to recover\n")
    from incident.extract.many import Text, draft_texts

    got = draft_texts([Text("t", text, date(2021, 6, 8), "UTC", "Acme", "operator", "")], "x", False).rows
    assert [(r["kind"], r["time"][11:]) for r in got] == [("impact_start", "09:47"), ("detection", "09:48"),
                                                          ("acknowledgement", "09:58"), ("recovery", "10:36")]


def test_the_same_minute_named_with_the_same_words_in_two_texts_is_one_event():
    from incident.extract.many import Text, draft_texts

    texts = [Text("a", "On June 8, 2021 (all times UTC): 17:25 Bug fix deployment began.", date(2021, 6, 8), "UTC", "Acme",
                  "operator", ""),
             Text("b", "A permanent fix for the bug was deployed later that day, June 8, 2021, at 17:25 UTC.", date(2021, 6, 9),
                  "UTC", "Press", "press", "")]
    events = {r["event"] for r in draft_texts(texts, "x", False).rows if r["time"].endswith("17:25")}
    assert len(events) == 1


def test_an_incident_report_s_header_fields_name_its_start_and_end():
    got = rows("Service Issue:\nReported: April 16, 2025 11:25 AM PDT\nResolved: April 16, 2025 1:12 PM PDT\nSummary:\n"
               "Customers could not access the service.\n", published=date(2025, 4, 17), tz="UTC")
    assert [(kind, time, bound) for kind, time, bound, _ in got] == [("impact_start", "2025-04-16 11:25", "not_after"),
                                                                     ("resolution", "2025-04-16 13:12", "")]


def test_a_domain_not_available_between_two_times_is_the_outage_s_window_whatever_it_was_due_to():
    got = rows("On April 16, 2025, between 2:25 P.M. ET and 4:12 P.M. ET, the domain was not available due to a server block.",
               published=date(2025, 4, 17), tz="UTC")
    assert [(kind, time[11:]) for kind, time, _, _ in got] == [("impact_start", "14:25"), ("recovery", "16:12")]


def test_a_span_of_four_digit_times_with_the_end_s_zone_reads_both_ends():
    got = rows("The services were offline between 1825 and 2012 UTC on April 16, 2025.", published=date(2025, 4, 17), tz="UTC")
    assert [(kind, time) for kind, time, _, _ in got] == [("impact_start", "2025-04-16 18:25"), ("recovery", "2025-04-16 20:12")]


def test_a_status_post_marked_resolved_is_the_end_then_and_a_statement_that_it_was_resolved_a_bound():
    got = rows("Timeline on June 8, 2021 (all times in UTC):\n12:35 Incident mitigated\n12:44 Status post resolved\n", tz="UTC")
    assert got[-1][:3] == ("resolution", "2021-06-08 12:44", "")
    said = rows("At 12:44 UTC on June 8, 2021, the company said the issue was resolved.", tz="UTC")
    assert said[0][:3] == ("resolution", "2021-06-08 12:44", "not_after")
