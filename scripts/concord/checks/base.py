"""What every check shares: findings as data, the unit a check looks at, the base classes.

A check is a small class with a stable kebab-case ``id``, a ``name``, a one-line
``description`` and a default ``severity``. Message checks compare one source with one
translation (:meth:`MessageCheck.check_message`) and return problem descriptions;
catalog checks look at a whole catalog with its source document. The base classes do
the shared work: plural forms, skipping untranslated and obsolete entries, Sphinx's
trailing ``#noqa``. Suppression by flag and configuration is applied by the runner.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import ClassVar, Literal, NamedTuple

from concord import rst
from concord.catalog.load import Catalog, Entry
from concord.source import SourceDocument

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")
IGNORE_FLAG_PREFIX = "concord-ignore-"
_NOQA = re.compile(r"(.*)(?<!\\)#\s*noqa\s*$", re.DOTALL)  # sphinx.transforms.i18n.parse_noqa


class Finding(NamedTuple):
    """One problem, located at the 1-based line of its entry's ``msgid``.

    A named tuple, not a dataclass: tens of thousands of them cross from the worker
    processes, and tuples pickle several times faster.
    """

    path: str
    line: int
    lang: str
    check: str
    severity: Severity
    message: str
    msgid: str = ""
    msgstr: str = ""

    def sort_key(self) -> tuple[str, int, str]:
        return (self.path, self.line, self.check)


class Unit:
    """One source/translation pair of an entry (a plural entry gives one per form)."""

    __slots__ = ("entry", "source", "target", "noqa", "lang", "__dict__")

    def __init__(self, entry: Entry, source: str, target: str, lang: str) -> None:
        match = _NOQA.match(target) if "noqa" in target else None
        self.entry = entry
        self.source = source
        # Sphinx drops the marker; the space before it is not the translator's text
        self.target = match.group(1).rstrip(" ") if match else target
        self.noqa = match is not None
        self.lang = lang

    @cached_property
    def source_spans(self) -> list[rst.Span]:
        return rst.scan(self.source)

    @cached_property
    def target_spans(self) -> list[rst.Span]:
        return rst.scan(self.target)


def state_of(entry: Entry) -> str:
    """``translated``, ``fuzzy``, ``untranslated`` or ``obsolete``: what Sphinx will do."""
    if entry.obsolete:
        return "obsolete"
    if "fuzzy" in entry.flags:
        return "fuzzy"
    if entry.msgid_plural is None:
        return "translated" if entry.msgstr else "untranslated"
    return "translated" if entry.msgstr_plural and all(entry.msgstr_plural) else "untranslated"


def units_of(entry: Entry, lang: str) -> Iterator[Unit]:
    """The translated forms of ``entry`` paired with the source they translate."""
    if entry.msgid_plural is None:
        yield Unit(entry, entry.msgid, entry.msgstr, lang)
        return
    for index, form in enumerate(entry.msgstr_plural):
        if form:
            yield Unit(entry, entry.msgid if index == 0 else entry.msgid_plural, form, lang)


@dataclass
class CatalogContext:
    """A catalog under check: its display path, language and (if known) its source."""

    catalog: Catalog
    lang: str
    source: SourceDocument | None
    #: False for catalogs whose messages are not reST (a theme's interface strings).
    rest: bool = True
    #: The catalog's file, to find the project's other catalogs (a ``glossary.po`` beside it).
    fs_path: Path | None = None
    #: Per-catalog lookups the checks build once (translated titles, glossary terms).
    memo: dict[str, object] = field(default_factory=dict)

    @property
    def path(self) -> str:
        return self.catalog.path


class Check:
    """Base of every check; subclasses set the class attributes below."""

    id: ClassVar[str]
    name: ClassVar[str]
    description: ClassVar[str]
    severity: ClassVar[Severity] = "error"
    family: ClassVar[str] = ""
    #: Needs the English source parsed by Sphinx (skipped for bare catalogs).
    needs_source: ClassVar[bool] = False
    #: Sphinx's trailing ``#noqa`` means "the references differ on purpose": honour it.
    honours_noqa: ClassVar[bool] = False
    #: Only meaningful where messages are reST (skipped for a theme's HTML strings).
    rest_only: ClassVar[bool] = False

    def in_use(self) -> bool:
        """Whether this run can find anything with it (checked once, before the workers
        start): a check that needs what the run lacks (a glossary) is left out rather than
        called for every message to return at once."""
        return True

    def doc(self) -> str:
        """The docstring, the explanation a translator reads in the generated docs."""
        return " ".join((type(self).__doc__ or "").split())


class MessageCheck(Check):
    """Compares one source with one translation of a translated, current entry."""

    #: One or two strings, one of which the source (``source_needs``) or the translation
    #: (``target_needs``) must hold for the check to find anything; empty both: always
    #: called. The check tests it too; the runner skips the call when neither side holds
    #: one, which on 50,000 messages and twenty checks saves a call per check and message.
    source_needs: ClassVar[tuple[str, ...]] = ()
    target_needs: ClassVar[tuple[str, ...]] = ()

    def check_message(self, unit: Unit, ctx: CatalogContext) -> Iterable[str]:
        raise NotImplementedError


class EntryCheck(Check):
    """Looks at entries by publication state (completeness).

    ``state`` is the one state the check reports (``untranslated``, ``fuzzy`` or
    ``obsolete``): the runner computes each entry's state once and calls only the
    checks of that state.
    """

    state: ClassVar[str]

    def check_entry(self, entry: Entry, ctx: CatalogContext) -> Iterable[str]:
        raise NotImplementedError


#: What a catalog check yields: (entry, problem) at the entry's msgid line, or
#: (entry or None for the file, problem, line) where msgfmt names another line.
CatalogProblem = tuple[Entry, str] | tuple[Entry | None, str, int]


class CatalogCheck(Check):
    """Looks at a whole catalog at once; yields :data:`CatalogProblem` tuples."""

    def check_catalog(self, ctx: CatalogContext) -> Iterable[CatalogProblem]:
        raise NotImplementedError


class EditionsCheck(Check):
    """Compares the same note across every language edition (run after all catalogs)."""

    def compare(self, editions: dict[str, tuple[tuple[str, ...], str, int]],
                source_urls: tuple[str, ...]) -> Iterable[tuple[str, str, int, str]]:
        raise NotImplementedError


def excerpt(text: str, width: int = 100) -> str:
    """One line of ``text``, shortened in the middle to ``width`` characters."""
    if len(text) <= width and "\n" not in text and "  " not in text:
        return text
    flat = " ".join(text.split())
    if len(flat) <= width:
        return flat
    half = (width - 5) // 2
    return f"{flat[:half]} ... {flat[-half:]}"


def diff_counts(source: Counter[str], target: Counter[str]) -> tuple[list[str], list[str]]:
    """What the translation lacks and what it adds, as sorted lists (multisets)."""
    return sorted((source - target).elements()), sorted((target - source).elements())


def listing(items: Iterable[str]) -> str:
    """``a, b, c`` for a message; the empty list reads as ``none``."""
    shown = [str(i) for i in items]
    return ", ".join(shown) if shown else "none"


def source_location(ctx: CatalogContext, line: int | None = None) -> str:
    """``source/doc.rst:12`` for a line of the catalog's English document, relative to
    the project root; without ``:line`` when Sphinx gave none (never ``:0``); empty when
    the source is unknown (catalog-only mode)."""
    if ctx.source is None:
        return ""
    path = ctx.source.path
    display = Path(ctx.path)
    if ctx.fs_path is not None and not display.is_absolute():
        root = ctx.fs_path.resolve().parents[len(display.parts) - 1]
        try:
            path = path.resolve().relative_to(root)
        except ValueError:
            pass
    return f"{path}:{line}" if line else str(path)
