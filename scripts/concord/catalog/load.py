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

import shutil
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING

from concord.catalog.model import Catalog, Entry
from concord.catalog.strict import _decode, _read_bytes, parse_catalog, read_catalog
from concord.errors import CatalogError

if TYPE_CHECKING:
    import polib

WRAP_WIDTH = 79  # GNU gettext's default, so msgmerge/msgcat and concord agree

__all__ = ["Catalog", "Entry", "WRAP_WIDTH", "load_catalog", "msgfmt_check",
           "parse_catalog", "read_catalog"]


def load_catalog(path: Path, *, display: str | None = None) -> polib.POFile:  # noqa: F821
    """Validate ``path`` strictly, then parse it with polib for editing."""
    import polib  # imported here: `concord check` never needs it

    shown = display or str(path)
    catalog_bytes = _read_bytes(path, shown)
    parse_catalog(catalog_bytes, shown)  # raises CatalogError with path:line and advice
    text = _decode(catalog_bytes.removeprefix(b"\xef\xbb\xbf"), shown)
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
