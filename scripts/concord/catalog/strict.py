"""The strict, fast catalog reader: every fault as ``path:line: what to do``.

polib accepts an unterminated string and several other breakages silently, and spends
most of its time building objects the checks never use. This reader validates what GNU
``msgfmt`` validates (quoting, escapes, encoding, header, Plural-Forms, duplicates):
well-formed entries are read with one regular expression each; anything else falls
back to a line-by-line reader that names the fault.
"""

from __future__ import annotations

import codecs
import functools
import re
import stat
from collections.abc import Iterator
from pathlib import Path

from concord.catalog.header import duplicates, header_fields, plural_rules
from concord.catalog.model import _QUOTED, Catalog, Entry
from concord.errors import CatalogError

_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "\\": "\\", '"': '"', "a": "\a",
            "b": "\b", "f": "\f", "v": "\v", "'": "'", "?": "?"}
_ESCAPE = re.compile(r"\\(?:([0-7]{1,3})|x([0-9a-fA-F]{1,2})|(.)|$)", re.DOTALL)
_KEYWORD = re.compile(r"(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s*(.*)$")
_CHARSET = re.compile(rb"charset=([^\s\"\\;]+)")
MO_MAGIC = (b"\xde\x12\x04\x95", b"\x95\x04\x12\xde")


class _Builder:
    """Collects the parts of the entry being read."""

    __slots__ = ("ctxt", "msgid", "plural", "strs", "line", "flags", "occ", "prev",
                 "obsolete", "last", "start", "str_line")

    def __init__(self) -> None:
        self.reset()

    def reset(self) -> None:
        self.ctxt: list[str] | None = None
        self.msgid: list[str] | None = None
        self.plural: list[str] | None = None
        self.strs: dict[int, list[str]] = {}
        self.line = 0
        self.flags: set[str] = set()
        self.occ: list[str] = []
        self.prev: list[str] = []
        self.obsolete = False
        self.last: list[str] | None = None
        self.start = 0
        self.str_line = 0

    @property
    def empty(self) -> bool:
        return self.msgid is None and self.ctxt is None and not self.strs


def read_catalog(path: Path, *, display: str | None = None) -> Catalog:
    """Read and validate ``path``; raise :class:`CatalogError` at the first fault."""
    shown = display or str(path)
    return parse_catalog(_read_bytes(path, shown), shown)


def _read_bytes(path: Path, shown: str) -> bytes:
    """The file's bytes; a device or pipe (``x.po -> /dev/zero``) is refused unread."""
    try:
        if not stat.S_ISREG(path.stat().st_mode) and not path.is_dir():
            raise CatalogError("is not a regular file (a device, a pipe or a socket, perhaps "
                               "through a symbolic link); point concord at a .po file",
                               path=shown)
        return path.read_bytes()
    except FileNotFoundError as err:
        raise CatalogError("file not found; check the path or run `concord update`",
                           path=shown) from err
    except IsADirectoryError as err:
        raise CatalogError("is a folder, not a catalog; pass .po files or a folder of them "
                           "as PATHS", path=shown) from err
    except OSError as err:
        raise CatalogError(f"cannot read the file ({err.strerror})", path=shown) from err


def parse_catalog(data: bytes, shown: str) -> Catalog:
    """Decode with the declared charset, read every entry, validate as msgfmt --check."""
    if data[:4] in MO_MAGIC:
        raise CatalogError("this is a compiled .mo file, not a .po catalog; "
                           "point concord at the .po source instead", path=shown, line=1)
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    text = _decode(data, shown)
    entries = _read_entries(text, shown)
    if not entries:
        raise CatalogError("no msgid/msgstr entries: this is not a gettext catalog; "
                           "check the path, or regenerate it with `concord update`",
                           path=shown, line=1)
    first = entries[0]
    header_entry = first if first.msgid == "" and first.msgctxt is None else None
    if header_entry is not None:
        catalog = Catalog(shown, header_fields(header_entry), entries[1:])
    else:  # msgfmt --check rejects it, msgfmt and Sphinx read it: a finding, not a stop
        catalog = Catalog(shown, {}, entries, problems=[(1, (
            'the catalog has no header entry (msgid "" with Content-Type, Language and '
            "Plural-Forms): msgfmt --check rejects it; copy the header of another catalog "
            "of this language"))])
    plural_rules(catalog, header_entry)
    duplicates(catalog)
    return catalog


def _read_entries(text: str, shown: str) -> list[Entry]:
    """The fast path for the current entries; the strict reader for the rest."""
    tail = _obsolete_tail(text)
    head = text[:tail] if tail is not None else text
    fast = _fast_entries(head)
    if fast is None:
        return list(_entries(text, shown))
    if tail is not None:
        fast.extend(_entries(text[tail:], shown, head.count("\n") + 1))
    return fast


def _obsolete_tail(text: str) -> int | None:
    """Where the block of obsolete (``#~``) entries at the end of a catalog starts.

    msgmerge and Sphinx's tools put obsolete entries last; the fast path reads what is
    above them. None when there are none, or when anything but comments follows.
    """
    at = text.find("\n#~")
    if at < 0:
        return None if not text.startswith("#~") else 0
    blank = text.rfind("\n\n", 0, at + 1)  # the blank line before the entry's comments
    start = blank + 2 if blank >= 0 else 0
    rest = text[start:]
    if re.search(r"^[ \t]*[^#\s]", rest, re.MULTILINE):
        return None
    return start


def _decode(data: bytes, shown: str) -> str:
    """The text in the charset the header declares (msgfmt's rules, Python's codecs).

    An unknown name (``CHARSET``, a typo) only makes msgfmt warn: read UTF-8, else Latin-1.
    """
    declared = _declared_charset(data)
    codec = None
    if declared is not None:
        try:
            codec = codecs.lookup(declared).name
        except LookupError:
            codec = None
    if codec is None:
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            if declared is not None:
                return data.decode("latin-1")
            return _undecodable(data, shown, "utf-8", "UTF-8")
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        return _undecodable(data, shown, codec, declared or codec)


def _declared_charset(data: bytes) -> str | None:
    """``charset=`` of the header: the first one before the second msgid."""
    first = data.find(b"msgid")
    second = data.find(b"msgid", first + 5) if first >= 0 else -1
    match = _CHARSET.search(data, 0, second if second > 0 else len(data))
    return match.group(1).decode("ascii", "replace") if match else None


def _undecodable(data: bytes, shown: str, codec: str, name: str) -> str:
    """Raise the error for the first byte that is not ``name`` (the charset declared).

    A file without a single ``msgid`` is no catalog at all (a binary, a system file
    behind a symbolic link): say so, and name no byte of it.
    """
    try:
        data.decode(codec)
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        if b"msgid" not in data:
            raise CatalogError(
                f"this is not a gettext catalog: line {line} holds bytes that are not "
                f"{name} text and the file has no msgid; check that the path names a .po "
                "file", path=shown, line=line) from err
        raise CatalogError(
            f"invalid {name} (byte 0x{data[err.start]:02x}); re-save the catalog as {name}, "
            "or declare the charset it is written in (e.g. charset=ISO-8859-1) in its header",
            path=shown, line=line) from err
    raise AssertionError("unreachable")  # pragma: no cover


# --- The fast path: one regular expression per entry --------------------------------
# Only well-formed entries match (valid escapes, closed strings, msgid before msgstr);
# anything else falls back to the line-by-line reader below, which names the fault.
_STR = r'"[^"\\\n]*(?:\\(?:[ntrbfva\\"\'?]|[0-7]{1,3}|x[0-9a-fA-F]{1,2})[^"\\\n]*)*"'
_STRINGS = rf"{_STR}[ \t]*\n(?:[ \t]*{_STR}[ \t]*\n)*"
_FAST_ENTRY = re.compile(
    rf"(?P<comments>(?:[ \t]*(?:\#[^\n]*)?\n)*)"
    rf"[ \t]*(?:msgctxt[ \t]*(?P<ctxt>{_STRINGS}))?"
    rf"[ \t]*msgid[ \t]*(?P<id>{_STRINGS})"
    rf"(?:[ \t]*msgid_plural[ \t]*(?P<plural>{_STRINGS}))?"
    rf"(?P<strs>(?:[ \t]*msgstr(?:\[\d+\])?[ \t]*{_STRINGS})+)"
)
_FAST_TRAILER = re.compile(r"(?:[ \t]*(?:\#[^\n]*)?\n)*\Z")
_MSGSTR_PART = re.compile(r'msgstr(?:\[(\d+)\])?|"([^"\\\n]*(?:\\.[^"\\\n]*)*)"')


def _fast_entries(text: str) -> list[Entry] | None:
    """All entries of a well-formed catalog, or None if any part needs the strict reader."""
    if "#~" in text:
        return None  # obsolete entries in the middle: read by the strict reader
    if not text.endswith("\n"):
        text += "\n"
    entries: list[Entry] = []
    append = entries.append
    count = text.count
    pos, line, counted, end = 0, 1, 0, len(text)
    match = _FAST_ENTRY.match
    # anchored at each entry's end: a search would scan on past a fault (quadratic in a
    # long run of comment lines) before the reader could hand the file to the strict one
    while pos < end:
        m = match(text, pos)
        if m is None:
            break
        comments, ctxt, msgid, plural, strs = m.groups()
        id_at = m.start(3)
        line += count("\n", counted, id_at)
        counted = id_at
        # the common case inline: one quoted line without escapes
        if msgid.count("\n") == 1 and "\\" not in msgid:
            msgid = msgid[1:msgid.rindex('"')]
        else:
            msgid = _joined(msgid)
        forms: list[str]
        if plural is None:
            strs = strs[strs.index('"'):]
            if strs.count("\n") == 1 and "\\" not in strs:
                msgstr = strs[1:strs.rindex('"')]
            else:
                msgstr = _joined(strs)
            forms = []
        else:
            msgstr, forms = _plural_msgstrs(strs)
        append(Entry(
            msgid, msgstr, line,
            _joined(ctxt) if ctxt is not None else None,
            _joined(plural) if plural is not None else None,
            forms, _flags(comments) if "#," in comments else _NO_FLAGS, False, comments,
            line + count("\n", id_at, m.start(5)),
        ))
        pos = m.end()
    return entries if pos == len(text) or _FAST_TRAILER.match(text, pos) else None


_NO_FLAGS: frozenset[str] = frozenset()
_FLAG_LINES = re.compile(r"^[ \t]*#,(.*)$", re.MULTILINE)


def _joined(strings: str) -> str:
    lines = strings.count("\n")
    if lines == 1:  # one quoted line, the common case
        joined = strings[1:strings.rindex('"')]
    elif strings.count('"\n"') == lines - 1 and strings.endswith('"\n'):
        # wrapped as gettext wraps: no blank before or after a line's quotes. A raw
        # line break never occurs inside a string, so '"\n"' is always a line's end
        joined = strings[1:-2].replace('"\n"', "")
    else:
        joined = "".join(_QUOTED.findall(strings))
    return _ESCAPE.sub(_fast_escape, joined) if "\\" in joined else joined


def _fast_escape(match: re.Match[str]) -> str:
    octal, hexa, char = match.groups()
    if octal:
        return chr(int(octal, 8))
    if hexa:
        return chr(int(hexa, 16))
    return _ESCAPES[char]


def _plural_msgstrs(strings: str) -> tuple[str, list[str]]:
    forms: dict[int, list[str]] = {}
    current: list[str] = []
    for index, piece in _MSGSTR_PART.findall(strings):
        if index:
            current = forms.setdefault(int(index), [])
        else:
            current.append(piece)
    joined = ["".join(forms.get(i, [])) for i in range(max(forms) + 1)] if forms else [""]
    texts = [_ESCAPE.sub(_fast_escape, f) if "\\" in f else f for f in joined]
    return texts[0], texts


def _flags(block: str) -> frozenset[str]:
    return _parse_flags(tuple(_FLAG_LINES.findall(block)))


@functools.lru_cache(maxsize=512)
def _parse_flags(lines: tuple[str, ...]) -> frozenset[str]:
    """Flags of ``#,`` lines; a catalog repeats a handful of combinations thousands of times."""
    return frozenset(f.strip() for found in lines for f in found.split(",") if f.strip())


def _entries(text: str, shown: str, first_line: int = 1) -> Iterator[Entry]:
    """The line-by-line reader: slower, names every fault (and obsolete entries)."""
    b = _Builder()
    read_any = False
    for number, raw in enumerate(text.split("\n"), first_line):
        line = raw.strip()
        if not line:
            if not b.empty:
                yield _finish(b, shown, number)
            continue
        obsolete = False
        if line[0] == "#":
            if not line.startswith("#~"):
                if b.msgid is not None and b.strs:
                    yield _finish(b, shown, number)
                if line[1:2] == ",":
                    b.flags.update(f.strip() for f in line[2:].split(",") if f.strip())
                else:
                    b.occ.append(line)
                continue
            line = line[2:].lstrip()
            obsolete = True
            if not line or line.startswith("|"):
                continue
        if line[0] == '"':
            if b.last is None:
                raise CatalogError(
                    "a quoted string that belongs to no msgid/msgstr; join it to the line "
                    "above or remove it", path=shown, line=number)
            _consistent(b, obsolete, shown, number)
            b.last.append(_unquote(line, shown, number))
            continue
        match = _KEYWORD.match(line)
        if match is None:
            raise CatalogError(_not_a_line(read_any or not b.empty, number), path=shown, line=number)
        keyword, index, rest = match.groups()
        if keyword in ("msgctxt", "msgid") and (b.strs or (keyword == "msgctxt" and b.msgid is not None)):
            yield _finish(b, shown, number)
        if b.empty:
            b.obsolete = obsolete
        else:
            _consistent(b, obsolete, shown, number)
        read_any = True
        _keyword(b, keyword, index, [_unquote(rest, shown, number)], shown, number)
    if not b.empty:
        yield _finish(b, shown, number)


def _keyword(b: _Builder, keyword: str, index: str | None, value: list[str], shown: str,
             number: int) -> None:
    """Store one ``msgctxt``/``msgid``/``msgid_plural``/``msgstr[N]`` line in the builder."""
    if keyword == "msgctxt":
        if b.ctxt is not None:
            raise CatalogError("two msgctxt lines in one entry (msgfmt: syntax error); keep "
                               "one, or add the msgid and msgstr of the first entry",
                               path=shown, line=number)
        b.ctxt, b.start = value, b.start or number
    elif keyword == "msgid":
        if b.msgid is not None:
            raise CatalogError("msgid without a msgstr; add msgstr \"\" after it",
                               path=shown, line=b.line)
        b.msgid, b.line, b.start = value, number, b.start or number
    elif keyword == "msgid_plural":
        b.plural = value
    else:
        if b.msgid is None:
            raise CatalogError("msgstr without a msgid before it; restore the msgid line",
                               path=shown, line=number)
        slot = int(index) if index is not None else -1
        if slot in b.strs:
            raise CatalogError(f"{keyword} given twice in one entry; keep one",
                               path=shown, line=number)
        b.strs[slot] = value
        b.str_line = b.str_line or number
    b.last = value


def _consistent(b: _Builder, obsolete: bool, shown: str, number: int) -> None:
    """An entry is obsolete (every line ``#~``) or current (none): msgfmt refuses a mix."""
    if obsolete != b.obsolete:
        raise CatalogError(
            "inconsistent use of #~: part of this entry is marked obsolete and part is not; "
            "put #~ before every line of the entry, or before none",
            path=shown, line=number)


def _not_a_line(in_catalog: bool, number: int) -> str:
    """Why a line cannot be read, without quoting it: the file may not be a catalog at
    all (a symbolic link to a system file), and its content is nobody's business here."""
    kind = ("an entry is damaged: compare the line with the entries around it"
            if in_catalog else "this is not a gettext catalog: check that the path names "
            "a .po file")
    return (f"line {number} is neither a comment, a keyword (msgid, msgstr, msgctxt) nor a "
            f"quoted string; {kind}")


def _finish(b: _Builder, shown: str, number: int) -> Entry:
    if b.msgid is None:
        raise CatalogError("msgctxt without a msgid; add the msgid and msgstr lines",
                           path=shown, line=b.start or number)
    if not b.strs:
        raise CatalogError('msgid without a msgstr; add msgstr "" after it',
                           path=shown, line=b.line)
    if b.plural is not None:
        if -1 in b.strs:
            raise CatalogError("an entry with msgid_plural needs msgstr[0], msgstr[1]...",
                               path=shown, line=b.line)
        forms = ["".join(b.strs[i]) if i in b.strs else "" for i in range(max(b.strs) + 1)]
        msgstr = forms[0]
    else:
        if -1 not in b.strs:
            raise CatalogError("msgstr[N] in an entry without msgid_plural; write msgstr",
                               path=shown, line=b.line)
        forms, msgstr = [], "".join(b.strs[-1])
    entry = Entry(
        msgid="".join(b.msgid), msgstr=msgstr, line=b.line,
        msgctxt="".join(b.ctxt) if b.ctxt is not None else None,
        msgid_plural="".join(b.plural) if b.plural is not None else None,
        msgstr_plural=forms, flags=frozenset(b.flags), obsolete=b.obsolete,
        comments="\n".join(b.occ), msgstr_line=b.str_line,
    )
    b.reset()
    return entry


def _unquote(token: str, shown: str, number: int) -> str:
    token = token.strip()
    if len(token) < 2 or token[0] != '"' or token[-1] != '"' or (
        token[-2] == "\\" and not _even_backslashes_before(token, len(token) - 1)
    ):
        raise CatalogError(
            "unterminated string: every line of a message is its own string in double "
            'quotes; add the closing " (write \\" for a quote inside the text)',
            path=shown, line=number)
    inner = token[1:-1]
    if "\\" not in inner:
        if '"' in inner:
            raise CatalogError('unescaped " inside a string; write it as \\"',
                               path=shown, line=number)
        return inner
    return _ESCAPE.sub(lambda m: _escape(m, shown, number), _check_quotes(inner, shown, number))


def _check_quotes(inner: str, shown: str, number: int) -> str:
    if '"' in re.sub(r"\\.", "", inner):
        raise CatalogError('unescaped " inside a string; write it as \\"', path=shown, line=number)
    return inner


def _even_backslashes_before(token: str, end: int) -> bool:
    count = 0
    while end - 1 - count >= 0 and token[end - 1 - count] == "\\":
        count += 1
    return count % 2 == 0


def _escape(match: re.Match[str], shown: str, number: int) -> str:
    octal, hexa, char = match.groups()
    if octal:
        return chr(int(octal, 8))
    if hexa:
        return chr(int(hexa, 16))
    if char in _ESCAPES:
        return _ESCAPES[char]
    shown_char = "\\" + (char or "")
    raise CatalogError(
        f"invalid escape sequence {shown_char}; gettext knows \\n \\t \\\" \\\\ and octal "
        "escapes: write a backslash as \\\\", path=shown, line=number)
