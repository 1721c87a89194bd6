"""A text known only by the month it was published ("2014-01"): its day is never invented.

Its weekdays and "today" are read against the incident's day when the other texts give it, else not
at all; a date later in that month is not "a time to come"; the drafted rows leave `published`
empty and say the month in their note."""

from __future__ import annotations

import csv
import io
from datetime import date

from incident.cli import main
from incident.extract.many import Text, draft_texts

STORY = "On Friday at 5:30 PM PT the service went down. It was back by 4:40 PM PT on Sunday."


def _drafted(tmp_path, *argv):
    out, err = tmp_path / "events.csv", io.StringIO()
    code = main(["extract", *map(str, argv), "--incident", "acme", "--out", str(out)], stdout=io.StringIO(), stderr=err)
    rows = list(csv.DictReader(out.open(encoding="utf-8"))) if out.exists() else []
    return code, rows, err.getvalue()


def test_a_weekday_in_a_text_of_a_known_month_alone_is_not_read(tmp_path):
    story = tmp_path / "story.txt"
    story.write_text(STORY, encoding="utf-8")
    code, rows, said = _drafted(tmp_path, story, "--published", "2014-01", "--tz", "America/Los_Angeles")
    assert not any(r["time"].startswith("2014-01-0") or r["time"].startswith("2013-12") for r in rows)
    assert "only its month is given" in said


def test_a_weekday_in_a_text_of_a_known_month_is_read_in_the_incident_week():
    texts = [Text("status", "The site went down at 17:30 PT on January 10, 2014.", date(2014, 1, 10), "America/Los_Angeles",
                  "Acme status", "operator"),
             Text("story", STORY, date(2014, 1, 1), "America/Los_Angeles", "Blog", "press", month_only=True)]
    rows = [r for r in draft_texts(texts, "acme", live=False).rows if r["source"] == "Blog"]
    assert {r["time"] for r in rows} >= {"2014-01-10 17:30", "2014-01-12 16:40"}
    assert all(r["published"] == "" and "published in 2014-01, its day not given" in r["note"] for r in rows)


def test_a_date_later_in_the_month_is_not_a_time_to_come(tmp_path):
    story = tmp_path / "story.txt"
    story.write_text("The service went down at 9:10 a.m. on January 20 and was back by 11:00 a.m.", encoding="utf-8")
    code, rows, said = _drafted(tmp_path, story, "--published", "2014-01", "--tz", "UTC")
    assert code == 0
    assert {r["time"] for r in rows} == {"2014-01-20 09:10", "2014-01-20 11:00"}
    assert "time to come" not in said


def test_a_month_that_is_no_date_is_refused_as_usage(tmp_path):
    story = tmp_path / "story.txt"
    story.write_text(STORY, encoding="utf-8")
    code, rows, said = _drafted(tmp_path, story, "--published", "2014-13")
    assert code == 2 and "YYYY-MM when only the month is known" in said
