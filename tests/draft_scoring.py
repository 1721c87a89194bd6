"""The drafting scorer: `incident extract`'s rows against the claims an analyst wrote, text by text,
and the metrics of each outage drafted from its texts alone against the figures its sources publish.

Run it as `python -m tests.draft_scoring [--split dev|heldout] [-v]`; tests/test_draft_score.py
holds the targets and benchmarks/README.md the figures. The corpus is tests/data/drafts (its README
says how it was gathered, split and labelled).

Per text, a drafted row and a gold row match when their words overlap in the text:
- recall: gold rows some drafted row matches;
- precision: drafted rows that match some gold row;
- normalised right: gold rows whose matching row reads as the gold does (the same instant and end,
  or the same day for a day; bound, uncertainty, offset and the kind of event a relative row counts
  from), over all gold rows;
- kinds right: matched gold rows whose row has the gold's kind, over the matched ones.
Each figure is also given per form of the gold row: clock, range, day, relative.
"""

from __future__ import annotations

import csv
import json
import sys
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from incident.model import zones
from incident.model.time import TimeCell, resolve_time

HERE = Path(__file__).parent
CORPUS = HERE / "data" / "drafts"
FORMS = ("clock", "range", "day", "relative")


@dataclass
class Text:
    outage: str
    name: str
    text: str
    published: str
    tz: str
    source: str
    source_type: str
    org: str
    gold: list[dict]
    kind: str  # the outage's: outage or live-event


@dataclass
class Tally:
    gold: int = 0
    found: int = 0
    recalled: int = 0
    precise: int = 0
    right: int = 0
    kind_right: int = 0

    def add(self, other: "Tally") -> None:
        for key in ("gold", "found", "recalled", "precise", "right", "kind_right"):
            setattr(self, key, getattr(self, key) + getattr(other, key))

    @property
    def recall(self) -> float:
        return self.recalled / self.gold if self.gold else 1.0

    @property
    def precision(self) -> float:
        return self.precise / self.found if self.found else 1.0

    @property
    def normalised(self) -> float:
        return self.right / self.gold if self.gold else 1.0

    @property
    def kinds(self) -> float:
        return self.kind_right / self.recalled if self.recalled else 1.0


@dataclass
class Score:
    total: Tally = field(default_factory=Tally)
    forms: dict = field(default_factory=lambda: {form: Tally() for form in FORMS})
    misses: list[str] = field(default_factory=list)


def outages(split: str = "dev") -> list[Path]:
    return sorted(p for p in (CORPUS / split).iterdir() if (p / "outage.json").is_file())


def texts_of(folder: Path) -> list[Text]:
    outage = json.loads((folder / "outage.json").read_text(encoding="utf-8"))
    with open(folder / "texts.csv", newline="", encoding="utf-8") as handle:
        listed = list(csv.DictReader(handle))
    found = []
    for t in listed:
        with open(folder / f"{t['name']}.gold.csv", newline="", encoding="utf-8") as handle:
            gold = list(csv.DictReader(handle))
        found.append(Text(folder.name, t["name"], (folder / f"{t['name']}.txt").read_text(encoding="utf-8"), t["published"],
                          t["tz"], t["source"], t["source_type"], t["org"], gold, outage["kind"]))
    return found


def form(row: dict) -> str:
    if row.get("relative_to"):
        return "relative"
    if row.get("until"):
        return "range"
    return "day" if len(row.get("time", "")) == 10 else "clock"


def locate(text: str, gold: list[dict]) -> list[tuple[int, int]]:
    """Each gold row's span: longer words first, never inside another row's (rows in order take
    the occurrences in order)."""
    spans: dict[int, tuple[int, int]] = {}
    taken: list[tuple[int, int]] = []
    for i in sorted(range(len(gold)), key=lambda i: -len(gold[i]["as_reported"])):
        words = gold[i]["as_reported"]
        found = []
        position = text.find(words)
        while position >= 0:
            found.append((position, position + len(words)))
            position = text.find(words, position + 1)
        if not found:
            raise ValueError(f"gold words not in the text: {words!r}")
        # an occurrence no other row has, else one inside another row's words ("9 p.m. ET" of a span)
        free = [s for s in found if not any(a < s[1] and s[0] < b for a, b in taken)]
        span = (free or [s for s in found if s not in taken] or found)[0]
        taken.append(span)
        spans[i] = span
    return [spans[i] for i in range(len(gold))]


def _instant(time: str, tz: str) -> int | None:
    if not time or len(time) == 10:
        return None
    try:
        return resolve_time(TimeCell.parse(time), zones.zone(tz) if tz else None)
    except ValueError:
        return None


def _number(cell) -> float | None:
    cell = str(cell or "").strip()
    return float(cell) if cell else None


MILESTONES = {"scheduled_start", "impact_start", "detection", "acknowledgement", "mitigation", "recovery", "resolution", "end"}


def anchor_kind(event: str, kinds: dict[str, str]) -> str:
    """The kind of the event a drafted relative row counts from: its row's in the same draft, else the
    kind `extract` gives an anchor no row places (a milestone's id is that milestone; the rest are other)."""
    if event in kinds:
        return kinds[event]
    return event.replace("-", "_") if event.replace("-", "_") in MILESTONES else "other"


def reads_as(row: dict, gold: dict, kinds: dict[str, str], gold_kinds: dict[str, str]) -> bool:
    """Whether a drafted row says what the gold row says (its kind aside)."""
    if form(gold) == "relative":
        if not row.get("relative_to") or anchor_kind(row["relative_to"], kinds) != gold_kinds.get(gold["relative_to"]):
            return False
        return (_number(row.get("offset_min")) == _number(gold["offset_min"])
                and _number(row.get("until")) == _number(gold["until"])
                and (row.get("bound") or "") == gold["bound"]
                and (_number(row.get("uncertainty_min")) or 0) == (_number(gold["uncertainty_min"]) or 0))
    if row.get("relative_to"):
        return False
    if form(gold) == "day":
        return row.get("time", "")[:10] == gold["time"] and len(row.get("time", "")) == 10 and \
            (row.get("bound") or "") == gold["bound"]
    if _instant(row.get("time", ""), row.get("tz", "")) != _instant(gold["time"], gold["tz"]):
        return False
    if _instant(row.get("until", ""), row.get("tz", "")) != _instant(gold["until"], gold["tz"]):
        return False
    return (row.get("bound") or "") == gold["bound"] and \
        (_number(row.get("uncertainty_min")) or 0) == (_number(gold["uncertainty_min"]) or 0)


def draft_text(text: Text):
    """The rows `incident extract` drafts from one text on its own, with their spans."""
    from incident.extract.draft import Cells, draft
    from incident.timetext.days import Context

    published = _published(text)
    cells = Cells(text.outage, text.source, text.source_type, "", {}, live=text.kind == "live-event")
    return draft(text.text, Context(published, text.tz or None, month_only=len(text.published) == 7), cells)


def _published(text: Text):
    if len(text.published) >= 10:
        return date.fromisoformat(text.published[:10])
    return date.fromisoformat(text.published + "-01") if len(text.published) == 7 else None  # a month: its first day


def draft_together(texts: list[Text]) -> dict[str, tuple[list[dict], list[tuple[int, int]]]]:
    """The rows `incident extract --texts` drafts from all the texts of an outage at once, each text's
    with their spans (where its quote, then its words within it, are in the text)."""
    from incident.extract.many import Text as Drafted
    from incident.extract.many import draft_texts

    drafted = [Drafted(t.name, t.text, _published(t), t.tz or None, t.source, t.source_type, t.org,
                       month_only=len(t.published) == 7) for t in texts]
    result = draft_texts(drafted, texts[0].outage, texts[0].kind == "live-event")
    found = {}
    for text, d in zip(texts, drafted):
        rows, spans, at = [], [], 0
        for row in result.rows:
            if d.fingerprint not in row["note"] or not row["as_reported"]:
                continue
            quote = text.text.find(row["quote"], max(0, at - 2000)) if row["quote"] else -1
            quote = text.text.find(row["quote"]) if quote < 0 and row["quote"] else quote
            start = text.text.find(row["as_reported"], max(quote, 0))
            start = text.text.find(row["as_reported"]) if start < 0 else start
            if start < 0:
                continue
            at = start
            rows.append(row)
            spans.append((start, start + len(row["as_reported"])))
        found[text.name] = (rows, spans)
    return found


def score_text(text: Text, result: Score, gold_kinds: dict[str, str], verbose: bool = False,
               drafted: tuple[list[dict], list[tuple[int, int]]] | None = None) -> None:
    if drafted is None:
        alone = draft_text(text)
        drafted = alone.rows, alone.spans
    rows, spans = drafted
    kinds = {row["event"]: row["kind"] for row in rows}
    where = locate(text.text, text.gold)
    tally, label = result.total, f"{text.outage}/{text.name}"
    matched_rows = set()
    for gold, (a, b) in zip(text.gold, where):
        shape = result.forms[form(gold)]
        for t in (tally, shape):
            t.gold += 1
        hits = [i for i, (c, d) in enumerate(spans) if c < b and a < d]
        if not hits:
            result.misses.append(f"{label}: missed {gold['as_reported']!r} ({gold['kind']})")
            continue
        matched_rows.update(hits)
        for t in (tally, shape):
            t.recalled += 1
        if any(reads_as(rows[i], gold, kinds, gold_kinds) for i in hits):
            for t in (tally, shape):
                t.right += 1
        else:
            row = rows[hits[0]]
            result.misses.append(f"{label}: misread {gold['as_reported']!r}: got {_said(row)}, want {_said(gold)}")
        if any(rows[i]["kind"] == gold["kind"] for i in hits):
            for t in (tally, shape):
                t.kind_right += 1
        else:
            result.misses.append(f"{label}: kind of {gold['as_reported']!r}: got {rows[hits[0]]['kind']}, want {gold['kind']}")
    tally.found += len(rows)
    tally.precise += len(matched_rows)
    for i, row in enumerate(rows):
        if i not in matched_rows:
            result.misses.append(f"{label}: extra {row['as_reported']!r} ({row['kind']}: {_said(row)})")


def _said(row: dict) -> str:
    if row.get("relative_to"):
        text = f"{row['relative_to']} {row.get('offset_min')}" + (f"..{row['until']}" if row.get("until") else "")
    else:
        text = f"{row.get('time')} {row.get('tz')}" + (f"–{row['until']}" if row.get("until") else "")
    extra = [row.get("bound") or "", f"±{row['uncertainty_min']}" if row.get("uncertainty_min") else ""]
    return " ".join([text, *filter(None, extra)])


def score(split: str = "dev", verbose: bool = False, together: bool = False) -> Score:
    """Each text's draft against its claims: drafted on its own, or (`together`) with the other texts
    of its outage, as `incident extract --texts` drafts them."""
    result = Score()
    for folder in outages(split):
        texts = texts_of(folder)
        gold_kinds = {g["event"]: g["kind"] for t in texts for g in t.gold}
        drafts = draft_together(texts) if together else {}
        for text in texts:
            score_text(text, result, gold_kinds, verbose, drafts.get(text.name))
    return result


def table(result: Score) -> str:
    lines = ["| form | gold | drafted | recall | precision | normalised right | kinds right |", "|---|---:|---:|---:|---:|---:|---:|"]
    for name, t in [*result.forms.items(), ("all", result.total)]:
        found = f"{t.found}" if name == "all" else "—"
        precision = f"{t.precision:.0%}" if name == "all" else "—"
        lines.append(f"| {name} | {t.gold} | {found} | {t.recall:.0%} | {precision} | {t.normalised:.0%} | {t.kinds:.0%} |")
    return "\n".join(lines)




# ---------------------------------------------------------------- end to end: the metrics of the drafts alone


@dataclass
class Outage:
    name: str
    valid: bool
    figures: list[tuple[dict, dict | None, bool]]  # (published figure, the draft's metric, whether they match)
    said: str = ""


def draft_outage(folder: Path, work: Path) -> tuple[Path, str, int]:
    """`incident extract --texts` over the outage's texts into a new events file, as a user would."""
    import io

    from incident.cli import main

    outage = json.loads((folder / "outage.json").read_text(encoding="utf-8"))
    with open(folder / "texts.csv", newline="", encoding="utf-8") as handle:
        listed = list(csv.DictReader(handle))
    manifest = work / "texts.csv"
    with open(manifest, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["file", "published", "tz", "source", "source_type", "org", "url"])
        for t in listed:
            writer.writerow([str(folder / f"{t['name']}.txt"), t["published"], t["tz"], t["source"], t["source_type"],
                             t["org"], t["url"]])
    events = work / "events.csv"
    err = io.StringIO()
    code = main(["extract", "--texts", str(manifest), "--incident", outage["incident"], "--kind", outage["kind"],
                 "--out", str(events)], stdout=io.StringIO(), stderr=err)
    return events, err.getvalue(), code


def figure_matches(published: dict, got: dict | None) -> bool:
    """Whether the draft's metric says what the published figure says: its estimate inside the
    figure's range (a tolerance of 5 %, at least 2 minutes); without an estimate, its range inside."""
    inf = float("inf")
    if got is None or (got["low"] is None and got["high"] is None):
        return False
    value = published["minutes"]
    low = published["low"] if published["low"] is not None else value
    high = published["high"] if published["high"] is not None else value
    scale = max(abs(x) for x in (low, high, 0) if x is not None)
    tolerance = max(2.0, 0.05 * scale)
    low = -inf if low is None else low - tolerance
    high = inf if high is None else high + tolerance
    if got["minutes"] is not None:
        return low <= got["minutes"] <= high
    drafted_low = -inf if got["low"] is None else got["low"]
    drafted_high = inf if got["high"] is None else got["high"]
    return low <= drafted_low and drafted_high <= high


def end_to_end(split: str = "dev") -> list[Outage]:
    import io
    import tempfile

    from incident.cli import main

    found = []
    for folder in outages(split):
        outage = json.loads((folder / "outage.json").read_text(encoding="utf-8"))
        with tempfile.TemporaryDirectory() as work:
            events, said, code = draft_outage(folder, Path(work))
            valid = code == 0 and main(["validate", str(events)], stdout=io.StringIO(), stderr=io.StringIO()) == 0
            out = io.StringIO()
            metrics = []
            if valid and main(["metrics", "--events", str(events), "--json"], stdout=out, stderr=io.StringIO()) == 0:
                metrics = json.loads(out.getvalue())
        by_name = {m["metric"]: m for m in metrics}
        figures = [(p, by_name.get(p["metric"]), figure_matches(p, by_name.get(p["metric"]))) for p in outage["published_metrics"]]
        found.append(Outage(folder.name, valid, figures, said))
    return found


def end_to_end_table(found: list[Outage]) -> str:
    lines = ["| outage | validates | published figures | matched |", "|---|---|---:|---:|"]
    for o in found:
        lines.append(f"| {o.name} | {'yes' if o.valid else 'no'} | {len(o.figures)} | {sum(m for _, _, m in o.figures)} |")
    total = sum(len(o.figures) for o in found)
    matched = sum(m for o in found for _, _, m in o.figures)
    lines.append(f"| all ({sum(o.valid for o in found)} of {len(found)} validate) | | {total} | {matched} ({matched / total:.0%}) |"
                 if total else "| all | | 0 | 0 |")
    return "\n".join(lines)


def _figure_text(published: dict, got: dict | None) -> str:
    want = published["minutes"] if published["minutes"] is not None else f"{published['low']}..{published['high']}"
    have = "undefined" if got is None else (got["minutes"] if got["minutes"] is not None else f"{got['low']}..{got['high']}")
    return f"{published['metric']}: published {want}, drafted {have}"


def main(argv: list[str]) -> int:
    split = argv[argv.index("--split") + 1] if "--split" in argv else "dev"
    result = score(split, together="--together" in argv)
    print(table(result))
    if "-v" in argv:
        print("\n".join(result.misses))
    found = end_to_end(split)
    print()
    print(end_to_end_table(found))
    if "-v" in argv:
        for o in found:
            for published, got, matched in o.figures:
                if not matched:
                    print(f"{o.name}: {_figure_text(published, got)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
