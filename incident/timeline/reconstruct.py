"""Claims → a timeline: each event's window and estimate, and the named conflicts.

Every claim is a constraint. An absolute claim bounds its event to what its written time can mean
(model.Claim.reading: a minute covers the clock's and the nearest minute, a date its local day, an
interval from `time` to `until`; one side for a bound); a relative claim bounds the difference
between two events. The milestones keep their order (no detection before the impact start, no
resolution before the recovery, …: `Order`), as constraints no claim can overrule. The claims of one
incident form a simple temporal network (stn.py); its tightest windows are each event's `earliest`
and `latest`.

A claim whose `corrects` names a source replaces that source's claims about the same event: those
are set aside as *corrected* before anything is weighed. When the other claims cannot all hold,
reconcile.py sets aside the claims of least total weight whose removal leaves the rest consistent:
an exact optimum. A claim's weight is its source's authority times its precision
(model.Claim.base_weight); the claims of one **witness** — one source's rows about one event, and
copies of one origin (the same `via`, or the same quote once spacing, case and punctuation are set
aside) — weigh as their heaviest, so that copies do not outvote an independent witness and a
statement split over two rows weighs what either row weighs. When two choices weigh the same, the
conflict is undecided: the windows span both readings and the estimate lies between them.

Estimates come only from what the kept claims state: the times they write, carried through the
offsets relative claims state. They are solved together: events are settled one at a time, the best
attested first, each at the weighted median of its stated times (and of the times its settled
neighbours imply), clamped into what the kept claims, the milestone order and the estimates already
settled allow, so that relative claims and the order hold between the estimates too. An event known
only from bounds (a "by 21:31", an interval, a date alone) has no estimate: its window is what is known.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Iterable, Sequence

from ..collecting import paused
from ..model.claim import SECOND, Claim, Kind, SourceType, in_calendar
from .reconcile import Settlement, settle
from .stn import Edge, Network

# ---------------------------------------------------------------- reconstruction
from .estimates import _clamp, _estimates, _median_weights, _Settling, _shown, _stated  # noqa: F401
from .events import NAMES, NARROW_WINDOW, Conflict, Event, Order, Timeline, _unique, order_rules  # noqa: F401 (the results, for callers)
from .witnesses import claim_weights, corrected_claims, normalised_quote, witnesses  # noqa: F401


def reconstruct_all(claims: Iterable[Claim]) -> dict[str, Timeline]:
    return dict(reconstruct_each(claims))


def reconstruct_each(claims: Iterable[Claim]):
    """(incident, timeline) for each incident in turn, by name: a caller that keeps only what it
    needs of each timeline holds one at a time (`stats` on 50,000 incidents)."""
    by_incident: dict[str, list[Claim]] = defaultdict(list)
    for claim in claims:
        by_incident[claim.incident].append(claim)
    with paused():
        for name in sorted(by_incident):
            yield name, reconstruct(by_incident.pop(name))


def reconstruct(claims: Sequence[Claim]) -> Timeline:
    """Reconstruct one incident from its (valid) claims."""
    if not claims:
        raise ValueError("no claims")
    # Numbered by content, never by row, so the order of the rows cannot change the result.
    every = tuple(sorted(claims, key=_content))
    incident = every[0].incident
    corrected = corrected_claims(every)
    claims = tuple(c for i, c in enumerate(every) if i not in corrected)
    names = sorted({c.event for c in every} | {c.relative_to for c in every if c.relative_to})
    index = {name: i + 1 for i, name in enumerate(names)}  # 0 is the origin
    kinds = {}
    for claim in every:
        kinds.setdefault(claim.event, claim.kind)
    weights = claim_weights(claims)
    witness = witnesses(claims)
    # The milestone order hangs on the first event of each kind, which only the settled times tell:
    # start from the sources' consensus, settle, and settle again while the first events move.
    consensus = _consensus(names, claims, weights, witness)
    tried = []
    for _ in range(MAX_ORDER_ROUNDS):
        rules = order_rules(kinds, consensus)
        space = _Space(names, index, claims, weights, witness, rules, consensus)
        settlement = settle(weights, space.conflicts, witness)
        solutions = [space.solve(choice.set_aside) for choice in settlement.choices]
        tried.append((settlement.best.weight, len(tried), rules, space, settlement, solutions))
        settled = {name: solutions[0].position(name) for name in names}
        if order_rules(kinds, settled) == rules:
            break
        consensus = settled
    _, _, rules, space, settlement, solutions = min(tried, key=lambda t: t[:2])

    events = _events(incident, names, kinds, claims, settlement, solutions, every, corrected)
    status = {}
    for i, claim in enumerate(claims):
        if i in settlement.undecided:
            status[claim.line] = "undecided"
        elif i in settlement.best.set_aside:
            status[claim.line] = "set aside"
        else:
            status[claim.line] = "kept"
    for i in corrected:
        status[every[i].line] = "corrected"
    all_weights = {c.line: w for c, w in zip(claims, weights)}
    all_weights.update({every[i].line: every[i].base_weight for i in corrected})
    return Timeline(
        incident=incident,
        events=tuple(sorted(events, key=lambda e: e.sort_key)),
        conflicts=tuple(_conflicts(claims, weights, witness, settlement, solutions[0])),
        claims=tuple(sorted(every, key=lambda c: c.line)),
        zone=_local_zone(every),
        weights=all_weights,
        status=status,
        order=tuple(rules),
        corrections={every[i].line: by for i, by in corrected.items()},
        witness_of={c.line: claims[w].line for c, w in zip(claims, witness)},
        _solutions=tuple(solutions),
    )


MAX_ORDER_ROUNDS = 3  # settlements tried while the first event of a kind moves (one is the rule)


def _consensus(names, claims, weights, witness) -> dict[str, int | None]:
    """Where the sources, all of them, put each event: the first guess of the order's anchors."""
    shares = _median_weights(claims, weights, witness)
    result = {}
    for name, (value, *_) in _stated(names, claims, shares).items():
        result[name] = value
    return result


class _Space:
    """The incident's temporal network: builds it for a set of kept claims, finds conflicts."""

    def __init__(self, names, index, claims, weights, witness, rules, consensus):
        self.names, self.index, self.claims, self.rules = names, index, claims, rules
        self.kinds = {c.event: c.kind for c in claims}
        self.weights, self.witness = weights, witness
        self.guess = [0] + [consensus.get(name) or 0 for name in names]
        self.edges = [_edges(i, claim, index) for i, claim in enumerate(claims)]
        self.hard = [edge for rule in rules for edge in _order_edges(rule, index)]
        # heaviest claims in first: a conflict is then found on a light claim, with heavy ones
        self.entry = sorted(range(len(claims)), key=lambda i: (-weights[i], i))
        self.orders_of: dict[frozenset, set[Order]] = defaultdict(set)

    def network(self) -> Network:
        network: Network = Network(len(self.names) + 1, self.guess)
        assert network.add(self.hard) is None, "the milestone order alone is always consistent"
        return network

    def conflicts(self, kept: frozenset) -> list[frozenset]:
        """Conflicts among the kept claims; the network skips a claim that closes a negative cycle
        and goes on, so that one pass finds many."""
        network = self.network()
        found = []
        for i in self.entry:
            if i not in kept:
                continue
            cycle = network.add(self.edges[i])
            if cycle is not None:
                core = frozenset(e.tag for e in cycle if isinstance(e.tag, int))
                self.orders_of[core].update(e.tag for e in cycle if isinstance(e.tag, Order))
                found.append(core)
        return found

    def solve(self, set_aside: frozenset) -> "_Solution":
        network = self.network()
        kept = []
        for i in self.entry:
            if i not in set_aside:
                if network.add(self.edges[i]) is not None:  # pragma: no cover - settle() guarantees it
                    raise AssertionError("the kept claims must be consistent")
                kept.append(i)
        kept.sort()
        latest, latest_edge = network.shortest_paths(0)
        to_origin, earliest_edge = network.shortest_paths(0, reverse=True)
        # a chain of relative claims may reach past the calendar: windows stop at its ends
        windows = {
            name: (None if to_origin[i] is None else in_calendar(-to_origin[i]),
                   None if latest[i] is None else in_calendar(latest[i]))
            for name, i in self.index.items()
        }
        kept_claims = [self.claims[i] for i in kept]
        shares = _median_weights(kept_claims, [self.weights[i] for i in kept], [self.witness[i] for i in kept])
        estimates = _estimates(self.names, kept_claims, shares, windows, _Settling(network, self.index, windows))
        return _Solution(self, network, windows, estimates, latest_edge, earliest_edge)


@dataclass
class _Solution:
    """One consistent choice: its network, windows and estimates."""

    space: _Space
    network: Network
    windows: dict
    estimates: dict
    latest_edge: list
    earliest_edge: list
    distances: dict = field(default_factory=dict)  # node → its shortest distances (the kept edges are final)

    def contradicted_by(self, claim: int) -> list:
        """What rules out a claim this choice sets aside: the kept claims (indices) and order rules
        on the most negative cycle it would close. Empty when it would hold after all."""
        cycle = self.network.add(self.space.edges[claim])
        if cycle is None:  # consistent with the kept claims on its own: remove it again
            for edge in self.space.edges[claim]:
                self.network.out[edge.tail].remove(edge)
            return []
        return sorted({e.tag for e in cycle if e.tag != claim}, key=lambda t: (isinstance(t, Order), str(t)))

    def position(self, name: str) -> int | None:
        """Where the event sits, for finding the first of a kind: its estimate, else the middle of
        its window, else the window's one finite edge."""
        estimate = self.estimates[name][0]
        if estimate is not None:
            return estimate
        low, high = self.windows[name]
        if low is not None and high is not None:
            return (low + high) // 2
        return low if low is not None else high

    def between(self, earlier: str, later: str) -> tuple[int | None, int | None]:
        a, b = self.space.index[earlier], self.space.index[later]
        high, back = self._distances(a)[b], self._distances(b)[a]
        return (None if back is None else -back), high

    def _distances(self, node: int) -> list:
        """Shortest distances from `node`, once per node: the metrics ask from the same few events."""
        if node not in self.distances:
            self.distances[node] = self.network.distances_from(node)
        return self.distances[node]

    def path(self, name: str, earliest: bool) -> tuple:
        """The claims and rules that set an edge of the window, from the origin to the event."""
        parents = self.earliest_edge if earliest else self.latest_edge
        node, steps, seen = self.space.index[name], [], set()
        while parents[node] is not None and node not in seen:
            seen.add(node)
            edge = parents[node]
            steps.append(self.space.claims[edge.tag] if isinstance(edge.tag, int) else edge.tag)
            node = edge.tail if not earliest else edge.head
        return tuple(reversed(steps))


def _edges(tag: int, claim: Claim, index: dict[str, int]) -> list[Edge]:
    """The difference constraints a claim puts on the network."""
    node = index[claim.event]
    anchor = index[claim.relative_to] if claim.is_relative else 0
    low, high = claim.bounds()
    edges = []
    if high is not None:
        edges.append(Edge(anchor, node, high, tag))  # node − anchor ≤ high
    if low is not None:
        edges.append(Edge(node, anchor, -low, tag))  # anchor − node ≤ −low
    return edges


def _order_edges(rule: Order, index: dict[str, int]) -> list[Edge]:
    return [Edge(index[rule.later], index[rule.earlier], 0, rule)]  # earlier − later ≤ 0


# ---------------------------------------------------------------- events and conflicts


def _events(incident, names, kinds, claims, settlement: Settlement, solutions, every, corrected) -> list[Event]:
    by_event: dict[str, list[Claim]] = defaultdict(list)
    for claim in sorted(every, key=lambda c: c.line):
        by_event[claim.event].append(claim)
    corrected_lines = {every[i].line for i in corrected}
    dropped_lines = {claims[i].line for i in settlement.set_aside}
    undecided_lines = {claims[i].line for i in settlement.undecided}
    undecided_events = {claims[i].event for i in settlement.undecided}
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
        undecided = len(set(windows)) > 1 or len(values) > 1 or name in undecided_events
        if len(values) > 1:
            estimate = (values[0] + values[-1]) // 2
            rule, stated = "undecided: the middle of the readings of equal weight", None
        else:
            estimate, rule, stated = estimates[0]
        low_from = min(range(len(solutions)), key=lambda k: (lows[k] is not None, lows[k] or 0))
        high_from = max(range(len(solutions)), key=lambda k: (highs[k] is None, highs[k] or 0))
        kept = [c for c in own if c.line not in dropped_lines | undecided_lines | corrected_lines]
        narrow = earliest is not None and latest is not None and latest - earliest < NARROW_WINDOW
        seconds = narrow and any(c.point is not None and c.precision == SECOND for c in kept)
        shown = _shown(estimate, stated, seconds)
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
                dropped=tuple(c for c in own if c.line in dropped_lines),
                undecided_claims=tuple(c for c in own if c.line in undecided_lines),
                conflict=any(c.line in dropped_lines | undecided_lines for c in own),
                undecided=undecided,
                corrected=tuple(c for c in own if c.line in corrected_lines),
                seconds=seconds,
                shown=shown,
                trace=(solutions[low_from], solutions[high_from]),
            )
        )
    return events


def _conflicts(claims, weights, witness, settlement: Settlement, best: "_Solution") -> list[Conflict]:
    """The conflicts, as the analyst reads them. Decided: the claims set aside about one event,
    against the kept claims each contradicts most directly (the tightest chain of kept claims and
    order rules that rules it out). Undecided: the claims of the two readings of equal weight."""
    from .reconcile import _linked

    def side(items) -> tuple[Claim, ...]:
        return tuple(sorted((claims[i] for i in items), key=lambda c: c.line))

    def weight(items) -> int:  # a witness counts once, with its heaviest claim
        heaviest: dict[int, int] = {}
        for i in items:
            heaviest[witness[i]] = max(heaviest.get(witness[i], 0), weights[i])
        return sum(heaviest.values())

    result = []
    linked = _linked(core & settlement.undecided for core in settlement.conflicts if len(core & settlement.undecided) > 1)
    covered: set[int] = set()
    for group in linked:
        mine = set().union(*group)
        covered |= mine
        first = sorted(mine & settlement.best.set_aside)
        second = sorted(mine - settlement.best.set_aside)
        result.append(_conflict(side(mine), (), side(mine), (side(first), side(second)), (weight(first), weight(second)), ()))
    by_event: dict[str, list[int]] = defaultdict(list)
    for i in sorted(settlement.best.set_aside | settlement.undecided):
        if i not in covered:
            by_event[claims[i].event].append(i)
    for name in sorted(by_event):
        mine = by_event[name]
        opponents: set[int] = set()
        orders: set[Order] = set()
        for i in mine:
            for tag in best.contradicted_by(i):
                if isinstance(tag, Order):
                    orders.add(tag)
                else:
                    opponents.add(tag)
        undecided = [i for i in mine if i in settlement.undecided]
        set_aside = [i for i in mine if i not in settlement.undecided]
        keeping = max((settlement.keeping_costs[i].weight for i in mine if i in settlement.keeping_costs), default=None)
        result.append(
            _conflict(
                side(set(mine) | opponents), side(set_aside), side(undecided),
                (side(mine), side(opponents)), (weight(mine), weight(opponents)), tuple(sorted(orders, key=str)),
                None if keeping is None or keeping >= 10**18 else keeping - settlement.best.weight + weight(mine),
            )
        )
    result.sort(key=lambda c: (c.dropped[0].line, c.events))
    return result


def _conflict(involved, set_aside, undecided, sides, weights, orders, keeping=None) -> Conflict:
    events = {c.event for c in involved} | {c.relative_to for c in involved if c.relative_to}
    events |= {r.earlier for r in orders} | {r.later for r in orders}
    return Conflict(involved, set_aside, undecided, sides, weights, tuple(sorted(events)), orders, keeping)


def _content(claim: Claim) -> tuple:
    """A claim's content, for numbering claims independently of the order of the rows."""
    return (
        claim.event,
        claim.source,
        claim.source_type.value if claim.source_type else "",
        str(claim.time or ""),
        claim.zone_name or "",
        claim.relative_to or "",
        claim.offset_min or 0,
        claim.uncertainty_min,
        claim.bound.value,
        claim.value or 0,
        claim.kind.value,
        claim.line,
    )


def _local_zone(claims: Sequence[Claim]) -> str:
    """The incident's display zone: UTC when most of its timed claims are written in UTC (a zone
    or an offset of +00:00); else the zone the operator's own claims use most, UTC counting as one
    of them; else the zone most claims use. `incident report --tz` overrides it."""
    def zone_of(claim: Claim) -> str | None:
        if claim.tz is not None:
            return claim.tz.iana
        if claim.time is not None and claim.time.offset == 0:
            return "UTC"
        return None

    written = [(zone_of(c), c) for c in claims if c.time is not None and zone_of(c) is not None]
    if not written or sum(zone == "UTC" for zone, _ in written) * 2 > len(written):
        return "UTC"

    def most(zones: Iterable[str], with_utc: bool) -> str | None:
        counts = Counter(z for z in zones if with_utc or z != "UTC")
        return sorted(counts.items(), key=lambda item: (-item[1], item[0]))[0][0] if counts else None

    # the operator's own zone, UTC included: an operator that writes UTC gets its report in UTC
    operator = most((zone for zone, c in written if c.source_type is SourceType.operator), with_utc=True)
    return operator or most((zone for zone, _ in written), with_utc=False) or "UTC"


