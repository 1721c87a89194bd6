"""The extraction scorer: the time grammar's readings of a text against a hand-made gold list.

Run it as `python -m tests.extract_scoring [--split heldout] [-v]` for the figures that
benchmarks/README.md records; tests/test_extract_score.py holds the targets.

- recall: gold expressions that some reading overlaps;
- precision: readings that overlap some gold expression;
- normalised right: gold expressions whose reading has the gold's instant (and end), bound,
  uncertainty and offset, over all gold expressions (end to end).
"""

from __future__ import annotations

import csv
import sys
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path

from incident.model import zones
from incident.model.time import TimeCell, resolve_time
from incident.timetext.days import Context
from incident.timetext.readings import Reading, read_times

HERE = Path(__file__).parent
CORPUS = HERE / "data" / "extract"
SHARED = HERE.parent.parent / "shared" / "sources"
EVENTS = HERE.parent / "events.csv"


@dataclass
class Gold:
    as_reported: str
    instant: int | None
    until: int | None
    bound: str
    uncertainty: int | None
    offset: float | None
    start: int = -1
    end: int = -1


@dataclass
class Score:
    name: str
    gold: int = 0
    found: int = 0
    recalled: int = 0
    precise: int = 0
    right: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, other: "Score") -> None:
        for key in ("gold", "found", "recalled", "precise", "right"):
            setattr(self, key, getattr(self, key) + getattr(other, key))
        self.misses += other.misses

    @property
    def recall(self) -> float:
        return self.recalled / self.gold if self.gold else 1.0

    @property
    def precision(self) -> float:
        return self.precise / self.found if self.found else 1.0

    @property
    def normalised(self) -> float:
        return self.right / self.gold if self.gold else 1.0


def _instant(cell: str, tz: str) -> int | None:
    if not cell:
        return None
    return resolve_time(TimeCell.parse(cell), zones.zone(tz) if tz else None)


def _int(cell: str) -> int | None:
    return int(cell) if cell.strip() else None


def _float(cell: str) -> float | None:
    return float(cell) if cell.strip() else None


def read_gold(path: Path) -> list[Gold]:
    with open(path, newline="", encoding="utf-8") as handle:
        return [
            Gold(r["as_reported"], _instant(r["time"], r["tz"]), _instant(r.get("until", ""), r["tz"]), r["bound"] or "",
                 _int(r["uncertainty_min"]), _float(r["offset_min"]))
            for r in csv.DictReader(handle)
        ]


def shared_gold(stem: str) -> list[Gold]:
    """The rows of events.csv that cite a shared source text and carry its words in as_reported."""
    with open(EVENTS, newline="", encoding="utf-8") as handle:
        rows = [r for r in csv.DictReader(handle) if f"sources/{stem}" in r["note"] and r["as_reported"]]
    return [
        Gold(r["as_reported"], _instant(r["time"], r["tz"]), _instant(r.get("until", ""), r["tz"]), r["bound"] or "",
             _int(r["uncertainty_min"]), _float(r["offset_min"]))
        for r in rows
    ]


def locate(text: str, gold: list[Gold]) -> None:
    """Each gold expression's span: rows in their order take the occurrences of their words in
    theirs, longer words first, never one inside another row's ("4:10am GMT" and "around 4:10am GMT")."""
    taken: list[tuple[int, int]] = []
    for g in sorted(gold, key=lambda g: -len(g.as_reported)):
        position = -1
        while True:
            position = text.find(g.as_reported, position + 1)
            if position < 0:
                raise ValueError(f"gold words not in the text: {g.as_reported!r}")
            span = (position, position + len(g.as_reported))
            if not any(a < span[1] and span[0] < b for a, b in taken):
                break
        taken.append(span)
        g.start, g.end = span


def score(name: str, text: str, gold: list[Gold], context: Context) -> Score:
    locate(text, gold)
    readings = [r for r in read_times(text, context)]
    result = Score(name, gold=len(gold), found=len(readings))
    for r in readings:
        if any(_overlap(r, g) for g in gold):
            result.precise += 1
        else:
            result.misses.append(f"{name}: extra {r.as_reported!r} ({r.time or r.offset_min})")
    for g in gold:
        matches = [r for r in readings if _overlap(r, g)]
        if not matches:
            result.misses.append(f"{name}: missed {g.as_reported!r}")
            continue
        result.recalled += 1
        if any(_same(r, g) for r in matches):
            result.right += 1
        else:
            r = matches[0]
            result.misses.append(
                f"{name}: misread {g.as_reported!r}: got {_describe(r.instant, r.until_instant, r.bound, r.uncertainty_min, r.offset_min)}"
                f" {r.problem or ''}, want {_describe(g.instant, g.until, g.bound, g.uncertainty, g.offset)}")
    return result


def _overlap(r: Reading, g: Gold) -> bool:
    return r.start < g.end and g.start < r.end


def _same(r: Reading, g: Gold) -> bool:
    if r.problem:
        return False
    return (r.instant == g.instant and (r.until_instant if r.until else None) == g.until and (r.bound or "") == g.bound
            and r.uncertainty_min == g.uncertainty and (r.offset_min == g.offset))


def _describe(instant, until, bound, uncertainty, offset) -> str:
    def at(s):
        return datetime.fromtimestamp(s, timezone.utc).strftime("%Y-%m-%d %H:%MZ") if s is not None else "-"
    parts = [at(instant) if offset is None else f"{offset:+g} min"]
    if until is not None:
        parts.append(f"until {at(until)}")
    if bound:
        parts.append(bound)
    if uncertainty is not None:
        parts.append(f"±{uncertainty}")
    return " ".join(parts)


def corpus(split: str | None = None) -> list[tuple[str, str, list[Gold], Context, str]]:
    """(name, text, gold, context, split) of every text: the corpus's and the two shared sources."""
    out = []
    with open(CORPUS / "texts.csv", newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if split and row["split"] != split:
                continue
            text = (CORPUS / f"{row['name']}.txt").read_text(encoding="utf-8")
            context = Context(date.fromisoformat(row["published"]), row["tz"] or None)
            out.append((row["name"], text, read_gold(CORPUS / f"{row['name']}.gold.csv"), context, row["split"]))
    if split in (None, "shared") and SHARED.is_dir():
        for stem, published in (("000_5190fce552e7f4ff", date(2024, 8, 13)), ("003_b0edd07faab9d9ee", date(2024, 8, 14))):
            text = (SHARED / f"{stem}.txt").read_text(encoding="utf-8")
            out.append((f"shared/{stem}", text, shared_gold(stem), Context(published, "ET"), "shared"))
    return out


def main(argv: list[str]) -> int:
    split = argv[argv.index("--split") + 1] if "--split" in argv else None
    total = Score("all")
    for name, text, gold, context, which in corpus(split):
        s = score(name, text, gold, context)
        total.add(s)
        print(f"{name:55} {which:8} gold {s.gold:3} found {s.found:3} recall {s.recall:6.1%} precision {s.precision:6.1%} right {s.normalised:6.1%}")
    print(f"{'all':55} {'':8} gold {total.gold:3} found {total.found:3} recall {total.recall:6.1%} precision {total.precision:6.1%} right {total.normalised:6.1%}")
    if "-v" in argv:
        print("\n".join(total.misses))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
