"""What a reconstruction gives: the milestone order as rules, each event with its window and
estimate, the named conflicts, and the timeline of one incident."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Mapping

from ..model.time import MINUTE
from ..model.claim import Claim
from ..model.cells import Kind

# ---------------------------------------------------------------- reconstruction


NARROW_WINDOW = 2 * MINUTE  # a window narrower than what one written minute covers: seconds may show


# ---------------------------------------------------------------- milestone order

# A detection is not among them: an alert may fire before users are affected (a precursor).
AFTER_IMPACT = (Kind.report, Kind.acknowledgement, Kind.mitigation, Kind.recovery, Kind.resolution)
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


def order_rules(kinds: Mapping[str, Kind], consensus: Mapping[str, int | None],
                fixed: Mapping[Kind, str] | None = None) -> list[Order]:
    """The milestone order of DESIGN.md for one incident's events.

    Each rule hangs on the first event of its kind (`fixed`, else by `consensus`, then by id):
    every report, acknowledgement, mitigation, recovery and resolution comes at or after the first
    impact start (a detection may come before: a precursor); every resolution and end at or after
    the first recovery; every recovery (the start of a delayed live event), and every end when
    there is no recovery, at or after the first scheduled start.
    """

    def first(kind: Kind) -> str | None:
        if fixed and kind in fixed:
            return fixed[kind]
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
    # an undecided conflict's readings of equal weight: what each sets aside, the best's first (only
    # the first when there are too many to list), and how many there are (None: more than are listed)
    readings: tuple[tuple[Claim, ...], ...] = ()
    reading_count: int | None = 0

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
    superseded: tuple[Claim, ...] = ()  # its claims replaced by their organisation's statement after the incident
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
    def replaced(self) -> tuple[Claim, ...]:
        """Its claims set aside before anything is weighed: corrected or superseded, by line."""
        return tuple(sorted(self.corrected + self.superseded, key=lambda c: c.line))

    @property
    def sources(self) -> list[str]:
        """The sources of its claims that were not replaced (a corrected or superseded source is
        not one of the event's sources)."""
        replaced = set(self.replaced)
        return unique(c.source for c in self.claims if c not in replaced)

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
    supersessions: Mapping[int, Claim] = field(default_factory=dict)  # line superseded → the superseding claim
    witness_of: Mapping[int, int] = field(default_factory=dict)  # line → first line of its witness
    _solutions: tuple = field(default=(), repr=False, compare=False)
    _between: dict = field(default_factory=dict, repr=False, compare=False)
    _lookups: dict = field(default_factory=dict, repr=False, compare=False)  # indexes built on first use

    def __getitem__(self, event: str) -> Event:
        if "events" not in self._lookups:
            self._lookups["events"] = {item.event: item for item in reversed(self.events)}  # the first of a name wins
        return self._lookups["events"][event]

    def first(self, *kinds: Kind | str) -> Event | None:
        """The earliest event of the first kind that has one placed in time (by its estimate, or
        its window when it is known only from bounds)."""
        for kind in kinds:
            kind = Kind(kind)
            candidates = [e for e in self.events if e.kind == kind and e.position is not None]
            if candidates:
                return min(candidates, key=lambda e: (e.position, e.event))
        return None

    def witness(self, claim: Claim) -> list[Claim]:
        """The claims that are one witness with `claim` (itself included), by line."""
        first = self.witness_of.get(claim.line)
        if first is None:
            return [claim]
        if "witnesses" not in self._lookups:
            groups: dict[int, list[Claim]] = {}
            for c in self.claims:
                if c.line in self.witness_of:
                    groups.setdefault(self.witness_of[c.line], []).append(c)
            self._lookups["witnesses"] = groups
        return list(self._lookups["witnesses"].get(first, ()))

    @property
    def corrected(self) -> list[Claim]:
        """Claims replaced by a correction, by line."""
        return [c for c in self.claims if self.status.get(c.line) == "corrected"]

    @property
    def superseded(self) -> list[Claim]:
        """Claims superseded by their organisation's statement published after the incident, by line."""
        return [c for c in self.claims if self.status.get(c.line) == "superseded"]

    def is_precursor(self, event: Event) -> bool:
        """A detection placed before the first impact start (an alert before users were affected)."""
        if event.kind is not Kind.detection or event.position is None:
            return False
        impact = self.first(Kind.impact_start)
        return impact is not None and impact.position is not None and event.position < impact.position

    def replaced_by(self, claim: Claim) -> Claim | None:
        """The claim that corrects or supersedes `claim`, if any."""
        return self.corrections.get(claim.line) or self.supersessions.get(claim.line)

    @property
    def sources(self) -> list[str]:
        return unique(c.source for c in self.claims)

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


def unique(items: Iterable[str]) -> list[str]:
    seen: dict[str, None] = {}
    for item in items:
        seen.setdefault(item, None)
    return list(seen)
