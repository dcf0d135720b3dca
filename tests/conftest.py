"""Fixtures shared by every test package: where the repository and the corpora are."""

from __future__ import annotations

from pathlib import Path

import pytest

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
