"""The kind and bound of a drafted claim from its clause's structure: a state that lasts at a time
("remained down as of 10 p.m.") places the recovery after it; a statement that something is done
("as of T, all customers have been restored") places it by then; a full recovery is the resolution.
Each row is (kind, time or relative_to+offset, until, bound, ±)."""

from datetime import date

import pytest

from incident.extract.draft import Cells, draft
from incident.timetext.kinds import classify
from incident.timetext.readings import Context


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
