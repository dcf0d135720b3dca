"""A broken catalog fails its own edition only, and never damages what was published."""

from __future__ import annotations

from pathlib import Path

import pytest

from concord.cli import main
from concord.project import load_project
from concord.publish.editions import build_editions

ARTICLE_PO = Path("locales/tr/LC_MESSAGES/articles/europe-us-asia-pacific.po")


def _break_catalog(root: Path) -> int:
    """Leave a string unterminated; return the 1-based line of the damage."""
    path = root / ARTICLE_PO
    lines = path.read_text("utf-8").splitlines(keepends=True)
    index = next(i for i, line in enumerate(lines) if line.startswith('msgstr "') and line.strip() != 'msgstr ""')
    lines[index] = lines[index].rstrip().rstrip('"') + "\n"
    path.write_text("".join(lines), "utf-8")
    return index + 1


def test_broken_catalog_fails_only_its_language(project_copy: Path) -> None:
    out = project_copy / "build" / "html"
    first = {r.lang: r for r in build_editions(load_project(project_copy), None, out)}
    assert all(r.ok for r in first.values())
    published = (out / "tr" / "articles" / "europe-us-asia-pacific.html").read_bytes()

    line = _break_catalog(project_copy)
    second = {r.lang: r for r in build_editions(load_project(project_copy), None, out)}

    assert second["en"].ok and second["ru"].ok
    assert not second["tr"].ok
    problem = second["tr"].problem
    assert "\n" not in problem
    assert problem.startswith(f"{ARTICLE_PO.as_posix()}:")
    assert f":{line}" in problem or f":{line + 1}" in problem
    # what was published for Turkish is still there, whole and unchanged
    assert (out / "tr" / "articles" / "europe-us-asia-pacific.html").read_bytes() == published
    assert not list(out.glob(".staging-*"))


def test_cli_reports_failed_edition_with_exit_1(project_copy: Path, capsys: pytest.CaptureFixture[str],
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    _break_catalog(project_copy)
    monkeypatch.chdir(project_copy)
    code = main(["build", "-l", "tr", "-l", "ru"])
    err = capsys.readouterr().err
    assert code == 1
    assert "failed tr:" in err and ARTICLE_PO.as_posix() in err
    assert "built  ru" in err


def test_missing_project_is_one_line_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code = main(["build", "-c", str(tmp_path)])
    err = capsys.readouterr().err.strip()
    assert code == 2
    assert err.count("\n") == 0 and "conf.py" in err and "-c DIR" in err


def test_a_language_failing_its_check_is_not_published_unless_forced(project_copy: Path) -> None:
    from concord.checks import language_gate

    import polib

    path = project_copy / ARTICLE_PO
    catalog = polib.pofile(str(path))
    entry = next(e for e in catalog if "[#menadue]_" in e.msgid)
    entry.msgstr = entry.msgstr.replace(" [#menadue]_", "")
    catalog.save()
    out = project_copy / "build" / "html"
    project = load_project(project_copy)

    refused = {r.lang: r for r in build_editions(project, ["tr", "ru"], out, gate=language_gate)}
    assert refused["ru"].ok and not refused["tr"].ok
    assert "footnote-refs" in refused["tr"].problem and "--force" in refused["tr"].problem
    assert refused["tr"].problem.startswith(ARTICLE_PO.as_posix())
    assert not (out / "tr").exists()

    forced = {r.lang: r for r in build_editions(project, ["tr"], out, gate=language_gate, force=True)}
    assert forced["tr"].ok and (out / "tr" / "index.html").is_file()
