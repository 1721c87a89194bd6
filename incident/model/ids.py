"""The one rule of an id (an incident, an event, a page's slug), everywhere it is checked or made:
the format's cells, the postmortem files, `new`, `extract` and the importers. Pure and light: no
import but `re` and `unicodedata`, so that the commands that only check ids stay quick to start."""

from __future__ import annotations

import re
import unicodedata

MAX_ID = 100  # characters in an id: incident ids name report files
SLUG_PATTERN = r"[a-z0-9][a-z0-9-]{0,%d}" % (MAX_ID - 1)
SLUG = re.compile(SLUG_PATTERN + r"\Z")  # the one rule of an id (incident, event, page slug), everywhere it is checked


def slugify(text: str) -> str:
    """The id a name suggests: lowercase letters and digits, each other run of characters one '-',
    none at either end ("Acme Status" → "acme-status"); "" when nothing is left. Cut it to the
    length wanted, and check it with SLUG: the one place both rules are written. A letter with an
    accent is the letter ("é" → "e")."""
    latin = unicodedata.normalize("NFKD", text.lower().replace("ß", "ss")).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", latin).strip("-")  # "dès les signalements" → "des-les-signalements"
