"""The publication's glossary: approved terms and names, shared by the translators.

The truth is a reviewable file in git (``glossary/*.tbx``, TBX-Basic, or ``*.csv`` with
the same fields; see :mod:`concord.glossary.tbx`), imported into the memory's store so a
team can search it (``concord glossary import/export/search``). ``concord check`` reads
it once: :func:`activate` is called before the checks run (and before their worker
processes fork), and the term and spelling checks ask :func:`active` for it.

Outside a project, ``concord check --glossary FILE`` (or ``CONCORD_GLOSSARY``) names one.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from concord.glossary.files import FOLDER, glossary_files, known_words, project_glossary, read_glossary
from concord.glossary.index import TermIndex
from concord.glossary.model import Concept, Glossary

ENV_VAR = "CONCORD_GLOSSARY"


@dataclass
class Active:
    """What the checks of one run share: the term index and where word lists live."""

    index: TermIndex | None
    roots: list[Path] = field(default_factory=list)
    #: A glossary folder or file was found: the spelling check runs.
    enabled: bool = False
    _words: dict[str, frozenset[str]] = field(default_factory=dict)

    def known_words(self, lang: str) -> frozenset[str]:
        words = self._words.get(lang)
        if words is None:
            words = self._words[lang] = known_words(self.roots, lang)
        return words


_ACTIVE = Active(None)


def activate(root: Path | None, explicit: Path | None = None) -> Active:
    """Load the glossary of this run: ``explicit`` (or ``$CONCORD_GLOSSARY``), else the
    project's ``glossary/`` folder; word lists from beside it. Errors are ``path:line:``."""
    global _ACTIVE
    given = explicit or (Path(os.environ[ENV_VAR]) if os.environ.get(ENV_VAR) else None)
    roots: list[Path] = []
    glossary: Glossary | None = None
    if given is not None:
        glossary = read_glossary(glossary_files(given), root)
        roots.append(given if given.is_dir() else given.parent)
    enabled = given is not None
    if root is not None:
        roots.append(root)
        enabled = enabled or (root / FOLDER).is_dir()
        if glossary is None:
            glossary = project_glossary(root)
    deactivate()
    _ACTIVE = Active(TermIndex(glossary) if glossary else None, roots, enabled=enabled)
    return _ACTIVE


def active() -> Active:
    return _ACTIVE


def deactivate() -> None:
    """Forget this run's glossary and the checks' caches built from it (an in-process
    caller, a test or the editions gate, must not see the previous run's lists)."""
    global _ACTIVE
    _ACTIVE = Active(None)
    from concord.checks import spelling

    spelling.speller.cache_clear()
    spelling.known_words_of.cache_clear()


__all__ = ["Active", "Concept", "ENV_VAR", "Glossary", "TermIndex", "activate", "active"]
