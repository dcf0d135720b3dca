"""Findings stream to the output: the same documents as before, memory that does not grow.

The streamed JSON must be the document the collecting renderer writes (same keys, same
findings in the same order); the peak memory of ``concord check --format json`` on a
catalog set with 200,000 findings must stay under 300 MB (it was 582 MB for 150,000
when findings were collected first).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from concord.checks.cli import execute, plan
from concord.checks.config import CheckConfig
from concord.cli import main
from concord.report.formats import as_json, github, junit, text
from check_helpers import E, po_text

ENTRIES = [E("A good message."), E("Second one, translated.", "Второе, переведено."),
           E("With  two spaces.", "С  двумя пробелами."), E("Fuzzy.", "Нечёткое.", ("fuzzy",)),
           E("Old.", "Старое.", obsolete=True)]


def _catalogs(folder: Path, count: int = 3) -> Path:
    folder.mkdir()
    for index in range(count):
        (folder / f"c{index}.po").write_text(po_text(ENTRIES), "utf-8")
    (folder / "broken.po").write_text('msgid "x"\nmsgstr "y\n', "utf-8")
    return folder


@pytest.mark.parametrize("fmt,render", [("json", as_json), ("text", text), ("github", github),
                                        ("junit", junit)], ids=["json", "text", "github", "junit"])
def test_streamed_document_is_the_collected_one(fmt: str, render: object, tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    folder = _catalogs(tmp_path / "po")
    main(["check", "--format", fmt, str(folder)])
    streamed = capsys.readouterr().out
    the_plan = plan((folder,), None, ())
    collected = render(execute(the_plan, CheckConfig(), {}), the_plan.notes if fmt != "text" else [])  # type: ignore[operator]
    if fmt == "json":
        assert json.loads(streamed) == json.loads(collected)
        assert list(json.loads(streamed)) == ["findings", "errors", "notes", "stats"]
        assert len(json.loads(streamed)["findings"]) == 9
    else:  # the same lines; a read error is written when its catalog comes, not first
        assert sorted(streamed.splitlines()) == sorted(collected.splitlines())
        assert "broken.po" in streamed and "unterminated string" in streamed


def test_threshold_downgrade_survives_streaming(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """With a threshold below 100% the missing segments' severity is known at the end:
    they wait in a spool file and come out in order, downgraded."""
    folder = _catalogs(tmp_path / "po")
    (folder / "broken.po").unlink()
    assert main(["check", "--threshold", "ru=50", "--format", "json", str(folder)]) == 0
    report = json.loads(capsys.readouterr().out)
    missing = [f for f in report["findings"] if f["check"] in ("untranslated", "fuzzy")]
    assert len(missing) == 6 and {f["severity"] for f in missing} == {"info"}
    assert [f["path"] for f in report["findings"]] == sorted(f["path"] for f in report["findings"])


def test_memory_does_not_grow_with_findings(tmp_path: Path) -> None:
    """200,000 untranslated entries in 40 catalogs: peak memory of the check under 300 MB."""
    folder = tmp_path / "many"
    folder.mkdir()
    body = "".join(f'#: source/x.rst:{i}\nmsgid "Message number {i} of a long document."\nmsgstr ""\n\n'
                   for i in range(5000))
    head = po_text([])
    for index in range(40):
        (folder / f"doc{index:02d}.po").write_text(head + body, "utf-8")
    out = tmp_path / "report.json"
    code = f"""
import resource, sys
from concord.cli import main
sys.stdout = open({str(out)!r}, "w", encoding="utf-8")
code = main(["check", "--format", "json", "-j", "1", {str(folder)!r}])
sys.stdout.close()
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)
sys.exit(code)
"""
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert result.returncode == 1, result.stderr
    peak_mb = int(result.stderr.split()[-1]) / 1024
    with out.open(encoding="utf-8") as handle:
        report = json.load(handle)
    assert len(report["findings"]) == 200_000
    assert report["stats"]["ru"]["untranslated"] == 200_000
    assert peak_mb < 300, f"peak {peak_mb:.0f} MB"
