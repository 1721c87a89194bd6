"""The data model: a claim and what its written time means (claim), zones and their labels, slash dates, the JSON Schema of a row."""
