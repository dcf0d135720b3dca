"""A catalog as its blocks of lines: what each line is, and what each part says.

The writer (:mod:`concord.catalog.save`) needs more than the entries: to keep a
translator's diff quiet it re-emits, for every entry, the original lines of each part
that did not change (translator comments, ``#.``, ``#:``, ``#,``, ``#|``, the
msgctxt/msgid/msgstr body), and renders only the parts that did. So a catalog is read
here as blocks (one entry and its comments, between blank lines), each line assigned
to its part, each part decoded to the value polib would give it.

The same reading builds the ``polib.POFile`` that ``concord update`` edits
(:func:`to_pofile`), several times faster than polib's own parser on a large catalog
and consistent with the writer by construction. Anything unusual (two entries with no
blank line between them, a line of no known kind) makes :func:`parse_blocks` return
None, and the caller falls back to polib; the strict reader has validated the file
before either runs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from concord.catalog.strict import _ESCAPE, _fast_escape

#: The parts of an entry, in the order gettext writes them.
PARTS = ("tcomment", "comment", "occ", "flags", "previous", "body")
_QUOTED = re.compile(r'"([^"\\\n]*(?:\\.[^"\\\n]*)*)"')


@dataclass(slots=True)
class Block:
    """One entry's lines, split by part, and the values the parts decode to.

    ``raw`` keeps the block's text only when its parts are not in gettext's order;
    otherwise :attr:`text` joins the lines again (a large catalog is not held twice).
    """

    raw: str | None
    obsolete: bool = False
    lines: dict[str, list[str]] = field(default_factory=dict)
    msgctxt: str | None = None
    msgid: str = ""
    msgid_plural: str | None = None
    msgstr: str = ""
    msgstr_plural: dict[int, str] = field(default_factory=dict)
    previous: dict[str, str] = field(default_factory=dict)
    cache: dict[str, Any] = field(default_factory=dict)

    @property
    def text(self) -> str:
        if self.raw is not None:
            return self.raw
        return "\n".join(line for part in PARTS for line in self.lines.get(part, ()))

    @property
    def key(self) -> tuple[bool, str | None, str]:
        return (self.obsolete, self.msgctxt, self.msgid)

    def value(self, part: str) -> Any:
        """The decoded value of ``part`` (compared with an entry's, see :func:`entry_value`)."""
        if part not in self.cache:
            self.cache[part] = self._value(part)
        return self.cache[part]

    def _value(self, part: str) -> Any:
        lines = self.lines.get(part, ())
        if part == "tcomment":
            return "\n".join(_strip_marker(line, 1) for line in lines)
        if part == "comment":
            return "\n".join(_strip_marker(line, 2) for line in lines)
        if part == "occ":
            return [_occurrence(token) for line in lines for token in line[2:].split()]
        if part == "flags":
            return [f.strip() for line in lines for f in line[2:].split(",") if f.strip()]
        if part == "previous":
            return (self.previous.get("msgctxt"), self.previous.get("msgid"),
                    self.previous.get("msgid_plural"))
        return (self.msgctxt, self.msgid, self.msgid_plural or None, self.msgstr,
                tuple(sorted(self.msgstr_plural.items())))


def entry_value(entry: Any, part: str) -> Any:
    """The value of ``part`` of a ``polib.POEntry``, in :meth:`Block.value`'s terms."""
    if part == "tcomment":
        return entry.tcomment or ""
    if part == "comment":
        return "" if entry.obsolete else (entry.comment or "")
    if part == "occ":
        return [] if entry.obsolete else [tuple(o) for o in entry.occurrences]
    if part == "flags":
        return list(entry.flags)
    if part == "previous":
        return (entry.previous_msgctxt, entry.previous_msgid, entry.previous_msgid_plural)
    return (entry.msgctxt, entry.msgid, entry.msgid_plural or None,
            "" if entry.msgstr_plural else entry.msgstr,
            tuple(sorted((int(k), v) for k, v in entry.msgstr_plural.items())))


def _strip_marker(line: str, width: int) -> str:
    """``# text`` -> ``text``; ``#. text`` -> ``text`` (polib's reading)."""
    rest = line[width:]
    return rest[1:] if rest.startswith(" ") else rest


def _occurrence(token: str) -> tuple[str, str]:
    """``path:12`` -> (path, "12"); ``path:-1`` or ``path`` -> (token, "") as polib reads it."""
    path, _, line = token.rpartition(":")
    return (path, line) if path and line.isdigit() else (token, "")


def decode(quoted_lines: list[str]) -> str:
    """The text of a string's quoted lines, escapes resolved as msgfmt does."""
    return _unescape("".join(_QUOTED.findall("\n".join(quoted_lines))))


def _unescape(joined: str) -> str:
    return _ESCAPE.sub(_fast_escape, joined) if "\\" in joined else joined


def parse_blocks(text: str) -> list[Block] | None:
    """The blocks of ``text`` (LF line endings), or None if any is not simple to read."""
    blocks = []
    append = blocks.append
    for chunk in text.split("\n\n"):
        if chunk.startswith("\n") or chunk.endswith("\n"):
            chunk = chunk.strip("\n")
            if not chunk.strip():
                continue
        block = _parse_block(chunk)
        if block is None:
            return None
        if block.text != chunk:
            block.raw = chunk  # parts out of gettext's order: keep the text as it is
        append(block)
    return blocks


_COMMENT_PART = {".": "comment", ":": "occ", ",": "flags", "|": "previous"}
#: One field of a body: keyword, optional plural index, its quoted strings.
_STR = r'"[^"\\\n]*(?:\\.[^"\\\n]*)*"[ \t]*(?:\n|\Z)'
_FIELD = re.compile(rf'(msgctxt|msgid_plural|msgid|msgstr)(?:\[(\d+)\])?[ \t]*((?:{_STR})+)')


def _parse_block(chunk: str) -> Block | None:
    block = Block(None)
    if chunk.startswith("msg"):
        start = 0
    else:
        start = chunk.find("\nmsg") + 1
        if start == 0:
            return _parse_unusual(chunk)
        for line in chunk[:start - 1].split("\n"):
            if not line.startswith("#") or line.startswith("#~"):
                return _parse_unusual(chunk)
            block.lines.setdefault(_COMMENT_PART.get(line[1:2], "tcomment"), []).append(line)
    body = chunk[start:]
    block.lines["body"] = body.split("\n")
    if not _read_fields(block, body):
        return _parse_unusual(chunk)
    return block if _read_previous(block) else None


def _parse_unusual(chunk: str) -> Block | None:
    """Obsolete entries (``#~``) and anything the fast split does not cover."""
    block = Block(None)
    body: list[str] = []
    for line in chunk.split("\n"):
        if line.startswith("#~"):
            block.obsolete = True
            rest = line[2:].lstrip(" ")
            if rest.startswith("|"):
                block.lines.setdefault("previous", []).append(line)
            elif rest.startswith(("msg", '"')):
                body.append(line)
            else:
                return None
            continue
        if line.startswith("#"):
            if body:  # a comment after the body: another entry without a blank line
                return None
            block.lines.setdefault(_COMMENT_PART.get(line[1:2], "tcomment"), []).append(line)
        elif line.startswith(("msg", '"')):
            body.append(line)
        else:
            return None
    if not body:
        return None
    block.lines["body"] = body
    text = "\n".join(re.sub(r"^#~\s?", "", line) for line in body) if block.obsolete else "\n".join(body)
    return block if _read_fields(block, text) and _read_previous(block) else None


def _fields(body: str) -> list[tuple[str, str, str]] | None:
    """(keyword, plural index, quoted strings) of each field, or None if ``body`` is
    anything else than fields one after the other."""
    found = []
    pos = 0
    for match in _FIELD.finditer(body):
        if match.start() != pos:
            return None
        found.append(match.groups())
        pos = match.end()
    return found if pos == len(body) else None


def _read_fields(block: Block, body: str) -> bool:
    seen: set[str] = set()
    fields = _fields(body)
    if fields is None:
        return False
    for keyword, index, strings in fields:
        value = _unescape("".join(_QUOTED.findall(strings)))
        if keyword == "msgstr" and index:
            block.msgstr_plural[int(index)] = value
            continue
        if keyword in seen or (keyword in ("msgctxt", "msgid") and ("msgstr" in seen or block.msgstr_plural)):
            return False  # a second entry in the block
        seen.add(keyword)
        if keyword == "msgctxt":
            block.msgctxt = value
        elif keyword == "msgid":
            block.msgid = value
        elif keyword == "msgid_plural":
            block.msgid_plural = value
        else:
            block.msgstr = value
    return "msgid" in seen and ("msgstr" in seen or bool(block.msgstr_plural))


def _read_previous(block: Block) -> bool:
    lines = block.lines.get("previous")
    if not lines:
        return True
    cleaned = "\n".join(re.sub(r"^#~?\s*\|\s?", "", line) for line in lines)
    fields = _fields(cleaned)
    if fields is None:
        return False
    for keyword, _, strings in fields:
        block.previous[keyword] = _unescape("".join(_QUOTED.findall(strings)))
    return True


def to_pofile(blocks: list[Block], *, wrapwidth: int) -> Any:
    """A ``polib.POFile`` of ``blocks`` (the first must be the header entry)."""
    import polib

    po = polib.POFile(wrapwidth=wrapwidth, encoding="utf-8")
    header, entries = blocks[0], blocks[1:]
    po.header = header.value("tcomment")
    po.metadata_is_fuzzy = header.value("flags")
    for line in header.msgstr.split("\n"):
        key, sep, value = line.partition(":")
        if sep:
            po.metadata[key.strip()] = value.strip()
    for block in entries:
        previous_ctxt, previous_id, previous_plural = block.value("previous")
        entry = polib.POEntry(
            msgid=block.msgid, msgstr=block.msgstr, msgctxt=block.msgctxt,
            msgid_plural=block.msgid_plural or "", msgstr_plural=dict(block.msgstr_plural),
            obsolete=block.obsolete, tcomment=block.value("tcomment"),
            comment=block.value("comment"), occurrences=block.value("occ"),
            flags=block.value("flags"), previous_msgctxt=previous_ctxt,
            previous_msgid=previous_id, previous_msgid_plural=previous_plural,
        )
        po.append(entry)
    return po


@dataclass
class Editable:
    """A catalog read for an update: the ``polib.POFile``, its text as written (line
    endings kept) and its blocks (LF), which the writer reuses instead of reading the
    text again."""

    po: Any
    original: str
    blocks: list[Block] | None


def load_editable(path: Any, *, display: str | None = None, wrapwidth: int = 79) -> Editable:
    """The catalog at ``path``, for an update.

    Validated by the strict reader first (a malformed catalog raises CatalogError with
    ``path:line``); then read by :func:`parse_blocks`, or by polib when a block is
    unusual.
    """
    from concord.catalog.load import load_catalog
    from concord.catalog.strict import _read_bytes, parse_catalog

    shown = display or str(path)
    data = _read_bytes(path, shown)
    parse_catalog(data, shown)
    original = data.decode("utf-8-sig")
    blocks = parse_blocks(original.replace("\r\n", "\n"))
    if not blocks or blocks[0].msgid != "" or blocks[0].msgctxt is not None or blocks[0].obsolete:
        return Editable(load_catalog(path, display=shown), original, None)
    return Editable(to_pofile(blocks, wrapwidth=wrapwidth), original, blocks)
