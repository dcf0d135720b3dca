"""The fuzzy-match index both memories share: terms, postings, candidate ranking.

Why an index of our own: SQLite has no similarity operator, and PostgreSQL's pg_trgm
filters by trigram similarity, which is not edit distance: measured on the benchmark
at 100,000 units, ``%`` at threshold 0.3 then rescoring found brute force's best
match for only 93.4% of the queries and took 96 ms per query. So each unit's masked
source is cut into *terms*, and a posting ``(term, masked length, unit)`` is stored
per term:

* its lower-cased words, for texts longer than :data:`SHORT` characters;
* its character trigrams too, for texts up to :data:`SHORT` characters, which share
  few words with their near matches ("graph" and "grp").

A query reads the postings of its rarest terms (at least :data:`RAREST_SHARE` of
them, more while :data:`POSTINGS_BUDGET` rows allow) within the lengths that can still
reach the threshold, ranks units by shared terms (then by nearness of length), and
the best :data:`RESCORE` (more in bigger memories) are rescored with the real edit
distance. A unit within the
threshold shares most of the query's terms, hence some of its rarest ones; how often
this finds brute force's best match is measured by ``bench/bench_tm.py``.
"""

from __future__ import annotations

import heapq
import math
import re
import zlib
from collections import Counter
from collections.abc import Iterable
from typing import Final

from concord.tm.matching import length_bounds

#: Texts up to this masked length are indexed by character trigrams as well.
SHORT: Final = 40
#: Share of a query's terms (the rarest) whose postings are always read.
RAREST_SHARE: Final = 0.5
#: Further terms are read while the postings read stay under this many rows.
POSTINGS_BUDGET: Final = 4000
#: Postings read per query at most, whatever the terms (bounds the slowest queries).
POSTINGS_CAP: Final = 20000
#: Candidates rescored by edit distance per query, for a memory of up to 100,000
#: units of the language pair; see :func:`rescore_count`.
RESCORE: Final = 160

_WORD = re.compile(r"\w+")


def words(masked: str) -> set[str]:
    """Lower-cased words of two letters or more."""
    return {w for w in _WORD.findall(masked.lower()) if len(w) > 1}


def trigrams(masked: str) -> set[str]:
    """Character trigrams, lower-cased and padded, marked apart from words by ``\\x01``."""
    padded = f"  {masked.lower()} "
    return {"\x01" + padded[i:i + 3] for i in range(len(padded) - 2)}


def index_terms(masked: str) -> set[str]:
    """The terms a unit is indexed under."""
    terms = words(masked)
    if len(masked) <= SHORT:
        terms |= trigrams(masked)
    return terms


def term_id(pair: int, term: str) -> int:
    """A 64-bit id: the language pair in the high bits, a CRC of the term below.

    A CRC collision only adds candidates (they are rescored), never loses one.
    """
    return (pair << 32) | zlib.crc32(term.encode("utf-8"))


def query_terms(pair: int, masked: str, threshold: int) -> tuple[list[int], int, int]:
    """(term ids, lowest length, highest length) to look up for ``masked``."""
    low, high = length_bounds(len(masked), threshold)
    terms = words(masked)
    if high <= SHORT or not terms:
        terms = trigrams(masked)
        high = min(high, SHORT)
    return [term_id(pair, t) for t in terms], low, high


def choose_terms(document_frequency: dict[int, int], terms: list[int]) -> list[int]:
    """The rarest terms to read (see the module docstring)."""
    ranked = sorted((document_frequency[t], t) for t in terms if t in document_frequency)
    wanted = max(1, math.ceil(len(terms) * RAREST_SHARE))
    chosen: list[int] = []
    budget = 0
    for count, term in ranked:
        if chosen and len(chosen) >= wanted and budget + count > POSTINGS_BUDGET:
            break
        chosen.append(term)
        budget += count
    return chosen


def rescore_count(units: int) -> int:
    """How many candidates to rescore in a memory of ``units`` units.

    A bigger memory holds more near-duplicates sharing the same rare terms, so the best
    match ranks lower among them: :data:`RESCORE` up to 100,000 units, twice as many at
    a million (measured: top-1 agreement at a million units went from 95.8% to 98.5%).
    """
    return int(RESCORE * max(1.0, 1.0 + math.log10(max(units, 1) / 100_000)))


def rank_candidates(postings: Iterable[tuple[int, int]], length: int, count: int = RESCORE) -> list[int]:
    """Unit ids from ``(unit, masked length)`` postings, most promising first.

    The rank is shared terms over the sum of both lengths, a Dice coefficient of sorts:
    it prefers, among units sharing as many terms, the one that leaves fewer characters
    to insert or delete.
    """
    hits = Counter(postings)
    if len(hits) > 4 * count:  # a cheap first cut on the count alone (C speed)
        hits = Counter(dict(hits.most_common(4 * count)))
    best = heapq.nlargest(count, hits.items(), key=lambda item: item[1] / (item[0][1] + length + 1))
    return [unit for (unit, _), _ in best]


def padded(values: list[int], fill: int = -1) -> list[int]:
    """``values`` padded to the next power of two, so that SQL statements with an
    ``IN (?, ...)`` list come in few shapes and stay in the statement cache."""
    size = 1 << max(3, (len(values) - 1).bit_length())
    return values + [fill] * (size - len(values))
