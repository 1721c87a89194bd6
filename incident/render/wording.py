"""Plain words for readers who are not analysts: each metric said for what is known of it, the
short "How to read this" box of each page, and the glossary.

A metric known exactly reads as a sentence ("Recovered 27 min after the impact start."); one whose
milestone is known only from a bound says so ("Recovered within 7 h 40 min of the impact start
(First user reports); the exact moment of the recovery is not stated."), never a bare "at most" or
"unbounded" a reader cannot place. Durations are printed by the one formatter (metrics.py).
"""

from __future__ import annotations

from ..model.cells import Kind
from ..timeline.events import NAMES
from ..timeline.metrics import BY_NAME, Metric, format_estimate, format_minutes, format_span
from .document import Aside, Bullets, Heading, Ref, Strong, Text

# metric → (verb, how the figure is said): "after" ('recovered 27 min after the impact start') or
# "amount" ('began 42 min late', 'ran for 2 h')
_SAID = {
    "delay": ("began", "amount", "{} late"),
    "time_to_detect": ("detected", "after", ""),
    "time_to_acknowledge": ("acknowledged", "after", ""),
    "time_to_mitigate": ("mitigated", "after", ""),
    "time_to_recover": ("recovered", "after", ""),
    "time_to_resolve": ("resolved", "after", ""),
    "duration": ("ran for", "amount", "{} once it began"),
    "impact_duration": ("the impact lasted", "amount", "{}"),
}


def _milestone(event) -> str:
    """'the impact start', 'the recovery': what a reader calls an event of that kind."""
    name = NAMES.get(event.kind, event.kind.value.replace("_", " "))
    return name if name.startswith("the ") or name.startswith("a ") else f"the {name}"


def _anchor(metric: Metric) -> str:
    """What a metric is counted from, with the start's own label: 'the impact start (First reports)'."""
    start = metric.start
    text = _milestone(start)
    return f"{text} ({start.label})" if start.label and start.label != start.event else text


def metric_sentence(metric: Metric, named: bool = False) -> str:
    """The metric as a sentence that says what is known and what is not; `named`: with the label
    of the milestone it ends at ('Recovered (Traffic back) 27 min after …')."""
    verb, form, shape = _SAID[metric.metric]
    if metric.metric == "impact_duration" and metric.end is not None:  # said as the milestone that ended it
        verb, form = ("resolved" if metric.end.kind is Kind.resolution else "recovered"), "after"
    if not metric.defined:
        spec = BY_NAME[metric.metric]
        missing = [NAMES[kinds[0]] for kinds, event in ((spec.start, metric.start), (spec.end, metric.end)) if event is None]
        return f"{metric.title}: not known — no claim places {' or '.join(missing)}."
    unknown = [_milestone(e) for e in (metric.start, metric.end) if e.shown is None]
    if named and metric.end.label and form == "after":
        verb = f"{verb} ({metric.end.label})"
    # an amount names its end after the figure: 'ran for 60 min once it began (to Stream ends)'
    tail = f" (to {metric.end.label})" if named and metric.end.label and form != "after" else ""
    note = f"; the exact moment of {' and '.join(unknown)} is not stated" if unknown else ""
    anchor = _anchor(metric)
    low, high = metric.low, metric.high
    if metric.shown is not None:  # the estimate as a reader sees it
        amount = format_minutes(abs(metric.shown))
        span = format_span(metric)
        side = "before" if metric.signed and round(metric.shown) < 0 else "after"  # a precursor: before the impact
        figure = f"{amount} {side} {anchor}" if form == "after" else shape.format(amount)
        # never two brackets in a row: 'after the impact start (Users first affected); the claims allow …'
        allow = "; the claims allow {}" if (figure + tail).endswith(")") else " (the claims allow {})"
        extra = allow.format(span) if span and span != format_estimate(metric) else ""
        return f"{_capital(verb)} {figure}{tail}{extra}."
    if (low is None or round(low) <= 0) and high is None:
        happened = "began" if metric.metric == "delay" else f"was {verb}" if form == "after" else "lasted"
        return f"How long after {anchor} it {happened} is not known: {' and '.join(unknown) or 'a milestone'} is known only from one side."
    if metric.signed and high is not None and (low is None or round(low) < 0):  # it may have come before the impact
        if low is None:
            figure = f"at most {format_minutes(high)} after {anchor}" if round(high) >= 0 else \
                f"at least {format_minutes(-high)} before {anchor}"
        elif round(high) <= 0:
            figure = f"between {format_minutes(-high)} and {format_minutes(-low)} before {anchor}"
        else:
            figure = f"between {format_minutes(-low)} before and {format_minutes(high)} after {anchor}"
    elif high is not None and (low is None or round(low) <= 0):
        figure = f"within {format_minutes(high)} of {anchor}" if form == "after" else shape.format(f"at most {format_minutes(high)}")
    elif high is None:
        figure = f"at least {format_minutes(low)} after {anchor}" if form == "after" else shape.format(f"at least {format_minutes(low)}")
        note = note or "; how much longer is not stated"
    else:
        between = f"between {format_minutes(low)} and {format_minutes(high)}"
        figure = f"{between} after {anchor}" if form == "after" else shape.format(between)
    return f"{_capital(verb)} {figure}{tail}{note}."


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def how_to_read(page: str) -> Aside:
    """The short box at the top of a page: what its words and marks mean, and where the glossary is."""
    glossary = Ref("the glossary", "index.md#glossary" if page == "comparison" else "#glossary")
    claims: Text = [Strong("Claims."), " Each time comes from a claim: what one source said, with its line in the events file. "
              "It is not a finding: where sources disagree, every version is kept."]
    windows: Text = [Strong("Times and windows."), " A time shown is the estimate; its window (earliest–latest) is every time the "
               "claims allow. “by 18:20”: at or before; “after 20:40”: at or after; “…”: no bound on that side; a date "
               "alone: some time that day."]
    aside: Text = [Strong("Set aside."), " A claim contradicting weightier ones is set aside (!); equal weights leave a conflict "
             "undecided (?), its windows spanning both readings. Data quality lists each."]
    items: list[Text] = []
    if page == "incident":
        items = [claims, windows, aside, [Strong("Metrics:"), " the time between two milestones; “within 61 min”: at most that."]]
    elif page == "comparison":
        items = [[Strong("Lanes."), " Each incident is aligned on its own T+0 (a live event's scheduled start, an outage's "
                  "impact start); numbered milestones are named in the key beside it. Lanes too different to share a "
                  "scale each have their own: compare the figures, not the lengths."], windows, aside]
    elif page == "stats":  # for the statistics page: its own words are that page's
        items = [[Strong("Ranges, not numbers."), " Each incident's metric is a range (its sources rarely pin a milestone "
                  "to the minute); a distribution is drawn as the band those ranges allow."], claims]
    elif page == "index":
        items = [[Strong("Lasted:"), " each incident's headline metric (an outage's impact duration, a live event's delay, "
                  "or the one its postmortem file names)."],
                 [Strong("Claims:"), " what the sources said; ", Strong("conflicts:"), " sets of claims that contradict "
                  "each other (each report's Data quality says how they were settled)."]]
    items.append(["Terms: ", glossary, "."])
    return Aside("How to read this", items)


GLOSSARY = (
    ("claim", "what one source said about when something happened: a row of the events file, with its line number"),
    ("source", "who said it (an outlet, an operator's status page, a monitor); its type (operator, monitor, press, "
               "witness, secondary, analyst) weighs its claims"),
    ("estimate", "the moment the claims point to, to the minute: the weighted middle of what the kept claims say"),
    ("window", "every moment the kept claims and the order of the milestones allow (earliest–latest); “…” on a side "
               "no claim bounds"),
    ("bound", "a claim of one side only: “by 18:20” (at or before), “after 20:40” (at or after); an event known only from "
              "bounds has no estimate, only its window"),
    ("day", "a date without a time: some time that day, in the zone its source wrote"),
    ("set aside", "a claim that contradicts heavier ones and is not used (marked !); its weight is its source's authority "
                  "times its precision, and copies of one origin weigh as one"),
    ("undecided", "a conflict whose two sides weigh the same (marked ?): the windows span both readings"),
    ("corrected", "a claim a later one says it replaces: set aside as corrected, not outvoted"),
    ("milestone", "the first event of a kind that the metrics count: {milestones}"),
    ("impact start", "when users were first affected"),
    ("detection", "the first signal that something was wrong: an alert, the first user reports"),
    ("acknowledgement", "the operator admits the problem: a status post, an owner's post"),
    ("mitigation", "an action that reduces the impact: a rollback, a failover"),
    ("recovery", "the service works again{live_recovery}"),
    ("resolution", "the incident is declared over"),
    ("delay", "a live event's scheduled start to its start (its recovery)"),
    ("time to detect, acknowledge, mitigate, recover, resolve", "from the impact start to that milestone"),
    ("impact duration", "from the impact start to the recovery (or the resolution)"),
    ("T+0", "the moment a comparison lane is aligned on: {origins}"),
    ("phases", "the stretches between milestones (until detected, acknowledged, mitigated, recovered, resolved); "
               "hatched where a milestone's moment is not known"),
)


LIVE_ONLY_TERMS = ("delay",)


def glossary(doc, kind: str | None = None, compared: bool = False) -> None:
    """The glossary section, at a page's end; `kind` ('outage', 'live-event'): only the terms that
    fit an incident of that kind (an outage's page speaks of no scheduled start), None: all;
    `compared`: the page shows a comparison's lanes (T+0 is theirs)."""
    outage = kind == "outage"
    fill = {
        "milestones": ("impact start, detection, acknowledgement, mitigation, recovery, resolution" if outage else
                       "scheduled start, impact start, detection, acknowledgement, mitigation, recovery, resolution, end"),
        "live_recovery": "" if outage else "; for a live event, the moment it finally starts",
        "origins": "its impact start" if outage else "a live event's scheduled start, an outage's impact start",
    }
    doc.add(Heading(2, "Glossary", anchor="glossary"))
    doc.add(Bullets([[Strong(term), f": {words.format(**fill)}."] for term, words in GLOSSARY
                     if not (outage and term in LIVE_ONLY_TERMS) and (compared or term != "T+0")]))

