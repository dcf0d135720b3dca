"""Findings as text, JSON, GitHub workflow annotations and JUnit XML.

Every format carries the same facts: the catalog path (relative to the project root),
the 1-based line of the entry, the language, the check id, the severity, the message,
and the msgid; the text format adds the original and the translation side by side.
"""

from __future__ import annotations

import json
from collections import defaultdict
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from concord.checks.runner import Result, Stats

from concord.checks.base import Finding, excerpt

FORMATS = ("text", "json", "github", "junit")


def render(result: Result, fmt: str, *, notes: list[str] | None = None) -> str:
    """The whole report in ``fmt``; ``notes`` are one-line remarks (skipped checks)."""
    return {"text": text, "json": as_json, "github": github, "junit": junit}[fmt](result, notes or [])


def line_of(finding: Finding) -> str:
    return (f"{finding.path}:{finding.line}: {finding.severity}: {finding.check}: "
            f"{finding.message}")


def text(result: Result, notes: list[str]) -> str:
    out = list(result.errors)
    add = out.append
    for path, line, _, check, severity, message, msgid, msgstr in result.findings:
        add(f"{path}:{line}: {severity}: {check}: {message}")
        if msgid and check != "obsolete":
            add(f"    original:   {excerpt(msgid)}")
            if msgstr:
                add(f"    translated: {excerpt(msgstr)}")
    out.extend(notes)
    out.extend(summaries(result))
    return "\n".join(out)


def summaries(result: Result) -> list[str]:
    """One line per incomplete document, then one per language: messages and words
    translated, threshold, findings."""
    counts: dict[tuple[str, str], int] = defaultdict(int, result.counts)
    lines = [
        f"{path}: {stats.translated}/{stats.messages} messages translated ({stats.percent:.1f}%)"
        for path, (_, stats) in sorted(result.documents.items())
        if stats.translated < stats.messages
    ]
    for lang, stats in sorted(result.stats.items()):
        broken = result.unreadable.get(lang, 0)
        verdict = (f"FAILED, {broken} catalog(s) unreadable" if broken
                   else "pass" if result.passed(lang) else "below threshold")
        lines.append(
            f"{lang}: {stats.translated}/{stats.messages} messages, {stats.translated_words}/"
            f"{stats.words} words translated ({stats.percent:.1f}%, threshold "
            f"{result.thresholds.get(lang, 100.0):g}%: {verdict}); {stats.fuzzy} fuzzy, "
            f"{stats.untranslated} untranslated, {stats.obsolete} obsolete; "
            f"{counts[(lang, 'error')]} errors, {counts[(lang, 'warning')]} warnings"
        )
    return lines


def _stats_dict(stats: Stats) -> dict[str, object]:
    return {
        "messages": stats.messages, "translated": stats.translated, "fuzzy": stats.fuzzy,
        "untranslated": stats.untranslated, "obsolete": stats.obsolete, "words": stats.words,
        "translated_words": stats.translated_words, "percent": round(stats.percent, 2),
    }


def _stats_json(result: Result) -> dict[str, object]:
    documents: dict[str, dict[str, object]] = defaultdict(dict)
    for path, (lang, stats) in sorted(result.documents.items()):
        documents[lang][path] = _stats_dict(stats)
    return {
        lang: {**_stats_dict(stats), "threshold": result.thresholds.get(lang, 100.0),
               "passed": result.passed(lang), "unreadable": result.unreadable.get(lang, 0),
               "documents": documents.get(lang, {})}
        for lang, stats in sorted(result.stats.items())
    }


def as_json(result: Result, notes: list[str]) -> str:
    payload = {
        "findings": [
            {"path": f.path, "line": f.line, "lang": f.lang, "check": f.check,
             "severity": f.severity, "message": f.message, "msgid": f.msgid}
            for f in result.findings
        ],
        "errors": result.errors,
        "notes": notes,
        "stats": _stats_json(result),
    }
    # indent=None keeps json's C encoder: an indented dump of 50,000 findings is 5x slower
    return json.dumps(payload, ensure_ascii=False)


def _gh(value: str) -> str:
    """A workflow command's message, escaped as @actions/core's escapeData does."""
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_property(value: str) -> str:
    """A property (file=, title=), escaped as @actions/core's escapeProperty does."""
    return _gh(value).replace(":", "%3A").replace(",", "%2C")


def github(result: Result, notes: list[str]) -> str:
    level = {"error": "error", "warning": "warning", "info": "notice"}
    out = []
    for error in result.errors:
        path, _, rest = error.partition(": error: ")
        file, _, line = path.partition(":")
        out.append(f"::error file={_gh_property(file)},line={line or 1}::{_gh(rest or error)}")
    for f in result.findings:
        out.append(f"::{level[f.severity]} file={_gh_property(f.path)},line={f.line},"
                   f"title={f.check}::{_gh(f.message)}")
    out.extend(f"::notice::{_gh(n)}" for n in notes)
    out.extend(summaries(result))
    return "\n".join(out)


def junit(result: Result, notes: list[str]) -> str:
    """One test case per catalog; each error or warning finding is a failure in it."""
    from xml.sax.saxutils import escape, quoteattr

    cases: dict[str, list[Finding]] = {path: [] for path in result.documents}
    for f in result.findings:
        cases.setdefault(f.path, []).append(f)
    failures = sum(1 for fs in cases.values() if any(f.severity != "info" for f in fs))
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           f'<testsuite name="concord check" tests="{len(cases) + len(result.errors)}" '
           f'failures="{failures}" errors="{len(result.errors)}">']
    for error in result.errors:
        out.append(f'  <testcase classname="catalog" name={quoteattr(error.split(": ")[0])}>'
                   f"<error message={quoteattr(error)}/></testcase>")
    for path, findings in sorted(cases.items()):
        out.append(f'  <testcase classname="catalog" name={quoteattr(path)}>')
        for f in findings:
            if f.severity == "info":
                continue
            out.append(f"    <failure type={quoteattr(f.check)} message={quoteattr(line_of(f))}>"
                       f"{escape(f.msgid)}</failure>")
        out.append("  </testcase>")
    out.append("</testsuite>")
    return "\n".join(out)


# --- Streaming writers: what ``concord check`` uses -------------------------------------
# Each writes a finding as soon as its catalog is done, so memory does not grow with the
# number of findings; the document is the same as the renderers' above (the JSON keeps
# its shape: findings, errors, notes, stats).


class Writer:
    """Base of the streaming writers (a :class:`concord.checks.runner.Sink`)."""

    def __init__(self, out: TextIO, notes: list[str]) -> None:
        self.out, self.notes = out, notes

    def __enter__(self) -> Writer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.out.flush()

    def finding(self, finding: Finding) -> None:
        raise NotImplementedError

    def error(self, error: str) -> None:
        raise NotImplementedError

    def file_done(self, display: str) -> None:
        """A catalog is complete (its findings were all written)."""

    def finish(self, result: Result) -> None:
        raise NotImplementedError


class TextWriter(Writer):
    def finding(self, f: Finding) -> None:
        lines = [f"{f.path}:{f.line}: {f.severity}: {f.check}: {f.message}"]
        if f.msgid and f.check != "obsolete":
            lines.append(f"    original:   {excerpt(f.msgid)}")
            if f.msgstr:
                lines.append(f"    translated: {excerpt(f.msgstr)}")
        self.out.write("\n".join(lines) + "\n")

    def error(self, error: str) -> None:
        self.out.write(error + "\n")

    def finish(self, result: Result) -> None:
        tail = [*self.notes, *summaries(result)]
        if tail:
            self.out.write("\n".join(tail) + "\n")


class GithubWriter(TextWriter):
    level = {"error": "error", "warning": "warning", "info": "notice"}

    def finding(self, f: Finding) -> None:
        self.out.write(f"::{self.level[f.severity]} file={_gh_property(f.path)},line={f.line},"
                       f"title={f.check}::{_gh(f.message)}\n")

    def error(self, error: str) -> None:
        path, _, rest = error.partition(": error: ")
        file, _, line = path.partition(":")
        self.out.write(f"::error file={_gh_property(file)},line={line or 1}::{_gh(rest or error)}\n")

    def finish(self, result: Result) -> None:
        lines = [f"::notice::{_gh(n)}" for n in self.notes] + summaries(result)
        if lines:
            self.out.write("\n".join(lines) + "\n")


class JsonWriter(Writer):
    """``{"findings": [...], "errors": [...], "notes": [...], "stats": {...}}``, streamed:
    findings are encoded a batch at a time by json's C encoder."""

    BATCH = 2000

    def __enter__(self) -> Writer:
        self.out.write('{"findings": [')
        self.batch: list[dict[str, object]] = []
        self.written = False
        return self

    def finding(self, f: Finding) -> None:
        self.batch.append({"path": f.path, "line": f.line, "lang": f.lang, "check": f.check,
                           "severity": f.severity, "message": f.message, "msgid": f.msgid})
        if len(self.batch) >= self.BATCH:
            self._flush()

    def _flush(self) -> None:
        if self.batch:
            self.out.write((", " if self.written else "") +
                           json.dumps(self.batch, ensure_ascii=False)[1:-1])
            self.written, self.batch = True, []

    def error(self, error: str) -> None:
        """Errors are few and listed after the findings: collected in ``finish``."""

    def finish(self, result: Result) -> None:
        self._flush()
        rest = json.dumps({"errors": result.errors, "notes": self.notes,
                           "stats": _stats_json(result)}, ensure_ascii=False)
        self.out.write("], " + rest[1:] + "\n")


class JunitWriter(Writer):
    """One test case per catalog, written when the catalog is done; the suite's totals
    come first in the file, so the cases wait in a temporary file until the end."""

    def __enter__(self) -> Writer:
        import tempfile

        self.cases = tempfile.TemporaryFile("w+", encoding="utf-8")
        self.current: str | None = None
        self.failed_cases = self.case_count = 0
        self.failures: list[str] = []
        self.errored = ""
        return self

    def __exit__(self, *exc: object) -> None:
        self.cases.close()
        super().__exit__(*exc)

    def finding(self, f: Finding) -> None:
        from xml.sax.saxutils import escape, quoteattr

        if f.path != self.current:
            self.file_done(self.current) if self.current is not None else None
            self.current = f.path
        if f.severity != "info":
            self.failures.append(f"    <failure type={quoteattr(f.check)} message="
                                 f"{quoteattr(line_of(f))}>{escape(f.msgid)}</failure>")

    def error(self, error: str) -> None:
        from xml.sax.saxutils import quoteattr

        self.case_count += 1
        self.errored = error
        self.cases.write(f'  <testcase classname="catalog" name={quoteattr(error.split(": ")[0])}>'
                         f"<error message={quoteattr(error)}/></testcase>\n")

    def file_done(self, display: str | None) -> None:
        from xml.sax.saxutils import quoteattr

        if display is None or (self.errored.startswith(display + ":") and not self.failures):
            return  # an unreadable catalog is its <error> case
        if self.current not in (None, display):
            self.file_done(self.current)
        self.case_count += 1
        self.failed_cases += bool(self.failures)
        self.cases.write("\n".join([f'  <testcase classname="catalog" name={quoteattr(display)}>',
                                    *self.failures, "  </testcase>"]) + "\n")
        self.failures, self.current = [], None

    def finish(self, result: Result) -> None:
        if self.current is not None:
            self.file_done(self.current)
        self.out.write('<?xml version="1.0" encoding="UTF-8"?>\n'
                       f'<testsuite name="concord check" tests="{self.case_count}" '
                       f'failures="{self.failed_cases}" errors="{len(result.errors)}">\n')
        self.cases.seek(0)
        for chunk in iter(lambda: self.cases.read(1 << 16), ""):
            self.out.write(chunk)
        self.out.write("</testsuite>\n")


WRITERS: dict[str, type[Writer]] = {"text": TextWriter, "json": JsonWriter,
                                    "github": GithubWriter, "junit": JunitWriter}


def writer(fmt: str, out: TextIO, *, notes: list[str]) -> Writer:
    """The streaming writer of ``fmt`` (``text``, ``json``, ``github``, ``junit``)."""
    return WRITERS[fmt](out, notes)
