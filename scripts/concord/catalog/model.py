"""The catalog as the checks read it: plain entries, parsed once, cheap to hold.

:mod:`concord.catalog.strict` builds these; polib objects are only made for callers
that edit and save catalogs (:func:`concord.catalog.load.load_catalog`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_QUOTED = re.compile(r'"([^"\\\n]*(?:\\.[^"\\\n]*)*)"')
_OCCURRENCE_LINES = re.compile(r"^[ \t]*#:(.*)$", re.MULTILINE)
_PREVIOUS_LINES = re.compile(r"^[ \t]*#\|.*$", re.MULTILINE)


@dataclass(slots=True)
class Entry:
    """One catalog entry as the checks need it (``line`` is that of its ``msgid``)."""

    msgid: str
    msgstr: str
    line: int
    msgctxt: str | None = None
    msgid_plural: str | None = None
    msgstr_plural: list[str] = field(default_factory=list)
    flags: frozenset[str] = frozenset()
    obsolete: bool = False
    comments: str = ""  # the raw comment lines; parsed only when asked for
    #: line of the first ``msgstr``: where GNU msgfmt reports format-string problems
    msgstr_line: int = 0

    @property
    def occurrences(self) -> tuple[str, ...]:
        """``#:`` references (``source/x.rst:12``)."""
        if "#:" not in self.comments:
            return ()
        return tuple(" ".join(_OCCURRENCE_LINES.findall(self.comments)).split())

    @property
    def previous_msgid(self) -> str | None:
        """``#| msgid`` of a fuzzy entry: the source it was translated from."""
        if "#|" not in self.comments:
            return None
        lines = "\n".join(_PREVIOUS_LINES.findall(self.comments))
        return "".join(_QUOTED.findall(lines)) or None

    @property
    def fuzzy(self) -> bool:
        return "fuzzy" in self.flags

    @property
    def translated(self) -> bool:
        """Published by Sphinx: not fuzzy, not obsolete, every form filled."""
        if self.fuzzy or self.obsolete:
            return False
        if self.msgid_plural is not None:
            return bool(self.msgstr_plural) and all(self.msgstr_plural)
        return bool(self.msgstr)


@dataclass(slots=True)
class Catalog:
    """A catalog as read: its header fields, its entries (header entry excluded).

    ``problems`` are what GNU ``msgfmt --check`` rejects but that do not stop the
    reading (no header entry): ``(line, message)`` pairs the checks turn into findings,
    so the other checks still run on the catalog.
    """

    path: str
    header: dict[str, str]
    entries: list[Entry]
    nplurals: int | None = None
    #: form index -> used for many n (>= 5 of 0..1000): where msgfmt checks formats strictly
    plural_often: tuple[bool, ...] = ()
    problems: list[tuple[int, str]] = field(default_factory=list)

    @property
    def language(self) -> str:
        return self.header.get("Language", "").strip()
