"""Links: the translation's URLs must take the reader where the source's take them.

A translator may point a link at the same page in their language (a language
subdomain such as ``es.wikipedia.org``, a language path segment such as
``docs.python.org/es/3/`` or ``/es/latest/``, a ``hl=``/``lang=`` parameter), and may
make cosmetic changes (``http`` -> ``https``, ``www.`` added or dropped, host case, a
trailing slash): the reader still reaches the same resource, so these are reported as
information (``url-localized``), not errors. A URL the translator adds is information
too (``url-added``). Another host or another page is an error (``url-changed``), and so
is a bare URL that reST cuts short: docutils ends a standalone URL at the first
character that is not ASCII URL text, and links nothing when text is glued after it.

A note's body (a citation) is left to ``footnote-body``, where URLs must be identical.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import parse_qsl, urlsplit

from concord import rst
from concord.checks.base import CatalogContext, MessageCheck, Unit, listing

#: Query parameters that only choose the page's language.
LANGUAGE_PARAMETERS = frozenset({"hl", "lang", "language", "locale", "lng", "uselang", "setlang"})
#: A bare URL as a reader sees it: everything up to a space or a bracket.
_BARE_URL = re.compile(r"(?<![<A-Za-z0-9])(?:https?|ftp)://[^\s<>`\"“”«»]+")
#: A URL with non-ASCII text glued before or inside it: reST may link it short, or not at all.
_GLUED = re.compile(r"[^\s\x00-\x7f](?:https?|ftp)://|(?:https?|ftp)://[!-~]*[^\s!-~]")
_MARKUP = re.compile(r"``.*?``|`[^`]*`")
_TRAILING = ".,;:!?)]}'’”»。、，；：！？）」』】"


@lru_cache(maxsize=4096)
def is_language_code(label: str) -> bool:
    """``es``, ``pt-br``, ``zh_CN``: a language (with an optional region), as CLDR knows it.

    Two-letter codes only (ISO 639-1, with a region): three-letter path segments such
    as ``api`` or ``doc`` would too often be taken for languages.
    """
    from babel import localedata

    match = re.fullmatch(r"([a-zA-Z]{2})(?:[-_]([a-zA-Z]{2}|[a-zA-Z]{4}))?", label)
    if match is None:
        return False
    return localedata.exists(match.group(1).lower())


@dataclass(frozen=True)
class _Url:
    host: str          # lower case, without ``www.``
    labels: tuple[str, ...]
    port: int | None
    path: tuple[str, ...]
    query: tuple[tuple[str, str], ...]
    fragment: str


def _split(url: str) -> _Url | None:
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return None
    host = (parts.hostname or "").lower().removeprefix("www.")
    path = tuple(s for s in parts.path.split("/") if s)
    query = tuple(sorted(parse_qsl(parts.query, keep_blank_values=True)))
    return _Url(host, tuple(host.split(".")), port, path, query, parts.fragment)


def relation(source: str, target: str) -> str | None:
    """``cosmetic`` or ``localized`` when ``target`` reaches the resource ``source`` names
    (see the module docstring); ``None`` when it is another site or page."""
    a, b = _split(source), _split(target)
    if a is None or b is None or a.port != b.port:
        return None
    query_a = tuple(p for p in a.query if p[0].lower() not in LANGUAGE_PARAMETERS)
    query_b = tuple(p for p in b.query if p[0].lower() not in LANGUAGE_PARAMETERS)
    if (a.host, a.path, query_a, a.fragment) == (b.host, b.path, query_b, b.fragment):
        return "cosmetic" if a.query == b.query else "localized"
    if query_a != query_b:
        return None
    if a.host == b.host:
        return "localized" if _language_segment(a.path, b.path) else None
    if _language_subdomain(a.labels, b.labels):
        # another language edition of the site names its pages in its language
        return "localized" if a.path[:1] == b.path[:1] else None
    return None


#: A documentation host's version segment (``/es/latest/``, ``/pt_BR/master``, ``/es/3.12/``).
_VERSION = re.compile(r"latest|stable|master|main|dev(?:el)?|\d+(?:\.\d+)*")


def _language_segment(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """``/3/x`` vs ``/es/3/x``, ``/en/latest/`` vs ``/es/latest/``, or a site's root vs
    its edition in a language (``/`` vs ``/pt_BR/master``, as Read the Docs and
    sphinx-doc.org serve them)."""
    if len(a) == len(b):
        diff = [i for i, (x, y) in enumerate(zip(a, b)) if x != y]
        return len(diff) == 1 and is_language_code(a[diff[0]]) and is_language_code(b[diff[0]])
    short, long = (a, b) if len(a) < len(b) else (b, a)
    if len(long) == len(short) + 2:
        return any(long[:i] + long[i + 2:] == short and is_language_code(long[i])
                   and _VERSION.fullmatch(long[i + 1]) is not None and (i + 2 < len(long) or not short)
                   for i in range(len(long) - 1))
    if len(long) != len(short) + 1:
        return False
    return any(long[:i] + long[i + 1:] == short and is_language_code(long[i]) for i in range(len(long)))


def _language_subdomain(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """``en.wikipedia.org`` vs ``es.wikipedia.org`` (or vs ``wikipedia.org``)."""
    if len(a) == len(b) and len(a) > 2:
        return a[1:] == b[1:] and is_language_code(a[0]) and is_language_code(b[0])
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return len(long) == len(short) + 1 and len(short) >= 2 and long[1:] == short and is_language_code(long[0])


@dataclass(frozen=True)
class UrlDiff:
    """How the translation's URLs relate to the source's."""

    missing: tuple[str, ...]                    # source URLs nothing in the translation reaches
    extra: tuple[str, ...]                      # translation URLs that reach no source URL
    kept: tuple[tuple[str, str, str], ...]      # (source, translation, cosmetic|localized)
    cut: tuple[tuple[str, str], ...]            # (as written, as reST links it or "")


def url_diff(unit: Unit) -> UrlDiff:
    """Computed once per unit for the three URL checks."""
    cached = unit.__dict__.get("_url_diff")
    if cached is None:
        cached = unit.__dict__["_url_diff"] = _url_diff(unit.source, unit.target)
    return cached


def _url_diff(source: str, target: str) -> UrlDiff:
    src, tgt = rst.parse(source).urls, rst.parse(target).urls
    common = src & tgt
    missing, extra = list((src - common).elements()), list((tgt - common).elements())
    kept = []
    for url in list(missing):
        for other in extra:
            how = relation(url, other)
            if how is not None:
                kept.append((url, other, how))
                missing.remove(url)
                extra.remove(other)
                break
    return UrlDiff(tuple(sorted(missing)), tuple(sorted(extra)), tuple(kept), tuple(_cut(source, target, tgt)))


def _cut(source: str, target: str, linked: Counter[str]) -> Iterable[tuple[str, str]]:
    """Bare URLs of the translation that reST links short (or not at all)."""
    if "://" not in target:
        return
    # only a URL outside inline markup is a bare link (``code``, `text <url>`_ are not)
    bare = _MARKUP.sub(lambda m: " " * len(m.group(0)), target)
    for match in _BARE_URL.finditer(bare):
        written = match.group(0).rstrip(_TRAILING)
        if written in linked or written in source or "`" in written:
            continue
        prefix = max((u for u in linked if written.startswith(u)), key=len, default="")
        yield written, prefix


def _common_prefix(a: str, b: str) -> int:
    return next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))


def _skip(unit: Unit, ctx: CatalogContext) -> bool:
    if "://" not in unit.source and "://" not in unit.target:
        return True
    # a note's body: footnote-body reports it, naming the note (URLs identical there)
    return ctx.source is not None and unit.source in ctx.source.body_messages


class UrlChanged(MessageCheck):
    """A link must take readers where the source's link does: another site or another
    page sends them elsewhere, and a lost link leaves them nowhere.

    Keep the source's URL, or use the same page in your language on the same site
    (``url-localized``). A bare URL ends, for reST, at the first character that is not
    ASCII URL text: percent-encode letters such as ``ñ`` (``%C3%B1``) and keep a space
    (or ``\\ ``) between the URL and the text after it.
    """

    id = "url-changed"
    name = "URL changed"
    description = "every URL of the source reaches the same resource in the translation"
    family = "markup"
    source_needs = target_needs = ("://",)

    def check_message(self, unit: Unit, ctx: CatalogContext) -> Iterable[str]:
        if _skip(unit, ctx):
            return
        if rst.urls_equal(unit.source, unit.target) and not _GLUED.search(unit.target):
            return
        diff = url_diff(unit)
        for written, linked in diff.cut:
            shown = f"links only {linked}" if linked else "makes no link of it"
            yield (f"reST reads the bare URL {written} differently: it {shown}; percent-encode "
                   "non-ASCII characters (ñ -> %C3%B1) and put a space or '\\ ' between the URL "
                   "and the text after it")
        # a URL cut short is the change the source's URL went through: said once, above
        missing = list(diff.missing)
        for written, _ in diff.cut:
            if missing:
                missing.remove(max(missing, key=lambda url: _common_prefix(url, written)))
        extra = [e for e in diff.extra if e not in {linked for _, linked in diff.cut}]
        if not missing:
            return
        if extra:
            yield (f"the link to {listing(missing)} now goes to {listing(extra)}, another "
                   "site or page; keep the source's URL (or the same page in your language)")
        else:
            yield (f"the link to {listing(missing)} is gone from the translation; keep the "
                   "source's URL (for a link with text: `translated text <URL>`_)")


class UrlLocalized(MessageCheck):
    """The translation links the same resource in another language or with a cosmetic
    difference (``https``, ``www.``, case, trailing slash): readers reach the same page.

    Information only; raise its severity if your project wants the source's URLs verbatim.
    """

    id = "url-localized"
    name = "URL localized"
    description = "a URL changed to the same page in another language, or cosmetically"
    family = "markup"
    severity = "info"
    source_needs = target_needs = ("://",)

    def check_message(self, unit: Unit, ctx: CatalogContext) -> Iterable[str]:
        if _skip(unit, ctx) or rst.urls_equal(unit.source, unit.target):
            return
        for source, target, how in url_diff(unit).kept:
            kind = "the same page in another language" if how == "localized" else "a cosmetic change"
            yield f"{source} -> {target} ({kind}); nothing to do unless your project keeps URLs verbatim"


class UrlAdded(MessageCheck):
    """The translation links a URL the source does not have (all the source's are kept)."""

    id = "url-added"
    name = "URL added"
    description = "the translation adds a link the source does not have"
    family = "markup"
    severity = "info"
    source_needs = target_needs = ("://",)

    def check_message(self, unit: Unit, ctx: CatalogContext) -> Iterable[str]:
        if _skip(unit, ctx) or rst.urls_equal(unit.source, unit.target):
            return
        diff = url_diff(unit)
        if diff.extra and not diff.missing:
            yield f"the translation adds {listing(diff.extra)}; check that the link belongs here"
