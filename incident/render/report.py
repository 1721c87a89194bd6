"""The postmortem: Markdown per incident, a comparison, an index, one HTML page, and the charts.

`build_report` is pure: claims, timelines and the charts already drawn in, {relative path: bytes}
out. Drawing the charts is drawing.py; writing the output folder (and what `--check` reports) is
output.py.
"""

from __future__ import annotations

import hashlib
from typing import Any, Mapping
from .incident_doc import compared_metrics, side_by_side, incident_document, metric_text
from .inputs import ReportInput


from ..version import __version__
from ..words import counted
from ..timeline import compare
from .document import (Bullets, Chart, Code, Document, Heading, Inline, Only, Paragraph, Ref, Strong, Table, Text,
                       to_html, to_markdown)
from ..timeline.metrics import METRICS, format_minutes, headline
from .wording import glossary, how_to_read, metric_sentence
from ..timeline.events import Timeline
from . import comparison_layout
from .drawing import FORMATS, SVG_ONLY, identity, render_charts

def comparison_document(timelines: Mapping[str, Timeline], page: str = "comparison", charts: list[str] | None = None) -> Document:
    """The incidents of one kind side by side; `page` is the page's name, `charts` the charts its
    comparison is drawn as (default: one, named as the page)."""
    names = sorted(timelines)
    charts = charts or [page]
    if len(names) > compare.MAX_LANES:
        return _comparison_of_many(timelines, names, charts)
    doc = Document("Comparison: " + ", ".join(names) if names else "Comparison")
    if not names:
        doc.add(Paragraph("No incidents to compare: the events file has no claims."))
        return doc
    lanes = compare.lanes(timelines[n] for n in names)
    origin = {lane.incident: lane.origin_name for lane in lanes}
    said = [(name, headline(timelines[name])) for name in names]  # each by its kind's headline metric
    if any(metric is not None for _, metric in said):
        doc.add(Bullets([[Strong(name), f": {metric_sentence(metric)}"] for name, metric in said if metric is not None]))
    doc.add(how_to_read("comparison"))
    _charts(doc, charts, compare.alt_text(lanes, compare.audience_unit(timelines.values())))
    if origin:
        doc.add(Paragraph("Each lane is aligned on its " + ", ".join(f"{origin[n]} ({n})" for n in names if n in origin)
                          + ". A live event's lane shows its wait (until it began) and its live time; an outage's, "
                          "its impact, mitigation and recovery. Numbered milestones are named in the key beside each lane."))
    doc.add(side_by_side(timelines, names))
    doc.add(Paragraph(["Postmortems: ", *_join([Ref(n, n) for n in names])]))
    return doc


def _charts(doc: Document, charts: list[str], alt: str) -> None:
    """A comparison's charts: the first described, each further part said to continue it."""
    for part, name in enumerate(charts):
        doc.add(Chart(name, alt if not part else f"The comparison chart, continued: part {part + 1} of {len(charts)}."))


def _comparison_of_many(timelines: Mapping[str, Timeline], names: list[str], charts: list[str]) -> Document:
    """More incidents than lanes: the chart's longest ones and the distribution of all; then every
    metric's spread over the incidents (a frame of many incidents: pandas), and one row per
    incident, longest first."""
    import pandas as pd

    lanes = compare.lanes(timelines[n] for n in names)
    doc = Document(f"Comparison of {len(names):,} incidents")
    doc.add(Paragraph(f"The chart draws the {compare.MAX_LANES} incidents that took longest (from T+0 to recovery, "
                      "else to resolution), each aligned on its own origin (a live event's scheduled start, an outage's "
                      "impact start); the histogram below it places every incident."))
    doc.add(how_to_read("comparison"))
    _charts(doc, charts, compare.alt_text(lanes, compare.audience_unit(timelines.values())))
    table = compare.metrics_table(timelines)
    estimates = pd.DataFrame({spec.name: [table[spec.name][n].shown for n in names] for spec in METRICS},
                             index=pd.Index(names, name="incident"), dtype=float)
    doc.add(Heading(2, "How the metrics spread"))
    doc.add(Paragraph(f"Each metric's estimate across the incidents (of {len(names):,}) that have one. An incident "
                      "whose milestone is known only from a bound (a status page's first update bounds the impact "
                      "start) has a range and no estimate: it is counted apart, never folded in as a number. Each "
                      "incident's range is in the table below and in its own report."))
    summary = estimates.agg(["count", "min", "median", lambda c: c.quantile(0.9), "max"]).T
    summary.columns = ["count", "min", "median", "p90", "max"]
    longest = {name: column.idxmax() for name, column in estimates.items() if column.notna().any()}
    ranges = {spec.name: sum(table[spec.name][n].one_sided for n in names) for spec in METRICS}
    rows: list[list[Text]] = []
    for spec in compared_metrics(timelines, names):  # not a live event's delay in a history of outages
        row = summary.loc[spec.name]
        if not row["count"]:
            rows.append([spec.title, "0", f"{ranges[spec.name]:,}", "—", "—", "—", "—"])
            continue
        rows.append([spec.title, f"{int(row['count']):,}", f"{ranges[spec.name]:,}", format_minutes(row["min"]),
                     format_minutes(row["median"]), format_minutes(row["p90"]),
                     [format_minutes(row["max"]), " (", Ref(longest[spec.name], longest[spec.name]), ")"]])
    doc.add(Table(["metric", "with an estimate", "range only", "shortest", "median", "90th percentile", "longest"], rows, "lrrrrrr"))
    doc.add(Heading(2, "Every incident, longest first"))
    headline = {lane.incident: compare.headline_minutes(lane) for lane in lanes}
    ranked = sorted(names, key=lambda name: (-(headline.get(name) or -1.0), name))
    shown = [spec for spec in METRICS if summary.loc[spec.name, "count"]]
    doc.add(Table(["incident", *[spec.title.lower() for spec in shown]],
                  [[Ref(name, name), *[metric_text(table[spec.name][name]) for spec in shown]] for name in ranked],
                  "l" + "r" * len(shown)))
    return doc


def _join(links: list) -> list:
    out: list = []
    for i, link in enumerate(links):
        if i:
            out.append(" · ")
        out.append(link)
    return out


def index_document(timelines: Mapping[str, Timeline], inp: ReportInput) -> Document:
    """Every incident by its name, newest first: its date, severity (its postmortem file's, else
    its rows' own, as the statistics group it) and status (from its postmortem file), how long it
    lasted, its claims and conflicts."""

    doc = Document("Incident reports")
    if timelines:
        doc.add(how_to_read("index"))
    groups = compare.kind_groups(timelines)
    for kind, title, page in compare.KINDS:
        if kind not in groups:
            continue
        if len(groups) > 1:
            doc.add(Heading(2, title[:1].upper() + title[1:]))
        _index_table(doc, {name: timelines[name] for name in groups[kind]}, inp)
        if page in inp.comparison_pages:
            doc.add(Paragraph([Ref(f"Comparison of the {title}", page)]))
    if not timelines:
        doc.add(Paragraph(["No incidents yet: ", Code(inp.events_name), " has a header but no claims."]))
    if len(timelines) >= 2:
        doc.add(Paragraph([Ref("Each metric over the incidents", "stats")]))
    doc.add(Only("md", Paragraph(["The same reports as web pages, each one file with its charts inside, "
                                  "to open in a browser or print: ", Ref("index.html", "index.html"), "."])))
    if timelines:
        glossary(doc, compared=bool(inp.comparison_pages))
    doc.add(Paragraph(footer(inp)))
    return doc


def _index_table(doc: Document, timelines: Mapping[str, Timeline], inp: ReportInput) -> None:
    """The incidents of one kind, newest first."""
    from .naming import incident_day, incident_name

    rows: list[tuple[str, str, list[Text]]] = []
    for name in sorted(timelines):
        timeline = timelines[name]
        pm = inp.postmortems.get(name)
        # its headline metric: the one its postmortem file names, else its kind's (an outage's impact
        # duration, a live event's delay)
        lasted = headline(timeline, chosen=pm.headline if pm is not None else "")
        day = incident_day(timeline)
        rows.append((day, name, [
            Ref(incident_name(timeline, pm), name),
            day or "—",
            inp.attributes.get(name, ("",))[0] or "—",  # the postmortem's severity, else the rows' own
            (pm.status if pm is not None and pm.status else "—"),
            f"{lasted.title.lower()} {metric_text(lasted)}" if lasted is not None else "—",
            f"{len(timeline.claims):,}",
            f"{len(timeline.conflicts):,}",
        ]))
    rows.sort(key=lambda r: (r[0] or "0000", r[1]), reverse=True)  # newest first; undated last
    doc.add(Table(["incident", "date", "severity", "status", "lasted", "claims", "conflicts"], [r[2] for r in rows], "lllllrr"))


def footer(inp: ReportInput, timelines: Mapping[str, Timeline] | None = None) -> str:
    """Where a page comes from: the whole events file (its SHA-256) for a page of every incident;
    for a page of some, the fingerprint of their claims alone, so that another incident added to
    the file leaves the page as it was."""
    if timelines is None:
        text = f"Generated by incident {__version__} from {inp.events_name} (SHA-256 {inp.events_digest[:16]})"
    else:
        claims = sorted((c for t in timelines.values() for c in t.claims), key=lambda c: (c.incident, c.line))
        digest = hashlib.sha256(identity(claims).encode("utf-8")).hexdigest()
        whose = "the claims" if len(timelines) > 1 else f"the {counted(len(claims), 'claim')}"
        text = (f"Generated by incident {__version__} from {whose} of {', '.join(sorted(timelines))} in "
                f"{inp.events_name} (fingerprint {digest[:16]})")
    if inp.generated_at is not None:
        text += f" on {inp.generated_at:%Y-%m-%d}"
    return text + "."


def _figure(name: str):
    """A chart function, imported only when a chart is drawn (matplotlib is slow to import)."""

    def make(*args):
        from . import chart

        return chart.draw(name, *args)

    make.__qualname__ = name
    return make


def build_report(inp: ReportInput, existing: Mapping[str, bytes] | None = None, progress=None,
                 png: bool = True) -> dict[str, bytes]:
    """Every output file, as {path relative to the output folder: bytes}: a pure function of the
    input, of `png` and of `existing`, the charts a caller vouches for ({"charts/NAME.svg": bytes},
    e.g. drawing.trusted_charts of the output folder); one of those is used, not drawn again, only
    when it carries the stamp its data and code give now. Each chart is drawn as PNG, which Markdown
    links (pixels: the same in any viewer), and SVG, which the HTML inlines; without `png`, as SVG
    only, which Markdown then links (half the drawing, for a quick look)."""
    timelines = inp.timelines
    names = sorted(timelines)
    files: dict[str, bytes] = {}
    from dataclasses import replace

    from .naming import incident_name

    pages = inp.comparison_pages  # a comparison of one incident is no comparison
    jobs: list[tuple[str, Any, tuple[Any, ...]]] = []
    parts: dict[str, list[str]] = {}  # the charts each comparison page is drawn as (one per printed page)
    for page, members in pages.items():
        lanes = [replace(lane, name=incident_name(lane.timeline, inp.postmortems.get(lane.incident)))
                 for lane in compare.lanes(timelines[n] for n in members)]
        unit = compare.audience_unit(timelines[n] for n in members)
        parts[page] = comparison_layout.chart_names(page, lanes, unit)
        jobs += [(chart, _figure("comparison_figure"), (lanes, unit, part)) for part, chart in enumerate(parts[page])]
    compared = len(names) >= 2
    from .timeline_rows import chart_names

    titles = {name: pm.title for name, pm in inp.postmortems.items() if pm is not None and pm.title}
    jobs += [(chart, _figure("timeline_figure"), (timelines[name], page, titles.get(name)))  # else titled by its id
             for name in names for page, chart in enumerate(chart_names(timelines[name]))]
    portfolio = inp.portfolio if compared else None  # the distributions of one incident are no distributions
    if portfolio is not None and any(s.shown for s in portfolio.summaries):
        jobs.append(("stats", _figure("stats_figure"), (portfolio,)))
    files.update(render_charts(jobs, existing, progress, formats=FORMATS if png else SVG_ONLY))
    linked = "png" if png else "svg"
    charts = {name: files[f"charts/{name}.svg"] for name, _, _ in jobs}
    for name in names:
        document = incident_document(timelines[name], {n: timelines[n] for n in inp.peers[name]}, inp)
        files[f"{name}.md"] = to_markdown(document, chart_format=linked).encode("utf-8")
        # one self-contained page per postmortem: its title is the page's, and a page stays small at any
        # scale; what it shows depends only on the incident and those it is compared with
        page = inp.comparison_page(name)
        nav: list[Inline] = [Ref("All reports", "index")]
        if page:
            nav += [" · ", Ref("Comparison", page)]
        shown = {n: timelines[n] for n in [name, *inp.peers[name]]}
        files[f"{name}.html"] = to_html([(name, document)], charts, document.title, footer(inp, shown), nav).encode("utf-8")
    index = index_document(timelines, inp)
    sections = [("index", index)]
    for page, members in pages.items():
        comparison = comparison_document({n: timelines[n] for n in members}, page, parts[page])
        files[f"{page}.md"] = to_markdown(comparison, chart_format=linked).encode("utf-8")
        sections.append((page, comparison))
    if portfolio is not None:
        from .stats_doc import stats_document

        spread = stats_document(portfolio)
        files["stats.md"] = to_markdown(spread, chart_format=linked).encode("utf-8")
        files["stats.html"] = to_html([("stats", spread)], charts, spread.title, footer(inp), [Ref("All reports", "index")]).encode("utf-8")
    files["index.md"] = to_markdown(index, chart_format=linked).encode("utf-8")
    files["index.html"] = to_html(sections, charts, "Incident reports", footer(inp)).encode("utf-8")
    return dict(sorted(files.items()))
