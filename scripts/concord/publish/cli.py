"""``concord build``: every HTML edition, one Sphinx process per language."""

from __future__ import annotations

import os
from pathlib import Path

import click
from rich.console import Console

from concord.lock import no_wait_option
from concord.project import load_project
from concord.publish.editions import build_editions, default_gate


@click.command()
@click.option("-c", "--confdir", type=click.Path(file_okay=False, path_type=Path),
              envvar="CONCORD_CONFDIR", help="Folder holding conf.py (default: found from here).")
@click.option("-l", "--language", "languages", multiple=True,
              help="Build only these languages (repeatable). Default: all editions.")
@click.option("-o", "--outdir", type=click.Path(file_okay=False, path_type=Path),
              help="Output root; each edition goes to OUTDIR/<lang>. Default: build/html.")
@click.option("--force", is_flag=True, help="Publish a language even if `concord check` fails it.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None, envvar="CONCORD_JOBS",
              help="Parallel builds, 1 or more [env CONCORD_JOBS; default: one per core].")
@no_wait_option
def build(confdir: Path | None, languages: tuple[str, ...], outdir: Path | None,
          force: bool, jobs: int | None, no_wait: bool) -> int:
    """Build the HTML edition of every language.

    One run at a time per project: a second one waits for the first, saying so, or
    with --no-wait exits 1.
    """
    project = load_project(confdir)
    gate = default_gate()
    results = build_editions(project, languages or None, outdir, force=force, jobs=jobs,
                             gate=gate, wait=not no_wait)
    console = Console(stderr=True, highlight=False, soft_wrap=True)
    for result in results:
        where = os.path.relpath(result.output, Path.cwd())
        if result.ok:
            extra = f" ({len(result.warnings)} warnings, see {os.path.relpath(result.warnings_log)})" if result.warnings else ""
            console.print(f"[green]built[/]  {result.lang}: {where}/index.html{extra}")
        else:
            console.print(f"[red]failed[/] {result.lang}: {result.problem}")
    return 0 if all(r.ok for r in results) else 1
