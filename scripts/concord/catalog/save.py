"""Writing catalogs: atomically, and so that the diff shows only real changes.

Three promises:

* **Atomic.** A catalog is written to a temporary file beside it, fsynced and renamed
  over it: a crash (or a killed ``concord update``) leaves the old file or the new one,
  never a truncated mix. The temporary file's name carries the writer's process id
  (``.<name>.<pid>.<random>.tmp``); one left by a writer that was killed is removed by
  the next write or update of that catalog, and a live writer's is left alone. A
  symlinked catalog is written through to its target (the link stays a link); a
  caller may refuse targets outside its project.
* **Quiet.** Each catalog keeps its own conventions: its line endings (CRLF stays
  CRLF), the width it was wrapped at (:func:`detect_width`: sphinx-intl/Babel's 76,
  GNU gettext's 79, or whatever the lines show), and, for every entry, the original
  lines of each part that did not change (translator comments, ``#.``, ``#:``, ``#,``,
  ``#|``, the msgctxt/msgid/msgstr body; :mod:`concord.catalog.blocks`). When a source
  line moves, only the ``#:`` lines are rewritten. The header keeps its lines too;
  only a changed field's line is replaced.
* **Stable.** What is rendered is rendered by polib at the detected width, which is
  deterministic, so a second run changes nothing.
"""

from __future__ import annotations

import os
import re
import tempfile
import textwrap
from pathlib import Path
from typing import Any

import polib

from concord.catalog.blocks import PARTS, Block, entry_value, parse_blocks
from concord.catalog.load import WRAP_WIDTH
from concord.errors import CatalogError

#: Widths gettext tools write with, in polib's terms (a line is at most this long, a
#: word that would make it longer goes to the next line): Babel/sphinx-intl's 76 (lines
#: shorter than 76), polib's default 78, which is also how GNU gettext's "79 columns"
#: wraps (it keeps room for the space after the word; measured with msgcat).
KNOWN_WIDTHS = (75, 76, 78, 79, 80, 77)
#: Wrapped lines read to detect the width (a tool wraps a whole file alike).
DETECT_SAMPLE = 2000
DETECT_CHARS = 4_000_000
_TEMPORARY = re.compile(r"^\.(?P<name>.+)\.(?P<pid>\d+)\.[^.]+\.tmp$")
_NO_NEXT_WORD = re.compile(r'^"(\S*)')


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``path``, fsync it, then rename it over.

    A reader (or a crash) sees either the old file or the new one, never a mix. A
    symlink is written through: its target is replaced, the link stays.
    """
    path = written_path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_temporaries(path)
    mode = path.stat().st_mode & 0o777 if path.exists() else 0o644
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp", dir=path.parent)
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


def written_path(path: Path, *, within: Path | None = None) -> Path:
    """The file a write to ``path`` must replace: the target of a symlink, else ``path``.

    With ``within``, a symlink whose target lies outside that folder is refused: an
    update must not write into a file of another project (or ``/etc``).
    """
    if not path.is_symlink():
        return path
    target = path.resolve()
    if within is not None and not target.is_relative_to(within.resolve()):
        raise CatalogError(
            f"is a symbolic link to {target}, outside the project {within}; concord writes "
            "catalogs only inside the project: replace the link by a copy, or update the "
            "catalog where it lives", path=str(path))
    return target


def remove_stale_temporaries(path: Path) -> list[Path]:
    """Remove temporary copies of ``path`` left by writers that no longer run."""
    removed = []
    try:
        candidates = list(path.parent.glob(f".{glob_escape(path.name)}.*.tmp"))
    except OSError:
        return removed
    for candidate in candidates:
        found = _TEMPORARY.match(candidate.name)
        if found is None or found.group("name") != path.name or _alive(int(found.group("pid"))):
            continue
        candidate.unlink(missing_ok=True)
        removed.append(candidate)
    return removed


def glob_escape(name: str) -> str:
    return re.sub(r"([*?\[])", r"[\1]", name)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's live process
    return True


def read_original(path: Path) -> str:
    """The text of the catalog at ``path`` as written (line endings kept), or ""."""
    try:
        with written_path(path).open(encoding="utf-8-sig", newline="") as handle:
            return handle.read()
    except (FileNotFoundError, UnicodeDecodeError):
        return ""


def save_catalog(po: polib.POFile, path: Path, *, original: str | None = None,
                 within: Path | None = None, if_changed: dict[str, str] | None = None,
                 blocks: list[Block] | None = None) -> bool:
    """Write ``po`` to ``path`` atomically, keeping unchanged lines byte-identical.

    ``original`` is the text the catalog was read from, line endings as in the file
    (default: the file now at ``path``). Returns False, and does not touch the file,
    when nothing changed; ``if_changed`` holds header fields to set only when something
    else did (``POT-Creation-Date``); ``blocks``, the original already read by
    :func:`concord.catalog.blocks.load_editable`. Stale temporary files of this catalog
    are removed either way.
    """
    target = written_path(path, within=within)
    remove_stale_temporaries(target)
    if original is None:
        original = read_original(target)
    text = render_catalog(po, original, if_changed=if_changed, blocks=blocks)
    if text == original:
        return False
    atomic_write_bytes(target, text.encode("utf-8"))
    return True


def render_catalog(po: polib.POFile, original: str = "", *,
                   if_changed: dict[str, str] | None = None, blocks: list[Block] | None = None) -> str:
    """The text of ``po``, reusing ``original``'s lines for every unchanged part.

    ``if_changed``: header fields set in ``po`` only if the text differs without them.
    """
    newline = "\r\n" if "\r\n" in original else "\n"
    text = original.replace("\r\n", "\n") if newline != "\n" else original
    width = detect_width(text) or getattr(po, "wrapwidth", 0) or WRAP_WIDTH
    if blocks is None:
        blocks = (parse_blocks(text) or []) if text.strip() else []
    header = blocks[0] if blocks and _is_header(blocks[0]) else None
    by_key: dict[Any, Block | None] = {}
    for block in blocks[1 if header else 0:]:
        by_key[block.key] = None if block.key in by_key else block  # duplicates: no guessing
    ordered = [e for e in po if not e.obsolete] + [e for e in po if e.obsolete]
    parts = [_render_entry(e, by_key.get((bool(e.obsolete), e.msgctxt, e.msgid)), width) for e in ordered]
    body = "\n\n".join(p for p in parts if p)
    rendered = _joined(_render_header(po, header), body)
    if if_changed and rendered != text and any(po.metadata.get(k) != v for k, v in if_changed.items()):
        po.metadata.update(if_changed)
        rendered = _joined(_render_header(po, header), body)
    return rendered.replace("\n", newline) if newline != "\n" else rendered


def _joined(header: str, body: str) -> str:
    return "\n\n".join(p for p in (header, body) if p) + "\n"


def detect_width(text: str) -> int | None:
    """The width ``text`` was wrapped at, from its wrapped strings; None if none is wrapped.

    A wrapped line is at most the width long (a lower bound), and the word that starts
    the next line did not fit on it (an upper bound). A tool's known width within the
    bounds wins; else the longest wrapped line's length.
    """
    lower, upper, seen = 0, 10_000, 0
    lines = text[:DETECT_CHARS].split("\n")
    for here, after in zip(lines, lines[1:]):
        if seen >= DETECT_SAMPLE:
            break
        line, following = here.strip(), after.strip()
        if line.startswith("#~"):
            line, following = line[2:].strip(), following[2:].strip()
        if not (line.startswith('"') and following.startswith('"')) or line.endswith('\\n"'):
            continue
        inner = line[1:-1].rstrip()
        seen += 1
        if " " in inner:
            lower = max(lower, len(line))
            word = _NO_NEXT_WORD.match(following)
            if word and word.group(1):
                upper = min(upper, len(line) + len(word.group(1)) - 1)
    if lower == 0:
        return None
    for known in KNOWN_WIDTHS:
        if lower <= known <= upper:
            return known
    return lower


def _is_header(block: Block) -> bool:
    return not block.obsolete and block.msgid == "" and block.msgctxt is None


def _render_entry(entry: polib.POEntry, block: Block | None, width: int) -> str:
    """The entry's text: each part from ``block`` when unchanged, else rendered."""
    if block is None:
        return str(entry.__unicode__(wrapwidth=width)).rstrip("\n")
    changed = [part for part in PARTS if block.value(part) != entry_value(entry, part)]
    if not changed:
        return block.text
    if block.obsolete or not set(changed) <= {"tcomment", "comment", "occ", "flags"}:
        fresh = _split(str(entry.__unicode__(wrapwidth=width)).rstrip("\n"))
    else:
        fresh = {part: _render_part(entry, part, width) for part in changed}
    lines: list[str] = []
    for part in PARTS:
        lines += fresh.get(part, []) if part in changed else block.lines.get(part, [])
    return "\n".join(lines)


def _render_part(entry: polib.POEntry, part: str, width: int) -> list[str]:
    """One comment part of ``entry``, wrapped as polib wraps it (polib renders only whole
    entries, which cost most of a large update when only ``#:`` lines moved)."""
    if part == "flags":
        return ["#, " + ", ".join(entry.flags)] if entry.flags else []
    if part == "occ":
        files = " ".join(f"{path}:{line}" if line else path for path, line in entry.occurrences)
        if not files:
            return []
        if len(files) + 3 <= width:
            return ["#: " + files]
        wrapped = textwrap.wrap(files.replace("-", "*"), width, initial_indent="#: ",
                                subsequent_indent="#: ", break_long_words=False)
        return [line.replace("*", "-") for line in wrapped]
    marker = "# " if part == "tcomment" else "#. "
    value = entry.tcomment if part == "tcomment" else entry.comment
    lines: list[str] = []
    for text in value.split("\n") if value else []:
        if len(text) + len(marker) > width:
            lines += textwrap.wrap(text, width, initial_indent=marker, subsequent_indent=marker,
                                   break_long_words=False)
        else:
            lines.append(marker + text)
    return lines


def _split(text: str) -> dict[str, list[str]]:
    """Lines of a rendered entry by part (the same split as :mod:`concord.catalog.blocks`)."""
    parts: dict[str, list[str]] = {}
    for line in text.split("\n"):
        if line.startswith("#~"):
            part = "previous" if line[2:].lstrip(" ").startswith("|") else "body"
        elif line.startswith("#"):
            part = {".": "comment", ":": "occ", ",": "flags", "|": "previous"}.get(line[1:2], "tcomment")
        else:
            part = "body"
        parts.setdefault(part, []).append(line)
    return parts


def _render_header(po: polib.POFile, block: Block | None) -> str:
    """The header: the original lines where they still say the same, new lines where not."""
    comment = [f"# {line}".rstrip() if line else "#" for line in po.header.split("\n")] if po.header else []
    flags = ["#, " + ", ".join(po.metadata_is_fuzzy)] if po.metadata_is_fuzzy else []
    if block is not None:
        if block.value("tcomment") == (po.header or ""):
            comment = block.lines.get("tcomment", [])
        if block.value("flags") == list(po.metadata_is_fuzzy or []):
            flags = block.lines.get("flags", [])
    fields = _header_fields(block) if block is not None else {}
    body = ['msgid ""', 'msgstr ""'] if block is None else _header_start(block)
    for key, value in po.metadata.items():
        kept = fields.get(key)
        body += kept[1] if kept and kept[0] == value else ['"' + polib.escape(f"{key}: {value}\n") + '"']
    return "\n".join(comment + flags + body)


def _header_start(block: Block) -> list[str]:
    """``msgid ""`` / ``msgstr ""`` lines of the original header, as written."""
    body = block.lines["body"]
    start = [line for line in body if line.startswith(("msgid", "msgstr"))]
    return start if len(start) == 2 and start[1].rstrip().endswith('""') else ['msgid ""', 'msgstr ""']


def _header_fields(block: Block) -> dict[str, tuple[str, list[str]]]:
    """Each header field of the original: (value, its quoted lines)."""
    from concord.catalog.blocks import decode

    fields: dict[str, tuple[str, list[str]]] = {}
    pending: list[str] = []
    for line in block.lines["body"]:
        if not line.startswith('"'):
            continue
        pending.append(line)
        text = decode(pending)
        if text.endswith("\n"):
            key, sep, value = text.partition(":")
            if sep:
                fields[key.strip()] = (value.strip(), pending)
            pending = []
    return fields


def compile_mo(po: polib.POFile, mo_path: Path) -> None:
    """Compile to .mo atomically (fuzzy entries are left out, as msgfmt does)."""
    tmp = mo_path.with_name(f".{mo_path.name}.tmp")
    mo_path.parent.mkdir(parents=True, exist_ok=True)
    try:
        po.save_as_mofile(str(tmp))
        os.replace(tmp, mo_path)
    finally:
        tmp.unlink(missing_ok=True)
