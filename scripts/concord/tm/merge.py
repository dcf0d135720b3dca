"""Merging a fresh template into a catalog without losing a translation.

What happens to each entry (the rules of GNU msgmerge, plus what sphinx-intl lacks):

* same ``msgctxt``/``msgid`` as before: kept as it is; only the source references
  (``#:``), extracted comments (``#.``) and format flags follow the template, so an
  untouched entry stays byte-identical when saved;
* a new message that resembles one that disappeared (score at or above the fuzzy
  threshold, :mod:`concord.tm.matching`): the old translation is offered as *fuzzy*,
  with the old source as ``#| msgid`` and the new source's placeables carried in (a
  renumbered note gets its new label);
* a message that disappeared and was not reused: kept as obsolete ``#~`` (a
  translation is never thrown away; untranslated ones are simply dropped);
* an obsolete entry whose message comes back is revived.
"""

from __future__ import annotations

import copy
from collections import Counter
from dataclasses import dataclass, field

import polib
from rapidfuzz import fuzz, process

from concord.tm.index import words
from concord.tm.matching import COMMENT_TAG, DEFAULT_THRESHOLD, adapt, adaptation_notes, comment_line, fuzzy_score, mask

#: Translator-comment prefixes concord writes (replaced, never piled up, on re-runs).
UPDATE_TAG = "concord-update:"
TM_TAG = COMMENT_TAG


@dataclass
class MergeResult:
    catalog: polib.POFile
    added: int = 0
    fuzzy: list[tuple[str, str, int]] = field(default_factory=list)  # (new, old, score)
    obsoleted: int = 0
    revived: int = 0


def _key(entry: polib.POEntry) -> tuple[str | None, str]:
    return (entry.msgctxt, entry.msgid)


def merge(pot: polib.POFile, old: polib.POFile, *, threshold: int = DEFAULT_THRESHOLD) -> MergeResult:
    """``old`` updated to ``pot``'s messages (a new POFile; ``old`` is not changed)."""
    result = MergeResult(polib.POFile(wrapwidth=old.wrapwidth))
    merged = result.catalog
    merged.header = old.header
    merged.metadata = dict(old.metadata)
    merged.metadata_is_fuzzy = old.metadata_is_fuzzy
    live = {_key(e): e for e in old if not e.obsolete}
    dead = {_key(e): e for e in old if e.obsolete}
    wanted = {_key(e) for e in pot}
    gone = [e for k, e in live.items() if k not in wanted and _translated(e)]
    finder = FuzzyFinder([mask(e.msgid) for e in gone], threshold)
    used: set[int] = set()
    for template in pot:
        key = _key(template)
        if key in live:
            merged.append(_refresh(live[key], template))
        elif key in dead:
            revived = _refresh(dead[key], template)
            revived.obsolete = False
            merged.append(revived)
            result.revived += 1
        else:
            entry = _new_entry(template)
            index = finder.closest(mask(template.msgid))
            if index is not None:
                _offer_previous(entry, gone[index], result)
                used.add(index)
            merged.append(entry)
            result.added += 1
    for index, entry in enumerate(gone):
        if index not in used:
            obsolete = _copy(entry)
            obsolete.obsolete = True
            obsolete.occurrences = []
            merged.append(obsolete)
            result.obsoleted += 1
    merged.extend(e for k, e in dead.items() if k not in wanted)
    return result


def _translated(entry: polib.POEntry) -> bool:
    return bool(entry.msgstr or any(entry.msgstr_plural.values()))


def _refresh(entry: polib.POEntry, template: polib.POEntry) -> polib.POEntry:
    """A copy of ``entry`` with the template's references, comments and format flags."""
    fresh = _copy(entry)
    fresh.occurrences = list(template.occurrences)
    fresh.comment = template.comment
    keep = [f for f in entry.flags if f == "fuzzy" or f.startswith("concord-")]
    flags = keep + [f for f in template.flags if f not in keep]
    if sorted(flags) != sorted(entry.flags):
        fresh.flags = flags
    if template.msgid_plural != entry.msgid_plural:
        fresh.msgid_plural = template.msgid_plural
    return fresh


def _new_entry(template: polib.POEntry) -> polib.POEntry:
    entry = polib.POEntry(
        msgid=template.msgid, msgctxt=template.msgctxt, msgstr="",
        occurrences=list(template.occurrences), comment=template.comment,
        flags=[f for f in template.flags if f != "fuzzy"],
    )
    if template.msgid_plural:
        entry.msgid_plural = template.msgid_plural
        entry.msgstr_plural = {0: "", 1: ""}
    return entry


def _copy(entry: polib.POEntry) -> polib.POEntry:
    """A copy sharing only immutable values (a deep copy took most of a large merge)."""
    fresh = object.__new__(type(entry))
    fresh.__dict__.update(entry.__dict__)
    fresh.flags = list(entry.flags)
    fresh.occurrences = list(entry.occurrences)
    fresh.msgstr_plural = dict(entry.msgstr_plural)
    return fresh


class FuzzyFinder:
    """The disappeared message most like a new one, as msgmerge's fuzzy search finds it.

    Up to :data:`BRUTE_FORCE` candidates every one is scored (rapidfuzz, in C). Beyond,
    a word index of the candidates narrows each search to those sharing the query's
    rarest words (within :data:`POSTINGS_BUDGET` postings read), the best
    :data:`RESCORE` by shared words rescored: a message within the
    threshold shares most of its words with the new one. A catalog of 200,000 entries
    where a few thousand messages changed would otherwise cost millions of comparisons.
    """

    BRUTE_FORCE = 2000
    RESCORE = 64
    POSTINGS_BUDGET = 2000

    def __init__(self, masked: list[str], threshold: int) -> None:
        self.masked = masked
        self.threshold = threshold
        self.postings: dict[str, list[int]] | None = None
        if len(masked) > self.BRUTE_FORCE:
            self.postings = {}
            for index, text in enumerate(masked):
                for word in words(text):
                    self.postings.setdefault(word, []).append(index)

    def closest(self, masked: str) -> int | None:
        if not self.masked:
            return None
        if self.postings is None:
            found = process.extractOne(masked, self.masked, scorer=fuzz.ratio, score_cutoff=self.threshold)
            return None if found is None else int(found[2])
        terms = sorted((len(self.postings[w]), w) for w in words(masked) if w in self.postings)
        if not terms:
            return None
        hits: Counter[int] = Counter()
        read = 0
        for taken, (count, word) in enumerate(terms):
            if taken and read + count > self.POSTINGS_BUDGET:
                break  # the rarest words carry the match; common ones only cost
            hits.update(self.postings[word])
            read += count
        candidates = [index for index, _ in hits.most_common(self.RESCORE)]
        found = process.extractOne(masked, [self.masked[i] for i in candidates], scorer=fuzz.ratio,
                                   score_cutoff=self.threshold)
        return None if found is None else candidates[int(found[2])]


def _offer_previous(entry: polib.POEntry, previous: polib.POEntry, result: MergeResult) -> None:
    """Give ``entry`` the old translation as fuzzy, with ``#| msgid`` and a comment."""
    score = fuzzy_score(mask(entry.msgid), mask(previous.msgid))
    notes: list[str] = []
    if entry.msgid_plural and previous.msgid_plural:
        entry.msgstr_plural = {
            n: adapt(text, previous.msgid, entry.msgid).text for n, text in previous.msgstr_plural.items()
        }
    elif not entry.msgid_plural and not previous.msgid_plural:
        adapted = adapt(previous.msgstr, previous.msgid, entry.msgid)
        entry.msgstr = adapted.text
        notes = adaptation_notes(adapted)
    else:
        return
    entry.previous_msgid = previous.msgid
    if previous.msgctxt:
        entry.previous_msgctxt = previous.msgctxt
    if "fuzzy" not in entry.flags:
        entry.flags.insert(0, "fuzzy")
    lines = [f"{score}% match with the previous source", *notes]
    set_concord_comment(entry, "\n".join(comment_line(UPDATE_TAG, line) for line in lines))
    result.fuzzy.append((entry.msgid, previous.msgid, score))


def set_concord_comment(entry: polib.POEntry, text: str) -> None:
    """Replace concord's translator comment on ``entry`` (other comments are kept)."""
    lines = [line for line in (entry.tcomment or "").split("\n")
             if line and not line.startswith((UPDATE_TAG, TM_TAG))]
    entry.tcomment = "\n".join([*lines, text])
