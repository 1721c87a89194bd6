"""What a clause's words give a drafted row besides its time: a count at the time ("28,842 reports
as of 5:02 p.m."), a short label of its own words for charts and tables, and what a time that ends
a state ("was offline until 15:23", "lasted until 17:45") is the end of."""

from __future__ import annotations

import re
from typing import Callable

from ..timetext.europe import names_failure
from ..timetext.kinds import NOT_YET, Guess, denies
from ..timetext.lexicon import MONTH_STEMS
from ..timetext.readings import Reading

_UNITS = ("reports|users|customers|people|listeners|viewers|calls|complaints|accounts|subscribers|hits|requests|registrations"
          "|transactions|visits|players|fans|devices|tickets|orders|sessions|machines|passengers|flights"
          # the same in the other languages extract reads ("3 000 voyageurs", "300mila domande")
          "|voyageurs|passagers|usagers|clients|utilisateurs|abonnés|vols|nutzer|kunden|fahrgäste|passagiere|flüge"
          "|usuarios|clientes|pasajeros|viajeros|vuelos|utenti|clienti|passeggeri|domande|voli|gebruikers|klanten"
          "|reizigers|vluchten|usuários|passageiros|voos"
          # reports of a fault ("plus de 1400 rapports d'erreur", "200.000 Störungsmeldungen")
          "|rapports|signalements|plaintes|meldungen|störungsmeldungen|reportes|quejas|segnalazioni|meldingen"
          "|storingsmeldingen|relatos|reclamações|notificaciones")
_COUNT = re.compile(r"(\d{1,3}(?:,\d{3})+(?!\d)|\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?!\d)|\d+(?:[.,]\d+)?)"
                    r"(?:\s*(%|per ?cent\b|por ciento\b|pour cent\b|per cento\b)"
                    r"|(?:\s*(million|thousand|billion|lakh|crore|mila|mil|millions|millones|milioni|miljoen|milhões|tausend))?\s+"
                    rf"(?:outage\s+|api\s+)?({_UNITS})\b)", re.IGNORECASE)
_SCALE = {"million": 1_000_000, "thousand": 1_000, "billion": 1_000_000_000, "lakh": 100_000, "crore": 10_000_000,
          "mila": 1_000, "mil": 1_000, "millions": 1_000_000, "millones": 1_000_000, "milioni": 1_000_000,
          "miljoen": 1_000_000, "milhões": 1_000_000, "tausend": 1_000}
# a count at a time in Japanese, Korean or Chinese: the time is said to be the moment of a count
# ("午後0時半時点で国内線87便が欠航": as of 12:30, 87 flights cancelled), its figure with a counter word
_AS_OF = ("時点", "시점", "时点")
_CJK_COUNT = re.compile(r"(\d{1,9})(?:([万萬千億억만천])(\d{0,4}))?\s?(便|人|名|件|台|社|店|機|명|건|대|편|곳|个|個|架次)")
_CJK_SCALE = {"万": 10_000, "萬": 10_000, "만": 10_000, "千": 1_000, "천": 1_000, "億": 100_000_000, "억": 100_000_000}
_CJK_UNITS = {"便": "flights", "편": "flights", "架次": "flights", "機": "aircraft", "人": "people", "名": "people",
              "명": "people", "件": "cases", "건": "cases", "台": "machines", "대": "machines", "社": "companies",
              "店": "shops", "곳": "places", "个": "items", "個": "items"}
_NEAR = 300  # characters of a clause read for its count, each side of the time
# a relative clause the time is in ("reports in the first half hour of the outage, which began at 9:20"):
# a count before it is the main clause's, not one at the time
_WHICH = (", which ", ", qui ", ", que ", ", die ", ", der ", ", das ", ", welche", ", che ", ", la quale ", ", il quale ",
          ", dat ", ", el cual ", ", la cual ")


def count_in(clause: tuple[str, str]) -> tuple[str, str, str] | None:
    """A figure counted at the time ("28,842 reports as of 5:02 p.m.", "87,37 % a las 4.00h"): (value,
    unit, the words), or None. Only the words nearest the time are read."""
    before, after = clause[0][-_NEAR:], clause[1][:_NEAR]
    before = before[max(before.rfind(pronoun) for pronoun in _WHICH) + 1:]  # "the outage, which began at 9:20": its own
    if any(word in after[:6] for word in _AS_OF):
        return _cjk_count(after)
    ends = [at for at in (*(after.find(end) for end in (" but ", "; ", " while ")), _and_verb(after)) if at >= 0]
    after = after[:min(ends)] if ends else after  # "began around 9 a.m. and peaked when … tallied 178,284 reports": the peak's
    for part in (before, after):
        m = _COUNT.search(part)
        while m is not None and (_a_year(part, m) or _a_setting(part, m)):  # "On 4 March 2025 customers …": a date's year
            m = _COUNT.search(part, m.end(1))
        if m:
            figure = re.sub(r"[ \u00a0\u202f]", "", m[1])
            if re.fullmatch(r"\d{1,3}(?:,\d{3})+", figure):
                figure = figure.replace(",", "")
            figure = figure.replace(",", ".")  # a decimal comma: "82,4%"
            if m[2]:  # "99% of Windows sensors"
                return _number(float(figure)), "%", m.group(0)
            return _number(float(figure) * _SCALE.get((m[3] or "").lower(), 1)), m[4].lower(), m.group(0)
    return None


_AND_VERB = re.compile(r" and (?:then )?(?:[a-z]+ed|rose|fell|grew|hit|spiked|surged|climbed|reached)\b")  # linear


def _and_verb(words: str) -> int:
    """Where 'and' opens another predicate ("began at 9 a.m. and peaked when …"), or -1; not "Russia and Japan"."""
    m = _AND_VERB.search(words)
    return m.start() if m else -1


def _cjk_count(after: str) -> tuple[str, str, str] | None:
    m = _CJK_COUNT.search(after)
    if m is None:
        return None
    value = int(m[1]) * _CJK_SCALE.get(m[2] or "", 1) + int(m[3] or 0)
    return str(value), _CJK_UNITS[m[4]], m.group(0)


def _number(value: float) -> str:
    return str(int(value)) if value == int(value) else f"{value:g}"


def _a_setting(part: str, m: re.Match) -> bool:
    """Whether the figure is a threshold or a setting, not a count at the time: "5xx rate >5%", "API 5xx > 20 %",
    "flag percentage set to 0 %"."""
    lead = part[max(0, m.start(1) - 8):m.start(1)].rstrip()
    return lead.endswith((">", "<", "≥", "≤", ">=", "<=", "set to"))  # not "over 34,000 complaints": a count


def _a_year(part: str, m: re.Match) -> bool:
    """Whether the counted figure is the year of a date written before it ("4 March 2025", "March 4,
    2025"): four digits from 1900 to 2099 right after a month's name or a day of the month."""
    figure = m[1]
    if not (len(figure) == 4 and figure.isdigit() and 1900 <= int(figure) <= 2099) or m[2]:
        return False
    before = part[max(0, m.start(1) - 16):m.start(1)].lower().replace(",", " ").split()
    return bool(before) and (before[-1][:3] in MONTH_STEMS or before[-1].rstrip("stndrh").isdigit())


_LEADS = ("at", "on", "by", "from", "until", "since", "around", "about", "approximately", "roughly")
_SAID_BY = re.compile(r"(?:according to|as per|per)\s[^,.;]{1,60}\Z", re.IGNORECASE)  # bounded: linear
_ATTRIBUTION = re.compile(r"^(?:according to|as per|per)\s[^,]{1,60},\s+(?=\S)", re.IGNORECASE)  # bounded: linear


def label_of(clause: tuple[str, str], width: int = 60) -> str:
    """A short label for charts and tables, of the clause's own words ("Synthetic monitoring detects
    elevated 503 errors"): at most `width` characters, cut at a word."""
    before, after = (" ".join(part.split()) for part in clause)
    if after.startswith(("(", " (")) and after.find(")") < 80:  # no ")": cut at the time inside it
        after = after[after.find(")") + 1:] if ")" in after else ""  # "(Taipei Timezone UTC+8, 2025-10-21 05:20)": the time again
    if _SAID_BY.match(after.strip(" ,;:—–-.()")):  # "The outage began at 3 p.m., according to Downdetector": who said it
        after = ""
    words = (after if len(after) >= len(before) else before).strip(" ,;:—–-.()，、：；。•*·|")  # and the Chinese and Japanese marks; not "): Internal …"
    words = words.replace(" | ", ": ")  # a table's row: "08:48 | Full impact | Change fully propagated"
    words = re.sub(r"^(?:(?:at|on|by|from|until|since|around|about)\s+|['’]s\s+)", "", words)  # not "'s Massive Outage"
    if words.lower() in _LEADS:  # "At 9:00 PM ET, …": the lead word alone says nothing
        words = (before if words == after.strip(" ,;:—–-.()") else after).strip(" ,;:—–-.()")
    words = _ATTRIBUTION.sub("", words)  # "According to DownDetector, reports of issues began pouring in": who said it
    # the clause before its time ends in the word that led to it ("Checkout was fully restored at")
    words = re.sub(r"\s+(at|on|around|about|approximately|roughly|specifically|namely|exactly|precisely)\Z", "", words,
                   flags=re.IGNORECASE)
    words = re.sub(r"^(?:and|but|then|so)\s+", "", words, flags=re.IGNORECASE).strip(" ,;:")  # "And peaked when …"
    if len(words) > width:
        words = words[: width - 1].rsplit(" ", 1)[0].rstrip(" ,;:") + "…"
    return words[:1].upper() + words[1:]


LASTING_VERBS = ("lasted", "lasting", "continued for", "persisted", "went on for", "dragged on")  # a window's length
LASTED = (*LASTING_VERBS, "outage", "disruption", "downtime", "was down", "were down", "went down", "took place", "occurred",
          "duration", "downtime:", "impact window", "outage window",  # "**Duration:** 08:41–09:54 UTC"
          "was offline", "were offline", "went offline", "was unavailable", "were unavailable", "was inaccessible",
          "were inaccessible", "was unreachable", "were unreachable", "went dark", "was out of service", "paralyz", "paralys", "crippl",
          "a duré", "survenu", "eu lieu", "s'est produit", "s’est produit", "dauerte", "duró", "se produjo")  # and europe.names_failure


def window_end(clause: tuple[str, str]) -> str:
    """What the end of an impact window is: the incident's resolution when the clause says the
    incident lasted or ended ("an incident that … lasted until 17:45"), else the service's recovery."""
    words = (clause[0] + clause[1]).lower()
    return "resolution" if any(w in words for w in (*LASTING_VERBS, "ended", "incident", "duration")) else "recovery"


def until_end(reading: Reading, clause: tuple[str, str], guess: Guess,
              classify: Callable[[tuple[str, str]], Guess]) -> Guess | None:
    """The kind of a time that closes a failure's state with 'until' ("the service was offline until
    15:23": its recovery then; "the outage lasted until 17:45": its resolution), or None when the
    time does not. 'Not … until' says when the negated deed was done, not that the failure lasted:
    "the outage went unnoticed until 09:40" is noticed then (a detection), "the company did not comment
    on the outage until 11:00" is no end of the outage. `classify` reads a clause's kind."""
    words = clause[0].rstrip().lower()
    if guess.kind == "impact_start" and reading.kind == "clock" and _BETWEEN_AND.search(words[-60:]):
        kind = window_end(clause)  # "Between Saturday evening and Sunday noon, customers faced issues": its end
        return Guess(kind, f"{guess.note}, over a span 'between … and' this time: its {kind}")
    if not (reading.as_reported.lower().startswith(("until", "till")) or words.endswith((" until", " till"))):
        return None
    own = clause[0][max(clause[0].rfind(" but "), clause[0].rfind(";"), clause[0].rfind(":"), 0):].lower()  # its own clause
    held = next((own[own.rfind(w) + len(w):] for w in _HELD_BACK if f" {w} " in f" {own} "), None)
    if held is not None:  # "we delayed transitioning the hosts back until 09:45", "waited until 10:00 to restart": done then
        held = held.strip()
        held = held[:-len("until")].strip() if held.endswith("until") else held
        held = held or clause[1].strip(" ,.").removeprefix("to ")[:80]
        done = classify((held, ""))
        kind = done.kind if done.kind not in ("impact_start", "cause") else "other"
        return Guess(kind, f"'{held.strip()}' held back until this time: done then")
    deed = _negated_deed(own)
    if not (guess.kind == "other" and (any(w in own for w in LASTED) or deed is not None) or "failure" in guess.note
            or "start" in guess.note or NOT_YET in guess.note or guess.bound == "not_before"):  # "wasn't restored until 14:00": a denied recovery, done then
        return None
    if deed is not None:
        done = classify((deed if deed.rstrip().endswith(("until", "till")) else f"{deed.rstrip()} until", ""))
        if done.kind in ("impact_start", "other"):  # "did not comment on the outage until": no milestone of its own
            return Guess("other", f"'{deed.strip()}' not done until this time: done then, no end of the failure")
        return Guess(done.kind, f"{done.note}, not done until this time: done then")
    kind = window_end(clause)
    return Guess(kind, f"{guess.note}, which lasted until this time: its {kind}")


_BETWEEN_AND = re.compile(r"\bbetween\s[^,.;]{1,40}\sand\Z")  # on the last words only: linear


def _negated_deed(own: str) -> str | None:
    """The words of the deed a clause says was not done ("did not comment on the outage until" →
    "comment on the outage until"; "went unnoticed until" → "noticed until"), or None when nothing
    in it is negated."""
    tokens = own.replace("’", "'").split()
    for i in range(len(tokens) - 1, -1, -1):
        token = tokens[i].strip(",;:()")
        if denies(token) or token == "no" and tokens[i + 1:i + 2] == ["one"]:
            return " ".join(tokens[i + 1:])
        if token.startswith("un") and token.endswith("ed") and len(token) > 6:  # "unnoticed", "unreported", "unresolved"
            return " ".join([token[2:], *tokens[i + 1:]])
    return None


_HELD_BACK = ("delayed", "postponed", "waited", "held off", "put off", "deferred")  # "delayed X until T": X was done at T
_VERB_REACH = 400  # how far back a sentence's verb is looked for: a sentence without an end is read in linear time


def sentence_before(text: str, start: int, at: int) -> str:
    """The sentence's words before `at`, at most the last _VERB_REACH characters, cut at a word's start."""
    if at - start <= _VERB_REACH:
        return text[start:at]
    cut = text.find(" ", at - _VERB_REACH, at)
    return text[cut + 1 if cut >= 0 else at - _VERB_REACH:at]


def lasted_in(words: str) -> bool:
    """Whether a sentence's lower-case words say something lasted or failed: its range is an impact
    window ("the outage lasted from 09:10 to 09:40", "la panne, survenue entre 5h et 7h")."""
    return any(w in words for w in LASTED) or names_failure(words)


# a verb of one moment ("began", "ended"), and the words that may stand between it and a span of clocks
_MOMENT_VERBS = ("began", "begun", "started", "commenced", "kicked off", "ended", "débuté", "commencé", "begann", "begonnen",
                 "comenzó", "empezó", "começou", "iniziato", "iniziata", "iniziò", "begon")
_BEFORE_SPAN = ("around", "about", "approximately", "roughly", "sometime", "at", "vers", "gegen", "um", "hacia", "por", "verso")
_FROM = ("from ", "de ", "dès ", "von ", "desde ", "van ", "vanaf ", "dalle ", "das ", "depuis ")


def one_moment_in_span(before: str, words: str) -> bool:
    """Whether a span of two clocks right after a verb of one moment says when that moment was, somewhere
    inside it ("the outage began around 3:00–3:30 p.m. ET", "started between 9:05 and 9:40"), not a window
    from its start to its end ("went down from 9:10 to 9:40", "began at 9:10" alone is no span)."""
    if words.lower().startswith(_FROM):
        return False
    said = before[-60:].lower().split()
    while said and said[-1] in _BEFORE_SPAN:
        said.pop()
    return " ".join(said[-2:]).endswith(_MOMENT_VERBS)
