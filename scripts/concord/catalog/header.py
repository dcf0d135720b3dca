"""The header entry and whole-catalog rules: Content-Type, Plural-Forms, duplicates.

What GNU ``msgfmt --check`` refuses, refused here with the line and what to do.
"""

from __future__ import annotations

import functools
import re

from concord.catalog.model import Catalog, Entry
from concord.errors import CatalogError

_PLURAL_FORMS = re.compile(r"^\s*nplurals\s*=\s*(\d+)\s*;\s*plural\s*=\s*(.+?)\s*;?\s*$")
_PLURAL_EXPR = re.compile(r"^[n0-9\s()?:<>=!&|%+\-*/]+$")
_HEADER_LINE = re.compile(r"^[A-Za-z][\w-]*:")


def _line_of(text: str, needle: str, default: int) -> int:
    """The 1-based line where ``needle`` first occurs in ``text`` (``default`` if absent)."""
    at = text.find(needle)
    return text.count("\n", 0, at) + 1 if at >= 0 else default


def _header(entry: Entry, shown: str, text: str) -> dict[str, str]:
    header: dict[str, str] = {}
    for field_line in entry.msgstr.split("\n"):
        if not field_line.strip():
            continue
        if not _HEADER_LINE.match(field_line):
            raise CatalogError(
                f"broken header field {field_line[:40]!r}: each header line is "
                '"Name: value\\n"; fix it or copy the header of another catalog',
                path=shown, line=_line_of(text, '"' + field_line[:20], entry.line))
        name, _, value = field_line.partition(":")
        header[name.strip()] = value.strip()
    content_type = header.get("Content-Type")
    if content_type is None:
        raise CatalogError(
            "the header has no Content-Type; add "
            '"Content-Type: text/plain; charset=UTF-8\\n" to it', path=shown, line=entry.line)
    charset = re.search(r"charset=([\w.-]+)", content_type)
    if charset is None or charset.group(1).lower().replace("-", "") not in ("utf8", "ascii", "usascii", "charset"):
        value = charset.group(1) if charset else content_type
        raise CatalogError(
            f"the header declares charset {value!r}; concord reads UTF-8 only: convert the "
            "file and declare charset=UTF-8", path=shown, line=entry.line)
    return header


def _plural_forms(catalog: Catalog, header_line: int) -> int | None:
    spec = catalog.header.get("Plural-Forms")
    plural_entries = [e for e in catalog.entries if e.msgid_plural is not None and not e.obsolete]
    shown = catalog.path
    if spec is None:
        if plural_entries:
            raise CatalogError(
                "the catalog has plural messages but its header has no Plural-Forms; add "
                "the language's line, e.g. \"Plural-Forms: nplurals=2; plural=(n != 1);\\n\"",
                path=shown, line=header_line)
        return None
    match = _PLURAL_FORMS.match(spec)
    if match is None or not _PLURAL_EXPR.match(match.group(2)):
        raise CatalogError(
            f"Plural-Forms {spec!r} is malformed; write it as "
            "\"nplurals=N; plural=EXPRESSION;\" (see the gettext manual's table)",
            path=shown, line=header_line)
    nplurals = int(match.group(1))
    expr = match.group(2)
    try:
        values = _plural_values(expr)
    except Exception as err:
        raise CatalogError(
            f"Plural-Forms expression {expr!r} cannot be evaluated ({err}); copy the line "
            "for this language from the gettext manual", path=shown, line=header_line) from err
    if nplurals < 1 or not values <= set(range(nplurals)):
        raise CatalogError(
            f"Plural-Forms declares nplurals={nplurals} but its expression selects form "
            f"{max(values)}; copy the language's Plural-Forms line from the gettext manual "
            "(or another catalog of this language)", path=shown, line=header_line)
    for entry in plural_entries:
        if len(entry.msgstr_plural) > nplurals:
            raise CatalogError(
                f"the entry has {len(entry.msgstr_plural)} plural forms but the header says "
                f"nplurals={nplurals}; fix the Plural-Forms header or remove the extra "
                "msgstr[N]", path=shown, line=entry.line)
    return nplurals


@functools.lru_cache(maxsize=64)
def _plural_values(expr: str) -> frozenset[int]:
    """The forms a C plural expression selects for n = 0..1000 (validated characters only)."""
    py = expr.replace("&&", " and ").replace("||", " or ").replace("/", "//")
    py = re.sub(r"!(?!=)", " not ", py)
    code = compile(_ternary(py), "<Plural-Forms>", "eval")
    return frozenset(int(eval(code, {"__builtins__": {}}, {"n": n})) for n in range(1001))


def _ternary(expr: str) -> str:
    """Rewrite C's ``a ? b : c`` (right-associative) into Python's ``(b if a else c)``."""
    depth, question = 0, -1
    for i, char in enumerate(expr):
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "?" and depth == 0 and question < 0:
            question = i
        elif char == ":" and depth == 0 and question >= 0:
            nested = expr[question + 1:i].count("?")
            if nested == expr[question + 1:i].count(":"):
                cond, then, other = expr[:question], expr[question + 1:i], expr[i + 1:]
                return f"(({_ternary(then)}) if ({_ternary(cond)}) else ({_ternary(other)}))"
    if question < 0 and expr.strip().startswith("(") and expr.strip().endswith(")"):
        inner = expr.strip()[1:-1]
        if _balanced(inner):
            return "(" + _ternary(inner) + ")"
    return expr


def _balanced(text: str) -> bool:
    depth = 0
    for char in text:
        depth += (char == "(") - (char == ")")
        if depth < 0:
            return False
    return depth == 0


def _duplicates(catalog: Catalog) -> None:
    seen: dict[tuple[str | None, str], int] = {}
    for entry in catalog.entries:
        if entry.obsolete:
            continue
        key = (entry.msgctxt, entry.msgid)
        first = seen.setdefault(key, entry.line)
        if first != entry.line:
            raise CatalogError(
                f"duplicate message {entry.msgid[:40]!r} (first at line {first}); merge the "
                "two entries into one (`msguniq` does it)", path=catalog.path, line=entry.line)
