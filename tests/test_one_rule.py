"""One of each rule: an id's shape, the exit codes, the words that make a time a bound, and the
grammar of a clock time are each written once, and every reader uses that one."""

import ast
import re

import pytest

from incident.diagnostics import ExitCode
from incident.events_csv.clocks import clock_times, labelled_clock_times
from incident.model.bounds import BOUND_WORDS
from incident.model.cells import MEANT
from incident.model.ids import MAX_ID, SLUG, SLUG_PATTERN, slugify
from incident.timetext import lexicon

from test_layout import PACKAGE, modules


def sources() -> dict[str, str]:
    return {name: path.read_text() for name, path in modules().items()}


def test_the_id_rule_is_written_once():
    """The pattern of an id and the way a name becomes one are in model/ids.py only."""
    written = {name for name, text in sources().items() if "[a-z0-9][a-z0-9-]" in text or r'[^a-z0-9]+", "-"' in text}
    assert written == {"model.ids"}
    assert SLUG.pattern.startswith(SLUG_PATTERN)
    assert slugify("Acme Status — EU!") == "acme-status-eu" and SLUG.match(slugify("Acme Status — EU!"))
    assert slugify("***") == ""


def test_every_reader_of_an_id_agrees():
    from incident.model.schema import SLUG as SCHEMA_SLUG
    from incident.postmortem import parse

    assert SCHEMA_SLUG == SLUG_PATTERN
    long_id = "a" * (MAX_ID + 1)
    assert not SLUG.match(long_id)
    _, problems = parse(f"---\ntitle: t\ncompare: {long_id}\n---\n", "x", "x.md")
    assert any(d.column == "compare" for d in problems)  # a postmortem names no id the events file cannot have


def test_exit_codes_are_one_enum():
    assert [(c.name, c.value) for c in ExitCode] == [("OK", 0), ("INVALID", 1), ("USAGE", 2), ("INTERRUPTED", 130)]
    assigned = []  # no other name for an exit code: EXIT_OK = 0, or EXIT_OK, EXIT_INVALID = 0, 1
    for name, text in sources().items():
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.Assign):
                targets = [e for t in node.targets for e in (t.elts if isinstance(t, ast.Tuple) else [t])]
                assigned += [(name, t.id) for t in targets if isinstance(t, ast.Name) and t.id.startswith("EXIT")]
    assert assigned == []
    docs = (PACKAGE.parent / "docs" / "commands.md").read_text()
    for code in ExitCode:
        assert f"| `{code.value}` | `{code.name}` |" in docs


def test_the_bound_words_are_one_list_read_by_the_cell_and_the_text_reader():
    for phrase, bound in BOUND_WORDS.items():
        assert MEANT["a bound"][phrase] == bound, phrase
        assert lexicon.QUALIFIERS[lexicon.pieces(phrase)] == (bound, None), phrase
    prose_bounds = {words: reading[0] for words, reading in lexicon.QUALIFIERS.items() if reading[0]}
    assert prose_bounds == {lexicon.pieces(p): b for p, b in BOUND_WORDS.items()}  # no bound the text reader knows and the cell does not


@pytest.mark.parametrize("text, clocks, labelled", [
    ("8:42 p.m.", [(8, 42, "pm")], []),
    ("12:42 GMT", [(12, 42, None)], [(12, 42, None, "GMT")]),
    ("8:42:30 PM EDT", [(8, 42, "pm")], [(8, 42, "pm", "EDT")]),
    ("between 9:05 and 10:40 AM CDT", [(9, 5, "am"), (10, 40, "am")], [(9, 5, "am", "CDT"), (10, 40, "am", "CDT")]),
    ("noon ET", [(12, 0, "pm")], [(12, 0, "pm", "ET")]),
    ("1742 GMT", [(17, 42, None)], [(17, 42, None, "GMT")]),
    ("about 15 minutes into", [], []),
])
def test_a_cell_and_a_text_read_a_clock_time_with_one_grammar(text, clocks, labelled):
    """validate's check of as_reported reads the clock times of the text reader (timetext), the
    cases where two grammars once disagreed among them."""
    from incident.timetext.forms import scan

    assert clock_times(text) == clocks
    assert labelled_clock_times(text) == labelled
    expressions, _, _ = scan(text)
    assert [(c.hour, c.minute, c.meridiem) for e in expressions for c in (e.clock, e.until) if c is not None] == clocks


def test_no_clock_pattern_outside_the_time_grammar():
    """A clock time is read by timetext only: no other module writes a pattern of one."""
    clock = re.compile(r"\\d\{1,2\}\)?\(\?:\[:\.\]")  # the shape of an hour-and-minute pattern: \d{1,2}(?:[:.]
    assert sorted(name for name, text in sources().items() if clock.search(text) and not name.startswith("timetext")) == []
