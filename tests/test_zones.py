from datetime import datetime, timezone

import pytest

from incident.model import zones
from incident.model.claim import Claim
from incident.model.time import ColumnError, from_epoch


def utc(*args):
    return datetime(*args, tzinfo=timezone.utc)


@pytest.mark.parametrize(
    "label, minutes",
    [("UTC", 0), ("GMT", 0), ("Z", 0), ("EDT", -240), ("EST", -300), ("CDT", -300), ("CST", -360),
     ("MDT", -360), ("MST", -420), ("PDT", -420), ("PST", -480), ("BST", 60), ("CET", 60), ("CEST", 120)],
)
def test_fixed_labels_are_fixed_offsets_as_written(label, minutes):
    zone = zones.zone(label)
    assert zone.fixed_minutes == minutes
    # the same offset in January and in July: a label is not a place
    assert zones.offset_minutes(zone.tzinfo, utc(2024, 1, 15, 12)) == minutes
    assert zones.offset_minutes(zone.tzinfo, utc(2024, 7, 15, 12)) == minutes


@pytest.mark.parametrize(
    "label, winter, summer",
    [("ET", -300, -240), ("CT", -360, -300), ("MT", -420, -360), ("PT", -480, -420)],
)
def test_regional_labels_follow_daylight_saving(label, winter, summer):
    zone = zones.zone(label)
    assert zones.offset_minutes(zone.tzinfo, utc(2024, 1, 15, 12)) == winter
    assert zones.offset_minutes(zone.tzinfo, utc(2024, 7, 15, 12)) == summer


def claim(time, tz):
    return Claim.model_validate(
        {"line": 2, "incident": "i", "event": "e", "kind": "other", "source": "s", "time": time, "tz": tz}
    )


@pytest.mark.parametrize(
    "time, expected_utc",
    [
        # spring forward, 10 Mar 2024: 01:59 EST is the last minute before the gap, 03:00 EDT the first after
        ("2024-03-10 01:59", utc(2024, 3, 10, 6, 59)),
        ("2024-03-10 03:00", utc(2024, 3, 10, 7, 0)),
        # fall back, 3 Nov 2024: 00:59 EDT before the repeated hour, 02:00 EST after it
        ("2024-11-03 00:59", utc(2024, 11, 3, 4, 59)),
        ("2024-11-03 02:00", utc(2024, 11, 3, 7, 0)),
        # an offset settles the repeated hour
        ("2024-11-03 01:30-04:00", utc(2024, 11, 3, 5, 30)),
        ("2024-11-03 01:30-05:00", utc(2024, 11, 3, 6, 30)),
    ],
)
def test_eastern_time_at_both_daylight_saving_edges(time, expected_utc):
    assert from_epoch(claim(time, "ET").instant) == expected_utc


@pytest.mark.parametrize(
    "time, words",
    [("2024-03-10 02:30", "does not exist in ET"), ("2024-11-03 01:30", "happened twice in ET")],
)
def test_gap_and_repeated_hour_need_an_offset(time, words):
    with pytest.raises(ValueError, match=words):
        claim(time, "ET")


def test_iana_zone_and_london_summer_time():
    assert from_epoch(claim("2024-08-13 01:42", "Europe/London").instant) == utc(2024, 8, 13, 0, 42)
    assert from_epoch(claim("2024-08-13 01:42", "BST").instant) == utc(2024, 8, 13, 0, 42)


@pytest.mark.parametrize(
    "label, when, expected",
    [
        ("EST", utc(2023, 5, 24, 23), "on 2023-05-24 US Eastern time was on EDT (UTC-04:00)"),
        ("EDT", utc(2024, 1, 10, 12), "was on EST (UTC-05:00)"),
        ("BST", utc(2024, 1, 10, 12), "London was on GMT"),
        ("CEST", utc(2024, 12, 1, 12), "Central Europe was on CET"),
        ("EDT", utc(2024, 8, 13, 0, 42), None),
        ("GMT", utc(2024, 8, 13, 0, 42), None),
    ],
)
def test_label_that_contradicts_the_date(label, when, expected):
    found = zones.label_contradiction(label, when)
    if expected is None:
        assert found is None
    else:
        assert expected in found


def test_unknown_zone_suggests_a_label():
    with pytest.raises(ValueError, match=r"unknown zone 'edt'.*did you mean 'EDT'"):
        zones.zone("edt")


def test_labels_in_free_text():
    assert zones.labels_in_text("by 7:00 p.m. EST") == ["EST"]
    assert zones.labels_in_text("6 p.m. ET (2200 GMT)") == ["ET", "GMT"]
    assert zones.labels_in_text("Eastern") == []


def test_column_error_names_its_column():
    error = ColumnError("tz", "bad")
    assert (error.column, str(error)) == ("tz", "bad")
