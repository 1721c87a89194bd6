"""Each event's estimate: the weighted median of what the kept claims state, settled one event at a
time against the kept claims' network so that relative claims and the milestone order hold between
the estimates; and the instant a reader is shown."""

from __future__ import annotations

import heapq
import math
from collections import Counter, defaultdict
from typing import Mapping, Sequence

from ..model.time import DAY, MINUTE, in_calendar
from ..model.claim import Claim
from .stn import Edge, Network

# ---------------------------------------------------------------- reconstruction


class Settling:
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
        moved = clamp(value, (low, earliest))
        assert self.network.add(_fixed(node, moved)) is None, "a time inside what the network allows holds"
        return moved, True


def _fixed(node: int, value: int) -> list[Edge]:
    return [Edge(0, node, value, "estimate"), Edge(node, 0, -value, "estimate")]


def clamp(value: int, window: tuple[int | None, int | None]) -> int:
    low, high = window
    if low is not None and value < low:
        return low
    if high is not None and value > high:
        return high
    return value


def _weighted_median(points: list[tuple[int, int]]) -> int:
    """The weighted median of (value, integer weight); exactly between two values, their middle."""
    if len(points) == 1:
        return points[0][0]
    points = sorted(points)  # by value (equal values: their order does not matter), then weight
    weights = [w for _, w in points]
    total, whole = 0, sum(weights)
    for i, ((value, _), weight) in enumerate(zip(points, weights)):
        total += 2 * weight
        if total > whole:
            return value
        if total == whole:  # exactly between two values: their middle
            return (value + points[i + 1][0]) // 2
    return points[-1][0]  # pragma: no cover


def median_weights(claims: Sequence[Claim], weights: Sequence[int], witness: Sequence[int]) -> list[int]:
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


def stated_times(names: Sequence[str], claims: Sequence[Claim], shares: Sequence[int]) -> dict[str, tuple[int | None, str, int | None]]:
    """Where the claims put each event, with no network: the sources' consensus."""
    return settled_estimates(names, claims, shares, None, None)


def settled_estimates(
    names: Sequence[str],
    claims: Sequence[Claim],
    shares: Sequence[int],
    windows: dict[str, tuple[int | None, int | None]] | None,
    settling: "Settling | None",
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
    result: dict[str, tuple[int | None, str, int | None]] = {}
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
            placed = clamp(value, windows[name])
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

    if all(name in result for name in names):
        return result
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


def shown_instant(estimate: int | None, stated: int | None, seconds: bool) -> int | None:
    """The instant a reader sees: the estimate to the nearest minute (to the second when `seconds`);
    but the minute the evidence states when the estimate, clamped into the window, still lies in what
    that written minute means (its clock minute or nearest minute: 20:42 covers 20:41:30–20:42:59),
    so that sources writing 20:42 are never shown as 20:41 or 20:43."""
    if estimate is None or seconds:
        return estimate
    if stated is not None and stated % MINUTE == 0 and stated - MINUTE // 2 <= estimate <= stated + MINUTE - 1:
        return stated
    return (estimate + MINUTE // 2) // MINUTE * MINUTE
