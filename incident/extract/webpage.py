"""The main text of a saved web page, and the date it was published, read with the standard
library's HTML parser (one pass, no network, no scripts): the `<article>` (else `<main>`, else
`<body>`) less navigation, headers, footers, scripts and forms, a line per block."""

from __future__ import annotations

import json
import re
from datetime import date
from html.parser import HTMLParser

_BLOCKS = {"p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "br", "tr", "table", "section",
           "article", "main", "blockquote", "pre", "dd", "dt", "figcaption", "header", "footer", "td", "th"}
_SKIPPED = {"script", "style", "noscript", "template", "svg", "nav", "header", "footer", "aside", "form", "button", "select", "iframe", "head"}
_VOID = {"br", "img", "meta", "link", "input", "hr", "area", "base", "col", "embed", "source", "track", "wbr"}
_DATE_KEYS = ("article:published_time", "datepublished", "date", "pubdate", "publishdate", "dc.date", "dcterms.created", "og:published_time")
_ISO_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


class _Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
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
    page.feed(html_text)
    page.close()
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
