"""The project lock, between real processes: refuse, wait, survive SIGKILL, pass to children.

Each holder is a real Python process that takes the lock, says ``held`` on stdout and
keeps it until its stdin closes (or it is killed).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from concord.lock import ProjectBusy, held_fds, lock_path, project_lock

HOLDER = """
import subprocess, sys, time
from pathlib import Path
from concord.lock import held_fds, project_lock
with project_lock(Path(sys.argv[1]), sys.argv[2]):
    if sys.argv[3:] == ["--child"]:  # a child process that inherits the lock, as Sphinx does
        child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)"],
                                 pass_fds=held_fds(), stdin=subprocess.DEVNULL,
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        print(child.pid, flush=True)
    print("held", flush=True)
    sys.stdin.read()
"""

WAITER = """
import sys
from pathlib import Path
from concord.lock import project_lock
with project_lock(Path(sys.argv[1]), "build"):
    print("acquired", flush=True)
"""


def _python(code: str, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-c", code, *args], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


@pytest.fixture
def holder(tmp_path: Path) -> Iterator[subprocess.Popen[str]]:
    """A process holding the lock of the project in ``tmp_path`` for a ``build``."""
    process = _python(HOLDER, str(tmp_path), "build")
    assert process.stdout is not None and process.stdout.readline() == "held\n"
    yield process
    if process.poll() is None:
        process.kill()
    process.communicate(timeout=60)


def test_no_wait_refuses_naming_the_holder(tmp_path: Path, holder: subprocess.Popen[str]) -> None:
    with pytest.raises(ProjectBusy) as refused:
        with project_lock(tmp_path, "build", wait=False):
            pytest.fail("took a lock another process holds")
    assert refused.value.exit_code == 1
    assert str(refused.value) == (
        f"error: another concord build (pid {holder.pid}) is running on {tmp_path}; try again "
        "when it has finished, or leave out --no-wait to wait for it"
    )


def test_waiter_says_whom_it_waits_for_then_runs(tmp_path: Path, holder: subprocess.Popen[str]) -> None:
    waiter = _python(WAITER, str(tmp_path))
    assert waiter.stderr is not None and waiter.stdout is not None
    line = waiter.stderr.readline()  # written before it blocks: the holder still holds
    assert line == f"waiting for another concord build (pid {holder.pid}) of {tmp_path} to finish ...\n"
    assert waiter.poll() is None
    holder.communicate("", timeout=60)  # the holder ends its run
    out, _ = waiter.communicate(timeout=60)
    assert (waiter.returncode, out) == (0, "acquired\n")


def test_sigkill_of_the_holder_frees_the_project(tmp_path: Path, holder: subprocess.Popen[str]) -> None:
    holder.send_signal(signal.SIGKILL)
    holder.wait(timeout=60)
    with project_lock(tmp_path, "build", wait=False) as path:
        assert lock_path(tmp_path) == path
        assert path.read_text() == f"{os.getpid()} build\n"


def test_children_keep_the_lock_of_a_killed_run(tmp_path: Path) -> None:
    """The Sphinx processes of a killed build still write the build folders: the next
    run must wait for them, and says that their parent is gone."""
    process = _python(HOLDER, str(tmp_path), "build", "--child")
    assert process.stdout is not None
    child = int(process.stdout.readline())
    assert process.stdout.readline() == "held\n"
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=60)
    try:
        with pytest.raises(ProjectBusy, match=rf"build \(pid {process.pid}, ended; its child processes are finishing\)"):
            with project_lock(tmp_path, "build", wait=False):
                pass
    finally:
        os.kill(child, signal.SIGKILL)  # not our child: the kernel reaps it
    with project_lock(tmp_path, "build", announce=lambda line: None):  # free once it is gone
        pass


def test_reentrant_within_a_process_and_the_file_stays(tmp_path: Path) -> None:
    """``concord build`` and ``build_editions`` both ask; the inner one must not deadlock.
    The file is never deleted (two processes could otherwise lock two inodes)."""
    with project_lock(tmp_path, "build", wait=False) as path:
        with project_lock(tmp_path, "build", wait=False):
            assert len(held_fds()) == 1
        assert len(held_fds()) == 1
    assert held_fds() == ()
    assert path.is_file() and path.read_text() == ""
    assert path == tmp_path.resolve() / "build" / ".concord.lock"
