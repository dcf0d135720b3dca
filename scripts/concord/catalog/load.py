"""Reading catalogs, with every failure turned into ``path:line: what to do``."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import polib

from concord.errors import CatalogError

WRAP_WIDTH = 79  # GNU gettext's default, so msgmerge/msgcat and concord agree

_POLIB_LINE = re.compile(r"\(line (\d+)\)|line (\d+)")


def load_catalog(path: Path, *, display: str | None = None) -> polib.POFile:
    """Parse ``path`` with polib; raise CatalogError naming the file and line."""
    shown = display or str(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError as err:
        raise CatalogError("file not found; check the path or run `concord update`", path=shown) from err
    except OSError as err:
        raise CatalogError(f"cannot read the file ({err.strerror})", path=shown) from err
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise CatalogError(
            f"invalid UTF-8 (byte 0x{data[err.start]:02x}); save the catalog as UTF-8",
            path=shown, line=line,
        ) from err
    try:
        return polib.pofile(text, wrapwidth=WRAP_WIDTH, encoding="utf-8")
    except (OSError, ValueError) as err:
        match = _POLIB_LINE.search(str(err))
        line = int(next(g for g in match.groups() if g)) if match else None
        reason = re.sub(r"\s*\(line \d+\)|\s*line \d+", "", str(err)).strip().rstrip(":")
        raise CatalogError(
            f"not a valid catalog: {reason}; fix the entry or restore the file from git",
            path=shown, line=line,
        ) from err


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
