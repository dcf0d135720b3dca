"""Benchmark of ``concord check`` against its peers, side by side, as ratios.

Runs, in one process tree and on the same inputs:

* ``concord check`` (the whole suite, default settings, all cores),
* GNU ``msgfmt --check``, one process per file (how CI usually runs it),
* ``pofilter`` from Translate Toolkit (default checks),
* polib parsing every file (the catalog library's own floor),

over the real catalogs of the Python documentation in Turkish
(``../shared/corpora/python-docs-tr``) and over the 70 catalogs Sphinx ships
(``sphinx/locale/*/LC_MESSAGES/sphinx.po``). Prints wall times, the ratios
(ours / theirs: below 1 means faster), the peak memory of ``concord check``'s process
tree, and the core count. Absolute seconds drift on shared machines; ratios measured
side by side do not.

    .venv/bin/python bench/bench_check.py [--repeat N]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
PYTHON_DOCS_TR = REPO.parent / "shared" / "corpora" / "python-docs-tr"


def sphinx_catalogs() -> list[Path]:
    import sphinx

    return sorted(Path(sphinx.__file__).parent.glob("locale/*/LC_MESSAGES/sphinx.po"))


def _tree_rss_kib(root: int) -> int:
    """Resident memory of ``root`` and all its descendants (KiB), read from /proc."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            status = Path(f"/proc/{entry}/status").read_text()
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        pid, ppid = int(entry), int(fields.get("PPid", "0"))
        children.setdefault(ppid, []).append(pid)
        rss[pid] = int(fields.get("VmRSS", "0 kB").split()[0])
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        todo.extend(children.get(pid, []))
    return total


def timed(command: Sequence[str], *, cwd: Path, watch_memory: bool = False) -> tuple[float, int]:
    """Wall seconds of ``command`` and (if asked) its process tree's peak RSS in KiB."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak = 0
    if watch_memory:
        stop = threading.Event()

        def sample() -> None:
            nonlocal peak
            while not stop.is_set():
                peak = max(peak, _tree_rss_kib(process.pid))
                stop.wait(0.01)

        sampler = threading.Thread(target=sample)
        sampler.start()
        process.wait()
        stop.set()
        sampler.join()
    else:
        process.wait()
    return time.perf_counter() - start, peak


def timed_each(commands: Sequence[Sequence[str]], cwd: Path) -> float:
    start = time.perf_counter()
    for command in commands:
        subprocess.run(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


def polib_parse(files: Sequence[Path]) -> tuple[float, int]:
    import polib

    start = time.perf_counter()
    entries = sum(len(polib.pofile(str(f))) for f in files)
    return time.perf_counter() - start, entries


def median(run: Callable[[], float], repeat: int) -> float:
    return statistics.median(run() for _ in range(repeat))


def bench(name: str, files: list[Path], repeat: int, work: Path) -> dict[str, float]:
    linked = work / name
    linked.mkdir()
    for index, path in enumerate(files):  # one folder of links: the same input for every tool
        (linked / f"{index:03d}-{path.parent.parent.name if name == 'sphinx' else path.stem}.po").symlink_to(path)
    ours_cmd = [str(BIN / "concord"), "check", str(linked)]
    msgfmt = shutil.which("msgfmt")
    seconds_ours, peak = timed(ours_cmd, cwd=work, watch_memory=True)
    ours = median(lambda: timed(ours_cmd, cwd=work)[0], repeat)
    results = {"concord check": ours}
    if msgfmt:
        results["msgfmt --check (per file)"] = median(
            lambda: timed_each([[msgfmt, "--check", "-o", "/dev/null", str(f)] for f in files], work), repeat)
    else:
        print("note: msgfmt not found (apt-get install gettext); its comparison skipped")
    out = work / f"{name}-pofilter"
    if (BIN / "pofilter").exists():
        results["pofilter"] = median(lambda: (shutil.rmtree(out, ignore_errors=True), timed(
            [str(BIN / "pofilter"), "--progress=none", str(linked), str(out)], cwd=work)[0])[1], repeat)
    else:
        print("note: pofilter not found (pip install translate-toolkit); its comparison skipped")
    results["polib parse (in process)"], entries = polib_parse(files)
    print(f"\n{name}: {len(files)} catalogs, {entries} entries ({files[0].parents[2] if name == 'sphinx' else PYTHON_DOCS_TR})")
    for tool, seconds in results.items():
        ratio = "" if tool == "concord check" else f"   ours/theirs = {ours / seconds:.2f}  (theirs/ours = {seconds / ours:.1f}x)"
        print(f"  {tool:<28} {seconds:6.2f} s{ratio}")
    print(f"  concord check peak memory (process tree): {peak / 1024:.0f} MB (target < 300 MB)")
    results["peak_mb"] = peak / 1024
    del seconds_ours
    return results


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per tool; the median is shown")
    args = parser.parse_args(argv)
    print(f"cores: {os.cpu_count()} (usable: {len(os.sched_getaffinity(0))}); python {sys.version.split()[0]}")
    with tempfile.TemporaryDirectory(prefix="concord-bench-") as tmp:
        work = Path(tmp)
        goals = []
        if PYTHON_DOCS_TR.is_dir():
            docs = bench("python-docs-tr", sorted(PYTHON_DOCS_TR.rglob("*.po")), args.repeat, work)
            if "msgfmt --check (per file)" in docs:
                goals.append(("whole suite faster than msgfmt --check on python-docs-tr",
                              docs["concord check"] < docs["msgfmt --check (per file)"]))
        else:
            print(f"\npython-docs-tr: skipped, {PYTHON_DOCS_TR} not found (the shared/ folder beside the checkout)")
        sphinx = bench("sphinx", sphinx_catalogs(), args.repeat, work)
        if "pofilter" in sphinx:
            goals.append(("at least 10x faster than pofilter on Sphinx's catalogs",
                          sphinx["pofilter"] / sphinx["concord check"] >= 10))
        goals.append(("peak memory under 300 MB", sphinx["peak_mb"] < 300))
        print()
        for goal, met in goals:
            print(f"goal: {goal}: {'met' if met else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
