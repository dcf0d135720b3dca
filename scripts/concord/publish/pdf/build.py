"""Print every article of every edition: ``build/pdf/<article>.<lang>.pdf``.

For each language, in a worker process (languages side by side, one per core; with
``jobs=1`` one after the other in this process):

1. the edition's gate: a translation's catalogs must read cleanly
   (:func:`concord.catalog.load.read_catalog`, even with ``force``) and
   ``concord.checks.language_gate`` (when installed; skipped with ``force``) must
   report no error;
2. a Sphinx build with the print builder (:mod:`concord.publish.pdf.printext`) into
   ``<print dir>/<lang>/`` with its own doctrees, so the HTML editions are never
   touched;
3. each article (every document but the root document) typeset by WeasyPrint
   (:mod:`concord.publish.pdf.render`) and written atomically (a temporary file in the
   same folder, renamed over the PDF only when it is complete): a reader sees the old
   PDF or the new one, never half of one.

A failure stops only the PDFs it concerns, with a one-line reason; the other PDFs are
still written. As with the HTML editions, the previous good PDF of a failed article
stays in place (the message says so): a broken catalog must not unpublish an edition.

The whole run holds the project's lock (:mod:`concord.lock`); worker processes end
with the run (``PR_SET_PDEATHSIG`` on Linux), so a killed run leaves nobody writing the
print folder beside the next one. Temporary PDFs a killed run left (``.<name>.pdf.*.tmp``)
are removed by the next run, under the lock.
"""

from __future__ import annotations

import ctypes
import io
import multiprocessing
import os
import signal
import sys
import tempfile
import time
import traceback
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from concord.catalog.load import read_catalog
from concord.catalog.save import atomic_write_bytes
from concord.errors import ConcordError
from concord.lock import project_lock
from concord.project import SphinxProject, load_project
from concord.publish.editions import default_gate
from concord.publish.pdf import fonts
from concord.publish.pdf.printext import BUILDER_NAME
from concord.publish.pdf.render import render_pdf

PRINT_EXTENSION = "concord.publish.pdf.printext"
CONCORD_EXTENSION = "concord.publish.sphinxext"


@dataclass(frozen=True)
class PdfJob:
    """One edition to print (picklable: it crosses into a worker process)."""

    confdir: Path
    language: str
    output: Path
    print_dir: Path
    force: bool = False


@dataclass(frozen=True)
class Outcome:
    """What became of one PDF: ``path`` when written, ``error`` when not."""

    language: str
    article: str
    path: Path | None
    error: str | None = None
    pages: int = 0
    warnings: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return self.error is None


@dataclass
class EditionReport:
    language: str
    outcomes: list[Outcome] = field(default_factory=list)
    warnings: tuple[str, ...] = ()      # Sphinx's, from the print build
    seconds: float = 0.0


def articles(project: SphinxProject) -> dict[str, str]:
    """``{docname: article name}`` for every document but the root one."""
    root = project.settings.get("root_doc") or "index"
    found: dict[str, str] = {}
    for docname in project.docnames():
        if docname == root:
            continue
        name = PurePosixPath(docname).name
        clash = next((d for d, n in found.items() if n == name), None)
        if clash is not None:
            raise ConcordError(
                f"documents {clash!r} and {docname!r} would both print as {name}.<lang>.pdf; "
                "rename one of them"
            )
        found[docname] = name
    return found


def pdf_path(output: Path, article: str, language: str) -> Path:
    return output / f"{article}.{language}.pdf"


def editions(project: SphinxProject, requested: Sequence[str] = ()) -> list[str]:
    """The languages to print: all editions, or the requested ones if the project has them."""
    known = [project.source_language, *project.languages]
    unknown = [lang for lang in requested if lang not in known]
    if unknown:
        raise ConcordError(
            f"unknown language {unknown[0]!r}; this project publishes {', '.join(known)} "
            "(concord_languages in conf.py, or the folders of locale_dirs)"
        )
    return list(dict.fromkeys(requested)) if requested else known


def build_pdfs(
    project: SphinxProject,
    languages: Sequence[str] = (),
    output: Path | None = None,
    print_dir: Path | None = None,
    *,
    force: bool = False,
    jobs: int | None = None,
    wait: bool = True,
) -> list[EditionReport]:
    """Print the editions; one report per language, in the order asked.

    Holds the project lock throughout; ``wait=False`` raises
    :class:`concord.lock.ProjectBusy` instead of waiting for another run.
    """
    langs = editions(project, languages)
    articles(project)  # a name clash is a usage error: report it before any work
    output = (output or project.root / "build" / "pdf").resolve()
    print_dir = (print_dir or output.parent / "print").resolve()
    todo = [PdfJob(project.confdir, lang, output, print_dir, force) for lang in langs]
    workers = max(1, min(jobs or os.cpu_count() or 1, len(todo)))
    with project_lock(project.root, "pdf", wait=wait):
        remove_stale_temporaries(output)
        if workers == 1:
            return [build_edition(job) for job in todo]
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(max_workers=workers, mp_context=context,
                                 initializer=_end_with_parent, initargs=(os.getpid(),)) as pool:
            return list(pool.map(build_edition, todo))


def remove_stale_temporaries(output: Path) -> list[Path]:
    """Remove the half-written PDFs of a killed run (call it under the project lock)."""
    stale = sorted(output.glob(".*.pdf.*.tmp")) if output.is_dir() else []
    for path in stale:
        path.unlink(missing_ok=True)
    return stale


def _end_with_parent(parent: int) -> None:
    """In a worker: have the kernel end this process when the run that started it dies."""
    if sys.platform.startswith("linux"):
        pr_set_pdeathsig = 1
        ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGKILL)
    if os.getppid() != parent:  # the run died before the line above took effect
        os._exit(1)


def build_edition(job: PdfJob) -> EditionReport:
    """Gate, build and typeset one language; never raises for a failed edition."""
    started = time.perf_counter()
    report = EditionReport(job.language)
    project = load_project(job.confdir)
    docs = articles(project)
    try:
        _gate(project, job.language, job.force)
        faces = fonts.located_faces()
        html_dir, report.warnings = sphinx_print_build(project, job.language, job.print_dir)
    except Exception as err:  # noqa: BLE001 - reported per PDF, the other editions go on
        reason = _reason(err)
        report.outcomes = [_failed(job, name, reason) for name in docs.values()]
        report.seconds = time.perf_counter() - started
        return report
    for docname, name in docs.items():
        report.outcomes.append(_print_article(job, docname, name, html_dir, faces))
    report.seconds = time.perf_counter() - started
    return report


def _print_article(
    job: PdfJob, docname: str, name: str, html_dir: Path, faces: dict[fonts.Face, Path],
) -> Outcome:
    target = pdf_path(job.output, name, job.language)
    try:
        rendered = render_pdf(html_dir / f"{docname}.html", job.language, faces)
        atomic_write_bytes(target, rendered.pdf)
    except Exception as err:  # noqa: BLE001
        return _failed(job, name, _reason(err))
    return Outcome(job.language, name, target, pages=rendered.pages,
                   warnings=tuple(rendered.warnings))


def _failed(job: PdfJob, name: str, reason: str) -> Outcome:
    """The article is not printed; its previous good PDF, if any, stays published."""
    target = pdf_path(job.output, name, job.language)
    if target.exists():
        reason += f" (the previous {target.name} is kept, unchanged)"
    return Outcome(job.language, name, None, error=reason)


def _reason(err: BaseException) -> str:
    """One line for the report; an unexpected error also leaves its traceback in a log."""
    if isinstance(err, ConcordError):
        return str(err).removeprefix("error: ")
    with tempfile.NamedTemporaryFile(
        "w", prefix="concord-pdf-", suffix=".log", delete=False,
    ) as log:
        traceback.print_exception(err, file=log)
    return (f"{type(err).__name__}: {err} (traceback in {log.name}; "
            "please report it if the input is fine)")


def _gate(project: SphinxProject, language: str, force: bool) -> None:
    """A translation prints only from readable catalogs that pass the language gate."""
    if language not in project.catalog_languages:  # every page is its source, as written
        return
    for path in project.catalogs(language):
        read_catalog(path)  # raises CatalogError with path:line and what to do
    gate = None if force else default_gate()
    if gate is None:
        return
    problems = [str(line) for line in gate(project, language)]
    if problems:
        more = f"; and {len(problems) - 3} more" if len(problems) > 3 else ""
        shown = "; ".join(problems[:3]) + more
        raise ConcordError(
            f"the {language} edition fails its check ({len(problems)} error(s): {shown}); "
            f"fix the catalogs (concord check -l {language}) or pass --force to print it anyway"
        )


def sphinx_print_build(
    project: SphinxProject, language: str, print_dir: Path,
) -> tuple[Path, tuple[str, ...]]:
    """Build ``language`` with the print builder; return its folder and Sphinx's warnings."""
    import sphinx.locale
    from sphinx.application import Sphinx
    from sphinx.errors import SphinxError
    from sphinx.util.console import strip_colors
    from sphinx.util.docutils import docutils_namespace, patch_docutils

    extensions = list(project.settings["extensions"])
    overrides: dict[str, object] = {
        "language": language,
        "extensions": [*extensions, PRINT_EXTENSION],
        "html_permalinks": False,
        "html_use_index": False,
        "html_domain_indices": False,
    }
    if CONCORD_EXTENSION in extensions:
        overrides["concord_languages"] = [language]  # no language switcher on paper
    outdir = print_dir / language
    warnings = io.StringIO()
    # Sphinx keeps the message catalogs it loaded in a process-wide table and only adds
    # the next language's as a *fallback*: a second edition built in this process would
    # print the first one's translations.
    sphinx.locale.translators.clear()
    try:
        with patch_docutils(project.confdir), docutils_namespace():
            app = Sphinx(
                str(project.srcdir), str(project.confdir), str(outdir),
                str(print_dir / ".doctrees" / language), BUILDER_NAME,
                confoverrides=overrides, status=None, warning=warnings,
            )
            app.build(force_all=True)  # rewrite all: the print HTML follows our code too
    except SphinxError as err:
        raise ConcordError(f"Sphinx could not build the {language} print edition: {err}") from err
    lines = tuple(strip_colors(line) for line in warnings.getvalue().splitlines() if line.strip())
    return outdir, lines
