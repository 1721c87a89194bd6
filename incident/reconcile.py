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

A claim set aside in one optimum may be kept in another of the same weight. For each claim set
aside, the solver asks for the lightest consistent choice that keeps it; when that weighs the same,
the claim's fate is **undecided** and the other choice is returned beside the first.

Everything is in terms of claim indices 0..n-1; the caller numbers its claims in a canonical order
(by content, never by row), which is what makes the result independent of row order.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Callable, Iterable, Sequence

Core = frozenset  # a conflict: indices of claims that cannot all hold
Oracle = Callable[[frozenset], list]  # kept claims → conflicts among them ([] when consistent)

MAX_ROUNDS = 10_000  # a bound no real input reaches; each round adds at least one new conflict


@dataclass(frozen=True)
class Choice:
    """One consistent way to settle every conflict: the claims it sets aside and their weight."""

    set_aside: frozenset
    weight: Fraction


@dataclass
class Settlement:
    """The reconciliation of one incident."""

    best: Choice  # an optimum
    undecided: frozenset  # claims set aside by one optimum and kept by another of equal weight
    alternatives: list[Choice]  # other optima found, one per undecided claim of `best`
    conflicts: list[Core]  # every conflict found, sorted
    keeping_costs: dict = field(default_factory=dict)  # claim set aside → lightest choice keeping it

    @property
    def set_aside(self) -> frozenset:
        """Claims set aside by every optimum found."""
        return self.best.set_aside - self.undecided

    @property
    def choices(self) -> list[Choice]:
        return [self.best, *self.alternatives]


def settle(weights: Sequence[Fraction], oracle: Oracle) -> Settlement:
    """Set aside the lightest claims that make the rest consistent; see the module docstring."""
    everything = frozenset(range(len(weights)))
    cores: set[Core] = set()
    memo: dict = {}
    best = _solve(weights, everything, oracle, cores, keep=frozenset(), memo=memo)
    undecided: set[int] = set()
    alternatives: list[Choice] = []
    costs: dict[int, Choice] = {}
    for claim in sorted(best.set_aside):
        if claim in undecided:
            continue
        # A lower bound first, from the conflicts known: usually enough to show keeping it costs more.
        bound = _hitting_set(weights, cores, keep=frozenset({claim}), memo=memo)
        if bound is not None and bound.weight > best.weight:
            costs[claim] = bound
            continue
        other = _solve(weights, everything, oracle, cores, keep=frozenset({claim}), memo=memo)
        costs[claim] = other
        if other.weight == best.weight:
            undecided |= best.set_aside ^ other.set_aside
            alternatives.append(other)
    return Settlement(best, frozenset(undecided), alternatives, sorted(cores, key=sorted), costs)


def _solve(weights, everything: frozenset, oracle: Oracle, cores: set, keep: frozenset, memo: dict) -> Choice:
    """The lightest consistent choice that keeps every claim of `keep` (infinite when none)."""
    for _ in range(MAX_ROUNDS):
        choice = _hitting_set(weights, cores, keep, memo)
        if choice is None:
            return Choice(everything, Fraction(10**18))  # keeping `keep` is impossible
        found = oracle(everything - choice.set_aside)
        if not found:
            return choice
        cores.update(Core(core) for core in found)
    raise RuntimeError("reconciliation did not converge")  # pragma: no cover


def _hitting_set(weights, cores: Iterable[Core], keep: frozenset, memo: dict | None = None) -> Choice | None:
    """An exact minimum-weight set meeting every conflict, never taking a claim of `keep`.
    `memo` keeps each group's answer: most groups are the same from one call to the next."""
    chosen: set[int] = set()
    memo = {} if memo is None else memo
    for group in _linked(cores):
        key = (tuple(group), keep & frozenset().union(*group))
        if key not in memo:
            memo[key] = _solve_group(weights, group, key[1])
        part = memo[key]
        if part is None:
            return None
        chosen |= part
    return Choice(frozenset(chosen), sum((weights[i] for i in chosen), Fraction(0)))


def _linked(cores: Iterable[Core]) -> list[list[Core]]:
    """Conflicts grouped by shared claims (connected components), in a canonical order."""
    parent: dict[int, int] = {}

    def root(x: int) -> int:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    cores = sorted(cores, key=sorted)
    for core in cores:
        first, *rest = sorted(core)
        for other in rest:
            a, b = root(first), root(other)
            if a != b:
                parent[max(a, b)] = min(a, b)
    groups: dict[int, list[Core]] = {}
    for core in cores:
        groups.setdefault(root(min(core)), []).append(core)
    return [groups[key] for key in sorted(groups)]


def _solve_group(weights, group: list[Core], keep: frozenset) -> set[int] | None:
    if len(group) == 1:
        candidates = [i for i in group[0] if i not in keep]
        if not candidates:
            return None
        return {min(candidates, key=lambda i: (weights[i], i))}
    claims = sorted(set().union(*group))
    if len(claims) <= SMALL_GROUP:
        return _enumerate(weights, group, keep, claims)
    return _milp(weights, group, keep)


SMALL_GROUP = 12  # claims in a group of conflicts solved by enumeration rather than by milp


def _enumerate(weights, group: list[Core], keep: frozenset, claims: list[int]) -> set[int] | None:
    """The exact minimum-weight choice by trying every subset (2^12 at most): for the small
    groups most incidents have, faster than loading and calling a MILP solver, and it breaks
    ties the same way every time (the first such subset in claim order)."""
    import math

    bit = {claim: 1 << j for j, claim in enumerate(claims)}
    masks = [sum(bit[c] for c in core) for core in group]
    allowed = sum(bit[c] for c in claims if c not in keep)
    denominator = math.lcm(*(weights[c].denominator for c in claims))
    cost = [weights[c].numerator * (denominator // weights[c].denominator) for c in claims]
    best = None
    for subset in range(1 << len(claims)):
        if subset & ~allowed or not all(subset & mask for mask in masks):
            continue
        total = sum(cost[j] for j in range(len(claims)) if subset >> j & 1)
        if best is None or total < best[0]:
            best = (total, subset)
    if best is None:
        return None
    return {claim for claim in claims if best[1] & bit[claim]}


def _milp(weights, group: list[Core], keep: frozenset) -> set[int] | None:
    import numpy as np
    from scipy.optimize import Bounds, LinearConstraint, milp
    from scipy.sparse import csr_matrix

    claims = sorted(set().union(*group))
    column = {claim: j for j, claim in enumerate(claims)}
    rows, cols = [], []
    for r, core in enumerate(group):
        for claim in sorted(core):
            rows.append(r)
            cols.append(column[claim])
    matrix = csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(group), len(claims)))
    upper = np.array([0.0 if claim in keep else 1.0 for claim in claims])
    result = milp(
        c=np.array([float(weights[claim]) for claim in claims]),
        constraints=[LinearConstraint(matrix, lb=1, ub=np.inf)],
        integrality=np.ones(len(claims)),
        bounds=Bounds(np.zeros(len(claims)), upper),
        options={"mip_rel_gap": 0, "presolve": True},
    )
    if result.status == 2 or result.x is None:  # infeasible: every claim of a conflict is kept
        return None
    return {claim for claim, x in zip(claims, result.x) if x > 0.5}
