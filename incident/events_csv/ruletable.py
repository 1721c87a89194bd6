"""The one table of events.csv's rules and how each is checked on large files.

The per-row reader (rows.py, rules.py) words every message; the column-wise reader (columnar.py)
only finds, faster, the rows with nothing to say, and must therefore know every rule a plain row
could break. Each rule below — a column's cell grammar, or a finding a warning or note carries —
names the column-wise check that stands for it, or says why it is left to the per-row reader
(`PER_ROW`: such a row is never plain, or the rule needs the whole file). tests/test_columnar.py
fails when a column or a finding has no entry here, or an entry names a check columnar.py lacks:
a new rule added to the per-row path alone can no longer go missing on large files.
"""

from __future__ import annotations

PER_ROW = "per-row only"

# column → the check in columnar.py that accelerates its cell rules (a function or a name there),
# or (PER_ROW, why)
CELLS: dict[str, str | tuple[str, str]] = {
    "incident": "_slug",
    "event": "_slug",
    "kind": "KINDS",
    "label": (PER_ROW, "free text: no rule"),
    "time": "_parse_times",
    "until": (PER_ROW, "a row with until is never plain (plain_rows sends it to the per-row reader)"),
    "tz": "_zone",
    "uncertainty_min": "_uncertainty",
    "bound": "plain_rows",
    "relative_to": "_slug",
    "offset_min": "_offset",
    "value": "_value",
    "unit": "plain_rows",
    "source": "plain_rows",
    "source_type": "plain_rows",
    "org": (PER_ROW, "a row with org is never plain (plain_rows sends it to the per-row reader)"),
    "published": (PER_ROW, "a row with published is never plain (plain_rows sends it to the per-row reader)"),
    "via": (PER_ROW, "a row with via is never plain: the origin it names is kept for the corrects that may name it"),
    "corrects": (PER_ROW, "a row with corrects is never plain; the source or origin it names is checked across rows"),
    "url": (PER_ROW, "free text; the no-url note is counted across rows for plain rows too (add_plain)"),
    "quote": (PER_ROW, "free text: no rule"),
    "as_reported": "_as_reported_holds",
    "note": (PER_ROW, "free text: no rule"),
}

# a warning's or note's code → the column-wise check that sends a row it may concern to the
# per-row reader (or that states it for plain rows), or (PER_ROW, why)
FINDINGS: dict[str, str | tuple[str, str]] = {
    "zone-label": "_labels_hold",
    "as-reported": "_as_reported_holds",
    "twelve-hour": "_as_reported_holds",
    "far": "_offset",
    "no-url": "no_url",
    "org": (PER_ROW, "a row with org is never plain: the per-row reader says when org is not an operator's"),
    "slash-dates": (PER_ROW, "a slash date is no ISO time: the row has an error and is never plain"),
    "column": (PER_ROW, "a finding of the header, read once before any row"),
    "unfilled": (PER_ROW, "a row with no time and no source is never plain: the per-row reader names it"),
}
