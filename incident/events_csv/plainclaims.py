"""Claims built from the columns of plain rows (`columnar.plain_rows`), without a model validation
per row: each distinct cell of a column is parsed once, by the validator the Claim runs on it."""

from __future__ import annotations

from typing import Sequence

import numpy as np
import pandas as pd

from ..model.cells import CELL_PARSERS, COLUMNS
from ..model.claim import Claim

def _text(cell: str) -> str:
    return cell


def plain_claims(names: Sequence[str], columns: Sequence[Sequence[str]], lines: Sequence[int], instants: Sequence[int],
                 no_time: int) -> list[Claim]:
    """The claims of rows the column-wise reader found plain: `columns` in the header's order
    `names`, the rows' first `lines`, and their UTC `instants` (`no_time` for a relative claim).

    A claim holds the fields its cells fill (an empty cell leaves the field's default): the rows
    are taken in groups that fill the same fields, each group's claims built together
    (`Claim.many_checked`), and the claims returned in the rows' order."""
    at = {name: i for i, name in enumerate(names)}
    parsed: list[tuple[str, np.ndarray, np.ndarray]] = []  # (field, each row's code, each code's value)
    pattern = np.zeros(len(lines), dtype=np.int64)  # bit k set: the row fills the k-th field parsed
    for name in COLUMNS:
        if name in at:
            parse = CELL_PARSERS.get(name, _text)
            codes, uniques = pd.factorize(np.asarray(columns[at[name]], dtype=object))
            values = np.empty(len(uniques), dtype=object)
            values[:] = [parse(text) if text else None for text in (cell.strip() for cell in uniques)]
            filled = np.array([value is not None for value in values], dtype=bool)
            pattern |= filled[codes].astype(np.int64) << len(parsed)
            parsed.append((name, codes, values))
    numbers = np.asarray(lines, dtype=np.int64)
    times = np.asarray(instants, dtype=np.int64)
    order = np.argsort(pattern, kind="stable")
    edges = np.flatnonzero(np.diff(pattern[order])) + 1
    claims: list[Claim | None] = [None] * len(lines)
    for group in np.split(order, edges) if len(order) else []:
        bits = int(pattern[group[0]])
        fields = [(name, codes, values) for k, (name, codes, values) in enumerate(parsed) if bits >> k & 1]
        given = ("line", *(name for name, _, _ in fields))
        rows = zip(numbers[group].tolist(), *(values[codes[group]].tolist() for _, codes, values in fields))
        at_utc = [None if instant == no_time else instant for instant in times[group].tolist()]
        for i, claim in zip(group.tolist(), Claim.many_checked(given, rows, at_utc)):
            claims[i] = claim
    return claims  # type: ignore[return-value]  # every row's claim is placed
