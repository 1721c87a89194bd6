"""The portfolio's sentences: which way a difference goes, where the history is divided, what the
data could not give, and when a difference may come from what the data records."""

from __future__ import annotations

import math

from ..timeline import stats
from ..timeline.metrics import format_minutes
from . import times

# (shorter, longer): what later incidents did when the metric's median fell or rose
DIRECTION = {
    "delay": ("started less late", "started later"),
    "time_to_detect": ("were detected sooner", "were detected later"),
    "time_to_acknowledge": ("were acknowledged sooner", "were acknowledged later"),
    "time_to_mitigate": ("were mitigated sooner", "were mitigated later"),
    "time_to_recover": ("recovered faster", "recovered more slowly"),
    "time_to_resolve": ("were resolved sooner", "were resolved later"),
    "duration": ("ran shorter", "ran longer"),
    "impact_duration": ("had shorter impact", "had longer impact"),
    "time_to_first_update": ("had their first update sooner", "had their first update later"),
    "time_open": ("were open for less time", "were open for longer"),
    "time_between_updates": ("were updated more often", "were updated less often"),
}
MOST_REASONS = 3  # reasons named in the counts table; the rest are counted


def minutes_text(value: float) -> str:
    """A quantile's edge: '42 min', '2 h 05 min', 'unbounded' for an open range."""
    return format_minutes(value) if math.isfinite(value) else "unbounded"


def range_text(low: float, high: float) -> str:
    """'42 min' when both readings agree to the minute, else '24–26 min', '40 min – 1 h 05 min'."""
    a, b = minutes_text(low), minutes_text(high)
    if a == b:
        return a
    if a.endswith(" min") and b.endswith(" min") and "h" not in a + b:  # the metrics' own style: '24–26 min'
        return f"{a[:-4]}–{b}"
    return f"{a} – {b}"


def direction_text(summary: stats.Summary) -> str:
    """'later incidents recovered faster: median 69 → 41 min'; 'no clear change in the median:
    40–60 → 45–50 min' when the two readings of the medians overlap; 'the same median: 41 min'."""
    earlier, later = (p.median for p in summary.periods)
    before, after = range_text(*earlier), range_text(*later)
    shorter, longer = DIRECTION.get(summary.metric, ("were shorter", "were longer"))
    if later[1] < earlier[0]:
        return f"later incidents {shorter}: median {_arrow(before, after)}"
    if later[0] > earlier[1]:
        return f"later incidents {longer}: median {_arrow(before, after)}"
    if before == after:
        return f"the same median in both: {before}"
    if earlier[1] == later[1] == float("inf"):
        return f"no median bounded above in either: {_arrow(before, after)}"
    return f"no clear change in the median: {_arrow(before, after)}"


def _arrow(before: str, after: str) -> str:
    """'69 → 41 min' (one unit when both are minutes alone), '2 h 10 min → 41 min'."""
    if before.endswith(" min") and after.endswith(" min") and "h" not in before and "–" not in before:
        return f"{before[:-4]} → {after}"
    return f"{before} → {after}"


def split_text(portfolio: stats.Portfolio) -> str:
    """Where the history is divided, and how."""
    day = times.date_of(int(portfolio.cut))
    if portfolio.split:
        return f"The incidents that started before {day} against those from {day} on (--split)."
    return f"The history halved at its middle incident: those that started before {day} against those from then on."


def caution_text(summary: stats.Summary) -> str:
    """A warning when what the data records differs between the periods: 'Caution: …'."""
    if summary.caution is None:
        return ""
    what, before, after = summary.caution
    said = f"“{what}” in {before * 100:.0f} % of the earlier incidents and {after * 100:.0f} % of the later" if what \
        else f"a value in {before * 100:.0f} % of the earlier incidents and {after * 100:.0f} % of the later"
    return (f"Caution: what the data records changed between the periods ({said}): the difference may come from that, "
            "not from how the incidents went")


def missing_text(summary: stats.Summary) -> str:
    """'no recovery (339); the impact start known only from a bound (10)', the commonest first."""
    if not summary.missing:
        return "—"
    named = [f"{why} ({count:,})" for why, count in summary.missing[:MOST_REASONS]]
    rest = sum(count for _, count in summary.missing[MOST_REASONS:])
    return "; ".join(named) + (f"; other reasons ({rest:,})" if rest else "")
