"""Completeness: what the reader of an edition will see in English.

Sphinx publishes only translated, non-fuzzy entries; everything else falls back to the
English source, silently. A language's threshold (default 100%) decides whether its
missing segments fail the gate; they are listed either way.
"""

from __future__ import annotations

from collections.abc import Iterable

from concord.catalog.load import Entry
from concord.checks.base import CatalogCheck, CatalogContext, EntryCheck, source_location

# The runner calls each check only for entries in the check's ``state``
# (:func:`concord.checks.base.state_of`), once per entry.


class Untranslated(EntryCheck):
    """The entry has no translation, so this edition shows the original text here."""

    id = "untranslated"
    name = "Untranslated"
    description = "an entry without translation: the edition shows the original text"
    family = "completeness"
    state = "untranslated"

    def check_entry(self, entry: Entry, ctx: CatalogContext) -> Iterable[str]:
        return ("untranslated: the edition shows the original text; translate it",)


class Fuzzy(EntryCheck):
    """A fuzzy translation is not published: review it, then remove the ``fuzzy`` flag."""

    id = "fuzzy"
    name = "Fuzzy"
    description = "a fuzzy (unreviewed) entry counts as untranslated"
    family = "completeness"
    state = "fuzzy"

    def check_entry(self, entry: Entry, ctx: CatalogContext) -> Iterable[str]:
        return ("fuzzy: not published until reviewed; check the translation against the "
                "source and remove the fuzzy flag",)


class Obsolete(EntryCheck):
    """An obsolete (``#~``) entry no longer matches any source message."""

    id = "obsolete"
    name = "Obsolete"
    description = "an obsolete entry kept in the catalog (informational)"
    family = "completeness"
    severity = "info"
    state = "obsolete"

    def check_entry(self, entry: Entry, ctx: CatalogContext) -> Iterable[str]:
        return ("obsolete entry (#~): the source no longer has it; delete it when unneeded",)


class MissingFromCatalog(CatalogCheck):
    """A message of the original has no entry in the catalog at all (the catalog
    predates a change of the source): the edition shows it in the original's language."""

    id = "not-in-catalog"
    name = "Missing from the catalog"
    description = "a source message with no catalog entry: run `concord update`"
    family = "completeness"
    needs_source = True

    def check_catalog(self, ctx: CatalogContext) -> Iterable[tuple[Entry, str]]:
        for msgid, line in missing_messages(ctx):
            yield Entry(msgid, "", 1), (
                f"the source message at {source_location(ctx, line)} has no entry in this "
                "catalog, so the edition shows it in English: run `concord update`, then translate it")


def missing_messages(ctx: CatalogContext) -> list[tuple[str, int]]:
    """(msgid, source line) of the source messages the catalog lacks."""
    if ctx.source is None:
        return []
    present = {e.msgid for e in ctx.catalog.entries if not e.obsolete and e.msgctxt is None}
    return [(m, line) for m, line in ctx.source.messages.items() if m not in present]
