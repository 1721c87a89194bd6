"""Charts, with matplotlib's explicit Figure API (no pyplot state), rendered to bytes.

Output is byte-for-byte deterministic: Agg, DejaVu Sans, a fixed SVG hash salt, and no dates or
versions in the metadata.
"""

from __future__ import annotations

from .comparison_chart import comparison_figure, lane_key, lane_phases  # noqa: F401
from .plot import (  # noqa: F401
    CONFLICT, INCIDENT_COLORS, INK, KIND_STYLE, LIVE, STYLE, UNDECIDED, UNDECIDED_INK, WAIT, edge_style, new_figure, event_ink, event_mark, nothing_to_draw, num, drawn_words, caption, caption_text, count_format, incident_colors, render_as, short, svg_with_titles,
)
from .stats_chart import stats_figure  # noqa: F401
from .timeline_chart import event_title, timeline_figure  # noqa: F401
