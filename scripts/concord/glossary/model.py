"""The glossary as data: concepts with one source term and approved terms per language.

One *concept* is one row of a terminology database (a TBX ``conceptEntry``): the
source term (and its admitted spellings), per target language the approved terms
(the first one is preferred, the others admitted) and the forbidden variants, and the
fields a term check needs: part of speech (a proper noun is a *name*), whether case
matters, the severity of a breach, and a note for the translator.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from concord.errors import ConcordError

PARTS_OF_SPEECH = ("noun", "properNoun", "adjective", "verb", "adverb", "other")
SEVERITIES = ("warning", "error")
_ID = re.compile(r"^[a-z0-9][a-z0-9._-]*$")


@dataclass
class Concept:
    """One glossary entry; ``line`` is where it starts in its file (1-based)."""

    id: str
    source: list[str]
    targets: dict[str, list[str]] = field(default_factory=dict)
    forbidden: dict[str, list[str]] = field(default_factory=dict)
    pos: str = "noun"
    case_sensitive: bool = False
    severity: str = "warning"
    note: str = ""
    path: str = ""
    line: int = 0

    @property
    def is_name(self) -> bool:
        return self.pos == "properNoun"

    def languages(self) -> list[str]:
        return sorted(set(self.targets) | set(self.forbidden))

    def where(self) -> str:
        return f"{self.path}:{self.line}" if self.path else self.id


@dataclass
class Glossary:
    """Concepts in a stable order (by id), with the source language they start from."""

    concepts: list[Concept] = field(default_factory=list)
    source_lang: str = "en"

    def __iter__(self) -> Iterator[Concept]:
        return iter(self.concepts)

    def __len__(self) -> int:
        return len(self.concepts)

    def languages(self) -> list[str]:
        return sorted({lang for c in self.concepts for lang in c.languages()})

    def sorted(self) -> Glossary:
        return Glossary(sorted(self.concepts, key=lambda c: c.id), self.source_lang)

    def merged(self, other: Glossary) -> Glossary:
        """This glossary plus ``other``'s concepts (an id defined twice is an error)."""
        seen = {c.id: c for c in self.concepts}
        for concept in other.concepts:
            if concept.id in seen:
                raise ConcordError(f"{concept.where()}: concept id {concept.id!r} is already defined "
                                   f"at {seen[concept.id].where()}; give one of them another id")
            seen[concept.id] = concept
        return Glossary(list(seen.values()), self.source_lang).sorted()

    def search(self, text: str) -> list[Concept]:
        """Concepts whose source or any target term contains ``text`` (case-insensitive)."""
        needle = text.casefold()
        return [c for c in self.concepts
                if any(needle in term.casefold() for term in _all_terms(c))]


def _all_terms(concept: Concept) -> Iterable[str]:
    yield from concept.source
    for terms in concept.targets.values():
        yield from terms
    for terms in concept.forbidden.values():
        yield from terms


def validate(concept: Concept) -> None:
    """Raise one ``path:line: ...`` error for the first problem of ``concept``."""
    where = concept.where()
    if not _ID.match(concept.id):
        raise ConcordError(f"{where}: concept id {concept.id!r} is not a lowercase slug; write "
                           "letters, digits, '.', '_' or '-', e.g. 'nato-deputy-secretary-general'")
    if not concept.source or not all(t.strip() for t in concept.source):
        raise ConcordError(f"{where}: concept {concept.id!r} has no source term; add the "
                           "English term it translates")
    if concept.pos not in PARTS_OF_SPEECH:
        raise ConcordError(f"{where}: part of speech {concept.pos!r} of {concept.id!r} is not one "
                           f"of {', '.join(PARTS_OF_SPEECH)}")
    if concept.severity not in SEVERITIES:
        raise ConcordError(f"{where}: severity {concept.severity!r} of {concept.id!r} is not one "
                           f"of {', '.join(SEVERITIES)}")
    for lang, terms in concept.forbidden.items():
        clash = set(terms) & set(concept.targets.get(lang, ()))
        if clash:
            raise ConcordError(f"{where}: {', '.join(sorted(clash))!r} of {concept.id!r} is both "
                               f"approved and forbidden in {lang}; keep it in one list")
    for lang, terms in (*concept.targets.items(), *concept.forbidden.items()):
        if not all(t.strip() for t in terms):
            raise ConcordError(f"{where}: an empty {lang} term in {concept.id!r}; remove it or "
                               "write the term")


def slug(text: str) -> str:
    """A concept id made from a source term ("NATO Deputy ..." -> "nato-deputy-...")."""
    out = re.sub(r"[^\w]+", "-", text.casefold(), flags=re.UNICODE).strip("-")
    return re.sub(r"[^a-z0-9._-]", "", out) or "term"
