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
from concord.catalog.strict import _declared_charset, _read_bytes, parse_catalog, read_catalog
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
    _refuse_other_charsets(catalog_bytes, shown)
    text = catalog_bytes.decode("utf-8-sig")
    try:
        return polib.pofile(text, wrapwidth=WRAP_WIDTH, encoding="utf-8")
    except (OSError, ValueError) as err:  # pragma: no cover - the strict reader is stricter
        raise CatalogError(f"not a valid catalog: {err}; fix the entry or restore the file "
                           "from git", path=shown) from err


def _refuse_other_charsets(data: bytes, shown: str) -> None:
    """The writers (concord update, the edition builds) write UTF-8 only: a catalog in
    another charset would be saved as UTF-8 under a header that still names the old
    one, and every accented letter garbled. ``concord check`` reads it; editing waits."""
    import codecs

    declared = _declared_charset(data)
    try:
        codec = codecs.lookup(declared).name if declared else "utf-8"
    except LookupError:
        codec = "utf-8"  # CHARSET or a typo: read as UTF-8, as before
    if codec not in ("utf-8", "ascii"):
        raise CatalogError(
            f"the catalog declares charset {declared!r}; concord check reads it, but concord "
            "writes catalogs in UTF-8 only: convert it first (`msgconv -t UTF-8 FILE -o FILE`) "
            "and declare charset=UTF-8", path=shown, line=1)


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
