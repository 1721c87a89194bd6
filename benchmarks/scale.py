"""A company's whole history: `validate`, `metrics` and `stats` on 10^3, 10^4 and 10^5 synthetic
incidents of 20 claims each (5 events; 20,000 to 2,000,000 rows), whole processes timed from outside.

    .venv/bin/python benchmarks/scale.py [--sizes 1000 10000 100000] [--runs N] [--jobs N] [--write]

For each size: `validate`; `metrics --csv --no-cache` (every incident reconstructed: the cold run);
`metrics --csv` twice more with a cache (the first fills it, the second finds every incident in it);
`stats --from-metrics` on the saved records; and `stats --events` (records made again, then summed).
Each figure is the median of N runs (after one warm-up for the sizes under 10^5): wall time, CPU time
of the process and its children, the peak resident memory of the largest single process (the OS's
count) and of the whole tree at once (its proportional set size, a shared page counted once, sampled every 0.2 s from /proc), and the machine's load average
before the runs. With --write the table replaces the part of README.md between the `scale` markers.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import date
from pathlib import Path

from common import generated, write_block

HERE = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent
BEGIN, END = "<!-- scale:begin -->", "<!-- scale:end -->"
GOALS = {("metrics, cold", 100_000): "≤ 60 s, ≤ 2 GiB", ("stats --from-metrics", 100_000): "≤ 10 s"}


def tree_rss(pid: int) -> int:
    """Proportional resident kB (PSS) of a process and all its descendants, now (Linux /proc)."""
    total, todo = 0, [pid]
    while todo:
        here = todo.pop()
        try:
            with open(f"/proc/{here}/smaps_rollup") as fp:  # proportional: a page shared by n processes counts 1/n
                total += next(int(line.split()[1]) for line in fp if line.startswith("Pss:"))
            for task in os.listdir(f"/proc/{here}/task"):
                with open(f"/proc/{here}/task/{task}/children") as fp:
                    todo += [int(c) for c in fp.read().split()]
        except (OSError, ValueError, IndexError, StopIteration):
            continue
    return total


def run(command: list[str], out: Path | None = None) -> dict:
    """One whole process: wall s, CPU s (itself and its children), peak MiB of its largest process
    and of its whole tree."""
    sink = out.open("w") if out else subprocess.DEVNULL
    start = time.perf_counter()
    child = subprocess.Popen(command, stdout=sink, stderr=subprocess.DEVNULL)
    peak, stop = [0], threading.Event()

    def sample():
        while not stop.wait(0.2):
            peak[0] = max(peak[0], tree_rss(child.pid))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    stop.set()
    sampler.join()
    if out:
        sink.close()
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(command)}: exit {os.waitstatus_to_exitcode(status)}")
    return {"wall": wall, "usage": usage, "tree": peak[0] / 1024}


def measure(command: list[str], runs: int, warmup: bool, out: Path | None = None, before=None) -> dict:
    """Medians of `runs`. The OS's account of a finished process (wait4) covers the workers it
    reaped too: CPU summed, peak memory of the largest one."""
    if warmup:
        before and before()
        run(command, out)
    walls, cpus, largest, trees = [], [], [], []
    for _ in range(runs):
        before and before()
        figures = run(command, out)
        usage = figures["usage"]
        walls.append(figures["wall"])
        cpus.append(usage.ru_utime + usage.ru_stime)
        largest.append(usage.ru_maxrss / 1024)
        trees.append(figures["tree"])
    return {"wall": statistics.median(walls), "cpu": statistics.median(cpus), "largest": max(largest), "tree": max(trees)}


def generate(path: Path, incidents: int) -> Path:
    return generated(path, "--incidents", str(incidents), "--events", "5", "--claims", "20")


def sizes_table(work: Path, sizes: list[int], runs: int, jobs: str) -> list[list[str]]:
    incident = str(BIN / "incident")
    rows = []
    for size in sizes:
        events = generate(work / f"history-{size}.csv", size)
        metrics_out, cache = work / f"metrics-{size}.csv", work / f"cache-{size}"
        warm = size < 100_000
        count = 1 if size >= 100_000 else runs

        def fresh_cache(cache: Path = cache) -> None:
            subprocess.run(["rm", "-rf", str(cache)], check=True)

        cases = [
            ("validate", [incident, "validate", str(events)], None, None),
            ("metrics, cold", [incident, "metrics", "--events", str(events), "--csv", "--no-cache", "--jobs", jobs], metrics_out, None),
            ("metrics, filling a cache", [incident, "metrics", "--events", str(events), "--csv", "--cache", str(cache), "--jobs", jobs],
             metrics_out, fresh_cache),
            ("metrics, every incident cached", [incident, "metrics", "--events", str(events), "--csv", "--cache", str(cache), "--jobs", jobs],
             metrics_out, None),
            ("stats --from-metrics", [incident, "stats", "--from-metrics", str(metrics_out), "--json"], None, None),
            ("stats --events, cold", [incident, "stats", "--events", str(events), "--json", "--no-cache", "--jobs", jobs], None, None),
        ]
        for name, command, out, before in cases:
            load = os.getloadavg()[0]
            found = measure(command, count, warm, out, before)
            rows.append([f"{size:,}", name, f"{found['wall']:.1f} s", f"{found['cpu']:.1f} s", f"{found['largest']:.0f} MiB",
                         f"{found['tree']:.0f} MiB", f"{load:.1f}", GOALS.get((name, size), "")])
            print(" | ".join(rows[-1]), flush=True)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--jobs", default="2")
    parser.add_argument("--work", help="where the synthetic files are kept between runs (default: a temporary folder)")
    parser.add_argument("--write", action="store_true", help="write the table into README.md")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(args.work or tmp)
        work.mkdir(parents=True, exist_ok=True)
        rows = sizes_table(work, args.sizes, args.runs, args.jobs)
    header = ["incidents", "command", "wall", "CPU", "largest process", "all processes", "load before", "goal"]
    table = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)] + ["| " + " | ".join(r) + " |" for r in rows]
    said = (f"Measured {date.today()} by `benchmarks/scale.py --runs {args.runs} --jobs {args.jobs}` ({os.cpu_count()} cores, "
            f"Python {platform.python_version()}, {platform.machine()}): medians (10^5: one run); CPU of the process and its workers; "
            "load: the 1-minute load average before each command.")
    text = "\n".join([BEGIN, "", said, "", *table, "", END])
    print(text)
    if args.write:
        write_block(text, BEGIN, END)


if __name__ == "__main__":
    main()
