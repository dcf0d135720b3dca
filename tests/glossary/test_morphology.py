"""Inflected forms that must match a glossary term, and forms that must not.

Tables: Turkish (suffixes after apostrophes, compound markers, casing İ/ı), Russian
(pymorphy3 normal forms, names through their case endings), forbidden variants caught
in any form.
"""

from __future__ import annotations

import pytest

from concord.glossary.morphology import analyzer, find


def matches(lang: str, term: str, text: str, name: bool = False, case: bool = False) -> bool:
    a = analyzer(lang)
    words = tuple(a.term_word(t, name) for t in a.tokens(term))
    return bool(find(a, words, a.tokens(text), case))


TURKISH = [
    ("NATO Genel Sekreter Yardımcısı", "NATO Genel Sekreter Yardımcısı David van Weel’e göre"),
    ("NATO Genel Sekreter Yardımcısı", "NATO Genel Sekreter Yardımcısının açıklaması"),
    ("NATO Genel Sekreter Yardımcısı", "NATO Genel Sekreter Yardımcısına sordu"),
    ("NATO Genel Sekreter Yardımcısı", "NATO Genel Sekreter Yardımcısıyla görüştü"),
    ("NATO Genel Sekreter Yardımcısı", "NATO Genel Sekreter Yardımcıları toplandı"),
    ("NATO Genel Sekreter Yardımcısı", "NATO GENEL SEKRETER YARDIMCISI"),
    ("NATO Genel Sekreter Yardımcısı", "NATO Genel Sekreter Yardımcısı’nın sözleri"),
    ("Hint-Pasifik", "Hint-Pasifik’te"),
    ("Hint-Pasifik", "Hint-Pasifik'in güvenliği"),
    ("Hint-Pasifik", "Hint-Pasifik bölgesine"),
    ("Asya-Pasifik", "Asya-Pasifik’teki varlığını"),
    ("Japonya", "Japonya’nın"),
    ("Japonya", "Japonya'ya"),
    ("Japonya", "Japonya’dan"),
    ("NATO", "NATO’nun"),
    ("NATO", "NATO’su"),
    ("NATO", "NATO'dan çekilebileceğini"),
    ("Asya NATO’su", "Asya NATO’sunun"),
    ("Asya NATO’su", "Asya NATO’suna katılma"),
    ("Söderberg", "Söderberg’in"),
    ("İsveç", "İsveç’e"),
    ("İsveç", "isveç"),
    ("kitap", "kitabı"),
    ("ittifak", "ittifakın"),
    ("ittifak", "ittifaka"),
    ("ittifak", "ittifakı"),
]


@pytest.mark.parametrize("term, text", TURKISH, ids=[t for _, t in TURKISH])
def test_turkish_forms_match(term: str, text: str) -> None:
    assert matches("tr", term, text)


RUSSIAN = [
    ("заместитель генерального секретаря НАТО", "заместитель генерального секретаря НАТО"),
    ("заместитель генерального секретаря НАТО", "по словам заместителя генерального секретаря НАТО"),
    ("заместитель генерального секретаря НАТО", "заместителю генерального секретаря НАТО"),
    ("заместитель генерального секретаря НАТО", "с заместителем генерального секретаря НАТО"),
    ("заместитель генерального секретаря НАТО", "о заместителе генерального секретаря НАТО"),
    ("заместитель генерального секретаря НАТО", "заместители генерального секретаря НАТО"),
    ("Индо-Тихоокеанский регион", "в Индо-Тихоокеанском регионе"),
    ("Индо-Тихоокеанский регион", "Индо-Тихоокеанского региона"),
    ("Индо-Тихоокеанский регион", "Индо-Тихоокеанскому региону"),
    ("Индо-Тихоокеанский регион", "с Индо-Тихоокеанским регионом"),
    ("азиатское НАТО", "об «азиатском НАТО»"),
    ("азиатское НАТО", "азиатского НАТО"),
    ("Япония", "Японии"),
    ("Япония", "Японию"),
    ("Япония", "с Японией"),
    ("Южная Корея", "Южной Кореи"),
    ("Южная Корея", "Южную Корею"),
    ("Соединённые Штаты", "Соединённых Штатов"),
    ("Соединённые Штаты", "Соединенными Штатами"),
    ("трансатлантический", "в трансатлантической обороне"),
    ("трансатлантический", "трансатлантическая безопасность"),
    ("Дэвид ван Вел", "Дэвида ван Вела"),
]


@pytest.mark.parametrize("term, text", RUSSIAN, ids=[t for _, t in RUSSIAN])
def test_russian_forms_match(term: str, text: str) -> None:
    assert matches("ru", term, text)


NAME_CASES = ["Сёдерберг", "Сёдерберга", "Сёдербергу", "Сёдербергом", "Сёдерберге",
              "Сёдерберги", "Сёдербергов", "Седерберга"]


@pytest.mark.parametrize("form", NAME_CASES)
def test_a_russian_name_matches_in_every_case(form: str) -> None:
    assert matches("ru", "Сёдерберг", form, name=True, case=True)


@pytest.mark.parametrize("form", ["Содерберг", "Содерберга", "Содербергу", "Содербергом",
                                  "Содерберге", "Содербергов"])
def test_a_forbidden_variant_is_caught_in_every_case(form: str) -> None:
    assert matches("ru", "Содерберг", form, name=True, case=True)
    assert not matches("ru", "Сёдерберг", form, name=True, case=True)


NO_MATCH = [
    ("ru", "заместитель генерального секретаря НАТО", "генеральный секретарь НАТО"),
    ("ru", "Япония", "японский"),
    ("tr", "NATO Genel Sekreter Yardımcısı", "NATO Genel Sekreteri"),
    ("tr", "Hint-Pasifik", "Asya-Pasifik"),
    ("en", "Pythonic", "Python"),
    ("en", "callback", "buffer_callback"),
]


@pytest.mark.parametrize("lang, term, text", NO_MATCH, ids=[f"{l}-{t}" for l, _, t in NO_MATCH])
def test_other_words_do_not_match(lang: str, term: str, text: str) -> None:
    assert not matches(lang, term, text)


def test_case_sensitive_names_need_their_capital() -> None:
    assert matches("en", "Japan", "Japan's exports", name=True, case=True)
    assert not matches("en", "Japan", "black japan lacquer", name=True, case=True)
    assert matches("en", "US", "the US and Europe", case=True)
    assert not matches("en", "US", "let us go", case=True)


def test_english_plurals_match() -> None:
    assert matches("en", "abstract base class", "Abstract base classes complement duck typing")
    assert matches("en", "library", "the libraries")


VERB_USES = [
    ("This section lists the changes.", []),
    ("Type a key character.", []),
    ("The list is sorted.", ["list"]),
    ("A list of the changes.", ["list"]),
]


@pytest.mark.parametrize("source, expected", VERB_USES, ids=[v[0] for v in VERB_USES])
def test_an_english_noun_used_as_a_verb_is_not_the_term(source: str, expected: list[str]) -> None:
    from concord.glossary.index import TermIndex
    from concord.glossary.model import Concept, Glossary

    index = TermIndex(Glossary([Concept("list", ["list"], {"es": ["lista"]}),
                                Concept("type", ["type"], {"es": ["tipo"]})]))
    assert [c.id for c in index.concepts_in(source)] == expected


@pytest.mark.parametrize("source", ["The value is a list. The next one is not.",
                                    "Use a list; the order matters."])
def test_a_sentence_end_is_not_a_verb_context(source: str) -> None:
    from concord.glossary.index import TermIndex
    from concord.glossary.model import Concept, Glossary

    index = TermIndex(Glossary([Concept("list", ["list"], {"es": ["lista"]})]))
    assert [c.id for c in index.concepts_in(source)] == ["list"]
