"""Timelines and metrics to what people read: the one formatter of moments, terminal text, explain, documents, charts, the report."""
