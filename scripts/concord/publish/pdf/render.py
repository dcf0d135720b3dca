"""Typeset one print HTML page into PDF bytes with WeasyPrint.

The PDF takes its metadata from the page's ``<head>`` (written by the print theme):
the article's title, its author, the translated meta keywords and description, and
the edition's language from ``<html lang>``. It is a PDF/UA-1 file (tagged, with the
title displayed by viewers), with bookmarks from the headings and every font embedded
as a subset.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from concord.publish.pdf import fonts, hyphenation

PRINT_CSS = Path(__file__).with_name("print.css")
PDF_VARIANT = "pdf/ua-1"

#: The page footer in each edition's language; ``{n}`` and ``{N}`` are the page
#: number and the page count. Other languages get the language-neutral "n / N".
PAGE_OF: dict[str, str] = {
    "en": "Page {n} of {N}",
    "tr": "Sayfa {n} / {N}",
    "ru": "Стр. {n} из {N}",
    "de": "Seite {n} von {N}",
    "fr": "Page {n} sur {N}",
    "es": "Página {n} de {N}",
    "it": "Pagina {n} di {N}",
    "uk": "Стор. {n} з {N}",
}
NEUTRAL_PAGE_OF = "{n} / {N}"


def page_words(language: str) -> str:
    tag = language.replace("_", "-")
    return PAGE_OF.get(tag, PAGE_OF.get(tag.split("-")[0].lower(), NEUTRAL_PAGE_OF))


def _css_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def page_footer_css(language: str) -> str:
    """``@bottom-center`` content: "Sayfa " counter(page) " / " counter(pages)."""
    parts: list[str] = []
    rest = page_words(language)
    while rest:
        head, marker, rest = _split_next_marker(rest)
        if head:
            parts.append(_css_string(head))
        if marker:
            parts.append("counter(page)" if marker == "{n}" else "counter(pages)")
    return f"@page {{ @bottom-center {{ content: {' '.join(parts)}; }} }}"


def _split_next_marker(text: str) -> tuple[str, str, str]:
    positions = [(text.find(m), m) for m in ("{n}", "{N}") if m in text]
    if not positions:
        return text, "", ""
    index, marker = min(positions)
    return text[:index], marker, text[index + len(marker):]


class _TextCollector(HTMLParser):
    """Every character a reader sees: text outside <head>, plus the title."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style") and self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def printed_text(html_path: Path, language: str) -> str:
    collector = _TextCollector()
    collector.feed(html_path.read_text(encoding="utf-8"))
    return "".join(collector.parts) + page_words(language)


@dataclass
class Rendered:
    pdf: bytes
    pages: int
    warnings: list[str] = field(default_factory=list)


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if not message.startswith(fonts.FONTTOOLS_FALLBACK_WARNING):  # said once per run
            self.messages.append(message)


def render_pdf(html_path: Path, language: str, faces: dict[fonts.Face, Path]) -> Rendered:
    """Typeset ``html_path``; raise :class:`fonts.FontError` if its text lacks glyphs."""
    gaps = fonts.missing_characters(printed_text(html_path, language), faces)
    if gaps:
        raise fonts.FontError(
            f"{html_path.name}: {fonts.describe_gaps(gaps, len(faces))}; the PDF would print "
            "empty boxes. Write the text without them, or add a font that has them to "
            "FACES in concord/publish/pdf/fonts.py"
        )
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    hyphenation.register(language)
    font_config = FontConfiguration()
    stylesheets = [
        CSS(string=fonts.font_face_css(faces), font_config=font_config),
        CSS(filename=str(PRINT_CSS), font_config=font_config),
        CSS(string=page_footer_css(language), font_config=font_config),
    ]
    collect = _Collect()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(collect)
    try:
        document = HTML(filename=str(html_path)).render(
            stylesheets=stylesheets, font_config=font_config,
        )
        pdf = document.write_pdf(pdf_variant=PDF_VARIANT)
    finally:
        logger.removeHandler(collect)
    return Rendered(pdf=pdf, pages=len(document.pages), warnings=collect.messages)
