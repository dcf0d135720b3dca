"""The memory's contract, run against SQLite and PostgreSQL alike."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from concord.tm import TranslationMemory, Unit

NOTE_EN = "“NATO wants Asia”, Johnmenadue, https://johnmenadue.com/nato-wants-asia/, (Date Accession: 19.12.2023)."
NOTE_TR = "“NATO Asya’yı istiyor”, Johnmenadue, https://johnmenadue.com/nato-wants-asia/, (Erişim Tarihi: 19.12.2023)."


def unit(source: str, target: str, lang: str = "tr", context: str = "articles/a", **kw: str) -> Unit:
    return Unit(source=source, target=target, source_lang="en", target_lang=lang,
                origin=kw.pop("origin", "locales/tr/LC_MESSAGES/articles/a.po"), context=context, **kw)


SAMPLE = [
    unit("Ibid.", "A.g.e."),
    unit("Notes", "Notlar"),
    unit(NOTE_EN, NOTE_TR, translator="Ayşe", created="2026-01-02T03:04:05Z", changed="2026-02-03T04:05:06Z"),
    unit("The alliance has no intention of establishing a military alliance in this region.",
         "İttifakın bu bölgede askeri ittifak kurma niyeti yoktur."),
    unit("Notes", "Примечания", lang="ru"),
]


def test_add_reports_new_units_and_reimport_adds_nothing(memory: TranslationMemory) -> None:
    assert memory.add(SAMPLE) == len(SAMPLE)
    assert memory.add(SAMPLE) == 0
    assert memory.add(SAMPLE + SAMPLE) == 0
    assert memory.stats().units == len(SAMPLE)
    assert memory.stats().pairs == {("en", "ru"): 1, ("en", "tr"): 4}


def test_add_is_all_or_nothing(memory: TranslationMemory) -> None:
    def broken() -> Iterator[Unit]:
        yield from SAMPLE[:2]
        raise ValueError("malformed input half-way")

    with pytest.raises(ValueError):
        memory.add(broken())
    assert memory.stats().units == 0


def test_units_keep_every_field(memory: TranslationMemory) -> None:
    memory.add(SAMPLE)
    stored = {(u.source, u.target_lang): u for u in memory.units()}
    note = stored[(NOTE_EN, "tr")]
    assert note == SAMPLE[2]
    assert all(u.created and u.changed for u in stored.values()), "dates are stamped when unknown"


def test_exact_match_in_context_scores_101_and_elsewhere_100(memory: TranslationMemory) -> None:
    memory.add(SAMPLE)
    assert [(m.score, m.unit.target) for m in memory.search("Ibid.", "en", "tr", context="articles/a")] \
        == [(101, "A.g.e.")]
    assert [(m.score, m.unit.target) for m in memory.search("Ibid.", "en", "tr", context="articles/b")] \
        == [(100, "A.g.e.")]
    assert memory.search("Ibid.", "en", "ru") == []


def test_fuzzy_match_scores_and_threshold(memory: TranslationMemory) -> None:
    memory.add(SAMPLE)
    query = "The alliance has no plan of establishing a military alliance in this region."
    matches = memory.search(query, "en", "tr")
    assert len(matches) == 1 and 75 <= matches[0].score < 100
    assert memory.search(query, "en", "tr", threshold=99) == []


def test_placeable_only_difference_is_a_100_match(memory: TranslationMemory) -> None:
    memory.add(SAMPLE)
    query = NOTE_EN.replace("nato-wants-asia", "nato-wants-europe").replace("19.12.2023", "02.01.2024")
    [best] = memory.search(query, "en", "tr", context="articles/a")
    assert best.score == 100 and best.unit.source == NOTE_EN


def test_best_first_and_latest_change_wins_a_tie(memory: TranslationMemory) -> None:
    memory.add([unit("Back to top", "Başa dön", changed="2025-01-01T00:00:00Z"),
                unit("Back to top", "Yukarı", changed="2026-01-01T00:00:00Z"),
                unit("Back to the top", "En üste")])
    matches = memory.search("Back to top", "en", "tr", context="other")
    assert [m.unit.target for m in matches][:2] == ["Yukarı", "Başa dön"]
    assert matches[-1].unit.target == "En üste" and matches[-1].score < 100


def test_concordance_finds_units_with_every_word(memory: TranslationMemory) -> None:
    memory.add(SAMPLE)
    found = memory.concordance("military ALLIANCE")
    assert [u.target for u in found] == ["İttifakın bu bölgede askeri ittifak kurma niyeti yoktur."]
    assert [u.source for u in memory.concordance("notes", target_lang="ru")] == ["Notes"]
    assert [u.source for u in memory.concordance("Erişim", in_target=True)] == [NOTE_EN]
    assert memory.concordance("no such words") == []


def test_units_are_listed_in_a_stable_order(memory: TranslationMemory) -> None:
    memory.add(reversed(SAMPLE))
    listed = [(u.target_lang, u.context, u.source) for u in memory.units()]
    assert listed == sorted(listed, key=lambda t: (t[0], t[1], t[2]))
    assert [u.target_lang for u in memory.units(target_lang="ru")] == ["ru"]
