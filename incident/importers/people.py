"""The people an incident's record names, and `--anonymize`.

Each person is known by a key (a Slack user id, a PagerDuty user id, an email) and the names the
record gives them (real name, display name, user name). Without `--anonymize` a person is shown by
their name; with it, by a stable role: `responder-1`, `responder-2` … for the operator's staff,
`witness-1` … for everyone else, numbered in the order they first appear (the record sorted by
time, so the same record gives the same roles every run), and every name the record knows for
them is replaced by that role in the words a claim quotes. A name typed in a message that is no
one's in the record cannot be known to be a name, and is left as written: the README says so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

MOST_NAMES = 2_000  # names looked for in a text: past it, the rest of the people keep only their roles as authors
SHORTEST = 2  # characters: a one-letter "name" would replace letters


@dataclass
class Roles:
    anonymize: bool
    _roles: dict[str, str] = field(default_factory=dict)  # person key → role
    _shown: dict[str, str] = field(default_factory=dict)  # person key → what a claim shows
    _names: dict[str, str] = field(default_factory=dict)  # a name, lowercased → role
    _counts: dict[str, int] = field(default_factory=dict)
    _pattern: re.Pattern | None = None

    def person(self, key: str, names: list[str], witness: bool = False) -> str:
        """Who `key` is, as claims show them: their role (anonymized) or first name given."""
        if key in self._shown:
            return self._shown[key]
        kind = "witness" if witness else "responder"
        self._counts[kind] = self._counts.get(kind, 0) + 1
        role = f"{kind}-{self._counts[kind]}"
        self._roles[key] = role
        written = [" ".join(n.split()) for n in names if isinstance(n, str) and len(n.strip()) >= SHORTEST]
        for name in written + ([key] if len(key) >= SHORTEST else []):
            if len(self._names) < MOST_NAMES:
                self._names.setdefault(name.lower(), role)
        self._pattern = None
        self._shown[key] = role if self.anonymize else (written[0] if written else key)
        return self._shown[key]

    def shown(self, key: str) -> str | None:
        return self._shown.get(key)

    def scrub(self, text: str) -> str:
        """The text with every name of a known person replaced by their role (anonymized); as it
        is otherwise. One pass of one pattern: longest names first, whole words only."""
        if not self.anonymize or not self._names or not text:
            return text
        if self._pattern is None:
            names = sorted(self._names, key=lambda n: (-len(n), n))
            self._pattern = re.compile(r"(?<![\w@])@?(?:" + "|".join(map(re.escape, names)) + r")(?!\w)", re.IGNORECASE)
        return self._pattern.sub(lambda m: self._names.get(m[0].lstrip("@").lower(), m[0]), text)
