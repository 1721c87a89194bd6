"""One incident's postmortem as a document: the analyst's sections in the SRE book's order, each
beside what the claims show, then the metrics, the comparison, data quality and the sources."""

from __future__ import annotations

from pathlib import Path
from typing import Mapping, NamedTuple

from ..words import counted, plural_of
from ..timeline import compare
from . import times
from .naming import incident_name, milestones_out_of_order
from .document import Bullets, Code, Document, Heading, Inline, Link, Paragraph, Prose, Ref, Strong, Table, Text
from ..timeline.metrics import METRICS, Metric, compute, fitting, format_after, format_estimate, format_span, format_with_span, headline, is_live_event
from ..timeline.records import state_of
from ..model.claim import Claim
from ..model.cells import Kind
from ..postmortem import LESSONS, Postmortem
from ..timeline.events import Timeline
from .text import describe_conflict, describe_side, superseded_text, window_text
from .inputs import FINDING_TITLES, ReportInput
from .timeline_doc import section_timeline
from .wording import glossary, how_to_read, metric_sentence


is_utc = times.is_utc
when_text = times.when  # the one phrase for an event's time (times.py)


def metric_text(metric: Metric) -> str:
    if not metric.defined:
        return "—"
    return format_with_span(metric)


def _span_cell(metric: Metric) -> str:
    """A table's range cell: the range when it says more than the estimate, else empty."""
    span = format_span(metric)
    return "" if span == format_estimate(metric) else span


def _slug_line(claims: list[Claim]) -> str:
    return ", ".join(str(c.line) for c in claims)


# ---------------------------------------------------------------- documents


class _Page(NamedTuple):
    """What every section of an incident's document is made from."""

    timeline: Timeline
    others: Mapping[str, Timeline]
    inp: "ReportInput"
    pm: Postmortem
    pm_name: str
    zone: str
    metrics: list
    by_name: dict


def incident_document(timeline: Timeline, others: Mapping[str, Timeline], inp: ReportInput) -> Document:
    """One incident's postmortem: the analyst's sections (from its postmortem file) in the SRE
    book's order, each beside what the claims show, then the metrics, comparison, data quality
    and sources."""
    zone = timeline.zone
    everything = compute(timeline)
    by_name = {m.metric: m for m in everything}
    metrics = fitting(timeline, everything)  # an outage's report lists no delay and no live duration
    kept = {m.metric for m in metrics}
    by_name = {name: (m if name in kept else None) for name, m in by_name.items()}
    pm = inp.postmortems.get(timeline.incident) or Postmortem(timeline.incident, f"postmortems/{timeline.incident}.md", exists=False)
    pm_name = postmortem_name(pm)
    doc = Document(pm.title or f"Postmortem: {incident_name(timeline, pm)}")
    doc.add(Paragraph(_masthead(timeline, pm)))
    if not pm.exists:
        doc.add(Paragraph(["No postmortem file: every section the analyst writes is empty. Start one with ",
                           Code(f"incident new {timeline.incident} --postmortem-only"), f" (it writes {pm_name})."]))
    elif pm.empty_sections:
        doc.add(Paragraph(f"Not written yet in {pm_name}: {', '.join(pm.empty_sections)}."))
    doc.add(Paragraph([
        f"The timeline is reconstructed from {counted(len(timeline.claims), 'claim')} by {counted(len(timeline.sources), 'source')} in ",
        Code(inp.events_name),
        ". All times are UTC." if is_utc(zone) else f". All times are UTC, with local time ({zone}) beside them.",
    ]))
    doc.add(how_to_read("incident"))
    page = _Page(timeline, others, inp, pm, pm_name, zone, metrics, by_name)
    _section_summary(doc, page)
    _section_impact(doc, page)
    section_timeline(doc, timeline, pm, zone)
    _section_root_causes_and_trigger(doc, page)
    _section_detection(doc, page)
    _section_resolution(doc, page)
    _section_metrics(doc, page)
    _section_action_items(doc, page)
    _section_lessons_learned(doc, page)
    _section_data_quality(doc, page)
    _section_sources(doc, page)
    glossary(doc, compare.kind_of(timeline))
    return doc


def _section_summary(doc: Document, page: "_Page") -> None:
    """The section 'Summary'."""
    timeline, others, inp, pm, pm_name, zone, metrics, by_name = page
    doc.add(Heading(2, "Summary"))
    _analyst(doc, pm, "summary", "Summary")
    known_by = headline(timeline, chosen=pm.headline)
    if known_by is not None:
        doc.add(Paragraph([Strong(metric_sentence(known_by)), f" ({known_by.title.lower()}, this incident's headline metric)"]))
    doc.add(Paragraph(["From the claims: ", *_summary_sentence(timeline, by_name)]))
    defined = [m for m in metrics if m.defined]
    if defined:
        doc.add(Table(["metric", "estimate", "range"], [[m.title, format_estimate(m), _span_cell(m)] for m in defined], "lrr"))
    undefined = [m.title.lower() for m in metrics if not m.defined]
    if undefined:
        doc.add(Paragraph(f"Undefined, because a milestone is missing from the claims: {', '.join(undefined)}."))
    if timeline.conflicts:
        undecided = sum(c.is_undecided for c in timeline.conflicts)
        dropped = len(timeline.dropped)
        text = (f"{counted(dropped, 'claim')} contradicted the others and {'was' if dropped == 1 else 'were'} set aside; "
                f"{counted(len(timeline.conflicts), 'conflict')} in all")
        if undecided:
            text += f", {undecided} of them undecided (equal weight on both sides: the windows span both readings)"
        doc.add(Paragraph(text + " (see Data quality)."))


def _section_impact(doc: Document, page: "_Page") -> None:
    """The section 'Impact'."""
    timeline, others, inp, pm, pm_name, zone, metrics, by_name = page
    doc.add(Heading(2, "Impact"))
    _analyst(doc, pm, "impact", "Impact")
    impact = timeline.first(Kind.impact_start)
    items: list[Text] = []
    if impact is not None:
        items.append([Strong(impact.label), f" — {when_text(impact, zone)}; sources: {', '.join(impact.sources)}."])
    for name in ("impact_duration", "delay"):
        m = by_name[name]
        if m is not None and m.defined:
            items.append(f"{m.title}: {metric_text(m)}, {m.start.label} → {m.end.label}.")
    if items:
        doc.add(Paragraph("From the claims:"))
        doc.add(Bullets(items))
    else:
        doc.add(Paragraph("From the claims: no impact start is recorded."))
    measured = [e for e in timeline.events if e.kind is Kind.measurement]
    if measured:
        doc.add(Paragraph("Measurements, each as its source gives it (a figure without a stated time is listed with its day):"))
        rows = []
        for event in measured:
            for claim in event.claims:
                if claim.value is None:
                    continue
                rows.append([when_text(event, zone), f"{claim.value:,.0f}", claim.unit or "", event.label, claim.source])
        doc.add(Table(["when (estimate)", "value", "unit", "what", "source"], rows, "lrlll"))


def _section_root_causes_and_trigger(doc: Document, page: "_Page") -> None:
    """The section 'Root causes and trigger'."""
    timeline, others, inp, pm, pm_name, zone, metrics, by_name = page
    doc.add(Heading(2, "Root causes and trigger"))
    _analyst(doc, pm, "root_causes", "Root causes and trigger")
    doc.add(Heading(3, "Stated causes"))
    causes = [e for e in timeline.events if e.kind is Kind.cause]
    if causes:
        doc.add(Paragraph("What people said caused it, when they said it. These are claims with their sources, not findings."))
        items: list[Text] = []
        for event in causes:
            for claim in event.claims:
                words = f"“{claim.quote}”" if claim.quote else event.label
                item: list[Inline] = [Strong(claim.source), f" ({when_text(event, zone)}): {words}"]
                if claim.note and not claim.note.startswith("draft:"):  # extract's guesses are no analyst's words
                    item.append(f" — {claim.note}")
                items.append(item)
        doc.add(Bullets(items))
    else:
        doc.add(Paragraph("No source states a cause."))


def _section_detection(doc: Document, page: "_Page") -> None:
    """The section 'Detection'."""
    timeline, others, inp, pm, pm_name, zone, metrics, by_name = page
    doc.add(Heading(2, "Detection"))
    _analyst(doc, pm, "detection", "Detection")
    doc.add(_milestone_sentences(by_name, ("time_to_detect", "time_to_acknowledge")))
    detection = timeline.first(Kind.detection)
    if detection is not None and timeline.is_precursor(detection):
        doc.add(Paragraph(f"A precursor: {detection.label} ({when_text(detection, zone)}) came before users were affected; "
                          "a detection may precede the impact start, a user report may not."))


def _section_resolution(doc: Document, page: "_Page") -> None:
    """The section 'Resolution'."""
    timeline, others, inp, pm, pm_name, zone, metrics, by_name = page
    doc.add(Heading(2, "Resolution"))
    _analyst(doc, pm, "resolution", "Resolution")
    doc.add(_milestone_sentences(by_name, ("time_to_mitigate", "time_to_recover", "time_to_resolve", "duration")))


def _section_metrics(doc: Document, page: "_Page") -> None:
    """The section 'Metrics'."""
    timeline, others, inp, pm, pm_name, zone, metrics, by_name = page
    doc.add(Heading(2, "Metrics"))
    doc.add(Paragraph("Minutes: the estimate is the difference of the two milestones' estimates; the range is every "
                      "difference the kept claims and the milestone order allow. The first event of a kind counts."))
    doc.add(Table(
        ["metric", "estimate", "range", "from", "to"],
        [[m.title, format_estimate(m), _span_cell(m), m.start.label if m.start else "—", m.end.label if m.end else "—"] for m in metrics],
        "lrrll",
    ))
    from .stats_doc import headline_against

    placed = headline_against(timeline.incident, metrics, inp.portfolio_of(timeline.incident)) if others else ""
    if placed:
        doc.add(Paragraph(["Against the incidents it is compared with: ", placed, "."]))



def _section_action_items(doc: Document, page: "_Page") -> None:
    """The section 'Action items'."""
    timeline, others, inp, pm, pm_name, zone, metrics, by_name = page
    doc.add(Heading(2, "Action items"))
    if pm.section("action_items"):
        doc.add(Prose(pm.section("action_items")))
    if pm.action_items:
        # the optional columns only when an item fills them (a table of what | owner | status reads as before)
        extra = [(name, title) for name, title in (("type", "type"), ("priority", "priority")) if any(getattr(i, name) for i in pm.action_items)]
        linked = any(item.link for item in pm.action_items)
        doc.add(Table(["what", *[title for _, title in extra], "owner", "status", *(["link"] if linked else [])],
                      [[item.what, *[getattr(item, name) for name, _ in extra], item.owner, item.status,
                        *([Link(item.link_text, item.link) if item.link else ""] if linked else [])] for item in pm.action_items]))
        done = sum(item.status in ("done", "won't do") for item in pm.action_items)
        doc.add(Paragraph(f"{counted(len(pm.action_items), 'action item')}, {len(pm.action_items) - done:,} still open or in progress."))
    if not pm.action_items and not pm.section("action_items"):
        doc.add(Paragraph(f"Not written yet (the section Action items of {pm_name}: a table what | owner | status, "
                          "optionally link | priority | type)."))


def _section_lessons_learned(doc: Document, page: "_Page") -> None:
    """The section 'Lessons learned'."""
    timeline, others, inp, pm, pm_name, zone, metrics, by_name = page
    doc.add(Heading(2, "Lessons learned"))
    if pm.section("lessons"):
        doc.add(Prose(pm.section("lessons")))
    for key, heading in LESSONS:
        if pm.section(key):
            doc.add(Heading(3, heading))
            doc.add(Prose(pm.section(key)))
    if not pm.section("lessons") and not any(pm.section(key) for key, _ in LESSONS):
        doc.add(Paragraph(f"Not written yet (the section Lessons learned of {pm_name}: what went well, what went wrong, where we got lucky)."))

    if not others:
        return
    doc.add(Heading(2, "Comparison"))  # with those its postmortem names, else the others of its kind and their page
    page_name = None if pm.compare else inp.comparison_page(timeline.incident)
    which = "the incidents its postmortem file names" if pm.compare else \
        f"the other {'live events' if compare.kind_of(timeline) == 'live-event' else 'outages'} of the file"
    see: list[Inline] = [" (see ", Ref("the comparison", page_name), ")"] if page_name else []
    if len(others) < compare.MAX_LANES:
        doc.add(Paragraph([f"Side by side with {which}", *see, "."]))
        doc.add(side_by_side({timeline.incident: timeline, **others}, [timeline.incident, *sorted(others)]))
    else:  # a table of hundreds of columns in every postmortem helps no one
        doc.add(Paragraph([f"Compared with {which}: {len(others):,} incidents", *see, "."]))


def _section_data_quality(doc: Document, page: "_Page") -> None:
    """The section 'Data quality'."""
    timeline, others, inp, pm, pm_name, zone, metrics, by_name = page
    doc.add(Heading(2, "Data quality"))
    doc.add(Heading(3, "Conflicts"))
    if timeline.conflicts:
        doc.add(Paragraph("Claims that cannot all hold. The reconstruction sets aside the claims of least total weight "
                          "that leave the rest consistent (an exact optimum); a claim weighs its source's authority times "
                          "its precision, and the claims of one witness (one source, or copies of one origin or quote) "
                          "weigh as their heaviest. When two choices weigh the same, the conflict is undecided and the "
                          "windows span both readings."))
        doc.add(Bullets([describe_conflict(c, timeline) + "." for c in timeline.conflicts], ordered=True))
    else:
        doc.add(Paragraph("None: every claim holds with every other."))
    if timeline.corrected:
        doc.add(Heading(3, "Corrections"))
        doc.add(Paragraph("Claims replaced by a later claim that says it corrects them: set aside as corrected, not outvoted."))
        doc.add(Bullets([f"{describe_side([c], timeline)}, corrected by {describe_side([timeline.corrections[c.line]], timeline)}."
                         for c in timeline.corrected]))
    if timeline.superseded:
        doc.add(Heading(3, "Superseded statements"))
        doc.add(Paragraph("An operator's statements made during the incident that its own statement published after the "
                          "incident ended contradicts: set aside as superseded, not outvoted."))
        doc.add(Bullets([superseded_text(c, timeline.supersessions[c.line]) + "." for c in timeline.superseded]))
    findings = inp.findings
    lines = sorted({c.line for c in timeline.claims})
    for code, title in FINDING_TITLES.items():
        by_line = findings.get(code, {})
        found = [d for line in lines for d in by_line.get(line, ())]
        if found:
            doc.add(Heading(3, title))
            doc.add(Bullets([f"line {d.line} ({d.column}): {d.message}" for d in found]))
    out_of_order = milestones_out_of_order(timeline)
    if out_of_order:
        doc.add(Heading(3, "Milestones out of their order"))
        doc.add(Paragraph("The SRE phases run impact → detection → acknowledgement → mitigation → recovery → resolution; "
                          "these milestones are placed against it (a claim may be about another event, or the mitigation "
                          "may be the recovery itself). The phases on the chart end at the later milestone."))
        doc.add(Bullets(out_of_order))
    wide = [e for e in timeline.events if e.estimate is None]
    if wide:
        doc.add(Heading(3, "Events without an estimate"))
        doc.add(Bullets([f"{e.label} — {_why_no_estimate(e)}." for e in wide]))


def _why_no_estimate(event) -> str:
    """Why an event has no best estimate: the reconstruction's reason, and the window it has."""
    reason = event.rule.removeprefix("no estimate: ")
    known = event.earliest is not None or event.latest is not None
    return f"{reason.split(' (')[0]}, window {window_text(event)}" if known and not times.day_of(event) else reason


def _section_sources(doc: Document, page: "_Page") -> None:
    """The section 'Sources'."""
    timeline, others, inp, pm, pm_name, zone, metrics, by_name = page
    doc.add(Heading(2, "Sources"))
    doc.add(Bullets(_sources(timeline), ordered=True))


def postmortem_name(pm: Postmortem) -> str:
    """The postmortem file as the report names it: its folder and name, never a machine's path."""
    path = Path(pm.path)
    return f"{path.parent.name}/{path.name}" if path.parent.name else path.name


def _masthead(timeline: Timeline, pm: Postmortem) -> list:
    parts: list = [Strong("Incident"), f" {timeline.incident}"]
    if not pm.exists:
        return parts
    for label, value in (("Date", pm.date), ("Status", pm.status), ("Severity", pm.severity),
                         ("Authors", ", ".join(pm.authors))):
        parts += [" · ", Strong(label), f" {value or 'not given'}"]
    return parts


def _analyst(doc: Document, pm: Postmortem, key: str, heading: str) -> None:
    """The analyst's words for a section, or a line saying they are still to be written."""
    if pm.section(key):
        doc.add(Prose(pm.section(key)))
    elif pm.exists:
        doc.add(Paragraph(f"Not written yet (the section {heading} of {postmortem_name(pm)})."))


def _milestone_sentences(by_name: Mapping[str, Metric], names: tuple[str, ...]) -> Paragraph:
    """What the claims show of these metrics, each said for what is known of it (a metric that fits
    no incident of this kind — an outage's delay — is left out: `by_name` holds the fitting ones by
    their names, the others marked None)."""
    names = tuple(n for n in names if by_name.get(n) is not None)
    parts = [metric_sentence(by_name[n], named=True) for n in names if by_name[n].defined]
    missing = [by_name[n].title.lower() for n in names if not by_name[n].defined]
    if missing:
        parts.append(f"Undefined ({'a milestone is' if len(missing) == 1 else 'milestones are'} missing from the claims): {', '.join(missing)}.")
    return Paragraph("From the claims: " + " ".join(parts))


def _summary_sentence(timeline: Timeline, by_name: Mapping[str, Metric]) -> list:
    zone = timeline.zone
    parts: list[Inline] = []
    scheduled = timeline.first(Kind.scheduled_start)
    recovery = timeline.first(Kind.recovery)
    delay = by_name["delay"]
    if scheduled is not None:
        parts.append(f"Scheduled for {when_text(scheduled, zone)}. ")
    if recovery is not None and delay is not None and delay.defined:
        span = format_span(delay)
        parts += [f"{recovery.label}: {when_text(recovery, zone)}, ", Strong(f"{format_estimate(delay)} late"),
                  f" ({span}). " if span and span != format_estimate(delay) else ". "]
    impact = timeline.first(Kind.impact_start)
    if impact is not None and scheduled is None:
        parts.append(f"Impact began {when_text(impact, zone)}. ")
    resolve = by_name["time_to_resolve"]
    if resolve.defined:
        parts += ["Resolved ", Strong(format_after(resolve)), f" ({resolve.end.label}). "]
    elif by_name["time_to_recover"].defined and scheduled is None:
        recover = by_name["time_to_recover"]
        parts += ["Recovered ", Strong(format_after(recover)), f" ({recover.end.label}). "]
    ack = by_name["time_to_acknowledge"]
    if ack.defined:
        parts.append(f"Acknowledged {format_after(ack)} ({ack.end.label}). ")
    duration = by_name["duration"]
    if duration is not None and duration.defined:
        parts.append(f"It then ran {format_with_span(duration)}.")
    return parts or ["Too few milestones to summarize."]


def _sources(timeline: Timeline) -> list:
    """Each source once, linked to the article it was read in (several links when its claims
    come from several), with its claims' lines; a source without an address says so."""
    by_source: dict[str, list[Claim]] = {}
    for claim in sorted(timeline.claims, key=lambda c: c.line):
        by_source.setdefault(claim.source, []).append(claim)
    items = []
    for source, claims in by_source.items():
        urls = list(dict.fromkeys(c.url for c in claims if c.url))
        item: list = [Link(source, urls[0]) if len(urls) == 1 else Strong(source)]
        if len(urls) == 1:
            item.append(f" ({_host(urls[0])})")  # where the link leads: the outlet's site, or a copy's
        item.append(f" — {counted(len(claims), 'claim')}, {plural_of(len(claims), 'line')} {_slug_line(claims)}")
        if len(urls) > 1:
            for number, url in enumerate(urls, 1):
                item += [" — ", Link(f"article {number}", url), f" ({_host(url)})"]
        unlinked = [c for c in claims if not c.url]
        if unlinked:
            item.append(f" — no address for {plural_of(len(unlinked), 'line')} {_slug_line(unlinked)}" if urls else " — no address")
        items.append(item)
    return items


def _host(url: str) -> str:
    """The site a link leads to, as a reader knows it: 'inkl.com', 'theguardian.com'."""
    from urllib.parse import urlsplit

    host = (urlsplit(url).hostname or "").lower()
    return host[4:] if host.startswith("www.") else host


def side_by_side(timelines: Mapping[str, Timeline], names: list[str]) -> Table:
    """Every metric as a row, one column per incident in the order of `names`; a metric none of
    them can have by its kind (an outage's delay) is left out, and a cell without a value says why
    ('— (no detection or report)')."""
    table = compare.metrics_table(timelines)
    rows = []
    for spec in compared_metrics(timelines, names):
        rows.append([spec.title, *[_compared_cell(table[spec.name][name], timelines[name]) for name in names]])
    return Table(["metric", *names], rows, "l" + "r" * len(names))


def compared_metrics(timelines: Mapping[str, Timeline], names: list[str]) -> list:
    """The metrics some of the incidents `names` can have by their kinds (records.state_of): a live
    event's delay and duration only where one of them is a live event."""
    live = [is_live_event(timelines[name]) for name in names]
    return [spec for spec in METRICS if not all(state_of(_undefined(spec.name), kind, False)[0] == "not_applicable" for kind in live)]


def _undefined(metric: str) -> Metric:
    return Metric("", metric, None, None, None, None, None)


def _compared_cell(metric: Metric, timeline: Timeline) -> str:
    """A metric's cell: its value, else '—' and why it has none (a milestone missing, still open, an
    outage's delay beside a live event's)."""
    if metric.defined:
        return metric_text(metric)
    still_open = timeline.first(Kind.recovery, Kind.resolution, Kind.end) is None
    return f"— ({state_of(metric, is_live_event(timeline), still_open)[1]})"
