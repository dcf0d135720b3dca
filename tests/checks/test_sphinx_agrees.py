"""Sphinx is the judge: a tiny project is built with a pseudo-locale catalog, and what the
HTML shows must agree with what ``concord check`` says of each translation.

Where the markup checks claim "Sphinx shows the English" or "Sphinx resolves it", this
build is the measurement behind the claim (``sphinx/transforms/i18n.py``, Sphinx 9).
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from check_helpers import E, entry_line, po_text
from concord.checks.config import CheckConfig
from concord.checks.runner import Job, run

SOURCE = """\
1. Command line
===============

Plain paragraph for a space.

Plain paragraph for a list.

1. one paragraph
that continues.

Paragraph ending with a colon:

Paragraph with *emphasis* here.

Paragraph kept whole.

Paragraph with the term :term:`generator` here.

Paragraph with a single `Examples`_ link.

Examples
--------

Text.

.. glossary::

   generator
      A thing.
"""

#: msgid -> (msgstr, what Sphinx shows: "translation" | "english", concord's errors)
CASES = {
    "1. Command line": ("1. LINEA DE ORDENES", "translation", []),
    "Plain paragraph for a space.": (" PARRAFO CON ESPACIO.", "english", ["rst-syntax"]),
    "Plain paragraph for a list.": ("2. PARRAFO LISTA.", "english", ["rst-syntax"]),
    # msgid and msgstr both start with '1. ': the paragraph's translation reads as a list
    "1. one paragraph that continues.": ("1. UN PARRAFO QUE SIGUE.", "english", ["rst-syntax"]),
    "Paragraph ending with a colon:": ("PARRAFO CON DOS PUNTOS::", "translation", []),
    "Paragraph with *emphasis* here.": ("PARRAFO CON *ENFASIS ROTO.", "translation", ["rst-syntax"]),
    "Paragraph kept whole.": ("PARRAFO PRIMERO.\n\nSEGUNDO BLOQUE.", "translation", []),  # a warning
    "Paragraph with the term :term:`generator` here.": ("PARRAFO TERMINO :term:`generador` AQUI.",
                                                         "translation", []),
    "Paragraph with a single `Examples`_ link.": ("PARRAFO CON `Ejemplos Y`_ ENLACE.", "translation", []),
    "generator": ("generador", "translation", []),
    "Examples": ("Ejemplos", "translation", []),
}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    root = tmp_path_factory.mktemp("agree")
    (root / "src").mkdir()
    (root / "src" / "conf.py").write_text("project = 't'\nlocale_dirs = ['../locale']\n", "utf-8")
    (root / "src" / "index.rst").write_text(SOURCE, "utf-8")
    catalog = root / "locale" / "xx" / "LC_MESSAGES" / "index.po"
    catalog.parent.mkdir(parents=True)
    catalog.write_text(po_text([E(m, s) for m, (s, _, _) in CASES.items()], "tr"), "utf-8")
    done = subprocess.run([sys.executable, "-m", "sphinx", "-q", "-b", "html", "-D", "language=xx",
                           str(root / "src"), str(root / "out")], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return catalog, (root / "out" / "index.html").read_text("utf-8")


def _shown(html: str) -> str:
    body = html[html.index('<section'):html.rindex('</section>')]
    return " ".join(re.sub(r"<[^>]+>", " ", body).split())


@pytest.mark.parametrize("msgid", [m for m in CASES if m not in ("generator", "Examples")])
def test_concord_says_what_sphinx_shows(built: tuple[Path, str], msgid: str) -> None:
    catalog, html = built
    msgstr, shown, errors = CASES[msgid]
    text = _shown(html)
    if shown == "english":
        assert msgid in text and msgstr.strip() not in text
    else:  # the last capitalised word of the first block: unique to this translation
        assert re.findall(r"[A-Z]{4,}", msgstr.split("\n\n")[0])[-1] in text and msgid not in text
    result = run([Job(catalog, "index.po", lang="xx")], sources=None, config=CheckConfig(), workers=1)
    line = entry_line(catalog.read_text("utf-8"), msgid)
    found = sorted(f.check for f in result.findings if f.line == line and f.severity == "error")
    assert found == errors, [f.message for f in result.findings if f.line == line]


def test_sphinx_resolves_translated_term_and_single_rename(built: tuple[Path, str]) -> None:
    _, html = built
    assert re.search(r'href="#term-generator"[^>]*>.*?generador', html, re.DOTALL)
    assert re.search(r'href="#examples"[^>]*>Ejemplos Y<', html)


def test_sphinx_keeps_only_the_first_block(built: tuple[Path, str]) -> None:
    catalog, html = built
    assert "PARRAFO PRIMERO." in html and "SEGUNDO BLOQUE." not in html
    result = run([Job(catalog, "index.po", lang="xx")], sources=None, config=CheckConfig(), workers=1)
    line = entry_line(catalog.read_text("utf-8"), "Paragraph kept whole.")
    assert [(f.check, f.severity) for f in result.findings if f.line == line] == [("rst-extra-block", "warning")]


def test_a_numbered_title_and_a_numbered_paragraph_are_told_apart(built: tuple[Path, str]) -> None:
    """msgid and msgstr both start with '1. ': a paragraph's translation is a list and
    Sphinx shows the English; the same start on a title is a title. From the catalog
    alone, the paragraph is the message that ends a sentence (or is longer than a title)."""
    catalog, html = built
    assert "1. one paragraph that continues." in " ".join(_shown(html).split())
    assert "1. LINEA DE ORDENES" in html and "UN PARRAFO QUE SIGUE" not in html
    result = run([Job(catalog, "index.po", lang="xx")], sources=None, config=CheckConfig(), workers=1)
    text = catalog.read_text("utf-8")
    flagged = {f.line for f in result.findings if f.check == "rst-syntax"}
    assert entry_line(text, "1. one paragraph that continues.") in flagged
    assert entry_line(text, "1. Command line") not in flagged
    message = next(f.message for f in result.findings if f.line == entry_line(text, "1. one paragraph that continues."))
    assert "the source starts the same way" in message and "2\\. " in message


SMART = 'Set ``"red"`` or pass ``--with-tcl`` here.'
SMART_TRANSLATION = 'Ponga *"red"* o pase `--with-tcl` aquí.'


@pytest.mark.parametrize(("lang", "changed"), [("es", True), ("ja", False)])
def test_a_literal_restyled_in_prose_is_smartquoted(tmp_path: Path, lang: str, changed: bool) -> None:
    """Code written as *emphasis* or `title` is prose to Sphinx: its smartquotes turn
    ``"red"`` into “red” and ``--`` into a dash, so the code shown changed (an error),
    except for the languages smartquotes skips by default (Japanese): a restyle."""
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "conf.py").write_text("project = 't'\nlocale_dirs = ['../locale']\n", "utf-8")
    (tmp_path / "src" / "index.rst").write_text(f"Title\n=====\n\n{SMART}\n", "utf-8")
    catalog = tmp_path / "locale" / lang / "LC_MESSAGES" / "index.po"
    catalog.parent.mkdir(parents=True)
    catalog.write_text(po_text([E(SMART, SMART_TRANSLATION)], lang), "utf-8")
    done = subprocess.run([sys.executable, "-m", "sphinx", "-q", "-b", "html", "-D", f"language={lang}",
                           str(tmp_path / "src"), str(tmp_path / "out")], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    text = _shown((tmp_path / "out" / "index.html").read_text("utf-8"))
    assert "Ponga" in text  # the translation is shown
    assert ('"red"' not in text and "--with-tcl" not in text) is changed, text
    result = run([Job(catalog, "index.po", lang=lang)], sources=None, config=CheckConfig(), workers=1)
    found = sorted((f.check, f.severity) for f in result.findings if f.line == entry_line(catalog.read_text("utf-8"), SMART))
    if changed:
        assert found == [("literal-changed", "error")]
        assert "smartquotes" in next(f.message for f in result.findings if f.check == "literal-changed")
    else:
        assert found == [("literal-restyled", "warning")]
