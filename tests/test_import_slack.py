"""`incident import slack`: an incident channel's messages as statements. The realistic channel of
tests/data/tools/slack/export (42 messages, three staff, a partner's engineer, two bots, a thread, an
edit, a deletion, times in prose that disagree) and the documented conversations.history shape."""

import csv
import io
import json
import shutil
from pathlib import Path

import pytest

from incident.cli import main

SLACK = Path(__file__).parent / "data" / "tools" / "slack"
EXPORT = SLACK / "export"
CHANNEL = "inc-2025-03-04-checkout"


def run(*argv):
    out, err = io.StringIO(), io.StringIO()
    code = main([str(a) for a in argv], stdout=out, stderr=err)
    assert "Traceback" not in err.getvalue()
    return code, out.getvalue(), err.getvalue()


def rows_of(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text)))


@pytest.fixture(scope="module")
def channel_rows():
    code, out, err = run("import", "slack", EXPORT, "--channel", CHANNEL)
    assert code == 0, err
    return rows_of(out)


def claims_by(rows, who):
    return [r for r in rows if r["source"].startswith(who)]


def test_an_export_of_several_channels_asks_which_is_the_incidents():
    code, out, err = run("import", "slack", EXPORT)
    assert (code, out) == (2, "") and "the export has 2 channels (general, inc-2025-03-04-checkout)" in err
    code, _, err = run("import", "slack", EXPORT, "--channel", "inc-checkout")
    assert code == 2 and "no such channel" in err and CHANNEL in err


def test_the_channels_folder_reads_as_the_export_and_its_day_files_lack_only_the_members_zones():
    whole = run("import", "slack", EXPORT, "--channel", CHANNEL)[1]
    assert run("import", "slack", EXPORT / CHANNEL)[1] == whole
    code, days, err = run("import", "slack", *sorted((EXPORT / CHANNEL).glob("*.json")))
    assert code == 0, err
    stated = {(r["time"], r["quote"]) for r in rows_of(whole) if r["tz"] == "UTC" and r["as_reported"].endswith("UTC")}
    assert stated <= {(r["time"], r["quote"]) for r in rows_of(days)}  # a time with its zone reads the same
    assert "'17:26' not read" in err and "'9:02 this morning' not read" in err  # without users.json, no author's zone


def test_staff_are_operator_a_partner_in_a_shared_channel_is_a_witness_bots_keep_their_names(channel_rows):
    types = {r["source"].split(" (")[0]: r["source_type"] for r in channel_rows}
    assert types == {"Alice Nakamura": "operator", "Bob Osei": "operator", "Carol Diaz": "operator",
                     "Priya Shah": "witness", "PagerDuty": "operator", "incident.io": "operator"}
    assert all(r["source"].endswith(f"(Slack #{CHANNEL})") for r in channel_rows)
    assert all(r["incident"] == CHANNEL for r in channel_rows)


def test_a_time_said_in_prose_is_read_in_the_authors_zone(channel_rows):
    alice = {(r["kind"], r["time"], r["tz"]) for r in claims_by(channel_rows, "Alice")}
    assert ("impact_start", "2025-03-04 09:02", "America/Los_Angeles") in alice  # "errors started at 9:02 this morning"
    assert ("recovery", "2025-03-04 09:29", "America/Los_Angeles") in alice  # "back to normal since 9:29"
    bob = {(r["kind"], r["time"], r["tz"]) for r in claims_by(channel_rows, "Bob")}
    assert ("impact_start", "2025-03-04 16:55", "UTC") in bob  # "the 5xx began at 16:55 UTC, not 17:02"
    assert not any(r["time"].endswith("17:02") for r in claims_by(channel_rows, "Bob"))  # "not 17:02" names nothing


def test_a_message_without_a_time_bounds_the_milestone_it_names(channel_rows):
    pager = claims_by(channel_rows, "PagerDuty")
    assert {(r["kind"], r["time"], r["bound"]) for r in pager} == {
        ("detection", "2025-03-04 16:58:41", "not_after"), ("acknowledgement", "2025-03-04 17:00:12", "not_after"),
        ("resolution", "2025-03-04 17:38:20", "not_after")}
    acked = next(r for r in claims_by(channel_rows, "Alice") if r["kind"] == "acknowledgement")
    assert (acked["time"], acked["bound"]) == ("2025-03-04 16:59:30", "")  # her "looking into it" is the act itself
    still = next(r for r in claims_by(channel_rows, "Priya") if r["kind"] == "recovery" and r["bound"] == "not_before")
    assert still["quote"] == "still failing on our side"


def test_proposals_and_questions_give_no_claim(channel_rows):
    quotes = " ".join(r["quote"] for r in channel_rows)
    for words in ("options: roll back", "rollback is safer", "should we post", "did anything deploy"):
        assert words not in quotes


def test_an_edited_message_is_the_later_statement(channel_rows):
    done = next(r for r in channel_rows if r["quote"] == "rollback done at 17:26")
    assert (done["kind"], done["time"], done["published"]) == ("mitigation", "2025-03-04 17:26", "2025-03-04 17:41:02Z")
    assert "edited at 2025-03-04 17:41:02 UTC (first posted 2025-03-04 17:24:30 UTC)" in done["note"]


def test_deleted_messages_joins_and_channel_events_give_nothing(channel_rows):
    _, _, err = run("import", "slack", EXPORT, "--channel", CHANNEL)
    assert "1 deleted message left out" in err and "1 channel event left out" in err  # real plurals
    assert not any("deleted" in r["quote"] or "joined" in r["quote"] for r in channel_rows)


def test_edit_and_delete_events_and_a_reply_read_with_its_thread(tmp_path):
    messages = [
        {"type": "message", "user": "U1", "text": "is checkout down for anyone?", "ts": "1741107600.000100", "thread_ts": "1741107600.000100"},
        {"type": "message", "user": "U2", "text": "yes, since 16:58 UTC", "ts": "1741107660.000200", "thread_ts": "1741107600.000100"},
        {"type": "message", "user": "U1", "text": "db restarted at 17:05 UTC", "ts": "1741108000.000300"},
        {"type": "message", "subtype": "message_changed", "ts": "1741108100.000400",
         "message": {"type": "message", "user": "U1", "text": "db failed over at 17:06 UTC", "ts": "1741108000.000300",
                     "edited": {"user": "U1", "ts": "1741108100.000000"}}},
        {"type": "message", "user": "U2", "text": "it's back since 17:10 UTC", "ts": "1741108300.000500"},
        {"type": "message", "subtype": "message_deleted", "hidden": True, "ts": "1741108400.000600", "deleted_ts": "1741108300.000500"},
    ]
    path = tmp_path / "2025-03-04.json"
    path.write_text(json.dumps(messages))
    code, out, err = run("import", "slack", path, "--incident", "db-2025")
    assert code == 0, err
    got = {(r["kind"], r["time"], r["quote"]) for r in rows_of(out)}
    assert ("impact_start", "2025-03-04 16:58", "yes, since 16:58 UTC") in got  # the reply, by its thread's question
    assert ("mitigation", "2025-03-04 17:06", "db failed over at 17:06 UTC") in got  # as edited
    assert not any("17:05" in quote or "17:10" in quote for _, _, quote in got)  # the first text, the deleted message


def test_the_timeline_an_sre_would_recognise(tmp_path, channel_rows):
    """After the next day's summary: the partner's "since 16:50" outweighed by two staff members'
    16:55; Alice's "9:02 this morning" (17:02 UTC) superseded by her own summary; the incident named
    by the channel's topic."""
    events = tmp_path / "events.csv"
    assert run("import", "slack", EXPORT, "--channel", CHANNEL, "--append", events)[0] == 0
    assert run("validate", events)[0] == 0
    code, out, err = run("timeline", CHANNEL, "--events", events, "--json")
    assert code == 0, err
    events_of = {e["kind"]: e for e in json.loads(out)}
    start = events_of["impact_start"]
    assert start["estimate"] == "2025-03-04T16:55:00Z" and start["conflict"] and len(start["dropped"]) == 1
    assert len(start["superseded"]) == 1
    assert start["label"] == "INC-318 Checkout API errors"
    assert events_of["recovery"]["estimate"] == "2025-03-04T17:29:00Z"
    assert events_of["detection"]["estimate"].startswith("2025-03-04T16:58")
    code, out, _ = run("metrics", CHANNEL, "--events", events, "--json")
    metrics = {m["metric"]: m for m in json.loads(out)}
    assert metrics["time_to_recover"]["minutes"] == 34 and metrics["time_to_mitigate"]["minutes"] == 31


def test_during_the_incident_the_wrong_start_time_stands_out(tmp_path):
    """The channel as it stood when the incident ended (no summary yet): Alice's "9:02 this morning"
    (17:02 UTC) cannot hold — she acknowledged at 16:59:30 and the incident was declared at 17:01 —
    and is set aside with the partner's "since 16:50"; the rollback under way at 17:16 and half done
    at 17:19 is no conflict with "rollback done at 17:26"."""
    export = tmp_path / "export"
    shutil.copytree(EXPORT, export)
    (export / CHANNEL / "2025-03-05.json").unlink()
    events = tmp_path / "events.csv"
    assert run("import", "slack", export, "--channel", CHANNEL, "--append", events)[0] == 0
    code, out, _ = run("timeline", CHANNEL, "--events", events, "--json")
    timeline = {e["kind"]: e for e in json.loads(out)}
    rows = list(csv.DictReader(events.open()))
    dropped = {rows[line - 2]["as_reported"] for line in timeline["impact_start"]["dropped"]}
    assert dropped == {"16:50 UTC", "9:02 this morning"} and timeline["impact_start"]["estimate"] == "2025-03-04T16:55:00Z"
    assert not timeline["mitigation"]["conflict"] and timeline["mitigation"]["estimate"] == "2025-03-04T17:26:00Z"
    assert timeline["detection"]["estimate"] is None and timeline["detection"]["latest"] == "2025-03-04T16:58:41Z"


def test_anonymized_nothing_names_a_person_and_the_roles_are_stable(tmp_path):
    code, out, err = run("import", "slack", EXPORT, "--channel", CHANNEL, "--anonymize")
    assert code == 0, err
    for name in ("Alice", "Nakamura", "alice", "Bob", "Osei", "Priya", "Shah", "Carol", "Diaz", "U01ALICE", "U02BOB"):
        assert name not in out, name
    sources = {r["source"].split(" (")[0] for r in rows_of(out)}
    assert sources == {"responder-1", "responder-2", "responder-3", "witness-1", "PagerDuty", "incident.io"}
    assert "Acknowledged by responder-1" in out  # the bot's words name her, and are scrubbed
    assert run("import", "slack", EXPORT, "--channel", CHANNEL, "--anonymize")[1] == out
    plain = rows_of(run("import", "slack", EXPORT, "--channel", CHANNEL)[1])
    assert len(plain) == len(rows_of(out))  # the same claims, only the names differ
    quoted = {r["quote"] for r in rows_of(out)}
    assert all("morning all" not in q or "looking into it" in q for q in quoted)  # no message but a claim's


def test_appending_the_channel_twice_adds_nothing(tmp_path):
    events = tmp_path / "events.csv"
    assert run("import", "slack", EXPORT, "--channel", CHANNEL, "--append", events)[0] == 0
    once = events.read_bytes()
    code, _, err = run("import", "slack", EXPORT, "--channel", CHANNEL, "--append", events)
    assert code == 0 and events.read_bytes() == once and "nothing added" in err


def test_a_conversations_history_answer_end_to_end(tmp_path):
    """The documented shape (newest first): import → validate → report; the metrics are the
    differences of the times the messages state, and the bot's post bounds the acknowledgement."""
    events = tmp_path / "events.csv"
    code, _, err = run("import", "slack", SLACK / "history.json", "--incident", "checkout-latency", "--out", events)
    assert code == 0, err
    assert run("validate", events)[0] == 0
    code, out, _ = run("metrics", "checkout-latency", "--events", events, "--json")
    metrics = {m["metric"]: m for m in json.loads(out)}
    assert metrics["time_to_mitigate"]["minutes"] == 28 and metrics["time_to_recover"]["minutes"] == 38
    acknowledge = metrics["time_to_acknowledge"]
    assert acknowledge["minutes"] is None and acknowledge["high"] == 6  # the bot posted at 14:09: no later than that
    assert run("report", "checkout-latency", "--events", events, "--out", tmp_path / "reports")[0] == 0


def test_a_slack_error_answer_and_other_shapes_are_named(tmp_path):
    for data, words in (({"ok": False, "error": "channel_not_found"}, "a Slack error answer: channel_not_found"),
                        ({"channels": []}, "no 'messages' list"), ("text", "found a JSON str")):
        path = tmp_path / "answer.json"
        path.write_text(json.dumps(data))
        code, out, err = run("import", "slack", path)
        assert code == 1 and out == "" and words in err, err


def test_many_contradicting_times_are_kept_to_a_dozen_and_the_import_stays_quick(tmp_path):
    """30 people each stating another start time: the exact reconciliation of all of them would
    take minutes; the latest dozen are kept, the rest counted on stderr."""
    import time

    messages = [{"type": "message", "user": f"U{i}", "text": f"errors since 16:{i:02d} UTC", "ts": f"{1741111200 + i}.000100"}
                for i in range(30)]
    path = tmp_path / "history.json"
    path.write_text(json.dumps({"ok": True, "messages": messages}))
    start = time.perf_counter()
    code, out, err = run("import", "slack", path, "--incident", "many")
    assert code == 0 and time.perf_counter() - start < 10, err
    stated = [r for r in rows_of(out) if r["kind"] == "impact_start" and r["as_reported"]]
    assert len(stated) == 12 and {r["time"][-2:] for r in stated} == {f"{i:02d}" for i in range(18, 30)}
    assert "many: 18 more statements of the impact start left out" in err
