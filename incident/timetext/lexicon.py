"""The words of the time grammar: months, weekdays, numbers, a.m./p.m., zone names, qualifiers.

Every table is keyed by lower-case words; phrases are tuples of words, matched longest first.
"""

from __future__ import annotations

import re
import unicodedata

from ..model import zones
from ..model.bounds import BOUND_WORDS
from . import europe

MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
            ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
            ("october", "oct"), ("november", "nov"), ("december", "dec"),
        ),
        1,
    )
    for name in names
}

WEEKDAYS = {
    name: number
    for number, names in enumerate(
        (("monday", "mon"), ("tuesday", "tue", "tues"), ("wednesday", "wed"), ("thursday", "thu", "thurs"),
         ("friday", "fri"), ("saturday", "sat"), ("sunday", "sun")),
    )
    for name in names
}
# the first three letters of a month's or a day's name, however it is written ("Apr", "April", "Tues")
MONTH_STEMS = frozenset(name[:3] for name in MONTHS)
WEEKDAY_STEMS = frozenset(name[:3] for name in WEEKDAYS)
# abbreviations that are also common words are weekdays only when spelled out
AMBIGUOUS_WEEKDAYS = {"sat", "sun", "wed", "mar", "may"}
# the French, German and Spanish names (the stems above stay English: "mai" begins "maintenance")
MONTHS.update(europe.MONTHS)
WEEKDAYS.update(europe.WEEKDAYS)

RELATIVE_DAYS = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1, **europe.RELATIVE_DAYS}

# a part of the day written beside a clock decides its a.m./p.m.
PARTS_OF_DAY = {"morning": "am", "afternoon": "pm", "evening": "pm", "night": "pm", "tonight": "pm", **europe.PARTS_OF_DAY}

NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "couple": 2,
    **europe.NUMBER_WORDS,
}
TENS = {"twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"}

UNITS = {
    "second": 1 / 60, "seconds": 1 / 60, "sec": 1 / 60, "secs": 1 / 60, "s": 1 / 60,
    "minute": 1, "minutes": 1, "min": 1, "mins": 1, "m": 1,
    "hour": 60, "hours": 60, "hr": 60, "hrs": 60, "h": 60,
    "day": 1440, "days": 1440,
    "week": 10080, "weeks": 10080, **europe.UNITS,
}
# units a bare figure may carry without a space ("90min", "2h") or with one; "m" and "s" only glued
GLUED_ONLY = {"m", "s", "h"}

MERIDIEM_WORDS = {"am": "am", "pm": "pm", "a": "am", "p": "pm"}  # "a.m.", "p.m." are letters and dots

CLOCK_WORDS = {"noon": 12, "midday": 12, "midnight": 0, **europe.CLOCK_WORDS}

# zone words → the tz cell they stand for; "local" is the text's own zone
ZONE_PHRASES: dict[tuple[str, ...], str] = {}
for _label in zones.LABELS:
    ZONE_PHRASES[(_label.lower(),)] = _label
for _words, _cell in {
    "eastern": "ET", "eastern time": "ET", "eastern daylight time": "EDT", "eastern standard time": "EST",
    "central time": "CT", "central daylight time": "CDT", "central standard time": "CST",
    "mountain time": "MT", "mountain daylight time": "MDT", "mountain standard time": "MST",
    "us eastern time": "ET", "us central time": "CT", "us mountain time": "MT", "us pacific time": "PT",
    "pacific": "PT", "pacific time": "PT", "pacific daylight time": "PDT", "pacific standard time": "PST",
    "british summer time": "BST", "uk time": "Europe/London", "london time": "Europe/London",
    "central european time": "CET", "central european summer time": "CEST",
    "eastern european time": "EET", "eastern european summer time": "EEST",
    "australian eastern standard time": "AEST", "australian eastern daylight time": "AEDT",
    "sydney time": "Australia/Sydney", "melbourne time": "Australia/Melbourne",
    "india standard time": "IST", "indian standard time": "IST", "japan standard time": "JST",
    "korea standard time": "KST", "singapore time": "SGT", "hong kong time": "HKT",
    "u . k . time": "Europe/London", "west coast time": "PT", "east coast time": "ET", "new york time": "America/New_York", "paris time": "Europe/Paris", "berlin time": "Europe/Berlin",
    "tokyo time": "Asia/Tokyo", "coordinated universal time": "UTC", "greenwich mean time": "GMT",
    "local time": "local", "local": "local", **europe.ZONE_PHRASES,
}.items():
    ZONE_PHRASES[tuple(_words.split())] = _cell
# cities whose zone is not in doubt: "Tokyo time" anywhere, "8 a.m. in London" right after a clock
CITY_ZONES = {
    "london": "Europe/London", "dublin": "Europe/Dublin", "lisbon": "Europe/Lisbon", "paris": "Europe/Paris",
    "brussels": "Europe/Brussels", "amsterdam": "Europe/Amsterdam", "frankfurt": "Europe/Berlin", "berlin": "Europe/Berlin",
    "munich": "Europe/Berlin", "zurich": "Europe/Zurich", "madrid": "Europe/Madrid", "barcelona": "Europe/Madrid",
    "rome": "Europe/Rome", "milan": "Europe/Rome", "vienna": "Europe/Vienna", "stockholm": "Europe/Stockholm",
    "oslo": "Europe/Oslo", "copenhagen": "Europe/Copenhagen", "helsinki": "Europe/Helsinki", "warsaw": "Europe/Warsaw",
    "athens": "Europe/Athens", "moscow": "Europe/Moscow", "istanbul": "Europe/Istanbul", "dubai": "Asia/Dubai",
    "mumbai": "Asia/Kolkata", "new delhi": "Asia/Kolkata", "delhi": "Asia/Kolkata", "bangalore": "Asia/Kolkata",
    "bengaluru": "Asia/Kolkata", "singapore": "Asia/Singapore", "hong kong": "Asia/Hong_Kong", "shanghai": "Asia/Shanghai",
    "beijing": "Asia/Shanghai", "taipei": "Asia/Taipei", "seoul": "Asia/Seoul", "tokyo": "Asia/Tokyo",
    "sydney": "Australia/Sydney", "melbourne": "Australia/Melbourne", "brisbane": "Australia/Brisbane",
    "auckland": "Pacific/Auckland", "wellington": "Pacific/Auckland", "new york": "America/New_York",
    "boston": "America/New_York", "toronto": "America/Toronto", "chicago": "America/Chicago", "denver": "America/Denver",
    "los angeles": "America/Los_Angeles", "san francisco": "America/Los_Angeles", "seattle": "America/Los_Angeles",
    "vancouver": "America/Vancouver", "sao paulo": "America/Sao_Paulo", "são paulo": "America/Sao_Paulo",
    "mexico city": "America/Mexico_City", "johannesburg": "Africa/Johannesburg", "manila": "Asia/Manila",
    "jakarta": "Asia/Jakarta", "bangkok": "Asia/Bangkok", "kuala lumpur": "Asia/Kuala_Lumpur", "hanoi": "Asia/Bangkok",
    "karachi": "Asia/Karachi", "dhaka": "Asia/Dhaka", "riyadh": "Asia/Riyadh", "doha": "Asia/Qatar", "tel aviv": "Asia/Jerusalem",
    "cairo": "Africa/Cairo", "lagos": "Africa/Lagos", "nairobi": "Africa/Nairobi", "kyiv": "Europe/Kyiv", "prague": "Europe/Prague",
    "budapest": "Europe/Budapest", "bucharest": "Europe/Bucharest", "osaka": "Asia/Tokyo", "adelaide": "Australia/Adelaide",
    "honolulu": "Pacific/Honolulu", "phoenix": "America/Phoenix", "atlanta": "America/New_York", "miami": "America/New_York",
    "dallas": "America/Chicago", "houston": "America/Chicago", "montreal": "America/Toronto", "lima": "America/Lima",
    "bogota": "America/Bogota", "buenos aires": "America/Argentina/Buenos_Aires", "rio de janeiro": "America/Sao_Paulo",
}
# countries in one zone, by name or adjective before "time": "14:00 French time", "(Spanish peninsular time)"
COUNTRY_ZONES = {
    "french": "Europe/Paris", "france": "Europe/Paris", "german": "Europe/Berlin", "germany": "Europe/Berlin",
    "spanish": "Europe/Madrid", "spain": "Europe/Madrid", "spanish peninsular": "Europe/Madrid", "peninsular": "Europe/Madrid",
    "italian": "Europe/Rome", "italy": "Europe/Rome", "dutch": "Europe/Amsterdam", "belgian": "Europe/Brussels",
    "swiss": "Europe/Zurich", "austrian": "Europe/Vienna", "swedish": "Europe/Stockholm", "norwegian": "Europe/Oslo",
    "danish": "Europe/Copenhagen", "finnish": "Europe/Helsinki", "polish": "Europe/Warsaw", "czech": "Europe/Prague",
    "irish": "Europe/Dublin", "ireland": "Europe/Dublin", "british": "Europe/London", "greek": "Europe/Athens",
    "turkish": "Europe/Istanbul", "turkey": "Europe/Istanbul", "japan": "Asia/Tokyo", "japanese": "Asia/Tokyo",
    "korean": "Asia/Seoul", "korea": "Asia/Seoul", "south korean": "Asia/Seoul", "china": "Asia/Shanghai",
    "chinese": "Asia/Shanghai", "india": "Asia/Kolkata", "indian": "Asia/Kolkata", "israel": "Asia/Jerusalem",
    "israeli": "Asia/Jerusalem", "philippine": "Asia/Manila", "thai": "Asia/Bangkok", "taiwan": "Asia/Taipei",
    "vietnam": "Asia/Ho_Chi_Minh", "new zealand": "Pacific/Auckland", "south african": "Africa/Johannesburg",
    "nigerian": "Africa/Lagos", "kenyan": "Africa/Nairobi", "egyptian": "Africa/Cairo", "gulf": "Asia/Dubai",
    "uae": "Asia/Dubai", "saudi": "Asia/Riyadh", "brasilia": "America/Sao_Paulo", "brasília": "America/Sao_Paulo",
}
for _place, _cell in (*CITY_ZONES.items(), *COUNTRY_ZONES.items()):
    ZONE_PHRASES.setdefault((*_place.split(), "time"), _cell)
# words that name a zone only right after a clock ("9 a.m. Central", "8 a.m. in London"), never on their own
ZONE_AFTER_CLOCK_ONLY: dict[tuple[str, ...], str] = {("central",): "CT", ("mountain",): "MT",
                                                     **{("in", *city.split()): cell for city, cell in CITY_ZONES.items()},
                                                     # "online at 1 a.m. on the U.S. West Coast"
                                                     **{(*on, *us, side, "coast"): cell for on in (("on", "the"), ("on",), ())
                                                        for us in ((), ("us",), ("u", ".", "s", "."))
                                                        for side, cell in (("west", "PT"), ("east", "ET")) if on or us}}
# labels that are also common words or letters: a zone only in capitals
CAPITALS_ONLY = {"z", "mt", "ct", "et", "pt", "ist", "wet", "west", "sgt", "aet", "est", "eet"}

MAX_ZONE_WORDS = max(len(words) for words in (*ZONE_PHRASES, *ZONE_AFTER_CLOCK_ONLY))

# a piece of text, as scan.tokens cuts a text and pieces() a phrase: a number, a Japanese, Chinese or
# Korean character (Japanese and Chinese write no spaces between words, Korean joins its particles to
# them: "9시쯤", "복구됐다"), a run of other letters, any other sign
CJK = "\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3\u3005\u3006\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f"
CJK_CHARACTER = re.compile(f"[{CJK}]")  # a character of Chinese, Japanese or Korean
# the combining signs of the scripts of India and South-East Asia (a vowel sign, a virama: "मैच", "மணிக்கு"),
# which are no word characters to the regular expression, yet inside a word
MARKS = "".join(chr(c) for c in range(0x0900, 0x0E80) if unicodedata.category(chr(c)).startswith("M"))
PIECE = rf"\d+|[{CJK}]|(?:[^\W\d_{CJK}]|[{MARKS}])+|\S"
_PIECES = re.compile(PIECE)


def pieces(phrase: str) -> tuple[str, ...]:
    """The lower-case pieces of a phrase, as scan.tokens cuts a text."""
    return tuple(_PIECES.findall(phrase.lower()))


# qualifiers written before a time or a figure → (bound, uncertainty in minutes)
QUALIFIERS: dict[tuple[str, ...], tuple[str, int | None]] = {}
for _words, _reading in {
    "about": ("", 5), "around": ("", 5), "approximately": ("", 5), "approx": ("", 5), "roughly": ("", 5),
    "circa": ("", 5), "ca": ("", 5), "some": ("", 5), "~": ("", 5), "shortly after": ("", 5),
    "at about": ("", 5), "at around": ("", 5), "at approximately": ("", 5), "sometime around": ("", 5),
    "just after": ("", 5), "approx .": ("", 5), "ca .": ("", 5), "c .": ("", 5),
    **{_phrase: (_bound, None) for _phrase, _bound in BOUND_WORDS.items()},  # the bounds: the model's one list
    **europe.QUALIFIERS,
}.items():
    QUALIFIERS[pieces(_words)] = _reading  # cut as the scanner cuts the text: "jusqu'à" is three
MAX_QUALIFIER_WORDS = max(len(words) for words in QUALIFIERS)
# the qualifiers that say a clock is approximate ("approximately", "around"), longest first; not "some", a figure's
APPROXIMATIONS = sorted((w for w, r in QUALIFIERS.items() if r == ("", 5) and w != ("some",)), key=lambda w: (-len(w), w))
APPROXIMATION_FIRST = frozenset(w[0] for w in APPROXIMATIONS)  # "May 3, 2025, at approximately 9:45": looked up once

# what a relative figure counts from: the word after it → (sign, the anchor it implies)
DIRECTIONS = {
    "late": (1, "the scheduled start"),
    "behind": (1, "the scheduled start"),
    "later": (1, "the previous event"),
    "after": (1, None),
    "into": (1, None),
    "past": (1, None),
    "before": (-1, None),
    "earlier": (-1, "the previous event"),
    "ahead": (-1, None),
    "prior": (-1, None),
    **europe.LATER,
}
STATE_WORDS = {
    "down", "offline", "unavailable", "degraded", "disrupted", "outage", "out", "dark", "inaccessible",
    "unreachable", "impacted", "affected", "broken", "interrupted", "delayed", "closed", "loss", "lost", "unable",
    "cannot", "failed", "failing", "stuck", "stopped", "halted", "frozen", "suspended", "dead", "error", "errors",
    "crashed", "collapsed", "blackout", "unusable", "without", "suffered", "trouble", *europe.STATE_WORDS,
}
# the words that make a sentence's date the incident's: few and unambiguous ("broken a consensus" is no outage)
FAILURE_WORDS = ("outage", "disruption", "went down", "was down", "were down", "offline", "unavailable", "errors",
                 "crash", "glitch", "technical issue", "technical problem", "failure", "incident", "went dark",
                 "bring down", "brought down", "knocked out", "meltdown", "attack", "hacked", "debacle", "shut down",
                 "halted", "frozen", "froze", "suspended", "disrupted", "interrupted", "out of service", "stopped working",
                 "not working", "glitches", "software issues", "technical issues", "technical difficulties", "outages",
                 "reported issues", "reporting issues", "flagged issues", "reported problems", "reporting problems",
                 "took a dive", "having trouble", "had trouble")
# (and europe.names_failure: the French, German and Spanish words, as whole words)
# and the words that make a sentence's date a live event's ("the launch of the game on November 19 …")
EVENT_WORDS = ("launch of", "release of", "premiere of", "went on sale", "opening of")
