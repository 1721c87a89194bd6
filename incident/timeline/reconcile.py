"""Exact weighted reconciliation: the lightest set of claims to set aside, and the ties.

The problem: claims with positive weights, some of which cannot all hold together. Set aside the
claims of least total weight whose removal leaves the rest consistent. This is a minimum-weight
hitting set over the *conflicts* (minimal sets of claims that cannot all hold), solved by the
implicit-hitting-set method, without ever listing every conflict:

1. ask the oracle for conflicts among the claims kept so far (the temporal network finds each as a
   negative cycle);
2. solve the minimum-weight hitting set of every conflict found so far, exactly;
3. keep everything but that hitting set and go to 1, until the oracle finds no conflict.

The hitting set of a subset of the conflicts weighs at most the true optimum, so when the claims it
leaves are consistent it is an optimum. Conflicts that share no claim are solved apart: a lone
conflict by taking its lightest claim, a larger group of linked conflicts by integer programming
(SciPy's `milp`, the HiGHS solver, with a zero optimality gap).

Claims of one **witness** (one source's rows about an event, or copies of one origin) weigh as
one: setting aside several of them costs what the heaviest of them weighs, not their sum. The cost
of a choice is therefore the sum over witnesses of the heaviest claim it sets aside; conflicts
linked through a witness are solved together, and the integer program carries one variable per
witness bounded below by each of its claims' weights.

A claim set aside in one optimum may be kept in another of the same weight. For each claim set
aside, the solver asks for the lightest consistent choice that keeps it; when that weighs the same,
the claim's fate is **undecided** and the other choice is returned beside the first.

Everything is in terms of claim indices 0..n-1; the caller numbers its claims in a canonical order
(by content, never by row), which is what makes the result independent of row order.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Iterable, Sequence

Core = frozenset  # a conflict: indices of claims that cannot all hold
Oracle = Callable[[frozenset], list]  # kept claims → conflicts among them ([] when consistent)

MAX_ROUNDS = 10_000  # a bound no real input reaches; each round adds at least one new conflict


@dataclass(frozen=True)
class Choice:
    """One consistent way to settle every conflict: the claims it sets aside and their weight."""

    set_aside: frozenset
    weight: int


@dataclass
class Settlement:
    """The reconciliation of one incident."""

    best: Choice  # an optimum
    undecided: frozenset  # claims set aside by one optimum and kept by another of equal weight
    alternatives: list[Choice]  # the other optima (readings.spread: every one, or the groups' unions)
    conflicts: list[Core]  # every conflict found, sorted
    keeping_costs: dict = field(default_factory=dict)  # claim set aside → lightest choice keeping it
    # the groups of linked conflicts with more than one reading (their claims) → the claims each of
    # its readings sets aside (None: too many to list); readings.spread fills it
    ways: dict = field(default_factory=dict)

    @property
    def set_aside(self) -> frozenset:
        """Claims set aside by every optimum."""
        return self.best.set_aside - self.undecided

    @property
    def choices(self) -> list[Choice]:
        return [self.best, *self.alternatives]


def settle(weights: Sequence[int], oracle: Oracle, witness: Sequence[int] | None = None) -> Settlement:
    """Set aside the lightest claims that make the rest consistent; see the module docstring.
    `witness[i]` names claim i's witness (claims of one witness weigh as their heaviest); by
    default every claim is its own witness."""
    problem = Problem(weights, list(range(len(weights))) if witness is None else list(witness))
    everything = frozenset(range(len(weights)))
    cores: set[Core] = set()
    memo: dict = {}
    best = _solve(problem, everything, oracle, cores, keep=frozenset(), memo=memo)
    undecided: set[int] = set()
    alternatives: list[Choice] = []
    costs: dict[int, Choice] = {}
    for claim in sorted(best.set_aside):
        if claim in undecided:
            continue
        # A lower bound first, from the conflicts known: usually enough to show keeping it costs more.
        bound = _hitting_set(problem, cores, keep=frozenset({claim}), memo=memo)
        if bound is not None and bound.weight > best.weight:
            costs[claim] = bound
            continue
        other = _solve(problem, everything, oracle, cores, keep=frozenset({claim}), memo=memo)
        costs[claim] = other
        if other.weight == best.weight:
            undecided |= best.set_aside ^ other.set_aside
            alternatives.append(other)
    return Settlement(best, frozenset(undecided), alternatives, sorted(cores, key=sorted), costs)


@dataclass(frozen=True)
class Problem:
    weights: Sequence[int]
    witness: Sequence[int]

    def cost(self, chosen: Iterable[int]) -> int:
        """What setting aside `chosen` weighs: per witness, its heaviest claim set aside."""
        heaviest: dict[int, int] = {}
        for i in chosen:
            w = self.witness[i]
            heaviest[w] = max(heaviest.get(w, 0), self.weights[i])
        return sum(heaviest.values())


IMPOSSIBLE = 10**18  # the weight of a choice that cannot be made


def _solve(problem: Problem, everything: frozenset, oracle: Oracle, cores: set, keep: frozenset, memo: dict) -> Choice:
    """The lightest consistent choice that keeps every claim of `keep` (infinite when none)."""
    for _ in range(MAX_ROUNDS):
        choice = _hitting_set(problem, cores, keep, memo)
        if choice is None:
            return Choice(everything, IMPOSSIBLE)  # keeping `keep` is impossible
        found = oracle(everything - choice.set_aside)
        if not found:
            return choice
        cores.update(Core(core) for core in found)
    raise RuntimeError("reconciliation did not converge")  # pragma: no cover


def _hitting_set(problem: Problem, cores: Iterable[Core], keep: frozenset, memo: dict | None = None) -> Choice | None:
    """An exact minimum-weight set meeting every conflict, never taking a claim of `keep`.
    `memo` keeps each group's answer: most groups are the same from one call to the next."""
    chosen: set[int] = set()
    memo = {} if memo is None else memo
    for group in linked_groups(cores, problem.witness):
        key = (tuple(group), keep & frozenset().union(*group))
        if key not in memo:
            memo[key] = _solve_group(problem, group, key[1])
        part = memo[key]
        if part is None:
            return None
        chosen |= part
    return Choice(frozenset(chosen), problem.cost(chosen))


def linked_groups(cores: Iterable[Core], witness: Sequence[int] | None = None) -> list[list[Core]]:
    """Conflicts grouped by shared claims, or claims of one witness (connected components), in a
    canonical order."""
    parent: dict[int, int] = {}

    def root(x: int) -> int:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def join(x: int, y: int) -> None:
        a, b = root(x), root(y)
        if a != b:
            parent[max(a, b)] = min(a, b)

    cores = sorted(cores, key=sorted)
    for core in cores:
        first, *rest = sorted(core)
        for other in rest:
            join(first, other)
    if witness is not None:
        first_of: dict[int, int] = {}
        for claim in sorted(set().union(*cores)):
            join(first_of.setdefault(witness[claim], claim), claim)
    groups: dict[int, list[Core]] = {}
    for core in cores:
        groups.setdefault(root(min(core)), []).append(core)
    return [groups[key] for key in sorted(groups)]


def _solve_group(problem: Problem, group: list[Core], keep: frozenset) -> set[int] | None:
    if len(group) == 1:
        return _solve_linked(problem, group, keep)
    parts = _reduced(group, keep, problem.witness)
    if parts is None:
        return None
    chosen: set[int] = set()
    for part in parts:
        found = _solve_linked(problem, part, keep)
        if found is None:
            return None
        chosen |= found
    return chosen


def _reduced(group: list[Core], keep: frozenset, witness: Sequence[int]) -> list[list[Core]] | None:
    """The same problem in smaller parts, with the same answer: a kept claim cannot be set aside, so
    a conflict is met only by its other claims; a conflict that leaves one claim forces it, which
    meets every other conflict it is in; the conflicts left are linked again without the kept claims
    (a claim kept on purpose often sits in every conflict of its group). None: a conflict of kept
    claims only. The lightest choice of the whole is the union of its parts' (their costs add, a
    witness's claims stay in one part), and so is the first of the lightest in claim order (the
    parts' claims are disjoint: the highest claim where two unions differ decides within one part)."""
    left = [core - keep for core in group]
    if not all(left):
        return None
    forced = {next(iter(core)) for core in left if len(core) == 1}
    cores = [core for core in left if not core & forced] + [Core({claim}) for claim in sorted(forced)]
    return linked_groups(cores, witness)


def _solve_linked(problem: Problem, group: list[Core], keep: frozenset) -> set[int] | None:
    weights = problem.weights
    if len(group) == 1:
        candidates = [i for i in group[0] if i not in keep]
        if not candidates:
            return None
        return {min(candidates, key=lambda i: (weights[i], i))}
    claims = sorted(set().union(*group))
    if len(claims) <= SMALL_GROUP:
        return _enumerate(problem, group, keep, claims)
    found = _branch_and_bound(problem, group, keep, claims)
    return _milp(problem, group, keep) if found is _TOO_LONG else found


SMALL_GROUP = 12  # claims in a group of conflicts solved by enumeration rather than by search
SEARCH_NODES = 200_000  # choices a search may try before the group goes to milp (SciPy, loaded then)
MAX_SEARCH_DEPTH = 400  # claims in a group the search takes at all (it recurses once per claim)
_TOO_LONG = object()


def _branch_and_bound(problem: Problem, group: list[Core], keep: frozenset, claims: list[int]):
    """The choice `_enumerate` makes (the lightest; of equal weights the first subset in claim
    order, its smallest bit mask), without trying every subset: first the lightest weight, by a
    search that branches on the conflict with the fewest claims left to meet it; then the claims
    are decided from the last to the first, each left out when the lightest weight can still be
    reached without it (the same search, told the weight to reach), else taken. Each answer is
    exact, so the choice is enumeration's, and the search stays quick where the conflicts share a
    claim or two (a hub in every conflict is the heavy tail of generated incidents). _TOO_LONG
    after SEARCH_NODES choices in all."""
    m = len(claims)
    if m > MAX_SEARCH_DEPTH:
        return _TOO_LONG
    bit = {claim: 1 << j for j, claim in enumerate(claims)}
    masks = sorted({sum(bit[c] for c in core) for core in group})
    free = sum(bit[c] for c in claims if c not in keep)
    search = _Search([problem.witness[c] for c in claims], [problem.weights[c] for c in claims])
    try:
        found = search.lightest(masks, free, {})
        if found is None:
            return None
        lightest, way = found  # a lightest choice that agrees with every decision so far
        chosen, cost = 0, 0
        paid: dict[int, int] = {}
        for j in range(m - 1, -1, -1):
            if not free >> j & 1:
                continue
            free &= ~(1 << j)
            if not way >> j & 1:
                continue  # left out: `way` still reaches the lightest weight without it
            open_ = [mask for mask in masks if not mask & chosen]
            other = search.lightest(open_, free, paid, reach=lightest - cost)
            if other is not None:
                way = chosen | other[1]  # left out: another way reaches the lightest weight without it
                continue
            w = search.witness[j]
            chosen, cost = chosen | 1 << j, cost + search.step(j, paid)
            paid = {**paid, w: max(paid.get(w, 0), search.weight[j])}
    except _Stop:
        return _TOO_LONG
    return {claim for claim in claims if chosen & bit[claim]}


class _Search:
    """The lightest way to meet conflicts (bit masks over a group's claims) with the claims `free`
    allows, given what each witness has paid already: branch and bound on the conflict with the
    fewest claims left, each branch leaving out the claims the branches before it took."""

    def __init__(self, witness: list[int], weight: list[int]):
        self.witness, self.weight = witness, weight
        self.nodes = 0

    def step(self, j: int, paid: dict) -> int:
        """What taking claim j adds: its weight above what its witness has paid."""
        return max(0, self.weight[j] - paid.get(self.witness[j], 0))

    def lightest(self, masks: list[int], free: int, paid: dict, reach: int | None = None) -> tuple[int, int] | None:
        """(the least weight that meets every conflict, the claims of a choice that weighs it), or
        None when none can be met; with `reach` (a weight no choice goes below), the first choice
        found of that weight, None when there is none."""
        best: list = [None if reach is None else reach + 1, 0]

        def go(masks: list[int], free: int, paid: dict, cost: int, chosen: int) -> bool:
            self.nodes += 1
            if self.nodes > SEARCH_NODES:
                raise _Stop
            if not masks:
                if best[0] is None or cost < best[0]:
                    best[0], best[1] = cost, chosen
                    return reach is not None  # a choice of the weight asked for: no need to look further
                return False
            extra = self._bound(masks, free, paid)
            if extra is None or (best[0] is not None and cost + extra >= best[0]):
                return False
            options = min((mask & free for mask in masks), key=int.bit_count)
            for j in sorted(bits(options), key=lambda j: (self.step(j, paid), j)):
                w = self.witness[j]
                taken = {**paid, w: max(paid.get(w, 0), self.weight[j])}
                if go([mask for mask in masks if not mask >> j & 1], free, taken, cost + self.step(j, paid), chosen | 1 << j):
                    return True
                free &= ~(1 << j)  # the branches after this one leave it out
            return False

        go(masks, free, paid, 0, 0)
        if best[0] is None or reach is not None and best[0] > reach:
            return None
        return best[0], best[1]

    def _bound(self, masks: list[int], free: int, paid: dict) -> int | None:
        """A lower bound on the weight still to add (conflicts that share no witness each need one
        more claim of their own, the cheapest of them), or None when a conflict cannot be met."""
        extra, used = 0, set[int]()
        for mask in sorted((mask & free for mask in masks), key=int.bit_count):
            if not mask:
                return None
            cheapest, witnesses = None, set()
            for j in bits(mask):
                witnesses.add(self.witness[j])
                step = self.step(j, paid)
                cheapest = step if cheapest is None else min(cheapest, step)
            if not witnesses & used:
                used |= witnesses
                extra += cheapest
        return extra


class _Stop(Exception):
    pass


def bits(mask: int):
    j = 0
    while mask:
        if mask & 1:
            yield j
        mask >>= 1
        j += 1


def _enumerate(problem: Problem, group: list[Core], keep: frozenset, claims: list[int]) -> set[int] | None:
    """The exact minimum-weight choice by trying every subset (2^12 at most): for the small
    groups most incidents have, faster than loading and calling a MILP solver, and it breaks
    ties the same way every time (the first such subset in claim order)."""
    bit = {claim: 1 << j for j, claim in enumerate(claims)}
    masks = [sum(bit[c] for c in core) for core in group]
    allowed = sum(bit[c] for c in claims if c not in keep)
    # claims by witness: a witness costs its heaviest claim in the subset
    members: dict[int, list[tuple[int, int]]] = {}
    for j, claim in enumerate(claims):
        members.setdefault(problem.witness[claim], []).append((1 << j, problem.weights[claim]))
    witnesses = [sorted(m, key=lambda item: -item[1]) for _, m in sorted(members.items())]
    best = None
    for subset in range(1 << len(claims)):
        if subset & ~allowed or not all(subset & mask for mask in masks):
            continue
        total = 0
        for heaviest_first in witnesses:
            for mask, weight in heaviest_first:
                if subset & mask:
                    total += weight
                    break
        if best is None or total < best[0]:
            best = (total, subset)
    if best is None:
        return None
    return {claim for claim in claims if best[1] & bit[claim]}


def _milp(problem: Problem, group: list[Core], keep: frozenset) -> set[int] | None:
    """The exact choice by integer programming: a 0/1 variable per claim (set aside or not) and,
    for each witness of several claims, a variable for its cost, at least each of its claims'
    weight when that claim is set aside."""
    import numpy as np
    from scipy.optimize import Bounds, LinearConstraint, milp
    from scipy.sparse import csr_matrix

    claims = sorted(set().union(*group))
    column = {claim: j for j, claim in enumerate(claims)}
    members: dict[int, list[int]] = {}
    for claim in claims:
        members.setdefault(problem.witness[claim], []).append(claim)
    shared = [m for _, m in sorted(members.items()) if len(m) > 1]
    n = len(claims) + len(shared)
    rows, cols, values, lower = [], [], [], []
    for r, core in enumerate(group):
        for claim in sorted(core):
            rows.append(r)
            cols.append(column[claim])
            values.append(1.0)
        lower.append(1.0)
    cost = [0.0 if len(members[problem.witness[c]]) > 1 else float(problem.weights[c]) for c in claims]
    r = len(group)
    for k, claims_of in enumerate(shared):
        cost.append(0.0)
        cost[len(claims) + k] = 1.0
        for claim in claims_of:  # y_k − w_claim · x_claim ≥ 0
            rows += [r, r]
            cols += [len(claims) + k, column[claim]]
            values += [1.0, -float(problem.weights[claim])]
            lower.append(0.0)
            r += 1
    matrix = csr_matrix((np.array(values), (rows, cols)), shape=(r, n))
    upper = np.array([0.0 if claim in keep else 1.0 for claim in claims] + [np.inf] * len(shared))
    result = milp(
        c=np.array(cost),
        constraints=[LinearConstraint(matrix, lb=np.array(lower), ub=np.inf)],
        integrality=np.array([1.0] * len(claims) + [0.0] * len(shared)),
        bounds=Bounds(np.zeros(n), upper),
        options={"mip_rel_gap": 0, "presolve": True},
    )
    if result.status == 2 or result.x is None:  # infeasible: every claim of a conflict is kept
        return None
    return {claim for claim, x in zip(claims, result.x) if x > 0.5}
