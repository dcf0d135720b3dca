"""What one message contains: the reST inline constructs that must survive translation.

A catalog message is the inline text of one paragraph, title or note. Translators may
reorder words, but some spans carry meaning the reader relies on and must come through
unchanged: footnote and citation references, URLs, inline literals, role targets,
link targets, substitutions, numbers and dates. This module finds them once; the checks
compare them between source and translation, and the translation memory treats them as
*placeables* (they neither lower a match score nor travel from one note to another).

Recognition follows the reStructuredText inline markup rules (start-string preceded by
whitespace or punctuation, end-string followed by whitespace or punctuation) closely
enough for catalog text, without running the docutils parser per message; the checks
that need the real parser (does the translation still parse?) use docutils itself.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Final

# Characters that may precede/follow inline markup (docutils' "start-string prefix").
_BEFORE: Final = r"(?:(?<=^)|(?<=[\s\-:/'\"<(\[{«“‘’”»\u00a0]))"
_AFTER: Final = r"(?=$|[\s\-.,:;!?\\/'\")\]}>»”’“\u00a0])"

#: Kinds of spans, in the order they claim text (earlier kinds win overlaps).
KINDS: Final = (
    "literal", "role", "link", "footnote", "citation", "substitution",
    "named-ref", "url", "email", "date", "number",
)

_PATTERNS: Final[tuple[tuple[str, re.Pattern[str]], ...]] = (
    ("literal", re.compile(_BEFORE + r"``(?P<key>\S(?:.*?\S)?)``" + _AFTER)),
    # :role:`text` or :role:`title <target>`, and `text`:role:
    ("role", re.compile(
        _BEFORE + r":(?P<role>[A-Za-z][\w.+-]*(?::[A-Za-z][\w.+-]*)?):`(?P<body>[^`]+)`"
        + _AFTER
    )),
    ("role", re.compile(_BEFORE + r"`(?P<body>[^`]+)`:(?P<role>[A-Za-z][\w.+-]*):" + _AFTER)),
    # `text <target>`_ , `text <target>`__ , `text`_ , `text`__
    ("link", re.compile(_BEFORE + r"`(?P<body>[^`]+)`(?P<anon>__?)" + _AFTER)),
    ("footnote", re.compile(
        _BEFORE + r"\[(?P<key>#[A-Za-z0-9][\w.:+-]*|#|\*|\d+)\]_" + _AFTER
    )),
    ("citation", re.compile(_BEFORE + r"\[(?P<key>[A-Za-z][\w.:+-]*)\]_" + _AFTER)),
    ("substitution", re.compile(_BEFORE + r"\|(?P<key>\S(?:[^|]*\S)?)\|(?:__?)?" + _AFTER)),
    ("named-ref", re.compile(_BEFORE + r"(?P<key>[A-Za-z0-9](?:[\w.+-]*[A-Za-z0-9])?)__?" + _AFTER)),
    ("url", re.compile(r"(?P<key>\b(?:https?|ftp)://[^\s<>`\"“”«»]+[^\s<>`\"“”«».,;:!?)\]'’])")),
    ("email", re.compile(r"(?P<key>\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b)")),
    ("date", re.compile(
        r"(?P<key>\b(?:\d{1,2}[./]\d{1,2}[./]\d{4}|\d{4}-\d{2}-\d{2})\b)"
    )),
    ("number", re.compile(r"(?P<key>(?<![\w.,])\d+(?:[.,]\d+)*(?![\w]))")),
)

_TARGET_IN_TITLE: Final = re.compile(r"^(?P<title>.*?)\s*<(?P<target>[^<>]+)>$", re.DOTALL)


@dataclass(frozen=True)
class Span:
    """One construct in a message.

    ``key`` is what must be preserved: the label of a reference, the URL of a link,
    the target of a role, the text of a literal. ``text`` is the exact source text.
    """

    kind: str
    text: str
    start: int
    end: int
    key: str
    role: str = ""

    @property
    def is_reference(self) -> bool:
        return self.kind in ("footnote", "citation")


def scan(message: str) -> list[Span]:
    """Every construct of ``message``, in order, without overlaps."""
    taken: list[tuple[int, int]] = []
    spans: list[Span] = []
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(message):
            start, end = match.span()
            if any(s < end and start < e for s, e in taken):
                continue
            span = _make_span(kind, match)
            if span is None:
                continue
            taken.append((start, end))
            spans.append(span)
    spans.sort(key=lambda s: s.start)
    return spans


def _make_span(kind: str, match: re.Match[str]) -> Span | None:
    start, end = match.span()
    text = match.group(0)
    if kind in ("role", "link"):
        body = match.group("body")
        target_match = _TARGET_IN_TITLE.match(body)
        if kind == "link":
            key = target_match.group("target").strip() if target_match else body.strip()
            return Span("link", text, start, end, key)
        role = match.group("role")
        key = target_match.group("target").strip() if target_match else body.strip()
        return Span("role", text, start, end, key.lstrip("!~"), role=role)
    if kind == "named-ref" and text.endswith("_") and _is_plain_word_ending(text):
        return Span(kind, text, start, end, match.group("key"))
    if kind == "named-ref":
        return None
    return Span(kind, text, start, end, match.group("key"))


def _is_plain_word_ending(text: str) -> bool:
    """``word_`` is a reference; ``snake_case`` inside prose is not (no trailing _)."""
    return not text.rstrip("_").endswith("_")


def spans_of(message: str, *kinds: str) -> list[Span]:
    wanted = set(kinds)
    return [s for s in scan(message) if s.kind in wanted]


def references(message: str) -> Counter[str]:
    """Footnote and citation references as a multiset of their written form.

    ``[#]_`` and ``[#label]_``, ``[1]_``, ``[*]_`` and ``[CIT]_`` are all kept apart by
    their label; order is free because languages reorder clauses.
    """
    return Counter(s.text for s in scan(message) if s.is_reference)


def urls(message: str) -> list[str]:
    """Standalone URLs and link targets that look like URLs, in order."""
    found = []
    for span in scan(message):
        if span.kind == "url":
            found.append(span.key)
        elif span.kind == "link" and re.match(r"^(?:https?|ftp|mailto):", span.key):
            found.append(span.key)
    return found


def dates(message: str) -> list[str]:
    return [s.key for s in scan(message) if s.kind == "date"]


def numbers(message: str) -> list[str]:
    return [s.key for s in scan(message) if s.kind == "number"]


#: Spans a translation must carry over verbatim; the TM's placeables.
PLACEABLE_KINDS: Final = frozenset(
    {"literal", "role", "link", "footnote", "citation", "substitution", "url", "email",
     "date", "number"}
)


def placeables(message: str) -> list[Span]:
    """Spans that must travel unchanged from source to translation."""
    return [s for s in scan(message) if s.kind in PLACEABLE_KINDS]
