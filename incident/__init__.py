"""incident: reconstruct outage timelines from imprecise, conflicting sources."""

from .version import __version__

__all__ = ["__version__"]
