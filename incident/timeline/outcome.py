"""What a reconciliation comes to, as the analyst reads it: each event with its window (over every
reading of equal weight), its estimate and its claims' standing, and the named conflicts."""

from __future__ import annotations

from collections import defaultdict

from ..model.time import SECOND
from ..model.claim import Claim
from ..model.cells import Kind
from .estimates import shown_instant
from .events import NARROW_WINDOW, Conflict, Event, Order
from .reconcile import Settlement


def events_of(incident, names, kinds, claims, settlement: Settlement, solutions, every, corrected, superseded) -> list[Event]:
    """Each event over every reading (`solutions`, the best first): its window spans them all; its
    estimate is the best reading's, or the middle of the readings' when an undecided conflict moves it."""
    by_event: dict[str, list[Claim]] = defaultdict(list)
    for claim in sorted(every, key=lambda c: c.line):
        by_event[claim.event].append(claim)
    corrected_lines = {every[i].line for i in corrected}
    superseded_lines = {every[i].line for i in superseded}
    dropped_lines = {claims[i].line for i in settlement.set_aside}
    undecided_lines = {claims[i].line for i in settlement.undecided}
    undecided_events = {claims[i].event for i in settlement.undecided}
    aside = dropped_lines | undecided_lines | corrected_lines | superseded_lines
    conflicted = dropped_lines | undecided_lines
    events = []
    for name in names:
        own = by_event.get(name, [])
        windows = [s.windows[name] for s in solutions]
        estimates = [s.estimates[name] for s in solutions]
        lows = [w[0] for w in windows]
        highs = [w[1] for w in windows]
        earliest = None if None in lows else min(lows)
        latest = None if None in highs else max(highs)
        values = sorted({e for e, *_ in estimates if e is not None})
        # readings that differ only in which impact start comes first are no conflict: the window
        # spans them, the estimate is the best reading's
        moved = bool(settlement.undecided) and (len(set(windows)) > 1 or len(values) > 1)
        undecided = moved or name in undecided_events
        if len(values) > 1 and moved:
            estimate = (values[0] + values[-1]) // 2
            rule, stated = "undecided: the middle of the readings of equal weight", None
        else:
            estimate, rule, stated = estimates[0]
        low_from = min(range(len(solutions)), key=lambda k: (lows[k] is not None, lows[k] or 0))
        high_from = max(range(len(solutions)), key=lambda k: (highs[k] is None, highs[k] or 0))
        kept = [c for c in own if c.line not in aside]
        narrow = earliest is not None and latest is not None and latest - earliest < NARROW_WINDOW
        seconds = narrow and any(c.point is not None and c.precision == SECOND for c in kept)
        shown = shown_instant(estimate, stated, seconds)
        events.append(
            Event(
                incident=incident,
                event=name,
                kind=kinds.get(name, Kind.other),
                label=next((c.label for c in kept if c.label), None) or next((c.label for c in own if c.label), name),
                earliest=earliest,
                latest=latest,
                estimate=estimate,
                rule=rule,
                claims=tuple(own),
                dropped=_of(own, dropped_lines),
                undecided_claims=_of(own, undecided_lines),
                conflict=bool(conflicted) and any(c.line in conflicted for c in own),
                undecided=undecided,
                corrected=_of(own, corrected_lines),
                superseded=_of(own, superseded_lines),
                seconds=seconds,
                shown=shown,
                trace=(solutions[low_from], solutions[high_from]),
            )
        )
    return events


def _of(claims, lines: set) -> tuple[Claim, ...]:
    """The claims whose lines are in `lines` (most incidents set none aside: nothing to look at)."""
    return tuple(c for c in claims if c.line in lines) if lines else ()


def conflicts_of(claims, weights, witness, settlement: Settlement, best) -> list[Conflict]:
    """The conflicts, as the analyst reads them. Decided: the claims set aside about one event,
    against the kept claims each contradicts most directly (the tightest chain of kept claims and
    order rules that rules it out). Undecided: the claims of the readings of equal weight, each
    reading with what it sets aside."""
    from .reconcile import linked_groups

    def side(items) -> tuple[Claim, ...]:
        return tuple(sorted((claims[i] for i in items), key=lambda c: c.line))

    def weight(items) -> int:  # a witness counts once, with its heaviest claim
        heaviest: dict[int, int] = {}
        for i in items:
            heaviest[witness[i]] = max(heaviest.get(witness[i], 0), weights[i])
        return sum(heaviest.values())

    result = []
    linked = linked_groups(core & settlement.undecided for core in settlement.conflicts if len(core & settlement.undecided) > 1)
    covered: set[int] = set()
    for group in linked:
        mine = frozenset().union(*group)
        covered |= mine
        ways, listed = _ways(mine, settlement)
        first, rest = ways[0], frozenset().union(*ways[1:]) - ways[0]
        result.append(_conflict(side(mine), (), side(mine), (side(first), side(rest)), (weight(first), weight(first)), (),
                                readings=tuple(side(w) for w in ways) if listed else (side(first),),
                                count=len(ways) if listed else None))
    by_event: dict[str, list[int]] = defaultdict(list)
    for i in sorted(settlement.best.set_aside | settlement.undecided):
        if i not in covered:
            by_event[claims[i].event].append(i)
    for name in sorted(by_event):
        mine_lines = by_event[name]
        opponents: set[int] = set()
        orders: set[Order] = set()
        for i in mine_lines:
            for tag in best.contradicted_by(i):
                if isinstance(tag, Order):
                    orders.add(tag)
                else:
                    opponents.add(tag)
        undecided = [i for i in mine_lines if i in settlement.undecided]
        set_aside = [i for i in mine_lines if i not in settlement.undecided]
        keeping = max((settlement.keeping_costs[i].weight for i in mine_lines if i in settlement.keeping_costs), default=None)
        result.append(
            _conflict(
                side(set(mine_lines) | opponents), side(set_aside), side(undecided),
                (side(mine_lines), side(opponents)), (weight(mine_lines), weight(opponents)), tuple(sorted(orders, key=str)),
                None if keeping is None or keeping >= 10**18 else keeping - settlement.best.weight + weight(mine_lines),
            )
        )
    result.sort(key=lambda c: (c.dropped[0].line, c.events))
    return result


def _ways(mine: frozenset, settlement: Settlement) -> tuple[list[frozenset], bool]:
    """What each reading of equal weight sets aside of an undecided conflict's claims (`mine`), the
    best reading's first, and whether they are all listed (False past what is listed one by one)."""
    groups = [ways for claims, ways in settlement.ways.items() if claims & mine]
    listed = None not in groups
    if groups:  # the ways listed per group (the readings may span a group by its union instead)
        found = {way & mine for ways in groups if ways is not None for way in ways}
    else:  # ties only between runs with another first impact start
        found = {r.set_aside & mine for r in settlement.choices}
    first = settlement.best.set_aside & mine
    found.add(first)
    return sorted(found, key=lambda way: (way != first, sorted(way))), listed


def _conflict(involved, set_aside, undecided, sides, weights, orders, keeping=None, readings=(), count=0) -> Conflict:
    events = {c.event for c in involved} | {c.relative_to for c in involved if c.relative_to}
    events |= {r.earlier for r in orders} | {r.later for r in orders}
    return Conflict(involved, set_aside, undecided, sides, weights, tuple(sorted(events)), orders, keeping, readings, count)
