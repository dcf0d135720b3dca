"""Consistency: the same source translated differently within one language.

A publication that translates an article a week renders a repeated sentence ("Ibid.",
a recurring title, a standard disclaimer) the same way everywhere, or a reader and a
search engine see two texts for one. Within each language, every translated message is
grouped with the other messages of the same source (and context) in any catalog; so is
every sentence of a message whose translation has as many sentences. A rendering that
differs from the most frequent one is reported with both places.

Unlike the other checks this one needs every catalog at once: the runner checks one
catalog per worker, so :func:`inconsistencies` runs after it over the same files.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from concord.catalog.load import read_catalog
from concord.checks.base import (
    IGNORE_FLAG_PREFIX, CatalogCheck, CatalogContext, Entry, Finding, excerpt, state_of,
)
from concord.checks.config import CheckConfig
from concord.errors import CatalogError

#: A sentence ends at . ! ? (or … and closing quotes) before a space and a capital.
_SENTENCE_END = re.compile(r"(?<=[.!?…])[”\"»’)]?\s+(?=[“\"«(]?[^\W\d_])")
MIN_SENTENCE_WORDS = 4
IGNORE_FLAG = IGNORE_FLAG_PREFIX + "inconsistent"

Place = tuple[str, int, str]  # path, line, translation


class Inconsistent(CatalogCheck):
    """The same source (a whole message, or one sentence of it) is translated differently
    in another catalog or another place of this language. Use the same translation, or
    give the messages different contexts if they must differ."""

    id = "inconsistent"
    name = "Inconsistent translation"
    description = "one source translated differently in two places of a language"
    family = "consistency"
    severity = "info"

    def check_catalog(self, ctx: CatalogContext) -> Iterable[tuple[Entry, str]]:
        return ()  # the work needs all catalogs: see inconsistencies()


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_END.split(" ".join(text.split())) if s.strip()]


def _segments(entry: Entry) -> Iterable[tuple[str, str, str]]:
    """(kind, source, translation) pairs of a translated entry: the message, and its
    sentences when both sides have the same number of them."""
    source, target = " ".join(entry.msgid.split()), " ".join(entry.msgstr.split())
    yield "message", source, target
    pieces = sentences(source)
    if len(pieces) > 1:
        translated = sentences(target)
        if len(translated) == len(pieces):
            for s, t in zip(pieces, translated):
                if len(s.split()) >= MIN_SENTENCE_WORDS:
                    yield "sentence", s, t


Segment = tuple[str, str, str, str, int, str]  # kind, context, source, target, line, msgstr


def _segments_of_file(file: tuple[str, str | None, object]) -> tuple[str, str, list[Segment]]:
    """(display, language, segments) of one catalog; no segments when it does not parse."""
    display, lang, path = file
    try:
        catalog = read_catalog(path, display=display)  # type: ignore[arg-type]
    except CatalogError:
        return display, lang or "und", []  # the runner already reported it
    rows = []
    for entry in catalog.entries:
        if (entry.msgid_plural is not None or state_of(entry) != "translated"
                or IGNORE_FLAG in entry.flags):
            continue
        for kind, source, target in _segments(entry):
            rows.append((kind, entry.msgctxt or "", source, target, entry.line, entry.msgstr))
    return display, lang or catalog.language or "und", rows


def _read_all(files: Sequence[tuple[str, str | None, object]]) -> list[tuple[str, str, list[Segment]]]:
    """Every catalog's segments, on every core when there are many catalogs (as the runner)."""
    from concord.checks.runner import PARALLEL_MIN_FILES, usable_cores

    cores = usable_cores()
    if cores <= 1 or len(files) < PARALLEL_MIN_FILES:
        return [_segments_of_file(f) for f in files]
    import multiprocessing

    with multiprocessing.get_context("fork").Pool(cores) as pool:
        return pool.map(_segments_of_file, files, chunksize=max(1, len(files) // (cores * 8)))


def inconsistencies(files: Sequence[tuple[str, str | None, object]], severity: str = "info") -> list[Finding]:
    """Findings for every minority rendering; ``files`` are (display, lang, path) triples."""
    groups: dict[tuple[str, str, str, str], dict[str, list[Place]]] = defaultdict(lambda: defaultdict(list))
    for display, lang, rows in _read_all(files):
        for kind, context, source, target, line, msgstr in rows:
            groups[(lang, kind, context, source)][target].append((display, line, msgstr))
    findings: dict[tuple[str, int], Finding] = {}
    for (lang, kind, _, source), renderings in sorted(groups.items()):  # messages first
        if len(renderings) > 1:
            for finding in _report(lang, kind, source, renderings, severity):
                findings.setdefault((finding.path, finding.line), finding)
    return list(findings.values())


def after_run(jobs: Sequence[Any], config: CheckConfig) -> list[Finding]:
    """The consistency findings of a ``concord check`` run over ``jobs`` (runner jobs),
    with the project's configuration applied (switched off, severity, per-file ignores)."""
    if Inconsistent.id in config.ignore:
        return []
    files = [(job.display, job.lang, job.path) for job in jobs
             if Inconsistent.id not in config.ignored_in(job.display)]
    severity = config.severity.get(Inconsistent.id, Inconsistent.severity)
    return inconsistencies(files, severity)


def _report(lang: str, kind: str, source: str, renderings: dict[str, list[Place]],
            severity: str) -> Iterable[Finding]:
    """One finding per place of a minority rendering, naming the usual rendering's place."""
    counts = {t: len(places) for t, places in renderings.items()}
    ranked = sorted(renderings, key=lambda t: (-counts[t], min(renderings[t])))
    usual = ranked[0]
    path0, line0, _ = min(renderings[usual])
    what = "this message" if kind == "message" else f"the sentence {excerpt(source, 60)!r}"
    for other in ranked[1:]:
        for path, line, msgstr in renderings[other]:
            yield Finding(path, line, lang, Inconsistent.id, severity,  # type: ignore[arg-type]
                          f"{what} is translated {excerpt(other, 60)!r} here but "
                          f"{excerpt(usual, 60)!r} at {path0}:{line0}; use one translation",
                          source, msgstr)
