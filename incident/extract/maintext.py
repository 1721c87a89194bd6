"""A saved page's main text: through trafilatura (the optional extra `incident[web]`), a well-kept
main-text extractor that leaves a page's cookie banner, menus, related links, comments and footer
out; else the built-in reader (webpage.py), which keeps what its `<article>`, `<main>` or `<body>`
holds, and says so. The page's date, title and site name are always the built-in reader's: read from
the page's own metadata, never guessed against the wall clock."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .webpage import page_text

MAIN_TEXT = "trafilatura"
# the visible text past which a page is no article for trafilatura, whose time grows faster than the page
# (benchmarks/hostile.py: 10,000 → 20,000 paragraphs, 1.7 → 5.8 s); the built-in reader is linear
MAIN_TEXT_MOST = 400_000
BUILT_IN = "the built-in reader"


@dataclass(frozen=True)
class Page:
    text: str
    published: date | None
    title: str
    site: str
    reader: str  # MAIN_TEXT or BUILT_IN
    why: str = ""  # why the built-in reader read it, when it did


def read_page(html_text: str, prefer_main_text: bool = True) -> Page:
    """The page's text and what its metadata says."""
    text, published, title, site = page_text(html_text)
    if not prefer_main_text:
        return Page(text, published, title, site, BUILT_IN, "asked for")
    if len(text) > MAIN_TEXT_MOST:
        return Page(text, published, title, site, BUILT_IN,
                    f"{len(text):,} characters of text: more than an article, and trafilatura's time grows faster than its length")
    try:
        import trafilatura  # noqa: F401 (the optional extra)
    except ImportError:
        return Page(text, published, title, site, BUILT_IN,
                    "trafilatura is not installed (pip install 'incident[web]' leaves banners, menus and comments out)")
    main = _main_text(html_text)
    if not main:
        return Page(text, published, title, site, BUILT_IN, "trafilatura found no main text in it")
    return Page(main, published, title, site, MAIN_TEXT)


def _main_text(html_text: str) -> str:
    import logging

    import trafilatura

    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)  # its notes are not ours to print
    try:
        found = trafilatura.extract(html_text, include_comments=False, include_tables=True, favor_precision=True,
                                    with_metadata=False, deduplicate=False)
    except Exception:  # a third party's parser on untrusted markup: any failure means 'not read'
        return ""
    if not found:
        return ""
    lines = [" ".join(line.split()) for line in found.split("\n")]
    return "\n".join(line for line in lines if line)
