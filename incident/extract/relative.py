"""What a relative figure counts from and what it places: the event its anchor's words name ("minutes
after the portal opened" → the scheduled start), and the kind a delay or a length gives its row."""

from __future__ import annotations

import re

from ..model.ids import slugify
from ..timetext.europe import names_failure
from ..timetext.hedges import OPERATIONS
from ..timetext.kinds import FIRES, OUTAGE_WORDS
from ..timetext.readings import Reading
from .ids import event_id

_ANCHORS = (  # the words of a relative figure's anchor → the event it most likely names
    (("scheduled", "planned", "due", "billed", "kick-off", "kickoff", "kick off", "start time", "starting time",
      "initial start", "original start", "showtime"), "scheduled_start"),
    (OUTAGE_WORDS + ("it began", "it started"), "impact_start"),
)
_CLOSING = ("deadline", "cut-off", "cutoff", "the end", "end of", "the close", "close of", "final whistle")  # a live event's end
_OPENING = ("opened", "began", "started", "launch", "went live", "opening", "kicked off", "registration", "lançamento",
            "lanzamiento", "lancement", "abertura", "apertura",  # a live event's start: "minutes after the portal opened"
            # what it was: "15 minutes before the Coldplay sale", "after the tickets went on sale", "before the event"
            "sale", "the event", "the keynote", "the beginning", "the premiere", "the broadcast", "the stream",
            "the livestream", "the telecast", "the match", "the game", "the fight", "the release", "went", " show", "ceremony",
            "commencement")
_SAID_SO = ("acknowledged", "began tracking", "reported it", "confirmed it", "confirmed the")  # "40 mins before Microsoft reported it"


# an operation and its being done, right before a figure ("the STiX upgrade was completed within 20 minutes")
_DONE = re.compile(r"\b([a-z-]+) (?:was |were |had been |has been )?(?:completed|finished|done|took|lasted)\s*\Z")
_PUT_OUT = re.compile(r"\b(?:put out|extinguished|brought under control|doused)(?: in| within| after)?\s*\Z")
PREVIOUS_TIME = "relative_to: the event of the text's previous time"  # the note's words, read again by _counted_from
FAILURE_LENGTH = "a length of the failure"  # the note's words, read again by _relative_to



def relative_kind(reading: Reading, kind: str, note: str, live: bool | None, before: str = "") -> tuple[str, str]:
    """A relative figure's kind: a delay ("delayed by about 10 minutes", "40 minutes late") places the
    start that happened (a live event's recovery); a length from the start ("a 73-hour outage",
    "lasted three days") places the end, unless its clause names another event: an operation done
    in that time ("The upgrade was completed within 20 minutes") is that operation's, no milestone."""
    anchor = reading.anchor or ""
    done = _DONE.search(before[-80:].lower())  # the last 80 characters only: linear
    if anchor == "the start" and done is not None and done[1] in OPERATIONS:
        return "other", f"the length of an operation ('{done[1]}'), not of the outage"
    if anchor == "the start" and _PUT_OUT.search(before[-40:].lower()):  # "The fire was put out in 20 minutes"
        return "other", "the time a fire took to put out, not the outage's"
    late = (reading.offset_min or 0) > 0 and reading.bound != "not_after" or (reading.offset_min or 0) > 5
    if "scheduled" in anchor and late and kind in ("scheduled_start", "other", "impact_start", "report") \
            and live is not False:
        return "recovery", "a start later than scheduled: the start that happened (a live event's recovery)"
    if anchor == "the start" and live and kind == "impact_start":  # "the site was down for about 20 minutes"
        return "recovery", f"{FAILURE_LENGTH}: it places the recovery, counted from the impact"
    lasting = kind != "cause" or not reading.as_reported.lower().startswith("after")  # "corrected the cause after two hours"
    if anchor == "the start" and lasting and kind in ("impact_start", "other", "communication", "report", "acknowledgement",
                                                      "cause"):  # "collapsed for nine hours because of …": its length
        end = "end" if live else "recovery"
        return end, f"a length from the start: it places the {'end' if live else 'recovery'}"
    return kind, note


DRAFTED_FROM = "relative_to drafted from"  # an anchor named by its words alone, no event of the text's


def relative_to(reading: Reading, previous: str | None, live: bool | None, events: dict[str, str], row_kind: str,
                failing: bool = False) -> tuple[str, str]:
    """The event a relative figure counts from: the one its anchor's words name, the text's previous
    time's for 'later', else the start (of a failure's length, the impact, even in a live event)."""
    anchor = (reading.anchor or "").lower()
    if anchor == "the previous event":
        if previous is not None:
            return previous, f"{PREVIOUS_TIME} ({previous})"
        anchor = "the start"
    if any(w in f" {anchor} " for w in FIRES):  # "more than eight hours after the fire broke out": the fire, an event of its own
        return "fire", f"relative_to guessed from {reading.anchor!r}: the fire, an event of its own"
    kind = next((k for words, k in _ANCHORS if any(w in anchor for w in words)), None)
    if kind is None and names_failure(anchor):  # "trois heures après le début de la panne"
        kind = "impact_start"
    closing = any(w in anchor for w in _CLOSING)
    if kind is None and live and closing:  # "two hours before the midnight deadline"
        kind = "end"
    if kind is None and (live or "scheduled_start" in events.values()) and not closing and any(w in anchor for w in _OPENING):
        kind = "scheduled_start"  # "minutes after the portal opened", "minutes after trading opened" (a market's opening)
    if kind is None and any(w in anchor for w in _SAID_SO):  # "three hours after Alibaba began tracking the outage"
        kind = "acknowledgement"
    if kind is None and (anchor in ("the start", "") or anchor.startswith("the start of")):
        live = live if live is not None else "scheduled_start" in events.values()
        # what ends counts from the start that happened; what comes "into" a live event, from its schedule
        kind = ("recovery" if row_kind in ("end", "resolution") else "scheduled_start") if live and not failing \
            else "impact_start"
    if kind is not None:
        event = event_id(kind, "", events)
        return event, f"relative_to guessed from {reading.anchor!r}: {event}"
    slug = slugify(re.sub(r"^(the|its|his|her|their|our|a|an|o|os|as|el|la|los|las|le|les|il|lo|der|die|das|het)\s+", "", anchor))[:40] or "start"
    return slug, f"{DRAFTED_FROM} {reading.anchor!r}: name the event it counts from"
