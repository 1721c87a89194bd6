"""The temporal network of one incident's claims and the milestone order: the conflicts among a
set of kept claims (the oracle of reconcile.py), and one consistent choice solved (its windows,
estimates and the chains of claims that set each edge)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from ..model.claim import Claim
from ..model.time import in_calendar
from .estimates import settled_estimates, median_weights, Settling
from .events import Order
from .stn import Edge, Network


class Space:
    """The incident's temporal network: builds it for a set of kept claims, finds conflicts."""

    def __init__(self, names, index, claims, weights, witness, rules, consensus):
        self.names, self.index, self.claims, self.rules = names, index, claims, rules
        self.kinds = {c.event: c.kind for c in claims}
        self.weights, self.witness = weights, witness
        self.guess = [0] + [consensus.get(name) or 0 for name in names]
        self.edges = [claim_edges(i, claim, index) for i, claim in enumerate(claims)]
        self.hard = [edge for rule in rules for edge in order_edges(rule, index)]
        # heaviest claims in first: a conflict is then found on a light claim, with heavy ones
        self.entry = sorted(range(len(claims)), key=lambda i: (-weights[i], i))
        self.orders_of: dict[frozenset, set[Order]] = defaultdict(set)
        self.consistent: tuple[frozenset, Network] | None = None  # the last kept claims found consistent, and their network

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
        # consistent: the network solve would build for these claims, edge for edge (kept for it)
        self.consistent = (kept, network) if not found else self.consistent
        return found

    def solve(self, set_aside: frozenset) -> "Solution":
        kept = [i for i in range(len(self.claims)) if i not in set_aside]
        if self.consistent is not None and self.consistent[0] == frozenset(kept):
            network, self.consistent = self.consistent[1], None  # built by the check that found them consistent
        else:
            network = self.network()
            for i in self.entry:
                if i not in set_aside and network.add(self.edges[i]) is not None:  # pragma: no cover - settle() guarantees it
                    raise AssertionError("the kept claims must be consistent")
        latest, latest_edge = network.shortest_paths(0)
        to_origin, earliest_edge = network.shortest_paths(0, reverse=True)
        # a chain of relative claims may reach past the calendar: windows stop at its ends
        windows = {
            name: (None if to_origin[i] is None else in_calendar(-to_origin[i]),
                   None if latest[i] is None else in_calendar(latest[i]))
            for name, i in self.index.items()
        }
        kept_claims = [self.claims[i] for i in kept]
        shares = median_weights(kept_claims, [self.weights[i] for i in kept], [self.witness[i] for i in kept])
        estimates = settled_estimates(self.names, kept_claims, shares, windows, Settling(network, self.index, windows))
        return Solution(self, network, windows, estimates, latest_edge, earliest_edge)


@dataclass
class Solution:
    """One consistent choice: its network, windows and estimates."""

    space: Space
    network: Network
    windows: dict
    estimates: dict
    latest_edge: list
    earliest_edge: list
    distances: dict = field(default_factory=dict)  # node → its shortest distances (the kept edges are final)
    table: list | None = field(default=None, repr=False, compare=False)  # the tightest edges, for them (Network.tightest)

    def contradicted_by(self, claim: int) -> list:
        """What rules out a claim this choice sets aside: the kept claims (indices) and order rules
        on the most negative cycle it would close. Empty when it would hold after all."""
        self.table = None  # (the edges change while this runs, and are as they were after: built again if asked)
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
            if self.table is None:
                self.table = self.network.tightest()
            self.distances[node] = self.network.distances(node, self.table)
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


def claim_edges(tag: int, claim: Claim, index: dict[str, int]) -> list[Edge]:
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


def order_edges(rule: Order, index: dict[str, int]) -> list[Edge]:
    return [Edge(index[rule.later], index[rule.earlier], 0, rule)]  # earlier − later ≤ 0
