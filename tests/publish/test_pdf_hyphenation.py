"""Turkish hyphenation: the generated patterns, Turkish casing, and WeasyPrint using them."""

from __future__ import annotations

import io
import re

import pyphen
import pytest
from pypdf import PdfReader

from concord.publish.pdf import hyphenation
from concord.publish.pdf.hyphenation import hyphenated, turkish_lower

# word, expected breaks (Pyphen keeps at least two letters at each end)
TURKISH = [
    pytest.param("İstihbaratçılarının", "İs-tih-ba-rat-çı-la-rı-nın", id="capital-dotted-I"),
    pytest.param("istihbaratçılarının", "is-tih-ba-rat-çı-la-rı-nın", id="lowercase"),
    pytest.param("Işıklandırılmış", "Işık-lan-dı-rıl-mış", id="capital-dotless-I"),
    pytest.param("ılımlı", "ılım-lı", id="dotless-i"),
    pytest.param("İngiltere", "İn-gil-te-re", id="dotted-I-start"),
    pytest.param("Türkçe", "Türk-çe", id="three-consonants-last-starts"),
    pytest.param("kardeş", "kar-deş", id="two-consonants-second-starts"),
    pytest.param("uluslararası", "ulus-la-ra-ra-sı", id="one-consonant-starts"),
    pytest.param("saat", "sa-at", id="two-vowels"),
    pytest.param("strateji", "stra-te-ji", id="initial-cluster-kept"),
    pytest.param("program", "prog-ram", id="loanword-by-turkish-rule"),
    pytest.param("transatlantik", "tran-sat-lan-tik", id="loanword-long"),
    pytest.param("Çin’in", "Çin’in", id="apostrophe-no-break"),
    pytest.param("NATO’dan", "NATO’dan", id="acronym-with-suffix"),
    pytest.param("İSTANBUL", "İSTANBUL", id="all-capitals"),
    pytest.param("Asya-Pasifik", "As-ya-Pa-si-fik", id="explicit-hyphen-no-extra"),
]


@pytest.mark.parametrize(("word", "expected"), TURKISH)
def test_turkish_breaks(word: str, expected: str) -> None:
    assert hyphenated(word, "tr") == expected


def test_turkish_lower_keeps_one_character_per_character() -> None:
    assert "İ".lower() == "i\u0307"  # why: Python's own lowercasing adds a character
    assert turkish_lower("İIıi") == "iııi"
    word = "İSTİHBARATÇILARININ"
    assert len(turkish_lower(word)) == len(word)


def test_shipped_dictionary_is_the_generated_one() -> None:
    """Regenerate with ``python -m concord.publish.pdf.hyphenation`` after a rule change."""
    assert hyphenation.DICTIONARY_PATH.read_text("utf-8") == hyphenation.dictionary_text()
    first = hyphenation.DICTIONARY_PATH.read_text("utf-8").splitlines()[0]
    assert first == "UTF-8"  # the hyphen/Pyphen .dic header: the encoding


def test_register_makes_pyphen_know_turkish() -> None:
    hyphenation.register("tr")
    assert pyphen.language_fallback("tr_TR") == "tr"
    assert pyphen.language_fallback("tr") == "tr"
    assert not hyphenation.register("ru")  # Pyphen's own dictionary stays in charge
    assert not hyphenation.register("az")  # same casing, another alphabet: not ours


def test_weasyprint_hyphenates_turkish_with_it() -> None:
    from weasyprint import HTML

    words = " ".join(["İstihbaratçılarının"] * 12)
    html = (f'<html lang="tr"><body style="width: 32mm; hyphens: auto; font-size: 10pt">'
            f"<p>{words}</p></body></html>")
    hyphenation.register("tr")
    pdf = HTML(string=html).write_pdf()
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    heads = re.findall(r"(\w+)[-\u2010]\n", text)
    assert heads, text
    legal = {"İs", "İstih", "İstihba", "İstihbarat", "İstihbaratçı", "İstihbaratçıla",
             "İstihbaratçıları"}
    assert set(heads) <= legal, heads
