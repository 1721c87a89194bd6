"""Many incidents at once: an events file read incident by incident (memory bounded by the largest
incident, not the file), each incident's metrics computed by a pure function of its own rows, in a
pool of processes, and kept in a cache keyed by those rows so that an unchanged incident is never
reconstructed twice."""
