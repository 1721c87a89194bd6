"""The kind of event a status page's update says by the word it begins with ("Resolved - …"); the
updates and their "Posted …" stamps are found by timetext/stamps.py. An update whose stamp heads a
line of its own ("- monitoring May 11, 2021, 07:47 AM UTC", "Update 12/14/13 10:40 am PST") is read
here, with the body below it."""

from __future__ import annotations

import re
from typing import Callable

from ..timetext.kinds import Guess

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

_CUE = re.compile(r"kind guessed from '([^']{1,40})'")  # the cue a guess's note names
_BODY_MOST = 2000  # characters of an update's body read below its stamp


def heading_kind(text: str, end: int, word: str, announced: Callable[[str], Guess | None]) -> Guess:
    """The kind of an update whose stamp ends at `end` on a line of its own, under the status word
    `word` ('update' for a live blog's): what its body, to the next blank line or stamp, says was
    reached by then (`announced` reads it), else what its status word says ('monitoring': a fix in
    place), else an update posted then."""
    start = text.find("\n", end) + 1
    body = text[start:start + _BODY_MOST] if start > 0 else ""
    ends = [at for at in (body.find("\n\n"), _next_heading(body)) if at >= 0]
    body = body[:min(ends)] if ends else body
    said = announced(body)
    if word == "update":
        return Guess(said.kind, f"the update under this stamp says: {said.note}") if said is not None \
            else Guess("communication", "an update's stamp on a line of its own: an update then")
    kind, note = STATUS_KINDS[word]  # a status page's own update: posted then, and what it says was reached by then
    cue = _CUE.search(said.note) if said is not None else None
    if said is None or said.kind == "resolution" and kind != "resolution" \
            or cue is not None and (cue[1].endswith("ing") or f"being {cue[1]}" in body.lower()):
        return Guess(kind, note)  # "investigating … continuing to resolve", "logs are being restored": not yet
    if said.kind == kind:
        return Guess(kind, f"{note}, which says so")
    return Guess(said.kind, f"{note}, which says: {said.note}", "" if said.kind == "cause" else "not_after")


def _next_heading(body: str) -> int:
    """Where the next stamped heading begins in an update's body ("\n- monitoring May 11, …"), or -1."""
    for line_start in (i + 1 for i, c in enumerate(body) if c == "\n"):
        if body[line_start:line_start + 20].strip(" \t*#_-–—+").split(" ", 1)[0].lower() in STATUS_KINDS:
            return line_start
    return -1
