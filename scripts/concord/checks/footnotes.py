"""Footnotes and citations: the references in each message, the notes of each document.

Sphinx applies a translation whose footnote references differ from the source's and
the build succeeds: a wrong label is silently deleted, a dropped one leaves a backlink
to an anchor that no longer exists. These checks compare every reference form
(``[#label]_``, ``[#]_``, ``[1]_``, ``[*]_``, ``[CIT]_``) per message, and, with the
English source parsed by Sphinx, each note's body with its translation.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator

from concord import rst
from concord.catalog.load import Entry
from concord.checks.base import (
    CatalogCheck, CatalogContext, EditionsCheck, MessageCheck, Unit, diff_counts, excerpt,
    listing, source_location,
)
from concord.source import Note


class FootnoteRefs(MessageCheck):
    """Footnote and citation references of the translation must be those of the source.

    Keep every ``[#label]_``, ``[#]_``, ``[1]_``, ``[*]_`` and ``[CIT]_`` of the English
    message exactly once each; you may move them to where the sentence needs them.
    """

    id = "footnote-refs"
    name = "Footnote references"
    description = "the translation cites the same footnotes and citations as the source"
    family = "footnotes"
    source_needs = target_needs = ("]_",)
    honours_noqa = True

    def check_message(self, unit: Unit, ctx: CatalogContext) -> Iterable[str]:
        if "]_" not in unit.source and "]_" not in unit.target:
            return
        source = Counter(s.text for s in unit.source_spans if s.is_reference)
        target = Counter(s.text for s in unit.target_spans if s.is_reference)
        if source == target:
            return
        parsed_source, parsed_target = rst.parse(unit.source), rst.parse(unit.target)
        if parsed_source.references == parsed_target.references:
            return  # the scanner's candidate, overruled by docutils
        missing, extra = diff_counts(source, target)
        yield (
            f"footnote references differ: missing {listing(missing)}; extra {listing(extra)} "
            f"(original: [{listing(sorted(source.elements()))}], translated: "
            f"[{listing(sorted(target.elements()))}]); keep each reference of the source once"
        )


def fingerprint(message: str) -> Counter[str]:
    """What a note body must keep verbatim: its URLs, numbers and dates."""
    return Counter(s.key for s in rst.scan(message) if s.kind in ("url", "number", "date")
                   or (s.kind == "link" and "://" in s.key))


def _bodies(ctx: CatalogContext) -> Iterator[tuple[str, list[Note], Entry]]:
    """Each translated note body of the document with the notes sharing it."""
    assert ctx.source is not None
    by_msgid = {e.msgid: e for e in ctx.catalog.entries if e.translated and e.msgctxt is None}
    seen: set[str] = set()
    for note in ctx.source.notes:
        for body in note.bodies:
            if body in seen or body not in by_msgid:
                continue
            seen.add(body)
            yield body, ctx.source.notes_of_body(body), by_msgid[body]


def _swapped_with(body: str, entry: Entry, ctx: CatalogContext) -> Note | None:
    """The other note whose body the translation of ``body`` reproduces, if any."""
    assert ctx.source is not None
    target = fingerprint(entry.msgstr)
    if not target or target == fingerprint(body):
        return None
    for note in ctx.source.notes:
        for other in note.bodies:
            if other != body and fingerprint(other) == target:
                return note
    return None


def _names(notes: list[Note]) -> str:
    return ", ".join(n.name for n in notes)


class FootnoteBody(CatalogCheck):
    """A note's translation keeps the note's URLs, numbers and dates exactly.

    Translate the words around them (titles may stay in their original language), but
    a changed URL sends readers elsewhere and a changed access date misquotes the source.
    """

    id = "footnote-body"
    name = "Footnote body"
    description = "a note's translation keeps that note's URLs, numbers and dates exactly"
    family = "footnotes"
    needs_source = True

    def check_catalog(self, ctx: CatalogContext) -> Iterable[tuple[Entry, str]]:
        for body, notes, entry in _bodies(ctx):
            source, target = fingerprint(body), fingerprint(entry.msgstr)
            if source == target or _swapped_with(body, entry, ctx):
                continue
            missing, extra = diff_counts(source, target)
            yield entry, (
                f"the body of {_names(notes)} must keep its URLs, numbers and dates: missing "
                f"{listing(missing)}; extra {listing(extra)}; copy them from the source"
            )


class FootnoteSwap(CatalogCheck):
    """Two notes' bodies were exchanged: each translation must stay with its own note."""

    id = "footnote-swap"
    name = "Swapped footnotes"
    description = "the translation of one note's body carries another note's URLs and dates"
    family = "footnotes"
    needs_source = True

    def check_catalog(self, ctx: CatalogContext) -> Iterable[tuple[Entry, str]]:
        for body, notes, entry in _bodies(ctx):
            other = _swapped_with(body, entry, ctx)
            if other is not None:
                yield entry, (
                    f"the translation of the body of {_names(notes)} cites what note "
                    f"{other.name} cites ({excerpt(listing(fingerprint(entry.msgstr)), 80)}): "
                    "the bodies were swapped; move each translation back to its own note"
                )


class FootnoteOrphan(CatalogCheck):
    """A note that no translated message cites any more: its backlink points nowhere.

    Anonymous notes (``[#]_``, ``[*]_``) are matched by count, as Sphinx matches them:
    the n-th ``[#]_`` of a message keeps the n-th anonymous note that message cites, and
    a translation with fewer leaves the last ones uncited.
    """

    id = "footnote-orphan"
    name = "Orphaned footnote"
    description = "a note whose every reference was dropped from the translation"
    family = "footnotes"
    needs_source = True

    def check_catalog(self, ctx: CatalogContext) -> Iterable[tuple[Entry, str]]:
        assert ctx.source is not None
        entries = {e.msgid: e for e in ctx.catalog.entries if not e.obsolete and e.msgctxt is None}
        for note in ctx.source.notes:
            if not note.citing:
                continue
            citing = [entries.get(m) for m in dict.fromkeys(note.citing)]
            if not all(e is not None and e.translated for e in citing):
                continue  # an untranslated citing message still shows the English reference
            if any(_still_cites(note, e, ctx) for e in citing if e):
                continue
            located = next((entries[b] for b in note.bodies if b in entries), citing[0])
            assert located is not None
            where = ", ".join(_where(e, ctx) for e in citing if e)
            yield located, (
                f"note {note.name} is cited nowhere in this translation (the source cites it in "
                f"{where}); restore the reference [{note.key}]_ there")


def _still_cites(note: Note, entry: Entry, ctx: CatalogContext) -> bool:
    """Does the translation of ``entry`` keep the reference that points to ``note``?"""
    written = f"[{note.key}]_"
    if note.key not in ("#", "*"):
        return written in rst.references(entry.msgstr)
    assert ctx.source is not None
    same_kind = [n for n in ctx.source.notes if n.key == note.key and entry.msgid in n.citing]
    position = same_kind.index(note) + 1  # notes are numbered in reference order
    return rst.references(entry.msgstr)[written] >= position


def _where(entry: Entry, ctx: CatalogContext) -> str:
    assert ctx.source is not None
    location = source_location(ctx, ctx.source.messages.get(entry.msgid))
    return f"the message at catalog line {entry.line}" + (f" ({location})" if location else "")


class FootnoteEditions(EditionsCheck):
    """Every edition's note N cites the same URLs: readers of each language reach the
    same sources."""

    id = "footnote-editions"
    name = "Notes across editions"
    description = "note N cites the same URLs in every language edition"
    family = "footnotes"
    needs_source = True
    severity = "warning"

    def compare(self, editions: dict[str, tuple[tuple[str, ...], str, int]],
                source_urls: tuple[str, ...]) -> Iterator[tuple[str, str, int, str]]:
        """(lang, path, line, message) for each edition whose URLs differ from the others."""
        shown = {lang: urls for lang, (urls, _, _) in editions.items()}
        shown["en (source)"] = source_urls
        for lang, (urls, path, line) in sorted(editions.items()):
            if urls != source_urls:
                others = "; ".join(f"{k}: {listing(v)}" for k, v in sorted(shown.items()))
                yield lang, path, line, f"this note cites different URLs across editions ({others})"

