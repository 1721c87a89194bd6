"""Doubling tests for the readers of untrusted text: each input read at size N and 2N; linear time
means the second takes about twice the first (a quadratic reader takes four times).

    .venv/bin/python benchmarks/hostile.py [--quick]

In-process, best of RUNS runs each, the two sizes alternating (the machine is shared). Saved pages (page_text), feeds (parse and
read into claims, as `import feed` does before writing), extract's drafting, and the memory of
`stats` (whole process, peak resident memory) on N and 2N incidents.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from incident.extract.draft import Cells, draft  # noqa: E402
from incident.extract.maintext import read_page  # noqa: E402
from incident.extract.webpage import page_text  # noqa: E402
from incident.importers import feed as feeds  # noqa: E402
from incident.importers.statuspage import claims  # noqa: E402
from incident.timetext.days import Context  # noqa: E402


RUNS = 5


def best(fn, runs: int = 3) -> float:
    spent = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        spent.append(time.perf_counter() - start)
        if spent[-1] > 5:
            break
    return min(spent)


def article(n: int) -> str:
    return "<!doctype html><html><head><title>Outage</title></head><body><article>" + "".join(
        f"<p class=\"x\">At {10 + i % 10}:{i % 60:02d} UTC the <a href=\"/s/{i}\">service</a> &amp; its API failed.</p>" for i in range(n)
    ) + "</article></body></html>"


def update_block(i: int) -> str:
    return (f"&lt;p&gt;&lt;small&gt;Jun 18, {(i // 60) % 24:02d}:{i % 60:02d} UTC&lt;/small&gt;&lt;br&gt;"
            f"&lt;strong&gt;Investigating&lt;/strong&gt; - We are investigating errors.&lt;/p&gt;")


def atom(entries: list[str]) -> bytes:
    return ('<?xml version="1.0" encoding="UTF-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Acme Status</title>'
            '<link rel="alternate" href="https://status.acme.example"/>' + "".join(entries) + "</feed>").encode()


def one_entry(updates: int) -> bytes:
    body = "".join(update_block(i) for i in range(updates))
    return atom([f"<entry><id>tag:x,2005:Incident/1</id><published>2024-06-18T00:00:00Z</published><updated>2024-06-21T00:00:00Z</updated>"
                 f"<link rel=\"alternate\" href=\"https://status.acme.example/incidents/abc\"/><title>Big</title>"
                 f"<content type=\"html\">{body}</content></entry>"])


def many_entries(count: int) -> bytes:
    return atom([f"<entry><id>tag:x,2005:Incident/{i}</id><published>2024-06-18T{i % 24:02d}:00:00Z</published>"
                 f"<title>Outage {i}</title><content>We are investigating errors in region {i}.</content></entry>" for i in range(count)])


def read_feed(data: bytes):
    feed = feeds.parse_feed(data, "bench")
    original = feeds.read_feed
    feeds.read_feed = lambda path: feed
    try:
        return [row for record in feeds.read_records("bench") for row in claims(record, "acme", [])]
    finally:
        feeds.read_feed = original


def sentences(n: int) -> str:
    return "".join(f"Engineers reviewed the logs at {10 + i // 3600}:{(i // 60) % 60:02d}:{i % 60:02d} UTC. " for i in range(n))


CASES = [
    ("saved page: '<a ' repeated", "chars", lambda n: "<html><body>" + "<a " * (n // 3), lambda s: page_text(s), 2_000_000),
    ("saved page: '<!--' repeated", "chars", lambda n: "<html><body>" + "<!--" * (n // 4), lambda s: page_text(s), 2_000_000),
    ("saved page: an article", "paragraphs", article, lambda s: page_text(s), 20_000),
    ("saved page, main text (trafilatura): '<a ' repeated", "chars", lambda n: "<html><body>" + "<a " * (n // 3),
     lambda s: read_page(s), 2_000_000),
    ("saved page, main text (trafilatura): an article", "paragraphs", article, lambda s: read_page(s), 20_000),
    ("feed: one entry of N updates", "updates", one_entry, read_feed, 2_000),
    ("feed: N entries", "entries", many_entries, read_feed, 1_000),
    ("extract: N sentences sharing words", "sentences", sentences,
     lambda s: draft(s, Context(date(2024, 8, 12), "UTC"), Cells("x", "s")), 4_000),
    ("extract: one sentence of N times joined by 'and'", "times",
     lambda n: "The site was down at " + " and ".join(["09:10 UTC"] * n) + ".",
     lambda s: draft(s, Context(date(2024, 8, 12), "UTC"), Cells("x", "s")), 8_000),
    ("extract: N status updates over bare stamp lines", "updates", lambda n: "Update – x\nApr 12, 00:57 UTC\n" * n,
     lambda s: draft(s, Context(date(2024, 8, 12), "UTC"), Cells("x", "s", "operator")), 20_000),
]


def stats_memory(incidents: int) -> tuple[float, float]:
    """(wall s, peak MiB) of `incident stats` on a generated file of that many incidents."""
    with tempfile.TemporaryDirectory() as folder:
        events = Path(folder) / "events.csv"
        subprocess.run([sys.executable, str(ROOT / "benchmarks" / "generate.py"), str(events), "--incidents", str(incidents),
                        "--events", "5", "--claims", "10"], check=True, capture_output=True)
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        start = time.perf_counter()
        subprocess.run([str(Path(sys.executable).parent / "incident"), "stats", "--events", str(events)], check=True, capture_output=True)
        wall = time.perf_counter() - start
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        return wall, max(peak, before) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="half the sizes")
    quick = parser.parse_args().quick
    print("| input | N | time at N | time at 2N | ratio |")
    print("|---|---|---|---|---|")
    for name, unit, make, read, size in CASES:
        size = size // 2 if quick else size
        texts = [make(size), make(2 * size)]
        times = [float("inf"), float("inf")]
        for _ in range(RUNS):  # the two sizes alternate, so that the machine's drift falls on both
            for i, text in enumerate(texts):
                times[i] = min(times[i], best(lambda read=read, text=text: read(text), runs=1))
        print(f"| {name} | {size:,} {unit} | {times[0]:.3f} s | {times[1]:.3f} s | {times[1] / times[0]:.2f} |", flush=True)
    size = 1_000 if quick else 2_000
    (wall_n, peak_n), (wall_2n, peak_2n) = stats_memory(size), stats_memory(2 * size)
    print(f"| `incident stats`, whole process | {size:,} incidents | {wall_n:.1f} s, {peak_n:.0f} MiB | "
          f"{wall_2n:.1f} s, {peak_2n:.0f} MiB | {wall_2n / wall_n:.2f} (memory +{peak_2n - peak_n:.0f} MiB) |")


if __name__ == "__main__":
    main()
