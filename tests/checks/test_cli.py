"""The command line: formats, exit codes, --strict, thresholds, configuration, the gate."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from check_helpers import E, entry_line, po_text
from concord.checks import language_gate
from concord.cli import main

ENTRIES = [
    E("Claim [#a]_.", "Утверждение."),                      # footnote-refs (error)
    E("One space.", "Один  пробел."),                       # double-space (warning)
    E("Not yet translated."),                               # untranslated (error)
    E("Gone.", "Ушло.", obsolete=True),                     # obsolete (info)
]


@pytest.fixture
def catalog(tmp_path: Path) -> Path:
    path = tmp_path / "ru.po"
    path.write_text(po_text(ENTRIES), "utf-8")
    return path


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["check", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_text_format(catalog: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, str(catalog))
    text = catalog.read_text("utf-8")
    lines = out.splitlines()
    assert f"{catalog}:{entry_line(text, 'Claim [#a]_.')}: error: footnote-refs: footnote references differ: " \
           "missing [#a]_; extra none (original: [[#a]_], translated: [none]); keep each reference " \
           "of the source once" in lines
    assert "    original:   Claim [#a]_." in lines and "    translated: Утверждение." in lines
    assert any(l.endswith(": warning: double-space: doubled space after 'Один'; use one") for l in lines)
    assert any(": info: obsolete:" in l for l in lines)
    assert lines[-1].startswith("ru: 2/3 messages, 4/7 words translated (66.7%, threshold 100%: below threshold)")
    assert "1 fuzzy" not in out and "1 untranslated, 1 obsolete" in out
    assert code == 1
    assert "checks that need the source were skipped" in err


def test_json_format(catalog: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, str(catalog), "--format", "json")
    payload = json.loads(out)
    first = payload["findings"][0]
    assert set(first) == {"path", "line", "lang", "check", "severity", "message", "msgid"}
    assert [(f["check"], f["severity"]) for f in payload["findings"]] == [
        ("footnote-refs", "error"), ("double-space", "warning"), ("untranslated", "error"), ("obsolete", "info")]
    stats = payload["stats"]["ru"]
    assert (stats["messages"], stats["translated"], stats["untranslated"], stats["obsolete"]) == (3, 2, 1, 1)
    assert (stats["words"], stats["translated_words"]) == (7, 4) and stats["passed"] is False
    assert payload["notes"] and code == 1


def test_github_format(catalog: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, str(catalog), "--format", "github")
    assert f"::error file={catalog},line={entry_line(catalog.read_text('utf-8'), 'Claim [#a]_.')}," \
           "title=footnote-refs::footnote references differ" in out
    assert "::warning file=" in out and "::notice file=" in out


def test_junit_format(catalog: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, str(catalog), "--format", "junit")
    suite = ET.fromstring(out)
    failures = suite.findall("./testcase/failure")
    assert suite.get("failures") == "1"
    assert sorted(f.get("type") for f in failures) == ["double-space", "footnote-refs", "untranslated"]


def test_exit_codes_and_strict(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    clean = tmp_path / "clean.po"
    clean.write_text(po_text([E("Text.", "Текст.")]), "utf-8")
    assert run(capsys, str(clean))[0] == 0
    warned = tmp_path / "warned.po"
    warned.write_text(po_text([E("One space.", "Один  пробел.")]), "utf-8")
    assert run(capsys, str(warned))[0] == 0
    assert run(capsys, str(warned), "--strict")[0] == 1


def test_usage_errors_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, str(tmp_path / "missing.po"))
    assert code == 2 and "does not exist; pass catalog files or folders" in err
    code, _, err = run(capsys, str(tmp_path), "--threshold", "ru")
    assert code == 2
    (tmp_path / "x.po").write_text(po_text([E("a", "б")]), "utf-8")
    code, _, err = run(capsys, str(tmp_path), "--threshold", "ru")
    assert code == 2 and "is not LANG=PCT; write e.g. --threshold ru=90" in err
    code, _, err = run(capsys, str(tmp_path / "x.po"), "--threshold", "ru=150")
    assert code == 2 and "is not a percentage" in err


def test_language_option_narrows(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "ru.po").write_text(po_text([E("a [#x]_", "б")], "ru"), "utf-8")
    (tmp_path / "tr.po").write_text(po_text([E("a [#x]_", "b")], "tr"), "utf-8")
    code, out, _ = run(capsys, str(tmp_path), "-l", "tr", "--format", "json")
    payload = json.loads(out)
    assert {f["lang"] for f in payload["findings"]} == {"tr"} and set(payload["stats"]) == {"tr"}


def test_pyproject_configuration(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                 monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "ru.po").write_text(po_text(ENTRIES), "utf-8")
    (tmp_path / "pyproject.toml").write_text(
        '[tool.concord.check]\nignore = ["footnote-refs"]\nseverity = { double-space = "error" }\n'
        'threshold = { ru = 60 }\nper-file-ignores = { "ru.po" = ["obsolete"] }\n', "utf-8")
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(capsys, "ru.po", "--format", "json")
    payload = json.loads(out)
    assert [(f["check"], f["severity"]) for f in payload["findings"]] == [
        ("double-space", "error"), ("untranslated", "info")]
    assert payload["stats"]["ru"]["passed"] is True and code == 1


def test_pyproject_unknown_id_says_did_you_mean(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "ru.po").write_text(po_text([E("a", "б")]), "utf-8")
    (tmp_path / "pyproject.toml").write_text('[tool.concord.check]\nignore = ["footnote-ref"]\n', "utf-8")
    monkeypatch.chdir(tmp_path)
    code, _, err = run(capsys, "ru.po")
    assert code == 2 and "unknown check id 'footnote-ref'" in err and "did you mean 'footnote-refs'?" in err


def test_list_checks_markdown_is_the_docs_page(capsys: pytest.CaptureFixture[str], repo_root: Path) -> None:
    from concord.checks.registry import CHECKS

    code, out, _ = run(capsys, "--list-checks", "--format", "markdown")
    assert code == 0
    for check in CHECKS:
        assert f"| `{check.id}` | {check.severity} |" in out and f"concord-ignore-{check.id}" in out
        assert check.description and check.doc() and check.id == check.id.lower()
    docs = repo_root / "docs" / "checks.md"
    if docs.exists():
        assert docs.read_text("utf-8") == out, "regenerate docs/checks.md (see its first lines)"


def test_language_gate(tiny) -> None:  # type: ignore[no-untyped-def]
    project = tiny()
    from concord.project import load_project

    loaded = load_project(project.root)
    assert language_gate(loaded, "ru") == []
    path = project.catalog("ru")
    path.write_text(path.read_text("utf-8").replace("символ [*]_", "символ"), "utf-8")
    lines = language_gate(loaded, "ru")
    # the only [*]_ dropped: the reference differs and the symbol note is orphaned (by count)
    assert len(lines) == 2 and ": error: footnote-refs: " in lines[0]
    assert ": error: footnote-orphan: note [*]_ (note 4) is cited nowhere" in lines[1]
    assert all(line.startswith("locales/ru/LC_MESSAGES/index.po:") for line in lines)
