"""What a clause's words give a drafted row besides its time: a count at the time ("28,842 reports
as of 5:02 p.m."), and a short label of its own words for charts and tables."""

from __future__ import annotations

import re

_COUNT = re.compile(r"(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:\s*(%|per ?cent)(?:\s+of)?|(?:\s+(million|thousand|billion|lakh|crore))?\s+"
                    r"(?:outage\s+|api\s+)?(reports|users|customers|people|listeners|viewers|calls|complaints|accounts|subscribers"
                    r"|hits|requests|registrations|transactions|visits|players|fans|devices|tickets|orders|sessions|machines))\b",
                    re.IGNORECASE)
_SCALE = {"million": 1_000_000, "thousand": 1_000, "billion": 1_000_000_000, "lakh": 100_000, "crore": 10_000_000}


def count_in(clause: tuple[str, str]) -> tuple[str, str, str] | None:
    """A figure counted at the time ("28,842 reports as of 5:02 p.m."): (value, unit, the words), or None."""
    for part in clause:
        m = _COUNT.search(part)
        if m:
            if m[2]:  # "99% of Windows sensors"
                return m[1], "%", m.group(0)
            value = float(m[1].replace(",", "")) * _SCALE.get((m[3] or "").lower(), 1)
            return (str(int(value)) if value == int(value) else f"{value:g}"), m[4].lower(), m.group(0)
    return None


def label_of(clause: tuple[str, str], width: int = 60) -> str:
    """A short label for charts and tables, of the clause's own words ("Synthetic monitoring detects
    elevated 503 errors"): at most `width` characters, cut at a word."""
    before, after = (" ".join(part.split()) for part in clause)
    words = (after if len(after) >= len(before) else before).strip(" ,;:—–-.")
    words = re.sub(r"^(at|on|by|from|until|since|around|about)\s+", "", words)
    # the clause before its time ends in the word that led to it ("Checkout was fully restored at")
    words = re.sub(r"\s+(at|on|around|about|approximately|roughly)\Z", "", words, flags=re.IGNORECASE)
    if len(words) > width:
        words = words[: width - 1].rsplit(" ", 1)[0].rstrip(" ,;:") + "…"
    return words[:1].upper() + words[1:]
