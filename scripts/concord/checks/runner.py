"""Run the registry over catalogs: one file per task, both cores when it pays.

Pure data in, data out: :func:`run` takes the catalogs to check (with their language
and gettext domain), the English source documents when a Sphinx project is known, and
the configuration; it returns findings, unreadable-catalog errors and statistics.
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from operator import itemgetter
from pathlib import Path

from concord import rst
from concord.catalog.load import Catalog, Entry, read_catalog
from concord.checks.base import (
    IGNORE_FLAG_PREFIX, CatalogCheck, CatalogContext, Check, EditionsCheck, EntryCheck,
    Finding, MessageCheck, Severity, state_of, units_of,
)
from concord.checks.completeness import missing_messages
from concord.checks.config import CheckConfig
from concord.checks.registry import CHECKS
from concord.errors import CatalogError
from concord.source import SourceDocument

#: Below this many catalogs a process pool costs more than it saves.
PARALLEL_MIN_FILES = 24
#: Downgraded severity of missing segments when a language meets its threshold.
WITHIN_THRESHOLD: Severity = "info"


@dataclass(frozen=True)
class Job:
    path: Path
    display: str               # as reported: relative to the project root when inside it
    lang: str | None = None    # None: read it from the catalog header
    domain: str | None = None  # None: no source document known
    rest: bool = True          # False: the messages are not reST (theme strings)


@dataclass
class Stats:
    messages: int = 0
    translated: int = 0
    fuzzy: int = 0
    untranslated: int = 0
    obsolete: int = 0
    words: int = 0
    translated_words: int = 0

    def add(self, other: Stats) -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    @property
    def percent(self) -> float:
        return 100.0 * self.translated / self.messages if self.messages else 100.0


@dataclass
class FileResult:
    display: str
    lang: str = ""
    findings: list[Finding] = field(default_factory=list)
    stats: Stats | None = None
    error: str | None = None
    #: (domain, note number) -> (URLs the edition's note cites, line of its body)
    notes: dict[tuple[str, int], tuple[tuple[str, ...], int]] = field(default_factory=dict)
    domain: str | None = None


@dataclass
class Result:
    findings: list[Finding]
    errors: list[str]
    stats: dict[str, Stats]
    documents: dict[str, tuple[str, Stats]]
    thresholds: dict[str, float]
    source_skipped: bool

    def passed(self, lang: str) -> bool:
        return self.stats[lang].percent >= self.thresholds.get(lang, 100.0)


# State shared with forked workers (set before the pool starts).
_SOURCES: dict[str, SourceDocument] = {}
_CONFIG = CheckConfig()
_CHECKS: tuple[Check, ...] = CHECKS


def run(jobs: Sequence[Job], *, sources: dict[str, SourceDocument] | None, config: CheckConfig,
        thresholds: dict[str, float] | None = None, checks: tuple[Check, ...] = CHECKS,
        workers: int | None = None) -> Result:
    """Check every catalog of ``jobs``; see the module docstring."""
    global _SOURCES, _CONFIG, _CHECKS
    _SOURCES, _CONFIG = sources or {}, config
    _CHECKS = tuple(c for c in checks if c.id not in config.ignore
                    and (sources is not None or not c.needs_source))
    results = _map(jobs, workers)
    findings = [f for r in results for f in r.findings]
    named = {(f.path, f.line) for f in findings if f.check in ("footnote-body", "footnote-swap")}
    findings.extend(f for f in _editions(results, sources or {}) if (f.path, f.line) not in named)
    stats: dict[str, Stats] = defaultdict(Stats)
    documents = {}
    for r in results:
        if r.stats is not None:
            stats[r.lang].add(r.stats)
            documents[r.display] = (r.lang, r.stats)
    limits = {lang: (thresholds or {}).get(lang, config.threshold_of(lang)) for lang in stats}
    if any(limit < 100 for limit in limits.values()):
        findings = [_within_threshold(f, stats, limits) for f in findings]
    findings.sort(key=itemgetter(0, 1, 3))  # path, line, check
    return Result(findings, [r.error for r in results if r.error], dict(stats), documents,
                  limits, source_skipped=sources is None and any(c.needs_source for c in checks))


def usable_cores() -> int:
    """The cores this process may run on (``-j`` overrides).

    The 1-minute load average was tried as a measure of idle cores and dropped: it
    describes the past minute, so a check started right after another busy command
    (a build, or the peers in the benchmark) ran on one core with the second free.
    """
    return len(os.sched_getaffinity(0))


def _map(jobs: Sequence[Job], workers: int | None) -> list[FileResult]:
    count = workers or usable_cores()
    if count <= 1 or len(jobs) < PARALLEL_MIN_FILES:
        return [check_file(job) for job in jobs]
    import multiprocessing

    context = multiprocessing.get_context("fork")
    with context.Pool(count) as pool:
        results = pool.map(_check_file_packed, jobs, chunksize=max(1, len(jobs) // (count * 8)))
    for result in results:  # rebuild the findings sent as plain tuples
        result.findings = [Finding._make(row) for row in result.findings]
    return results


def _check_file_packed(job: Job) -> FileResult:
    """:func:`check_file` for a worker: findings travel as plain tuples (pickled 3x faster)."""
    result = check_file(job)
    result.findings = [tuple(f) for f in result.findings]  # type: ignore[misc]
    return result


def _within_threshold(finding: Finding, stats: dict[str, Stats], limits: dict[str, float]) -> Finding:
    if finding.check in ("untranslated", "fuzzy", "not-in-catalog") and finding.severity == "error":
        if finding.lang in stats and stats[finding.lang].percent >= limits[finding.lang] < 100:
            return finding._replace(severity=WITHIN_THRESHOLD)
    return finding


def check_file(job: Job) -> FileResult:
    """Read one catalog and run every enabled check on it."""
    try:
        catalog = read_catalog(job.path, display=job.display)
    except CatalogError as err:
        return FileResult(job.display, error=str(err))
    lang = job.lang or catalog.language or _lang_from_path(job.path)
    source = _SOURCES.get(job.domain) if job.domain else None
    ctx = CatalogContext(catalog, lang, source, job.rest, fs_path=job.path)
    result = FileResult(job.display, lang, domain=job.domain)
    ignored = _CONFIG.ignored_in(job.display)
    checks = [c for c in _CHECKS if c.id not in ignored and (source or not c.needs_source)
              and (job.rest or not c.rest_only)]
    result.stats = _check_entries(catalog, ctx, checks, result.findings)
    add = result.findings.append
    for check in checks:
        if isinstance(check, CatalogCheck):
            for entry, message in check.check_catalog(ctx):
                _add(add, check, entry, message, ctx)
    if source is not None and job.domain is not None:
        result.notes = _note_urls(catalog, source, job.domain)
        for msgid, _ in missing_messages(ctx):  # shown in English: count them as missing
            result.stats.messages += 1
            result.stats.untranslated += 1
            result.stats.words += len(msgid.split())
    return result


def _add(add: object, check: Check, entry: Entry, message: str, ctx: CatalogContext) -> None:
    if IGNORE_FLAG_PREFIX + check.id in entry.flags:
        return
    severity = _CONFIG.severity.get(check.id, check.severity)
    add(Finding(ctx.path, entry.line, ctx.lang, check.id, severity, message,  # type: ignore[operator]
                entry.msgid, entry.msgstr))


def _check_entries(catalog: Catalog, ctx: CatalogContext, checks: list[Check],
                   findings: list[Finding]) -> Stats:
    """Run the entry and message checks over every entry; count what Sphinx publishes.

    The hot loop of ``concord check``: written for speed (locals, one state per entry).
    """
    by_state: dict[str, list[tuple[EntryCheck, str, str]]] = defaultdict(list)
    for check in checks:
        if isinstance(check, EntryCheck):
            by_state[check.state].append((check, IGNORE_FLAG_PREFIX + check.id,
                                          _CONFIG.severity.get(check.id, check.severity)))
    message_checks = [c for c in checks if isinstance(c, MessageCheck)]
    add, path, lang = findings.append, ctx.path, ctx.lang
    counts = {"translated": 0, "fuzzy": 0, "untranslated": 0, "obsolete": 0}
    words = translated_words = 0
    for entry in catalog.entries:
        state = state_of(entry)
        counts[state] += 1
        for check, flag, severity in by_state.get(state, ()):
            if flag not in entry.flags:
                for message in check.check_entry(entry, ctx):
                    add(Finding(path, entry.line, lang, check.id, severity, message,  # type: ignore[arg-type]
                                entry.msgid, entry.msgstr))
        if state == "obsolete":
            continue
        count = len(entry.msgid.split())
        words += count
        if state != "translated":
            continue
        translated_words += count
        for unit in units_of(entry, lang):
            for check in message_checks:
                if unit.noqa and check.honours_noqa:
                    continue
                for message in check.check_message(unit, ctx):
                    _add(add, check, entry, message, ctx)
    return Stats(
        messages=counts["translated"] + counts["fuzzy"] + counts["untranslated"],
        translated=counts["translated"], fuzzy=counts["fuzzy"],
        untranslated=counts["untranslated"], obsolete=counts["obsolete"],
        words=words, translated_words=translated_words,
    )


def _note_urls(catalog: Catalog, source: SourceDocument, domain: str
               ) -> dict[tuple[str, int], tuple[tuple[str, ...], int]]:
    """The URLs each note of this edition cites (the English body when untranslated)."""
    entries = {e.msgid: e for e in catalog.entries if not e.obsolete and e.msgctxt is None}
    notes = {}
    for note in source.notes:
        urls: list[str] = []
        line = 0
        for body in note.bodies:
            entry = entries.get(body)
            shown = entry.msgstr if entry is not None and entry.translated else body
            urls.extend(rst.urls(shown))
            line = line or (entry.line if entry is not None else 0)
        notes[(domain, note.number)] = (tuple(urls), line)
    return notes


def _editions(results: Iterable[FileResult], sources: dict[str, SourceDocument]) -> list[Finding]:
    checks = [c for c in _CHECKS if isinstance(c, EditionsCheck)]
    if not checks or not sources:
        return []
    by_note: dict[tuple[str, int], dict[str, tuple[tuple[str, ...], str, int]]] = defaultdict(dict)
    for r in results:
        for key, (urls, line) in r.notes.items():
            by_note[key][r.lang] = (urls, r.display, line)
    findings = []
    for (domain, number), editions in sorted(by_note.items()):
        note = sources[domain].notes[number - 1]
        source_urls = tuple(u for body in note.bodies for u in rst.urls(body))
        for check in checks:
            severity = _CONFIG.severity.get(check.id, check.severity)
            for lang, path, line, message in check.compare(editions, source_urls):
                findings.append(Finding(path, line, lang, check.id, severity,
                                        f"note {note.name}: {message}", " ".join(note.bodies)))
    return findings


def _lang_from_path(path: Path) -> str:
    parts = path.parts
    if "LC_MESSAGES" in parts:
        index = parts.index("LC_MESSAGES")
        if index > 0:
            return parts[index - 1]
    return "und"


__all__ = ["Job", "Result", "Stats", "run", "check_file"]
