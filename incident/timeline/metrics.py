"""Incident metrics as pairs of milestones, each with an estimate and a low–high range in minutes.

The first event of a kind counts (the earliest). A metric whose milestone is missing is undefined,
never zero. A metric whose milestone is known only from bounds (a "by 10:01", a first status update,
a date alone) has no estimate: it is the range alone, one-sided when the milestone is ("at most
61 min"). An estimate is the difference of the two events' estimates, inside its range (`minutes`,
what JSON gives); a reader sees it as the difference of the two events' shown instants
(`Event.shown`), kept inside the range (`shown`), so that "06:27 → 06:32" reads 5 min in every view.
Every metric is ≥ 0 but the time to detect: an alert before the impact (a precursor) makes it
negative, printed "detected N min before impact".
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model.cells import Kind
from ..words import plural_of
from .events import Event, Timeline


@dataclass(frozen=True)
class MetricSpec:
    name: str
    title: str
    start: tuple[Kind, ...]  # the first kind that has an event counts
    end: tuple[Kind, ...]
    signed: bool = False  # may be negative (a detection before the impact: a precursor)


METRICS = (
    MetricSpec("delay", "Delay", (Kind.scheduled_start,), (Kind.recovery,)),
    MetricSpec("time_to_detect", "Time to detect", (Kind.impact_start,), (Kind.detection, Kind.report), signed=True),
    MetricSpec("time_to_acknowledge", "Time to acknowledge", (Kind.impact_start,), (Kind.acknowledgement,)),
    MetricSpec("time_to_mitigate", "Time to mitigate", (Kind.impact_start,), (Kind.mitigation,)),
    MetricSpec("time_to_recover", "Time to recover", (Kind.impact_start,), (Kind.recovery,)),
    MetricSpec("time_to_resolve", "Time to resolve", (Kind.impact_start,), (Kind.resolution,)),
    MetricSpec("duration", "Duration", (Kind.recovery,), (Kind.end,)),
    MetricSpec("impact_duration", "Impact duration", (Kind.impact_start,), (Kind.recovery, Kind.resolution)),
)
# What status pages and incident tools record well (updates.py computes them): the first update
# after the impact start, how long the incident was open (first update → resolved), and the median
# gap between successive updates. Not in METRICS: a postmortem's tables keep DESIGN.md's eight.
UPDATE_METRICS = (
    MetricSpec("time_to_first_update", "Time to first update", (Kind.impact_start,), (Kind.acknowledgement, Kind.communication)),
    MetricSpec("time_open", "Time open", (Kind.acknowledgement, Kind.communication), (Kind.resolution,)),
    MetricSpec("time_between_updates", "Time between updates", (Kind.acknowledgement, Kind.communication), (Kind.resolution,)),
)
BY_NAME = {spec.name: spec for spec in METRICS + UPDATE_METRICS}


@dataclass(frozen=True)
class Metric:
    incident: str
    metric: str
    minutes: float | None  # the estimate, inside low–high; None when undefined or known only as a range
    low: float | None
    high: float | None
    start: Event | None
    end: Event | None
    shown: float | None = None  # the estimate as a reader sees it: the shown instants' difference, inside low–high

    @property
    def signed(self) -> bool:
        return BY_NAME[self.metric].signed

    @property
    def defined(self) -> bool:
        """Both milestones are there (the metric may still be a range without an estimate)."""
        return self.start is not None and self.end is not None

    @property
    def one_sided(self) -> bool:
        """Defined without an estimate, and open or bounded only by the milestone order on one side."""
        return self.defined and self.minutes is None

    @property
    def title(self) -> str:
        return BY_NAME[self.metric].title

    def to_json(self) -> dict:
        return {
            "incident": self.incident,
            "metric": self.metric,
            "minutes": _round(self.minutes),
            "low": _round(self.low),
            "high": _round(self.high),
            "from": self.start.event if self.start else None,
            "to": self.end.event if self.end else None,
        }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


# the metrics of a live event only (a launch, a broadcast: timed from its schedule, then running live)
LIVE_ONLY = ("delay", "duration")


def is_live_event(timeline: Timeline) -> bool:
    """A live event has a scheduled start; an outage does not."""
    return timeline.first(Kind.scheduled_start) is not None


def fitting(timeline: Timeline, metrics: list[Metric]) -> list[Metric]:
    """The metrics that fit the incident's kind: an outage has no delay and no (live) duration."""
    return metrics if is_live_event(timeline) else [m for m in metrics if m.metric not in LIVE_ONLY]


# The metric an incident is known by, by its kind: an outage by how long its impact lasted, a live
# event by how late it began; the first of these that its milestones define.
HEADLINES = {"outage": ("impact_duration", "time_to_resolve", "time_to_mitigate"),
             "live-event": ("delay", "impact_duration", "time_to_resolve")}


def headline(timeline: Timeline, metrics: list[Metric] | None = None, chosen: str = "") -> Metric | None:
    """The incident's headline metric: `chosen` (a metric's name: its postmortem file's `headline:`
    line), defined or not; else the first its kind's HEADLINES define; None when none is."""
    found = {m.metric: m for m in (metrics if metrics is not None else compute(timeline))}
    if chosen:
        return found[chosen]
    names = HEADLINES["live-event" if is_live_event(timeline) else "outage"]
    return next((found[name] for name in names if found[name].defined), None)


def compute(timeline: Timeline) -> list[Metric]:
    """Every metric of DESIGN.md for one reconstructed incident, in the documented order."""
    firsts: dict[tuple[Kind, ...], Event | None] = {}  # each first event looked up once

    def first(kinds: tuple[Kind, ...]) -> Event | None:
        if kinds not in firsts:
            firsts[kinds] = timeline.first(*kinds)
        return firsts[kinds]

    return [measured(timeline, spec.name, first(spec.start), first(spec.end)) for spec in METRICS]


def measure(timeline: Timeline, spec: MetricSpec) -> Metric:
    """One metric. The range is what the network allows for the difference of the two events (at
    least as tight as subtracting their windows); the milestone order keeps it ≥ 0 but for a signed
    metric. The estimate is the difference of the estimates, the shown one that of the shown
    instants, each kept inside the range."""
    return measured(timeline, spec.name, timeline.first(*spec.start), timeline.first(*spec.end))


def measured(timeline: Timeline, name: str, start: Event | None, end: Event | None) -> Metric:
    """The metric `name` from event `start` to event `end` (undefined when either is None)."""
    if start is None or end is None:
        return Metric(timeline.incident, name, None, None, None, start, end)
    low, high = timeline.between(start.event, end.event)
    exact = shown = None
    if start.shown is not None and end.shown is not None:
        exact, shown = end.estimate - start.estimate, end.shown - start.shown
    elif start.shown is not None or end.shown is not None:
        # one milestone shown, the other a bound: the range a reader reads off the two ("impact
        # 09:00", "acknowledged by 10:01": within 61 min), never wider than the network allows
        low, high = _read_range(start, end, low, high)
    spec = BY_NAME.get(name)
    if spec is None or not spec.signed:
        low, high = _at_least(low, 0), _at_least(high, 0)
        exact, shown = _at_least(exact, 0), _at_least(shown, 0)

    def minutes(seconds: int | None) -> float | None:
        return None if seconds is None else _inside(seconds, low, high) / 60

    return Metric(timeline.incident, name, minutes(exact), None if low is None else low / 60,
                  None if high is None else high / 60, start, end, minutes(shown))


def _at_least(value: int | None, floor: int) -> int | None:
    return None if value is None else max(value, floor)


def _inside(value: int, low: int | None, high: int | None) -> int:
    if low is not None and value < low:
        return low
    if high is not None and value > high:
        return high
    return value


def _read_range(start: Event, end: Event, low: int | None, high: int | None) -> tuple[int | None, int | None]:
    """end − start (seconds) from the instants a reader sees: a shown estimate, or a window's edges
    as read (minutes.edges), within the network's bounds `low`–`high`."""
    from .minutes import edges  # (the reading of a window the views print)

    first = (start.shown, start.shown) if start.shown is not None else edges(start)
    last = (end.shown, end.shown) if end.shown is not None else edges(end)
    read_low = None if last[0] is None or first[1] is None else last[0] - first[1]
    read_high = None if last[1] is None or first[0] is None else last[1] - first[0]
    if read_low is not None:
        low = read_low if low is None else max(low, read_low)
    if read_high is not None:
        high = read_high if high is None else min(high, read_high)
    if low is not None and high is not None and low > high:  # edges read to the minute: never crossed
        low = high
    return low, high


WEEK = 7 * 24 * 60  # minutes: from a week on, a duration is read in days and hours


def format_minutes(minutes: float | None, like: float | None = None) -> str:
    """42 → '42 min', 1451 → '24 h 11 min', 18722 → '13 days 0 h' (a week or more: days and the
    nearest hour, as a reader counts an outage of weeks), None → '—'. `like`: written in the style
    of that other length (the far end of a range: 119 like 131 → '1 h 59 min', as '2 h 11 min')."""
    if minutes is None:
        return "—"
    whole = round(minutes)
    sign = "−" if whole < 0 else ""
    whole = abs(whole)
    style = whole
    if like is not None:  # an hour or more reads in hours beside hours, a day or more in days beside days
        other = abs(round(like))
        if other >= WEEK and whole >= 24 * 60:
            style = max(whole, WEEK)
        elif other >= 120 and whole >= 60:
            style = max(whole, 120)
    if style < 120:
        return f"{sign}{whole} min"
    if style >= WEEK:
        days, hours = divmod(round(whole / 60), 24)
        named = f"{days} {plural_of(days, 'day')}"  # '1 day' only as a range's near end
        return f"{sign}{named} {hours} h" if hours else f"{sign}{named}"
    hours, rest = divmod(whole, 60)
    return f"{sign}{hours} h {rest:02d} min" if rest else f"{sign}{hours} h"


def _number(value: float) -> str:
    whole = round(value)
    return f"−{abs(whole)}" if whole < 0 else str(whole)


def format_estimate(metric: Metric) -> str:
    """The metric's value as a reader sees it: its estimate ('42 min'; a detection before the impact
    'detected 4 min before impact'), or for a metric known only as a range, the range ('at most 61 min',
    'at least 40 min', '20–30 min'); '—' when undefined."""
    if not metric.defined:
        return "—"
    if metric.shown is not None:
        return f"detected {_before(metric.shown)}" if round(metric.shown) < 0 else format_minutes(metric.shown)
    return format_span(metric)


def _before(minutes: float) -> str:
    return f"{format_minutes(-minutes)} before impact"


def format_span(metric: Metric) -> str:
    """The range as a reader sees it, in the one duration style, or "" when it says no more than
    the estimate: '41–43 min', '1 h 50 min – 2 h 10 min', 'at least 101 min', 'at most 61 min'; of a
    time to detect that may be negative, '2–6 min before impact', '3 min before to 2 min after impact'."""
    if not metric.defined:
        return ""
    low, high = metric.low, metric.high
    if low is None and high is None:
        return "unbounded"
    if metric.signed and (low is None or round(low) < 0):
        return _signed_span(low, high, metric.shown)
    if high is None:
        return f"at least {format_minutes(low)}" if round(low) > 0 else "unbounded"
    if low is None or (round(low) <= 0 < round(high) and metric.shown is None):
        return f"at most {format_minutes(high)}"
    if round(low) == round(high):
        return "" if metric.shown is not None and round(metric.shown) == round(low) else format_minutes(low)
    first, last = format_minutes(low, like=high), format_minutes(high)  # both ends in one style
    if "h" not in first + last and "days" not in first + last:
        return f"{first[:-4]}–{last}"
    return f"{first} – {last}"


def _signed_span(low: float | None, high: float | None, shown: float | None) -> str:
    """A range of a signed metric reaching before the impact (`low` below 0 or open)."""
    if high is None:
        return f"no earlier than {_before(low)}"
    if low is None:
        return f"at least {_before(high)}" if round(high) < 0 else f"at most {format_minutes(high)} after impact"
    if round(high) > 0:
        return f"{format_minutes(-low)} before to {format_minutes(high)} after impact"
    if round(low) == round(high):
        return "" if shown is not None and round(shown) == round(low) else _before(low)
    first, last = format_minutes(-high, like=-low), format_minutes(-low)
    if round(high) == 0:
        return f"up to {last} before impact"
    return (f"{first[:-4]}–{last}" if "h" not in first + last else f"{first} – {last}") + " before impact"


def format_with_span(metric: Metric) -> str:
    """The estimate, and its range beside it only when the range says more: '42 min',
    '42 min (41–43 min)', 'at least 40 min'."""
    estimate, span = format_estimate(metric), format_span(metric)
    return estimate if not span or span == estimate else f"{estimate} ({span})"


def format_after(metric: Metric) -> str:
    """The metric after a verb: 'after 18 min', 'within 61 min', 'after at least 40 min',
    'after 13 h 20 min to 37 h 19 min' (a range with no estimate)."""
    if metric.shown is not None:
        return format_estimate(metric) if round(metric.shown) < 0 else f"after {format_minutes(metric.shown)}"
    text = format_estimate(metric)
    if text.endswith("impact"):  # a time to detect that may come before the impact says so itself
        return text
    if text.startswith("at most "):
        return "within " + text[len("at most "):]
    low, high = metric.low, metric.high
    if low is not None and high is not None and 0 <= round(low) != round(high):
        return f"after {format_minutes(low, like=high)} to {format_minutes(high)}"
    return f"after {text}"
