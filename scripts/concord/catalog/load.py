"""Reading catalogs, with every failure turned into ``path:line: what to do``.

Two readers share one contract (a malformed catalog raises :class:`CatalogError` with the
file, the 1-based line, what is wrong and what to do):

* :func:`read_catalog` is a strict, fast reader returning plain :class:`Entry` objects.
  polib accepts an unterminated string and several other breakages silently, and it
  spends most of its time building objects the checks never use; this reader validates
  what GNU ``msgfmt`` validates (quoting, escapes, encoding, header, Plural-Forms,
  duplicates) and is several times faster (measured in ``bench/bench_check.py``).
* :func:`load_catalog` validates with the strict reader, then returns a ``polib.POFile``
  for callers that edit and save catalogs.
"""

from __future__ import annotations

import functools
import re
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from concord.errors import CatalogError

if TYPE_CHECKING:
    import polib

WRAP_WIDTH = 79  # GNU gettext's default, so msgmerge/msgcat and concord agree

_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "\\": "\\", '"': '"', "a": "\a",
            "b": "\b", "f": "\f", "v": "\v", "'": "'", "?": "?"}
_ESCAPE = re.compile(r"\\(?:([0-7]{1,3})|x([0-9a-fA-F]{1,2})|(.)|$)", re.DOTALL)
_KEYWORD = re.compile(r"(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s*(.*)$")
_PLURAL_FORMS = re.compile(r"^\s*nplurals\s*=\s*(\d+)\s*;\s*plural\s*=\s*(.+?)\s*;?\s*$")
_PLURAL_EXPR = re.compile(r"^[n0-9\s()?:<>=!&|%+\-*/]+$")
_HEADER_LINE = re.compile(r"^[A-Za-z][\w-]*:")
MO_MAGIC = (b"\xde\x12\x04\x95", b"\x95\x04\x12\xde")


@dataclass(slots=True)
class Entry:
    """One catalog entry as the checks need it (``line`` is that of its ``msgid``)."""

    msgid: str
    msgstr: str
    line: int
    msgctxt: str | None = None
    msgid_plural: str | None = None
    msgstr_plural: list[str] = field(default_factory=list)
    flags: frozenset[str] = frozenset()
    obsolete: bool = False
    comments: str = ""  # the raw comment lines; parsed only when asked for

    @property
    def occurrences(self) -> tuple[str, ...]:
        """``#:`` references (``source/x.rst:12``)."""
        if "#:" not in self.comments:
            return ()
        return tuple(" ".join(_OCCURRENCE_LINES.findall(self.comments)).split())

    @property
    def previous_msgid(self) -> str | None:
        """``#| msgid`` of a fuzzy entry: the source it was translated from."""
        if "#|" not in self.comments:
            return None
        lines = "\n".join(_PREVIOUS_LINES.findall(self.comments))
        return "".join(_QUOTED.findall(lines)) or None

    @property
    def fuzzy(self) -> bool:
        return "fuzzy" in self.flags

    @property
    def translated(self) -> bool:
        """Published by Sphinx: not fuzzy, not obsolete, every form filled."""
        if self.fuzzy or self.obsolete:
            return False
        if self.msgid_plural is not None:
            return bool(self.msgstr_plural) and all(self.msgstr_plural)
        return bool(self.msgstr)


@dataclass(slots=True)
class Catalog:
    path: str
    header: dict[str, str]
    entries: list[Entry]
    nplurals: int | None = None

    @property
    def language(self) -> str:
        return self.header.get("Language", "").strip()


class _Builder:
    """Collects the parts of the entry being read."""

    __slots__ = ("ctxt", "msgid", "plural", "strs", "line", "flags", "occ", "prev",
                 "obsolete", "last", "start")

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

    @property
    def empty(self) -> bool:
        return self.msgid is None and self.ctxt is None and not self.strs


def read_catalog(path: Path, *, display: str | None = None) -> Catalog:
    """Read and validate ``path``; raise :class:`CatalogError` at the first fault."""
    shown = display or str(path)
    return parse_catalog(_read_bytes(path, shown), shown)


def _read_bytes(path: Path, shown: str) -> bytes:
    try:
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
    if data[:4] in MO_MAGIC:
        raise CatalogError("this is a compiled .mo file, not a .po catalog; "
                           "point concord at the .po source instead", path=shown, line=1)
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise CatalogError(
            f"invalid UTF-8 (byte 0x{data[err.start]:02x}); re-save the catalog as UTF-8 "
            "(e.g. `iconv -f ISO-8859-1 -t UTF-8`) and set charset=UTF-8 in its header",
            path=shown, line=line) from err
    fast = _fast_entries(text)
    entries = fast if fast is not None else list(_entries(text, shown))
    if not entries:
        raise CatalogError("no msgid/msgstr entries: this is not a gettext catalog; "
                           "check the path, or regenerate it with `concord update`",
                           path=shown, line=1)
    header_entry = entries[0]
    if header_entry.msgid != "" or header_entry.msgctxt is not None:
        raise CatalogError(
            'no header entry (msgid "" with Content-Type and Plural-Forms) before the first '
            "message; copy the header of another catalog of this language", path=shown, line=1)
    header = _header(header_entry, shown, text)
    catalog = Catalog(shown, header, entries[1:])
    catalog.nplurals = _plural_forms(catalog, _line_of(text, '"Plural-Forms:', header_entry.line))
    _duplicates(catalog)
    return catalog


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
_QUOTED = re.compile(r'"([^"\\\n]*(?:\\.[^"\\\n]*)*)"')
_MSGSTR_PART = re.compile(r'msgstr(?:\[(\d+)\])?|"([^"\\\n]*(?:\\.[^"\\\n]*)*)"')


def _fast_entries(text: str) -> list[Entry] | None:
    """All entries of a well-formed catalog, or None if any part needs the strict reader."""
    if "#~" in text:
        return None  # obsolete entries: rare, read by the strict reader
    if not text.endswith("\n"):
        text += "\n"
    entries: list[Entry] = []
    append = entries.append
    count = text.count
    pos, line, counted = 0, 1, 0
    for m in _FAST_ENTRY.finditer(text):
        if m.start() != pos:
            return None  # something between two entries that is not an entry
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
        ))
        pos = m.end()
    return entries if pos == len(text) or _FAST_TRAILER.match(text, pos) else None


_NO_FLAGS: frozenset[str] = frozenset()
_FLAG_LINES = re.compile(r"^[ \t]*#,(.*)$", re.MULTILINE)
_OCCURRENCE_LINES = re.compile(r"^[ \t]*#:(.*)$", re.MULTILINE)
_PREVIOUS_LINES = re.compile(r"^[ \t]*#\|.*$", re.MULTILINE)


def _joined(strings: str) -> str:
    if strings.count("\n") == 1:  # one quoted line, the common case
        joined = strings[1:strings.rindex('"')]
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


def _entries(text: str, shown: str) -> Iterator[Entry]:
    b = _Builder()
    for number, raw in enumerate(text.split("\n"), 1):
        line = raw.strip()
        if not line:
            if not b.empty:
                yield _finish(b, shown, number)
            continue
        obsolete = False
        if line[0] == "#":
            if line.startswith("#~"):
                line = line[2:].lstrip()
                obsolete = True
                if line.startswith("|"):
                    continue
                if not line:
                    continue
            else:
                if b.msgid is not None and b.strs:
                    yield _finish(b, shown, number)
                if line[1:2] == ",":
                    b.flags.update(f.strip() for f in line[2:].split(",") if f.strip())
                else:
                    b.occ.append(line)
                continue
        if line[0] == '"':
            if b.last is None:
                raise CatalogError(
                    "a quoted string that belongs to no msgid/msgstr; join it to the line "
                    "above or remove it", path=shown, line=number)
            b.last.append(_unquote(line, shown, number))
            continue
        match = _KEYWORD.match(line)
        if match is None:
            raise CatalogError(
                f"expected msgid, msgstr, a quoted string or a comment, found "
                f"{line[:40]!r}; this is not a gettext catalog or an entry is damaged",
                path=shown, line=number)
        keyword, index, rest = match.groups()
        if keyword in ("msgctxt", "msgid") and (b.strs or (keyword == "msgctxt" and b.msgid is not None)):
            yield _finish(b, shown, number)
        if obsolete:
            b.obsolete = True
        value = [_unquote(rest, shown, number)]
        if keyword == "msgctxt":
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
        b.last = value
    if not b.empty:
        yield _finish(b, shown, number)


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
        comments="\n".join(b.occ),
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


def _line_of(text: str, needle: str, default: int) -> int:
    """The 1-based line where ``needle`` first occurs in ``text`` (``default`` if absent)."""
    at = text.find(needle)
    return text.count("\n", 0, at) + 1 if at >= 0 else default


def _header(entry: Entry, shown: str, text: str) -> dict[str, str]:
    header: dict[str, str] = {}
    for field_line in entry.msgstr.split("\n"):
        if not field_line.strip():
            continue
        if not _HEADER_LINE.match(field_line):
            raise CatalogError(
                f"broken header field {field_line[:40]!r}: each header line is "
                '"Name: value\\n"; fix it or copy the header of another catalog',
                path=shown, line=_line_of(text, '"' + field_line[:20], entry.line))
        name, _, value = field_line.partition(":")
        header[name.strip()] = value.strip()
    content_type = header.get("Content-Type")
    if content_type is None:
        raise CatalogError(
            "the header has no Content-Type; add "
            '"Content-Type: text/plain; charset=UTF-8\\n" to it', path=shown, line=entry.line)
    charset = re.search(r"charset=([\w.-]+)", content_type)
    if charset is None or charset.group(1).lower().replace("-", "") not in ("utf8", "ascii", "usascii", "charset"):
        value = charset.group(1) if charset else content_type
        raise CatalogError(
            f"the header declares charset {value!r}; concord reads UTF-8 only: convert the "
            "file and declare charset=UTF-8", path=shown, line=entry.line)
    return header


def _plural_forms(catalog: Catalog, header_line: int) -> int | None:
    spec = catalog.header.get("Plural-Forms")
    plural_entries = [e for e in catalog.entries if e.msgid_plural is not None and not e.obsolete]
    shown = catalog.path
    if spec is None:
        if plural_entries:
            raise CatalogError(
                "the catalog has plural messages but its header has no Plural-Forms; add "
                "the language's line, e.g. \"Plural-Forms: nplurals=2; plural=(n != 1);\\n\"",
                path=shown, line=header_line)
        return None
    match = _PLURAL_FORMS.match(spec)
    if match is None or not _PLURAL_EXPR.match(match.group(2)):
        raise CatalogError(
            f"Plural-Forms {spec!r} is malformed; write it as "
            "\"nplurals=N; plural=EXPRESSION;\" (see the gettext manual's table)",
            path=shown, line=header_line)
    nplurals = int(match.group(1))
    expr = match.group(2)
    try:
        values = _plural_values(expr)
    except Exception as err:
        raise CatalogError(
            f"Plural-Forms expression {expr!r} cannot be evaluated ({err}); copy the line "
            "for this language from the gettext manual", path=shown, line=header_line) from err
    if nplurals < 1 or not values <= set(range(nplurals)):
        raise CatalogError(
            f"Plural-Forms declares nplurals={nplurals} but its expression selects form "
            f"{max(values)}; copy the language's Plural-Forms line from the gettext manual "
            "(or another catalog of this language)", path=shown, line=header_line)
    for entry in plural_entries:
        if len(entry.msgstr_plural) > nplurals:
            raise CatalogError(
                f"the entry has {len(entry.msgstr_plural)} plural forms but the header says "
                f"nplurals={nplurals}; fix the Plural-Forms header or remove the extra "
                "msgstr[N]", path=shown, line=entry.line)
    return nplurals


@functools.lru_cache(maxsize=64)
def _plural_values(expr: str) -> frozenset[int]:
    """The forms a C plural expression selects for n = 0..1000 (validated characters only)."""
    py = expr.replace("&&", " and ").replace("||", " or ").replace("/", "//")
    py = re.sub(r"!(?!=)", " not ", py)
    code = compile(_ternary(py), "<Plural-Forms>", "eval")
    return frozenset(int(eval(code, {"__builtins__": {}}, {"n": n})) for n in range(1001))


def _ternary(expr: str) -> str:
    """Rewrite C's ``a ? b : c`` (right-associative) into Python's ``(b if a else c)``."""
    depth, question = 0, -1
    for i, char in enumerate(expr):
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "?" and depth == 0 and question < 0:
            question = i
        elif char == ":" and depth == 0 and question >= 0:
            nested = expr[question + 1:i].count("?")
            if nested == expr[question + 1:i].count(":"):
                cond, then, other = expr[:question], expr[question + 1:i], expr[i + 1:]
                return f"(({_ternary(then)}) if ({_ternary(cond)}) else ({_ternary(other)}))"
    if question < 0 and expr.strip().startswith("(") and expr.strip().endswith(")"):
        inner = expr.strip()[1:-1]
        if _balanced(inner):
            return "(" + _ternary(inner) + ")"
    return expr


def _balanced(text: str) -> bool:
    depth = 0
    for char in text:
        depth += (char == "(") - (char == ")")
        if depth < 0:
            return False
    return depth == 0


def _duplicates(catalog: Catalog) -> None:
    seen: dict[tuple[str | None, str], int] = {}
    for entry in catalog.entries:
        if entry.obsolete:
            continue
        key = (entry.msgctxt, entry.msgid)
        first = seen.setdefault(key, entry.line)
        if first != entry.line:
            raise CatalogError(
                f"duplicate message {entry.msgid[:40]!r} (first at line {first}); merge the "
                "two entries into one (`msguniq` does it)", path=catalog.path, line=entry.line)


def load_catalog(path: Path, *, display: str | None = None) -> polib.POFile:  # noqa: F821
    """Validate ``path`` strictly, then parse it with polib for editing."""
    import polib  # imported here: `concord check` never needs it

    shown = display or str(path)
    catalog_bytes = _read_bytes(path, shown)
    parse_catalog(catalog_bytes, shown)  # raises CatalogError with path:line and advice
    text = catalog_bytes.decode("utf-8-sig")
    try:
        return polib.pofile(text, wrapwidth=WRAP_WIDTH, encoding="utf-8")
    except (OSError, ValueError) as err:  # pragma: no cover - the strict reader is stricter
        raise CatalogError(f"not a valid catalog: {err}; fix the entry or restore the file "
                           "from git", path=shown) from err


def msgfmt_check(path: Path) -> list[str]:
    """GNU msgfmt's own verdict (``--check``), as its ``path:line: message`` lines."""
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        return []
    result = subprocess.run(
        [msgfmt, "--check", "-o", "/dev/null", str(path)],
        capture_output=True, text=True, check=False,
    )
    if result.returncode == 0:
        return []
    return [line for line in result.stderr.splitlines() if line and "fatal error" not in line]
