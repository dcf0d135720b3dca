"""Per-project settings of ``concord check``, declared once and validated.

In the project's ``pyproject.toml``::

    [tool.concord.check]
    ignore = ["unchanged"]                    # checks switched off for the whole project
    severity = { double-space = "error" }     # a check's severity changed
    threshold = { ru = 90 }                   # % translated a language needs to pass
    per-file-ignores = { "locales/*/LC_MESSAGES/sphinx.po" = ["unchanged"] }

One entry is silenced with the flag ``#, concord-ignore-<check-id>``.
"""

from __future__ import annotations

import difflib
import tomllib
from dataclasses import dataclass, field
from fnmatch import fnmatch
from pathlib import Path

from concord.checks.base import SEVERITIES, Severity
from concord.errors import ConcordError

KEYS = ("ignore", "severity", "threshold", "per-file-ignores")


@dataclass(frozen=True)
class CheckConfig:
    ignore: frozenset[str] = frozenset()
    severity: dict[str, Severity] = field(default_factory=dict)
    threshold: dict[str, float] = field(default_factory=dict)
    per_file_ignores: dict[str, frozenset[str]] = field(default_factory=dict)

    def ignored_in(self, path: str) -> frozenset[str]:
        found = set(self.ignore)
        for pattern, ids in self.per_file_ignores.items():
            if fnmatch(path, pattern):
                found |= ids
        return frozenset(found)

    def threshold_of(self, lang: str) -> float:
        return self.threshold.get(lang, 100.0)


def _known_id(value: object, where: str, ids: set[str]) -> str:
    if not isinstance(value, str) or value not in ids:
        close = difflib.get_close_matches(str(value), sorted(ids), n=1)
        hint = f"did you mean {close[0]!r}?" if close else "run `concord check --list-checks`"
        raise ConcordError(f"unknown check id {value!r} in {where}; {hint}")
    return value


def parse_threshold(value: object, where: str) -> float:
    try:
        pct = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        pct = -1.0
    if not 0 <= pct <= 100:
        raise ConcordError(f"threshold {value!r} in {where} is not a percentage; write a "
                           "number from 0 to 100, e.g. ru=90")
    return pct


def load_config(root: Path | None, ids: set[str]) -> CheckConfig:
    """``[tool.concord.check]`` of ``root/pyproject.toml``; defaults when absent."""
    if root is None or not (root / "pyproject.toml").is_file():
        return CheckConfig()
    path = root / "pyproject.toml"
    try:
        table = tomllib.loads(path.read_text("utf-8")).get("tool", {}).get("concord", {})
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as err:
        raise ConcordError(f"{path} cannot be read ({err}); fix the TOML") from err
    section = table.get("check", {})
    where = f"{path} [tool.concord.check]"
    for key in section:
        if key not in KEYS:
            close = difflib.get_close_matches(key, KEYS, n=1)
            hint = f"did you mean {close[0]!r}?" if close else f"known keys: {', '.join(KEYS)}"
            raise ConcordError(f"unknown key {key!r} in {where}; {hint}")
    severity = {}
    for check_id, level in section.get("severity", {}).items():
        if level not in SEVERITIES:
            raise ConcordError(f"severity {level!r} of {check_id} in {where} is not one of "
                               f"{', '.join(SEVERITIES)}")
        severity[_known_id(check_id, where, ids)] = level
    return CheckConfig(
        ignore=frozenset(_known_id(i, where, ids) for i in section.get("ignore", [])),
        severity=severity,
        threshold={lang: parse_threshold(pct, where)
                   for lang, pct in section.get("threshold", {}).items()},
        per_file_ignores={
            pattern: frozenset(_known_id(i, where, ids) for i in listed)
            for pattern, listed in section.get("per-file-ignores", {}).items()
        },
    )
