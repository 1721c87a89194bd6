"""The French, German and Spanish words of the time grammar that are also English words ("MIDI",
"regression", "revenue", "brand", "fast", "dos", "Lang", "Domingo") or English forms ("about 3h",
"after 3 hrs") leave an English text read as it was; and the foreign forms that are lengths ("une
panne de 3 heures", "desde hace 3 horas") are no clocks."""

from __future__ import annotations

import csv
import io
import time
from datetime import date

import pytest

from incident.cli import main
from incident.timetext.days import Context
from incident.timetext.europe import names_failure
from incident.timetext.kinds import guess_kind
from incident.timetext.readings import read_times

UTC = Context(date(2025, 3, 5), "UTC")  # a Wednesday
PARIS = Context(date(2021, 3, 10), "Europe/Paris")


@pytest.mark.parametrize("text", [
    "The MIDI service was down on Tuesday.",  # not "midi", noon
    "The site was back after 3 hrs.",
    "The site was down for about 3h on Monday.",
    "About 10 hrs of downtime hit users on Monday.",
    "The outage started around 3h ago.",
])
def test_english_text_gets_no_foreign_clock(text):
    assert [r.as_reported for r in read_times(text, UTC) if r.kind == "clock"] == []


@pytest.mark.parametrize("text", [
    "Une panne de 3 heures a touché les clients mercredi.",
    "Une coupure de 2h a paralysé le réseau mercredi.",
    "Desde hace 3 horas, la web está caída.",
])
def test_a_foreign_length_after_a_noun_is_no_clock(text):
    assert [r.as_reported for r in read_times(text, PARIS) if r.kind == "clock"] == []


@pytest.mark.parametrize("text, clock", [
    ("A las 20 horas, la web se cayó.", "2021-03-10 20:00"),
    ("À midi, le site était rétabli.", "2021-03-10 12:00"),
    ("La panne a duré de 9h à 14h mercredi.", "2021-03-10 09:00"),
])
def test_foreign_clocks_are_still_clocks(text, clock):
    assert clock in [r.time for r in read_times(text, PARIS)]


@pytest.mark.parametrize("before, after, not_kind", [
    ("A regression in the release at ", " broke logins.", "recovery"),
    ("At ", ", revenue fell.", "recovery"),
    ("At ", " on Monday, the revenue report was published.", "recovery"),
])
def test_english_words_are_not_foreign_kinds(before, after, not_kind):
    assert guess_kind((before, after), live=False)[0] != not_kind


def test_a_cause_is_no_failure_for_a_brand_new_config():
    assert guess_kind(("The outage was caused by a brand-new config deployed at ", "."), live=False)[0] == "cause"


@pytest.mark.parametrize("words, failure", [
    ("brand new", False), ("panned", False), ("escorted", False), ("fallout", False), ("cortex", False),
    ("une panne", True), ("der brand im rechenzentrum", True), ("un fallo", True), ("ein großbrand", True),
])
def test_foreign_failure_words_are_whole_words(words, failure):
    assert names_failure(words) is failure


@pytest.mark.parametrize("text, found", [
    ("The service went down fast at 10:05 UTC.", [("10:05 UTC", "")]),
    ("It took fast 20 minutes to recover.", []),  # no "at most 20 minutes"
    ("Die Störung dauerte fast drei Stunden.", [("dauerte fast drei Stunden", "not_after")]),
])
def test_fast_is_almost_only_in_german(text, found):
    assert [(r.as_reported, r.bound) for r in read_times(text, UTC)] == found


@pytest.mark.parametrize("text", [
    "A DoS attack took the site down for dos hours.",  # "dos" counts "horas", not "hours"
    "The bank was hit by a DDoS attack that lasted une hour.",
    "A day-to-day outage began on Monday.",  # ("a days-long outage" is at least two days: see below)
    "RIM faces a second outage in two days.",  # which outage, not a length of one second
    "The second wave hit the network.",
])
def test_no_length_from_a_word_that_counts_no_such_unit(text):
    assert [r.as_reported for r in read_times(text, UTC) if r.kind == "relative"] == []


def test_a_name_after_a_length_is_not_german_lang():
    [found] = read_times("The site was down for six hours Lang said.", UTC)
    assert found.as_reported == "for six hours" and found.offset_min == 360


@pytest.mark.parametrize("text, day", [
    ("At 10am Monday, Domingo said the site was down.", None),  # a name, not Sunday
    ("Ana Ayer said the outage began on Monday.", None),  # a name, not yesterday
    ("Revelers at the Mardi Gras parade saw errors on Monday.", None),
    ("Dimanche soir, le réseau est tombé en panne.", "2021-03-07"),  # a day at a sentence's start
    ("Le réseau est tombé en panne dimanche soir.", "2021-03-07"),
])
def test_a_french_or_spanish_day_with_a_capital_inside_a_sentence_is_a_name(text, day):
    foreign = [r for r in read_times(text, PARIS, days=True) if r.as_reported.split()[0].lower() in ("domingo", "ayer", "mardi", "dimanche")]
    assert [r.time[:10] for r in foreign] == ([day] if day else [])


@pytest.mark.parametrize("unit", ["drei Stunden später ", "three hours later ", "trois heures plus tard ", "午前10時から午後2時まで",
                                  "from 9:05 to 10:40 "])
def test_a_long_sentence_of_lengths_or_ranges_is_drafted_at_once(tmp_path, unit):
    story = tmp_path / "long.txt"
    story.write_text((unit * (200_000 // len(unit)))[:200_000], encoding="utf-8")
    started = time.perf_counter()
    main(["extract", str(story), "--published", "2025-03-05", "--tz", "UTC", "--incident", "long", "--source", "s",
          "--out", "-"], stdout=io.StringIO(), stderr=io.StringIO())
    took = time.perf_counter() - started
    assert took < 20, f"{unit!r}: {took:.1f} s"  # linear: a second or two; read quadratically it took minutes


def test_an_english_story_with_homographs_drafts_as_before(tmp_path):
    story = tmp_path / "story.txt"
    story.write_text("The MIDI store's brand-new checkout went down at 9:05 a.m. on Monday. A regression was to blame, "
                     "and revenue fell fast. Service was restored at 11:40 a.m.\n", encoding="utf-8")
    out = io.StringIO()
    assert main(["extract", str(story), "--published", "2025-03-05", "--tz", "UTC", "--incident", "shop", "--source", "s",
                 "--kind", "outage", "--out", "-"], stdout=out, stderr=io.StringIO()) == 0
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert [(r["kind"], r["time"]) for r in rows] == [("impact_start", "2025-03-03 09:05"), ("recovery", "2025-03-03 11:40")]


def test_a_drafted_event_id_keeps_its_accented_letters_as_plain_ones(tmp_path):
    story = tmp_path / "signalements.txt"
    story.write_text("La panne a commencé à 4h. Dès 5 heures du matin, les signalements ont afflué.\n", encoding="utf-8")
    out = io.StringIO()
    assert main(["extract", str(story), "--published", "2021-03-10", "--tz", "Europe/Paris", "--incident", "x", "--source", "s",
                 "--kind", "outage", "--out", "-"], stdout=out, stderr=io.StringIO()) == 0
    [_, row] = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert row["event"] == "signalements-ont-afflue"  # "afflué" as "afflue", not "affl-"; its little words ("dès les") left out


@pytest.mark.parametrize("text", ["It came back a second later.", "The outage lasted a second and no more."])
def test_a_second_that_places_or_lasts_is_still_a_length(text):
    found = [r for r in read_times(text, UTC) if r.kind == "relative"]
    assert found and abs(found[0].offset_min - 1 / 60) < 0.01


@pytest.mark.parametrize("text, times", [
    ("The failure of 4 March 2025 at 08:20 was over, the operator said as of 21:00.", ["2025-03-04 08:20", "2025-03-04 21:00"]),
    ("The site failed at 23:50 on 4 March 2025 and at 00:20 it was back.", ["2025-03-04 23:50", "2025-03-05 00:20"]),
    ("2025年3月4日午前8時20分に発生した障害について、午後21時00分時点の情報を発表した。",
     ["2025-03-04 08:20", "2025-03-04 21:00"]),
])
def test_a_time_after_a_dated_one_in_its_sentence_is_on_that_day_or_after(text, times):
    # never the day before: "21:00" after "08:20 on 4 March" is that evening, not the evening before
    assert [r.time for r in read_times(text, Context(date(2025, 3, 5), "UTC"))] == times


def test_a_weekday_is_read_in_the_week_its_paragraph_names():
    # a write-up two weeks on: "on Tuesday" is the Tuesday of the dates it names, not the one before publication
    text = ("Two weeks ago, on Tuesday 16th and Wednesday 17th January, we had a major outage. For about 17 hours "
            "between 17:15 UTC on Tuesday and about 10:00 UTC on Wednesday, many builds were delayed.")
    times = [r.time for r in read_times(text, Context(date(2018, 1, 31), "UTC")) if len(r.time or "") > 10]
    assert times == ["2018-01-16 17:15", "2018-01-17 10:00"]


def test_a_caption_s_date_above_the_story_does_not_move_its_weekdays():
    text = ("Travellers waited at the station on 17 July 2017 after a power failure. — AFP\n\n"
            "Trains were halted on Sunday morning at 09:00, the operator said.")
    times = [r.time for r in read_times(text, Context(date(2017, 7, 30), "Europe/Paris")) if len(r.time or "") > 10]
    assert times == ["2017-07-30 09:00"]


@pytest.mark.parametrize("text, offset, bound", [
    ("Apple apologises for 11-hour App Store and iTunes outage.", 660, ""),  # the noun a few words on
    ("Four-hour Google Cloud outage blamed on a config change", 240, ""),
    ("The incident lasted for more than four hours yesterday.", 240, "not_before"),
    ("The situation continued for 61 hours and 25 minutes.", 3685, ""),
])
def test_a_length_of_an_outage_named_a_few_words_on_or_after_lasted_for(text, offset, bound):
    [found] = [r for r in read_times(text, UTC) if r.kind == "relative"]
    assert (found.offset_min, found.bound) == (offset, bound)


@pytest.mark.parametrize("text", ["The 11-hour flight to Tokyo was fine.", "A 24-hour news cycle, and an outage later.",
                                  "She worked for three hours on the fix."])
def test_a_length_of_something_else_is_no_length_of_the_outage(text):
    assert [r for r in read_times(text, UTC) if r.kind == "relative"] == []


@pytest.mark.parametrize("text, offset, until, bound", [
    ("Signal has been down for a number of hours.", 120, "", "not_before"),  # unnumbered hours: at least two
    ("ASX suffers hours-long outage", 120, "", "not_before"),
    ("An hours-long outage began on Monday.", 120, "", "not_before"),  # hours, not one
    ("Square experienced a multi-hour outage across our services.", 120, "", "not_before"),
    ("Service was fully restored several hours later.", 120, "", "not_before"),
    ("After a few hours, though, the problem was solved.", 120, "300", ""),  # a few: two to five
])
def test_unnumbered_hours_are_at_least_two(text, offset, until, bound):
    [found] = [r for r in read_times(text, UTC) if r.kind == "relative"]
    assert (found.offset_min, found.until, found.bound) == (offset, until, bound)


@pytest.mark.parametrize("text", ["Engineers worked for hours on the fix.", "Fans queued for several hours outside.",
                                  "The hours-long meeting ended."])
def test_hours_of_something_else_are_no_length_of_the_outage(text):
    assert [r for r in read_times(text, UTC) if r.kind == "relative"] == []



@pytest.mark.parametrize("words, clock, zone", [
    ("around 8 a.m. in London", "08:00", "Europe/London"), ("10:15 in Tokyo", "10:15", "Asia/Tokyo"),
    ("9 p.m. in New York", "21:00", "America/New_York"), ("9:00 Sydney time", "09:00", "Australia/Sydney"),
    ("around 11 a.m. in Manila", "11:00", "Asia/Manila"),
    ("07:30 Frankfurt time", "07:30", "Europe/Berlin")])
def test_a_city_after_a_clock_names_its_zone(words, clock, zone):
    # "the outage started around 8 a.m. in London", in a New York paper: London's 8 a.m.
    got = read_times(f"The outage started {words} on 24 July 2025, traders said.", Context(date(2025, 7, 25), "America/New_York"))
    assert [(r.kind, r.time, r.tz) for r in got] == [("clock", f"2025-07-24 {clock}", zone)]


def test_a_city_before_a_clock_names_no_zone():
    # "users in London saw errors at 8 a.m.": where they were, not the clock's zone
    got = read_times("Users in London saw errors at 8 a.m.", Context(date(2025, 7, 25), "America/New_York"))
    assert [(r.time, r.tz) for r in got] == [("2025-07-25 08:00", "America/New_York")]


@pytest.mark.parametrize("words, day", [("January 18 and 19, 2025", "2025-01-18"), ("1 en 2 maart 2023", "2023-03-01"),
                                        ("3 and 4 May 2023", "2023-05-03"), ("le 7 et 8 juin 2023", "2023-06-07")])
def test_a_list_of_two_days_is_read_with_the_list_s_month_and_year(words, day):
    # the year after the second day is the first's too ("January 18 and 19, 2025" in a text of 2024)
    got = read_times(f"The shows are on {words}.", Context(date(2024, 9, 22), "UTC"), days=True)
    assert [(r.kind, r.time) for r in got] == [("day", day)]


def test_a_page_s_stamp_run_into_its_article_dates_no_time_after_it_forward():
    # a copy runs the byline into the first sentence: "since shortly before 15:00 BST" is that afternoon,
    # before the stamp, not the next day's 15:00
    text = "Published: Thu, 06 Aug 2009 16:04:49 GMT the site is down. It reports an attack running since shortly before 15:00 BST."
    got = read_times(text, Context(date(2009, 8, 6), "Europe/London"))
    assert [(r.time, r.bound) for r in got][-1] == ("2009-08-06 15:00", "not_after")


@pytest.mark.parametrize("text", ["Trading was halted between about 10:00 and 12:45 on 3 March 2025.",
                                  "Les cotations ont été suspendues entre environ 10h et 12h45 le 3 mars 2025."])
def test_an_approximate_start_of_a_range_is_still_its_start(text):
    got = read_times(text, Context(date(2025, 3, 4), "Europe/Paris"))
    assert [(r.kind, r.time, r.until, r.uncertainty_min) for r in got] == [
        ("range", "2025-03-03 10:00", "2025-03-03 12:45", 5)]


def test_about_an_hour_count_alone_stays_a_length():
    # "une panne d'environ 3h": about three hours, not about three o'clock
    got = read_times("Une panne d'environ 3h le 3 mars 2025.", Context(date(2025, 3, 4), "Europe/Paris"))
    assert [(r.kind, r.offset_min) for r in got] == [("relative", 180)]


@pytest.mark.parametrize("words, minutes", [("the week-long outage", 10080), ("a day-long outage", 1440)])
def test_a_unit_long_outage_is_one_unit_give_or_take_a_half(words, minutes):
    got = read_times(f"The fund apologised for {words}.", Context(date(2025, 3, 4), "UTC"))
    assert [(r.kind, r.offset_min, r.uncertainty_min) for r in got] == [("relative", minutes, minutes // 2)]


@pytest.mark.parametrize("text, minutes, bound", [
    ("The outage lasted for days.", 2880, "not_before"), ("It was down for several days.", 2880, "not_before"),
    ("A days-long outage hit the bank.", 2880, "not_before"),
    ("Het duurde zeker anderhalve dag.", 2160, "not_before"), ("De storing duurde twee uur.", 120, "")])
def test_days_without_a_figure_and_dutch_lengths(text, minutes, bound):
    got = read_times(text, Context(date(2025, 3, 15), "UTC"))
    assert [(r.kind, r.offset_min, r.bound) for r in got] == [("relative", minutes, bound)]


def test_waiting_for_days_is_no_outage_s_length():
    assert read_times("We waited for days.", Context(date(2025, 3, 15), "UTC")) == []


def test_a_live_event_s_date_sets_the_day_of_the_times_after_it():
    # "the launch of the game on November 19 has been anything but smooth … Debuting at 8:00 AM Pacific time"
    text = ("The highly anticipated launch of the game on November 19 has been anything but smooth.\n\nLaunch Day\n\n"
            "Debuting at 8:00 AM Pacific time, the launch day was met with complaints.")
    got = read_times(text, Context(date(2024, 11, 20), "America/Los_Angeles"))
    assert [(r.kind, r.time) for r in got] == [("clock", "2024-11-19 08:00")]
