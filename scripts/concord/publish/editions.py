"""Build one HTML edition per language, each in its own Sphinx process.

Languages are built as separate ``sphinx-build`` runs (separate doctree folders,
``-D language=xx``) in parallel processes: Sphinx keeps one language per application,
and a broken catalog in one language must not stop the others. Each edition is built
into a staging folder and swapped into ``<outdir>/<lang>`` only when it succeeded, so
what is already published for a language is never half-overwritten.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from concord.catalog import load_catalog, msgfmt_check
from concord.errors import CatalogError
from concord.project import SphinxProject


@dataclass(frozen=True)
class EditionResult:
    """What happened to one language's edition."""

    lang: str
    ok: bool
    output: Path
    warnings_log: Path
    problem: str = ""          # one line: path:line: what is wrong (when not ok)

    @property
    def warnings(self) -> list[str]:
        if not self.warnings_log.is_file():
            return []
        return [line for line in self.warnings_log.read_text("utf-8").splitlines() if line.strip()]


Gate = Callable[[SphinxProject, str], list[str]]


def catalog_problems(project: SphinxProject, lang: str) -> list[str]:
    """One line per catalog of ``lang`` that does not parse or does not compile."""
    problems = []
    for path in project.catalogs(lang):
        shown = os.path.relpath(path, project.root)
        try:
            load_catalog(path, display=shown)
        except CatalogError as err:
            problems.append(str(err))
            continue
        problems.extend(
            f"{line.replace(str(path), shown, 1)} (msgfmt --check); fix the entry in a PO editor "
            "or restore the file from git, then rebuild"
            for line in msgfmt_check(path)
        )
    return problems


def default_gate() -> Gate | None:
    """``concord check``'s verdict on a language, when the checks are installed."""
    try:
        from concord.checks import language_gate
    except ImportError:
        return None
    return language_gate


def publication_problems(
    project: SphinxProject, lang: str, *, force: bool = False, gate: Gate | None = None,
) -> list[str]:
    """Why ``lang`` must not be published now (empty: go ahead).

    A catalog that does not parse or compile always stops the edition; the check
    gate does unless ``force``. Runs in the calling thread: the gate reads the
    sources with Sphinx in-process, and Sphinx is not thread-safe.
    """
    if lang not in project.catalog_languages:  # every page is its source, as written
        return []
    problems = catalog_problems(project, lang)
    if not problems and gate is not None and not force:
        problems = [f"{line} (publish anyway with --force)" for line in gate(project, lang)]
    return problems


def build_edition(
    project: SphinxProject, lang: str, outdir: Path, *, builder: str = "html",
    problems: Sequence[str] = (),
) -> EditionResult:
    """Build ``lang`` into staging in a child process, then publish it atomically.

    ``problems`` (from :func:`publication_problems`) stop the edition before Sphinx
    runs; what was published before stays as it was.
    """
    outdir = outdir.resolve()
    build_root = outdir.parent
    target = outdir / lang
    log = build_root / "logs" / f"{builder}-{lang}.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    if problems:
        log.write_text("\n".join(problems) + "\n", "utf-8")
        return EditionResult(lang, False, target, log, problems[0])
    staging = outdir / f".staging-{lang}"
    shutil.rmtree(staging, ignore_errors=True)
    command = [
        sys.executable, "-m", "sphinx", "build", "-q", "-b", builder,
        "-c", str(project.confdir), "-D", f"language={lang}",
        "-d", str(build_root / "doctrees" / lang), "-w", str(log),
        str(project.srcdir), str(staging),
    ]
    result = subprocess.run(command, cwd=project.confdir, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        shutil.rmtree(staging, ignore_errors=True)
        lines = [l for l in (result.stderr or result.stdout).splitlines() if l.strip()]
        reason = lines[-1] if lines else f"sphinx-build exited {result.returncode}"
        return EditionResult(lang, False, target, log, f"{lang}: Sphinx failed: {reason}")
    _publish(staging, target)
    return EditionResult(lang, True, target, log)


def _publish(staging: Path, target: Path) -> None:
    """Swap the finished staging folder in; the old edition goes only after that."""
    previous = target.with_name(f".previous-{target.name}")
    shutil.rmtree(previous, ignore_errors=True)
    if target.exists():
        target.rename(previous)
    staging.rename(target)
    shutil.rmtree(previous, ignore_errors=True)


def build_editions(
    project: SphinxProject, languages: Sequence[str] | None = None, outdir: Path | None = None,
    *, force: bool = False, jobs: int | None = None, gate: Gate | None = None,
) -> list[EditionResult]:
    """Build every requested edition (default: source language + translations)."""
    langs = list(languages or (project.source_language, *project.languages))
    outdir = outdir or project.root / "build" / "html"
    outdir.mkdir(parents=True, exist_ok=True)
    problems = {lang: publication_problems(project, lang, force=force, gate=gate) for lang in langs}
    workers = max(1, min(jobs or os.cpu_count() or 1, len(langs)))
    with ThreadPoolExecutor(max_workers=workers) as pool:  # each job waits on a child process
        futures = [
            pool.submit(build_edition, project, lang, outdir, problems=problems[lang])
            for lang in langs
        ]
        return [future.result() for future in futures]
