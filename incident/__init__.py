"""incident: reconstruct outage timelines from imprecise, conflicting sources."""

__version__ = "0.1.0"
