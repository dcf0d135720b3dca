"""Editions printed one after another in one process do not leak into each other."""

from __future__ import annotations

from pathlib import Path

from concord.project import load_project
from concord.publish.pdf.build import build_pdfs


def test_gate_after_another_languages_build_reads_the_english_source(
    repo_root: Path, tmp_path: Path
) -> None:
    """Regression: with ``jobs=1`` the Turkish print build left Sphinx's process-wide
    catalogs Turkish, and the Russian gate's read of the English source then "lacked"
    messages, refusing a complete edition."""
    reports = build_pdfs(load_project(repo_root), ("tr", "ru"), tmp_path / "pdf", jobs=1)
    outcomes = {r.language: r.outcomes for r in reports}
    for lang in ("tr", "ru"):
        assert outcomes[lang] and all(o.ok for o in outcomes[lang]), [o.error for o in outcomes[lang]]
