"""Words around a clock that say how to read it, apart from the clock itself: a zone a text declares for
all its times ("All times UTC"), a clock written again in another zone, a 'not' before 'until'."""

from __future__ import annotations

from .scan import Expression, Scanner


_DECLARING = {"are", "is", "in", "shown", "given", "listed", "expressed", "as", "all", "reported", "the",
              "(", ":", "zone"}  # "## Timeline (UTC)", "| Time (UTC) |", "Time zone: UTC"


def declared_zone(reader: Scanner, j: int) -> str | None:
    """"All times UTC", "(times are in Pacific Time)", "timestamps in CET": the zone after 'times'."""
    k = j + 1
    while k < reader.n and k - j <= 4 and reader.low(k) in _DECLARING:
        k += 1
    zone = reader.zone_at(k, after_clock=True)
    if zone is None or zone.offset is not None or zone.cell == "local":
        return None
    return "UTC" if zone.cell == "Z" else zone.cell


def twin(reader: Scanner, first: Expression, second: Expression) -> bool:
    """A clock time written again in another zone ("around 4:10am GMT / 11:10pm Central", "09:00 CEST
    (03:00 AM EDT, 00:00 PDT)"): the second takes the first's qualifier."""
    if first.kind == second.kind == "range":  # "12:08 PM – 1:30 PM (19:08 – 20:30 UTC)"
        return reader.text[first.end:second.start].strip() in ("(", "/", "=")
    if first.kind != "clock" or second.kind != "clock" or second.qualifier or not (first.bound or first.uncertainty):
        return False
    between = reader.text[first.end:second.start].strip()
    return between in ("/", "(", ",", "or", "=") or between.replace(" ", "") in ("(", "/(")


_PAST = ("was", "were", "did", "had", "wasn", "weren", "didn", "hadn")  # before 'not' or "-n't": a past negated


def negated(reader: Scanner, j: int, past: bool = False) -> bool:
    """A 'no', 'not' or '-n't' among the six words before token j, in the same clause; with `past`,
    only one of a past verb ("wasn't", "were not", "didn't")."""
    for i in range(j - 1, max(j - 7, -1), -1):
        word = reader.low(i)
        if word in (",", ".", ";", ":"):
            return False
        if word in ("no", "not", "never", "t", "nothing", "won"):
            if not past:
                return True
            k = i - 2 if word == "t" else i - 1  # "wasn", "'", "t"
            return word in ("not", "t") and k >= 0 and reader.low(k) in _PAST
    return False
