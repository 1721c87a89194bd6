"""The cells of events.csv (format version 1.3): the kinds, bounds and source types, the columns,
each cell's grammar and the rules on which cells a row fills together."""

from __future__ import annotations

import math
import re
from enum import Enum
from typing import Annotated, Any

from pydantic import BeforeValidator

from . import zones
from ..diagnostics import did_you_mean
from .bounds import BOUND_WORDS
from .ids import MAX_ID, SLUG, slugify
from .time import ColumnError, TimeCell, time_cell

FORMAT_VERSION = "1.3"


class Kind(str, Enum):
    scheduled_start = "scheduled_start"
    impact_start = "impact_start"
    detection = "detection"
    report = "report"
    acknowledgement = "acknowledgement"
    communication = "communication"
    mitigation = "mitigation"
    recovery = "recovery"
    resolution = "resolution"
    end = "end"
    measurement = "measurement"
    cause = "cause"
    other = "other"


class Bound(str, Enum):
    at = "at"
    not_before = "not_before"
    not_after = "not_after"


class SourceType(str, Enum):
    """What kind of witness a source is, for weighing it against others."""

    operator = "operator"  # the organisation that ran the failing service, speaking for itself
    monitor = "monitor"  # a measurement outside the operator: monitoring, outage trackers, a recording
    press = "press"  # a news outlet's own reporting
    witness = "witness"  # a person who saw it first-hand
    secondary = "secondary"  # a copy, aggregator or write-up of others' reports
    analyst = "analyst"  # the analyst's own inference


# How much a source's word counts (operator > monitor > press = witness = unspecified > secondary =
# analyst). An empty source_type is weighed as press.
AUTHORITY = {
    SourceType.operator: 5,
    SourceType.monitor: 4,
    SourceType.press: 2,
    SourceType.witness: 2,
    SourceType.secondary: 1,
    SourceType.analyst: 1,
}


# The documented columns, in their canonical order.
COLUMNS = (
    "incident",
    "event",
    "kind",
    "label",
    "time",
    "until",
    "tz",
    "uncertainty_min",
    "bound",
    "relative_to",
    "offset_min",
    "value",
    "unit",
    "source",
    "source_type",
    "org",
    "published",
    "via",
    "corrects",
    "url",
    "quote",
    "as_reported",
    "note",
)
REQUIRED_COLUMNS = ("incident", "event", "kind", "source")

# ---------------------------------------------------------------- cell types

def slug_cell(value: Any) -> str:
    text = str(value)
    if len(text) > MAX_ID:
        raise ValueError(f"an id of {len(text):,} characters: ids have at most {MAX_ID} (they name the report's files)")
    if not SLUG.match(text):
        suggestion = slugify(text)
        hint = f"; did you mean {suggestion!r}?" if suggestion and SLUG.match(suggestion) else ""
        raise ValueError(
            f"{text!r} is not an id: use lowercase letters, digits and '-', "
            f"starting with a letter or digit{hint}"
        )
    return text


# the words people write for a choice → the choice they mean ("before 9:05" is at most 9:05: not_after;
# the look-alike 'not_before' says the opposite, so spelling must not decide)
MEANT = {
    "a bound": {
        **BOUND_WORDS,
        # a cell's shorthands, which prose does not use so ("since 9:05" in a sentence is when it began)
        **dict.fromkeys(("prior", "latest", "max", "upper"), "not_after"),
        **dict.fromkeys(("since", "earliest", "min", "lower"), "not_before"),
        **dict.fromkeys(("exactly", "on", "about", "around", "approximately", "circa", "="), "at"),
    },
    "a source type": {
        **dict.fromkeys(("news", "media", "newspaper", "journalist", "reporter", "outlet", "wire", "tv", "radio", "magazine"), "press"),
        **dict.fromkeys(("official", "company", "vendor", "provider", "status page", "statuspage", "postmortem", "owner", "staff"), "operator"),
        **dict.fromkeys(("blog", "aggregator", "copy", "mirror", "forum", "social"), "secondary"),
        **dict.fromkeys(("user", "eyewitness", "participant", "customer"), "witness"),
        **dict.fromkeys(("monitoring", "downdetector", "probe", "synthetic"), "monitor"),
        **dict.fromkeys(("me", "inference", "inferred", "estimate"), "analyst"),
    },
}


def choice_cell(enum: type[Enum], what: str):
    names = tuple(m.value for m in enum)

    def check(value: Any):
        if isinstance(value, enum):
            return value
        text = str(value)
        if text not in names:
            meant = MEANT.get(what, {}).get(" ".join(text.lower().replace("_", " ").split()))
            hint = f"; did you mean {meant!r}?" if meant else did_you_mean(text, names)
            raise ValueError(f"{text!r} is not {what}{hint} (expected one of: {', '.join(names)})")
        return enum(text)

    return check


# The number grammar of every numeric cell (the JSON Schema uses the same patterns): a decimal
# number with an optional exponent; no thousands separators, underscores, nan or inf.
NUMBER_PATTERN = r"[-+\u2212]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?"
NON_NEGATIVE_PATTERN = r"\+?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?"
NUMBER = re.compile(NUMBER_PATTERN + r"\Z")
_NON_NEGATIVE = re.compile(NON_NEGATIVE_PATTERN + r"\Z")
# Minutes an offset or an uncertainty may span: ten years. More is a typo, and would carry a time
# past the calendar's end.
MAX_MINUTES = 10 * 366 * 24 * 60


def number_cell(what: str, non_negative: bool = False, limit: float | None = None):
    grammar = _NON_NEGATIVE if non_negative else NUMBER

    def check(value: Any) -> float:
        text = str(value).strip()
        if not grammar.match(text):
            if non_negative and NUMBER.match(text):
                raise ValueError(f"{text!r} must be ≥ 0 ({what})")
            hint = ""
            if re.fullmatch(r"[-+]?\d{1,3}([,_ ]\d{3})+(\.\d+)?", text):
                hint = f"; write it without separators: {re.sub('[,_ ]', '', text)}"
            raise ValueError(f"{text!r} is not a number ({what}){hint}")
        number = float(text.replace("\u2212", "-"))
        if not math.isfinite(number):
            raise ValueError(f"{text!r} is not a finite number ({what})")
        if limit is not None and abs(number) > limit:
            raise ValueError(f"{text!r} minutes is more than ten years: a typo?")
        return number + 0.0  # -0 → 0

    return check


def zone_cell(value: Any) -> zones.Zone:
    if isinstance(value, zones.Zone):
        return value
    return zones.zone(str(value).strip())


Slug = Annotated[str, BeforeValidator(slug_cell)]
kind_cell = choice_cell(Kind, "a kind")
KindCell = Annotated[Kind, BeforeValidator(kind_cell)]
ZoneCell = Annotated[zones.Zone, BeforeValidator(zone_cell)]
uncertainty_cell = number_cell("uncertainty_min", True, MAX_MINUTES)
offset_cell = number_cell("offset_min", limit=MAX_MINUTES)
value_cell = number_cell("value")
bound_cell = choice_cell(Bound, "a bound")
source_type_cell = choice_cell(SourceType, "a source type")
SourceTypeCell = Annotated[SourceType, BeforeValidator(source_type_cell)]
BoundCell = Annotated[Bound, BeforeValidator(bound_cell)]


def until_cell(value: Any):
    """An until cell: a number of minutes (a relative interval, with relative_to: "two to four
    minutes later" is offset_min 2, until 4) or a time (an interval of times, with time)."""
    if value is None or isinstance(value, (float, TimeCell)):
        return value
    text = str(value).strip()
    if NUMBER.match(text):
        return _until_minutes(text)
    return TimeCell.parse(text)


_until_minutes = number_cell("until", limit=MAX_MINUTES)

# Each column's cell → the field's value: the validators the Claim's annotations run (a column
# not named here is text). `Claim.from_checked` uses them on cells the column-wise reader has
# checked already.
CELL_PARSERS = {
    "incident": slug_cell, "event": slug_cell, "relative_to": slug_cell, "kind": kind_cell, "bound": bound_cell, "source_type": source_type_cell,
    "time": time_cell, "until": until_cell, "published": time_cell, "tz": zone_cell, "uncertainty_min": uncertainty_cell, "offset_min": offset_cell,
    "value": value_cell,
}


def presence_problems(cells: dict[str, Any]) -> list[ColumnError]:
    """Rules about which columns a row fills, checked on the raw cells so all are reported."""
    has = {name for name, value in cells.items() if value is not None and value != ""}
    problems = []
    if "time" in has and "relative_to" in has:
        problems.append(ColumnError("relative_to", "give either time or relative_to (+ offset_min), not both"))
    if "time" not in has and "relative_to" not in has:
        column = "offset_min" if "offset_min" in has else "time"
        problems.append(ColumnError(column, "needs a time, or relative_to with offset_min"))
    if "relative_to" in has and "offset_min" not in has:
        problems.append(ColumnError("offset_min", f"relative_to={cells['relative_to']!r} needs offset_min (minutes after it; negative for before)"))
    if "offset_min" in has and "relative_to" not in has:
        problems.append(ColumnError("offset_min", "offset_min needs relative_to (the event it is counted from)"))
    if "relative_to" in has and cells.get("relative_to") == cells.get("event"):
        problems.append(ColumnError("relative_to", "an event cannot be relative to itself"))
    if "until" in has:
        problems += _until_problems(cells, has)
        bound = cells.get("bound") or "at"
        bound = (bound.value if isinstance(bound, Enum) else str(bound)).strip()
        if bound not in ("", "at"):
            problems.append(ColumnError("bound", f"bound={bound} with until: an interval (time to until) is bounded on both sides already; leave bound empty"))
    if "value" in has and "unit" not in has:
        problems.append(ColumnError("unit", f"value {cells['value']} needs a unit (e.g. listeners)"))
    if "unit" in has and "value" not in has:
        problems.append(ColumnError("value", f"unit {cells['unit']!r} needs a value"))
    return problems




def _until_problems(cells: dict[str, Any], has: set[str]) -> list[ColumnError]:
    """until is a time beside a time (an interval of times) and a number of minutes beside
    relative_to (a relative interval: from offset_min to until minutes after it)."""
    until = cells["until"]
    number = isinstance(until, float) or (isinstance(until, str) and NUMBER.match(until.strip()) is not None)
    if "relative_to" in has:
        if not number:
            return [ColumnError("until", f"{str(until).strip()!r}: with relative_to, until is a number of minutes, the "
                                "interval's far end (\"two to four minutes later\": offset_min 2, until 4)")]
        offset = cells.get("offset_min")
        try:
            low, high = offset_cell(offset), _until_minutes(until)
        except (TypeError, ValueError):
            return []  # the number itself is named on its own cell
        if high < low:
            return [ColumnError("until", f"until {high:g} is less than offset_min {low:g}: a relative interval runs "
                                "from offset_min to until minutes after relative_to")]
        return []
    if "time" not in has:
        return [ColumnError("until", "until needs a time (an interval of times) or relative_to with offset_min (an "
                            "interval of minutes after that event)")]
    if number:
        return [ColumnError("until", f"{str(until).strip()!r} is a number: beside a time, until is the interval's end "
                            "time (same grammar as time); a number of minutes goes with relative_to")]
    return []
