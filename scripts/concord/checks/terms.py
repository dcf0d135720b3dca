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

#: Roles whose text is prose a reader sees (the others hold code or targets).
PROSE_ROLES = frozenset({"term", "dfn", "abbr", "guilabel", "menuselection",
                         "title-reference", "emphasis", "strong"})
#: Roles that show a title when one is given (``:ref:`the title <label>```), else a label.
TITLED_ROLES = frozenset({"ref", "doc", "numref"})

#: The placeables of :mod:`concord.rst` in one pass (literal, role, link, footnote and
#: citation reference, substitution, URL, e-mail; a one-word ``*name*``, a parameter in
#: the Python docs' habit). One regex substitution, because the term and spelling checks
#: look at every message and ``rst.scan`` (eleven patterns and overlap resolution) costs
#: more than both checks together.
_PLACEABLE = re.compile(
    r"``.+?``"
    r"|(?::(?P<role>[A-Za-z][\w.+-]*(?::[A-Za-z][\w.+-]*)?):)?`(?P<body>[^`]+)`(?P<link>__?)?"
    r"(?::[A-Za-z][\w.+-]*:)?"
    r"|\[(?:#[\w.:+-]*|\*|\d+|[A-Za-z][\w.:+-]*)\]_"
    r"|\|[^|\s](?:[^|]*[^|\s])?\|_{0,2}"
    r"|\b(?:https?|ftp)://[^\s<>`\"“”«»]+"
    r"|\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b"
    r"|(?<![\w*])\*[\w.]+\*(?![\w*])", re.DOTALL)


def _keep(match: re.Match[str]) -> str:
    body = match.group("body")
    if body is None:
        return " "
    role = (match.group("role") or "").rsplit(":", 1)[-1]
    titled = "<" in body and body.rstrip().endswith(">")
    title = body.rsplit("<", 1)[0].strip() if titled else body
    if match.group("link") is not None or (not match.group("role") and match.group(0).endswith("`")):
        return f" {title} "  # a link, or `interpreted text` (a title reference)
    if role in PROSE_ROLES or (role in TITLED_ROLES and titled):
        return f" {title} "
    return " "


def readable(text: str) -> str:
    """``text`` as a reader sees it: URLs, literals, references and code roles removed; a
    link's or a prose role's title kept without its target."""
    if "`" not in text and "://" not in text and "|" not in text and "]_" not in text \
            and "@" not in text and "*" not in text:
        return text
    return _PLACEABLE.sub(_keep, text)


def problems_of(unit: Unit, lang: str) -> list[Problem]:
    """The term problems of one unit, computed once for the three checks."""
    cached = unit.__dict__.get("_term_problems")
    if cached is None:
        index = glossary.active().index
        cached = []
        if (index is not None and index.has_language(lang)
                and index.may_concern(unit.source, unit.target, lang)):
            cached = index.problems(readable(unit.source), readable(unit.target), lang, unit.target)
        unit.__dict__["_term_problems"] = cached
    return cached


class _TermCheck(MessageCheck):
    kind = ""
    strict = False
    family = "terms"

    def in_use(self) -> bool:
        return glossary.active().index is not None

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
