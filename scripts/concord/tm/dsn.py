"""Which memory a ``--tm`` / ``CONCORD_TM`` string names, and how to show it safely.

A string is read, in this order, as:

1. a PostgreSQL URI (``postgresql://`` or ``postgres://``, any case, any form libpq
   accepts: user-info, several hosts, a socket folder, ``?password=``...);
2. an existing file: an SQLite memory;
3. a path ending ``.sqlite``, ``.sqlite3`` or ``.db``: an SQLite memory to create;
4. a libpq key=value connection string (``host=db dbname=tm password=...``);

and anything else is refused: a mistyped DSN used to be created as an SQLite file
named after it, password included. Passwords never reach a message or normal output:
:func:`display` rebuilds the string from libpq's own parse without the password, and
:func:`scrub` removes the password (and ``$PGPASSWORD``) from any text, such as a
server's error message.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from concord.errors import ConcordError

SQLITE_SUFFIXES = (".sqlite", ".sqlite3", ".db")
_URI = re.compile(r"^postgres(?:ql)?://", re.IGNORECASE)
_KEYWORD = re.compile(r"^\s*[A-Za-z_]+\s*=")
_SECRET_KEYS = ("password",)


@dataclass(frozen=True)
class MemorySpec:
    """A parsed ``--tm``: ``backend`` is ``"sqlite"`` (``path``) or ``"postgresql"`` (``dsn``)."""

    backend: str
    dsn: str = ""
    path: Path | None = None

    @property
    def shown(self) -> str:
        """What messages may print: the path, or the DSN without its password."""
        return str(self.path) if self.path is not None else display(self.dsn)


def parse_spec(spec: str) -> MemorySpec:
    """Classify ``spec`` (see the module docstring); raise ConcordError (exit 2) if neither."""
    if _URI.match(spec):
        scheme, rest = spec.split("://", 1)
        spec = f"{scheme.lower()}://{rest}"  # libpq knows the scheme in lower case only
        _refuse_ambiguous_at(spec)
        _parse(spec)
        return MemorySpec("postgresql", dsn=spec)
    path = Path(spec)
    if path.is_file() or path.suffix.lower() in SQLITE_SUFFIXES:
        return MemorySpec("sqlite", path=path)
    if _KEYWORD.match(spec):
        _parse(spec)
        return MemorySpec("postgresql", dsn=spec)
    shown = spec if "=" not in spec and "@" not in spec else "<the value given>"
    raise ConcordError(
        f"--tm/CONCORD_TM {shown!r} is neither an existing file, a path ending "
        f"{', '.join(SQLITE_SUFFIXES)}, nor a PostgreSQL DSN; name an SQLite file such as "
        "tm/concord.sqlite, or give postgresql://user@host/db or 'host=... dbname=...'"
    )


def _parse(dsn: str) -> dict[str, str]:
    """libpq's own reading of ``dsn``; its error text is not repeated (it may quote a password)."""
    from psycopg import ProgrammingError
    from psycopg.conninfo import conninfo_to_dict

    try:
        return {k: str(v) for k, v in conninfo_to_dict(dsn).items() if v is not None}
    except ProgrammingError:
        raise ConcordError(
            "--tm/CONCORD_TM looks like a PostgreSQL DSN but libpq cannot parse it; check "
            "its quoting (key='value with spaces') or write it as postgresql://user@host/db"
        ) from None


def _refuse_ambiguous_at(uri: str) -> None:
    """``postgresql://me:p@ss@host`` : libpq would take ``ss@host`` for the host."""
    authority = re.split(r"[/?]", uri.split("://", 1)[1], maxsplit=1)[0]
    if authority.count("@") > 1:
        raise ConcordError(
            "--tm/CONCORD_TM: the user name or password of the PostgreSQL URI holds an "
            "unencoded '@'; percent-encode it as %40 (or set the password in PGPASSWORD "
            "or ~/.pgpass)"
        )


def display(dsn: str) -> str:
    """``dsn`` as libpq reads it, without the password, for messages."""
    from psycopg.conninfo import make_conninfo

    try:
        parts = _parse(dsn)
    except ConcordError:
        return "<an unparsable DSN>"
    safe = {k: v for k, v in parts.items() if k not in _SECRET_KEYS}
    return make_conninfo(**safe) or "<the default PostgreSQL server>"


def scrub(text: str, dsn: str) -> str:
    """``text`` with the DSN's password and ``$PGPASSWORD`` replaced by ``***``."""
    secrets = [os.environ.get("PGPASSWORD", "")]
    try:
        secrets += [v for k, v in _parse(dsn).items() if k in _SECRET_KEYS]
    except ConcordError:
        pass
    for secret in sorted(filter(None, secrets), key=len, reverse=True):
        text = text.replace(secret, "***")
    return text
