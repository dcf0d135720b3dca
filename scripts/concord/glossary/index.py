"""Finding a glossary's terms in messages: the source side, then each translation.

:class:`TermIndex` is built once per ``concord check`` (before the worker processes
fork) and asked two questions per message: which concepts does the source mention,
and does the translation render each with an approved term and without a forbidden
variant? Words are compared through :mod:`concord.glossary.morphology`, so inflected
forms match. A term's first word is looked up by its keys, so a message is tokenised
once and only candidate positions are compared.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from concord.glossary.model import Concept, Glossary
from concord.glossary.morphology import WORD, Analyzer, TermWord, analyzer, at, english_singular


@dataclass(frozen=True, eq=False)  # hashed by identity: one object per glossary term
class Pattern:
    concept: Concept
    term: str
    words: tuple[TermWord, ...]


@dataclass(frozen=True)
class Problem:
    """What a translation does wrong with one concept: ``kind`` missing or forbidden."""

    kind: str
    concept: Concept
    message: str


class _Side:
    """The patterns of one language, indexed by what their first word can match: its
    keys, and (Turkish suffixes, Russian name endings) the prefixes a form starts with."""

    def __init__(self, lang: str, gaps: bool = False) -> None:
        self.analyzer: Analyzer = analyzer(lang)
        self.gaps = gaps
        self.by_key: dict[str, list[Pattern]] = defaultdict(list)
        self.by_prefix: dict[str, list[Pattern]] = defaultdict(list)
        self._candidates_of: dict[str, tuple[Pattern, ...]] = {}  # token -> patterns

    def add(self, concept: Concept, term: str) -> Pattern | None:
        tokens = self.analyzer.tokens(term)
        if not tokens:
            return None
        words = tuple(self.analyzer.term_word(t, concept.is_name) for t in tokens)
        pattern = Pattern(concept, term, words)
        for key in words[0].keys:
            self.by_key[key].append(pattern)
        for prefix in self.analyzer.prefixes_of(words[0]):
            self.by_prefix[prefix].append(pattern)
        return pattern

    def _candidates(self, token: str) -> tuple[Pattern, ...]:
        """The patterns whose first word ``token`` may be (cached: a corpus repeats words)."""
        cached = self._candidates_of.get(token)
        if cached is not None:
            return cached
        found = [p for key in self.analyzer.keys(token) for p in self.by_key.get(key, ())]
        if self.by_prefix:
            norm = self.analyzer.norm(self.analyzer.base(token))
            for end in range(3, len(norm) + 1):
                found.extend(self.by_prefix.get(norm[:end], ()))
        cached = self._candidates_of[token] = tuple(dict.fromkeys(found))
        return cached

    def occurrences(self, tokens: list[str]) -> list[tuple[Pattern, int, int]]:
        """Every pattern found in ``tokens`` with its token span."""
        found = []
        candidates = self._candidates
        for start, token in enumerate(tokens):
            for pattern in candidates(token):
                end = at(self.analyzer, pattern.words, tokens, start,
                         pattern.concept.case_sensitive, self.gaps)
                if end:
                    found.append((pattern, start, end))
        return found


class TermIndex:
    """A glossary ready for checking (see the module docstring)."""

    def __init__(self, glossary: Glossary) -> None:
        self.glossary = glossary
        self.source = _Side(glossary.source_lang)
        for concept in glossary:
            for term in concept.source:
                self.source.add(concept, term)
        self._targets: dict[str, tuple[_Side, _Side]] = {}
        #: every key of a source term's first word (the English pretest of may_concern)
        self._first_words = frozenset(self.source.by_key)
        self._verbatim: dict[str, re.Pattern[str]] = {}

    def _sides(self, lang: str) -> tuple[_Side, _Side]:
        """(approved, forbidden) patterns of ``lang``, built on first use."""
        sides = self._targets.get(lang)
        if sides is None:
            approved, forbidden = _Side(lang, gaps=True), _Side(lang)
            for concept in self.glossary:
                for term in _targets_of(concept, lang):
                    approved.add(concept, term)
                for term in _forbidden_of(concept, lang):
                    forbidden.add(concept, term)
            sides = self._targets[lang] = (approved, forbidden)
        return sides

    def has_language(self, lang: str) -> bool:
        approved, forbidden = self._sides(lang)
        return bool(approved.by_key or forbidden.by_key)

    def concepts_in(self, source: str) -> list[Concept]:
        """The concepts the source text mentions, in glossary order."""
        tokens = self.source.analyzer.tokens(source)
        found = {p.concept.id: p.concept for p, start, end in self.source.occurrences(tokens)
                 if not (self.source.analyzer.lang == "en" and _used_as_verb(p, tokens, end, source))}
        return [found[k] for k in sorted(found)]

    def may_concern(self, source: str, target: str, lang: str) -> bool:
        """A cheap first look on the raw texts: does the source mention a concept, or
        may the translation hold a forbidden variant? (Most messages do neither.)"""
        approved, forbidden = self._sides(lang)
        if forbidden.by_key and any(forbidden._candidates(t) for t in forbidden.analyzer.tokens(target)):
            return True
        if not approved.by_key:
            return False
        if self.source.analyzer.lang == "en":  # set arithmetic in C instead of a loop
            words = set(WORD.findall(source.lower()))
            if "'" in source or "’" in source:  # "NATO’s" stands for "nato"
                words |= {re.split(r"['’]", w, maxsplit=1)[0] for w in words}
            if words.isdisjoint(self._first_words):
                if not any(english_singular(w) in self._first_words for w in words if w[-1:] == "s"):
                    return False
        return any(self.source._candidates(t) for t in self.source.analyzer.tokens(source))

    def problems(self, source: str, target: str, lang: str, raw_target: str | None = None
                 ) -> list[Problem]:
        """Missing approved terms and forbidden variants in one translation (``target``
        without its placeables; ``raw_target`` as written, where a term kept in the
        original may sit inside markup: ``*function*``, ``:term:`file objects```)."""
        approved, forbidden = self._sides(lang)
        if not approved.by_key and not forbidden.by_key:
            return []
        mentioned = self.concepts_in(source)
        folded = target.casefold()
        # an approved term written as it stands needs no morphology (the usual case)
        unresolved = [c for c in mentioned
                      if not any(t.casefold() in folded for t in _targets_of(c, lang))]
        if not unresolved and not forbidden.by_key:
            return []
        tokens = approved.analyzer.tokens(target)
        good = approved.occurrences(tokens)
        rendered = {p.concept.id for p, _, _ in good}
        spans = [(s, e) for _, s, e in good]
        problems = []
        for pattern, start, end in forbidden.occurrences(tokens):
            if any(s <= start and end <= e for s, e in spans):
                continue  # inside an approved term ("Hint-Pasifik" holds "Pasifik")
            used = " ".join(tokens[start:end])
            problems.append(Problem("forbidden", pattern.concept,
                                    _forbidden(pattern, used, lang)))
        named = {p.concept.id for p in problems}  # the forbidden finding says what to write
        for concept in unresolved:
            terms = _targets_of(concept, lang)
            if (terms and concept.id not in rendered and concept.id not in named
                    and not self._kept(concept, raw_target or target)):
                problems.append(Problem("missing", concept, _missing(concept, lang, terms)))
        return problems

    def _kept(self, concept: Concept, target: str) -> bool:
        """The source term left as it is: a title or name quoted in the original."""
        pattern = self._verbatim.get(concept.id)
        if pattern is None:
            alternatives = "|".join(re.escape(t) for t in concept.source)
            # the English plural too: "file objects" keeps "file object"
            flags = 0 if concept.case_sensitive else re.IGNORECASE
            pattern = self._verbatim[concept.id] = re.compile(
                rf"(?<!\w)(?:{alternatives})(?:e?s)?(?!\w)", flags)
        return pattern.search(target) is not None


#: Words that start a noun phrase: an English one-word noun term followed by one is a verb
#: ("This section lists the changes", "type a key"), not the term.
_DETERMINERS = frozenset({"a", "an", "the", "any", "all", "each", "every", "its", "their",
                          "his", "her", "our", "your", "my", "these", "those", "previously"})


def _used_as_verb(pattern: Pattern, tokens: list[str], end: int, text: str) -> bool:
    """An English one-word noun term used as a verb (English has no inflection to tell):
    followed, with nothing but a space between, by a word that opens a noun phrase."""
    if pattern.concept.pos != "noun" or len(pattern.words) != 1 or end >= len(tokens):
        return False
    if tokens[end].lower() not in _DETERMINERS:
        return False
    return re.search(rf"(?<!\w){re.escape(tokens[end - 1])}[ \t\n]+{re.escape(tokens[end])}(?!\w)",
                     text) is not None


def _targets_of(concept: Concept, lang: str) -> list[str]:
    return concept.targets.get(lang) or concept.targets.get(lang.split("_")[0]) or []


def _forbidden_of(concept: Concept, lang: str) -> list[str]:
    return concept.forbidden.get(lang) or concept.forbidden.get(lang.split("_")[0]) or []


def _note(concept: Concept) -> str:
    return f" (glossary note: {concept.note})" if concept.note else ""


def _missing(concept: Concept, lang: str, terms: list[str]) -> str:
    others = f" (or {', '.join(repr(t) for t in terms[1:])})" if len(terms) > 1 else ""
    return (f"{concept.source[0]!r} is not rendered with the approved {lang} term: use "
            f"approved: {terms[0]!r}{others} in the form the sentence needs{_note(concept)}")


def _forbidden(pattern: Pattern, used: str, lang: str) -> str:
    terms = _targets_of(pattern.concept, lang)
    instead = f"; write approved: {terms[0]!r}" if terms else "; rephrase without it"
    return (f"{used!r} is a forbidden {lang} variant of {pattern.concept.source[0]!r} "
            f"(glossary: {pattern.term!r}){instead}{_note(pattern.concept)}")
