"""Substitutions and named references: resolved by name, as Sphinx's Locale transform
resolves them in the translated build.

``|name|`` is replaced by its definition: a changed name is a broken substitution. An
embedded relative target (```text <#anchor>`__``) is where the link goes. A named
reference (```Title`_``, ``name_``) may be written with a translated name when it
still resolves (``update_refnamed_references`` in ``sphinx/transforms/i18n.py``):

* the name is the document's translation of the section title it pointed to (a
  translated title becomes a name of its section), or
* it is the only name of the message that resolves to nothing while exactly one
  source name is gone: Sphinx maps it back to that one. With two or more names gone,
  Sphinx maps the unresolvable ones in an order that changes between builds, so links
  can swap: an error.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from concord import rst
from concord.checks import resolve
from concord.checks.base import CatalogContext, MessageCheck, Unit, diff_counts, listing

#: The end of a reference name (``name_``, ``name__``): an underscore before a space,
#: punctuation or the end. Searched from the underscore (a pattern that starts with
#: ``\w`` is tried at every letter of the message); the word character before it is
#: then tested by hand.
_NAME_END = re.compile(r"__?(?:$|[\s.,;:!?)\]'\"’”»])")


@dataclass
class NameDiff:
    errors: list[str] = field(default_factory=list)
    renamed: list[str] = field(default_factory=list)


def _may_name(text: str) -> bool:
    """Could ``text`` hold a name at all: a ``|``, a ```Title`_`` or a ``name_``?"""
    if "|" in text or "`_" in text:
        return True
    if "_" not in text:
        return False
    at = 0
    while (match := _NAME_END.search(text, at)) is not None:
        start = match.start()
        if start and (text[start - 1].isalnum() or text[start - 1] == "_"):  # re's \w
            return True
        at = start + 1
    return False


def _names(spans: list[rst.Span]) -> Counter[str]:
    """The scanner's view (a cheap pre-test; docutils decides)."""
    names: Counter[str] = Counter()
    for span in spans:
        if span.kind == "substitution":
            names[f"|{span.key}|"] += 1
        elif span.kind == "named-ref" and not span.text.endswith("__"):
            names[f"`{resolve.normalize(span.key)}`_"] += 1
        elif span.kind == "link" and "://" not in span.key:
            embedded = span.text.rstrip("_").endswith(">`")
            if embedded and span.key.endswith("_"):  # `translated <Name_>`_
                names[f"`{resolve.normalize(span.key[:-1])}`_"] += 1
            elif embedded:  # `text <relative/uri>`_: the target counts
                names[f"<{span.key}>"] += 1
            elif not span.text.endswith("__"):  # `Title`_ ; anonymous `Title`__ is free
                names[f"`{resolve.normalize(span.key)}`_"] += 1
    return names


def _lost_names(unit: Unit) -> bool:
    """The scanner's pre-test: a name of the source missing from the translation?
    (The source first: most messages have none, and the translation is not scanned.)"""
    cached = unit.__dict__.get("_lost_names")
    if cached is None and unit.source == unit.target:
        cached = unit.__dict__["_lost_names"] = False  # the same text scans the same
    if cached is None:
        source = _names(rst.scan(unit.source, names_only=True))
        cached = unit.__dict__["_lost_names"] = bool(source) and bool(
            source - _names(rst.scan(unit.target, names_only=True)))
    return cached


def name_diff(unit: Unit, ctx: CatalogContext) -> NameDiff:
    cached = unit.__dict__.get("_name_diff")
    if cached is None:
        cached = unit.__dict__["_name_diff"] = _diff(unit, ctx)
    return cached


def _diff(unit: Unit, ctx: CatalogContext) -> NameDiff:
    result = NameDiff()
    source, target = rst.parse(unit.source).names, rst.parse(unit.target).names
    missing, extra = diff_counts(source, target)
    fixed = [m for m in missing if not m.startswith("`")]
    if fixed:
        changed = [e for e in extra if not e.startswith("`")]
        instead = f" (the translation has {listing(changed)})" if changed else ""
        result.errors.append(f"{listing(fixed)} is missing or changed{instead}: a substitution or "
                             "link target is used by its exact name; keep it as in the source")
    _named(missing, extra, source, target, ctx, result)
    return result


def _named(missing: list[str], extra: list[str], source: Counter[str], target: Counter[str],
           ctx: CatalogContext, result: NameDiff) -> None:
    gone = [m for m in missing if m.startswith("`")]
    new = [e for e in extra if e.startswith("`")]
    # a second copy of a name the source has resolves, to that name's target: Sphinx
    # maps back only names that resolve to nothing, so the link it replaced is lost
    copies = [e for e in new if e in source]
    new = [e for e in new if e not in source]
    orphans = {n for n in source if n.startswith("`")} - set(target)
    titles, english = resolve.titles(ctx), resolve.source_names(ctx)
    unresolved = []
    for name in new:
        plain = name[1:-2]
        meant = {f"`{s}`_" for s in titles.get(plain, ())}
        same = next((g for g in gone if g in meant), None)
        if same is not None:
            gone.remove(same)
            result.renamed.append(f"{same} -> {name} (the document translates that title so)")
        elif meant or plain in english:
            result.errors.append(f"{name} names another section of this document than "
                                 f"{listing(gone) if gone else 'the source'}: the link goes there; "
                                 "write `translated text <Original name_>`_ to keep the target")
        else:
            unresolved.append(name)
    if len(unresolved) == 1 and len(orphans) == 1 and next(iter(orphans)) in gone:
        orphan = next(iter(orphans))
        gone.remove(orphan)
        result.renamed.append(f"{orphan} -> {unresolved[0]} (the only renamed reference: "
                              "Sphinx maps it back to the source's target)")
    elif unresolved:
        result.errors.append(
            f"{listing(unresolved)} names no target, and {len(orphans)} source name(s) are gone "
            f"({listing(sorted(orphans))}): Sphinx maps such names in an order that changes "
            "between builds, so links break or swap; write `translated text <Original name_>`_")
        gone = [g for g in gone if g not in orphans]
    if gone and copies:
        result.errors.append(f"{listing(copies)} is written more often than in the source, where "
                             f"{listing(gone)} was: both links go to {listing(copies)}'s target and "
                             f"the link to {listing(gone)} is lost; keep each reference of the source")
    elif gone and not new:
        result.errors.append(f"the reference {listing(gone)} is gone from the translation: its "
                             "link is lost; keep it (`translated text <Original name_>`_)")


class ReferenceChanged(MessageCheck):
    """Substitutions (``|name|``), link targets and named references (```Title`_``)
    must still resolve to what the source's resolve to.

    A named reference may use the document's translation of the section title, or be
    the one renamed reference of its message (Sphinx maps it back); otherwise write
    ```translated text <Original name_>`_``.
    """

    id = "reference-changed"
    name = "Reference changed"
    description = "substitutions and named references resolve to the source's targets"
    family = "markup"
    source_needs = ("_", "|")
    honours_noqa = True
    rest_only = True

    def check_message(self, unit: Unit, ctx: CatalogContext) -> Iterable[str]:
        if not _may_name(unit.source):
            return
        if not _lost_names(unit):
            return
        yield from name_diff(unit, ctx).errors


class ReferenceRenamed(MessageCheck):
    """A named reference written with a translated name that Sphinx still resolves to
    the source's target (information only)."""

    id = "reference-renamed"
    name = "Reference renamed"
    description = "a named reference renamed in a way Sphinx still resolves"
    family = "markup"
    source_needs = ("_", "|")
    severity = "info"
    honours_noqa = True
    rest_only = True

    def check_message(self, unit: Unit, ctx: CatalogContext) -> Iterable[str]:
        if not _may_name(unit.source) or not _may_name(unit.target):
            return
        if not _lost_names(unit):
            return
        for renamed in name_diff(unit, ctx).renamed:
            yield (f"{renamed}; it resolves (Sphinx logs an i18n.inconsistent_references warning "
                   "unless the message ends with #noqa)")
