"""The structured parts of a postmortem file (postmortem.py reads the rest): the action-item table
of the section Action items, and the words the section Timeline gives events.

Action items are a Markdown table: `what`, `owner` and `status` are required, `link`, `priority`
and `type` optional (in any order; a table written before they existed stays valid):

    | what | owner | status | priority | type | link |
    |---|---|---|---|---|---|
    | Alert on the edge's 5xx rate | SRE team | open | P1 | detect | https://… |

The Timeline section gives an event of the events file a sentence of the analyst's own, shown
beside it in the report's timeline table: a list item naming the event's id, a colon, the words.

    - impact-start: A configuration push reached every edge server and requests began to fail.

Other lines of the section are prose, shown above the chart. Pure: lines in, items out, each
problem reported on its line through `problem(line, column, message)`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

from .diagnostics import Diagnostic, did_you_mean
from .model.ids import SLUG_PATTERN

ACTION_STATUSES = ("open", "in progress", "done", "won't do")
ACTION_COLUMNS = ("what", "owner", "status", "link", "priority", "type")
_LINK = re.compile(r"\[([^\]]*)\]\(\s*([^\s()]+)\s*\)\Z")
_EVENT_LINE = re.compile(r"[-*+][ \t]+`?(" + SLUG_PATTERN + r")`?[ \t]*:(.*)\Z")
MAX_WORDS = 400  # characters: the words for one event are a sentence or two, not a section


@dataclass(frozen=True)
class ActionItem:
    what: str
    owner: str
    status: str
    link: str  # a URL, or empty
    link_text: str
    line: int
    priority: str = ""  # as the team writes it: P1, high, …
    type: str = ""  # as the team writes it: detect, mitigate, prevent, process, repair, …


def _cells(line: str) -> list[str]:
    text = line.strip()
    if text.startswith("|"):
        text = text[1:]
    if text.endswith("|") and not text.endswith("\\|"):
        text = text[:-1]
    return [cell.strip().replace("\\|", "|") for cell in re.split(r"(?<!\\)\|", text)]


def action_items(lines: list[str], first: int, problem) -> tuple[tuple[ActionItem, ...], list[str]]:
    """The action-item table of its section, and the section's other lines (prose around it)."""
    rows = [(first + i, line) for i, line in enumerate(lines) if line.strip().startswith("|")]
    rest = [line for line in lines if not line.strip().startswith("|")]
    if not rows:
        if any(line.strip() for line in rest):
            where = first + next(i for i, line in enumerate(lines) if line.strip())
            problem(where, "action items", "write the action items as a table: | what | owner | status | link |")
        return (), rest
    (header_line, header), *body = rows
    columns = [c.lower() for c in _cells(header)]
    missing = [c for c in ACTION_COLUMNS[:3] if c not in columns]
    if missing:
        problem(header_line, "action items", f"the table has no column {missing[0]!r}: its columns are what | owner | status, "
                "and optionally link | priority | type")
        return (), rest
    items = []
    for number, line in body:
        cells = _cells(line)
        if all(re.fullmatch(r":?-{3,}:?", c) for c in cells if c):
            continue  # the delimiter row
        if len(cells) != len(columns):
            problem(number, "action items", f"{len(cells)} cells, but the table's header has {len(columns)}")
            continue
        item = _item(dict(zip(columns, cells)), number, problem)
        if item is not None:
            items.append(item)
    return tuple(items), rest


def _item(row: dict[str, str], number: int, problem) -> ActionItem | None:
    if not row["what"]:
        problem(number, "what", "empty: say what is to be done")
        return None
    status = row["status"].lower().replace("’", "'")
    if status not in ACTION_STATUSES:
        problem(number, "status", f"{row['status']!r} is not a status: use one of {', '.join(ACTION_STATUSES)}")
        return None
    link = row.get("link", "")
    match = _LINK.match(link)
    url, text = (match.group(2), match.group(1)) if match else (link, link)
    if url and not re.match(r"https?://", url, re.IGNORECASE):
        problem(number, "link", f"{url!r} is not an http(s) address")
        return None
    return ActionItem(row["what"], row["owner"], status, url, text or url, number, row.get("priority", ""), row.get("type", ""))


def event_words(lines: list[str], first: int, problem) -> tuple[dict[str, str], dict[str, int], list[str]]:
    """The Timeline section's words for events ({event id: words}, {event id: line}) and its other
    lines (prose). A list item 'event-id: words' names an event; an id given twice, or with no
    words, is a problem on its line."""
    words: dict[str, str] = {}
    where: dict[str, int] = {}
    rest = []
    for offset, line in enumerate(lines):
        number = first + offset
        match = _EVENT_LINE.match(line.strip())
        if match is None:
            rest.append(line)
            continue
        event, text = match.group(1), " ".join(match.group(2).split())
        if not text:
            problem(number, "timeline", f"no words for {event!r}: write '- {event}: what happened, in a sentence'")
        elif event in where:
            problem(number, "timeline", f"{event!r} again: its words are on line {where[event]}")
        elif len(text) > MAX_WORDS:
            problem(number, "timeline", f"{len(text):,} characters for {event!r}: a timeline entry is a sentence or two "
                    f"(at most {MAX_WORDS}); put the story in the sections")
        else:
            words[event], where[event] = text, number
    return words, where, rest


def unknown_events(pm, events: Iterable[str]) -> list[Diagnostic]:
    """A warning for each event the Timeline section gives words to that the incident does not
    have (a typo of an id): its words are shown nowhere."""
    known = tuple(sorted(set(events)))
    return [Diagnostic(line, "timeline", f"no event {event!r} in incident {pm.incident!r}{did_you_mean(event, known)} "
                       "(its words are not shown)", "warning", pm.path, "postmortem")
            for event, line in sorted(pm.event_lines.items(), key=lambda item: item[1]) if event not in known]
