"""The one explicit list of checks, in the order they run and are documented.

Adding a check means adding it here; nothing is discovered by reflection. The
documentation page (``concord check --list-checks --format markdown``) and the opt-out
flags (``#, concord-ignore-<id>``) are derived from this tuple.
"""

from __future__ import annotations

from concord.checks.base import Check
from concord.checks.completeness import Fuzzy, MissingFromCatalog, Obsolete, Untranslated
from concord.checks.footnotes import (
    FootnoteBody, FootnoteEditions, FootnoteOrphan, FootnoteRefs, FootnoteSwap,
)
from concord.checks.markup import LiteralChanged, ReferenceChanged, RoleTarget, RstSyntax, UrlChanged
from concord.checks.markup import MarkupAdded, ReferenceRenamed, TermLocalized, UrlAdded, UrlLocalized
from concord.checks.markup import ExtraBlock, LiteralPlaceholder, LiteralRestyled, RoleBroken
from concord.checks.msgfmt import CatalogHeader, FormatString
from concord.checks.script import DoubleSpace, MixedScript, TurkishI, WhitespaceEdges
from concord.checks.unchanged import Unchanged
from concord.checks.terms import TermForbidden, TermMandatory, TermMissing
from concord.checks.spelling import Spelling
from concord.checks.consistency import Inconsistent

CHECKS: tuple[Check, ...] = (
    FootnoteRefs(),
    FootnoteBody(),
    FootnoteSwap(),
    FootnoteOrphan(),
    FootnoteEditions(),
    Untranslated(),
    Fuzzy(),
    Obsolete(),
    MissingFromCatalog(),
    RstSyntax(),
    ExtraBlock(),
    UrlChanged(),
    LiteralChanged(),
    LiteralPlaceholder(),
    LiteralRestyled(),
    RoleTarget(),
    RoleBroken(),
    ReferenceChanged(),
    UrlLocalized(),
    UrlAdded(),
    TermLocalized(),
    ReferenceRenamed(),
    MarkupAdded(),
    MixedScript(),
    TurkishI(),
    DoubleSpace(),
    WhitespaceEdges(),
    Unchanged(),
    FormatString(),
    CatalogHeader(),
    TermMissing(),
    TermForbidden(),
    TermMandatory(),
    Spelling(),
    Inconsistent(),
)

BY_ID: dict[str, Check] = {check.id: check for check in CHECKS}
assert len(BY_ID) == len(CHECKS), "check ids must be unique"
