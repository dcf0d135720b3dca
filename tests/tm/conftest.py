"""Fixtures of the translation-memory tests (``memory`` and ``memory_spec``, one memory
per backend, come from ``tests/conftest.py``).

Every store-level test runs twice, against a real SQLite file and against a real
PostgreSQL database (``CONCORD_TEST_PG_DSN``, set by ``source .ci/postgres.sh``); each
PostgreSQL test gets a schema of its own, dropped afterwards. Without the variable the
PostgreSQL variants are skipped locally, saying how to run them; CI sets it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _no_memory_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """A CONCORD_TM (or policy) set in the shell must not redirect the tests' memories."""
    for name in ("CONCORD_TM", "CONCORD_TM_THRESHOLD", "CONCORD_TM_TRUSTED", "CONCORD_CONFDIR"):
        monkeypatch.delenv(name, raising=False)
