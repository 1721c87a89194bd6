"""Status-page records (from Statuspage JSON or a feed), each incident once: what `import
statuspage` and `import feed` share, and the `--incident` choice every status importer makes."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Callable, Iterable, TypeVar

from ..diagnostics import UsageError

if TYPE_CHECKING:
    from .statuspage import Record

Item = TypeVar("Item")


def one_each(records: list[tuple[str, Record]], said: list[str]) -> list[tuple[str, Record]]:
    """(slug, record) pairs, one per incident: records of one page with the same raw id are one
    incident read twice (a list and its per-incident answer, a feed's Atom and RSS), their updates
    merged; records of different pages are different incidents whatever their raw ids; a record of
    the same page and id but another name is another incident, given an id of its own. Nothing is
    dropped without a word (in `said`)."""
    kept: dict[tuple[str, str], tuple[str, Record]] = {}
    for slug, record in records:
        raw = record.incident["id"]
        key, number = (slug, raw), 2
        while key in kept and kept[key][1].incident["name"] != record.incident["name"]:
            key, number = (slug, f"{raw}-{number}"), number + 1
        if key[1] != raw:
            other = kept[(slug, raw)][1]
            said.append(f"{record.path}: incident {raw} ({record.incident['name'][:80]!r}) has the id of another in {other.path} "
                        f"({other.incident['name'][:80]!r}): imported as {slug}-{key[1]}")
            record = dataclasses.replace(record, incident={**record.incident, "id": key[1]})
        if key not in kept:
            kept[key] = (slug, record)
            continue
        first = kept[key][1]
        merged = _merged_updates(first.incident["incident_updates"], record.incident["incident_updates"])
        if len(merged) > len(first.incident["incident_updates"]):
            said.append(f"{record.path}: incident {key[1]} also in {first.path}: "
                        f"{len(merged) - len(first.incident['incident_updates']):,} more updates merged into it")
            kept[key] = (slug, dataclasses.replace(first, incident={**first.incident, "incident_updates": merged},
                                                   complete=first.complete or record.complete))
    return list(kept.values())


def _merged_updates(first: list[dict], second: list[dict]) -> list[dict]:
    """The updates of both, each once (by its id, or its time, status and text when it has none)."""
    def key(update):
        return update.get("id") or (update.get("created_at"), update.get("status"), update.get("body"))

    seen = {key(u) for u in first}
    merged = list(first)
    for update in second:
        if key(update) not in seen:
            seen.add(key(update))
            merged.append(update)
    return merged


def picked(wanted: Iterable[str] | None, items: list[Item], names: Callable[[Item], set[str]]) -> list[Item]:
    """The items `--incident` names (each item's names: `names(item)`); all when it names none. An
    id no item has is a usage error."""
    if not wanted:
        return items
    known = set().union(*(names(item) for item in items)) if items else set()
    missing = [name for name in wanted if name not in known]
    if missing:
        raise UsageError(f"no incident {missing[0]!r} in the files given")
    return [item for item in items if names(item) & set(wanted)]
