"""The printed editions, built for real (Sphinx + WeasyPrint) and read back with pypdf.

Page 1 of each edition is also rendered to PNG for a person to look at:
``build/test-artifacts/pdf/`` in the checkout (``CONCORD_TEST_ARTIFACTS`` overrides).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

import pyphen
import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from concord.project import load_project
from concord.publish.pdf import fonts, hyphenation
from concord.publish.pdf.build import EditionReport, build_pdfs
from concord.publish.pdf.render import page_words

ARTICLE = "europe-us-asia-pacific"
LANGS = ("en", "tr", "ru")
ROMAN = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii"]


@dataclass
class Printed:
    lang: str
    pdf: Path
    html: Path
    reader: PdfReader
    report: EditionReport

    @property
    def soup(self) -> BeautifulSoup:
        return BeautifulSoup(self.html.read_text("utf-8"), "html.parser")

    def page_texts(self) -> list[str]:
        return [_squash(page.extract_text()) for page in self.reader.pages]


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture(scope="session")
def pdf_editions(tmp_path_factory: pytest.TempPathFactory, repo_root: Path) -> dict[str, Printed]:
    """The three PDFs of the article, built in parallel as ``concord pdf`` builds them.

    ``force``: translators are still completing the catalogs; whether a language may be
    published is the gate's business (tested in test_pdf_failures.py), not this file's.
    """
    out = tmp_path_factory.mktemp("pdf-editions")
    reports = build_pdfs(load_project(repo_root), LANGS, out / "pdf", out / "print", force=True)
    printed = {}
    for report in reports:
        outcome = report.outcomes[0]
        assert outcome.ok, f"{report.language}: {outcome.error}"
        assert outcome.path is not None
        html = out / "print" / report.language / "articles" / f"{ARTICLE}.html"
        printed[report.language] = Printed(report.language, outcome.path, html,
                                           PdfReader(outcome.path), report)
    return printed


def test_one_pdf_per_article_and_language(pdf_editions: dict[str, Printed]) -> None:
    assert sorted(pdf_editions) == sorted(LANGS)
    for lang, printed in pdf_editions.items():
        assert printed.pdf.name == f"{ARTICLE}.{lang}.pdf"
        data = printed.pdf.read_bytes()
        assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
        leftovers = [p.name for p in printed.pdf.parent.iterdir() if not p.name.endswith(".pdf")]
        assert leftovers == []


@pytest.mark.parametrize("lang", LANGS)
def test_metadata_is_the_articles(pdf_editions: dict[str, Printed], lang: str) -> None:
    printed = pdf_editions[lang]
    soup = printed.soup
    meta = printed.reader.metadata
    title = soup.h1.get_text(strip=True)
    assert meta.title == title != "Analyses"  # the article, not the Sphinx project
    assert meta.author == soup.select_one("p.byline").get_text(strip=True)  # as translated
    keywords = soup.find("meta", attrs={"name": "keywords"})["content"]
    assert meta["/Keywords"] == keywords
    assert printed.reader.trailer["/Root"]["/Lang"] == lang
    if lang == "en":
        assert title == "Are Europe and the US Parting Ways in the Asia-Pacific?"
        assert meta.author == "Dr. Cenk TAMER"
        assert keywords.startswith("NATO, Asia-Pacific")


@pytest.mark.parametrize("lang", LANGS)
def test_pdf_ua_1_tagged_with_bookmarks(pdf_editions: dict[str, Printed], lang: str) -> None:
    reader = pdf_editions[lang].reader
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]
    xmp = root["/Metadata"].get_object().get_data().decode("utf-8")
    assert re.search(r"pdfuaid:part(>|=\")1", xmp), xmp
    titles = [item.title for item in reader.outline if not isinstance(item, list)]
    nested = [item.title for group in reader.outline if isinstance(group, list) for item in group]
    assert titles == [reader.metadata.title]
    assert nested == [pdf_editions[lang].soup.select_one("section.author-bio h2").get_text()]


def _fonts(reader: PdfReader) -> dict[str, dict]:
    found = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            described = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            found[str(font["/BaseFont"])] = described["/FontDescriptor"].get_object()
    return found


@pytest.mark.parametrize("lang", LANGS)
def test_every_font_embedded_and_ours(pdf_editions: dict[str, Printed], lang: str) -> None:
    used = _fonts(pdf_editions[lang].reader)
    assert used
    families = {face.family.replace(" ", "-") for face in fonts.FACES}
    for name, descriptor in used.items():
        assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), name
        subset, _, base = name.lstrip("/").partition("+")
        assert len(subset) == 6 and any(base.startswith(f) for f in families), name


@pytest.mark.parametrize("lang", LANGS)
def test_no_missing_glyphs(pdf_editions: dict[str, Printed], lang: str) -> None:
    text = " ".join(pdf_editions[lang].page_texts())
    assert "\ufffd" not in text
    assert fonts.missing_characters(text, fonts.located_faces()) == {}
    alphabet = {"tr": "ığşçöüİ", "ru": "абвгджзийклмнопрстуфхцчшыэюяё", "en": "abcdefghijklmnopqrstuvwxyz"}
    assert set(alphabet[lang]) <= set(text), set(alphabet[lang]) - set(text)


def _links(reader: PdfReader) -> list[tuple[int, float, str, int]]:
    """(page of the call, height on the page, destination id, page of the destination)."""
    found = []
    for number, page in enumerate(reader.pages):
        for annot in page.get("/Annots", []):
            annot = annot.get_object()
            if annot.get("/Subtype") != "/Link" or "/Dest" not in annot:
                continue
            target = reader.named_destinations[str(annot["/Dest"])]
            found.append((number, -float(annot["/Rect"][1]), str(annot["/Dest"]),
                          reader.get_destination_page_number(target)))
    return sorted(found)


@pytest.mark.parametrize("lang", LANGS)
def test_eight_notes_in_order_each_on_the_page_of_its_call(pdf_editions: dict[str, Printed], lang: str) -> None:
    printed = pdf_editions[lang]
    notes = printed.soup.select("span.concord-footnote")
    labels = {n["id"]: n.select_one(".concord-footnote-label").get_text() for n in notes}
    bodies = {n["id"]: _squash(n.select_one(".concord-footnote-text").get_text()) for n in notes}
    calls = [link for link in _links(printed.reader) if link[2] in labels]
    assert [labels[dest] for _, _, dest, _ in calls] == ROMAN
    texts = printed.page_texts()
    for call_page, _, dest, note_page in calls:
        assert note_page == call_page, f"note {labels[dest]} on page {note_page + 1}, called on {call_page + 1}"
        opening = f"{labels[dest]} {bodies[dest][:20]}"
        assert opening in texts[call_page], (opening, texts[call_page][-600:])
    if lang == "en":  # a note's text, whole, wherever its source lines broke
        assert "“Gravitas: China, N. Korea Bonhomie Worries NATO | North" in " ".join(texts)


@pytest.mark.parametrize("lang", LANGS)
def test_words_break_where_the_languages_dictionary_allows(pdf_editions: dict[str, Printed], lang: str) -> None:
    """Justified text is hyphenated, and every break is a legal one (Turkish: ours)."""
    hyphenation.register(lang)
    dictionary = pyphen.Pyphen(lang=lang)
    text = "\n".join(page.extract_text() for page in pdf_editions[lang].reader.pages)
    # a line ending in a hyphen (WeasyPrint prints U+2010), the word's rest on the next
    # line; a rest that is a note label means the word went on over the page break
    breaks = [(head, tail) for head, tail in re.findall(r"(\w+)\u2010\n(\w+)", text)
              if tail not in ROMAN]
    assert len(breaks) >= 5, "no hyphenation in a justified article"
    wrong = [f"{head}-{tail}" for head, tail in breaks
             if len(head) not in dictionary.positions(head + tail)]
    assert wrong == []


@pytest.mark.parametrize("lang", LANGS)
def test_a_mark_never_starts_a_line(pdf_editions: dict[str, Printed], lang: str) -> None:
    """Each call is glued to the word before it, so no call sits at the left margin."""
    reader = pdf_editions[lang].reader
    left_margin = 28 / 25.4 * 72  # print.css: @page margin-left 28mm
    starts = []
    for page in reader.pages:
        for annot in page.get("/Annots", []):
            annot = annot.get_object()
            if annot.get("/Subtype") == "/Link" and "/Dest" in annot:
                starts.append(float(annot["/Rect"][0]) - left_margin)
    assert len(starts) >= 8
    assert min(starts) > 10, starts  # at least a short word before every mark


@pytest.mark.parametrize("lang", LANGS)
def test_running_header_and_page_n_of_n(pdf_editions: dict[str, Printed], lang: str) -> None:
    printed = pdf_editions[lang]
    texts = printed.page_texts()
    total = len(texts)
    assert total >= 2
    title = _squash(printed.reader.metadata.title)
    for number, text in enumerate(texts, start=1):
        footer = page_words(lang).format(n=number, N=total)
        assert footer in text, (footer, text[-200:])
        assert text.count(title) == 1  # the heading on page 1, the running header after
    assert {"en": "Page 1 of", "tr": "Sayfa 1 /", "ru": "Стр. 1 из"}[lang] in texts[0]


@pytest.mark.parametrize("lang", LANGS)
def test_title_block_then_biography_at_the_end(pdf_editions: dict[str, Printed], lang: str) -> None:
    printed = pdf_editions[lang]
    soup = printed.soup
    texts = printed.page_texts()
    byline = soup.select_one("p.byline").get_text(strip=True)
    first = texts[0]
    assert first.index(printed.reader.metadata.title[:20]) < first.index(byline[:10])
    bio = soup.select_one("section.author-bio p").get_text()
    last_words = _squash(bio)[-40:]
    assert last_words in texts[-1]
    last_body = _squash(soup.select("article > section > p")[-1].get_text())
    whole = " ".join(texts)
    assert whole.index(last_body[:30]) < whole.index(_squash(bio)[:30])


def test_print_html_has_no_switcher_and_no_notes_list(pdf_editions: dict[str, Printed]) -> None:
    soup = pdf_editions["tr"].soup
    assert soup.select("nav.concord-editions") == []
    assert soup.select("aside.footnote") == [] and soup.select("p.rubric") == []
    assert len(soup.select("span.concord-noteref > span.concord-footnote")) == 8


@pytest.fixture(scope="session")
def pdf_artifacts_dir(repo_root: Path) -> Path:
    folder = Path(os.environ.get("CONCORD_TEST_ARTIFACTS") or repo_root / "build" / "test-artifacts") / "pdf"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.mark.parametrize("lang", LANGS)
def test_first_page_rendered_to_png(pdf_editions: dict[str, Printed], pdf_artifacts_dir: Path, lang: str) -> None:
    pdfium = pytest.importorskip("pypdfium2")
    document = pdfium.PdfDocument(str(pdf_editions[lang].pdf))
    image = document[0].render(scale=150 / 72).to_pil()
    target = pdf_artifacts_dir / f"{ARTICLE}.{lang}.page1.png"
    image.save(target)
    width, height = image.size
    assert abs(height / width - 297 / 210) < 0.01  # A4
    grey = image.convert("L")
    inked = sum(grey.histogram()[:128])
    assert 0.02 < inked / (width * height) < 0.3, "page 1 looks blank or black"
