"""Issue 12: any edition can be the original (a Turkish-written article beside English ones).

Real components throughout: Sphinx's gettext builder through ``concord update``, the
real ``concord check`` on the project copy, SQLite and PostgreSQL memories. The
Turkish article is a fixture written for these tests, copied into ``project_copy``.
"""

from __future__ import annotations

import re
from pathlib import Path

import polib
import pytest

from concord.checks.base import CatalogContext, Unit
from concord.checks.script import TurkishI
from concord.catalog.model import Catalog, Entry
from concord.cli import main
from concord.errors import ConcordError, ProjectError
from concord.project import load_project, original_language_of
from concord.source import SourceDocument, read_sources
from concord.tm import TranslationMemory, open_memory
from concord.tm.tmx import read_tmx
from original_language_helpers import (
    DOCNAME, EXISTING, SLUG, TITLE_EN, TITLE_TR, TRANSLATIONS, add_turkish_article, catalog, fill,
    set_translation,
)



@pytest.fixture(autouse=True)
def _no_settings_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("CONCORD_TM", "CONCORD_TM_THRESHOLD", "CONCORD_TM_TRUSTED", "CONCORD_CONFDIR"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def turkish_project(project_copy: Path) -> Path:
    add_turkish_article(project_copy)
    return project_copy


@pytest.fixture
def updated(turkish_project: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """The project after ``concord update --no-memory``."""
    assert main(["update", "--no-memory", "-c", str(turkish_project)]) == 0
    capsys.readouterr()
    return turkish_project


# -- the original language of a document -------------------------------------------

READER_CASES = [
    pytest.param(":author: A\n:language: tr\n\nTitle\n=====\n", ("tr", 2), id="beside-author"),
    pytest.param(".. a comment\n   more of it\n\n:language: ru\n:author: A\n", ("ru", 4), id="after-comment"),
    pytest.param(":author: A\n:abstract: two\n   lines\n:language: en\n", ("en", 4), id="after-multiline-field"),
    pytest.param(":author: A\n\nTitle\n=====\n", ("", 0), id="no-field"),
    pytest.param("Title\n=====\n\n:language: tr\n", ("", 0), id="after-title-is-not-docinfo"),
    pytest.param(":author: A\n\nBody text.\n\n:language: tr\n", ("", 0), id="field-in-body"),
    pytest.param(".. meta::\n   :language: tr\n", ("", 0), id="inside-a-directive"),
    pytest.param("\ufeff:Language:  tr  \n", ("tr", 1), id="bom-case-spaces"),
]


@pytest.mark.parametrize(("text", "expected"), READER_CASES)
def test_original_language_reader(tmp_path: Path, text: str, expected: tuple[str, int]) -> None:
    path = tmp_path / "doc.rst"
    path.write_text(text, encoding="utf-8")
    assert original_language_of(path) == expected


def test_project_knows_each_documents_original(turkish_project: Path) -> None:
    project = load_project(turkish_project)
    assert project.original_language(DOCNAME) == "tr"
    assert project.original_language(EXISTING) == "en"  # no field: the project's language
    assert project.target_languages(DOCNAME) == ("en", "ru")
    assert project.target_languages(EXISTING) == ("tr", "ru")
    assert project.catalog_languages == ("en", "tr", "ru")


def test_concord_original_language_sets_the_default(turkish_project: Path) -> None:
    """A project whose undeclared documents are Turkish: conf.py says so once."""
    conf = turkish_project / "conf.py"
    conf.write_text(conf.read_text("utf-8") + '\nconcord_original_language = "tr"\n', "utf-8")
    article = turkish_project / "source" / f"{EXISTING}.rst"
    article.write_text(":language: en\n" + article.read_text("utf-8"), "utf-8")
    path = turkish_project / "source" / "articles" / f"{SLUG}.rst"
    path.write_text(path.read_text("utf-8").replace(":language: tr\n", ""), "utf-8")
    project = load_project(turkish_project)
    assert project.editions == ("tr", "en", "ru")
    assert project.original_language(DOCNAME) == "tr" and project.original_language("index") == "tr"
    assert project.original_language(EXISTING) == "en"
    assert project.catalog_languages == ("tr", "en", "ru")


def test_sphinx_reads_the_same_original(turkish_project: Path) -> None:
    """Sphinx's own docinfo (env.metadata) agrees; the source is read as written."""
    project = load_project(turkish_project)
    sources = read_sources(project)
    doc = sources[DOCNAME]
    assert doc.language == "tr" and sources[EXISTING].language == "en"
    assert TITLE_TR in doc.messages
    assert [note.key for note in doc.notes] == ["#eylem", "#uzman", "#"]


def test_unknown_original_is_one_clear_line(turkish_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = turkish_project / "source" / "articles" / f"{SLUG}.rst"
    path.write_text(path.read_text("utf-8").replace(":language: tr", ":language: de"), "utf-8")
    assert main(["check", "-c", str(turkish_project)]) == 2
    err = capsys.readouterr().err.strip()
    assert err == (f"source/articles/{SLUG}.rst:2: error: :language: de is not an edition of this project "
                   "(en, tr, ru); write one of them, or add 'de' to concord_languages in conf.py")


def test_an_original_needs_the_extension(turkish_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    conf = turkish_project / "conf.py"
    conf.write_text(conf.read_text("utf-8").replace('extensions = ["concord.publish.sphinxext"]',
                                                    "extensions = []"), "utf-8")
    assert main(["update", "--no-memory", "-c", str(turkish_project)]) == 2
    assert capsys.readouterr().err.strip() == (
        f"conf.py: error: source/articles/{SLUG}.rst names its original language (:language: tr) "
        "but conf.py does not load concord.publish.sphinxext; add it to extensions, or Sphinx "
        "applies the other editions' catalogs to the original")


# -- concord update ------------------------------------------------------------------

def test_update_creates_english_and_russian_catalogs_only(turkish_project: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    before = {p: p.read_bytes() for p in (turkish_project / "locales").rglob("*.po")}
    assert main(["update", "--no-memory", "-c", str(turkish_project)]) == 0
    out = capsys.readouterr().out
    assert f"locales/en/LC_MESSAGES/articles/{SLUG}.po: created (8 new" in out
    assert f"locales/ru/LC_MESSAGES/articles/{SLUG}.po: created (8 new" in out
    assert not catalog(turkish_project, "tr").exists()
    assert not (turkish_project / "locales" / "en" / "LC_MESSAGES" / "index.po").exists()
    messages = read_sources(load_project(turkish_project))[DOCNAME].messages
    for lang in ("en", "ru"):
        po = polib.pofile(str(catalog(turkish_project, lang)))
        assert po.metadata["Language"] == lang
        assert {e.msgid for e in po} == set(messages)  # the Turkish messages, as written
        assert all(not e.msgstr for e in po)
    for path, data in before.items():  # every existing catalog is untouched
        assert path.read_bytes() == data, path


def _translations(path: Path) -> dict[str, str]:
    return {e.msgid: e.msgstr for e in polib.pofile(str(path)) if e.translated()}


def test_an_article_whose_original_changes_keeps_its_translations(
        project_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The English article declared Turkish: nothing is lost, the old Turkish catalog stays."""
    article = project_copy / "source" / f"{EXISTING}.rst"
    article.write_text(":language: tr\n" + article.read_text("utf-8"), "utf-8")
    old_tr = catalog(project_copy, "tr", "europe-us-asia-pacific").read_bytes()
    old_ru = _translations(catalog(project_copy, "ru", "europe-us-asia-pacific"))
    assert main(["update", "--no-memory", "-c", str(project_copy)]) == 0
    assert ("locales/tr/LC_MESSAGES/articles/europe-us-asia-pacific.po: left as it is (a catalog "
            "in its document's original language") in capsys.readouterr().out
    assert catalog(project_copy, "tr", "europe-us-asia-pacific").read_bytes() == old_tr
    assert _translations(catalog(project_copy, "ru", "europe-us-asia-pacific")) == old_ru
    assert catalog(project_copy, "en", "europe-us-asia-pacific").is_file()
    main(["check", "-c", str(project_copy), "-l", "tr"])
    err = capsys.readouterr().err
    assert ("note: locales/tr/LC_MESSAGES/articles/europe-us-asia-pacific.po is a catalog in its "
            "document's original language (:language:); it is not checked") in err


# -- concord check in every direction ------------------------------------------------

def test_filled_catalogs_pass_the_check(updated: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fill(updated, "en")
    fill(updated, "ru")
    code = main(["check", "-c", str(updated)])
    out = capsys.readouterr().out
    assert code == 0, out
    assert re.search(r"^en: 8/8 messages", out, re.M)
    assert re.search(r"^ru: 98/98 messages", out, re.M)


def test_a_dropped_reference_is_flagged_in_the_english_catalog(
        updated: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = fill(updated, "en")
    fill(updated, "ru")
    line = set_translation(path, "Uzmanlara göre", "According to experts, building along the "
                           "coastline makes it harder for rainwater to reach the sea. [#]_")
    assert main(["check", "-c", str(updated)]) == 1
    out = capsys.readouterr().out
    finding = f"locales/en/LC_MESSAGES/articles/{SLUG}.po:{line}: error: footnote-refs: "
    assert finding in out, out
    assert "[#uzman]_" in out.split(finding, 1)[1].splitlines()[0]
    assert "locales/ru/" not in out  # the Russian catalog keeps both references


def test_turkish_slips_in_the_english_catalog_are_flagged(
        updated: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = fill(updated, "en")
    fill(updated, "ru")
    line = set_translation(path, "A.g.e.", "Ibıd.")
    assert main(["check", "-c", str(updated), "-l", "en"]) == 1
    out = capsys.readouterr().out
    assert (f"locales/en/LC_MESSAGES/articles/{SLUG}.po:{line}: error: turkish-i: Turkish ı/İ in "
            "non-Turkish text: Ibıd; write i/I as en spells the word (only Turkish words the "
            "original has keep ı/İ)") in out
    assert out.count("turkish-i") == 1  # "Kıyıda Yaşam", "İzmir" cited as the original has them


def _context(lang: str, source_lang: str | None) -> CatalogContext:
    catalog = Catalog("x.po", {}, [])
    source = None if source_lang is None else SourceDocument("d", "d", Path("d.rst"), source_lang)
    return CatalogContext(catalog, lang, source)


TURKISH_I_CASES = [
    # (source, target, target lang, source lang, expected words or None)
    pytest.param("A.g.e.", "Ibıd.", "en", "tr", ["Ibıd"], id="tr-en-ibid"),
    pytest.param("Denge Hareketi", "Balancing Act İn Asia", "en", "tr", ["İn"], id="tr-en-act-in"),
    pytest.param("“Kıyıda Yaşam” raporu", "the report “Kıyıda Yaşam”", "en", "tr", None, id="tr-en-cited-title"),
    pytest.param("İzmir’in planı", "İzmir’s plan", "en", "tr", None, id="tr-en-name"),
    pytest.param("Trump’a göre", "Trump’ın words", "en", "tr", ["Trump’ın"], id="tr-en-suffix-slipped"),
    pytest.param("“Trump’ın planı”", "“Trump’ın planı” (Trump’s plan)", "en", "tr", None, id="tr-en-cited-suffix"),
    pytest.param("A.g.e.", "Там жı.", "ru", "tr", ["жı"], id="tr-ru-cyrillic-word"),
    pytest.param("«Kıyıda Yaşam» raporu", "доклад «Kıyıda Yaşam»", "ru", "tr", None, id="tr-ru-cited-title"),
    pytest.param("Ibid.", "Ibıd.", "tr", "en", ["Ibıd"], id="en-tr-copied-english"),
    pytest.param("Ibid.", "A.g.e. ılımlı", "tr", "en", None, id="en-tr-turkish-words"),
    pytest.param("Kıyı", "Kıyı ılık", "az", "tr", None, id="tr-az-both-turkic"),
    pytest.param("Ibid.", "Ibıd.", "en", None, ["Ibıd"], id="bare-catalog"),
]


@pytest.mark.parametrize(("source", "target", "lang", "source_lang", "words"), TURKISH_I_CASES)
def test_turkish_i_knows_both_languages(source: str, target: str, lang: str,
                                        source_lang: str | None, words: list[str] | None) -> None:
    ctx = _context(lang, source_lang)
    entry = Entry(msgid=source, msgstr=target, line=1)
    found = list(TurkishI().check_message(Unit(entry, source, target, lang), ctx))
    if words is None:
        assert found == []
        return
    assert len(found) == 1
    listed = ", ".join(words)
    assert found[0].startswith(f"Turkish ı/İ in non-Turkish text: {listed}; write i/I")


# -- the memory in every direction ---------------------------------------------------

def test_memory_units_carry_the_articles_pair(updated: Path, memory: TranslationMemory) -> None:
    from concord.tm.update import sync_memory

    fill(updated, "en")
    fill(updated, "ru")
    sync_memory(memory, load_project(updated))
    pairs = memory.stats().pairs
    assert pairs[("tr", "en")] == 8 and pairs[("tr", "ru")] == 8
    assert ("en", "tr") in pairs and ("en", "ru") in pairs  # the English article's
    assert memory.pairs() == sorted(pairs) == [("en", "ru"), ("en", "tr"), ("tr", "en"), ("tr", "ru")]
    [match] = memory.search(TITLE_TR, "tr", "en", limit=1)
    assert match.unit.target == TITLE_EN and match.unit.origin == f"locales/en/LC_MESSAGES/articles/{SLUG}.po"
    assert memory.search(TITLE_TR, "en", "tr", limit=1) == []  # no pair is mixed up


def test_pretranslation_uses_the_articles_pair(updated: Path, memory: TranslationMemory) -> None:
    """A second Turkish article sharing sentences is pretranslated tr->en and tr->ru."""
    from concord.tm.update import Policy, update_project

    fill(updated, "en")
    fill(updated, "ru")
    second = updated / "source" / "articles" / "ikinci.rst"
    second.write_text(
        ":author: Deniz YILMAZ\n:language: tr\n\n######\nİkinci\n######\n\n"
        "Bu nedenle yeşil alanların artırılması öneriliyor.\n\n"
        "Uzmanlara göre kıyı şeridindeki yapılaşma, yağmur suyunun denize ulaşmasını\n"
        "zorlaştırıyor. Bu nedenle yeşil alanların artırılması öneriliyor. [#a]_ [#]_\n\n"
        ".. [#a] A.g.e.\n\n.. [#] A.g.e.\n", "utf-8")
    update_project(load_project(updated), memory, Policy())
    english = polib.pofile(str(catalog(updated, "en", "ikinci")))
    entry = english.find("Uzmanlara göre kıyı şeridindeki yapılaşma, yağmur suyunun denize ulaşmasını "
                         "zorlaştırıyor. Bu nedenle yeşil alanların artırılması öneriliyor. [#a]_ [#]_")
    assert entry is not None and entry.fuzzy  # 100%: another article; trusted is 101
    assert entry.msgstr.endswith("More green space is therefore recommended. [#a]_ [#]_")
    assert english.find("A.g.e.").msgstr == "Ibid."
    russian = polib.pofile(str(catalog(updated, "ru", "ikinci")))
    assert russian.find("A.g.e.").msgstr == "Там же."
    assert not catalog(updated, "tr", "ikinci").exists()


def test_export_and_search_in_every_direction(updated: Path, memory_spec: tuple[str, str | None],
                                              capsys: pytest.CaptureFixture[str]) -> None:
    spec, schema = memory_spec
    if schema is not None:
        pytest.skip("the command line opens PostgreSQL without a test schema; covered by sqlite")
    fill(updated, "en")
    fill(updated, "ru")
    base = ["--tm", spec, "-c", str(updated)]
    assert main(["tm", "import", str(catalog(updated, "en")), *base]) == 0  # one file: its pair
    with open_memory(spec) as opened:
        assert {(u.source_lang, u.target_lang) for u in opened.units()} == {("tr", "en")}
    assert main(["tm", "import", *base]) == 0
    out_dir = updated / "tm"
    assert main(["tm", "export", "-o", str(out_dir), *base]) == 0
    assert {p.name for p in out_dir.glob("*.tmx")} == {"en-tr.tmx", "en-ru.tmx", "tr-en.tmx", "tr-ru.tmx"}
    head = (out_dir / "tr-en.tmx").read_text("utf-8")[:600]
    assert 'srclang="tr"' in head
    assert {(u.source_lang, u.target_lang) for u in read_tmx(out_dir / "tr-en.tmx")} == {("tr", "en")}
    single = updated / "all.tmx"
    assert main(["tm", "export", "-o", str(single), *base]) == 0
    assert 'srclang="*all*"' in single.read_text("utf-8")[:600]
    pairs = {(u.source_lang, u.target_lang) for u in read_tmx(single)}
    assert pairs == {("en", "tr"), ("en", "ru"), ("tr", "en"), ("tr", "ru")}
    capsys.readouterr()
    assert main(["tm", "search", "--fuzzy", "--lang", "en", "Kıyı Kentleri ve İklim Uyumu", *base]) == 0
    out = capsys.readouterr().out
    assert "tr->en" in out and "Notes on Coastal" in out  # inferred: only tr->en ends in en
    assert main(["tm", "search", "--fuzzy", "--source-lang", "tr", "--target-lang", "ru",
                 "A.g.e.", *base]) == 0
    assert "Там же." in capsys.readouterr().out
    assert main(["tm", "search", "--fuzzy", "--lang", "de", "A.g.e.", *base]) == 2
    assert ("has no units for *->de (it holds: en->ru, en->tr, tr->en, tr->ru); pick a pair it "
            "holds with --source-lang and --target-lang") in capsys.readouterr().err
    from concord.tm.pairs import fuzzy_pair

    with open_memory(spec) as opened:  # en->ru and tr->ru: the project's language is the source
        assert fuzzy_pair(opened, None, "ru", load_project(updated)) == ("en", "ru")
        assert fuzzy_pair(opened, None, "en", load_project(updated)) == ("tr", "en")
        with pytest.raises(ConcordError, match=r"2 fit \(en->ru, tr->ru\); name it with --source-lang"):
            fuzzy_pair(opened, None, "ru", None)


def _english_version(root: Path) -> None:
    """The editor makes the English version the original (``:language: en``)."""
    en = [pair[0] for pair in TRANSLATIONS.values()]
    title, author, first, second, third, note1, note2, ibid = en
    bar = "#" * len(title)
    (root / "source" / "articles" / f"{SLUG}.rst").write_text(
        f":author: {author}\n:language: en\n\n.. _kiyi-kentleri:\n\n{bar}\n{title}\n{bar}\n\n"
        f".. rst-class:: byline\n\n{author}\n\n{first}\n\n{second}\n\n{third}\n\n"
        f".. [#eylem] {note1}\n\n.. [#uzman] {note2}\n\n.. [#] {ibid}\n", "utf-8")


def test_a_changed_original_is_pretranslated_reversed_and_through_a_pivot(
        updated: Path, memory: TranslationMemory) -> None:
    """tr->en units serve the new en->tr catalog reversed, and en->ru through Turkish."""
    from concord.tm.update import Policy, sync_memory, update_project

    fill(updated, "en")
    fill(updated, "ru")
    sync_memory(memory, load_project(updated))
    old_english = catalog(updated, "en").read_bytes()
    _english_version(updated)
    update_project(load_project(updated), memory, Policy())
    assert catalog(updated, "en").read_bytes() == old_english  # stale now, kept as it is
    turkish = polib.pofile(str(catalog(updated, "tr")))
    entry = turkish.find(TITLE_EN)
    assert entry.msgstr == TITLE_TR and entry.fuzzy
    assert "concord-tm: 100% exact match" in entry.tcomment
    assert f"from locales/en/LC_MESSAGES/articles/{SLUG}.po (reversed)" in entry.tcomment
    assert all(e.msgstr for e in turkish if not e.obsolete)  # every sentence came back
    russian = polib.pofile(str(catalog(updated, "ru")))
    entry = russian.find(TITLE_EN)
    assert entry.msgstr == TRANSLATIONS[TITLE_TR][1] and entry.fuzzy
    assert "concord-tm: 99% fuzzy match" in entry.tcomment and "(via tr)" in entry.tcomment
    assert entry.previous_msgid == TITLE_TR  # the sentence the suggestion translates
    assert all(e.msgstr for e in russian if not e.obsolete)
    assert any(e.obsolete for e in russian)  # the Turkish-source entries: obsolete, not lost


def test_other_directions_only_for_an_article_whose_original_changed(
        updated: Path, memory: TranslationMemory) -> None:
    """Without a catalog left in the new original's language, no reversed lookups are made."""
    from concord.tm.update import Policy, sync_memory, update_project

    fill(updated, "en")
    sync_memory(memory, load_project(updated))
    _english_version(updated)
    catalog(updated, "en").unlink()
    update_project(load_project(updated), memory, Policy())
    turkish = polib.pofile(str(catalog(updated, "tr")))
    assert [e.msgstr for e in turkish if e.msgid == TITLE_EN] == [""]
