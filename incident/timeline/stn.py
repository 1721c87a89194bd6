"""A simple temporal network: difference constraints x[v] − x[u] ≤ w, solved by shortest paths.

Node 0 is the origin (time zero, the Unix epoch); the others are events. The tightest window of an
event is [−d(v→0), d(0→v)]. The constraints are inconsistent exactly when the distance graph has a
negative cycle; the edges of a simple negative cycle are a minimal set of conflicting constraints.

Constraints are added one group at a time. The network keeps a potential π — a solution of every
constraint accepted so far — and repairs it after each addition by a Dijkstra search over reduced
costs, touching only the events the new constraint moves (the incremental method of difference-logic
solvers). A group that would close a negative cycle is refused, and the most negative cycle it
would close (the tightest, most direct conflict) is returned.
"""

from __future__ import annotations

import heapq
from typing import Generic, Hashable, NamedTuple, Sequence, TypeVar

Tag = TypeVar("Tag", bound=Hashable)


class Edge(NamedTuple, Generic[Tag]):
    """x[head] − x[tail] ≤ weight, contributed by `tag` (the claim behind it). A named tuple: made
    by the hundred thousand (a history's claims, each network), it is made in half the time of a
    frozen dataclass, and compares, hashes and prints as that did (field by field)."""

    tail: int
    head: int
    weight: int
    tag: Tag


class Network(Generic[Tag]):
    def __init__(self, nodes: int, guess: Sequence[int] | None = None):
        """`guess`: a likely solution (e.g. each event's consensus time); it only saves work."""
        self.nodes = nodes
        self.potential = list(guess) if guess is not None else [0] * nodes
        self.out: list[list[Edge[Tag]]] = [[] for _ in range(nodes)]

    def add(self, edges: Sequence[Edge[Tag]]) -> list[Edge[Tag]] | None:
        """Accept all of `edges`, or none of them and return the negative cycle one would close."""
        added: list[Edge[Tag]] = []
        pi, out = self.potential, self.out
        for edge in edges:
            if pi[edge.tail] + edge.weight >= pi[edge.head]:  # the potential holds: `_add`'s first case, inline (most edges)
                out[edge.tail].append(edge)
            else:
                cycle = self._add(edge)
                if cycle is not None:
                    for done in added:  # the potential stays a solution of what remains
                        out[done.tail].remove(done)
                    return cycle
            added.append(edge)
        return None

    def _add(self, new: Edge[Tag]) -> list[Edge[Tag]] | None:
        pi = self.potential
        if pi[new.tail] + new.weight >= pi[new.head]:
            self.out[new.tail].append(new)
            return None
        # π[head] must come down; follow the decrease along edges whose reduced cost it breaks,
        # largest decrease first. Reaching the new edge's tail means a negative cycle.
        gamma = {new.head: pi[new.tail] + new.weight - pi[new.head]}
        parent: dict[int, Edge[Tag]] = {new.head: new}
        heap = [(gamma[new.head], new.head)]
        settled: dict[int, int] = {}
        while heap:
            delta, node = heapq.heappop(heap)
            if node in settled or delta != gamma[node]:
                continue
            settled[node] = pi[node] + delta
            for edge in self.out[node]:
                head = edge.head
                if head in settled:
                    continue
                need = settled[node] + edge.weight - pi[head]
                if need >= 0 or need >= gamma.get(head, 0):
                    continue
                if head == new.tail:
                    return [new, *self._tightest_path(new.head, new.tail)]
                gamma[head] = need
                parent[head] = edge
                heapq.heappush(heap, (need, head))
        for node, value in settled.items():
            pi[node] = value
        self.out[new.tail].append(new)
        return None

    def _tightest_path(self, start: int, goal: int) -> list[Edge[Tag]]:
        """The shortest path start → goal among the accepted edges (Dijkstra over reduced costs,
        stopping at the goal): closed by a refused edge, it is the most negative cycle through it,
        the most direct explanation of the conflict."""
        pi = self.potential
        best = {start: 0}
        parent: dict[int, Edge[Tag]] = {}
        heap = [(0, start)]
        done: set[int] = set()
        while heap:
            dist, node = heapq.heappop(heap)
            if node in done:
                continue
            if node == goal:
                break
            done.add(node)
            for edge in self.out[node]:
                candidate = dist + edge.weight + pi[edge.tail] - pi[edge.head]
                if candidate < best.get(edge.head, candidate + 1):
                    best[edge.head] = candidate
                    parent[edge.head] = edge
                    heapq.heappush(heap, (candidate, edge.head))
        path = []
        node = goal
        while node != start:
            edge = parent[node]
            path.append(edge)
            node = edge.tail
        path.reverse()
        return path

    def distances_from(self, source: int, reverse: bool = False) -> list[int | None]:
        """Shortest distances from `source` (to it, with reverse=True); None when unreachable."""
        return self.shortest_paths(source, reverse)[0]

    def tightest(self) -> list[dict[int, int]]:
        """Each node's edges as head → the least weight among its parallel edges (only the tightest
        of them sets a distance): a table for `distances`, valid while the edges stay as they are."""
        table: list[dict[int, int]] = [{} for _ in range(self.nodes)]
        for heads, edges in zip(table, self.out):
            for edge in edges:
                known = heads.get(edge.head)
                if known is None or edge.weight < known:
                    heads[edge.head] = edge.weight
        return table

    def distances(self, source: int, table: list[dict[int, int]]) -> list[int | None]:
        """`distances_from(source)` over the `tightest()` table of the edges as they are: the same
        distances, each node's parallel edges relaxed once (a history's networks have about three
        edges to each pair of events, and the metrics ask from several events of each)."""
        pi = self.potential
        reduced: list[int | None] = [None] * self.nodes
        reduced[source] = 0
        heap = [(0, source)]
        done = [False] * self.nodes
        while heap:
            dist, node = heapq.heappop(heap)
            if done[node]:
                continue
            done[node] = True
            here = dist + pi[node]
            for head, weight in table[node].items():
                candidate = here + weight - pi[head]
                known = reduced[head]
                if known is None or candidate < known:
                    reduced[head] = candidate
                    heapq.heappush(heap, (candidate, head))
        origin = pi[source]
        return [None if r is None else r + pi[node] - origin for node, r in enumerate(reduced)]

    def shortest_paths(self, source: int, reverse: bool = False) -> tuple[list[int | None], list[Edge[Tag] | None]]:
        """Shortest distances from `source` (to it, with reverse=True), and each node's last edge
        on its shortest path (the edge that sets the bound); None when unreachable.

        Dijkstra over the reduced costs w + π[tail] − π[head], which the potential keeps ≥ 0.
        """
        pi = self.potential
        reduced: list[int | None] = [None] * self.nodes
        parent: list[Edge[Tag] | None] = [None] * self.nodes
        reduced[source] = 0
        heap = [(0, source)]
        done = [False] * self.nodes
        if reverse:
            incoming: list[list[tuple[int, int, Edge[Tag]]]] = [[] for _ in range(self.nodes)]
            for edges in self.out:
                for e in edges:
                    incoming[e.head].append((e.tail, e.weight + pi[e.tail] - pi[e.head], e))
            while heap:
                dist, node = heapq.heappop(heap)
                if done[node]:
                    continue
                done[node] = True
                for head, weight, edge in incoming[node]:
                    candidate = dist + weight
                    known = reduced[head]
                    if known is None or candidate < known:
                        reduced[head] = candidate
                        parent[head] = edge
                        heapq.heappush(heap, (candidate, head))
        else:  # the reduced cost of each edge is worked out as it is met: most searches meet few
            out = self.out
            while heap:
                dist, node = heapq.heappop(heap)
                if done[node]:
                    continue
                done[node] = True
                here = dist + pi[node]
                for edge in out[node]:
                    head = edge.head
                    candidate = here + edge.weight - pi[head]
                    known = reduced[head]
                    if known is None or candidate < known:
                        reduced[head] = candidate
                        parent[head] = edge
                        heapq.heappush(heap, (candidate, head))
        sign = -1 if reverse else 1
        distances = [
            None if r is None else r + sign * (pi[node] - pi[source])
            for node, r in enumerate(reduced)
        ]
        return distances, parent
