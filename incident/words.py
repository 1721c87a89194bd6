"""How a count reads: '1 claim', '2 claims', '1,234 incidents', '1 witness', '3 witnesses': one
wording everywhere, never 'claim(s)'."""

from __future__ import annotations

_IRREGULAR = {"witness": "witnesses", "copy": "copies", "entry": "entries", "this": "these", "has": "have"}


def counted(n: int, noun: str, plural: str | None = None) -> str:
    return f"{n:,} {plural_of(n, noun, plural)}"


def plural_of(n: int, noun: str, plural: str | None = None) -> str:
    if n == 1:
        return noun
    if plural is not None:
        return plural
    if noun in _IRREGULAR:
        return _IRREGULAR[noun]
    *head, last = noun.split(" ")  # "action item" → "action items", "claim set aside" is written out
    return " ".join([*head, _IRREGULAR.get(last, last + "s")])
