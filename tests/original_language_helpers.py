"""A Turkish-original article in a copy of the publication, and its translations.

The article (``tests/fixtures/turkish-original/kiyi-kentleri.rst``) was written for
these tests; the translations below were written for them too. Tests copy it into a
``project_copy`` and never into the repository's ``source/``.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import polib

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "turkish-original" / "kiyi-kentleri.rst"
SLUG = "kiyi-kentleri"
DOCNAME = f"articles/{SLUG}"
EXISTING = "articles/europe-us-asia-pacific"

TITLE_TR = "Kıyı Kentleri ve İklim Uyumu Üzerine Notlar"
TITLE_EN = "Notes on Coastal Cities and Climate Adaptation"
TITLE_RU = "Заметки о прибрежных городах и адаптации к климату"

#: Turkish msgid prefix -> (English, Russian) translation.
TRANSLATIONS: dict[str, tuple[str, str]] = {
    TITLE_TR: (TITLE_EN, TITLE_RU),
    "Deniz YILMAZ": ("Deniz YILMAZ", "Дениз Йылмаз"),
    "Ege kıyısındaki kentler": (
        "Cities on the Aegean coast are looking for a common plan against rising sea "
        "levels. The İzmir Metropolitan Municipality named flood risk a priority in the "
        "action plan it published in 2023. [#eylem]_",
        "Города на побережье Эгейского моря ищут общий план против повышения уровня моря. "
        "Муниципалитет Большого Измира назвал риск наводнений приоритетом в плане "
        "действий, опубликованном в 2023 году. [#eylem]_",
    ),
    "Uzmanlara göre": (
        "According to experts, building along the coastline makes it harder for rainwater "
        "to reach the sea. More green space is therefore recommended. [#uzman]_ [#]_",
        "По мнению экспертов, застройка береговой линии мешает дождевой воде достигать "
        "моря. Поэтому рекомендуется больше зелёных зон. [#uzman]_ [#]_",
    ),
    "Bu yazı": (
        "This piece sums up the findings of the report “Kıyıda Yaşam” (Life on the Coast) "
        "and discusses the steps local governments could take.",
        "Эта статья излагает выводы доклада «Kıyıda Yaşam» («Жизнь на побережье») и "
        "обсуждает шаги, которые могут предпринять местные власти.",
    ),
    "“İzmir İklim Eylem Planı”": (
        "“İzmir İklim Eylem Planı”, İzmir Metropolitan Municipality, "
        "https://example.org/izmir/iklim-eylem-plani, (Date Accession: 12.03.2024).",
        "«İzmir İklim Eylem Planı», Муниципалитет Большого Измира, "
        "https://example.org/izmir/iklim-eylem-plani, (дата обращения: 12.03.2024).",
    ),
    "“Kıyıda Yaşam”": (
        "“Kıyıda Yaşam”, Deniz Araştırmaları Dergisi, https://example.org/kiyida-yasam, "
        "(Date Accession: 14.03.2024).",
        "«Kıyıda Yaşam», Deniz Araştırmaları Dergisi, https://example.org/kiyida-yasam, "
        "(дата обращения: 14.03.2024).",
    ),
    "A.g.e.": ("Ibid.", "Там же."),
}


def add_turkish_article(root: Path) -> Path:
    """Copy the fixture into ``root/source/articles/``; return its path."""
    target = root / "source" / "articles" / FIXTURE.name
    shutil.copy2(FIXTURE, target)
    return target


def catalog(root: Path, lang: str, slug: str = SLUG) -> Path:
    return root / "locales" / lang / "LC_MESSAGES" / "articles" / f"{slug}.po"


def fill(root: Path, lang: str) -> Path:
    """Translate every entry of the article's ``lang`` catalog; return the catalog."""
    column = {"en": 0, "ru": 1}[lang]
    path = catalog(root, lang)
    po = polib.pofile(str(path), wrapwidth=79)
    for entry in po:
        match = [v for k, v in TRANSLATIONS.items() if entry.msgid.startswith(k)]
        assert len(match) == 1, f"no single translation for {entry.msgid!r}"
        entry.msgstr = match[0][column]
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
    po.save(str(path))
    return path


def set_translation(path: Path, msgid_start: str, msgstr: str) -> int:
    """Replace one entry's translation; return the 1-based line of its ``msgid``."""
    po = polib.pofile(str(path), wrapwidth=79)
    entry = next(e for e in po if e.msgid.startswith(msgid_start))
    entry.msgstr = msgstr
    po.save(str(path))
    from concord.catalog.load import read_catalog

    return next(e.line for e in read_catalog(path).entries if e.msgid == entry.msgid)
