"""The three editions, built for real by Sphinx from the repository's sources."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from concord.project import load_project
from concord.publish.editions import EditionResult, build_editions

ARTICLE = "articles/europe-us-asia-pacific.html"
LANGS = ("en", "tr", "ru")
ROMAN = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii"]
URL = re.compile(r"https?://\S+")


@pytest.fixture(scope="session")
def editions(tmp_path_factory: pytest.TempPathFactory, repo_root: Path) -> dict[str, EditionResult]:
    out = tmp_path_factory.mktemp("editions") / "html"
    results = build_editions(load_project(repo_root), None, out)
    return {r.lang: r for r in results}


def page(result: EditionResult, name: str = ARTICLE) -> BeautifulSoup:
    return BeautifulSoup((result.output / name).read_text("utf-8"), "lxml")


def article_body(soup: BeautifulSoup) -> BeautifulSoup:
    return soup.select_one("article[role=main]") or soup


def notes(soup: BeautifulSoup) -> list:
    return soup.select("aside.footnote")


def test_every_edition_builds(editions: dict[str, EditionResult]) -> None:
    assert sorted(editions) == sorted(LANGS)
    for lang, result in editions.items():
        assert result.ok, f"{lang}: {result.problem}"
        assert (result.output / "index.html").is_file()


@pytest.mark.parametrize("lang", LANGS)
def test_no_unjustified_warnings(editions: dict[str, EditionResult], lang: str) -> None:
    """conf.py justifies the only silenced warning; everything else must be clean."""
    assert editions[lang].warnings == []


@pytest.mark.parametrize("lang", LANGS)
def test_eight_roman_footnotes_in_order(editions: dict[str, EditionResult], lang: str) -> None:
    soup = page(editions[lang])
    labels = [n.select_one("span.label").get_text(strip=True).strip("[]") for n in notes(soup)]
    assert labels == ROMAN
    refs = [a.get_text(strip=True).strip("[]") for a in soup.select("a.footnote-reference")]
    assert sorted(refs, key=ROMAN.index) == ROMAN and len(refs) == 8


@pytest.mark.parametrize("lang", ["tr", "ru"])
def test_note_urls_match_english(editions: dict[str, EditionResult], lang: str) -> None:
    english = [[a["href"] for a in n.select("a.reference.external")] for n in notes(page(editions["en"]))]
    translated = [[a["href"] for a in n.select("a.reference.external")] for n in notes(page(editions[lang]))]
    assert translated == english
    assert sum(map(len, english)) == 6  # six notes cite a URL; two are "Ibid."


@pytest.mark.parametrize("lang", LANGS)
def test_references_and_notes_link_both_ways(editions: dict[str, EditionResult], lang: str) -> None:
    soup = page(editions[lang])
    ids = {tag["id"] for tag in soup.find_all(id=True)}
    for ref in soup.select("a.footnote-reference"):
        note_id = ref["href"].lstrip("#")
        note = soup.find(id=note_id)
        assert note is not None and "footnote" in note.get("class", []), ref
        backlinks = {a["href"].lstrip("#") for a in note.select("a[role=doc-backlink]")}
        assert ref["id"] in backlinks and backlinks <= ids


@pytest.mark.parametrize("lang", LANGS)
def test_lang_attribute(editions: dict[str, EditionResult], lang: str) -> None:
    for name in ("index.html", ARTICLE):
        assert page(editions[lang], name).html["lang"] == lang


@pytest.mark.parametrize("lang", LANGS)
def test_switcher_and_hreflang_point_at_existing_pages(
    editions: dict[str, EditionResult], lang: str
) -> None:
    source = editions[lang].output / ARTICLE
    soup = page(editions[lang])
    switcher = soup.select("nav.concord-editions a")
    names = {a["hreflang"]: a.get_text() for a in switcher}
    assert names == {k: v for k, v in {"en": "English", "tr": "Türkçe", "ru": "Русский"}.items() if k != lang}
    alternates = {link["hreflang"]: link["href"] for link in soup.select("link[rel=alternate][hreflang]")}
    assert set(alternates) == {"en", "tr", "ru", "x-default"}
    for href in [a["href"] for a in switcher] + list(alternates.values()):
        target = (source.parent / href).resolve()
        assert target.is_file(), href
        assert target.name == source.name


def test_switcher_label_is_in_the_editions_own_words(editions: dict[str, EditionResult]) -> None:
    labels = {lang: page(editions[lang]).select_one(".concord-editions-label").get_text() for lang in LANGS}
    assert labels["en"] == "This post is also available in:"
    assert len(set(labels.values())) == 3


def _paragraphs(soup: BeautifulSoup) -> list[str]:
    body = article_body(soup)
    return [" ".join(p.get_text(" ").split()) for p in body.find_all("p")]


@pytest.mark.parametrize("lang", ["tr", "ru"])
def test_no_english_paragraph_left(editions: dict[str, EditionResult], lang: str) -> None:
    english = {p for p in _paragraphs(page(editions["en"])) if len(p.split()) >= 4}
    translated = set(_paragraphs(page(editions[lang])))
    assert english, "the English page has paragraphs"
    assert not english & translated


@pytest.mark.parametrize("lang", ["tr", "ru"])
def test_theme_interface_is_translated(editions: dict[str, EditionResult], lang: str) -> None:
    soup = page(editions[lang])
    text = soup.get_text(" ")
    for english in ("Back to top", "Skip to content", "On this page", "Made with"):
        assert english not in text, english


@pytest.mark.parametrize("lang", LANGS)
def test_publication_title_comes_from_the_catalog(editions: dict[str, EditionResult], lang: str) -> None:
    brand = page(editions[lang]).select_one(".sidebar-brand-text").get_text(strip=True)
    expected = page(editions[lang], "index.html").select_one("h1").get_text(strip=True).rstrip("¶")
    assert brand == expected
    if lang != "en":
        assert brand != "Analyses"


def test_every_catalog_passes_msgfmt_check(repo_root: Path) -> None:
    catalogs = sorted((repo_root / "locales").rglob("*.po"))
    assert len(catalogs) >= 6
    for po in catalogs:
        result = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(po)],
                                capture_output=True, text=True, check=False)
        assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("lang", LANGS)
def test_last_change_is_a_babel_date_in_the_editions_language(
    editions: dict[str, EditionResult], lang: str, repo_root: Path
) -> None:
    import datetime as dt

    from babel.dates import format_date

    source = repo_root / "source" / "articles" / "europe-us-asia-pacific.rst"
    changed = subprocess.run(["git", "log", "-1", "--format=%cs", "--", source.name],
                             cwd=source.parent, capture_output=True, text=True, check=False).stdout.strip()
    if not changed:
        pytest.skip("the article has no git history here, so there is no last-change date to show")
    expected = " ".join(format_date(dt.date.fromisoformat(changed), format="long", locale=lang).split())
    footer = " ".join(page(editions[lang]).select_one(".bottom-of-page").get_text(" ").split())
    assert expected in footer
