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
    `names`, the rows' first `lines`, and their UTC `instants` (`no_time` for a relative claim)."""
    at = {name: i for i, name in enumerate(names)}
    parsed: list[tuple[str, list]] = []
    for name in COLUMNS:
        if name in at:
            parse = CELL_PARSERS.get(name, _text)
            codes, uniques = pd.factorize(np.asarray(columns[at[name]], dtype=object))
            values = np.empty(len(uniques), dtype=object)
            values[:] = [parse(text) if text else None for text in (cell.strip() for cell in uniques)]
            parsed.append((name, values[codes].tolist()))
    names_of = ("line", *(name for name, _ in parsed))
    from_checked = Claim.from_checked
    claims = []
    for row, instant in zip(zip(lines, *(values for _, values in parsed)), instants):
        cells = {name: value for name, value in zip(names_of, row) if value is not None}
        claims.append(from_checked(cells, frozenset(cells), None if instant == no_time else instant))
    return claims
