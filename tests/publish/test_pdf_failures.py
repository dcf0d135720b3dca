"""Bad input stops only the PDFs it concerns, says why in one line, and leaves no debris.

Each test builds a tiny three-language project in ``tmp_path`` (one article, two
notes) and breaks one thing in it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

import concord.checks
from concord.cli import main
from concord.project import load_project
from concord.publish.pdf import build as pdf_build
from concord.publish.pdf.build import build_pdfs

CONF = """\
project = "Tiny"
language = "en"
extensions = ["concord.publish.sphinxext"]
concord_languages = ["en", "tr", "ru"]
concord_footnote_label_style = "lower-roman"
locale_dirs = ["locales/"]
gettext_compact = False
"""
INDEX = "Tiny\n====\n\n.. toctree::\n   :glob:\n\n   articles/*\n"
ARTICLE = """\
:author: Ada Writer

Short Article
=============

A first paragraph with a note. [#one]_

A second paragraph with another. [#two]_

.. [#one] The first note.
.. [#two] The second note.
"""
HEADER = """\
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"Language: {lang}\\n"

"""
TRANSLATIONS = {
    "tr": {"Short Article": "Kısa Makale",
           "A first paragraph with a note. [#one]_": "Dipnotlu ilk paragraf. [#one]_"},
    "ru": {"Short Article": "Короткая статья",
           "A first paragraph with a note. [#one]_": "Первый абзац с примечанием. [#one]_"},
}


def _po(lang: str, entries: dict[str, str]) -> str:
    body = "".join(f'msgid "{k}"\nmsgstr "{v}"\n\n' for k, v in entries.items())
    return HEADER.format(lang=lang) + body


def _catalog(root: Path, lang: str) -> Path:
    return root / "locales" / lang / "LC_MESSAGES" / "articles" / "short.po"


@pytest.fixture()
def pdf_tiny_project(tmp_path: Path) -> Path:
    """The usual single-folder Sphinx layout: conf.py beside index.rst and locales/."""
    root = tmp_path / "tiny"
    (root / "articles").mkdir(parents=True)
    (root / "conf.py").write_text(CONF, "utf-8")
    (root / "index.rst").write_text(INDEX, "utf-8")
    (root / "articles" / "short.rst").write_text(ARTICLE, "utf-8")
    for lang, entries in TRANSLATIONS.items():
        _catalog(root, lang).parent.mkdir(parents=True)
        _catalog(root, lang).write_text(_po(lang, entries), "utf-8")
    return root


def _run(root: Path, *extra: str, jobs: int = 2) -> int:
    """``concord pdf`` on ``root``; editions in fresh worker processes unless ``jobs=1``.

    Fresh processes keep what other tests leave registered in docutils (a Sphinx app
    run without ``docutils_namespace``) out of the build's warnings.
    """
    out = root / "out" / "pdf"
    return main(["pdf", "-c", str(root), "-o", str(out), "-j", str(jobs), *extra])


def _written(root: Path) -> list[str]:
    folder = root / "out" / "pdf"
    return sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []


def test_tiny_project_prints_three_editions(pdf_tiny_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """One process, three languages: each edition in its own words (Sphinx keeps the
    catalogs it loaded per process; the build must not print Turkish in Russian)."""
    assert _run(pdf_tiny_project, "--force", jobs=1) == 0
    assert _written(pdf_tiny_project) == ["short.en.pdf", "short.ru.pdf", "short.tr.pdf"]
    assert "wrote" in capsys.readouterr().out
    titles = {lang: PdfReader(pdf_tiny_project / "out" / "pdf" / f"short.{lang}.pdf").metadata.title
              for lang in ("en", "tr", "ru")}
    assert titles == {"en": "Short Article", "tr": "Kısa Makale", "ru": "Короткая статья"}


def test_broken_catalog_stops_only_its_edition(pdf_tiny_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    catalog = _catalog(pdf_tiny_project, "tr")
    catalog.write_text(catalog.read_text("utf-8") + 'msgid "A second\nmsgstr "bozuk"\n', "utf-8")
    assert _run(pdf_tiny_project, "--force") == 1
    assert _written(pdf_tiny_project) == ["short.en.pdf", "short.ru.pdf"]
    errors = capsys.readouterr().err.strip().splitlines()
    assert len(errors) == 1
    assert errors[0].startswith("error: short.tr.pdf not written: ")
    assert f"{catalog}:" in errors[0]  # where: the catalog and its line


def test_missing_font_names_the_file_and_the_fix(
    pdf_tiny_project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    empty = tmp_path / "no-fonts"
    empty.mkdir()
    monkeypatch.setenv("CONCORD_FONT_DIRS", str(empty))
    assert _run(pdf_tiny_project, "--force") == 1
    assert _written(pdf_tiny_project) == []
    errors = capsys.readouterr().err.strip().splitlines()
    assert len(errors) == 3
    for line in errors:
        assert "font file 'DejaVuSerifCondensed.ttf'" in line and str(empty) in line
        assert "apt-get install fonts-dejavu-core" in line and "CONCORD_FONT_DIRS" in line


def test_character_no_font_has_stops_that_pdf(pdf_tiny_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    entries = dict(TRANSLATIONS["tr"], **{"Short Article": "Kısa Makale 漢"})
    _catalog(pdf_tiny_project, "tr").write_text(_po("tr", entries), "utf-8")
    assert _run(pdf_tiny_project, "--force") == 1
    assert _written(pdf_tiny_project) == ["short.en.pdf", "short.ru.pdf"]
    error = capsys.readouterr().err.strip()
    assert error == (
        "error: short.tr.pdf not written: short.html: '漢' (U+6F22) is in none of the print "
        "fonts; the PDF would print empty boxes. Write the text without them, or add a font "
        "that has them to FACES in concord/publish/pdf/fonts.py"
    )


def test_failed_edition_keeps_its_previous_pdf(pdf_tiny_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """As with the HTML: a broken catalog must not unpublish yesterday's edition."""
    previous = pdf_tiny_project / "out" / "pdf" / "short.ru.pdf"
    previous.parent.mkdir(parents=True)
    previous.write_bytes(b"%PDF-1.7 yesterday's edition")
    _catalog(pdf_tiny_project, "ru").write_text("not a catalog\n", "utf-8")
    assert _run(pdf_tiny_project, "--force") == 1
    assert previous.read_bytes() == b"%PDF-1.7 yesterday's edition"
    assert "(the previous short.ru.pdf is kept, unchanged)" in capsys.readouterr().err


def test_language_gate_stops_edition_unless_forced(pdf_tiny_project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    problem = "locales/tr/LC_MESSAGES/articles/short.po:9: error: footnote-refs: [#two]_ missing"
    monkeypatch.setattr(concord.checks, "language_gate", lambda project, lang: [problem] if lang == "tr" else [])
    project = load_project(pdf_tiny_project)
    out = pdf_tiny_project / "out" / "pdf"
    reports = {r.language: r for r in build_pdfs(project, (), out, jobs=1)}
    tr = reports["tr"].outcomes[0]
    assert tr.path is None and not (out / "short.tr.pdf").exists()
    assert problem in tr.error and "--force" in tr.error and "concord check -l tr" in tr.error
    assert reports["en"].outcomes[0].ok and reports["ru"].outcomes[0].ok
    forced = build_pdfs(project, ("tr",), out, jobs=1, force=True)
    assert forced[0].outcomes[0].ok and (out / "short.tr.pdf").is_file()


def test_render_failure_leaves_no_file(pdf_tiny_project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def explode(*args: object) -> None:
        raise RuntimeError("WeasyPrint fell over")

    monkeypatch.setattr(pdf_build, "render_pdf", explode)
    out = pdf_tiny_project / "out" / "pdf"
    reports = build_pdfs(load_project(pdf_tiny_project), ("en",), out, jobs=1, force=True)
    error = reports[0].outcomes[0].error
    assert error.startswith("RuntimeError: WeasyPrint fell over (traceback in ")
    log = Path(error.split("traceback in ")[1].split(";")[0])
    assert "WeasyPrint fell over" in log.read_text()
    log.unlink()
    assert not out.exists() or list(out.iterdir()) == []


@pytest.mark.parametrize(("args", "advice"), [
    pytest.param(["-l", "de"], "unknown language 'de'; this project publishes en, tr, ru", id="unknown-language"),
    pytest.param(["-c", "/nonexistent/concord"], "has no conf.py", id="no-project"),
])
def test_usage_errors_exit_2(pdf_tiny_project: Path, capsys: pytest.CaptureFixture[str],
                             args: list[str], advice: str) -> None:
    assert main(["pdf", "-c", str(pdf_tiny_project), *args]) == 2
    assert advice in capsys.readouterr().err
