"""What the readers of languages written without spaces between words (Japanese) or with particles
joined to their words (Korean) share: a text cut into one token a character (a number one token),
words found at a token by comparing characters, a bounded number of tokens ahead, so that a text is
still read in one pass."""

from __future__ import annotations

from datetime import date, timedelta

from .scan import DatePart, Scanner, ZonePart


class Characters:
    """The tokens of one text, read a character at a time."""

    def __init__(self, reader: Scanner):
        self.r = reader
        self.t = reader.t

    def at(self, j: int, word: str) -> int:
        """The index after `word` written at token j (one token a character, a number one token), or 0."""
        k = j
        for c in word:
            if not 0 <= k < self.r.n or self.t[k].text != c:  # "26分後" at the text's start: nothing before it
                return 0
            k += 1
        return k

    def first(self, j: int, table) -> tuple | None:
        """The first entry of `table` whose words are written at j, with the index after them (only
        the entries that begin with the character at j are tried)."""
        if j >= self.r.n:
            return None
        if id(table) not in BY_FIRST:
            BY_FIRST[id(table)] = by_first(table)
        for entry in BY_FIRST[id(table)].get(self.t[j].text, ()):
            k = self.at(j, entry[0])
            if k:
                return entry, k
        return None

    def number(self, j: int, digits: int = 2) -> int | None:
        if 0 <= j < self.r.n and self.t[j].num and len(self.t[j].text) <= digits:
            return int(self.t[j].text)
        return None


BY_FIRST: dict[int, dict[str, list]] = {}  # a table (by its id: the tables are the module's, kept) → its entries by first character


def by_first(table) -> dict[str, list]:
    index: dict[str, list] = {}
    for entry in table:
        index.setdefault(entry[0][0], []).append(entry)
    return index


def shifted(part: DatePart, shift: int) -> DatePart:
    """A copy of a date moved by `shift` days: '翌日' after '10月10日' is 11 October; after '10日', the 11th."""
    moved = DatePart(part.start, part.end, part.year, part.month, part.day, part.weekday, part.relative, None)
    if not shift:
        return moved
    if part.relative is not None:
        moved.relative = part.relative + shift
    if part.weekday is not None:
        moved.weekday = (part.weekday + shift) % 7
    if part.day is not None and part.month is not None:
        day = date(part.year or 2001, part.month, part.day) + timedelta(days=shift)  # a year not written: a common year
        moved.month, moved.day = day.month, day.day
        moved.year = day.year if part.year is not None else None
    elif part.day is not None:
        moved.day = min(31, max(1, part.day + shift))
    return moved


def zone_part(reader: Scanner, j: int, k: int, cell: str) -> ZonePart:
    zone = ZonePart(reader.t[j].start, reader.t[k - 1].end, cell)
    zone.text, zone.next = reader.text[zone.start:zone.end], k
    return zone
