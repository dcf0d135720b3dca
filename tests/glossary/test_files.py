"""The glossary files: TBX-Basic and CSV read and written, errors with path:line."""

from __future__ import annotations

from pathlib import Path

import pytest

from concord.cli import main
from concord.errors import ConcordError
from concord.glossary.csvfile import read_csv, write_csv
from concord.glossary.files import read_file
from concord.glossary.tbx import read_tbx, write_tbx

REPO = Path(__file__).resolve().parents[2]


def test_the_publication_glossary_is_valid_and_stably_sorted() -> None:
    path = REPO / "glossary" / "glossary.tbx"
    found = read_tbx(path)
    assert len(found) >= 20 and found.languages() == ["ru", "tr"]
    assert write_tbx(found) == path.read_text("utf-8")  # the file is as the writer sorts it
    soderberg = next(c for c in found if c.id == "soderberg")
    assert soderberg.targets["ru"] == ["Сёдерберг"] and soderberg.forbidden["ru"] == ["Содерберг"]
    assert soderberg.severity == "error" and soderberg.case_sensitive and soderberg.is_name


def test_tbx_and_csv_convert_without_loss(tmp_path: Path, glossary_file: Path) -> None:
    from_csv = read_csv(glossary_file)
    tbx = tmp_path / "g.tbx"
    tbx.write_text(write_tbx(from_csv), "utf-8")
    again = tmp_path / "again.csv"
    again.write_text(write_csv(read_tbx(tbx)), "utf-8")
    assert write_csv(read_csv(again)) == write_csv(from_csv)


BAD_TBX = [
    ("unclosed", '<tbx xmlns="urn:iso:std:iso:30042:ed-2">\n<text><body>\n<conceptEntry id="a">\n</body>',
     ":4: not well-formed XML"),
    ("no-id", '<tbx xmlns="urn:iso:std:iso:30042:ed-2">\n<text><body>\n\n<conceptEntry>\n',
     ":4: a <conceptEntry> without id"),
    ("no-lang", '<tbx xmlns="urn:iso:std:iso:30042:ed-2"><text><body>\n<conceptEntry id="a">\n<langSec>',
     ":3: a <langSec> without xml:lang"),
    ("no-source", '<tbx xml:lang="en"><text><body>\n<conceptEntry id="a">\n<langSec xml:lang="tr">'
     "<termSec><term>x</term></termSec></langSec>\n</conceptEntry></body></text></tbx>",
     "has no source term; add the English term"),
    ("entity", '<!DOCTYPE tbx [<!ENTITY e "x">]>\n<tbx><text>&e;</text></tbx>', "entities"),
    ("not-tbx", "<html></html>", ":1: the root element is <html>, not <tbx>"),
]


@pytest.mark.parametrize("text, expected", [b[1:] for b in BAD_TBX], ids=[b[0] for b in BAD_TBX])
def test_a_bad_tbx_file_names_its_line(tmp_path: Path, text: str, expected: str) -> None:
    path = tmp_path / "bad.tbx"
    path.write_text(text, "utf-8")
    with pytest.raises(ConcordError) as err:
        read_file(path, "glossary/bad.tbx")
    assert str(err.value).startswith("error: glossary/bad.tbx:") or "glossary/bad.tbx:" in str(err.value)
    assert expected in str(err.value)


BAD_CSV = [
    ("no-header", "term,ru\nx,y\n", ":1: the header lacks id, source"),
    ("comma", "id,source,ru\na,b,c,d\n", ":2: more cells than columns"),
    ("severity", "id,source,severity\na,b,fatal\n", ":2: severity 'fatal' of 'a' is not one of warning, error"),
    ("pos", "id,source,pos\na,b,thing\n", ":2: part of speech 'thing'"),
    ("clash", "id,source,ru,ru-forbidden\na,b,x,x\n", ":2: 'x' of 'a' is both approved and forbidden in ru"),
]


@pytest.mark.parametrize("text, expected", [b[1:] for b in BAD_CSV], ids=[b[0] for b in BAD_CSV])
def test_a_bad_csv_file_names_its_line(tmp_path: Path, text: str, expected: str) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(text, "utf-8")
    with pytest.raises(ConcordError) as err:
        read_file(path, "glossary/bad.csv")
    assert "glossary/bad.csv" + expected in str(err.value)


def test_validate_exits_2_with_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "glossary").mkdir()
    (tmp_path / "glossary" / "a.csv").write_text("id,source\nok,fine\nBad,x\n", "utf-8")
    capsys.readouterr()
    assert main(["glossary", "validate", str(tmp_path / "glossary")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "a.csv:3:" in err[0] and "lowercase slug" in err[0]
    assert main(["glossary", "validate", str(REPO / "glossary")]) == 0


def test_a_concept_defined_twice_is_refused(tmp_path: Path) -> None:
    from concord.glossary.files import read_glossary

    for name in ("a.csv", "b.csv"):
        (tmp_path / name).write_text("id,source\nsame,term\n", "utf-8")
    with pytest.raises(ConcordError, match="already defined at"):
        read_glossary([tmp_path / "a.csv", tmp_path / "b.csv"])
