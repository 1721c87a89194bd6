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

import heapq
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Iterable, Mapping, Sequence

from ..model.claim import DAY, MINUTE, SECOND, Claim, Kind, SourceType, in_calendar
from .reconcile import Settlement, settle
from .stn import Edge, Network

NARROW_WINDOW = 2 * MINUTE  # a window narrower than what one written minute covers: seconds may show


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

    Each rule hangs on the first event of its kind (by `consensus`, then by id): every
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
    weights: tuple[int, int]  # of each side, a witness counted once
    events: tuple[str, ...]
    order: tuple[Order, ...]  # rules of the milestone order involved
    # what keeping the set-aside side would cost: the weight of the claims the lightest choice that
    # keeps it sets aside instead (None: no choice keeps it, or undecided)
    keeping_cost: int | None = None

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
    corrected: tuple[Claim, ...] = ()  # its claims replaced by a correction
    seconds: bool = False  # whether its estimate is known to the second (see `shown`)
    # The instant a reader sees (epoch seconds; `_shown`): the estimate to the nearest minute, or to
    # the second when a kept claim states seconds and the window is narrower than two minutes. Every
    # view prints this one instant, and metrics in minutes are differences of these instants.
    shown: int | None = None
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
    def position(self) -> int | None:
        """Where the event sits in time, for ordering: its shown estimate, else the middle of its
        window, else the window's finite edge (None: nothing bounds it)."""
        if self.estimate is not None:
            return self.shown
        if self.earliest is not None and self.latest is not None:
            return (self.earliest + self.latest) // 2
        return self.earliest if self.earliest is not None else self.latest

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
    weights: Mapping[int, int] = field(default_factory=dict)  # line → weight
    status: Mapping[int, str] = field(default_factory=dict)  # line → kept / set aside / undecided / corrected
    order: tuple[Order, ...] = ()
    corrections: Mapping[int, Claim] = field(default_factory=dict)  # line corrected → the correcting claim
    witness_of: Mapping[int, int] = field(default_factory=dict)  # line → first line of its witness
    _solutions: tuple = field(default=(), repr=False, compare=False)
    _between: dict = field(default_factory=dict, repr=False, compare=False)

    def __getitem__(self, event: str) -> Event:
        for item in self.events:
            if item.event == event:
                return item
        raise KeyError(event)

    def first(self, *kinds: Kind | str) -> Event | None:
        """The earliest event of the first kind that has one placed in time (by its estimate, or
        its window when it is known only from bounds)."""
        for kind in kinds:
            candidates = [e for e in self.events if e.kind == Kind(kind) and e.position is not None]
            if candidates:
                return min(candidates, key=lambda e: (e.position, e.event))
        return None

    def witness(self, claim: Claim) -> list[Claim]:
        """The claims that are one witness with `claim` (itself included), by line."""
        first = self.witness_of.get(claim.line)
        if first is None:
            return [claim]
        return [c for c in self.claims if self.witness_of.get(c.line) == first]

    @property
    def corrected(self) -> list[Claim]:
        """Claims replaced by a correction, by line."""
        return [c for c in self.claims if self.status.get(c.line) == "corrected"]

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
        hulls[i] = {claim.relative_to: claim.bounds()}
        keys = [("source", claim.event, claim.source)]
        if claim.via and claim.via.strip():
            keys.append(("via", claim.event, claim.via.strip().casefold()))
        quote = normalised_quote(claim.quote)
        if quote:
            keys.append(("quote", claim.event, quote))
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
    """Claims replaced by a correction (index → the correcting claim): every claim by the source a
    `corrects` cell names about the correcting claim's event."""
    by_target: dict[tuple[str, str], Claim] = {}
    for claim in claims:
        if claim.corrects:
            by_target.setdefault((claim.event, claim.corrects), claim)
    return {i: by_target[(c.event, c.source)] for i, c in enumerate(claims) if (c.event, c.source) in by_target}


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


class _Settling:
    """The kept claims' network, copied, with the estimates settled so far as fixed times: what an
    estimate may be once the others are settled (so that relative claims and the milestone order
    hold between the estimates)."""

    def __init__(self, network: Network, index: Mapping[str, int], windows):
        self.network: Network = Network(network.nodes, network.potential)
        self.network.out = [list(edges) for edges in network.out]
        self.index, self.windows = index, windows

    def fix(self, name: str, value: int) -> tuple[int, bool]:
        """Settle `name` at `value`, or at the nearest time the settled estimates allow; the time,
        and whether it had to move."""
        node = self.index[name]
        if self.network.add(_fixed(node, value)) is None:
            return value, False
        latest = self.network.distances_from(node)[0]  # x0 − x ≤ d: x ≥ −d
        earliest = self.network.distances_from(0)[node]  # x − x0 ≤ d
        low = None if latest is None else -latest
        moved = _clamp(value, (low, earliest))
        assert self.network.add(_fixed(node, moved)) is None, "a time inside what the network allows holds"
        return moved, True


def _fixed(node: int, value: int) -> list[Edge]:
    return [Edge(0, node, value, "estimate"), Edge(node, 0, -value, "estimate")]


def _clamp(value: int, window: tuple[int | None, int | None]) -> int:
    low, high = window
    if low is not None and value < low:
        return low
    if high is not None and value > high:
        return high
    return value


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


def _weighted_median(points: list[tuple[int, int]]) -> int:
    """The weighted median of (value, integer weight); exactly between two values, their middle."""
    if len(points) == 1:
        return points[0][0]
    points = sorted(points, key=lambda point: point[0])  # equal values: their order does not matter
    weights = [w for _, w in points]
    total, whole = 0, sum(weights)
    for i, ((value, _), weight) in enumerate(zip(points, weights)):
        total += 2 * weight
        if total > whole:
            return value
        if total == whole:  # exactly between two values: their middle
            return (value + points[i + 1][0]) // 2
    return points[-1][0]  # pragma: no cover


def _median_weights(claims: Sequence[Claim], weights: Sequence[int], witness: Sequence[int]) -> list[int]:
    """Each claim's vote in a median: a witness votes once, with its heaviest weight, shared among
    its claims that state a time or an offset (copies of one report are one vote). Integers: every
    vote is scaled by the least common multiple of the shares' denominators, which a median ignores."""
    states = [c.point is not None or c.stated_offset is not None for c in claims]
    count: Counter = Counter()
    heaviest: dict[int, int] = {}
    for w, weight, stating in zip(witness, weights, states):
        if stating:
            count[w] += 1
            heaviest[w] = max(heaviest.get(w, 0), weight)
    scale = math.lcm(*count.values()) if count else 1
    return [heaviest[w] * (scale // count[w]) if stating else weight * scale
            for w, weight, stating in zip(witness, weights, states)]


def _stated(names: Sequence[str], claims: Sequence[Claim], shares: Sequence[int]) -> dict[str, tuple[int | None, str]]:
    """Where the claims put each event, with no network: the sources' consensus."""
    return _estimates(names, claims, shares, None, None)


def _estimates(
    names: Sequence[str],
    claims: Sequence[Claim],
    shares: Sequence[int],
    windows: dict[str, tuple[int | None, int | None]] | None,
    settling: "_Settling | None",
) -> dict[str, tuple[int | None, str, int | None]]:
    """Each event's estimate, the rule that gave it, and the time its evidence states before it was
    placed in the window (see the module docstring).

    Events are settled one at a time, the one with the most weight of stated evidence first: an
    event's evidence is its own stated times and the offsets that tie it to events already settled.
    Each goes to the weighted median of the times its evidence states, clamped into its window, and
    then (`settling`) to the nearest time the estimates already settled allow. O(n log n) in events
    and claims, and a shortest-path search only for an estimate that has to move.
    """
    direct: dict[str, list[tuple[int, int]]] = defaultdict(list)
    links: dict[str, list[tuple[str, int, int]]] = defaultdict(list)  # name → (other, name − other)
    for claim, share in zip(claims, shares):
        point = claim.point
        if point is not None:
            direct[claim.event].append((point, share))
        offset = claim.stated_offset
        if offset is not None:
            links[claim.event].append((claim.relative_to, offset, share))
            links[claim.relative_to].append((claim.event, -offset, share))

    evidence: dict[str, int] = {name: sum(w for _, w in points) for name, points in direct.items()}
    heap = [(-evidence[name], name) for name in sorted(evidence)]
    heapq.heapify(heap)
    result: dict[str, tuple[int | None, str]] = {}
    while heap:
        negative, name = heapq.heappop(heap)
        if name in result or -negative != evidence[name]:
            continue
        implied = [(result[o][0] + d, w) for o, d, w in links[name] if o in result]
        points = direct[name] + implied
        value = stated = _weighted_median(points)
        if len(points) == 1:
            rule = "the one stated time" if direct[name] else "the offset its relative claim states"
        else:
            rule = f"weighted median of {len(points)} stated times" + (" (through relative claims)" if implied else "")
        if windows is not None:
            placed = _clamp(value, windows[name])
            if placed != value:
                rule += ", outside the window: its nearest edge"
            value = placed
        if settling is not None:
            value, moved = settling.fix(name, value)
            if moved:
                rule += ", moved to agree with the estimates settled before it (relative claims and the milestone order)"
        result[name] = (in_calendar(value), rule, stated)  # a chain of offsets may reach past the calendar
        for other, _, weight in links[name]:
            if other not in result:
                evidence[other] = evidence.get(other, 0) + weight
                heapq.heappush(heap, (-evidence[other], other))

    by_event: dict[str, list[Claim]] = defaultdict(list)
    for claim in claims:
        by_event[claim.event].append(claim)
    for name in names:
        if name in result:
            continue
        own = by_event[name]
        if any(c.time is not None and c.precision == DAY for c in own):
            result[name] = (None, "no estimate: the sources give the day only", None)
        elif own or any(o for o, _, _ in links[name]):
            result[name] = (None, "no estimate: known only from bounds (the window is what is known)", None)
        else:
            result[name] = (None, "no estimate: no kept claim places it", None)
    return result


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


def _shown(estimate: int | None, stated: int | None, seconds: bool) -> int | None:
    """The instant a reader sees: the estimate to the nearest minute (to the second when `seconds`);
    but the minute the evidence states when the estimate, clamped into the window, still lies in what
    that written minute means (its clock minute or nearest minute: 20:42 covers 20:41:30–20:42:59),
    so that sources writing 20:42 are never shown as 20:41 or 20:43."""
    if estimate is None or seconds:
        return estimate
    if stated is not None and stated % MINUTE == 0 and stated - MINUTE // 2 <= estimate <= stated + MINUTE - 1:
        return stated
    return (estimate + MINUTE // 2) // MINUTE * MINUTE


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


def _unique(items: Iterable[str]) -> list[str]:
    seen: dict[str, None] = {}
    for item in items:
        seen.setdefault(item, None)
    return list(seen)
