"""TMX at the edges: bounded memory while streaming, characters XML cannot carry."""

from __future__ import annotations

import tracemalloc
from pathlib import Path

import pytest

from concord.cli import main
from concord.tm import TranslationMemory, Unit, open_memory
from concord.tm.tmx import read_tmx, write_tmx


def _peak_while_reading(path: Path) -> tuple[int, int]:
    tracemalloc.start()
    try:
        count = sum(1 for _ in read_tmx(path))
        return count, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_reading_does_not_keep_the_units_already_read(tmp_path: Path) -> None:
    """Every <tu> used to stay a child of <body>: memory grew with the file."""
    small, large = tmp_path / "small.tmx", tmp_path / "large.tmx"
    write_tmx(small, [Unit(f"Sentence {n} of the memory.", f"Cümle {n}.", "en", "tr") for n in range(2000)],
              source_lang="en")
    write_tmx(large, [Unit(f"Sentence {n} of the memory.", f"Cümle {n}.", "en", "tr") for n in range(40000)],
              source_lang="en")
    small_count, small_peak = _peak_while_reading(small)
    large_count, large_peak = _peak_while_reading(large)
    assert (small_count, large_count) == (2000, 40000)
    assert large_peak < 3 * small_peak, f"20x the units, peak {small_peak} -> {large_peak} bytes"


ODD = [
    Unit("Page one\fPage two", "Sayfa bir\fSayfa iki", "en", "tr", origin="a.po", context="articles/a",
         created="2026-01-01T00:00:00Z", changed="2026-01-01T00:00:00Z"),
    Unit("Bell \x07 and escape \x1b and \x01", "Zil \x07 ve kaçış \x1b ve \x1f", "en", "tr", origin="b.po",
         created="2026-01-01T00:00:00Z", changed="2026-01-01T00:00:00Z"),
    Unit("Noncharacters \ufffe \uffff", "Karakter olmayanlar \ufffe \uffff", "en", "tr", origin="c.po",
         created="2026-01-01T00:00:00Z", changed="2026-01-01T00:00:00Z"),
    Unit("Plain <b> & text\r\n", "Düz <b> & metin\r\n", "en", "tr", origin="d.po",
         created="2026-01-01T00:00:00Z", changed="2026-01-01T00:00:00Z"),
]


def test_characters_xml_cannot_carry_round_trip_exactly(memory: TranslationMemory, tmp_path: Path) -> None:
    memory.add(ODD)
    path = tmp_path / "odd.tmx"
    assert write_tmx(path, memory.units(), source_lang="en") == len(ODD)
    raw = path.read_text(encoding="utf-8")
    assert '<ph type="x-concord-char">U+000C</ph>' in raw and "\f" not in raw
    assert sorted(read_tmx(path), key=repr) == sorted(ODD, key=repr)
    with open_memory(str(tmp_path / "again.sqlite")) as again:
        assert again.add(read_tmx(path)) == len(ODD)
        second = tmp_path / "second.tmx"
        write_tmx(second, again.units(), source_lang="en")
    assert second.read_bytes() == path.read_bytes()


@pytest.mark.parametrize("text", ["NUL \x00 byte", "lone \ud800 surrogate"], ids=["nul", "surrogate"])
def test_what_no_memory_can_store_is_refused_whole(memory: TranslationMemory, text: str) -> None:
    from concord.errors import ConcordError

    with pytest.raises(ConcordError, match=r"neither SQLite, PostgreSQL nor TMX can store") as caught:
        memory.add([Unit("Kept?", "Hayır", "en", "tr", origin="x.po"), Unit(text, "Metin", "en", "tr", origin="bad.po")])
    assert str(caught.value).startswith("bad.po: error: ")
    assert memory.stats().units == 0, "all or nothing"


def test_a_form_feed_in_a_catalog_does_not_block_the_export(tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    po = tmp_path / "tr" / "LC_MESSAGES" / "a.po"
    po.parent.mkdir(parents=True)
    po.write_text('msgid ""\nmsgstr ""\n"Language: tr\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                  'msgid "One\\ftwo"\nmsgstr "Bir\\fiki"\n\nmsgid "Three"\nmsgstr "Üç"\n', encoding="utf-8")
    store = str(tmp_path / "m.sqlite")
    assert main(["tm", "import", "--tm", store, str(po)]) == 0
    out = tmp_path / "export"
    assert main(["tm", "export", "--tm", store, "-o", str(out)]) == 0
    assert "en-tr.tmx: 2 units" in capsys.readouterr().out
    assert {(u.source, u.target) for u in read_tmx(out / "en-tr.tmx")} == {("One\ftwo", "Bir\fiki"), ("Three", "Üç")}


def test_a_unit_tmx_cannot_carry_is_skipped_with_one_line(tmp_path: Path) -> None:
    units = [Unit("Fine", "İyi", "en", "tr", origin="fine.po"),
             Unit("Broken \ud800 half", "Kırık", "en", "tr", origin="broken.po"),
             Unit("Context", "Bağlam", "en", "tr", origin="ctx.po", context="a\x0cb")]
    skipped: list[tuple[str, str]] = []
    path = tmp_path / "x.tmx"
    assert write_tmx(path, units, source_lang="en", on_skip=lambda u, why: skipped.append((u.origin, why))) == 1
    assert [origin for origin, _ in skipped] == ["broken.po", "ctx.po"]
    assert "lone surrogate" in skipped[0][1] and "context" in skipped[1][1]
    assert [u.source for u in read_tmx(path)] == ["Fine"]


def test_foreign_placeholders_keep_their_native_text(tmp_path: Path) -> None:
    path = tmp_path / "foreign.tmx"
    path.write_text('<?xml version="1.0"?>\n<tmx version="1.4"><header srclang="en"/><body>'
                    '<tu><tuv xml:lang="en"><seg>Line<ph type="lb">&lt;br/&gt;</ph>two <ph type="x-concord-char">'
                    'not a code</ph></seg></tuv><tuv xml:lang="tr"><seg>Satır</seg></tuv></tu></body></tmx>\n',
                    encoding="utf-8")
    assert [u.source for u in read_tmx(path)] == ["Line<br/>two not a code"]
