"""Unchanged: a long message copied as is is usually a forgotten translation."""

from __future__ import annotations

import re
from collections.abc import Iterable

from concord.checks.base import CatalogContext, MessageCheck, Unit
from concord.checks.script import prose

_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"|«[^»]*»|„[^“”]*[“”]|‘[^’]*’")
_PROSE_WORD = re.compile(r"(?<![\w.])[a-z][a-z'’-]+\b")
MIN_PROSE_WORDS = 4
_CODE = re.compile(r"\s=\s|[\[\]{}]|^\s*(?:>>>|\$|def |class |import |from \S+ import)|\w\(")


class Unchanged(MessageCheck):
    """The translation is the English source, word for word. Names, URLs, code and quoted
    titles are exempt; a sentence of ordinary words is not."""

    id = "unchanged"
    name = "Unchanged"
    description = "a long message left identical to the source"
    family = "unchanged"
    severity = "warning"

    def check_message(self, unit: Unit, ctx: CatalogContext) -> Iterable[str]:
        if unit.target != unit.source:
            return
        text = _QUOTED.sub(" ", prose(unit.source, unit.source_spans))
        if _CODE.search(text):
            return  # code, shown as is in every language
        words = _PROSE_WORD.findall(text)
        if len(words) >= MIN_PROSE_WORDS:
            yield (f"identical to the source ({len(words)} ordinary words): translate it, or "
                   "add the flag concord-ignore-unchanged if it is right as it is")
