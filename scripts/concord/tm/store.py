"""The translation memory's interface: units, matches, and what every backend does.

A backend stores :class:`Unit` rows and answers three questions: which units have
exactly this source, which units are *candidates* for a fuzzy match (a superset of
the good ones, found through an index), and which contain these words. Scoring,
ranking and placeable handling are shared (:mod:`concord.tm.matching`), so the SQLite
and PostgreSQL memories return the same matches for the same data.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import Any

from rapidfuzz import fuzz, process

from concord.tm.matching import DEFAULT_THRESHOLD, mask, score

#: Units are written in batches of this many rows (memory stays flat on huge imports).
BATCH = 5000
#: What no memory can store: NUL (PostgreSQL text, C strings) and lone surrogates (UTF-8).
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def now_iso() -> str:
    return dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass(frozen=True)
class Unit:
    """One translation: a source segment and its target, with where it came from.

    ``context`` tells two identical sources apart (the catalog domain, plus the
    ``msgctxt`` after a ``\\x04`` when there is one): a match in the same context is a
    101% match. Dates are ISO 8601 UTC strings.
    """

    source: str
    target: str
    source_lang: str
    target_lang: str
    origin: str = ""
    context: str = ""
    created: str = ""
    changed: str = ""
    translator: str = ""

    def key(self) -> bytes:
        """Identity for de-duplication: re-importing the same translation adds nothing."""
        text = "\x1f".join((self.source_lang, self.target_lang, self.context, self.source, self.target))
        return hashlib.sha1(text.encode("utf-8")).digest()

    def source_hash(self) -> int:
        return source_hash(self.source_lang, self.target_lang, self.source)


def source_hash(source_lang: str, target_lang: str, source: str) -> int:
    """A signed 64-bit hash of a language pair and a source (exact-match lookups)."""
    digest = hashlib.blake2b(
        f"{source_lang}\x1f{target_lang}\x1f{source}".encode("utf-8"), digest_size=8
    ).digest()
    return int.from_bytes(digest, "big", signed=True)


@dataclass(frozen=True)
class Match:
    """A unit with its score (101 in context, 100 exact, else the fuzzy percentage)."""

    score: int
    unit: Unit


@dataclass(frozen=True)
class Stats:
    location: str
    backend: str
    units: int
    pairs: dict[tuple[str, str], int] = field(default_factory=dict)
    origins: dict[str, int] = field(default_factory=dict)


class TranslationMemory(ABC):
    """A memory of units. Use as a context manager or call :meth:`close`."""

    backend: str = ""
    location: str = ""

    # -- writing -------------------------------------------------------------------
    def add(self, units: Iterable[Unit], *, progress: Callable[[int], None] | None = None,
            supersede: bool = False) -> int:
        """Store ``units`` in one transaction; return how many were new.

        All or nothing: when ``units`` raises (a malformed file half-read), nothing
        from it is kept. Duplicates (same languages, context, source and target) are
        skipped, so importing a file twice adds nothing the second time.

        ``supersede`` is for units read from the catalog a translator edits: the catalog
        is the truth for its own entries, so a unit it held before (same origin, context,
        languages and source) whose translation has since been corrected is retired, as a
        CAT tool overwrites a segment's earlier translation when the reviewed document is
        confirmed again. A unit with a later change date is kept: it is not the older one.
        """
        added = 0
        stamp = now_iso()
        with self._transaction() as tx:
            batch: list[Unit] = []
            for unit in units:
                if not unit.source.strip() or not unit.target.strip():
                    continue  # nothing to match, or nothing to offer
                _refuse_unstorable(unit)
                if not (unit.created and unit.changed):
                    first = unit.created or unit.changed or stamp
                    unit = replace(unit, created=first, changed=unit.changed or first)
                batch.append(unit)
                if len(batch) >= BATCH:
                    if supersede:
                        self._retire(tx, batch)
                    added += self._insert(tx, batch)
                    if progress:
                        progress(len(batch))
                    batch = []
            if batch:
                if supersede:
                    self._retire(tx, batch)
                added += self._insert(tx, batch)
                if progress:
                    progress(len(batch))
        return added

    @abstractmethod
    def _transaction(self) -> Any:
        """A context manager yielding a write handle; commits, or rolls back on error."""

    @abstractmethod
    def _insert(self, tx: Any, units: list[Unit]) -> int:
        """Insert a batch, skipping duplicates; return the number inserted."""

    @abstractmethod
    def _retire(self, tx: Any, units: list[Unit]) -> int:
        """Delete the units these supersede (see :meth:`add`); return how many."""

    # -- reading -------------------------------------------------------------------
    @abstractmethod
    def _exact(self, source_lang: str, target_lang: str, source: str) -> list[Unit]: ...

    @abstractmethod
    def _same_masked(self, masked: str, source_lang: str, target_lang: str, limit: int) -> list[int]:
        """Ids of units whose masked source is ``masked`` (they differ in placeables only)."""

    @abstractmethod
    def _candidates(self, masked: str, source_lang: str, target_lang: str,
                    threshold: int) -> list[tuple[int, str]]:
        """(id, masked source) of units that may reach ``threshold``."""

    @abstractmethod
    def _units(self, ids: list[int]) -> dict[int, Unit]:
        """The units with these ids."""

    @abstractmethod
    def concordance(self, text: str, *, source_lang: str | None = None,
                    target_lang: str | None = None, limit: int = 20,
                    in_target: bool = False) -> list[Unit]:
        """Units whose source (or target) contains every word of ``text``."""

    @abstractmethod
    def units(self, source_lang: str | None = None, target_lang: str | None = None) -> Iterator[Unit]:
        """Every unit, in a stable order (context, source, target)."""

    @abstractmethod
    def stats(self) -> Stats: ...

    def pairs(self) -> list[tuple[str, str]]:
        """The (source, target) language pairs holding units; backends answer from a
        small table, without the full count :meth:`stats` makes."""
        return sorted(self.stats().pairs)

    @abstractmethod
    def close(self) -> None: ...

    def __enter__(self) -> TranslationMemory:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def search(self, source: str, source_lang: str, target_lang: str, *, context: str = "",
               threshold: int = DEFAULT_THRESHOLD, limit: int = 5) -> list[Match]:
        """The best units for ``source``, best first (score, then latest change)."""
        found: dict[bytes, Match] = {}
        for unit in self._exact(source_lang, target_lang, source):
            found[unit.key()] = Match(score(source, context, unit.source, unit.context), unit)
        masked = mask(source)
        if len(found) < limit and masked.strip():
            # Units differing in placeables only score 100, which no fuzzy match beats.
            same = self._same_masked(masked, source_lang, target_lang, 4 * limit + len(found))
            for unit in (self._units(same) if same else {}).values():
                found.setdefault(unit.key(), Match(score(source, context, unit.source, unit.context), unit))
        if len(found) < limit and masked.strip():
            candidates = self._candidates(masked, source_lang, target_lang, threshold)
            keys = [m for _, m in candidates]
            best = process.extract(masked, keys, scorer=fuzz.ratio, score_cutoff=threshold,
                                   limit=4 * limit + len(found))
            chosen = {candidates[index][0]: keys[index] for _, _, index in best}
            for unit_id, unit in (self._units(list(chosen)) if chosen else {}).items():
                if unit.key() not in found:
                    found[unit.key()] = Match(
                        score(source, context, unit.source, unit.context, masked, chosen[unit_id]), unit)
        ranked = sorted(found.values(), key=lambda m: (-m.score, _neg(m.unit.changed), m.unit.target))
        return ranked[:limit]


def _refuse_unstorable(unit: Unit) -> None:
    """Refuse, before anything is kept, a unit holding a character no memory can store."""
    for name in ("source", "target", "context", "origin", "translator"):
        bad = _UNSTORABLE.search(getattr(unit, name))
        if bad:
            from concord.errors import ConcordError

            raise ConcordError(
                f"the unit {unit.source[:40]!r} holds {bad.group()!r} in its {name}, which neither "
                "SQLite, PostgreSQL nor TMX can store; remove it from the file, then import again",
                location=unit.origin or None,
            )


def _neg(text: str) -> tuple[int, ...]:
    """Sort key putting later ISO dates first."""
    return tuple(-ord(c) for c in text)
