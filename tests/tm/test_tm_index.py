"""The shared fuzzy-match index: terms, term choice and candidate ranking."""

from __future__ import annotations

import pytest

from concord.tm.index import (
    SHORT, choose_terms, index_terms, padded, query_terms, rank_candidates, term_id, trigrams, words,
)
from concord.tm.matching import PLACEHOLDER


def test_words_are_lower_cased_and_skip_single_letters() -> None:
    assert words(f"The NATO summit, a {PLACEHOLDER} date") == {"the", "nato", "summit", "date"}


def test_short_texts_are_also_indexed_by_trigrams() -> None:
    assert trigrams("Grp") == {"\x01  g", "\x01 gr", "\x01grp", "\x01rp "}
    assert trigrams("Grp") <= index_terms("Grp")
    long_text = "word " * (SHORT // 5 + 1)
    assert index_terms(long_text) == {"word"}


@pytest.mark.parametrize(("text", "kind"), [
    pytest.param("graph", "trigram", id="short-query-uses-trigrams"),
    pytest.param(PLACEHOLDER * 3, "trigram", id="no-words-uses-trigrams"),
    pytest.param("a fairly long sentence that goes beyond forty characters", "word", id="long-query-uses-words"),
])
def test_query_terms_pick_the_terms_units_were_indexed_under(text: str, kind: str) -> None:
    terms, low, high = query_terms(7, text, 75)
    expected = trigrams(text) if kind == "trigram" else words(text)
    assert sorted(terms) == sorted(term_id(7, t) for t in expected)
    assert low <= len(text) <= high
    assert kind == "word" or high <= SHORT


def test_term_ids_keep_language_pairs_apart() -> None:
    assert term_id(1, "nato") != term_id(2, "nato")
    assert term_id(1, "nato") >> 32 == 1


def test_choose_terms_reads_the_rarest_half_then_stays_in_budget() -> None:
    df = {1: 5, 2: 10, 3: 100_000, 4: 50, 5: 200_000}
    assert choose_terms(df, [1, 2, 3, 4, 5, 6]) == [1, 2, 4]
    assert choose_terms({9: 10_000_000}, [9]) == [9], "at least one term, whatever it costs"
    assert choose_terms({}, [1, 2]) == []


def test_rank_prefers_more_shared_terms_then_nearer_length() -> None:
    postings = [(1, 10), (1, 10), (2, 30), (2, 30), (3, 10)]
    assert rank_candidates(postings, 10) == [1, 2, 3]
    assert rank_candidates([(5, 50), (6, 11)], 10) == [6, 5]


def test_padding_keeps_few_statement_shapes() -> None:
    assert padded([1, 2, 3]) == [1, 2, 3, -1, -1, -1, -1, -1]
    assert len(padded(list(range(9)))) == 16 and len(padded(list(range(16)))) == 16
