"""What GNU ``msgfmt --check`` refuses, reported as findings: as strict as msgfmt, no stricter.

The catalog reader (:mod:`concord.catalog.strict`) stops at what makes a catalog
unreadable; these checks report the rest of what ``msgfmt --check`` (gettext 0.21)
refuses, at the line msgfmt names, while every other check still runs: a format string
whose directives the translation changed, a catalog without a header entry.
"""

from __future__ import annotations

from collections.abc import Iterable

from concord.catalog.formats import entry_problems
from concord.catalog.load import Entry
from concord.checks.base import CatalogCheck, CatalogContext


class FormatString(CatalogCheck):
    """The entry is flagged ``python-format``, ``python-brace-format`` or ``c-format``: a
    program fills its directives (``%s``, ``%(name)d``, ``{count}``) with its own values.
    The translation must keep every directive of the original (names and types; the order
    of unnamed ones), or the program fails; msgfmt refuses to compile the catalog. Keep
    the directives exactly as in the original, write ``%%`` for a literal percent sign,
    and drop the flag only if the string is not really a format string.

    In a document's catalog the flag is often Babel's guess (sphinx-intl flags "10%
    faster" because ``% f`` reads as a directive): Sphinx formats nothing, so the page
    is right and ``%%`` would show; the message says so, and that the flag must go
    where the project compiles with msgfmt. It stays an error: msgfmt refuses it."""

    id = "format-string"
    name = "Format string"
    description = "a translation breaks the format directives msgfmt checks (python, brace, c)"
    family = "msgfmt"

    def check_catalog(self, ctx: CatalogContext) -> Iterable[tuple[Entry | None, str, int]]:
        often = ctx.catalog.plural_often
        for entry in ctx.catalog.entries:
            if entry.flags:
                for problem in entry_problems(entry, often, documents=ctx.rest):
                    yield entry, problem, entry.msgstr_line or entry.line


class CatalogHeader(CatalogCheck):
    """The catalog has no header entry (``msgid ""`` with ``Content-Type``, ``Language``
    and ``Plural-Forms``). Sphinx still reads it, but ``msgfmt --check`` refuses it and
    nothing says its charset or plural rule: copy the header of another catalog of the
    same language."""

    id = "catalog-header"
    name = "Catalog header"
    description = "a catalog without a header entry (msgfmt --check refuses it)"
    family = "msgfmt"

    def check_catalog(self, ctx: CatalogContext) -> Iterable[tuple[Entry | None, str, int]]:
        for line, problem in ctx.catalog.problems:
            yield None, problem, line
