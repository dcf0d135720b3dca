"""The one adapter around the catalog library (polib): read, write, compile.

Nothing else in concord imports polib or Babel's catalog modules: encodings, error
positions, atomic writes and line wrapping are decided here once.
"""

from concord.catalog.load import load_catalog, msgfmt_check
from concord.catalog.save import atomic_write_bytes, save_catalog, compile_mo

__all__ = ["load_catalog", "msgfmt_check", "save_catalog", "atomic_write_bytes", "compile_mo"]
