"""The events.csv data model (format version 1.2): kinds, bounds, source types, columns, the Claim
and what its written time means (its reading) and weighs."""

from __future__ import annotations

import math
import re
from enum import Enum
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, PrivateAttr, model_validator

from . import zones
from ..diagnostics import did_you_mean  # noqa: F401 (here for the modules that take it from the model)

from .time import (  # noqa: F401 (the model's times, read from here by the other modules)
    SECOND, MINUTE, DAY, PLAUSIBLE_SPAN, EPOCH, MIN_INSTANT, MAX_INSTANT, in_calendar, iso_utc, ColumnError, TimeCell, to_epoch, from_epoch, resolve_time, _next_midnight, _time_cell, _time_hint,
)

FORMAT_VERSION = "1.2"


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
    "via",
    "corrects",
    "url",
    "quote",
    "as_reported",
    "note",
)
REQUIRED_COLUMNS = ("incident", "event", "kind", "source")

# ---------------------------------------------------------------- cell types

MAX_ID = 100  # characters in an id: incident ids name report files
SLUG_PATTERN = r"[a-z0-9][a-z0-9-]{0,%d}" % (MAX_ID - 1)
_SLUG = re.compile(SLUG_PATTERN + r"\Z")


def _slug(value: Any) -> str:
    text = str(value)
    if len(text) > MAX_ID:
        raise ValueError(f"an id of {len(text):,} characters: ids have at most {MAX_ID} (they name the report's files)")
    if not _SLUG.match(text):
        suggestion = re.sub(r"[^a-z0-9-]+", "-", text.lower()).strip("-")
        hint = f"; did you mean {suggestion!r}?" if suggestion and _SLUG.match(suggestion) else ""
        raise ValueError(
            f"{text!r} is not an id: use lowercase letters, digits and '-', "
            f"starting with a letter or digit{hint}"
        )
    return text


# the words people write for a choice → the choice they mean ("before 9:05" is at most 9:05: not_after;
# the look-alike 'not_before' says the opposite, so spelling must not decide)
_MEANT = {
    "a bound": {
        **dict.fromkeys(("before", "by", "until", "till", "prior", "prior to", "no later than", "at most", "latest",
                         "max", "upper", "nearly", "almost", "within", "under"), "not_after"),
        **dict.fromkeys(("after", "since", "more than", "over", "at least", "no earlier than", "earliest", "min", "lower",
                         "later than", "just over"), "not_before"),
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


def _choice(enum: type[Enum], what: str):
    names = tuple(m.value for m in enum)

    def check(value: Any):
        if isinstance(value, enum):
            return value
        text = str(value)
        if text not in names:
            meant = _MEANT.get(what, {}).get(" ".join(text.lower().replace("_", " ").split()))
            hint = f"; did you mean {meant!r}?" if meant else did_you_mean(text, names)
            raise ValueError(f"{text!r} is not {what}{hint} (expected one of: {', '.join(names)})")
        return enum(text)

    return check


# The number grammar of every numeric cell (the JSON Schema uses the same patterns): a decimal
# number with an optional exponent; no thousands separators, underscores, nan or inf.
NUMBER_PATTERN = r"[-+\u2212]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?"
NON_NEGATIVE_PATTERN = r"\+?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?"
_NUMBER = re.compile(NUMBER_PATTERN + r"\Z")
_NON_NEGATIVE = re.compile(NON_NEGATIVE_PATTERN + r"\Z")
# Minutes an offset or an uncertainty may span: ten years. More is a typo, and would carry a time
# past the calendar's end.
MAX_MINUTES = 10 * 366 * 24 * 60


def _number(what: str, non_negative: bool = False, limit: float | None = None):
    grammar = _NON_NEGATIVE if non_negative else _NUMBER

    def check(value: Any) -> float:
        text = str(value).strip()
        if not grammar.match(text):
            if non_negative and _NUMBER.match(text):
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


def _zone(value: Any) -> zones.Zone:
    if isinstance(value, zones.Zone):
        return value
    return zones.zone(str(value).strip())


Slug = Annotated[str, BeforeValidator(_slug)]
_kind = _choice(Kind, "a kind")
KindCell = Annotated[Kind, BeforeValidator(_kind)]
ZoneCell = Annotated[zones.Zone, BeforeValidator(_zone)]
_uncertainty = _number("uncertainty_min", True, MAX_MINUTES)
_offset = _number("offset_min", limit=MAX_MINUTES)
_value = _number("value")
_bound = _choice(Bound, "a bound")
_source_type = _choice(SourceType, "a source type")
SourceTypeCell = Annotated[SourceType, BeforeValidator(_source_type)]
BoundCell = Annotated[Bound, BeforeValidator(_bound)]

# Each column's cell → the field's value: the validators the Claim's annotations run (a column
# not named here is text). `Claim.from_checked` uses them on cells the column-wise reader has
# checked already.
CELL_PARSERS = {
    "incident": _slug, "event": _slug, "relative_to": _slug, "kind": _kind, "bound": _bound, "source_type": _source_type,
    "time": _time_cell, "until": _time_cell, "tz": _zone, "uncertainty_min": _uncertainty, "offset_min": _offset,
    "value": _value,
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
        if "relative_to" in has:
            problems.append(ColumnError("until", "until closes an interval of times: give time and until, not relative_to"))
        elif "time" not in has:
            problems.append(ColumnError("until", "until needs a time: the interval runs from time to until"))
        bound = cells.get("bound") or "at"
        bound = (bound.value if isinstance(bound, Enum) else str(bound)).strip()
        if bound not in ("", "at"):
            problems.append(ColumnError("bound", f"bound={bound} with until: an interval (time to until) is bounded on both sides already; leave bound empty"))
    if "value" in has and "unit" not in has:
        problems.append(ColumnError("unit", f"value {cells['value']} needs a unit (e.g. listeners)"))
    if "unit" in has and "value" not in has:
        problems.append(ColumnError("value", f"unit {cells['unit']!r} needs a value"))
    return problems


# ---------------------------------------------------------------- the claim


class Claim(BaseModel):
    """One row of events.csv: one source's statement about when one event happened."""

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True, extra="forbid")

    line: int
    incident: Slug
    event: Slug
    kind: KindCell
    source: str = Field(min_length=1)
    source_type: SourceTypeCell | None = None
    label: str | None = None
    time: Annotated[TimeCell | None, BeforeValidator(_time_cell)] = None
    until: Annotated[TimeCell | None, BeforeValidator(_time_cell)] = None
    tz: ZoneCell | None = None
    uncertainty_min: Annotated[float, BeforeValidator(_uncertainty)] = 0.0
    bound: BoundCell = Bound.at
    relative_to: Slug | None = None
    offset_min: Annotated[float | None, BeforeValidator(_offset)] = None
    value: Annotated[float | None, BeforeValidator(_value)] = None
    unit: str | None = None
    via: str | None = None
    corrects: str | None = None
    url: str | None = None
    quote: str | None = None
    as_reported: str | None = None
    note: str | None = None

    _instant: int | None = PrivateAttr(default=None)
    _until: int | None = PrivateAttr(default=None)
    _bounds: tuple | None = PrivateAttr(default=None)  # bounds(), once: the reconstruction asks often

    @model_validator(mode="after")
    def _rules_across_columns(self) -> "Claim":
        for problem in presence_problems(self.__dict__):
            raise problem
        if self.time is not None:
            self._instant = resolve_time(self.time, self.tz)
        if self.until is not None:
            try:
                self._until = resolve_time(self.until, self.tz)
            except ColumnError as exc:
                raise ColumnError("until", exc.message) from None
            start = self._instant
            end = _next_midnight(self.until, self.tz) - 1 if self.until.precision == DAY else self._until
            if end < start:
                raise ColumnError("until", f"until {self.until.text!r} is before time {self.time.text!r}: an interval runs forward")
        if self.corrects is not None and self.corrects == self.source:
            raise ColumnError("corrects", "a source cannot correct itself: name the source whose claims this one replaces")
        return self

    @classmethod
    def from_checked(cls, values: dict[str, Any], given: frozenset[str], instant: int | None) -> "Claim":
        """A claim from a row the column-wise reader has found plain (no error, no message): every
        field in `values` already parsed by CELL_PARSERS, `given` the fields its cells fill, and the
        UTC instant it computed. Built as `model_construct` builds (pydantic's own attributes set
        directly) but without its per-field work: 2 µs rather than 20. A test holds that it equals
        `model_validate` on the same cells, field by field, for every shape of row."""
        claim = cls.__new__(cls)
        setattr_ = object.__setattr__
        setattr_(claim, "__dict__", {**_DEFAULTS, **values})
        setattr_(claim, "__pydantic_fields_set__", set(given))
        setattr_(claim, "__pydantic_extra__", None)
        setattr_(claim, "__pydantic_private__", {"_instant": instant, "_until": None, "_bounds": None})
        return claim

    @property
    def instant(self) -> int | None:
        """The UTC instant (epoch seconds) the time cell names; None for a relative claim."""
        return self.__pydantic_private__["_instant"]  # (not self._instant: that path is slow)

    @property
    def precision(self) -> int:
        """Seconds the written time covers: DAY, MINUTE or SECOND (MINUTE for a relative claim)."""
        return self.time.precision if self.time is not None else MINUTE

    # ---- what the written time means (format v1.2)

    @property
    def is_relative(self) -> bool:
        return self.relative_to is not None

    @property
    def uncertainty_s(self) -> int:
        return round(self.uncertainty_min * 60)

    @property
    def whole_minute_offset(self) -> bool:
        return self.offset_min is not None and float(self.offset_min).is_integer()

    def reading(self) -> tuple[int, int]:
        """The times (epoch seconds, inclusive) the written time can mean, before its bound.

        A time to the minute covers the clock's minute and the nearest minute (20:42 → 20:41:30 to
        20:42:59); a time to the second is that second; a date alone is that calendar day in its
        zone (23 or 25 hours on a daylight-saving day). A scheduled start is announced, not observed:
        "8 p.m." is 20:00:00 exactly. An interval (`until`) runs from the first reading of `time`
        to the last of `until`. For a relative claim: the offset in seconds, widened by the rounding
        of its figure when it has no uncertainty (`rounding_s`). `uncertainty_min` widens each.
        """
        u = self.uncertainty_s
        if self.is_relative:
            offset = round((self.offset_min or 0) * 60)
            if u == 0:
                u = self.rounding_s
            return offset - u, offset + u
        if self.instant is None:
            raise ValueError("a claim without a time has no reading")
        if self.until is not None:
            low = self._reading_of(self.time, self.instant)[0]
            high = self._reading_of(self.until, self.__pydantic_private__["_until"])[1]
            return in_calendar(low - u), in_calendar(high + u)
        low, high = self._reading_of(self.time, self.instant)
        return in_calendar(low - u), in_calendar(high + u)

    def _reading_of(self, cell: TimeCell, instant: int) -> tuple[int, int]:
        if cell.precision == DAY:
            return instant, _next_midnight(cell, self.tz) - 1
        if cell.precision == MINUTE and self.kind is not Kind.scheduled_start:
            return instant - MINUTE // 2, instant + MINUTE - 1
        return instant, instant

    @property
    def rounding_s(self) -> int:
        """How far a figure written without an uncertainty may be from the truth, in seconds, for a
        relative claim: a figure in whole hours ("five hours later") ± 30 min, in half hours ("an
        hour and a half") ± 15 min, in whole minutes ± 1 min, finer figures as written. A bound
        ("more than 40 minutes", "nearly five hours") is exact on its bounded side: see bounds()."""
        offset = abs(self.offset_min or 0)
        if offset and offset % 60 == 0:
            return 30 * MINUTE
        if offset and offset % 30 == 0:
            return 15 * MINUTE
        if self.whole_minute_offset:
            return MINUTE
        return 0

    def bounds(self) -> tuple[int | None, int | None]:
        """What the claim allows: for an absolute claim the event's time, for a relative claim the
        event's time minus its anchor's (seconds, inclusive); None is open (`not_before`/`not_after`)."""
        private = self.__pydantic_private__
        if private["_bounds"] is None:
            private["_bounds"] = self._read_bounds()
        return private["_bounds"]

    def _read_bounds(self) -> tuple[int | None, int | None]:
        low, high = self.reading()
        if self.bound is Bound.not_before:
            low, high = self._exact_bound(low), None
        elif self.bound is Bound.not_after:
            low, high = None, self._exact_bound(high)
        return low, high

    def _exact_bound(self, edge: int) -> int:
        """A qualified figure is exact on its bounded side: "more than 40 minutes" is ≥ 40 min,
        "nearly five hours" ≤ 5 h; the rounding of a written figure widens only an `at` claim."""
        if not self.is_relative or self.uncertainty_s:
            return edge
        return round((self.offset_min or 0) * 60)

    def window(self) -> tuple[int | None, int | None]:
        """Bounds (epoch seconds, inclusive) an absolute claim puts on its event; None is open."""
        if self.is_relative:
            raise ValueError("a relative claim has no window of its own")
        return self.bounds()

    def offset_range(self) -> tuple[int | None, int | None]:
        """Bounds (seconds) on event − relative_to, for a relative claim."""
        if not self.is_relative:
            raise ValueError("an absolute claim has no offset")
        return self.bounds()

    @property
    def point(self) -> int | None:
        """The time the source states (epoch s), for `at` claims given to the minute or second."""
        private = self.__pydantic_private__
        instant = private["_instant"]
        if instant is None or self.bound is not Bound.at or self.time.precision == DAY or self.until is not None:
            return None
        return instant

    @property
    def stated_offset(self) -> int | None:
        """The offset a relative `at` claim states, in seconds."""
        if not self.is_relative or self.bound is not Bound.at:
            return None
        return round(self.offset_min * 60)

    # ---- what the claim weighs

    @property
    def precision_points(self) -> int:
        """4 to the second, 3 to the minute, 2 within ± 2 min, 1 vaguer: a date alone, a figure in
        whole or half hours, an uncertainty over 2 min."""
        if self.time is not None and self.precision == DAY:
            return 1
        if self.uncertainty_min > 0:
            return 2 if self.uncertainty_min <= 2 else 1
        if self.is_relative:
            rounding = self.rounding_s
            return 4 if rounding == 0 else 3 if rounding == MINUTE else 1
        return 4 if self.precision == SECOND else 3

    @property
    def authority(self) -> int:
        return AUTHORITY[self.source_type or SourceType.press]

    @property
    def base_weight(self) -> int:
        """The claim's weight: authority × precision. A claim repeating what another witness said
        (same source, `via` or quote) weighs with it as one witness (reconstruct.witnesses)."""
        return self.authority * self.precision_points

    @property
    def zone_name(self) -> str | None:
        return self.tz.name if self.tz is not None else None


_DEFAULTS = {name: field.default for name, field in Claim.model_fields.items()}
