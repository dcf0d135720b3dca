"""reST markup: the translation must parse as Sphinx will parse it, with the same links.

Sphinx parses each translation again; when it no longer parses into the node the
source made (a paragraph turned list, an unclosed ``*``), Sphinx silently shows the
English. Links, literals, role targets, substitutions and named references are
machinery, not prose: they must survive translation (link text may be translated).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable

from concord import rst
from concord.checks.base import CatalogContext, MessageCheck, Unit, diff_counts, listing

#: Roles whose text is prose (translated) rather than a target.
PROSE_ROLES = frozenset({
    "dfn", "emphasis", "strong", "sup", "sub", "abbr", "menuselection", "guilabel",
    "title-reference", "title", "t", "i", "subscript", "superscript", "literal", "code",
    "math", "samp", "kbd", "file", "program", "command", "mailheader", "makevar",
    "manpage", "mimetype", "newsgroup", "regexp", "sc", "rst:dir", "rst:role",
})
#: Text that may hold markup or start a block (plain prose skips the parser).
_SUSPECT = re.compile(
    r"[`*|\\]|^\s*(?:[-+*•‣⁃]\s|\d+[.)]\s|#\.\s|\(\w+\)\s|\.\.\s|::|>>>)|::\s*$|\n\s"
    r"|^[=\-~^\"'`#*+<>]{3,}\s*$",
    re.MULTILINE,
)
#: What to do about docutils' complaints, by the start of the complaint.
_ADVICE = (
    ("Literal block expected", "end the sentence with ':' as the source does, or keep its '::'"),
    ("Unexpected indentation", "remove the indentation the source does not have"),
    ("Block quote ends without a blank line", "remove the indentation the source does not have"),
)
_INLINE_ADVICE = "close or escape the inline markup (\\* for a literal asterisk)"


def _signature(text: str) -> tuple[int, ...]:
    return (text.count("`"), text.count("**"), text.count("*"), text.count("|"),
            text.count("\\"), text.count("\n"))


class RstSyntax(MessageCheck):
    """The translation must parse (as Sphinx parses it) into the same kind of node as the
    source, without docutils errors; otherwise Sphinx shows the original text."""

    id = "rst-syntax"
    name = "reST syntax"
    description = "the translation parses like the source, without docutils errors"
    family = "markup"
    rest_only = True

    def check_message(self, unit: Unit, ctx: CatalogContext) -> Iterable[str]:
        if not _SUSPECT.search(unit.source) and not _SUSPECT.search(unit.target):
            return
        shape = rst.block_shape(unit.source)
        same_shape = shape == rst.block_shape(unit.target)
        if same_shape and _signature(unit.source) == _signature(unit.target):
            return  # same block layout, same markup characters: parses alike
        if same_shape and shape.startswith("paragraph"):
            source_errors, target_errors = rst.inline_errors(unit.source), rst.inline_errors(unit.target)
        else:  # the block structure may differ: the whole parser decides
            source, target = rst.parse(unit.source), rst.parse(unit.target)
            if target.kind != source.kind:
                yield (f"the translation parses as a {target.kind} where the source is a "
                       f"{source.kind}; Sphinx will show the original text: remove the markup "
                       "that starts a new block (a list marker, an indented line, '::')")
            source_errors, target_errors = source.errors, target.errors
        new = sorted((Counter(target_errors) - Counter(source_errors)).elements())
        if new:
            advice = next((a for start, a in _ADVICE if new[0].startswith(start)), _INLINE_ADVICE)
            yield f"docutils: {listing(new)}; Sphinx will show the original text: {advice}"


def confirmed(unit: Unit, field: str, keep: Callable[[str], bool] = lambda _: True
              ) -> tuple[list[str], list[str]]:
    """Missing and extra items of ``field`` as docutils itself parses both sides.

    The fast scanner flags a candidate; docutils has the last word, so a finding is
    never an artefact of the scanner.
    """
    source = Counter({k: v for k, v in getattr(rst.parse(unit.source), field).items() if keep(k)})
    target = Counter({k: v for k, v in getattr(rst.parse(unit.target), field).items() if keep(k)})
    return diff_counts(source, target)


def _urls(spans: list[rst.Span]) -> Counter[str]:
    return Counter(s.key for s in spans if s.kind == "url" or (s.kind == "link" and "://" in s.key))


class UrlChanged(MessageCheck):
    """A link must point where the source points: a changed or added URL redirects readers.

    Translate the link text, keep the URL.
    """

    id = "url-changed"
    name = "URL changed"
    description = "the translation's URLs are exactly the source's (none changed or added)"
    family = "markup"

    def check_message(self, unit: Unit, ctx: CatalogContext) -> Iterable[str]:
        if "://" not in unit.source and "://" not in unit.target:
            return
        if ctx.source is not None and unit.source in ctx.source.body_messages:
            return  # a note's body: footnote-body reports it, naming the note
        if _urls(rst.quick(unit.source, "url", "link")) == _urls(rst.quick(unit.target, "url", "link")):
            return
        missing, extra = confirmed(unit, "urls")
        if missing or extra:
            yield (f"URLs differ: missing {listing(missing)}; changed or added "
                   f"{listing(extra)}; keep the source's URLs exactly")


class LiteralChanged(MessageCheck):
    """Inline literals (````code````) are code: copy them unchanged."""

    id = "literal-changed"
    name = "Inline literal changed"
    description = "inline literals are copied unchanged"
    family = "markup"

    def check_message(self, unit: Unit, ctx: CatalogContext) -> Iterable[str]:
        if "``" not in unit.source and "``" not in unit.target:
            return
        source = Counter(s.key for s in rst.quick(unit.source, "literal"))
        target = Counter(s.key for s in rst.quick(unit.target, "literal"))
        if source == target:
            return
        missing, extra = confirmed(unit, "literals")
        if missing or extra:
            yield (f"inline literals differ: missing {listing(f'``{m}``' for m in missing)}; "
                   f"extra {listing(f'``{e}``' for e in extra)}; copy them unchanged")


class RoleTarget(MessageCheck):
    """Cross-reference roles keep their targets; translate the title with
    ``:role:`translated title <target>```."""

    id = "role-target-changed"
    name = "Role target changed"
    description = "cross-reference roles keep their targets"
    family = "markup"
    honours_noqa = True

    def check_message(self, unit: Unit, ctx: CatalogContext) -> Iterable[str]:
        if "`" not in unit.source and "`" not in unit.target:
            return
        if _role_targets(rst.quick(unit.source, "role")) == _role_targets(rst.quick(unit.target, "role")):
            return
        missing, extra = confirmed(unit, "roles", _is_xref)
        if missing or extra:
            yield (f"role targets differ: missing {listing(missing)}; extra {listing(extra)}; "
                   "keep the target, e.g. :ref:`translated title <target>`")


def _is_xref(role: str) -> bool:
    return role.split("`")[0].strip(":") not in PROSE_ROLES


def _role_targets(spans: list[rst.Span]) -> Counter[str]:
    return Counter(f":{s.role}:`{s.key}`" for s in spans
                   if s.kind == "role" and s.role not in PROSE_ROLES)


class ReferenceChanged(MessageCheck):
    """Substitutions (``|name|``) and named references (``name_``, ```Title`_``) are
    resolved by name: keep the name (write ```translated <Name_>`_`` to translate the
    text)."""

    id = "reference-changed"
    name = "Reference changed"
    description = "substitutions and named references are preserved"
    family = "markup"
    honours_noqa = True
    rest_only = True

    def check_message(self, unit: Unit, ctx: CatalogContext) -> Iterable[str]:
        if not _NAME_HINT.search(unit.source) and not _NAME_HINT.search(unit.target):
            return
        if _names(unit.source_spans) == _names(unit.target_spans):
            return
        missing, extra = confirmed(unit, "names")
        if missing or extra:
            yield (f"substitutions or named references differ: missing {listing(missing)}; "
                   f"extra {listing(extra)}; keep the names of the source")


#: Text that may hold a substitution or a named reference (``|x|``, ``name_``, ```T`_``).
_NAME_HINT = re.compile(r"\||\w__?(?:$|[\s.,;:!?)\]'\"’”»])|`__?")


def _names(spans: list[rst.Span]) -> Counter[str]:
    names: Counter[str] = Counter()
    for span in spans:
        if span.kind == "substitution":
            names[f"|{span.key}|"] += 1
        elif span.kind == "named-ref" and not span.text.endswith("__"):
            names[f"`{_norm(span.key)}`_"] += 1
        elif span.kind == "link" and "://" not in span.key:
            embedded = span.text.rstrip("_").endswith(">`")
            if embedded and span.key.endswith("_"):  # `translated <Name_>`_
                names[f"`{_norm(span.key[:-1])}`_"] += 1
            elif embedded:  # `text <relative/uri>`_: the target counts
                names[f"<{span.key}>"] += 1
            elif not span.text.endswith("__"):  # `Title`_ ; anonymous `Title`__ is free
                names[f"`{_norm(span.key)}`_"] += 1
    return names


def _norm(name: str) -> str:
    """docutils' reference name normalisation: case and whitespace do not count."""
    return " ".join(name.lower().split())
