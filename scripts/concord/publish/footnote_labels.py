"""Relabel auto-numbered footnotes in the style the publication prints.

docutils numbers ``[#]_`` and ``[#name]_`` footnotes in arabic during its
``Footnotes`` transform (priority 620). This transform runs right after it and rewrites
the visible label of each auto-numbered note and of every reference to it, leaving ids
and anchors alone, so links, backlinks and translations keep working. Footnotes whose
label the author wrote by hand (``[1]_``, ``[*]_``) are left exactly as written.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.transforms import SphinxTransform
from sphinx.util import logging

from concord.publish.numerals import LABEL_STYLES

logger = logging.getLogger(__name__)


class FootnoteLabelStyle(SphinxTransform):
    """Render auto-numbered footnote labels with ``concord_footnote_label_style``."""

    default_priority = 625  # after docutils' Footnotes transform (620) numbered them

    def apply(self, **kwargs: Any) -> None:
        style = LABEL_STYLES[self.config.concord_footnote_label_style]
        if style is LABEL_STYLES["arabic"]:
            return
        for footnote in self.document.findall(nodes.footnote):
            if not footnote.get("auto") or not footnote.children:
                continue
            label = footnote.children[0]
            if isinstance(label, nodes.label):
                _set_text(label, _relabel(label.astext(), style))
        for ref in self.document.findall(nodes.footnote_reference):
            if ref.get("auto"):
                _set_text(ref, _relabel(ref.astext(), style))


def _relabel(text: str, style: Any) -> str:
    """Convert an arabic label; keep anything docutils left unnumbered (an error)."""
    return style(int(text)) if text.isdigit() else text


def _set_text(node: nodes.Element, text: str) -> None:
    """Replace the node's content through docutils so the new Text knows its parent."""
    node.clear()
    node += nodes.Text(text)
