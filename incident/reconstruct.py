"""Claims → a timeline: each event's window and estimate, and the named conflicts.

Every claim is a constraint. An absolute claim bounds its event to what its written time can mean
(model.Claim.reading: a minute covers the clock's and the nearest minute, a date its local day; one
side for a bound); a relative claim bounds the difference between two events. The milestones keep
their order (no detection before the impact start, no resolution before the recovery, …: `Order`),
as constraints no claim can overrule. The claims of one incident form a simple temporal network
(stn.py); its tightest windows are each event's `earliest` and `latest`.

When the claims cannot all hold, reconcile.py sets aside the claims of least total weight whose
removal leaves the rest consistent: an exact optimum. A claim's weight is its source's authority
times its precision (model.Claim.base_weight), shared among the claims one source makes about one
event, so that a source is one witness however many rows it has. When two choices weigh the same,
the conflict is undecided: the windows span both readings and the estimate lies between them.

The estimate of an event is the weighted median of the times its kept claims state (directly, or
through a relative claim from an event with an estimate), placed in the window: clamped to it, or
its middle when the window is narrower than the two minutes a written minute covers. Without a stated
time it is the middle of a window shorter than an hour, or the one finite edge of an open window; a
wider window (a date alone) has no estimate. Estimates of milestones keep the milestone order.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Iterable, Mapping, Sequence

from .model import DAY, MINUTE, Bound, Claim, Kind, SourceType, in_calendar
from .reconcile import Settlement, settle
from .stn import Edge, Network

CLOSED_WINDOW_ESTIMATE_MAX = 3600  # seconds: a narrower window without a stated time → its middle
NARROW_WINDOW = 2 * MINUTE  # a window narrower than what one written minute covers


# ---------------------------------------------------------------- milestone order

AFTER_IMPACT = (Kind.detection, Kind.report, Kind.acknowledgement, Kind.mitigation, Kind.recovery, Kind.resolution)
NAMES = {
    Kind.scheduled_start: "the scheduled start",
    Kind.impact_start: "the impact start",
    Kind.detection: "detection",
    Kind.report: "a report",
    Kind.acknowledgement: "acknowledgement",
    Kind.mitigation: "mitigation",
    Kind.recovery: "recovery",
    Kind.resolution: "resolution",
    Kind.end: "the end",
}


@dataclass(frozen=True)
class Order:
    """A rule of the model: event `later` cannot precede event `earlier`."""

    later: str
    earlier: str
    later_kind: Kind
    earlier_kind: Kind

    def __str__(self) -> str:
        return (
            f"{NAMES[self.later_kind]} ({self.later}) cannot precede "
            f"{NAMES[self.earlier_kind]} ({self.earlier})"
        )


def order_rules(kinds: Mapping[str, Kind], consensus: Mapping[str, int | None]) -> list[Order]:
    """The milestone order of DESIGN.md for one incident's events.

    Each rule hangs on the first event of its kind (by the sources' consensus, then by id): every
    detection, report, acknowledgement, mitigation, recovery and resolution comes at or after the
    first impact start; every resolution and end at or after the first recovery; every recovery (the
    start of a delayed live event), and every end when there is no recovery, at or after the first
    scheduled start.
    """

    def first(kind: Kind) -> str | None:
        names = [name for name, k in kinds.items() if k is kind]
        if not names:
            return None
        return min(names, key=lambda n: (consensus.get(n) is None, consensus.get(n) or 0, n))

    rules = []

    def after(anchor: str | None, anchor_kind: Kind, later_kinds: Iterable[Kind]) -> None:
        if anchor is None:
            return
        for name in sorted(kinds):
            if kinds[name] in later_kinds and name != anchor:
                rules.append(Order(name, anchor, kinds[name], anchor_kind))

    recovery = first(Kind.recovery)
    after(first(Kind.impact_start), Kind.impact_start, AFTER_IMPACT)
    after(recovery, Kind.recovery, (Kind.resolution, Kind.end))
    after(first(Kind.scheduled_start), Kind.scheduled_start, (Kind.recovery,) if recovery else (Kind.recovery, Kind.end))
    return rules


# ---------------------------------------------------------------- results


@dataclass(frozen=True)
class Conflict:
    """Claims that cannot all hold, and how they were settled.

    `sides[0]` is what the lightest choice sets aside; `sides[1]` is the other side: for a decided
    conflict the kept claims that the set-aside ones contradict (they weigh at least as much), for
    an undecided one the claims another choice of the same weight sets aside instead.
    """

    claims: tuple[Claim, ...]  # every claim involved, by line
    set_aside: tuple[Claim, ...]  # set aside by every lightest choice
    undecided: tuple[Claim, ...]  # set aside by one lightest choice and kept by another
    sides: tuple[tuple[Claim, ...], tuple[Claim, ...]]
    weights: tuple[Fraction, Fraction]  # of each side
    events: tuple[str, ...]
    order: tuple[Order, ...]  # rules of the milestone order involved

    @property
    def is_undecided(self) -> bool:
        return bool(self.undecided)

    @property
    def dropped(self) -> tuple[Claim, ...]:
        """Claims not used for the timeline: set aside, or of undecided standing."""
        return tuple(sorted(self.set_aside + self.undecided, key=lambda c: c.line))


@dataclass(frozen=True)
class Event:
    incident: str
    event: str
    kind: Kind
    label: str
    earliest: int | None  # epoch seconds, inclusive; None: unbounded
    latest: int | None
    estimate: int | None
    rule: str  # how the estimate was chosen, in words
    claims: tuple[Claim, ...]
    dropped: tuple[Claim, ...] = ()  # its claims set aside
    undecided_claims: tuple[Claim, ...] = ()  # its claims of undecided standing
    conflict: bool = False  # a claim about this event was set aside or is undecided
    undecided: bool = False  # a conflict of equal weights spans this event
    # how to trace what set each edge of the window (a solution and the event), followed only
    # when asked (`explain`): tracing every event of a chain up front is quadratic
    trace: tuple = field(default=(None, None), compare=False, repr=False)

    @property
    def earliest_by(self) -> tuple:
        """The claims and order rules that set `earliest`, first to last."""
        solution = self.trace[0]
        return solution.path(self.event, earliest=True) if solution is not None and self.earliest is not None else ()

    @property
    def latest_by(self) -> tuple:
        """The claims and order rules that set `latest`, first to last."""
        solution = self.trace[1]
        return solution.path(self.event, earliest=False) if solution is not None and self.latest is not None else ()

    @property
    def sources(self) -> list[str]:
        return _unique(c.source for c in self.claims)

    @property
    def values(self) -> list[tuple[float, str, str]]:
        """(value, unit, source) of the claims that carry a measured number."""
        return [(c.value, c.unit or "", c.source) for c in self.claims if c.value is not None]

    @property
    def sort_key(self) -> tuple:
        anchor = self.estimate
        if anchor is None:  # a day or a wide window: after what is known to happen within it
            anchor = self.latest if self.latest is not None else self.earliest
        return (anchor is None, anchor or 0, self.event)


@dataclass(frozen=True)
class Timeline:
    incident: str
    events: tuple[Event, ...]
    conflicts: tuple[Conflict, ...]
    claims: tuple[Claim, ...]  # by line
    zone: str  # the incident's local IANA zone, from its claims
    weights: Mapping[int, Fraction] = field(default_factory=dict)  # line → weight
    status: Mapping[int, str] = field(default_factory=dict)  # line → kept / set aside / undecided
    order: tuple[Order, ...] = ()
    _solutions: tuple = field(default=(), repr=False, compare=False)
    _between: dict = field(default_factory=dict, repr=False, compare=False)

    def __getitem__(self, event: str) -> Event:
        for item in self.events:
            if item.event == event:
                return item
        raise KeyError(event)

    def first(self, *kinds: Kind | str) -> Event | None:
        """The earliest estimated event of the first kind that has one."""
        for kind in kinds:
            candidates = [e for e in self.events if e.kind == Kind(kind) and e.estimate is not None]
            if candidates:
                return min(candidates, key=lambda e: (e.estimate, e.event))
        return None

    @property
    def sources(self) -> list[str]:
        return _unique(c.source for c in self.claims)

    @property
    def dropped(self) -> list[Claim]:
        """Claims set aside (not undecided), by line."""
        return [c for c in self.claims if self.status.get(c.line) == "set aside"]

    @property
    def undecided(self) -> list[Claim]:
        return [c for c in self.claims if self.status.get(c.line) == "undecided"]

    def between(self, earlier: str, later: str) -> tuple[int | None, int | None]:
        """Bounds (seconds) on `later` − `earlier` that every kept claim and the order allow, over
        every lightest choice; None is unbounded."""
        key = (earlier, later)
        if key not in self._between:
            lows, highs = [], []
            for solution in self._solutions:
                low, high = solution.between(earlier, later)
                lows.append(low)
                highs.append(high)
            self._between[key] = (
                None if not lows or None in lows else min(lows),
                None if not highs or None in highs else max(highs),
            )
        return self._between[key]


# ---------------------------------------------------------------- reconstruction


def reconstruct_all(claims: Iterable[Claim]) -> dict[str, Timeline]:
    by_incident: dict[str, list[Claim]] = defaultdict(list)
    for claim in claims:
        by_incident[claim.incident].append(claim)
    return {name: reconstruct(by_incident[name]) for name in sorted(by_incident)}


def claim_weights(claims: Sequence[Claim]) -> list[Fraction]:
    """Each claim's weight: its base weight shared among the claims its source makes about its
    event (one source about one event is one witness, however many rows it has)."""
    group = Counter((c.source, c.event) for c in claims)
    return [Fraction(c.base_weight, group[(c.source, c.event)]) for c in claims]


def reconstruct(claims: Sequence[Claim]) -> Timeline:
    """Reconstruct one incident from its (valid) claims."""
    if not claims:
        raise ValueError("no claims")
    # Numbered by content, never by row, so the order of the rows cannot change the result.
    claims = tuple(sorted(claims, key=_content))
    incident = claims[0].incident
    names = sorted({c.event for c in claims} | {c.relative_to for c in claims if c.relative_to})
    index = {name: i + 1 for i, name in enumerate(names)}  # 0 is the origin
    kinds = {}
    for claim in claims:
        kinds.setdefault(claim.event, claim.kind)
    weights = claim_weights(claims)
    consensus = {name: value for name, (value, _) in _estimates(names, claims, weights, None).items()}
    rules = order_rules(kinds, consensus)
    space = _Space(names, index, claims, weights, rules, consensus)
    settlement = settle(weights, space.conflicts)

    solutions = [space.solve(choice.set_aside) for choice in settlement.choices]
    events = _events(incident, names, kinds, claims, settlement, solutions)
    status = {}
    for i, claim in enumerate(claims):
        if i in settlement.undecided:
            status[claim.line] = "undecided"
        elif i in settlement.best.set_aside:
            status[claim.line] = "set aside"
        else:
            status[claim.line] = "kept"
    return Timeline(
        incident=incident,
        events=tuple(sorted(events, key=lambda e: e.sort_key)),
        conflicts=tuple(_conflicts(claims, weights, settlement, solutions[0])),
        claims=tuple(sorted(claims, key=lambda c: c.line)),
        zone=_local_zone(claims),
        weights={c.line: w for c, w in zip(claims, weights)},
        status=status,
        order=tuple(rules),
        _solutions=tuple(solutions),
    )


class _Space:
    """The incident's temporal network: builds it for a set of kept claims, finds conflicts."""

    def __init__(self, names, index, claims, weights, rules, consensus):
        self.names, self.index, self.claims, self.rules = names, index, claims, rules
        self.kinds = {c.event: c.kind for c in claims}
        self.weights = weights
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
        estimates = _estimates(self.names, kept_claims, [self.weights[i] for i in kept], windows)
        _keep_order(estimates, windows, self.rules)
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

    def contradicted_by(self, claim: int) -> list:
        """What rules out a claim this choice sets aside: the kept claims (indices) and order rules
        on the most negative cycle it would close. Empty when it would hold after all."""
        cycle = self.network.add(self.space.edges[claim])
        if cycle is None:  # consistent with the kept claims on its own: remove it again
            for edge in self.space.edges[claim]:
                self.network.out[edge.tail].remove(edge)
            return []
        return sorted({e.tag for e in cycle if e.tag != claim}, key=lambda t: (isinstance(t, Order), str(t)))

    def between(self, earlier: str, later: str) -> tuple[int | None, int | None]:
        a, b = self.space.index[earlier], self.space.index[later]
        high = self.network.distances_from(a)[b]
        back = self.network.distances_from(b)[a]
        return (None if back is None else -back), high

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


# ---------------------------------------------------------------- estimates


def _weighted_median(points: list[tuple[int, Fraction]]) -> int:
    """The weighted median of (value, weight); exactly between two values, their middle.
    Exact: the weights are brought to one denominator and summed as integers."""
    if len(points) == 1:
        return points[0][0]
    points = sorted(points, key=lambda point: point[0])  # equal values: their order does not matter
    denominator = math.lcm(*(w.denominator for _, w in points))
    weights = [w.numerator * (denominator // w.denominator) for _, w in points]
    total, whole = 0, sum(weights)
    for i, ((value, _), weight) in enumerate(zip(points, weights)):
        total += 2 * weight
        if total > whole:
            return value
        if total == whole:  # exactly between two values: their middle
            return (value + points[i + 1][0]) // 2
    return points[-1][0]  # pragma: no cover


def _place(value: int, window: tuple[int | None, int | None], rule: str) -> tuple[int, str]:
    """Put a stated time into the window, saying how."""
    low, high = window
    if (low is None or value >= low) and (high is None or value <= high):
        return value, rule
    if low is not None and high is not None and high - low < NARROW_WINDOW:
        # the stated minutes say nothing finer than the window: its middle
        return (low + high) // 2, rule + ", outside the window: its middle (narrower than two minutes)"
    edge = low if low is not None and value < low else high
    return edge, rule + ", outside the window: its nearest edge"


def _estimates(
    names: Sequence[str],
    claims: Sequence[Claim],
    weights: Sequence[Fraction],
    windows: dict[str, tuple[int | None, int | None]] | None,
) -> dict[str, tuple[int | None, str]]:
    """Each event's estimate and the rule that gave it (see the module docstring).

    Stated times first; then, breadth first, events reached through relative claims from events
    with an estimate (either way along the claim): linear in claims and events.
    """
    direct: dict[str, list[tuple[int, Fraction]]] = defaultdict(list)
    links: dict[str, list[tuple[str, int, Fraction]]] = defaultdict(list)  # name → (other, name − other)
    for claim, weight in zip(claims, weights):
        if claim.point is not None:
            direct[claim.event].append((claim.point, weight))
        offset = claim.stated_offset
        if offset is not None:
            links[claim.event].append((claim.relative_to, offset, weight))
            links[claim.relative_to].append((claim.event, -offset, weight))

    def window(name: str) -> tuple[int | None, int | None]:
        return windows[name] if windows is not None else (None, None)

    def rule(count: int) -> str:
        return "the one stated time" if count == 1 else f"weighted median of {count} stated times"

    result: dict[str, tuple[int | None, str]] = {}
    base = {name: _weighted_median(points) for name, points in direct.items()}
    for name in sorted(base):
        points = direct[name] + [(base[o] + d, w) for o, d, w in links[name] if o in base]
        result[name] = _place(_weighted_median(points), window(name), rule(len(points)))
    frontier = sorted(result)
    while frontier:
        reached = sorted({o for name in frontier for o, _, _ in links[name] if o not in result})
        for name in reached:
            points = [(result[o][0] + d, w) for o, d, w in links[name] if o in result]
            result[name] = _place(_weighted_median(points), window(name), rule(len(points)))
        frontier = reached

    # Events known only from bounds: the times the bounds state ("more than 40 minutes late": T+40)
    bounded: dict[str, list[tuple[int, Fraction]]] = defaultdict(list)
    for claim, weight in zip(claims, weights):
        if claim.bound is Bound.at or claim.event in result:
            continue
        if not claim.is_relative and claim.precision != DAY:
            bounded[claim.event].append((claim.instant, weight))
        elif claim.is_relative and claim.relative_to in result and result[claim.relative_to][0] is not None:
            bounded[claim.event].append((result[claim.relative_to][0] + round(claim.offset_min * 60), weight))
    for name in sorted(bounded):
        rule = "the time its bound states" if len(bounded[name]) == 1 else f"weighted median of {len(bounded[name])} times its bounds state"
        result[name] = _place(_weighted_median(bounded[name]), window(name), rule)

    by_event: dict[str, list[Claim]] = defaultdict(list)
    for claim in claims:
        by_event[claim.event].append(claim)
    for name in names:
        if name in result:
            continue
        low, high = window(name)
        if low is not None and high is not None and high - low < CLOSED_WINDOW_ESTIMATE_MAX:
            result[name] = ((low + high + 1) // 2, "middle of the window")
        elif any(c.time is not None and c.precision == DAY for c in by_event[name]):
            result[name] = (None, "no estimate: the sources give the day only")
        elif low is not None and high is None:
            result[name] = (low, "earliest possible (no upper bound)")
        elif high is not None and low is None:
            result[name] = (high - high % 60, "latest possible (no lower bound)")
        else:
            result[name] = (None, "no estimate: the window is wider than an hour" if low is not None else "no estimate")
    return result


def _keep_order(estimates: dict, windows: dict, rules: Sequence[Order]) -> None:
    """Move estimates that break the milestone order to meet, inside their windows: the windows
    allow it, since the order is part of the network."""
    for _ in range(len(rules) + 1):
        moved = False
        for rule in rules:
            early, rule_early = estimates[rule.earlier]
            late, rule_late = estimates[rule.later]
            if early is None or late is None or late >= early:
                continue
            high = windows[rule.later][1]
            if high is None or early <= high:
                estimates[rule.later] = (early, f"{rule_late}, moved to keep the order: {rule}")
            else:
                estimates[rule.earlier] = (late, f"{rule_early}, moved to keep the order: {rule}")
            moved = True
        if not moved:
            return


# ---------------------------------------------------------------- events and conflicts


def _events(incident, names, kinds, claims, settlement: Settlement, solutions) -> list[Event]:
    by_event: dict[str, list[Claim]] = defaultdict(list)
    for claim in sorted(claims, key=lambda c: c.line):
        by_event[claim.event].append(claim)
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
        values = sorted({e for e, _ in estimates if e is not None})
        undecided = len(set(windows)) > 1 or len(values) > 1 or name in undecided_events
        if len(values) > 1:
            estimate = (values[0] + values[-1]) // 2
            rule = "undecided: the middle of the readings of equal weight"
        else:
            estimate, rule = estimates[0]
        low_from = min(range(len(solutions)), key=lambda k: (lows[k] is not None, lows[k] or 0))
        high_from = max(range(len(solutions)), key=lambda k: (highs[k] is None, highs[k] or 0))
        kept = [c for c in own if c.line not in dropped_lines | undecided_lines]
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
                trace=(solutions[low_from], solutions[high_from]),
            )
        )
    return events


def _conflicts(claims, weights, settlement: Settlement, best: "_Solution") -> list[Conflict]:
    """The conflicts, as the analyst reads them. Decided: the claims set aside about one event,
    against the kept claims each contradicts most directly (the tightest chain of kept claims and
    order rules that rules it out). Undecided: the claims of the two readings of equal weight."""
    from .reconcile import _linked

    def side(items) -> tuple[Claim, ...]:
        return tuple(sorted((claims[i] for i in items), key=lambda c: c.line))

    def weight(items) -> Fraction:
        return sum((weights[i] for i in items), Fraction(0))

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
        result.append(
            _conflict(
                side(set(mine) | opponents), side(set_aside), side(undecided),
                (side(mine), side(opponents)), (weight(mine), weight(opponents)), tuple(sorted(orders, key=str)),
            )
        )
    result.sort(key=lambda c: (c.dropped[0].line, c.events))
    return result


def _conflict(involved, set_aside, undecided, sides, weights, orders) -> Conflict:
    events = {c.event for c in involved} | {c.relative_to for c in involved if c.relative_to}
    events |= {r.earlier for r in orders} | {r.later for r in orders}
    return Conflict(involved, set_aside, undecided, sides, weights, tuple(sorted(events)), orders)


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
    or an offset of +00:00); else the zone the operator's own claims use most; else the zone most
    claims use. `incident report --tz` overrides it."""
    def zone_of(claim: Claim) -> str | None:
        if claim.tz is not None:
            return claim.tz.iana
        if claim.time is not None and claim.time.offset == 0:
            return "UTC"
        return None

    written = [(zone_of(c), c) for c in claims if c.time is not None and zone_of(c) is not None]
    if not written or sum(zone == "UTC" for zone, _ in written) * 2 > len(written):
        return "UTC"

    def most(zones: Iterable[str]) -> str | None:
        counts = Counter(z for z in zones if z != "UTC")
        return sorted(counts.items(), key=lambda item: (-item[1], item[0]))[0][0] if counts else None

    operator = most(zone for zone, c in written if c.source_type is SourceType.operator)
    return operator or most(zone for zone, _ in written) or "UTC"


def _unique(items: Iterable[str]) -> list[str]:
    seen: dict[str, None] = {}
    for item in items:
        seen.setdefault(item, None)
    return list(seen)
