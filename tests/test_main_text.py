"""A saved page's main text through trafilatura (the extra `incident[web]`, which `make` installs):
the story only, not the cookie banner, the menu, the related links, the comments or the footer that
the built-in reader keeps when a page has no `<article>` or `<main>`; the built-in reader stays as
the fallback and says so."""

import csv
import io

import pytest

from incident.cli import main
from incident.extract.maintext import BUILT_IN, MAIN_TEXT, read_page

trafilatura = pytest.importorskip("trafilatura", reason="the extra incident[web] (trafilatura), which make installs")

PAGE = """<!doctype html><html><head><title>Acme CDN outage</title><meta property="og:site_name" content="Example News">
<meta property="article:published_time" content="2025-03-05T08:00:00Z"></head><body>
<div class="cookie-banner">We use cookies. Accept by 11:59 PM to continue. Updated at 9:00 UTC.</div>
<div class="menu"><a href="/">Home</a> <a href="/x">Outage at Contoso began at 08:00 UTC</a></div>
<div class="story"><h1>Acme's CDN went down for hours</h1>
<p>Acme's content delivery network failed at 09:02 UTC on 4 March 2025, taking thousands of sites offline.</p>
<p>Engineers rolled back a configuration change at 10:15 UTC, and service was restored at 11:40 UTC, the company said.</p>
</div>
<div class="related"><h3>Related</h3><ul><li>Contoso outage resolved at 13:00 UTC</li><li>Fabrikam down since 7 a.m. ET</li></ul></div>
<div class="comments"><p>Posted by joe at 12:01 UTC: my site was down until noon!</p></div>
<div class="footer">&copy; 2025 Example News. Last updated 5 March 2025 at 09:00 UTC.</div>
</body></html>
"""


def run(*argv):
    out, err = io.StringIO(), io.StringIO()
    code = main([str(a) for a in argv], stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_the_main_text_is_the_story_alone():
    page = read_page(PAGE)
    assert page.reader == MAIN_TEXT
    assert "09:02 UTC on 4 March 2025" in page.text and "11:40 UTC" in page.text
    assert not any(words in page.text for words in ("Contoso", "Fabrikam", "cookies", "joe", "Last updated"))
    # the date, title and site come from the page's own metadata, as the built-in reader reads them
    assert (str(page.published), page.title, page.site) == ("2025-03-05", "Acme CDN outage", "Example News")


def test_drafted_from_the_story_alone_and_said_how_it_was_read(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")
    code, out, err = run("extract", path, "--incident", "acme-2025", "--kind", "outage")
    assert code == 0, err
    rows = list(csv.DictReader(io.StringIO(out)))
    # the headline's "went down for hours" is a length too: the recovery at least two hours after the impact
    assert [(r["kind"], r["time"], r["offset_min"], r["bound"]) for r in rows] == [
        ("recovery", "", "120", "not_before"), ("impact_start", "2025-03-04 09:02", "", ""),
        ("mitigation", "2025-03-04 10:15", "", ""), ("recovery", "2025-03-04 11:40", "", "")]
    assert f"a saved web page, read with {MAIN_TEXT}" in err


def test_the_built_in_reader_keeps_what_the_body_holds_and_says_why_it_read():
    page = read_page(PAGE, prefer_main_text=False)
    assert page.reader == BUILT_IN and "Contoso" in page.text  # what the main-text extractor leaves out
    empty = read_page("<html><body><script>var t = 1;</script></body></html>")
    assert empty.reader == BUILT_IN and "found no main text" in empty.why


@pytest.mark.parametrize("hostile", ["<a " * 60_000, "<!--" * 100_000, "<div>" * 50_000 + "x", "<p>" + "&amp;" * 100_000])
def test_hostile_pages_are_read_or_refused_never_a_failure(hostile):
    page = read_page("<html><body>" + hostile)
    assert isinstance(page.text, str)


def test_a_page_of_more_text_than_an_article_is_read_by_the_linear_reader():
    # trafilatura's time grows faster than a page's length: a page of half a million characters of text is no article
    paragraphs = "".join(f"<p>Paragraph {i} of a very long page, with nothing of an outage in it at all.</p>" for i in range(8_000))
    page = read_page(f"<html><body><article>{paragraphs}</article></body></html>")
    assert page.reader == BUILT_IN and "more than an article" in page.why
    assert page.text.count("Paragraph") == 8_000
