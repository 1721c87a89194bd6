"""Days named by a fixed-date holiday ("New Year's Eve", "Christmas Day", "Boxing Day"): a month and
a day, their year the text's, as "April 4th" is read."""

from __future__ import annotations

# the holiday's words as the scanner cuts them ("Year's" is "year", "'", "s") → (month, day)
_HOLIDAYS = {
    ("new", "year", "'", "s", "eve"): (12, 31), ("new", "year", "’", "s", "eve"): (12, 31),
    ("new", "year", "'", "s", "day"): (1, 1), ("new", "year", "’", "s", "day"): (1, 1), ("new", "years", "eve"): (12, 31),
    ("christmas", "eve"): (12, 24), ("christmas", "day"): (12, 25), ("boxing", "day"): (12, 26),
    ("halloween",): (10, 31), ("valentine", "'", "s", "day"): (2, 14), ("valentine", "’", "s", "day"): (2, 14),
    ("independence", "day"): (7, 4), ("bastille", "day"): (7, 14), ("saint", "patrick", "'", "s", "day"): (3, 17),
    ("st", "patrick", "'", "s", "day"): (3, 17), ("st", ".", "patrick", "'", "s", "day"): (3, 17),
}
FIRST_WORDS = frozenset(words[0] for words in _HOLIDAYS)


def holiday_at(scanner, j: int, date_part):
    """(a `date_part` of it, the index after) when a holiday's name begins at token j, its year after it
    if written ("New Year's Eve 2003"); else None. A holiday's words begin with a capital letter."""
    if scanner.low(j) not in FIRST_WORDS or not scanner.t[j].text[:1].isupper():
        return None
    for words, (month, day) in _HOLIDAYS.items():
        if words[0] == scanner.low(j) and scanner.words_at(j, words):
            end = j + len(words)
            year, k = scanner._year_at(end)
            return date_part(scanner.t[j].start, scanner.t[k - 1].end, year, month, day), k
    return None
