"""The English side as Sphinx reads it: each note's label, its citing messages, its body."""

from __future__ import annotations

import sys
from pathlib import Path

from concord.project import load_project
from concord.source import read_sources

sys.path.insert(0, str(Path(__file__).parent / "checks"))
from check_helpers import TINY_RST, TINY_TRANSLATION  # noqa: E402


def _tiny(tmp_path: Path) -> Path:
    (tmp_path / "source").mkdir()
    (tmp_path / "conf.py").write_text("project = 'Tiny'\nlocale_dirs = ['../locales/']\n", "utf-8")
    (tmp_path / "source" / "index.rst").write_text(TINY_RST, "utf-8")
    return tmp_path


def test_notes_of_every_form(tmp_path: Path) -> None:
    doc = read_sources(load_project(_tiny(tmp_path)))["index"]
    first = next(m for m in doc.messages if m.startswith("Numbered"))
    second = next(m for m in doc.messages if m.startswith("Second"))
    assert [(n.key, n.number, n.citing) for n in doc.notes] == [
        ("100", 1, (first,)), ("#", 2, (first,)), ("#named", 3, (first, second)),
        ("*", 4, (first,)), ("#other", 5, (second,)), ("CIT2024", 6, (first,)),
    ]
    assert [n.bodies for n in doc.notes][3:5] == [("Ibid.",), ("Ibid.",)]
    assert doc.notes_of_body("Ibid.") == [doc.notes[3], doc.notes[4]]
    assert doc.notes[1].name == "[#]_ (note 2)" and doc.notes[2].name == "[#named]_"


def test_messages_are_the_catalogs_msgids(tmp_path: Path) -> None:
    doc = read_sources(load_project(_tiny(tmp_path)))["index"]
    assert set(doc.messages) == set(TINY_TRANSLATION)
    assert doc.messages["Second paragraph cites [#other]_ and again [#named]_."] == 6  # source line


def test_the_publication(repo_root: Path) -> None:
    doc = read_sources(load_project(repo_root))["articles/europe-us-asia-pacific"]
    assert [n.key for n in doc.notes] == ["#nikkei", "#menadue", "#wion", "#japantimes", "#soderberg",
                                         "#matsumura", "#defensenews", "#indyturk"]
    assert doc.notes[4].bodies == doc.notes[5].bodies == ("Ibid.",)
    assert all(len(n.citing) == 1 for n in doc.notes)
