"""The instants the model speaks of: the calendar's bounds, the `time` cell (a local wall-clock
time, its precision and offset) and the UTC instant it names in a zone."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone
from typing import Any


from . import slashdates, zones



SECOND = 1
MINUTE = 60
DAY = 86400

# All of an incident's claims are expected within this many seconds of their median; one further
# off is most likely a typo in its date (2042 for 2024) and is warned with its line.
PLAUSIBLE_SPAN = 30 * DAY

# The zones on Earth, as offsets from UTC in minutes: a date written with no zone ("on 17 April")
# is that day in any of them, from its midnight at UTC+14 to its end at UTC−12.
EASTMOST, WESTMOST = 14 * 60, -12 * 60

EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)
# The instants a time may name: the years 1–9999, less a day at each end so that every instant
# can be shown in every zone (UTC−12 to UTC+14).
MIN_INSTANT = int((datetime(1, 1, 2, tzinfo=timezone.utc) - EPOCH).total_seconds())
MAX_INSTANT = int((datetime(9999, 12, 30, 23, 59, 59, tzinfo=timezone.utc) - EPOCH).total_seconds())


def in_calendar(seconds: int) -> int:
    """`seconds` clipped to the instants the calendar can show (MIN_INSTANT to MAX_INSTANT)."""
    # (min(max(seconds, MIN_INSTANT), MAX_INSTANT), without the two calls: every claim's reading asks)
    return MIN_INSTANT if seconds < MIN_INSTANT else MAX_INSTANT if seconds > MAX_INSTANT else seconds


def iso_utc(seconds: int) -> str:
    """Epoch seconds → ISO 8601 UTC with a four-digit year: '0001-01-02T00:00:00Z'."""
    moment = from_epoch(seconds)
    return f"{moment.year:04d}-{moment:%m-%dT%H:%M:%S}Z"


class ColumnError(ValueError):
    """A rule across fields broken, blamed on one column."""

    def __init__(self, column: str, message: str):
        super().__init__(message)
        self.column = column
        self.message = message


_TIME = re.compile(
    r"(?P<y>\d{4})-(?P<mo>\d{2})-(?P<d>\d{2})"
    r"(?:[T ](?P<h>\d{2}):(?P<mi>\d{2})(?::(?P<s>\d{2}))?)?"
    r"\s*(?P<off>Z|[+-]\d{2}:\d{2})?\Z"
)
_SERIAL = re.compile(r"\d{5}(\.\d+)?\Z")


class TimeCell:
    """A parsed `time` cell: a local wall-clock time, its precision and an optional offset."""

    __slots__ = ("local", "precision", "offset", "text")

    def __init__(self, local: datetime, precision: int, offset: int | None, text: str = ""):
        self.text = text or local.isoformat(sep=" ")
        self.local = local
        self.precision = precision  # seconds covered: DAY, MINUTE or SECOND
        self.offset = offset  # minutes east of UTC, when the cell carries one

    @classmethod
    def parse(cls, text: str) -> "TimeCell":
        text = text.strip()
        m = _TIME.match(text)
        if not m:
            raise ValueError(time_hint(text))
        y, mo, d = int(m["y"]), int(m["mo"]), int(m["d"])
        try:
            day = date(y, mo, d)
        except ValueError:
            raise ValueError(f"{text!r} is not a date (no such day in {y:04d}-{mo:02d})") from None
        if m["h"] is None:
            local, precision = datetime(day.year, day.month, day.day), DAY
        else:
            h, mi, s = int(m["h"]), int(m["mi"]), int(m["s"] or 0)
            if h > 23 or mi > 59 or s > 59:
                raise ValueError(
                    f"{text!r}: {m['h']}:{m['mi']}{':' + m['s'] if m['s'] else ''} is not a "
                    "time of day (hours 00–23, minutes and seconds 00–59)"
                )
            local = datetime(y, mo, d, h, mi, s)
            precision = SECOND if m["s"] is not None else MINUTE
        offset = None
        if m["off"]:
            if m["off"] == "Z":
                offset = 0
            else:
                sign = -1 if m["off"][0] == "-" else 1
                oh, om = int(m["off"][1:3]), int(m["off"][4:6])
                if oh > 14 or om > 59:
                    raise ValueError(f"{text!r}: {m['off']} is not a UTC offset")
                offset = sign * (oh * 60 + om)
        return cls(local, precision, offset, text)

    def __str__(self) -> str:
        return self.text

    def __repr__(self) -> str:
        return f"TimeCell({self.text!r})"


def time_hint(text: str) -> str:
    expected = "expected YYYY-MM-DD, YYYY-MM-DD HH:MM or YYYY-MM-DD HH:MM:SS, optionally with Z or ±HH:MM"
    slashed = slashdates.hint(text)
    if slashed:
        return slashed
    if _SERIAL.match(text):
        serial = float(text)
        as_date = datetime(1899, 12, 30) + timedelta(days=serial)
        return (
            f"{text!r} looks like a spreadsheet date serial number ({as_date:%Y-%m-%d %H:%M}); "
            f"format the column as text and write {expected.split(', ')[1].split(' or ')[0]}"
        )
    twelve = re.fullmatch(r"(\d{4}-\d{2}-\d{2})[T ](\d{1,2}):(\d{2})(?::\d{2})?\s*([AaPp])\.?[Mm]\.?", text)
    if twelve and 1 <= int(twelve[2]) <= 12:
        hour = int(twelve[2]) % 12 + (12 if twelve[4].lower() == "p" else 0)
        return f"{text!r}: use the 24-hour clock, e.g. '{twelve[1]} {hour:02d}:{twelve[3]}' (put the words as written in as_reported)"
    if re.fullmatch(r"\d{1,2}[:.]\d{2}.*", text):
        return f"{text!r} has no date; {expected} (put the words as written in as_reported)"
    if re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}([T ]\d{1,2}:\d{1,2}(:\d{1,2})?)?.*", text):
        return f"{text!r}: write two digits for month, day, hour and minute; {expected}"
    return f"{text!r} is not a time; {expected}"


def to_epoch(moment: datetime) -> int:
    return int((moment - EPOCH).total_seconds())


def from_epoch(seconds: float) -> datetime:
    return EPOCH + timedelta(seconds=seconds)


def resolve_time(cell: TimeCell, tz: zones.Zone | None) -> int:
    """The UTC instant (epoch seconds) a time cell names; raises ColumnError."""
    local = cell.local
    if not MIN_INSTANT + DAY <= to_epoch(local.replace(tzinfo=timezone.utc)) <= MAX_INSTANT - DAY:
        raise ColumnError(
            "time", f"{cell.text!r} is outside the calendar (times run from 0001-01-03 to 9999-12-29): a typo in the year?"
        )
    if cell.offset is not None:
        instant = local.replace(tzinfo=timezone(timedelta(minutes=cell.offset)))
        if tz is not None:
            expected = tz.fixed_minutes
            if expected is None:
                expected = zones.offset_minutes(tz.tzinfo, instant)
            if expected != cell.offset:
                raise ColumnError(
                    "tz",
                    f"the time's offset {zones.format_offset(cell.offset)} contradicts {tz.name} "
                    f"(UTC{zones.format_offset(expected)} on {local:%Y-%m-%d})",
                )
        return to_epoch(instant)
    if tz is None:
        if cell.precision == DAY:  # a day with no stated zone: that day in any zone on Earth
            return to_epoch(local.replace(tzinfo=timezone(timedelta(minutes=EASTMOST))))
        raise ColumnError(
            "tz", "the time has no offset and no zone: give tz (e.g. UTC, ET, America/New_York) or end the time with Z or ±HH:MM "
            "(only a date alone may go without a zone)"
        )
    if tz.is_fixed or cell.precision == DAY:
        return to_epoch(local.replace(tzinfo=tz.tzinfo))
    early = local.replace(tzinfo=tz.tzinfo, fold=0)
    late = local.replace(tzinfo=tz.tzinfo, fold=1)
    if early.utcoffset() != late.utcoffset():
        roundtrip = early.astimezone(timezone.utc).astimezone(tz.tzinfo).replace(tzinfo=None)
        if roundtrip != local:
            raise ColumnError(
                "time",
                f"{local:%Y-%m-%d %H:%M} does not exist in {tz.name} (the clocks skipped it when "
                "daylight saving began); give the offset the source meant",
            )
        raise ColumnError(
            "time",
            f"{local:%Y-%m-%d %H:%M} happened twice in {tz.name} (the clocks went back); "
            f"add the offset: {zones.format_offset(zones.offset_minutes(tz.tzinfo, early))} "
            f"or {zones.format_offset(zones.offset_minutes(tz.tzinfo, late))}",
        )
    return to_epoch(early)


def next_midnight(cell: TimeCell, tz: zones.Zone | None) -> int:
    """The instant the local calendar day after a date-only cell begins (epoch seconds)."""
    following = cell.local + timedelta(days=1)
    if cell.offset is not None:
        return to_epoch(following.replace(tzinfo=timezone(timedelta(minutes=cell.offset))))
    if tz is None:  # a day with no stated zone ends when it ends in the westmost zone
        return to_epoch(following.replace(tzinfo=timezone(timedelta(minutes=WESTMOST))))
    return to_epoch(following.replace(tzinfo=tz.tzinfo))


def time_cell(value: Any) -> TimeCell | None:
    if value is None or isinstance(value, TimeCell):
        return value
    return TimeCell.parse(str(value))
