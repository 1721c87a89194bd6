"""Claims from an RSS 2.0 or Atom status feed: `incident import feed`.

Status pages publish their history as feeds (Statuspage's history.atom and history.rss, AWS Health,
Azure status, Slack, incident.io, Instatus). An entry is read in one of two shapes:

- **an entry per incident listing its updates** (Statuspage): each update is a time in `<small>`
  and a status in `<strong>` ("Jun 18, 18:09 UTC · Resolved - This incident has been resolved.");
  the time is read with the project's time grammar against the entry's `updated`, which supplies
  the year the feed leaves out;
- **an entry with no such list** (AWS posts one per update, Azure and Slack one per incident): the
  entry is one update at its publication time, its status guessed from the words of its title, then
  of its text. Entries with the same subject (the title without its status label: "Service is
  operating normally: [RESOLVED] Increased API error rates" is about "increased api error rates"),
  each within GROUP_HOURS of the one before and none after one that says it is resolved, are one
  incident.

Each incident is then read as a Statuspage incident is (`statuspage.claims`: the first update, the
statuses, a window stated in prose, the other times its prose states), its source "NAME status
feed". A feed keeps only its last items: when the first update it has already says "resolved", that
update is no acknowledgement (a communication) and bounds the resolution (`not_after`).

The XML is read by expat (the standard library's parser: one pass, linear): a document type
declaration is refused before anything in it is read, so no entity is ever defined or expanded (a
"billion laughs" file is one message, not a lost machine); a file or an answer is at most MAX_FEED
bytes, a field at most MAX_FIELD characters.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from email.utils import parsedate_to_datetime
from pathlib import Path
from xml.parsers import expat

from ..diagnostics import ImportFailed, printable
from .prose import prose_window
from .reading import instant, read_bytes
from .statuspage import MAX_TEXT, Record, normalised, shape_problem, plain_text

MAX_FEED = 16 << 20  # bytes: a year of a busy page's feed is a few MB; past this, reading its updates would take minutes
MAX_FIELD = 10 * MAX_TEXT  # characters kept of one field; an entry's updates are cut to MAX_TEXT each
MAX_ENTRIES = 5_000  # a status feed keeps its last few dozen or hundred items; more is no status feed
GROUP_HOURS = 24  # the longest gap between two items of one incident (AWS: one item per update)
ACCEPT = "application/atom+xml, application/rss+xml, application/xml;q=0.9, text/xml;q=0.8, */*;q=0.1"

_ENTRY_FIELDS = {"title", "link", "guid", "id", "pubDate", "published", "updated", "date", "issued",
                 "modified", "description", "summary", "content", "encoded"}
_POSTED = ("published", "pubDate", "issued", "date", "updated", "modified")  # the first present says when
_CHANGED = ("updated", "modified")
_BODIES = ("encoded", "content", "description", "summary")  # the fullest text first
_DONE = ("resolved", "completed", "postmortem")


@dataclass
class Entry:
    """One <item> or <entry>: its fields' text, where each began, and its links (rel, href)."""

    line: int
    column: int
    fields: dict[str, str] = field(default_factory=dict)
    where: dict[str, tuple[int, int]] = field(default_factory=dict)
    links: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class Feed:
    name: str  # the file or address, for messages
    title: str = ""
    link: str = ""
    author: str = ""
    built: str = ""  # when the feed was written (RSS lastBuildDate or pubDate, Atom updated)
    entries: list[Entry] = field(default_factory=list)


# ---------------------------------------------------------------- reading the XML


def read_feed(path: str | Path) -> Feed:
    """The feed in a file or at an address. Raises FileUnusable or ImportFailed naming it (and the
    line and column of what is wrong)."""
    name = str(path)
    return parse_feed(read_bytes(path, MAX_FEED, "a status feed", accept=ACCEPT), name)


def parse_feed(data: bytes, name: str) -> Feed:
    data, recoded = _as_expat_reads(data, name)
    reader = _Reader(name, data, "UTF-8" if recoded else None)
    try:
        reader.parser.Parse(data, True)
    except expat.ExpatError as exc:
        if exc.code == expat.errors.codes[expat.errors.XML_ERROR_NO_ELEMENTS] and reader.root is not None:
            raise ImportFailed(f"{name}: the feed ends too early at line {exc.lineno} (truncated?)") from None
        what = "empty" if not data.strip() else f"line {exc.lineno}, column {exc.offset + 1}: {expat.ErrorString(exc.code)}"
        raise ImportFailed(f"{name}: not XML: {what}") from None
    if reader.root is None:
        raise ImportFailed(f"{name}: not XML: no element")
    return reader.feed


_DECLARED = re.compile(rb"""<\?xml\s[^>]{0,200}?\bencoding\s*=\s*["']([^"'>]{0,60})["']""")
_EXPAT_READS = {"utf-8", "utf-16", "utf-16-le", "utf-16-be", "iso8859-1", "ascii"}  # codecs' names of what expat decodes itself


def _as_expat_reads(data: bytes, name: str) -> tuple[bytes, bool]:
    """The feed's bytes in an encoding expat reads, and whether they were decoded and written again
    as UTF-8: a declared encoding expat does not know (Shift_JIS, windows-1252, …) is decoded with
    Python's codec; an unknown name, UTF-7 (it can spell markup in plain letters) or bytes that are
    not in the encoding declared are one message."""
    import codecs

    declared = _DECLARED.match(data, 3 if data.startswith(b"\xef\xbb\xbf") else 0, 300)
    if declared is None:
        return data, False
    label = printable(declared[1].decode("ascii", "replace"))
    try:
        codec = codecs.lookup(label).name
    except LookupError:
        raise ImportFailed(f"{name}: line 1: the feed declares the encoding {label!r}, which is unknown: save it as UTF-8") from None
    if codec in _EXPAT_READS:
        return data, False
    if codec == "utf-7":
        raise ImportFailed(f"{name}: line 1: the feed declares UTF-7, which is not read (it can hide markup in plain "
                           "letters): save it as UTF-8")
    try:
        text = data.decode(codec)
    except LookupError:  # a codec that is no text encoding (base64, rot13)
        raise ImportFailed(f"{name}: line 1: the encoding {label!r} the feed declares is no text encoding: save it as UTF-8") from None
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise ImportFailed(f"{name}: line {line}: byte {exc.start:,} (0x{data[exc.start]:02x}) is not {label}, "
                           "the encoding the feed declares") from None
    return text.encode("utf-8"), True


class _Reader:
    """expat's handlers: the feed's title, link and author, and each entry's fields."""

    def __init__(self, name: str, data: bytes, encoding: str | None = None):
        self.feed, self.data = Feed(name), data
        self.root: str | None = None
        self.stack: list[str] = []
        self.entry: Entry | None = None
        self.entry_depth = 0
        self.capture: tuple[str, int] | None = None  # (field, depth) being collected
        self.parts: list[str] = []
        self.size = 0
        parser = expat.ParserCreate(encoding, namespace_separator=" ")  # an encoding given overrides the declared one
        parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
        parser.StartDoctypeDeclHandler = self._doctype
        parser.StartElementHandler = self._start
        parser.EndElementHandler = self._end
        parser.CharacterDataHandler = self._text
        self.parser = parser

    def _doctype(self, *_):
        """Refused where it begins (expat speaks after its name): no entity of it is ever read."""
        index = self.parser.CurrentByteIndex
        start = self.data.rfind(b"<!", 0, index + 1)
        start = index if start < 0 else start
        line, column = self.data.count(b"\n", 0, start) + 1, start - self.data.rfind(b"\n", 0, start)
        raise ImportFailed(f"{self.feed.name}: line {line}, column {column}: a document type declaration (<!DOCTYPE …>): "
                           "refused, a feed needs none (its entities could expand without bound)")

    def _start(self, name: str, attrs: dict):
        local = name.rsplit(" ", 1)[-1]
        if self.root is None:
            if local not in ("rss", "feed", "RDF"):
                raise ImportFailed(f"{self.feed.name}: not an RSS or Atom feed: the document is <{printable(local[:40])}>")
            self.root = local
        self.stack.append(local)
        if self.capture is not None:  # markup inside a field (Atom's xhtml content): kept as a tag
            self._keep(f"<{local}>")
            return
        parent = self.stack[-2] if len(self.stack) > 1 else ""
        if local in ("item", "entry") and self.entry is None:
            if len(self.feed.entries) >= MAX_ENTRIES:
                raise ImportFailed(f"{self.feed.name}: line {self.parser.CurrentLineNumber}: more than {MAX_ENTRIES:,} entries: "
                                   "a status feed keeps its last few hundred at most; not read")
            self.entry = Entry(self.parser.CurrentLineNumber, self.parser.CurrentColumnNumber + 1)
            self.entry_depth = len(self.stack)
        elif self.entry is not None and parent in ("item", "entry"):
            if local == "link" and attrs.get("href"):
                self.entry.links.append((str(attrs.get("rel") or "alternate"), attrs["href"][:2000]))
            if local in _ENTRY_FIELDS and local not in self.entry.fields:
                self.entry.where[local] = (self.parser.CurrentLineNumber, self.parser.CurrentColumnNumber + 1)
                self._begin(local)
        elif self.entry is None and parent in ("channel", "feed"):
            if local == "link" and attrs.get("href") and (attrs.get("rel") or "alternate") == "alternate":
                self.feed.link = self.feed.link or attrs["href"][:2000]
            elif local in ("title", "link"):
                self._begin(local)
            elif local in ("lastBuildDate", "pubDate", "updated"):
                self._begin("built")
        elif self.entry is None and local == "name" and self.stack[-3:-1] == ["feed", "author"]:
            self._begin("author")

    def _begin(self, what: str):
        self.capture, self.parts, self.size = (what, len(self.stack)), [], 0

    def _keep(self, text: str):
        if self.size <= MAX_FIELD:  # past the cap nothing more is kept (the claim says it is cut)
            self.parts.append(text[: MAX_FIELD + 1 - self.size])
            self.size += len(self.parts[-1])

    def _text(self, data: str):
        if self.capture is not None:
            self._keep(data)

    def _end(self, name: str):
        local = self.stack.pop()
        if self.capture is not None and len(self.stack) + 1 > self.capture[1]:
            self._keep(f"</{local}>")
            return
        if self.capture is not None:
            what, text = self.capture[0], "".join(self.parts)
            self.capture = None
            if self.entry is not None:
                self.entry.fields[what] = text
            elif not getattr(self.feed, what):
                setattr(self.feed, what, text.strip()[:2000])
        elif self.entry is not None and len(self.stack) + 1 == self.entry_depth:
            self.feed.entries.append(self.entry)
            self.entry = None


# ---------------------------------------------------------------- entries to incidents


def read(source: str, request) -> list[Record]:
    """The importer's contract (registry.Source)."""
    return read_records(source)


def claim_rows(records: list[Record], request):
    """The importer's contract: a feed's incidents are read as status-page records are."""
    from .statuspage import claim_rows

    return claim_rows(records, request, "feed")


def read_records(path: str | Path) -> list[Record]:
    """The incidents of a feed, oldest first, each a Statuspage-shaped Record."""
    feed = read_feed(path)
    page = {"name": page_name(feed)}
    blocks, singles = [], []
    for entry in feed.entries:
        posted, changed = _times(feed.name, entry)
        updates = _updates(feed.name, entry, changed)
        if updates:
            blocks.append((entry, updates))
        else:
            singles.append((posted, entry))
    records: list[Record] = []
    taken: set[str] = set()
    for entry, updates in blocks:
        record = _record(feed, page, [entry], updates, taken, listed=True)
        if record is not None:
            records.append(record)
    built = read_moment(feed.built) if feed.built else None
    for group in _grouped(singles):
        if len(group) == 1:
            updates = _lone(group[0][1], group[0][0], built)
        else:
            updates = [_single_update(entry, posted) for posted, entry in group]
        record = _record(feed, page, [entry for _, entry in group], updates, taken, listed=False)
        if record is not None:
            records.append(record)
    return sorted(records, key=lambda r: (instant(r.incident["created_at"]), r.incident["id"]))


def page_name(feed: Feed) -> str:
    """Whose feed: its author ("GitHub"), else its title without what it is ("GitHub Status -
    Incident History" → "GitHub"), else its address's host."""
    for text in (feed.author, feed.title):
        name = plain_text(text).split(" - ", 1)[0].split(" | ", 1)[0].strip()
        lowered = name.lower()
        for tail in (" service status", " status page", " status", " incident history", " history", " rss feed", " feed"):
            if lowered.endswith(tail) and len(name) > len(tail):
                name, lowered = name[: -len(tail)].rstrip(), lowered[: -len(tail)].rstrip()
        if name:
            return name[:80]
    host = re.match(r"https?://([^/:?#]{1,200})", feed.link or feed.name)
    return host[1].removeprefix("www.") if host else "feed"


def _times(name: str, entry: Entry) -> tuple[datetime, datetime]:
    """When the entry was posted and last changed. Raises ImportFailed (no time, or one unread)."""
    read = {}
    for key in dict.fromkeys(_POSTED + _CHANGED):
        text = entry.fields.get(key, "").strip()
        if text:
            moment = read_moment(text)
            if moment is None:
                line, column = entry.where[key]
                raise ImportFailed(f"{name}: line {line}, column {column}: <{key}> {printable(text[:60])!r} is not a time "
                                   "(RFC 822 as in RSS, or ISO 8601 with a zone as in Atom)")
            read[key] = moment
    posted = next((read[key] for key in _POSTED if key in read), None)
    if posted is None:
        raise ImportFailed(f"{name}: line {entry.line}, column {entry.column}: an entry with no time "
                           "(no pubDate, published or updated)")
    changed = next((read[key] for key in _CHANGED if key in read), posted)
    return posted, max(posted, changed)


def read_moment(text: str) -> datetime | None:
    """An RSS date (RFC 822: 'Tue, 07 Dec 2021 22:18:00 PST') or an Atom one (RFC 3339), in UTC;
    None when it is neither, or names no zone it knows."""
    text = " ".join(text.split())[:100]
    moment = instant(text)
    if moment is not None:
        return moment
    try:
        moment = parsedate_to_datetime(text)
        year = _RFC822_YEAR.search(text)
        if year is not None and len(year[1]) > 2 and int(year[1]) != moment.year:
            moment = moment.replace(year=int(year[1]))  # '0002' is year 2: only a two-digit year is read as 19xx/20xx
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if moment.tzinfo is None or not 2 <= moment.year <= 9998:  # an unknown zone reads as none
        return None
    return moment.astimezone(timezone.utc)


_RFC822_YEAR = re.compile(r"\b\d{1,2}\s+[A-Za-z]{3,9}\.?\s+(\d{1,4})\b")  # '07 Dec 2021': the year as written


def _updates(name: str, entry: Entry, changed: datetime) -> list[dict]:
    """The updates an entry's body lists (Statuspage's '<small>time</small> … <strong>Status</strong>
    - text'), newest first as written; none when it lists none."""
    from ..timetext.days import Context
    from ..timetext.readings import read_times

    body = _body(entry)
    lowered = body.lower()
    heads = []
    i = 0
    while (start := lowered.find("<small>", i)) >= 0:
        end = lowered.find("</small>", start)
        if end < 0:
            break
        strong = lowered.find("<strong>", end, end + 200)
        close = lowered.find("</strong>", strong, strong + 100 + 9) if strong >= 0 else -1  # bounded: never a search to the end per update
        if strong >= 0 and 0 <= close - strong <= 100:
            heads.append((start, end, strong, close))
        i = end
    updates = []
    for number, (start, end, strong, close) in enumerate(heads):
        stamp = plain_text(body[start + 7:end])
        readings = [r for r in read_times(stamp, Context(changed, None, clock24=True)) if r.kind == "clock"]
        if not readings or not readings[0].usable:
            problem = readings[0].problem if readings else "no time in it"
            raise ImportFailed(f"{name}: line {entry.line}, column {entry.column}: an update's time "
                               f"{printable(stamp[:60])!r} not read: {problem}")
        moment = datetime.fromtimestamp(readings[0].instant, timezone.utc)
        following = heads[number + 1][0] if number + 1 < len(heads) else len(body)
        text = body[close + 9:following].lstrip(" -\u2013\u2014\n")
        status = "_".join(plain_text(body[strong + 8:close]).lower().split())[:40]
        updates.append({"id": "", "status": status, "body": text, "created_at": _stamp(moment), "as_reported": stamp})
    return updates


def _body(entry: Entry) -> str:
    return next((entry.fields[key] for key in _BODIES if entry.fields.get(key, "").strip()), "")


def _stamp(moment: datetime) -> str:
    return f"{moment.year:04d}-{moment:%m-%dT%H:%M:%SZ}"


_STATUS_WORDS = (("operating normally", "resolved"), ("resolved", "resolved"), ("completed", "completed"),
                 ("monitoring", "monitoring"), ("identified", "identified"), ("investigating", "investigating"))
_LABEL_WORDS = ("status", "message", "normal", "issue", "disruption", "degrad", "outage", "incident",
                "update", "resolved", "investigating", "monitoring", "identified", "impact", "informational")


def _status(entry: Entry) -> str:
    """The status an item's words name: its title's first, then its text's opening."""
    title, text = plain_text(entry.fields.get("title", "")).lower(), plain_text(_body(entry)[:2000]).lower()
    return next((s for words in (title, text[:300]) for word, s in _STATUS_WORDS if word in words), "")


def _single_update(entry: Entry, posted: datetime) -> dict:
    status = _status(entry)
    shown = " ".join(entry.fields.get(next(k for k in _POSTED if entry.fields.get(k, "").strip()), "").split())
    return {"id": printable(_guid(entry)[:200]), "status": status, "body": _body(entry),
            "created_at": _stamp(posted), "as_reported": shown[:100]}


def _lone(entry: Entry, posted: datetime, built: datetime | None) -> list[dict]:
    """The updates of an entry that is a whole incident on its own. When its text says it is
    resolved but was written after the entry was posted (Atom's `updated`; or, in RSS, a window its
    prose states that ends after the posting, with the feed's build time to bound it), the posting
    is the first update (its title the quote) and the resolution is known only by the later time."""
    update = _single_update(entry, posted)
    if update["status"] not in _DONE:
        return [update]
    changed = next((m for key in _CHANGED if (m := read_moment(entry.fields.get(key, ""))) is not None), posted)
    by, what = changed, "the entry's text, changed since it was posted, says it is resolved: no later than its last change"
    if by <= posted and built is not None and built > posted:
        window = prose_window(plain_text(update["body"]), posted)
        if window is not None and window.end is not None and window.end.moment > posted:
            by, what = built, "the entry's text states an end after it was posted: resolved no later than the feed was built"
    if by <= posted:
        return [update]
    first = dict(update, status="", body=entry.fields.get("title", ""))
    last = dict(update, created_at=_stamp(by), as_reported="", _by=what)
    return [first, last]


def subject(title: str, lower: bool = True) -> str:
    """What an item is about, without its status label: 'Service is operating normally: [RESOLVED]
    Increased API Error Rates' → 'increased api error rates' (as written, with lower=False)."""
    written = plain_text(title)
    text = written.lower()
    head, colon, rest = text.partition(": ")
    if colon and len(head) <= 40 and any(word in head for word in _LABEL_WORDS):
        text = rest
    start = 0  # labels skipped by moving an index (slicing the rest each time is quadratic in '[a]' × N)
    while text.startswith(("[", "("), start):
        close = text.find("]" if text[start] == "[" else ")", start)
        if close < 0:
            break
        start = close + 1
        while start < len(text) and text[start].isspace():
            start += 1
    text = text[start:]
    return text if lower else written[len(written) - len(text):]


def _grouped(singles: list[tuple[datetime, Entry]]) -> list[list[tuple[datetime, Entry]]]:
    """Items one incident posted one by one (same subject, each within GROUP_HOURS of the last;
    after a resolved one, only another resolved one: a restatement), oldest first."""
    groups: list[list[tuple[datetime, Entry]]] = []
    open_by_subject: dict[str, tuple[list | None, bool]] = {}
    for posted, entry in sorted(singles, key=lambda item: (item[0], item[1].line)):
        key = subject(entry.fields.get("title", ""))
        group, done = open_by_subject.get(key, (None, False))
        status = _status(entry)
        if key and group is not None and posted - group[-1][0] <= timedelta(hours=GROUP_HOURS) and (not done or status in _DONE):
            group.append((posted, entry))
        else:
            group = [(posted, entry)]
            groups.append(group)
        open_by_subject[key] = (group, done or status in _DONE)
    return groups


def _guid(entry: Entry) -> str:
    return " ".join((entry.fields.get("guid") or entry.fields.get("id") or "").split())


def _link(entry: Entry) -> str:
    links = [href for rel, href in entry.links if rel == "alternate"] + [entry.fields.get("link", "")]
    link = next((" ".join(href.split()) for href in links if href.strip()), "")
    return _address(link)


def _address(text: str) -> str:
    """The text when it is an http(s) address, else ''."""
    return text if re.match(r"https?://[^\s]{1,2000}\Z", text) else ""


def _ident(entry: Entry, taken: set[str]) -> str | None:
    """A short id: the last part of the entry's address or id when it is one
    ('…/incidents/k1mlxlmdhqqp', 'tag:…:Incident/21148992'), else a hash of its id, title and time;
    None when an entry with the same id, title and time was read already."""
    for text in (_link(entry).split("?")[0].split("#")[0].rstrip("/"), _guid(entry)):
        last = re.split(r"[/:]", text)[-1].lower() if text else ""
        if re.fullmatch(r"[a-z0-9]{1,40}", last) and last not in taken:
            taken.add(last)
            return last
    times = " ".join(entry.fields.get(key, "") for key in _POSTED)
    digest = hashlib.sha1(f"{_guid(entry)}\n{entry.fields.get('title', '')}\n{times}".encode()).hexdigest()[:12]
    if digest in taken:
        return None
    taken.add(digest)
    return digest


def _record(feed: Feed, page: dict, entries: list[Entry], updates: list[dict], taken: set[str], listed: bool) -> Record | None:
    """One incident; `listed` when its updates were read from the list in its entry (its title then
    is the incident's name as written, else the title without its status label)."""
    first = entries[0]
    ident = _ident(first, taken)
    if ident is None:
        return None  # the same entry twice
    updates = sorted(updates, key=lambda u: u["created_at"])
    title = (plain_text(first.fields.get("title", "")) if listed else subject(first.fields.get("title", ""), lower=False)) or "(untitled)"
    incident = {"id": ident, "name": title[:MAX_TEXT], "created_at": updates[0]["created_at"],
                "shortlink": "", "incident_updates": updates}
    problem = shape_problem(incident)
    if problem:
        raise ImportFailed(f"{feed.name}: line {first.line}, column {first.column}: {problem}")
    link = next((link for entry in reversed(entries) if (link := _link(entry))), "") or _address(feed.link)
    return Record(feed.name, page, normalised(incident), link=link, medium="status feed",
                  complete=updates[0]["status"] not in _DONE)
