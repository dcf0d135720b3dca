"""The one place the report calls the check machinery.

The report never re-derives a finding: every finding, every count of translated,
fuzzy and untranslated messages, every threshold comes from ``concord check``'s own
planner and runner, called here. It calls :func:`concord.checks.cli.execute`, the function behind ``concord check``;
whoever changes the checks' entry points adapts this one function and nothing else.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from concord.checks.runner import Job, Result
from concord.project import SphinxProject
from concord.source import SourceDocument


@dataclass
class CheckRun:
    """What the checks said, and what they read to say it."""

    result: Result
    jobs: list[Job]
    project: SphinxProject | None
    #: The source documents by gettext domain; None in catalog-only mode.
    sources: dict[str, SourceDocument] | None
    notes: list[str] = field(default_factory=list)


def run_checks(project: SphinxProject | None, paths: tuple[Path, ...] = (),
               languages: tuple[str, ...] = (), workers: int | None = None) -> CheckRun:
    """Plan and run ``concord check`` once; keep the source it read for the review pages.

    With a project, every catalog of its languages is checked against the source read
    by Sphinx (read once: the same documents feed the review pages). Without one,
    ``paths`` are bare catalogs, shown relative to the first folder given.
    """
    from concord.checks.cli import execute, plan
    from concord.checks.config import load_config
    from concord.checks.registry import BY_ID

    if project is not None:
        the_plan = plan((), project.confdir, languages)
        root = project.root
    else:
        resolved = tuple(p.resolve() for p in paths)
        root = resolved[0] if resolved and resolved[0].is_dir() else Path.cwd()
        with _inside(root):  # paths are displayed relative to the catalogs' folder
            the_plan = plan(resolved, None, languages)
        the_plan.project = None
    # the same run as `concord check`: glossary, consistency and language filter included
    result = execute(the_plan, load_config(root, set(BY_ID)), {}, workers)
    sources = result.sources
    return CheckRun(result, the_plan.jobs, project, sources, list(the_plan.notes))


@contextlib.contextmanager
def _inside(folder: Path) -> Iterator[None]:
    """Run with ``folder`` as the working directory (the check planner reads it)."""
    previous = Path.cwd()
    os.chdir(folder)
    try:
        yield
    finally:
        os.chdir(previous)
