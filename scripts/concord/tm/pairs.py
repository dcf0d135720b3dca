"""Language pairs of the memory: which pair a lookup means, and the other directions.

A memory holds units in every direction a publication translates (en->tr, tr->en,
tr->ru, ...). A fuzzy lookup scores sources of one language against translations
into one other, so it needs a pair: given in full, or inferred from the pairs the
memory actually holds. When an article's own pair has nothing, the units of the other
directions can still serve (reversed, or through a pivot language).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from concord.errors import ConcordError
from concord.tm.store import Match, TranslationMemory, Unit


def fuzzy_pair(memory: TranslationMemory, source_lang: str | None, target_lang: str | None,
               project: Any = None) -> tuple[str, str]:
    """``(source, target)`` for a fuzzy lookup: the target as given, the source as given
    or else the one the memory holds for that target.

    When several pairs fit, the one whose source is the project's ``language`` wins
    (what a lookup meant before articles could have other originals); otherwise the
    user is asked to choose, with the pairs listed.
    """
    if not target_lang:
        raise ConcordError("--fuzzy needs a target language; add --lang tr (say)")
    if source_lang:
        return source_lang, target_lang
    pairs = memory.pairs()
    fits = [(s, t) for s, t in pairs if t == target_lang]
    if len(fits) == 1:
        return fits[0]
    held = ", ".join(f"{s}->{t}" for s, t in pairs) or "none"
    if not fits:
        raise ConcordError(
            f"the memory {memory.location} has no units for *->{target_lang} (it holds: "
            f"{held}); pick a pair it holds with --source-lang and --target-lang")
    preferred = getattr(project, "source_language", None)
    ours = [pair for pair in fits if pair[0] == preferred]
    if len(ours) == 1:
        return ours[0]
    raise ConcordError(
        f"--fuzzy needs one language pair and {len(fits)} fit ({', '.join(f'{s}->{t}' for s, t in fits)}); "
        "name it with --source-lang and --target-lang (e.g. --source-lang tr --target-lang en)")


#: How many units containing every word of a message are compared with it exactly.
REVERSE_CANDIDATES = 20


class OtherDirections:
    """Matches for a message found through the memory's other directions.

    When an article's original changes (its Turkish version becomes the source), the
    memory holds its sentences the other way round: en->tr units whose Turkish side is
    now the msgid. Such a **reversed** unit gives the English translation exactly
    (score 100: the texts are identical, but the translator worked the other way, so
    the default policy offers it as fuzzy). Through a **pivot** language, the reversed
    unit's source is looked up towards the target (tr -> en -> ru); a pivot match
    scores one below the match it goes through, so it is never taken for exact, and
    carries the pivot sentence as its source (shown as ``#| msgid``).

    Meant for messages the article's own pair has no match for, in an article whose
    original changed: each lookup scans the units that contain every word of the
    message (a concordance query; measured 37 ms at 10,000 and 288 ms at 100,000 units
    per direction in SQLite, 2 busy cores), too slow to try for every new message.
    """

    def __init__(self, memory: TranslationMemory, *, threshold: int) -> None:
        self.memory = memory
        self.threshold = threshold
        self._pairs: list[tuple[str, str]] | None = None

    def matches(self, text: str, source_lang: str, target_lang: str) -> list[Match]:
        reversed_units = self._reversed(text, source_lang, target_lang)
        found = [Match(100, replace(u, source=text, target=u.source, source_lang=source_lang,
                                    target_lang=target_lang, origin=f"{u.origin} (reversed)"))
                 for u in reversed_units if u.source_lang == target_lang]
        if found:
            return found
        for unit in reversed_units:  # unit: pivot -> source_lang; its target is our text
            for match in self.memory.search(unit.source, unit.source_lang, target_lang,
                                            threshold=self.threshold, limit=1):
                via = replace(match.unit, origin=f"{match.unit.origin} (via {unit.source_lang})")
                found.append(Match(min(match.score, 100) - 1, via))
        return sorted(found, key=lambda m: -m.score)

    def _reversed(self, text: str, source_lang: str, target_lang: str) -> list[Unit]:
        """Units translated *into* ``source_lang`` whose translation is exactly ``text``."""
        if not text.strip():
            return []
        if self._pairs is None:
            self._pairs = self.memory.pairs()
        pivots = [s for s, t in self._pairs if t == source_lang and s != source_lang]
        units: list[Unit] = []
        for pivot in sorted(pivots, key=lambda s: s != target_lang):  # the plain reversal first
            units.extend(u for u in self.memory.concordance(
                text, source_lang=pivot, target_lang=source_lang, limit=REVERSE_CANDIDATES,
                in_target=True) if u.target == text)
        return units
