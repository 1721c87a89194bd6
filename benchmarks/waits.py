"""Where users wait: the cold report, metrics over a history, validate and extract, each against what
it is compared with, as one table with ratios, their spread and the machine's load.

    .venv/bin/python benchmarks/waits.py [--runs N] [--quick] [--work DIR] [--write]

Whole processes timed from outside (wall clock; CPU and peak memory as the OS accounts a finished
process and the workers it reaped). A figure compared with another command (the floor,
`benchmarks/floor.py`: the imports and one PNG+SVG save; pandas' or pyarrow's read of the same
file) runs the two in turn, A B A B … after one warm-up of each, and takes the ratio pair by pair:
the machine is shared and its speed drifts, so only the ratios of one run compare. Each ratio is
the median with the lowest and highest pair; the load is the 1-minute load average before the
pairs. In-process figures (the reconciliation's heavy tail) are the best of N in one process.
With --write the table replaces the part of README.md between the `waits` markers.
"""

from __future__ import annotations

import argparse
import math
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
PYTHON = sys.executable
INCIDENT = str(Path(PYTHON).parent / "incident")
BEGIN, END = "<!-- waits:begin -->", "<!-- waits:end -->"
SLOW = "incident-05159"  # of generate.py's 10,000 incidents × 100 claims: the reconciliation's slowest (one conflict)


# the code measured is this checkout's (run from another checkout, the script measures that one), its
# compiled modules cached as on any user's machine (a process that compiles them pays about 0.1 s more)
ENV = {**{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}, "PYTHONPATH": str(ROOT)}


def run(command: list[str], before=None) -> dict:
    """One whole process, its output thrown away: wall s, CPU s (its workers' too), peak MiB."""
    if before is not None:
        before()
    start = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT, env=ENV)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        raise SystemExit(f"{' '.join(command)}: exit {code}")
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "peak": usage.ru_maxrss / 1024, "code": code}


def paired(a: list[str], b: list[str] | None, runs: int, before=None) -> dict:
    """A (and B in turn) `runs` times after a warm-up of each: A's medians and the A/B ratios."""
    load = os.getloadavg()[0]
    run(a, before)
    if b is not None:
        run(b)
    mine, ratios, cpu_ratios = [], [], []
    for _ in range(runs):
        mine.append(run(a, before))
        if b is not None:
            theirs = run(b)
            ratios.append(mine[-1]["wall"] / theirs["wall"])
            cpu_ratios.append(mine[-1]["cpu"] / theirs["cpu"])
    found = {k: statistics.median(m[k] for m in mine) for k in ("wall", "cpu")}
    found.update(peak=max(m["peak"] for m in mine), load=load, code=mine[-1]["code"], ratios=ratios, cpu_ratios=cpu_ratios)
    return found


def spread(values: list[float]) -> str:
    return f"{statistics.median(values):.2f}× ({min(values):.2f}–{max(values):.2f})"


def generate(path: Path, *args: str) -> Path:
    return generated(path, *args, env=ENV)


def cut(source: Path, incident: str, path: Path) -> Path:
    """One incident's rows of a generated file, under its header."""
    if not path.exists():
        with source.open(encoding="utf-8") as fp:
            header = next(fp)
            path.write_text(header + "".join(line for line in fp if line.startswith(incident + ",")), encoding="utf-8")
    return path


def misspelt(source: Path, path: Path) -> Path:
    """The file with every relative claim's reference misspelt ('event-0003' → 'evnet-0003'): each
    one an error whose message looks for the name meant."""
    if not path.exists():
        lines = source.read_text(encoding="utf-8").splitlines(keepends=True)
        at = lines[0].rstrip("\n").split(",").index("relative_to")
        out = [lines[0]]
        for line in lines[1:]:  # generate.py writes no quoted cell
            cells = line.split(",")
            cells[at] = cells[at].replace("event-", "evnet-")
            out.append(",".join(cells))
        path.write_text("".join(out), encoding="utf-8")
    return path


def prose(path: Path, size: int) -> Path:
    """Real articles and postmortems (tests/data/extract/), one after another until `size` bytes."""
    if not path.exists():
        texts = "".join(p.read_text(encoding="utf-8") + "\n\n" for p in sorted((ROOT / "tests" / "data" / "extract").glob("*.txt")))
        body = (texts * (size // len(texts.encode()) + 1)).encode()[:size].decode("utf-8", "ignore")
        path.write_text(body[: body.rfind("\n") + 1], encoding="utf-8")
    return path


def in_process(code: str, runs: int) -> float:
    """The best of `runs` of a statement timed inside one process (seconds), printed by the child."""
    program = (f"import sys, time\nsys.path.insert(0, {str(ROOT)!r})\n{code}\n"
               f"best = min(_timed() for _ in range({runs}))\nprint(best)\n")
    out = subprocess.run([PYTHON, "-c", program], check=True, capture_output=True, text=True, cwd=ROOT, env=ENV)
    return float(out.stdout.split()[-1])


def rows_for(work: Path, runs: int, quick: bool) -> list[list[str]]:
    floor = [PYTHON, str(HERE / "floor.py"), str(ROOT / "events.csv"), str(work / "floor")]
    events = str(ROOT / "events.csv")
    cold_out = work / "cold"
    rows = []

    def row(case, goal, compared, found, extra=""):
        ratio = spread(found["ratios"]) if found["ratios"] else "—"
        cpu = spread(found["cpu_ratios"]) if found["cpu_ratios"] else ""
        rows.append([case, goal, compared, ratio, cpu, f"{found['wall']:.2f} s", f"{found['cpu']:.2f} s",
                     f"{found['peak']:.0f} MiB", f"{found['load']:.1f}", extra])
        print(" | ".join(rows[-1]), flush=True)

    cold = paired([INCIDENT, "report", "--fresh", "--events", events, "--out", str(cold_out)], floor, runs,
                  before=lambda: shutil.rmtree(cold_out, ignore_errors=True))
    row("cold `report --fresh`, shipped events.csv (PNG and SVG)", "≤ 1.5×", "floor", cold)
    warm = paired([INCIDENT, "report", "--check", "--events", events, "--out", str(cold_out)], floor, runs)
    row("warm `report --check`, the same", "≤ 0.25×", "floor", warm)
    svg_only = paired([INCIDENT, "report", "--fresh", "--no-png", "--events", events, "--out", str(work / "svg-only")], floor, runs,
                      before=lambda: shutil.rmtree(work / "svg-only", ignore_errors=True))
    row("cold `report --fresh --no-png` (SVG only)", "≤ 1.5×", "floor", svg_only)

    history = generate(work / "history-1000.csv", "--incidents", "1000", "--events", "10", "--claims", "100")
    for jobs in ("1", "auto"):
        found = paired([INCIDENT, "metrics", "--json", "--no-cache", "--jobs", jobs, "--events", str(history)], floor, runs)
        row(f"`metrics --json --no-cache --jobs {jobs}`, 1,000 incidents × 100 claims", "≤ 3×", "floor", found)
    cache = work / "cache"
    shutil.rmtree(cache, ignore_errors=True)
    found = paired([INCIDENT, "metrics", "--json", "--cache", str(cache), "--events", str(history)], floor, runs)
    row("the same, every incident in the cache", "", "floor", found)

    slow = cut(generate(work / "history-10000.csv", "--incidents", "10000", "--events", "10", "--claims", "100"), SLOW,
               work / "slow-incident.csv")
    spent = in_process(
        "from incident.events_csv.reader import load\nfrom incident.timeline.reconstruct import reconstruct\n"
        f"claims = load({str(slow)!r}).raise_for_errors().claims\n"
        "def _timed():\n    start = time.perf_counter(); reconstruct(claims); return time.perf_counter() - start", runs)
    rows.append([f"the heavy tail: reconstructing {SLOW} of 10,000 (100 claims, one conflict), in-process", "≤ 50 ms",
                 "", "", "", f"{spent * 1000:.0f} ms", "", "", f"{os.getloadavg()[0]:.1f}", f"best of {runs}"])
    print(" | ".join(rows[-1]), flush=True)

    big = generate(work / "history-3000.csv", "--incidents", "3000", "--events", "10", "--claims", "100")
    pandas = [PYTHON, "-c", "import sys, pandas; pandas.read_csv(sys.argv[1])", str(big)]
    arrow = [PYTHON, "-c", "import sys, pyarrow.csv; pyarrow.csv.read_csv(sys.argv[1])", str(big)]
    found = paired([INCIDENT, "validate", str(big)], pandas, runs)
    row("`validate`, 300,000 rows (3,000 incidents × 100 claims)", "≤ 2×", "pandas `read_csv`", found,
        f"{300_000 / found['wall'] / 1000:.0f}k rows/s")
    found = paired([INCIDENT, "validate", str(big)], arrow, runs)
    row("the same", "", "pyarrow `read_csv`", found)
    for incidents, path in ((1000, history), (3000, big)):
        wrong = misspelt(path, work / f"misspelt-{incidents}.csv")
        found = paired([INCIDENT, "validate", str(wrong)], [INCIDENT, "validate", str(path)], runs)
        row(f"`validate`, {incidents * 100:,} rows, every relative claim's reference misspelt", "linear", "the same file spelt right", found)

    sizes = (1000,) if quick else (1000, 10_000)
    for incidents in sizes:
        path = generate(work / f"history-{incidents}.csv", "--incidents", str(incidents), "--events", "10", "--claims", "100")
        found = paired([INCIDENT, "stats", "--json", "--no-cache", "--events", str(path)], None, 1 if incidents > 1000 else runs)
        row(f"`stats --no-cache`, {incidents:,} incidents × 100 claims", "", "", found)

    spent = {}
    for size in (1_000_000, 2_000_000):
        text = prose(work / f"prose-{size}.txt", size)
        found = paired([INCIDENT, "extract", str(text), "--published", "2024-01-01", "--tz", "UTC"], None, runs)
        spent[size] = found["wall"]
        row(f"`extract` of {size / 1e6:.0f} MB of articles and postmortems", "≥ 1 MB/s, linear", "", found,
            f"{size / 1e6 / found['wall']:.2f} MB/s")
    exponent = math.log(spent[2_000_000] / spent[1_000_000]) / math.log(2)
    rows[-1][-1] += f"; exponent {exponent:.2f} from 1 to 2 MB"
    return rows


HEADER = ["case", "goal", "against", "ratio, wall", "ratio, CPU", "wall", "CPU", "peak", "load", ""]


def table(rows: list[list[str]], runs: int) -> str:
    machine = f"{os.cpu_count()} cores, {_cpu()}, Python {platform.python_version()}"
    said = (f"Measured {date.today()} by `benchmarks/waits.py --runs {runs}` ({machine}): medians of {runs} pairs after a "
            "warm-up; ratios pair by pair, median (lowest–highest); load: the 1-minute load average before the pairs.")
    lines = ["| " + " | ".join(HEADER) + " |", "|" + "---|" * len(HEADER)] + ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join([BEGIN, "", said, "", *lines, "", END])


def _cpu() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as fp:
            return next(line.split(":", 1)[1].strip() for line in fp if line.startswith("model name"))
    except (OSError, StopIteration):
        return platform.machine()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="leave out stats over 10,000 incidents")
    parser.add_argument("--work", help="where the generated files are kept between runs (default: a temporary folder)")
    parser.add_argument("--write", action="store_true", help="write the table into README.md")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(args.work or tmp)
        work.mkdir(parents=True, exist_ok=True)
        text = table(rows_for(work, args.runs, args.quick), args.runs)
    print(text)
    if args.write:
        write_block(text, BEGIN, END)


if __name__ == "__main__":
    main()
