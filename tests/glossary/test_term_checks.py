"""The term checks through ``concord check``: tables of passing and failing translations,
asserting the message (the approved form) and the severity the glossary gives."""

from __future__ import annotations

import pytest

PASSING = [
    ("ru", "According to NATO Deputy Secretary General David van Weel, no.",
     "По словам заместителя генерального секретаря НАТО Дэвида ван Вела, нет."),
    ("tr", "According to NATO Deputy Secretary General David van Weel, no.",
     "NATO Genel Sekreter Yardımcısı David van Weel’e göre hayır."),
    ("ru", "Prof. Marie Soderberg said so.", "Так сказала профессор Мари Сёдерберг."),
    ("ru", "As Soderberg said.", "Как отметила Сёдерберга коллега."),
    ("tr", "The Indo-Pacific matters.", "Hint-Pasifik’in önemi büyük."),
    ("ru", "“Balancing Act In The Indo-Pacific”, Japan Times.",
     "“Balancing Act In The Indo-Pacific”, Japan Times."),  # a title kept in the original
    ("ru", "See ``Japan`` and https://example.org/japan/indo-pacific/.",
     "См. ``Japan`` и https://example.org/japan/indo-pacific/."),  # placeables
    ("ru", "The :ref:`japan-notes` list.", "Список :ref:`japan-notes`."),  # a label, not prose
    ("es", "Abstract base classes complement duck-typing.",
     "Las clases de base abstractas complementan el duck-typing."),  # a short word between
]


@pytest.mark.parametrize("lang, source, target", PASSING, ids=[f"{p[0]}-{i}" for i, p in enumerate(PASSING)])
def test_correct_translations_pass(check_json, lang: str, source: str, target: str) -> None:
    code, findings = check_json({f"{lang}.po": (lang, [(source, target)])}, "--strict")
    assert [f for f in findings if str(f["check"]).startswith("term-")] == []


FAILING = [
    ("ru", "According to NATO Deputy Secretary General David van Weel.",
     "По словам замгенсека НАТО Дэвида ван Вела.", "term-missing", "warning",
     "approved: 'заместитель генерального секретаря НАТО'"),
    ("tr", "According to NATO Deputy Secretary General David van Weel.",
     "NATO Genel Sekreteri David van Weel’e göre.", "term-missing", "warning",
     "approved: 'NATO Genel Sekreter Yardımcısı'"),
    ("ru", "Prof. Marie Soderberg said so.", "Так сказала профессор Мари Содерберг.",
     "term-mandatory", "error", "'Содерберг' is a forbidden ru variant of 'Soderberg'"),
    ("ru", "As Soderberg said.", "Как отметил коллега Содерберга.",
     "term-mandatory", "error", "write approved: 'Сёдерберг'"),
    ("tr", "Prof. Soderberg said so.", "Prof. Soderberg’in dediği gibi.",
     "term-mandatory", "error", "forbidden tr variant"),
    ("tr", "The Indo-Pacific matters.", "Hint Pasifik’in önemi büyük.",
     "term-forbidden", "warning", "'Hint Pasifik’in' is a forbidden tr variant of 'Indo-Pacific'"),
    ("ru", "The Indo-Pacific matters.", "Азия важна.", "term-missing", "warning",
     "approved: 'Индо-Тихоокеанский регион'"),
    ("ru", "Japan agreed.", "Токио согласился.", "term-missing", "warning", "approved: 'Япония'"),
]


@pytest.mark.parametrize("lang, source, target, check, severity, message", FAILING,
                         ids=[f"{p[0]}-{p[3]}-{i}" for i, p in enumerate(FAILING)])
def test_wrong_terms_are_reported_with_the_approved_form(
        check_json, lang: str, source: str, target: str, check: str, severity: str, message: str) -> None:
    code, findings = check_json({f"{lang}.po": (lang, [(source, target)])})
    terms = [f for f in findings if str(f["check"]).startswith("term-")]
    assert [(f["check"], f["severity"]) for f in terms] == [(check, severity)]
    assert message in str(terms[0]["message"])
    assert terms[0]["line"] == 6  # the msgid of the first entry
    assert code == (1 if severity == "error" else 0)


def test_the_ignore_flag_silences_one_entry(check_json, tmp_path) -> None:
    code, findings = check_json({"ru.po": ("ru", [("Japan agreed.", "Токио согласился.")])})
    assert [f["check"] for f in findings] == ["term-missing"]
    path = tmp_path / "po" / "ru.po"
    path.write_text(path.read_text("utf-8").replace('msgid "Japan', '#, concord-ignore-term-missing\nmsgid "Japan'), "utf-8")
    from concord.cli import main

    assert main(["check", str(path), "--glossary", str(tmp_path / "glossary" / "terms.csv")]) == 0


def test_a_broken_glossary_stops_the_run_with_its_line(check_json, glossary_file, tmp_path, capsys) -> None:
    check_json({"ru.po": ("ru", [("Japan agreed.", "Япония согласилась.")])})
    glossary_file.write_text(glossary_file.read_text("utf-8") + "bad id!,x,noun,no,warning,,,,,,\n", "utf-8")
    from concord.cli import main

    capsys.readouterr()
    assert main(["check", str(tmp_path / "po" / "ru.po"), "--glossary", str(glossary_file)]) == 2
    err = capsys.readouterr().err
    assert "terms.csv:7:" in err and "not a lowercase slug" in err


def test_a_possessive_and_a_plural_in_the_source_still_mention_the_term(check_json) -> None:
    code, findings = check_json({"ru.po": ("ru", [("Japan’s exports grew.", "Экспорт Токио вырос."),
                                                 ("Two Japans.", "Две Японии.")])})
    assert [(f["check"], f["line"]) for f in findings if f["check"] == "term-missing"] == [("term-missing", 6)]
