"""What the charts say in words, and how tall a chart may be, without matplotlib: the report
lays its charts out into printed pages before any is drawn."""

from __future__ import annotations

import textwrap

from ..timeline.events import Timeline
from ..words import counted

# The tallest a chart is drawn (inches): printed on a landscape A4 or Letter page under its heading
# (at most 189 mm, the report's print style), a chart this tall and at most 11 inches wide keeps
# its smallest text (8.5 pt) at 8 pt or more. A taller chart is drawn as several.
PAGE_HEIGHT = 7.75
CAPTION_LINE = 0.165  # inches per line of a caption


def caption_lines(text: str, width: int = 150) -> list[str]:
    """The caption as it is drawn: each paragraph wrapped at `width` characters."""
    return [part for paragraph in text.split("\n") for part in textwrap.wrap(paragraph, width) or [""]]


def caption_text(timelines: list[Timeline]) -> str:
    claims = sum(len(t.claims) for t in timelines)
    sources = len({s for t in timelines for s in t.sources})
    return f"Times reconstructed from {counted(claims, 'claim')} by {counted(sources, 'source')}."
