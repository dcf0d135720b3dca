"""Run the registry over catalogs: one file per task, both cores when it pays.

Pure data in, data out: :func:`run` takes the catalogs to check (with their language
and gettext domain), the English source documents when a Sphinx project is known, and
the configuration; it returns findings, unreadable-catalog errors and statistics.
"""

from __future__ import annotations

import os
import pickle
import re
import tempfile
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from operator import attrgetter, itemgetter
from pathlib import Path
from typing import IO, Protocol

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
    #: language -> how many of its catalogs could not be read: that language fails
    unreadable: dict[str, int] = field(default_factory=dict)
    #: (language, severity) -> findings reported; complete even when they were streamed
    counts: dict[tuple[str, str], int] = field(default_factory=dict)
    #: the source documents the run compared against (by domain); None without a source
    sources: dict[str, SourceDocument] | None = None

    def passed(self, lang: str) -> bool:
        if self.unreadable.get(lang):
            return False
        return self.stats[lang].percent >= self.thresholds.get(lang, 100.0)


# State shared with forked workers (set before the pool starts).
_SOURCES: dict[str, SourceDocument] = {}
_CONFIG = CheckConfig()
_CHECKS: tuple[Check, ...] = CHECKS


class Sink(Protocol):
    """Where findings go as each catalog is done (a report writer): nothing is collected."""

    def finding(self, finding: Finding) -> None: ...

    def error(self, error: str) -> None: ...

    def file_done(self, display: str) -> None: ...


def run(jobs: Sequence[Job], *, sources: dict[str, SourceDocument] | None, config: CheckConfig,
        thresholds: dict[str, float] | None = None, checks: tuple[Check, ...] = CHECKS,
        workers: int | None = None, sink: Sink | None = None,
        languages: frozenset[str] = frozenset(),
        after: Callable[[], Iterable[Finding]] | None = None) -> Result:
    """Check every catalog of ``jobs``; see the module docstring.

    Without ``sink`` the findings are returned sorted in ``Result.findings``. With one,
    they are handed to it catalog by catalog (in path order, each sorted by line) and
    ``Result.findings`` stays empty, so memory does not grow with the number of
    findings; the cross-edition findings come last, then those of ``after`` (checks that
    need every catalog at once, such as consistency). ``languages``: report only these.
    """
    global _SOURCES, _CONFIG, _CHECKS
    _SOURCES, _CONFIG = sources or {}, config
    _CHECKS = tuple(c for c in checks if c.id not in config.ignore
                    and (sources is not None or not c.needs_source) and c.in_use())
    collected: list[Finding] = []
    totals = _Totals(sink, collected.append if sink is None else sink.finding, languages,
                     lambda lang: (thresholds or {}).get(lang, config.threshold_of(lang)))
    ordered = sorted(jobs, key=attrgetter("display")) if sink is not None else jobs
    results = []
    for result in _map(ordered, workers):
        totals.add(result)
        results.append(result)
    for finding in _editions(results, sources or {}):
        if (finding.path, finding.line) not in totals.named:
            totals.spool_or_emit(finding)
    for finding in after() if after is not None else ():
        totals.spool_or_emit(finding)
    totals.replay()
    if sink is None:
        collected.sort(key=itemgetter(0, 1, 3))  # path, line, check
    return Result(collected, totals.errors, dict(totals.stats), totals.documents,
                  totals.limits, source_skipped=sources is None and any(c.needs_source for c in checks),
                  unreadable=dict(totals.unreadable), counts=dict(totals.counts))


class _Totals:
    """What the summary needs (statistics, counts), kept while findings stream past.

    A language whose threshold is below 100% has its missing segments downgraded when
    it meets the threshold, which is known only at the end: from the first such catalog
    on, findings wait in a temporary file (not in memory) and are replayed in order.
    """

    def __init__(self, sink: Sink | None, emit: Callable[[Finding], None],
                 languages: frozenset[str], limit_of: Callable[[str], float]) -> None:
        self.sink, self.emit, self.languages, self.limit_of = sink, emit, languages, limit_of
        self.stats: dict[str, Stats] = defaultdict(Stats)
        self.documents: dict[str, tuple[str, Stats]] = {}
        self.unreadable: dict[str, int] = defaultdict(int)
        self.counts: dict[tuple[str, str], int] = defaultdict(int)
        self.limits: dict[str, float] = {}
        self.named: set[tuple[str, int]] = set()
        self.errors: list[str] = []
        self.spool: IO[bytes] | None = None

    def add(self, r: FileResult) -> None:
        if r.lang not in self.limits:
            self.limits[r.lang] = self.limit_of(r.lang)
            if self.limits[r.lang] < 100 and self.spool is None:
                self.spool = tempfile.TemporaryFile()
        if r.error is not None:
            self.unreadable[r.lang] += 1
            self.stats[r.lang].add(Stats())  # the language is listed, and fails
            self.errors.append(r.error)
            if self.sink is not None:
                self.sink.error(r.error)
        if r.stats is not None:
            self.stats[r.lang].add(r.stats)
            self.documents[r.display] = (r.lang, r.stats)
        r.findings.sort(key=itemgetter(1, 3))  # line, check
        for finding in r.findings:
            if finding.check in ("footnote-body", "footnote-swap"):
                self.named.add((finding.path, finding.line))
            self.spool_or_emit(finding)
        r.findings = []
        if self.sink is not None and self.spool is None:
            self.sink.file_done(r.display)
        elif self.spool is not None:
            pickle.dump(r.display, self.spool)

    def spool_or_emit(self, finding: Finding) -> None:
        if self.languages and finding.lang not in self.languages:
            return
        if self.spool is not None:
            pickle.dump(tuple(finding), self.spool)
        else:
            self.counts[(finding.lang, finding.severity)] += 1
            self.emit(finding)

    def replay(self) -> None:
        """The spooled findings, with their final severity, in the order they came."""
        if self.spool is None:
            return
        spool, self.spool = self.spool, None
        spool.seek(0)
        downgrade = any(limit < 100 for limit in self.limits.values())
        with spool:
            while True:
                try:
                    item = pickle.load(spool)
                except EOFError:
                    break
                if isinstance(item, str):
                    if self.sink is not None:
                        self.sink.file_done(item)
                    continue
                finding = Finding._make(item)
                if downgrade:
                    finding = _within_threshold(finding, self.stats, self.limits)
                self.spool_or_emit(finding)


def usable_cores() -> int:
    """The cores this process may run on (``-j`` overrides).

    The 1-minute load average was tried as a measure of idle cores and dropped: it
    describes the past minute, so a check started right after another busy command
    (a build, or the peers in the benchmark) ran on one core with the second free.
    """
    return len(os.sched_getaffinity(0))


def _map(jobs: Sequence[Job], workers: int | None) -> Iterator[FileResult]:
    """Each catalog's result, in the order of ``jobs``, as soon as it (and those before
    it) are done: the caller streams them out instead of holding them all."""
    count = workers or usable_cores()
    if count <= 1 or len(jobs) < PARALLEL_MIN_FILES:
        yield from (check_file(job) for job in jobs)
        return
    import multiprocessing

    rst.warm()  # shared by the forked workers
    context = multiprocessing.get_context("fork")
    order = _largest_first(jobs, count * 2)
    waiting: dict[int, FileResult] = {}
    due = 0
    with context.Pool(count) as pool:
        # small chunks: catalogs differ a hundredfold in size, and a worker left with one
        # big chunk at the end keeps the other core idle; results still come in order
        chunk = max(1, len(jobs) // (count * 32))
        for index, result in zip(order, pool.imap(_check_file_packed, [jobs[i] for i in order],
                                                   chunksize=chunk)):
            result.findings = [Finding._make(row) for row in result.findings]
            waiting[index] = result
            while due in waiting:
                yield waiting.pop(due)
                due += 1


def _largest_first(jobs: Sequence[Job], few: int) -> list[int]:
    """Job indexes: the ``few`` largest catalogs first, then the others in order.

    The largest catalog of a project can be its last by name (python-docs-es'
    ``whatsnew/changelog.po``, 2 MB): checked last, it keeps one worker busy while the
    other idles. Started first, it overlaps with the rest. Only these few results wait
    for their turn in memory, so streaming still holds at most ``few`` catalogs' findings.
    """
    def size(index: int) -> int:
        try:
            return jobs[index].path.stat().st_size
        except OSError:
            return 0

    big = sorted(range(len(jobs)), key=size, reverse=True)[:few]
    chosen = set(big)
    return big + [i for i in range(len(jobs)) if i not in chosen]


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
        lang = job.lang or _sniff_language(job.path) or _lang_from_path(job.path)
        return FileResult(job.display, lang, error=str(err))
    lang = job.lang or catalog.language or _lang_from_path(job.path)
    source = _SOURCES.get(job.domain) if job.domain else None
    rest = job.rest and (job.domain is not None or not interface_catalog(catalog))
    ctx = CatalogContext(catalog, lang, source, rest, fs_path=job.path)
    result = FileResult(job.display, lang, domain=job.domain)
    ignored = _CONFIG.ignored_in(job.display)
    checks = [c for c in _CHECKS if c.id not in ignored and (source or not c.needs_source)
              and (rest or not c.rest_only)]
    result.stats = _check_entries(catalog, ctx, checks, result.findings)
    add = result.findings.append
    for check in checks:
        if isinstance(check, CatalogCheck):
            for entry, message, *at in check.check_catalog(ctx):
                _add(add, check, entry, message, ctx, at[0] if at else None)
    if source is not None and job.domain is not None:
        result.notes = _note_urls(catalog, source, job.domain)
        for msgid, _ in missing_messages(ctx):  # shown in English: count them as missing
            result.stats.messages += 1
            result.stats.untranslated += 1
            result.stats.words += len(msgid.split())
    return result


def _add(add: object, check: Check, entry: Entry | None, message: str, ctx: CatalogContext,
         line: int | None = None) -> None:
    """Record one finding at ``line`` (default: the entry's msgid); ``entry`` None: the file."""
    if entry is not None and IGNORE_FLAG_PREFIX + check.id in entry.flags:
        return
    severity = _CONFIG.severity.get(check.id, check.severity)
    at = line if line is not None else entry.line if entry is not None else 1
    add(Finding(ctx.path, at, ctx.lang, check.id, severity, message,  # type: ignore[operator]
                entry.msgid if entry else "", entry.msgstr if entry else ""))


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
    # checks grouped by what they need (the order of findings is restored by sorting):
    # one test of the group's need per message, then each check of the group
    groups: dict[tuple[tuple[str, ...], tuple[str, ...]], list[MessageCheck]] = defaultdict(list)
    for c in checks:
        if isinstance(c, MessageCheck):
            groups[(c.source_needs, c.target_needs)].append(c)
    always = groups.pop(((), ()), [])
    gated = [(needs, target_needs, group) for (needs, target_needs), group in groups.items()]
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
            source, target = unit.source, unit.target
            todo = always
            for needs, target_needs, group in gated:
                if (needs and (needs[0] in source or needs[-1] in source)) \
                        or (target_needs and (target_needs[0] in target or target_needs[-1] in target)):
                    todo = todo + group  # a new list: ``always`` stays as it is
            for check in todo:
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


_LANGUAGE_FIELD = re.compile(rb'^"Language:[ \t]*([A-Za-z]{2,3}(?:[_@-][A-Za-z0-9]+)*)', re.MULTILINE)


#: Files a program's messages come from (``#: sphinx/roles.py:205``,
#: ``#: templates/layout.html:3``); a document's come from .rst, .md or .txt files, or
#: from docstrings (``#: mod.py:docstring of mod.f:1``).
_PROGRAM_FILE = re.compile(r"\.(?:py|pyx|pyi|html?|js|ts|jinja2?|j2|tmpl|xml|c|h|cc|cpp)(?::\d+)*$")


def interface_catalog(catalog: Catalog) -> bool:
    """Are the catalog's messages a program's interface strings (a theme's templates,
    Sphinx's own ``sphinx.po``) rather than reST of documents? Read, without a project,
    from its ``#:`` references: every file named is a program's, and no message is a
    docstring. Such messages are not parsed as reST (``rest_only`` checks skip them),
    as project mode does for catalogs that belong to no document."""
    named = False
    for entry in catalog.entries:
        if "#:" not in entry.comments:
            continue
        if "docstring of" in entry.comments:
            return False
        for where in entry.occurrences:
            if not _PROGRAM_FILE.search(where):
                return False
            named = True
    return named


def _sniff_language(path: Path) -> str | None:
    """The header's Language of a catalog that failed to read, so that language fails."""
    try:
        with path.open("rb") as handle:
            match = _LANGUAGE_FIELD.search(handle.read(65536))
    except OSError:
        return None
    return match.group(1).decode("ascii") if match else None


def _lang_from_path(path: Path) -> str:
    parts = path.parts
    if "LC_MESSAGES" in parts:
        index = parts.index("LC_MESSAGES")
        if index > 0:
            return parts[index - 1]
    return "und"


__all__ = ["Job", "Result", "Stats", "run", "check_file"]
