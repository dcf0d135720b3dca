"""``concord check``: a thin command over :func:`plan` and :func:`concord.checks.runner.run`.

Exit codes: 0 clean; 1 a finding at error severity (with ``--strict``: any error or
warning), or a language below its threshold; 2 usage error or an unreadable catalog
(the other catalogs are still checked and reported).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

import click

from concord.checks.config import CheckConfig, load_config, parse_threshold
from concord.checks.registry import BY_ID, CHECKS
from concord.checks.runner import Job, Result, Sink, run
from concord.errors import ConcordError, ProjectError
from concord.project import SphinxProject, find_confdir, load_project
from concord.report import FORMATS


@dataclass
class Plan:
    """What to check: the catalogs, the project they belong to (if any), the languages."""

    jobs: list[Job]
    project: SphinxProject | None
    languages: tuple[str, ...] = ()
    notes: list[str] = field(default_factory=list)

    @property
    def needs_source(self) -> bool:
        return any(job.domain is not None for job in self.jobs)


def _display(path: Path, root: Path | None) -> str:
    resolved = path.resolve()
    for base in (root, Path.cwd()):
        if base is not None:
            try:
                return resolved.relative_to(base.resolve()).as_posix()
            except ValueError:
                continue
    return str(path)


def _catalog_files(paths: tuple[Path, ...]) -> list[Path]:
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            inside = sorted(path.rglob("*.po"))
            if not inside:
                raise ConcordError(f"no .po catalogs under {str(path)!r}; pass catalog files "
                                   "or a folder that holds them")
            found.extend(inside)
        elif path.exists():
            found.append(path)
        else:
            raise ConcordError(f"{str(path)!r} does not exist; pass catalog files or folders, "
                               "or run inside a Sphinx project without PATHS")
    return found


def plan(paths: tuple[Path, ...], confdir: Path | None, languages: tuple[str, ...],
         *, source: bool = True) -> Plan:
    """Decide the catalogs and their project: see ``concord check --help``.

    ``source=False`` (``--no-source``): no Sphinx read of the English source, only the
    checks that need the catalog alone (a pre-commit run on a large project).
    """
    project: SphinxProject | None = None
    if confdir is not None or not paths:
        project = load_project(confdir)
    else:
        try:
            project = load_project(find_confdir())
        except ProjectError:
            project = None
    if not paths:
        assert project is not None
        langs = languages or project.catalog_languages
        files = [p for lang in langs for p in project.catalogs(lang)]
        if not files:
            raise ConcordError(f"no catalogs for {', '.join(langs) or 'any language'} under "
                               f"{', '.join(map(str, project.locale_dirs))}; run `concord update`")
    else:
        files = _catalog_files(paths)
    root = project.root if project else None
    documented = {project.domain_of(d) for d in project.docnames()} if project else set()
    jobs = []
    stale = []
    for path in files:
        domain = project.domain_of_catalog(path) if project else None
        lang = _lang_of(path, project) if domain else None
        if project is not None and domain is not None and project.is_stale_catalog(path, lang or ""):
            stale.append(_display(path, root))  # the edition shows the source itself
            continue
        if not source:
            domain = None
        jobs.append(Job(path, _display(path, root), lang, domain,
                        rest=domain is None or domain in documented))
    result = Plan(jobs, project, languages)
    result.notes.extend(
        f"note: {shown} is a catalog in its document's original language (:language:); "
        "it is not checked and the build ignores it; delete it once the other editions are "
        "translated (until then `concord update` offers its units reversed)" for shown in stale)
    bare = sum(1 for job in jobs if job.domain is None)
    if bare and not source:
        skipped = ", ".join(c.id for c in CHECKS if c.needs_source)
        result.notes.append(f"note: --no-source: checks that need the source were skipped ({skipped})")
    elif bare:
        skipped = ", ".join(c.id for c in CHECKS if c.needs_source)
        result.notes.append(
            f"note: {bare} catalog(s) outside a Sphinx project's locale folders: checks that "
            f"need the source were skipped ({skipped}); run inside the project or pass -c DIR")
    return result


def _lang_of(path: Path, project: SphinxProject | None) -> str | None:
    parts = path.resolve().parts
    if "LC_MESSAGES" in parts:
        return parts[parts.index("LC_MESSAGES") - 1]
    return None


def execute(the_plan: Plan, config: CheckConfig, thresholds: dict[str, float],
            workers: int | None = None, sink: Sink | None = None,
            glossary: Path | None = None) -> Result:
    """Read the source if needed, run the checks, keep the requested languages.

    With ``sink`` the findings stream to it (a report writer) instead of being collected.
    ``glossary`` names a glossary file or folder other than the project's ``glossary/``.
    """
    from concord.glossary.hooks import after_run, before_run

    sources = None
    project = the_plan.project
    before_run(the_plan, config, glossary)
    try:
        if project is not None and the_plan.needs_source:
            from concord.source import read_sources

            sources = read_sources(project)
        keep = frozenset(the_plan.languages)
        result = run(the_plan.jobs, sources=sources, config=config, thresholds=thresholds,
                     workers=workers, sink=sink, languages=keep,
                     after=lambda: after_run(the_plan, config))
    finally:
        from concord import glossary as glossary_module

        glossary_module.deactivate()
    result.source_skipped = any(job.domain is None for job in the_plan.jobs)
    result.sources = sources
    if keep:
        result.stats = {k: v for k, v in result.stats.items() if k in keep}
        result.documents = {k: v for k, v in result.documents.items() if v[0] in keep}
    return result


def exit_code(result: Result, strict: bool) -> int:
    if result.errors:
        return 2
    failing = ("error", "warning") if strict else ("error",)
    if any(count and severity in failing for (_, severity), count in result.counts.items()):
        return 1
    return 0 if all(result.passed(lang) for lang in result.stats) else 1


def _thresholds(values: tuple[str, ...]) -> dict[str, float]:
    found = {}
    for value in values:
        lang, sep, pct = value.partition("=")
        if not sep or not lang:
            raise ConcordError(f"--threshold {value!r} is not LANG=PCT; write e.g. --threshold ru=90")
        found[lang.strip()] = parse_threshold(pct, f"--threshold {value}")
    return found


@click.command("check")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("-c", "--confdir", type=click.Path(path_type=Path, file_okay=False),
              envvar="CONCORD_CONFDIR", help="Folder holding conf.py (default: found from here).")
@click.option("-l", "--language", "languages", multiple=True,
              help="Check only this language (repeatable).")
@click.option("--format", "fmt", type=click.Choice((*FORMATS, "markdown")), default="text",
              envvar="CONCORD_CHECK_FORMAT", show_default=True, help="Report format.")
@click.option("--strict", is_flag=True, help="Fail (exit 1) on warnings too.")
@click.option("--threshold", "thresholds", multiple=True, metavar="LANG=PCT",
              help="Percent of messages LANG needs translated to pass (default 100).")
@click.option("--list-checks", is_flag=True, help="List the checks and exit.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Worker processes, 1 or more (default: every core).")
@click.option("--no-source", is_flag=True, envvar="CONCORD_CHECK_NO_SOURCE",
              help="Skip the checks that need Sphinx's read of the English source (faster: "
                   "a pre-commit hook on a large project).")
@click.option("--glossary", "glossary", type=click.Path(path_type=Path), envvar="CONCORD_GLOSSARY",
              help="Glossary file or folder (default: the project's glossary/).")
def check(paths: tuple[Path, ...], confdir: Path | None, languages: tuple[str, ...], fmt: str,
          strict: bool, thresholds: tuple[str, ...], list_checks: bool, jobs: int | None,
          no_source: bool, glossary: Path | None) -> int:
    """Check catalogs: footnotes aligned with the source, completeness, reST markup,
    script and typography.

    Inside a Sphinx project (or with -c DIR) every catalog of every language is checked
    against the English source. Given catalog files or folders outside a project, the
    checks that need only the catalog run and the language comes from each header.
    """
    from concord.report import checklist

    if list_checks:
        click.echo(checklist.markdown(CHECKS) if fmt == "markdown" else checklist.text(CHECKS),
                   nl=fmt != "markdown")
        return 0
    if fmt == "markdown":
        raise ConcordError("--format markdown only goes with --list-checks; use text, json, "
                           "github or junit for findings")
    the_plan = plan(paths, confdir, languages, source=not no_source)
    root = the_plan.project.root if the_plan.project else Path.cwd()
    config = load_config(root, set(BY_ID))
    from concord.report.formats import writer

    printed = 0

    def print_notes() -> None:  # remarks go to stderr so that stdout holds findings only
        nonlocal printed
        for note in the_plan.notes[printed:]:
            click.echo(note, err=True)
        printed = len(the_plan.notes)

    if fmt == "text":
        print_notes()
    with writer(fmt, sys.stdout, notes=the_plan.notes if fmt != "text" else []) as sink:
        result = execute(the_plan, config, _thresholds(thresholds), jobs, sink=sink, glossary=glossary)
        if fmt == "text":
            print_notes()  # and those of the run itself (a missing spelling dictionary)
        sink.finish(result)
    return exit_code(result, strict)
