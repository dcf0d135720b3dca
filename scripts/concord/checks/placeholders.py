"""Placeholder words inside a literal: a metavariable the translator may localize.

Technical documentation writes shapes with placeholder words inside inline literals:
``(host, port)``, ``name=value``, ``<name>``, ``{expression}``, ``YYYY-MM-DD``.
Translators of the Python documentation localize those words (``(host, puerto)``,
``AAAA-MM-DD``) as the prose around them does; the reader loses nothing, because the
shape the literal teaches is unchanged. The same edit in code is a defect: ``True`` ->
``Verdadero``, ``os.path`` -> ``os.ruta``, ``mode`` -> ``modo`` (an argument's name),
``reverse=True`` -> ``inverso=True``, ``--prefix`` -> ``--prefijo``. A command line
(``python -m module``) is what the reader types: it counts as code too.

:func:`localized` tells the two apart conservatively: only when the literal shows no
sign of being code, and every changed word is a plain word, is the change a localized
placeholder. Everything else stays a changed literal (an error).
"""

from __future__ import annotations

import builtins
import keyword
import re

#: A run of plain words (letters only, single spaces between them): what a placeholder
#: is written with. Not part of a longer identifier (``effective_ids``, ``x2``), nor an
#: attribute or a module path (``os.path``), nor a function called (``len(``).
_RUN = re.compile(r"(?<![\w.])[^\W\d_]+(?: [^\W\d_]+)*(?![\w.(])")
#: Marks the literal as code, where a changed name is a changed program: a quoted
#: string, an attribute, a call, a comparison or augmented assignment.
_CODE = re.compile(r"""['"`‘’“”]|\w\.\w|\w\(|==|!=|<=|>=|[-+*/%&|^]=|->|::""")
#: Python's keywords: a literal holding one is a statement or an expression.
_KEYWORDS = frozenset(keyword.kwlist) | frozenset(keyword.softkwlist)
#: Names that are never placeholders: keywords and built-in names (``list``, ``open``).
_RESERVED = _KEYWORDS | frozenset(dir(builtins))
#: Values a placeholder must not become.
_CONSTANTS = frozenset({"None", "True", "False"})
#: An identifier with an inner capital (``camelCase``, ``getValue``): an API name.
_INNER_CAPITAL = re.compile(r"[a-z][A-Z]")
#: What may stand beside a placeholder (spaces aside): the brackets, separators and
#: markers of a shape (``(a, b)``, ``name=value``, ``<name>``, ``[start:end]``, ``*rest``,
#: ``a/b``) or the literal's edge. Not a hyphen (``--prefix``, ``-X name``, ``[a-z]``),
#: a digit (``commands 1``) or a sigil (``@name``, ``U#``): those are typed, not filled in.
_SHAPE = frozenset("()[]{}<>,=:*/")
#: Date and time notation, written with one letter repeated (``YYYY``, ``MM``, ``hh``):
#: translated as a whole in many languages (``AAAA-MM-DD``, ``JJJJ-MM-TT``).
_NOTATION = re.compile(r"^([A-Za-z])\1+$")


def _plain(word: str) -> bool:
    return word not in _RESERVED and not _INNER_CAPITAL.search(word)


def _same_letters(old: list[str], new: list[str]) -> bool:
    """The changed words hold the same letters, reordered (``Status`` -> ``Stauts``) or
    moved from one word to the next: a typo, for a translation does not keep every
    letter. Words that only change case (``HH:MM`` -> ``hh:mm``) are not typos."""
    if all(o.lower() == n.lower() for o, n in zip(old, new)):
        return False
    letters = [sorted("".join(words).replace(" ", "").lower()) for words in (old, new)]
    return letters[0] == letters[1]


def _in_shape(text: str, start: int, end: int) -> bool:
    """Does the run ``text[start:end]`` stand between a shape's brackets or separators?

    Not when it is subscripted (``word[1:3]``): that is a variable of the document's
    examples, which keep their names.
    """
    before, after = text[:start].rstrip(" "), text[end:].lstrip(" ")
    if text[end:end + 1] == "[":
        return False
    return (not before or before[-1] in _SHAPE) and (not after or after[0] in _SHAPE)


def localized(source: str, target: str) -> bool:
    """Is ``target`` the literal ``source`` with placeholder words localized?

    The literal's shape (everything but its runs of plain words: punctuation, operators,
    digits, option flags, spacing) must be identical; at least one part must be kept
    (``mode`` -> ``modo`` keeps nothing: an argument's name); the literal must not read as
    code (quotes, calls, attributes, comparisons, a Python keyword such as ``True`` or
    ``for`` anywhere); and every changed word must be plain
    (not a keyword or a built-in name such as ``None`` or ``list``, not ``camelCase``; nor
    replaced by ``None``, ``True`` or ``False``, nor its own letters reordered, a typo)
    and stand between the brackets and separators of a shape (``(a, b)``,
    ``name=value``, ``{name}``), or be date notation (``YYYY``).
    """
    if source == target or _CODE.search(source):
        return False
    source_runs, target_runs = list(_RUN.finditer(source)), list(_RUN.finditer(target))
    if len(source_runs) != len(target_runs) or _RUN.sub("\0", source) != _RUN.sub("\0", target):
        return False
    if any(word in _KEYWORDS for run in source_runs for word in run.group().split()):
        return False  # a statement or an expression (``for x in y``, ``key=True``): code
    changed = [(s, t) for s, t in zip(source_runs, target_runs) if s.group() != t.group()]
    kept = _RUN.sub("", source).strip() or len(changed) < len(source_runs)
    if not changed or not kept:
        return False
    if _same_letters([o.group() for o, _ in changed], [n.group() for _, n in changed]):
        return False  # letters reordered, or moved between words (subtype -> ubtype): typos
    for old, new in changed:
        if _NOTATION.match(old.group()):
            continue
        if not _in_shape(source, old.start(), old.end()):
            return False
        if not all(_plain(word) for word in old.group().split()):
            return False
        if any(word in _CONSTANTS for word in new.group().split()):
            return False  # a placeholder became a value: (first, last) -> (first, None)
        if _same_letters([old.group()], [new.group()]):
            return False  # one word misspelt among translated ones
    return True


def pair_localized(missing: list[str], extra: list[str]) -> list[tuple[str, str]]:
    """The (source literal, translated literal) pairs of ``missing`` and ``extra`` that
    are localized placeholders, each literal used once (removed from both lists)."""
    pairs = []
    for old in list(missing):
        new = next((e for e in extra if localized(old, e)), None)
        if new is not None:
            pairs.append((old, new))
            missing.remove(old)
            extra.remove(new)
    return pairs
