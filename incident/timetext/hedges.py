"""Words right around a cue that change what it says of the time: an aim, no deed yet ("teams
remained focused on resolving the issue"); whoever is left, not the service's state ("advised anyone
still offline to restart"); what came before the time ("following the restoration of service the
previous night"). Each reads a bounded window beside the cue."""

from __future__ import annotations

import re

from .cues import AFTER


def earlier(after: str, cue: tuple[int, str]) -> bool:
    """Whether a cue after the time names what came before it ("On Thursday, following the restoration of
    service the previous night, the company announced …"): not what happened then."""
    at = cue[0] - AFTER
    return at >= 0 and after[max(0, at - 20):at].rstrip().endswith(_BEFORE_IT)


_BEFORE_IT = ("following the", "following its", "following a", "following an", "in the wake of")


_RESIDUE = ("anyone", "anybody", "those", "who are", "who were", "who is", "who remain", "if you are", "if you're")


def residue(before: str, after: str, still: tuple[int, str]) -> bool:
    """Whether a 'still' word speaks of whoever is left ("anyone still offline", "those still seeing errors")."""
    word = still[1].rstrip("*")
    if still[0] >= AFTER:
        lead = after[max(0, still[0] - AFTER - 14):still[0] - AFTER]
    else:
        end = len(before) - still[0] - len(word)
        lead = before[max(0, end - 14):end]
    return lead.rstrip().endswith(_RESIDUE)


# "focused on resolving", "working to restore": an aim, no deed yet (not "got round to restoring", "managed to restore")
_AIMS = frozenset(("working to", "work to", "works to", "trying to", "try to", "tries to", "aiming to", "aim to", "aims to",
                   "effort to", "efforts to", "focused on", "focusing on", "focus on", "committed to", "working on",
                   "work on", "continue to", "continues to", "continuing to", "hope to", "hoping to", "plan to", "plans to",
                   "planning to", "seeking to", "seek to", "attempting to", "attempt to", "order to", "as to", "intend to",
                   "intends to", "push to", "race to", "racing to", "scrambling to", "scrambled to", "rushing to"))


def aimed_at(after: str, distance: int) -> bool:
    """Whether a cue after the time is what a statement says is being aimed at ("provided an update that teams
    remained focused on resolving the issue"), not what it says happened by then."""
    if distance < AFTER:
        return False
    lead = after[max(0, distance - AFTER - 30):distance - AFTER].split()[-2:]
    return " ".join(lead) in _AIMS or lead[-1:] in (["toward"], ["towards"])  # not "appear to be working normally": done


# a cause said not yet known ("the cause is not yet known"): a statement, no cause claim
CAUSE_UNKNOWN = ("not yet known", "not known", "unknown", "unclear", "not clear", "yet to be determined", "niet bekend",
                  "onbekend", "inconnue", "pas encore connue", "unbekannt", "nicht bekannt", "unklar", "desconocida",
                  "no se conoce", "sconosciuta", "non è nota", "desconhecida")
# a start as planned ("opened as usual at 6am"): no failure began then
AS_PLANNED = ("as usual", "as normal", "as scheduled", "as planned", "on schedule", "on time", "as expected", "comme prévu",
               "comme d'habitude", "wie üblich", "wie geplant", "como de costumbre", "como previsto", "come previsto")


# what an operator does or runs, not a failure: when one of them is what began ("Configuration push begins",
# "Read replica backup and restore is started", "Load begins increasing"), no impact began then
OPERATIONS = frozenset(("push", "deploy", "deployment", "rollout", "roll-out", "migration", "maintenance", "upgrade",
                         "backup", "restore", "resize", "promotion", "load", "job", "script", "sync", "reindex",
                         "reindexing", "rebuild", "replication", "test", "tests", "drill", "snapshot", "import", "export",
                         "addition", "change", "expansion", "patch", "installation", "update", "upgrades"))


_AUXILIARIES = frozenset(("is", "was", "were", "are", "has", "have", "had", "been", "being", "be", "then", "now", "first"))


def an_operation(subject: str) -> str:
    """The operation a start word's subject names ("Configuration push begins", "backup and restore is
    started": the noun right before it, past auxiliaries), or ''."""
    words = [w.lower() for w in subject.split()[-4:]]
    while words and words[-1] in _AUXILIARIES:
        words.pop()
    return words[-1] if words and words[-1] in OPERATIONS else ""


_OBJECT_KINDS = ("detection", "acknowledgement", "mitigation", "recovery", "resolution", "report")  # not "said it was hit"
_ABOUT = re.compile(r"\b(?:about|on|regarding|concerning) (?:the |an? |its |this )?\Z")  # on a bounded gap: linear


def object_of(cue: tuple, failure: tuple, before: str) -> bool:
    """Whether a cue before the expression is written right before the failure word nearer it, the
    failure its object ("made aware of issues", "fixed the problem", "reports of errors"), or a
    statement is about it ("had not issued any formal communication about the outage")."""
    gap = cue[0] - failure[0] - len(failure[1].rstrip("*"))
    if cue[0] >= AFTER or gap < 0:
        return False
    between = before[len(before) - cue[0]:len(before) - cue[0] + gap]
    return cue[2] in _OBJECT_KINDS and gap <= 12 or cue[2] == "communication" and gap <= 60 and _ABOUT.search(between) is not None
