"""``concord tm ...`` and ``concord update``: thin wrappers over the memory's functions.

Shared options, each with an environment variable: ``--tm`` (``CONCORD_TM``), a
PostgreSQL DSN or an SQLite file (default ``tm/concord.sqlite`` beside ``conf.py``),
and ``-c/--confdir`` (``CONCORD_CONFDIR``), the folder holding ``conf.py``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import click

from concord.errors import ConcordError, ProjectError
from concord.lock import no_wait_option
from concord.tm import ENV_VAR, TranslationMemory, memory_spec, open_memory

#: Inputs above this size get a progress bar.
LARGE_INPUT = 2 * 1024 * 1024

_tm_option = click.option(
    "--tm", "tm_spec", envvar=ENV_VAR, metavar="DSN|FILE",
    help=f"The memory: postgresql://... or an SQLite file [env {ENV_VAR}; default tm/concord.sqlite].",
)
_confdir_option = click.option(
    "-c", "--confdir", envvar="CONCORD_CONFDIR", type=click.Path(file_okay=False, path_type=Path),
    help="Folder holding the project's conf.py [env CONCORD_CONFDIR; default: found upwards].",
)


def _project(confdir: Path | None, *, required: bool) -> Any:
    from concord.project import load_project

    try:
        return load_project(confdir)
    except ProjectError:
        if required or confdir is not None:
            raise
        return None


def _open(tm_spec: str | None, confdir: Path | None) -> tuple[TranslationMemory, Any]:
    project = _project(confdir, required=False)
    root = project.root if project is not None else Path.cwd()
    return open_memory(memory_spec(tm_spec, root)), project


@click.group()
def tm() -> None:
    """The translation memory: import, export (TMX 1.4b), search, stats."""


@tm.command("import")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--source-lang", default=None, help="Source language of catalogs [default: the original of the catalog's document (:language:), the project's language, else en].")
@click.option("--target-lang", default=None, help="Target language of catalogs without a Language header.")
@_tm_option
@_confdir_option
def import_(paths: tuple[Path, ...], source_lang: str | None, target_lang: str | None,
            tm_spec: str | None, confdir: Path | None) -> int:
    """Import catalogs, .po compendia and TMX files (default: the project's tm/ and catalogs).

    Each file is imported whole or not at all; re-importing a file adds nothing.
    """
    from concord.tm.update import sync_memory

    memory, project = _open(tm_spec, confdir)
    with memory:
        if not paths:
            if project is None:
                raise ProjectError("no conf.py found and no files given; name the files to import")
            added = sync_memory(memory, project)
            click.echo(f"{added} new units from {project.root} into {memory.location}")
            return 0
        total = 0
        for path in _expand(paths):
            added = _import_file(memory, path, source_lang, target_lang, project)
            click.echo(f"{path}: {added} new units")
            total += added
        click.echo(f"{total} new units in {memory.location}")
    return 0


def _expand(paths: tuple[Path, ...]) -> Iterator[Path]:
    for path in paths:
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.suffix in (".po", ".tmx"))
        else:
            yield path


def _import_file(memory: TranslationMemory, path: Path, source_lang: str | None,
                 target_lang: str | None, project: Any) -> int:
    from concord.tm.catalogs import catalog_units
    from concord.tm.tmx import read_tmx
    from concord.tm.update import project_relative

    if path.suffix.lower() == ".tmx":
        units: Any = read_tmx(path)
    elif path.suffix.lower() in (".po", ".pot"):
        domain = project.domain_of_catalog(path) if project is not None else None
        if not source_lang:  # a project's catalog translates its document's original
            source_lang = (project.original_of_domain(domain) if domain is not None
                           else project.source_language if project is not None else "en")
        # the origin as the memory records it everywhere: the path from the project's root
        origin = project_relative(path, project.root) if project is not None else None
        units = catalog_units(path, source_lang=source_lang, target_lang=target_lang, domain=domain,
                              origin=origin)
    else:
        raise ConcordError(f"{path} is neither a catalog (.po) nor a TMX file (.tmx); rename it or leave it out")
    supersede = path.suffix.lower() != ".tmx"  # a catalog is the truth for its own entries
    if path.stat().st_size < LARGE_INPUT:
        return memory.add(units, supersede=supersede)
    return _with_progress(path, lambda tick: memory.add(units, progress=tick, supersede=supersede))


def _with_progress(path: Path, run: Callable[[Callable[[int], None]], int]) -> int:
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    with Progress(SpinnerColumn(), TextColumn("{task.description}"),
                  TextColumn("{task.completed:,} units"), TimeElapsedColumn(),
                  transient=True) as progress:
        task = progress.add_task(f"importing {path.name}", total=None)
        return run(lambda n: progress.advance(task, n))


@tm.command("export")
@click.option("-o", "--out", type=click.Path(path_type=Path), default=None,
              help="A folder (one <src>-<tgt>.tmx per language pair; default tm/) or one .tmx file.")
@click.option("--target-lang", default=None, help="Export only this target language.")
@_tm_option
@_confdir_option
def export(out: Path | None, target_lang: str | None, tm_spec: str | None, confdir: Path | None) -> int:
    """Write the memory as TMX 1.4b files (stable order: they diff cleanly in git).

    A unit TMX cannot carry is left out with one line naming it (exit 1); the rest is
    written.
    """
    from concord.tm.tmx import ALL_SOURCES, write_tmx

    skipped: list[str] = []

    def skip(unit: Any, reason: str) -> None:
        skipped.append(unit.origin)
        click.echo(f"{unit.origin or memory.location}: warning: unit {unit.source[:40]!r} "
                   f"({unit.source_lang} -> {unit.target_lang}) not exported: {reason}; "
                   "fix it where it came from, then export again", err=True)

    memory, project = _open(tm_spec, confdir)
    with memory:
        out = out or (project.root if project is not None else Path.cwd()) / "tm"
        pairs = [p for p in memory.stats().pairs if target_lang in (None, p[1])]
        if not pairs:
            raise ConcordError(f"the memory {memory.location} has no units to export; run `concord tm import` first")
        if out.suffix.lower() == ".tmx":
            sources = {s for s, _ in pairs}
            # several source languages (tr->en beside en->tr): TMX's srclang="*all*"
            srclang = sources.pop() if len(sources) == 1 else ALL_SOURCES
            count = write_tmx(out, memory.units(target_lang=target_lang), source_lang=srclang,
                              on_skip=skip)
            click.echo(f"{out}: {count} units")
            return 1 if skipped else 0
        for source, target in pairs:
            path = out / f"{source}-{target}.tmx"
            count = write_tmx(path, memory.units(source, target), source_lang=source, on_skip=skip)
            click.echo(f"{path}: {count} units")
    return 1 if skipped else 0


@tm.command("search")
@click.argument("text")
@click.option("-l", "--lang", "--target-lang", "target_lang", default=None, help="Only this target language.")
@click.option("--source-lang", default=None,
              help="Only this source language [default: any; with --fuzzy, inferred from the memory's pairs].")
@click.option("--target", "in_target", is_flag=True, help="Search the translations instead of the sources.")
@click.option("--fuzzy", is_flag=True, help="Fuzzy matches with scores instead of a concordance (needs --lang).")
@click.option("-n", "--limit", default=20, show_default=True)
@_tm_option
@_confdir_option
def search(text: str, target_lang: str | None, source_lang: str | None, in_target: bool,
           fuzzy: bool, limit: int, tm_spec: str | None, confdir: Path | None) -> int:
    """Concordance: units containing every word of TEXT, the words highlighted."""
    from rich.console import Console
    from rich.table import Table

    from concord.tm.pairs import fuzzy_pair

    memory, project = _open(tm_spec, confdir)
    with memory:
        if fuzzy:
            source_lang, target_lang = fuzzy_pair(memory, source_lang, target_lang, project)
            found = [(f"{m.score}%", m.unit) for m in memory.search(text, source_lang, target_lang, limit=limit)]
        else:
            found = [("", u) for u in memory.concordance(
                text, source_lang=source_lang, target_lang=target_lang, limit=limit, in_target=in_target)]
        from concord.glossary.cli import concordance_first  # the approved entry first

        for line in concordance_first(memory, project, text, target_lang):
            click.echo(line)
    console = Console()
    if not found:
        console.print(f"no unit contains {text!r} in {memory.location}")
        return 0
    table = Table(show_lines=True)
    for column in (["score"] if fuzzy else []) + ["source", "target", "lang", "origin"]:
        table.add_column(column)
    words = [] if fuzzy else text.split()
    for score, unit in found:
        cells = [_highlight(unit.source, [] if in_target else words),
                 _highlight(unit.target, words if in_target else []),
                 f"{unit.source_lang}->{unit.target_lang}", unit.origin]
        table.add_row(*([score] if fuzzy else []), *cells)
    console.print(table)
    return 0


def _highlight(text: str, words: list[str]) -> Any:
    from rich.text import Text

    rich_text = Text(text)
    for word in words:
        rich_text.highlight_regex(re.compile(re.escape(word), re.IGNORECASE), style="bold reverse")
    return rich_text


@tm.command("stats")
@_tm_option
@_confdir_option
def stats(tm_spec: str | None, confdir: Path | None) -> int:
    """How many units, per language pair and per origin."""
    memory, _ = _open(tm_spec, confdir)
    with memory:
        data = memory.stats()
    click.echo(f"{data.location} ({data.backend}): {data.units} units")
    for (source, target), count in data.pairs.items():
        click.echo(f"  {source} -> {target}: {count}")
    if data.origins:
        click.echo("  largest origins:")
        for origin, count in data.origins.items():
            click.echo(f"    {count:>8}  {origin}")
    return 0


@click.command()
@_tm_option
@_confdir_option
@click.option("--threshold", type=int, default=None, envvar="CONCORD_TM_THRESHOLD",
              help="Lowest score offered as fuzzy [env CONCORD_TM_THRESHOLD; conf.py concord_tm_threshold; 75].")
@click.option("--trusted", type=int, default=None, envvar="CONCORD_TM_TRUSTED",
              help="Lowest score filled as translated [env CONCORD_TM_TRUSTED; conf.py concord_tm_trusted; 101].")
@click.option("--no-memory", is_flag=True, help="Merge only; do not pretranslate from the memory.")
@click.option("--pot-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Where Sphinx writes the templates [default build/gettext].")
@no_wait_option
def update(tm_spec: str | None, confdir: Path | None, threshold: int | None, trusted: int | None,
           no_memory: bool, pot_dir: Path | None, no_wait: bool) -> int:
    """Extract with Sphinx, merge into every catalog, pretranslate from the memory."""
    from concord.lock import project_lock
    from concord.tm.update import CatalogUpdate, project_policy, update_project

    project = _project(confdir, required=True)
    policy = project_policy(project, threshold, trusted)

    def report(change: CatalogUpdate) -> None:
        rel = change.path.relative_to(project.root) if change.path.is_relative_to(project.root) else change.path
        if change.stale:
            click.echo(f"{rel}: left as it is (a catalog in its document's original language: "
                       "builds and checks ignore it; delete it once the other editions are translated)")
            return
        state = "created" if change.created else ("updated" if change.written else "unchanged")
        detail = (f"{change.added} new, {change.from_previous} fuzzy from the previous source, "
                  f"{len(change.suggestions)} from the memory, {change.obsoleted} obsolete")
        click.echo(f"{rel}: {state} ({detail})")

    with project_lock(project.root, "update", wait=not no_wait):  # one run per project
        memory = None if no_memory else open_memory(memory_spec(tm_spec, project.root))
        try:
            update_project(project, memory, policy, pot_dir=pot_dir, report=report)
        finally:
            if memory is not None:
                memory.close()
    return 0
