"""The extraction scores, held: recall, precision and normalised right on texts with hand-made gold
lists (tests/data/extract), above all on the held-out texts the grammar was never tuned on."""

import pytest

from extract_scoring import Score, corpus, locate, read_gold, score, CORPUS


def total(split):
    result = Score(split)
    for name, text, gold, context, _ in corpus(split):
        result.add(score(name, text, gold, context))
    return result


@pytest.mark.parametrize("split, recall, precision, right", [
    ("heldout", 0.95, 0.95, 0.90),  # the targets, on text not tuned on
    ("dev", 0.95, 0.95, 0.90),
])
def test_the_grammar_meets_its_targets(split, recall, precision, right):
    found = total(split)
    assert found.gold >= 60
    assert found.recall >= recall, found.misses
    assert found.precision >= precision, found.misses
    assert found.normalised >= right, found.misses


def test_the_corpus_is_varied_and_its_gold_is_sound():
    texts = corpus()
    assert sum(which == "heldout" for *_, which in texts) >= 6
    zones = {context.tz for _, _, _, context, _ in texts}
    assert len(zones) >= 6  # UTC, US zones, Europe, Asia-Pacific…
    for name, text, gold, _, _ in texts:
        locate(text, gold)  # every gold expression is found verbatim, no two on one span
        assert gold, name


def test_the_scorer_counts_what_it_says(tmp_path):
    """A gold list of two against a text with one right, one misread, one extra expression."""
    from datetime import date

    from incident.timetext.days import Context

    gold_file = tmp_path / "g.gold.csv"
    gold_file.write_text("as_reported,time,tz,until,bound,uncertainty_min,offset_min,anchor,note\n"
                         "9:05 UTC,2025-07-14 09:05,UTC,,,,,,\n"
                         "10:40 UTC,2025-07-14 10:41,UTC,,,,,,misread on purpose\n", encoding="utf-8")
    text = "On July 14, 2025 errors began at 9:05 UTC, ended at 10:40 UTC and were posted at 11:00 UTC."
    result = score("t", text, read_gold(gold_file), Context(date(2025, 7, 15)))
    assert (result.gold, result.found, result.recalled, result.precise, result.right) == (2, 3, 2, 2, 1)
    assert CORPUS.is_dir()
