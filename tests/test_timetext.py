"""The time grammar: every form the importers and `extract` read, normalised by the zone rules of
events.csv, each guess named, nothing invented."""

from datetime import date, datetime, timezone

import pytest

from incident.timetext.days import Context
from incident.timetext.readings import read_times

AUGUST = Context(date(2024, 8, 13), "ET")


def one(text, context=AUGUST):
    found = [r for r in read_times(text, context)]
    assert len(found) == 1, [r.as_reported for r in found]
    return found[0]


def utc(reading):
    return datetime.fromtimestamp(reading.instant, timezone.utc).strftime("%Y-%m-%d %H:%M")


@pytest.mark.parametrize("text, local", [
    ("It began at 8:42 p.m. on Aug 12.", "2024-08-12 20:42"),
    ("It began at 8:42 P.M. on Aug 12.", "2024-08-12 20:42"),
    ("It began at 8:42pm on Aug 12.", "2024-08-12 20:42"),
    ("It began at 8pm on Aug 12.", "2024-08-12 20:00"),
    ("It began at 8 p.m on Aug 12.", "2024-08-12 20:00"),
    ("hold music stopped at 8.30pm on Aug 12", "2024-08-12 20:30"),
    ("It began at noon on Aug 12.", "2024-08-12 12:00"),
    ("It began at midnight on Aug 12.", "2024-08-12 00:00"),
    ("It began at 12 noon on Aug 12.", "2024-08-12 12:00"),
    ("It began at 20:42 on Aug 12.", "2024-08-12 20:42"),
    ("It began at 00:00 AM on Aug 12.", "2024-08-12 00:00"),
])
def test_clock_times_in_12_and_24_hour_forms(text, local):
    reading = one(text)
    assert (reading.time, reading.tz) == (local, "ET")
    assert "no zone written: read in ET (the text's zone)" in reading.notes


@pytest.mark.parametrize("words, tz, at_utc", [
    ("9:05 AM CDT", "CDT", "2025-07-14 14:05"),
    ("9:05 AM CST", "CT", "2025-07-14 14:05"),  # CST in July: the writer meant Chicago's clock
    ("09:05 MDT", "MDT", "2025-07-14 15:05"),
    ("9:05 a.m. Pacific", "PT", "2025-07-14 16:05"),
    ("9:05 a.m. Eastern", "ET", "2025-07-14 13:05"),
    ("9:05 a.m. Eastern Daylight Time", "EDT", "2025-07-14 13:05"),
    ("9:05 a.m. Central", "CT", "2025-07-14 14:05"),
    ("09:05 AEST", "AEST", "2025-07-13 23:05"),
    ("09:05 IST", "IST", "2025-07-14 03:35"),
    ("09:05 JST", "JST", "2025-07-14 00:05"),
    ("09:05 CEST", "CEST", "2025-07-14 07:05"),
    ("09:05 BST", "BST", "2025-07-14 08:05"),
    ("09:05 GMT+2", "", "2025-07-14 07:05"),
    ("09:05 UTC-07:00", "", "2025-07-14 16:05"),
    ("09:05 (UTC)", "UTC", "2025-07-14 09:05"),
    ("09:05Z", "UTC", "2025-07-14 09:05"),
    ("0905 UTC", "UTC", "2025-07-14 09:05"),
])
def test_zone_labels_and_names_dst_true_for_the_date(words, tz, at_utc):
    reading = one(f"On July 14, 2025, errors began at {words}.", Context(date(2025, 7, 20)))
    assert reading.tz == tz and utc(reading) == at_utc


def test_an_offset_zone_is_written_in_the_time_cell():
    reading = one("On July 14, 2025, errors began at 09:05 GMT+2.", Context(date(2025, 7, 20)))
    assert (reading.time, reading.tz) == ("2025-07-14 09:05+02:00", "")


def test_aedt_in_the_southern_summer():
    reading = one("On 8 November 2023 the network failed at 4:05am AEDT.", Context(date(2023, 11, 10)))
    assert (reading.time, utc(reading)) == ("2023-11-08 04:05", "2023-11-07 17:05")


@pytest.mark.parametrize("text, day", [
    ("The outage began at 10:05 UTC on 18 May 2020.", "2020-05-18"),
    ("The outage began at 10:05 UTC on May 22, 2021.", "2021-05-22"),
    ("On May 22, 2021 at 10:05 UTC the outage began.", "2021-05-22"),
    ("The outage began at 10:05 UTC on the 14th of July 2025.", "2025-07-14"),
    ("The outage began 2025-07-14 10:05 UTC.", "2025-07-14"),
    ("The outage began at 10:05 UTC on Tuesday.", "2025-07-15"),  # the Tuesday before Thursday 17 July
    ("The outage began yesterday at 10:05 UTC.", "2025-07-16"),
    ("The outage began at 10:05 UTC on Jul. 3.", "2025-07-03"),
])
def test_dates_beside_times_in_every_usual_order(text, day):
    assert one(text, Context(date(2025, 7, 17))).time[:10] == day


@pytest.mark.parametrize("text, day", [
    ("The outage began at 10:05 UTC on Thursday.", "2025-07-17"),  # the day itself: a story of the day
    ("The outage began at 10:05 UTC last Thursday.", "2025-07-10"),  # the one before it, never the day
    ("Last Thursday, trading opened at 10:05 UTC and halted at 10:24 UTC.", "2025-07-10"),
    ("The outage began at 10:05 UTC this past Thursday.", "2025-07-10"),
    ("The outage began at 10:05 UTC last Tuesday.", "2025-07-15"),
])
def test_last_and_this_past_weekday_are_before_the_day_of_writing(text, day):
    assert {r.time[:10] for r in read_times(text, Context(date(2025, 7, 17)))} == {day}


def test_a_month_day_after_the_text_is_last_year():
    assert one("It failed at 23:10 UTC on Dec 31.", Context(date(2025, 1, 2))).time == "2024-12-31 23:10"


def test_a_part_of_the_day_decides_a_12_hour_reading():
    assert one("Users reported errors on Tuesday evening at 8:30.", Context(date(2025, 7, 17), "ET")).time == "2025-07-15 20:30"


@pytest.mark.parametrize("text, start, end", [
    ("Between 9:05 AM and 10:40 AM CDT on July 14, 2025, requests failed.", "2025-07-14 09:05", "2025-07-14 10:40"),
    ("Between 9:05 and 10:40 AM CDT on July 14, 2025, requests failed.", "2025-07-14 09:05", "2025-07-14 10:40"),
    ("From 8 to 9 p.m. CDT on July 14, 2025, requests failed.", "2025-07-14 20:00", "2025-07-14 21:00"),
    ("From 11 to 1 p.m. CDT on July 14, 2025, requests failed.", "2025-07-14 11:00", "2025-07-14 13:00"),
    ("On July 14, 2025, 14:00–15:30 CDT, requests failed.", "2025-07-14 14:00", "2025-07-14 15:30"),
    ("From 23:50 CDT on July 13 to 00:40 CDT on July 14, requests failed.", "2025-07-13 23:50", "2025-07-14 00:40"),
    ("On July 13, 2025, from 23:50 to 00:40 CDT requests failed.", "2025-07-13 23:50", "2025-07-14 00:40"),
    ("On June 2, 2025, between 21:54 CDT and June 3, 2025 06:45 CDT, the service was degraded.", "2025-06-02 21:54", "2025-06-03 06:45"),
])
def test_a_range_is_one_until_claim(text, start, end):
    reading = one(text, Context(date(2025, 7, 20)))
    assert reading.kind == "range" and (reading.time, reading.until, reading.tz, reading.bound) == (start, end, "CDT", "")


@pytest.mark.parametrize("words, bound, uncertainty", [
    ("about 9:40 p.m.", "", 5), ("around 9:40 p.m.", "", 5), ("approximately 9:40 p.m.", "", 5),
    ("shortly after 9:40 p.m.", "", 5), ("by 9:40 p.m.", "not_after", None), ("before 9:40 p.m.", "not_after", None),
    ("until 9:40 p.m.", "not_after", None), ("prior to 9:40 p.m.", "not_after", None),
    ("after 9:40 p.m.", "not_before", None), ("at 9:40 p.m.", "", None),
])
def test_qualifiers_of_a_clock_time(words, bound, uncertainty):
    reading = one(f"On Aug 12 the stream was down {words}.")
    assert (reading.bound, reading.uncertainty_min, reading.time) == (bound, uncertainty, "2024-08-12 21:40")


def test_no_update_until_is_a_lower_bound():
    assert one("On Aug 12 there was no update until 9:15 a.m.").bound == "not_before"


@pytest.mark.parametrize("text", ["A fix is expected in 40 minutes.", "Updates are needed in 10 minutes.",
                                  "Register in 15 minutes."])
def test_a_length_after_in_with_no_deed_done_is_no_placing(text):
    assert [r for r in read_times(text, AUGUST) if r.kind == "relative"] == []


@pytest.mark.parametrize("text, offset, bound, uncertainty, anchor", [
    ("It started 42 minutes late.", 42, "", None, "the scheduled start"),
    ("It started more than 40 minutes late.", 40, "not_before", None, "the scheduled start"),
    ("The start was delayed by about 40 minutes.", 40, "", 5, "the scheduled start"),
    ("Seven minutes later, the company tweeted.", 7, "", None, "the previous event"),
    ("About 15 minutes into the interview, users complained.", 15, "", 5, "the start of the interview"),
    ("The page went up an hour before the start.", -60, "", 30, "the start"),  # as precise as its unit: ± half an hour
    ("It came back nearly three hours after it began.", 180, "not_after", None, "it began"),
    ("After just over two hours, they wrapped up.", 120, "not_before", None, "the start"),
    ("The outage lasted 1 hour 20 minutes.", 80, "", None, "the start"),
    ("The site was down for an hour and a half.", 90, "", 15, "the start"),
    ("Roblox experienced a 73-hour outage.", 4380, "", 30, "the start"),
    ("After a three-day outage, it is back.", 4320, "", 720, "the start"),
    ("It was down for two weeks.", 20160, "", 5040, "the start"),
    ("The site was restored after a few minutes.", 2, "", None, "the previous event"),
    ("Minutes after the portal opened, it crashed.", 1, "", None, "the portal opened"),
    ("Soon after the registrations began, users complained.", 5, "", 5, "the registrations began"),
    ("Services were back within an hour.", 60, "not_after", None, "the start"),
    ("Viewers had to wait more than an hour.", 60, "not_before", None, "the scheduled start"),
    ("It was a 30-plus hour outage.", 1800, "not_before", None, "the start"),  # 'or more': at least
    ("The site was down for 30+ hours.", 1800, "not_before", None, "the start"),
    ("It was down for close to 24 hours.", 1440, "not_after", None, "the start"),
    ("The tickets sold out in just one hour and 27 minutes.", 87, "", None, "the start"),  # a deed done in a length
    ("The database was fixed in 40 minutes.", 40, "", None, "the start"),
])
def test_relative_figures(text, offset, bound, uncertainty, anchor):
    reading = one(text)
    assert reading.kind == "relative"
    assert (reading.offset_min, reading.bound, reading.uncertainty_min, reading.anchor) == (offset, bound, uncertainty, anchor)


@pytest.mark.parametrize("text", [
    "They talked for more than two hours before an audience of a million.",
    "A 30-minute maintenance window.", "Version 1.12.30 shipped.", "It cost $3.50 in 2024.",
    "The TTL is 60 seconds.", "Scores were 2-1 at the break.", "About 1.2 million people listened.",
])
def test_what_places_nothing_gives_nothing(text):
    assert read_times(text, AUGUST) == []


def test_12_42_gmt_in_an_evening_story_is_just_after_midnight_with_a_note():
    text = ("Trump gave an interview to Musk on X on Monday after technical issues delayed the start.\n"
            "Elon Musk (@elonmusk) August 13, 2024\n"
            "The live stream finally began at 12:42 GMT.")
    reading = next(r for r in read_times(text, Context(date(2024, 8, 14), "ET")) if r.kind == "clock")
    assert (reading.time, reading.tz, utc(reading)) == ("2024-08-13 00:42", "GMT", "2024-08-13 00:42")
    assert any("no a.m. or p.m." in n and "the other reading is 12:42" in n for n in reading.notes)


def test_a_label_that_contradicts_the_date_is_read_as_meant_with_validates_warning():
    reading = one("At 4 p.m. PST on April 3 the site went down.", Context(date(2025, 4, 5)))
    assert (reading.time, reading.tz, utc(reading)) == ("2025-04-03 16:00", "PT", "2025-04-03 23:00")
    assert reading.warnings == ("the source writes PST: PST is UTC-08:00, but on 2025-04-03 US Pacific time was "
                                "on PDT (UTC-07:00); the time is read as PT",)


def test_a_time_without_a_date_follows_the_time_before_it_across_midnight():
    text = "From 2:13am GMT March 13 the site was offline. It recovered around 4:10am GMT / 11:10pm Central."
    found = read_times(text, Context(date(2019, 3, 14)))
    assert [utc(r) for r in found] == ["2019-03-13 02:13", "2019-03-13 04:10", "2019-03-13 04:10"]
    assert found[2].time == "2019-03-12 23:10" and found[2].uncertainty_min == 5  # a twin takes the qualifier


def test_a_heading_date_dates_the_timeline_below_it():
    text = "### 2023-07-19\n- 12:32 UTC – the pull request was opened\n### 2023-07-20\n- 12:17 UTC – deployed"
    assert [r.time for r in read_times(text, Context(date(2023, 7, 21)))] == ["2023-07-19 12:32", "2023-07-20 12:17"]


def test_a_24_hour_text_reads_a_bare_clock_as_24_hour():
    text = "Update 2023-09-29 11:30 CEST (05:30 AM EDT). Update 2023-09-29 14:00 CEST."
    assert [r.time for r in read_times(text, Context(date(2023, 9, 30)))][0] == "2023-09-29 11:30"


def test_a_status_update_reads_a_dateless_time_as_the_last_before_it_was_posted():
    posted = datetime(2026, 7, 30, 0, 10, tzinfo=timezone.utc)
    assert one("The issue began at 23:40 UTC.", Context(posted)).time == "2026-07-29 23:40"
    announced = one("We will be performing maintenance tonight from 22:00 to 23:30 PST.", Context(datetime(2025, 1, 10, 18, tzinfo=timezone.utc)))
    assert (announced.time, announced.until) == ("2025-01-10 22:00", "2025-01-10 23:30")


def test_what_cannot_be_placed_says_why():
    assert one("It failed at 9:05.", Context(date(2025, 7, 1))).problem == "no zone is written and none is given (--tz)"
    assert "only the month is written (June 2018)" in one("In June 2018 it opened at 9am.", Context(date(2019, 8, 16), "BST")).problem
    assert "needs the publication date" in one("It failed yesterday at 9:05 UTC.", Context()).problem


@pytest.mark.parametrize("hostile, expressions", [
    ("1:" * 20_000, 0), ("between " * 10_000, 0), ("9:05 " * 2_000, 2_000), ("a.m. " * 10_000, 0), ("(" * 30_000, 0),
    ("July " * 10_000, 0), ("about more than nearly " * 5_000, 0), ("\n" * 30_000, 0), ("12:42 GMT " * 2_000, 2_000),
    ("between 9:05 and " * 2_000, 2_000), ("3 hours " * 10_000, 0),
])
def test_hostile_text_is_read_whole(hostile, expressions):
    """Repetition that a backtracking pattern would choke on is read whole, each expression once;
    benchmarks/README.md records how the time grows with the text (linearly)."""
    assert len(read_times(hostile, AUGUST)) == expressions


@pytest.mark.parametrize("header, tz", [
    ("Timeline (all times UTC)", "UTC"), ("All times are in Pacific Time.", "PT"), ("Timestamps in CET:", "CET"),
])
def test_a_text_that_says_all_its_times_are_in_a_zone_is_read_in_it(header, tz):
    found = read_times(f"{header}\n2025-01-14\n09:17 — monitoring fires\n09:31 — on-call acknowledges", Context(date(2025, 1, 15)))
    assert [(r.time, r.tz) for r in found] == [("2025-01-14 09:17", tz), ("2025-01-14 09:31", tz)]
    assert any("the text says all its times are" in n for n in found[0].notes)


def test_seconds_and_an_rfc_822_offset_say_the_24_hour_clock_and_the_zone():
    posted = Context(datetime(2025, 12, 19, tzinfo=timezone.utc), None)
    assert utc(one("Mon, 06 Jan 2025 10:00:00 GMT", posted)) == "2025-01-06 10:00"  # no 12-hour writer writes :00 seconds
    assert utc(one("Thu, 18 Dec 2025 08:44:51 -0800", posted)) == "2025-12-18 16:44"
    assert not one("at 10:00 - 1200 users", posted).usable  # a minus and a count is no offset
    # a status page's own stamps are on the 24-hour clock, which the reader may be told
    assert utc(one("Jun 18, 10:09 UTC", Context(datetime(2025, 6, 21, tzinfo=timezone.utc), None, clock24=True))) == "2025-06-18 10:09"



@pytest.mark.parametrize("text, time", [
    ("The load went up at 9.30 on Saturday morning.", "2014-07-19 09:30"),
    ("An update came at about 2 in the afternoon.", "2014-07-20 14:00"),
    ("It failed at 3 in the morning.", "2014-07-20 03:00"),
    ("By 9 in the evening it was back.", "2014-07-20 21:00"),
    ("It failed at 11 at night.", "2014-07-20 23:00"),
])
def test_an_hour_alone_or_dotted_is_a_clock_when_its_part_of_the_day_follows(text, time):
    assert one(text, Context(date(2014, 7, 20), "Europe/London")).time == time


@pytest.mark.parametrize("text", ["The client was upgraded from 1.11 to 1.13 on Saturday morning.",
                                  "We sold 9 on Saturday morning.", "It scored 10 on Saturday."])
def test_a_version_or_a_count_before_a_part_of_the_day_is_no_clock(text):
    assert read_times(text, Context(date(2014, 7, 20), "Europe/London")) == []


@pytest.mark.parametrize("text, minutes", [
    ("It was back more than two-and-a-half hours later.", 150),
    ("a two-and-a-half-hour outage", 150),
    ("It was back two and a half hours later.", 150),
])
def test_and_a_half_written_with_hyphens(text, minutes):
    assert one(text).offset_min == minutes


@pytest.mark.parametrize("words, tz", [("US Eastern time", "ET"), ("US Pacific Time", "PT"), ("US Central time", "CT")])
def test_us_zone_names_in_prose(words, tz):
    assert one(f"It failed around 7:00 pm {words} on Friday.", Context(date(2025, 2, 9), "GMT")).tz == tz


@pytest.mark.parametrize("text, time", [
    ("Most were back by 12.23pm on March 1, but one stayed down until 9.15am the following day.", "2012-03-02 09:15"),
    ("It failed at 11pm on March 1 and was fixed at 9am the next day.", "2012-03-02 09:00"),
    ("It failed at 11pm on March 1. At 9 the following morning it was fixed.", "2012-03-02 09:00"),
    ("Le 1er mars à 22h, tout a brûlé. À 9h le lendemain matin, le site était rétabli.", "2012-03-02 09:00"),
])
def test_the_following_day_is_the_day_after_the_date_before_it(text, time):
    assert read_times(text, Context(date(2012, 3, 5), "Australia/Sydney"))[-1].time == time


@pytest.mark.parametrize("text, minutes", [
    ("Trading resumed after a 3 1/2-hour halt.", 210),
    ("It came back 2 1/2 hours after outages were first reported.", 150),
    ("It was a 2½ hour outage.", 150),
    ("It was a five-hour-long outage.", 300),
    ("The 90-minute-long outage was its longest.", 90),
    ("After staying closed for four hours, the market reopened.", 240),
    ("Instances lost external connectivity for 18 minutes.", 18),
    ("Customers were unable to manage their applications for about 8 hours.", 480),
])
def test_lengths_written_with_fractions_hyphens_and_a_broken_state(text, minutes):
    assert one(text).offset_min == minutes


def test_a_date_of_slashes_is_no_half():
    assert one("It failed on 1/2/2015 at 3 pm.").time == "2015-01-02 15:00"


@pytest.mark.parametrize("tz, day", [("Asia/Tokyo", "2023-10-09"), ("Asia/Seoul", "2023-10-09"), ("Europe/London", "2023-09-10"),
                                     ("America/New_York", "2023-10-09")])
def test_a_short_slash_date_is_read_in_the_order_its_zone_writes(tz, day):
    assert one("The outage began on 10/9/2023 at 8:30.", Context(date(2023, 10, 12), tz)).time[:10] == day


@pytest.mark.parametrize("text, time, tz", [
    ("Around 15:45 PM EST it recovered.", "2024-08-13 15:45", "ET"),  # a 24-hour time with a stray label
    ("At 14:35 AM EST the team posted.", "2024-08-13 14:35", "ET"),
    ("It began at about 0945 PST.", "2024-08-13 09:45", "PT"),  # a four-digit time with its zone
    ("Trouble started at 1900 PDT.", "2024-08-13 19:00", "PDT"),  # one that could be a year, after 'at'
    ("By 2051 PDT it was acknowledged.", "2024-08-13 20:51", "PDT"),
])
def test_a_24_hour_time_with_a_label_or_four_digits_is_read_as_written(text, time, tz):
    reading = one(text)
    assert (reading.time, reading.tz) == (time, tz)


def test_a_stray_label_is_named_in_the_note():
    assert any("stray PM" in note for note in one("Around 15:45 PM EST it recovered.").notes)


@pytest.mark.parametrize("text", ["The rule changed in 2016 PST and stayed.", "It was 9:45 AM EST in 1999.",
                                  "Since March 2016 PST has been the zone.", "On 4 March, 2016 PST was the zone."])
def test_a_year_before_a_zone_is_no_time(text):
    assert all(not r.time.endswith(("20:16", "19:99")) for r in read_times(text, AUGUST))


def test_and_half_without_a():
    assert one("It was down for about two and half hours.").offset_min == 150


def test_a_weekday_then_the_day_of_the_month():
    found = read_times("The fix shipped on Thursday the 13th of June.", Context(date(2019, 6, 20), "UTC"), days=True)
    assert [r.time for r in found] == ["2019-06-13"]


@pytest.mark.parametrize("stamp", ["Update (3:49 pm):", "UPDATE, 3:49 p.m.:", "Updated 3:49 pm:"])
def test_an_update_appended_below_a_post_is_no_earlier_than_the_times_before_it(stamp):
    text = f"Gmail had a major outage early this morning, starting at 1:30 am PST.\n\n{stamp} Lots of folks asked why."
    assert [r.time for r in read_times(text, Context(date(2009, 2, 24), "PT"))] == ["2009-02-24 01:30", "2009-02-24 15:49"]


@pytest.mark.parametrize("text, day", [
    ("The outage began on 20 November. The app recovered the next day.", "2022-11-21"),
    ("The outage began on 20 November. The day before, a change was made.", "2022-11-19"),
    ("Le 20 novembre, une panne a touché les appels. La veille, une mise à jour avait été faite.", "2022-11-19"),
    ("Am 20. November gab es eine Störung. Am nächsten Tag lief alles.", "2022-11-21"),
])
def test_the_next_day_and_the_day_before_count_from_the_date_before_them(text, day):
    found = read_times(text, Context(date(2022, 11, 25), "UTC"), days=True)
    assert [r.time for r in found][-1] == day


@pytest.mark.parametrize("text, offset, until", [
    ("The outage lasted 7-8 hours.", 420, "480"),
    ("The outage lasted between 7 and 8 hours.", 420, "480"),
    ("It was down for two to three hours.", 120, "180"),
    ("Duration: 40-50 minutes.", 40, "50"),
])
def test_a_length_given_as_an_interval_is_a_relative_interval(text, offset, until):
    reading = one(text)
    assert (reading.kind, reading.offset_min, reading.until, reading.anchor) == ("relative", offset, until, "the start")


@pytest.mark.parametrize("text, offset, anchor, bound", [
    ("The site was overwhelmed hours before the midnight cut-off.", -120, "the midnight cut-off", "not_after"),
    ("26,000 people were online with five minutes to go before the deadline.", -5, "the deadline", ""),
    ("Fans queued with ten minutes to go until kick-off.", -10, "kick-off", ""),
])
def test_a_time_before_a_named_moment(text, offset, anchor, bound):
    reading = [r for r in read_times(text, AUGUST) if r.kind == "relative"][0]
    assert (reading.offset_min, reading.anchor, reading.bound) == (offset, anchor, bound)


def test_a_clock_inside_an_anchor_is_read_too():
    found = read_times("The site crashed two hours before the midnight deadline.", AUGUST)
    assert [(r.kind, r.as_reported) for r in found] == [("relative", "two hours before the midnight deadline"),
                                                       ("clock", "midnight")]
    # an anchor ends with its line
    [reading] = read_times("It failed hours before the cut-off\n\nCalls grew.", AUGUST)
    assert reading.anchor == "the cut-off"


def test_a_date_heading_with_a_colon_dates_its_line_and_a_clock_after_a_month_stays_a_clock():
    line = "February 18: Excessive CPU on edge servers (06:30EST): internal alerts fired."
    assert [r.time for r in read_times(line, Context(date(2025, 2, 22), "UTC"))] == ["2025-02-18 06:30"]
    assert [r.time for r in read_times("Dec 18:45 UTC the site failed.", Context(date(2025, 2, 22), "UTC"))] == [
        "2025-02-22 18:45"]


def test_a_span_of_two_days_with_its_year_dates_the_times_after_it_on_its_first_day():
    from incident.extract.draft import Cells, draft
    text = "**Date:** Apr 24–25, 2026\n**Duration:** ~58 min (23:50Z deployment → 00:48Z rollback)\n"
    rows = draft(text, Context(date(2026, 4, 29), "UTC"), Cells("x", "Acme", "operator", "", {}, live=False)).rows
    assert [r["time"] for r in rows if len(r["time"]) > 10] == ["2026-04-24 23:50", "2026-04-25 00:48"]


def test_a_numbered_list_of_month_first_dates_is_no_day_first_date():
    # "1. July 10": a list's number, then July 10; "18. April 2022" stays the 18th
    readings = read_times("1. July 10 — a disruption from 16:45 to 17:45 UTC.\n2. July 16 — errors (09:32–12:20 UTC).",
                          Context(date(2026, 7, 23), "UTC"), days=True)
    assert sorted({r.time[:10] for r in readings if r.time}) == ["2026-07-10", "2026-07-16"]
    assert [r.time for r in read_times("Am 18. April 2022 fiel das Netz aus.", Context(date(2022, 4, 19), "Europe/Berlin"),
                                       days=True)] == ["2022-04-18"]
