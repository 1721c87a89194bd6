"""Who says what: each claim's weight, which claims are one witness (one source, or copies of one
origin or quote that can hold together), and which claims a correction replaces."""

from __future__ import annotations

import re
from typing import Sequence

from ..model.claim import Claim
from ..model.cells import Kind, SourceType

# ---------------------------------------------------------------- reconstruction


def claim_weights(claims: Sequence[Claim]) -> list[int]:
    """Each claim's weight: its source's authority × its precision (model.Claim.base_weight). What
    a witness of several claims weighs is decided by `witnesses` and reconcile.py."""
    return [c.base_weight for c in claims]


_WORD = re.compile(r"\w+")


def normalised_quote(text: str | None) -> str:
    """A quote with spacing, case and punctuation set aside, for finding copies of one statement."""
    return " ".join(_WORD.findall(text.casefold())) if text else ""


def witnesses(claims: Sequence[Claim]) -> list[int]:
    """Each claim's witness, as the index of the first claim of it. Claims about one event are one
    witness when they share a source, an origin (`via`) or a quote (`normalised_quote`) and say
    things that can hold together: a lower and an upper bound split over two rows are one
    statement, but a source that gives two times that cannot both be true (11:20 and 11:28) has made
    two statements, and a copy that contradicts its origin is no faithful copy. What a witness says
    is kept as the intersection of what its claims allow (for times, and for offsets from each
    anchor); intervals that meet pairwise meet all together, so that intersection decides."""
    parent = list(range(len(claims)))
    hulls: dict[int, dict] = {}  # root → {anchor (None: the clock): (low, high)}

    def root(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def meets(hull: dict, other: dict) -> bool:
        for anchor, (low, high) in other.items():
            if anchor in hull:
                a, b = hull[anchor]
                if (low is not None and b is not None and low > b) or (high is not None and a is not None and high < a):
                    return False
        return True

    def merged(hull: dict, other: dict) -> dict:
        result = dict(hull)
        for anchor, (low, high) in other.items():
            if anchor in result:
                a, b = result[anchor]
                low = a if low is None else low if a is None else max(a, low)
                high = b if high is None else high if b is None else min(b, high)
            result[anchor] = (low, high)
        return result

    by_key: dict[tuple, list[int]] = {}  # key → roots of the witnesses that have it
    for i, claim in enumerate(claims):
        fields = claim.__dict__  # (read from its dict: every claim of a history passes here)
        event, via, quote = fields["event"], fields["via"], fields["quote"]
        hulls[i] = {fields["relative_to"]: claim.bounds()}
        keys = [("source", event, fields["source"])]
        if via and via.strip():
            keys.append(("via", event, via.strip().casefold()))
        quote = normalised_quote(quote) if quote else ""
        if quote:
            keys.append(("quote", event, quote))
        for key in keys:
            known = by_key.get(key)
            if known is None:  # the first claim with this key: nothing to join (most claims)
                by_key[key] = [i]
                continue
            for other in sorted({root(r) for r in known}):
                mine = root(i)
                if other == mine or not meets(hulls[other], hulls[mine]):
                    continue
                low, high = min(other, mine), max(other, mine)
                parent[high] = low
                hulls[low] = merged(hulls[low], hulls.pop(high))
            known.append(root(i))
    return [root(i) for i in range(len(claims))]


def corrected_claims(claims: Sequence[Claim]) -> dict[int, Claim]:
    """Claims replaced by a correction (index → the correcting claim): every claim about the
    correcting claim's event by the source its `corrects` cell names, or repeating the origin it
    names (`via`: the correction reaches every copy)."""
    by_target: dict[tuple[str, str], Claim] = {}
    for claim in claims:
        if claim.corrects:
            by_target.setdefault((claim.event, _name(claim.corrects)), claim)
    if not by_target:
        return {}
    found = {}
    for i, c in enumerate(claims):
        by = by_target.get((c.event, _name(c.source)))
        if by is None and c.via:
            by = by_target.get((c.event, _name(c.via)))
        if by is not None and by is not c:
            found[i] = by
    return found


def _name(text: str) -> str:
    return text.strip().casefold()


# the kinds that end an incident, latest first: its end is the last of them the claims state
ENDING = (Kind.resolution, Kind.recovery, Kind.end)


def incident_end(claims: Sequence[Claim]) -> int | None:
    """When the incident ended, for telling a statement made after it from one made during it: the
    latest time the claims write for its last milestone (a resolution, else a recovery, else an
    end, else any), as written (the first instant the written time can mean, before any bound)."""
    timed = [c for c in claims if c.instant is not None]
    for kind in ENDING:
        ending = [c.reading()[0] for c in timed if c.kind is kind]
        if ending:
            return max(ending)
    return max((c.reading()[0] for c in timed), default=None)


def superseded_claims(claims: Sequence[Claim], corrected: dict[int, Claim]) -> dict[int, Claim]:
    """Claims superseded (index → the superseding claim): an operator's statement published after
    the incident ended (`published` later than `incident_end`) supersedes each statement of the same
    organisation (`org`; empty: the incident's one operator) about the same event published during
    it (at or before the end) that it contradicts: two times, or two offsets from one event, that
    cannot both hold. Claims without `published`, or already corrected, take no part."""
    dated = [(i, c, c.published_span()) for i, c in enumerate(claims)
             if c.published is not None and c.source_type is SourceType.operator and i not in corrected]
    if not dated:
        return {}
    end = incident_end(claims)
    if end is None:
        return {}
    after: dict[tuple[str, str], list[Claim]] = {}
    for _, claim, (first, _) in dated:
        if first > end:
            after.setdefault((_name(claim.org or ""), claim.event), []).append(claim)
    found = {}
    for i, claim, (_, last) in dated:
        if last > end:
            continue
        later = sorted(after.get((_name(claim.org or ""), claim.event), ()), key=lambda c: c.line)
        by = next((p for p in later if contradicts(p, claim)), None)
        if by is not None:
            found[i] = by
    return found


def contradicts(a: Claim, b: Claim) -> bool:
    """Whether two claims about one event cannot both hold on their own: two windows of times, or
    two ranges of offsets from one anchor, that do not meet."""
    if a.relative_to != b.relative_to:
        return False
    (low_a, high_a), (low_b, high_b) = a.bounds(), b.bounds()
    return (low_a is not None and high_b is not None and low_a > high_b) or (low_b is not None and high_a is not None and low_b > high_a)
