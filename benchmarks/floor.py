"""The floor for `incident report`: a bare process that imports pandas, matplotlib and pydantic,
reads events.csv and saves one PNG and one SVG. `incident report` is measured against it.

    .venv/bin/python benchmarks/floor.py events.csv OUT_DIR
"""

import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import pandas as pd
import pydantic  # noqa: F401
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

frame = pd.read_csv(sys.argv[1])
out = Path(sys.argv[2])
out.mkdir(parents=True, exist_ok=True)
figure = Figure(figsize=(10, 6))
FigureCanvasAgg(figure)
ax = figure.add_subplot()
counts = frame.groupby("incident").size()
ax.barh(counts.index, counts.values)
ax.set_title("claims per incident")
figure.savefig(out / "floor.png", metadata={"Software": None})
figure.savefig(out / "floor.svg", metadata={"Date": None})
