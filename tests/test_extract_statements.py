"""What a statement's words say of its time: an aim is no deed ("focused on resolving the issue"),
whoever is left is no failure ("advised anyone still offline to restart"), what came before is no
event of the time ("following the restoration of service the previous night"), a tally's span is no
length of the outage; and a moment said twice over in one sentence is one event."""

from datetime import date

import pytest

from incident.extract.draft import Cells, draft
from incident.timetext.days import Context


def drafted(text: str, published: date = date(2025, 3, 5), tz: str = "America/New_York", live: bool | None = False):
    return draft(text, Context(published, tz), Cells("x", "Acme", "press", "", {}, live=live))


def rows(text: str, **kwargs):
    return [(r["kind"], r["time"] or f"{r['relative_to']}{int(float(r['offset_min'])):+d}", r["bound"])
            for r in drafted(text, **kwargs).rows]


@pytest.mark.parametrize("aim", ["focused on resolving the issue", "working to resolve the problem",
                                 "committed to restoring service"])
def test_an_update_that_names_an_aim_says_nothing_was_resolved(aim):
    got = rows(f"By 2:14 PM ET on 4 March 2025, the company provided an update stating that its engineers remained {aim}.")
    assert got and got[0][0] not in ("resolution", "recovery")


def test_a_relative_time_between_commas_is_the_same_moment_as_the_clock_before_it():
    result = drafted("The outage began at 12:30 PM ET on 4 March 2025. At 9:00 PM ET, about eight hours after the "
                     "outage began, the company posted an apology on its website.")
    posted = [r for r in result.rows if r["kind"] == "communication"]
    assert [r["time"] or r["offset_min"] for r in posted] == ["2025-03-04 21:00", "480"]
    assert len({r["event"] for r in posted}) == 1 and posted[0]["label"].startswith("The company posted")


def test_an_outage_tracker_s_name_is_neither_a_detection_nor_a_failure():
    got = rows("Complaints appeared on the outage tracking website Down Detector at 12:30 PM ET on 4 March 2025.")
    assert got[0][0] != "detection"
    assert rows("Monitoring detected elevated errors at 12:30 PM ET on 4 March 2025.")[0][0] == "detection"


@pytest.mark.parametrize("text", [
    "The company said late on 4 March 2025 that service had been restored and advised anyone still offline to restart.",
    "At 11 p.m. on 4 March 2025 the company said service was back; those still seeing errors should reload the app."])
def test_whoever_is_still_hit_is_not_the_service_s_state(text):
    kind, _, bound = rows(text)[0]
    assert kind == "recovery" and bound == "not_after"
    # the service's own lasting state still says it was down then
    assert rows("At 11 p.m. on 4 March 2025, customers were still unable to log in.")[0][::2] == ("recovery", "not_before")


def test_what_followed_the_restoration_is_not_the_restoration():
    got = rows("On Thursday, following the restoration of service the previous night, the company announced "
               "a $20 credit for every account.", published=date(2025, 3, 7))
    assert all(kind != "recovery" for kind, _, _ in got)


@pytest.mark.parametrize("text", ["Downdetector said over 1 million outage reports were logged in 24 hours.",
                                  "The site counted 178,000 complaints within 15 minutes."])
def test_the_span_a_tally_was_counted_over_is_no_length_of_the_outage(text):
    result = drafted(text)
    assert result.rows == [] and "a count was made over" in result.skipped[0]
    assert rows("The outage lasted 24 hours.")[0][:2] == ("recovery", "impact-start+1440")


def test_a_part_of_the_day_alone_reads_on_the_day_the_text_last_named_not_on_a_lunchtime():
    text = ("On Wednesday, March 4, 2025, the network failed. The trouble began right around lunchtime, "
            "specifically 12:30 PM ET. The company declared the issue resolved at 10:15 PM ET. "
            "By late evening, the vast majority of devices had reconnected.")
    got = rows(text, published=date(2025, 3, 5))
    assert ("impact_start", "2025-03-04 12:30", "") in got
    assert ("recovery", "2025-03-04", "") in got


def test_a_headline_s_label_does_not_begin_with_a_possessive():
    result = drafted("Breaking Down Yesterday's Massive Network Outage")
    assert result.rows[0]["time"] == "2025-03-04" and result.rows[0]["label"] == "Massive Network Outage"


@pytest.mark.parametrize("text, time, zone", [
    ("The disruption began shortly after 14:00 French time on 16 April 2025.", "14:00", "Europe/Paris"),
    ("Problems began around 14:00 (Spanish peninsular time) on 16 April 2025.", "14:00", "Europe/Madrid"),
    ("The outage began at 9:00 Japan time on 16 April 2025.", "09:00", "Asia/Tokyo")])
def test_a_country_s_time_is_its_zone(text, time, zone):
    row = drafted(text, tz=None, published=date(2025, 4, 17)).rows[0]
    assert (row["time"], row["tz"]) == (f"2025-04-16 {time}", zone)


def test_local_time_with_no_zone_given_says_what_to_give():
    result = drafted("The disruption began around 2:00 PM local time on 16 April 2025.", tz=None, published=date(2025, 4, 17))
    assert "'local time' names no zone" in result.skipped[0]


def test_a_time_said_again_in_another_zone_does_not_hide_the_text_s_one_zone():
    result = drafted("Users could not stream from 6:20 AM ET on 16 April 2025. By 9:30 AM, reports had peaked, and by "
                     "11:45 AM ET (4:45 PM WEST) the company said all was clear.", tz=None, published=date(2025, 4, 17))
    assert [(r["time"], r["tz"]) for r in result.rows][:2] == [("2025-04-16 06:20", "ET"), ("2025-04-16 09:30", "ET")]


def test_working_to_resolve_far_after_a_start_does_not_make_it_an_investigation():
    got = rows("The disruption, which began shortly after 14:00 UTC on 16 April 2025, was confirmed by the company on "
               "its account on X, where it said engineers were actively working to resolve the issue.", published=date(2025, 4, 17))
    assert got[0][:2] == ("impact_start", "2025-04-16 14:00")
    assert rows("Engineers began investigating at 14:10 UTC on 16 April 2025.", published=date(2025, 4, 17))[0][0] == "acknowledgement"


def test_a_deed_got_round_to_is_done_not_aimed_at():
    got = rows("Update (5pm 11/03/2025): having finally got round to restoring the service to most users, the bank "
               "apologised.", tz="Europe/London", published=date(2025, 3, 12))
    assert got[0][0] == "recovery"


@pytest.mark.parametrize("text, kind, bound", [
    ('"Services have been restored," the company said at 4 p.m. on 4 March 2025.', "recovery", "not_after"),
    ("“We believe service has been restored,” a spokesperson told the paper just before noon on 4 March 2025.",
     "recovery", "not_after"),
    ('"We are aware of the issue and are investigating," the company tweeted at 9:15 a.m. on 4 March 2025.',
     "acknowledgement", ""),
    ("“We are working quickly to get the website back up,” the chain said in a statement at 9 p.m. on 4 March 2025.",
     "communication", "")])
def test_what_a_quote_before_its_speaker_says_is_what_was_said_at_the_time(text, kind, bound):
    assert rows(text)[0][::2] == (kind, bound)


def test_a_count_in_the_next_predicate_is_not_the_time_s_and_labels_drop_their_joiners():
    got = rows("The trouble began around 9 a.m. PT on 4 March 2025 and peaked when Downdetector tallied 178,284 outage "
               "reports in a single window.")
    assert got[0][0] == "impact_start"
    assert rows("At 20:00 on 4 March 2025 streams between Russia and Japan reached 60,000 customers.")[0][0] == "measurement"
    labels = [r["label"] for r in drafted("The trouble began right around lunchtime, specifically 12:30 PM ET on 4 March "
                                          "2025.").rows if r["time"].endswith("12:30")]
    assert labels == ["The trouble began right around lunchtime"]


def test_an_issue_with_a_system_that_caused_chaos_is_the_failure():
    got = rows("On August 28th, 2023—right in the middle of a public holiday—an issue with the air traffic control "
               "systems caused chaos across the country.", published=date(2023, 9, 12), tz="Europe/London")
    assert got == [("impact_start", "2023-08-28", "")]


@pytest.mark.parametrize("text", ["At 16:00 UTC on 4 March 2025 the company said the cause of the outage was not yet known.",
                                  '"De oorzaak is nog niet bekend", zegt een woordvoerder om 16.00 uur op 4 maart 2025.'])
def test_a_cause_said_not_yet_known_is_no_cause_claim(text):
    assert rows(text, tz="Europe/Amsterdam")[0][0] in ("communication", "acknowledgement")
    assert rows("At 16:00 UTC on 4 March 2025 the company said the outage was caused by a faulty router.")[0][0] == "cause"


@pytest.mark.parametrize("text", ["De oorzaak van de urenlange telefoonstoring van maandag is nog niet bekend.",
                                  "The cause of the outage of Monday is unknown.",
                                  "La cause de la panne de lundi reste inconnue."])
def test_the_failure_of_a_day_names_its_day(text):
    assert rows(text, published=date(2025, 3, 5)) == [("impact_start", "2025-03-03", "")]
