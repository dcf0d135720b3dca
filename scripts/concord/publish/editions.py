"""Build one HTML edition per language, each in its own Sphinx process.

Languages are built as separate ``sphinx-build`` runs (separate doctree folders,
``-D language=xx``) in parallel processes: Sphinx keeps one language per application,
and a broken catalog in one language must not stop the others.

Publishing never leaves a moment without an edition:

* the whole run holds the project's lock (:mod:`concord.lock`); the Sphinx processes
  inherit it, so even the children of a killed run keep the next one waiting;
* each edition is built into a staging folder private to the run
  (``<outdir>/.staging-<lang>-<random>``) and published only when Sphinx succeeded;
* publishing swaps staging and ``<outdir>/<lang>`` in one ``renameat2(RENAME_EXCHANGE)``
  (Linux): ``<outdir>/<lang>`` is a real folder at every instant, old or new, never
  missing. Renaming a directory over a non-empty one is not possible on POSIX, and a
  symlink flip would publish a link that deploy tools (``rsync``, upload actions) may
  copy as a link. Where the kernel or file system cannot exchange, the old edition is
  renamed aside and the new one renamed in (a window of two renames, said here);
* staging and previous folders left by a killed run are removed by the next run,
  under the lock. Doctrees (``build/doctrees/<lang>``) are shared across runs for
  incremental builds, which is safe because only the lock holder uses them.
"""

from __future__ import annotations

import ctypes
import errno
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from concord.catalog import load_catalog, msgfmt_check
from concord.errors import CatalogError
from concord.lock import held_fds, project_lock
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
    outdir.mkdir(parents=True, exist_ok=True)
    if problems:
        log.write_text("\n".join(problems) + "\n", "utf-8")
        return EditionResult(lang, False, target, log, problems[0])
    staging = Path(tempfile.mkdtemp(prefix=f"{STAGING_PREFIX}{lang}-", dir=outdir))
    staging.chmod(_FOLDER_MODE)  # mkdtemp's 0700 would hide the edition from a web server
    command = [
        sys.executable, "-m", "sphinx", "build", "-q", "-b", builder,
        "-c", str(project.confdir), "-D", f"language={lang}",
        "-d", str(build_root / "doctrees" / lang), "-w", str(log),
        str(project.srcdir), str(staging),
    ]
    try:
        result = subprocess.run(command, cwd=project.confdir, capture_output=True, text=True,
                                check=False, pass_fds=held_fds())
        if result.returncode != 0:
            lines = [l for l in (result.stderr or result.stdout).splitlines() if l.strip()]
            reason = lines[-1] if lines else f"sphinx-build exited {result.returncode}"
            return EditionResult(lang, False, target, log, f"{lang}: Sphinx failed: {reason}")
        publish_folder(staging, target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)  # after a swap: the old edition
    return EditionResult(lang, True, target, log)


STAGING_PREFIX = ".staging-"
PREVIOUS_PREFIX = ".previous-"
_UMASK = os.umask(0o022)
os.umask(_UMASK)  # read once, at import, while no other thread can be creating files
_FOLDER_MODE = 0o777 & ~_UMASK
_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def publish_folder(staging: Path, target: Path) -> None:
    """Put ``staging`` at ``target``; the old ``target`` ends up at ``staging``.

    ``target`` never disappears where the exchange works (see the module docstring).
    """
    if not os.path.lexists(target):
        os.rename(staging, target)  # atomic: the name appears with the whole edition
        return
    if _exchange(staging, target):
        return
    previous = Path(tempfile.mkdtemp(prefix=f"{PREVIOUS_PREFIX}{target.name}-", dir=target.parent))
    os.rename(target, previous / target.name)
    os.rename(staging, target)
    os.rename(previous / target.name, staging)
    previous.rmdir()


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths atomically (``renameat2``); False where this system cannot."""
    if not sys.platform.startswith("linux"):
        return False
    renameat2 = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)
    if renameat2 is None:  # a C library older than glibc 2.28
        return False
    done = renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second),
                     _RENAME_EXCHANGE)
    if done == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(second))


def remove_stale_folders(outdir: Path) -> list[Path]:
    """Remove the staging and previous folders a killed run left; call it under the lock."""
    stale = [p for p in outdir.iterdir()
             if p.is_dir() and p.name.startswith((STAGING_PREFIX, PREVIOUS_PREFIX))]
    for path in stale:
        shutil.rmtree(path, ignore_errors=True)
    return stale


def build_editions(
    project: SphinxProject, languages: Sequence[str] | None = None, outdir: Path | None = None,
    *, force: bool = False, jobs: int | None = None, gate: Gate | None = None,
    wait: bool = True,
) -> list[EditionResult]:
    """Build every requested edition (default: source language + translations).

    Holds the project lock throughout; ``wait=False`` raises
    :class:`concord.lock.ProjectBusy` instead of waiting for another run.
    """
    langs = list(languages or (project.source_language, *project.languages))
    outdir = outdir or project.root / "build" / "html"
    with project_lock(project.root, "build", wait=wait):
        outdir.mkdir(parents=True, exist_ok=True)
        remove_stale_folders(outdir)
        problems = {lang: publication_problems(project, lang, force=force, gate=gate)
                    for lang in langs}
        workers = max(1, min(jobs or os.cpu_count() or 1, len(langs)))
        with ThreadPoolExecutor(max_workers=workers) as pool:  # each job waits on a child
            futures = [
                pool.submit(build_edition, project, lang, outdir, problems=problems[lang])
                for lang in langs
            ]
            return [future.result() for future in futures]
