"""The one adapter around the catalog library (polib): read, write, compile.

Nothing else in concord imports polib or Babel's catalog modules: encodings, error
positions, atomic writes and line wrapping are decided here once. The names below are
imported on first use (PEP 562): ``concord check`` reads with the strict reader and
never pays for polib's import.
"""

from __future__ import annotations

import importlib
from typing import Any

_WHERE = {"load_catalog": "load", "msgfmt_check": "load", "save_catalog": "save",
          "atomic_write_bytes": "save", "compile_mo": "save"}

__all__ = ["load_catalog", "msgfmt_check", "save_catalog", "atomic_write_bytes", "compile_mo"]


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module 'concord.catalog' has no attribute {name!r}")
    return getattr(importlib.import_module(f"concord.catalog.{_WHERE[name]}"), name)
