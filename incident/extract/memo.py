"""What drafting one text again need not redo: a text is drafted twice (the day of the incident
first, then against it), and its scan, its clauses' kinds, its readings and its rows are the same
both times wherever nothing they depend on differs."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

from ..timetext.days import same_days
from ..timetext.kinds import classify
from ..timetext.places import clauses
from ..timetext.days import Context
from ..timetext.readings import Reading, read_times_near


@dataclass
class Memo:
    """What drafting a text twice (against another context) need not do again: its words scanned
    for time expressions, each clause's kind guessed (a pure function of its words)."""

    scans: dict = field(default_factory=dict)
    kinds: dict = field(default_factory=dict)
    read: dict = field(default_factory=dict)  # context → the text's readings, the dates `near` may decide
    drafts: dict = field(default_factory=dict)  # what the rows depend on → the rows
    spoken: dict = field(default_factory=dict)  # readings' places → their clauses

    def readings(self, text: str, context: Context) -> list[Reading]:
        """The text's readings against `context`: those against a context that differs only in its
        `near` day when every date that day could decide reads the same against both."""
        if context not in self.read:
            alike = dataclasses.replace(context, near=None)
            undated = context.published is None or context.month_only  # its times without a date are read on `near`
            same = None if undated else next((done for other, done in self.read.items()
                                              if dataclasses.replace(other, near=None) == alike and same_days(done[1], context)), None)
            self.read[context] = same if same is not None else read_times_near(text, context, days=True, scans=self.scans)
        return self.read[context][0]

    def clauses(self, text: str, readings: list[Reading]):
        key = tuple((r.start, r.end, r.kind) for r in readings)
        if key not in self.spoken:
            self.spoken[key] = clauses(text, readings)
        return self.spoken[key]

    def classify(self, clause: tuple[str, str], span: bool = False, live: bool | None = None, whole: bool = False):
        key = (clause, span, live, whole)
        if key not in self.kinds:
            self.kinds[key] = classify(clause, span, live, whole)
        return self.kinds[key]
