"""Languages of a publication's editions, named and linked through Babel's data.

Every edition names every language in that language itself ("English", "Türkçe",
"Русский"): a reader who does not read the current edition still finds their own.
"""

from __future__ import annotations

from dataclasses import dataclass

from babel import Locale, UnknownLocaleError


def autonym(lang: str) -> str:
    """The language's name in itself, capitalised as a menu item ("Русский")."""
    try:
        locale = Locale.parse(lang.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return lang
    name = locale.get_display_name(locale) or lang
    return name[:1].upper() + name[1:]


def language_tag(lang: str) -> str:
    """BCP 47 tag for ``lang``/``hreflang`` attributes (``pt_BR`` -> ``pt-BR``)."""
    return lang.replace("_", "-")


@dataclass(frozen=True)
class EditionLink:
    """A link from one page to the same page in another edition."""

    lang: str
    tag: str
    name: str
    href: str
    current: bool


def edition_links(
    pagename: str, current: str, languages: list[str], target_suffix: str,
    base_url: str = "",
) -> list[EditionLink]:
    """Links to ``pagename`` in every edition, laid out as ``<root>/<lang>/<page>``.

    Without ``base_url`` the links are relative to the current page, so the editions
    can be moved or served from any folder; with it they are absolute, as search
    engines prefer for ``hreflang``.
    """
    up = "../" * (pagename.count("/") + 1)
    links = []
    for lang in languages:
        target = f"{lang}/{pagename}{target_suffix}"
        if base_url:
            href = base_url.rstrip("/") + "/" + target
        else:
            href = up + target
        links.append(EditionLink(lang, language_tag(lang), autonym(lang), href, lang == current))
    return links
