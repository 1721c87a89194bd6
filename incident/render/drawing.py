"""The charts of a report drawn, or reused: one job per chart (its figure saved in every format),
on two workers where the OS can fork and two cores are free; each chart stamped with what its
bytes depend on (its data, the package's code, matplotlib's version), so that a chart a build
record vouches for is reused only when nothing it depends on has changed."""

from __future__ import annotations

import hashlib
import multiprocessing
import os
from dataclasses import fields, is_dataclass
from functools import lru_cache
from pathlib import Path
from typing import Mapping

from pydantic import BaseModel

CHART_MODULES = ("incident.render.chart", "incident.render.drawing", "incident.render.plot")  # where drawing starts
FORMATS = ("png", "svg")  # the formats a chart can be written in
SVG_ONLY = ("svg",)  # what a report draws with --no-png: the HTML inlines the SVG, Markdown then links it


_JOBS: list = []  # what forked workers render; set only while a pool runs


def _render_job(index: int) -> tuple[bytes, ...]:
    """One chart in every format, from one figure: building a figure is half a chart's cost, and
    the bytes of each format do not depend on what was saved before it (tests/test_chart.py)."""
    from . import plot

    name, make, args, stamp, formats = _JOBS[index]
    figure = make(*args)
    return tuple(plot.render_as(figure, fmt, stamp) for fmt in formats)


def chart_stamp(name: str, args: tuple) -> str:
    """What a chart's bytes are a function of: its name and data, the chart code, matplotlib's
    version (which fixes its fonts and renderer), as one SHA-256 written into the chart."""
    digest = hashlib.sha256()
    digest.update(f"{name}\n{identity(args)}\n".encode())
    digest.update(_chart_code())
    return f"incident-chart {digest.hexdigest()}"


@lru_cache(maxsize=1)
def _chart_code() -> bytes:
    from importlib.metadata import version

    # chart.py pins matplotlib's configuration (its defaults, never a user's rc file, then STYLE):
    # with the version, its source is all the configuration a chart is drawn with; the code is what
    # drawing can run (the modules the chart modules import, however deep), not the whole package
    from ..buildrecord import imported_code

    return f"matplotlib {version('matplotlib')}\n".encode() + imported_code(CHART_MODULES)


def identity(value, seen: dict | None = None) -> str:
    """A text that tells data apart as its repr does, each object spelt once however often it
    recurs (a timeline holds each claim several times; pydantic's repr is slow)."""
    seen = {} if seen is None else seen
    known = seen.get(id(value))
    if known is not None:
        return known[1]
    if is_dataclass(value) and not isinstance(value, type):
        text = type(value).__name__ + "(" + ", ".join(identity(getattr(value, f.name), seen) for f in fields(value) if f.repr) + ")"
    elif isinstance(value, (list, tuple)):
        text = ("[" if isinstance(value, list) else "(") + ", ".join(identity(v, seen) for v in value) + ("]" if isinstance(value, list) else ")")
    elif isinstance(value, dict):
        text = "{" + ", ".join(f"{identity(k, seen)}: {identity(v, seen)}" for k, v in value.items()) + "}"
    elif isinstance(value, BaseModel):  # its fields as pydantic's repr shows them (zones and kinds recur)
        text = type(value).__name__ + "(" + ", ".join(f"{k}={identity(v, seen)}" for k, v in value.__dict__.items()) + ")"
    else:
        text = repr(value)
    seen[id(value)] = (value, text)  # the value kept, so that its id is not reused while `seen` lives
    return text


def render_charts(charts: list, existing: Mapping[str, bytes] | None = None, progress=None,
                  formats: tuple[str, ...] = FORMATS) -> dict[str, bytes]:
    """Build and render each (name, make_figure, args) in `formats` (PNG and SVG; SVG only for a
    quick look): {"charts/NAME.png": bytes, "charts/NAME.svg": bytes, …}.

    A chart whose files are all in `existing` (charts a caller vouches for: `trusted_charts`) and
    whose stamp is the one its data and code give now is the same bytes, so they are used instead
    of drawn. Drawing is most of a report's time: each chart is one job that builds its figure
    once and saves it in every format (the bytes of one format do not depend on the other's);
    where the OS can fork, two workers share the jobs (matplotlib imported once, before the fork);
    they inherit the data, so nothing is pickled but the bytes that come back, and the bytes are
    the same as drawing in one process.
    """
    global _JOBS
    files: dict[str, bytes] = {}
    jobs = []
    for name, make, args in charts:
        stamp = chart_stamp(name, args)
        old = {fmt: (existing or {}).get(f"charts/{name}.{fmt}") for fmt in formats}
        if all(data is not None and _stamped(data, stamp) for data in old.values()):
            files.update({f"charts/{name}.{fmt}": data for fmt, data in old.items()})
        else:
            jobs.append((name, make, args, stamp, formats))
    workers = _workers(len(jobs))
    _JOBS = jobs
    results = []
    try:
        if workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
            for i in range(len(jobs)):
                results.append(_render_job(i))
                if progress is not None:
                    progress(len(results), len(jobs))
        else:
            from . import chart

            chart.preload()  # imported once here, not in each worker after the fork

            with multiprocessing.get_context("fork").Pool(workers, initializer=_default_signals) as pool:
                for data in pool.imap(_render_job, range(len(jobs)), chunksize=1):
                    results.append(data)
                    if progress is not None:
                        progress(len(results), len(jobs))
    finally:
        _JOBS = []
    for (name, _, _, _, _), data in zip(jobs, results):
        files.update({f"charts/{name}.{fmt}": one for fmt, one in zip(formats, data)})
    return dict(sorted(files.items()))


def _workers(jobs: int) -> int:
    """Two workers when there are charts for both and two cores are free now (no other process
    is running: the kernel's count of runnable tasks, this one aside); else one. Measured on the
    shipped file (benchmarks/README.md): on a quiet machine two take the report to 0.83× of one
    worker's wall time; on a busy one they buy nothing. The bytes are the same either way: only
    the time depends on this."""
    if jobs < 2:
        return 1
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on every OS
        cores = os.cpu_count() or 1
    return 2 if cores - _others_running() >= 2 else 1


def _others_running() -> int:
    """Tasks running or ready to run besides this one (Linux's /proc/loadavg); 0 where unknown."""
    try:
        with open("/proc/loadavg", encoding="ascii") as fp:
            running = fp.read(200).split()[3].split("/")[0]
        return max(0, int(running) - 1)
    except (OSError, IndexError, ValueError):
        return 0


def _default_signals() -> None:
    """A worker dies at once on SIGTERM (the pool's own way to stop it), as by default."""
    import signal

    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def trusted_charts(folder: Path, trusted: Mapping[str, str]) -> dict[str, bytes]:
    """The charts in `folder` that are, byte for byte, what a build record says this tool wrote
    there (`trusted`: {name: SHA-256}), each a regular file. A chart on disk is never believed for
    its stamp alone: anyone can copy a stamp into a forged file (a committed chart in a pull
    request); without a record (CI has none) there are none, and every chart is drawn and compared."""
    from ..files import read_regular

    found = {}
    for name, digest in sorted(trusted.items()):
        if not name.startswith("charts/") or not name.endswith(tuple(f".{fmt}" for fmt in FORMATS)):
            continue
        data = read_regular(folder / name)
        if data is not None and hashlib.sha256(data).hexdigest() == digest:
            found[name] = data
    return found


_PREFIX = b"incident-chart "


def stamp_of(data: bytes) -> str | None:
    """The stamp a chart carries where the renderer writes it (for --diff), or None."""
    png = data.startswith(b"\x89PNG")
    at = data.find(_PREFIX) if png else data[:4096].find(_PREFIX)
    if at < 0 or (png and b"tEXt" not in data[max(0, at - 64):at]):
        return None
    digest = data[at + len(_PREFIX):at + len(_PREFIX) + 64]
    if len(digest) != 64 or any(c not in b"0123456789abcdef" for c in digest):
        return None
    return (_PREFIX + digest).decode("ascii")


def _stamped(data: bytes, stamp: str) -> bool:
    """Whether the chart carries `stamp` where the renderer writes it (a PNG text chunk, the SVG's
    metadata), not merely somewhere in its bytes."""
    token = stamp.encode()
    if data.startswith(b"\x89PNG"):
        return b"tEXt" in data[: data.find(token)][-64:] if token in data else False
    head = data[:4096]
    return token in head
