"""The translation memory: every earlier translation, found again with a score.

``open_memory(spec)`` opens the memory a user named: a PostgreSQL DSN
(``postgresql://...`` or libpq's ``host=... dbname=...``) for a team, or a path to an
SQLite file (the default, ``tm/concord.sqlite`` beside ``conf.py``, rebuilt from the TMX
files in ``tm/``); :mod:`concord.tm.dsn` tells them apart and refuses anything else.
The environment variable ``CONCORD_TM`` names it when ``--tm`` is not given.
"""

from __future__ import annotations

import os
from pathlib import Path

from concord.tm.store import Match, Stats, TranslationMemory, Unit

ENV_VAR = "CONCORD_TM"
DEFAULT_FILE = Path("tm") / "concord.sqlite"

__all__ = ["Match", "Stats", "TranslationMemory", "Unit", "open_memory", "memory_spec", "ENV_VAR"]


def memory_spec(given: str | None, root: Path) -> str:
    """``--tm``, else ``$CONCORD_TM``, else ``<root>/tm/concord.sqlite``."""
    return given or os.environ.get(ENV_VAR) or str(root / DEFAULT_FILE)


def open_memory(spec: str, *, schema: str | None = None) -> TranslationMemory:
    """Open (and create if needed) the memory ``spec`` names."""
    from concord.tm.dsn import parse_spec

    parsed = parse_spec(spec)
    if parsed.backend == "postgresql":
        from concord.tm.postgres import PostgresMemory

        return PostgresMemory(parsed.dsn, schema=schema)
    from concord.tm.sqlite import SQLiteMemory

    return SQLiteMemory(parsed.path or Path(spec))
