"""Issue 12: the three editions of a Turkish-original article, built for real by Sphinx.

The Turkish edition shows the source as written, the English and Russian ones come
from their catalogs (filled here with translations written for the test); the
English-original article is built exactly as without the Turkish one.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import polib
import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from concord.cli import main
from concord.project import load_project
from concord.publish.editions import EditionResult, build_editions
from concord.publish.pdf.build import build_pdfs

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/: the shared helpers
from original_language_helpers import (  # noqa: E402
    SLUG, TITLE_EN, TITLE_RU, TITLE_TR, add_turkish_article, catalog, fill,
)

LANGS = ("en", "tr", "ru")
PAGE = f"articles/{SLUG}.html"
EXISTING_PAGE = "articles/europe-us-asia-pacific.html"


def copy_project(repo_root: Path, root: Path) -> Path:
    """conf.py, source/ and locales/ of the publication (as ``project_copy`` does)."""
    root.mkdir(parents=True)
    shutil.copy2(repo_root / "conf.py", root / "conf.py")
    shutil.copytree(repo_root / "source", root / "source")
    shutil.copytree(repo_root / "locales", root / "locales", ignore=shutil.ignore_patterns("*.mo"))
    return root


@pytest.fixture(scope="module")
def turkish_root(tmp_path_factory: pytest.TempPathFactory, repo_root: Path) -> Path:
    """A project copy with the Turkish article, updated and its catalogs filled."""
    root = copy_project(repo_root, tmp_path_factory.mktemp("turkish-original") / "project")
    add_turkish_article(root)
    assert main(["update", "--no-memory", "-c", str(root)]) == 0
    fill(root, "en")
    fill(root, "ru")
    return root


@pytest.fixture(scope="module")
def editions(turkish_root: Path) -> dict[str, EditionResult]:
    results = build_editions(load_project(turkish_root), None, turkish_root / "build" / "html")
    return {r.lang: r for r in results}


@pytest.fixture(scope="module")
def baseline(tmp_path_factory: pytest.TempPathFactory, repo_root: Path) -> dict[str, EditionResult]:
    """The publication as it is, without the Turkish article."""
    root = copy_project(repo_root, tmp_path_factory.mktemp("baseline") / "project")
    return {r.lang: r for r in build_editions(load_project(root), None, root / "build" / "html")}


def page(result: EditionResult, name: str = PAGE) -> BeautifulSoup:
    return BeautifulSoup((result.output / name).read_text("utf-8"), "lxml")


def test_every_edition_builds_cleanly(editions: dict[str, EditionResult]) -> None:
    assert sorted(editions) == sorted(LANGS)
    for lang, result in editions.items():
        assert result.ok, f"{lang}: {result.problem}"
        assert result.warnings == [], lang


@pytest.mark.parametrize(("lang", "title"), [("en", TITLE_EN), ("tr", TITLE_TR), ("ru", TITLE_RU)])
def test_each_edition_shows_its_language(editions: dict[str, EditionResult], lang: str, title: str) -> None:
    soup = page(editions[lang])
    assert soup.html["lang"] == lang
    assert soup.h1.get_text(strip=True).rstrip("¶") == title
    paragraphs = [" ".join(p.get_text(" ").split()) for p in soup.select("article[role=main] p")]
    turkish = "Ege kıyısındaki kentler, yükselen deniz seviyesine karşı ortak bir plan arıyor."
    assert any(p.startswith(turkish) for p in paragraphs) == (lang == "tr")


def test_english_page_comes_from_the_english_catalog(editions: dict[str, EditionResult],
                                                     turkish_root: Path) -> None:
    po = polib.pofile(str(catalog(turkish_root, "en")))
    text = " ".join(page(editions["en"]).select_one("article[role=main]").get_text(" ").split())
    for entry in po:
        shown = entry.msgstr.replace(" [#eylem]_", "").replace(" [#uzman]_ [#]_", "")
        assert " ".join(shown.split()) in text.replace(" ,", ","), entry.msgid


@pytest.mark.parametrize("lang", LANGS)
def test_hreflang_x_default_points_at_the_original(editions: dict[str, EditionResult], lang: str) -> None:
    for name, original in ((PAGE, "tr"), (EXISTING_PAGE, "en")):
        soup = page(editions[lang], name)
        alternates = {link["hreflang"]: link["href"] for link in soup.select("link[rel=alternate][hreflang]")}
        assert set(alternates) == {"en", "tr", "ru", "x-default"}
        assert alternates["x-default"] == alternates[original] == f"../../{original}/{name}"
        switcher = {a["hreflang"] for a in soup.select("nav.concord-editions a")}
        assert switcher == set(LANGS) - {lang}
        for href in alternates.values():
            assert (editions[lang].output / name).parent.joinpath(href).resolve().is_file(), href


@pytest.mark.parametrize(("lang", "title"), [("en", TITLE_EN), ("tr", TITLE_TR), ("ru", TITLE_RU)])
def test_every_index_lists_every_article(editions: dict[str, EditionResult], lang: str, title: str) -> None:
    entries = [a.get_text(strip=True) for a in page(editions[lang], "index.html").select(".toctree-wrapper a")]
    assert title in entries
    assert len(entries) == 2


@pytest.mark.parametrize("lang", LANGS)
def test_english_original_article_builds_exactly_as_before(
        editions: dict[str, EditionResult], baseline: dict[str, EditionResult], lang: str) -> None:
    """The article body, byte for byte, as built without the Turkish article beside it."""
    before = page(baseline[lang], EXISTING_PAGE).select_one("article[role=main]")
    after = page(editions[lang], EXISTING_PAGE).select_one("article[role=main]")
    assert before is not None and str(after) == str(before)
    assert page(editions[lang], EXISTING_PAGE).html["lang"] == lang


def test_a_stale_catalog_in_the_original_language_is_ignored(turkish_root: Path, tmp_path: Path) -> None:
    """An old tr catalog of the Turkish article cannot override the source; the build says so."""
    stale = catalog(turkish_root, "tr")
    po = polib.pofile(str(catalog(turkish_root, "en")))
    po.metadata["Language"] = "tr"
    for entry in po:
        entry.msgstr = "ESKİ ÇEVİRİ" if entry.msgid == TITLE_TR else entry.msgstr
    po.save(str(stale))
    try:
        [result] = build_editions(load_project(turkish_root), ["tr"], tmp_path / "html")
        assert result.ok, result.problem
        assert page(result).h1.get_text(strip=True).rstrip("¶") == TITLE_TR
        [warning] = result.warnings
        assert f"{stale.resolve()} is a catalog in the language articles/{SLUG} is written in (tr); " \
               "it is ignored: the edition shows the source." in warning
    finally:
        stale.unlink()


@pytest.mark.parametrize(("lang", "title"), [("en", TITLE_EN), ("tr", TITLE_TR)])
def test_pdf_follows_the_edition(turkish_root: Path, editions: dict[str, EditionResult], tmp_path: Path,
                                 lang: str, title: str) -> None:
    [report] = build_pdfs(load_project(turkish_root), [lang], tmp_path / "pdf", tmp_path / "print")
    outcome = next(o for o in report.outcomes if o.path is not None and o.path.name.startswith(SLUG))
    assert outcome.ok, outcome.error
    reader = PdfReader(outcome.path)
    assert reader.metadata.title == title
    assert reader.trailer["/Root"]["/Lang"] == lang
    text = " ".join(" ".join(p.extract_text().split()) for p in reader.pages)
    assert ("Cities on the Aegean coast" in text) == (lang == "en")
