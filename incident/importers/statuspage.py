"""Claims from an Atlassian Statuspage (API v2) record: `incident import statuspage`.

A status page is the operator speaking for itself, so every claim is `source_type` operator. What
each part of the record says (docs/importers.md has the table):

- the first update (updates come newest first: they are sorted) → `acknowledgement` at its time;
  the same time bounds `detection` and `impact_start` (`not_after`: the page cannot have opened
  before the problem began);
- the first `identified` → a communication "cause identified"; the first `monitoring` → `mitigation`
  (`not_after`); the first `resolved` → `resolution`; every update → `update-N`, a communication;
- a time window stated in prose ("On July 29, 2026, from 14:51 UTC to 15:28 UTC") → `impact_start`
  and `recovery` at those times, the whole sentence as `quote`; "approximately" → ± 10 minutes;
- a legacy update whose body is an HTML list of timestamped entries (the 2018 migration), or lines
  of plain text each opening with a UTC stamp ("2019-05-07 10:35 UTC - …"): each entry is a
  communication at its time (UTC), and the first and last entries are the acknowledgement and the
  resolution;
- a time shown on the page (`display_at`) other than when the update was posted (`created_at`): the
  claim is the real posting time, with a note. Bodies are untrusted: HTML becomes plain text.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any
from pathlib import Path

from ..diagnostics import ImportFailed
from ..model.ids import slugify
from . import entries
from .attributes import incident_attributes
from .reading import as_text, instant
from .prose import ProseWindow, prose_times, prose_window

# the analyst's own columns to the format; `severity`, `component`: attributes.py
OWN_COLUMNS = ("update_id", "status", "severity", "component")
APPROXIMATE_MIN = 10  # the uncertainty of an "approximately" in prose
MAX_JSON = 64 << 20  # bytes: a saved answer of a few thousand incidents is a few MB
MOST_SAID = 100  # lines of what the updates' prose gave, on stderr; past it, a count
MAX_TEXT = 100_000  # characters of one body or name kept; a longer one is cut, and the claim says so


@dataclass(frozen=True)
class Record:
    path: str
    page: dict
    incident: dict
    link: str | None = None  # the incident's address, when not the page's /incidents/ID (a feed's entry)
    medium: str = "status page"  # what spoke: "GitHub status page (first update)"
    complete: bool = True  # False when the record's first update is not the incident's first (a feed
    # keeps its last items): then the first update is no acknowledgement, and "resolved" bounds the end


# ---------------------------------------------------------------- reading the JSON


def read(source: str, request) -> list[Record]:
    """The importer's contract (registry.Source): a page's address is its incident list."""
    from .fetch import is_address, statuspage_address

    return read_records(statuspage_address(source) if is_address(source) else source)


def claim_rows(records: list[Record], request, fallback: str = "statuspage"):
    """The claims of status-page records, each incident once (`--incident` picks them); `fallback`
    is the id prefix of a page with no name."""
    from .pages import one_each, picked
    from .registry import Imported

    records = picked(request.option("incident"), records, lambda r: {r.incident["id"]})
    said: list[str] = []
    slug = request.option("page_slug")
    kept = one_each([(slug or page_slug(record.page, fallback), record) for record in records], said)
    rows: list[dict] = []
    prose: list[str] = []  # what was read in the updates' prose, for stderr
    for page, record in kept:
        rows += claims(record, page, prose)
    said += prose[:MOST_SAID]
    if len(prose) > MOST_SAID:
        said.append(f"… and {len(prose) - MOST_SAID:,} more updates with times in their prose")
    return Imported(rows, len(kept), said, OWN_COLUMNS)


def read_records(path: str | Path) -> list[Record]:
    """The incidents in one file: a per-incident answer {"page", "incident"} or a list answer
    {"page", "incidents": [...]}. Raises ImportFailed naming the file and what is wrong."""
    from .reading import read_json

    name = str(path)
    data = read_json(path, MAX_JSON, "a saved status-page answer")
    if not isinstance(data, dict):
        raise ImportFailed(f"{name}: expected a Statuspage answer (an object with 'incident' or 'incidents'), found a JSON {type(data).__name__}")
    page = data.get("page") if isinstance(data.get("page"), dict) else {}
    if isinstance(data.get("incident"), dict):
        incidents = [data["incident"]]
    elif isinstance(data.get("incidents"), list):
        incidents = data["incidents"]
    else:
        keys = ", ".join(sorted(map(str, data))[:6]) or "none"
        raise ImportFailed(f"{name}: not a Statuspage incident file: no 'incident' or 'incidents' (keys: {keys})")
    records = []
    for number, incident in enumerate(incidents, 1):
        problem = shape_problem(incident)
        if problem:
            raise ImportFailed(f"{name}: incident {number}: {problem}")
        records.append(Record(name, page, normalised(incident)))
    return records


def normalised(incident: dict) -> dict:
    """The incident with every field the importer reads of the type it expects: the API allows a
    null body, and a saved or edited file may hold anything; what is not the expected type counts as
    absent. Bodies and names longer than MAX_TEXT are cut (the claim's note says so)."""
    result = dict(incident)
    result["name"] = incident["name"][:MAX_TEXT]
    result["shortlink"] = as_text(incident.get("shortlink"))
    updates = []
    for update in incident["incident_updates"]:
        fixed = dict(update)
        body = as_text(update.get("body"))
        fixed["body"], fixed["_cut"] = body[:MAX_TEXT], len(body) > MAX_TEXT
        for key in ("display_at", "updated_at", "status", "id"):
            value = update.get(key)
            fixed[key] = value if isinstance(value, str) else None
        components = update.get("affected_components")
        fixed["affected_components"] = [c for c in components if isinstance(c, dict)] if isinstance(components, list) else []
        updates.append(fixed)
    result["incident_updates"] = updates
    return result


def shape_problem(incident) -> str | None:
    if not isinstance(incident, dict):
        return "not an object"
    for key in ("id", "name", "created_at"):
        if not isinstance(incident.get(key), str) or not incident[key]:
            return f"no {key!r}"
    if not re.fullmatch(r"[a-z0-9]{1,40}", incident["id"]):
        return f"id {incident['id']!r} is not a Statuspage id"
    updates = incident.get("incident_updates")
    if not isinstance(updates, list) or not updates:
        return f"{incident['id']}: no incident_updates (nothing was posted)"
    for update in updates:
        if not isinstance(update, dict) or not isinstance(update.get("created_at"), str) or instant(update["created_at"]) is None:
            return f"{incident['id']}: an update without a readable created_at"
    if instant(incident["created_at"]) is None:
        return f"{incident['id']}: created_at {incident['created_at']!r} is not a time"
    return None


# ---------------------------------------------------------------- text


_SPACED_TAGS = ("br", "/li", "/p", "/ul", "li", "p", "ul", "/ol", "ol", "div", "/div")


def plain_text(body: str) -> str:
    """HTML reduced to text, in one pass (a tag pattern searched again from every '<' with no '>' is
    quadratic): tags dropped (line breaks and list items become spaces), entities decoded, control
    characters (NUL, escape sequences) made spaces, runs of white space collapsed."""
    if not isinstance(body, str):
        return ""
    out: list[str] = []
    i = 0
    while True:
        start = body.find("<", i)
        if start < 0:
            out.append(body[i:])
            break
        end = body.find(">", start + 1)
        if end < 0:  # no tag closes after here: the rest is text
            out.append(body[i:])
            break
        out.append(body[i:start])
        tag = body[start + 1:end].strip().lower()
        name = tag.split(None, 1)[0] if tag else ""
        out.append(" " if name.rstrip("/") in _SPACED_TAGS else "")
        i = end + 1
    text = _ESCAPES.sub(" ", html.unescape("".join(out))).translate(_CONTROL_SPACES)
    return " ".join(text.split())


_CONTROL_SPACES = {c: " " for c in [*range(32), *range(127, 160)]}
# terminal escape sequences (CSI 'ESC [ … letter', OSC 'ESC ] … BEL'): disjoint classes, linear
_ESCAPES = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?")



# ---------------------------------------------------------------- claims


def page_slug(page: dict, fallback: str = "statuspage") -> str:
    name = str(page.get("name") or "")
    slug = slugify(name)
    return slug or fallback


def claims(record: Record, slug: str, said: list[str] | None = None) -> list[dict]:
    """The rows (column → cell) a Statuspage incident gives; what its prose gave, and what it could
    not read, is added to `said` (a line per update that states a time)."""
    incident = record.incident
    page_name = str(record.page.get("name") or slug)
    source = f"{page_name} {record.medium}"
    base_url = str(record.page.get("url") or "").rstrip("/")
    url = f"{base_url}/incidents/{incident['id']}" if base_url.startswith("http") else str(incident.get("shortlink") or "")
    url = url if record.link is None else record.link
    name = plain_text(str(incident["name"]))
    ident = f"{slug}-{incident['id']}"[:100]
    rows: list[dict] = []
    attributes = incident_attributes(incident, plain_text)

    def add(event, kind, label, moment, role, update=None, bound="", **cells):
        row = {
            "incident": ident, "event": event, "kind": kind, "label": label, "time": stamp(moment), "tz": "UTC",
            "bound": bound, "source": f"{source} ({role})", "source_type": "operator", "url": url,
        }
        if update is not None:
            row.update(update_id=str(update.get("id") or ""), status=str(update.get("status") or ""))
            row.setdefault("as_reported", update.get("as_reported") or update.get("created_at", ""))
        row.update(cells)
        row.update(attributes)
        if update is not None and update.get("_cut") and "quote" in cells:
            row["note"] = "; ".join(filter(None, [row.get("note", ""), f"the update's text is cut at {MAX_TEXT:,} characters"]))
        rows.append(row)

    updates = sorted(incident["incident_updates"], key=lambda u: (instant(u["created_at"]), str(u.get("id"))))
    legacy = entries.legacy_entries(updates, plain_text)
    stamp = entries.Stamps((moment, cell) for moment, _, cell in legacy).__getitem__  # an entry's time as written
    spoken: list[tuple[datetime | None, str, Any]]  # (when, the words, the update or "entry N")
    if legacy:  # the 2018 migration: one update listing timestamped entries
        spoken = [(moment, text, f"entry {number}") for number, (moment, text, _) in enumerate(legacy, 1)]
        window, stated = _latest_window([(moment, text, updates[0], "") for moment, text, _ in spoken])
        note = "legacy incident: its single update lists timestamped entries (times UTC)"
    else:
        spoken = [(instant(u["created_at"]), plain_text(u.get("body", "")), u) for u in updates]
        window, stated = _latest_window([(moment, text, u, _edited(u)) for moment, text, u in spoken])
        note = ""
    first_time, first_text = spoken[0][0], spoken[0][1]
    first_update = updates[0]
    role = "first entry" if legacy else "first update"
    announced = window is not None and window.announced
    # an announcement of a window to come is no acknowledgement: it precedes the impact it names
    event, kind, label = ("announced", "communication", "Window announced") if announced else ("acknowledged", "acknowledgement", "First status update")
    if not announced and not record.complete:  # the record starts late: its first update acknowledged nothing
        event, kind, label = ("first-seen", "communication", f"First update in the {record.medium}")
    add(event, kind, label, first_time, role, first_update,
        quote=first_text, note=note or _posting_note(first_update),
        **({"as_reported": stamp(first_time)} if legacy else {}))
    if not announced:
        for event, kind, label in (("impact-start", "impact_start", name), ("detected", "detection", "Detected")):
            add(event, kind, label, first_time, role, first_update, bound="not_after", quote=first_text,
                note="the page spoke no later than this", **({"as_reported": stamp(first_time)} if legacy else {}))
    if legacy:
        for moment, text, which in spoken[1:-1]:
            add(f"entry-{which.split()[1]}", "communication", shortened(text), moment, which, first_update,
                quote=text, as_reported=stamp(moment))
        moment, text, _ = spoken[-1]
        if len(spoken) > 1:  # one entry says when the page spoke, not when it ended: never 0 minutes
            add("resolved", "resolution", "Resolved", moment, "last entry", first_update, quote=text, as_reported=stamp(moment))
        elif incident.get("status") == "resolved" and not announced and _says_it_is_over(text):
            # its only entry says it is over ("Service has been restored"): resolved by then, never open for years
            add("resolved", "resolution", "Resolved", moment, "only entry", first_update, bound="not_after", quote=text,
                as_reported=stamp(moment), note="the incident is marked resolved and its only entry says it is over: "
                "resolved no later than this")
    else:
        _status_claims(add, record, updates)
        _update_claims(add, updates)
    if not legacy:
        _component_claims(add, name, updates)
    if window is not None:
        moment, update, edited = stated
        which = "entry" if legacy else f"{update.get('status') or 'update'} summary"
        _add_window(add, name, window, which, update, edited)
    if not legacy:
        _prose_claims(add, updates, window, stated[1] if window is not None else None, ident, said)
    return rows


def _says_it_is_over(text: str) -> bool:
    """Whether words say the service works again ("Service has been restored", "back to normal"),
    by the time grammar's kind rules for an outage."""
    from ..timetext.kinds import classify

    return classify((text[:2_000], ""), live=False).kind in ("recovery", "resolution")


def _status_claims(add, record: Record, updates: list[dict]) -> None:
    """The first update of each status that marks a milestone: identified, monitoring, resolved."""
    for status, event, kind, label, bound in (
        ("identified", "cause-identified", "communication", "Cause identified", ""),
        ("monitoring", "mitigated", "mitigation", "Mitigated (monitoring)", "not_after"),
        ("resolved", "resolved", "resolution", "Resolved", ""),
    ):
        update = next((u for u in updates if u.get("status") == status), None)
        if update is not None:
            # reported resolved in the first update kept, or known only to be so by then (a feed entry changed since)
            late = status == "resolved" and (not record.complete or bool(update.get("_by")))
            add(event, kind, label, instant(update["created_at"]), f"first {status}", update,
                bound="not_after" if late else bound, quote=plain_text(update.get("body", "")),
                note=(update.get("_by") or "the first update kept already reports it resolved: no later than this") if late else _posting_note(update))


def _update_claims(add, updates: list[dict]) -> None:
    """Every update, a communication at its posting time: how often the page spoke."""
    for number, update in enumerate(updates, 1):
        status = str(update.get("status") or "")
        add(f"update-{number}", "communication", f"Update {number}" + (f" ({plain_text(status)[:40]})" if status else ""),
            instant(update["created_at"]), f"update {number}", update, quote=plain_text(update.get("body", "")),
            note=_posting_note(update))


# the milestone kinds prose may name → (the importer's event for it, its label)
_MILESTONES = {"impact_start": ("impact-start", ""), "detection": ("detected", "Detected"),
               "acknowledgement": ("acknowledged", "Acknowledged"), "mitigation": ("mitigated", "Mitigated"),
               "recovery": ("recovered", "Recovered"), "resolution": ("resolved", "Resolved")}


def _prose_claims(add, updates: list[dict], window, window_update, ident: str, said: list[str] | None) -> None:
    """The other clock times the updates state ("Our monitoring alerted at 9:12 AM CDT"): the first
    one of each milestone kind, by the words of its clause, is a claim about that milestone."""
    from ..timetext.kinds import guess_kind
    from ..timetext.places import clauses

    first: dict[str, tuple] = {}
    for number, update in enumerate(updates, 1):
        text, posted = plain_text(update.get("body", "")), instant(update["created_at"])
        if not text or posted is None:
            continue
        try:
            readings = prose_times(text, posted)
        except (OverflowError, ValueError) as exc:
            if said is not None:
                said.append(f"{ident} update {number} ({update.get('status') or 'no status'}): not read: {exc}")
            continue
        used = window.used if window is not None and update is window_update else ()
        read, unread = [], []
        for reading, (sentence, clause) in zip(readings, clauses(text, readings)):
            if reading.kind == "relative" or reading.start in used:
                continue
            if not reading.usable:
                unread.append(f"{reading.as_reported!r} not read: {reading.problem}")
                continue
            kind, guess = guess_kind(clause, span=reading.kind == "range")
            if kind not in _MILESTONES or reading.kind != "clock":
                unread.append(f"{reading.as_reported!r} read, but names no milestone")
                continue
            if window is not None and kind in ("impact_start", "recovery"):  # the summary's window says when
                unread.append(f"{reading.as_reported!r} read ({kind.replace('_', ' ')}), but the summary's window states it")
                continue
            read.append(f"{reading.as_reported!r} → {kind}")
            if kind not in first or reading.instant < first[kind][0].instant:
                first[kind] = (reading, update, " ".join(text[sentence[0]:sentence[1]].split()), guess)
        if said is not None and (read or unread):
            said.append(f"{ident} update {number} ({update.get('status') or 'no status'}): "
                        + "; ".join(read + unread))
    for kind, (reading, update, sentence, guess) in sorted(first.items(), key=lambda item: item[1][0].instant):
        event, label = _MILESTONES[kind]
        add(event, kind, label, datetime.fromtimestamp(reading.instant, timezone.utc),
            f"{update.get('status') or 'status'} update", update, time=reading.time, tz=reading.tz, quote=sentence,
            as_reported=reading.as_reported, bound=reading.bound,
            uncertainty_min="" if reading.uncertainty_min is None else str(reading.uncertainty_min),
            note="; ".join(["time stated in prose", guess, *reading.notes, *reading.warnings]))


def _component_claims(add, name: str, updates: list[dict]) -> None:
    """Component status changes (`old_status` → `new_status`; most entries are a snapshot with the
    two equal, and say nothing): the first change away from operational bounds the impact start;
    the update from which every component listed stays operational is a communication."""
    status: dict[str, str] = {}
    broke, back = None, None
    for update in updates:
        changes = []
        for entry in update.get("affected_components") or []:
            if not isinstance(entry, dict):
                continue
            component = str(entry.get("name") or entry.get("code") or "")
            old, new = str(entry.get("old_status") or ""), str(entry.get("new_status") or "")
            status[component] = new
            if old and new and old != new:
                changes.append(f"{plain_text(component)}: {old} → {new}")
                if broke is None and old == "operational":
                    broke = (update, changes)
        if changes and status and all(value == "operational" for value in status.values()):
            if back is None or back[0] is not update:
                back = (update, changes)
        elif status and not all(value == "operational" for value in status.values()):
            back = None  # something is out again: the earlier return does not count
    if broke is not None:
        update, changes = broke
        add("impact-start", "impact_start", name, instant(update["created_at"]), "component status", update,
            bound="not_after", quote="; ".join(changes), note="a component left operational no later than this")
    if back is not None:  # a communication, not a bound on recovery: in 7 of the 2026 incidents the
        # components were shown green minutes to an hour before the end the summary states
        update, changes = back
        add("components-operational", "communication", "Components shown operational", instant(update["created_at"]),
            "component status", update, quote="; ".join(changes), note="every component listed was shown operational again")


def _latest_window(spoken: list) -> tuple[ProseWindow | None, tuple | None]:
    """The window stated by the latest text that states one: (window, (time, update, edit note))."""
    for moment, text, update, edited in reversed(spoken):
        window = prose_window(text, moment)
        if window is not None:
            return window, (moment, update, edited)
    return None, None


def _edited(update: dict) -> str:
    if update.get("updated_at") and update.get("updated_at") != update.get("created_at"):
        return f"; the text was edited after posting (updated_at {update['updated_at']})"
    return ""


def _add_window(add, name: str, window: ProseWindow, role: str, update: dict, edited: str) -> None:
    """The window's claims, each time written in the zone the prose names (so that validate warns
    when that label contradicts the date, as for any claim)."""
    uncertainty = str(APPROXIMATE_MIN) if window.approximate else ""
    what = "window announced in prose" if window.announced else "window stated in prose"
    ends = [("impact-start", "impact_start", name, window.start)]
    if window.end is not None:
        ends.append(("recovered", "recovery", "Recovered", window.end))
    for event, kind, label, stated in ends:
        add(event, kind, label, stated.moment, role, update, time=f"{stated.local.year:04d}-{stated.local:%m-%d %H:%M}", tz=stated.zone,
            quote=window.sentence, as_reported=stated.text, uncertainty_min=uncertainty, note=f"{what}{edited}")


def _posting_note(update: dict) -> str:
    shown, posted = update.get("display_at"), update.get("created_at")
    if shown and posted and instant(shown) is not None and instant(shown) != instant(posted):
        return f"posted at {posted}, shown on the page as {shown} (a retroactive or backdated update)"
    return ""


def shortened(text: str, width: int = 60) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"
