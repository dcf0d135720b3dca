"""Format strings as GNU ``msgfmt --check-format`` (gettext 0.21) reads them.

An entry flagged ``python-format``, ``python-brace-format`` or ``c-format`` is a
program's message: the program passes its arguments to the translation, and a
directive the translator changed, dropped or added makes it crash or print garbage.
msgfmt refuses to compile such a catalog; ``concord check`` reports the same entries
at the same line (the ``msgstr``), so a CI gate with concord is never laxer than
one with msgfmt, and never stricter. The rules mirror ``gettext-tools/src/format-python.c``,
``format-python-brace.c``, ``format-c.c`` and ``msgl-check.c`` of gettext 0.21 (the
version the parity test runs against): where 0.21 differs from later releases (brace
fields keep their ``:spec`` in the name; ``{}`` is refused) 0.21 is followed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from concord.catalog.model import Entry

#: The languages this module checks; msgfmt knows more (sh, perl-brace, java...).
LANGUAGES = ("python", "python-brace", "c")


class BadFormat(ValueError):
    """The string is not a valid format string of its language (``reason`` says why)."""


@dataclass
class Spec:
    """The arguments a format string consumes: by name (sorted) or by position."""

    named: dict[str, str] = field(default_factory=dict)
    unnamed: list[str] = field(default_factory=list)


# --- python-format -------------------------------------------------------------------
_PY_TYPES = {"c": "char", "s": "string", "r": "string", "a": "string",
             **dict.fromkeys("iduoxX", "integer"), **dict.fromkeys("eEfFgG", "float")}


def parse_python(text: str) -> Spec:
    """``%(name)s`` and ``%s`` directives (format-python.c)."""
    spec = Spec()
    named: list[tuple[str, str]] = []
    i, directive = 0, 0
    while (i := text.find("%", i)) >= 0:
        directive += 1
        i = _py_directive(text, i + 1, directive, spec, named)
    for name, kind in named:
        known = spec.named.setdefault(name, kind)
        if known != kind and "any" not in (known, kind):
            raise BadFormat(f"the string uses argument {name!r} in incompatible ways")
        if known == "any":
            spec.named[name] = kind
    return spec


_MIXED = "the string mixes named (%(name)s) and unnamed (%s) arguments"


def _py_directive(text: str, i: int, directive: int, spec: Spec,
                  named: list[tuple[str, str]]) -> int:
    """Read the directive after a ``%`` at ``text[i - 1]``; return the index after it."""
    n, name = len(text), None
    if i < n and text[i] == "(":
        depth, start = 0, i + 1
        i = start
        while i < n and not (text[i] == ")" and depth == 0):
            depth += (text[i] == "(") - (text[i] == ")")
            i += 1
        if i >= n:
            raise BadFormat("the string ends in the middle of a directive")
        name, i = text[start:i], i + 1
    while i < n and text[i] in "-+ #0":
        i += 1
    i = _py_star(text, i, spec, named)
    zero_precision = False
    if i < n and text[i] == ".":
        i += 1
        start = i
        while i < n and text[i].isdigit():
            i += 1
        zero_precision = i > start and set(text[start:i]) == {"0"}
        i = _py_star(text, i, spec, named) if i == start else i
    if i < n and text[i] in "hlL":
        i += 1
    if i >= n:
        raise BadFormat("the string ends in the middle of a directive")
    if text[i] == "%":
        return i + 1
    kind = _PY_TYPES.get(text[i])
    if kind is None:
        raise BadFormat(f"in directive number {directive}, {text[i]!r} is not a valid "
                        "conversion specifier")
    kind = "any" if zero_precision and kind == "string" else kind
    if (name is not None and spec.unnamed) or (name is None and named):
        raise BadFormat(_MIXED)
    if name is not None:
        named.append((name, kind))
    else:
        spec.unnamed.append(kind)
    return i + 1


def _py_star(text: str, i: int, spec: Spec, named: list[tuple[str, str]]) -> int:
    """A width or precision: ``*`` takes an integer argument, digits take none."""
    if i < len(text) and text[i] == "*":
        if named:
            raise BadFormat(_MIXED)
        spec.unnamed.append("integer")
        return i + 1
    while i < len(text) and text[i].isdigit():
        i += 1
    return i


# --- python-brace-format (gettext 0.21) -------------------------------------------------
_BRACE_FIELD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*|[0-9]+")


def parse_python_brace(text: str) -> Spec:
    """``{name}``, ``{0}``, ``{a.b[0]:>10}`` directives (format-python-brace.c, 0.21)."""
    spec = Spec()
    i, directive = 0, 0
    while i < len(text):
        if text[i] == "{":
            if text[i + 1:i + 2] == "{":
                i += 2
                continue
            end = _brace_directive(text, i, directive, nested=False)
            spec.named.setdefault(text[i + 1:end - 1], "any")
            directive += 1
            i = end
        else:
            i += 1
    return spec


def _brace_directive(text: str, i: int, directive: int, *, nested: bool) -> int:
    """Index after the ``}`` closing the directive opened at ``text[i]``."""
    i += 1
    field_name = _BRACE_FIELD.match(text, i)
    if field_name is None:
        shown = text[i] if i < len(text) else "end of string"
        raise BadFormat(f"in directive number {directive}, {shown!r} cannot start a field name")
    i = field_name.end()
    while i < len(text) and text[i] in ".[":
        part = _BRACE_FIELD.match(text, i + 1)
        if part is None or (text[i] == "." and part.group()[0].isdigit()):
            raise BadFormat(f"in directive number {directive}, a getattr/getitem argument is "
                            "malformed")
        i = part.end()
        if text[i - len(part.group()) - 1] == "[":
            if text[i:i + 1] != "]":
                raise BadFormat(f"in directive number {directive}, a getitem argument is "
                                "unterminated")
            i += 1
    if text[i:i + 1] == ":" and not nested:
        i += 1
        if text[i:i + 1] == "{":
            i = _brace_directive(text, i, directive, nested=True)
        else:
            i = _brace_spec_end(text, i)
    if text[i:i + 1] != "}":
        raise BadFormat(f"in directive number {directive}, there is an unterminated format "
                        "directive")
    return i + 1


_STANDARD_SPEC = re.compile(r"(?:.?[<>=^])?[-+ ]?#?0?\d*(?:\.\d+)?[bcdoxXneEfFgG%]?", re.DOTALL)


def _brace_spec_end(text: str, i: int) -> int:
    """End of ``[[fill]align][sign][#][0][width][.precision][type]``."""
    match = _STANDARD_SPEC.match(text, i)
    return match.end() if match else i


# --- c-format ---------------------------------------------------------------------------
_C_DIRECTIVE = re.compile(
    r"%(?:(?P<pos>\d+)\$)?(?P<flags>[-+ #0'I]*)"
    r"(?P<width>\*(?:\d+\$)?|\d+)?(?:\.(?P<prec>\*(?:\d+\$)?|\d*))?"
    r"(?P<size>hh|h|ll|l|L|q|j|z|Z|t)?(?P<conv><PRI[^>]*>|.?)", re.DOTALL)
_C_SIZE = {"hh": "char", "h": "short", "l": "long", "ll": "longlong", "L": "longlong",
           "q": "longlong", "j": "intmax", "z": "size", "Z": "size", "t": "ptrdiff"}
_PRI = re.compile(r"<PRI([diouxX])(\w*)>")


def parse_c(text: str) -> Spec:
    """printf directives, positional (``%1$s``) or not (format-c.c)."""
    numbered: dict[int, str] = {}
    unnumbered: list[str] = []
    directive, at = 0, 0
    while (at := text.find("%", at)) >= 0:
        match = _C_DIRECTIVE.match(text, at)
        assert match is not None  # every part is optional
        directive += 1
        at = match.end()
        conv = match.group("conv")
        if conv == "%":
            continue
        kind = _c_type(match.group("size") or "", conv, directive)
        args = [("integer", star) for star in (match.group("width"), match.group("prec"))
                if star and star.startswith("*")]
        if kind is not None:
            args.append((kind, (match.group("pos") or "") + "$" if match.group("pos") else "*"))
        for arg_kind, where in args:
            _c_argument(arg_kind, where, directive, numbered, unnumbered)
    if numbered and unnumbered:
        raise BadFormat("the string mixes numbered (%1$s) and unnumbered (%s) arguments")
    if numbered:
        for number in range(1, max(numbered) + 1):
            if number not in numbered:
                raise BadFormat(f"the string refers to argument number {max(numbered)} but "
                                f"ignores argument number {number}")
        return Spec(unnamed=[numbered[k] for k in sorted(numbered)])
    return Spec(unnamed=unnumbered)


def _c_type(size: str, conv: str, directive: int) -> str | None:
    """The argument type of a conversion (None: ``%m``, no argument)."""
    pri = _PRI.fullmatch(conv)
    if pri is not None:
        return ("unsigned " if pri.group(1) in "ouxX" else "") + "int" + pri.group(2)
    if conv in ("d", "i"):
        return " ".join(("int", _C_SIZE.get(size, ""))).strip()
    if conv in ("o", "u", "x", "X"):
        return " ".join(("unsigned int", _C_SIZE.get(size, ""))).strip()
    if conv in ("e", "E", "f", "F", "g", "G", "a", "A"):
        return "long double" if size in ("L", "ll", "q") else "double"
    if conv == "c":
        return "wchar" if size == "l" else "char"
    if conv == "C":
        return "wchar"
    if conv == "s":
        return "wstring" if size == "l" else "string"
    if conv == "S":
        return "wstring"
    if conv == "p":
        return "pointer"
    if conv == "n":
        return " ".join(("count", _C_SIZE.get(size, ""))).strip()
    if conv == "m":
        return None
    if conv == "":
        raise BadFormat("the string ends in the middle of a directive")
    raise BadFormat(f"in directive number {directive}, {conv!r} is not a valid conversion "
                    "specifier")


def _c_argument(kind: str, where: str, directive: int, numbered: dict[int, str],
                unnumbered: list[str]) -> None:
    if where.endswith("$"):
        number = int(where.strip("*$"))
        if number == 0:
            raise BadFormat(f"in directive number {directive}, the argument number 0 is not "
                            "a positive integer")
        if numbered.setdefault(number, kind) != kind:
            raise BadFormat(f"the string uses argument {number} in incompatible ways")
    else:
        unnumbered.append(kind)


PARSERS = {"python": parse_python, "python-brace": parse_python_brace, "c": parse_c}


def compare(language: str, original: Spec, translation: Spec, strict: bool) -> str | None:
    """What msgfmt would say about the translation's arguments (None: they agree).

    ``strict`` is False only for a plural form used for few values of n (the "one" of
    ``n != 1``): it may leave out a named argument or, in C, trailing arguments.
    """
    if language == "python" and original.named and translation.unnamed:
        return "the original takes named arguments (%(name)s), the translation unnamed ones (%s)"
    if language == "python" and original.unnamed and translation.named:
        return "the original takes unnamed arguments (%s), the translation named ones (%(name)s)"
    extra = sorted(set(translation.named) - set(original.named))
    if extra:
        return f"the translation uses {_shown(language, extra[0])}, which the original does not have"
    missing = sorted(set(original.named) - set(translation.named))
    if missing and strict:
        return f"the translation lacks {_shown(language, missing[0])}"
    for name in sorted(translation.named):
        one, other = original.named[name], translation.named[name]
        if one != other and (strict or "any" not in (one, other)):
            return (f"{_shown(language, name)} is of type {one} in the original, {other} in "
                    "the translation")
    ids, strs = original.unnamed, translation.unnamed
    too_few = len(strs) > len(ids) if language == "c" and not strict else len(strs) != len(ids)
    if too_few:
        return (f"the original has {len(ids)} unnamed format directive(s), the translation "
                f"{len(strs)}")
    for number, (one, other) in enumerate(zip(ids, strs), 1):
        if one != other and (strict or "any" not in (one, other)):
            return (f"argument {number} is of type {one} in the original, {other} in the "
                    "translation")
    return None


def _shown(language: str, name: str) -> str:
    return f"%({name})s" if language == "python" else "{" + name + "}"


#: A ``#,`` comment line of a current entry, in file order.
_FLAG_LINE = re.compile(r"^#,(.*)$", re.MULTILINE)
#: A percent sign that is not ``%%``.
_PERCENT = re.compile(r"(?<!%)%(?!%)")


def format_checked(entry: Entry, language: str) -> bool:
    """Does msgfmt check ``entry`` as a ``language`` format string?

    ``python-format`` and ``possible-python-format`` switch the check on,
    ``no-python-format`` and ``impossible-python-format`` off; when a flag line names
    both, the last one written wins (``#, no-python-format, python-format`` is checked,
    which is how Babel writes the two, sorted).
    """
    flag = f"{language}-format"
    named = {flag, f"possible-{flag}", f"no-{flag}", f"impossible-{flag}"} & entry.flags
    if not named:
        return False
    state = False
    for line in _FLAG_LINE.findall(entry.comments) if len(named) > 1 else ():
        for word in (w.strip() for w in line.split(",")):
            if word in named:
                state = word in (flag, f"possible-{flag}")
    return state if len(named) > 1 else bool(named & {flag, f"possible-{flag}"})


def _percentages(source: str) -> bool:
    """Is every ``%`` of ``source`` a percentage (``10% faster``)? Babel, which
    sphinx-intl uses, flags such a message ``python-format`` because ``% f`` reads
    as a directive; nothing formats it."""
    signs = list(_PERCENT.finditer(source))
    return bool(signs) and all(m.start() > 0 and source[m.start() - 1].isdigit() for m in signs)


def entry_problems(entry: Entry, often: tuple[bool, ...], documents: bool = False) -> Iterator[str]:
    """msgfmt --check-format's complaints about one entry, as translator advice.

    Like msgfmt: only entries it compiles (translated, not fuzzy, not obsolete), only
    the languages the entry's flags switch on (:func:`format_checked`). ``documents``:
    the catalog holds a document's messages, which Sphinx never formats.
    """
    if entry.obsolete or "fuzzy" in entry.flags or "-format" not in " ".join(entry.flags):
        return
    forms = entry.msgstr_plural if entry.msgid_plural is not None else [entry.msgstr]
    if not forms or not forms[0]:
        return
    source = entry.msgid_plural if entry.msgid_plural is not None else entry.msgid
    for language in LANGUAGES:
        flag = f"{language}-format"
        if not format_checked(entry, language):
            continue
        parse = PARSERS[language]
        try:
            original = parse(source)
        except BadFormat:
            continue  # msgfmt checks translations of valid format strings only
        guessed = documents and language != "python-brace" and _percentages(source)
        for index, form in enumerate(forms):
            where = f"msgstr[{index}]" if entry.msgid_plural is not None else "the translation"
            try:
                translation = parse(form)
            except BadFormat as err:
                problem, advice = (f"{where} is not a valid {flag} string ({err}), unlike the original",
                                   "write {{ and }} for literal braces" if language == "python-brace"
                                   else "write %% for a literal %")
            else:
                strict = entry.msgid_plural is None or len(forms) == 1 or (
                    index < len(often) and often[index])
                found = compare(language, original, translation, strict)
                if found is None:
                    continue
                problem, advice = (f"{flag}: {found} (in {where})",
                                   "keep every directive of the original, as it is written there")
            if guessed:
                advice = (f"the source's percent sign is a percentage that Babel (sphinx-intl) took "
                          f"for a directive and flagged {flag}. Sphinx does not format this message, "
                          f"so the page shows your text as written (do not write %%, the page would "
                          f"show it); if the project compiles with msgfmt, remove the {flag} flag "
                          f"from this entry")
            yield f"{problem}; msgfmt refuses to compile this: {advice}"
