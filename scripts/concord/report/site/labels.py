"""Footnote references as the reader sees them: the printed label, not the reST.

A reviewer compares ``[i]`` in the English with ``[i]`` in the Turkish; ``[#nikkei]_``
is how the author typed it. Labels follow docutils' numbering (auto-numbered notes
count 1, 2, 3... skipping numbers written by hand; ``[*]_`` notes take the symbol
sequence) and, when the project loads concord's Sphinx extension, the style set in
``concord_footnote_label_style`` (``publish/footnote_labels.py`` relabels the same way).
"""

from __future__ import annotations

from collections.abc import Callable

from concord.publish.numerals import LABEL_STYLES
from concord.source import Note, SourceDocument

EXTENSION = "concord.publish.sphinxext"
#: docutils' ``Footnotes.symbols`` (repeated, doubled, for the 11th note on).
SYMBOLS = ("*", "\u2020", "\u2021", "\u00a7", "\u00b6", "#", "\u2660", "\u2665", "\u2666", "\u2663")


def label_style(extensions: list[str] | tuple[str, ...], configured: str) -> Callable[[int], str]:
    """The numbering of auto-numbered notes: the project's style if concord relabels."""
    if EXTENSION in extensions and configured in LABEL_STYLES:
        return LABEL_STYLES[configured]
    return LABEL_STYLES["arabic"]


class NoteLabels:
    """The printed label of every note of one document, and of every reference to one."""

    def __init__(self, doc: SourceDocument, style: Callable[[int], str]) -> None:
        self.by_number: dict[int, str] = {}
        self.by_key: dict[str, str] = {}
        self.anonymous: list[str] = []     # [#]_ notes, in order
        self.symbols: list[str] = []       # [*]_ notes, in order
        taken = {int(n.key) for n in doc.notes if n.key.isdigit()}
        auto = 0
        for note in doc.notes:
            if note.key.startswith("#"):
                auto += 1
                while auto in taken:
                    auto += 1
                label = style(auto)
                if note.key == "#":
                    self.anonymous.append(label)
            elif note.key == "*":
                count = len(self.symbols)
                label = SYMBOLS[count % len(SYMBOLS)] * (count // len(SYMBOLS) + 1)
                self.symbols.append(label)
            else:
                label = note.key
            self.by_number[note.number] = label
            if note.key not in ("#", "*"):
                self.by_key[note.key] = label

    def of_note(self, note: Note) -> str:
        return self.by_number.get(note.number, note.key)

    def of_reference(self, key: str, ordinal: int) -> str:
        """``key`` as reST writes it (``#nikkei``, ``#``, ``*``, ``1``, ``CIT``);
        ``ordinal`` counts the document's earlier anonymous references of that kind."""
        if key == "#":
            return self.anonymous[ordinal] if ordinal < len(self.anonymous) else "#"
        if key == "*":
            return self.symbols[ordinal] if ordinal < len(self.symbols) else "*"
        return self.by_key.get(key, self.by_key.get(key.lower(), key.lstrip("#")))
