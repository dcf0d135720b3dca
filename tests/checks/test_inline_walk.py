"""The node-free inline walk (``rst.inline_clean``, ``rst.inline_markup``) must say what
docutils' own parse says: it only skips building nodes. Each row is read by both; where
the walk cannot be sure it must defer (``clean`` False), never claim a clean text that
docutils complains about."""

from __future__ import annotations

import pytest

from concord import rst

# (id, text, the walk may call it clean)
CASES = [
    ("plain", "Just words, no markup at all.", True),
    ("literal", "Call ``f(x)`` twice.", True),
    ("literal-backslash", r"Use ``\n`` and ``C:\path\`` here.", True),
    ("literal-unclosed", "Call ``f(x) twice.", False),
    ("emphasis", "An *emphasised* and **strong** word.", True),
    ("emphasis-escaped", r"An *emph\*asis* word.", True),
    ("emphasis-unclosed", "An *unclosed emphasis.", False),
    ("strong-unclosed", "A **strong start only.", False),
    ("quoted-star", "The '*' operator and \"*\" too.", True),
    ("star-alone", "2 * 3 is six.", True),
    ("role", "See :func:`len` and :class:`title <mod.Cls>`.", True),
    ("role-tilde-bang", "See :meth:`~a.b.c` and :func:`!nolink`.", True),
    ("role-escaped", r"See :func:`a\ b` here.", True),
    ("role-suffix", "See `len`:func: here.", True),
    ("role-both", "See :func:`len`:func: here.", False),
    ("role-and-reference", "See :func:`len`_ here.", False),
    ("role-unclosed", "See :func:`len here.", False),
    # :pep: has no docutils entry under that name: the generic stand-in, as in parse()
    ("role-pep", "Read :pep:`8` first.", True),
    # docutils' own roles defer, unless a Sphinx build in this process replaced them
    # (then parse() uses the generic stand-in too): either answer, never a wrong "clean"
    ("docutils-role-code", "Run :code:`x = 1` first.", None),
    ("docutils-role-raw", "A :raw:`<b>` here.", None),
    ("default-role", "A `title reference` here.", False),
    ("phrase-ref", "Read `the guide <https://example.org/>`_ now.", True),
    ("phrase-ref-anonymous", "Read `the guide <https://example.org/>`__ now.", True),
    ("phrase-ref-alias", "Read `the guide <Other_>`_ now.", True),
    ("named-ref", "Read Guide_ and `A title`_ now.", True),
    ("footnote-refs", "A note [#]_ and [1]_ and [*]_ and [CIT2002]_.", True),
    ("substitution", "The |version| and |link|_ here.", True),
    ("substitution-unclosed", "The |version here.", False),
    ("inline-target", "An _`inline target` here.", True),
    ("inline-target-unclosed", "An _`inline target here.", False),
    ("url-email", "Mail a@b.org or see https://x.org/a_b.", True),
    ("trailing-colons", "For example::", True),
    ("mixed", "``a`` *b* :func:`c` `d <e>`_ |f| [#]_ g_ **h**", True),
]


@pytest.mark.parametrize(("text", "may_be_clean"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_inline_clean_agrees_with_docutils(text: str, may_be_clean: bool | None) -> None:
    errors = rst.parse(text).errors
    clean = rst.inline_clean(text)
    if may_be_clean is not None:
        assert clean == may_be_clean, f"walk says clean={clean}; docutils: {errors}"
    if clean:
        assert errors == ()


@pytest.mark.parametrize("text", [c[1] for c in CASES] + [
    "1. A list item, read as a block.",
    " A leading space: a block quote with ``code``.",
    "First line\n   indented *second* line.",
], ids=[c[0] for c in CASES] + ["enumerated", "block-quote", "definition-list"])
def test_inline_markup_counts_what_parse_counts(text: str) -> None:
    walked = rst.inline_markup.__wrapped__(text)
    parsed = rst.parse(text)
    assert (dict(walked.literals), dict(walked.roles), dict(walked.styled)) == (
        dict(parsed.literals), dict(parsed.roles), dict(parsed.styled))
