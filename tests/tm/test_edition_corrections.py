"""The bilingual review's corrections (issue 10) are in the catalogs and in the memory.

The reviewer found renderings that no check can see (a reversed meaning, a dropped
hedge, an addition). These tests keep them from coming back: through a catalog, or
through the memory that would offer the old sentence to the next article.
"""

from __future__ import annotations

from pathlib import Path

import polib
import pytest

from concord.cli import main
from concord.tm import open_memory

REPO = Path(__file__).resolve().parents[2]
ARTICLE = "articles/europe-us-asia-pacific"

#: (language, rendering the review rejected)
REJECTED = [
    ("tr", "İsveç, ittifaka Hint-Pasifik kaygıları nedeniyle katılmıyor"),
    ("tr", "Japonya olarak öne çıkmaktadır"),
    ("tr", "ABD-Çin çekişmesi"),
    ("tr", "Bu anlamda"),
    ("tr", "öncülüğündeki askeri kamp"),
    ("tr", "Üniversitesi’nde"),
    ("ru", "(Осака)"),
    ("ru", "Доктор Дженк Тамер"),
    ("ru", "выстраивают партнёрства"),
    ("ru", "откажутся от идеи"),
    ("ru", "можно утверждать"),
    ("ru", "Помимо этого, Европа"),
    ("ru", "интересы стран НАТО и интересы их безопасности"),
    ("ru", "придерживаться конфронтационного подхода"),
    ("ru", "научным ассистентом"),
    ("ru", "докторантур"),
    ("ru", "принимают участие"),
]


def _normal_spaces(text: str) -> str:
    return text.replace("\u00a0", " ")


@pytest.mark.parametrize(("lang", "rejected"), REJECTED, ids=[f"{lang}-{i}" for i, (lang, _) in enumerate(REJECTED)])
def test_no_rejected_rendering_in_catalog_or_memory(lang: str, rejected: str) -> None:
    catalog = polib.pofile(str(REPO / "locales" / lang / "LC_MESSAGES" / f"{ARTICLE}.po"))
    for entry in catalog:
        assert rejected not in _normal_spaces(entry.msgstr), f"{entry.linenum}: {entry.msgstr[:60]}"
    tmx = (REPO / "tm" / f"en-{lang}.tmx").read_text(encoding="utf-8")
    assert rejected not in _normal_spaces(tmx), f"tm/en-{lang}.tmx still carries {rejected!r}"


def test_memory_suggests_the_corrected_soderberg_sentence(tmp_path: Path) -> None:
    """A memory rebuilt from tm/ (as a fresh clone does) offers the corrected Turkish."""
    memory_file = tmp_path / "memory.sqlite"
    assert main(["tm", "import", "--tm", str(memory_file), str(REPO / "tm")]) == 0
    catalog = polib.pofile(str(REPO / "locales" / "tr" / "LC_MESSAGES" / f"{ARTICLE}.po"))
    source = next(e.msgid for e in catalog if "Sweden is not joining the alliance" in e.msgid)
    with open_memory(str(memory_file)) as memory:
        matches = memory.search(source, "en", "tr", context=ARTICLE)
    assert matches, "the memory offers nothing for the Söderberg paragraph"
    assert matches[0].score == 101
    best = matches[0].unit.target
    assert "İsveç’in ittifaka katılmasının nedeni Hint-Pasifik kaygıları değil" in best
    assert all("nedeniyle katılmıyor" not in m.unit.target for m in matches)
