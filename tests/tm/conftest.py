"""Fixtures of the translation-memory tests: one memory per backend, a project copy.

Every store-level test runs twice, against a real SQLite file and against a real
PostgreSQL database (``CONCORD_TEST_PG_DSN``, set by ``source .ci/postgres.sh``); each
PostgreSQL test gets a schema of its own, dropped afterwards. Without the variable the
PostgreSQL variants are skipped locally, saying how to run them; CI sets it.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from concord.tm import TranslationMemory, open_memory
from real_components import postgres_schema

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def memory_spec(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[str, str | None]]:
    """(spec, schema) of an empty memory of each backend."""
    if request.param == "sqlite":
        yield str(tmp_path / "tm" / "memory.sqlite"), None
        return
    with postgres_schema() as spec:
        yield spec


@pytest.fixture
def memory(memory_spec: tuple[str, str | None]) -> Iterator[TranslationMemory]:
    spec, schema = memory_spec
    with open_memory(spec, schema=schema) as opened:
        yield opened


@pytest.fixture(autouse=True)
def _no_memory_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """A CONCORD_TM (or policy) set in the shell must not redirect the tests' memories."""
    for name in ("CONCORD_TM", "CONCORD_TM_THRESHOLD", "CONCORD_TM_TRUSTED", "CONCORD_CONFDIR"):
        monkeypatch.delenv(name, raising=False)
