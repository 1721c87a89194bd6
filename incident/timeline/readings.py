"""Every reading of equal weight: when more than one lightest choice of claims to set aside exists,
all of them, so that an undecided conflict spans every optimal reading and never depends on claims
outside it.

A *reading* is a choice of claims to set aside that leaves the rest consistent, weighs the least,
and sets aside no claim it need not (remove any claim from it and the rest conflict). Readings are
found per group of linked conflicts (groups share no claim and no witness, so their costs add up):

1. in each group holding a tie (reconcile.settle found a claim that another lightest choice keeps),
   list every minimal hitting set of the group's known conflicts that weighs what the best choice's
   part of the group weighs (`_lightest_ways`: a depth-first search cut by the same lower bound as
   reconcile's search);
2. check each against the oracle with the best choice everywhere else; a new conflict joins the
   known ones and the listing starts again (a listed way that is not consistent is no reading);
3. the readings of the incident are the combinations of the ways of the groups in one part of its
   network (groups in parts no relative claim or milestone rule joins cannot move each other's
   windows), the best choice elsewhere, each checked again.

Every true reading is a minimal hitting set of the conflicts it has to meet, so when nothing new
is found every reading has been listed. Past MAX_WAYS ways in one group, or MAX_READINGS
combinations in one part (MAX_SOLVES in all), a group is spanned by one choice that sets aside everything any of its ways does
(a superset of a consistent choice is consistent, and keeps fewer claims: its windows contain every
reading's), and the conflict says how many readings it has found.
"""

from __future__ import annotations

import itertools
from dataclasses import replace
from typing import Callable, Sequence

from .reconcile import IMPOSSIBLE, MAX_ROUNDS, Choice, Core, Oracle, Settlement, bits, linked_groups, Problem

MAX_WAYS = 64  # ways of one group of linked conflicts listed one by one
MAX_READINGS = 32  # readings of one part of an incident's network solved one by one (each a network and its estimates)
MAX_SOLVES = 128  # readings of one incident in all
SEARCH_NODES = 200_000  # choices the listing of one group may try


def spread(settlement: Settlement, weights, witness, oracle: Oracle, parts: Callable[[], Sequence[int]]) -> Settlement:
    """The settlement with every reading of equal weight (`choices`), their undecided claims, and
    each tied group of linked conflicts with its ways (`ways`: its claims → the sets of them each
    reading sets aside, or None past MAX_WAYS). `parts()[i]` names the part of the network claim i's
    event is in (events joined by relative claims or the milestone order), asked only when something
    is tied. Unchanged when nothing is tied."""
    if not settlement.undecided:
        return settlement
    problem = Problem(weights, witness)
    part_of = parts()
    everything = frozenset(range(len(weights)))
    cores: set[Core] = set(settlement.conflicts)
    best = _minimal(settlement.best, cores, everything, oracle)
    for _ in range(MAX_ROUNDS):
        found = _try(problem, best, settlement.undecided, cores, everything, oracle, part_of)
        if found is not None:
            readings, ways = found
            break
    else:  # pragma: no cover - each round adds a conflict; no input comes near
        raise RuntimeError("the readings of equal weight did not converge")
    if readings[0].set_aside != best.set_aside:  # a group spanned whole: the best reading still leads
        readings.insert(0, best)
    # undecided: what one way of a group sets aside and another keeps (the readings themselves may
    # span a group by its union, which is no way); all of a group too large to list
    undecided: set[int] = set()
    for claims, listed in ways.items():
        undecided |= claims if listed is None else frozenset().union(*listed) - frozenset.intersection(*listed)
    return replace(settlement, best=best, undecided=frozenset(undecided), alternatives=readings[1:],
                   conflicts=sorted(cores, key=sorted), ways=ways)


def _minimal(best: Choice, cores: set, everything: frozenset, oracle: Oracle) -> Choice:
    """The best choice without the claims it need not set aside (a solver may take a claim whose
    witness is paid already): a reading sets aside nothing it need not."""
    aside = set(best.set_aside)
    for claim in sorted(best.set_aside, reverse=True):
        rest = aside - {claim}
        if all(core & rest for core in cores) and not oracle(everything - frozenset(rest)):
            aside = rest
    return Choice(frozenset(aside), best.weight) if aside != best.set_aside else best


def _try(problem: Problem, best: Choice, tied: frozenset, cores: set, everything: frozenset, oracle: Oracle,
         part_of: Sequence[int]):
    """One pass: the readings and each tied group's ways, or None when a new conflict was found (it
    is added to `cores`)."""
    groups = []  # (the group's claims, its ways, how many there are: None past MAX_WAYS)
    for group in linked_groups(cores, problem.witness):
        claims = frozenset().union(*group)
        mine = best.set_aside & claims
        if not claims & tied:
            groups.append((claims, [mine], 1))
            continue
        ways = _lightest_ways(problem, group, problem.cost(mine))
        if ways is None or len(ways) > MAX_WAYS:
            groups.append((claims, [mine], None))  # too many to list: spanned by the group's every claim
            continue
        if mine not in ways:
            ways.insert(0, mine)
        others = best.set_aside - claims
        for way in ways:
            found = oracle(everything - (others | way)) if way != mine else []
            if found:
                cores.update(Core(core) for core in found)
                return None
        ways.sort(key=lambda way: (way != mine, sorted(way)))
        groups.append((claims, ways, len(ways)))
    readings = [best]
    for aside in _combinations(best, [g for g in groups if g[2] != 1], part_of):
        found = oracle(everything - aside)
        if found:
            cores.update(Core(core) for core in found)
            return None
        readings.append(Choice(aside, best.weight))
    listed = {claims: (ways if count is not None else None) for claims, ways, count in groups if count != 1}
    return readings, listed


def _combinations(best: Choice, tied: list, part_of: Sequence[int]) -> list[frozenset]:
    """What each reading other than the best sets aside. Groups in different parts of the network
    (no relative claim or order rule joins their events) cannot move each other's windows, so the
    readings combine the ways of the groups of one part only, the best everywhere else. Within a
    part past MAX_READINGS combinations, or past MAX_SOLVES readings in all, the groups with the most
    ways are spanned by the union of their ways instead (a group too large to list, always)."""
    parts: dict[int, list] = {}
    for claims, ways, count in tied:
        options = [frozenset().union(claims)] if count is None else ways
        parts.setdefault(min(part_of[c] for c in claims), []).append((claims, list(options)))
    out: list[frozenset] = []
    for part in sorted(parts):
        groups = parts[part]
        room = max(1, min(MAX_READINGS, MAX_SOLVES - len(out)))
        while _product(len(options) for _, options in groups) > room:
            widest = max(range(len(groups)), key=lambda i: (len(groups[i][1]), -i))
            claims, options = groups[widest]
            groups[widest] = (claims, [frozenset().union(*options)])
        base = best.set_aside - frozenset().union(*(claims for claims, _ in groups))
        for combination in itertools.product(*(options for _, options in groups)):
            aside = base | frozenset().union(*combination)
            if aside != best.set_aside:
                out.append(aside)
    return out


def _product(counts) -> int:
    total = 1
    for count in counts:
        total *= count
    return total


def _lightest_ways(problem: Problem, group: list[Core], target: int) -> list[frozenset] | None:
    """Every minimal set of the group's claims that meets each of its conflicts and weighs `target`
    (None past SEARCH_NODES choices tried or MAX_WAYS found). Claims are decided from the last to the
    first, each left out before taken; a branch is cut when what it costs plus a lower bound of what
    its open conflicts add exceeds `target`."""
    claims = sorted(set().union(*group))
    bit = {claim: 1 << j for j, claim in enumerate(claims)}
    masks = sorted({sum(bit[c] for c in core) for core in group})
    witness_of = [problem.witness[c] for c in claims]
    weight_of = [problem.weights[c] for c in claims]
    found: list[int] = []
    nodes = [0]

    def bound(chosen: int, below: int, paid: dict) -> int:
        extra, used = 0, set[int]()
        for mask in masks:
            if mask & chosen:
                continue
            open_ = mask & below
            if not open_:
                return IMPOSSIBLE
            cheapest, witnesses = None, set()
            for j in bits(open_):
                witnesses.add(witness_of[j])
                step = max(0, weight_of[j] - paid.get(witness_of[j], 0))
                cheapest = step if cheapest is None else min(cheapest, step)
            if not witnesses & used:
                used |= witnesses
                extra += cheapest
        return extra

    def minimal(chosen: int) -> bool:
        return all(any(mask & chosen == 1 << j for mask in masks) for j in bits(chosen))

    def search(j: int, chosen: int, cost: int, paid: dict) -> bool:
        nodes[0] += 1
        if nodes[0] > SEARCH_NODES or len(found) > MAX_WAYS:
            return False
        if all(mask & chosen for mask in masks):
            if cost == target and minimal(chosen):
                found.append(chosen)
            return True
        if j < 0 or cost + bound(chosen, (1 << (j + 1)) - 1, paid) > target:
            return True
        if not search(j - 1, chosen, cost, paid):
            return False
        w = witness_of[j]
        before = paid.get(w, 0)
        return search(j - 1, chosen | 1 << j, cost + max(0, weight_of[j] - before), {**paid, w: max(before, weight_of[j])})

    if len(claims) > 400 or not search(len(claims) - 1, 0, 0, {}) or len(found) > MAX_WAYS:
        return None
    return [frozenset(c for c in claims if mask & bit[c]) for mask in found]
