"""The HTML reports in a real browser: at phone width nothing is wider than the screen except
inside its own scrolling box, and the page itself never scrolls sideways.

Headless Chromium (Debian's package; `.ci/run` installs it when missing) loads a copy of each page
with a measuring script appended, inside an iframe of the width to test (headless windows are at
least 500 px wide), and prints the DOM after the script ran (`--dump-dom`): no driver, no network.
On a machine without Chromium the test is skipped, saying so.
"""

import json
import re
import shutil
import subprocess

import pytest

from conftest import ROOT

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="needs Chromium (apt-get install chromium), which .ci/run installs")

# Elements that stick out past the right edge of the viewport, unless a scrolling box holds them.
MEASURE = """
<script>
(function () {
  var width = document.documentElement.clientWidth, bad = [];
  function scrolls(el) {
    for (var p = el.parentElement; p; p = p.parentElement) {
      var s = getComputedStyle(p).overflowX;
      if ((s === 'auto' || s === 'scroll') && p.getBoundingClientRect().right <= width + 1) return true;
    }
    return false;
  }
  var all = document.querySelectorAll('body *');
  for (var i = 0; i < all.length; i++) {
    var el = all[i], box = el.getBoundingClientRect();
    if (box.width > 0 && box.right > width + 1 && !scrolls(el) && !(el.closest && el.closest('svg'))) {
      bad.push(el.tagName.toLowerCase() + (el.className && el.className.baseVal === undefined ? '.' + el.className : '')
               + ' right=' + Math.round(box.right));
    }
  }
  // a table whose columns in view are only times (the event's name off to the right) reads as nothing
  var timesOnly = [];
  document.querySelectorAll('table').forEach(function (table, n) {
    var heads = table.querySelectorAll('th'), seen = [];
    heads.forEach(function (th) {
      var box = th.getBoundingClientRect();
      if (box.left < width && th.textContent.trim()) seen.push(th.textContent.trim());
    });
    if (seen.length && seen.every(function (t) { return /^(utc|local|time|date|window|when|estimate)\\b/i.test(t); })) {
      timesOnly.push('table ' + n + ': ' + seen.join(', '));
    }
  });
  var figures = [];
  document.querySelectorAll('figure svg').forEach(function (svg) { figures.push(Math.round(svg.getBoundingClientRect().width)); });
  var out = document.createElement('pre');
  out.id = 'layout-result';
  out.textContent = JSON.stringify({width: width, page: document.documentElement.scrollWidth, bad: bad.slice(0, 20), figures: figures, timesOnly: timesOnly});
  document.body.appendChild(out);
})();
</script>
"""


FRAME = """<!DOCTYPE html><html><body style="margin:0">
<iframe id="page" src="{src}" style="border:0;width:{width}px;height:900px"></iframe>
<script>
document.getElementById('page').addEventListener('load', function () {{
  var out = document.createElement('pre');
  out.id = 'layout-result';
  out.textContent = this.contentDocument.getElementById('layout-result').textContent;
  document.body.appendChild(out);
}});
</script></body></html>"""


def measure(page, tmp_path, width):
    copy = tmp_path / page.name
    copy.write_text(page.read_text(encoding="utf-8").replace("</body>", MEASURE + "</body>"), encoding="utf-8")
    frame = tmp_path / f"frame-{width}.html"
    frame.write_text(FRAME.format(src=copy.name, width=width), encoding="utf-8")
    profile = tmp_path / "profile"
    result = subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--allow-file-access-from-files", f"--user-data-dir={profile}", f"--window-size={max(width, 500) + 20},1000",
         "--virtual-time-budget=5000", "--dump-dom", frame.as_uri()],
        capture_output=True, text=True, timeout=120,
    )
    found = re.search(r'<pre id="layout-result">(.*?)</pre>', result.stdout, re.DOTALL)
    assert found, result.stderr[-2000:]
    return json.loads(found.group(1).replace("&quot;", '"').replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">"))


PAGES = sorted((ROOT / "reports").glob("*.html"))


@pytest.mark.parametrize("page", PAGES, ids=[p.name for p in PAGES])
def test_nothing_is_wider_than_a_phone_screen(page, tmp_path):
    layout = measure(page, tmp_path, 390)
    assert 370 <= layout["width"] <= 390, layout  # the iframe, less a scroll bar
    assert layout["page"] <= layout["width"], layout  # the page itself never scrolls sideways
    assert layout["bad"] == [], layout
    # charts keep a readable size: they scroll in their box rather than shrink to a thumbnail
    assert all(width >= 600 for width in layout["figures"]), layout
    # test_phone_tables_show_the_event_beside_its_time: no table shows only times on a phone
    assert layout["timesOnly"] == [], layout


@pytest.mark.parametrize("page", PAGES[:1], ids=[p.name for p in PAGES[:1]])
def test_at_desktop_width_charts_fit_the_page(page, tmp_path):
    layout = measure(page, tmp_path, 1400)
    assert layout["page"] <= layout["width"] and layout["bad"] == [], layout


def test_the_measure_catches_a_table_that_shows_only_times_on_a_phone(tmp_path):
    page = tmp_path / "times.html"
    cells = "".join(f"<th style='white-space:nowrap'>{h}</th>" for h in ["UTC 2024-08-13 00:42", "local 20:42 EDT", "window (UTC) 00:41:30–00:41:59", "event"])
    page.write_text(f"<html><body><div style='overflow-x:auto'><table><tr>{cells}</tr></table></div></body></html>")
    (tmp_path / "m").mkdir()
    layout = measure(page, tmp_path / "m", 390)
    assert layout["timesOnly"], layout


def test_the_measure_catches_a_table_wider_than_the_screen(tmp_path):
    page = tmp_path / "wide.html"
    page.write_text("<html><body><table><tr><td style='white-space:nowrap'>" + "x" * 400 + "</td></tr></table></body></html>")
    (tmp_path / "m").mkdir()
    layout = measure(page, tmp_path / "m", 390)
    assert layout["page"] > 390 and "table right=" in " ".join(layout["bad"])


def test_printing_puts_charts_on_landscape_pages(tmp_path):
    """Chromium prints the report: the text on portrait pages, each chart on a landscape one."""
    pdf = tmp_path / "report.pdf"
    subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", f"--user-data-dir={tmp_path / 'profile'}",
                    "--no-pdf-header-footer", f"--print-to-pdf={pdf}", (ROOT / "reports" / "x-spaces-2024.html").as_uri()],
                   capture_output=True, timeout=120)
    boxes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([0-9.]+) ([0-9.]+)\s*\]", pdf.read_bytes())
    shapes = {"landscape" if float(w) > float(h) else "portrait" for w, h in boxes}
    assert shapes == {"landscape", "portrait"}, boxes


# ---------------------------------------------------------------- printing

PAPERS = ("A4", "letter")
SHAPES = ROOT / "tests" / "data" / "shapes" / "shapes.csv"


def printed(page, folder, paper) -> bytes:
    """The page printed by Chromium on `paper`: its own print style, the paper named for both its
    portrait pages and its landscape chart pages (as a user's printer setting would)."""
    copy = folder / f".{page.stem}-{paper}.html"
    style = f"@page{{size:{paper} portrait}}@page chart{{size:{paper} landscape;margin:5mm}}</style>"
    copy.write_text(page.read_text(encoding="utf-8").replace("</style>", style, 1), encoding="utf-8")
    pdf = folder / f"{page.stem}-{paper}.pdf"
    subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", f"--user-data-dir={folder / 'profile'}",
                    "--no-pdf-header-footer", f"--print-to-pdf={pdf}", copy.as_uri()], capture_output=True, timeout=120)
    return pdf.read_bytes()


@pytest.fixture(scope="module")
def shapes_report(tmp_path_factory):
    """The reports of the hand-made incidents of every shape (tests/data/shapes): long and short
    comparisons, charts of several pages, a statistics chart."""
    from incident.events_csv.reader import load
    from incident.render.inputs import ReportInput
    from incident.render.report import build_report
    from incident.timeline.reconstruct import reconstruct_all

    events = load(SHAPES).raise_for_errors()
    files = build_report(ReportInput(reconstruct_all(events.claims), tuple(events.diagnostics), "shapes.csv", events.sha256))
    out = tmp_path_factory.mktemp("shapes")
    for name, data in files.items():
        (out / name).parent.mkdir(parents=True, exist_ok=True)
        (out / name).write_bytes(data)
    return out


PRINTED = [("reports", "index"), ("reports", "x-spaces-2024"), ("shapes", "index"), ("shapes", "stats"),
           ("shapes", "cloud-api-2025"), ("shapes", "saas-2022")]


@pytest.mark.parametrize("paper", PAPERS)
@pytest.mark.parametrize("where,page", PRINTED, ids=[f"{w}-{p}" for w, p in PRINTED])
def test_every_chart_prints_at_8_pt_or_more_and_no_page_holds_only_the_footer(where, page, paper, shapes_report, tmp_path):
    """Printed on A4 and on Letter, every page's smallest text — a chart's tick labels and captions,
    on its landscape page — is 8 pt or more (a chart taller than a page is drawn as several; a table
    too wide for the paper wraps rather than shrinking the whole document), and the last page holds
    more than the footer."""
    import pdf_text

    folder = ROOT / "reports" if where == "reports" else shapes_report
    pdf = printed(folder / f"{page}.html", tmp_path, paper)
    found = pdf_text.pages(pdf)
    assert any(width > height for width, height, _ in found), "no chart page printed"
    for number, (width, height, sizes) in enumerate(found, 1):
        assert sizes and min(sizes) >= 8.0, (page, paper, number, "landscape" if width > height else "portrait", min(sizes or [0]))
        if width > height:  # a chart's page holds the chart (its small print), never its heading alone
            assert min(sizes) < 10, (page, paper, number, "a landscape page without a chart")
    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:
        pytest.skip("the last page's words need pdftotext (apt-get install poppler-utils)")
    last = subprocess.run([pdftotext, "-f", str(len(found)), "-l", str(len(found)), "-", "-"], input=pdf,
                          capture_output=True, timeout=60).stdout.decode("utf-8", "replace")
    before_footer = last.split("Generated by incident")[0]
    assert before_footer.strip(), f"the last page of {page} ({paper}) holds only the footer"
