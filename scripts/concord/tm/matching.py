"""Scoring memory matches like a CAT tool, with placeables that neither cost nor travel.

The score
---------
Both sources are first *masked*: every placeable (footnote and citation references,
URLs, e-mail addresses, numbers, dates, inline literals, roles, link targets and
substitutions, as :func:`concord.rst.placeables` finds them) is replaced by one
private-use character, ``\\ue000``. The score of a memory source ``m`` for a new source
``s`` is then the normalised InDel similarity of the masked texts::

    score(s, m) = 100 * (1 - indel(mask(s), mask(m)) / (len(mask(s)) + len(mask(m))))

where ``indel`` is the number of single-character insertions and deletions that turn
one into the other (``rapidfuzz.fuzz.ratio``). It is rounded down to an integer and
capped at 99 unless the masked texts are equal, then raised to:

* **101** when the raw sources are identical and the unit's context (the catalog
  domain and ``msgctxt``) is the new message's context: the in-context match;
* **100** when the raw sources are identical, or differ only in placeables (a note
  renumbered, another URL or date): the placeables are adapted below.

So two notes that differ only in their label, URL and date score 100, and a note with
one changed word scores what that word costs, never what the URL costs.

Placeable adaptation
--------------------
A memory target was written for the memory source's placeables. Before it is offered,
each placeable of the memory source is paired with the new source's placeable of the
same kind at the same position (the second URL with the second URL), and every
occurrence of it in the target is replaced. A memory placeable without a partner is
removed from the target; a new placeable without a partner is appended, so the
suggestion carries exactly the new source's labels, URLs and dates.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Final

from rapidfuzz import fuzz

from concord.rst import Span, placeables, scan, PLACEABLE_KINDS

#: Stands for one placeable in masked text (Unicode private use area).
PLACEHOLDER: Final = "\ue000"
#: Default fuzzy threshold (percent), and the default lowest score filled as translated.
DEFAULT_THRESHOLD: Final = 75
DEFAULT_TRUSTED: Final = 101
IN_CONTEXT: Final = 101
EXACT: Final = 100



def mask(text: str) -> str:
    """``text`` with each placeable replaced by :data:`PLACEHOLDER`."""
    spans = placeables(text)
    if not spans:
        return text
    parts: list[str] = []
    last = 0
    for span in spans:
        parts.append(text[last:span.start])
        parts.append(PLACEHOLDER)
        last = span.end
    parts.append(text[last:])
    return "".join(parts)


def fuzzy_score(masked_a: str, masked_b: str) -> int:
    """The percentage of the module docstring for two masked texts (0..100)."""
    if masked_a == masked_b:
        return EXACT
    return min(99, int(fuzz.ratio(masked_a, masked_b)))


def score(source: str, context: str, unit_source: str, unit_context: str,
          masked_source: str | None = None, masked_unit: str | None = None) -> int:
    """Score a memory unit against a new source (see the module docstring)."""
    if source == unit_source:
        return IN_CONTEXT if context and context == unit_context else EXACT
    return fuzzy_score(masked_source if masked_source is not None else mask(source),
                       masked_unit if masked_unit is not None else mask(unit_source))


def length_bounds(length: int, threshold: float) -> tuple[int, int]:
    """Masked lengths a unit can have and still reach ``threshold`` percent.

    ratio = 2*LCS / (a + b) <= 2*min(a, b) / (a + b), so b >= a*t/(2-t) and
    b <= a*(2-t)/t for t = threshold/100.
    """
    t = max(min(threshold, 100), 1) / 100
    return math.floor(length * t / (2 - t)), math.ceil(length * (2 - t) / t)


@dataclass(frozen=True)
class Adapted:
    """A memory target with the new source's placeables put in."""

    text: str
    replaced: tuple[tuple[str, str], ...] = ()
    removed: tuple[str, ...] = ()
    added: tuple[str, ...] = ()

    @property
    def changed(self) -> bool:
        return bool(self.replaced or self.removed or self.added)


def adapt(target: str, unit_source: str, new_source: str) -> Adapted:
    """Carry ``new_source``'s placeables into ``target`` (see the module docstring)."""
    old_by_kind = _by_kind(placeables(unit_source))
    new_by_kind = _by_kind(placeables(new_source))
    mapping: dict[tuple[str, str], Span | None] = {}
    added: list[str] = []
    for kind in sorted(set(old_by_kind) | set(new_by_kind)):
        old, new = old_by_kind.get(kind, []), new_by_kind.get(kind, [])
        for index, span in enumerate(old):
            partner = new[index] if index < len(new) else None
            for key in ((kind, "text:" + span.text), (kind, "key:" + span.key)):
                if mapping.get(key) is None:
                    mapping[key] = partner
        added.extend(s.text for s in new[len(old):])
    replaced: list[tuple[str, str]] = []
    removed: list[str] = []
    pieces: list[str] = []
    last = 0
    for span in scan(target):
        family = _kind_family(span.kind)
        if span.kind not in PLACEABLE_KINDS:
            continue
        if (family, "text:" + span.text) in mapping:
            partner = mapping[(family, "text:" + span.text)]
            new_text = partner.text if partner is not None else None
        elif (family, "key:" + span.key) in mapping and span.key:
            partner = mapping[(family, "key:" + span.key)]
            new_text = span.text.replace(span.key, partner.key) if partner is not None else None
        else:
            continue
        if new_text == span.text:
            continue
        prefix = target[last:span.start]
        if new_text is None:
            removed.append(span.text)
            prefix = prefix.rstrip(" ") if target[span.end:span.end + 1] in ("", " ", ".", ",") else prefix
            pieces.append(prefix)
        else:
            replaced.append((span.text, new_text))
            pieces.append(prefix + new_text)
        last = span.end
    pieces.append(target[last:])
    text = "".join(pieces)
    present = {s.text for s in scan(text)}
    missing = [a for a in added if a not in present]
    if missing:
        text = text.rstrip() + " " + " ".join(missing)
    return Adapted(text, tuple(replaced), tuple(removed), tuple(missing))


def _by_kind(spans: list[Span]) -> dict[str, list[Span]]:
    grouped: dict[str, list[Span]] = defaultdict(list)
    for span in spans:
        grouped[_kind_family(span.kind)].append(span)
    return grouped


def _kind_family(kind: str) -> str:
    """Footnotes and citations pair with each other; so do URLs and links."""
    return {"citation": "footnote", "link": "url", "email": "url"}.get(kind, kind)


@dataclass(frozen=True)
class Suggestion:
    """A memory match ready to go into a catalog."""

    score: int
    target: str
    unit_source: str
    origin: str
    translator: str = ""
    adapted: Adapted | None = field(default=None, compare=False)

    def comment(self) -> str:
        """The translator comment that travels with the suggestion.

        One short line per fact, each starting with ``concord-tm:`` so that no catalog
        tool re-wraps it and a later update can replace it without leaving pieces.
        """
        label = {IN_CONTEXT: "in-context match", EXACT: "exact match"}.get(self.score, "fuzzy match")
        lines = [f"{self.score}% {label}", f"from {self.origin or 'the memory'}"]
        if self.translator:
            lines.append(f"by {self.translator}")
        if self.adapted is not None:
            lines += adaptation_notes(self.adapted)
        return "\n".join(comment_line(COMMENT_TAG, line) for line in lines)


#: Prefix of concord's translator comments on suggestions from the memory.
COMMENT_TAG: Final = "concord-tm:"
#: Comment lines stay within this width (GNU gettext wraps comments at 79 columns).
COMMENT_WIDTH: Final = 77


def adaptation_notes(adapted: Adapted) -> list[str]:
    notes = [f"adapted {a} -> {b}" for a, b in adapted.replaced]
    notes += [f"removed {r}" for r in adapted.removed]
    notes += [f"added {a}" for a in adapted.added]
    return notes


def comment_line(tag: str, text: str) -> str:
    """``tag text``, shortened in the middle to fit :data:`COMMENT_WIDTH`."""
    line = f"{tag} {text}"
    if len(line) <= COMMENT_WIDTH:
        return line
    keep = COMMENT_WIDTH - len(tag) - 2
    head = keep // 2
    return f"{tag} {text[:head]}…{text[len(text) - (keep - head):]}"
