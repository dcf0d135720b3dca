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
placeholder. Two narrower cases are placeholders in code too:

* a call's argument (``str(network)`` -> ``str(red)``, ``log(base)`` -> ``log(taban)``),
  when the message's own prose uses the word and its translation uses the new one: the
  translator renamed a value the text names, consistently. Without that evidence the
  same edit is a parameter renamed (``GzipFile(filename)`` -> ``GzipFile(nombre)``): an
  error.
* the prose word joining two statements that Python cannot join (``t1 = t2 * f or
  t1 = f * t2`` -> ``... o ...``): Python's own parser decides.

Everything else stays a changed literal (an error).
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
#: The quotes that make a changed word a string's value rather than a name.
_QUOTES = re.compile(r"""['"`‘’“”]""")
#: Python's words that join two statements in prose (``a = 1 or a = 2``).
_CONNECTIVES = frozenset({"or", "and"})
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


def _argument(text: str, start: int, end: int) -> bool:
    """Does ``text[start:end]`` stand where a call takes a value: a positional argument
    (``str(network)``) or a keyword argument's value (``key=key``)? Not the function
    called, an attribute, a keyword argument's name or a subscripted name (the run
    pattern leaves out words beside a dot or before a parenthesis)."""
    before, after = text[:start].rstrip(" "), text[end:].lstrip(" ")
    if not before or not after or after[0] not in "),":
        return False
    return before[-1] in "(," or (before[-1] == "=" and before[-2:-1] not in ("=", "!", "<", ">"))


def _parses(code: str) -> bool:
    try:
        compile(code, "<literal>", "exec", dont_inherit=True)
    except (SyntaxError, ValueError, RecursionError, MemoryError, OverflowError):
        return False
    return True


def _connective(source: str, changed: list[tuple[re.Match[str], re.Match[str]]]) -> bool:
    """Is the one changed word the prose ``or``/``and`` between two statements Python
    cannot join (``t1 = t2 * f or t1 = f * t2``)? ``x or y`` is an expression: code."""
    if len(changed) != 1:
        return False
    old, new = changed[0]
    words, replaced = old.group().split(" "), new.group().split(" ")
    differ = [i for i, (w, r) in enumerate(zip(words, replaced)) if w != r]
    if len(words) != len(replaced) or len(differ) != 1 or words[differ[0]] not in _CONNECTIVES:
        return False
    at = old.start() + sum(len(w) + 1 for w in words[:differ[0]])
    left, right = source[:at].strip(), source[at + len(words[differ[0]]):].strip()
    return "=" in left and "=" in right and not _parses(source) and _parses(left) and _parses(right)


def localized(source: str, target: str, said: tuple[str, str] = ("", "")) -> bool:
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

    ``said`` is the prose of the message and of its translation (:func:`prose`): where
    the literal reads as code, a changed word is still a placeholder when it is a call's
    argument (:func:`_argument`) and both proses use it (:func:`_evidenced`).
    """
    if source == target:
        return False
    source_runs, target_runs = list(_RUN.finditer(source)), list(_RUN.finditer(target))
    if len(source_runs) != len(target_runs) or _RUN.sub("\0", source) != _RUN.sub("\0", target):
        return False
    changed = [(s, t) for s, t in zip(source_runs, target_runs) if s.group() != t.group()]
    if any(word in _KEYWORDS for run in source_runs for word in run.group().split()):
        # a statement or an expression (``for x in y``, ``key=True``): code, unless the
        # keyword is the prose between two statements
        return _connective(source, changed)
    if _CODE.search(source):
        return bool(changed) and not _QUOTES.search(source) and all(
            _evidenced(source, old, new, said) for old, new in changed)
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


def _evidenced(source: str, old: re.Match[str], new: re.Match[str], said: tuple[str, str]) -> bool:
    """A changed word of a code literal that is a value the prose names on both sides:
    one plain word of three letters or more (not a built-in: ``isinstance(x, int)``),
    a call's argument, not replaced by a constant or by its own letters, used by the
    message's prose, and its replacement by the translation's."""
    word, replacement = old.group(), new.group()
    return (" " not in word and len(word) >= 3 and _plain(word) and replacement not in _CONSTANTS
            and not _same_letters([word], [replacement]) and _argument(source, old.start(), old.end())
            and _said(word, said[0]) and all(_said(w, said[1]) for w in replacement.split()))


def pair_localized(missing: list[str], extra: list[str], said: tuple[str, str] = ("", "")) -> list[tuple[str, str]]:
    """The (source literal, translated literal) pairs of ``missing`` and ``extra`` that
    are localized placeholders, each literal used once (removed from both lists).
    ``said`` is the prose of the message and of its translation (:func:`prose`)."""
    pairs = []
    for old in list(missing):
        new = next((e for e in extra if localized(old, e, said)), None)
        if new is not None:
            pairs.append((old, new))
            missing.remove(old)
            extra.remove(new)
    return pairs
