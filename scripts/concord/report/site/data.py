"""Compute the report once: progress, findings, review rows, from one check run.

Counts of messages and the findings are the checks' own (:mod:`.checks_adapter`);
this module adds only what the checks do not keep: the words of fuzzy entries, the
catalogs' last change from git, and for each source document the rows of its review
page. Both renderings (HTML and report.json) read the :class:`Report` built here.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from pathlib import Path

from concord.catalog.model import Catalog
from concord.catalog.strict import read_catalog
from concord.checks.registry import CHECKS
from concord.checks.runner import PARALLEL_MIN_FILES, Job, Stats, usable_cores
from concord.errors import CatalogError
from concord.report.site.checks_adapter import CheckRun
from concord.report.site.gitdates import last_changes, uncommitted
from concord.report.site.labels import NoteLabels, label_style
from concord.report.site.model import (
    CatalogRow, Counts, FindingRow, LanguageRow, Progress, Report, ReviewPage,
)
from concord.report.site.review import Translation, review_page
from concord.project import SphinxProject
from concord.source import SourceDocument


def build_report(run: CheckRun, root: Path, name: str, workers: int | None = None) -> Report:
    """The whole model; ``root`` is the folder the displayed paths are relative to."""
    result = run.result
    findings = [FindingRow(f.path, f.line, f.lang, f.check, f.severity, f.message, f.msgid)
                for f in result.findings]
    catalogs, fuzzy_words = _read_catalogs(run.jobs, run.sources, workers)
    changes = _changes(root, run.jobs)
    catalog_rows = _catalog_rows(run, fuzzy_words, changes)
    reviews = _reviews(run, root, catalogs, findings) if run.sources else []
    pages = {page.domain: page.href for page in reviews}
    for row in catalog_rows:
        row.review = pages.get(row.domain)
    languages = _language_rows(run, catalog_rows, findings)
    project = run.project
    return Report(
        project=name, mode="project" if project is not None else "catalogs",
        generated=dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat(),
        source_language=project.source_language if project is not None else "en",
        languages=languages, catalogs=catalog_rows, findings=findings, reviews=reviews,
        notes=[*run.notes, *result.errors],
        checks={c.id: c.description for c in CHECKS},
    )


def _read_catalogs(jobs: list[Job], sources: dict[str, SourceDocument] | None,
                   workers: int | None = None) -> tuple[dict[str, Catalog | None], dict[str, int]]:
    """The catalogs the review pages show (by displayed path), and every catalog's
    fuzzy words. Unreadable catalogs are left out: the checks report why.

    Catalogs without a source document are only counted, on every core: the 484
    catalogs of python-docs-tr take two seconds to read on one.
    """
    shown = [job for job in jobs if job.domain is not None and sources and job.domain in sources]
    catalogs: dict[str, Catalog | None] = {}
    for job in shown:
        catalogs[job.display] = _read(job)
    words = {display: _fuzzy_words(catalog) for display, catalog in catalogs.items()}
    rest = [job for job in jobs if job.display not in catalogs]
    count = workers or usable_cores()
    if count > 1 and len(rest) >= PARALLEL_MIN_FILES:
        import multiprocessing

        with multiprocessing.get_context("fork").Pool(count) as pool:
            counted = pool.map(_count_fuzzy_words, rest, chunksize=max(1, len(rest) // (count * 4)))
    else:
        counted = [_count_fuzzy_words(job) for job in rest]
    words.update(zip((job.display for job in rest), counted))
    return catalogs, words


def _read(job: Job) -> Catalog | None:
    try:
        return read_catalog(job.path, display=job.display)
    except CatalogError:
        return None


def _fuzzy_words(catalog: Catalog | None) -> int:
    if catalog is None:
        return 0
    return sum(len(e.msgid.split()) for e in catalog.entries if e.fuzzy and not e.obsolete)


def _count_fuzzy_words(job: Job) -> int:
    return _fuzzy_words(_read(job))


def _changes(root: Path, jobs: list[Job]) -> dict[str, tuple[str | None, str]]:
    """display path -> (ISO date, shown text) of each catalog's last change."""
    from babel.dates import format_date

    paths = {job.display: job.path.resolve() for job in jobs}
    dates = last_changes(root, list(paths.values()))
    dirty = uncommitted(root, list(paths.values()))
    shown: dict[str, tuple[str | None, str]] = {}
    for display, path in paths.items():
        date = dates.get(path)
        text = format_date(date, format="medium", locale="en") if date else "not in git history"
        if path in dirty:
            text = f"{text}; uncommitted changes" if date else "uncommitted changes"
        shown[display] = (date.isoformat() if date else None, text)
    return shown


def _progress(stats: Stats, fuzzy_words: int) -> Progress:
    """The checks' message counts, with words split by state.

    The checks count translated words; the words of fuzzy entries are counted here from
    the same catalog, and the rest (untranslated, and source messages the catalog
    lacks) is what remains.
    """
    messages = Counts(stats.translated, stats.fuzzy, stats.messages - stats.translated - stats.fuzzy)
    words = Counts(stats.translated_words, fuzzy_words,
                   max(0, stats.words - stats.translated_words - fuzzy_words))
    return Progress(messages, words)


def _catalog_rows(run: CheckRun, fuzzy_words: dict[str, int],
                  changes: dict[str, tuple[str | None, str]]) -> list[CatalogRow]:
    domains = {job.display: job.domain for job in run.jobs}
    rows = []
    for display, (lang, stats) in sorted(run.result.documents.items()):
        domain = domains.get(display) or Path(display).with_suffix("").as_posix()
        date, shown = changes.get(display, (None, ""))
        rows.append(CatalogRow(display, lang, domain, _progress(stats, fuzzy_words.get(display, 0)),
                               date, shown))
    return rows


def _language_rows(run: CheckRun, catalogs: list[CatalogRow],
                   findings: list[FindingRow]) -> list[LanguageRow]:
    from concord.publish.languages import autonym

    result = run.result
    by_check: dict[str, dict[str, Counter[str]]] = defaultdict(lambda: defaultdict(Counter))
    for finding in findings:
        by_check[finding.lang][finding.check][finding.severity] += 1
    rows = []
    order = list(run.project.languages) if run.project is not None else []
    for lang, stats in sorted(result.stats.items(), key=lambda item: _rank(order, item[0])):
        own = [c for c in catalogs if c.lang == lang]
        words = Counts()
        for catalog in own:
            for state in ("translated", "fuzzy", "untranslated"):
                setattr(words, state, getattr(words, state) + getattr(catalog.progress.words, state))
        checks = {check: dict(counts) for check, counts in sorted(by_check[lang].items())}
        errors = sum(c.get("error", 0) for c in checks.values())
        unreadable = [e for e in result.errors if f"/{lang}/" in f"/{e}" or e.startswith(f"{lang}/")]
        dated = [c for c in own if c.last_change]
        latest = max(dated, key=lambda c: c.last_change or "") if dated else None
        meets = result.passed(lang)
        rows.append(LanguageRow(
            lang=lang, name=autonym(lang),
            progress=Progress(Counts(stats.translated, stats.fuzzy,
                                     stats.messages - stats.translated - stats.fuzzy), words),
            threshold=result.thresholds.get(lang, 100.0), meets_threshold=meets,
            ci_passes=meets and not errors and not unreadable, by_check=checks,
            errors=errors, warnings=sum(c.get("warning", 0) for c in checks.values()),
            unreadable=unreadable,
            last_change=latest.last_change if latest else None,
            last_change_shown=latest.last_change_shown if latest else "not in git history",
            badge=f"badges/{lang}.svg",
        ))
    return rows


def _rank(order: list[str], lang: str) -> tuple[int, str]:
    """The project's own order of languages (conf.py), then the rest alphabetically."""
    return (order.index(lang) if lang in order else len(order), lang)


def _reviews(run: CheckRun, root: Path, catalogs: dict[str, Catalog | None],
             findings: list[FindingRow]) -> list[ReviewPage]:
    """One review page per source document (domain), in the order Sphinx found them."""
    project = run.project
    assert project is not None and run.sources is not None
    style = label_style(list(project.settings.get("extensions") or ()),
                        str(project.setting("concord_footnote_label_style", "arabic")))
    by_lang_path: dict[tuple[str, str], str] = {}
    for job in run.jobs:
        if job.domain is not None:
            by_lang_path[(job.lang or "", job.domain)] = job.display
    located: dict[str, list[int]] = defaultdict(list)
    for index, finding in enumerate(findings):
        located[finding.path].append(index)
    languages = [lang for lang in project.languages if lang in run.result.stats]
    docnames: dict[str, list[str]] = defaultdict(list)  # domain -> its documents, listed once
    for docname in project.docnames():
        docnames[project.domain_of(docname)].append(docname)
    pages = []
    for domain, doc in sorted(run.sources.items()):
        translations = []
        for lang in languages:
            path = by_lang_path.get((lang, domain)) or _relative(
                project.catalog_path(lang, domain), root)
            translations.append(Translation(lang, path, catalogs.get(path), findings,
                                            located.get(path, [])))
        href = f"review/{domain}.html"
        pages.append(review_page(doc, _files(project, doc, root, docnames), href,
                                 project.source_language, translations, findings,
                                 NoteLabels(doc, style)))
    return pages


def _files(project: SphinxProject, doc: SourceDocument, root: Path,
           docnames: dict[str, list[str]]) -> list[tuple[str, Path]]:
    """The source files of ``doc``'s domain, the one Sphinx named first."""
    paths = [doc.path]
    suffixes = project.settings.get("source_suffix") or [".rst"]
    for docname in docnames.get(doc.domain, ()):
        for suffix in suffixes:
            path = project.srcdir / f"{docname}{suffix}"
            if path.is_file() and path.resolve() != doc.path.resolve():
                paths.append(path)
                break
    return [(_relative(path, root), path) for path in paths]


def _relative(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)
