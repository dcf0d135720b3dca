"""The precision tools of ``bench/precision``: the draw keeps references only and the
findings of the severity asked for; the score reads the labels back and re-checks them.

A two-entry corpus written here: one changed literal (an error) and one localized
placeholder (a warning).
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import pytest

from check_helpers import E, entry_line, po_text

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench" / "precision"))
import draw_sample  # noqa: E402
import score  # noqa: E402

CHANGED = E("Pass ``True`` here.", "Pase ``Verdadero`` aquí.")
PLACEHOLDER = E("Give ``(host, port)`` here.", "Dé ``(host, puerto)`` aquí.")


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus" / "es" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "doc.po").write_text(po_text([CHANGED, PLACEHOLDER], "es"), "utf-8")
    return tmp_path / "corpus"


def _draw(corpus: Path, labels: Path, *extra: str) -> list[dict[str, str]]:
    assert draw_sample.main([str(corpus), "--labels", str(labels), *extra]) == 0
    with labels.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.mark.parametrize(("severity", "check", "entry"), [
    ("error", "literal-changed", CHANGED), ("warning", "literal-placeholder-localized", PLACEHOLDER),
])
def test_the_draw_keeps_the_severity_asked_for(corpus: Path, tmp_path: Path, severity: str,
                                               check: str, entry: E) -> None:
    rows = _draw(corpus, tmp_path / "labels.csv", "--severity", severity, "--checks", check)
    text = (corpus / "es" / "LC_MESSAGES" / "doc.po").read_text("utf-8")
    assert [(r["path"], int(r["line"]), r["check"]) for r in rows] == \
        [("es/LC_MESSAGES/doc.po", entry_line(text, entry.msgid), check)]
    assert rows[0]["msgid_sha1"] == draw_sample.short_hash(entry.msgid)
    assert "Verdadero" not in (tmp_path / "labels.csv").read_text("utf-8")  # references only


def test_labels_are_read_back_and_verified(corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    labels = tmp_path / "labels.csv"
    rows = _draw(corpus, labels, "--checks", "literal-changed")
    rows[0].update(label="defect", reason="a constant translated")
    with labels.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, draw_sample.FIELDS)
        writer.writeheader()
        writer.writerows(rows)
    capsys.readouterr()
    assert score.main(["--labels", str(labels), "--verify", str(corpus)]) == 0
    out = capsys.readouterr().out
    assert "literal-changed              1       1    100.0%" in out
    assert "every labelled finding is still reported, unchanged" in out


def test_an_unlabelled_row_stops_the_score(corpus: Path, tmp_path: Path) -> None:
    labels = tmp_path / "labels.csv"
    _draw(corpus, labels, "--checks", "literal-changed")
    with pytest.raises(SystemExit, match="unlabelled or mislabelled"):
        score.main(["--labels", str(labels)])
