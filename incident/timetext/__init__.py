"""Time expressions in prose: one grammar for `incident extract` and every importer's prose reader.

`scan` finds what is written ("about 9:12 AM CDT", "between 14:00 and 15:30 UTC", "more than 40
minutes late") in one pass over the words; `readings` says what each means against the text's date
and zone, with the zone rules of events.csv. Pure: no I/O.
"""
