"""The team memory: PostgreSQL, chosen with ``--tm postgresql://...`` or ``CONCORD_TM``.

Fuzzy candidates come from the same term index as the SQLite memory
(:mod:`concord.tm.index`: rarest-term postings, then edit-distance rescoring), so both
memories return the same matches. pg_trgm serves what it is good at: the trigram GIN
indexes on sources and targets make the concordance search (``ILIKE '%word%'``) fast.
Its similarity operator is not used for matching; why is measured and explained in
:mod:`concord.tm.index`.

The role needs to be able to ``CREATE EXTENSION pg_trgm`` once (a trusted extension:
a database owner can), or an administrator creates it beforehand. Writers that add
the same units at once wait for each other on the unique key; term counts are
updated in one sorted statement per batch, so concurrent imports cannot deadlock.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from concord.errors import ConcordError
from concord.tm.dsn import display, scrub
from concord.tm.index import (
    POSTINGS_CAP, choose_terms, index_terms, query_terms, rank_candidates, rescore_count, term_id,
)
from concord.tm.matching import mask
from concord.tm.store import Stats, TranslationMemory, Unit, source_hash

#: After an import of at least this many units the index tables are analysed.
ANALYZE_AFTER = 20000

_SCHEMA = (
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    """CREATE TABLE IF NOT EXISTS tm_pair (id SERIAL PRIMARY KEY, srclang TEXT NOT NULL,
        tgtlang TEXT NOT NULL, units BIGINT NOT NULL DEFAULT 0, UNIQUE (srclang, tgtlang))""",
    """CREATE TABLE IF NOT EXISTS tm_unit (
        id BIGSERIAL PRIMARY KEY,
        ukey BYTEA NOT NULL UNIQUE,
        shash BIGINT NOT NULL,
        mhash BIGINT NOT NULL,
        pair INTEGER NOT NULL REFERENCES tm_pair (id),
        source TEXT NOT NULL, target TEXT NOT NULL, masked TEXT NOT NULL, mlen INTEGER NOT NULL,
        origin TEXT NOT NULL, context TEXT NOT NULL,
        created TEXT NOT NULL, changed TEXT NOT NULL, translator TEXT NOT NULL)""",
    "CREATE INDEX IF NOT EXISTS tm_unit_shash ON tm_unit (shash)",
    "CREATE INDEX IF NOT EXISTS tm_unit_mhash ON tm_unit (mhash)",
    "CREATE INDEX IF NOT EXISTS tm_unit_source_trgm ON tm_unit USING gin (source gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS tm_unit_target_trgm ON tm_unit USING gin (target gin_trgm_ops)",
    """CREATE TABLE IF NOT EXISTS tm_posting (term BIGINT NOT NULL, mlen INTEGER NOT NULL,
        unit BIGINT NOT NULL, PRIMARY KEY (term, mlen, unit))""",
    "CREATE TABLE IF NOT EXISTS tm_term (term BIGINT PRIMARY KEY, df INTEGER NOT NULL)",
)
_FIELDS = "u.source, u.target, p.srclang, p.tgtlang, u.origin, u.context, u.created, u.changed, u.translator"
_STAGE = "ukey, shash, mhash, srclang, tgtlang, source, target, masked, mlen, origin, context, created, changed, translator"


class PostgresMemory(TranslationMemory):
    """A memory in a PostgreSQL database (tables created on first use)."""

    backend = "postgresql"

    def __init__(self, dsn: str, *, schema: str | None = None) -> None:
        import psycopg

        self.location = display(dsn) + (f" (schema {schema})" if schema else "")
        try:
            self.db = psycopg.connect(dsn, autocommit=True)
        except psycopg.Error as err:
            raise ConcordError(
                f"cannot connect to the PostgreSQL memory {display(dsn)!r}: {scrub(str(err).strip(), dsn)}; "
                "check the address, user and password in --tm or CONCORD_TM"
            ) from None
        with self.db.cursor() as cur:
            cur.execute("SELECT pg_advisory_lock(7411)")  # one creator at a time
            try:
                if schema:
                    cur.execute(f'CREATE SCHEMA IF NOT EXISTS "{schema}"')
                    cur.execute(f'SET search_path TO "{schema}", public')
                for statement in _SCHEMA:
                    cur.execute(statement)
            except psycopg.Error as err:
                raise ConcordError(
                    f"cannot prepare the memory in {self.location}: {scrub(str(err).strip(), dsn)}; "
                    "an administrator may need to run CREATE EXTENSION pg_trgm"
                ) from err
            finally:
                cur.execute("SELECT pg_advisory_unlock(7411)")
            cur.execute(f"CREATE TEMP TABLE IF NOT EXISTS tm_stage AS "
                        f"SELECT {_STAGE} FROM tm_unit, tm_pair WITH NO DATA")
        self._added = 0

    @contextmanager
    def _transaction(self) -> Iterator[Any]:
        self._added = 0
        with self.db.transaction():
            with self.db.cursor() as cur:
                yield cur
        if self._added >= ANALYZE_AFTER:
            with self.db.cursor() as cur:
                cur.execute("VACUUM ANALYZE tm_posting")
                cur.execute("ANALYZE tm_term")
                cur.execute("ANALYZE tm_unit")

    def _insert(self, tx: Any, units: list[Unit]) -> int:
        tx.execute("TRUNCATE tm_stage")
        with tx.copy(f"COPY tm_stage ({_STAGE}) FROM STDIN") as copy:
            for unit in units:
                masked = mask(unit.source)
                copy.write_row((
                    unit.key(), unit.source_hash(), source_hash(unit.source_lang, unit.target_lang, masked),
                    unit.source_lang, unit.target_lang,
                    unit.source, unit.target, masked, len(masked), unit.origin, unit.context,
                    unit.created, unit.changed, unit.translator,
                ))
        tx.execute("INSERT INTO tm_pair (srclang, tgtlang) SELECT DISTINCT srclang, tgtlang"
                   " FROM tm_stage ORDER BY 1, 2 ON CONFLICT DO NOTHING")
        tx.execute(
            "INSERT INTO tm_unit (ukey, shash, mhash, pair, source, target, masked, mlen, origin, context,"
            " created, changed, translator) SELECT DISTINCT ON (s.ukey) s.ukey, s.shash, s.mhash, p.id, s.source,"
            " s.target, s.masked, s.mlen, s.origin, s.context, s.created, s.changed, s.translator"
            " FROM tm_stage s JOIN tm_pair p ON p.srclang = s.srclang AND p.tgtlang = s.tgtlang"
            " ORDER BY s.ukey ON CONFLICT (ukey) DO NOTHING RETURNING id, pair, masked"
        )
        inserted = tx.fetchall()
        per_pair = sorted(Counter(pair for _, pair, _ in inserted).items())
        tx.executemany("UPDATE tm_pair SET units = units + %s WHERE id = %s", [(n, p) for p, n in per_pair])
        postings = [(term_id(pair, t), len(masked), unit_id)
                    for unit_id, pair, masked in inserted for t in index_terms(masked)]
        with tx.copy("COPY tm_posting (term, mlen, unit) FROM STDIN") as copy:
            for row in postings:
                copy.write_row(row)
        df = sorted(Counter(term for term, _, _ in postings).items())
        tx.execute(
            "INSERT INTO tm_term (term, df) SELECT * FROM unnest(%s::bigint[], %s::int[])"
            " ON CONFLICT (term) DO UPDATE SET df = tm_term.df + excluded.df",
            ([t for t, _ in df], [n for _, n in df]),
        )
        self._added += len(inserted)
        return len(inserted)

    def _retire(self, tx: Any, units: list[Unit]) -> int:
        retired = 0
        for unit in units:
            rows = tx.execute(
                "SELECT u.id, u.pair, u.masked FROM tm_unit u JOIN tm_pair p ON p.id = u.pair"
                " WHERE u.shash = %s AND p.srclang = %s AND p.tgtlang = %s AND u.context = %s"
                " AND u.origin = %s AND u.source = %s AND u.target <> %s AND u.changed <= %s",
                (unit.source_hash(), unit.source_lang, unit.target_lang, unit.context, unit.origin,
                 unit.source, unit.target, unit.changed)).fetchall()
            for unit_id, pair, masked in rows:
                terms = [term_id(pair, t) for t in index_terms(masked)]
                tx.execute("DELETE FROM tm_posting WHERE term = ANY(%s) AND unit = %s", (terms, unit_id))
                tx.execute("UPDATE tm_term SET df = df - 1 WHERE term = ANY(%s)", (terms,))
                tx.execute("DELETE FROM tm_unit WHERE id = %s", (unit_id,))
                tx.execute("UPDATE tm_pair SET units = units - 1 WHERE id = %s", (pair,))
                retired += 1
        return retired

    def _pair(self, source_lang: str, target_lang: str) -> tuple[int, int] | None:
        """(id, number of units) of a language pair."""
        with self.db.cursor() as cur:
            row = cur.execute("SELECT id, units FROM tm_pair WHERE srclang = %s AND tgtlang = %s",
                              (source_lang, target_lang)).fetchone()
        return None if row is None else (int(row[0]), int(row[1]))

    def _exact(self, source_lang: str, target_lang: str, source: str) -> list[Unit]:
        with self.db.cursor() as cur:
            cur.execute(
                f"SELECT {_FIELDS} FROM tm_unit u JOIN tm_pair p ON p.id = u.pair WHERE u.shash = %s"
                " AND p.srclang = %s AND p.tgtlang = %s AND u.source = %s",
                (source_hash(source_lang, target_lang, source), source_lang, target_lang, source),
            )
            return [Unit(*row) for row in cur.fetchall()]

    def _same_masked(self, masked: str, source_lang: str, target_lang: str, limit: int) -> list[int]:
        with self.db.cursor() as cur:
            rows = cur.execute("SELECT id FROM tm_unit WHERE mhash = %s AND masked = %s LIMIT %s",
                               (source_hash(source_lang, target_lang, masked), masked, limit)).fetchall()
        return [int(r[0]) for r in rows]

    def _candidates(self, masked: str, source_lang: str, target_lang: str,
                    threshold: int) -> list[tuple[int, str]]:
        found = self._pair(source_lang, target_lang)
        if found is None:
            return []
        pair, size = found
        terms, low, high = query_terms(pair, masked, threshold)
        if not terms:
            return []
        with self.db.cursor() as cur:
            df: dict[int, int] = dict(cur.execute("SELECT term, df FROM tm_term WHERE term = ANY(%s)", (terms,)).fetchall())
            chosen = choose_terms(df, terms)
            if not chosen:
                return []
            rows = cur.execute("SELECT unit, mlen FROM tm_posting WHERE term = ANY(%s)"
                               " AND mlen BETWEEN %s AND %s LIMIT %s",
                               (chosen, low, high, POSTINGS_CAP)).fetchall()
            ids = rank_candidates(rows, len(masked), rescore_count(size))
            if not ids:
                return []
            return [(int(i), m) for i, m in cur.execute(
                "SELECT id, masked FROM tm_unit WHERE id = ANY(%s)", (ids,)).fetchall()]

    def _units(self, ids: list[int]) -> dict[int, Unit]:
        with self.db.cursor() as cur:
            cur.execute(f"SELECT u.id, {_FIELDS} FROM tm_unit u JOIN tm_pair p ON p.id = u.pair"
                        " WHERE u.id = ANY(%s)", (ids,))
            return {int(row[0]): Unit(*row[1:]) for row in cur.fetchall()}

    def concordance(self, text: str, *, source_lang: str | None = None,
                    target_lang: str | None = None, limit: int = 20,
                    in_target: bool = False) -> list[Unit]:
        words = [w for w in text.split() if w]
        if not words:
            return []
        column = "u.target" if in_target else "u.source"
        clauses = [f"{column} ILIKE %s" for _ in words]
        params: list[object] = ["%" + _like_escape(w) + "%" for w in words]
        clauses, params = _with_pair(clauses, params, source_lang, target_lang)
        with self.db.cursor() as cur:
            cur.execute(
                f"SELECT {_FIELDS} FROM tm_unit u JOIN tm_pair p ON p.id = u.pair"
                f" WHERE {' AND '.join(clauses)} ORDER BY length({column}), u.id LIMIT %s",
                (*params, limit),
            )
            return [Unit(*row) for row in cur.fetchall()]

    def units(self, source_lang: str | None = None, target_lang: str | None = None) -> Iterator[Unit]:
        clauses, params = _with_pair([], [], source_lang, target_lang)
        where = ("WHERE " + " AND ".join(clauses)) if clauses else ""
        with self.db.transaction():
            with self.db.cursor(name="concord_units") as cur:
                cur.execute(
                    f"SELECT {_FIELDS} FROM tm_unit u JOIN tm_pair p ON p.id = u.pair {where}"
                    ' ORDER BY p.srclang COLLATE "C", p.tgtlang COLLATE "C", u.context COLLATE "C",'
                    ' u.source COLLATE "C", u.target COLLATE "C"', params,
                )
                for row in cur:
                    yield Unit(*row)

    def stats(self) -> Stats:
        with self.db.cursor() as cur:
            total = cur.execute("SELECT count(*) FROM tm_unit").fetchone()[0]  # type: ignore[index]
            pairs = {(s, t): n for s, t, n in cur.execute(
                "SELECT p.srclang, p.tgtlang, count(*) FROM tm_unit u JOIN tm_pair p ON p.id = u.pair"
                ' GROUP BY 1, 2 ORDER BY p.srclang COLLATE "C", p.tgtlang COLLATE "C"')}
            origins: dict[str, int] = dict(cur.execute(  # type: ignore[arg-type]
                'SELECT origin, count(*) FROM tm_unit GROUP BY origin ORDER BY 2 DESC, origin COLLATE "C" LIMIT 20'))
        return Stats(self.location, self.backend, int(total), pairs, origins)

    def pairs(self) -> list[tuple[str, str]]:
        with self.db.cursor() as cur:
            return [(s, t) for s, t in cur.execute(
                'SELECT srclang, tgtlang FROM tm_pair WHERE units > 0'
                ' ORDER BY srclang COLLATE "C", tgtlang COLLATE "C"')]

    def close(self) -> None:
        self.db.close()

    # --- the shared glossary (concord.glossary.store): one row per term -------------
    def glossary_replace(self, rows: list[tuple[object, ...]]) -> None:
        """Replace the stored glossary by ``rows`` (see ``GLOSSARY_COLUMNS``), atomically."""
        with self.db.transaction(), self.db.cursor() as cur:
            cur.execute(GLOSSARY_SCHEMA)
            cur.execute("LOCK TABLE tm_glossary_term IN EXCLUSIVE MODE")
            cur.execute("DELETE FROM tm_glossary_term")
            cur.executemany(f"INSERT INTO tm_glossary_term ({GLOSSARY_COLUMNS}) VALUES "
                            "(%s, %s, %s, %s, %s, %s, %s, %s, %s)", rows)

    def glossary_rows(self) -> list[tuple[object, ...]]:
        with self.db.cursor() as cur:
            cur.execute(GLOSSARY_SCHEMA)
            cur.execute(f"SELECT {GLOSSARY_COLUMNS} FROM tm_glossary_term ORDER BY concept "
                        'COLLATE "C", lang COLLATE "C", status COLLATE "C", ord')
            return [tuple(row) for row in cur.fetchall()]


#: The glossary table (added beside the memory's; concord.glossary.store fills it).
GLOSSARY_COLUMNS = "concept, lang, term, status, ord, pos, case_sensitive, severity, note"
GLOSSARY_SCHEMA = """CREATE TABLE IF NOT EXISTS tm_glossary_term (
    concept TEXT NOT NULL, lang TEXT NOT NULL, term TEXT NOT NULL, status TEXT NOT NULL,
    ord INTEGER NOT NULL, pos TEXT NOT NULL, case_sensitive BOOLEAN NOT NULL,
    severity TEXT NOT NULL, note TEXT NOT NULL, PRIMARY KEY (concept, lang, status, ord))"""


def _with_pair(clauses: list[str], params: list[object], source_lang: str | None,
               target_lang: str | None) -> tuple[list[str], list[object]]:
    if source_lang:
        clauses.append("p.srclang = %s")
        params.append(source_lang)
    if target_lang:
        clauses.append("p.tgtlang = %s")
        params.append(target_lang)
    return clauses, params


def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")

