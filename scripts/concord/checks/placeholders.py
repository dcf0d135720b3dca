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
placeholder. In code, only variables may be renamed (:func:`_renamed`):

* a bare name read as a value or assigned (``str(network)`` -> ``str(red)``,
  ``open(filename, mode)`` -> ``open(nombre, modo)``, ``file_size = ...``), never an
  attribute, a function called, a keyword argument's name, a module imported or a
  string's text; and only when the message's prose uses the name and the
  translation's prose the new one, or when no other message of the document shows the
  name as code. A name the page's examples use (``word`` of ``word[0]``) keeps its
  name, for the examples (code blocks, not in the catalog) still use it.
* in a shape of operators that does not otherwise read as code (``format % values``),
  only names the prose sets in ``*emphasis*`` on both sides, as documentation names its
  metavariables.
* the prose ``or``/``and`` between two statements Python cannot join (``t1 = t2 * f or
  t1 = f * t2``) or between constants (``'w' or 'w:'``): Python's own parser decides.

Everything else stays a changed literal (an error).
"""

from __future__ import annotations

import ast
import builtins
import keyword
import re
from collections.abc import Callable

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
#: Python's words that join two statements in prose (``a = 1 or a = 2``).
_CONNECTIVES = frozenset({"or", "and"})
#: A Python identifier: the unit in which a code literal's names are compared.
_IDENT = re.compile(r"[^\W\d]\w*")
#: A quoted string of a code literal: the words inside are a value, not names.
_STRING = re.compile(r"'[^'\n]*'|\"[^\"\n]*\"")
#: Characters beside which a name is typed as written (``--prefix``, ``$HOME``, ``%s``,
#: ``/usr/lib``, ``@decorator``, ``a-b``).
_TYPED = frozenset("-$@%#/\\")
#: Keywords after which a name is a module or an object imported: the API, not a variable.
_IMPORTING = re.compile(r"(?:^|\s)(?:import|from)\s+(?:[\w.]+\s*,\s*)*$")
#: Literals and cross-references of a message: what is not its prose.
_MARKUP = re.compile(r"``.+?``|:[\w:.+-]+:`[^`]*`|`[^`]*`_{0,2}", re.DOTALL)
#: Scripts written without spaces between words: a word is found anywhere in the text.
_UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")


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


def prose(text: str) -> str:
    """``text`` without its literals and cross-references: the words it says."""
    return _MARKUP.sub(" ", text)


def _said(word: str, text: str) -> bool:
    """Does the prose ``text`` use ``word``, inflected or not (``name`` in "names",
    ``cadena`` in "cadenas")? In a script written without spaces, anywhere."""
    if _UNSPACED.search(word):
        return word in text
    return re.search(rf"(?<!\w){re.escape(word)}\w{{0,3}}(?!\w)", text, re.IGNORECASE) is not None


def _variable(text: str, start: int, end: int) -> bool:
    """Does ``text[start:end]`` stand where code uses a variable: a bare name read as a
    value (``str(network)``, ``key=key``, ``format % values``) or the statement's own
    assignment target (``file_size = ...``, spaced)? Not an attribute (after a dot), not a name
    called, subscripted or read from (before ``(``, ``[`` or ``.``), not a keyword
    argument's name (``seconds=1``), not a module imported."""
    before, after = text[:start].rstrip(" "), text[end:].lstrip(" ")
    if before.endswith(".") or after[:1] in ("(", "[", ".") or _IMPORTING.search(text[:start]):
        return False
    if text[start - 1:start] in _TYPED or text[end:end + 1] in _TYPED:
        return False  # an option, a sigil or a path: ``--prefix``, ``$HOME``, ``%s``
    if after[:1] == "=" and after[1:2] != "=":
        # ``name = value`` spaced, as assignments are written; ``reverse=True`` alone is
        # a keyword argument, written without spaces
        return not before and text[end:end + 1] == " "
    return True


def _parses(code: str) -> bool:
    try:
        compile(code, "<literal>", "exec", dont_inherit=True)
    except (SyntaxError, ValueError, RecursionError, MemoryError, OverflowError):
        return False
    return True


def _constants_joined(code: str) -> bool:
    """Is ``code`` constants joined by ``or``/``and`` (``'w' or 'w:'``)? Code has no use
    for that (it always yields the first), so the word lists alternatives in prose."""
    try:
        tree = ast.parse(code.strip(), mode="eval")
    except (SyntaxError, ValueError, RecursionError, MemoryError, OverflowError):
        return False
    body = tree.body
    return isinstance(body, ast.BoolOp) and all(isinstance(v, ast.Constant) for v in body.values)


def _connective(source: str, changed: list[tuple[re.Match[str], re.Match[str]]]) -> bool:
    """Is the one changed word the prose ``or``/``and`` between two statements Python
    cannot join (``t1 = t2 * f or t1 = f * t2``) or between constants (``'w' or 'w:'``)?
    ``x or y`` is an expression: code."""
    if len(changed) != 1:
        return False
    old, new = changed[0]
    words, replaced = old.group().split(" "), new.group().split(" ")
    differ = [i for i, (w, r) in enumerate(zip(words, replaced)) if w != r]
    if len(words) != len(replaced) or len(differ) != 1 or words[differ[0]] not in _CONNECTIVES:
        return False
    if _constants_joined(source):
        return True
    at = old.start() + sum(len(w) + 1 for w in words[:differ[0]])
    left, right = source[:at].strip(), source[at + len(words[differ[0]]):].strip()
    return "=" in left and "=" in right and not _parses(source) and _parses(left) and _parses(right)


#: How often an identifier appears in the literals of the document's messages.
PageUses = Callable[[str], int]


def localized(source: str, target: str, said: tuple[str, str] = ("", ""),
              page_uses: PageUses | None = None) -> bool:
    """Is ``target`` the literal ``source`` with placeholder words localized?

    The literal's shape (everything but its runs of plain words: punctuation, operators,
    digits, option flags, spacing) must be identical; at least one part must be kept
    (``mode`` -> ``modo`` keeps nothing: an argument's name); the literal must not read as
    code (quotes, calls, attributes, comparisons, a Python keyword such as ``True`` or
    ``for`` anywhere); and every changed word must be plain
    (not a keyword or a built-in name such as ``None`` or ``list``, not ``camelCase``; nor
    replaced by ``None``, ``True`` or ``False``, nor its own letters reordered, a typo)
    and stand between the brackets and separators of a shape (``(a, b)``,
    ``name=value``, ``{name}``), or be date notation (``YYYY``). A word inside ``<...>``
    alone may be a built-in name (``<type>``): no code writes that.

    A literal that reads as code is compared name by name (:func:`_renamed`): only
    variables may be renamed. ``said`` is the prose of the message and of its
    translation (:func:`prose`); ``page_uses`` counts the document's messages whose
    literals show a name (the page's examples use it).
    """
    if source == target:
        return False
    source_runs, target_runs = list(_RUN.finditer(source)), list(_RUN.finditer(target))
    keywords = any(word in _KEYWORDS for run in source_runs for word in run.group().split())
    if keywords or _CODE.search(source):
        shaped = len(source_runs) == len(target_runs) and _RUN.sub("\0", source) == _RUN.sub("\0", target)
        changed = [(s, t) for s, t in zip(source_runs, target_runs) if s.group() != t.group()]
        if keywords and shaped and _connective(source, changed):
            return True  # the keyword is the prose between two statements
        return _renamed(source, target, said, page_uses)
    if _shape_localized(source, target, source_runs, target_runs):
        return True
    # a shape of operators (``format % values``): metavariables only where both proses
    # set the names in *emphasis*, as the documentation names a metavariable
    return _renamed(source, target, said, None, emphasized=True)


def _shape_localized(source: str, target: str, source_runs: list[re.Match[str]],
                     target_runs: list[re.Match[str]]) -> bool:
    """The plain-shape rule of :func:`localized`."""
    if len(source_runs) != len(target_runs) or _RUN.sub("\0", source) != _RUN.sub("\0", target):
        return False
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
        if not all(_plain(word) for word in old.group().split()) and not _bracketed(source, old):
            return False
        if any(word in _CONSTANTS for word in new.group().split()):
            return False  # a placeholder became a value: (first, last) -> (first, None)
        if _same_letters([old.group()], [new.group()]):
            return False  # one word misspelt among translated ones
    return True


def _bracketed(text: str, run: re.Match[str]) -> bool:
    """Is ``run`` all there is between ``<`` and ``>`` (``<type>``)?"""
    return text[run.start() - 1:run.start()] == "<" and text[run.end():run.end() + 1] == ">" \
        and " " not in run.group() and run.group() not in _KEYWORDS


def _renamed(source: str, target: str, said: tuple[str, str], page_uses: PageUses | None,
             emphasized: bool = False) -> bool:
    """Is ``target`` the code ``source`` with only variables renamed?

    Everything but the identifiers must be identical, and every changed name a
    variable (:func:`_variable`) outside a quoted string, of three letters or more, not
    a keyword, not ``camelCase``, not replaced by a constant or by its own letters. The
    translator renamed a placeholder (``str(network)`` -> ``str(red)``,
    ``file_size = os.stat(filename)``) when the message's prose uses the name and the
    translation's prose the new one, or when no other message of the document shows
    the name as code (a page's example variable, ``word[0]`` here and ``word`` there,
    keeps its name). Built-in and ``ALL_CAPS`` names (``format``, ``LC_ALL``) need the
    prose; a built-in must be a metavariable there, in ``*emphasis*`` on both sides.
    With ``emphasized``, every changed name must be: a literal that does not read as
    code is a command or a shape, renamed only where the text says it is a
    metavariable. Something must be kept (``mode`` -> ``modo`` is a name translated).
    """
    source_names, target_names = list(_IDENT.finditer(source)), list(_IDENT.finditer(target))
    if len(source_names) != len(target_names) or _IDENT.sub("\0", source) != _IDENT.sub("\0", target):
        return False
    changed = [(s, t) for s, t in zip(source_names, target_names) if s.group() != t.group()]
    if not changed or (len(changed) == len(source_names) and not _IDENT.sub("", source).strip()):
        return False
    if emphasized and not all(_emphasized(o.group(), said[0]) and _emphasized(n.group(), said[1])
                              for o, n in changed):
        return False
    strings = [m.span() for m in _STRING.finditer(source)]
    return all(_renamed_variable(source, old, new, said, strings, page_uses) for old, new in changed)


def _renamed_variable(source: str, old: re.Match[str], new: re.Match[str], said: tuple[str, str],
                      strings: list[tuple[int, int]], page_uses: PageUses | None) -> bool:
    """One changed name of :func:`_renamed`: a variable, and the evidence for it."""
    word, replacement = old.group(), new.group()
    if any(start <= old.start() < end for start, end in strings):
        return False  # a string's value
    if len(word) < 3 or word in _KEYWORDS or replacement in _KEYWORDS or _INNER_CAPITAL.search(word) \
            or _same_letters([word], [replacement]) or not _variable(source, old.start(), old.end()):
        return False
    parts = [w for w in word.split("_") if len(w) >= 3]
    new_parts = [w for w in replacement.split("_") if len(w) >= 2 or _UNSPACED.search(w)]
    if word in _RESERVED:
        return _emphasized(word, said[0]) and bool(new_parts) and all(_emphasized(w, said[1]) for w in new_parts)
    if bool(parts) and bool(new_parts) and all(_said(w, said[0]) for w in parts) \
            and all(_said(w, said[1]) for w in new_parts):
        return True
    if word.isupper():
        return False  # a constant's name (``LC_ALL``) is the API's
    return page_uses is not None and page_uses(word) == 0


def _emphasized(word: str, text: str) -> bool:
    """Is ``word`` set in ``*emphasis*`` in ``text``, as a metavariable is?"""
    return re.search(rf"\*{re.escape(word)}\*", text) is not None


def pair_localized(missing: list[str], extra: list[str], said: tuple[str, str] = ("", ""),
                   page_uses: PageUses | None = None) -> list[tuple[str, str]]:
    """The (source literal, translated literal) pairs of ``missing`` and ``extra`` that
    are localized placeholders, each literal used once (removed from both lists).
    ``said`` is the prose of the message and of its translation (:func:`prose`),
    ``page_uses`` what :func:`localized` takes."""
    pairs = []
    for old in list(missing):
        new = next((e for e in extra if localized(old, e, said, page_uses)), None)
        if new is not None:
            pairs.append((old, new))
            missing.remove(old)
            extra.remove(new)
    return pairs
