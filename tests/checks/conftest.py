"""Fixtures of the check tests (helpers live in check_helpers.py)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

from check_helpers import TINY_RST, TINY_TRANSLATION, E, TinyProject, check_entries, po_text
from concord.checks.base import Finding


@pytest.fixture
def check(tmp_path: Path) -> Callable[..., list[Finding]]:
    return lambda entries, lang="ru": check_entries(tmp_path, entries, lang)


@pytest.fixture
def tiny(tmp_path: Path) -> Callable[..., TinyProject]:
    """A tiny Sphinx project in tmp_path with a full Russian catalog; ``edit`` it first."""

    def make(edit: Callable[[dict[str, str]], None] | None = None, langs: Sequence[str] = ("ru",)) -> TinyProject:
        root = tmp_path / "tiny"
        (root / "source").mkdir(parents=True, exist_ok=True)
        (root / "conf.py").write_text(
            "project = 'Tiny'\nlanguage = 'en'\nlocale_dirs = ['../locales/']\n"
            "gettext_compact = False\nsuppress_warnings = ['i18n.inconsistent_references']\n"
            f"concord_languages = {['en', *langs]!r}\n", "utf-8")
        (root / "source" / "index.rst").write_text(TINY_RST, "utf-8")
        for lang in langs:
            translation = dict(TINY_TRANSLATION)
            if edit is not None:
                edit(translation)
            path = root / "locales" / lang / "LC_MESSAGES" / "index.po"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(po_text([E(k, v) for k, v in translation.items()], lang), "utf-8")
        return TinyProject(root)

    return make


@pytest.fixture
def real_project(project_copy: Path) -> Path:
    """A copy of the publication (conf.py, source, catalogs) to mutate in tmp_path."""
    return project_copy


