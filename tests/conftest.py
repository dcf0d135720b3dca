"""Fixtures shared by every test package: where the repository and the corpora are."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from concord.tm import TranslationMemory, open_memory
from real_components import postgres_schema

REPO = Path(__file__).resolve().parents[1]
SHARED_CORPORA = REPO.parent / "shared" / "corpora"


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO


@pytest.fixture(scope="session")
def corpora_dir() -> Path:
    """``../shared/corpora`` beside the checkout; tests that need it skip, saying so."""
    if not SHARED_CORPORA.is_dir():
        pytest.skip(f"real catalogs not found at {SHARED_CORPORA} (the shared/ folder beside the checkout)")
    return SHARED_CORPORA


@pytest.fixture
def project_copy(tmp_path: Path) -> Path:
    """conf.py, source/ and locales/ of the publication, copied into ``tmp_path``.

    Tests break and edit this copy; the translators' catalogs in the repository are
    never written.
    """
    root = tmp_path / "project"
    root.mkdir()
    shutil.copy2(REPO / "conf.py", root / "conf.py")
    shutil.copytree(REPO / "source", root / "source")
    shutil.copytree(REPO / "locales", root / "locales", ignore=shutil.ignore_patterns("*.mo"))
    return root


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def memory_spec(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[str, str | None]]:
    """(spec, schema) of an empty memory of each backend: a real SQLite file (outside
    ``project_copy``), then a fresh schema on the real PostgreSQL server."""
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
