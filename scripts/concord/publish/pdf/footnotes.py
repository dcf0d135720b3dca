"""Footnotes at their calls, for the printed page only.

Sphinx writes every footnote into a list where the author placed it (here, under a
"Notes" rubric at the end). A printed article wants each note at the foot of the page
that cites it; WeasyPrint does that for an element styled ``float: footnote``, placed
where the call is. :func:`place_footnotes` rewrites a resolved doctree so that:

* each footnote's text becomes an inline ``<span class="concord-footnote">`` right
  after its first reference, keeping the footnote's ids (so the reference still links
  to it) and its label as printed in the HTML (the roman numerals of
  ``concord_footnote_label_style``);
* the reference and the word before it are wrapped in one
  ``<span class="concord-noteref">`` that the print stylesheet keeps on one line, so a
  mark never wraps alone onto the next line; the space the source puts between a word
  and its mark is dropped, as typesetters set the mark against the word;
* a rubric that only headed the moved notes ("Notes") is removed.

The HTML editions never see this: the print builder alone calls it.
"""

from __future__ import annotations

import re

from docutils import nodes

#: Classes the print stylesheet styles.
NOTE_CLASS = "concord-footnote"
NOTE_LABEL_CLASS = "concord-footnote-label"
NOTE_TEXT_CLASS = "concord-footnote-text"
NOTE_PARA_CLASS = "concord-footnote-para"
CALL_CLASS = "concord-noteref"

_LAST_WORD = re.compile(r"(\S+)\s*$")
_SPACES = re.compile(r"[ \t\r\n]+")  # ASCII white space only: no-break spaces stay


def place_footnotes(doctree: nodes.Element) -> int:
    """Move every cited footnote to its first call; return how many moved."""
    by_id = {ident: fn for fn in doctree.findall(nodes.footnote) for ident in fn["ids"]}
    headings = _rubrics_heading_footnotes(doctree)
    moved: set[int] = set()
    for ref in list(doctree.findall(nodes.footnote_reference)):
        footnote = by_id.get(ref.get("refid", ""))
        wrapper = _glue_to_previous_word(ref)
        if footnote is None or id(footnote) in moved or footnote.parent is None:
            continue
        wrapper += _inline_note(footnote)
        footnote.parent.remove(footnote)
        moved.add(id(footnote))
    for rubric, notes in headings:
        if rubric.parent is not None and all(id(fn) in moved for fn in notes):
            rubric.parent.remove(rubric)
    return len(moved)


def _inline_note(footnote: nodes.footnote) -> nodes.inline:
    """The footnote as one inline element: its label, then its paragraphs' contents."""
    note = nodes.inline(classes=[NOTE_CLASS], ids=list(footnote["ids"]))
    footnote["ids"] = []
    label = footnote.next_node(nodes.label)
    if label is not None:
        note += nodes.inline("", label.astext(), classes=[NOTE_LABEL_CLASS])
    text = nodes.inline(classes=[NOTE_TEXT_CLASS])
    note += text
    for index, child in enumerate(c for c in footnote.children if not isinstance(c, nodes.label)):
        if isinstance(child, nodes.paragraph):
            content = list(child.children)
        else:  # a list or a block quote inside a note: keep its words
            content = [nodes.Text(child.astext())]
        if index == 0:
            text.extend(content)
        else:
            text += nodes.inline("", "", *content, classes=[NOTE_PARA_CLASS])
    _collapse_whitespace(note)
    return note


def _collapse_whitespace(element: nodes.Element) -> None:
    """Turn the source's line breaks into spaces inside a note.

    WeasyPrint 70 lays a ``float: footnote`` element out without collapsing its white
    space first, so every newline of the reST source became a line break in the note.
    """
    for text in list(element.findall(nodes.Text)):
        collapsed = _SPACES.sub(" ", str(text))
        if collapsed != str(text):
            text.parent.replace(text, nodes.Text(collapsed))


def _glue_to_previous_word(ref: nodes.footnote_reference) -> nodes.inline:
    """Wrap ``ref`` and the word before it in a no-break span; return the span."""
    parent = ref.parent
    wrapper = nodes.inline(classes=[CALL_CLASS])
    before = _previous(ref)
    if isinstance(before, nodes.Text) and not before.strip():
        parent.remove(before)  # the space between a word and its mark
        before = _previous(ref)
    if isinstance(before, nodes.Text):
        text = str(before)
        match = _LAST_WORD.search(text)
        assert match is not None  # not blank: handled above
        head = text[: match.start()]
        if head:
            parent.replace(before, nodes.Text(head))
        else:
            parent.remove(before)
        wrapper += nodes.Text(match.group(1))
    elif isinstance(before, nodes.Inline) and not _is_mark(before):
        parent.remove(before)  # *emphasis*[#]_: the whole emphasis is the word
        wrapper += before
    parent.replace(ref, wrapper)
    wrapper += ref
    return wrapper


def _previous(node: nodes.Node) -> nodes.Node | None:
    index = node.parent.index(node)
    return node.parent[index - 1] if index > 0 else None


def _is_mark(node: nodes.Node) -> bool:
    return isinstance(node, nodes.footnote_reference) or (
        isinstance(node, nodes.inline) and CALL_CLASS in node["classes"])


def _rubrics_heading_footnotes(
    doctree: nodes.Element,
) -> list[tuple[nodes.rubric, list[nodes.footnote]]]:
    """Rubrics directly followed by footnotes only, with those footnotes."""
    found = []
    for rubric in doctree.findall(nodes.rubric):
        parent = rubric.parent
        notes: list[nodes.footnote] = []
        for sibling in parent.children[parent.index(rubric) + 1:]:
            if not isinstance(sibling, nodes.footnote):
                break
            notes.append(sibling)
        if notes:
            found.append((rubric, notes))
    return found
