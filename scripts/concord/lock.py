"""One lock per project, held for the whole of ``concord build``, ``pdf`` and ``update``.

Two runs on one project at once share the build folders (doctrees, logs, the print
HTML) and the catalogs: without a lock they crashed each other and left
``build/html`` empty. The lock is an ``fcntl.flock`` on ``<project>/build/.concord.lock``
(``build/`` is where concord writes anyway; it is ignored by git in Sphinx projects):

* the kernel releases a ``flock`` when the last descriptor of it closes, so a holder
  killed with SIGKILL never leaves a stale lock behind: no pid files to clean up, no
  "is that process still alive?" guesses;
* the descriptor can be handed to child processes (:func:`held_fds`, for
  ``subprocess``'s ``pass_fds``): the Sphinx processes of a killed run keep the
  project locked until they end, so the next run never builds beside an orphan;
* the file is never deleted: unlinking a lock file lets two processes lock two
  different inodes of the same name.

The holder writes ``<pid> <command>`` into the file, so the one who waits can say
whom it waits for. A lock is re-entrant within a process (``concord build`` and the
library function it calls both ask for it): it keeps other processes out, not threads.
"""

from __future__ import annotations

import fcntl
import os
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import click

from concord.errors import ConcordError

LOCK_FILE = Path("build") / ".concord.lock"


class ProjectBusy(ConcordError):
    """Another concord run holds the project and we were asked not to wait."""

    exit_code = 1


@dataclass
class _Held:
    fd: int
    command: str
    depth: int = 1


_held: dict[Path, _Held] = {}
_guard = threading.Lock()

no_wait_option = click.option(
    "--no-wait", is_flag=True, envvar="CONCORD_NO_WAIT",
    help="If another concord run holds this project, exit 1 at once instead of waiting "
         "[env CONCORD_NO_WAIT].",
)


def lock_path(root: Path) -> Path:
    """Where the lock of the project whose ``conf.py`` is in ``root`` lives."""
    return root.resolve() / LOCK_FILE


def held_fds() -> tuple[int, ...]:
    """Descriptors of the locks this process holds, to pass to its child processes."""
    with _guard:
        return tuple(held.fd for held in _held.values())


def _say(line: str) -> None:
    click.echo(line, err=True)


@contextmanager
def project_lock(
    root: Path, command: str, *, wait: bool = True, announce: Callable[[str], None] = _say,
) -> Iterator[Path]:
    """Hold the project's lock for the ``with`` block; yield the lock file's path.

    When another run holds it: with ``wait``, ``announce`` one line and block until
    it ends; without, raise :class:`ProjectBusy` (exit 1) naming the holder.
    """
    path = lock_path(root)
    with _guard:
        held = _held.get(path)
        if held is not None:
            held.depth += 1
    if held is not None:
        try:
            yield path
        finally:
            with _guard:
                held.depth -= 1
        return
    fd = _acquire(path, root, command, wait=wait, announce=announce)
    with _guard:
        _held[path] = _Held(fd, command)
    try:
        yield path
    finally:
        with _guard:
            del _held[path]
        _release(fd)


def _open(path: Path) -> int:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        return os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    except OSError as err:
        raise ConcordError(
            f"cannot open the project lock {path}: {err.strerror}; make {path.parent} writable "
            "(concord writes its builds there)"
        ) from err


def _acquire(path: Path, root: Path, command: str, *, wait: bool,
             announce: Callable[[str], None]) -> int:
    fd = _open(path)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        holder = _holder(fd)
        if not wait:
            os.close(fd)
            raise ProjectBusy(
                f"another concord {holder} is running on {root}; try again when it has "
                "finished, or leave out --no-wait to wait for it"
            ) from None
        announce(f"waiting for another concord {holder} of {root} to finish ...")
        fcntl.flock(fd, fcntl.LOCK_EX)
    os.ftruncate(fd, 0)
    os.pwrite(fd, f"{os.getpid()} {command}\n".encode(), 0)
    return fd


def _release(fd: int) -> None:
    try:
        os.ftruncate(fd, 0)
    finally:
        os.close(fd)  # closing the last descriptor releases the flock


def _holder(fd: int) -> str:
    """``build (pid 123)`` from what the holder wrote; the pid may have ended already."""
    try:
        words = os.pread(fd, 200, 0).decode("utf-8", "replace").split()
        pid = int(words[0])
        command = words[1]
    except (OSError, ValueError, IndexError):
        return "run (pid unknown)"
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return f"{command} (pid {pid}, ended; its child processes are finishing)"
    except PermissionError:
        pass
    return f"{command} (pid {pid})"
