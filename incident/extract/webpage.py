"""The main text of a saved web page, and the date it was published, read in one linear pass (no
network, no scripts): the `<article>` (else `<main>`, else `<body>`) less navigation, headers,
footers, scripts and forms, a line per block.

The markup is read by `_read_markup`, a tokenizer of our own rather than the standard library's
HTMLParser: that parser searches again from every `<` that opens no complete construct (`<a ` or
`<!--` repeated: 150 KB took minutes). Here each search for the end of a construct either finds it,
and reading goes on after it, or does not, and the rest of the page is that unfinished construct
(as HTML reads a page that ends inside a tag or a comment): every character is looked at a bounded
number of times, whatever the page.
"""

from __future__ import annotations

import json
import re
from datetime import date
from html import unescape

_BLOCKS = {"p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "br", "tr", "table", "section",
           "article", "main", "blockquote", "pre", "dd", "dt", "figcaption", "header", "footer", "td", "th"}
_SKIPPED = {"script", "style", "noscript", "template", "svg", "nav", "header", "footer", "aside", "form", "button", "select", "iframe", "head"}
_VOID = {"br", "img", "meta", "link", "input", "hr", "area", "base", "col", "embed", "source", "track", "wbr"}
MAX_ATTRIBUTES = 64  # kept of one tag (a real tag has a handful; `<a ` repeated is one tag of millions)
_RAW = ("script", "style")  # their content is text up to their end tag, never markup
_DATE_KEYS = ("article:published_time", "datepublished", "date", "pubdate", "publishdate", "dc.date", "dcterms.created", "og:published_time")
_ISO_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")  # keeps every index
_TAG_NAME = re.compile(r"[^\s/>]*")
_SPACES = re.compile(r"[\s/]*")
_ATTRIBUTE = re.compile(r"[^\s/>][^\s/>=]*")
_UNQUOTED = re.compile(r"[^\s>]*")
_WHITE = re.compile(r"[ \t\n\r\f]*")


def _read_markup(text: str, page: "_Page") -> None:
    """Drive `page`'s handlers (start tag, end tag, data) over `text`, in one pass."""
    lowered = text.translate(_ASCII_LOWER)
    n, i = len(text), 0
    while i < n:
        lt = text.find("<", i)
        if lt < 0:
            page.handle_data(unescape(text[i:]))
            return
        if lt > i:
            page.handle_data(unescape(text[i:lt]))
        after = text[lt + 1:lt + 2]
        if text.startswith("<!--", lt):
            end = text.find("-->", lt + 4)
            if end < 0:
                return  # the rest is an unclosed comment
            i = end + 3
        elif after in ("!", "?") or (after == "/" and not text[lt + 2:lt + 3].isalpha()):
            end = text.find(">", lt + 2)  # a declaration, a processing instruction, a bogus comment
            if end < 0:
                return
            i = end + 1
        elif after == "/":
            name = _TAG_NAME.match(lowered, lt + 2).group()
            end = text.find(">", lt + 2)
            if end < 0:
                return
            page.handle_endtag(name)
            i = end + 1
        elif after.isascii() and after.isalpha():
            tag = _start_tag(text, lowered, lt + 1)
            if tag is None:
                return  # the page ends inside a tag
            name, attributes, i = tag
            page.handle_starttag(name, attributes)
            if name in _RAW:
                close = lowered.find(f"</{name}", i)
                page.handle_data(text[i:] if close < 0 else text[i:close])
                if close < 0:
                    return
                end = text.find(">", close)
                page.handle_endtag(name)
                if end < 0:
                    return
                i = end + 1
        else:
            page.handle_data("<")
            i = lt + 1


def _start_tag(text: str, lowered: str, i: int) -> tuple[str, list[tuple[str, str]], int] | None:
    """(name, attributes, where the tag ends) of the start tag whose name begins at `i`; None when
    the text ends inside it."""
    match = _TAG_NAME.match(lowered, i)
    name, j, n = match.group(), match.end(), len(text)
    attributes: list[tuple[str, str]] = []
    while True:
        j = _SPACES.match(text, j).end()
        if j >= n:
            return None
        if text[j] == ">":
            return name, attributes, j + 1
        match = _ATTRIBUTE.match(lowered, j)
        key, j = match.group(), match.end()
        value, k = "", _WHITE.match(text, j).end()
        if text.startswith("=", k):
            j = _WHITE.match(text, k + 1).end()
            if text[j:j + 1] in ("'", '"'):
                close = text.find(text[j], j + 1)
                if close < 0:
                    return None
                value, j = unescape(text[j + 1:close]), close + 1
            else:
                match = _UNQUOTED.match(text, j)
                value, j = unescape(match.group()), match.end()
        if len(attributes) < MAX_ATTRIBUTES:  # the rest are read past, not kept: memory stays bounded
            attributes.append((key, value))


class _Page:
    def __init__(self):
        self.parts: dict[str, list[str]] = {"article": [], "main": [], "body": []}
        self.open: dict[str, int] = {"article": 0, "main": 0, "body": 0}
        self.skipping = 0
        self.dates: list[str] = []
        self.title: list[str] = []
        self.in_title = False
        self.site = ""
        self.json_ld = False
        self.ld: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = {k.lower(): (v or "") for k, v in attrs}
        if tag == "meta":
            key = (attributes.get("property") or attributes.get("name") or attributes.get("itemprop") or "").lower()
            if key in _DATE_KEYS and attributes.get("content"):
                self.dates.append(attributes["content"])
            if key == "og:site_name":
                self.site = attributes.get("content", "")
            return
        if tag == "time" and attributes.get("datetime") and not self.skipping:
            self.dates.append(attributes["datetime"])
        if tag == "script" and attributes.get("type", "").lower() == "application/ld+json":
            self.json_ld = True
        if tag == "title":
            self.in_title = True
        if tag in _SKIPPED and tag not in _VOID:
            self.skipping += 1
        if tag in self.open:
            self.open[tag] += 1
        if tag in _BLOCKS:
            self._text("\n")

    def handle_endtag(self, tag):
        if tag in _SKIPPED and self.skipping:
            self.skipping -= 1
        if tag == "script":
            self.json_ld = False
        if tag == "title":
            self.in_title = False
        if tag in self.open and self.open[tag]:
            self.open[tag] -= 1
        if tag in _BLOCKS:
            self._text("\n")

    def handle_data(self, data):
        if self.json_ld:
            self.ld.append(data)
        if self.in_title:
            self.title.append(data)
        if not self.skipping:
            self._text(data)

    def _text(self, data: str) -> None:
        for name, depth in self.open.items():
            if depth:
                self.parts[name].append(data)


def page_text(html_text: str) -> tuple[str, date | None, str, str]:
    """(main text, publication date or None, title, site name) of a saved page."""
    page = _Page()
    _read_markup(html_text, page)
    chosen = next((page.parts[name] for name in ("article", "main", "body") if "".join(page.parts[name]).strip()), None)
    if chosen is None:
        chosen = page.parts["body"]
    lines = [" ".join(line.split()) for line in "".join(chosen).split("\n")]
    text = "\n".join(line for line in lines if line)
    return text, _published(page), " ".join("".join(page.title).split()), page.site.strip()


def _published(page: _Page) -> date | None:
    found = list(page.dates)
    for blob in page.ld:
        try:
            found += _ld_dates(json.loads(blob))
        except (ValueError, RecursionError):
            continue
    for value in found:
        m = _ISO_DAY.search(value)
        if m:
            try:
                return date(int(m[1]), int(m[2]), int(m[3]))
            except ValueError:
                continue
    return None


def _ld_dates(value, depth: int = 0) -> list[str]:
    if depth > 8:
        return []
    if isinstance(value, dict):
        out = [str(value["datePublished"])] if "datePublished" in value else []
        for item in value.values():
            if isinstance(item, (dict, list)):
                out += _ld_dates(item, depth + 1)
        return out
    if isinstance(value, list):
        return [d for item in value[:50] for d in _ld_dates(item, depth + 1)]
    return []


def looks_like_html(text: str) -> bool:
    head = text[:2048].lstrip().lower()
    return head.startswith(("<!doctype html", "<html", "<?xml")) or "<body" in head or ("<p>" in head and "</p>" in text[:65536].lower())
