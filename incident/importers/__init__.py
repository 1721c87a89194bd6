"""Other records turned into claims: a Statuspage answer, Google Cloud's incident history."""
