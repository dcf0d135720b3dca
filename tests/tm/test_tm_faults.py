"""Faults: concurrent importers, malformed catalogs, and the command line's contract."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from concord.cli import main
from concord.tm import open_memory
from concord.tm.tmx import write_tmx
from concord.tm.store import Unit

IMPORTER = """
import sys
from pathlib import Path
from concord.tm import open_memory
from concord.tm.tmx import read_tmx
spec, schema, path = sys.argv[1], sys.argv[2] or None, Path(sys.argv[3])
with open_memory(spec, schema=schema) as memory:
    for _ in range(3):  # three passes: the later ones add nothing, but contend for the lock
        memory.add(read_tmx(path))
print("done")
"""


def test_four_processes_importing_at_once_lose_nothing(memory_spec: tuple[str, str | None],
                                                       tmp_path: Path) -> None:
    spec, schema = memory_spec
    files = []
    shared = [Unit(f"Shared sentence {n}.", f"Ortak cümle {n}.", "en", "tr") for n in range(500)]
    for worker in range(4):
        own = [Unit(f"Worker {worker} sentence {n}.", f"İşçi {worker} cümle {n}.", "en", "tr")
               for n in range(3000)]
        path = tmp_path / f"w{worker}.tmx"
        write_tmx(path, [*own, *shared], source_lang="en")
        files.append(path)
    children = [
        subprocess.Popen([sys.executable, "-c", IMPORTER, spec, schema or "", str(path)],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for path in files
    ]
    for child in children:
        out, err = child.communicate(timeout=600)
        assert child.returncode == 0, err
        assert "locked" not in err and out.strip() == "done"
    with open_memory(spec, schema=schema) as memory:
        assert memory.stats().units == 4 * 3000 + 500


MALFORMED_PO = '''msgid ""
msgstr ""
"Language: tr\\n"
"Content-Type: text/plain; charset=UTF-8\\n"

msgid "Good one"
msgstr "İyi"

msgid "Broken
msgstr "Bozuk"
'''


def test_malformed_catalog_names_file_and_line_and_imports_nothing(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.unterminated-string.po"
    bad.write_text(MALFORMED_PO, encoding="utf-8")
    store = tmp_path / "m.sqlite"
    assert main(["tm", "import", "--tm", str(store), str(bad)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"{bad}:9: error: "), "the catalog adapter names file and line"
    with open_memory(str(store)) as memory:
        assert memory.stats().units == 0


def test_compendium_without_language_needs_target_lang(tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    po = tmp_path / "compendium.po"
    po.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "Hello"\nmsgstr "Merhaba"\n', encoding="utf-8")
    store = str(tmp_path / "m.sqlite")
    assert main(["tm", "import", "--tm", store, str(po)]) == 2
    assert "cannot tell the catalog's language" in capsys.readouterr().err
    assert main(["tm", "import", "--tm", store, "--target-lang", "tr", str(po)]) == 0
    assert main(["tm", "import", "--tm", store, "--target-lang", "tr", str(po)]) == 0
    out = capsys.readouterr().out
    assert f"{po}: 1 new units" in out and f"{po}: 0 new units" in out


def test_cli_import_export_search_stats(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    po = tmp_path / "tr" / "LC_MESSAGES" / "a.po"
    po.parent.mkdir(parents=True)
    po.write_text('msgid ""\nmsgstr ""\n"Language: tr\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "The alliance has no military goal."\n'
                  'msgstr "İttifakın askeri bir hedefi yok."\n\n#, fuzzy\nmsgid "Unreviewed"\nmsgstr "Gözden"\n',
                  encoding="utf-8")
    store = str(tmp_path / "m.sqlite")
    assert main(["tm", "import", "--tm", store, str(tmp_path / "tr")]) == 0
    assert main(["tm", "stats", "--tm", store]) == 0
    assert "1 units" in capsys.readouterr().out, "fuzzy entries are not memory"
    assert main(["tm", "search", "--tm", store, "military goal"]) == 0
    assert "İttifakın" in capsys.readouterr().out
    assert main(["tm", "search", "--tm", store, "--fuzzy", "-l", "tr", "The alliance has no military goals."]) == 0
    assert "9" in capsys.readouterr().out
    assert main(["tm", "search", "--tm", store, "--fuzzy", "x"]) == 2
    assert "--fuzzy needs a target language" in capsys.readouterr().err
    out = tmp_path / "export"
    assert main(["tm", "export", "--tm", store, "-o", str(out)]) == 0
    assert (out / "en-tr.tmx").is_file()
    empty = str(tmp_path / "empty.sqlite")
    assert main(["tm", "export", "--tm", empty, "-o", str(out)]) == 2
    assert "has no units to export; run `concord tm import` first" in capsys.readouterr().err


def test_hostile_tmx_through_the_cli_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    hostile = tmp_path / "xxe.tmx"
    hostile.write_text('<?xml version="1.0"?>\n<!DOCTYPE tmx [ <!ENTITY s SYSTEM "file:///etc/passwd"> ]>\n'
                       '<tmx version="1.4"><header srclang="en"/><body/></tmx>\n', encoding="utf-8")
    assert main(["tm", "import", "--tm", str(tmp_path / "m.sqlite"), str(hostile)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"{hostile}: error: refused:") and "root:" not in err


def test_unusable_sqlite_file_is_explained(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store = tmp_path / "m.sqlite"
    store.write_bytes(b"this is not a database" * 100)
    assert main(["tm", "stats", "--tm", str(store)]) == 2
    assert "delete it and run `concord tm import`" in capsys.readouterr().err


def test_unreachable_postgresql_is_explained(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["tm", "stats", "--tm", "postgresql://nobody:secret@127.0.0.1:1/none"]) == 2
    err = capsys.readouterr().err
    assert "cannot connect to the PostgreSQL memory" in err and "secret" not in err
    assert "check the address, user and password in --tm or CONCORD_TM" in err


def test_large_inputs_get_a_progress_bar_and_import_fully(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import concord.tm.cli as tm_cli

    calls: list[str] = []
    original = tm_cli._with_progress

    def spy(path: Path, run):  # type: ignore[no-untyped-def]
        calls.append(path.name)
        return original(path, run)

    monkeypatch.setattr(tm_cli, "LARGE_INPUT", 0)
    monkeypatch.setattr(tm_cli, "_with_progress", spy)
    path = tmp_path / "big.tmx"
    write_tmx(path, [Unit(f"Sentence number {n}.", f"Cümle {n}.", "en", "tr") for n in range(12000)],
              source_lang="en")
    store = str(tmp_path / "m.sqlite")
    assert main(["tm", "import", "--tm", store, str(path)]) == 0
    assert calls == ["big.tmx"]
    with open_memory(store) as memory:
        assert memory.stats().units == 12000
