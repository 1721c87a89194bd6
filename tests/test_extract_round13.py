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


def rows(text: str, published: date, tz: str):
    from incident.extract.draft import Cells, draft
    from incident.timetext.days import Context

    return [(r["kind"], r["time"], r["tz"], r["bound"], r["uncertainty_min"])
            for r in draft(text, Context(published, tz), Cells("x", "Diario", "press", "", {}, live=False)).rows]


def test_shortly_after_the_clock_in_spanish_is_that_clock_give_or_take_five_minutes():
    got = rows("El apagón comenzó poco después de las 7.06 horas del domingo.", date(2019, 6, 17), "America/Argentina/Buenos_Aires")
    assert got == [("impact_start", "2019-06-16 07:06", "America/Argentina/Buenos_Aires", "", "5")]


def test_past_a_local_clock_in_spanish_is_no_earlier_than_it_in_the_text_s_zone():
    got = rows("El domingo, pasadas las 15H30 locales (18H30 GMT), volvió la luz.", date(2019, 6, 17),
               "America/Argentina/Buenos_Aires")
    assert got == [("recovery", "2019-06-16 15:30", "America/Argentina/Buenos_Aires", "not_before", "")]


def test_hours_into_an_english_telecast_at_a_clock_still_count_from_it():
    got = rows("Hours into the 9 p.m. ET telecast, the stream broke.", date(2017, 8, 27), "America/New_York")
    assert ("", "not_before") in {(time, bound) for _, time, _, bound, _ in got}
