"""Footnote label styles and language names: small tables, no Sphinx needed."""

from __future__ import annotations

import pytest

from concord.publish.languages import autonym, edition_links
from concord.publish.numerals import LABEL_STYLES, lower_alpha, lower_roman


@pytest.mark.parametrize(("number", "roman"), [
    (1, "i"), (4, "iv"), (8, "viii"), (9, "ix"), (14, "xiv"), (40, "xl"), (90, "xc"),
    (400, "cd"), (1994, "mcmxciv"), (3999, "mmmcmxcix"),
])
def test_lower_roman(number: int, roman: str) -> None:
    assert lower_roman(number) == roman
    assert LABEL_STYLES["upper-roman"](number) == roman.upper()


@pytest.mark.parametrize("number", [0, -1, 4000])
def test_roman_refuses_what_it_cannot_write(number: int) -> None:
    with pytest.raises(ValueError, match="1..3999"):
        lower_roman(number)


@pytest.mark.parametrize(("number", "label"), [(1, "a"), (26, "z"), (27, "aa"), (52, "az"), (53, "ba")])
def test_lower_alpha(number: int, label: str) -> None:
    assert lower_alpha(number) == label


@pytest.mark.parametrize(("lang", "name"), [
    ("en", "English"), ("tr", "Türkçe"), ("ru", "Русский"), ("pt_BR", "Português (Brasil)"),
    ("xx-nonsense", "xx-nonsense"),
])
def test_each_language_is_named_in_itself(lang: str, name: str) -> None:
    assert autonym(lang) == name


def test_edition_links_are_relative_to_the_page_depth() -> None:
    links = edition_links("articles/x", "tr", ["en", "tr", "ru"], ".html")
    assert [(l.lang, l.href, l.current) for l in links] == [
        ("en", "../../en/articles/x.html", False),
        ("tr", "../../tr/articles/x.html", True),
        ("ru", "../../ru/articles/x.html", False),
    ]
    top = edition_links("index", "en", ["en", "ru"], ".html", base_url="https://example.org/pub/")
    assert [l.href for l in top] == ["https://example.org/pub/en/index.html", "https://example.org/pub/ru/index.html"]
