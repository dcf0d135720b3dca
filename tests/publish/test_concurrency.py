"""Real ``concord`` processes racing on one project copy, and one killed with SIGKILL.

Before the lock, two builds at once crashed on the shared staging folders and left
``build/html`` without a single published page. Here the editions are watched while
the processes run: every ``build/html/<lang>/index.html`` must exist at every look.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from concord.lock import project_lock
from concord.publish.editions import publish_folder

LANGS = ("en", "tr", "ru")
CONCORD = [sys.executable, "-c", "import sys; from concord.cli import main; sys.exit(main())"]


def _start(root: Path, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen([*CONCORD, *args, "-c", str(root)], cwd=root, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _pages(root: Path) -> list[Path]:
    return [root / "build" / "html" / lang / "index.html" for lang in LANGS]


def _leftovers(root: Path) -> list[str]:
    return sorted(p.name for p in (root / "build" / "html").iterdir() if p.name.startswith("."))


def _published_build(root: Path) -> None:
    done = subprocess.run([*CONCORD, "build", "-c", str(root)], cwd=root, text=True,
                          capture_output=True, timeout=600, check=False)
    assert done.returncode == 0, done.stderr
    assert all(page.is_file() for page in _pages(root))


@pytest.mark.slow
def test_two_builds_at_once_both_succeed_and_nothing_unpublished(project_copy: Path) -> None:
    _published_build(project_copy)
    racers = [_start(project_copy, "build"), _start(project_copy, "build")]
    looks, missing = 0, set()
    while any(p.poll() is None for p in racers):
        missing.update(str(page) for page in _pages(project_copy) if not page.is_file())
        looks += 1
        time.sleep(0.005)
    results = [p.communicate(timeout=60) for p in racers]
    assert [p.returncode for p in racers] == [0, 0], results
    assert looks > 0 and missing == set()
    waited = [err for _, err in results if "waiting for another concord build (pid " in err]
    assert len(waited) == 1, results  # the second one said so, once
    assert f"of {project_copy} to finish ..." in waited[0]
    assert _leftovers(project_copy) == []


@pytest.mark.slow
def test_build_killed_while_holding_the_lock_then_a_clean_run(project_copy: Path) -> None:
    """SIGKILL mid-build: its Sphinx children finish as orphans (they hold the lock), the
    next run waits for them, removes the dead run's staging and publishes every edition."""
    killed = _start(project_copy, "build")
    html = project_copy / "build" / "html"
    while killed.poll() is None and not (html.is_dir() and _leftovers(project_copy)):
        time.sleep(0.02)  # until the killed run has staging folders of its own
    assert killed.poll() is None, killed.communicate()
    os.kill(killed.pid, signal.SIGKILL)
    killed.communicate(timeout=60)
    _published_build(project_copy)
    assert _leftovers(project_copy) == []
    for page in _pages(project_copy):
        assert "</html>" in page.read_text("utf-8")


def _workers(parent: int) -> list[int]:
    """The multiprocessing workers ``parent`` spawned (their command line says so)."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            status = (entry / "status").read_text()
            cmdline = (entry / "cmdline").read_bytes()
        except (OSError, ValueError):
            continue
        if f"\nPPid:\t{parent}\n" in status and b"spawn_main" in cmdline:
            found.append(int(entry.name))
    return found


def _gone(pid: int) -> bool:
    try:
        return "\nState:\tZ" in Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return True


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux's")
def test_pdf_workers_end_with_a_killed_run(project_copy: Path) -> None:
    """A killed ``concord pdf`` must not leave workers printing beside the next run."""
    killed = _start(project_copy, "pdf", "-j", "2")
    printing = project_copy / "build" / "print"
    workers: list[int] = []
    while killed.poll() is None and not (printing.is_dir() and any(printing.iterdir())):
        workers = _workers(killed.pid) or workers
        time.sleep(0.01)  # until a worker has its edition and Sphinx is printing it
    pdf = project_copy / "build" / "pdf"
    assert len(workers) == 2 and not list(pdf.glob("*.pdf"))
    os.kill(killed.pid, signal.SIGKILL)
    killed.wait(timeout=60)  # not communicate(): a surviving worker would hold the pipes
    for stream in (killed.stdout, killed.stderr):
        assert stream is not None
        stream.close()
    deadline = time.monotonic() + 60  # a guard against hanging, not a timing assertion
    while not all(_gone(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert all(_gone(pid) for pid in workers)
    assert not list(pdf.glob("*.pdf")), "a worker of the killed run went on writing"
    with project_lock(project_copy, "test", wait=False):
        pass  # and nobody holds the project any more


def _translations(root: Path) -> dict[tuple[str, str | None, str], str]:
    import polib

    return {(str(path.relative_to(root)), e.msgctxt, e.msgid): e.msgstr
            for path in sorted((root / "locales").rglob("*.po"))
            for e in polib.pofile(str(path)) if e.translated() and not e.obsolete}


@pytest.mark.slow
def test_two_updates_at_once_both_succeed_and_lose_nothing(project_copy: Path) -> None:
    """They used to fail with "Sphinx wrote no templates": each removed the other's."""
    before = _translations(project_copy)
    racers = [_start(project_copy, "update", "--no-memory") for _ in range(2)]
    results = [p.communicate(timeout=600) for p in racers]
    assert [p.returncode for p in racers] == [0, 0], results
    # the second waits when the two overlap; on a quick machine the first may be done
    # before the second asks (tests/test_lock.py makes processes contend for certain)
    assert sum("waiting for another concord update (pid " in err for _, err in results) <= 1
    for out, _ in results:
        assert out.count(": updated (") + out.count(": unchanged (") == 6, out
    assert before and _translations(project_copy) == before


@pytest.mark.parametrize("command", [
    pytest.param(["build"], id="build"),
    pytest.param(["pdf"], id="pdf"),
    pytest.param(["update", "--no-memory"], id="update"),
])
def test_no_wait_refuses_with_one_line_and_exit_1(project_copy: Path, command: list[str]) -> None:
    with project_lock(project_copy, "test", wait=False):
        done = subprocess.run([*CONCORD, *command, "--no-wait", "-c", str(project_copy)],
                              cwd=project_copy, text=True, capture_output=True, timeout=300,
                              check=False)
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        f"error: another concord test (pid {os.getpid()}) is running on {project_copy}; "
        "try again when it has finished, or leave out --no-wait to wait for it"
    ]
    assert not (project_copy / "build" / "html").exists()
    assert not (project_copy / "build" / "pdf").exists()


def test_swap_never_leaves_the_edition_missing(tmp_path: Path) -> None:
    """``publish_folder`` swapped again and again while the page is looked at."""
    target = tmp_path / "tr"
    target.mkdir()
    (target / "index.html").write_text("edition 0", "utf-8")
    watcher = subprocess.Popen(
        [sys.executable, "-c", (
            "import os, sys\n"
            "page = sys.argv[1]\n"
            "missing = 0\n"
            "while not os.path.exists(sys.argv[2]):\n"
            "    missing += not os.path.exists(page)\n"
            "print(missing)\n"
        ), str(target / "index.html"), str(tmp_path / "done")],
        stdout=subprocess.PIPE, text=True)
    for number in range(1, 301):
        staging = tmp_path / f".staging-tr-{number}"
        staging.mkdir()
        (staging / "index.html").write_text(f"edition {number}", "utf-8")
        publish_folder(staging, target)
        assert (staging / "index.html").read_text("utf-8") == f"edition {number - 1}"
        (staging / "index.html").unlink()
        staging.rmdir()
    (tmp_path / "done").touch()
    out, _ = watcher.communicate(timeout=60)
    assert out == "0\n"
    assert (target / "index.html").read_text("utf-8") == "edition 300"


def test_swap_fallback_where_the_kernel_cannot_exchange(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """Two renames (the old edition aside, the new one in): the result is the same."""
    import concord.publish.editions as editions

    monkeypatch.setattr(editions, "_exchange", lambda first, second: False)
    target, staging = tmp_path / "ru", tmp_path / ".staging-ru-x"
    for folder, text in ((target, "old"), (staging, "new")):
        folder.mkdir()
        (folder / "index.html").write_text(text, "utf-8")
    publish_folder(staging, target)
    assert (target / "index.html").read_text("utf-8") == "new"
    assert (staging / "index.html").read_text("utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == [".staging-ru-x", "ru"]
