"""A corrected catalog entry replaces its earlier translation in the memory.

A translator fixes an entry (a reviewer's correction) and the catalog is imported again:
the memory must offer the corrected sentence, and its export must not carry the rejected
one beside it. Runs on both backends (see conftest.py).
"""

from __future__ import annotations

from concord.tm import TranslationMemory, Unit

SOURCE = "Sweden is not joining the alliance because of Indo-Pacific concerns."
ORIGIN = "locales/tr/LC_MESSAGES/articles/a.po"


def _unit(target: str, changed: str, *, origin: str = ORIGIN, context: str = "articles/a") -> Unit:
    return Unit(SOURCE, target, "en", "tr", origin=origin, context=context,
                created="2026-11-29T14:00:00Z", changed=changed)


OLD = _unit("İsveç, ittifaka Hint-Pasifik kaygıları nedeniyle katılmıyor.", "2026-11-29T14:00:00Z")
NEW = _unit("İsveç’in ittifaka katılmasının nedeni Hint-Pasifik kaygıları değil.", "2026-12-01T20:40:00Z")


def _targets(memory: TranslationMemory) -> list[str]:
    return [u.target for u in memory.units("en", "tr")]


def test_a_corrected_entry_retires_its_earlier_translation(memory: TranslationMemory) -> None:
    assert memory.add([OLD]) == 1
    assert memory.add([NEW], supersede=True) == 1
    assert _targets(memory) == [NEW.target]
    assert memory.stats().units == 1
    best = memory.search(SOURCE, "en", "tr", context="articles/a")
    assert [m.unit.target for m in best] == [NEW.target]
    # the fuzzy index no longer holds the retired unit either
    near = memory.search(SOURCE.replace("Sweden", "Norway"), "en", "tr")
    assert [m.unit.target for m in near] == [NEW.target]


def test_without_supersede_both_are_kept_and_the_newer_ranks_first(memory: TranslationMemory) -> None:
    memory.add([OLD])
    memory.add([NEW])
    assert sorted(_targets(memory)) == sorted([OLD.target, NEW.target])
    assert memory.search(SOURCE, "en", "tr", context="articles/a")[0].unit.target == NEW.target


def test_other_origins_contexts_and_later_units_are_kept(memory: TranslationMemory) -> None:
    elsewhere = _unit("Başka bir makalenin çevirisi.", "2026-11-01T00:00:00Z",
                      origin="locales/tr/LC_MESSAGES/articles/b.po", context="articles/b")
    later = _unit("Bir ekip üyesinin daha yeni düzeltmesi.", "2026-12-02T00:00:00Z")
    memory.add([OLD, elsewhere, later])
    memory.add([NEW], supersede=True)
    assert sorted(_targets(memory)) == sorted([NEW.target, elsewhere.target, later.target])
