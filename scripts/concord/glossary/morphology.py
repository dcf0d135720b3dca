"""Word forms per language: when does a word of a text stand for a word of a term?

A term check that compares strings flags nearly every sentence of an inflecting
language ("NATO Genel Sekreter Yardımcısı David van Weel’e göre", "заместителя
генерального секретаря НАТО"), so each word is reduced to *keys* and two words match
when they share one:

* Russian (and Ukrainian when its dictionary is installed): every normal form
  pymorphy3 gives the word (its dictionary knows the paradigms; unknown names are
  guessed from their endings), ``ё`` read as ``е``. Names also match through the case
  endings added to them ("Сёдерберг", "Сёдерберга", "Сёдербергом").
* Turkish: Turkish casing (``I``/``ı``, ``İ``/``i``); a suffix after an apostrophe
  ("Weel’e", "NATO'nun") is dropped; Snowball's Turkish stem; and a suffix chain
  added to the term word, to its stem or to it without its compound marker
  ("Yardımcısı" -> "Yardımcısına", "Yardımcıları"), with the final p/ç/t/k softened
  before a vowel ("kitap" -> "kitabı").
* English: the lowercased word and its singular ("classes", "libraries"); Snowball's
  English stem would also strip derivations ("Pythonic" -> "python").
* Any other language Snowball knows (Spanish, German, ...): the lowercased word and its
  Snowball stem; others: the lowercased word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

#: A word: letters and digits; an apostrophe suffix stays attached ("NATO’nun"); an
#: identifier with underscores stays one word ("buffer_callback" is not "callback"), and
#: so does a hyphenated compound ("Hint-Pasifik" is not "Hint Pasifik").
WORD = re.compile(r"\w+(?:[-‐]\w+)*(?:['’][^\W\d_]+)*")
#: A short word a translation may put between the words of a term ("clase de base").
MAX_GAP_CHARS = 3
_APOSTROPHE = re.compile(r"['’]")
RU_ENDINGS = frozenset({"а", "я", "у", "ю", "ом", "ем", "ём", "е", "ы", "и", "ой", "ей", "ою",
                        "ым", "им", "ых", "их", "ами", "ями", "ах", "ях", "ам", "ям", "ов", "ев"})
TR_POSSESSIVE = ("sı", "si", "su", "sü", "ı", "i", "u", "ü")
TR_SOFT = {"p": "b", "ç": "c", "t": "d", "k": "ğ"}
TR_VOWELS = frozenset("aeıioöuü")
MAX_TR_SUFFIX = 12


@dataclass(frozen=True)
class TermWord:
    """One word of a term, prepared once: its surface, keys and (Turkish) bases."""

    surface: str
    norm: str
    keys: frozenset[str]
    bases: tuple[str, ...] = ()
    name: bool = False


def language_name(lang: str) -> str:
    """``es`` -> ``spanish``: Snowball's algorithm name from Babel's locale data."""
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(lang.replace("-", "_")).get_display_name("en").split(" (")[0].lower()
    except (ValueError, UnknownLocaleError):
        return ""


class Analyzer:
    """The word forms of one language (see the module docstring)."""

    def __init__(self, lang: str) -> None:
        self.lang = lang.split("_")[0].split("-")[0].lower()
        self.turkish = self.lang in ("tr", "az")
        self.morph = _morph(self.lang)
        self.stem = _stemmer(self.lang)
        self._cache: dict[str, frozenset[str]] = {}

    def norm(self, word: str) -> str:
        if self.turkish:
            word = word.replace("I", "ı").replace("İ", "i")
        return word.lower().replace("ё", "е")

    def tokens(self, text: str) -> list[str]:
        return WORD.findall(text)

    def base(self, token: str) -> str:
        """The word without an apostrophe suffix (Turkish "NATO’nun", English "NATO’s")."""
        if self.lang in ("tr", "az", "en"):
            return _APOSTROPHE.split(token, 1)[0]
        return token

    def keys(self, token: str) -> frozenset[str]:
        found = self._cache.get(token)
        if found is None:
            found = self._cache[token] = self._keys(token)
        return found

    def _keys(self, token: str) -> frozenset[str]:
        word = self.norm(self.base(token))
        keys = {word}
        if self.morph is not None:
            keys.update(p.normal_form.replace("ё", "е") for p in self.morph.parse(word))
        elif self.lang == "en":
            keys.add(english_singular(word))
        elif self.stem is not None:
            keys.add(self.stem(word))
        return frozenset(keys)

    def term_word(self, surface: str, name: bool) -> TermWord:
        norm = self.norm(self.base(surface))
        bases: tuple[str, ...] = ()
        if self.turkish:
            found = {norm, self.stem(norm) if self.stem else norm}
            for suffix in TR_POSSESSIVE:
                if norm.endswith(suffix) and len(norm) - len(suffix) >= 4:
                    found.add(norm[: -len(suffix)])
            found |= {b[:-1] + TR_SOFT[b[-1]] for b in list(found) if b and b[-1] in TR_SOFT}
            bases = tuple(sorted(b for b in found if len(b) >= 3))
        return TermWord(surface, norm, self.keys(surface), bases, name)

    def prefixes_of(self, word: TermWord) -> tuple[str, ...]:
        """The prefixes a form of ``word`` starts with when its keys differ (suffixes
        added to a Turkish word or a Russian name): the index looks tokens up by them."""
        if self.turkish:
            return word.bases
        if word.name and self.morph is not None:
            return (_name_stem(word.norm),)
        return ()

    def matches(self, word: TermWord, token: str, case_sensitive: bool) -> bool:
        """Is ``token`` a form of the term word ``word``?"""
        if case_sensitive and not _same_case(word.surface, self.base(token)):
            return False
        if word.keys & self.keys(token):
            return True
        norm = self.norm(self.base(token))
        if self.turkish:
            return any(norm.startswith(b) and len(norm) - len(b) <= MAX_TR_SUFFIX
                       and (norm[len(b):].isalpha() or len(norm) == len(b)) for b in word.bases)
        if word.name and self.morph is not None and norm.startswith(_name_stem(word.norm)):
            return norm[len(_name_stem(word.norm)):] in RU_ENDINGS
        return False


def english_singular(word: str) -> str:
    """An English noun without its plural ending ("classes" -> "class", "libraries" ->
    "library"). Snowball's English stem is not used: it removes derivations too, and
    "Pythonic" would stand for every "Python"."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith(("sses", "shes", "ches", "xes", "zes")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _name_stem(norm: str) -> str:
    """A Russian name without its final vowel or soft sign ("Мария" -> "Мари")."""
    return norm[:-1] if len(norm) > 3 and norm[-1] in "аяйьоеиы" else norm


def _same_case(term: str, token: str) -> bool:
    if not term or not token:
        return False
    if len(term) > 1 and term.isupper():
        return token.isupper()
    return term[0] == token[0]


@lru_cache(maxsize=None)
def _morph(lang: str) -> Any:
    """pymorphy3's analyser for Russian (and Ukrainian when its dictionary is installed)."""
    if lang not in ("ru", "uk"):
        return None
    try:
        import pymorphy3
    except ImportError:
        return None
    try:
        return pymorphy3.MorphAnalyzer(lang=lang)
    except (ValueError, OSError, LookupError):
        return None


@lru_cache(maxsize=None)
def _stemmer(lang: str) -> Any:
    import snowballstemmer

    name = language_name(lang)
    if name not in snowballstemmer.algorithms():
        return None
    return snowballstemmer.stemmer(name).stemWord


@lru_cache(maxsize=None)
def analyzer(lang: str) -> Analyzer:
    """One analyser per language per process (its word cache is shared)."""
    return Analyzer(lang)


def at(analyzer: Analyzer, words: tuple[TermWord, ...], tokens: list[str], start: int,
       case_sensitive: bool, gaps: bool = False) -> int:
    """Where the term ``words`` standing at ``tokens[start]`` end (0: they do not).

    With ``gaps``, one short lowercase word may stand between two words of the term
    (a preposition or article: "objeto de archivo" for "objeto archivo").
    """
    position = start
    for index, word in enumerate(words):
        if position >= len(tokens):
            return 0
        if not analyzer.matches(word, tokens[position], case_sensitive):
            gap = tokens[position]
            if not (gaps and index and len(gap) <= MAX_GAP_CHARS and gap.islower()
                    and position + 1 < len(tokens)
                    and analyzer.matches(word, tokens[position + 1], case_sensitive)):
                return 0
            position += 1
        position += 1
    return position


def find(analyzer: Analyzer, words: tuple[TermWord, ...], tokens: list[str],
         case_sensitive: bool) -> list[tuple[int, int]]:
    """Where the term ``words`` stand in ``tokens``: (first, end) token spans."""
    found = []
    for start in range(len(tokens)):
        end = at(analyzer, words, tokens, start, case_sensitive)
        if end:
            found.append((start, end))
    return found
