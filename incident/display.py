"""The zone each incident is shown in, decided in one place for every view (the terminal, the
reports, the exports, the Python API): the zone asked for (`--tz`, `tz=`), else the `tz:` its
postmortem file names, else the timeline's own rule (the zone its claims use)."""

from __future__ import annotations

import dataclasses
import io
from pathlib import Path
from typing import Mapping

from . import postmortem, postmortem_tables
from .diagnostics import InputError, UsageError, print_diagnostics
from .model.zones import display_name
from .postmortem import Postmortem
from .timeline.events import Timeline


def zone_option(value: str | None, option: str = "--tz") -> str | None:
    """A zone asked for, as the views name it; None when none is; a zone that is none is a UsageError."""
    if not value:
        return None
    try:
        return display_name(value)
    except ValueError as exc:
        raise UsageError(f"{option}: {exc}") from None


def in_display_zones(timelines: Mapping[str, Timeline], folder: str | Path, tz: str | None
                     ) -> tuple[dict[str, Timeline], dict[str, Postmortem], str]:
    """The timelines, each in its display zone; their postmortems (read from `folder`); and what was
    said of those (warnings, as `validate` prints them). A postmortem file with an error is an
    InputError, as for every command that reads it."""
    zone = zone_option(tz)
    postmortems, problems = postmortem.load_all(Path(folder), sorted(timelines))
    if any(d.is_error for d in problems):
        raise InputError(problems)
    for name, pm in postmortems.items():  # words for an event the incident does not have: a warning
        problems += postmortem_tables.unknown_events(pm, (e.event for e in timelines[name].events))
    said = io.StringIO()
    print_diagnostics(problems, said)
    shown = {name: dataclasses.replace(t, zone=zone or zone_option(postmortems[name].tz, "tz") or t.zone)
             for name, t in timelines.items()}
    return shown, postmortems, said.getvalue()
