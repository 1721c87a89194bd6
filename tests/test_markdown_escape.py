"""The Markdown every view prints reads as the text it carries: a character is escaped only where
Markdown would read it as markup, so 'p < 0.001' is printed as written and '<script>' is never a
tag. Checked by reading the Markdown back with a CommonMark reader that lets raw HTML through (as
many hosts do), not by looking for backslashes."""

import html

from hypothesis import given, settings, strategies as st
from markdown_it import MarkdownIt

from incident.render.document import Bullets, Document, Paragraph, Table, md_escape, to_markdown

READER = MarkdownIt("commonmark", {"html": True}).enable("table")
INLINE_MARKUP = "<>/!?ab1 .|*_`[]\\:-=()"


def read(markdown: str) -> str:
    """The Markdown as a reader shows it: its HTML."""
    return READER.render(markdown)


def shown_text(rendered: str) -> str:
    """The HTML of one paragraph as the characters a reader sees, or AssertionError when it holds
    any markup but the paragraph itself."""
    body = rendered.strip()
    assert body.startswith("<p>") and body.endswith("</p>"), rendered
    inner = body[3:-4]
    assert "<" not in inner, rendered  # no tag, comment, autolink, code or emphasis was opened
    return html.unescape(inner)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=INLINE_MARKUP, min_size=1, max_size=24))
def test_escaped_text_reads_back_as_itself_and_opens_no_markup(text):
    shown = shown_text(read("x " + md_escape(text) + " y"))
    assert " ".join(shown.split()) == " ".join(("x " + text + " y").split())


def test_a_less_than_before_a_figure_is_printed_as_written():
    for text in ("p < 0.001", "< 5 min", "1 <2", "a < b? no: 3 < 4", "x <= 2", "<- back"):
        assert md_escape(text) == text
        assert shown_text(read(md_escape(text))) == text


def test_a_less_than_that_could_open_markup_is_escaped():
    for text in ("<script>alert(1)</script>", "<b>load</b>", "</p>", "<!-- note -->", "<?xml?>",
                 "<https://example.org>", "<mailto:a@example.org>", "<é>"):
        rendered = read("x " + md_escape(text))
        assert shown_text(rendered) == "x " + text


def test_a_text_that_ends_in_a_less_than_never_joins_the_next_into_a_tag():
    doc = Document("t")
    doc.add(Paragraph(["before <", "script>alert(1)"]))
    assert "<script" not in read(to_markdown(doc))


def test_every_block_of_a_document_stays_safe_and_plain():
    doc = Document("T <script> p < 0.001")
    doc.add(Paragraph("> not a quotation, p < 0.05 and <img src=x onerror=alert(1)>"))
    doc.add(Bullets(["<iframe src=x>", "> 2 h", "n < 10"]))
    doc.add(Table(["h <b>", "p"], [["<svg onload=alert(1)>", "p < 0.001"]]))
    md = to_markdown(doc)
    rendered = read(md)
    for tag in ("<script", "<img", "<iframe", "<svg", "<b>", "<blockquote"):
        assert tag not in rendered, tag
    assert "p &lt; 0.001" in rendered and "p < 0.001" in md and "n < 10" in md
