"""Fixtures of the glossary tests: a small glossary file, catalogs, and the CLI run.

Everything is real: the TBX file is parsed by defusedxml, Russian goes through
pymorphy3 and its dictionary, spelling through Enchant and the Debian Hunspell
dictionaries (installed by ``.ci/system-packages.sh``), catalogs through the strict reader.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from concord import glossary
from concord.cli import main
from real_components import postgres_schema

GLOSSARY_CSV = """\
id,source,pos,case_sensitive,severity,note,ru,ru-forbidden,tr,tr-forbidden,es
deputy-sg,NATO Deputy Secretary General,noun,no,warning,The office.,заместитель генерального секретаря НАТО,,NATO Genel Sekreter Yardımcısı,,
soderberg,Soderberg,properNoun,yes,error,Swedish name.,Сёдерберг,Содерберг,Söderberg,Soderberg,
indo-pacific,Indo-Pacific,properNoun,no,warning,,Индо-Тихоокеанский регион,,Hint-Pasifik,Hint Pasifik,
japan,Japan,properNoun,yes,warning,,Япония,,Japonya,,
base-class,abstract base class,noun,no,warning,,,,,,clase base abstracta
"""


def po_text(pairs: list[tuple[str, str]], lang: str) -> str:
    """A catalog with a header and one entry per (msgid, msgstr), each on one line."""
    out = ['msgid ""', 'msgstr ""', f'"Language: {lang}\\n"',
           '"Content-Type: text/plain; charset=UTF-8\\n"', ""]
    for msgid, msgstr in pairs:
        out += [f"msgid {json.dumps(msgid, ensure_ascii=False)}",
                f"msgstr {json.dumps(msgstr, ensure_ascii=False)}", ""]
    return "\n".join(out)


@pytest.fixture
def glossary_file(tmp_path: Path) -> Path:
    folder = tmp_path / "glossary"
    folder.mkdir()
    path = folder / "terms.csv"
    path.write_text(GLOSSARY_CSV, "utf-8")
    return path


@pytest.fixture
def active(glossary_file: Path) -> Iterator[glossary.Active]:
    yield glossary.activate(None, glossary_file)
    glossary.deactivate()


@pytest.fixture
def check_json(tmp_path: Path, glossary_file: Path, capsys: pytest.CaptureFixture[str]
               ) -> Callable[..., tuple[int, list[dict[str, object]]]]:
    """Write catalogs (name -> (lang, pairs)), run ``concord check --format json`` on them."""

    def run(catalogs: dict[str, tuple[str, list[tuple[str, str]]]], *args: str
            ) -> tuple[int, list[dict[str, object]]]:
        paths = []
        for name, (lang, pairs) in catalogs.items():
            path = tmp_path / "po" / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(po_text(pairs, lang), "utf-8")
            paths.append(str(path))
        capsys.readouterr()
        code = main(["check", *paths, "--format", "json", "--glossary", str(glossary_file), *args])
        out = capsys.readouterr().out
        data = json.loads(out) if out.strip() else {"findings": []}
        return code, data["findings"] if isinstance(data, dict) else data

    return run


@pytest.fixture
def tiny_project(tmp_path: Path) -> Callable[[dict[str, list[tuple[str, str]]]], Path]:
    """A tiny Sphinx project (conf.py, source/index.rst, one catalog per language and a
    ``glossary/`` folder holding the test glossary), built from the given pairs."""

    def make(catalogs: dict[str, list[tuple[str, str]]]) -> Path:
        root = tmp_path / "project"
        (root / "source").mkdir(parents=True)
        langs = sorted(catalogs)
        (root / "conf.py").write_text(
            "project = 'Tiny'\nlanguage = 'en'\nlocale_dirs = ['../locales/']\n"
            f"gettext_compact = False\nconcord_languages = {['en', *langs]!r}\n", "utf-8")
        sources = dict.fromkeys(m for pairs in catalogs.values() for m, _ in pairs)
        (root / "source" / "index.rst").write_text(
            "Tiny\n====\n\n" + "\n\n".join(sources) + "\n", "utf-8")
        for lang, pairs in catalogs.items():
            path = root / "locales" / lang / "LC_MESSAGES" / "index.po"
            path.parent.mkdir(parents=True)
            path.write_text(po_text([("Tiny", "Tiny"), *pairs], lang), "utf-8")
        (root / "glossary").mkdir()
        (root / "glossary" / "terms.csv").write_text(GLOSSARY_CSV, "utf-8")
        return root

    return make




@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def memory(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Any]:
    """An empty memory of each backend: a real SQLite file, a real PostgreSQL schema."""
    from concord.tm import open_memory

    if request.param == "sqlite":
        with open_memory(str(tmp_path / "tm.sqlite")) as opened:
            yield opened
        return
    with postgres_schema() as (dsn, schema), open_memory(dsn, schema=schema) as opened:
        yield opened


@pytest.fixture(autouse=True)
def _no_memory_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("CONCORD_TM", "CONCORD_CONFDIR", "CONCORD_GLOSSARY"):
        monkeypatch.delenv(name, raising=False)
