"""``concord update`` on a copy of the publication: real Sphinx builds, real memories.

Done when: translations erased from the Turkish and Russian catalogs come back from the
memory with their scores and the right footnote labels, URLs and dates; an edited
English paragraph (a word changed, a note renumbered) is offered its old translation
as fuzzy, carrying the new label.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import polib
import pytest

from concord.catalog import load_catalog, save_catalog
from concord.cli import main
from concord.project import load_project
from concord.tm import TranslationMemory
from concord.tm.update import Policy, sync_memory, update_project

ARTICLE = Path("source/articles/europe-us-asia-pacific.rst")
LANGS = ("tr", "ru")


def article_catalog(root: Path, lang: str) -> Path:
    return root / "locales" / lang / "LC_MESSAGES" / "articles" / "europe-us-asia-pacific.po"


def entry_with(po: polib.POFile, text: str) -> polib.POEntry:
    [entry] = [e for e in po if text in e.msgid and not e.obsolete]
    return entry


def erase(root: Path, needles: list[str]) -> dict[tuple[str, str], str]:
    """Empty the translations of the entries containing ``needles``; return them."""
    erased = {}
    for lang in LANGS:
        path = article_catalog(root, lang)
        po = load_catalog(path)
        for needle in needles:
            entry = entry_with(po, needle)
            assert entry.msgstr and not entry.fuzzy, f"{lang}: {needle} must be translated to start with"
            erased[(lang, needle)] = entry.msgstr
            entry.msgstr = ""
        save_catalog(po, path)
    return erased


def edit_source(root: Path) -> None:
    """A word changed and a note renumbered; a note's URL and date changed."""
    path = root / ARTICLE
    text = path.read_text(encoding="utf-8")
    edits = [
        ("seeking closer ties with their Asian allies.\n[#wion]_", "seeking closer links with their Asian allies.\n[#wion2]_"),
        (".. [#wion] ", ".. [#wion2] "),
        ("https://asia.nikkei.com/Editor-s-Picks/Interview/NATO-aims-to-discourage-China-on-Taiwan-official-says,\n   (Date Accession: 19.12.2023).",
         "https://asia.nikkei.com/Politics/NATO-aims-to-discourage-China,\n   (Date Accession: 02.01.2024)."),
    ]
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")


def check_restored(root: Path, erased: dict[tuple[str, str], str]) -> None:
    for lang in LANGS:
        po = load_catalog(article_catalog(root, lang))
        # An untouched paragraph whose translation was erased: 101%, filled as translated.
        paragraph = entry_with(po, "Similar to France’s opposition")
        assert paragraph.msgstr == erased[(lang, "Similar to France’s opposition")]
        assert not paragraph.fuzzy, "101% in-context matches are trusted by default"
        assert paragraph.tcomment.startswith("concord-tm: 101% in-context match\nconcord-tm: from locales/")
        assert "[#menadue]_" in paragraph.msgstr
        # The note whose URL and date changed, translation erased: 100% (placeables only), fuzzy.
        note = entry_with(po, "Asia Nikkie")
        assert note.fuzzy and note.tcomment.startswith("concord-tm: 100% exact match\nconcord-tm: from ")
        assert "https://asia.nikkei.com/Politics/NATO-aims-to-discourage-China" in note.msgstr
        assert "02.01.2024" in note.msgstr
        assert "19.12.2023" not in note.msgstr and "Editor-s-Picks" not in note.msgstr
        # The edited paragraph: its old translation as fuzzy, with the new label.
        edited = entry_with(po, "seeking closer links with their Asian allies")
        assert edited.fuzzy and edited.previous_msgid and "closer ties" in edited.previous_msgid
        assert "[#wion2]_" in edited.msgstr and "[#wion]_" not in edited.msgstr
        assert re.match(r"concord-(update|tm): 9\d% ", edited.tcomment)
        # The renumbered note keeps its translation (its text did not change).
        assert entry_with(po, "Gravitas: China").msgstr and not entry_with(po, "Gravitas: China").fuzzy


NEEDLES = ["Similar to France’s opposition", "Asia Nikkie"]


def test_update_restores_erased_translations_from_the_memory(project_copy: Path,
                                                             memory: TranslationMemory) -> None:
    project = load_project(project_copy)
    sync_memory(memory, project)
    erased = erase(project_copy, NEEDLES)
    edit_source(project_copy)
    updates = update_project(project, memory, Policy())
    assert {u.language for u in updates} == set(LANGS)
    check_restored(project_copy, erased)
    assert all(not u.created for u in updates)


def test_update_from_the_durable_tmx_alone(project_copy: Path) -> None:
    """The SQLite file is disposable: `tm export`, delete it, and update rebuilds it."""
    root = str(project_copy)
    assert main(["tm", "import", "-c", root]) == 0
    assert main(["tm", "export", "-c", root]) == 0
    assert sorted(p.name for p in (project_copy / "tm").glob("*.tmx")) == ["en-ru.tmx", "en-tr.tmx"]
    for leftover in (project_copy / "tm").glob("concord.sqlite*"):
        leftover.unlink()
    erased = erase(project_copy, NEEDLES)
    edit_source(project_copy)
    assert main(["update", "-c", root]) == 0
    check_restored(project_copy, erased)


def test_second_update_changes_nothing_and_untouched_catalogs_stay_identical(project_copy: Path) -> None:
    root = str(project_copy)
    before = {p: p.read_bytes() for p in (project_copy / "locales").rglob("*.po")}
    assert main(["update", "-c", root, "--no-memory"]) == 0
    after_first = {p: p.read_bytes() for p in (project_copy / "locales").rglob("*.po")}
    for path, data in before.items():
        if "articles" not in path.parts and "index" not in path.name:
            assert after_first[path] == data, path
    assert main(["update", "-c", root]) == 0
    assert {p: p.read_bytes() for p in (project_copy / "locales").rglob("*.po")} == after_first


def test_update_creates_catalogs_for_a_new_article(project_copy: Path) -> None:
    (project_copy / "source" / "articles" / "new.rst").write_text(
        "A new article\n=============\n\nNotes\n", encoding="utf-8")
    index = project_copy / "source" / "index.rst"
    index.write_text(index.read_text(encoding="utf-8").replace(
        "articles/europe-us-asia-pacific", "articles/europe-us-asia-pacific\n   articles/new"), encoding="utf-8")
    assert main(["update", "-c", str(project_copy)]) == 0
    for lang in LANGS:
        po = load_catalog(project_copy / "locales" / lang / "LC_MESSAGES" / "articles" / "new.po")
        assert po.metadata["Language"] == lang
        notes = po.find("Notes")
        assert notes is not None and notes.msgstr and notes.tcomment.startswith("concord-tm: 100% exact match\n")


KILLER_HOOK = '''
import os, sys, time
import concord.catalog.save as save
_original = save.atomic_write_bytes
def slow_write(path, data):
    _original(path, data)
    print("WROTE", path, flush=True)
    time.sleep(30)
save.atomic_write_bytes = slow_write
'''


def test_update_killed_half_way_leaves_each_catalog_old_or_new(project_copy: Path, tmp_path: Path) -> None:
    erase(project_copy, NEEDLES)
    edit_source(project_copy)
    catalogs = sorted((project_copy / "locales").rglob("*.po"))
    before = {p: p.read_bytes() for p in catalogs}
    expected_root = tmp_path / "expected"
    subprocess.run(["cp", "-a", str(project_copy), str(expected_root)], check=True)
    assert main(["update", "-c", str(expected_root), "--no-memory"]) == 0
    expected = {p: (expected_root / p.relative_to(project_copy)).read_bytes() for p in catalogs}
    assert any(expected[p] != before[p] for p in catalogs)

    hook = tmp_path / "hook"
    hook.mkdir()
    (hook / "sitecustomize.py").write_text(KILLER_HOOK, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": f"{hook}{os.pathsep}{os.environ.get('PYTHONPATH', '')}"}
    child = subprocess.Popen(
        [sys.executable, "-c", "import sys; from concord.cli import main; sys.exit(main(sys.argv[1:]))",
         "update", "-c", str(project_copy), "--no-memory"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
    )
    assert child.stdout is not None
    line = child.stdout.readline()
    assert line.startswith("WROTE "), (line, child.stderr.read() if child.stderr else "")
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=30)
    states = []
    for path in catalogs:
        data = path.read_bytes()
        assert data in (before[path], expected[path]), f"{path} is neither the old nor the new catalog"
        states.append("new" if data == expected[path] and data != before[path] else "old")
    assert "new" in states and "old" in states, "the kill must land between two catalogs"
    assert not [p for p in (project_copy / "locales").rglob(".*.tmp")], "no temporary file left behind"


def test_policy_is_read_from_conf_py(project_copy: Path) -> None:
    from concord.tm.update import project_policy

    conf = project_copy / "conf.py"
    conf.write_text(conf.read_text(encoding="utf-8") + "\nconcord_tm_threshold = 85\nconcord_tm_trusted = 100\n",
                    encoding="utf-8")
    project = load_project(project_copy)
    assert project_policy(project) == Policy(threshold=85, trusted=100)
    assert project_policy(project, threshold=90) == Policy(threshold=90, trusted=100)


def test_bad_threshold_is_a_usage_error(project_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["update", "-c", str(project_copy), "--threshold", "150"]) == 2
    assert "the fuzzy threshold 150 is not a percentage; use 1..100" in capsys.readouterr().err


def test_policy_that_is_not_a_number_is_explained(project_copy: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    conf = project_copy / "conf.py"
    conf.write_text(conf.read_text(encoding="utf-8") + "\nconcord_tm_threshold = 'high'\n", encoding="utf-8")
    assert main(["update", "-c", str(project_copy)]) == 2
    err = capsys.readouterr().err
    assert "concord_tm_threshold = 'high' is not a whole number; write it as concord_tm_threshold = 75" in err
