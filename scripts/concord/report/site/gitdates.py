"""When each catalog last changed, from git, in one ``git log`` for the whole tree.

One process for all catalogs, not one per file: python-docs-tr has 484 catalogs and a
``git log -1`` each would cost more than the checks. A catalog edited but not yet
committed is reported as such; outside git there is simply no date.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

#: Seconds a git command may take before the report goes on without dates.
GIT_TIMEOUT = 60


def last_changes(root: Path, files: list[Path]) -> dict[Path, dt.date | None]:
    """The date of the last commit touching each of ``files`` (resolved paths)."""
    wanted = {f.resolve() for f in files}
    found: dict[Path, dt.date | None] = dict.fromkeys(wanted)
    top = _git(root, "rev-parse", "--show-toplevel")
    if not top or not wanted:
        return found
    base = Path(top.strip())
    log = _git(root, "log", "--format=%x00%cs", "--name-only", "--no-renames", "--",
               *sorted({str(f.parent) for f in wanted}))
    date: dt.date | None = None
    for line in (log or "").splitlines():
        if line.startswith("\0"):
            date = _date(line[1:])
        elif line and date is not None:
            path = (base / line).resolve()
            if path in found and found[path] is None:
                found[path] = date
    return found


def uncommitted(root: Path, files: list[Path]) -> set[Path]:
    """The files of ``files`` with changes git has not committed."""
    top = _git(root, "rev-parse", "--show-toplevel")
    if not top or not files:
        return set()
    base = Path(top.strip())
    status = _git(root, "status", "--porcelain", "--untracked-files=all", "--",
                  *sorted({str(f.parent) for f in files})) or ""
    changed = {(base / line[3:].strip()).resolve() for line in status.splitlines() if len(line) > 3}
    return {f.resolve() for f in files} & changed


def _git(cwd: Path, *args: str) -> str | None:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True,
                              timeout=GIT_TIMEOUT, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout if done.returncode == 0 else None


def _date(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        return None
