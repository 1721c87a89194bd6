"""The events.csv data model (format version 1.3): the Claim, what its written time means (its
reading) and what it weighs. The cells it is made of (kinds, bounds, source types, columns, each
cell's grammar) are in cells.py, and read from here by the other modules."""

from __future__ import annotations

import re
from typing import Annotated, Any, Iterable, Sequence

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, PrivateAttr, model_validator

from .cells import (
    AUTHORITY, Bound, BoundCell, Kind, KindCell, Slug, SourceType,
    SourceTypeCell, ZoneCell, offset_cell, uncertainty_cell, until_cell,
    value_cell, presence_problems,
)

from .time import (
    SECOND, MINUTE, DAY, in_calendar, ColumnError, TimeCell, resolve_time, next_midnight, time_cell,
)

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
    time: Annotated[TimeCell | None, BeforeValidator(time_cell)] = None
    until: Annotated[TimeCell | float | None, BeforeValidator(until_cell)] = None
    tz: ZoneCell | None = None
    uncertainty_min: Annotated[float, BeforeValidator(uncertainty_cell)] = 0.0
    bound: BoundCell = Bound.at
    relative_to: Slug | None = None
    offset_min: Annotated[float | None, BeforeValidator(offset_cell)] = None
    value: Annotated[float | None, BeforeValidator(value_cell)] = None
    unit: str | None = None
    org: str | None = None
    published: Annotated[TimeCell | None, BeforeValidator(time_cell)] = None
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
        if isinstance(self.until, TimeCell):
            try:
                self._until = resolve_time(self.until, self.tz)
            except ColumnError as exc:
                raise ColumnError("until", exc.message) from None
            start = self._instant
            end = next_midnight(self.until, self.tz) - 1 if self.until.precision == DAY else self._until
            if end < start:
                raise ColumnError("until", f"until {self.until.text!r} is before time {self.time.text!r}: an interval runs forward")
        if self.published is not None:
            try:
                resolve_time(self.published, self._published_zone)
            except ColumnError as exc:
                raise ColumnError("published", exc.message.replace("the time", "the published time", 1)) from None
        if self.corrects is not None and self.corrects == self.source:
            raise ColumnError("corrects", "a source cannot correct itself: name the source whose claims this one replaces")
        if self.corrects is not None and self.via is not None and self.corrects.strip().casefold() == self.via.strip().casefold():
            raise ColumnError("corrects", "a copy cannot correct the origin it repeats (via): name another source or origin")
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

    @classmethod
    def many_checked(cls, given: Sequence[str], rows: Iterable[Sequence[Any]], instants: Iterable[int | None]) -> list["Claim"]:
        """`from_checked` for rows that fill the same fields (`given`, in the order of each row's
        values): the claims equal, field by field, those it builds one at a time, with the work
        shared by the rows done once (a fifth of reading a history's claims)."""
        new, setattr_, defaults, filled = cls.__new__, object.__setattr__, _DEFAULTS, frozenset(given)
        claims = []
        for row, instant in zip(rows, instants):
            claim = new(cls)
            values = defaults.copy()
            values.update(zip(given, row))
            setattr_(claim, "__dict__", values)
            setattr_(claim, "__pydantic_fields_set__", set(filled))
            setattr_(claim, "__pydantic_extra__", None)
            setattr_(claim, "__pydantic_private__", {"_instant": instant, "_until": None, "_bounds": None})
            claims.append(claim)
        return claims

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
        return self.__dict__["relative_to"] is not None  # (the field read from the dict: asked for by the hundred thousand)

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
        fields = self.__dict__  # (as `point`: every claim's reading is asked for)
        u = round(fields["uncertainty_min"] * 60)  # uncertainty_s
        if fields["relative_to"] is not None:
            offset = round((self.offset_min or 0) * 60)
            if isinstance(self.until, float):  # a relative interval: from offset_min to until
                far = round(self.until * 60)
                return offset - (u or self._rounding_of(self.offset_min)), far + (u or self._rounding_of(self.until))
            if u == 0:
                u = self.rounding_s
            return offset - u, offset + u
        instant = self.__pydantic_private__["_instant"]
        if instant is None:
            raise ValueError("a claim without a time has no reading")
        until = fields["until"]
        if until is not None:
            low = self._reading_of(fields["time"], instant)[0]
            assert isinstance(until, TimeCell)  # a relative claim's until (minutes) returned above
            high = self._reading_of(until, self.__pydantic_private__["_until"])[1]
            return in_calendar(low - u), in_calendar(high + u)
        low, high = self._reading_of(fields["time"], instant)
        return in_calendar(low - u), in_calendar(high + u)

    def _reading_of(self, cell: TimeCell, instant: int) -> tuple[int, int]:
        precision = cell.precision
        if precision == DAY:
            return instant, next_midnight(cell, self.tz) - 1
        if precision == MINUTE and self.__dict__["kind"] is not _SCHEDULED:
            return instant - MINUTE // 2, instant + MINUTE - 1
        return instant, instant

    @property
    def rounding_s(self) -> int:
        """How far a figure written without an uncertainty may be from the truth, in seconds, for a
        relative claim (for an interval, the coarser of its two figures): see `_rounding_of`. A
        bound ("more than 40 minutes", "nearly five hours") is exact on its bounded side: see bounds()."""
        rounding = self._rounding_of(self.offset_min or 0)
        if isinstance(self.until, float):
            rounding = max(rounding, self._rounding_of(self.until))
        return rounding

    def _rounding_of(self, figure: float) -> int:
        """A figure is as precise as its unit: in whole weeks ("two weeks") ± 3.5 days, in whole
        days ("13 days") ± 12 h, in whole hours ("five hours later") ± 30 min, in half hours ("an
        hour and a half") ± 15 min, in whole minutes ± 1 min, finer figures as written. The unit is
        the largest the figure is a whole number of, but no larger than the smallest unit
        `as_reported` names ("24 hours" is to the hour, "14 days" to the day)."""
        figure = abs(figure)
        if not figure or figure % 30:  # no unit above the minute: the words need not be read
            return MINUTE if float(figure).is_integer() else 0
        largest = written_unit(self.as_reported)
        for unit, rounding in UNITS:
            if unit <= largest and figure % unit == 0:
                return rounding
        return MINUTE

    def bounds(self) -> tuple[int | None, int | None]:
        """What the claim allows: for an absolute claim the event's time, for a relative claim the
        event's time minus its anchor's (seconds, inclusive); None is open (`not_before`/`not_after`)."""
        private = self.__pydantic_private__
        if private["_bounds"] is None:
            private["_bounds"] = self._read_bounds()
        return private["_bounds"]

    def _read_bounds(self) -> tuple[int | None, int | None]:
        low, high = self.reading()
        bound = self.__dict__["bound"]
        if bound is Bound.not_before:
            low, high = self._exact_bound(low), None
        elif bound is Bound.not_after:
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
        instant = self.__pydantic_private__["_instant"]
        fields = self.__dict__  # (read from the dict: the reconstruction asks for it by the hundred thousand)
        if instant is None or fields["bound"] is not _AT or fields["until"] is not None or fields["time"].precision == DAY:
            return None
        return instant

    @property
    def stated_offset(self) -> int | None:
        """The offset a relative `at` claim states, in seconds."""
        fields = self.__dict__  # (as `point`)
        if fields["relative_to"] is None or fields["bound"] is not _AT or fields["until"] is not None:
            return None
        return round(fields["offset_min"] * 60)

    @property
    def _published_zone(self):
        """The zone `published` is read in: its own offset when it has one (a statement may be dated in
        another zone than the time it states), else the row's tz."""
        return None if self.published is not None and self.published.offset is not None else self.tz

    def published_span(self) -> tuple[int, int] | None:
        """When the source made the statement (`published`), as the first and last instant its
        cell can mean (a date: that day, in its zone or in any zone; a minute: that minute)."""
        cell = self.published
        if cell is None:
            return None
        first = resolve_time(cell, self._published_zone)
        if cell.precision == DAY:
            return first, next_midnight(cell, self._published_zone) - 1
        return first, first + (MINUTE - 1 if cell.precision == MINUTE else 0)

    # ---- what the claim weighs

    @property
    def precision_points(self) -> int:
        """4 to the second, 3 to the minute, 2 within ± 2 min, 1 vaguer: a date alone, a figure in
        whole or half hours, days or weeks, an uncertainty over 2 min."""
        fields = self.__dict__  # (as `point`)
        time, uncertainty = fields["time"], fields["uncertainty_min"]
        if time is not None and time.precision == DAY:
            return 1
        if uncertainty > 0:
            return 2 if uncertainty <= 2 else 1
        if fields["relative_to"] is not None:
            rounding = self.rounding_s
            return 4 if rounding == 0 else 3 if rounding == MINUTE else 1
        return 4 if time is not None and time.precision == SECOND else 3

    @property
    def authority(self) -> int:
        return AUTHORITY[self.__dict__["source_type"] or SourceType.press]

    @property
    def base_weight(self) -> int:
        """The claim's weight: authority × precision. A claim repeating what another witness said
        (same source, `via` or quote) weighs with it as one witness (reconstruct.witnesses)."""
        return self.authority * self.precision_points

    @property
    def zone_name(self) -> str | None:
        return self.tz.name if self.tz is not None else None


# Units a figure may be written in (minutes) and how far a whole number of them may be from the
# truth (seconds): half the unit, and ± 1 min for whole minutes (format v1.2, extended past hours).
UNITS = ((7 * 1440, 84 * 3600), (1440, 12 * 3600), (60, 30 * MINUTE), (30, 15 * MINUTE), (1, MINUTE))
_UNIT_WORDS = {
    **dict.fromkeys(("minute", "minutes", "min", "mins"), 1),
    **dict.fromkeys(("hour", "hours", "hr", "hrs"), 60),
    **dict.fromkeys(("day", "days"), 1440),
    **dict.fromkeys(("week", "weeks", "wk", "wks", "fortnight"), 7 * 1440),
}
_WORDS = re.compile(r"[a-z]+")


def written_unit(text: str | None) -> int:
    """The smallest unit of time (minutes) a figure's words name ("13 days and 4 hours": an hour),
    or a week when they name none."""
    named = [_UNIT_WORDS[w] for w in _WORDS.findall(text.lower())[:200] if w in _UNIT_WORDS] if text else []
    return min(named, default=UNITS[0][0])


_DEFAULTS = {name: field.default for name, field in Claim.model_fields.items()}
_AT, _SCHEDULED = Bound.at, Kind.scheduled_start
