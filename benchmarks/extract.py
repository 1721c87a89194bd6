"""The time grammar's cost: every corpus text read (in-process, best of 5), and how the time grows
with hostile repetition (10 KB → 1 MB: linear means the time per character stays flat).

    .venv/bin/python benchmarks/extract.py
"""

from __future__ import annotations

import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from extract_scoring import corpus

from incident.timetext.days import Context
from incident.timetext.forms import MAX_EXPRESSIONS, TooMany
from incident.timetext.readings import read_times


def best(fn, runs=5):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    texts = corpus()
    chars = sum(len(text) for _, text, *_ in texts)
    spent = best(lambda: [read_times(text, context) for _, text, _, context, _ in texts])
    print(f"corpus: {len(texts)} texts, {chars:,} characters: {spent * 1000:.1f} ms ({spent / chars * 1e6:.1f} µs a character)")
    context = Context(date(2024, 8, 13), "ET")
    for name, unit in (("prose", "The stream began at 8:42 p.m. ET, more than 40 minutes late. "), ("'1:'", "1:"),
                       ("'9:05 '", "9:05 "), ("'between '", "between "),
                       ("French", "Vers 1h, la panne a duré plus de six heures, puis le site était rétabli à 10 heures. "),
                       ("German", "Die Störung begann gegen 14.30 Uhr am Sonntag und war drei Stunden später behoben. "),
                       ("Japanese", "10日午前8時30分ごろ障害が発生し、約2時間後に復旧した。")):
        for size in (10_000, 100_000, 1_000_000):
            text = unit * (size // len(unit))
            said = ""
            try:
                spent = best(lambda text=text: read_times(text, context), runs=3 if size < 1_000_000 else 1)
            except TooMany:  # more expressions than any article states: refused once the limit is passed
                started = time.perf_counter()
                try:
                    read_times(text, context)
                except TooMany:
                    pass
                spent, said = time.perf_counter() - started, f" (refused: more than {MAX_EXPRESSIONS:,} expressions)"
            print(f"{name:12} {size:>9,} chars: {spent:7.3f} s ({spent / size * 1e6:5.2f} µs a character){said}")


if __name__ == "__main__":
    main()
