"""Catalog writes under faults: a real SIGKILL mid-write, symlinked catalogs, two updates at once."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from concord.catalog.load import read_catalog
from concord.catalog.save import atomic_write_bytes, remove_stale_temporaries
from concord.cli import main

ARTICLE = Path("source/articles/europe-us-asia-pacific.rst")
TR = Path("locales/tr/LC_MESSAGES/articles/europe-us-asia-pacific.po")
RU = Path("locales/ru/LC_MESSAGES/articles/europe-us-asia-pacific.po")
CLI = [sys.executable, "-c", "import sys; from concord.cli import main; sys.exit(main(sys.argv[1:]))"]

#: Makes the rename of a catalog's temporary file wait, so a SIGKILL lands mid-write.
STALL_BEFORE_RENAME = '''
import os, sys, time
_replace = os.replace
def stalled_replace(src, dst, *args, **kwargs):
    if str(src).endswith(".tmp") and "LC_MESSAGES" in str(dst):
        print("TEMP", src, flush=True)
        time.sleep(60)
    return _replace(src, dst, *args, **kwargs)
os.replace = stalled_replace
'''


def _shift_source(root: Path) -> None:
    path = root / ARTICLE
    path.write_text(".. A comment line added at the top.\n\n" + path.read_text(encoding="utf-8"), encoding="utf-8")


def _translations(path: Path) -> set[tuple[str, str]]:
    return {(e.msgid, e.msgstr) for e in read_catalog(path).entries if e.msgstr}


def test_a_killed_write_leaves_a_temporary_file_the_next_run_removes(project_copy: Path, tmp_path: Path) -> None:
    hook = tmp_path / "hook"
    hook.mkdir()
    (hook / "sitecustomize.py").write_text(STALL_BEFORE_RENAME, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": f"{hook}{os.pathsep}{os.environ.get('PYTHONPATH', '')}"}
    before = (project_copy / TR).read_bytes()
    _shift_source(project_copy)
    child = subprocess.Popen([*CLI, "update", "-c", str(project_copy), "--no-memory"],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    assert child.stdout is not None
    line = child.stdout.readline()
    assert line.startswith("TEMP "), (line, child.stderr.read() if child.stderr else "")
    temporary = Path(line.split(" ", 1)[1].strip())
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=30)
    assert temporary.exists() and temporary.name.startswith(f".{TR.name}.{child.pid}.")
    assert (project_copy / TR).read_bytes() == before, "the catalog itself is untouched"
    assert main(["update", "-c", str(project_copy), "--no-memory"]) == 0
    assert not temporary.exists(), "the dead writer's temporary file is gone"
    assert not list((project_copy / "locales").rglob(".*.tmp"))
    assert (project_copy / TR).read_bytes() != before


def test_a_live_writers_temporary_file_is_left_alone(tmp_path: Path) -> None:
    catalog = tmp_path / "a.po"
    catalog.write_text("x", encoding="utf-8")
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    finished = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                              capture_output=True, text=True, check=True)
    try:
        live = tmp_path / f".a.po.{sleeper.pid}.abc123.tmp"
        dead = tmp_path / f".a.po.{finished.stdout.strip()}.def456.tmp"
        other = tmp_path / f".b.po.{finished.stdout.strip()}.def456.tmp"
        for path in (live, dead, other):
            path.write_text("partial", encoding="utf-8")
        assert remove_stale_temporaries(catalog) == [dead]
        assert live.exists() and other.exists()
    finally:
        sleeper.kill()
        sleeper.wait()


def test_an_update_writes_through_a_symlinked_catalog(project_copy: Path) -> None:
    shared = project_copy / "shared" / "tr-article.po"
    shared.parent.mkdir()
    (project_copy / TR).rename(shared)
    (project_copy / TR).symlink_to(os.path.relpath(shared, (project_copy / TR).parent))
    before = shared.read_bytes()
    _shift_source(project_copy)
    assert main(["update", "-c", str(project_copy), "--no-memory"]) == 0
    assert (project_copy / TR).is_symlink(), "the link stays a link"
    assert shared.read_bytes() != before and "#: ../../source/articles" in shared.read_text(encoding="utf-8")
    assert not list(shared.parent.glob(".*.tmp"))


def test_a_symlink_out_of_the_project_is_refused(project_copy: Path, tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    outside = tmp_path / "elsewhere" / "article.po"
    outside.parent.mkdir()
    (project_copy / TR).rename(outside)
    (project_copy / TR).symlink_to(outside)
    before = outside.read_bytes()
    _shift_source(project_copy)
    assert main(["update", "-c", str(project_copy), "--no-memory"]) == 2
    err = capsys.readouterr().err
    assert f"is a symbolic link to {outside}, outside the project" in err
    assert "replace the link by a copy" in err
    assert outside.read_bytes() == before and (project_copy / TR).is_symlink()


def test_atomic_write_through_a_symlink_keeps_the_link(tmp_path: Path) -> None:
    target = tmp_path / "real.po"
    target.write_text("old", encoding="utf-8")
    link = tmp_path / "link.po"
    link.symlink_to(target)
    atomic_write_bytes(link, b"new")
    assert link.is_symlink() and target.read_text(encoding="utf-8") == "new"


def test_two_updates_at_once_lose_no_translation(project_copy: Path) -> None:
    before = {path: _translations(project_copy / path) for path in (TR, RU)}
    _shift_source(project_copy)
    children = [subprocess.Popen([*CLI, "update", "-c", str(project_copy), "--no-memory"],
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                for _ in range(2)]
    outcomes = [child.communicate(timeout=600) for child in children]
    codes = [child.returncode for child in children]
    assert 0 in codes, outcomes
    assert all(code in (0, 1, 2) for code in codes), f"no internal error: {outcomes}"
    for path, translations in before.items():
        assert _translations(project_copy / path) >= translations, f"{path}: a translation was lost"
    assert not list((project_copy / "locales").rglob(".*.tmp"))
