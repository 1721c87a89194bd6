"""The event ids of a draft: a milestone's is its kind's, the same in every text of an incident
(`impact-start`); any other event's is made of its clause's own words, new in the incident
("oce-rules-out-database"), numbered when the words were used before ("…-2")."""

from __future__ import annotations

from ..model.ids import slugify
from ..timetext.lexicon import CJK_CHARACTER

EVENT_IDS = {  # a milestone's id is its kind's, as `incident new` names its starter rows
    "scheduled_start": "scheduled-start", "impact_start": "impact-start", "detection": "detection",
    "acknowledgement": "acknowledgement", "report": "reports", "communication": "update", "mitigation": "mitigation",
    "recovery": "recovery", "resolution": "resolution", "end": "end", "cause": "cause", "other": "event",
    "measurement": "measurement",
}
# milestones: one event each, whatever the words; the rest are events of their own, named by their words
MILESTONES = frozenset({"scheduled_start", "impact_start", "detection", "acknowledgement", "mitigation", "recovery",
                        "resolution", "end"})
# words that tell nothing of an event, in the languages extract reads (as slugify writes them: "à" → "a"),
# and the words of a time (its month, weekday, zone): an id is made of what happened
_STOP = {"the", "a", "an", "of", "to", "and", "on", "in", "at", "by", "for", "was", "were", "is", "are", "has", "have",
         "had", "been", "be", "it", "its", "we", "our", "they", "their", "that", "this", "with", "from", "as", "after",
         "there", "he", "she", "his", "her", "them", "when", "which", "who", "while", "but", "or", "then", "than", "into",
         "about", "around", "approximately", "just", "some", "said", "says", "according", "before", "also", "time",
         "am", "pm", "utc", "gmt", "et", "pt", "ct", "bst", "cet", "cest", "edt", "est", "pdt", "pst", "local", "today",
         "ist", "jst", "kst", "hkt", "sgt", "aest", "aedt", "awst", "acst", "nzst", "nzdt", "nzt", "cst", "cdt", "mst", "mdt",
         "eet", "eest", "msk", "hrs", "uhr", "re", "ll", "ve", "s", "t",
         "yesterday", "tonight", "morning", "afternoon", "evening", "night",
         "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
         "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
         # French, German, Spanish, Portuguese, Italian, Dutch
         "le", "la", "les", "l", "de", "des", "du", "d", "un", "une", "au", "aux", "en", "dans", "sur", "par", "pour",
         "que", "qui", "ce", "cette", "ces", "car", "se", "sa", "son", "ses", "sont", "nous", "il", "elle", "ils",
         "der", "die", "das", "den", "dem", "ein", "eine", "einen", "und", "zu", "im", "um", "mit", "von", "auf", "fur",
         "war", "wir", "sie", "es", "hat", "sich", "aber", "el", "los", "las", "del", "y", "con", "por", "para", "su",
         "o", "os", "do", "da", "dos", "em", "no", "na", "nos", "com", "uma", "lo", "gli", "di", "e", "che",
         "per", "het", "een", "van", "op", "te",
         # Indonesian and Malay
         "yang", "dan", "ke", "dari", "pada", "ini", "itu", "untuk", "dengan", "adalah", "akan", "telah", "sudah",
         "sedang", "tidak", "bahwa", "atau", "juga", "oleh", "dalam", "saat", "salah", "satu", "kata", "ia"}


def event_id(kind: str, clause, events: dict, taken: set[str] | None = None) -> str:
    """The incident's existing event of that kind when there is exactly one (`events`: id → kind); a
    milestone's draft id; for any other kind, an id of the clause's own words, new in the incident."""
    same = sorted(event for event, k in events.items() if k == kind)
    if len(same) == 1 and kind in MILESTONES:
        return same[0]
    if kind in MILESTONES or taken is None:
        return EVENT_IDS[kind]
    return words_id(" ".join(clause) if isinstance(clause, tuple) else str(clause), taken) \
        or unique_event(EVENT_IDS.get(kind, kind.replace("_", "-")), taken)


def words_id(words: str, taken) -> str:
    """An id of up to four of the words' telling words ("There was a small technical glitch" →
    'small-technical-glitch'), new in `taken`; '' when the words have none."""
    slug = slugify(CJK_CHARACTER.sub(" ", words)).split("-")  # "dès" → "des"; "PayPayアプリ … PayPayの" → "paypay"
    kept = [w for w in dict.fromkeys(slug) if w not in _STOP and not w.isdigit() and not _ordinal(w)]
    stem = "-".join(kept[:4])[:48].strip("-")
    telling = any(c.isalpha() for c in stem)  # not "61020" of "6月10日20時": the words' own time, not its words
    return unique_event(stem, taken) if telling else ""


class Taken(set):
    """The event ids used so far, and for each stem the next number to try: the k-th sentence
    with the same words costs one step, not k (ids are only ever added, so every smaller number
    is still taken)."""

    def __init__(self, names=()):
        super().__init__(names)
        self.next: dict[str, int] = {}


def unique_event(stem: str, taken) -> str:
    """`stem`, else the first of stem-2, stem-3, … not in `taken` (the ids used so far: a set, or a dict by id)."""
    event, n = stem, getattr(taken, "next", {}).get(stem, 2)
    while event in taken:
        event, n = f"{stem}-{n}", n + 1
    if isinstance(taken, Taken):
        taken.next[stem] = n
    return event


def _ordinal(word: str) -> bool:
    """'24th', '1st', '10h', '9h13', '5pm': a time's or a number's word, no event's."""
    return word[:1].isdigit() and sum(c.isalpha() for c in word) <= 2
