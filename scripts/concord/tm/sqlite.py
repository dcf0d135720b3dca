"""The embedded memory: one SQLite file in WAL mode, with an index for fuzzy lookups.

The fuzzy-match index (terms, postings, ranking) is :mod:`concord.tm.index`, shared
with the PostgreSQL memory; here it is two tables, ``posting (term, length, unit)``
ordered by term then length, and ``term (term, df)``, plus the masked sources in a
narrow table of their own so that rescoring reads no translation text.

Concurrency: writers take the lock up front (``BEGIN IMMEDIATE``) and wait for each
other (``busy_timeout``), so several ``concord tm import`` at once serialise instead
of failing with "database is locked"; readers never wait in WAL mode.
"""

from __future__ import annotations

import sqlite3
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from concord.errors import ConcordError
from concord.tm.index import (
    POSTINGS_CAP, choose_terms, index_terms, padded, query_terms, rank_candidates, rescore_count, term_id,
)
from concord.tm.matching import mask
from concord.tm.store import Stats, TranslationMemory, Unit, source_hash

SCHEMA_VERSION = "4"
BUSY_TIMEOUT_MS = 600_000

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS pair (id INTEGER PRIMARY KEY, srclang TEXT NOT NULL,
    tgtlang TEXT NOT NULL, units INTEGER NOT NULL DEFAULT 0, UNIQUE (srclang, tgtlang));
CREATE TABLE IF NOT EXISTS unit (
    id INTEGER PRIMARY KEY,
    ukey BLOB NOT NULL UNIQUE,
    shash INTEGER NOT NULL,
    pair INTEGER NOT NULL REFERENCES pair(id),
    source TEXT NOT NULL, target TEXT NOT NULL,
    origin TEXT NOT NULL, context TEXT NOT NULL,
    created TEXT NOT NULL, changed TEXT NOT NULL, translator TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS unit_shash ON unit (shash);
CREATE TABLE IF NOT EXISTS masked (id INTEGER PRIMARY KEY, mhash INTEGER NOT NULL, text TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS masked_hash ON masked (mhash);
CREATE TABLE IF NOT EXISTS posting (term INTEGER NOT NULL, mlen INTEGER NOT NULL,
    unit INTEGER NOT NULL, PRIMARY KEY (term, mlen, unit)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS term (term INTEGER PRIMARY KEY, df INTEGER NOT NULL);
"""

_COLUMNS = "u.source, u.target, p.srclang, p.tgtlang, u.origin, u.context, u.created, u.changed, u.translator"


class SQLiteMemory(TranslationMemory):
    """A memory in one SQLite file (created on first use)."""

    backend = "sqlite"

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.location = str(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self.db = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
            self.db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            self._retry(lambda: self.db.execute("PRAGMA journal_mode = WAL"))
            self.db.execute("PRAGMA synchronous = NORMAL")
            self.db.execute("PRAGMA cache_size = -65536")
            self.db.execute("PRAGMA temp_store = MEMORY")
            self.db.execute("PRAGMA mmap_size = 1073741824")
            with self._transaction():
                for statement in filter(str.strip, _SCHEMA.split(";")):
                    self.db.execute(statement)
                self.db.execute("INSERT OR IGNORE INTO meta VALUES ('schema', ?)", (SCHEMA_VERSION,))
        except sqlite3.DatabaseError as err:
            raise ConcordError(
                f"{self.path} is not a usable SQLite memory ({err}); delete it and run "
                "`concord tm import` to rebuild it from the TMX files in tm/"
            ) from err
        self._pairs: dict[tuple[str, str], int] = {}

    @staticmethod
    def _retry(action):  # type: ignore[no-untyped-def]
        for attempt in range(200):
            try:
                return action()
            except sqlite3.OperationalError as err:
                if "locked" not in str(err) and "busy" not in str(err):
                    raise
                time.sleep(min(0.05 * (attempt + 1), 1.0))
        return action()

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        self._retry(lambda: self.db.execute("BEGIN IMMEDIATE"))
        try:
            yield self.db
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self._retry(lambda: self.db.execute("COMMIT"))

    def _pair_id(self, source_lang: str, target_lang: str, *, create: bool) -> int | None:
        key = (source_lang, target_lang)
        if key in self._pairs:
            return self._pairs[key]
        row = self.db.execute("SELECT id FROM pair WHERE srclang = ? AND tgtlang = ?", key).fetchone()
        if row is None and create:
            row = (self.db.execute("INSERT INTO pair (srclang, tgtlang) VALUES (?, ?)", key).lastrowid,)
        if row is None:
            return None
        self._pairs[key] = int(row[0])
        return self._pairs[key]

    def _insert(self, tx: sqlite3.Connection, units: list[Unit]) -> int:
        self._pairs.clear()  # another process may have added pairs since
        keys = [u.key() for u in units]
        existing: set[bytes] = set()
        for start in range(0, len(keys), 900):
            chunk = keys[start:start + 900]
            existing.update(r[0] for r in tx.execute(
                f"SELECT ukey FROM unit WHERE ukey IN ({','.join('?' * len(chunk))})", chunk))
        postings: list[tuple[int, int, int]] = []
        per_pair: Counter[int] = Counter()
        seen: set[bytes] = set()
        added = 0
        for unit, key in zip(units, keys):
            if key in existing or key in seen:
                continue
            seen.add(key)
            pair = self._pair_id(unit.source_lang, unit.target_lang, create=True)
            assert pair is not None
            masked = mask(unit.source)
            stamp = unit.changed or unit.created
            cursor = tx.execute(
                "INSERT INTO unit (ukey, shash, pair, source, target, origin, context,"
                " created, changed, translator) VALUES (?,?,?,?,?,?,?,?,?,?)",
                (key, unit.source_hash(), pair, unit.source, unit.target,
                 unit.origin, unit.context, unit.created or stamp, stamp or unit.created,
                 unit.translator),
            )
            unit_id = int(cursor.lastrowid or 0)
            tx.execute("INSERT INTO masked VALUES (?, ?, ?)",
                       (unit_id, source_hash(unit.source_lang, unit.target_lang, masked), masked))
            postings.extend((term_id(pair, t), len(masked), unit_id) for t in index_terms(masked))
            per_pair[pair] += 1
            added += 1
        tx.executemany("UPDATE pair SET units = units + ? WHERE id = ?", [(n, p) for p, n in per_pair.items()])
        postings.sort()
        tx.executemany("INSERT OR IGNORE INTO posting VALUES (?,?,?)", postings)
        df = Counter(term for term, _, _ in postings)
        tx.executemany(
            "INSERT INTO term (term, df) VALUES (?, ?) ON CONFLICT (term) DO UPDATE SET df = df + excluded.df",
            sorted(df.items()),
        )
        return added

    def _retire(self, tx: sqlite3.Connection, units: list[Unit]) -> int:
        retired = 0
        for unit in units:
            pair = self._pair_id(unit.source_lang, unit.target_lang, create=False)
            if pair is None:
                continue
            rows = tx.execute(
                "SELECT u.id, m.text FROM unit u JOIN masked m ON m.id = u.id WHERE u.shash = ?"
                " AND u.pair = ? AND u.context = ? AND u.origin = ? AND u.source = ?"
                " AND u.target <> ? AND u.changed <= ?",
                (unit.source_hash(), pair, unit.context, unit.origin, unit.source, unit.target,
                 unit.changed)).fetchall()
            for unit_id, masked in rows:
                terms = [term_id(pair, t) for t in index_terms(masked)]
                tx.executemany("DELETE FROM posting WHERE term = ? AND mlen = ? AND unit = ?",
                               [(t, len(masked), unit_id) for t in terms])
                tx.executemany("UPDATE term SET df = df - 1 WHERE term = ?", [(t,) for t in terms])
                tx.execute("DELETE FROM masked WHERE id = ?", (unit_id,))
                tx.execute("DELETE FROM unit WHERE id = ?", (unit_id,))
                tx.execute("UPDATE pair SET units = units - 1 WHERE id = ?", (pair,))
                retired += 1
        return retired

    def _exact(self, source_lang: str, target_lang: str, source: str) -> list[Unit]:
        rows = self.db.execute(
            f"SELECT {_COLUMNS} FROM unit u JOIN pair p ON p.id = u.pair WHERE u.shash = ?",
            (source_hash(source_lang, target_lang, source),),
        ).fetchall()
        return [Unit(*r) for r in rows if r[0] == source and r[2] == source_lang and r[3] == target_lang]

    def _same_masked(self, masked: str, source_lang: str, target_lang: str, limit: int) -> list[int]:
        rows = self.db.execute(
            "SELECT id, text FROM masked WHERE mhash = ? LIMIT ?",
            (source_hash(source_lang, target_lang, masked), limit * 4),
        ).fetchall()
        return [unit_id for unit_id, text in rows if text == masked][:limit]

    def _candidates(self, masked: str, source_lang: str, target_lang: str,
                    threshold: int) -> list[tuple[int, str]]:
        pair = self._pair_id(source_lang, target_lang, create=False)
        if pair is None:
            return []
        terms, low, high = query_terms(pair, masked, threshold)
        if not terms:
            return []
        asked = padded(terms)
        df = dict(self.db.execute(
            f"SELECT term, df FROM term WHERE term IN ({','.join('?' * len(asked))})", asked))
        chosen = padded(choose_terms(df, terms))
        rows = self.db.execute(
            f"SELECT unit, mlen FROM posting WHERE term IN ({','.join('?' * len(chosen))})"
            " AND mlen BETWEEN ? AND ? LIMIT ?", (*chosen, low, high, POSTINGS_CAP),
        ).fetchall()
        size = self.db.execute("SELECT units FROM pair WHERE id = ?", (pair,)).fetchone()[0]
        return self._load(rank_candidates(rows, len(masked), rescore_count(size)))

    def _load(self, ids: list[int]) -> list[tuple[int, str]]:
        if not ids:
            return []
        asked = padded(sorted(ids))
        return self.db.execute(
            f"SELECT id, text FROM masked WHERE id IN ({','.join('?' * len(asked))})", asked,
        ).fetchall()

    def _units(self, ids: list[int]) -> dict[int, Unit]:
        rows = self.db.execute(
            f"SELECT u.id, {_COLUMNS} FROM unit u JOIN pair p ON p.id = u.pair"
            f" WHERE u.id IN ({','.join('?' * len(ids))})", ids,
        ).fetchall()
        return {r[0]: Unit(*r[1:]) for r in rows}

    def concordance(self, text: str, *, source_lang: str | None = None,
                    target_lang: str | None = None, limit: int = 20,
                    in_target: bool = False) -> list[Unit]:
        words = [w for w in text.split() if w]
        if not words:
            return []
        column = "u.target" if in_target else "u.source"
        where = " AND ".join(f"instr(lower({column}), lower(?)) > 0" for _ in words)
        params: list[object] = list(words)
        if source_lang:
            where += " AND p.srclang = ?"
            params.append(source_lang)
        if target_lang:
            where += " AND p.tgtlang = ?"
            params.append(target_lang)
        rows = self.db.execute(
            f"SELECT {_COLUMNS} FROM unit u JOIN pair p ON p.id = u.pair WHERE {where}"
            f" ORDER BY length({column}), u.id LIMIT ?", (*params, limit),
        ).fetchall()
        return [Unit(*r) for r in rows]

    def units(self, source_lang: str | None = None, target_lang: str | None = None) -> Iterator[Unit]:
        where, params = _pair_filter(source_lang, target_lang)
        cursor = self.db.cursor()
        cursor.execute(
            f"SELECT {_COLUMNS} FROM unit u JOIN pair p ON p.id = u.pair {where}"
            " ORDER BY p.srclang, p.tgtlang, u.context, u.source, u.target", params,
        )
        for row in cursor:
            yield Unit(*row)

    def stats(self) -> Stats:
        total = self.db.execute("SELECT count(*) FROM unit").fetchone()[0]
        pairs = {(s, t): n for s, t, n in self.db.execute(
            "SELECT p.srclang, p.tgtlang, count(*) FROM unit u JOIN pair p ON p.id = u.pair"
            " GROUP BY p.srclang, p.tgtlang ORDER BY 1, 2")}
        origins = dict(self.db.execute(
            "SELECT origin, count(*) FROM unit GROUP BY origin ORDER BY 2 DESC, 1 LIMIT 20"))
        return Stats(self.location, self.backend, total, pairs, origins)

    def pairs(self) -> list[tuple[str, str]]:
        return [(s, t) for s, t in self.db.execute(
            "SELECT srclang, tgtlang FROM pair WHERE units > 0 ORDER BY 1, 2")]

    def close(self) -> None:
        self.db.close()

    # --- the shared glossary (concord.glossary.store): one row per term -------------
    def glossary_replace(self, rows: list[tuple[object, ...]]) -> None:
        """Replace the stored glossary by ``rows`` (see ``GLOSSARY_COLUMNS``), atomically."""
        with self._transaction() as tx:
            tx.execute(GLOSSARY_SCHEMA)
            tx.execute("DELETE FROM glossary_term")
            tx.executemany(f"INSERT INTO glossary_term ({GLOSSARY_COLUMNS}) VALUES "
                           "(?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)

    def glossary_rows(self) -> list[tuple[object, ...]]:
        self.db.execute(GLOSSARY_SCHEMA)
        return self.db.execute(f"SELECT {GLOSSARY_COLUMNS} FROM glossary_term "
                               "ORDER BY concept, lang, status, ord").fetchall()


#: The glossary table (added beside the memory's; concord.glossary.store fills it).
GLOSSARY_COLUMNS = "concept, lang, term, status, ord, pos, case_sensitive, severity, note"
GLOSSARY_SCHEMA = """CREATE TABLE IF NOT EXISTS glossary_term (
    concept TEXT NOT NULL, lang TEXT NOT NULL, term TEXT NOT NULL, status TEXT NOT NULL,
    ord INTEGER NOT NULL, pos TEXT NOT NULL, case_sensitive INTEGER NOT NULL,
    severity TEXT NOT NULL, note TEXT NOT NULL, PRIMARY KEY (concept, lang, status, ord))"""


def _pair_filter(source_lang: str | None, target_lang: str | None) -> tuple[str, list[str]]:
    clauses, params = [], []
    if source_lang:
        clauses.append("p.srclang = ?")
        params.append(source_lang)
    if target_lang:
        clauses.append("p.tgtlang = ?")
        params.append(target_lang)
    return ("WHERE " + " AND ".join(clauses)) if clauses else "", params
