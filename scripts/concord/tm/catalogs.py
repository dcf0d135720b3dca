"""Units from gettext catalogs: a project's own, or any .po compendium.

Only finished work enters the memory: translated entries that are neither fuzzy nor
obsolete. The unit's context is the catalog's domain (``articles/<slug>``), plus the
``msgctxt`` after a ``|``, so an identical sentence in the same article is a 101%
match and one from another article is 100%.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import polib

from concord.catalog import load_catalog
from concord.errors import CatalogError
from concord.tm.store import Unit, now_iso

_PLACEHOLDER_TRANSLATOR = re.compile(r"FULL NAME|EMAIL@ADDRESS", re.IGNORECASE)


def context_of(domain: str, msgctxt: str | None) -> str:
    return f"{domain}|{msgctxt}" if msgctxt else domain


def language_of(path: Path, po: polib.POFile) -> str:
    """The catalog's language: its ``Language`` header, else ``<lang>/LC_MESSAGES/``."""
    declared = (po.metadata.get("Language") or "").strip()
    if declared:
        return declared
    parts = path.resolve().parts
    if "LC_MESSAGES" in parts:
        index = parts.index("LC_MESSAGES")
        if index > 0:
            return parts[index - 1]
    return ""


def po_date(value: str | None) -> str:
    """``2026-11-29 14:00+0000`` -> ``2026-11-29T14:00:00Z`` ('' when unparsable)."""
    if not value:
        return ""
    for fmt in ("%Y-%m-%d %H:%M%z", "%Y-%m-%d %H:%M:%S%z"):
        try:
            parsed = dt.datetime.strptime(value.strip(), fmt)
        except ValueError:
            continue
        return parsed.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    return ""


def catalog_units(path: Path, *, source_lang: str, target_lang: str | None = None,
                  domain: str | None = None, origin: str | None = None,
                  po: polib.POFile | None = None) -> list[Unit]:
    """The finished translations of one catalog, as memory units.

    Raises CatalogError (file and line) when the catalog is malformed, or when its
    language cannot be told.
    """
    shown = origin or str(path)
    po = po if po is not None else load_catalog(path, display=shown)
    lang = target_lang or language_of(path, po)
    if not lang:
        raise CatalogError(
            "cannot tell the catalog's language (no Language header, not under "
            "<lang>/LC_MESSAGES/); pass it with --target-lang", path=shown,
        )
    translator = (po.metadata.get("Last-Translator") or "").strip()
    if _PLACEHOLDER_TRANSLATOR.search(translator):
        translator = ""
    changed = po_date(po.metadata.get("PO-Revision-Date")) or now_iso()
    created = po_date(po.metadata.get("POT-Creation-Date")) or changed
    domain = domain if domain is not None else path.stem
    units = []
    for entry in po:
        if entry.obsolete or entry.fuzzy:
            continue
        pairs = [(entry.msgid, entry.msgstr)]
        if entry.msgid_plural:
            pairs = [(entry.msgid, entry.msgstr_plural.get(0, "")),
                     (entry.msgid_plural, entry.msgstr_plural.get(1, ""))]
        for source, target in pairs:
            if not source or not target:
                continue
            units.append(Unit(
                source=source, target=target, source_lang=source_lang, target_lang=lang,
                origin=shown, context=context_of(domain, entry.msgctxt),
                created=min(created, changed), changed=changed, translator=translator,
            ))
    return units
