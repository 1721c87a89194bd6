"""What every chart shares: matplotlib pinned and styled, the colours and marks of kinds and of
data-quality findings, rendering to deterministic PNG and SVG bytes, captions and small helpers."""

from __future__ import annotations


import io
import warnings
import re
from contextlib import contextmanager
from datetime import datetime, timezone
from typing import Any, Iterator, cast

import matplotlib
import matplotlib.dates as mdates
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.text import Text

from ..model.cells import Kind


STYLE: dict[str, Any] = {
    "text.parse_math": False,  # chart text is the analyst's text: "$5M" is five million dollars
    "font.family": "sans-serif",
    "font.sans-serif": ["DejaVu Sans", "Verdana", "Geneva", "sans-serif"],  # laid out in DejaVu Sans; an SVG shown where it is missing falls back to the nearest in width
    "font.size": 9,
    "svg.hashsalt": "incident",
    "svg.fonttype": "none",  # text stays text: 3x smaller, faster, selectable in the HTML
    "text.hinting": "no_hinting",  # PNG glyphs as the SVG's (unhinted widths); a quarter faster to draw
    "path.simplify": True,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.titlelocation": "left",
    "axes.titlesize": 10,
    "axes.titleweight": "bold",
    "hatch.linewidth": 0.6,  # a phase whose end is not known: hatched lightly, never louder than the data
}



@contextmanager
def chart_style() -> Iterator[None]:
    """Matplotlib's own defaults and the charts' STYLE, for the block only: a chart is drawn and
    saved inside it, and the host's settings (a notebook's style, a matplotlibrc in the working
    folder, $MATPLOTLIBRC or ~/.config/matplotlib, which would otherwise change every chart's bytes
    unseen) are as they were after it. Importing the package changes no setting and no backend:
    figures are drawn on their own Agg canvas, never through pyplot."""
    with matplotlib.rc_context(), warnings.catch_warnings():
        matplotlib.rcdefaults()
        cast(Any, matplotlib.rcParams).update(STYLE)  # the keys are rcParams' own (typed as literals)
        # a character the charts' font lacks (an emoji in a chat message's label) is drawn as the
        # font's empty box; matplotlib's warning about it, with its source line, is no message for a reader
        warnings.filterwarnings("ignore", message="Glyph [0-9]+ ", category=UserWarning)
        yield


WAIT = "#d95f02"  # failed-to-start / impact
LIVE = "#1b9e77"
CONFLICT = "#111111"  # a set-aside claim's mark: a dark outline and the '!' sign, never red (red reads as failure)
UNDECIDED = "#e6a000"  # the edge of a marker an undecided conflict spans
UNDECIDED_INK = "#8a5a00"
INK = "#333333"
KIND_STYLE = {
    Kind.scheduled_start: ("#555555", "d"),
    Kind.impact_start: (WAIT, "v"),
    Kind.detection: ("#7570b3", "o"),
    Kind.report: ("#7570b3", "o"),
    Kind.acknowledgement: ("#e7298a", "D"),
    Kind.communication: ("#8c8c8c", "h"),
    Kind.mitigation: ("#66a61e", "s"),
    Kind.recovery: (LIVE, "^"),
    Kind.resolution: ("#1f78b4", "*"),
    Kind.end: ("#555555", "X"),
    Kind.measurement: ("#a6761d", "o"),
    Kind.cause: ("#e6ab02", "P"),
    Kind.other: ("#444444", "o"),
}


# zlib's level for the charts' PNGs, measured on the shipped charts (benchmarks/png.py): level 3
# encodes them in 0.69× the time of the default (6) and 14 % smaller; levels 1-2 are a little
# faster and larger, 7-9 slower for 1-2 % less.
PNG_COMPRESSION = 3


def render_as(figure: Figure, fmt: str, stamp: str = "") -> bytes:
    """The figure as PNG or SVG bytes, with no date, software or version in them; `stamp`, when
    given, is written into the file's description (what the report's chart cache looks for)."""
    metadata: dict[str, str | None] = {"Software": None} if fmt == "png" else {"Date": None, "Creator": None}
    if stamp:
        metadata["Comment" if fmt == "png" else "Description"] = stamp
    with chart_style():
        _tick_labels_inside(figure)
        out = io.BytesIO()
        extra: dict[str, Any] = {"pil_kwargs": {"compress_level": PNG_COMPRESSION}} if fmt == "png" else {}
        figure.savefig(out, format=fmt, dpi=100, metadata=metadata, **extra)
    data = out.getvalue()
    titles = getattr(figure, "incident_titles", None)
    if fmt == "svg" and titles:
        data = svg_with_titles(data, titles)
    return data


def _tick_labels_inside(figure: Figure) -> None:
    """A time axis' tick label centred on a tick near the figure's edge would be cut ("Jan 14 12:00" at
    the left): it is aligned to the tick's inner side instead, so every label is whole."""
    renderer = figure.canvas.get_renderer()  # type: ignore[attr-defined]  # the figure's own Agg canvas
    for ax in figure.axes:
        labels = [label for label in ax.get_xticklabels() if label.get_text() and label.get_visible()]
        for label in labels:
            box = label.get_window_extent(renderer)
            if box.x0 < 0:
                label.set_horizontalalignment("left")
            elif box.x1 > figure.bbox.width:
                label.set_horizontalalignment("right")
        # (left, right, the inner one) at each edge: a label moved inwards onto its neighbour hides the neighbour,
        # so the edge's label (with its date) stays
        for left, right, inner in ((labels[0], labels[1], labels[1]), (labels[-2], labels[-1], labels[-2])) if len(labels) > 1 else ():
            if left.get_window_extent(renderer).x1 + 3 > right.get_window_extent(renderer).x0:
                inner.set_visible(False)


def svg_with_titles(svg: bytes, titles: dict[str, str]) -> bytes:
    """Give each group matplotlib wrote for an artist with a gid a <title> (the browser's hover
    text; no script): the first child of the first <g id="GID">. One pass over the text."""
    from xml.sax.saxutils import escape

    text, pending = svg.decode("utf-8"), dict(titles)

    def titled(match: re.Match) -> str:
        title = pending.pop(match[1], None)
        return match[0] if title is None else f"{match[0]}\n   <title>{escape(title)}</title>"

    return _GROUP.sub(titled, text).encode("utf-8")


_GROUP = re.compile(r'<g id="([^"<>]*)">')  # linear: a class of characters, no nesting


def new_figure(width: float, height: float) -> tuple[Figure, FigureCanvasAgg]:
    figure = Figure(figsize=(width, height))
    return figure, FigureCanvasAgg(figure)


def short(text: str, width: int = 34) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


from .chart_words import caption_lines  # noqa: E402


def caption(figure, text: str, height: float, width: int = 150) -> None:
    """The chart's small print at its bottom left, wrapped so that no line runs off the figure."""
    figure.text(0.015, 0.1 / height, "\n".join(caption_lines(text, width)), fontsize=8.5, color="#555555", linespacing=1.4)


def count_format(value: float, _position=None) -> str:
    if value >= 1_000_000:
        return f"{value / 1_000_000:.1f}M".replace(".0M", "M")
    if value >= 1_000:
        return f"{value / 1_000:.0f}k"
    return f"{value:.0f}"


# ---------------------------------------------------------------- colours per incident

# One colour per incident, derived from its id (not from its place in the list), so that adding an
# incident to the file never recolours another; two ids that hash alike take the next free colour.
INCIDENT_COLORS = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#8c564b", "#0f7f8c", "#c2388f", "#e05d00")


def incident_colors(names) -> dict[str, str]:
    """{incident: colour}. Each id hashes to a colour of its own; when two ids hash alike, the one
    with the lower hash keeps it and the other takes the next free colour, so another incident
    added to a file changes no colour unless it collides (and then only the one it displaces)."""
    import hashlib

    digests = {name: int(hashlib.sha256(name.encode()).hexdigest(), 16) for name in set(names)}
    taken: set[int] = set()
    colors = {}
    for name in sorted(digests, key=lambda n: (digests[n], n)):
        slot = digests[name] % len(INCIDENT_COLORS)
        for step in range(len(INCIDENT_COLORS)):
            if (slot + step) % len(INCIDENT_COLORS) not in taken:
                slot = (slot + step) % len(INCIDENT_COLORS)
                break
        taken.add(slot)
        colors[name] = INCIDENT_COLORS[slot]
    return dict(sorted(colors.items()))


def drawn_words(annotation, renderer):
    """The extent of an annotation's text, without its leader line."""
    annotation.update_positions(renderer)
    return Text.get_window_extent(annotation, renderer)


def fit_text(text: Text, candidates, room: float, renderer) -> None:
    """Give `text` the first of `candidates` (longest first) whose drawn width is at most `room`
    pixels, else the last: glyphs differ in width, so a title is measured, not counted."""
    for words in candidates:
        text.set_text(words)
        if text.get_window_extent(renderer).width <= room:
            return


def edge_style(event) -> tuple[str, float]:
    """A marker's edge: a dark, thick outline for a settled conflict (legible in greyscale, with its
    '!'), amber and thick for an undecided one (with its '?')."""
    if event.undecided:
        return UNDECIDED, 1.6
    if event.conflict:
        return CONFLICT, 1.8
    return "white", 0.6


def event_ink(event) -> str:
    return UNDECIDED_INK if event.undecided else INK  # the '!' says it; the text stays in ink


def nothing_to_draw(title: str, message: str) -> Figure:
    figure, _ = new_figure(10, 1.2)
    figure.text(0.015, 0.72, title, fontsize=10, fontweight="bold", color=INK)
    figure.text(0.015, 0.3, message, fontsize=9, color="#555555")
    return figure


def num(seconds: int) -> float:
    return mdates.date2num(datetime.fromtimestamp(seconds, tz=timezone.utc))


def event_mark(event) -> str:
    """'? ' for an event an undecided conflict spans, '! ' for one with a claim set aside."""
    return "? " if event.undecided else "! " if event.conflict else ""
