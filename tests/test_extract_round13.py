"""Sentences of our own for what drafting read wrong in texts it had not seen: texts that time the
recovery hours apart, the latest one all back."""

from datetime import date

from incident.extract.many import Text, draft_texts


def together(*stories: str, published: date = date(2024, 3, 12), tz: str = "America/Los_Angeles"):
    texts = [Text(f"t{i}", story, published, tz, f"Paper {i}", "press", "") for i, story in enumerate(stories)]
    return draft_texts(texts, "acme", False).rows


def test_a_recovery_completed_hours_after_the_first_return_is_the_end_of_the_incident():
    got = together("The sync service went down at 5:30 PM PT on Friday. Most features were back within 3 hours.",
                   "The recovery only completed at 4:40 PM PT on Sunday, March 10.")
    kinds = {(r["kind"], r["time"] or f"{r['relative_to']}+{r['offset_min']}") for r in got}
    assert ("recovery", "impact-start+180") in kinds and ("resolution", "2024-03-10 16:40") in kinds


def test_texts_disagreeing_on_the_recovery_without_saying_all_is_back_leave_both_recoveries():
    got = together("The sync service went down at 5:30 PM PT on Friday, March 8. It came back at 7 PM PT.",
                   "The service returned at 9:15 PM PT on Friday, March 8.")
    assert [r["kind"] for r in got if r["time"].endswith(("19:00", "21:15"))] == ["recovery", "recovery"]


def test_a_stated_end_of_the_incident_keeps_the_recoveries_as_they_are():
    got = together("The sync service went down at 5:30 PM PT on Friday, March 8. Most features were back at 7 PM PT.",
                   "Acme declared the incident resolved at 11 PM PT on March 8; service was fully restored at 10 PM PT.")
    assert {r["time"][11:]: r["kind"] for r in got if r["time"][11:] in ("19:00", "22:00", "23:00")} == {
        "19:00": "recovery", "22:00": "recovery", "23:00": "resolution"}
