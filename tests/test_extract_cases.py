"""What a trial of `extract` on real outages got wrong, each as a small text of its kind: days
without a time, lengths, stamps, zones the text states, a status page's layout, what is not a time,
the wrong day, kinds, and a crash. Each row is (kind, time or relative_to+offset, until, bound, ±)."""

from datetime import date

import pytest

from incident.extract.draft import Cells, draft
from incident.timetext.days import Context


def rows(text: str, live: bool | None = False, published: date = date(2025, 3, 5), tz: str | None = None, near=None):
    result = draft(text, Context(published, tz, near=near), Cells("x", "Acme", "operator", "", {}, live=live))
    return [(r["kind"], r["time"] or f"{r['relative_to']}{int(float(r['offset_min'])):+d}", r["until"], r["bound"],
             r["uncertainty_min"]) for r in result.rows], result


@pytest.mark.parametrize("text, want", [
    # days without a time
    ("The site went down on Tuesday.", [("impact_start", "2025-03-04", "", "", "")]),
    ("Yesterday the payment service failed.", [("impact_start", "2025-03-04", "", "", "")]),
    ("The outage began on 7/1/2024 and was resolved on April 4th.",
     [("impact_start", "2024-07-01", "", "", ""), ("resolution", "2025-04-04", "", "", "")]),
    # lengths from the start, as precise as their unit
    ("The outage began at 09:00 UTC on 4 March 2025. It was a 47-minute outage.",
     [("impact_start", "2025-03-04 09:00", "", "", ""), ("recovery", "impact-start+47", "", "", "")]),
    ("The API failed at 09:00 UTC on 4 March 2025 and was restored in less than 8 minutes.",
     [("impact_start", "2025-03-04 09:00", "", "", ""), ("recovery", "impact-start+8", "", "not_after", "")]),
    ("The site went down at 09:00 UTC on 4 March 2025. Duration: 72 minutes.",
     [("impact_start", "2025-03-04 09:00", "", "", ""), ("recovery", "impact-start+72", "", "", "")]),
    ("The site went down at 09:00 UTC on 4 March 2025 for 3 hours 19 minutes.",
     [("impact_start", "2025-03-04 09:00", "", "", ""), ("recovery", "impact-start+199", "", "", "")]),
    ("Errors began at 09:00 UTC on 4 March 2025; recovery took approx. 1 hour.",
     [("impact_start", "2025-03-04 09:00", "", "", ""), ("recovery", "impact-start+60", "", "", "30")]),
    ("The alert fired at 09:00 UTC on 4 March 2025. Between 2 and 4 minutes later, the on-call engineer acknowledged it.",
     [("detection", "2025-03-04 09:00", "", "", ""), ("acknowledgement", "detection+2", "4", "", "")]),
    # stamps carry their own date
    ("Last week (2019-03-20) we changed a config.\n[04-11 02:50] alert fired on api-1",
     [("detection", "2019-04-11 02:50", "", "", "")]),
    # zones the text states
    ("Time (PDT): 12:08 PM – 1:30 PM (19:08 – 20:30 UTC) on 14 July 2025, the API returned errors.",
     [("impact_start", "2025-07-14 12:08", "", "", ""), ("recovery", "2025-07-14 13:30", "", "", "")]),
    ("(all times are US/Pacific) On 4 March 2025 at 12:08 the API failed.", [("impact_start", "2025-03-04 12:08", "", "", "")]),
    ("Errors on 4 March 2025.\n\n## Timeline (UTC)\n\n| 14:04 | Error rates began climbing |",  # a heading's zone
     [("impact_start", "2025-03-04 14:04", "", "", "")]),
    ("On 4 March 2025:\n\n| Time (UTC) | Event |\n|---|---|\n| 14:22 | The deploy was rolled back |",
     [("mitigation", "2025-03-04 14:22", "", "", "")]),
    # not times
    ("On 4 March 2025 we upgraded the cluster from 1.11 to 1.13 and the API failed at 09:00 UTC.",
     [("impact_start", "2025-03-04 09:00", "", "", "")]),
    ("The API failed at 09:00 UTC on 4 March 2025. Full restoration is expected by 7:40 p.m. UTC.",
     [("impact_start", "2025-03-04 09:00", "", "", "")]),
    ("The API failed at 09:00 UTC on 4 March 2025. We will share more information within 60 minutes.",
     [("impact_start", "2025-03-04 09:00", "", "", "")]),
    ("The API failed at 09:00 UTC on 4 March 2025. Next update by 12:45 UTC.", [("impact_start", "2025-03-04 09:00", "", "", "")]),
    # the right day
    ("On the evening of March 28, 2025, the service failed just before midnight ET.",  # a bound keeps the day beside it
     [("impact_start", "2025-03-28", "", "", ""), ("impact_start", "2025-03-29 00:00", "", "not_after", "")]),
    # kinds
    ("Starting at 10:40 UTC on 4 March 2025, the service was down.", [("impact_start", "2025-03-04 10:40", "", "", "")]),
    ("The service failed at 10:40 UTC on 4 March 2025 and reports began to flood in at 10:45 UTC.",
     [("impact_start", "2025-03-04 10:40", "", "", ""), ("report", "2025-03-04 10:45", "", "", "")]),
    ("At 10:50 UTC on 4 March 2025 engineers began the investigation.", [("acknowledgement", "2025-03-04 10:50", "", "", "")]),
    ("At 11:50 UTC on 4 March 2025 the issue was confirmed mitigated.", [("recovery", "2025-03-04 11:50", "", "", "")]),
    # a crash: a day-period date
    ("The outage began on 18. April 2022 23:57 UTC.", [("impact_start", "2022-04-18 23:57", "", "", "")]),
])
def test_what_a_trial_got_wrong(text, want):
    # each text read on a day after what it tells (a time after the publication is a time to come)
    later = {"04-11": date(2019, 4, 12), "2022": date(2022, 4, 19), "April 4th": date(2025, 4, 10), "14 July": date(2025, 7, 15),
             "March 28": date(2025, 3, 30)}
    published = next((day for words, day in later.items() if words in text), date(2025, 3, 5))
    got, _ = rows(text, tz="UTC" if "04-11" in text else None, published=published)
    assert [g for g in got if g[1][:4].isdigit() or "+" in g[1]] == want


def test_a_live_event_moved_is_its_schedule_and_never_its_new_time():
    got, result = rows("The concert, due at 10 a.m. ET on 4 March 2025, was pushed back from 10 a.m. to 3 p.m. ET.", live=True)
    assert got == [("scheduled_start", "2025-03-04 10:00", "", "", "")]
    assert any("a forecast or a promise" in s for s in result.skipped)


def test_a_weekday_in_a_text_written_months_later_is_the_incidents():
    got, _ = rows("At 16:45 UTC Sunday the database failed.", published=date(2025, 6, 10), near=date(2025, 3, 4))
    assert got == [("impact_start", "2025-03-02 16:45", "", "", "")]
    alone, _ = rows("At 16:45 UTC Sunday the database failed.", published=date(2025, 6, 10))
    assert alone == [("impact_start", "2025-06-08 16:45", "", "", "")]  # on its own: the Sunday before publication


def test_a_status_page_posted_line_belongs_to_the_update_above_it():
    page = ("Resolved - This incident has been resolved.\nPosted Mar 04, 2025 - 17:02 UTC\n\n"
            "Monitoring - A fix has been implemented.\nPosted Mar 04, 2025 - 16:40 UTC\n\n"
            "Investigating - We are investigating elevated errors.\nPosted Mar 04, 2025 - 15:58 UTC\n")
    got, _ = rows(page)
    assert got == [("resolution", "2025-03-04 17:02", "", "", ""), ("mitigation", "2025-03-04 16:40", "", "", ""),
                   ("acknowledgement", "2025-03-04 15:58", "", "", "")]


def test_a_timeline_whose_times_head_their_entries_reads_each_entry_below_its_time():
    # a support site's incident report: the time (and its twin in another zone) on a line, the update below it
    page = ("On March 4, 2025 from 10:54 UTC to 13:00 UTC, customers experienced difficulties logging in.\n\nTimeline\n"
            "12:15 UTC | 04:15 PT\nWe are aware of an issue that is preventing customers from logging in.\n"
            "12:33 UTC | 04:33 PT\nWe are continuing our investigation into the root cause.\n"
            "13:07 UTC | 05:07 PT\nWe have now rolled out a fix to all Pods to resolve the login issue.\n"
            "13:25 UTC | 05:25 PT\nWe no longer observe login errors in the backend.\n")
    got, result = rows(page)
    assert got == [("impact_start", "2025-03-04 10:54", "", "", ""), ("recovery", "2025-03-04 13:00", "", "", ""),
                   ("acknowledgement", "2025-03-04 12:15", "", "", ""), ("communication", "2025-03-04 12:33", "", "", ""),
                   ("mitigation", "2025-03-04 13:07", "", "", ""), ("recovery", "2025-03-04 13:25", "", "", "")]
    assert result.rows[2]["quote"] == "12:15 UTC | 04:15 PT We are aware of an issue that is preventing customers from logging in."
    assert result.rows[4]["label"].startswith("We have now rolled out a fix")
    # a time heading whose next line is the next heading has no words of its own
    bare, _ = rows("Timeline (UTC)\n12:15 UTC\n13:07 UTC\nWe rolled back the deploy.\n")
    assert [r[:2] for r in bare] == [("other", "2025-03-05 12:15"), ("mitigation", "2025-03-05 13:07")]


def test_a_pages_dateline_and_a_videos_length_are_no_claims():
    got, result = rows("09/08/2016 8:42 PM AEST | Updated 10/08/2016 7:37 AM AEST\n\nThe site crashed at 7:30pm AEST on 9 August 2016.\n"
                       "Watch: the minister explains (1:48)\n", published=date(2016, 8, 10), tz="AEST")
    assert got == [("impact_start", "2016-08-09 19:30", "", "", "")]
    assert any("date line" in s for s in result.skipped) and any("in parentheses" in s for s in result.skipped)


def test_another_incidents_time_is_not_this_ones():
    got, result = rows("The site failed at 10:40 UTC on 4 March 2025, as it did on October 31, 2010 at 10:58 ET.")
    assert got == [("impact_start", "2025-03-04 10:40", "", "", "")]
    assert any("another incident" in s for s in result.skipped)


def test_a_time_after_the_text_was_published_is_a_time_to_come():
    got, result = rows("The API failed at 09:00 UTC on 4 March 2025; the fix ships on 20 March.", published=date(2025, 3, 5))
    assert got == [("impact_start", "2025-03-04 09:00", "", "", "")]
    assert any("a time to come" in s for s in result.skipped) or not result.skipped


def test_a_label_does_not_end_in_the_word_that_led_to_its_time():
    _, result = rows("Checkout was fully restored at 14:41 UTC on 2 May 2024. Dana declared the incident at about 14:08 UTC.",
                     published=date(2024, 5, 3))
    assert [r["label"] for r in result.rows] == ["Checkout was fully restored", "Dana declared the incident"]


def test_a_later_acknowledgement_made_an_update_is_named_by_its_words_when_the_file_has_the_milestone():
    page = ("At 12:15 UTC we are aware of an issue preventing logins.\n"
            "At 12:33 UTC we are continuing to investigate the login errors.\n")
    events = {"acknowledgement": "acknowledgement"}  # the starter row `incident new` wrote
    result = draft(page, Context(date(2025, 3, 5)), Cells("x", "Acme", "operator", "", events, live=False))
    update = next(r for r in result.rows if r["kind"] == "communication")
    assert update["event"] == "continuing-investigate-login-errors" and update["label"].startswith("We are continuing to investigate")
