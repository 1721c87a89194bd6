"""Where a cue's words occur in a clause: whole words (a stem when the cue ends in '*'), the last
before the time and the first after it, and which cue is nearest the time. A clause's words are found
once, so a cue whose first word the clause does not hold costs a set lookup, not a search."""

from __future__ import annotations

import bisect
import functools
import re

AFTER = 10_000  # a word after the expression counts only when none before it does


def _boundary(text: str, at: int, length: int, stem: bool) -> bool:
    if at > 0 and (text[at - 1].isalnum()):
        return False
    end = at + length
    return stem or end >= len(text) or not text[end].isalnum()


def find(text: str, phrase: str, last: bool) -> int:
    """Where `phrase` occurs in `text` as whole words (a stem when it ends in '*'): the last
    occurrence, or the first; -1 when none."""
    stem = phrase.endswith("*")
    word = phrase.rstrip("*")
    at = text.rfind(word) if last else text.find(word)
    while at >= 0:
        if _boundary(text, at, len(word), stem):
            return at
        at = text.rfind(word, 0, at) if last else text.find(word, at + 1)
    return -1


def nearest(words, before: str, after: str) -> tuple[int, str] | None:
    """(distance, word) of the word of `words` nearest the expression, or None. A phrase whose first
    word the text does not hold is not searched for: one pass over the text's words, not one per phrase."""
    best = None
    held = _words_of(before), _words_of(after)
    for word in words:
        first, stem = _FIRST.get(word) or _first_word(word)
        if _holds(held[0], first, stem):
            at = find(before, word, last=True)
            if at >= 0:
                distance = len(before) - (at + len(word.rstrip("*")))
                best = min(best or (distance, word), (distance, word))
        if _holds(held[1], first, stem):
            at = find(after, word, last=False)
            if at >= 0:
                best = min(best or (AFTER + at, word), (AFTER + at, word))
    return best


_WORD = re.compile(r"[^\W_]+")  # a run of letters and digits: what _boundary calls a word's edge
_FIRST: dict[str, tuple[str, bool]] = {}


def _first_word(phrase: str) -> tuple[str, bool]:
    """A phrase's first word, and whether that word is a stem (a one-word phrase ending in '*')."""
    found = _WORD.match(phrase)
    word = found.group(0) if found else ""
    _FIRST[phrase] = (word, phrase.rstrip("*") == word and phrase.endswith("*"))
    return _FIRST[phrase]


@functools.lru_cache(maxsize=256)
def _words_of(text: str) -> tuple[frozenset[str], tuple[str, ...]]:
    """The words of a text, as a set and sorted (for stems)."""
    words = frozenset(_WORD.findall(text))
    return words, tuple(sorted(words))


def _holds(held: tuple[frozenset[str], tuple[str, ...]], first: str, stem: bool) -> bool:
    """Whether a text whose words are `held` may hold a phrase whose first word is `first`."""
    if not first:
        return True  # a phrase that opens with no letter or digit: searched for as written
    if not stem:
        return first in held[0]
    at = bisect.bisect_left(held[1], first)
    return at < len(held[1]) and held[1][at].startswith(first)


