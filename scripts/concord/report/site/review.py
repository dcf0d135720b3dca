"""The review page of one document: a row per message, a column per language.

Rows follow the source document (Sphinx's own message extraction order: title,
paragraphs, notes, biography); each cell carries its catalog state, its location
``locales/<lang>/LC_MESSAGES/<domain>.po:<line>``, the findings the checks reported
on that entry, and the spans those findings are about, so the page can mark them
where they are. Nothing here decides whether something is wrong: that is the checks'.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from pathlib import Path

from concord import rst
from concord.catalog.model import Catalog, Entry
from concord.checks.base import state_of
from concord.report.site.labels import NoteLabels
from concord.report.site.model import Cell, FindingRow, Mark, ReviewPage, Row
from concord.source import SourceDocument

#: A translator comment written by ``concord update``: "# concord-tm: 87% fuzzy match".
_TM_SCORE = re.compile(r"^#\s*concord-tm:\s*(\d{1,3})%\s*(.*)$", re.MULTILINE)
_UNDERLINE = re.compile(r"^([=\-`:'\"~^_*+#<>.])\1+\s*$")
_WORDS = re.compile(r"\s+|[^\s]+")


class Translation:
    """One language's catalog of the document, with the findings located in it."""

    def __init__(self, lang: str, path: str, catalog: Catalog | None,
                 findings: list[FindingRow], indices: list[int]) -> None:
        self.lang, self.path, self.catalog = lang, path, catalog
        self.entries: dict[str, Entry] = {}
        if catalog is not None:
            self.entries = {e.msgid: e for e in catalog.entries
                            if not e.obsolete and e.msgctxt is None}
        self.by_line: dict[int, list[int]] = {}
        self.by_msgid: dict[str, list[int]] = {}
        for index in indices:
            finding = findings[index]
            self.by_line.setdefault(finding.line, []).append(index)
            self.by_msgid.setdefault(finding.msgid, []).append(index)

    def findings_of(self, msgid: str, entry: Entry | None) -> list[int]:
        if entry is None:  # not in the catalog: the check names the source message
            return list(self.by_msgid.get(msgid, ()))
        return [i for i in self.by_line.get(entry.line, ())]


def review_page(doc: SourceDocument, files: list[tuple[str, Path]], href: str, source_lang: str,
                translations: list[Translation], findings: list[FindingRow],
                labels: NoteLabels) -> ReviewPage:
    """Every row of ``doc``; each finding shown on it gets ``href#row-lang`` as link.

    ``files`` are the source files of the domain (displayed path, path): one, or
    several when ``gettext_compact`` puts a folder's documents in one catalog.
    """
    sources = [(rel, _source_lines(path)) for rel, path in files]
    rows: list[Row] = []
    ordinals: Counter[str] = Counter()      # anonymous references seen so far
    problems: Counter[str] = Counter()
    for number, (msgid, line) in enumerate(doc.messages.items(), start=1):
        row_id = f"m{number}"
        notes = doc.notes_of_body(msgid)
        start = dict(ordinals)
        source_rel, lines = _source_of(msgid, line, sources)
        source = Cell(source_lang, "source", msgid, path=source_rel, line=line)
        source.marks = _reference_marks(msgid, labels, start)
        cells = [source]
        for translation in translations:
            cell = _cell(msgid, translation, findings, labels, start, source)
            for index in cell.findings:
                findings[index].review = f"{href}#{row_id}-{translation.lang}"
            problems[translation.lang] += cell.problem
            cells.append(cell)
        ordinals.update(s.key for s in _references(msgid) if s.key in ("#", "*"))
        source.marks.sort(key=lambda m: (m.start, m.kind != "ref"))
        rows.append(Row(row_id, _kind(msgid, line, lines, bool(notes)), line,
                        [labels.of_note(n) for n in notes], cells))
    title = next((r.cells[0].text for r in rows if r.kind == "title"), doc.docname)
    return ReviewPage(doc.domain, title, ", ".join(rel for rel, _ in files), href,
                      [source_lang, *(t.lang for t in translations)], rows, dict(problems),
                      doc.docname)


def _cell(msgid: str, translation: Translation, findings: list[FindingRow],
          labels: NoteLabels, start: dict[str, int], source: Cell) -> Cell:
    entry = translation.entries.get(msgid)
    if entry is None:
        cell = Cell(translation.lang, "missing" if translation.catalog else "untranslated",
                    "", path=translation.path)
        cell.findings = translation.findings_of(msgid, None)
        return cell
    state = state_of(entry)
    text = entry.msgstr if entry.msgid_plural is None else " | ".join(entry.msgstr_plural)
    cell = Cell(translation.lang, state, text, path=translation.path, line=entry.line)
    cell.findings = translation.findings_of(msgid, entry)
    cell.marks = _reference_marks(text, labels, start)
    if state == "fuzzy":
        cell.score, cell.score_note = _tm_score(entry.comments)
        previous = entry.previous_msgid
        if previous and previous != msgid:
            cell.diff = word_diff(previous, msgid)
    if text and cell.findings:
        _mark_findings(msgid, text, [findings[i] for i in cell.findings], cell, source)
    cell.marks.sort(key=lambda m: (m.start, m.kind != "ref"))
    return cell


def _references(text: str) -> list[rst.Span]:
    """The footnote and citation references of ``text``, in order."""
    if "]_" not in text:  # most messages cite nothing: skip the scanner
        return []
    if "`" not in text:  # no literal, role or link a reference could hide in
        return sorted(rst.quick(text, "footnote", "citation"), key=lambda s: s.start)
    return [span for span in rst.scan(text) if span.is_reference]


def _reference_marks(text: str, labels: NoteLabels, start: dict[str, int]) -> list[Mark]:
    """Each footnote/citation reference of ``text``, labelled as printed."""
    marks, seen = [], Counter[str]()
    for span in _references(text):
        ordinal = start.get(span.key, 0) + seen[span.key]
        seen[span.key] += 1
        marks.append(Mark(span.start, span.end, "ref", labels.of_reference(span.key, ordinal),
                          span.text))
    return marks


def _mark_findings(msgid: str, text: str, found: list[FindingRow], cell: Cell,
                   source: Cell) -> None:
    """Mark the spans the findings name: extra ones here, missing ones in the source.

    A span is marked when a finding's message names it and the two sides really hold
    it a different number of times, so a key merely quoted elsewhere stays unmarked.
    """
    source_spans, target_spans = rst.scan(msgid), rst.scan(text)
    have = Counter((s.kind, s.key) for s in source_spans)
    want = Counter((s.kind, s.key) for s in target_spans)
    for finding in found:
        def named(span: rst.Span) -> bool:
            return span.text in finding.message or (len(span.key) > 2 and span.key in finding.message)

        for span in target_spans:
            if want[(span.kind, span.key)] > have[(span.kind, span.key)] and named(span):
                cell.marks.append(Mark(span.start, span.end, "extra", "",
                                       f"{finding.check}: not in the source"))
        for span in source_spans:
            if have[(span.kind, span.key)] > want[(span.kind, span.key)] and named(span):
                source.marks.append(Mark(span.start, span.end, "missing", "",
                                         f"missing in {cell.lang}: {finding.check}"))
                label = next((m.label for m in source.marks if m.start == span.start and m.label), "")
                cell.missing.append(f"[{label}] {span.text}" if label else span.text)
    cell.missing = sorted(set(cell.missing))
    source.marks = _without_overlaps(source.marks)
    cell.marks = _without_overlaps(cell.marks)


def _without_overlaps(marks: list[Mark]) -> list[Mark]:
    """One mark per span: a problem mark wins over a plain reference and keeps its label."""
    kept: dict[tuple[int, int], Mark] = {}
    for mark in marks:
        old = kept.get((mark.start, mark.end))
        if old is None:
            kept[(mark.start, mark.end)] = mark
        elif mark.kind == "ref":
            old.label = old.label or mark.label
        elif old.kind == "ref":
            mark.label = old.label
            kept[(mark.start, mark.end)] = mark
        elif mark.title not in old.title:
            old.title = f"{old.title}; {mark.title}"
    return sorted(kept.values(), key=lambda m: m.start)


def _tm_score(comments: str) -> tuple[int | None, str]:
    """The match score ``concord update`` wrote on a fuzzy entry (None if none)."""
    match = _TM_SCORE.search(comments)
    if match is None:
        return None, ""
    return int(match.group(1)), match.group(2).strip()


def word_diff(previous: str, current: str) -> list[tuple[str, str]]:
    """What changed in the source since the fuzzy translation was made, word by word."""
    old, new = _WORDS.findall(previous), _WORDS.findall(current)
    out: list[tuple[str, str]] = []
    for op, a1, a2, b1, b2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if op in ("delete", "replace"):
            out.append(("delete", "".join(old[a1:a2])))
        if op in ("insert", "replace"):
            out.append(("insert", "".join(new[b1:b2])))
        if op == "equal":
            out.append(("equal", "".join(old[a1:a2])))
    return out


def _kind(msgid: str, line: int, lines: list[str], is_note: bool) -> str:
    """title, rubric, note, metadata or paragraph, read off the reST source lines."""
    if is_note:
        return "note"
    if line <= 0:
        return "metadata"  # <meta> description, keywords: no line of their own
    here = lines[line - 1] if line <= len(lines) else ""
    above = lines[line - 2].strip() if 2 <= line <= len(lines) + 1 else ""
    if _UNDERLINE.match(here) and above and msgid.startswith(above[:20]):
        return "title"
    if here.lstrip().startswith(".. rubric::"):
        return "rubric"
    return "paragraph"


def _source_of(msgid: str, line: int, sources: list[tuple[str, list[str]]]
               ) -> tuple[str, list[str]]:
    """The source file a message comes from: the one holding its words at its line."""
    words = msgid.split()
    if len(sources) > 1 and line > 0 and words:
        for rel, lines in sources:
            if any(0 <= at < len(lines) and words[0] in lines[at] for at in (line - 1, line - 2)):
                return rel, lines
    return sources[0]


def _source_lines(path: Path) -> list[str]:
    try:
        return path.read_text("utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return []
