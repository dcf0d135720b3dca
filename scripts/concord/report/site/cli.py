"""``concord report``: a thin command over :func:`make_report`.

Exit codes: 0 the report was written (whatever the findings: the report is for
reading, ``concord check`` is the gate); 2 usage error or nothing to report on.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

import click

from concord.errors import ConcordError, ProjectError
from concord.project import CONF_FILENAME, SphinxProject, find_confdir, load_project

DEFAULT_OUT = Path("build/report")


@dataclass
class Written:
    out: Path
    pages: list[Path]
    reviews: int
    findings: int
    seconds: float
    notes: list[str]


def _project_of(path: Path | None, confdir: Path | None) -> SphinxProject | None:
    """A project when ``path`` (or -c DIR, or the working folder) holds conf.py."""
    if confdir is not None:
        return load_project(confdir)
    if path is None:
        return load_project(find_confdir())
    if not path.exists():
        raise ConcordError(f"{str(path)!r} does not exist; pass a Sphinx project folder or a "
                           "folder of .po catalogs")
    for candidate in (path, path / "doc", path / "docs", path / "source"):
        if (candidate / CONF_FILENAME).is_file():
            return load_project(candidate)
    return None


def make_report(path: Path | None, confdir: Path | None, out: Path,
                languages: tuple[str, ...] = (), workers: int | None = None) -> Written:
    """Check, model and render; see the package docstring."""
    from concord.report.site.checks_adapter import run_checks
    from concord.report.site.data import build_report
    from concord.report.site.render import refuse_foreign, write_site

    started = time.perf_counter()
    refuse_foreign(out.resolve())  # before minutes of checking, not after
    project = _project_of(path, confdir)
    notes: list[str] = []
    if project is None:
        assert path is not None
        run = run_checks(None, (path,), languages, workers)
        root, name = path.resolve(), path.resolve().name
        notes.append(f"note: {path} has no {CONF_FILENAME}: catalog-only report of "
                     f"{len(run.jobs)} catalog(s); review pages and the checks that need the "
                     "source skipped; pass a Sphinx project folder to get them")
        run.notes = []  # the planner's note says the same for `concord check`
    else:
        run = run_checks(project, (), languages, workers)
        root, name = project.root, str(project.settings.get("project") or project.root.name)
    if not run.jobs:
        raise ProjectError(f"no catalogs to report on in {path or root}; run `concord update`")
    report = build_report(run, root, name, workers)
    pages = write_site(report, out, workers)
    return Written(out, pages, len(report.reviews), len(report.findings),
                   time.perf_counter() - started, notes + run.notes)


@click.command("report")
@click.argument("path", required=False, type=click.Path(path_type=Path))
@click.option("-c", "--confdir", type=click.Path(path_type=Path, file_okay=False),
              envvar="CONCORD_CONFDIR", help="Folder holding conf.py (default: found from here).")
@click.option("-o", "--output", "out", type=click.Path(path_type=Path, file_okay=False),
              default=DEFAULT_OUT, show_default=True, envvar="CONCORD_REPORT_DIR",
              help="Folder the site is written to (replaced whole).")
@click.option("-l", "--language", "languages", multiple=True,
              help="Report only this language (repeatable).")
@click.option("-j", "--jobs", type=int, default=None, help="Worker processes (default: every core).")
def report(path: Path | None, confdir: Path | None, out: Path, languages: tuple[str, ...],
           jobs: int | None) -> int:
    """Write the editor's desk to build/report/: a dashboard of every language, the
    findings, one side-by-side review page per document, badges and report.json.

    PATH is a Sphinx project (the folder of conf.py) or, without conf.py, a folder of
    catalogs: then only the dashboard and the findings pages are written.
    """
    written = make_report(path, confdir, out, languages, jobs)
    for note in written.notes:
        click.echo(note, err=True)
    click.echo(f"{written.out / 'index.html'}: {len(written.pages)} pages, {written.reviews} "
               f"review page(s), {written.findings:,} findings ({written.seconds:.1f} s)")
    return 0
