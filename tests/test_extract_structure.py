"""How a text's structure decides what its times are: times joined by 'and' share the clause after
them; two impact windows in one text are the impact, a return, a second impact and the end; a plan
or forecast after a comma or 'and' is not the earlier time's; a sentence that mentions an update is
no page date line; a look back years later keeps the times of the incident it looks back at.
Each row is (kind, time, bound)."""

from datetime import date

import pytest

from incident.extract.asides import dateline
from incident.extract.clausewords import count_in, label_of
from incident.extract.draft import Cells, draft
from incident.extract.many import Text, draft_texts
from incident.timetext.forecasts import forecast_in
from incident.timetext.days import Context


def rows(text: str, published: date | None = date(2025, 3, 9), tz: str | None = "UTC", live: bool | None = False):
    result = draft(text, Context(published, tz), Cells("x", "Acme", "press", "", {}, live=live))
    return [(r["kind"], r["time"], r["bound"]) for r in result.rows]


@pytest.mark.parametrize("joint", ["and", ", and", "and again", ", and again", "and then"])
def test_windows_joined_by_and_share_the_words_after_them(joint):
    text = f"On 4 March 2025, from 09:10 to 09:40 UTC {joint} from 13:05 to 14:20 UTC, the payments API was severely degraded."
    assert rows(text) == [("impact_start", "2025-03-04 09:10", ""), ("recovery", "2025-03-04 09:40", ""),
                          ("other", "2025-03-04 13:05", ""), ("resolution", "2025-03-04 14:20", "")]


def test_a_later_window_is_an_event_of_its_own_and_the_last_end_is_the_resolution():
    text = ("The checkout service failed between 08:00 and 08:30 UTC on 4 March 2025. It failed again between 10:00 "
            "and 10:45 UTC, and it failed a third time between 12:00 and 12:05 UTC.")
    result = draft(text, Context(date(2025, 3, 9), "UTC"), Cells("x", "Acme", "press", "", {}, live=False))
    got = [(r["event"], r["kind"], r["time"][11:]) for r in result.rows]
    assert got[:2] == [("impact-start", "impact_start", "08:00"), ("recovery", "recovery", "08:30")]
    assert got[-1] == ("resolution", "resolution", "12:05")
    later = got[2:-1]
    assert [kind for _, kind, _ in later] == ["other"] * 3
    assert len({event for event, _, _ in later}) == 3  # each its own event


def test_one_window_keeps_its_recovery():
    assert rows("From 09:10 to 09:40 UTC on 4 March 2025 the API returned errors.") == [
        ("impact_start", "2025-03-04 09:10", ""), ("recovery", "2025-03-04 09:40", "")]


def test_a_time_with_its_own_verb_is_not_joined_to_the_next():
    got = rows("The site went down at 09:10 UTC on 4 March 2025 and at 11:00 UTC engineers restarted the cluster.")
    assert [g[0] for g in got] == ["impact_start", "mitigation"]


@pytest.mark.parametrize("sentence, word, forecast", [
    ("The exchange halted trading on Thursday and plans to resume on Friday.", "Thursday", False),
    ("The exchange said on Thursday that it plans to resume trading on Friday.", "Thursday", False),
    ("Engineers restarted the system yesterday, aiming to resume trading today.", "yesterday", False),
    ("The company plans to resume trading on Friday.", "Friday", True),
    ("Full restoration is expected by 7:40 p.m.", "7:40 p.m.", True),
    ("The exchange was to restart its system on Thursday.", "Thursday", True),
])
def test_a_forecast_governs_only_the_times_of_its_own_clause(sentence, word, forecast):
    at = sentence.index(word)
    assert bool(forecast_in((sentence[:at], sentence[at + len(word):]))) is forecast


@pytest.mark.parametrize("line, furniture", [
    ("Posted 09/08/2016 8:42 PM AEST | Updated 09/08/2016 9:50 PM AEST", True),
    ("Last updated: 10 Aug 2016, 9:15am", True),
    ("Published on February 10, 2017", True),
    ("By Jane Doe, Updated 5 hours ago", True),
    ("In the latest update, posted at 5.22am, the issues were still being investigated.", False),
    ("The status page was updated at 14:02 to say all systems were operating normally.", False),
])
def test_a_date_line_is_a_line_of_dates_not_a_sentence(line, furniture):
    assert dateline(line) is furniture


def test_a_sentence_about_an_update_is_read_not_taken_for_the_page_date():
    got = rows("In the latest update, posted at 5.22am, the degraded performance issues were still being investigated.",
               published=date(2025, 3, 4), tz="Australia/Sydney")
    assert got and got[0][1] == "2025-03-04 05:22"


def test_a_look_back_years_later_keeps_the_times_of_its_incident():
    text = ("At 01:31 EST on March 8, 2023, the monitoring company had its first global outage. "
            "Two years earlier, in 2021, a smaller incident had hit one region.")
    got = rows(text, published=date(2026, 5, 18), tz="America/New_York")
    assert ("impact_start", "2023-03-08 01:31", "") in got


def test_a_time_far_from_every_day_the_text_is_about_is_still_another_incidents():
    text = ("The service went down at 10:00 UTC on 4 March 2025. A similar outage on 2 October 2010 at 09:00 UTC "
            "had lasted a day.")
    got = rows(text, published=date(2025, 3, 9))
    assert all(not t.startswith("2010") for _, t, _ in got)


def test_texts_drafted_together_read_a_later_write_up_against_the_incident_day():
    # the write-up of a year later writes no year: its dates are the incident's, and stay read
    texts = [Text("status", "The API went down at 04:09 UTC on July 19, 2024.", date(2024, 7, 19), "UTC", "Acme", "operator"),
             Text("review", "A year on: at 04:09 UTC on July 19 the update shipped, and by 05:27 UTC it was reverted.",
                  date(2025, 10, 4), "UTC", "Blog", "analyst")]
    result = draft_texts(texts, "acme", live=False)
    review = [r for r in result.rows if r["source"] == "Blog"]
    assert {r["time"] for r in review} == {"2024-07-19 04:09", "2024-07-19 05:27"}
    assert not any("another incident" in said for said in result.said)


@pytest.mark.parametrize("furniture", ["7 min read", "7 min readFeb 14, 2017", "5 minute read"])
def test_a_reading_time_is_no_length_of_the_incident(furniture):
    got = rows(f"{furniture}\n\nThe service went down at 09:10 UTC on 4 March 2025 and was restored at 10:00 UTC.")
    assert [kind for kind, _, _ in got] == ["impact_start", "recovery"]


def test_a_date_named_in_passing_is_not_the_incident_day():
    # one text names an older date with its year (counted twice: its year is written); the texts'
    # claims fall in one week of the next year (each once: their year is read in)
    texts = [Text("note", "The service went down on February 8. It was still down on February 9. "
                          "Anything saved since June 1, 2016 is accessible, "
                          "and the rest came back online on February 10.", date(2017, 2, 11), "UTC", "Blog", "press"),
             Text("post", "The outage began on Wednesday, February 8 at 12:30 PM PT and the site was back on February 10.",
                  None, "America/Los_Angeles", "Acme", "operator")]
    result = draft_texts(texts, "acme", live=False)
    post = [r for r in result.rows if r["source"] == "Acme"]
    assert post and all(r["time"].startswith("2017-02") for r in post)


@pytest.mark.parametrize("span", ["from approximately 13:07 UTC until approximately 15:23 UTC",
                                  "between about 13:07 UTC and about 15:23 UTC", "from around 13:07 UTC to around 15:23 UTC"])
def test_a_span_with_a_qualifier_at_each_end_is_the_impact_and_its_recovery(span):
    got = rows(f"On 2 July 2023 the outage was {span}.")
    assert [(k, t[11:]) for k, t, _ in got] == [("impact_start", "13:07"), ("recovery", "15:23")]


def test_a_failure_that_lasted_until_a_time_recovered_then():
    got = rows("Customers could not log in: the service was offline until 15:23 UTC on 2 July 2023.")
    assert got == [("recovery", "2023-07-02 15:23", "")]


@pytest.mark.parametrize("words, offset, until, bound, uncertainty", [
    ("midway through the first half", "22", "", "", "10"),
    ("just before half-time", "45", "", "not_after", ""),
    ("at halftime", "45", "60", "", ""),
    ("mid-match", "55", "", "", "15"),
    ("early in the second period", "60", "70", "", ""),
    ("midway through the second half", "82", "", "", "10"),
])
def test_a_match_phase_counts_from_the_kick_off(words, offset, until, bound, uncertainty):
    text = f"The rugby stream crashed {words}, leaving fans without pictures."
    result = draft(text, Context(date(2019, 9, 21), "Pacific/Auckland"), Cells("x", "Herald", "press", "", {}, live=True))
    row = result.rows[0]
    assert (row["relative_to"], row["offset_min"], row["until"], row["bound"], row["uncertainty_min"]) == \
        ("scheduled-start", offset, until, bound, uncertainty)


def test_an_incident_that_lasted_until_a_time_ended_then():
    text = ("This report details an incident that began on October 21, 2016 at approximately 11:10 UTC and lasted "
            "until approximately 17:45 UTC.")
    got = rows(text, published=None)
    assert [(k, t[11:]) for k, t, _ in got if len(t) > 10] == [("impact_start", "11:10"), ("resolution", "17:45")]


def test_an_alert_that_triggered_at_a_time_is_the_detection():
    assert rows("Our latency burn alert triggered at 01:53am PDT on 28 July 2020.", tz="America/Los_Angeles")[0][0] == "detection"


def test_a_time_in_another_clause_of_the_sentence_is_not_the_same_event():
    text = ("The provider declared the outage resolved at 04:37am PDT on 28 July 2020, but we delayed moving hosts "
            "back until 09:45am PDT.")
    got = rows(text, tz="America/Los_Angeles")
    assert got[0][0] == "resolution" and got[1][0] != "resolution" and got[1][0] != "recovery"


@pytest.mark.parametrize("sentence, kind", [
    ("The outage went unnoticed until 09:40 UTC on 2 July 2023.", "detection"),  # noticed then
    ("The outage remained unresolved until 09:40 UTC on 2 July 2023.", "resolution"),
    ("The company did not comment on the outage until 09:40 UTC on 2 July 2023.", "other"),  # no end of anything
    ("Nobody knew about the disruption until 09:40 UTC on 2 July 2023.", "other"),
])
def test_not_until_is_when_the_deed_was_done_not_the_failure_s_end(sentence, kind):
    got = rows(sentence)
    assert [(k, t[11:]) for k, t, _ in got] == [(kind, "09:40")]


@pytest.mark.parametrize("text", ["The outage on 4 March 2025 lasted for the second half of the day.",
                                  "Errors on 4 March 2025 began early in the second half of the quarter."])
def test_a_half_of_something_else_is_no_match_phase(text):
    result = draft(text, Context(date(2025, 3, 9), "UTC"), Cells("x", "Acme", "press", "", {}, live=True))
    assert not any(r.get("relative_to") for r in result.rows)


def test_a_match_phase_names_its_match_and_counts_from_its_kick_off():
    text = "The stream froze for the second half of the match on Saturday."
    result = draft(text, Context(date(2019, 9, 21), "Pacific/Auckland"), Cells("x", "Herald", "press", "", {}, live=True))
    assert [(r.get("relative_to"), r["offset_min"], r["as_reported"]) for r in result.rows] == [
        ("scheduled-start", "60", "for the second half of the match"), (None, "", "Saturday")]
    assert result.rows[1]["kind"] == "scheduled_start"  # "… of the match on Saturday": the match's day


def test_a_match_phase_in_a_text_about_no_live_event_is_no_claim():
    text = "Sales were down at half time compared with last year, the company said on 4 March 2025."
    result = draft(text, Context(date(2025, 3, 9), "UTC"), Cells("x", "Acme", "press", "", {}, live=False))
    assert not any(r.get("relative_to") for r in result.rows)
    assert any("match's phase" in said for said in result.skipped)


@pytest.mark.parametrize("sentence, count", [
    ("On 4 March 2025 customers could not log in from 09:10 UTC.", None),
    ("On March 4, 2025 customers could not log in from 09:10 UTC.", None),
    ("On 4 March 2025, 2,000 customers could not log in from 09:10 UTC.", ("2000", "customers")),
])
def test_a_dates_year_is_no_count(sentence, count):
    found = count_in((sentence, ""))
    assert (found[:2] if found else None) == count


@pytest.mark.parametrize("clause, count", [
    (("el suministro era del 82,4% a las ", " y ha llegado"), ("82.4", "%")),  # a decimal comma
    (("", ": Ce matin, 3 000 voyageurs ont été affectés"), ("3000", "voyageurs")),
    (("abbiamo ricevuto 300mila domande alle ", ""), ("300000", "domande")),
    (("", "時点で国内線87便が欠航"), ("87", "flights")),
    (("", "の時点で、影響旅客数は1万300人"), ("10300", "people")),
    (("", "で国内線87便が欠航"), None),  # a figure beside a Japanese time, not said to be counted at it
    (("At 4 p.m. 1,500 users", ""), ("1500", "users")),
])
def test_a_count_at_a_time_in_the_languages_extract_reads(clause, count):
    found = count_in(clause)
    assert (found[:2] if found else None) == count


def test_a_count_at_a_time_is_a_measurement_in_japanese():
    text = "全日空によると、午後0時半時点で国内線87便が欠航した。"
    assert rows(text, date(2016, 3, 22), "Asia/Tokyo") == [("measurement", "2016-03-22 12:30", "")]


def test_a_postmortem_timeline_of_impact_start_impact_end_and_incident_end():
    text = ("Timeline:\n\n  • 07:35:46 UTC: Customer Impact Start\n\n  • 07:39:53 UTC: Initial investigation initiated\n\n"
            "  • 08:05:45 UTC: Helm Rollback applied, issue resolved\n\n  • 08:06:00 UTC: Customer Impact End\n\n"
            "  • 08:38:00 UTC: Incident End\n")
    for live in (False, None):  # an outage's, and a file whose incident's kind is not known yet
        assert [(kind, time[11:]) for kind, time, _ in rows(text, live=live)] == [
            ("impact_start", "07:35:46"), ("acknowledgement", "07:39:53"), ("mitigation", "08:05:45"),
            ("recovery", "08:06:00"), ("resolution", "08:38:00")]


def test_one_weekday_read_a_week_off_does_not_move_the_incident_day():
    # a Saturday story's "Sunday" (tomorrow's, read as six days before) must not make every later
    # text's weekdays fall in the week before the outage
    texts = [Text("live", "The airline's systems went down today. Systems failed before 6pm today. \"Some delays and "
                          "disruption may continue into Sunday,\" the company said.", date(2017, 5, 27), "Europe/London",
                  "Wire", "press"),
             Text("later", "A power surge at about 9.30am on Saturday caused the failure. The failure on Saturday shut "
                           "down check-in.", date(2017, 5, 31), "Europe/London", "Paper", "press")]
    later = [r for r in draft_texts(texts, "ba", live=False).rows if r["source"] == "Paper"]
    assert later and all(r["time"].startswith("2017-05-27") for r in later)


def test_a_length_that_ends_well_before_the_stated_resolution_is_the_recovery():
    # the operator times the whole incident (7 h 27 min); a press story's "2 hours and 28 minutes" of
    # the same outage cannot be that end: the service worked again then, before the incident closed
    texts = [Text("status", "The incident began at 10:51 PDT on June 12, 2025 and ended at 18:18 PDT.",
                  date(2025, 6, 13), "America/Los_Angeles", "Acme", "operator"),
             Text("story", "The outage on June 12, 2025 lasted 2 hours and 28 minutes for most users, and "
                           "another story said it lasted about 7 hours.", date(2025, 6, 13), "UTC", "Paper", "press")]
    story = [r for r in draft_texts(texts, "acme", live=False).rows if r["source"] == "Paper"]
    assert [(r["kind"], r["offset_min"]) for r in story if r.get("relative_to")] == [("recovery", "148"), ("resolution", "420")]


def test_a_backstory_date_does_not_date_the_timeline_below_it():
    # "introduced on May 29" is days before the incident the texts time (June 12): the timeline in
    # the next paragraph is the incident's, not May 29's
    texts = [Text("status", "The incident began at 10:51 PDT on June 12, 2025 and ended at 18:18 PDT.",
                  date(2025, 6, 13), "America/Los_Angeles", "Acme", "operator"),
             Text("story", "The outage began when a feature introduced on May 29 failed.\n\n"
                           "| 10:51 AM | Outage begins |\n| 6:18 PM | Full restoration confirmed |",
                  None, "America/Los_Angeles", "Paper", "press")]
    story = [r for r in draft_texts(texts, "acme", live=False).rows if r["source"] == "Paper" and len(r["time"]) > 10]
    assert sorted(r["time"] for r in story) == ["2025-06-12 10:51", "2025-06-12 18:18"]


def test_a_date_in_the_same_paragraph_still_dates_its_times():
    texts = [Text("status", "The incident began at 10:51 PDT on June 12, 2025 and ended at 18:18 PDT.",
                  date(2025, 6, 13), "America/Los_Angeles", "Acme", "operator"),
             Text("story", "A feature was deployed on May 29, and at 10:00 AM that morning it failed a first time.",
                  None, "America/Los_Angeles", "Paper", "press")]
    story = [r for r in draft_texts(texts, "acme", live=False).rows if r["source"] == "Paper" and len(r["time"]) > 10]
    assert [r["time"] for r in story] == ["2025-05-29 10:00"]


def test_the_day_a_statement_was_made_is_kept_beside_the_time_it_gives():
    # the sentence times the recovery (midnight); the day it was announced is the statement's, not dropped
    got = rows("The operator announced on Thursday 6 March 2025 that everything had been working normally since midnight.")
    assert got == [("communication", "2025-03-06", ""), ("recovery", "2025-03-06 00:00", "")]


def test_a_date_that_opens_its_sentence_dates_the_times_after_it():
    # no failure word and no time in its sentence: opening the sentence, the date is the story's day
    got = rows("On December 25, a configuration error showed users the pages of others. At 11:50 UTC the store failed.",
               published=date(2015, 12, 29))
    assert ("impact_start", "2015-12-25 11:50", "") in got


def test_a_later_time_of_the_recovery_in_one_text_is_a_step_of_its_own():
    # the recovery is the first time the service works again; "major services operational by 16:44" is a later step
    texts = [Text("review", "On March 8, 2023, at 06:03 UTC the platform went down. Initial recovery began by 09:13 UTC, "
                            "with major services operational by 16:44 UTC. Service was back for some users at 09:40 UTC.",
                  date(2023, 3, 20), "UTC", "Acme", "operator")]
    rows = [(r["kind"], r["event"], r["time"]) for r in draft_texts(texts, "acme", live=False).rows if r["time"]]
    assert ("recovery", "recovery", "2023-03-08 09:13") in rows
    assert ("recovery", "recovery", "2023-03-08 09:40") in rows  # within the hour: the same moment, told again
    [step] = [r for r in rows if r[2] == "2023-03-08 16:44"]
    assert step[0] == "other" and step[1] not in ("recovery", "resolution")


def test_a_window_after_a_length_in_its_sentence_still_ends_at_the_resolution():
    # "continued for 61 hours and 25 minutes from 1:35 a.m. on July 2 to 3 p.m. on July 4": the verb
    # before the length still says the incident lasted, so the window's end is its resolution
    got = rows("The situation continued for 61 hours and 25 minutes from 1:35 a.m. on July 2, 2022 to 3 p.m. on July 4.",
               published=date(2022, 7, 5))
    assert ("resolution", "2022-07-04 15:00", "") in got


def test_a_length_in_a_sentence_about_another_year_is_another_incident_s():
    got = rows("The exchange halted trading at 11:32 ET on 8 July 2015. In August 2013 the NASDAQ suffered a similar "
               "shutdown which lasted for 3 hours.", published=date(2015, 7, 9))
    assert got == [("impact_start", "2015-07-08 11:32", "")]


def test_the_operator_s_first_post_is_its_acknowledgement_when_no_text_says_otherwise():
    story = ("The outage started around 1:30PM ET on December 26, 2024, when reports began to spike. At 2PM ET, "
             "Acme posted an update to its status page, saying the API has high error rates. At 3:15PM ET Acme "
             "posted another update.")
    texts = [Text("story", story, date(2024, 12, 27), "America/New_York", "Paper", "press"),
             Text("copy", "Acme posted an update to its status page at 2PM ET on December 26, 2024, saying "
                          "error rates were high.", date(2024, 12, 27),
                  "America/New_York", "Wire", "press")]
    rows = [(r["kind"], r["event"], r["time"], r["source"]) for r in draft_texts(texts, "acme", live=False).rows]
    assert ("acknowledgement", "acknowledgement", "2024-12-26 14:00", "Paper") in rows
    assert ("acknowledgement", "acknowledgement", "2024-12-26 14:00", "Wire") in rows  # every text's claim of that time
    assert [r[0] for r in rows if r[2] == "2024-12-26 15:15"] == ["communication"]  # a later update stays one
    # a post a day after the impact began is a later update: the first went untimed
    later = Text("story", story.replace("At 2PM ET", "On December 27 at 2PM ET"), date(2024, 12, 28), "America/New_York",
                 "Paper", "press")
    rows = [(r["kind"], r["time"]) for r in draft_texts([later], "acme", live=False).rows]
    assert ("communication", "2024-12-27 14:00") in rows and not any(k == "acknowledgement" for k, _ in rows)


@pytest.mark.parametrize("stamp", ["Apr 13, 2016 09:31", "2016-04-13 09:31", "**Apr 13, 2016 09:31**"])
def test_a_time_alone_on_its_line_stamps_the_post_below_it(stamp):
    page = f"Date Time Description\n{stamp}\n\nSUMMARY:\nOn Monday, April 11, 2016, the network lost connectivity.\n"
    assert rows(page, date(2016, 4, 13), "America/Los_Angeles")[0] == ("communication", "2016-04-13 09:31", "")
    # a timeline's bare time heading, with no date, is no post's stamp (its entry may be the next line's)
    assert rows("Timeline (UTC)\n09:31 UTC\n10:07 UTC\nWe rolled back the deploy.\n")[0][0] == "other"
    # a time on a line with words of its own is read by them
    assert rows("At 09:31 on April 13, 2016 the network went down.\n", date(2016, 4, 13))[0][0] == "impact_start"


def test_what_lasted_ends_at_the_recovery_when_no_text_tells_one_apart():
    press = Text("story", "The problem lasted from 1pm to 11pm local time on Saturday 10 September 2016.",
                 date(2016, 9, 12), "Europe/Bucharest", "Paper", "press")
    other = Text("wire", "A test knocked out the bank's datacentre for 10 hours on 10 September 2016.",
                 date(2016, 9, 12), "Europe/Bucharest", "Wire", "press")
    rows = [(r["kind"], r["time"], r.get("offset_min", "")) for r in draft_texts([press, other], "bank", live=False).rows]
    assert ("recovery", "2016-09-10 23:00", "") in rows and ("recovery", "", "600") in rows
    assert not any(kind == "resolution" for kind, _, _ in rows)
    # a text that says the incident ended keeps its resolution
    ended = Text("status", "The incident began at 13:00 and ended at 23:00 on 10 September 2016.",
                 date(2016, 9, 12), "Europe/Bucharest", "Bank", "operator")
    rows = [(r["kind"], r["time"]) for r in draft_texts([ended], "bank", live=False).rows]
    assert ("resolution", "2016-09-10 23:00") in rows


def test_a_deadline_is_a_live_event_s_end_and_its_time_is_the_end_s():
    text = "The registration site crashed two hours before the midnight deadline on 7 June 2016."
    got = [(r["kind"], r["event"], r["time"], r.get("relative_to", ""), r.get("offset_min", ""))
           for r in draft(text, Context(date(2016, 6, 8), "Europe/London"), Cells("x", "Paper", live=True)).rows]
    assert got[0][:2] == ("impact_start", "impact-start") and got[0][3:] == ("end", "-120")
    assert got[1][:2] == ("end", "end") and got[1][2].endswith("00:00")  # the deadline's own time


def test_an_update_stamp_on_a_line_of_its_own_heads_the_update_below_it():
    blog = ("Yahoo Mail went down on Monday, December 9th at 10:27 p.m. PT.\n\nUpdate 12/14/13 10:40 am PST\n"
            "Here are the updates:\n- Account access: most users have been restored\n\n"
            "+ Update 12/13/13 5:00 pm PST\nWe have posted an update on the blog.\n")
    assert rows(blog, date(2013, 12, 15), "America/Los_Angeles")[1:] == [
        ("recovery", "2013-12-14 10:40", "not_after"),  # what its body says was reached by then
        ("communication", "2013-12-13 17:00", "not_after")]  # a body that says nothing more: an update posted then


def test_a_status_word_and_stamp_on_their_own_line_head_the_update_below():
    page = ("Update timeline\n- investigating May 11, 2021, 02:35 AM UTC\nThe portal is down. We are investigating.\n"
            "- investigating May 11, 2021, 03:40 AM UTC\nAccess to the portal has been restored. We are still "
            "investigating the API.\n- investigating May 11, 2021, 04:52 AM UTC\nLogs are being restored.\n"
            "- monitoring May 11, 2021, 07:47 AM UTC\nWe have implemented workarounds.\n"
            "- resolved May 11, 2021, 03:42 PM UTC\nThis incident has been resolved.\n")
    assert rows(page, date(2021, 5, 12)) == [
        ("acknowledgement", "2021-05-11 02:35", ""),  # the status word's kind, posted then
        ("recovery", "2021-05-11 03:40", "not_after"),  # what the update says was reached by then
        ("communication", "2021-05-11 04:52", ""),  # "being restored": not yet
        ("mitigation", "2021-05-11 07:47", ""), ("resolution", "2021-05-11 15:42", "")]


@pytest.mark.parametrize("text, day", [
    ("Three weeks ago the site went down.", "2020-08-28"),
    ("The site went down two days ago.", "2020-09-16"),
    ("Il y a trois semaines, le site est tombé en panne.", "2020-08-28"),
    ("Vor drei Tagen kam es zu einer Störung.", "2020-09-15"),
    ("Hace tres semanas la web se cayó.", "2020-08-28"),
    ("Tre settimane fa il sito è andato in tilt per un guasto.", "2020-08-28"),
    ("Twee dagen geleden was er een storing.", "2020-09-16"),
])
def test_days_ago_count_back_from_the_day_of_writing(text, day):
    assert rows(text, date(2020, 9, 18), "Europe/Rome") == [("impact_start", day, "")]


def test_a_length_ago_needs_its_word_and_a_day_unit():
    assert rows("The site went down three hours ago.", date(2020, 9, 18)) == []  # no day to count back to
    assert rows("Three weeks the site was down.", date(2020, 9, 18)) == []


@pytest.mark.parametrize("text", ["El pasado jueves la web se cayó.", "El jueves pasado la web se cayó.",
                                  "Jeudi dernier le site est tombé en panne.", "Letzten Donnerstag kam es zu einer Störung.",
                                  "Giovedì scorso il sito è andato in tilt per un guasto.",
                                  "Afgelopen donderdag was er een storing.", "Last Thursday the site went down."])
def test_last_weekday_in_every_language_is_never_the_day_of_writing(text):
    assert rows(text, date(2020, 9, 17), "Europe/Rome") == [("impact_start", "2020-09-10", "")]  # published a Thursday


@pytest.mark.parametrize("text, tz", [("Alle 6 del mattino del Pacifico il negozio è crollato per un guasto.", "PT"),
                                      ("A las 6 de la mañana hora del Pacífico la web se cayó.", "PT"),
                                      ("Um 6 Uhr Pazifikzeit kam es zu einer Störung.", "PT")])
def test_us_zones_as_the_press_abroad_writes_them(text, tz):
    [(kind, time, bound)] = rows(text, date(2020, 9, 17), "Europe/Rome")
    assert time == "2020-09-17 06:00" and kind == "impact_start"
    assert draft(text, Context(date(2020, 9, 17), "Europe/Rome"), Cells("x", "s", live=False)).rows[0]["tz"] == tz


def test_the_named_cause_s_own_all_clear_is_not_the_incident_s():
    page = ("At 01:30am PDT on July 28, 2020, our ingest began failing. The outage was triggered by AWS Route53 "
            "suffering lookup failures. Our hosts were moved by 03:15am PDT and ingest recovered. "
            "AWS declared the outage resolved at 04:37am PDT.")
    rows = [(r["kind"], r["event"], r["time"]) for r in
            draft_texts([Text("status", page, date(2020, 7, 28), "America/Los_Angeles", "Acme", "operator")], "acme",
                        live=False).rows]
    assert ("other", "aws-resolution", "2020-07-28 04:37") in rows
    assert not any(kind == "resolution" for kind, _, _ in rows)
    # a text that names no cause keeps a statement's resolution
    plain = page.replace("The outage was triggered by AWS Route53 suffering lookup failures. ", "")
    rows = [(r["kind"], r["time"]) for r in
            draft_texts([Text("status", plain, date(2020, 7, 28), "America/Los_Angeles", "Acme", "operator")], "acme",
                        live=False).rows]
    assert ("resolution", "2020-07-28 04:37") in rows


def test_a_label_does_not_begin_with_the_bracket_that_closed_its_time():
    assert label_of(("Excessive CPU (", "): Internal metrics alerts fired")) == "Internal metrics alerts fired"


def test_a_status_page_s_first_post_bounds_the_impact_when_no_text_times_it():
    # as `import statuspage` reads a page: users were hit by the time it opened its incident
    page = ("Resolved -\nNormal operations restored.\nMar 13, 10:16 MDT\n"
            "Investigating -\nWe are observing increased error rates across the web application.\nMar 13, 07:00 MDT\n")
    status = Text("status", page, date(2025, 3, 13), "America/Denver", "Acme", "operator")
    got = [(r["kind"], r["event"], r["time"], r["bound"]) for r in draft_texts([status], "acme", live=False).rows]
    assert ("impact_start", "impact-start", "2025-03-13 07:00", "not_after") in got
    assert ("acknowledgement", "acknowledgement", "2025-03-13 07:00", "") in got
    # a text that times the start leaves it to that text
    story = Text("story", "Logins began failing at 6:40 a.m. MDT on March 13, 2025.", date(2025, 3, 13),
                 "America/Denver", "Paper", "press")
    got = [(r["kind"], r["time"], r["bound"]) for r in draft_texts([status, story], "acme", live=False).rows]
    assert [g for g in got if g[0] == "impact_start"] == [("impact_start", "2025-03-13 06:40", "")]


def test_a_text_with_no_date_reads_its_times_on_the_day_the_other_texts_give():
    # no date written and none given: alone it drafts nothing dated; beside a dated text, the incident's day, said
    dated = Text("wire", "The video site went down at 9:20 p.m. ET on October 16, 2018.", date(2018, 10, 17),
                 "America/New_York", "Wire", "press")
    undated = Text("blog", "Users saw the site go down around 9:20PM ET. At 11:01PM ET it was restored.", None,
                   "America/New_York", "Blog", "press")
    alone = draft_texts([undated], "yt", live=False).rows
    assert [r["time"] for r in alone if r["time"]] == []
    rows = [r for r in draft_texts([dated, undated], "yt", live=False).rows if r["source"] == "Blog"]
    assert [(r["kind"], r["time"]) for r in rows] == [("impact_start", "2018-10-16 21:20"), ("recovery", "2018-10-16 23:01")]
    assert "the other texts' day" in rows[0]["note"]  # the next is read near it


@pytest.mark.parametrize("clause, label", [
    (("According to DownDetector, reports of issues began pouring in around ", "."), "Reports of issues began pouring in"),
    (("The outage began at ", ", according to Downdetector."), "The outage began"),
    (("Per the company, the site went down at ", "."), "The site went down")])
def test_a_label_says_what_happened_not_who_said_it(clause, label):
    assert label_of(clause) == label


def test_a_field_label_above_a_time_alone_on_its_line_is_what_the_time_is():
    # a review's header copied as lines: "Incident Start" above its value, not "Incident Resolved" below it
    page = ("Incident Start\n2025-05-14 14:02 UTC\nIncident Resolved\n2025-05-14 14:20 UTC\nTimeline\n"
            "14:02\nLatency p95 alert fires on the dashboard\nAlertmanager\n14:14\nRolls back the indexer\n@oncall\n")
    assert rows(page, date(2025, 5, 15)) == [
        ("impact_start", "2025-05-14 14:02", ""), ("resolution", "2025-05-14 14:20", ""),
        ("detection", "2025-05-14 14:02", ""), ("mitigation", "2025-05-14 14:14", "")]
