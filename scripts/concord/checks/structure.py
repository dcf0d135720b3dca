"""reST structure: the translation must parse the way Sphinx parses it, as one paragraph.

Sphinx's Locale transform parses each translation as a document of its own and keeps
it only when the first node is a paragraph (a title, for a title): a translation that
starts with a space (a block quote), with ``2. `` (a list), ``- `` or an indented
second line is thrown away and the reader gets the original. A translation that makes
several blocks keeps only its first. A trailing ``::`` is fine: Sphinx appends a dummy
literal block and drops it. Messages with a line break in their msgid are literal
blocks (Sphinx wraps their translation in ``::``): their markup is not read.

Inline markup that fails (an unclosed ``*``, a role without its closing backquote) is
not thrown away: Sphinx shows the translation with the broken characters as they are
and logs a warning.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from concord import rst
from concord.checks.base import CatalogContext, MessageCheck, Unit, listing

#: Characters of inline markup that can fail (unclosed emphasis, literal, role, substitution).
_INLINE = re.compile(r"[`*|]")
#: Why a translation starts another block, by the node docutils made.
_WHY = {
    "block_quote": "it starts with a space, which reST reads as a block quote: remove the leading space",
    "enumerated_list": "it starts like a numbered list item ('2. ', 'a) '): escape the marker "
                       "as '2\\. ' or reword the start",
    "bullet_list": "it starts like a bullet list item ('- ', '* '): escape the marker as '\\- ' "
                   "or reword the start",
    "definition_list": "a line break followed by an indented line makes a definition list: "
                       "remove the line break or the indentation",
    "field_list": "it starts like a field (':name: '): remove the space after the role name "
                  "or escape the first colon",
}
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
#: An emphasis docutils cannot misread: after a space, an opening bracket or the start,
#: words inside with no other markup character, before a space, punctuation or the end.
#: Translators add them freely (``*cookie*``); they are set aside before the markup
#: characters of source and translation are compared.
_PLAIN_EMPHASIS = re.compile(r"(?:(?<=[\s(])|^)\*\w[^*`|\\_]*?(?<=\w)\*(?=[\s.,;:!?)]|$)")
_INLINE_ADVICE = "close or escape the inline markup (\\* for a literal asterisk)"


def _signature(text: str) -> tuple[int, ...]:
    return (text.count("`"), text.count("**"), text.count("*"), text.count("|"), text.count("\\"))


def _read_as_paragraph(unit: Unit, source: rst.Parsed, ctx: CatalogContext) -> bool:
    """Does Sphinx need this translation to parse as a paragraph?

    With the English source known, every message but a title's does (a paragraph whose
    text starts with '1. ' too: its translation then reads as a list and Sphinx shows the
    English). A title's translation gets an underline and is read as a title. From a
    catalog alone a title is told from a paragraph by :func:`_paragraph_text`; a source
    that reads the same way as its translation and could be a title ('1. Introduction')
    is given the benefit of the doubt.
    """
    if ctx.source is not None and unit.source in ctx.source.messages:
        return unit.source not in ctx.source.titles
    if source.kind == "paragraph" or rst.parse(unit.target).kind != source.kind:
        return True
    # read alike as a list: the original Sphinx falls back to differs from the
    # translation only if the translation says something else. (A document's msgid never
    # starts with a space: one that reads as a block quote is no document's.)
    return source.kind in _LISTS and unit.target != unit.source and _paragraph_text(unit.source)


_LISTS = ("enumerated_list", "bullet_list")


def _paragraph_text(text: str) -> bool:
    """Is a message that reads alone as a list ('1. Provides ...') a paragraph in its
    document rather than a title? Sphinx extracts no list as one message: such a
    message is a paragraph whose second line was not indented (docutils then reads no
    list) or a numbered title. A title does not end a sentence and is short."""
    return text.rstrip().endswith((".", ":", ";")) or len(text) > PARAGRAPH_LENGTH


#: Longer than any title: a message of this many characters is a paragraph.
PARAGRAPH_LENGTH = 100


class RstSyntax(MessageCheck):
    """The translation must parse as Sphinx parses it: one paragraph, without docutils
    errors the source does not have. Otherwise Sphinx shows the original (a block that
    is not a paragraph), drops the text after the first block, or shows the broken
    markup characters as they are."""

    id = "rst-syntax"
    name = "reST syntax"
    description = "the translation parses as one paragraph, without new docutils errors"
    family = "markup"
    rest_only = True

    def check_message(self, unit: Unit, ctx: CatalogContext) -> Iterable[str]:
        if "\n" in unit.source:
            return  # a literal block: Sphinx wraps the translation in '::'
        if rst.block_shape(unit.target) in ("paragraph", "paragraph::"):
            # one paragraph for sure: only inline markup can fail
            if not _INLINE.search(unit.target) or _signature(unit.source) == _signature(unit.target):
                return
            if "*" in unit.target and _signature(_PLAIN_EMPHASIS.sub("", unit.source)) \
                    == _signature(_PLAIN_EMPHASIS.sub("", unit.target)):
                return  # only plain emphasis added or dropped
            if rst.inline_clean(unit.target):
                return  # docutils would report nothing: no need to build its nodes
        target = rst.parse(unit.target)
        if target.kind == "paragraph" and not target.errors:
            return  # nothing new can come from the source: docutils need not read it
        source = rst.parse(unit.source)
        if target.kind != "paragraph" and _read_as_paragraph(unit, source, ctx):
            why = _WHY.get(target.kind, "remove the markup that starts a new block")
            kind = target.kind.replace("_", " ")
            alike = (" (the source starts the same way, but in its document it is a paragraph, "
                     "its line breaks keep docutils from reading a list)") if source.kind == target.kind else ""
            yield (f"the translation parses as {'an' if kind[0] in 'aeiou' else 'a'} {kind}, not a paragraph"
                   f"{alike}; Sphinx discards it and shows the original text: {why}")
            return
        new = sorted((Counter(target.errors) - Counter(source.errors)).elements())
        if new:
            yield (f"docutils: {listing(new)}; Sphinx shows the translation with the broken markup "
                   f"as plain characters and logs a warning: {_INLINE_ADVICE}")


class ExtraBlock(MessageCheck):
    """The translation makes more than one block (a blank line inside it): Sphinx keeps
    the first and drops the rest without a word. Often the rest is a machine-translation
    credit line, so the page is right and only the catalog needs cleaning; when it is
    part of the translation, readers lose it."""

    id = "rst-extra-block"
    name = "Extra block dropped"
    description = "the translation has a second block, which Sphinx silently drops"
    family = "markup"
    severity = "warning"
    target_needs = ("\n",)
    rest_only = True

    def check_message(self, unit: Unit, ctx: CatalogContext) -> Iterable[str]:
        if "\n" in unit.source or "\n" not in unit.target or not _BLANK_LINE.search(unit.target):
            return
        source, target = rst.parse(unit.source), rst.parse(unit.target)
        if target.kind == "paragraph" and target.blocks > source.blocks:
            yield (f"the translation parses as {target.blocks} blocks; Sphinx shows only the first "
                   "and drops the rest: remove the blank line (and any credit line after it)")
