"""Claims → a timeline: each event's window and estimate, and the named conflicts.

Every claim is a constraint. An absolute claim bounds its event to what its written time can mean
(model.Claim.reading: a minute covers the clock's and the nearest minute, a date its local day, an
interval from `time` to `until`; one side for a bound); a relative claim bounds the difference
between two events. The milestones keep their order (no report before the impact start, no
resolution before the recovery, …: `Order`), as constraints no claim can overrule; a detection may
come first (a precursor). The claims of one incident form a simple temporal network (space.py,
stn.py); its tightest windows are each event's `earliest` and `latest`.

A claim whose `corrects` names a source (or an origin its copies name in `via`) replaces that
source's claims about the same event, and an operator's statement published after the incident
ended replaces its own organisation's statements published during it where they conflict: those are
set aside as *corrected* or *superseded* before anything is weighed (witnesses.py). When the other
claims cannot all hold, reconcile.py sets aside the claims of least total weight whose removal
leaves the rest consistent: an exact optimum. A claim's weight is its source's authority times its
precision (model.Claim.base_weight); the claims of one **witness** — one source's rows about one
event, and copies of one origin (the same `via`, or the same quote once spacing, case and
punctuation are set aside) — weigh as their heaviest, so that copies do not outvote an independent
witness and a statement split over two rows weighs what either row weighs. When several choices weigh
the same, the conflict is undecided: readings.py lists every one of them, the windows span them all
and the estimate lies between them.

Which impact start is first (the order hangs on it) is decided with the reconciliation: when an
incident has several (a cascade), it is reconciled once with each as the first, and the lightest
wins (ties are readings too). The first recovery and scheduled start follow the settled times.

Estimates come only from what the kept claims state: the times they write, carried through the
offsets relative claims state. They are solved together: events are settled one at a time, the best
attested first, each at the weighted median of its stated times (and of the times its settled
neighbours imply), clamped into what the kept claims, the milestone order and the estimates already
settled allow, so that relative claims and the order hold between the estimates too. An event known
only from bounds (a "by 21:31", an interval, a date alone) has no estimate: its window is what is known.
"""

from __future__ import annotations

import functools
from collections import Counter, defaultdict
from dataclasses import replace
from typing import Any, Iterable, Sequence

from ..collecting import paused
from ..model.claim import Claim
from ..model.cells import Kind, SourceType
from .reconcile import Settlement, settle
from .readings import spread

# ---------------------------------------------------------------- reconstruction
from .estimates import median_weights, stated_times
from .events import Order, Timeline, order_rules
from .outcome import conflicts_of, events_of
from .space import Solution, Space
from .witnesses import claim_weights, corrected_claims, superseded_claims, witnesses


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
    superseded = superseded_claims(every, corrected)
    replaced = corrected.keys() | superseded.keys()
    claims = tuple(c for i, c in enumerate(every) if i not in replaced)
    names = sorted({c.event for c in every} | {c.relative_to for c in every if c.relative_to})
    kinds: dict[str, Kind] = {}
    for claim in every:
        kinds.setdefault(claim.event, claim.kind)
    weights = claim_weights(claims)
    witness = witnesses(claims)
    consensus = _consensus(names, claims, weights, witness)
    starts = sorted(name for name in names if kinds.get(name) is Kind.impact_start)
    runs = [_run(names, kinds, claims, weights, witness, consensus, first) for first in (starts if len(starts) > 1 else [None])]
    lightest = min(run[0].best.weight for run in runs)
    tied = sorted((run for run in runs if run[0].best.weight == lightest), key=lambda run: run[3])
    settlement, rules, solutions = _together(tied, weights, witness)

    events = events_of(incident, names, kinds, claims, settlement, solutions, every, corrected, superseded)
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
    for i in superseded:
        status[every[i].line] = "superseded"
    all_weights = {c.line: w for c, w in zip(claims, weights)}
    all_weights.update({every[i].line: every[i].base_weight for i in replaced})
    return Timeline(
        incident=incident,
        events=tuple(sorted(events, key=lambda e: e.sort_key)),
        conflicts=tuple(conflicts_of(claims, weights, witness, settlement, solutions[0])),
        claims=tuple(sorted(every, key=lambda c: c.line)),
        zone=_local_zone(every),
        weights=all_weights,
        status=status,
        order=tuple(rules),
        corrections={every[i].line: by for i, by in corrected.items()},
        supersessions={every[i].line: by for i, by in superseded.items()},
        witness_of={c.line: claims[w].line for c, w in zip(claims, witness)},
        _solutions=tuple(solutions),
    )


MAX_ORDER_ROUNDS = 3  # settlements tried while the first recovery or scheduled start moves (one is the rule)


def _run(names, kinds, claims, weights, witness, consensus, first_impact: str | None):
    """The reconciliation with `first_impact` as the first impact start (None: the only one, or
    none): the settlement with every reading of equal weight, the order it used, its solutions,
    and a key that puts first a run whose first impact start is the earliest as settled. The first
    recovery and scheduled start hang on the settled times: start from the sources' consensus,
    settle, and settle again while they move."""
    index = {name: i + 1 for i, name in enumerate(names)}  # 0 is the origin
    fixed = {Kind.impact_start: first_impact} if first_impact is not None else {}
    tried: list[tuple[int, int, Any, Settlement, list[Solution]]] = []
    for _ in range(MAX_ORDER_ROUNDS):
        rules = order_rules(kinds, consensus, fixed)
        space = Space(names, index, claims, weights, witness, rules, consensus)
        settlement = spread(settle(weights, space.conflicts, witness), weights, witness, space.conflicts,
                            functools.partial(_parts, names, claims, rules))
        solutions = [space.solve(choice.set_aside) for choice in settlement.choices]
        tried.append((settlement.best.weight, len(tried), rules, settlement, solutions))
        settled = {name: solutions[0].position(name) for name in names}
        if order_rules(kinds, settled, fixed) == rules:
            break
        consensus = settled
    _, _, rules, settlement, solutions = min(tried, key=lambda t: t[:2])
    if first_impact is None:
        return settlement, rules, solutions, (False, "")
    settled = {name: solutions[0].position(name) for name in names}
    earliest = order_rules(kinds, settled)  # the order as the settled times have it: is `first_impact` first?
    return settlement, rules, solutions, (rules != earliest, first_impact)


def _parts(names, claims, rules) -> list[int]:
    """For each claim, the part of the network its event is in: events joined by relative claims or
    the milestone order are one part (claims in different parts cannot move each other's windows)."""
    parent = {name: name for name in names}

    def root(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    pairs = [(c.event, c.relative_to) for c in claims if c.relative_to] + [(r.earlier, r.later) for r in rules]
    for a, b in pairs:
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    number = {name: i for i, name in enumerate(sorted({root(n) for n in names}))}
    return [number[root(c.event)] for c in claims]


def _together(runs, weights, witness) -> tuple[Settlement, list[Order], list]:
    """The runs of equal weight as one settlement: the first run's best choice and order, and every
    reading of every run (an impact start that may be first either way is a reading too)."""
    settlement, rules, solutions, _ = runs[0]
    if len(runs) == 1:
        return settlement, rules, solutions
    choices, solutions = list(settlement.choices), list(solutions)
    cores = set(settlement.conflicts)
    for other, _, more, _ in runs[1:]:
        choices += other.choices
        solutions += more
        cores |= set(other.conflicts)
    bests = [run[0].best.set_aside for run in runs]  # what each run's lightest choice sets aside
    undecided = frozenset().union(*(run[0].undecided for run in runs), *bests) - frozenset.intersection(*bests)
    ways = {}
    for other, *_ in runs:
        ways.update(other.ways)
    merged = replace(settlement, undecided=undecided, alternatives=choices[1:], conflicts=sorted(cores, key=sorted), ways=ways)
    return merged, rules, solutions


def _consensus(names, claims, weights, witness) -> dict[str, int | None]:
    """Where the sources, all of them, put each event: the first guess of the order's anchors."""
    shares = median_weights(claims, weights, witness)
    result = {}
    for name, (value, *_) in stated_times(names, claims, shares).items():
        result[name] = value
    return result


def _content(claim: Claim) -> tuple:
    """A claim's content, for numbering claims independently of the order of the rows. (Its fields
    read from its dict, and each enum's `_value_`, its value without the property: 100,000 claims
    of a history are numbered.)"""
    fields = claim.__dict__
    source_type, time, tz = fields["source_type"], fields["time"], fields["tz"]
    return (
        fields["event"],
        fields["source"],
        source_type._value_ if source_type else "",
        str(time or ""),
        (tz.name if tz is not None else None) or "",  # zone_name
        fields["relative_to"] or "",
        fields["offset_min"] or 0,
        fields["uncertainty_min"],
        fields["bound"]._value_,
        fields["value"] or 0,
        fields["kind"]._value_,
        fields["line"],
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

    written = [(zone, c) for c in claims if c.time is not None for zone in (zone_of(c),) if zone is not None]  # each zone read once
    if not written or sum(zone == "UTC" for zone, _ in written) * 2 > len(written):
        return "UTC"

    def most(zones: Iterable[str], with_utc: bool) -> str | None:
        counts = Counter(z for z in zones if with_utc or z != "UTC")
        return sorted(counts.items(), key=lambda item: (-item[1], item[0]))[0][0] if counts else None

    # the operator's own zone, UTC included: an operator that writes UTC gets its report in UTC
    operator = most((zone for zone, c in written if c.source_type is SourceType.operator), with_utc=True)
    return operator or most((zone for zone, _ in written), with_utc=False) or "UTC"


