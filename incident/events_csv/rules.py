"""Rules across rows, kept as small state while the rows stream past: one kind per event, events
named by relative_to and sources by corrects, times far from the rest, zone labels and as_reported
readings; the column-wise path (columnar.py) feeds the same state for plain rows."""

from __future__ import annotations

from array import array
from datetime import datetime, timedelta, timezone
from typing import Any, Mapping


from ..model import slashdates, zones
from ..words import counted
from ..model.time import DAY, MINUTE, from_epoch, PLAUSIBLE_SPAN, iso_utc
from ..model.claim import Claim
from ..model.cells import SourceType
from ..diagnostics import did_you_mean
from .clocks import iso_instant, clock_times, labelled_clock_times


from typing import TYPE_CHECKING

if TYPE_CHECKING:  # only for annotations: the collector lives in reader.py
    from .reader import Collector


UNLINKED_NAMED = 5  # sources the no-url note names; the rest are counted
# names compared in all while looking for the name a broken reference meant ("did you mean"): each
# lookup compares the word with every name of its incident, so a file of a million misspelt
# references in one incident of a million events would take hours; past this, no hint is given
HINT_BUDGET = 2_000_000


class AcrossRows:
    """Rules that need more than one row, kept as small state while the rows stream past."""

    def __init__(self) -> None:
        self.kinds: dict[tuple[str, str], tuple[str, int]] = {}
        self.references: list[tuple[int, str, str]] = []  # (line, incident, relative_to)
        self.broken: dict[tuple[str, str], list[int]] = {}  # events named on rows with errors
        self.defined: set[tuple[str, str]] = set()  # events named on valid rows
        self.instants: dict[str, tuple[array, array]] = {}  # incident -> (epoch seconds, lines)
        self.slashed, self.slash_orders = 0, set(slashdates.ORDERS)
        self.slashed_lines: list[int] = []
        self.unlinked: set[tuple[str, str]] = set()  # (incident, source) of each claim without a url
        self.unlinked_claims = 0  # how many claims have no url
        self.unlinked_named: dict[tuple[str, str], list[int]] = {}  # the first UNLINKED_NAMED of those pairs -> [claims, first lines…]
        self.sources: dict[str, set[str]] = {}  # incident -> its sources, for `corrects`
        self.origins: dict[str, set[str]] = {}  # incident -> the origins its copies name (via), casefolded
        self.corrections: list[tuple[int, str, str]] = []  # (line, incident, corrected source)
        self.unfilled: dict[str, list[tuple[int, str]]] = {}  # incident -> its rows still to fill: (line, event)

    def add_unfilled(self, line: int, incident: str, event: str) -> None:
        """A row that names an event and states nothing yet (`incident new` writes them)."""
        self.unfilled.setdefault(incident, []).append((line, event))

    def _unfilled_warnings(self, diag: Collector) -> None:
        """A warning for each row still to fill: what to give it, or, when its event has claims now,
        that it can go."""
        for incident, rows in self.unfilled.items():
            for line, event in rows:
                if (incident, event) in self.defined:
                    diag.warning(line, "time", f"a starter row of event {event!r} of {incident!r}, which has claims now: "
                                 "delete this row (it states nothing and is left out)", "unfilled")
                else:
                    diag.warning(line, "time", f"a row still to fill (event {event!r} of {incident!r}): give it a time and tz "
                                 "(or relative_to and offset_min) and a source, or delete it; until then it is left out",
                                 "unfilled")

    def add_unread_time(self, line: int, text: str) -> None:
        """A time cell that is no ISO time: counted when it is a locale's slash date."""
        found = slashdates.readings(text)
        if not found and not slashdates.SLASH_TIME.match(text.strip()):
            return
        if len(self.slashed_lines) < 3:
            self.slashed_lines.append(line)
        self.slashed += 1
        self.slash_orders &= set(found)

    def add_broken(self, line: int, cells: Mapping[str, Any]) -> None:
        """What a row with errors still tells: the event it names, its kind, its anchor."""
        incident, event, kind = cells.get("incident"), cells.get("event"), cells.get("kind")
        if incident is None:
            return
        if event is not None:
            lines = self.broken.setdefault((incident, event), [])
            if len(lines) < 3:
                lines.append(line)
            if kind is not None:
                self._kind(incident, event, kind.value, line)
        if cells.get("relative_to") is not None:
            self.references.append((line, incident, cells["relative_to"]))

    def _slash_note(self, diag: Collector) -> None:
        lines = ", ".join(map(str, self.slashed_lines)) + (", …" if self.slashed > 3 else "")
        message = f"{self.slashed:,} time cells (lines {lines}) have slash dates, as a spreadsheet saves them in its locale: "
        if len(self.slash_orders) == 1:
            (order,) = self.slash_orders
            words = "month/day/year (US)" if order == "mdy" else "day/month/year"
            message += f"all of them read as {words}; rewrite them as ISO 8601 with: incident fmt --dates {order} {diag.path}"
        elif self.slash_orders:
            message += ("each reads both ways (month/day and day/month): if the file is month-first (US), "
                        f"incident fmt --dates mdy {diag.path} rewrites them; if day-first, --dates dmy")
        else:
            message += "no one order fits all of them: write each as ISO 8601 YYYY-MM-DD"
        diag.note(self.slashed_lines[0], "time", message, "slash-dates")

    def _kind(self, incident: str, event: str, kind: str, line: int, diag: Collector | None = None) -> None:
        first = self.kinds.setdefault((incident, event), (kind, line))
        if first[0] != kind and diag is not None:
            diag.error(line, "kind", f"event {event!r} is {first[0]!r} on line {first[1]}: all rows of one event have one kind")

    def add(self, claim: Claim, diag: Collector) -> None:
        self._kind(claim.incident, claim.event, claim.kind.value, claim.line, diag)
        self.defined.add((claim.incident, claim.event))
        self.sources.setdefault(claim.incident, set()).add(claim.source)
        if claim.via is not None and claim.via.strip():
            self.origins.setdefault(claim.incident, set()).add(claim.via.strip().casefold())
        if claim.corrects is not None:
            self.corrections.append((claim.line, claim.incident, claim.corrects))
        if claim.org is not None and claim.source_type is not SourceType.operator:
            kind = claim.source_type.value if claim.source_type else "empty (press)"
            diag.warning(claim.line, "org", f"org {claim.org!r} names the organisation an operator speaks for, but this row's "
                         f"source_type is {kind}: org is ignored here (set source_type to operator if the source speaks for it)", "org")
        if claim.instant is not None:
            instants, lines = self.instants.setdefault(claim.incident, (array("q"), array("q")))
            instants.append(claim.instant)
            lines.append(claim.line)
        elif abs(claim.offset_min or 0) * MINUTE > PLAUSIBLE_SPAN:
            diag.warning(claim.line, "offset_min", f"{claim.offset_min:,.0f} minutes is {_span_words(abs(claim.offset_min) * MINUTE)}: "
                         "far longer than an outage; a typo?", "far")
        if claim.relative_to is not None and (claim.incident, claim.relative_to) not in self.defined:
            self.references.append((claim.line, claim.incident, claim.relative_to))  # else it is known to hold
        if not claim.url:
            self.unlinked_claims += 1
            key = (claim.incident, claim.source)
            if key not in self.unlinked:
                self.unlinked.add(key)
                if len(self.unlinked_named) < UNLINKED_NAMED:
                    self.unlinked_named[key] = [0]
            entry = self.unlinked_named.get(key)
            if entry is not None:
                entry[0] += 1
                if len(entry) <= 3:
                    entry.append(claim.line)
        check_zone_labels(claim, diag)
        check_as_reported(claim, diag)

    def add_plain(self, lines, incidents, events, kinds, instants, relatives, sources, no_url, diag: Collector) -> None:
        """What `add` does for each of a run of plain claims (`columnar.plain_rows`), done for all
        of them at once: the same state and the same messages, in the same order (of a plain claim,
        only that its kind differs from its event's first row can be said)."""
        import numpy as np
        import pandas as pd

        from .columnar import NO_TIME, groups

        incident_codes, incident_names = pd.factorize(incidents)
        event_codes, event_names = pd.factorize(events)
        pair_codes, pairs = pd.factorize(incident_codes * len(event_names) + event_codes)
        _, first_rows = np.unique(pair_codes, return_index=True)
        first_kind = np.empty(len(pairs), dtype=object)
        named_incidents = np.asarray(incident_names, dtype=object)
        keys = zip(named_incidents[incident_codes[first_rows]].tolist(), np.asarray(event_names, dtype=object)[event_codes[first_rows]].tolist())
        for j, (key, kind, line) in enumerate(zip(keys, kinds[first_rows].tolist(), lines[first_rows].tolist())):
            first_kind[j] = self.kinds.setdefault(key, (kind, int(line)))
            self.defined.add(key)
        first_names = np.array([first[0] for first in first_kind], dtype=object)
        for row in np.flatnonzero(first_names[pair_codes] != kinds):
            kind, line = first_kind[pair_codes[row]]
            diag.error(int(lines[row]), "kind", f"event {events[row]!r} is {kind!r} on line {line}: all rows of one event have one kind")
        source_codes, source_names = pd.factorize(sources)
        pairs = np.unique(incident_codes * len(source_names) + source_codes)  # by incident, then source
        of_incident, of_source = pairs // len(source_names), pairs % len(source_names)
        cuts = np.flatnonzero(np.diff(of_incident)) + 1
        named_sources = np.asarray(source_names, dtype=object)
        for code, chunk in zip(of_incident[np.r_[0, cuts]].tolist(), np.split(of_source, cuts)):  # one step per incident
            self.sources.setdefault(incident_names[code], set()).update(named_sources[chunk].tolist())
        timed = np.flatnonzero(instants != NO_TIME)
        for code, rows in groups(incident_codes[timed], timed):
            times, where = self.instants.setdefault(incident_names[code], (array("q"), array("q")))
            times.frombytes(instants[rows].astype(np.int64).tobytes())
            where.frombytes(lines[rows].astype(np.int64).tobytes())
        relative = np.flatnonzero(relatives != "")
        if len(relative):
            target_codes, targets = pd.factorize(relatives[relative])
            pair = incident_codes[relative] * len(targets) + target_codes
            known = np.unique(pair)  # each (incident, target) looked up once; the rows only of those not defined
            named_targets = np.asarray(targets, dtype=object)
            looked = zip(named_incidents[known // len(targets)].tolist(), named_targets[known % len(targets)].tolist())
            missing = [code for code, key in zip(known.tolist(), looked) if key not in self.defined]
            if missing:
                rows = np.flatnonzero(np.isin(pair, missing))
                self.references.extend(sorted(zip(lines[relative[rows]].tolist(), named_incidents[pair[rows] // len(targets)].tolist(),
                                                  named_targets[pair[rows] % len(targets)].tolist())))
        unlinked = np.flatnonzero(no_url)
        if len(unlinked):
            self._unlinked_plain(unlinked, lines, incident_codes, incidents, sources)

    def _unlinked_plain(self, unlinked, lines, incident_codes, incidents, sources) -> None:
        """`add`'s count of claims without a url, for a run of plain claims at once: the pairs in the
        order each first appears, the first UNLINKED_NAMED of the file with their lines."""
        import numpy as np
        import pandas as pd

        self.unlinked_claims += len(unlinked)
        source_codes, source_names = pd.factorize(sources[unlinked])
        group_codes, _ = pd.factorize(incident_codes[unlinked] * len(source_names) + source_codes)  # codes in order of first appearance
        _, firsts = np.unique(group_codes, return_index=True)
        keys = list(zip(incidents[unlinked[firsts]].tolist(), sources[unlinked[firsts]].tolist()))
        named, known = self.unlinked_named, self.unlinked
        for key in keys:  # the file's first pairs are named
            if len(named) >= UNLINKED_NAMED:
                break
            if key not in known:
                named[key] = [0]
                known.add(key)
        known.update(keys)
        if named:
            index = dict(zip(keys, range(len(keys))))
            for key in named:
                code = index.get(key)
                if code is None:
                    continue
                rows = unlinked[np.flatnonzero(group_codes == code)]
                entry = named[key]
                entry[0] += len(rows)
                entry.extend(lines[rows[: max(0, 4 - len(entry))]].tolist())

    def _unlinked_note(self, diag: Collector) -> None:
        """One note for the whole file: how many claims have no url, and whose, with their lines."""
        total = self.unlinked_claims
        parts = []
        named = list(self.unlinked_named.items())  # the first pairs of the file, in the order they first appear
        for (incident, source), (count, *lines) in named:
            where = ", ".join(map(str, lines)) + (", …" if count > len(lines) else "")
            parts.append(f"{source!r} in {incident!r} (line{'s' if count > 1 else ''} {where})")
        if len(self.unlinked) > UNLINKED_NAMED:
            parts[-1] += f" and {counted(len(self.unlinked) - UNLINKED_NAMED, 'more source')}"
        claims, has, them = ("1 claim", "has", "it") if total == 1 else (f"{total:,} claims", "have", "them")
        sources = f"{len(self.unlinked):,} source{'' if len(self.unlinked) == 1 else 's'}"
        first = named[0][1][1]
        diag.note(first, "url", f"{claims} by {sources} {has} no url, so a reader cannot check {them}: {'; '.join(parts)}. "
                  "Add each article's address, or say in note why there is none", "no-url")

    def finish(self, diag: Collector) -> None:
        self._unfilled_warnings(diag)
        if self.slashed > 1:
            self._slash_note(diag)
        for incident in sorted(self.instants):
            _far_from_the_rest(incident, *self.instants[incident], diag)
        if self.unlinked:
            self._unlinked_note(diag)
        hints = _Hints()
        for line, incident, corrected in self.corrections:
            known = self.sources.get(incident, set())
            if corrected not in known and corrected.strip().casefold() not in self.origins.get(incident, set()):
                diag.error(line, "corrects", f"no source or origin {corrected!r} in incident {incident!r} (corrects names the source "
                           "whose claims about this event the row replaces, spelt as in its source cell, or an origin its copies "
                           f"name in via){hints.hint(corrected, ('sources', incident), lambda known=known: known)}")
        events: dict[str, list[str]] | None = None
        for line, incident, target in self.references:
            if (incident, target) in self.defined:
                continue
            broken = self.broken.get((incident, target))
            if broken:
                where = ", ".join(str(n) for n in broken) + (", …" if len(broken) == 3 else "")
                lines = "line" if len(broken) == 1 else "lines"
                diag.error(line, "relative_to", f"event {target!r} is defined only on rows with errors ({lines} {where}): fix those first")
                continue
            if events is None:  # each incident's events, listed once (not once per broken reference)
                events = {}
                for i, name in self.defined:
                    events.setdefault(i, []).append(name)
            named = events.get(incident, [])
            diag.error(line, "relative_to", f"no event {target!r} in incident {incident!r}{hints.hint(target, ('events', incident), lambda named=named: named)}")


class _Hints:
    """"; did you mean 'x'?" for a name no row defines, each (word, names) looked up once, and no
    more than HINT_BUDGET names compared in all: linear in the file, whatever it misspells."""

    def __init__(self) -> None:
        self.found: dict[tuple, str] = {}
        self.sorted: dict[tuple, tuple[str, ...]] = {}
        self.budget = HINT_BUDGET

    def hint(self, word: str, among: tuple, names) -> str:
        key = (word, among)
        if key not in self.found:
            choices = self.sorted.get(among)
            if choices is None:
                choices = self.sorted[among] = tuple(sorted(names()))
            self.budget -= len(choices)
            self.found[key] = did_you_mean(word, choices) if self.budget >= 0 else ""
        return self.found[key]




def _far_from_the_rest(incident: str, instants: array, lines: array, diag: Collector) -> None:
    """Warn on each claim outside the incident's largest cluster of times (clusters are split
    where consecutive times are more than PLAUSIBLE_SPAN apart)."""
    ordered = sorted(instants)
    if ordered[-1] - ordered[0] <= PLAUSIBLE_SPAN:
        return
    clusters, start = [], 0
    for i in range(1, len(ordered) + 1):
        if i == len(ordered) or ordered[i] - ordered[i - 1] > PLAUSIBLE_SPAN:
            clusters.append((ordered[start], ordered[i - 1], i - start))
            start = i
    low, high, size = max(clusters, key=lambda c: c[2])  # the first of the largest: the earliest
    tie = sum(c[2] == size for c in clusters) > 1
    days = f"{from_epoch(low):%Y-%m-%d}" + (f" to {from_epoch(high):%Y-%m-%d}" if high - low >= DAY else "")
    for instant, line in zip(instants, lines):
        if low <= instant <= high:
            continue
        distance = low - instant if instant < low else instant - high
        diag.warning(
            line, "time",
            f"{from_epoch(instant):%Y-%m-%d} is {_span_words(distance)} away from the rest of incident {incident!r} "
            f"({'as many claims on ' if tie else ''}{days}): a typo in the date?",
            "far",
        )


def _span_words(seconds: float) -> str:
    days = seconds / DAY
    if days >= 730:
        return f"{days / 365.25:,.0f} years"
    return f"{days:,.0f} days"


def check_zone_labels(claim: Claim, diag: Collector) -> None:
    """One rule for zone labels, whichever cell carries them: the tz cell (or the time's own offset)
    says how the time is read, always; a fixed label is its fixed offset all year. A label that
    names a clock its region did not use that day (EST in May), and a zone written beside a clock
    time in as_reported that contradicts the zone the time is read in ('09:48 UTC' read as BST),
    are warned, never corrected."""
    if claim.instant is None:
        return
    at = from_epoch(claim.instant)
    if claim.tz is not None and claim.tz.is_fixed:
        problem = zones.label_contradiction(claim.tz.name, at)
        if problem:
            diag.warning(claim.line, "tz", f"{problem}; the time is read as {claim.tz.name}, as written", "zone-label")
    if not claim.as_reported:
        return
    read = claim.tz.name if claim.tz is not None else "the time's offset"
    dated = set()
    for label in sorted(set(zones.labels_in_text(claim.as_reported))):
        if claim.tz is not None and label == claim.tz.name:
            continue
        problem = zones.label_contradiction(label, at)
        if problem:
            dated.add(label)
            diag.warning(claim.line, "as_reported", f"the source writes {label}: {problem}; the time is read as {read}", "zone-label")
    reading = claim.tz.tzinfo if claim.tz is not None else timezone(timedelta(minutes=claim.time.offset or 0))
    local = at.astimezone(reading)
    for hour, minute, ampm, label in labelled_clock_times(claim.as_reported):
        if label in dated or not _same_clock(hour, minute, ampm, local):
            continue
        written = zones.offset_minutes(zones.zone(label).tzinfo, at)
        actual = zones.offset_minutes(reading, at)
        if written != actual:
            diag.warning(
                claim.line, "as_reported",
                f"the source writes {hour}:{minute:02d}{' ' + ampm if ampm else ''} {label} (UTC{zones.format_offset(written)}), "
                f"but the time is read as {read} (UTC{zones.format_offset(actual)} that day), which puts it at "
                f"{at:%H:%M} UTC; read as {label} it would be {from_epoch(claim.instant + (actual - written) * 60):%H:%M} UTC. "
                f"Set tz to {label} if that is what the source meant",
                "zone-label",
            )


def _same_clock(hour: int, minute: int, ampm: str | None, local: datetime) -> bool:
    if local.minute != minute:
        return False
    if ampm is not None:
        return hour % 12 + (12 if ampm == "pm" else 0) == local.hour
    return hour == local.hour


def check_as_reported(claim: Claim, diag: Collector) -> None:
    if claim.instant is None or not claim.as_reported:
        return
    stamp = iso_instant(claim.as_reported)
    if stamp is not None:
        if not claim.instant <= stamp < claim.instant + claim.precision:
            diag.warning(claim.line, "as_reported", f"{claim.as_reported!r} is the instant {iso_utc(stamp)}, but the "
                         f"time is read as {iso_utc(claim.instant)}", "as-reported")
        return
    clocks = clock_times(claim.as_reported)
    if not clocks:
        return
    at = from_epoch(claim.instant)
    zones_to_try = []
    if claim.tz is not None:
        zones_to_try.append((claim.tz.name, claim.tz.tzinfo))
    else:
        zones_to_try.append(("UTC", timezone.utc))
    for label in zones.labels_in_text(claim.as_reported):
        zones_to_try.append((label, zones.zone(label).tzinfo))
    twelve_hour_only = None
    for hour, minute, ampm in clocks:
        for name, tz in zones_to_try:
            local = at.astimezone(tz)
            if local.minute != minute:
                continue
            if ampm is not None:
                if hour % 12 + (12 if ampm == "pm" else 0) == local.hour:
                    return
            elif hour == local.hour or (hour % 12 == local.hour % 12 and hour != 12):
                return
            elif hour == 12 and local.hour == 0:
                twelve_hour_only = (hour, minute, name, local)
    if twelve_hour_only:
        hour, minute, name, local = twelve_hour_only
        diag.note(
            claim.line, "as_reported",
            f"{claim.as_reported!r} matches {local:%H:%M} {name} only as a 12-hour clock reading "
            f"({hour}:{minute:02d} a.m., just after midnight); in 24-hour time {hour}:{minute:02d} is half a day off",
            "twelve-hour",
        )
        return
    shown = ", ".join(f"{at.astimezone(tz):%H:%M} {name}" for name, tz in zones_to_try[:2])
    diag.warning(
        claim.line, "as_reported",
        f"{claim.as_reported!r} matches the time ({shown}) in neither the 24-hour nor the 12-hour reading",
        "as-reported",
    )
