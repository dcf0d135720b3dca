"""Merging templates into catalogs and saving them: nothing lost, nothing reshuffled."""

from __future__ import annotations

from pathlib import Path

import polib

from concord.catalog import load_catalog, save_catalog
from concord.tm.merge import merge

HEADER = '''# Turkish translations.
#
msgid ""
msgstr ""
"Project-Id-Version: Demo \\n"
"Language: tr\\n"
"Language-Team: Turkish\\n"
"Content-Type: text/plain; charset=utf-8\\n"
'''


def catalog(body: str) -> str:
    """A catalog text: the shared header, then ``body``'s entries."""
    return HEADER + "\n" + body.strip("\n") + "\n"


# Wrapped by Babel at 76 columns, as sphinx-intl writes it (polib would wrap differently).
OLD = catalog('''
#: ../../source/a.rst:3
msgid ""
"For the second year in a row, the leaders of the Asia-Pacific nations have"
" attended the Summit. [#nikkei]_"
msgstr ""
"Asya-Pasifik ülkelerinin liderleri üst üste ikinci kez Zirve’ye "
"katılmıştır. [#nikkei]_"

#: ../../source/a.rst:7
msgid "NATO members are seeking closer ties with their Asian allies. [#wion]_"
msgstr "NATO üyeleri Asyalı müttefikleriyle daha yakın bağlar arıyor. [#wion]_"

#: ../../source/a.rst:9
msgid "A paragraph that will be removed."
msgstr "Kaldırılacak bir paragraf."

#: ../../source/a.rst:11
msgid "An untranslated paragraph that will be removed."
msgstr ""

#~ msgid "An old sentence that comes back."
#~ msgstr "Geri dönen eski bir cümle."
''')

POT = '''msgid ""
msgstr ""
"Project-Id-Version: Demo \\n"
"POT-Creation-Date: 2026-11-29 10:00+0000\\n"

#: ../../source/a.rst:3
msgid ""
"For the second year in a row, the leaders of the Asia-Pacific nations have"
" attended the Summit. [#nikkei]_"
msgstr ""

#: ../../source/a.rst:7
msgid "NATO members are seeking closer links with their Asian allies. [#wion2]_"
msgstr ""

#: ../../source/a.rst:13
msgid "An old sentence that comes back."
msgstr ""

#: ../../source/a.rst:15
msgid "A brand new paragraph about something else entirely."
msgstr ""
'''


def _merge(tmp_path: Path) -> tuple[Path, str]:
    path = tmp_path / "a.po"
    path.write_text(OLD, encoding="utf-8")
    pot = polib.pofile(POT)
    result = merge(pot, load_catalog(path))
    assert save_catalog(result.catalog, path)
    return path, path.read_text(encoding="utf-8")


def test_unchanged_entries_stay_byte_identical(tmp_path: Path) -> None:
    _, text = _merge(tmp_path)
    unchanged = OLD.split("\n\n")[1]
    assert unchanged in text, "Babel's wrapping of the untouched entry is kept"
    assert text.startswith(HEADER), "the header is not reordered"


def test_changed_message_keeps_old_translation_as_fuzzy_with_previous_msgid(tmp_path: Path) -> None:
    path, _ = _merge(tmp_path)
    entry = load_catalog(path).find("NATO members are seeking closer links with their Asian allies. [#wion2]_")
    assert entry is not None
    assert entry.fuzzy
    assert entry.previous_msgid == "NATO members are seeking closer ties with their Asian allies. [#wion]_"
    assert entry.msgstr == "NATO üyeleri Asyalı müttefikleriyle daha yakın bağlar arıyor. [#wion2]_"
    assert entry.tcomment.startswith("concord-update: 9")
    assert "concord-update: adapted [#wion]_ -> [#wion2]_" in entry.tcomment.split("\n")


def test_removed_translation_becomes_obsolete_and_untranslated_is_dropped(tmp_path: Path) -> None:
    path, text = _merge(tmp_path)
    po = load_catalog(path)
    obsolete = {e.msgid: e.msgstr for e in po.obsolete_entries()}
    assert obsolete == {"A paragraph that will be removed.": "Kaldırılacak bir paragraf."}
    assert "An untranslated paragraph" not in text


def test_obsolete_message_that_returns_is_revived(tmp_path: Path) -> None:
    path, _ = _merge(tmp_path)
    entry = load_catalog(path).find("An old sentence that comes back.")
    assert entry is not None and not entry.obsolete and entry.msgstr == "Geri dönen eski bir cümle."


def test_new_unrelated_message_is_added_untranslated(tmp_path: Path) -> None:
    path, _ = _merge(tmp_path)
    entry = load_catalog(path).find("A brand new paragraph about something else entirely.")
    assert entry is not None and entry.msgstr == "" and not entry.fuzzy and entry.previous_msgid is None


def test_second_merge_changes_nothing(tmp_path: Path) -> None:
    path, text = _merge(tmp_path)
    result = merge(polib.pofile(POT), load_catalog(path))
    assert not save_catalog(result.catalog, path)
    assert path.read_text(encoding="utf-8") == text


def test_saving_an_unchanged_catalog_does_not_touch_it(tmp_path: Path) -> None:
    path = tmp_path / "a.po"
    path.write_text(OLD, encoding="utf-8")
    before = path.stat().st_mtime_ns
    assert not save_catalog(load_catalog(path), path)
    assert path.stat().st_mtime_ns == before and path.read_text(encoding="utf-8") == OLD


def test_saving_rewrites_only_the_edited_entry(tmp_path: Path) -> None:
    path = tmp_path / "a.po"
    path.write_text(OLD, encoding="utf-8")
    po = load_catalog(path)
    po.find("A paragraph that will be removed.").msgstr = "Değişti."
    assert save_catalog(po, path)
    text = path.read_text(encoding="utf-8")
    assert text == OLD.replace('msgstr "Kaldırılacak bir paragraf."', 'msgstr "Değişti."')


def test_real_catalogs_round_trip_byte_identical(repo_root: Path) -> None:
    from concord.catalog.save import render_catalog

    paths = sorted((repo_root / "locales").rglob("*.po"))
    assert paths
    for path in paths:
        text = path.read_text(encoding="utf-8")
        assert render_catalog(load_catalog(path), text) == text, path
