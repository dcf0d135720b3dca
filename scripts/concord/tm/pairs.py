"""Which language pair a memory lookup is about, when the user names only part of it.

A memory holds units in every direction a publication translates (en->tr, tr->en,
tr->ru, ...). A fuzzy lookup scores sources of one language against translations
into one other, so it needs a pair: given in full, or inferred from the pairs the
memory actually holds.
"""

from __future__ import annotations

from typing import Any

from concord.errors import ConcordError
from concord.tm.store import TranslationMemory


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
    pairs = sorted(memory.stats().pairs)
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
