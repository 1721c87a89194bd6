"""Claims → a timeline: each event's window, a reconciled estimate, and the named conflicts.

Every claim is a constraint. An absolute claim bounds its event to [time − u, time + u] (the whole
minute for a time given to the minute, the whole day for a date alone, one side for a bound); a
relative claim bounds the difference between two events. The claims of one incident form a simple
temporal network (see stn.py); its tightest windows are each event's `earliest` and `latest`.

When the claims cannot all hold, reconciliation settles it: claims enter the network in order of
their distance from the consensus (the median of the times the sources state for each event), and a
claim that cannot hold with those already in is dropped. The negative cycle it would close is a
minimal set of conflicting claims, named with their sources and lines; it is always the claim in that
set farthest from the consensus that goes.

The estimate of an event is the median of the times its kept claims state (directly, or through a
relative claim from an event whose time is stated), moved into the window when it falls outside.
Without such a time it is the middle of a window shorter than an hour, or the one finite edge of an
open window; a wider window (a date alone) has no estimate.
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Iterable, Sequence

from .model import DAY, Bound, Claim, Kind
from .stn import Edge, Network

CLOSED_WINDOW_ESTIMATE_MAX = 3600  # seconds: a narrower window without a stated time → its middle


@dataclass(frozen=True)
class Conflict:
    """Claims that cannot all hold, and the one reconciliation dropped to settle them."""

    claims: tuple[Claim, ...]
    dropped: Claim
    events: tuple[str, ...]


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
    dropped: tuple[Claim, ...] = ()
    conflict: bool = False  # a claim about this event was dropped to settle a conflict

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
    claims: tuple[Claim, ...]
    zone: str  # the incident's local IANA zone, from its claims

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
        return _unique(c.source for c in sorted(self.claims, key=lambda c: c.line))

    @property
    def dropped(self) -> list[Claim]:
        return [c.dropped for c in self.conflicts]


def reconstruct_all(claims: Iterable[Claim]) -> dict[str, Timeline]:
    by_incident: dict[str, list[Claim]] = defaultdict(list)
    for claim in claims:
        by_incident[claim.incident].append(claim)
    return {name: reconstruct(by_incident[name]) for name in sorted(by_incident)}


def reconstruct(claims: Sequence[Claim]) -> Timeline:
    """Reconstruct one incident from its (valid) claims."""
    claims = tuple(sorted(claims, key=lambda c: c.line))
    if not claims:
        raise ValueError("no claims")
    incident = claims[0].incident
    names = sorted({c.event for c in claims})
    index = {name: i + 1 for i, name in enumerate(names)}  # 0 is the origin

    # Claims closest to the consensus go in first; one that cannot hold with those already in is
    # dropped, and the cycle it would close names the conflict.
    consensus = _estimates(names, claims, windows=None)
    guess = [0] + [consensus[name][0] or 0 for name in names]
    network: Network[Claim] = Network(len(names) + 1, guess)
    kept: list[Claim] = []
    conflicts: list[Conflict] = []
    for claim in sorted(claims, key=lambda c: _blame(c, consensus)):
        cycle = network.add(_edges(claim, index))
        if cycle is None:
            kept.append(claim)
            continue
        involved = tuple(sorted({edge.tag for edge in cycle}, key=lambda c: c.line))
        events = tuple(sorted({c.event for c in involved} | {c.relative_to for c in involved if c.relative_to}))
        conflicts.append(Conflict(involved, claim, events))
    conflicts.sort(key=lambda c: c.dropped.line)

    latest = network.distances_from(0)
    to_origin = network.distances_from(0, reverse=True)
    windows = {
        name: (None if to_origin[i] is None else -to_origin[i], latest[i])
        for name, i in index.items()
    }
    estimates = _estimates(names, kept, windows)

    by_event: dict[str, list[Claim]] = defaultdict(list)
    for claim in claims:
        by_event[claim.event].append(claim)
    in_conflict = {conflict.dropped.event for conflict in conflicts}
    dropped = {id(c.dropped) for c in conflicts}
    events = []
    for name in names:
        own = by_event[name]
        estimate, rule = estimates[name]
        earliest, last = windows[name]
        events.append(
            Event(
                incident=incident,
                event=name,
                kind=own[0].kind,
                label=next((c.label for c in own if c.label), name),
                earliest=earliest,
                latest=last,
                estimate=estimate,
                rule=rule,
                claims=tuple(own),
                dropped=tuple(c for c in own if id(c) in dropped),
                conflict=name in in_conflict,
            )
        )
    events.sort(key=lambda e: e.sort_key)
    return Timeline(incident, tuple(events), tuple(conflicts), claims, _local_zone(claims))


def _edges(claim: Claim, index: dict[str, int]) -> list[Edge[Claim]]:
    """The difference constraints a claim puts on the network."""
    node = index[claim.event]
    if claim.is_relative:
        anchor = index[claim.relative_to]
        low, high = claim.offset_range()
    else:
        anchor = 0
        low, high = claim.window()
    edges = []
    if high is not None:
        edges.append(Edge(anchor, node, high, claim))  # node − anchor ≤ high
    if low is not None:
        edges.append(Edge(node, anchor, -low, claim))  # anchor − node ≤ −low
    return edges


def _stated(claim: Claim, times: dict[str, int]) -> int | None:
    """The time a claim states for its event: its own, or its anchor's plus the offset."""
    if claim.bound is not Bound.at:
        return None
    if claim.is_relative:
        anchor = times.get(claim.relative_to)
        return None if anchor is None else anchor + round(claim.offset_min * 60)
    return claim.point


def _median(values: list[int]) -> int:
    return round(statistics.median(values))


def _estimates(
    names: Sequence[str], claims: Sequence[Claim], windows: dict[str, tuple[int | None, int | None]] | None
) -> dict[str, tuple[int | None, str]]:
    """Each event's estimate and the rule that gave it (see the module docstring)."""
    by_event: dict[str, list[Claim]] = defaultdict(list)
    for claim in claims:
        by_event[claim.event].append(claim)

    def clamp(value: int, name: str) -> int:
        if windows is None:
            return value
        low, high = windows[name]
        if low is not None and value < low:
            value = low
        if high is not None and value > high:
            value = high
        return value

    stated = {}
    for name in names:
        points = [c.point for c in by_event[name] if c.point is not None]
        if points:
            stated[name] = _median(points)
    result: dict[str, tuple[int | None, str]] = {}
    known = dict(stated)
    # Events with stated times, then events reached through relative claims, breadth first.
    for _ in range(len(names) + 1):
        progress = False
        for name in names:
            if name in result:
                continue
            points = [t for t in (_stated(c, known) for c in by_event[name]) if t is not None]
            if not points:
                continue
            rule = "the one stated time" if len(points) == 1 else f"median of {len(points)} stated times"
            result[name] = (clamp(_median(points), name), rule)
            progress = True
        known.update({name: value for name, (value, _) in result.items() if value is not None})
        if not progress:
            break
    for name in names:
        if name in result:
            continue
        low, high = windows.get(name, (None, None)) if windows is not None else (None, None)
        if low is not None and high is not None and high - low < CLOSED_WINDOW_ESTIMATE_MAX:
            result[name] = ((low + high + 1) // 2, "middle of the window")
        elif any(c.precision == DAY for c in by_event[name]):
            result[name] = (None, "no estimate: the sources give the day only")
        elif low is not None and high is None:
            result[name] = (low, "earliest possible (no upper bound)")
        elif high is not None and low is None:
            result[name] = (high - high % 60, "latest possible (no lower bound)")
        else:
            result[name] = (None, "no estimate: the window is wider than an hour" if low is not None else "no estimate")
    return result


def _blame(claim: Claim, consensus: dict[str, tuple[int | None, str]]) -> tuple:
    """The order claims enter the network: closest to the consensus first; then stated times
    before bounds and relative claims; then the most precise; then by source and content."""
    return (
        _distance(claim, consensus),
        claim.point is None,
        claim.uncertainty_min,
        # then by content, so that the order of the rows never changes the result
        claim.source,
        str(claim.time or ""),
        claim.relative_to or "",
        claim.offset_min or 0,
        claim.bound.value,
        claim.line,
    )


def _distance(claim: Claim, consensus: dict[str, tuple[int | None, str]]) -> int:
    """Seconds between the consensus and what the claim allows (0 when it allows it)."""
    here = consensus.get(claim.event, (None, ""))[0]
    if here is None:
        return 0
    if claim.is_relative:
        anchor = consensus.get(claim.relative_to, (None, ""))[0]
        if anchor is None:
            return 0
        low, high = claim.offset_range()
        value = here - anchor
    else:
        low, high = claim.window()
        value = here
    if low is not None and value < low:
        return low - value
    if high is not None and value > high:
        return value - high
    return 0


def _local_zone(claims: Sequence[Claim]) -> str:
    """The zone most of the incident's claims were written in (UTC when none names a place)."""
    counts = Counter(c.tz.iana for c in claims if c.tz is not None and c.tz.iana != "UTC")
    if not counts:
        return "UTC"
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))[0][0]


def _unique(items: Iterable[str]) -> list[str]:
    seen: dict[str, None] = {}
    for item in items:
        seen.setdefault(item, None)
    return list(seen)
