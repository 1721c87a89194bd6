"""events.csv read, checked row by row and across rows, and rewritten in canonical form."""
