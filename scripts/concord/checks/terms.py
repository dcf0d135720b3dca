"""Terminology: the glossary's approved terms in every translation, inflected or not.

When a source message mentions a glossary term, its translation must contain one of
the approved target terms, in whatever form the sentence needs ("заместителя
генерального секретаря НАТО" renders "NATO Deputy Secretary General"), and no
translation may contain a forbidden variant ("Содерберг", "Содербергом"). A source
term left as it is in the translation (a quoted title, a name kept in the original)
counts as rendered. The glossary is ``glossary/*.tbx`` (see :mod:`concord.glossary`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from concord import glossary
from concord.checks.base import CatalogContext, MessageCheck, Unit
from concord.glossary.index import Problem
from concord.rst import Span

#: Roles whose text is prose a reader sees (the others hold code or targets).
PROSE_ROLES = frozenset({"term", "dfn", "abbr", "guilabel", "menuselection",
                         "title-reference", "emphasis", "strong"})
#: Roles that show a title when one is given (``:ref:`the title <label>```), else a label.
TITLED_ROLES = frozenset({"ref", "doc", "numref"})
#: ``*name*`` of one word: a parameter or a placeholder (the Python docs' habit).
_EMPHASISED_NAME = re.compile(r"(?<![\w*])\*[\w.]+\*(?![\w*])")
_DROPPED = frozenset({"url", "literal", "email", "footnote", "citation", "substitution",
                      "named-ref", "date", "number"})


def readable(text: str, spans: list[Span]) -> str:
    """``text`` as a reader sees it: URLs, literals and code roles removed; a link's or
    prose role's title kept without its target."""
    out, last = [], 0
    for span in spans:
        if span.kind in _DROPPED or span.kind in ("role", "link"):
            out.append(text[last:span.start])
            out.append(" " + _title(span) + " " if _keeps_title(span) else " ")
            last = span.end
    out.append(text[last:])
    return _EMPHASISED_NAME.sub(" ", "".join(out)) if "*" in text else "".join(out)


def _keeps_title(span: Span) -> bool:
    if span.kind == "link":
        return True
    role = span.role.rsplit(":", 1)[-1]
    return span.kind == "role" and (role in PROSE_ROLES or (role in TITLED_ROLES and "<" in span.text))


def _title(span: Span) -> str:
    body = span.text.split("`", 2)[1] if span.text.count("`") >= 2 else ""
    return body.split("<", 1)[0].strip() if "<" in body else body


def problems_of(unit: Unit, lang: str) -> list[Problem]:
    """The term problems of one unit, computed once for the three checks."""
    cached = unit.__dict__.get("_term_problems")
    if cached is None:
        index = glossary.active().index
        cached = []
        if index is not None and index.has_language(lang):
            cached = index.problems(readable(unit.source, unit.source_spans),
                                    readable(unit.target, unit.target_spans), lang)
        unit.__dict__["_term_problems"] = cached
    return cached


class _TermCheck(MessageCheck):
    kind = ""
    strict = False
    family = "terms"

    def check_message(self, unit: Unit, ctx: CatalogContext) -> Iterable[str]:
        for problem in problems_of(unit, ctx.lang):
            if (problem.concept.severity == "error") == self.strict and (
                    not self.kind or problem.kind == self.kind):
                yield problem.message


class TermMissing(_TermCheck):
    """The source mentions a glossary term and the translation does not use its approved
    rendering in any inflected form. Use the approved term, or add the form you need to
    the glossary entry (as an admitted term) after the editors agree."""

    id = "term-missing"
    name = "Glossary term missing"
    description = "a glossary term of the source without its approved translation"
    severity = "warning"
    kind = "missing"


class TermForbidden(_TermCheck):
    """The translation uses a variant the glossary forbids (in any inflected form):
    write the approved term instead."""

    id = "term-forbidden"
    name = "Forbidden term"
    description = "a forbidden variant of a glossary term in the translation"
    severity = "warning"
    kind = "forbidden"


class TermMandatory(_TermCheck):
    """Like term-missing and term-forbidden, for the glossary entries whose severity is
    ``error`` (names and titles the publication never varies): fix before publishing."""

    id = "term-mandatory"
    name = "Mandatory term"
    description = "a mandatory glossary term missing, or its forbidden variant used"
    severity = "error"
    strict = True
