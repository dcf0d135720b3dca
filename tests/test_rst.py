"""What a message contains: the scanner and docutils' own reading agree on the forms."""

from __future__ import annotations

from collections import Counter

import pytest

from concord.rst import PLACEABLE_KINDS, Span, parse, placeables, references, scan, urls

FORMS = ["[100]_", "[#]_", "[ref]_", "[#named]_", "[*]_", "[CIT2024]_"]


@pytest.mark.parametrize("form", FORMS)
def test_every_footnote_form_is_a_reference(form: str) -> None:
    message = f"A claim {form} and another, {form}."
    assert references(message) == Counter({form: 2})
    docutils_form = form.lower() if form[1].isalpha() else form
    assert parse(message).references == Counter({docutils_form: 2})


@pytest.mark.parametrize("text", ["word[#a]_ glued", "a.[#a]_ dotted", "``[#a]_`` literal"])
def test_not_references_where_docutils_sees_none(text: str) -> None:
    assert references(text) == Counter()
    assert parse(text).references == Counter()


def test_spans_and_keys() -> None:
    message = ("See ``f(x)`` and :func:`title <mod.f>` and `T <https://a.example/x>`_, |sub| "
               "name_ and https://b.example/y. On 19.12.2023, 16 areas.")
    kinds = [(s.kind, s.key) for s in scan(message)]
    assert kinds == [("literal", "f(x)"), ("role", "mod.f"), ("link", "https://a.example/x"),
                     ("substitution", "sub"), ("named-ref", "name"), ("url", "https://b.example/y"),
                     ("date", "19.12.2023"), ("number", "16")]
    assert urls(message) == ["https://a.example/x", "https://b.example/y"]
    assert all(isinstance(s, Span) and s.kind in PLACEABLE_KINDS for s in placeables(message))
    assert "named-ref" not in PLACEABLE_KINDS


def test_docutils_reading() -> None:
    parsed = parse("See :func:`~mod.f`, ``x``, `T <https://a.example/>`_, `Guide`_ and |v|.")
    assert parsed.kind == "paragraph" and parsed.errors == ()
    assert parsed.roles == Counter({":func:`mod.f`": 1})
    assert parsed.literals == Counter({"x": 1})
    assert parsed.urls == Counter({"https://a.example/": 1})
    assert parsed.names == Counter({"`guide`_": 1, "|v|": 1})
    broken = parse("- a list *unclosed")
    assert broken.kind == "bullet_list" and "Inline emphasis start-string without end-string" in broken.errors
