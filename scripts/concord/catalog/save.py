"""Writing catalogs: atomically, and so that the diff shows only real changes.

Two promises:

* **Atomic.** A catalog is written to a temporary file beside it, fsynced and renamed
  over it: a crash (or a killed ``concord update``) leaves the old file or the new one,
  never a truncated mix.
* **Stable.** An entry whose content did not change is written back with its original
  bytes, whatever tool wrapped it (sphinx-intl/Babel at 76 columns, Poedit, msgmerge
  at 79): :func:`save_catalog` reads the file it is about to replace, and re-emits
  each unchanged entry's original text. Only new or changed entries are rendered, by
  polib at :data:`~concord.catalog.load.WRAP_WIDTH` columns, which is deterministic,
  so a second run changes nothing.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

import polib

from concord.catalog.load import WRAP_WIDTH


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``path``, fsync it, then rename it over.

    A reader (or a crash) sees either the old file or the new one, never a mix.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    mode = path.stat().st_mode & 0o777 if path.exists() else 0o644
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as tmp:
            tmp.write(data)
            tmp.flush()
            os.fsync(tmp.fileno())
        os.chmod(tmp_name, mode)
        os.replace(tmp_name, path)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise
    dir_fd = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


def save_catalog(po: polib.POFile, path: Path, *, original: str | None = None) -> bool:
    """Write ``po`` to ``path`` atomically, keeping unchanged entries byte-identical.

    ``original`` is the text the catalog was read from (default: the file now at
    ``path``). Returns False, and does not touch the file, when nothing changed.
    """
    if original is None:
        try:
            original = path.read_text(encoding="utf-8")
        except (FileNotFoundError, UnicodeDecodeError):
            original = ""
    text = render_catalog(po, original)
    if text == original:
        return False
    atomic_write_bytes(path, text.encode("utf-8"))
    return True


def render_catalog(po: polib.POFile, original: str = "") -> str:
    """The text of ``po``, reusing ``original``'s text for every unchanged entry."""
    blocks = _original_blocks(original)
    parts = []
    header_key = ("header",)
    header_sig = _header_signature(po)
    if header_key in blocks and blocks[header_key][0] == header_sig:
        parts.append(blocks[header_key][1])
    else:
        parts.append(_render_header(po))
    ordered = [e for e in po if not e.obsolete] + [e for e in po if e.obsolete]
    for entry in ordered:
        found = blocks.get(_entry_key(entry))
        if found is not None and found[0] == _signature(entry):
            parts.append(found[1])
        else:
            parts.append(entry.__unicode__(wrapwidth=WRAP_WIDTH).rstrip("\n"))
    return "\n\n".join(p for p in parts if p) + "\n"


def _entry_key(entry: polib.POEntry) -> tuple[Any, ...]:
    return ("entry", bool(entry.obsolete), entry.msgctxt, entry.msgid)


def _signature(entry: polib.POEntry) -> tuple[Any, ...]:
    return (
        entry.msgctxt, entry.msgid, entry.msgid_plural, entry.msgstr,
        tuple(sorted(entry.msgstr_plural.items())), tuple(entry.flags), entry.tcomment,
        entry.comment, tuple(tuple(o) for o in entry.occurrences), entry.previous_msgctxt,
        entry.previous_msgid, entry.previous_msgid_plural, bool(entry.obsolete),
    )


def _header_signature(po: polib.POFile) -> tuple[Any, ...]:
    return (po.header, tuple(po.metadata.items()), tuple(po.metadata_is_fuzzy or ()))


def _render_header(po: polib.POFile) -> str:
    """Header comment and metadata in their existing order (polib would reorder it)."""
    lines = []
    if po.header:
        lines += [f"# {line}".rstrip() if line else "#" for line in po.header.split("\n")]
    if po.metadata_is_fuzzy:
        lines.append("#, fuzzy")
    lines += ['msgid ""', 'msgstr ""']
    lines += ['"' + polib.escape(f"{key}: {value}\n") + '"' for key, value in po.metadata.items()]
    return "\n".join(lines)


def _original_blocks(text: str) -> dict[tuple[Any, ...], tuple[tuple[Any, ...], str]]:
    """Map each entry of ``text`` (and its header) to (signature, original text)."""
    blocks: dict[tuple[Any, ...], tuple[tuple[Any, ...], str]] = {}
    if not text.strip():
        return blocks
    for number, block in enumerate(b.strip("\n") for b in text.split("\n\n")):
        if not block.strip():
            continue
        try:
            parsed = polib.pofile(block + "\n", wrapwidth=WRAP_WIDTH)
        except (OSError, ValueError):
            continue
        entries = list(parsed)
        if number == 0 and not entries and (parsed.metadata or parsed.header):
            blocks[("header",)] = (_header_signature(parsed), block)
        elif len(entries) == 1:
            key = _entry_key(entries[0])
            if key in blocks:  # a duplicate: do not guess which text belongs where
                blocks[key] = ((), "")
            else:
                blocks[key] = (_signature(entries[0]), block)
    return blocks


def compile_mo(po: polib.POFile, mo_path: Path) -> None:
    """Compile to .mo atomically (fuzzy entries are left out, as msgfmt does)."""
    tmp = mo_path.with_name(f".{mo_path.name}.tmp")
    mo_path.parent.mkdir(parents=True, exist_ok=True)
    try:
        po.save_as_mofile(str(tmp))
        os.replace(tmp, mo_path)
    finally:
        tmp.unlink(missing_ok=True)
