"""PNG compression of the shipped charts, level by level: encoding time (best of 7) and size.

    .venv/bin/python benchmarks/png.py [events.csv]

The level the charts are saved at (render/plot.py PNG_COMPRESSION) was chosen from this table.
"""

from __future__ import annotations

import io
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

import matplotlib  # noqa: E402

from incident.events_csv.reader import load  # noqa: E402
from incident.render import comparison_chart, timeline_chart  # noqa: E402
from incident.render.plot import STYLE  # noqa: E402
from incident.timeline.compare import audience_unit, lanes  # noqa: E402
from incident.timeline.reconstruct import reconstruct_all  # noqa: E402


def figures(path: str):
    timelines = reconstruct_all(load(path).raise_for_errors().claims)
    for name in sorted(timelines):
        yield f"{name}-timeline", timeline_chart.timeline_figure(timelines[name])
    if len(timelines) > 1:
        yield "comparison", comparison_chart.comparison_figure(lanes(timelines.values()), audience_unit(timelines.values()))


def main() -> None:
    path = sys.argv[1] if len(sys.argv) > 1 else str(HERE.parent / "events.csv")
    print(f"{'chart':32s} {'level':>5s} {'encode':>9s} {'bytes':>9s}")
    totals: dict[int, list[float]] = {}
    for name, figure in figures(path):
        with matplotlib.rc_context(STYLE):
            figure.canvas.draw()
            image = figure.canvas.buffer_rgba()
            from PIL import Image

            picture = Image.frombuffer("RGBA", figure.canvas.get_width_height(), image, "raw", "RGBA", 0, 1)
            for level in range(1, 10):
                best = float("inf")
                for _ in range(7):
                    out = io.BytesIO()
                    start = time.perf_counter()
                    picture.save(out, format="png", compress_level=level)
                    best = min(best, time.perf_counter() - start)
                size = len(out.getvalue())
                totals.setdefault(level, [0.0, 0])
                totals[level][0] += best
                totals[level][1] += size
                print(f"{name:32s} {level:5d} {best * 1000:7.1f} ms {size:9,d}")
    for level, (seconds, size) in sorted(totals.items()):
        print(f"{'all charts':32s} {level:5d} {seconds * 1000:7.1f} ms {size:9,d}")


if __name__ == "__main__":
    main()
