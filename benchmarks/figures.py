"""Every figure of the performance goals, measured with one command and written into README.md.

    .venv/bin/python benchmarks/figures.py [--runs N] [--skip-slow]

Each figure is a whole process timed from outside (wall clock, and the child's own CPU time and
peak memory from the OS), median of N runs after one warm-up. Where a goal is a ratio, the
command is run in turn with the floor (`floor.py`: import pandas, matplotlib and pydantic, read
the file, save one PNG and one SVG), A B A B …, and the ratio is taken pair by pair, so that a
machine whose speed drifts (a shared one) still gives a fair ratio. The table replaces the part
of README.md between the two `figures` markers. Takes about five minutes (the 1,000-incident
report without a build record is most of it; --skip-slow leaves it out).
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from common import generated, write_block

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
BIN = Path(sys.executable).parent
INCIDENT = [str(BIN / "incident")]
BEGIN, END = "<!-- figures:begin -->", "<!-- figures:end -->"


def run(command: list[str]) -> tuple[float, float, float]:
    """(wall s, cpu s, peak MiB) of one whole process, its output thrown away."""
    start = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command)}: exit {child.returncode}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def measure(command: list[str], runs: int, floor: list[str] | None = None, before=None) -> dict:
    """Medians of `runs`, after a warm-up; with `floor`, the pairwise wall ratio too."""
    if before:
        before()
    run(command)
    walls, cpus, peaks, ratios = [], [], [], []
    for _ in range(runs):
        if before:
            before()
        wall, cpu, peak = run(command)
        walls.append(wall)
        cpus.append(cpu)
        peaks.append(peak)
        if floor:
            ratios.append(wall / run(floor)[0])
    return {"wall": statistics.median(walls), "cpu": statistics.median(cpus), "peak": max(peaks),
            "ratio": statistics.median(ratios) if ratios else None}


def chain(path: Path, length: int) -> Path:
    rows = ["incident,event,kind,time,tz,relative_to,offset_min,source", "x,e0,impact_start,2024-08-12 20:00,UTC,,,S"]
    rows += [f"x,e{i},other,,,e{i - 1},1,S" for i in range(1, length)]
    path.write_text("\n".join(rows) + "\n")
    return path


def figures(work: Path, runs: int, slow: bool) -> list[tuple[str, str, str]]:
    events = str(ROOT / "events.csv")
    floor = [sys.executable, str(HERE / "floor.py"), events, str(work / "floor")]
    out = work / "report"
    rows = []

    def fresh():
        shutil.rmtree(out, ignore_errors=True)

    cold = measure([*INCIDENT, "report", "--fresh", "--events", events, "--out", str(out)], runs, floor, fresh)
    rows.append(("cold `report --fresh`, shipped file", "≤ 1.5× floor (moonshot 1.2×)", f"{cold['ratio']:.2f}× floor ({cold['wall']:.2f} s, {cold['peak']:.0f} MiB)"))
    subprocess.run([*INCIDENT, "report", "--events", events, "--out", str(out)], check=True, capture_output=True)
    warm = measure([*INCIDENT, "report", "--events", events, "--out", str(out)], runs, floor)
    check = measure([*INCIDENT, "report", "--check", "--events", events, "--out", str(out)], runs, floor)
    rows.append(("warm `report`, `report --check`", "≤ 0.25× floor", f"{warm['ratio']:.2f}×, {check['ratio']:.2f}× floor"))
    many = generated(work / "many.csv", "--incidents", "1000", "--events", "10", "--claims", "50")
    metrics = measure([*INCIDENT, "metrics", "--json", "--events", str(many)], runs, floor)
    rows.append(("`metrics --json`, 1,000 incidents (50,000 claims)", "< 2 s (≤ 3× floor)",
                 f"{metrics['wall']:.2f} s, {metrics['ratio']:.2f}× floor ({metrics['peak']:.0f} MiB)"))
    if slow:
        many_out = work / "many-report"
        subprocess.run([*INCIDENT, "report", "--events", str(many), "--out", str(many_out)], check=True, capture_output=True)
        (many_out / ".incident-report.json").unlink()
        unrecorded = measure([*INCIDENT, "report", "--check", "--events", str(many), "--out", str(many_out)], 1)
        rows.append(("`report --check` with no build record, 1,000 incidents", "≤ 5 s",
                     f"{unrecorded['wall']:.1f} s (every chart redrawn and compared)"))
    long = chain(work / "chain.csv", 5000)
    chained = measure([*INCIDENT, "report", "--fresh", "--events", str(long), "--out", str(work / "chain")], runs)
    rows.append(("`report`, one incident of a 5,000-event chain", "≤ 5 s", f"{chained['wall']:.2f} s ({chained['peak']:.0f} MiB)"))
    sizes = []
    for count in (250_000, 1_000_000):
        # the same 1,000 incidents, more claims each: memory grows with incidents and events, not rows
        path = generated(work / f"rows-{count}.csv", "--incidents", "1000", "--events", "10", "--claims", str(count // 1000))
        timed = measure([*INCIDENT, "validate", str(path)], max(1, runs // 2))
        sizes.append((count, timed))
    (small, at_small), (big, at_big) = sizes
    rows.append(("`validate`, 1M rows", "≥ 200k rows/s, memory flat in rows",
                 f"{big / at_big['wall'] / 1000:.0f}k rows/s; peak {at_small['peak']:.0f} MiB at {small // 1000}k rows, "
                 f"{at_big['peak']:.0f} MiB at 1M"))
    return rows


def table(rows, runs: int, floor_wall: float) -> str:
    machine = f"{os.cpu_count()} cores, Python {platform.python_version()}, {platform.machine()}"
    lines = [BEGIN, "", f"Measured {date.today():%Y-%m-%d} by `benchmarks/figures.py --runs {runs}` ({machine}; the floor took "
             f"{floor_wall:.2f} s wall on this run). Medians; ratios pair by pair against the floor.", "",
             "| figure | goal | measured |", "|---|---|---|"]
    lines += [f"| {name} | {goal} | {value} |" for name, goal, value in rows]
    return "\n".join([*lines, "", END])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--skip-slow", action="store_true", help="leave out the 1,000-incident report --check with no record")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        rows = figures(work, args.runs, not args.skip_slow)
        floor_wall = measure([sys.executable, str(HERE / "floor.py"), str(ROOT / "events.csv"), str(work / "floor")], args.runs)["wall"]
    text = table(rows, args.runs, floor_wall)
    print(text)
    write_block(text, BEGIN, END, "## Every goal, one command")


if __name__ == "__main__":
    main()
