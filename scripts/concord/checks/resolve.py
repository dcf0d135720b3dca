"""What the project's own translations make resolvable: translated glossary terms and
translated section titles.

Sphinx translates a glossary's terms (``make_glossary_term`` in its Locale transform)
and registers the translated term, so ``:term:`generador``` resolves in the Spanish
build when the glossary's catalog translates ``generator`` as ``generador``. A section
title's translation becomes a name of that section (``update_title_mapping``), so a
named reference written with the translated title resolves too. These lookups are read
from the catalogs: the catalog under check (a document's own titles and glossary) and
any ``glossary.po`` found beside it or in a folder above it, up to the catalogs' root,
which is where sphinx-intl and the Python documentation's translations keep the
glossary (``glossary.po``, ``LC_MESSAGES/glossary.po``).
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from pathlib import Path

from concord.catalog.load import Catalog, read_catalog
from concord.checks.base import CatalogContext
from concord.errors import CatalogError

GLOSSARY_NAMES = ("glossary.po",)
#: An inline literal as written, and a Python identifier in it.
_LITERAL = re.compile(r"``(.+?)``", re.DOTALL)
_IDENTIFIER = re.compile(r"[^\W\d]\w*")
#: How many folders above a catalog are searched for the glossary's catalog.
GLOSSARY_DEPTH = 6


def normalize(name: str) -> str:
    """docutils' ``fully_normalize_name``: case and runs of whitespace do not count."""
    return " ".join(name.lower().split())


def _translations(catalog: Catalog) -> dict[str, set[str]]:
    """normalized translation -> normalized sources it translates (translated entries)."""
    found: dict[str, set[str]] = {}
    for entry in catalog.entries:
        if entry.translated and entry.msgid_plural is None and len(entry.msgid) < 200:
            found.setdefault(normalize(entry.msgstr), set()).add(normalize(entry.msgid))
    return found


def titles(ctx: CatalogContext) -> dict[str, set[str]]:
    """The document's translated titles (and other short messages), by translation."""
    cached = ctx.memo.get("titles")
    if cached is None:
        cached = ctx.memo["titles"] = _translations(ctx.catalog)
    return cached  # type: ignore[return-value]


def source_names(ctx: CatalogContext) -> set[str]:
    """The normalized msgids of the document: names its sections may have in English."""
    cached = ctx.memo.get("names")
    if cached is None:
        cached = ctx.memo["names"] = {normalize(e.msgid) for e in ctx.catalog.entries
                                      if not e.obsolete and len(e.msgid) < 200}
    return cached  # type: ignore[return-value]


def terms(ctx: CatalogContext) -> dict[str, set[str]]:
    """Translated glossary term -> the English terms it translates (lower case)."""
    cached = ctx.memo.get("terms")
    if cached is None:
        found: dict[str, set[str]] = {}
        for path in _glossaries(ctx.fs_path):
            for term, sources in _glossary_terms(str(path)).items():
                found.setdefault(term, set()).update(sources)
        for term, sources in _term_translations(ctx.catalog).items():
            found.setdefault(term, set()).update(sources)
        cached = ctx.memo["terms"] = found
    return cached  # type: ignore[return-value]


def _glossaries(path: Path | None) -> list[Path]:
    """The glossary catalogs of the project ``path`` belongs to (itself excepted).

    Under a ``LC_MESSAGES`` folder (sphinx-intl's layout) every ``glossary.po`` of that
    language counts, wherever its document lives; otherwise the folders above the
    catalog are searched (a translation repository such as python-docs-es).
    """
    if path is None:
        return []
    path = path.resolve()
    root = next((p for p in path.parents if p.name == "LC_MESSAGES"), None)
    if root is not None:
        return [p for p in _below(root) if p != path]
    found: list[Path] = []
    folder = path.parent
    for _ in range(GLOSSARY_DEPTH):
        found.extend(folder / n for n in GLOSSARY_NAMES if (folder / n).is_file() and folder / n != path)
        if folder.parent == folder:
            break
        folder = folder.parent
    return found


@lru_cache(maxsize=8)
def _below(root: Path) -> tuple[Path, ...]:
    return tuple(sorted(p for name in GLOSSARY_NAMES for p in root.rglob(name)))


@lru_cache(maxsize=16)
def _glossary_terms(path: str) -> dict[str, set[str]]:
    try:
        catalog = read_catalog(Path(path), display=path)
    except CatalogError:
        return {}  # reported when that catalog is itself checked
    return _term_translations(catalog)


def _term_translations(catalog: Catalog) -> dict[str, set[str]]:
    """Short translated messages as terms; ``term : classifier`` keeps the term only
    (``split_term_classifiers``)."""
    found: dict[str, set[str]] = {}
    for entry in catalog.entries:
        if entry.translated and entry.msgid_plural is None and len(entry.msgid) < 80:
            term = entry.msgstr.split(" : ", 1)[0]
            found.setdefault(" ".join(term.lower().split()), set()).add(
                " ".join(entry.msgid.split(" : ", 1)[0].lower().split()))
    return found


def code_names(ctx: CatalogContext) -> Counter[str]:
    """identifier -> how many messages of the document show it inside a ````literal````.

    A name the page's examples use (``word`` of ``word[0]``, ``word[1:3]``) appears in
    several messages; a metavariable of one sentence (``str(network)``) in that one.
    """
    cached = ctx.memo.get("code_names")
    if cached is None:
        found: Counter[str] = Counter()
        for entry in ctx.catalog.entries:
            if "``" in entry.msgid:
                found.update(names_in_literals(entry.msgid))
        cached = ctx.memo["code_names"] = found
    return cached  # type: ignore[return-value]


def names_in_literals(text: str) -> set[str]:
    """The identifiers inside the ````literals```` of ``text``."""
    return {name for literal in _LITERAL.findall(text) for name in _IDENTIFIER.findall(literal)}
