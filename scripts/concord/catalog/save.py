"""Writing catalogs: atomically, so a crash never leaves a translator's file half-written."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import polib


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


def save_catalog(po: polib.POFile, path: Path) -> None:
    """Serialise ``po`` with polib and write it atomically."""
    atomic_write_bytes(path, (str(po).rstrip("\n") + "\n").encode("utf-8"))


def compile_mo(po: polib.POFile, mo_path: Path) -> None:
    """Compile to .mo atomically (fuzzy entries are left out, as msgfmt does)."""
    tmp = mo_path.with_name(f".{mo_path.name}.tmp")
    mo_path.parent.mkdir(parents=True, exist_ok=True)
    try:
        po.save_as_mofile(str(tmp))
        os.replace(tmp, mo_path)
    finally:
        tmp.unlink(missing_ok=True)
