"""The header entry and whole-catalog rules: charset, Plural-Forms, duplicates.

What GNU ``msgfmt --check`` (gettext 0.21) refuses is refused here, at the line msgfmt
names, with what to do; what it accepts with a mere warning (a header line without a
colon, no Content-Type, an unknown charset name) is accepted. The Plural-Forms rules
mirror ``gettext-tools/src/msgl-check.c``: ``nplurals=`` and ``plural=`` are looked up
anywhere in the header, the expression is read up to the first ``;`` with the grammar
of ``plural.y`` and evaluated for n = 0..1000 with C's unsigned arithmetic.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

from concord.catalog.model import Catalog, Entry
from concord.errors import CatalogError

_HEADER_LINE = re.compile(r"^[A-Za-z][\w-]*:")
_NPLURALS = re.compile(r"nplurals=\s*(\d*)")
_TOKEN = re.compile(r"[ \t]*(?:(\d+)|(\|\||&&|==|!=|<=|>=|[n()?:<>+\-*/%!])|([;\n]|$)|(.))")
_MASK = (1 << 64) - 1  # gettext evaluates with unsigned long
#: A form chosen for at least this many n of 0..1000 is "often" used (msgl-check.c).
OFTEN = 5


def header_fields(entry: Entry) -> dict[str, str]:
    """``Name: value`` lines of the header; msgfmt only warns about other lines."""
    header: dict[str, str] = {}
    for field_line in entry.msgstr.split("\n"):
        if _HEADER_LINE.match(field_line):
            name, _, value = field_line.partition(":")
            header[name.strip()] = value.strip()
    return header


def plural_rules(catalog: Catalog, header: Entry | None) -> None:
    """Set ``catalog.nplurals`` and ``plural_often``; raise what msgfmt --check raises."""
    plural = [e for e in catalog.entries if e.msgid_plural is not None and not e.obsolete]
    text = header.msgstr if header is not None else ""
    at = header.msgstr_line or header.line if header is not None else 1
    shown = catalog.path
    has_expr, nplurals_at = "plural=" in text, text.find("nplurals=")
    if plural and (not has_expr or nplurals_at < 0):
        what = '"plural=EXPRESSION"' if not has_expr else '"nplurals=INTEGER"'
        raise CatalogError(
            f"the catalog has plural messages but its header lacks a {what} attribute; add "
            "the language's Plural-Forms line, e.g. \"Plural-Forms: nplurals=2; "
            "plural=(n != 1);\\n\"", path=shown, line=plural[0].msgstr_line or plural[0].line)
    if not has_expr or nplurals_at < 0:
        return
    count = _NPLURALS.match(text, nplurals_at)
    if count is None or not count.group(1):
        raise CatalogError("invalid nplurals value in Plural-Forms; write nplurals=N with N "
                           "the number of plural forms", path=shown, line=at)
    nplurals = int(count.group(1))
    expr = _plural_expression(text)
    try:
        values = _values(expr)
    except SyntaxError as err:
        raise CatalogError(
            f"invalid plural expression {expr.strip()!r} in Plural-Forms; copy the line for "
            "this language from the gettext manual", path=shown, line=at) from err
    except ZeroDivisionError as err:
        raise CatalogError("the Plural-Forms expression can divide by zero; copy the line "
                           "for this language from the gettext manual", path=shown, line=at) from err
    if max(values) >= nplurals:
        raise CatalogError(
            f"Plural-Forms declares nplurals={nplurals} but its expression selects form "
            f"{max(values)}; copy the language's Plural-Forms line from the gettext manual "
            "(or another catalog of this language)", path=shown, line=at)
    for entry in plural:
        if len(entry.msgstr_plural) != nplurals:
            raise CatalogError(
                f"an entry at line {entry.line} has {len(entry.msgstr_plural)} plural forms but "
                f"the header says nplurals={nplurals}; fix the Plural-Forms header or give "
                "the entry exactly that many msgstr[N]", path=shown, line=at)
    catalog.nplurals = nplurals
    catalog.plural_often = tuple(values.count(form) >= OFTEN for form in range(nplurals))


def _plural_expression(text: str) -> str:
    """The text after the first ``plural=`` (msgfmt's strstr; ``nplurals=`` never matches)."""
    return text[text.find("plural=") + len("plural="):]


@functools.lru_cache(maxsize=64)
def _values(expr: str) -> tuple[int, ...]:
    """The form the expression selects for n = 0..1000 (a catalog repeats its language's)."""
    evaluate = _compiled(expr)
    return tuple(evaluate(n) for n in range(1001))


def _compiled(expr: str) -> Callable[[int], int]:
    """The C plural expression as a Python function (SyntaxError: not plural.y's grammar)."""
    tokens: list[str] = []
    for number, operator, end, other in _TOKEN.findall(expr):
        if other:
            raise SyntaxError(other)
        if end or not (number or operator):
            break
        tokens.append(number or operator)
    parser = _Parser(tokens)
    source = parser.ternary()
    if parser.pos != len(tokens):
        raise SyntaxError("trailing tokens")
    code = compile(f"lambda n: {source}", "<Plural-Forms>", "eval")
    return eval(code, {"__builtins__": {}, "_div": _div, "_mod": _mod})  # type: ignore[no-any-return]


def _div(a: int, b: int) -> int:
    if b == 0:
        raise ZeroDivisionError
    return a // b


def _mod(a: int, b: int) -> int:
    if b == 0:
        raise ZeroDivisionError
    return a % b


_BINARY = (("||",), ("&&",), ("==", "!="), ("<", ">", "<=", ">="), ("+", "-"), ("*", "/", "%"))


class _Parser:
    """Recursive descent over plural.y's grammar, emitting Python with C's semantics."""

    def __init__(self, tokens: list[str]) -> None:
        self.tokens, self.pos = tokens, 0

    def peek(self) -> str | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def take(self, expected: str | None = None) -> str:
        token = self.peek()
        if token is None or (expected is not None and token != expected):
            raise SyntaxError(f"expected {expected or 'more'}")
        self.pos += 1
        return token

    def ternary(self) -> str:
        cond = self.binary(0)
        if self.peek() != "?":
            return cond
        self.take("?")
        then = self.ternary()
        self.take(":")
        other = self.ternary()
        return f"(({then}) if ({cond}) else ({other}))"

    def binary(self, level: int) -> str:
        if level == len(_BINARY):
            return self.unary()
        left = self.binary(level + 1)
        while self.peek() in _BINARY[level]:
            op = self.take()
            right = self.binary(level + 1)
            left = _emit(op, left, right)
        return left

    def unary(self) -> str:
        token = self.take()
        if token == "!":
            return f"(0 if ({self.unary()}) else 1)"
        if token == "(":
            inner = self.ternary()
            self.take(")")
            return f"({inner})"
        if token == "n" or token.isdigit():
            return f"({token} & {_MASK})" if token.isdigit() else "n"
        raise SyntaxError(token)


def _emit(op: str, left: str, right: str) -> str:
    if op == "||":
        return f"(1 if (({left}) or ({right})) else 0)"
    if op == "&&":
        return f"(1 if (({left}) and ({right})) else 0)"
    if op in ("==", "!=", "<", ">", "<=", ">="):
        return f"(1 if ({left}) {op} ({right}) else 0)"
    if op == "/":
        return f"_div({left}, {right})"
    if op == "%":
        return f"_mod({left}, {right})"
    return f"((({left}) {op} ({right})) & {_MASK})"


def duplicates(catalog: Catalog) -> None:
    """Two entries with one msgctxt and msgid, obsolete ones included (as msgfmt)."""
    seen: dict[tuple[str | None, str], int] = {}
    for entry in catalog.entries:
        key = (entry.msgctxt, entry.msgid)
        first = seen.setdefault(key, entry.line)
        if first != entry.line:
            kind = "obsolete (#~) " if entry.obsolete else ""
            raise CatalogError(
                f"duplicate {kind}message {entry.msgid[:40]!r} (first at line {first}); merge "
                "the two entries into one (`msguniq` does it) or delete the obsolete one",
                path=catalog.path, line=entry.line)
