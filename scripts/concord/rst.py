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
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Final

from docutils.nodes import unescape
from docutils.utils import escape2null, punctuation_chars

# The characters that may precede and follow inline markup, taken from docutils itself
# (``Inliner.init_customizations``) so that a reference docutils sees is one we see.
_BEFORE: Final = (
    r"(?:(?<=^)|(?<=[\s%s%s]))" % (punctuation_chars.openers, punctuation_chars.delimiters)
)
_AFTER: Final = r"(?=$|[\s%s%s%s])" % (
    punctuation_chars.closing_delimiters, punctuation_chars.delimiters, punctuation_chars.closers
)

#: Kinds of spans, in the order they claim text (earlier kinds win overlaps).
KINDS: Final = (
    "literal", "role", "link", "footnote", "citation", "substitution",
    "named-ref", "url", "email", "date", "number",
)

_BEFORE_CHAR: Final = re.compile(r"[\s%s%s]" % (punctuation_chars.openers, punctuation_chars.delimiters))


class _Bounded:
    """A pattern that must start where inline markup may start (docutils' rule), found fast.

    The lookbehind of the rule, tried at every position, made the scan several times
    slower; instead the pattern runs without it and each match's preceding character is
    checked. When every match passes, the matches are exactly those of the full pattern
    (leftmost, same extent); otherwise the full pattern decides.
    """

    __slots__ = ("fast", "full")

    def __init__(self, body: str) -> None:
        self.fast = re.compile(body)
        self.full = re.compile(_BEFORE + body)

    def finditer(self, text: str) -> list[re.Match[str]]:
        found = list(self.fast.finditer(text))
        for match in found:
            start = match.start()
            if start and not _may_precede(text[start - 1]):
                return list(self.full.finditer(text))
        return found


_PRECEDES: dict[str, bool] = {}


def may_precede(char: str) -> bool:
    """May inline markup start after ``char`` (whitespace or punctuation, docutils' rule)?"""
    return _may_precede(char)


def _may_precede(char: str) -> bool:
    """``_BEFORE_CHAR`` for one character, remembered (the regex call cost more than
    the test)."""
    known = _PRECEDES.get(char)
    if known is None:
        known = _PRECEDES[char] = _BEFORE_CHAR.match(char) is not None
    return known


_PATTERNS: Final[tuple[tuple[str, _Bounded | re.Pattern[str]], ...]] = (
    ("literal", _Bounded(r"``(?P<key>\S(?:.*?\S)?)``" + _AFTER)),
    # :role:`text` or :role:`title <target>`, and `text`:role:
    ("role", _Bounded(
        r":(?P<role>[A-Za-z][\w.+-]*(?::[A-Za-z][\w.+-]*)?):`(?P<body>[^`]+)`"
        + _AFTER
    )),
    ("role", _Bounded(r"`(?P<body>[^`]+)`:(?P<role>[A-Za-z][\w.+-]*):" + _AFTER)),
    # `text <target>`_ , `text <target>`__ , `text`_ , `text`__
    ("link", _Bounded(r"`(?P<body>[^`]+)`(?P<anon>__?)" + _AFTER)),
    ("footnote", _Bounded(
        r"\[(?P<key>#[A-Za-z0-9][\w.:+-]*|#|\*|\d+)\]_" + _AFTER
    )),
    ("citation", _Bounded(r"\[(?P<key>[A-Za-z][\w.:+-]*)\]_" + _AFTER)),
    ("substitution", _Bounded(r"\|(?P<key>\S(?:[^|]*\S)?)\|(?:__?)?" + _AFTER)),
    ("named-ref", re.compile(_BEFORE + r"(?P<key>[A-Za-z0-9](?:[\w.+-]*[A-Za-z0-9])?)__?" + _AFTER)),
    # a bare URL is ASCII URI text, as docutils reads it: CJK or other text glued after it
    # is not part of it (nor is a letter like "ñ", where docutils ends the link)
    ("url", re.compile(r"(?P<key>(?<![A-Za-z0-9])(?:https?|ftp)://[-_.!~*'()\[\];/:@&=+$,%#?a-zA-Z0-9]*[-_~/=&%#+a-zA-Z0-9])")),
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


#: A kind's pattern can only match when the message holds this text (a cheap pre-test
#: that keeps scanning plain prose fast); None means "holds a digit".
_TRIGGERS: Final[dict[str, str | None]] = {
    "literal": "``", "role": "`", "link": "`", "footnote": "]_", "citation": "]_",
    "substitution": "|", "named-ref": "_", "url": "://", "email": "@",
    "date": None, "number": None,
}
_DIGIT: Final = re.compile(r"\d")


#: The patterns up to the named references: kinds claim text in this order, so the spans
#: of these kinds are the same whether the later ones (URLs, numbers ...) run or not.
_UP_TO_NAMES: Final = _PATTERNS[:[k for k, _ in _PATTERNS].index("named-ref") + 1]


def scan(message: str, *, names_only: bool = False) -> list[Span]:
    """Every construct of ``message``, in order, without overlaps; ``names_only``: only
    the kinds up to ``named-ref`` (the same spans of those kinds, found faster)."""
    taken: list[tuple[int, int]] = []
    spans: list[Span] = []
    has_digit = _DIGIT.search(message) is not None
    for kind, pattern in _UP_TO_NAMES if names_only else _PATTERNS:
        trigger = _TRIGGERS[kind]
        if (trigger is None and not has_digit) or (trigger is not None and trigger not in message):
            continue
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


def quick(message: str, *kinds: str) -> list[Span]:
    """Spans of the given kinds only, each kind's pattern run on its own (no overlap
    resolution with other kinds): a cheap first look that a check confirms with
    :func:`parse` when source and translation differ."""
    found = []
    for kind, pattern in _PATTERNS:
        if kind in kinds and (_TRIGGERS[kind] or "") in message:
            for match in pattern.finditer(message):
                span = _make_span(kind, match)
                if span is not None:
                    found.append(span)
    return found


_LITERAL_PATTERNS: Final = tuple(p for k, p in _PATTERNS if k == "literal")
_ROLE_PATTERNS: Final = tuple(p for k, p in _PATTERNS if k == "role")


def quick_literals(message: str) -> list[str]:
    """The keys of ``quick(message, "literal")``, without making spans (a hot path:
    every message with a literal)."""
    if "``" not in message:
        return []
    return [m.group("key") for pattern in _LITERAL_PATTERNS for m in pattern.finditer(message)]


def quick_roles(message: str) -> list[tuple[str, str, str]]:
    """``(role, key, text)`` of each span of ``quick(message, "role")``, in the same
    order, without making spans."""
    if "`" not in message:
        return []
    found = []
    # the first pattern needs ':`' (a role before its text), the second '`:' (after it)
    for pattern, needs in zip(_ROLE_PATTERNS, (":`", "`:")):
        if needs not in message:
            continue
        for match in pattern.finditer(message):
            body = match.group("body")
            target_match = _TARGET_IN_TITLE.match(body) if "<" in body else None
            key = target_match.group("target").strip() if target_match else body.strip()
            found.append((match.group("role"), key.lstrip("!~"), match.group(0)))
    return found


def quick_role_texts(message: str) -> list[str]:
    """The written text of each span of ``quick(message, "role")``: two messages whose
    lists hold the same texts hold the same roles (no need to take them apart)."""
    if "`" not in message:
        return []
    return [m.group(0) for pattern, needs in zip(_ROLE_PATTERNS, (":`", "`:"))
            if needs in message for m in pattern.finditer(message)]


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


# --- The real parser: docutils' own reading of a message ----------------------------------

_ROLE_NAME: Final = re.compile(r":([A-Za-z][\w.+-]*(?::[A-Za-z][\w.+-]*)?):`")


@dataclass(frozen=True)
class Parsed:
    """A message as docutils parses it (as Sphinx will, for the inline level).

    ``kind`` is the first block node (``paragraph`` for ordinary text); ``errors`` are
    docutils' complaints (level WARNING and above); the counters hold what the checks
    compare: footnote/citation references by written form, inline literals, role
    targets (``:role:`target```), URLs, and names (substitutions, named references,
    embedded relative targets).
    """

    kind: str
    errors: tuple[str, ...]
    references: Counter[str]
    literals: Counter[str]
    roles: Counter[str]
    urls: Counter[str]
    names: Counter[str]
    #: Top-level blocks the text makes (Sphinx keeps only the first of a translation).
    blocks: int = 1
    #: Texts shown in another inline style: roles, emphasis, strong, title references.
    styled: Counter[str] = field(default_factory=Counter)


def _generic_role(name, rawtext, text, lineno, inliner, options=None, content=None):  # type: ignore[no-untyped-def]
    """Stand-in for Sphinx's roles: keeps the role name and its target."""
    from docutils import nodes

    node = nodes.inline(rawtext, text, classes=["concord-role"])
    node["concord_role"] = _role_key(name, text)
    return [node], []


def _role_key(name: str, text: str) -> str:
    """``:role:`target``` of a role as :func:`_generic_role` is called with it.

    docutils looks roles up case-insensitively (:RFC: is :rfc:); '~' only shortens the
    title; '!' makes no link (Sphinx's XRefRole) and is kept.
    """
    match = _TARGET_IN_TITLE.match(text)
    target = match.group("target") if match else text
    target = " ".join(target.lstrip("~").split())
    if target.startswith("!"):
        target = "!" + target[1:].lstrip()
    return f":{name.lower()}:`{target}`"


@lru_cache(maxsize=8192)
def parse(text: str) -> Parsed:
    """Parse ``text`` with docutils (no transforms, Sphinx roles accepted as generic).

    Text that can only be one paragraph goes through the inline parser alone (what a
    paragraph's text goes through, six times faster); anything else through the whole
    reST parser.
    """
    from docutils import nodes

    blocks = 1
    if block_shape(text) in ("paragraph", "paragraph::"):
        root, messages = _inline(text)
        kind = "paragraph"
    else:
        # Sphinx's Locale transform: a text ending in '::' gets a dummy literal block
        # (so no "Literal block expected"), dropped again with everything after the
        # first block (``patch = doc[0]``)
        dummy = text.strip().endswith("::")
        root = _block(text + "\n\n   dummy literal" if dummy else text)
        messages = list(root.findall(nodes.system_message))
        top = [c for c in root.children if not isinstance(c, nodes.system_message)]
        kind = top[0].tagname if top else "nothing"
        blocks = len(top) - (1 if dummy and len(top) > 1 else 0)
    errors = tuple(
        re.sub(r"\s+", " ", m.children[0].astext() if m.children else "").strip().rstrip(".")
        for m in messages if m["level"] >= 2
    )
    refs: Counter[str] = Counter()
    literals: Counter[str] = Counter()
    role_targets: Counter[str] = Counter()
    links: Counter[str] = Counter()
    names: Counter[str] = Counter()
    styled: Counter[str] = Counter()
    for node in root.findall(nodes.Element):
        if isinstance(node, nodes.footnote_reference):
            auto = node.get("auto")
            label = node.get("refname", "")
            refs["[*]_" if auto == "*" else f"[#{label}]_" if auto else f"[{label}]_"] += 1
        elif isinstance(node, nodes.citation_reference):
            refs[f"[{node.get('refname', '')}]_"] += 1
        elif isinstance(node, nodes.literal) and node.rawsource.startswith("``"):
            literals[node.astext()] += 1
        elif "concord_role" in node.attributes:
            role_targets[node["concord_role"]] += 1
            styled[node.astext()] += 1
        elif isinstance(node, (nodes.emphasis, nodes.strong, nodes.title_reference, nodes.literal)):
            styled[node.astext()] += 1
        elif isinstance(node, nodes.substitution_reference):
            names[f"|{node.get('refname', '')}|"] += 1
        elif isinstance(node, nodes.reference):
            uri = node.get("refuri", "")
            if "://" in uri:
                links[uri] += 1
            elif uri and not uri.startswith("mailto:"):
                names[f"<{uri}>"] += 1
            elif node.get("refname"):
                names[f"`{node['refname']}`_"] += 1
    return Parsed(kind, errors, refs, literals, role_targets, links, names, blocks, styled)


def _block(text: str):  # type: ignore[no-untyped-def]
    from docutils.utils import new_document

    _register_roles(text)
    document = new_document("<message>", _settings())
    _parser().parse(text, document)
    return document


def _inline(text: str):  # type: ignore[no-untyped-def]
    """The inline nodes of ``text`` under one paragraph, and docutils' messages."""
    from docutils import nodes
    from docutils.parsers.rst import states
    from docutils.utils import new_document

    _register_roles(text)
    document = new_document("<message>", _settings())
    inliner = _inliner()
    memo = states.Struct(document=document, reporter=document.reporter,
                         language=_language(), title_styles=[], section_level=0,
                         section_bubble_up_kludge=False, inliner=inliner)
    children, messages = inliner.parse(text, 1, memo, document)
    paragraph = nodes.paragraph(text, "", *children)
    return paragraph, messages


@lru_cache(maxsize=1)
def _parser():  # type: ignore[no-untyped-def]
    from docutils.parsers.rst import Parser

    return Parser()


@lru_cache(maxsize=1)
def _settings():  # type: ignore[no-untyped-def]
    import io

    from docutils.frontend import get_default_settings
    from docutils.parsers.rst import Parser

    settings = get_default_settings(Parser)
    settings.report_level = 5
    settings.halt_level = 5
    settings.warning_stream = io.StringIO()
    return settings


# --- Cheap structure, and inline-only parsing ------------------------------------------

#: A first line that starts a block other than a paragraph (list, field, directive,
#: doctest, line block, table border, section adornment).
_BLOCK_START: Final = re.compile(
    r"^(?:[-+*•‣⁃](?:\s|$)|\(?(?:\d+|[a-zA-Z]|#|[ivxlcdmIVXLCDM]+)[.)]\s|\.\.(?:\s|$)|>>>|\|\s|"
    r":[^:\s][^:]*:(?:\s|$)|[-=`:'\"~^_*+#<>]{3,}\s*$|\+[-=+]+\+|--?\w)"
)


def block_shape(text: str) -> str:
    """``paragraph`` (or ``paragraph::`` when it ends with ``::``) when ``text`` can only
    parse as one paragraph; otherwise a description of its layout (first-line marker,
    blank and indented lines, ``::`` endings) that two texts share when docutils reads
    their blocks alike."""
    first, _, rest = text.partition("\n")
    if not first.strip() or first[:1] in " \t" or _BLOCK_START.match(first):
        return "block:" + first.strip()[:3] + ":" + _layout(text)
    if rest and any(not line.strip() or line[:1] in " \t" for line in rest.split("\n")):
        return "lines:" + _layout(text)
    return "paragraph::" if text.rstrip().endswith("::") else "paragraph"


def _layout(text: str) -> str:
    """b(lank), p(lain) or the indentation width per line, ``::`` endings marked, runs
    collapsed (docutils only sees spaces and tabs as indentation, not NBSP)."""
    kinds: list[str] = []
    for line in text.split("\n"):
        if not line.strip():
            kind = "b"
        else:
            width = len(line) - len(line.lstrip(" \t"))
            kind = (f"i{width}" if width else "p") + ("::" if line.rstrip().endswith("::") else "")
        if not kinds or kinds[-1] != kind:
            kinds.append(kind)
    return ",".join(kinds)


#: Start-strings of inline objects, and the name of the pattern of their end-string.
_ENDS: Final = {"*": "emphasis", "**": "strong", "``": "literal", "_`": "target",
                "|": "substitution_ref"}


@dataclass(frozen=True)
class InlineMarkup:
    """What the markup checks compare, as :func:`parse` counts it: inline literals, role
    targets (``:role:`target```) and texts in another inline style."""

    literals: Counter[str]
    roles: Counter[str]
    styled: Counter[str]


def inline_clean(text: str) -> bool:
    """True when docutils' inline parse of ``text`` surely reports nothing (see
    :func:`_walk`): a third of the cost of a parse."""
    return _walk(text, None)


@lru_cache(maxsize=8192)
def inline_markup(text: str) -> InlineMarkup:
    """:func:`parse`'s literals, roles and styled texts of ``text``, without docutils'
    nodes when the text is one paragraph that the inline loop reads without a message."""
    if block_shape(text) in ("paragraph", "paragraph::"):
        found = InlineMarkup(Counter(), Counter(), Counter())
        if _walk(text, found):
            return found
    parsed = parse(text)
    return InlineMarkup(parsed.literals, parsed.roles, parsed.styled)


def _walk(text: str, found: InlineMarkup | None) -> bool:
    """The loop of ``Inliner.parse`` with its own patterns, building no nodes.

    A start-string without its end-string, two roles, a role with a reference suffix,
    or a role that is not the generic stand-in (docutils' own roles, the default role)
    make it answer False, where docutils may report something and :func:`parse` must
    decide. Otherwise True, with what the nodes would hold added to ``found``.
    """
    inliner, remaining = _inliner(), escape2null(text)
    patterns = inliner.patterns
    _register_roles(text)
    while remaining:
        match = patterns.initial.search(remaining)
        if match is None:
            return True
        groups = match.groupdict()
        key = groups["start"] or groups["backquote"] or groups["refend"] or groups["fnend"]
        if key in _ENDS:
            start, end = match.start("start"), match.end("start")
            if inliner.quoted_start(match):
                remaining = remaining[end:]
                continue
            endmatch = getattr(patterns, _ENDS[key]).search(remaining[end:])
            if not (endmatch and endmatch.start(1)):
                return False
            if found is not None and key in ("``", "*", "**"):
                inner = endmatch.string[:endmatch.start(1)]
                shown = unescape(unescape(inner, True)) if key == "``" else unescape(inner)
                (found.literals if key == "``" else found.styled)[shown] += 1
            remaining = remaining[end + endmatch.end(1):]
        elif key == "`":
            rest = _interpreted_rest(inliner, match, found)
            if rest is None:
                return False
            remaining = rest
        else:  # footnote, citation and named references: never a message
            remaining = remaining[match.end("whole"):]
    return True


def _interpreted_rest(inliner, match: re.Match[str], found: InlineMarkup | None) -> str | None:  # type: ignore[no-untyped-def]
    """What ``Inliner.interpreted_or_phrase_ref`` leaves to parse, or None where it may
    report something."""
    roles = _docutils_roles()
    string, start, end = match.string, match.start("backquote"), match.end("backquote")
    role = match.group("role")
    if role:
        role = role[1:-1]
    elif inliner.quoted_start(match):
        return string[end:]
    endmatch = inliner.patterns.interpreted_or_phrase_ref.search(string[end:])
    if not (endmatch and endmatch.start(1)):
        return None
    textend = end + endmatch.end()
    if endmatch.group("role"):
        if role:
            return None
        role = endmatch.group("suffix")[1:-1]
    escaped = endmatch.string[:endmatch.start(1)]
    if unescape(string[start:textend], True)[-1:] == "_":
        if role:
            return None
        embedded = inliner.patterns.embedded_link.search(escaped)
        return string[textend:] if embedded is None or embedded.group(2) else None
    if not role or roles._roles.get(role.lower()) is not _generic_role:
        return None
    if found is not None:  # what the node _generic_role makes would hold
        found.roles[_role_key(role, escaped)] += 1
        found.styled[unescape(escaped)] += 1
    return string[textend:]


@lru_cache(maxsize=8192)
def inline_errors(text: str) -> tuple[str, ...]:
    """docutils' complaints about the inline markup of ``text`` read as one paragraph."""
    _, messages = _inline(text)
    return tuple(
        re.sub(r"\s+", " ", m.children[0].astext() if m.children else "").strip().rstrip(".")
        for m in messages if m["level"] >= 2
    )


def _register_roles(text: str) -> None:
    """Stand in for every role that is not plain docutils' own.

    Sphinx's roles (registered globally once any Sphinx application ran in this
    process) need a Sphinx environment; outside one, each becomes the generic role.
    """
    roles = _docutils_roles()
    for name in _ROLE_NAME.findall(text):
        name = name.lower()  # docutils' own lookup key
        current = roles._roles.get(name) or roles._role_registry.get(name)
        if current is None or not getattr(current, "__module__", "").startswith("docutils"):
            if current is not _generic_role:
                roles.register_local_role(name, _generic_role)


def warm() -> None:
    """Build docutils' inliner, parser and settings now: a process about to fork its
    workers does it once for all of them instead of once in each."""
    _inliner()
    _parser()
    _language()
    _docutils_roles()


@lru_cache(maxsize=1)
def _docutils_roles():  # type: ignore[no-untyped-def]
    """docutils' role registry, imported on first use (the parser is not needed to
    scan)."""
    from docutils.parsers.rst import roles

    return roles


@lru_cache(maxsize=1)
def _inliner():  # type: ignore[no-untyped-def]
    from docutils.parsers.rst import states

    inliner = states.Inliner()
    inliner.init_customizations(_settings())
    return inliner


@lru_cache(maxsize=1)
def _language():  # type: ignore[no-untyped-def]
    from docutils.parsers.rst.languages import get_language

    return get_language("en")


def _quick_urls(text: str) -> Counter[str]:
    return Counter(s.key for s in quick(text, "url", "link") if s.kind == "url" or "://" in s.key)


def urls_equal(source: str, target: str) -> bool:
    """The fast scanner sees the same URLs on both sides (no need to ask docutils)."""
    return _quick_urls(source) == _quick_urls(target)
