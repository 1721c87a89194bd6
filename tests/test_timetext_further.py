"""Swedish, Norwegian, Danish, Polish and Turkish texts are read as the other languages are: their dates,
clock words ("kl. 14.30", "o godz. 10:15", "saat 14.30'da", "klokken 9"), lengths ("i tre timer",
"przez trzy godziny", "üç saat sürdü") and the words of what happened; and none of their words changes an
English text ("Mart 24" is a shop, "fire minutes later" no count). Sentences of our own making."""

from datetime import date

import pytest

from incident.extract.draft import Cells, draft
from incident.timetext.days import Context
from incident.timetext.readings import read_times


def drafted(text: str, tz: str) -> list[tuple]:
    result = draft(text, Context(date(2025, 3, 15), tz), Cells("x", "Acme", "press", "", {}, live=False))
    return [(r["kind"], r["time"] or f"{r['relative_to']}{int(float(r['offset_min'])):+d}") for r in result.rows]


@pytest.mark.parametrize("text, tz", [
    ("Störningen började kl. 14.30 den 3 mars 2025 och tjänsten fungerar igen sedan kl. 16.10.", "Europe/Stockholm"),
    ("Driftsforstyrrelsen begyndte klokken 14.30 den 3. marts 2025, og tjenesten virker igen fra kl. 16.10.",
     "Europe/Copenhagen"),
    ("Awaria zaczęła się o godz. 14:30 w poniedziałek 3 marca 2025, a usługi przywrócono o godz. 16:10.", "Europe/Warsaw"),
    ("Kesinti 3 Mart 2025 saat 14.30'da başladı ve hizmet saat 16.10'da düzeldi.", "Europe/Istanbul")])
def test_an_outage_s_start_and_recovery_in_four_more_languages(text, tz):
    assert drafted(text, tz) == [("impact_start", "2025-03-03 14:30"), ("recovery", "2025-03-03 16:10")]


@pytest.mark.parametrize("text, minutes", [
    ("Nedbruddet varte i tre timer.", 180), ("Avbrottet varade i fyra timmar.", 240),
    ("Awaria trwała przez trzy godziny.", 180), ("Kesinti üç saat sürdü.", 180), ("Awaria trwała 90 minut.", 90)])
def test_a_length_in_four_more_languages(text, minutes):
    got = read_times(text, Context(date(2025, 3, 15), "UTC"))
    assert [(r.kind, r.offset_min) for r in got] == [("relative", minutes)]


@pytest.mark.parametrize("text, day", [("Det hände i måndags, den 3 mars 2025.", "2025-03-03"),
                                       ("To się stało wczoraj.", "2025-03-14"), ("Dün oldu.", "2025-03-14"),
                                       ("Kesinti 14 Mart 2025 tarihinde oldu.", "2025-03-14"),
                                       ("Det skjedde på lørdag.", "2025-03-15")])
def test_days_in_four_more_languages(text, day):
    got = read_times(text, Context(date(2025, 3, 15), "UTC"), days=True)
    assert day in [r.time for r in got]


@pytest.mark.parametrize("text", ["Wal-Mart 24 hours a day, and Mart 24 sales.", "The fire minutes away spread.",
                                  "It took time to see 9 in the list."])
def test_their_words_change_no_english_text(text):
    assert [r.as_reported for r in read_times(text, Context(date(2025, 3, 15), "UTC"), days=True)
            if r.kind in ("day", "clock")] == []


def test_an_abbreviation_before_a_figure_ends_no_sentence():
    # "approx. 1 hour": the length belongs to the sentence that says what lasted
    assert drafted("The outage lasted approx. 1 hour on 3 March 2025.", "UTC")[0] == ("recovery", "impact-start+60")
