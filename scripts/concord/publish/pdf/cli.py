"""``concord pdf``: print every article of every edition with WeasyPrint.

Exit codes: 0 every PDF written, 1 some PDF not written (each says why, the others
are written), 2 usage error or unreadable project.
"""

from __future__ import annotations

from pathlib import Path

import click

from concord.lock import no_wait_option
from concord.project import load_project
from concord.publish.pdf.build import build_pdfs
from concord.publish.pdf.fonts import subsetting_note


def _relative(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


@click.command("pdf")
@click.option("-c", "--confdir", type=click.Path(file_okay=False, path_type=Path),
              envvar="CONCORD_CONFDIR", help="Folder holding conf.py (default: found upwards).")
@click.option("-l", "--language", "languages", multiple=True, metavar="LANG",
              help="Print only this edition (repeatable; default: every edition).")
@click.option("-o", "--output", type=click.Path(file_okay=False, path_type=Path),
              envvar="CONCORD_PDF_DIR", help="Where the PDFs go (default: <project>/build/pdf).")
@click.option("--print-dir", type=click.Path(file_okay=False, path_type=Path),
              envvar="CONCORD_PRINT_DIR",
              help="Where the print HTML is built (default: print/ beside the output).")
@click.option("-j", "--jobs", type=click.IntRange(min=1), envvar="CONCORD_JOBS",
              help="Editions built at once (default: one per core).")
@click.option("--force", is_flag=True,
              help="Print editions even if concord's language gate reports errors.")
@no_wait_option
def pdf(
    confdir: Path | None, languages: tuple[str, ...], output: Path | None,
    print_dir: Path | None, jobs: int | None, force: bool, no_wait: bool,
) -> int:
    """Write build/pdf/<article>.<lang>.pdf for every article and edition.

    A PDF that cannot be written leaves the previous one in place. One run at a time
    per project: a second one waits, saying so, or with --no-wait exits 1.
    """
    project = load_project(confdir)
    reports = build_pdfs(project, languages, output, print_dir, force=force, jobs=jobs,
                         wait=not no_wait)
    note = subsetting_note()
    if note:
        click.echo(note, err=True)
    failed = 0
    for report in reports:
        for warning in report.warnings:
            click.echo(f"{report.language}: {warning}", err=True)
        for outcome in report.outcomes:
            if outcome.path is not None:
                pages = f"{outcome.pages} page{'s' if outcome.pages != 1 else ''}"
                click.echo(f"wrote {_relative(outcome.path)} ({pages})")
            else:
                failed += 1
                click.echo(f"error: {outcome.article}.{outcome.language}.pdf not written: "
                           f"{outcome.error}", err=True)
            for warning in outcome.warnings:
                click.echo(f"{outcome.article}.{outcome.language}.pdf: warning: {warning}",
                           err=True)
    return 1 if failed else 0
