"""Postmortem files from a stranger: linear-time parsing, no remote fetches, blocks that are never
closed, control characters, false alarms, and files that are not files."""

import io
import os
import random
import threading
import time

import pytest

from incident import postmortem
from incident.cli import main
from incident.render.document import prose_html

from conftest import ROOT

FIXTURE = ROOT / "tests" / "data" / "fixture.csv"


def parse(text):
    return postmortem.parse(text, "launch-2025", "pm.md")


def messages(text):
    return [(d.line, d.message) for d in parse(text)[1]]


def quick(text, seconds=1.0):
    start = time.perf_counter()
    result = parse(text)
    assert time.perf_counter() - start < seconds, f"{len(text):,} characters took {time.perf_counter() - start:.1f} s"
    return result


def test_a_heading_followed_by_thousands_of_spaces_is_read_in_linear_time():
    quick("## Summary" + " " * 200_000 + "x\n")
    quick("## Summary" + " " * 200_000 + "#" * 1000 + " " * 1000 + "\n")
    pm, _ = quick("## Summary" + " " * 40_000 + "\n\nWritten.\n")
    assert pm.section("summary") == "Written."


def test_tens_of_thousands_of_unclosed_comments_are_read_in_linear_time():
    _, problems = quick("## Summary\n\n" + "<!--" * 40_000)
    assert [d.message for d in problems] == ["a comment '<!--' is never closed with '-->'"]
    quick("## Summary\n\n" + "<!-- a -->\n" * 40_000)
    quick("## Summary\n\n" + "`<!--`" * 40_000)


def test_the_closing_hashes_of_a_heading_are_not_its_name():
    pm, problems = parse("## Summary ##\n\nOne.\n\n## Impact #\n\nTwo.\n")
    assert not problems and pm.section("summary") == "One." and pm.section("impact") == "Two."
    assert parse("## C# and F#\n")[1][0].message.startswith("unknown section 'C# and F#'")


def test_an_unclosed_code_fence_is_named_with_its_line():
    text = "## Summary\n\nIt began.\n\n```\nlog line\n\n## Impact\n\nUsers could not join.\n"
    assert (5, "a code block opened with ``` (or ~~~) here is never closed: everything after it would be shown as "
               "code, the later sections lost; close it with the same fence") in messages(text)


def test_an_unclosed_pre_is_named_with_its_line():
    found = messages("## Summary\n\n<pre>\nraw\n\n## Impact\n\nx\n")
    assert any(line == 3 and "<pre> opened here is never closed" in message for line, message in found)
    assert not messages("## Summary\n\n<pre>\nraw\n</pre>\n")


def test_a_nul_or_an_escape_sequence_is_refused_with_its_line():
    found = messages("## Summary\n\nfine\nbad \x00 here\n\x1b]0;owned\x07\n")
    assert (4, "a NUL byte: a postmortem file is text; remove it") in found
    assert any(line == 5 and "U+001B" in message for line, message in found)


def test_control_characters_are_shown_escaped_in_messages(tmp_path):
    folder = tmp_path / "postmortems"
    folder.mkdir()
    (folder / "launch-2025.md").write_text("## Sum\x1b[2Jmary\n")
    events = tmp_path / "events.csv"
    events.write_bytes(FIXTURE.read_bytes())
    err = io.StringIO()
    assert main(["validate", str(events)], stdout=io.StringIO(), stderr=err) == 1
    assert "\x1b" not in err.getvalue() and "\\x1b[2J" in err.getvalue()


def test_a_comment_opener_in_inline_code_is_text():
    assert not messages("## Summary\n\nWrite `<!--` to open a comment.\n")
    assert not messages("## Summary\n\n```\n<!--\n```\n")


def test_link_schemes_are_case_insensitive():
    text = ("## Action items\n\n| what | owner | status | link |\n|---|---|---|---|\n"
            "| Alert on it | SRE | open | HTTPS://example.com/1 |\n")
    pm, problems = parse(text)
    assert not problems and pm.action_items[0].link == "HTTPS://example.com/1"


@pytest.mark.parametrize("markdown", ["![x](https://evil.example/a.png)", "![x](//evil.example/a.png)", "[x](//evil.example/)",
                                      "[x](\\\\\\\\evil\\\\share)", "[x](/\\\\evil/share)", "<img src=https://evil.example/a.png>"])
def test_the_page_fetches_nothing_and_links_no_other_host_by_a_relative_path(markdown):
    out = prose_html(markdown)
    assert "<img" not in out
    assert 'href="//' not in out and "%5C%5C" not in out and 'href="/%5C' not in out


def test_an_image_is_a_link_to_it():
    assert prose_html("![the graph](https://example.com/g.png)") == '<p><a href="https://example.com/g.png">image: the graph</a></p>'


@pytest.mark.parametrize("how", ["fifo", "dev-zero", "folder"])
def test_a_postmortem_that_is_not_a_regular_file_is_named_not_read(tmp_path, how):
    folder = tmp_path / "postmortems"
    folder.mkdir()
    target = folder / "launch-2025.md"
    if how == "fifo":
        os.mkfifo(target)
    elif how == "dev-zero":
        target.symlink_to("/dev/zero")
    else:
        target.mkdir()
    events = tmp_path / "events.csv"
    events.write_bytes(FIXTURE.read_bytes())
    results = {}

    def go():
        for command in (["validate", str(events)], ["report", "--events", str(events), "--out", str(tmp_path / "out")]):
            err = io.StringIO()
            results[command[0]] = (main(command, stdout=io.StringIO(), stderr=err), err.getvalue())

    worker = threading.Thread(target=go, daemon=True)
    worker.start()
    worker.join(60)
    assert not worker.is_alive(), "a command hung on the postmortem file"
    for command, (code, err) in results.items():
        assert code == 1 and "launch-2025.md:0: file: not a regular file" in err, (command, err)
    assert not (tmp_path / "out").exists()


def test_fuzzed_postmortem_files_end_quickly_without_a_traceback():
    """Fixed seeds: random mixtures of the constructs the parser knows, a few hundred KB each."""
    pieces = ["## Summary", "## Impact", "# Title", "### What went well", "---", "status: draft", "<!--", "-->", "```",
              "~~~", "<pre>", "</pre>", "| what | owner | status | link |", "|---|---|---|---|", "| a | b | open | [x](http://y) |",
              "`", "#", " " * 50, "\t", "\x00", "\x1b", "é", "\r", "[", "](", ")", "text"]
    for seed in range(30):
        rng = random.Random(seed)
        text = "\n".join("".join(rng.choice(pieces) for _ in range(rng.randint(1, 8))) for _ in range(3000))
        _, problems = quick(text, seconds=2.0)
        assert all(isinstance(d.line, int) and d.line >= 0 for d in problems)
