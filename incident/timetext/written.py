"""How a clock time read from a text is written in the cells of a claim, and the words of its notes."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timezone
from typing import TYPE_CHECKING

from ..model import zones
from .scan import ClockPart

if TYPE_CHECKING:
    from .readings import Reading


def is_24h(clock: ClockPart) -> bool:
    """Whether the clock is written as the 24-hour clock writes it."""
    # "09:05", "0:42", "14:30", "10:00:00": no 12-hour writer writes seconds and no a.m. or p.m.
    return clock.meridiem is None and (clock.padded or clock.hour == 0 or clock.hour >= 13 or clock.second is not None)


def twelve_hour_note(clock: ClockPart, hour: int, other: int) -> str:
    """The note of a clock read as one of its two 12-hour readings."""
    written = f"{clock.hour}:{clock.minute:02d}"
    return (f"'{written}' has no a.m. or p.m.: read as {hour:02d}:{clock.minute:02d}, the reading that fits the text's "
            f"dates (the later one on its day, not after the text's date, unless a time before it decides); "
            f"the other reading is {other:02d}:{clock.minute:02d}")


def cell_text(local: datetime, clock: ClockPart, zone: zones.Zone) -> str:
    """The time cell of a local time, to the second when the text writes seconds."""
    text = f"{local.year:04d}-{local:%m-%d %H:%M}"
    if clock.second is not None:
        text += f":{clock.second:02d}"
    if zone.fixed_minutes is not None and zone.name not in zones.FIXED_LABELS:
        text += zones.format_offset(zone.fixed_minutes)
    return text


def in_zone(instant: int, cell: str) -> tuple[str, str, int]:
    """(time cell, tz cell, instant) of an instant in the zone of a tz cell."""
    local = datetime.fromtimestamp(instant, timezone.utc).astimezone(zones.zone(cell).tzinfo)
    return f"{local.year:04d}-{local:%m-%d %H:%M}", cell, instant


def only_zone(text: str, expressions: list) -> str | None:
    """The one zone a text labels its clocks with, if only one: not a time said again in another
    ("11:45 AM ET (4:45 PM WEST)"), nor "local time", which names no zone."""
    said_again = {id(e) for before, e in zip(expressions, expressions[1:]) if text[before.end:e.start].strip() in ("(", "/", "/(", "=")}
    labelled = {c.zone.cell for e in expressions if id(e) not in said_again for c in (e.clock, e.until)
                if c is not None and c.zone is not None and c.zone.cell != "local"}
    return next(iter(labelled)) if len(labelled) == 1 else None


def label_checked(cell: str, zone: zones.Zone, local: datetime, moment: datetime, warnings: list):
    """A fixed label that names a clock its region did not use that day ("4 p.m. PST" in April)
    is read as the region's clock, as the writer meant, with validate's warning."""
    if not zone.is_fixed or not cell:
        return cell, moment, local
    problem = zones.label_contradiction(cell, moment)
    if problem is None:
        return cell, moment, local
    meant = next((label for label, region in zones.DST_LABELS.items() if region == zone.region), None)
    assert zone.region is not None  # a label that contradicts its date is a region's (EST: US Eastern)
    meant = meant or zones.REGIONS[zone.region][0]
    moment = local.replace(tzinfo=zones.zone(meant).tzinfo).astimezone(timezone.utc)
    warnings.append(f"the source writes {cell}: {zones.label_contradiction(cell, moment)}; the time is read as {meant}")
    return meant, moment, local


_MONTH_FIRST = ("ET", "EDT", "EST", "CT", "CDT", "CST", "MT", "MDT", "MST", "PT", "PDT", "PST", "JST", "KST",
                # Japan, Korea, China, Taiwan and the Philippines write a short date month first ("10/10", "3/4")
                "Asia/Tokyo", "Asia/Seoul", "Asia/Shanghai", "Asia/Taipei", "Asia/Manila")


def slash_day_first(tz: str | None) -> bool | None:
    """Whether the text's slash dates put the day first: not in North America's zones nor in East Asia's; not known
    without a zone."""
    if not tz:
        return None
    return not (tz in _MONTH_FIRST or tz.startswith(("America/", "US/", "Canada/")))


def midnight_twin(text: str, first: Reading, second: Reading, prior: int | None) -> tuple[Reading, Reading] | None:
    """A time said again in another zone right after it ("not fully resolved until approximately 0:44
    UTC (4:44 pm PT)") that the story's day put a day apart from it: one moment, each said in its own
    zone. The day is the one that keeps the story's order: after the time read before them, else the
    earlier. (first, second) re-dated, or None when they are no such pair or nothing decides."""
    if first.kind != "clock" or second.kind != "clock" or first.instant is None or second.instant is None \
            or first.tz == second.tz or prior is None or abs(first.instant - second.instant) != 86_400 \
            or text[first.end:second.start].strip() not in ("(", "/", "/(", "="):
        return None
    early, late = sorted((first.instant, second.instant))
    moment = late if early < prior <= late else early
    note = "said again in another zone a day apart: one moment, on the day that keeps the story's order"
    first, second = (r if r.instant == moment else replace(r, time=in_zone(moment, r.tz)[0] + r.time[16:], instant=moment,
                                                            notes=(*r.notes, note)) for r in (first, second))
    return first, second
