"""Defects to plant in a translated message, one small function per kind, for
``bench/bench_recall.py``.

Each ``plant_<kind>(msgid, msgstr)`` returns the damaged msgstr, or None when the entry
is not eligible (it lacks what the defect needs). Every plant is a defect as Sphinx
renders the translated page: code that changed, a link or cross-reference lost or
pointing elsewhere, markup that fails, a message Sphinx throws away for the English.

The constructs are found with small regular expressions of this module, not with
concord's own scanner, so that what is planted does not depend on what concord sees.
A construct is used only when the translation holds it no more often than the source
(a translator's extra copy would keep the source's intact).
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Callable
from urllib.parse import urlsplit, urlunsplit

#: An inline literal ``x`` (no space inside its edges), not glued to a word.
LITERAL = re.compile(r"(?<![`\w\\])``(?P<key>[^`\s](?:[^`]*?[^`\s])?)``(?![`\w])")
#: Cross-reference roles whose target is a name Sphinx looks up (a ``:term:`` through
#: the glossary, which a doubled letter defeats in any language).
XREF_ROLES = ("func", "class", "meth", "ref", "mod", "exc", "attr", "data", "term")
#: Roles whose text is a target or a number Sphinx links (breaking them loses a link).
LINK_ROLES = XREF_ROLES + ("const", "obj", "pep", "rfc", "doc", "envvar", "option",
                           "keyword", "token")
#: Roles that only style their text (no link): broken, the page shows ``:file:`` and the
#: text in the default role's style (``:file: `x```).
PROSE_ROLES = ("file", "program", "kbd", "samp", "command", "dfn", "abbr", "guilabel",
               "menuselection", "mimetype", "manpage", "regexp")
ROLE = re.compile(r"(?<![\w`:]):(?P<role>(?:(?:py|c|std):)?(?P<name>[a-z]+)):`(?P<body>[^`]+)`")
#: ``title <target>`` inside a role or a link.
TITLED = re.compile(r"^(?P<title>.*?)\s*<(?P<target>[^<>]+)>$", re.DOTALL)
#: A URL as written (bare or inside ``<...>``), up to what cannot end one.
URL = re.compile(r"(?:https?|ftp)://[-\w.!~*'()\[\];/:@&=+$,%#?]*[-\w~/=&%#+]", re.ASCII)
#: Emphasis ``*x*`` (not strong, not glued, not an operator).
EMPHASIS = re.compile(r"(?<![\w*\\`])\*(?P<key>[^\s*](?:[^*`]*?[^\s*\\])?)\*(?![\w*])")
SUBSTITUTION = re.compile(r"(?<![\w|\\])\|(?P<key>[^\s|](?:[^|]*?[^\s|])?)\|(?P<tail>_{0,2})(?![\w|])")
#: A named phrase reference ```Title`_`` (not anonymous, not a role, no embedded target).
PHRASE_REF = re.compile(r"(?<![\w:`\\])`(?P<key>[^`<>]+)`_(?![_\w])")
#: A start that reST reads as a list item or another block.
BLOCK_START = re.compile(r"^\s|^(?:\(?(?:\d+|[A-Za-z#]|[ivxlcdmIVXLCDM]+)[.)]|[-*+•‣⁃])(?:\s|$)")


def _masked(text: str, *patterns: re.Pattern[str]) -> str:
    """``text`` with the matches of ``patterns`` blanked (same length, same offsets)."""
    for pattern in patterns:
        text = pattern.sub(lambda m: " " * len(m.group(0)), text)
    return text


def _kept(written: str, msgid: str, msgstr: str) -> bool:
    """Is ``written`` in the source, and not more often in the translation?"""
    return 0 < msgstr.count(written) <= msgid.count(written)


def _replace_at(text: str, start: int, end: int, new: str) -> str:
    return text[:start] + new + text[end:]


def _literals(msgid: str, msgstr: str) -> list[re.Match[str]]:
    return [m for m in LITERAL.finditer(msgstr) if _kept(m.group(0), msgid, msgstr)]


def _mangle_code(code: str) -> str | None:
    """A small change to code: an ASCII quote made typographic, a space after '(', or
    two adjacent different characters (neither a space) swapped."""
    if "'" in code:
        return code.replace("'", "’", 1)
    if "(" in code[:-1]:
        at = code.index("(") + 1
        return code[:at] + " " + code[at:]
    for i in range(len(code) // 2, len(code) - 1):
        a, b = code[i], code[i + 1]
        if a != b and not a.isspace() and not b.isspace() and "`" not in (a, b):
            return code[:i] + b + a + code[i + 2:]
    return None


def plant_literal_changed(msgid: str, msgstr: str) -> str | None:
    for match in _literals(msgid, msgstr):
        changed = _mangle_code(match.group("key"))
        if changed is not None:
            return _replace_at(msgstr, match.start(), match.end(), f"``{changed}``")
    return None


def plant_literal_dropped(msgid: str, msgstr: str) -> str | None:
    for match in _literals(msgid, msgstr):
        return _replace_at(msgstr, match.start(), match.end(), match.group("key"))
    return None


def _role_key(match: re.Match[str]) -> tuple[str, str]:
    """A role as what it points to: its name and its target (a title may be translated)."""
    titled = TITLED.match(match.group("body"))
    return match.group("role"), (titled.group("target") if titled else match.group("body")).strip()


def plant_literal_glued(msgid: str, msgstr: str) -> str | None:
    """The space before a literal removed (``la ``x```` -> ``la``x````): reST needs a
    space or punctuation before inline markup, so it sees no literal and shows the
    backquotes (what CJK text without spaces does)."""
    for match in _literals(msgid, msgstr):
        at = match.start()
        if at >= 2 and msgstr[at - 1] == " " and msgstr[at - 2].isalnum():
            return msgstr[:at - 1] + msgstr[at:]
    return None


def _roles(msgid: str, msgstr: str, names: tuple[str, ...]) -> list[re.Match[str]]:
    source = [_role_key(m) for m in ROLE.finditer(msgid)]
    translation = [_role_key(m) for m in ROLE.finditer(msgstr)]
    return [m for m in ROLE.finditer(msgstr) if m.group("name") in names
            and 0 < translation.count(_role_key(m)) <= source.count(_role_key(m))]


def plant_role_target_changed(msgid: str, msgstr: str) -> str | None:
    """One letter of a cross-reference's target doubled (``os.path`` -> ``os.pathh``)."""
    return _double_a_letter(msgid, msgstr, XREF_ROLES)


def plant_term_changed(msgid: str, msgstr: str) -> str | None:
    """The same for a ``:term:``: the glossary (whose translations make a translated
    term resolve) has no such term in any language."""
    return _double_a_letter(msgid, msgstr, ("term",))


def _double_a_letter(msgid: str, msgstr: str, roles: tuple[str, ...]) -> str | None:
    for match in _roles(msgid, msgstr, roles):
        body = match.group("body")
        titled = TITLED.match(body)
        start = match.start("body") + (titled.start("target") if titled else 0)
        target = titled.group("target") if titled else body
        if target.startswith("!"):
            continue  # no link: a changed name there is shown text, not a target
        letters = [i for i, c in enumerate(target) if c.isalpha()]
        if letters:
            at = start + letters[-1]
            return msgstr[:at + 1] + msgstr[at] + msgstr[at + 1:]
    return None


def plant_role_broken(msgid: str, msgstr: str) -> str | None:
    """``:role: `target``` (a space): reST reads no role, the link is lost."""
    for match in _roles(msgid, msgstr, LINK_ROLES):
        at = match.start("body") - 1
        return msgstr[:at] + " " + msgstr[at:]
    return None


def plant_prose_role_broken(msgid: str, msgstr: str) -> str | None:
    """``:file: `path``` (a space) for a role without a link: the reader sees the role's
    name and the text set in the default role's style."""
    for match in _roles(msgid, msgstr, PROSE_ROLES):
        at = match.start("body") - 1
        return msgstr[:at] + " " + msgstr[at:]
    return None


def _urls(msgid: str, msgstr: str, *, bare: bool) -> list[re.Match[str]]:
    text = _masked(msgstr, LITERAL) if not bare else _masked(msgstr, LITERAL, PHRASE_REF, ROLE,
                                                              re.compile(r"`[^`]*`__?"))
    return [m for m in URL.finditer(text) if _kept(m.group(0), msgid, msgstr)
            and m.group(0) == msgstr[m.start():m.end()]]


def _another_page(url: str, language: str = "") -> str | None:
    """``url`` with the word that starts its last path segment replaced (query and
    fragment kept), and ``language`` inserted as the first path segment; None without a
    page name in the path."""
    parts = urlsplit(url)
    segments = parts.path.split("/")
    last = max((i for i, s in enumerate(segments) if s), default=None)
    page = re.match(r"[\w-]+", segments[last]) if last is not None else None
    if last is None or page is None:
        return None
    segments[last] = "another-page" + segments[last][page.end():]
    path = "/".join(segments)
    if language:
        path = f"/{language}{path}"
    return urlunsplit(parts._replace(path=path))


def plant_url_changed(msgid: str, msgstr: str) -> str | None:
    """Another page (the last path segment replaced) or, for half the messages (by
    the msgid's CRC-32) and where the path names no page, another host."""
    for match in _urls(msgid, msgstr, bare=False):
        url = match.group(0)
        changed = _another_page(url)
        if changed is None or zlib.crc32(msgid.encode()) % 2:
            changed = urlunsplit(urlsplit(url)._replace(scheme="https", netloc="example.invalid"))
        return _replace_at(msgstr, match.start(), match.end(), changed)
    return None


def plant_url_localized_elsewhere(msgid: str, msgstr: str) -> str | None:
    """A language segment added (what ``url-localized`` accepts) and the page changed:
    the same site in another language, but another page."""
    for match in _urls(msgid, msgstr, bare=False):
        path = urlsplit(match.group(0)).path
        changed = _another_page(match.group(0), "es") if path.strip("/").count("/") >= 1 else None
        if changed is not None:
            return _replace_at(msgstr, match.start(), match.end(), changed)
    return None


def plant_url_cut(msgid: str, msgstr: str) -> str | None:
    """A non-ASCII letter in a bare URL's path: docutils ends the link there."""
    for match in _urls(msgid, msgstr, bare=True):
        url = match.group(0)
        parts = urlsplit(url)
        path_start = len(f"{parts.scheme}://{parts.netloc}")
        path_end = path_start + len(parts.path)
        letters = [i for i in range(path_start + 1, path_end) if url[i].isalnum()]
        if letters:
            at = match.start() + letters[-1]
            return msgstr[:at] + "ñ" + msgstr[at:]
    return None


def plant_leading_space(msgid: str, msgstr: str) -> str | None:
    if BLOCK_START.match(msgid) or BLOCK_START.match(msgstr):
        return None
    return " " + msgstr


def plant_list_marker(msgid: str, msgstr: str) -> str | None:
    if BLOCK_START.match(msgid) or BLOCK_START.match(msgstr):
        return None
    return "2. " + msgstr


def plant_inline_unclosed(msgid: str, msgstr: str) -> str | None:
    """The last emphasis loses its closing '*' (or, without one, the last literal its
    closing backquotes): nothing after it can close it."""
    emphases = [m for m in EMPHASIS.finditer(_masked(msgstr, LITERAL, ROLE))
                if "*" not in msgstr[m.end():]]
    if emphases:
        last = emphases[-1]
        return msgstr[:last.end() - 1] + msgstr[last.end():]
    literals = [m for m in LITERAL.finditer(msgstr) if "`" not in msgstr[m.end():]]
    if literals:
        last = literals[-1]
        return msgstr[:last.end() - 2] + msgstr[last.end():]
    return None


def plant_substitution_changed(msgid: str, msgstr: str) -> str | None:
    for match in SUBSTITUTION.finditer(_masked(msgstr, LITERAL)):
        written = msgstr[match.start():match.end()]
        if _kept(written, msgid, msgstr):
            return _replace_at(msgstr, match.start("key"), match.end("key"), match.group("key") + "x")
    return None


def _phrase_refs(msgid: str, msgstr: str) -> list[re.Match[str]]:
    """The named phrase references of the translation, when the source has two or more
    different ones and the translation keeps each as written."""
    source = {m.group("key") for m in PHRASE_REF.finditer(_masked(msgid, LITERAL))}
    found = list(PHRASE_REF.finditer(_masked(msgstr, LITERAL)))
    if len(source) < 2 or {m.group("key") for m in found} != source:
        return []
    if any(not _kept(m.group(0), msgid, msgstr) for m in found):
        return []
    return found


def plant_reference_changed(msgid: str, msgstr: str) -> str | None:
    """Two named references renamed to names no section has: Sphinx maps them back to
    the two lost targets in an order that changes between builds (links swap)."""
    found = _phrase_refs(msgid, msgstr)
    if not found:
        return None
    first = next(m for m in found)
    second = next(m for m in found if m.group("key") != first.group("key"))
    for match, name in sorted(((first, "Zqx unrelated one"), (second, "Zqx unrelated two")),
                              key=lambda pair: -pair[0].start()):
        msgstr = _replace_at(msgstr, match.start("key"), match.end("key"), name)
    return msgstr


def plant_reference_duplicated(msgid: str, msgstr: str) -> str | None:
    """A named reference replaced by a copy of another of the message's: both links go
    to the first target and the second target's link is lost (nothing is unresolved,
    so Sphinx maps nothing back)."""
    found = _phrase_refs(msgid, msgstr)
    if not found:
        return None
    first = found[0]
    other = next(m for m in found if m.group("key") != first.group("key"))
    return _replace_at(msgstr, other.start("key"), other.end("key"), first.group("key"))


def plant_fuzzy_flag(msgid: str, msgstr: str) -> str | None:
    """Marker: the catalog edit adds ``#, fuzzy``; the msgstr stays."""
    return msgstr


def plant_emptied(msgid: str, msgstr: str) -> str | None:
    return ""


#: kind -> (plant, the check id expected to report it)
KINDS: dict[str, tuple[Callable[[str, str], str | None], str]] = {
    "literal-changed": (plant_literal_changed, "literal-changed"),
    "literal-dropped": (plant_literal_dropped, "literal-changed"),
    "literal-glued": (plant_literal_glued, "literal-changed"),
    "role-target-changed": (plant_role_target_changed, "role-target-changed"),
    "term-changed": (plant_term_changed, "role-target-changed"),
    "role-broken": (plant_role_broken, "role-target-changed"),
    "prose-role-broken": (plant_prose_role_broken, "role-broken"),
    "url-changed": (plant_url_changed, "url-changed"),
    "url-localized-elsewhere": (plant_url_localized_elsewhere, "url-changed"),
    "url-cut": (plant_url_cut, "url-changed"),
    "leading-space": (plant_leading_space, "rst-syntax"),
    "list-marker": (plant_list_marker, "rst-syntax"),
    "inline-unclosed": (plant_inline_unclosed, "rst-syntax"),
    "substitution-changed": (plant_substitution_changed, "reference-changed"),
    "reference-changed": (plant_reference_changed, "reference-changed"),
    "reference-duplicated": (plant_reference_duplicated, "reference-changed"),
    "fuzzy-flag": (plant_fuzzy_flag, "fuzzy"),
    "emptied": (plant_emptied, "untranslated"),
}
