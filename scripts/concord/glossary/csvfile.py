"""The glossary as CSV, one concept per row, for spreadsheets and quick edits.

Columns: ``id, source, pos, case_sensitive, severity, note`` and, per language, ``<lang>``
(approved terms, the preferred first) and ``<lang>-forbidden``. Several terms in one
cell are separated by `` | ``. The same fields as the TBX file, so either converts to the
other without loss (``concord glossary export --format csv``).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from concord.errors import ConcordError
from concord.glossary.model import Concept, Glossary, validate

FIXED = ("id", "source", "pos", "case_sensitive", "severity", "note")
SEPARATOR = " | "


def _cell(value: str) -> list[str]:
    return [part.strip() for part in value.split("|") if part.strip()]


def read_csv(path: Path, display: str | None = None, source_lang: str = "en") -> Glossary:
    """The glossary in ``path``; a bad row raises one ``path:line:`` error."""
    shown = display or str(path)
    try:
        text = path.read_text("utf-8-sig")
    except (OSError, UnicodeDecodeError) as err:
        raise ConcordError(f"{shown}: cannot be read as UTF-8 ({err}); save it as UTF-8 CSV") from err
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = reader.fieldnames or []
    missing = [name for name in ("id", "source") if name not in header]
    if missing:
        raise ConcordError(f"{shown}:1: the header lacks {', '.join(missing)}; the first row names "
                           f"the columns: {', '.join(FIXED)}, then one per language (tr, tr-forbidden, ...)")
    langs = [h for h in header if h not in FIXED and not h.endswith("-forbidden")]
    concepts = []
    for row in reader:
        line = reader.line_num
        if None in row:
            raise ConcordError(f"{shown}:{line}: more cells than columns; quote a cell that "
                               "holds a comma")
        concept = Concept(
            id=(row.get("id") or "").strip(), source=_cell(row.get("source") or ""),
            pos=(row.get("pos") or "noun").strip() or "noun",
            case_sensitive=(row.get("case_sensitive") or "").strip().lower() in ("yes", "true", "1"),
            severity=(row.get("severity") or "warning").strip() or "warning",
            note=(row.get("note") or "").strip(), path=shown, line=line)
        for lang in langs:
            if _cell(row.get(lang) or ""):
                concept.targets[lang] = _cell(row[lang])
            if _cell(row.get(f"{lang}-forbidden") or ""):
                concept.forbidden[lang] = _cell(row[f"{lang}-forbidden"])
        validate(concept)
        concepts.append(concept)
    return Glossary(concepts, source_lang)


def write_csv(glossary: Glossary) -> str:
    """The CSV text of ``glossary``: concepts sorted by id, language columns by code."""
    langs = glossary.languages()
    header = [*FIXED, *(col for lang in langs for col in (lang, f"{lang}-forbidden"))]
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    for c in glossary.sorted():
        row = [c.id, SEPARATOR.join(c.source), c.pos, "yes" if c.case_sensitive else "no",
               c.severity, c.note]
        for lang in langs:
            row += [SEPARATOR.join(c.targets.get(lang, [])), SEPARATOR.join(c.forbidden.get(lang, []))]
        writer.writerow(row)
    return out.getvalue()
