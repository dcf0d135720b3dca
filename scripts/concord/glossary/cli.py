"""``concord glossary ...``: validate, import, export and search the shared glossary.

The glossary file(s) default to the project's ``glossary/`` folder; the store is the
memory (``--tm``, ``CONCORD_TM``, default ``tm/concord.sqlite``), as for ``concord tm``.
"""

from __future__ import annotations

from pathlib import Path

import click

from concord.errors import ConcordError
from concord.glossary.files import FOLDER, glossary_files, read_glossary, render
from concord.glossary.model import Concept, Glossary
from concord.tm.cli import _confdir_option, _open, _project, _tm_option


def _root(confdir: Path | None) -> Path:
    project = _project(confdir, required=False)
    return project.root if project is not None else Path.cwd()


def _read(paths: tuple[Path, ...], confdir: Path | None) -> Glossary:
    root = _root(confdir)
    targets = list(paths) or [root / FOLDER]
    files = [f for target in targets for f in glossary_files(target)]
    if not files:
        raise ConcordError(f"no .tbx or .csv glossary in {', '.join(map(str, targets))}; "
                           "add glossary/glossary.tbx or name the file")
    return read_glossary(files, root)


@click.group()
def glossary() -> None:
    """The shared glossary: approved terms and names per language (TBX-Basic or CSV)."""


@glossary.command("validate")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@_confdir_option
def validate(paths: tuple[Path, ...], confdir: Path | None) -> int:
    """Read the glossary files (default: glossary/); a problem is one path:line: line, exit 2."""
    found = _read(paths, confdir)
    click.echo(f"{len(found)} concepts, languages {', '.join(found.languages()) or 'none'}: valid")
    return 0


@glossary.command("import")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@_tm_option
@_confdir_option
def import_(paths: tuple[Path, ...], tm_spec: str | None, confdir: Path | None) -> int:
    """Replace the glossary in the memory's store by the files' (default: glossary/)."""
    from concord.glossary.store import save

    found = _read(paths, confdir)
    memory, _ = _open(tm_spec, confdir)
    with memory:
        terms = save(memory, found)
    click.echo(f"{len(found)} concepts ({terms} terms) into {memory.location}")
    return 0


@glossary.command("export")
@click.option("--format", "fmt", type=click.Choice(("tbx", "csv")), default="tbx", show_default=True)
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None,
              help="File to write (default: standard output).")
@_tm_option
@_confdir_option
def export(fmt: str, output: Path | None, tm_spec: str | None, confdir: Path | None) -> int:
    """Write the stored glossary as TBX-Basic or CSV, sorted stably for review in git."""
    from concord.glossary.store import load
    from concord.catalog.save import atomic_write_bytes

    memory, _ = _open(tm_spec, confdir)
    with memory:
        found = load(memory)
    text = render(found, fmt)
    if output is None:
        click.echo(text, nl=False)
    else:
        atomic_write_bytes(output, text.encode("utf-8"))
        click.echo(f"{len(found)} concepts to {output}", err=True)
    return 0


@glossary.command("search")
@click.argument("text")
@click.option("-l", "--lang", default=None, help="Show only this target language.")
@_tm_option
@_confdir_option
def search(text: str, lang: str | None, tm_spec: str | None, confdir: Path | None) -> int:
    """Glossary entries whose terms contain TEXT, from the store (else from glossary/)."""
    for line in lines(entries(text, tm_spec, confdir), lang):
        click.echo(line)
    return 0


def entries(text: str, tm_spec: str | None, confdir: Path | None) -> list[Concept]:
    """The concepts matching ``text``: the store's glossary, or the project's files."""
    memory, project = _open(tm_spec, confdir)
    with memory:
        return stored_or_project(memory, project.root if project else Path.cwd()).search(text)


def stored_or_project(memory: object, root: Path) -> Glossary:
    """The glossary in the store; when none was imported, the project's files."""
    from concord.glossary.store import load

    found = load(memory) if hasattr(memory, "glossary_rows") else Glossary()
    if not len(found) and (root / FOLDER).is_dir() and glossary_files(root / FOLDER):
        found = read_glossary(glossary_files(root / FOLDER), root)
    return found


def concordance_first(memory: object, project: object, text: str, lang: str | None) -> list[str]:
    """The glossary entries ``concord tm search`` shows before the memory's units: the
    approved rendering outranks any past translation."""
    root = getattr(project, "root", None) or Path.cwd()
    try:
        found = stored_or_project(memory, root).search(text)
    except ConcordError:
        return []  # a broken glossary is reported by `concord glossary validate`
    return ["glossary:", *lines(found, lang)] if found else []


def lines(concepts: list[Concept], lang: str | None) -> list[str]:
    """One block per concept: the source term, then per language approved / forbidden."""
    out = []
    for c in concepts:
        flags = [c.pos] + (["case-sensitive"] if c.case_sensitive else []) + (
            ["error"] if c.severity == "error" else [])
        out.append(f"{' | '.join(c.source)}  [{', '.join(flags)}]  ({c.id})")
        for code in c.languages():
            if lang and code != lang:
                continue
            approved = " | ".join(c.targets.get(code, [])) or "-"
            forbidden = c.forbidden.get(code)
            out.append(f"  {code}: approved: {approved}" +
                       (f"; forbidden: {' | '.join(forbidden)}" if forbidden else ""))
        if c.note:
            out.append(f"  note: {c.note}")
    return out
