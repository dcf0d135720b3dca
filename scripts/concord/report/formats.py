"""Findings as text, JSON, GitHub workflow annotations and JUnit XML.

Every format carries the same facts: the catalog path (relative to the project root),
the 1-based line of the entry, the language, the check id, the severity, the message,
and the msgid; the text format adds the original and the translation side by side.
"""

from __future__ import annotations

import json
from collections import defaultdict
from typing import TYPE_CHECKING

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
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for finding in result.findings:
        counts[(finding.lang, finding.severity)] += 1
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


def as_json(result: Result, notes: list[str]) -> str:
    documents: dict[str, dict[str, object]] = defaultdict(dict)
    for path, (lang, stats) in sorted(result.documents.items()):
        documents[lang][path] = _stats_dict(stats)
    payload = {
        "findings": [
            {"path": f.path, "line": f.line, "lang": f.lang, "check": f.check,
             "severity": f.severity, "message": f.message, "msgid": f.msgid}
            for f in result.findings
        ],
        "errors": result.errors,
        "notes": notes,
        "stats": {
            lang: {**_stats_dict(stats), "threshold": result.thresholds.get(lang, 100.0),
                   "passed": result.passed(lang), "unreadable": result.unreadable.get(lang, 0),
                   "documents": documents.get(lang, {})}
            for lang, stats in sorted(result.stats.items())
        },
    }
    # indent=None keeps json's C encoder: an indented dump of 50,000 findings is 5x slower
    return json.dumps(payload, ensure_ascii=False)


def _gh(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def github(result: Result, notes: list[str]) -> str:
    level = {"error": "error", "warning": "warning", "info": "notice"}
    out = []
    for error in result.errors:
        path, _, rest = error.partition(": error: ")
        file, _, line = path.partition(":")
        out.append(f"::error file={file},line={line or 1}::{_gh(rest or error)}")
    for f in result.findings:
        out.append(f"::{level[f.severity]} file={f.path},line={f.line},title={f.check}::"
                   f"{_gh(f.message)}")
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
