"""Script and typography: letters that look right and are wrong, spaces that shift.

A Latin "о" inside a Russian word looks identical and breaks search, hyphenation and
spell-checking; a Turkish keyboard slips "ı" and "İ" into English titles ("Ibıd.",
"Act İn"). Machinery spans (URLs, literals, roles, references) are left out.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from concord.checks.base import CatalogContext, MessageCheck, Unit, listing
from concord.rst import Span

_WORD = re.compile(r"[^\W\d_]+")
#: Turkish attaches suffixes to names with an apostrophe: "Trump’ın" is one word.
#: A suffix written apart from its name ("*type* 'ın") is not a word of its own.
_TURKISH_WORD = re.compile(r"(?<![’'\w])[^\W\d_]+(?:[’'][^\W\d_]+)*")
_CYRILLIC = re.compile(r"[\u0400-\u04ff\u0500-\u052f]")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
_MACHINERY = ("url", "literal", "role", "link", "email", "footnote", "citation",
              "substitution", "named-ref")
#: A word with both scripts (a cheap pre-test before the spans are computed).
_MIXED = re.compile(r"[^\W\d_]*(?:[\u0400-\u052f][^\W\d_]*[A-Za-z\u00c0-\u024f]|"
                    r"[A-Za-z\u00c0-\u024f][^\W\d_]*[\u0400-\u052f])")
_DOTLESS_WORD = re.compile(r"[^\W\d_]*[ıİ][^\W\d_]*")
TURKIC_LANGUAGES = frozenset({"tr", "az", "crh", "tt", "kk", "ba", "gag"})


def prose(unit_text: str, spans: list[Span], filler: str = " ") -> str:
    """``unit_text`` with its machinery spans replaced by ``filler``."""
    out, last = [], 0
    for span in spans:
        if span.kind in _MACHINERY:
            out.append(unit_text[last:span.start])
            out.append(filler)
            last = span.end
    out.append(unit_text[last:])
    return "".join(out)


class MixedScript(MessageCheck):
    """A word mixes Latin and Cyrillic letters: a look-alike letter slipped in.

    Retype the word in one script (Latin "a, c, e, o, p, x, y" look like Cyrillic ones).
    """

    id = "mixed-script"
    name = "Mixed script"
    description = "Latin look-alike letters inside Cyrillic words, and the reverse"
    family = "script"

    def check_message(self, unit: Unit, ctx: CatalogContext) -> Iterable[str]:
        if not _CYRILLIC.search(unit.target) or not _MIXED.search(unit.target):
            return
        text = prose(unit.target, unit.target_spans)
        source_words = set(_WORD.findall(unit.source))
        bad = [w for w in _WORD.findall(text)
               if w not in source_words and _CYRILLIC.search(w) and _LATIN.search(w)]
        for word in dict.fromkeys(bad):
            latin = "".join(dict.fromkeys(_LATIN.findall(word)))
            cyrillic = "".join(dict.fromkeys(_CYRILLIC.findall(word)))
            minority = latin if len(latin) <= len(cyrillic) else cyrillic
            script = "Latin" if minority == latin else "Cyrillic"
            yield (f"{word!r} mixes Latin and Cyrillic letters ({script} {minority!r}); "
                   "retype it in one script")


def is_turkic(lang: str) -> bool:
    """``tr``, ``tr_TR``, ``az-Latn``...: a language whose alphabet has ı and İ."""
    return lang.replace("-", "_").split("_")[0].lower() in TURKIC_LANGUAGES


def source_language(ctx: CatalogContext) -> str:
    """The language the catalog translates from ("" when no source document is known)."""
    return ctx.source.language if ctx.source is not None else ""


class TurkishI(MessageCheck):
    """Turkish dotless ı or dotted İ inside a word that is not Turkish (a keyboard slip).

    Both directions count: an English or Russian translation of a Turkish original may
    keep the Turkish words the original has (a cited title, a name, as bibliographies
    do), but "Ibıd." or "Act İn" is a slip; a Turkish translation of an English
    original may not carry ı/İ into the English words it keeps.
    """

    id = "turkish-i"
    name = "Turkish ı/İ"
    description = "Turkish dotless ı / dotted İ inside non-Turkish text"
    family = "script"
    target_needs = ("ı", "İ")

    def check_message(self, unit: Unit, ctx: CatalogContext) -> Iterable[str]:
        if "ı" not in unit.target and "İ" not in unit.target:
            return
        turkic = is_turkic(ctx.lang)
        source_turkic = is_turkic(source_language(ctx))
        if turkic and source_turkic:
            return  # Turkish (or Azerbaijani...) on both sides: ı/İ are letters here
        if turkic and not self._candidates(unit):
            return  # no dotless word that is an English word of the source
        # A span becomes "X" so that a suffix after it ("``x``’ın") stays one word.
        words = _TURKISH_WORD.findall(prose(unit.target, unit.target_spans, "X"))
        # "Trump’ın" cited from a Turkish source is one word there too
        source_words = set(_WORD.findall(unit.source)) | set(_TURKISH_WORD.findall(unit.source))
        copied = _dotted(unit.target) == unit.source
        bad = []
        for index, word in enumerate(words):
            if ("ı" not in word and "İ" not in word) or _kept_from_source(word, source_words):
                continue
            if not turkic or copied or self._copied_from_source(words, index, source_words):
                bad.append(word)
        if bad and source_turkic:
            yield (f"Turkish ı/İ in non-Turkish text: {listing(dict.fromkeys(bad))}; "
                   f"write i/I as {ctx.lang} spells the word (only Turkish words the "
                   "original has keep ı/İ)")
        elif bad:
            yield (f"Turkish ı/İ in non-Turkish text: {listing(dict.fromkeys(bad))}; "
                   "write i/I as the original does")

    @staticmethod
    def _candidates(unit: Unit) -> bool:
        """A quick look before the spans are computed: a word with ı/İ whose i-form is
        a word of the source, or a translation that is the source with ı/İ."""
        if _dotted(unit.target) == unit.source:
            return True
        source_words = set(_WORD.findall(unit.source))
        return any(_dotted(w) in source_words for w in _DOTLESS_WORD.findall(unit.target))

    @staticmethod
    def _copied_from_source(words: list[str], index: int, source_words: set[str]) -> bool:
        """In Turkish text, a word is English when its i-form is a source word and it
        stands among words copied from the source (a title kept in English)."""
        if _dotted(words[index]) not in source_words:
            return False
        neighbours = words[max(0, index - 1):index] + words[index + 1:index + 2]
        return any(n in source_words and len(n) > 1 for n in neighbours)


def _kept_from_source(word: str, source_words: set[str]) -> bool:
    """The word, or the part carrying ı/İ before an apostrophe, is the source's.

    "İzmir’s" in an English translation keeps the source's "İzmir’in" name; "Trump’ın"
    in English keeps no ı/İ of the source (the Turkish suffix slipped in).
    """
    if word in source_words:
        return True
    stem = _APOSTROPHE.split(word, 1)[0]
    return stem != word and stem in source_words and ("ı" in stem or "İ" in stem)


_APOSTROPHE = re.compile(r"[’']")


def _dotted(text: str) -> str:
    return text.replace("ı", "i").replace("İ", "I")


#: Two spaces inside a sentence (two after a full stop are a typing convention).
_DOUBLE_SPACE = re.compile(r"(?<![.!?:;\s])  ")


class DoubleSpace(MessageCheck):
    """Two spaces in a row inside a sentence where the source has none: a typing slip."""

    id = "double-space"
    name = "Doubled space"
    description = "doubled spaces inside the translation"
    family = "script"
    severity = "warning"
    target_needs = ("  ",)

    def check_message(self, unit: Unit, ctx: CatalogContext) -> Iterable[str]:
        target = unit.target.strip()
        if "  " not in target or "  " in unit.source:
            return
        match = _DOUBLE_SPACE.search(target)
        if match:
            at = match.start()
            yield f"doubled space after {target[max(0, at - 20):at]!r}; use one"


class WhitespaceEdges(MessageCheck):
    """Leading and trailing whitespace carries meaning in some messages: match the source."""

    id = "whitespace-edges"
    name = "Leading/trailing whitespace"
    description = "leading and trailing whitespace equal to the source's"
    family = "script"
    severity = "warning"

    def check_message(self, unit: Unit, ctx: CatalogContext) -> Iterable[str]:
        source, target = unit.source, unit.target
        lead = (source[: len(source) - len(source.lstrip())], target[: len(target) - len(target.lstrip())])
        trail = (source[len(source.rstrip()):], target[len(target.rstrip()):])
        if lead[0] != lead[1]:
            yield f"leading whitespace {lead[1]!r} differs from the source's {lead[0]!r}"
        if trail[0] != trail[1]:
            yield f"trailing whitespace {trail[1]!r} differs from the source's {trail[0]!r}"
