"""The glossary in the memory's store (SQLite or PostgreSQL), so a team shares it.

The file in git stays the truth: ``concord glossary import`` replaces the stored
glossary by the file's, in one transaction; ``export`` writes it back as TBX or CSV.
One row per term: ``(concept, lang, term, status, ord, pos, case_sensitive, severity,
note)`` with status ``source``, ``approved`` or ``forbidden``.
"""

from __future__ import annotations

from typing import Any

from concord.errors import ConcordError
from concord.glossary.model import Concept, Glossary

Row = tuple[object, ...]


def to_rows(glossary: Glossary) -> list[Row]:
    rows: list[Row] = []
    for c in glossary.sorted():
        fields = (c.pos, c.case_sensitive, c.severity, c.note)
        lists = [(glossary.source_lang, "source", c.source)]
        lists += [(lang, "approved", terms) for lang, terms in sorted(c.targets.items())]
        lists += [(lang, "forbidden", terms) for lang, terms in sorted(c.forbidden.items())]
        for lang, status, terms in lists:
            rows.extend((c.id, lang, term, status, order, *fields) for order, term in enumerate(terms))
    return rows


def from_rows(rows: list[Row]) -> Glossary:
    concepts: dict[str, Concept] = {}
    source_lang = "en"
    for cid, lang, term, status, _, pos, case, severity, note in rows:
        concept = concepts.get(str(cid))
        if concept is None:
            concept = concepts[str(cid)] = Concept(str(cid), [], pos=str(pos), case_sensitive=bool(case),
                                                   severity=str(severity), note=str(note))
        if status == "source":
            source_lang = str(lang)
            concept.source.append(str(term))
        else:
            table = concept.targets if status == "approved" else concept.forbidden
            table.setdefault(str(lang), []).append(str(term))
    return Glossary(list(concepts.values()), source_lang).sorted()


def _check(memory: Any) -> None:
    if not hasattr(memory, "glossary_rows"):
        raise ConcordError(f"the memory {memory.location} keeps no glossary; use an SQLite file "
                           "or a PostgreSQL database")


def save(memory: Any, glossary: Glossary) -> int:
    """Replace the stored glossary by ``glossary``; the number of terms stored."""
    _check(memory)
    rows = to_rows(glossary)
    memory.glossary_replace(rows)
    return len(rows)


def load(memory: Any) -> Glossary:
    _check(memory)
    return from_rows(memory.glossary_rows())
