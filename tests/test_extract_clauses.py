"""The kind and bound of a drafted claim from its clause's structure: a state that lasts at a time
("remained down as of 10 p.m.") places the recovery after it; a statement that something is done
("as of T, all customers have been restored") places it by then; a full recovery is the resolution.
Each row is (kind, time or relative_to+offset, until, bound, ±)."""

from datetime import date

import pytest

from incident.extract.draft import Cells, draft
from incident.timetext.forecasts import forecast_in
from incident.timetext.kinds import classify
from incident.timetext.days import Context, after_byline


def rows(text: str, live: bool | None = False, published: date = date(2025, 3, 5), tz: str | None = "UTC"):
    result = draft(text, Context(published, tz), Cells("x", "Acme", "press", "", {}, live=live))
    return [(r["kind"], r["time"] or f"{r['relative_to']}{int(float(r['offset_min'])):+d}", r["until"], r["bound"],
             r["uncertainty_min"]) for r in result.rows]


@pytest.mark.parametrize("lasting", ["still", "remained", "remain", "remains", "stayed"])
@pytest.mark.parametrize("state", ["down", "disrupted", "offline", "unavailable", "inaccessible"])
def test_a_state_that_lasts_at_a_time_places_the_recovery_after_it(lasting, state):
    text = f"Despite the promises, the payment system {lasting} {state} as of 10 p.m. on 4 March 2025."
    assert rows(text) == [("recovery", "2025-03-04 22:00", "", "not_before", "")]


def test_a_clause_with_no_cue_but_a_lasting_state_is_still_read():
    # no cue word at all beside the lasting state: the state alone says the recovery came later
    guess = classify(("the website stayed inaccessible as of ", ", leaving shops to take cash"), live=False)
    assert (guess.kind, guess.bound) == ("recovery", "not_before")


def test_a_state_that_ended_is_no_lasting_state():
    assert rows("The site went down at 09:00 on 4 March 2025.") == [("impact_start", "2025-03-04 09:00", "", "", "")]


@pytest.mark.parametrize("words", ["full recovery was confirmed", "the service fully recovered", "it was completely restored",
                                   "full restoration was reached"])
def test_a_recovery_said_to_be_whole_is_the_resolution(words):
    got = rows(f"The site was back online for some users at 16:02 UTC on 4 March 2025. At 18:18 UTC {words}.")
    assert [g[0] for g in got] == ["recovery", "resolution"]


@pytest.mark.parametrize("words", ["Service was fully restored", "All customers were restored"])
def test_a_whole_recovery_with_no_recovery_before_it_is_the_first_recovery(words):
    # "fully restored at 11:40" alone: the first time it works again (time to recover needs it)
    assert rows(f"The outage began at 09:02 UTC on 4 March 2025. {words} at 11:40 UTC.") == [
        ("impact_start", "2025-03-04 09:02", "", "", ""), ("recovery", "2025-03-04 11:40", "", "", "")]


@pytest.mark.parametrize("words", ["all customers were restored", "every region was back online"])
def test_a_recovery_of_everything_is_the_resolution(words):
    got = rows(f"The site was back online for some users at 16:02 UTC on 4 March 2025. At 18:18 UTC {words}.")
    assert [g[0] for g in got] == ["recovery", "resolution"]


@pytest.mark.parametrize("words", ["all systems fully recovered except the mobile app",
                                   "everything was only starting to get back to normal",
                                   "full recovery was under way, partially"])
def test_a_recovery_with_an_exception_or_a_beginning_is_not_the_end(words):
    assert rows(f"At 18:18 UTC on 4 March 2025 {words}.")[0][0] == "recovery"


@pytest.mark.parametrize("text, kind", [
    ("As of Apr 18, 2025, 23:57 UTC, all customers impacted by the outage have been restored.", "resolution"),
    ("As of 23:57 UTC on 18 April 2025, the impacted payment service has been restored.", "recovery"),
    ("As of 23:57 UTC on 18 April 2025, the team has rolled back the faulty release.", "mitigation"),
])
def test_a_state_reported_done_as_of_a_time_happened_by_then(text, kind):
    first = "Service was back online for some customers at 20:00 UTC on 18 April 2025.\n" if kind == "resolution" else ""
    got = rows(first + text, published=date(2025, 4, 19))
    assert got[-1] == (kind, "2025-04-18 23:57", "", "not_after", "")


def test_as_of_a_time_with_nothing_done_is_no_bound():
    # a state in progress, not done: the time is when it was so, no bound
    got = rows("As of 23:57 UTC on 18 April 2025, the site is starting to come back online.", published=date(2025, 4, 19))
    assert got == [("recovery", "2025-04-18 23:57", "", "", "")]


@pytest.mark.parametrize("words", ["the site started to come back online", "engineers began to see recovery",
                                   "services were beginning to return to normal"])
def test_a_start_of_a_recovery_is_the_recovery_not_the_impact(words):
    assert rows(f"At 18:18 UTC on 4 March 2025 {words}.")[0][0] == "recovery"


@pytest.mark.parametrize("other", ["1 p.m. GMT", "13:00 UTC", "2 p.m. BST"])
def test_a_time_restated_in_another_zone_in_parentheses_lends_it_no_zone(other):
    # the text writes Tokyo time; the parenthesis is the same instant elsewhere: one claim, in the text's zone
    text = f"Phone services remain disrupted as of 10 p.m. on 3 July 2022 ({other}), the carrier said."
    got = rows(text, published=date(2022, 7, 3), tz="Asia/Tokyo")
    assert got == [("recovery", "2022-07-03 22:00", "", "not_before", "")]


@pytest.mark.parametrize("verb", ["continued for", "persisted for", "lasted for", "went on for"])
def test_a_window_said_to_last_is_its_impact_start_and_its_resolution(verb):
    text = f"The situation {verb} 61 hours and 25 minutes from 1:35 a.m. on July 2 to 3 p.m. on July 4."
    got = rows(text, published=date(2022, 7, 28), tz="Asia/Tokyo")
    assert [g for g in got if g[1][:4].isdigit()] == [("impact_start", "2022-07-02 01:35", "", "", ""),
                                                      ("resolution", "2022-07-04 15:00", "", "", "")]


def test_a_time_right_after_a_relative_figures_anchor_is_the_anchors_time():
    text = "Services remain down as of 10 p.m. on 3 July 2022, more than 40 hours after the problem started around 1:35 a.m. Saturday."
    got = rows(text, published=date(2022, 7, 3), tz="Asia/Tokyo")
    assert ("impact_start", "2022-07-02 01:35", "", "", "5") in got
    assert ("recovery", "impact-start+2400", "", "not_before", "") in got


def test_the_words_after_an_anchors_time_speak_of_the_relative_figure():
    text = "The telecast began at 9 p.m. ET on 26 August 2017. Hours into the 9 p.m. ET telecast, the league acknowledged the issues."
    got = rows(text, live=True, published=date(2017, 8, 27), tz=None)
    assert any(g[0] == "acknowledgement" and "+" in g[1] for g in got)


@pytest.mark.parametrize("trying", ["testing a possible", "evaluating a potential", "preparing a", "exploring a"])
@pytest.mark.parametrize("fix", ["revert", "rollback", "failover"])
def test_a_fix_still_being_tried_is_an_update_not_a_mitigation(trying, fix):
    guess = classify(("At ", f", we are {trying} {fix} of the change."), live=False)
    assert guess.kind == "communication"
    assert classify(("At ", f", we completed the {fix} of the change."), live=False).kind == "mitigation"


@pytest.mark.parametrize("failure", ["elevated errors", "the outage", "degraded performance"])
def test_working_on_a_failure_is_the_operator_acknowledging_it_not_its_start(failure):
    assert classify(("At ", f", we are working to address {failure} on the API."), live=False).kind == "acknowledgement"
    assert classify(("At ", f", customers saw {failure} on the API."), live=False).kind == "impact_start"


@pytest.mark.parametrize("declared", ["consider the incident resolved", "the incident is now resolved",
                                      "this issue has been resolved"])
def test_an_incident_declared_resolved_is_the_resolution_beside_a_recovery(declared):
    guess = classify(("As of ", f" we no longer observe errors and {declared}."), live=False)
    assert guess.kind == "resolution"
    assert classify(("As of ", " we no longer observe errors on most hosts."), live=False).kind == "recovery"


@pytest.mark.parametrize("cause", ["was caused by a configuration change", "had an internal root cause",
                                   "came from an attack on its servers"])
def test_a_statement_of_the_cause_is_a_cause_claim(cause):
    assert classify(("In a statement at ", f", the company said the outage {cause}."), live=False).kind == "cause"
    assert classify(("In a statement at ", ", the company said the outage affected all users."),
                    live=False).kind == "acknowledgement"


@pytest.mark.parametrize("whole", ["fully mitigated", "completely mitigated"])
def test_a_failure_wholly_mitigated_is_the_resolution(whole):
    text = f"Most regions came back online at 09:00 on 4 March 2025. The packet loss was {whole} at 12:42."
    assert [r[0] for r in rows(text)] == ["recovery", "resolution"]


@pytest.mark.parametrize("past", ["wasn't", "was not", "weren't", "didn't get"])
def test_a_past_not_until_is_when_it_happened(past):
    assert rows(f"Service {past} restored until 14:00 on 4 March 2025.")[0][1:4] == ("2025-03-04 14:00", "", "")
    assert rows("There will be no update until 14:00 on 4 March 2025.") == []  # a promise: no claim


def test_the_past_done_by_an_able_subject_is_a_recovery():
    assert rows("We were able to restore full service by 14:25 on 4 March 2025.")[0][0] in ("recovery", "resolution")
    assert rows("We were able to restore full service by 14:25 on 4 March 2025.")[0][3] == "not_after"


def test_an_outage_that_ended_at_a_time_is_resolved_then():
    got = rows("Incident began at 2025-03-04 10:51 and ended at 2025-03-04 18:18.")
    assert [r[0] for r in got] == ["impact_start", "resolution"]
    assert classify(("We ", " ended up restoring a backup."), live=False).kind != "resolution"
    assert classify(("The fight ended at ", "."), live=True).kind == "end"  # a live event's end is its own kind


@pytest.mark.parametrize("statement", ["the first status page update indicating an issue",
                                       "first announced the technical issue", "the first statement from the company"])
def test_the_first_statement_is_the_acknowledgement(statement):
    assert classify((f"Acme posted {statement} at ", "."), live=False).kind == "acknowledgement"


def test_a_later_statement_on_the_status_page_is_a_communication():
    assert classify(("Acme wrote on its status page at ", " that engineers were still at work."),
                    live=False).kind == "communication"


def test_an_incident_made_public_is_acknowledged():
    assert classify(("We made it a public incident shortly thereafter at ", "."), live=False).kind == "acknowledgement"


@pytest.mark.parametrize("failure", ["The site was down for about 20 minutes", "The ticketing site was offline for about 20 minutes"])
def test_a_live_event_s_failure_that_lasted_counts_from_the_impact_and_places_the_recovery(failure):
    assert rows(f"Sales opened on 4 March 2025. {failure}, leaving fans in a queue.", live=True)[-1][:2] == \
        ("recovery", "impact-start+20")


def test_a_live_event_s_own_length_still_places_its_end():
    assert rows("The concert on 4 March 2025 lasted about 3 hours.", live=True)[-1][:2] == ("end", "recovery+180")


@pytest.mark.parametrize("who", ["services impacted by the event", "customers affected by the outage",
                                 "the towns affected by the fault"])
def test_a_failure_word_that_names_who_was_hit_is_not_the_failure_at_that_time(who):
    # "services impacted by the event were restored": the participle says which services, the verb what happened
    assert rows(f"At 10:00 on 4 March 2025, {who} were restored.") == [("recovery", "2025-03-04 10:00", "", "", "")]
    assert rows(f"More than 24 hours after the outage began, {who} were restored.")[0][:2] == ("recovery", "impact-start+1440")


@pytest.mark.parametrize("verb", ["were impacted by", "were badly affected by", "had been affected by", "got hit by"])
def test_a_failure_word_as_the_verb_is_still_the_failure(verb):
    assert rows(f"At 10:00 on 4 March 2025, shops {verb} the outage.")[0][:2] == ("impact_start", "2025-03-04 10:00")


def test_an_event_said_by_a_day_and_on_that_day_is_one_claim_on_that_day():
    # the first post also speaks to the reader (a statement: back by then), the second says it is coming back that day
    text = ("We’re coming back online! Thank you for your patience and we apologize to everyone. — Acme App (@acmeapp) "
            "March 4, 2025\n\nThe website is slowly but surely coming back now – sorry for the wait! — Acme Comms "
            "(@acmecomms) March 4, 2025\n")
    assert rows(text) == [("recovery", "2025-03-04", "", "", "")]


@pytest.mark.parametrize("clause", [("By ", " New York time, service had not been restored."),
                                    ("Service wasn't back up as of ", "."),
                                    ("As of ", ", customers have not yet been restored."),
                                    ("At ", " the app still had not recovered.")])
def test_a_recovery_said_not_yet_done_at_a_time_came_after_it(clause):
    guess = classify(clause, live=False)
    assert (guess.kind, guess.bound) == ("recovery", "not_before")


@pytest.mark.parametrize("sentence", ["The site was not restored until 14:00 on 4 March 2025.",
                                      "At 14:00 on 4 March 2025 the site was restored."])
def test_a_recovery_at_a_time_is_at_it(sentence):
    assert rows(sentence) == [("recovery", "2025-03-04 14:00", "", "", "")]


def test_a_date_in_a_sentence_of_a_frozen_market_dates_the_times_after_it():
    text = ("The exchange was frozen for several hours yesterday after a new platform launched. "
            "The index was first halted at around 10.30am and stayed closed.")
    got = rows(text, published=date(2020, 11, 17), tz="Australia/Sydney")
    assert [g[1] for g in got if not g[1].startswith("impact-start")] == ["2020-11-16 10:30"]


@pytest.mark.parametrize("sentence", ["The game launched at midnight Pacific time on 15 May 2012 for North America.",
                                      "Tickets went on sale at 9am on 6 October 2013.",
                                      "The show premiered at 8pm on 15 May 2012."])
def test_a_live_event_launched_at_a_time_is_its_scheduled_start(sentence):
    assert rows(sentence, live=True, tz="America/Los_Angeles")[0][0] == "scheduled_start"


@pytest.mark.parametrize("sentence", ["Stocks stopped trading just around 11:32 a.m. on 8 July 2015.",
                                      "The index was first frozen at around 10.30am on 16 November 2020.",
                                      "On March 2, 2020 at 9:33 AM ET, we had instability in part of our infrastructure."])
def test_a_market_that_stopped_or_froze_failed_then(sentence):
    assert rows(sentence, tz="America/New_York")[0][0] == "impact_start"


@pytest.mark.parametrize("sentence", ["The site had not been restored by 4 p.m. on 4 March 2025.",
                                      "By 4 p.m. on 4 March 2025, service had not been restored."])
def test_not_restored_by_a_time_is_still_down_then(sentence):
    assert rows(sentence) == [("recovery", "2025-03-04 16:00", "", "not_before", "")]


def test_in_an_outage_users_reporting_problems_at_a_time_are_its_impact():
    text = "Users began reporting problems with the app at around 3 a.m. on 25 October 2022."
    assert rows(text, tz="America/New_York")[0][0] == "impact_start"
    assert rows(text, live=True, tz="America/New_York")[0][0] == "report"  # a live event's viewers: reports


@pytest.mark.parametrize("before, after", [
    ("At ", ", the lights flicked off on the side of the stadium."),
    ("The power went out at ", "."),
    ("- From ", " – Connections failures"),
    ("The scoreboard ceased operations at ", "."),
    ("A blackout hit the stadium at ", "."),
])
def test_a_blackout_or_failures_at_a_time_is_the_impact(before, after):
    assert classify((before, after), live=False).kind == "impact_start"


@pytest.mark.parametrize("before, after, kind", [
    ("At ", " the outage was fixed.", "recovery"),
    ("At ", " the outage was resolved.", "resolution"),
    ("At ", " the outage began and was fixed later.", "impact_start"),  # a start named: the failure's start
])
def test_a_failure_named_then_said_to_be_fixed_is_its_end(before, after, kind):
    assert classify((before, after), live=False).kind == kind


def test_an_alarm_number_is_no_alarm():
    assert classify(("Het alarmnummer was ", " onbereikbaar."), live=False).kind == "impact_start"


@pytest.mark.parametrize("before, after", [
    ("Workflow runs are processing normally, though jobs queued before ", " may still experience failures."),
    ("yes, deploy 4512 went out at ", ", pool config change"),
])
def test_a_failure_that_may_happen_or_a_deploy_that_went_out_is_no_impact(before, after):
    assert classify((before, after), live=False).kind != "impact_start"


def test_a_date_after_a_comma_belongs_to_the_time_before_it():
    text = "At approximately 01:30 UTC, on May 30, 2015, the power utility experienced an outage affecting our datacenter."
    result = draft(text, Context(date(2015, 6, 1), "UTC"), Cells("x", "S", "operator", "", {}, False))
    assert [(r["kind"], r["time"]) for r in result.rows] == [("impact_start", "2015-05-30 01:30")]


@pytest.mark.parametrize("text", ["PG&E gave an initial ETR for restoration of utility power of 04:30 UTC.",
                                  "The estimated time of restoration is 04:30 UTC.",
                                  "The restoration was later revised to 05:00 UTC.",
                                  "The team set a target of full restoration by 04:30 UTC.",
                                  "Mitigation is targeted for 04:30 UTC."])
def test_an_estimated_time_of_restoration_is_a_forecast(text):
    result = draft(text, Context(date(2015, 6, 1), "UTC"), Cells("x", "S", "operator", "", {}, False))
    assert result.rows == [] and "forecast" in result.skipped[0]


def test_a_time_joined_to_a_forecast_is_a_forecast_too():
    text = "PG&E gave an ETR of 04:30 UTC. This was later revised to 05:00 UTC and then 06:30 UTC. Power was restored at 06:05 UTC."
    result = draft(text, Context(date(2015, 6, 1), "UTC"), Cells("x", "S", "operator", "", {}, False))
    assert [(r["kind"], r["time"][11:]) for r in result.rows] == [("recovery", "06:05")]
    assert sum("forecast" in said for said in result.skipped) == 3


@pytest.mark.parametrize("words, kind", [("Initial recovery began", "recovery"), ("Restoration started", "recovery"),
                                         ("The rollback started", "mitigation"), ("A failover began", "mitigation"),
                                         ("Restoration work began", "other"), ("Recovery efforts started", "other")])
def test_what_began_is_named_before_its_start_word(words, kind):
    # in an outage a bare "began" is the failure's start; "recovery began" is the recovery's
    assert rows(f"{words} at 09:13 UTC on 4 March 2025.")[0][:2] == (kind, "2025-03-04 09:13")


@pytest.mark.parametrize("words", ["the site was back by", "traffic began improving around",
                                   "we started to see improvements at"])
def test_a_service_back_or_improving_is_its_recovery(words):
    got = rows(f"The app stopped working at 12:05 UTC on 4 March 2025 and {words} 14:15 UTC.")
    assert [g[0] for g in got] == ["impact_start", "recovery"]


@pytest.mark.parametrize("words, kind", [
    ("Service was restored for customers in Europe, Asia and Africa, at", "recovery"),
    ("Trading resumed on the main board, the largest, and on the second board, the smallest, just after", "recovery"),
    ("Letter on the service disruption, London, Chair of the Committee, on", "other")])
def test_the_verb_before_a_list_names_what_happened(words, kind):
    # commas of a list or an apposition between the verb and the time: the verb still says what happened;
    # a failure word past them is no impact start of its own
    got = rows(f"{words} 3 p.m. on 4 March 2025.")
    assert (got[0][0] if got else None) == kind


@pytest.mark.parametrize("words, kind", [
    ("We were made aware of issues with login at", "detection"),  # the failure is what the cue's verb is about
    ("Engineers started implementing fixes to critical systems at", "mitigation"),
    ("We started rolling back the change at", "mitigation"),
    ("Users began to see errors at", "impact_start"),
    ("The company said it was hit by a cyberattack at", "impact_start"),  # a saying names no failure of its own
])
def test_a_failure_that_is_the_object_of_a_cue_is_not_the_start(words, kind):
    assert rows(f"{words} 18:12 UTC on 4 March 2025.")[0][:2] == (kind, "2025-03-04 18:12")


@pytest.mark.parametrize("words, kind", [
    # the operator's own action, started: no failure ("we … started distributing the new details")
    ("We brought the site into maintenance mode and started distributing the new connection details at", "other"),
    ("We started requeueing the stuck jobs at", "other"),
    ("We started seeing errors at", "impact_start"),  # a failure after the start word: it began then
    ("Our RabbitMQ instance had gone offline at", "impact_start"),
])
def test_what_the_operator_started_is_its_action_not_the_failure(words, kind):
    assert rows(f"{words} 18:22 UTC on 4 March 2025.")[0][:2] == (kind, "2025-03-04 18:22")


@pytest.mark.parametrize("words", ["the network lost connectivity", "users lost access to the site",
                                   "the exchange lost connection to its data centre", "customers lost service"])
def test_a_loss_of_connectivity_or_access_is_the_failure(words):
    assert rows(f"At 09:31 UTC on 4 March 2025 {words}.")[0][0] == "impact_start"


@pytest.mark.parametrize("text", ["We delayed moving the hosts back to the zone until 09:45 UTC on 4 March 2025.",
                                  "The team held off moving the hosts back until 09:45 UTC on 4 March 2025."])
def test_a_deed_held_back_until_a_time_was_done_then(text):
    assert rows(text) == [("other", "2025-03-04 09:45", "", "", "")]  # done then: no bound, no end of the failure


@pytest.mark.parametrize("words", ["users were still unable to log in", "customers were still complaining about errors",
                                   "some users were still reporting problems"])
def test_users_still_hit_at_a_time_place_the_recovery_after_it(words):
    assert rows(f"At 18:18 UTC on 4 March 2025 {words}.") == [("recovery", "2025-03-04 18:18", "", "not_before", "")]


@pytest.mark.parametrize("words", ["customers could not pay by card", "users were unable to log in"])
def test_users_unable_to_reach_the_service_is_the_failure(words):
    assert rows(f"At 09:31 UTC on 4 March 2025 {words}.")[0][0] == "impact_start"


@pytest.mark.parametrize("apostrophe", ["'", "’"])
def test_a_cue_with_an_apostrophe_is_read_whichever_apostrophe_is_written(apostrophe):
    assert rows(f"At 09:31 UTC on 4 March 2025 customers couldn{apostrophe}t pay by card.")[0][0] == "impact_start"


@pytest.mark.parametrize("said", ["in the afternoon", "in the evening", "on Thursday"])
@pytest.mark.parametrize("verb, kind", [("The disruption began", "impact_start"), ("Payments failed", "impact_start"),
                                        ("Service came back", "recovery")])
def test_a_time_set_after_a_day_and_a_comma_is_said_of_the_verb_before(said, verb, kind):
    # "began in the afternoon, around 3 p.m.": the clock says again when the verb before the comma happened,
    # on the day the text gave before it (the 24th), not the day it was published (the 25th)
    text = f"The card network failed on Thursday, July 24, 2025. {verb} {said}, around 3 p.m. EDT, the bank said."
    got = rows(text, published=date(2025, 7, 25), tz="America/New_York")
    assert (kind, "2025-07-24 15:00", "", "", "5") in got  # "around": ± 5 minutes


def test_a_title_naming_the_outage_and_its_date_is_no_claim():
    # "Microsoft 365 Outage, March 15th 2021": a heading's date after a comma, no verb that says it happened then
    assert rows("Mail Service Outage, March 3rd 2025\nThe vendor's status page said nothing.") == []


@pytest.mark.parametrize("same", ["(1900 GMT)", "(1900 UTC)", "(1900 hrs GMT)"])
def test_a_four_digit_time_beside_a_length_is_no_year(same):
    # "(1900 GMT)" is the same time in another zone, not the year 1900 of another incident's length
    got = rows(f"The outage began around 3 p.m. EDT {same} and lasted approximately 2.5 hours.",
               published=date(2025, 7, 25), tz="America/New_York")
    assert ("recovery", "impact-start+150", "", "", "15") in got  # "approximately": ± 10 %


def test_a_page_s_stamp_at_the_head_of_its_line_is_no_claim_a_report_published_in_a_sentence_is():
    stamp = rows("Published: Tue, 04 Mar 2025 16:04:49 GMT the site is down after an attack on its servers.")
    assert [r for r in stamp if r[1].startswith("2025-03-04 16:04")] == []
    text = "It was restored on 1 March,\nthe postmortem published yesterday said."
    assert not after_byline(text, text.index("yesterday"))  # a sentence's words, not a byline's
    assert after_byline("Last updated on 3 March 2025", len("Last updated on "))


@pytest.mark.parametrize("words", ["Service did not return until", "Service didn't return until", "Service didn’t return until"])
def test_a_return_not_made_until_a_time_is_made_then(words):
    assert rows(f"{words} 4 p.m. on 4 March 2025.") == [("recovery", "2025-03-04 16:00", "", "", "")]


@pytest.mark.parametrize("when", ["earlier this evening", "earlier today", "later that day"])
def test_a_length_before_earlier_this_evening_is_a_length_not_a_time_before(when):
    # "went down for about 1.5 hours earlier this evening": how long, then when; not 1.5 hours before something
    got = rows(f"The video service went down for about 1.5 hours {when}.")
    assert ("recovery", "impact-start+90", "", "", "15") in got


@pytest.mark.parametrize("text, words, minutes", [
    ("The site suffered a blackout of about three hours on 3 March 2025.", "about three hours", 180),
    ("Card payments did not work for about 90 minutes on 3 March 2025.", "for about 90 minutes", 90),
    ("Card payments didn't work for 20 minutes on 3 March 2025.", "for 20 minutes", 20),
    ("Les échanges ont été gelés le 3 mars 2025 par une panne d'environ trois heures.", "environ trois heures", 180)])
def test_a_length_after_its_outage_noun_or_a_failure_to_work_is_the_outage_s(text, words, minutes):
    result = draft(text, Context(date(2025, 3, 5), "UTC"), Cells("x", "Acme", "press", "", {}, live=False))
    lengths = [(r["as_reported"], r["relative_to"], r["offset_min"]) for r in result.rows if r.get("relative_to")]
    assert lengths == [(words, "impact-start", str(minutes))]
    # the day in the same sentence is the impact's, whichever comes first
    assert [(r["kind"], r["time"]) for r in result.rows if r["time"]] == [("impact_start", "2025-03-03")]


def test_a_length_of_a_meal_is_no_outage_s():
    assert rows("We had lunch for about 90 minutes on 3 March 2025.") == []


@pytest.mark.parametrize("words", ["card payments succeed as of", "we are seeing transactions succeeding again from",
                                   "payments were going through again by"])
def test_payments_succeeding_again_is_the_recovery(words):
    got = rows(f"After the network outage, {words} 7:40 pm on 4 March 2025.")
    assert got[0][0] == "recovery"


@pytest.mark.parametrize("words, kind", [
    ("Market participants were disconnected at", "impact_start"),
    ("A fire took down a storage unit at", "impact_start"),
    ("The securities market reopened at", "recovery"),
    ("The statement came before the reopening of trading at", "recovery")])
def test_disconnection_and_take_down_start_an_outage_a_market_reopening_ends_it(words, kind):
    assert rows(f"{words} 2:18 p.m. on 4 March 2025.")[0][:2] == (kind, "2025-03-04 14:18")


@pytest.mark.parametrize("words, kind", [
    ("A spokeswoman reported the outage began around", "impact_start"),
    ("According to the tracker, reports began pouring in around", "report"),
    ("The first public notice came via Facebook at", "acknowledgement")])
def test_a_saying_of_when_the_outage_began_is_its_start_reports_that_began_are_reports(words, kind):
    assert classify((f"{words} ", " on 4 March 2025."), live=False).kind == kind


def test_an_interrupted_website_names_the_outage_s_day_and_length():
    # "On March 7, the website was interrupted for about 90 minutes": the impact's day and its length
    got = rows("On March 7, the official website was interrupted for about 90 minutes due to an expired certificate.",
               published=date(2024, 4, 9))
    assert [g[:2] for g in got] == [("impact_start", "2024-03-07"), ("recovery", "impact-start+90")]


@pytest.mark.parametrize("clause, kind", [
    (("Debuting ", ", the launch day was met with a cacophony of complaints."), "scheduled_start"),
    (("Problems began ", ", users reported."), "impact_start"),
    (("Users began reporting problems ", "."), "report")])
def test_complaints_in_another_clause_do_not_make_a_start_a_report(clause, kind):
    # the reports that began are the start word's own subject; complaints after the comma are another clause's
    assert classify(clause, live=kind != "impact_start").kind == kind


def test_full_mitigation_confirmed_is_the_recovery():
    # a cloud review's "full mitigation was confirmed at 01:30 UTC": the impact ended then, not a first fix
    assert rows("Full mitigation was confirmed at 01:30 UTC on 5 March 2025.")[0][:2] == ("recovery", "2025-03-05 01:30")


def test_a_restoration_still_expected_is_a_forecast_and_deploying_solutions_a_mitigation():
    # "We … still expect full restoration by Tuesday, November 26, 2024, at 3:00 AM UTC": no recovery then
    assert forecast_in(("We're addressing remaining issues and still expect full restoration ", "."))
    assert not forecast_in(("The unexpected outage began ", "."))
    got = rows("The company began deploying solutions to the affected systems around 9 AM on 4 March 2025.")
    assert got[0][:2] == ("mitigation", "2025-03-04 09:00")
