"""A status page's updates as a draft reads them: each "Posted …" stamp with its update above it and
the kind of event the update's status word says (timetext/stamps.py finds them)."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from ..timetext.stamps import status_stamps

STATUS_KINDS = {  # a status page's update, by the word it begins with → (kind, note)
    "investigating": ("acknowledgement", "a status update 'Investigating': the operator acknowledges the problem"),
    "identified": ("communication", "a status update 'Identified': the cause is found"),
    "monitoring": ("mitigation", "a status update 'Monitoring': a fix is in place by then"),
    "resolved": ("resolution", "a status update 'Resolved'"),
    "update": ("communication", "a status update"),
    "verifying": ("mitigation", "a status update 'Verifying': a fix is in place by then"),
    "completed": ("resolution", "a status update 'Completed'"),
    "postmortem": ("communication", "the status page's postmortem"),
}


@dataclass(frozen=True)
class Stamp:
    line: tuple[int, int]  # the "Posted …" line
    paragraph: tuple[int, int]  # the update's paragraph above it
    kind: tuple[str, str]  # (kind, note) by the update's status word


def update_stamps(text: str) -> list[Stamp]:
    """A status page's "Posted …" lines, each with the update it belongs to (above it) and that
    update's kind; [] when the text is not laid out so."""
    return [Stamp(s.line, s.paragraph, STATUS_KINDS[s.word]) for s in status_stamps(text)]


def stamp_of(stamps: list[Stamp], position: int) -> Stamp | None:
    """The stamp whose "Posted" line `position` is on (the lines are in text order: by bisection)."""
    i = bisect_right(stamps, position, key=lambda s: s.line[0]) - 1
    return stamps[i] if i >= 0 and position < stamps[i].line[1] else None
