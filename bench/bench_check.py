"""Benchmark of ``concord check`` against its peers, side by side, as ratios.

Runs, in one process tree, on the same inputs, round after round (so that a change in
the load of a shared machine hits every tool of a round alike):

* ``concord check`` (the whole suite, default settings, all cores),
* ``concord check`` with the reST markup checks switched off (``[tool.concord.check]
  ignore``): the pipeline alone (reader, completeness, script, format and header
  checks, worker pool, output), to show what the markup checks cost,
* GNU ``msgfmt --check``, one process per file (how CI usually runs it),
* ``pofilter`` from Translate Toolkit (default checks),

over ``../shared/corpora/python-docs-es`` (the Spanish translation of the Python
documentation: 512 catalogs, mostly translated by people) and, with ``--corpus``,
``python-docs-tr`` and the 70 catalogs Sphinx ships. Prints each round's wall times,
the median of each tool and of each round's ratios (ours / theirs: below 1 means
faster), the peak memory of ``concord check``'s process tree with ``--format json``,
the time to result for one catalog (a pre-commit run), the data and the core count.

    .venv/bin/python bench/bench_check.py [--repeat 3] [--corpus es,tr,sphinx]
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
CORPORA = REPO.parent / "shared" / "corpora"


def markup_checks() -> tuple[str, ...]:
    """Every check of the reST markup family (those 8a added too), so that the "markup
    off" row is the pipeline alone."""
    from concord.checks.registry import CHECKS

    return tuple(c.id for c in CHECKS if c.family == "markup")


def corpus_files(name: str) -> list[Path]:
    if name == "sphinx":
        import sphinx

        return sorted(Path(sphinx.__file__).parent.glob("locale/*/LC_MESSAGES/sphinx.po"))
    folder = CORPORA / f"python-docs-{name}"
    return sorted(folder.rglob("*.po")) if folder.is_dir() else []


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


def timed(command: Sequence[str], *, cwd: Path, watch_memory: bool = False) -> tuple[float, float, int]:
    """Wall and CPU seconds of ``command``, and (if asked) its tree's peak RSS in KiB."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak = 0
    stop = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not stop.is_set():
            peak = max(peak, _tree_rss_kib(process.pid))
            stop.wait(0.01)

    sampler = threading.Thread(target=sample) if watch_memory else None
    if sampler:
        sampler.start()
    process.wait()
    wall = time.perf_counter() - start
    stop.set()
    if sampler:
        sampler.join()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, peak


def timed_each(commands: Sequence[Sequence[str]], cwd: Path) -> tuple[float, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    for command in commands:
        subprocess.run(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (time.perf_counter() - start,
            (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime))


def describe(files: Sequence[Path]) -> str:
    """Catalogs, entries and translated entries, as concord's reader counts them."""
    from concord.catalog.load import read_catalog
    from concord.errors import CatalogError

    entries = translated = unreadable = 0
    for path in files:
        try:
            catalog = read_catalog(path)
        except CatalogError:
            unreadable += 1
            continue
        current = [e for e in catalog.entries if not e.obsolete]
        entries += len(current)
        translated += sum(e.translated for e in current)
    return (f"{len(files)} catalogs, {entries:,} current entries, {translated:,} translated "
            f"(+ {unreadable} unreadable)")


def bench(name: str, files: list[Path], repeat: int, work: Path) -> dict[str, float]:
    linked = work / name
    linked.mkdir()
    for index, path in enumerate(files):  # one folder of links: the same input for every tool
        stem = path.parent.parent.name if name == "sphinx" else path.stem
        (linked / f"{index:03d}-{stem}.po").symlink_to(path)
    plain = work / f"{name}-pipeline"
    plain.mkdir()  # the same links, with the markup checks ignored by configuration
    (plain / "pyproject.toml").write_text(
        "[tool.concord.check]\nignore = [" + ", ".join(f'"{c}"' for c in markup_checks()) + "]\n")
    concord = str(BIN / "concord")
    msgfmt = shutil.which("msgfmt")
    if not msgfmt:
        print("note: msgfmt not found (apt-get install gettext); its comparison skipped")
    pofilter = str(BIN / "pofilter")
    if not Path(pofilter).exists():
        print("note: pofilter not found (pip install translate-toolkit); its comparison skipped")
    out = work / f"{name}-pofilter"
    tools: dict[str, list[tuple[float, float]]] = {}
    for round_number in range(1, repeat + 1):
        row = {"concord check": timed([concord, "check", str(linked)], cwd=work)[:2],
               "concord check, markup off": timed([concord, "check", str(linked)], cwd=plain)[:2]}
        if msgfmt:
            row["msgfmt --check (per file)"] = timed_each(
                [[msgfmt, "--check", "-o", "/dev/null", str(f)] for f in files], work)
        if Path(pofilter).exists():
            shutil.rmtree(out, ignore_errors=True)
            row["pofilter"] = timed([pofilter, "--progress=none", str(linked), str(out)], cwd=work)[:2]
        print(f"  round {round_number}: " + ", ".join(f"{tool} {wall:.2f} s" for tool, (wall, _) in row.items()),
              flush=True)
        for tool, value in row.items():
            tools.setdefault(tool, []).append(value)
    ours = tools["concord check"]
    print(f"\n{name}: {describe(files)} ({files[0].parents[2] if name == 'sphinx' else CORPORA / f'python-docs-{name}'})")
    print(f"  {'tool':<28} {'wall (median)':>13} {'CPU':>8}   ours/theirs (median of rounds)")
    results: dict[str, float] = {}
    for tool, values in tools.items():
        wall = statistics.median(v[0] for v in values)
        cpu = statistics.median(v[1] for v in values)
        ratio = ""
        if tool != "concord check":
            ratios = [o[0] / v[0] for o, v in zip(ours, values)]
            results[tool] = statistics.median(ratios)
            ratio = f"   {results[tool]:.2f}  (theirs/ours = {1 / results[tool]:.1f}x)"
        print(f"  {tool:<28} {wall:11.2f} s {cpu:6.2f} s{ratio}")
    _, _, peak = timed([concord, "check", "--format", "json", str(linked)], cwd=work, watch_memory=True)
    results["peak_mb"] = peak / 1024
    print(f"  concord check --format json, peak memory (process tree): {peak / 1024:.0f} MB (target < 300 MB)")
    one = sorted(files, key=lambda p: p.stat().st_size)[len(files) // 2]
    wall, cpu, _ = timed([concord, "check", str(one)], cwd=work)
    print(f"  one catalog (median size, {one.name}, {one.stat().st_size // 1024} KiB): "
          f"{wall:.2f} s wall, {cpu:.2f} s CPU (time to result of a pre-commit run)")
    return results


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3, help="rounds; medians are shown")
    parser.add_argument("--corpus", default="es", help="comma-separated: es, tr, sphinx")
    args = parser.parse_args(argv)
    print(f"cores: {os.cpu_count()} (usable: {len(os.sched_getaffinity(0))}); "
          f"load average {os.getloadavg()[0]:.1f}; python {sys.version.split()[0]}")
    goals = []
    with tempfile.TemporaryDirectory(prefix="concord-bench-") as tmp:
        for name in args.corpus.split(","):
            files = corpus_files(name)
            if not files:
                print(f"\n{name}: skipped, no catalogs found (../shared/corpora beside the checkout)")
                continue
            print(f"\n{name}:", flush=True)
            found = bench(name, files, args.repeat, Path(tmp))
            if "msgfmt --check (per file)" in found:
                goals.append((f"{name}: less wall time than msgfmt --check per file",
                              found["msgfmt --check (per file)"] < 1))
            if "pofilter" in found:
                goals.append((f"{name}: at least 10x faster than pofilter", found["pofilter"] <= 0.1))
            goals.append((f"{name}: peak memory under 300 MB", found["peak_mb"] < 300))
    print()
    for goal, met in goals:
        print(f"goal: {goal}: {'met' if met else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
