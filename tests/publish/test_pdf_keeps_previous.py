"""A broken Russian catalog leaves yesterday's good Russian PDF exactly as it was.

The publication itself, printed for real (``concord pdf -l ru``), then printed again
with the catalog broken: the one line says why and that the old PDF is kept, and the
file is byte-identical. A temporary PDF a killed run left behind is cleared.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from concord.cli import main

ARTICLE = "europe-us-asia-pacific"
RU_PO = Path("locales/ru/LC_MESSAGES/articles") / f"{ARTICLE}.po"


def _break(path: Path) -> int:
    """Leave one msgstr unterminated; return its 1-based line."""
    lines = path.read_text("utf-8").splitlines(keepends=True)
    index = next(i for i, line in enumerate(lines)
                 if line.startswith('msgstr "') and line.strip() != 'msgstr ""')
    lines[index] = lines[index].rstrip().rstrip('"') + "\n"
    path.write_text("".join(lines), "utf-8")
    return index + 1


@pytest.mark.slow
def test_broken_catalog_keeps_the_previous_pdf_byte_identical(
    project_copy: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    out = project_copy / "build" / "pdf"
    args = ["pdf", "-c", str(project_copy), "-o", str(out), "-l", "ru", "-j", "1"]
    assert main(args) == 0
    pdf = out / f"{ARTICLE}.ru.pdf"
    good = pdf.read_bytes()
    assert PdfReader(pdf).metadata.title  # a real, readable PDF
    stale = out / f".{pdf.name}.k1ll3d.tmp"  # what a SIGKILL during the write leaves
    stale.write_bytes(good[:100])
    capsys.readouterr()

    line = _break(project_copy / RU_PO)
    assert main(args) == 1

    errors = capsys.readouterr().err.strip().splitlines()
    assert len(errors) == 1
    assert errors[0].startswith(f"error: {pdf.name} not written: {project_copy / RU_PO}:")
    assert f":{line}" in errors[0] or f":{line + 1}" in errors[0]
    assert errors[0].endswith(f"(the previous {pdf.name} is kept, unchanged)")
    assert pdf.read_bytes() == good
    assert sorted(p.name for p in out.iterdir()) == [pdf.name]
