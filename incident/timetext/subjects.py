"""Who a failure word names, not that a failure happened: "services impacted by the event were
restored" says which services came back, not that anything failed at that time."""

from __future__ import annotations

import re

_HIT_BY = re.compile(r"\b([a-z]+)\s+(?:impacted|affected)\s+by\b")  # one pass: a match starts only at a word
_AUXILIARIES = frozenset(("is", "are", "was", "were", "be", "been", "being", "am", "get", "gets", "got", "getting", "gotten",
                          "become", "became", "remain", "remains", "remained", "seem", "seems", "seemed"))
_PREDICATE_ENDS = frozenset(("is", "are", "was", "were", "have", "has", "had", "will", "would", "can", "could", "may",
                             "remain", "remained", "remains", "stayed"))


def who_was_hit(text: str) -> str:
    """The text with a failure participle that names who was hit blanked out, with its 'by' phrase:
    "services impacted by the event were restored", "customers affected by the outage" say which
    services or customers, not that a failure happened then ("were impacted by", "badly affected by"
    stay: there the participle is the verb)."""
    cuts = []
    for match in _HIT_BY.finditer(text):
        before = match.group(1)
        if before in _AUXILIARIES or before.endswith("ly"):
            continue
        end, words = match.end(), 0
        for word in re.finditer(r"[^\s,;:.()]+|[,;:.()]", text[end:end + 80]):
            if words == 5 or not word.group()[0].isalnum() or word.group() in _PREDICATE_ENDS:
                break
            end, words = match.end() + word.end(), words + 1
        cuts.append((match.start(1) + len(before), end))
    kept, last = [], 0
    for start, end in cuts:
        start = max(start, last)  # a phrase that ends inside the one before it
        kept += [text[last:start], " " * max(0, end - start)]
        end = max(end, last)
        last = end
    # "outage tracking website Down Detector", "an outage map": a tracker's name, not a failure
    # "advised anyone still offline to restart", "those still seeing errors": who is left, not a failure then
    return _LEFT.sub(_blank, _TRACKER.sub(_blank, "".join(kept) + text[last:]))


def _blank(match: re.Match) -> str:
    return " " * len(match.group())  # the same length: distances in the text stay right


_LEFT = re.compile(r"\b(?:anyone|anybody|those|who (?:are|were|is|remain))\s+still\s+[^,;.]{0,60}", re.IGNORECASE)

_TRACKER = re.compile(r"\b(?:outage|downtime)[- ](?:track|monitor|detect|map|report(?:ing|er)\b)[a-z]*", re.IGNORECASE)
