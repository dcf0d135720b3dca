"""The report's data model: computed once, rendered as HTML pages and as report.json.

Plain dataclasses of plain values, so that :func:`as_json` is ``dataclasses.asdict``
and the templates read the same attributes the JSON carries.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass, field
from typing import Any

#: Report format version, bumped when a field changes meaning.
SCHEMA = 1


@dataclass
class Counts:
    """Messages or words in each publication state (what Sphinx will print)."""

    translated: int = 0
    fuzzy: int = 0
    untranslated: int = 0

    @property
    def total(self) -> int:
        return self.translated + self.fuzzy + self.untranslated

    def percent(self, state: str = "translated") -> float:
        return 100.0 * getattr(self, state) / self.total if self.total else 100.0

    def as_dict(self) -> dict[str, Any]:
        return {"translated": self.translated, "fuzzy": self.fuzzy,
                "untranslated": self.untranslated, "total": self.total,
                "percent": round(self.percent(), 2)}


@dataclass
class Progress:
    messages: Counts
    words: Counts


@dataclass
class FindingRow:
    """One finding of the checks, with where the review page shows it."""

    path: str
    line: int
    lang: str
    check: str
    severity: str
    message: str
    msgid: str
    review: str | None = None   # "review/<domain>.html#m3-tr" when a page shows it

    @property
    def location(self) -> str:
        return f"{self.path}:{self.line}"


@dataclass
class CatalogRow:
    """One catalog of one language: progress, last change, its review page if any."""

    path: str
    lang: str
    domain: str
    progress: Progress
    last_change: str | None      # ISO date of the last commit touching it
    last_change_shown: str       # formatted by Babel, or why there is none
    review: str | None = None


@dataclass
class LanguageRow:
    lang: str
    name: str
    progress: Progress
    threshold: float
    meets_threshold: bool
    ci_passes: bool
    by_check: dict[str, dict[str, int]]     # check id -> severity -> count
    errors: int
    warnings: int
    unreadable: list[str]
    last_change: str | None
    last_change_shown: str
    badge: str                               # relative path of the SVG badge


@dataclass
class Mark:
    """A span of a cell's text the page draws: a reference (shown as its label), or
    a part a finding is about (``missing`` in the source, ``extra`` in a translation)."""

    start: int
    end: int
    kind: str            # "ref", "missing", "extra"
    label: str = ""      # a footnote reference's printed label (i, ii, ...)
    title: str = ""      # what the mark means, for the tooltip and screen readers


@dataclass
class Cell:
    lang: str
    state: str                       # source, translated, fuzzy, untranslated, missing
    text: str
    marks: list[Mark] = field(default_factory=list)
    path: str = ""
    line: int = 0
    score: int | None = None         # the memory's match score of a fuzzy entry
    score_note: str = ""
    diff: list[tuple[str, str]] = field(default_factory=list)  # ("equal"|"insert"|"delete", text)
    findings: list[int] = field(default_factory=list)          # indices into Report.findings
    missing: list[str] = field(default_factory=list)           # source spans the findings miss here

    @property
    def location(self) -> str:
        return f"{self.path}:{self.line}" if self.line else self.path

    @property
    def problem(self) -> bool:
        return self.state in ("fuzzy", "untranslated", "missing") or bool(self.findings)


@dataclass
class Row:
    id: str
    kind: str                        # title, paragraph, note, rubric, metadata
    source_line: int
    labels: list[str]                # a note's printed label(s): ["v", "vi"] for a shared body
    cells: list[Cell]                # the source first, then each translation

    @property
    def problem_langs(self) -> list[str]:
        return [c.lang for c in self.cells[1:] if c.problem]


@dataclass
class ReviewPage:
    domain: str
    title: str
    source_path: str
    href: str                        # relative to the report root
    languages: list[str]
    rows: list[Row]
    problems: dict[str, int]         # lang -> rows with a problem
    docname: str = ""                # the (first) document: its page in each HTML edition


@dataclass
class Report:
    project: str
    mode: str                        # "project" or "catalogs"
    generated: str
    source_language: str
    languages: list[LanguageRow]
    catalogs: list[CatalogRow]
    findings: list[FindingRow]
    reviews: list[ReviewPage]
    notes: list[str]
    checks: dict[str, str]           # check id -> one-line description

    def language(self, lang: str) -> LanguageRow:
        return next(row for row in self.languages if row.lang == lang)


_SCALARS = (str, int, float, bool, type(None))


def _plain(value: Any) -> Any:
    """``asdict`` plus the computed totals and percentages of :class:`Counts`.

    Written for speed (type checks before anything else): a report of python-docs-tr
    holds 52,000 findings and a large project's review rows hold more marks.
    """
    kind = type(value)
    if kind in _SCALARS:
        return value
    if kind is FindingRow:  # all plain fields: no recursion
        return dict(vars(value))
    if kind is Counts:
        return value.as_dict()
    if kind is list or kind is tuple:
        return [_plain(v) for v in value]
    if kind is dict:
        return {k: _plain(v) for k, v in value.items()}
    if dataclasses.is_dataclass(value):
        return {k: _plain(v) for k, v in vars(value).items()}
    return value


def as_json(report: Report) -> str:
    """report.json: the whole model; one line per finding would not be smaller."""
    return json.dumps({"schema": SCHEMA, **_plain(report)}, ensure_ascii=False)
