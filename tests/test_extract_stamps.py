"""Dating a text's times by what the text itself writes: with no publication date, its own first
full date is the day its dates without a year and its weekdays are read against; a status page's
"Posted" stamp dates the update above it, not the text below; a live blog's "Update, 5:10pm:"
bounds what the update reports. Each row is (kind, time, bound)."""

from datetime import date, datetime, timedelta, timezone

import pytest

from incident.extract.draft import Cells, draft
from incident.extract.neighbours import update_stamp
from incident.timetext.days import Context
from incident.timetext.readings import read_times
from incident.timetext.stamps import status_stamps


def rows(text: str, published=None, tz: str | None = "ET", source_type: str = "press"):
    result = draft(text, Context(published, tz), Cells("x", "Acme", source_type, "", {}, live=False))
    return [(r["kind"], r["time"], r["bound"]) for r in result.rows]


def test_without_a_publication_date_a_date_without_a_year_takes_the_text_s_own_year():
    text = ("Beginning at 1:54 PM ET on September 7, 2023, the payment service was unavailable. "
            "At 2:05 AM ET September 8th the systems began to recover.")
    times = [r.time for r in read_times(text, Context(None, "ET"))]
    assert times == ["2023-09-07 13:54", "2023-09-08 02:05"]


def test_without_a_publication_date_a_weekday_is_the_one_of_the_text_s_own_week():
    text = "The sale went live on Monday, July 16, 2018. The site was down for hours on Monday, shoppers said."
    days = [r.time for r in read_times(text, Context(None, "ET"), days=True) if r.kind == "day"]
    assert days == ["2018-07-16", "2018-07-16"]


def test_a_publication_date_still_decides_over_the_text_s_own_date():
    text = "The outage of March 3, 2020 was recalled. On Monday the site went down again."
    days = [r.time for r in read_times(text, Context(date(2021, 6, 10), "ET"), days=True) if r.kind == "day"]
    assert days[-1] == "2021-06-07"  # the Monday before publication, not one of March 2020


def test_without_any_full_date_a_date_without_a_year_stays_unread():
    readings = read_times("At 2:05 AM ET on September 8th the systems began to recover.", Context(None, "ET"))
    assert readings[0].problem is not None


PAGE = ("Incident Report for Acme\nPostmortem\n\n"
        "Starting at 10:40am on December 26th, 2024, the API saw errors. All systems recovered by 3:11 PM.\n\n"
        "We will prioritise the fixes.\n\n"
        "Posted Jan 02, 2025 - 15:31 PST\n\n"
        "Resolved\nWe began to see recovery at approximately 2:58 PM PST, and full recovery around 8:16 PM PST.\n")


def test_a_heading_update_takes_its_posted_stamp_and_the_update_below_is_not_dated_by_it():
    published = datetime(2025, 1, 2, 15, 31, tzinfo=timezone(timedelta(hours=-8)))
    got = rows(PAGE, published, "PT", "operator")
    stamp = [r for r in got if r[1] == "2025-01-02 15:31"]
    assert [r[0] for r in stamp] == ["communication"]  # the postmortem's own stamp: an update
    later = [r[1] for r in got if r[1] > "2024-12-26 14" and r[1] < "2024-12-27"]
    assert "2024-12-26 14:58" in later and "2024-12-26 20:16" in later  # not 2 January: the stamp above is another update's
    assert "2024-12-26 15:11" in [r[1] for r in got]  # the update's own date before its time decides


def test_an_update_s_time_without_a_date_is_on_the_day_of_the_stamp_below_it():
    page = ("Monitoring - A fix was deployed at 23:50 UTC and errors are falling.\nPosted Mar 05, 2025 - 00:30 UTC\n\n"
            "Investigating - We are investigating elevated errors since 14:10 UTC.\nPosted Mar 04, 2025 - 14:30 UTC\n")
    times = [r.time for r in read_times(page, Context(date(2025, 3, 5), "UTC"))]
    assert times[0] == "2025-03-04 23:50"  # 40 minutes before its update was posted, not the next night
    assert "2025-03-04 14:10" in times  # its own stamp's day, not the 5 March of the stamp above it


def test_a_news_byline_posted_under_a_headline_is_no_status_stamp():
    text = "Streaming service fails fans\n\nPosted June 15, 2018 23:41:59\n\nThe stream dropped at 10pm on Friday."
    assert [r[0] for r in rows(text, date(2018, 6, 16), "AEST")] != []
    assert not any(r[1].startswith("2018-06-15 23:41") for r in rows(text, date(2018, 6, 16), "AEST"))


def test_a_live_update_s_stamp_bounds_what_it_reports():
    text = ("Shoppers could not reach the sale page on Monday.\n"
            "Update, 5:10pm: The retailer has finally acknowledged that some users are struggling to reach the site.\n")
    got = rows(text, date(2018, 7, 16))
    assert [(t, b) for _, t, b in got if len(t) > 10] == [("2018-07-16 17:10", "not_after")]


def test_an_operator_s_own_update_bounds_what_it_says_too():
    # the operator's statement at 6:14pm that the site is back: back by then (the corpus's rule 15)
    text = "Update 6:14pm UTC: the site is back online.\n"
    got = rows(text, date(2017, 2, 1), "UTC", "operator")
    assert [(t, b) for _, t, b in got] == [("2017-02-01 18:14", "not_after")]


def test_a_status_page_copied_with_its_stamps_on_bare_lines():
    # a page's updates as they read when copied: "Word – text" lines, each over a line that is only its stamp
    page = ("Here are the messages posted so far:\n\n"
            "Monitoring – We’ve worked to mitigate the issue, and are starting to see recovery.\nApr 12, 00:57 UTC\n"
            "Identified – Login is blocked across all endpoints.\nThis is due to a database failure.\n"
            "In a measure towards resolution, matchmaking will be blocked for a short period.\nApr 11, 21:44 UTC\n"
            "Investigating – We’re experiencing issues with our account services.\nApr 11, 21:03 UTC\n")
    got = rows(page, date(2018, 4, 12), "UTC", "operator")
    assert got == [("recovery", "2018-04-12 00:57", "not_after"), ("cause", "2018-04-11 21:44", ""),
                   ("acknowledgement", "2018-04-11 21:03", "")]


@pytest.mark.parametrize("line", ["Apr 12, 00:57 UTC", "2024-01-12 16:13 UTC", "Oct 21, 2016 - 11:10 UTC"])
def test_a_bare_stamp_line_is_found_only_under_an_update(line):
    assert [s.word for s in status_stamps(f"Resolved – All systems are back.\n{line}\n")] == ["resolved"]
    assert status_stamps(f"The site was back.\n{line}\n") == []  # prose above: no status page


def test_an_article_s_updated_stamp_is_no_claim():
    text = "Updated 20:30BST: the airline has cancelled all flights from the two airports after a system failure.\n"
    assert not any(t.endswith("20:30") for _, t, _ in rows(text, date(2017, 5, 27), "Europe/London"))


def test_a_time_in_the_middle_of_a_line_is_no_update_stamp():
    text = "The retailer posted an update at 5:10pm: the site was restored.\n"
    reading = next(r for r in read_times(text, Context(date(2018, 7, 16), "ET")) if r.as_reported.endswith("5:10pm"))
    assert update_stamp(text, reading) == ""
    line = "Update at 5:10pm: the site was restored.\n"
    reading = next(r for r in read_times(line, Context(date(2018, 7, 16), "ET")) if r.as_reported.endswith("5:10pm"))
    assert update_stamp(line, reading) == "update"


def _days(text: str, context: Context) -> list[tuple[str, str]]:
    return [(r.as_reported, r.time) for r in read_times(text, context, days=True) if r.kind == "day"]


def test_a_day_of_the_month_alone_is_the_last_such_day_before_publication():
    text = ("The failure that occurred before dawn on the 2nd was fixed. The cause was found in the morning of the 4th, "
            "so the load fell. Since the 30th, users had complained.")
    assert _days(text, Context(date(2022, 7, 5), "JST")) == [("the 2nd", "2022-07-02"), ("morning of the 4th", "2022-07-04"),
                                                             ("the 30th", "2022-06-30")]


def test_a_day_of_the_month_alone_is_the_nearest_to_the_incident_s_day_when_published_long_after():
    assert _days("The cables were cut on the 30th.", Context(date(2023, 3, 1), "UTC", near=date(2022, 7, 2))) == \
        [("the 30th", "2022-06-30")]


@pytest.mark.parametrize("counted", ["the 4th floor", "the 2nd attack", "the 3rd quarter"])
def test_an_ordinal_that_counts_something_is_no_day(counted):
    assert _days(f"The fire started on {counted} of the building.", Context(date(2022, 7, 5), "JST")) == []


def test_a_day_of_the_month_just_after_publication_is_the_day_announced_not_last_month_s():
    assert _days("Full service is planned for the evening of the 5th.", Context(date(2022, 7, 4), "JST")) == \
        [("evening of the 5th", "2022-07-05")]


@pytest.mark.parametrize("announced", ["tomorrow", "tonight", "on May 1"])
def test_a_day_an_outage_story_announces_is_no_event(announced):
    text = f"The registration site was down all day. A new version of the site goes live {announced}, the ministry said."
    got = rows(text, date(2021, 4, 28), "IST")
    assert all(t[:10] <= "2021-04-28" for _, t, _ in got)
    assert all(t != "2021-04-28" or k == "impact_start" for k, t, _ in got)


def test_the_next_day_written_with_its_year_is_kept_and_without_it_is_announced():
    # a page updated the day after it was first published writes the update's full date
    assert [t for _, t, _ in rows("On April 13, 2022, all affected customers were restored.", date(2022, 4, 12), "UTC")] \
        == ["2022-04-13"]
    assert rows("On April 13, all affected customers get restored.", date(2022, 4, 12), "UTC") == []


def test_a_part_of_the_day_alone_is_the_day_the_text_speaks_of():
    text = "Trading was halted by an outage on Thursday, October 1. Later in the evening, the exchange said it would resume trading."
    assert _days(text, Context(date(2020, 10, 2), "JST"))[-1] == ("the evening", "2020-10-01")


def test_a_timeline_table_s_growing_later_rows_count_from_the_same_start():
    table = ("| Time (UTC) | Event |\n|---|---|\n| 10:51 on 4 March 2025 | Outage begins: the service crashes. |\n"
             "| ~10 minutes later | Root cause identified. |\n| ~40 minutes later | Initial recovery across most regions. |\n")
    got = draft(table, Context(date(2025, 3, 5), "UTC"), Cells("x", "Acme", "press", "", {}, live=False)).rows
    assert [(r["relative_to"], r["offset_min"]) for r in got if r.get("relative_to")] == [("impact-start", "10"), ("impact-start", "40")]


def test_later_in_prose_counts_from_the_time_before_it():
    text = ("The service crashed at 10:51 on 4 March 2025. Ten minutes later, the root cause was identified. "
            "Forty minutes later, the fix was deployed.")
    got = draft(text, Context(date(2025, 3, 5), "UTC"), Cells("x", "Acme", "press", "", {}, live=False)).rows
    anchors = [r["relative_to"] for r in got if r.get("relative_to")]
    assert anchors[0] == "impact-start" and anchors[1] != "impact-start"


def test_an_incident_history_whose_updates_name_no_status_is_still_a_status_page():
    page = ("Incident Report for Acme\nThis incident has been resolved.\nPosted 10 months ago. Oct 29, 2016 - 21:44 UTC\n"
            "Our analysis of the event can be found on our blog.\nPosted 10 months ago. Oct 26, 2016 - 16:43 UTC\n")
    got = rows(page, None, "UTC", "operator")
    assert ("resolution", "2016-10-29 21:44", "not_after") in got
    assert any(t == "2016-10-26 16:43" for _, t, _ in got)  # each stamp dates the paragraph above it


def test_a_report_that_is_a_document_is_no_report_of_users():
    text = "This Findings Report details an incident that began on October 21, 2016 at approximately 11:10 UTC."
    assert rows(text, None, "UTC", "operator")[-1][0] == "impact_start"


def test_a_line_of_prose_with_a_time_inside_an_update_is_not_its_stamp():
    # the update's own line "2 servers failed at 09:12 UTC." opens with a figure and has a time, but it is prose
    page = ("Identified – The cause is known.\n2 servers failed at 09:12 UTC.\nWe are replacing them.\nApr 12, 09:40 UTC\n"
            "Investigating – We are looking into errors.\nApr 12, 09:05 UTC\n")
    stamps = status_stamps(page)
    assert [(page[s.line[0]:s.line[1]], s.word) for s in stamps] == [("Apr 12, 09:40 UTC", "identified"),
                                                                      ("Apr 12, 09:05 UTC", "investigating")]
    assert page[stamps[0].update[0]:stamps[0].update[1]].endswith("We are replacing them.")


def test_a_bare_stamp_may_open_with_the_day_s_name():
    assert [s.word for s in status_stamps("Resolved – All systems are back.\nTue, Apr 12, 2:24 PM PDT\n")] == ["resolved"]
