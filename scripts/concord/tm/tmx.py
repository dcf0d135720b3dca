"""TMX 1.4b in and out: the durable, reviewable form of the memory.

Reading is streamed: each ``<tu>`` is cleared and removed from its parent once its
units are yielded, so peak memory does not grow with the file (``bench/bench_tmx.py``
measures a million units). It is hardened with defusedxml: a file that declares entities (the "billion laughs") or refers to external
ones (XXE) is refused before anything is expanded or fetched. Writing escapes reST's
``<target>`` and ``&`` as XML text, so inline markup survives the round trip, and
produces the same bytes for the same units (units sorted, header date = latest
change), so the files in ``tm/`` diff cleanly in git.

Characters XML 1.0 cannot carry at all, not even as ``&#...;`` (C0 controls other than
tab, line feed and carriage return, U+FFFE, U+FFFF), are valid in a catalog: msgfmt
accepts a form feed in a msgstr. TMX 1.4b marks non-text codes inside a segment with
``<ph>`` (placeholder, ``type`` open to ``x-`` values), so such a character is written
as ``<ph type="x-concord-char">U+000C</ph>`` and read back as the character: import ->
export -> import gives the same unit. A unit that cannot be written even so (a lone
surrogate, or a control character in an attribute-like field) is skipped with one
line naming it; the export of the rest goes on.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from xml.etree.ElementTree import Element, ParseError
from xml.sax.saxutils import escape, quoteattr

from concord import __version__
from concord.errors import ConcordError
from concord.tm.store import Unit

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_UNWRITABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_SURROGATE = re.compile("[\ud800-\udfff]")
#: ``<ph type=...>`` of a character XML cannot carry; its text is ``U+XXXX``.
CHAR_PH = "x-concord-char"
_CODEPOINT = re.compile(r"U\+([0-9A-Fa-f]{4,6})")


class TMXError(ConcordError):
    """A TMX file that cannot be imported; nothing from it was kept."""


def tmx_date(iso: str) -> str:
    """``2026-11-29T14:00:00Z`` -> ``20261129T140000Z`` (TMX's date format)."""
    digits = re.sub(r"[^0-9T]", "", iso.replace("Z", ""))
    return (digits[:15] + "Z") if len(digits) >= 15 else ""


def iso_date(tmx: str | None) -> str:
    if not tmx or not re.fullmatch(r"\d{8}T\d{6}Z", tmx):
        return ""
    return f"{tmx[0:4]}-{tmx[4:6]}-{tmx[6:8]}T{tmx[9:11]}:{tmx[11:13]}:{tmx[13:15]}Z"


def read_tmx(path: Path, *, origin: str | None = None) -> Iterator[Unit]:
    """Units of a TMX file, one per target language of each ``<tu>``, streamed.

    Raises TMXError naming the file (and line when the XML says it) for malformed or
    hostile input; callers import inside one transaction so nothing is kept then.
    """
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import iterparse

    shown = origin or str(path)
    srclang = ""
    try:
        context = iterparse(str(path), events=("start", "end"), forbid_dtd=False,
                            forbid_entities=True, forbid_external=True)
        open_elements: list[Element] = []
        for event, element in context:
            if event == "start":
                if not open_elements and element.tag != "tmx":
                    raise TMXError(
                        f"the root element is <{element.tag}>, not <tmx>; is this a TMX file?",
                        location=shown,
                    )
                open_elements.append(element)
                continue
            open_elements.pop()
            if element.tag == "header":
                srclang = element.get("srclang", "")
            elif element.tag == "tu":
                yield from _units_of_tu(element, srclang, shown)
                _forget(element, open_elements)
    except DefusedXmlException as err:
        raise TMXError(
            f"refused: the file declares or references XML entities ({type(err).__name__}: {err}); "
            "TMX needs none, so this is either broken or an attack (billion laughs, XXE). "
            "Remove the <!DOCTYPE>'s <!ENTITY> declarations and export the memory again",
            location=shown,
        ) from err
    except ParseError as err:
        line = err.position[0] if getattr(err, "position", None) else None
        raise TMXError(
            f"not well-formed XML ({err.msg if hasattr(err, 'msg') else err}); nothing was "
            "imported from this file: fix it or export it again from its tool",
            location=f"{shown}:{line}" if line else shown,
        ) from err
    except OSError as err:
        raise TMXError(f"cannot read the file ({err.strerror})", location=shown) from err


def _forget(element: Element, open_elements: list[Element]) -> None:
    """Free a processed element: clearing it is not enough, its parent (``<body>``)
    would still hold every ``<tu>`` read so far."""
    element.clear()
    if open_elements:
        open_elements[-1].remove(element)


def _seg_text(seg: Element) -> str:
    """The text of a ``<seg>``: inline codes' native text kept (``<bpt>&lt;b&gt;</bpt>``),
    concord's ``<ph type="x-concord-char">U+000C</ph>`` turned back into its character."""
    parts = [seg.text or ""]
    for child in seg:
        code = _CODEPOINT.fullmatch(child.text or "") if child.get("type") == CHAR_PH else None
        parts.append(chr(int(code.group(1), 16)) if code else "".join(child.itertext()))
        parts.append(child.tail or "")
    return "".join(parts)


def _units_of_tu(tu: Element, srclang: str, shown: str) -> Iterator[Unit]:
    props = {p.get("type", ""): (p.text or "") for p in tu.findall("prop")}
    variants: dict[str, str] = {}
    for tuv in tu.findall("tuv"):
        lang = tuv.get(XML_LANG) or tuv.get("lang") or ""
        seg = tuv.find("seg")
        if not lang or seg is None:
            continue
        variants[lang] = _seg_text(seg)
    source_lang = tu.get("srclang") or srclang
    if source_lang in ("", "*all*"):
        source_lang = next(iter(variants), "")
    source = _pick(variants, source_lang)
    if source is None:
        return
    created = iso_date(tu.get("creationdate"))
    changed = iso_date(tu.get("changedate")) or created
    for lang, target in variants.items():
        if _same_lang(lang, source_lang) or not target:
            continue
        yield Unit(
            source=source[1], target=target, source_lang=source[0], target_lang=lang,
            origin=props.get("x-concord-origin") or shown,
            context=props.get("x-concord-context", ""),
            created=created, changed=changed,
            translator=tu.get("changeid") or tu.get("creationid") or "",
        )


def _same_lang(a: str, b: str) -> bool:
    return a.lower().replace("_", "-") == b.lower().replace("_", "-")


def _pick(variants: dict[str, str], lang: str) -> tuple[str, str] | None:
    for key, text in variants.items():
        if _same_lang(key, lang):
            return key, text
    for key, text in variants.items():  # "en" asked, "en-US" present
        if key.lower().split("-")[0] == lang.lower().split("-")[0]:
            return key, text
    return None


#: TMX's header ``srclang`` for a file whose units have different source languages.
ALL_SOURCES = "*all*"


class Unwritable(ValueError):
    """A unit TMX cannot carry; the export skips it and says which."""


def write_tmx(path: Path, units: Iterable[Unit], *, source_lang: str,
              on_skip: Callable[[Unit, str], None] | None = None) -> int:
    """Write ``units`` (already in a stable order) as TMX 1.4b; return how many.

    The file is written beside ``path`` and renamed over it, so an interrupted export
    leaves the previous file intact. A unit TMX cannot carry is left out and passed to
    ``on_skip`` with the reason; one odd unit never blocks the export of the others.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    count = 0
    latest = ""
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as body:
            for unit in units:
                try:
                    body.write(_tu(unit, own_srclang=source_lang == ALL_SOURCES))
                except Unwritable as err:
                    if on_skip is not None:
                        on_skip(unit, str(err))
                    continue
                latest = max(latest, unit.changed, unit.created)
                count += 1
        _finish(path, tmp_name, _header(source_lang, latest))
    finally:
        Path(tmp_name).unlink(missing_ok=True)
    return count


def _finish(path: Path, body_name: str, header: str) -> None:
    """Header + body into a second temporary file, fsynced, renamed over ``path``."""
    final_fd, final_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(final_fd, "w", encoding="utf-8", newline="\n") as out, \
                open(body_name, encoding="utf-8") as body_in:
            out.write(header)
            while chunk := body_in.read(1 << 20):
                out.write(chunk)
            out.write("  </body>\n</tmx>\n")
            out.flush()
            os.fsync(out.fileno())
        os.chmod(final_name, path.stat().st_mode & 0o777 if path.exists() else 0o644)
        os.replace(final_name, path)
    except BaseException:
        Path(final_name).unlink(missing_ok=True)
        raise


def _header(source_lang: str, latest: str) -> str:
    date = tmx_date(latest) or dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<tmx version="1.4">\n'
        f'  <header creationtool="concord" creationtoolversion={quoteattr(__version__)}'
        ' segtype="paragraph" o-tmf="concord-tm" adminlang="en"'
        f' srclang={quoteattr(source_lang)} datatype="plaintext" creationdate="{date}"/>\n'
        "  <body>\n"
    )


def _text(value: str) -> str:
    """XML text: ``<``, ``>`` and ``&`` escaped, carriage returns kept as a reference
    (a parser would otherwise turn them into line feeds)."""
    return escape(value).replace("\r", "&#13;")


def _seg(value: str) -> str:
    """A segment's content: text, with each character XML cannot carry as a ``<ph>``."""
    if _SURROGATE.search(value):
        raise Unwritable(f"a lone surrogate ({_SURROGATE.search(value).group()!r}) is not a "  # type: ignore[union-attr]
                         "character any XML or UTF-8 file can hold")
    parts = []
    last = 0
    for found in _INVALID_XML.finditer(value):
        parts.append(_text(value[last:found.start()]))
        parts.append(f'<ph type="{CHAR_PH}">U+{ord(found.group()):04X}</ph>')
        last = found.end()
    parts.append(_text(value[last:]))
    return "".join(parts)


def _plain(value: str, what: str) -> str:
    """Text of a ``<prop>`` or an attribute, which cannot hold a ``<ph>``."""
    bad = _UNWRITABLE.search(value)
    if bad:
        raise Unwritable(f"its {what} holds {bad.group()!r}, which XML cannot carry outside a segment")
    return value


def _tu(unit: Unit, *, own_srclang: bool = False) -> str:
    """One ``<tu>`` as text; raises :class:`Unwritable` for a unit TMX cannot carry."""
    attrs = f' creationdate="{tmx_date(unit.created)}"' if tmx_date(unit.created) else ""
    if tmx_date(unit.changed):
        attrs += f' changedate="{tmx_date(unit.changed)}"'
    if unit.translator:
        attrs += f" creationid={quoteattr(_plain(unit.translator, 'translator'))}"
    if own_srclang:  # a file of several source languages names each unit's (TMX 1.4b)
        attrs += f" srclang={quoteattr(_plain(unit.source_lang, 'language'))}"
    lines = [f"    <tu{attrs}>\n"]
    if unit.origin:
        lines.append(f'      <prop type="x-concord-origin">{_text(_plain(unit.origin, "origin"))}</prop>\n')
    if unit.context:
        lines.append(f'      <prop type="x-concord-context">{_text(_plain(unit.context, "context"))}</prop>\n')
    source_lang = quoteattr(_plain(unit.source_lang, "language"))
    target_lang = quoteattr(_plain(unit.target_lang, "language"))
    lines.append(f"      <tuv xml:lang={source_lang}><seg>{_seg(unit.source)}</seg></tuv>\n")
    lines.append(f"      <tuv xml:lang={target_lang}><seg>{_seg(unit.target)}</seg></tuv>\n")
    lines.append("    </tu>\n")
    return "".join(lines)
