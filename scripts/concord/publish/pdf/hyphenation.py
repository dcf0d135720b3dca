"""Turkish hyphenation for the PDF editions: patterns of our own, and Turkish casing.

Pyphen (which WeasyPrint uses for ``hyphens: auto``) ships no Turkish dictionary.
Turkish syllables are regular, so the patterns are generated from the rules a Turkish
schoolbook teaches, in the hyphen/Pyphen ``.dic`` format (Liang patterns, as TeX and
LibreOffice use them):

* a consonant between two vowels starts the next syllable (*a-ra*, *ba-ra-ta*);
* of two consonants between vowels the second starts the next syllable (*kar-deş*);
* of three, the last one does (*Türk-çe*, *İstihbarat-çı*);
* two vowels side by side belong to two syllables (*sa-at*, *a-i-le*);
* a word never breaks inside a consonant cluster it starts with (loanwords: *tren*,
  *spor*, *stres*), nor around an apostrophe before a suffix (*Çin’in*).

Casing: Pyphen lowercases each word with ``str.lower()``, which turns the Turkish
capital "İ" into two characters ("i" + U+0307) and shifts every break point after it
by one ("İstihbaratç-ılarının"), and turns "I" into "i" instead of "ı".
:func:`register` therefore installs the dictionary with a Turkish-aware lowercasing
that keeps one character per character. Runs of capitals (acronyms such as *NATO*,
*ICCPR*, also before a suffix: *NATO’dan*) are never broken.

Regenerate the shipped dictionary after changing the rules::

    python -m concord.publish.pdf.hyphenation
"""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

import pyphen

#: Turkish vowels, with the circumflexed ones of Arabic and Persian loanwords.
VOWELS = "aeıioöuüâîû"
#: Turkish consonants, with q, w, x of foreign names.
CONSONANTS = "bcçdfgğhjklmnprsştvyzqwx"
#: Never break next to these: the apostrophe before a suffix, an explicit hyphen.
NO_BREAK_AROUND = "'’-‐"
#: Consonant clusters that begin loanwords of three consonants (*strateji*, *sprey*).
INITIAL_TRIPLES = ("str", "spr", "skr", "spl", "scr")

DICTIONARY_PATH = Path(__file__).with_name("hyph_tr_TR.dic")
#: Languages the dictionary serves (Azerbaijani shares the casing, not the alphabet).
TURKIC_LANGUAGES = ("tr",)


def turkish_lower(word: str) -> str:
    """Lowercase ``word`` the Turkish way, one character for one character."""
    return word.replace("İ", "i").replace("I", "ı").lower()


def generate_patterns() -> list[str]:
    """The Liang patterns encoding the syllable rules of the module docstring."""
    patterns: list[str] = []
    # Before the last consonant ahead of a vowel: V-CV, VC-CV, VCC-CV.
    patterns += [f"1{c}{v}" for c in CONSONANTS for v in VOWELS]
    # Between two vowels: V-V.
    patterns += [f"{a}1{b}" for a in VOWELS for b in VOWELS]
    # Never inside a word-initial cluster (the 1cv rule would split "p-rog-ram").
    patterns += [f".{a}2{b}" for a, b in itertools.product(CONSONANTS, repeat=2)]
    patterns += [f".{t[0]}2{t[1]}2{t[2]}" for t in INITIAL_TRIPLES]
    # Never at an apostrophe ("Çin’in", not "Çin’-in") or an explicit hyphen.
    patterns += [f"2{a}2" for a in NO_BREAK_AROUND]
    return patterns


def dictionary_text() -> str:
    """The whole .dic file: encoding line, minimum fragments, then the patterns."""
    header = ["UTF-8", "LEFTHYPHENMIN 2", "RIGHTHYPHENMIN 2"]
    return "\n".join(header + generate_patterns()) + "\n"


def write_dictionary(path: Path = DICTIONARY_PATH) -> Path:
    path.write_text(dictionary_text(), encoding="utf-8")
    return path


class TurkishHyphDict(pyphen.HyphDict):
    """Pyphen's pattern dictionary with Turkish casing, and acronyms left whole."""

    def positions(self, word: str) -> Any:
        points = super().positions(turkish_lower(word))
        return [p for p in points if 0 < p < len(word) and not _between_capitals(word, p)]


def _between_capitals(word: str, point: int) -> bool:
    return word[point - 1].isupper() and word[point].isupper()


def register(language: str, path: Path = DICTIONARY_PATH) -> bool:
    """Make Pyphen (and so WeasyPrint) hyphenate ``language`` with our dictionary.

    Returns False, changing nothing, when ``language`` is not a Turkic language or
    Pyphen already knows it (a later Pyphen may ship Turkish). Call it in the process
    that renders, before rendering: Pyphen keeps its table of languages per process.
    """
    base = language.replace("-", "_").split("_")[0].lower()
    if base not in TURKIC_LANGUAGES or pyphen.language_fallback(language):
        return False
    pyphen.LANGUAGES[base] = path
    pyphen.LANGUAGES_LOWERCASE[base] = base
    pyphen.hdcache[path] = TurkishHyphDict(path)
    return True


def hyphenated(word: str, language: str = "tr", hyphen: str = "-") -> str:
    """``word`` with every break point marked, as WeasyPrint would find them."""
    register(language)
    return pyphen.Pyphen(lang=language).inserted(word, hyphen=hyphen)


if __name__ == "__main__":
    print(write_dictionary())
