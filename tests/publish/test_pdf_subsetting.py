"""Without HarfBuzz-Subset, ``concord pdf`` says so once, with the fix, instead of once per font.

WeasyPrint warns "Using fontTools instead of HarfBuzz-Subset ..." for every font of
every PDF when it cannot load ``libharfbuzz-subset.so.0``: nine lines a newcomer
cannot act on. The library cannot be uninstalled from this machine for a test, so
WeasyPrint's handle on it is set to None, exactly what its cffi loader leaves when
the library is missing (``weasyprint/text/ffi.py``).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import weasyprint.pdf.fonts
import weasyprint.text.ffi

from concord.cli import main
from concord.publish.pdf.fonts import subsetting_note


@pytest.mark.slow
def test_missing_subset_library_is_one_note_with_the_fix(
    project_copy: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr(weasyprint.text.ffi, "harfbuzz_subset", None)
    monkeypatch.setattr(weasyprint.pdf.fonts, "harfbuzz_subset", None)
    out = project_copy / "build" / "pdf"
    assert main(["pdf", "-c", str(project_copy), "-o", str(out), "-l", "en", "-j", "1"]) == 0
    captured = capsys.readouterr()
    assert captured.err.splitlines() == [subsetting_note()]
    assert "apt-get install libharfbuzz-subset0" in captured.err
    assert "HarfBuzz-Subset" not in captured.out
    assert len(list(out.glob("*.en.pdf"))) == 1  # fontTools subset it: the PDF is written
