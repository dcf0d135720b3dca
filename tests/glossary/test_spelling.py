"""Spelling against the real Debian Hunspell dictionaries (hunspell-tr, hunspell-ru,
hunspell-en-us, installed by .ci/system-packages.sh), through Enchant."""

from __future__ import annotations

import pytest

from concord.checks.spelling import dictionary


@pytest.fixture(autouse=True)
def _dictionaries() -> None:
    missing = [lang for lang in ("tr", "ru", "en") if dictionary(lang) is None]
    assert not missing, f"run .ci/system-packages.sh: no Hunspell dictionary for {missing}"


CASES = [
    # lang, source, translation, misspelled words reported ([] = clean)
    ("ru", "The alliance is not interested.", "Альянс не заинтересован.", []),
    ("ru", "The alliance is not interested.", "Альянс не заинтересовн.", ["заинтересовн"]),
    ("ru", "Trump said.", "Сказал Сёдербергу и Японии.", []),          # glossary names, inflected
    ("tr", "Europe faces a dilemma.", "Avrupa büyük bir ikilemle karşı karşıyadır.", []),
    ("tr", "Europe faces a dilemma.", "Avrupa büyük bir ikilmle karşı karşıyadır.", ["ikilmle"]),
    ("tr", "According to Weel.", "Weel’e göre hâlinde.", []),           # name from the source, â
    ("tr", "Read the Docs", "Read the Docs’ta", []),                    # source word + suffix
    ("en", "Color", "The colour of teh sky", ["teh"]),
    ("ru", "See ``grep`` at https://exmple.org/zzz.", "См. ``grpe`` на https://exmple.org/zzz.", []),
    ("ru", "Use :func:`foo_bar`.", "Используйте :func:`fooo_bar`.", []),  # placeables skipped
    ("ru", "Cyber defence.", "киберобороны", []),                       # project word list
]


@pytest.mark.parametrize("lang, source, target, bad", CASES,
                         ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_spelling(check_json, glossary_file, lang: str, source: str, target: str, bad: list[str]) -> None:
    (glossary_file.parent / "words-ru.txt").write_text("# known\nкибероборона\n", "utf-8")
    code, findings = check_json({f"{lang}.po": (lang, [(source, target)])})
    spelling = [f for f in findings if f["check"] == "spelling"]
    if not bad:
        assert spelling == []
        return
    assert len(spelling) == 1 and spelling[0]["severity"] == "warning"
    for word in bad:
        assert repr(word) in str(spelling[0]["message"])
    assert f"glossary/words-{lang}.txt" in str(spelling[0]["message"])


def test_a_language_without_dictionary_is_named_once(tiny_project, capsys) -> None:
    from concord.cli import main

    root = tiny_project({"xx": [("Hello world.", "Xyzzy plugh.")], "ru": [("Hello world.", "Привет.")]})
    capsys.readouterr()
    code = main(["check", "-c", str(root)])
    err = capsys.readouterr().err
    assert err.count("no spelling dictionary for 'xx'") == 1
    assert code == 0
