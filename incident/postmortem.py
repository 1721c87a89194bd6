"""The analyst's own words for an incident: `postmortems/INCIDENT.md`, read and checked.

A postmortem file is Markdown with a short header block, in the order of the SRE book's template:

    ---
    title: X Spaces conversation delayed 42 minutes
    date: 2024-08-12
    status: draft            (draft, in review or final)
    authors: A. Analyst, B. Analyst
    severity: SEV-2          (free text)
    tz: America/New_York     (optional: the zone every command shows local times in)
    compare: other-incident, another-one   (optional: the incidents to compare it with;
                             default: the others of its kind, outages or live events)
    headline: time_to_recover   (optional: the metric it is known by; default: an outage's
                             impact_duration, a live event's delay)
    ---
    ## Summary
    ## Impact
    ## Timeline              (optional words for events: '- event-id: what happened')
    ## Root causes and trigger
    ## Detection
    ## Resolution
    ## Action items          (a table: what | owner | status, optionally link | priority | type)
    ## Lessons learned       (### What went well / ### What went wrong / ### Where we got lucky)

Every part is optional: a missing file or section is an empty one, which the report names. What
is written is checked, and a problem is `PATH:LINE: field: message`. HTML comments
(`<!-- … -->`) are guidance for the writer: they are dropped before anything is shown.

Pure and light: text in, a `Postmortem` out; no Markdown library is imported here.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .diagnostics import Diagnostic, Severity, did_you_mean
from .model.ids import SLUG
from .postmortem_tables import ActionItem, action_items, event_words

STATUSES = ("draft", "in review", "final")
FIELDS = ("title", "date", "status", "authors", "severity", "tz", "compare", "headline")

# (key, heading) in the order the report shows them
SECTIONS = (
    ("summary", "Summary"),
    ("impact", "Impact"),
    ("timeline", "Timeline"),
    ("root_causes", "Root causes and trigger"),
    ("detection", "Detection"),
    ("resolution", "Resolution"),
    ("action_items", "Action items"),
    ("lessons", "Lessons learned"),
)
LESSONS = (
    ("went_well", "What went well"),
    ("went_wrong", "What went wrong"),
    ("lucky", "Where we got lucky"),
)

_HEADINGS = {heading.lower(): key for key, heading in SECTIONS}
_HEADINGS.update({"root causes": "root_causes", "root cause": "root_causes", "trigger": "root_causes",
                  "lessons": "lessons", "action items": "action_items"})
_LESSON_HEADINGS = {heading.lower(): key for key, heading in LESSONS}
_LESSON_HEADINGS.update({"what went badly": "went_wrong", "what went poorly": "went_wrong"})
MAX_BYTES = 4 << 20  # a postmortem file is prose: a few hundred KB at most; more is not one
_FENCES = ("```", "~~~")


class _Heading:
    """What `_heading` finds: the level and the name of an ATX heading."""

    __slots__ = ("level", "name")

    def __init__(self, level: int, name: str):
        self.level, self.name = level, name


def _heading(line: str) -> _Heading | None:
    """An ATX heading ('## Summary', '### Name ###'), read in linear time (a pattern with several
    optional runs of spaces backtracks for minutes on a heading followed by thousands of spaces)."""
    level = len(line) - len(line.lstrip("#"))
    if not 1 <= level <= 6 or len(line) == level or line[level] not in " \t":
        return None
    name = line[level:].strip()
    closing = name.rstrip("#")
    if closing != name and (not closing or closing[-1] in " \t"):  # a closing sequence of '#'
        name = closing.rstrip()
    return _Heading(level, name)


def _without_comments(text: str, problem) -> str:
    """The text with each HTML comment replaced by its line breaks, in one pass (linear: a pattern
    that looks for the closing '-->' again from every unclosed '<!--' is quadratic). A '<!--' in
    a fenced code block or an inline code span is text, not a comment; one never closed is named,
    and the text after it dropped (as a Markdown renderer would hide it)."""
    out: list[str] = []
    i, n, number, fence = 0, len(text), 1, False
    while i < n:
        newline = text.find("\n", i)
        end = n if newline < 0 else newline + 1
        line = text[i:end]
        if line.lstrip().startswith(_FENCES):
            fence = not fence
        start = -1 if fence else _comment_start(line)
        if start < 0:
            out.append(line)
            i, number = end, number + (newline >= 0)
            continue
        out.append(line[:start])
        close = text.find("-->", i + start + 4)
        if close < 0:
            problem(number, "file", "a comment '<!--' is never closed with '-->'")
            break
        breaks = text.count("\n", i + start, close)
        out.append("\n" * breaks)
        number += breaks
        i = close + 3
    return "".join(out)


def _comment_start(line: str) -> int:
    """Where an HTML comment opens on a line outside inline code, or −1 (linear in the line)."""
    ticks, seen = 0, 0
    position = line.find("<!--")
    while position >= 0:
        ticks += line.count("`", seen, position)
        seen = position
        if ticks % 2 == 0:
            return position
        position = line.find("<!--", position + 4)
    return -1


@dataclass(frozen=True)
class Postmortem:
    """What the analyst wrote about one incident. `sections` maps a key of SECTIONS (and of
    LESSONS, for the lessons' parts) to its Markdown, comments removed; empty ones are absent."""

    incident: str
    path: str
    title: str = ""
    date: str = ""
    status: str = ""
    authors: tuple[str, ...] = ()
    severity: str = ""
    tz: str = ""
    compare: tuple[str, ...] = ()  # the incidents its `compare:` line names
    compare_line: int = 0  # the line it is on
    headline: str = ""  # the metric the incident is known by (its `headline:` line), when not its kind's
    sections: dict[str, str] = field(default_factory=dict)
    action_items: tuple[ActionItem, ...] = ()
    event_words: dict[str, str] = field(default_factory=dict)  # the Timeline section's words, by event id
    event_lines: dict[str, int] = field(default_factory=dict)  # the line each is on
    exists: bool = True

    def section(self, key: str) -> str:
        return self.sections.get(key, "")

    @property
    def empty_sections(self) -> list[str]:
        """The headings of the sections the analyst has not written yet."""
        # the timeline is the claims' own: words for its events are welcome, never missing
        empty = [heading for key, heading in SECTIONS if key not in ("action_items", "lessons", "timeline") and not self.section(key)]
        if not self.action_items and not self.section("action_items"):
            empty.append("Action items")
        if not any(self.section(key) for key, _ in LESSONS) and not self.section("lessons"):
            empty.append("Lessons learned")
        return empty


def path_for(folder: Path, incident: str) -> Path:
    return folder / f"{incident}.md"


def default_folder(events_path: str | Path) -> Path:
    """Postmortem files live in `postmortems/` beside the events file."""
    return Path(events_path).parent / "postmortems"


def load(folder: Path, incident: str) -> tuple[Postmortem, list[Diagnostic]]:
    """The incident's postmortem file, or an empty one when there is none."""
    from .files import read_regular

    path = path_for(folder, incident)
    if not os.path.lexists(path):
        return Postmortem(incident, str(path), exists=False), []
    data = read_regular(path, MAX_BYTES)
    if data is None:
        why = (f"larger than {MAX_BYTES >> 20} MB: a postmortem file is prose" if path.is_file() and not path.is_symlink()
               and path.stat().st_size > MAX_BYTES else "not a regular file (a folder, a FIFO, a device or a symlink), or unreadable")
        return Postmortem(incident, str(path), exists=False), [Diagnostic(0, "file", why, path=str(path), code="postmortem")]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return Postmortem(incident, str(path), exists=False), [Diagnostic(line, "file", "not UTF-8: save the file as UTF-8", path=str(path))]
    return parse(text, incident, str(path))


def load_all(folder: Path, incidents: list[str]) -> tuple[dict[str, Postmortem], list[Diagnostic]]:
    """The postmortems of these incidents (an empty one where there is no file) and every problem."""
    found, problems = {}, []
    for incident in incidents:
        found[incident], more = load(folder, incident)
        problems += more
    return found, problems


def check_folder(folder: Path, incidents: list[str] | None, events_name: str) -> list[Diagnostic]:
    """What `validate` says of the postmortem files in `folder`: each file's problems, and a file
    named after no incident of the events file (when `incidents` are known)."""
    try:
        # every .md entry, whatever it is: a FIFO or a symlink named like a postmortem is named, not skipped
        paths = sorted(p for p in folder.iterdir() if p.suffix == ".md")
    except OSError:
        return []
    known = set(incidents or ())
    problems = []
    for path in paths:
        incident = path.stem
        pm, more = load(folder, incident)
        problems += more
        if incidents is not None:
            for other in pm.compare:
                if other not in known:
                    problems.append(Diagnostic(pm.compare_line, "compare", f"no incident {other!r} in {events_name}"
                                               f"{did_you_mean(other, tuple(sorted(known)))}: it is left out of the comparison",
                                               "warning", str(path), "postmortem"))
        if incidents is not None and incident not in known:
            problems.append(Diagnostic(1, "file", f"no incident {incident!r} in {events_name}{did_you_mean(incident, tuple(sorted(known)))}: "
                                       "this postmortem is in no report", "warning", str(path), "postmortem"))
    return problems


def parse(text: str, incident: str, path: str = "postmortem.md") -> tuple[Postmortem, list[Diagnostic]]:
    """Read a postmortem file's text: the postmortem and the problems found, each on its line."""
    problems: list[Diagnostic] = []

    def problem(line: int, column: str, message: str, severity: Severity = "error") -> None:
        problems.append(Diagnostic(line, column, message, severity, path, "postmortem"))

    text = text.replace("\r\n", "\n").replace("\r", "\n")
    _control_characters(text, problem)
    text = _without_comments(text, problem)
    lines = text.split("\n")
    values, body_start = _header(lines, problem)
    lines_of = {name: number for number, line in enumerate(lines[:body_start], 1)
                for name in [line.partition(":")[0].strip().lower()] if name in values}
    sections: dict[str, list[str]] = {}
    starts: dict[str, int] = {}
    current: str | None = None
    lesson: str | None = None
    fence = 0  # the line a fenced code block opened on, while one is open
    pre = 0  # the line an HTML <pre> opened on, while one is open
    for number, line in enumerate(lines[body_start:], body_start + 1):
        if line.lstrip().startswith(_FENCES):
            fence = 0 if fence else number
        if not fence:
            lowered = line.lower()
            opened, closed = lowered.rfind("<pre"), lowered.rfind("</pre")
            if opened > closed:
                pre = pre or number
            elif closed >= 0:
                pre = 0
        match = None if fence else _heading(line)
        if match is not None and match.level <= 2:
            level, name = match.level, match.name
            if level == 1:
                if current is None and not values.get("title"):
                    values["title"] = name
                elif current is not None:
                    problem(number, "heading", f"'# {name}': a level-1 heading inside a section; sections are '## ' headings, the title goes in the header")
                continue
            key = _HEADINGS.get(name.lower())
            if key is None:
                names = tuple(heading for _, heading in SECTIONS)
                problem(number, "heading", f"unknown section '{name}'{did_you_mean(name, names)} (the sections are {', '.join(names)})")
                current, lesson = "", None  # its text is kept out of every section
                continue
            if key in starts:
                problem(number, "heading", f"section '{name}' again: it began on line {starts[key]}")
            starts.setdefault(key, number)
            current, lesson = key, None
            sections.setdefault(key, [])
            continue
        if current == "lessons" and match is not None and match.level == 3:
            part = _LESSON_HEADINGS.get(match.name.lower())
            if part is not None:
                lesson = part
                starts.setdefault(part, number)
                sections.setdefault(part, [])
                continue
        if current is None:
            if line.strip():
                problem(number, "file", "text before the first section: put it under '## Summary'")
                current = ""
            continue
        if current:
            sections[lesson or current].append(line)
    _unclosed(fence, pre, problem)
    postmortem = _built(incident, path, values, lines_of, sections, starts, problem)
    return postmortem, sorted(problems, key=lambda d: d.line)


def _built(incident: str, path: str, values: dict[str, str], lines_of: dict[str, int],
           sections: dict[str, list[str]], starts: dict[str, int], problem) -> Postmortem:
    """The postmortem from its header's values and its sections' lines: the action-item table and
    the timeline's words taken out of their sections (postmortem_tables)."""
    items: tuple[ActionItem, ...] = ()
    if "action_items" in sections:
        items, rest = action_items(sections["action_items"], starts["action_items"] + 1, problem)
        sections["action_items"] = rest
    words: dict[str, str] = {}
    where: dict[str, int] = {}
    if "timeline" in sections:
        words, where, sections["timeline"] = event_words(sections["timeline"], starts["timeline"] + 1, problem)
    body = {key: "\n".join(chunk).strip("\n") for key, chunk in sections.items()}
    body = {key: text for key, text in body.items() if text.strip()}
    authors = tuple(a.strip() for a in values.get("authors", "").split(",") if a.strip())
    postmortem = Postmortem(
        incident=incident, path=path, title=values.get("title", ""), date=values.get("date", ""),
        status=values.get("status", ""), authors=authors, severity=values.get("severity", ""),
        tz=values.get("tz", ""), sections=body, action_items=items,
        compare=_ids(values.get("compare", "")), compare_line=lines_of.get("compare", 0),
        headline=headline_name(values.get("headline", "")), event_words=words, event_lines=where,
    )
    return postmortem


def _unclosed(fence: int, pre: int, problem) -> None:
    """A code fence or an HTML <pre> still open at the end of the file, named on the line it opened."""
    if fence:
        problem(fence, "file", "a code block opened with ``` (or ~~~) here is never closed: everything after it would "
                "be shown as code, the later sections lost; close it with the same fence")
    if pre:
        problem(pre, "file", "an HTML <pre> opened here is never closed with </pre>: the rest of the report would be "
                "shown as raw text on GitHub")


def _control_characters(text: str, problem) -> None:
    """A NUL or another control character (an escape sequence can rewrite a terminal) is refused,
    each kind once, on the line it is on; a tab is text."""
    found = sorted({ch for ch in set(text) if (ord(ch) < 32 and ch not in "\t\n") or 127 <= ord(ch) < 160})
    for ch in found:
        line = text.count("\n", 0, text.index(ch)) + 1
        name = "a NUL byte" if ch == "\0" else f"the control character U+{ord(ch):04X}"
        problem(line, "file", f"{name}: a postmortem file is text; remove it")


def _header(lines: list[str], problem) -> tuple[dict[str, str], int]:
    """The `---` block at the top: {field: value} and the index of the first line after it."""
    if not lines or lines[0].strip() != "---":
        return {}, 0
    values: dict[str, str] = {}
    seen: dict[str, int] = {}
    for number, line in enumerate(lines[1:], 2):
        if line.strip() == "---":
            break
        if not line.strip():
            continue
        if line.startswith("#"):  # a section began: the closing '---' was forgotten
            problem(1, "header", f"the header opened with '---' on line 1 is never closed with '---' (before line {number})")
            return values, number - 1
        name, colon, value = line.partition(":")
        name, value = name.strip().lower(), value.strip()
        if not colon or not name:
            problem(number, "header", f"'{line.strip()}' is not 'field: value' (the fields are {', '.join(FIELDS)})")
            continue
        if name not in FIELDS:
            problem(number, name, f"unknown field{did_you_mean(name, FIELDS)} (the fields are {', '.join(FIELDS)})")
            continue
        if name in seen:
            problem(number, name, f"given again (first on line {seen[name]})")
            continue
        seen[name] = number
        message = _check_field(name, value)
        if message:
            problem(number, name, message)
            continue
        values[name] = value.lower() if name == "status" else value
    else:
        problem(1, "header", "the header opened with '---' on line 1 is never closed with '---'")
        return values, len(lines)
    return values, number


def _check_field(name: str, value: str) -> str | None:
    if not value:
        return "empty: give a value or remove the line"
    if name == "status" and value.lower() not in STATUSES:
        return f"{value!r} is not a status: use one of {', '.join(STATUSES)}"
    if name == "date":
        try:
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
                raise ValueError
            date.fromisoformat(value)
        except ValueError:
            return f"{value!r} is not a date: write it as YYYY-MM-DD"
    if name == "compare":
        wrong = [i for i in value.split(",") if not SLUG.match(i.strip())]
        if wrong:
            return f"{wrong[0].strip()!r} is not an incident id: list ids separated by commas (compare: x-spaces-2024, desantis-2023)"
    if name == "headline" and headline_name(value) not in _metric_names():
        names = _metric_names()
        return (f"{value!r} is not a metric{did_you_mean(headline_name(value), names)} (the metrics are {', '.join(names)}; "
                "without the line, an outage's is impact_duration, a live event's delay)")
    if name == "tz":
        from .model.zones import display_name

        try:
            display_name(value)
        except ValueError as exc:
            return str(exc)
    return None





def headline_name(value: str) -> str:
    """A metric as the analyst may write it ('Time to recover', 'time-to-recover') as its name."""
    return "_".join(value.strip().lower().replace("-", " ").split())


def _metric_names() -> tuple[str, ...]:
    from .timeline.metrics import METRICS

    return tuple(spec.name for spec in METRICS)


def _ids(value: str) -> tuple[str, ...]:
    """'a, b, a' → ('a', 'b')."""
    return tuple(dict.fromkeys(i.strip() for i in value.split(",") if i.strip()))


def starter(incident: str, title: str = "") -> str:
    """A new postmortem file: the header to fill in and every section with a line of guidance."""
    guidance = {
        "summary": "Two or three sentences: what happened, to whom, for how long, and what stopped it.",
        "impact": "Who was affected and how: users, requests, money, reputation. The report adds the measured figures.",
        "timeline": "Optional: a sentence of your own for an event of the timeline table, one line each, "
                    "'- event-id: what happened' (the ids are the events file's).",
        "root_causes": "Your finding, in your words: the cause and what set it off. The sources' own claims about the "
                       "cause are listed by the report, beside this.",
        "detection": "How and when it was noticed, and by whom (an alert, users, the press).",
        "resolution": "What was done to mitigate and recover, in order.",
        "lessons": "",
    }
    lines = ["---", f"title: {title or incident}", "date: ", "status: draft", "authors: ", "severity: ", "---", ""]
    # an empty date or authors line would be a problem: leave them as comments until filled in
    lines[2] = "<!-- date: YYYY-MM-DD -->"
    lines[4] = "<!-- authors: Your Name, Another Name -->"
    lines[5] = "<!-- severity: e.g. SEV-2 -->"
    lines.insert(6, "<!-- compare: the incidents to compare it with (default: the others of its kind) -->")
    lines.insert(7, "<!-- headline: the metric it is known by, e.g. delay or time_to_recover (default: an outage's "
                    "impact_duration, a live event's delay) -->")
    for key, heading in SECTIONS:
        lines.append(f"## {heading}")
        lines.append("")
        if key == "action_items":
            lines += ["| what | owner | status | priority | type | link |", "|---|---|---|---|---|---|",
                      "<!-- | Add an alert on … | team or person | open | P1 | detect | https://… | -->", ""]
        elif key == "lessons":
            for _, part in LESSONS:
                lines += [f"### {part}", "", "<!-- … -->", ""]
        else:
            lines += [f"<!-- {guidance[key]} -->", ""]
    return "\n".join(lines).rstrip("\n") + "\n"
