"""A Sphinx builder for the printed editions: HTML meant for WeasyPrint, not for a browser.

``concord pdf`` loads this extension next to the project's own; it can also be used
by hand::

    sphinx-build -b concord-print -D language=tr \\
        -D extensions=concord.publish.sphinxext,concord.publish.pdf.printext \\
        source build/print/tr

The builder is Sphinx's HTML builder with a bare template (the article, its title,
author, keywords and language in ``<head>``; no navigation, no search index, no
copied sources), each cited footnote moved to its call
(:mod:`concord.publish.pdf.footnotes`) and long web addresses given places to break.
Other builders are left alone.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.util.typing import ExtensionMetadata

from concord import __version__
from concord.publish.pdf.footnotes import place_footnotes

BUILDER_NAME = "concord-print"
THEME_NAME = "concord-print"
THEME_DIR = Path(__file__).parent / "theme" / THEME_NAME


class PrintBuilder(StandaloneHTMLBuilder):
    """One bare HTML page per document, to be typeset by WeasyPrint."""

    name = BUILDER_NAME
    epilog = "The print HTML pages are in %(outdir)s."
    search = False
    copysource = False

    def get_theme_config(self) -> tuple[str, dict[str, str | int | bool]]:
        return THEME_NAME, {}


ZERO_WIDTH_SPACE = "\u200b"
#: After a slash (but not inside "//"), or before ?, &, =: where Chicago breaks a URL.
_URL_BREAK = re.compile(r"(?<=[^/:]/)(?=[^/])|(?=[?&=])")


def allow_url_breaks(doctree: nodes.Element) -> None:
    """Let a printed web address break after its slashes instead of anywhere.

    A long address otherwise goes whole to a line of its own (or is cut mid-word).
    The link target (``refuri``) is untouched; only the printed text gains zero-width
    break opportunities.
    """
    for ref in list(doctree.findall(nodes.reference)):
        uri = ref.get("refuri", "")
        if "://" not in uri or len(ref.children) != 1 or not isinstance(ref[0], nodes.Text):
            continue
        text = str(ref[0])
        ref.replace(ref[0], nodes.Text(_URL_BREAK.sub(ZERO_WIDTH_SPACE, text)))


def prepare_for_print(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    if app.builder.name != BUILDER_NAME:
        return
    place_footnotes(doctree)
    allow_url_breaks(doctree)


def add_plain_title(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any,
) -> None:
    """The page title as plain text for the PDF's metadata.

    The ``title`` Sphinx gives templates is HTML, and Jinja's ``striptags`` also turns
    no-break spaces (which Russian typography puts after short words) into spaces.
    """
    if app.builder.name != BUILDER_NAME:
        return
    title = app.env.titles.get(pagename)
    context["print_title"] = title.astext() if title is not None else context.get("title", "")


def setup(app: Sphinx) -> ExtensionMetadata:
    app.add_html_theme(THEME_NAME, str(THEME_DIR))
    app.add_builder(PrintBuilder)
    app.connect("doctree-resolved", prepare_for_print)
    app.connect("html-page-context", add_plain_title)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
