"""The glossary in both stores, the concordance showing it first, consistency findings,
and zero findings on the publication's own catalogs."""

from __future__ import annotations

from pathlib import Path

import pytest

from concord.cli import main
from concord.glossary.csvfile import read_csv, write_csv
from concord.glossary.store import load, save

REPO = Path(__file__).resolve().parents[2]


def test_the_store_keeps_the_glossary(memory, glossary_file: Path) -> None:
    glossary = read_csv(glossary_file)
    assert save(memory, glossary) == 17  # 5 source terms, 12 target terms
    stored = load(memory)
    assert [c.id for c in stored] == [c.id for c in glossary.sorted()]
    soderberg = next(c for c in stored if c.id == "soderberg")
    assert soderberg.forbidden == {"ru": ["Содерберг"], "tr": ["Soderberg"]}
    assert soderberg.severity == "error" and soderberg.case_sensitive
    save(memory, glossary)  # a second import replaces, it does not add
    assert len(load(memory)) == len(glossary)


def test_import_export_search_and_the_concordance(tmp_path: Path, glossary_file: Path,
                                                  capsys: pytest.CaptureFixture[str], monkeypatch) -> None:
    spec = str(tmp_path / "tm.sqlite")
    monkeypatch.chdir(tmp_path)
    assert main(["glossary", "import", str(glossary_file), "--tm", spec]) == 0
    assert main(["glossary", "search", "Söder", "--tm", spec, "-l", "ru"]) == 0
    out = capsys.readouterr().out
    assert "Soderberg  [properNoun, case-sensitive, error]  (soderberg)\n  ru: approved: Сёдерберг; forbidden: Содерберг\n" in out
    assert "tr:" not in out
    assert main(["glossary", "export", "--format", "csv", "--tm", spec, "-o", str(tmp_path / "out.csv")]) == 0
    assert write_csv(read_csv(tmp_path / "out.csv")) == write_csv(read_csv(glossary_file))
    capsys.readouterr()
    assert main(["tm", "search", "Deputy Secretary", "--tm", spec]) == 0
    out = capsys.readouterr().out
    assert out.startswith("glossary:\nNATO Deputy Secretary General  [noun]  (deputy-sg)\n")
    assert "ru: approved: заместитель генерального секретаря НАТО" in out


def test_the_same_source_translated_twice_names_both_places(check_json) -> None:
    code, findings = check_json({
        "a/ru.po": ("ru", [("Ibid.", "Там же."), ("The alliance has no intention. It says so today.",
                                                  "Альянс не намерен. Он говорит так сегодня.")]),
        "b/ru.po": ("ru", [("Ibid.", "Там же."), ("Ibid. again", "Там же снова")]),
        "c/ru.po": ("ru", [("Ibid.", "Указ. соч."),
                           ("The alliance has no intention. Again.", "У альянса нет намерения. Снова.")]),
        "d/tr.po": ("tr", [("Ibid.", "A.g.e.")]),  # another language is not compared
    })
    found = [(Path(str(f["path"])).parent.name, f["line"], f["message"]) for f in findings
             if f["check"] == "inconsistent"]
    assert [(place, line) for place, line, _ in found] == [("c", 6), ("c", 9)]
    message, sentence = found[0][2], found[1][2]
    assert "this message is translated 'Указ. соч.' here but 'Там же.' at " in message
    assert message.endswith("a/ru.po:6; use one translation")
    assert sentence.startswith("the sentence 'The alliance has no intention.' is translated "
                               "'У альянса нет намерения.' here but 'Альянс не намерен.' at ")
    assert sentence.endswith("a/ru.po:9; use one translation")
    assert all(f["severity"] == "info" for f in findings if f["check"] == "inconsistent")


def test_a_sentence_translated_differently_is_reported(check_json) -> None:
    code, findings = check_json({
        "a/ru.po": ("ru", [("The alliance has no intention of that. It waits.",
                            "Альянс этого не намерен делать. Он ждёт.")]),
        "b/ru.po": ("ru", [("The alliance has no intention of that. It acts.",
                            "У альянса нет такого намерения. Он действует.")]),
    })
    messages = [str(f["message"]) for f in findings if f["check"] == "inconsistent"]
    assert len(messages) == 1
    assert messages[0].startswith("the sentence 'The alliance has no intention of that.' is translated")


def test_the_publication_has_no_glossary_findings(capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    code = main(["check", "-c", str(REPO), "--format", "json", "--strict"])
    out = capsys.readouterr().out
    assert code == 0, out
