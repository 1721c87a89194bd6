"""The zone table of events.csv format v1: IANA zones and the common labels outlets write."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone, tzinfo
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

# Region zones behind the labels: used for the daylight-saving-aware labels (ET, CT, ...)
# and to tell when a fixed label contradicts the date (EST in May).
REGIONS = {
    "eastern": ("America/New_York", "US Eastern time"),
    "central": ("America/Chicago", "US Central time"),
    "mountain": ("America/Denver", "US Mountain time"),
    "pacific": ("America/Los_Angeles", "US Pacific time"),
    "london": ("Europe/London", "London"),
    "central-europe": ("Europe/Paris", "Central Europe"),
    "eastern-europe": ("Europe/Athens", "Eastern Europe"),
    "western-europe": ("Europe/Lisbon", "Western Europe"),
    "sydney": ("Australia/Sydney", "Eastern Australia"),
    "india": ("Asia/Kolkata", "India"),
    "japan": ("Asia/Tokyo", "Japan"),
    "korea": ("Asia/Seoul", "Korea"),
    "singapore": ("Asia/Singapore", "Singapore"),
    "hong-kong": ("Asia/Hong_Kong", "Hong Kong"),
    "new-zealand": ("Pacific/Auckland", "New Zealand"),
    "western-indonesia": ("Asia/Jakarta", "Western Indonesia"),
    "central-indonesia": ("Asia/Makassar", "Central Indonesia"),
    "eastern-indonesia": ("Asia/Jayapura", "Eastern Indonesia"),
}

# label -> (fixed offset in minutes, region whose clock the label names)
FIXED_LABELS = {
    "UTC": (0, None),
    "GMT": (0, None),
    "Z": (0, None),
    "EDT": (-240, "eastern"),
    "EST": (-300, "eastern"),
    "CDT": (-300, "central"),
    "CST": (-360, "central"),
    "MDT": (-360, "mountain"),
    "MST": (-420, "mountain"),
    "PDT": (-420, "pacific"),
    "PST": (-480, "pacific"),
    "BST": (60, "london"),
    "CET": (60, "central-europe"),
    "CEST": (120, "central-europe"),
    "EET": (120, "eastern-europe"),
    "EEST": (180, "eastern-europe"),
    "WET": (0, "western-europe"),
    "WEST": (60, "western-europe"),
    "AEST": (600, "sydney"),
    "AEDT": (660, "sydney"),
    "IST": (330, "india"),  # India Standard Time (Irish and Israel times share the letters: write IANA for those)
    "JST": (540, "japan"),
    "KST": (540, "korea"),
    "SGT": (480, "singapore"),
    "HKT": (480, "hong-kong"),
    "NZST": (720, "new-zealand"),
    "NZDT": (780, "new-zealand"),
    "WIB": (420, "western-indonesia"),  # Indonesia keeps no daylight saving: its three labels are its three clocks
    "WITA": (480, "central-indonesia"),
    "WIT": (540, "eastern-indonesia"),
}

# labels that follow daylight saving for the date
DST_LABELS = {"ET": "eastern", "CT": "central", "MT": "mountain", "PT": "pacific", "AET": "sydney", "NZT": "new-zealand"}

LABELS = tuple(sorted(set(FIXED_LABELS) | set(DST_LABELS)))


@dataclass(frozen=True)
class Zone:
    """A resolved `tz` cell: either a fixed offset or a zone with daylight-saving rules."""

    name: str
    tzinfo: tzinfo
    fixed_minutes: int | None = None
    region: str | None = None

    @property
    def is_fixed(self) -> bool:
        return self.fixed_minutes is not None

    @property
    def iana(self) -> str:
        """The IANA zone to show local times in."""
        if self.region is not None:
            return REGIONS[self.region][0]
        if isinstance(self.tzinfo, ZoneInfo):
            return self.tzinfo.key
        return "UTC"


@lru_cache(maxsize=None)
def zone(name: str) -> Zone:
    """Resolve a `tz` cell; raises ValueError with a readable message when it is unknown."""
    if name in FIXED_LABELS:
        minutes, region = FIXED_LABELS[name]
        return Zone(name, timezone(timedelta(minutes=minutes)), minutes, region)
    if name in DST_LABELS:
        region = DST_LABELS[name]
        return Zone(name, ZoneInfo(REGIONS[region][0]), None, region)
    if "/" in name or name == "UTC":
        try:
            return Zone(name, ZoneInfo(name))
        except (ZoneInfoNotFoundError, ValueError, OSError):
            pass
    hint = _suggest(name)
    if hint:  # the near miss says it all; the list of labels only when nothing is near
        raise ValueError(f"unknown zone {name!r}: did you mean {hint!r}? (an IANA zone such as America/New_York, or a label such as ET)")
    raise ValueError(f"unknown zone {name!r}: expected an IANA zone (America/New_York) or one of {', '.join(LABELS)}")


@lru_cache(maxsize=None)
def display(name: str) -> tzinfo:
    """The clock to show local times in: an IANA zone, or a fixed label (EST stays EST all year:
    a reader who asks for EST in July gets UTC−05:00, labelled EST, not New York's EDT)."""
    if name in FIXED_LABELS:
        return timezone(timedelta(minutes=FIXED_LABELS[name][0]), "UTC" if name in ("Z", "GMT") else name)
    return ZoneInfo(name)


def display_name(name: str) -> str:
    """What `display` accepts for a `--tz` option: a fixed label as itself, else an IANA zone."""
    resolved = zone(name)
    return resolved.name if resolved.is_fixed and name != "Z" else resolved.iana


# what people write for a zone → the tz cell they mean ("Pacific" is the US Pacific clock: PT)
NAMES = {
    "eastern": "ET", "eastern time": "ET", "us eastern": "ET", "new york": "America/New_York",
    "central": "CT", "central time": "CT", "us central": "CT", "chicago": "America/Chicago",
    "mountain": "MT", "mountain time": "MT", "denver": "America/Denver",
    "pacific": "PT", "pacific time": "PT", "us pacific": "PT", "los angeles": "America/Los_Angeles",
    "london": "Europe/London", "uk": "Europe/London", "british summer time": "BST", "paris": "Europe/Paris",
    "berlin": "Europe/Berlin", "central european time": "CET", "sydney": "Australia/Sydney", "india": "IST",
    "tokyo": "Asia/Tokyo", "japan": "JST", "singapore": "SGT", "zulu": "UTC", "greenwich": "GMT",
}


def _suggest(name: str) -> str | None:
    upper = name.upper().strip()
    if upper in FIXED_LABELS or upper in DST_LABELS:
        return upper
    named = NAMES.get(" ".join(name.lower().replace("_", " ").split()).removesuffix(" time").strip()) or NAMES.get(" ".join(name.lower().split()))
    if named:
        return named
    import difflib

    close = difflib.get_close_matches(name, LABELS + tuple(r[0] for r in REGIONS.values()), n=1)
    return close[0] if close else None


def offset_minutes(tz: tzinfo, at_utc: datetime) -> int:
    """The zone's UTC offset, in minutes, at an instant."""
    offset = at_utc.astimezone(tz).utcoffset()
    assert offset is not None  # an aware moment always has its offset
    return int(offset.total_seconds() // 60)


def label_contradiction(label: str, at_utc: datetime) -> str | None:
    """Explain why a fixed label (EST, BST, ...) is wrong for the date, or None when it is right.

    "EST" on 24 May in New York names a clock nobody used: New York was on EDT.
    """
    label = label.upper()
    if label not in FIXED_LABELS:
        return None
    minutes, region = FIXED_LABELS[label]
    if region is None:
        return None
    iana, place = REGIONS[region]
    actual = offset_minutes(ZoneInfo(iana), at_utc)
    if actual == minutes:
        return None
    right = [
        other
        for other, (m, r) in FIXED_LABELS.items()
        if r == region and m == actual
    ]
    if not right:
        right = ["GMT"] if actual == 0 else [format_offset(actual)]
    day = at_utc.astimezone(ZoneInfo(iana)).date().isoformat()
    return (
        f"{label} is UTC{format_offset(minutes)}, but on {day} {place} was on "
        f"{right[0]} (UTC{format_offset(actual)})"
    )


def format_offset(minutes: int) -> str:
    sign = "+" if minutes >= 0 else "-"
    h, m = divmod(abs(minutes), 60)
    return f"{sign}{h:02d}:{m:02d}"


_LABEL_IN_TEXT = re.compile(r"\b(" + "|".join(sorted(LABELS, key=len, reverse=True)) + r")\b")


def labels_in_text(text: str) -> list[str]:
    """Zone labels written in free text such as an `as_reported` cell ('7:00 p.m. EST')."""
    return [m.group(1) for m in _LABEL_IN_TEXT.finditer(text) if m.group(1) != "Z"]
