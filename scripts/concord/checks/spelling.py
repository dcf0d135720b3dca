"""Spelling per language, with the Hunspell dictionaries the system provides.

Debian's ``hunspell-tr``, ``hunspell-ru``, ``hunspell-en-us`` (and any other
``hunspell-*``) are read through Enchant (pyenchant). What is not prose is skipped:
URLs, literals, roles and references (:mod:`concord.rst`), words copied from the
source (names, identifiers), words with digits, acronyms and identifiers in mixed case,
the words of every glossary term, and the words the project lists as known
(``glossary/words-<lang>.txt``, or ``dictionaries/*.txt`` as python-docs projects keep).
A language without a dictionary is named once by ``concord check`` and skipped. The
check runs where the project keeps a ``glossary/`` folder (or ``--glossary`` names one).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from concord import glossary
from concord.checks.base import CatalogContext, MessageCheck, Unit
from concord.checks.terms import readable
from concord.glossary.morphology import WORD, analyzer

_APOSTROPHE = re.compile(r"['’]")
_INNER_CAPITAL = re.compile(r".[A-ZА-ЯЁÇĞİÖŞÜ]")
MAX_SHOWN = 5
#: A message with at least this many words, most of them unknown, is not checked.
FOREIGN_MIN_WORDS = 4


@lru_cache(maxsize=None)
def dictionary(lang: str) -> Any:
    """The Enchant dictionary for ``lang`` (Hunspell first), or None when none is installed."""
    try:
        import enchant
    except ImportError:  # pyenchant installed but libenchant missing raises ImportError too
        return None
    broker = enchant.Broker()
    broker.set_ordering("*", "hunspell,myspell,nuspell,aspell")
    base = lang.split("_")[0].split("-")[0]
    found = sorted(t for t in (lang for lang, _ in broker.list_dicts()) if t.startswith(base + "_"))
    for tag in (lang, f"{base}_{base.upper()}", base, *found):
        try:
            if broker.dict_exists(tag):
                return broker.request_dict(tag)
        except enchant.errors.Error:  # a provider that lists a language it cannot open (hspell)
            continue
    return None


def missing_dictionaries(langs: Iterable[str]) -> list[str]:
    """The languages of ``langs`` with no installed dictionary (said once per run)."""
    return sorted({lang for lang in langs if dictionary(lang) is None})


@lru_cache(maxsize=None)
def known_words_of(lang: str) -> frozenset[str]:
    """Every word of every glossary term, and the project's word list for ``lang``."""
    words = set(glossary.active().known_words(lang))
    index = glossary.active().index
    if index is not None:
        for concept in index.glossary:
            for terms in (concept.source, *concept.targets.values(), *concept.forbidden.values()):
                for term in terms:
                    words.update(WORD.findall(term))
    return frozenset(words)


#: Turkish writes â, î, û to mark a long or palatal vowel ("hâlinde"); Hunspell's
#: Turkish dictionary knows the plain letters only.
_TR_CIRCUMFLEX = str.maketrans("âîûÂÎÛ", "aiuAIU")


class _Speller:
    """One language's dictionary with a cache of every word already looked up.

    Known words (glossary, word lists) are compared by their morphological keys, so an
    inflected name ("Трампа", "Weel’e") is known when its base form is listed.
    """

    def __init__(self, lang: str) -> None:
        self.dict = dictionary(lang)
        self.analyzer = analyzer(lang)
        self.turkish = self.analyzer.turkish
        self.known = {k for w in known_words_of(lang) for k in self.analyzer.keys(w)}
        self.cache: dict[str, bool] = {}

    def misspelled(self, word: str) -> bool:
        found = self.cache.get(word)
        if found is None:
            found = self.cache[word] = self._misspelled(word, self.analyzer.base(word))
        return found

    def _misspelled(self, word: str, base: str) -> bool:
        if len(base) < 2 or any(c.isdigit() for c in base) or "_" in base:
            return False
        if "-" in base and not self.dict.check(base):
            return any(self._misspelled(part, part) for part in base.split("-") if part)
        if base.isupper() or _INNER_CAPITAL.search(base):
            return False  # an acronym or an identifier
        if self.dict.check(word) or (base != word and self.dict.check(base)):
            return False
        if self.turkish and self.dict.check(word.translate(_TR_CIRCUMFLEX)):
            return False
        return not (self.analyzer.keys(word) & self.known)


@lru_cache(maxsize=None)
def speller(lang: str) -> _Speller | None:
    """The speller of ``lang``, when the run has a glossary (a project's ``glossary/``
    folder, where its word lists live, or ``--glossary``) and a dictionary is installed:
    without the project's lists of names and terms, Hunspell flags every one of them."""
    if not glossary.active().enabled or dictionary(lang) is None:
        return None
    return _Speller(lang)


class Spelling(MessageCheck):
    """A word of the translation is not in the language's Hunspell dictionary. Correct it,
    or, if it is right (a name, a term of the field), add it to the glossary or to
    ``glossary/words-<lang>.txt``."""

    id = "spelling"
    name = "Spelling"
    description = "words not in the language's Hunspell dictionary (nor the project's lists)"
    family = "spelling"
    severity = "warning"

    def in_use(self) -> bool:
        return glossary.active().enabled

    def check_message(self, unit: Unit, ctx: CatalogContext) -> Iterable[str]:
        check = speller(ctx.lang)
        if check is None:
            return
        words = list(dict.fromkeys(WORD.findall(readable(unit.target))))
        cache, misspelled = check.cache, check.misspelled
        unknown = [w for w in words if (cache[w] if w in cache else misspelled(w))]
        if not unknown:
            return  # the usual case: the source is not even tokenised
        source_words = set(WORD.findall(unit.source))
        source_words |= {_APOSTROPHE.split(w, 1)[0] for w in source_words if "'" in w or "’" in w}
        base = check.analyzer.base
        words = [w for w in words if w not in source_words]
        bad = [w for w in unknown  # a name or identifier copied from the source is right
               if w not in source_words and base(w) not in source_words]
        if bad and len(words) >= FOREIGN_MIN_WORDS and len(bad) * 2 > len(words):
            return  # most words unknown: not this language (a wrong header, code, a quote)
        if bad:
            shown = ", ".join(repr(w) for w in bad[:MAX_SHOWN])
            more = f" and {len(bad) - MAX_SHOWN} more" if len(bad) > MAX_SHOWN else ""
            yield (f"not in the {check.dict.tag} dictionary: {shown}{more}; correct it, or "
                   f"add a right word to glossary/words-{ctx.lang}.txt")
