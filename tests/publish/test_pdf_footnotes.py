"""Footnotes moved to their calls in the print doctree, for every footnote form."""

from __future__ import annotations

import pytest
from docutils import nodes
from docutils.core import publish_doctree

from concord.publish.pdf.footnotes import (
    CALL_CLASS, NOTE_CLASS, NOTE_LABEL_CLASS, NOTE_PARA_CLASS, place_footnotes,
)
from concord.publish.pdf.printext import ZERO_WIDTH_SPACE, allow_url_breaks

SOURCE = """\
Numbered note [100]_ and an auto one
[#]_, a citation [ref]_, a named one [#named]_ and a symbol [*]_.

*Emphasis* [#emph]_ and again the named one [#named]_.

.. rubric:: Notes

.. [100] Hundred.
.. [#] Auto
   on two lines.
.. [#named] Named, with https://example.org/a/b?c=d.

   Second paragraph.
.. [*] Symbol.
.. [#emph] After emphasis.

.. [ref] A citation stays where it is.
"""


@pytest.fixture()
def pdf_doctree() -> nodes.document:
    doctree = publish_doctree(SOURCE, settings_overrides={"report_level": 5})
    place_footnotes(doctree)
    return doctree


def _note_by_label(doctree: nodes.document, label: str) -> nodes.inline:
    for note in doctree.findall(nodes.inline):
        if NOTE_CLASS in note["classes"] and note[0].astext() == label:
            return note
    raise AssertionError(f"no note labelled {label!r}")


@pytest.mark.parametrize(("label", "word", "text"), [
    pytest.param("100", "note", "Hundred.", id="numbered-[100]"),
    pytest.param("1", "one", "Auto on two lines.", id="auto-[#]"),
    pytest.param("2", "one", "Named, with https://example.org/a/b?c=d.Second paragraph.", id="named-[#named]"),
    pytest.param("*", "symbol", "Symbol.", id="symbol-[*]"),
    pytest.param("3", "Emphasis", "After emphasis.", id="after-inline-markup"),
])
def test_note_follows_its_call_glued_to_the_word(pdf_doctree: nodes.document, label: str, word: str, text: str) -> None:
    note = _note_by_label(pdf_doctree, label)
    wrapper = note.parent
    assert CALL_CLASS in wrapper["classes"]
    ref = wrapper.next_node(nodes.footnote_reference)
    assert ref is not None and ref.astext() == label and ref["refid"] in note["ids"]
    assert wrapper.astext().startswith(word)  # the word before the mark, no space
    assert note[0]["classes"] == [NOTE_LABEL_CLASS]
    assert note[1].astext() == text  # the source's newlines became spaces


def test_a_note_cited_twice_moves_once(pdf_doctree: nodes.document) -> None:
    wrappers = [w for w in pdf_doctree.findall(nodes.inline) if CALL_CLASS in w["classes"]]
    named = [w for w in wrappers if w.next_node(nodes.footnote_reference).astext() == "2"]
    assert len(named) == 2
    moved = [n for w in named for n in w.children if isinstance(n, nodes.inline) and NOTE_CLASS in n["classes"]]
    assert len(moved) == 1 and moved[0].parent is named[0]


def test_second_paragraph_kept_apart(pdf_doctree: nodes.document) -> None:
    note = _note_by_label(pdf_doctree, "2")
    paras = [n for n in note.findall(nodes.inline) if NOTE_PARA_CLASS in n["classes"]]
    assert [p.astext() for p in paras] == ["Second paragraph."]


def test_notes_list_and_its_rubric_removed_citation_kept(pdf_doctree: nodes.document) -> None:
    assert list(pdf_doctree.findall(nodes.footnote)) == []
    assert list(pdf_doctree.findall(nodes.rubric)) == []
    assert len(list(pdf_doctree.findall(nodes.citation))) == 1


def test_no_space_between_word_and_mark(pdf_doctree: nodes.document) -> None:
    wrappers = [w for w in pdf_doctree.findall(nodes.inline) if CALL_CLASS in w["classes"]]
    assert len(wrappers) == 6
    for wrapper in wrappers:
        ref = wrapper.next_node(nodes.footnote_reference)
        word = wrapper[wrapper.index(ref) - 1]
        assert word.astext() and not word.astext()[-1].isspace(), wrapper


def test_rubric_kept_when_a_note_is_never_cited() -> None:
    doctree = publish_doctree(
        "Text [#a]_.\n\n.. rubric:: Notes\n\n.. [#a] Cited.\n.. [#b] Never cited.\n",
        settings_overrides={"report_level": 5},
    )
    assert place_footnotes(doctree) == 1
    assert len(list(doctree.findall(nodes.rubric))) == 1
    assert [f.astext().split() for f in doctree.findall(nodes.footnote)] == [["2", "Never", "cited."]]


def test_urls_get_break_opportunities_after_slashes() -> None:
    doctree = publish_doctree("See https://example.org/a/b-c?d=e.\n")
    allow_url_breaks(doctree)
    ref = doctree.next_node(nodes.reference)
    assert ref["refuri"] == "https://example.org/a/b-c?d=e"
    assert ref.astext() == "https://example.org/a/b-c?d=e".replace("org/", "org/" + ZERO_WIDTH_SPACE) \
        .replace("a/", "a/" + ZERO_WIDTH_SPACE).replace("?", ZERO_WIDTH_SPACE + "?") \
        .replace("=", ZERO_WIDTH_SPACE + "=")
