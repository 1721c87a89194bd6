"""Claims to a timeline (the temporal network, the exact reconciliation, the estimates), its metrics, and incidents side by side."""
