"""incident: reconstruct outage timelines from imprecise, conflicting sources and write a postmortem.

The public face of the package: everything a program needs is here (the functions and types of
`incident/api.py`; docs/api.md is the reference). The modules below it are the implementation and
may change. The API is imported when first used, so that `import incident` (and the command line's
start) stays quick.
"""

from typing import TYPE_CHECKING, Any

from .version import __version__

if TYPE_CHECKING:
    from .api import (
        EXPORT_FORMATS, IMPORT_SOURCES, Claim, Claims, Diagnostic, Drafts, Event, ImportFailed, InputError, Metric,
        Report, Text, Timeline, UsageError, draft, export, import_records, load, metrics, parse, reconstruct,
        reconstruct_all, report, stats,
    )

__all__ = [
    "Claim", "Claims", "Diagnostic", "Drafts", "EXPORT_FORMATS", "Event", "IMPORT_SOURCES", "ImportFailed", "InputError",
    "Metric", "Report", "Text", "Timeline", "UsageError", "__version__", "draft", "export", "import_records", "load",
    "metrics", "parse", "reconstruct", "reconstruct_all", "report", "stats",
]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from . import api

        return getattr(api, name)
    raise AttributeError(f"module 'incident' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)
