"""Fixtures of the report tests: the planted and the clean report, built once per module
(what is planted: see report_helpers.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from concord.report.site.cli import make_report
from report_helpers import Built, check_json, copy_project, plant


@pytest.fixture(scope="module")
def planted(tmp_path_factory: pytest.TempPathFactory, repo_root: Path) -> Built:
    root = copy_project(repo_root, tmp_path_factory.mktemp("report") / "project")
    plant(root)
    out = root / "build" / "report"
    written = make_report(root, None, out)
    return Built(root, out, written, check_json(root))


@pytest.fixture(scope="module")
def clean(tmp_path_factory: pytest.TempPathFactory, repo_root: Path) -> Built:
    root = copy_project(repo_root, tmp_path_factory.mktemp("report-clean") / "project")
    out = root / "build" / "report"
    return Built(root, out, make_report(root, None, out), check_json(root))
