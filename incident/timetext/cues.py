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
    word the text does not hold is not searched for: the phrases are indexed by their first word once,
    and only those whose first word a side holds are looked at (a cue list of hundreds costs a few)."""
    best = None
    try:
        plain, other = _index(words)
    except TypeError:  # a list of words that is no tuple: each looked at in turn
        plain, other = {}, tuple(words)
    for side, text in enumerate((before, after)):
        held = _words_of(text)
        if len(held[0]) < len(plain):
            firsts = [w for w in held[0] if w in plain]
        else:
            firsts = [w for w in plain if w in held[0]]
        for word in (*(phrase for first in firsts for phrase in plain[first]), *other):
            first, stem = _FIRST.get(word) or _first_word(word)
            if not _holds(held, first, stem):
                continue
            at = find(text, word, last=side == 0)
            if at >= 0:
                distance = len(before) - (at + len(word.rstrip("*"))) if side == 0 else AFTER + at
                best = min(best or (distance, word), (distance, word))
    return best


@functools.lru_cache(maxsize=1024)
def _index(words: tuple) -> tuple[dict[str, tuple[str, ...]], tuple[str, ...]]:
    """The phrases of a cue list by their first whole word, and the rest (stems, phrases opening with no letter)."""
    plain: dict[str, list[str]] = {}
    other = []
    for word in words:
        first, stem = _FIRST.get(word) or _first_word(word)
        if first and not stem:
            plain.setdefault(first, []).append(word)
        else:
            other.append(word)
    return {first: tuple(phrases) for first, phrases in plain.items()}, tuple(other)


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


