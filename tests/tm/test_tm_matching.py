"""Scores and placeables: tables of cases with ids (see concord.tm.matching)."""

from __future__ import annotations

import pytest
from rapidfuzz import fuzz

from concord.tm.matching import (
    PLACEHOLDER, Suggestion, adapt, fuzzy_score, length_bounds, mask, score,
)

NOTE = "“NATO wants Asia”, Johnmenadue, https://johnmenadue.com/nato-wants-asia/, (Date Accession: 19.12.2023)."


@pytest.mark.parametrize(
    ("new", "new_ctx", "old", "old_ctx", "expected"),
    [
        pytest.param("Ibid.", "articles/a", "Ibid.", "articles/a", 101, id="same-text-same-context"),
        pytest.param("Ibid.", "articles/a", "Ibid.", "articles/b", 100, id="same-text-other-context"),
        pytest.param("Ibid.", "", "Ibid.", "", 100, id="no-context-is-not-in-context"),
        pytest.param("See note [#b]_.", "a", "See note [#a]_.", "a", 100, id="footnote-label-only"),
        pytest.param("See [2]_ and [*]_.", "a", "See [1]_ and [*]_.", "a", 100, id="numbered-footnote"),
        pytest.param(NOTE.replace("asia/", "europe/").replace("19.12", "20.12"), "a", NOTE, "a", 100,
                     id="url-and-date-only"),
        pytest.param("In 2024 there were 17 talks.", "a", "In 2023 there were 16 talks.", "a", 100,
                     id="numbers-only"),
        pytest.param("Use ``pip`` here.", "a", "Use ``uv`` here.", "a", 100, id="literal-only"),
    ],
)
def test_exact_and_placeable_only_differences(new: str, new_ctx: str, old: str, old_ctx: str,
                                              expected: int) -> None:
    assert score(new, new_ctx, old, old_ctx) == expected


def test_fuzzy_score_is_the_documented_formula_capped_at_99() -> None:
    a = "The alliance has no intention of establishing a military alliance."
    b = "The alliance has no plan of establishing a military alliance."
    indel = (len(a) + len(b)) - 2 * _lcs(a, b)
    expected = int(100 * (1 - indel / (len(a) + len(b))))
    assert score(a, "", b, "") == expected
    assert 75 <= expected < 100
    assert fuzzy_score("abcdefghij" * 20, "abcdefghij" * 20 + "x") == 99, "never 100 unless equal"


def _lcs(a: str, b: str) -> int:
    previous = [0] * (len(b) + 1)
    for ca in a:
        current = [0]
        for j, cb in enumerate(b):
            current.append(previous[j] + 1 if ca == cb else max(previous[j + 1], current[j]))
        previous = current
    return previous[-1]


def test_placeables_do_not_lower_a_fuzzy_score() -> None:
    plain_a, plain_b = "The big cat sat on the mat today.", "The big cat sat on a mat today."
    with_refs_a = plain_a + " [#one]_ https://a.example/x 19.12.2023"
    with_refs_b = plain_b + " [#two]_ https://b.example/yyyyyyyyyy 01.01.1999"
    assert score(with_refs_a, "", with_refs_b, "") >= score(plain_a, "", plain_b, "")


def test_mask_replaces_each_placeable_by_one_character() -> None:
    assert mask("See [#a]_ at https://x.org/p and ``code``.") == f"See {PLACEHOLDER} at {PLACEHOLDER} and {PLACEHOLDER}."


@pytest.mark.parametrize("form", ["[100]_", "[#]_", "[ref]_", "[#named]_", "[*]_"])
def test_every_footnote_form_is_adapted(form: str) -> None:
    old_source = "Some claim is made here. [#old]_"
    new_source = f"Some claim is made here. {form}"
    adapted = adapt("Burada bir iddia var. [#old]_", old_source, new_source)
    assert adapted.text == f"Burada bir iddia var. {form}"


@pytest.mark.parametrize(
    ("target", "old", "new", "expected"),
    [
        pytest.param("Bkz. [#a]_ ve [#b]_.", "See [#a]_ and [#b]_.", "See [#c]_ and [#d]_.",
                     "Bkz. [#c]_ ve [#d]_.", id="two-labels-in-order"),
        pytest.param("[#b]_ ve [#a]_ bkz.", "See [#a]_ and [#b]_.", "See [#c]_ and [#d]_.",
                     "[#d]_ ve [#c]_ bkz.", id="reordered-in-translation"),
        pytest.param("Erişim: 19.12.2023, https://a.org/x", "Accessed: 19.12.2023, https://a.org/x",
                     "Accessed: 02.01.2024, https://b.org/y", "Erişim: 02.01.2024, https://b.org/y",
                     id="url-and-date"),
        pytest.param("Metin [#a]_ burada.", "Text [#a]_ here.", "Text here.", "Metin burada.",
                     id="label-without-partner-removed"),
        pytest.param("Metin burada.", "Text here.", "Text here. [#z]_", "Metin burada. [#z]_",
                     id="new-label-appended"),
        pytest.param("`Site <https://a.org/>`_ bkz.", "See `Site <https://a.org/>`_.",
                     "See `Site <https://b.org/>`_.", "`Site <https://b.org/>`_ bkz.", id="link-target"),
        pytest.param("16 alanda", "in 16 areas", "in 17 areas", "17 alanda", id="number"),
    ],
)
def test_adapt_carries_the_new_sources_placeables(target: str, old: str, new: str, expected: str) -> None:
    assert adapt(target, old, new).text == expected


def test_adapt_never_carries_an_old_label_url_or_date() -> None:
    old_target = "“NATO Asya’yı istiyor”, Johnmenadue, https://johnmenadue.com/nato-wants-asia/, (Erişim Tarihi: 19.12.2023)."
    new = NOTE.replace("nato-wants-asia", "nato-wants-europe").replace("19.12.2023", "21.12.2023")
    adapted = adapt(old_target, NOTE, new)
    assert "nato-wants-asia" not in adapted.text and "19.12.2023" not in adapted.text
    assert "https://johnmenadue.com/nato-wants-europe/" in adapted.text and "21.12.2023" in adapted.text


def test_length_bounds_never_exclude_a_unit_that_reaches_the_threshold() -> None:
    for threshold in (50, 75, 90):
        for length in range(1, 120):
            low, high = length_bounds(length, threshold)
            for other in range(1, 250):
                if fuzz.ratio("a" * length, "a" * other) >= threshold:
                    assert low <= other <= high, (threshold, length, other)


def test_suggestion_comment_names_score_origin_and_adaptations() -> None:
    adapted = adapt("Metin [#a]_", "Text [#a]_", "Text [#b]_")
    comment = Suggestion(100, adapted.text, "Text [#a]_", "locales/tr/x.po", "Ayşe", adapted).comment()
    assert comment.split("\n") == [
        "concord-tm: 100% exact match", "concord-tm: from locales/tr/x.po", "concord-tm: by Ayşe",
        "concord-tm: adapted [#a]_ -> [#b]_",
    ]
    assert Suggestion(101, "x", "y", "o").comment() == "concord-tm: 101% in-context match\nconcord-tm: from o"
    assert Suggestion(80, "x", "y", "").comment().startswith("concord-tm: 80% fuzzy match\nconcord-tm: from the memory")


def test_long_comment_lines_are_shortened_not_wrapped() -> None:
    url_a, url_b = "https://example.org/" + "a" * 80, "https://example.org/" + "b" * 80
    adapted = adapt(f"Bkz. {url_a}", f"See {url_a}", f"See {url_b}")
    lines = Suggestion(100, adapted.text, "", "o", "", adapted).comment().split("\n")
    assert all(len(line) <= 77 and line.startswith("concord-tm: ") for line in lines)
    assert "…" in lines[-1]
