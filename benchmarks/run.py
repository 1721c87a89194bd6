"""Time the reconstruction in-process and print figures for benchmarks/README.md.

    .venv/bin/python benchmarks/run.py

Whole-process figures (validate, report) are measured from outside; see README.md.
"""

from __future__ import annotations

import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from incident.events_csv.reader import load  # noqa: E402
from incident.timeline.reconstruct import reconstruct_all  # noqa: E402


def timed(label: str, fn, repeat: int = 3):
    best = None
    for _ in range(repeat):
        start = time.perf_counter()
        value = fn()
        elapsed = time.perf_counter() - start
        best = elapsed if best is None else min(best, elapsed)
    print(f"{label:58s} {best:7.3f} s (best of {repeat})")
    return value


def case(out: Path, incidents: int, events: int, claims: int, wrong: float = 0.005) -> Path:
    path = out / f"synthetic-{incidents}x{events}x{claims}-{wrong}.csv"
    subprocess.run([sys.executable, str(HERE / "generate.py"), str(path), "--incidents", str(incidents), "--events", str(events), "--claims", str(claims), "--wrong", str(wrong)], check=True)
    return path


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        for events, claims in [(100, 1000), (300, 3000), (1000, 10000)]:
            path = case(out, 1, events, claims)
            claims_list = load(path).raise_for_errors().claims
            timelines = timed(f"reconstruct 1 incident, {events:,} events, {len(claims_list):,} claims", lambda claims_list=claims_list: reconstruct_all(claims_list))
            (timeline,) = timelines.values()
            print(f"{'':58s} conflicts: {len(timeline.conflicts)}, claims set aside: {len(timeline.dropped)}, undecided: {len(timeline.undecided)}")
        path = case(out, 1, 1000, 10000, wrong=0.035)
        claims_list = load(path).raise_for_errors().claims
        timelines = timed("reconstruct 1 incident, 1,000 events, many conflicts", lambda claims_list=claims_list: reconstruct_all(claims_list))
        (timeline,) = timelines.values()
        print(f"{'':58s} conflicts: {len(timeline.conflicts)}, claims set aside: {len(timeline.dropped)}, undecided: {len(timeline.undecided)}")
        for length in (500, 1000, 2000, 5000):
            path = out / f"chain-{length}.csv"
            rows = ["incident,event,kind,time,tz,relative_to,offset_min,source", "x,e0,other,2024-08-12 20:00,UTC,,,S"]
            rows += [f"x,e{i},other,,,e{i - 1},1,S" for i in range(1, length)]
            path.write_text("\n".join(rows) + "\n")
            chain = load(path).raise_for_errors().claims
            timed(f"reconstruct a chain of {length:,} relative claims", lambda chain=chain: reconstruct_all(chain))
        path = case(out, 1000, 10, 100)
        many = load(path).raise_for_errors().claims
        timed("reconstruct 1,000 incidents, 100,000 claims", lambda: reconstruct_all(many), repeat=1)
        def both():
            return reconstruct_all(load(path).raise_for_errors().claims)
        timed("validate + reconstruct 1,000 incidents, 100,000 claims", both, repeat=1)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{'peak memory of this process':58s} {peak:7.0f} MiB")


if __name__ == "__main__":
    main()
