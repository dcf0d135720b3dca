"""Recall of ``concord check`` on a real human translation, measured by planting defects.

The precision of the checks is hand-labelled (``bench/precision/``); this measures the
other half: of real defects, how many are errors at the right line. It copies a corpus
(``../shared/corpora/python-docs-es`` unless ``--corpus``) to a temporary folder, runs
``concord check --format json`` on the copy once to find the translated entries with no
finding at all, plants one defect (``bench/recall_plants.py``) in each of ``--per-kind``
such entries per kind, spread across catalogs, runs the check again, and reports per
kind: eligible hosts, planted, caught as an error at the entry's msgid line, caught with
the expected check id, and missed (with examples). Only the planted entries' msgstr
lines (or their flags line) are rewritten; every other byte of a catalog stays.

    .venv/bin/python bench/bench_recall.py [--corpus DIR] [--per-kind 40] [--seed 8] [--verbose]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

sys.path.insert(0, str(Path(__file__).resolve().parent))
from recall_plants import KINDS  # noqa: E402  (a sibling module of this script)

if TYPE_CHECKING:
    from concord.catalog.model import Entry

#: (resolved catalog path, line) -> [(severity, check id)] of one ``concord check`` run
Findings = dict[tuple[str, int], list[tuple[str, str]]]

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpora" / "python-docs-es"


@dataclass
class Plant:
    """One planted defect: where, what, and (after the check) what was reported there."""

    kind: str
    path: Path
    msgid: str
    msgctxt: str | None
    line: int  # msgid line in the unmodified catalog
    old: str
    new: str
    new_line: int = 0  # msgid line in the planted catalog
    found: list[tuple[str, str]] = field(default_factory=list)  # (severity, check id)

    @property
    def caught(self) -> bool:
        return any(severity == "error" for severity, _ in self.found)

    @property
    def expected(self) -> bool:
        return ("error", KINDS[self.kind][1]) in self.found


@dataclass
class Result:
    plants: list[Plant]
    eligible: dict[str, int]
    skipped: dict[str, int]


def run_check(folder: Path, cwd: Path) -> Findings:
    """``concord check --format json`` (the CLI of this venv): (resolved path, line) ->
    [(severity, check id)]."""
    concord = Path(sys.executable).parent / "concord"
    done = subprocess.run([str(concord), "check", "--format", "json", str(folder)],
                          cwd=cwd, capture_output=True, text=True, check=False)
    if done.returncode not in (0, 1, 2):
        raise SystemExit(f"concord check failed (exit {done.returncode}): {done.stderr.strip()}")
    found: Findings = defaultdict(list)
    for finding in json.loads(done.stdout)["findings"]:
        key = (str((cwd / finding["path"]).resolve()), finding["line"])
        found[key].append((finding["severity"], finding["check"]))
    return found


def hosts(folder: Path, clean: Findings) -> dict[Path, list[Entry]]:
    """Per catalog, the entries a plant may go to: translated, single-form, a msgid
    without a line break, and no finding at all in the unmodified run."""
    from concord.catalog.load import read_catalog
    from concord.errors import CatalogError

    found: dict[Path, list[Entry]] = {}
    for path in sorted(folder.rglob("*.po")):
        try:
            catalog = read_catalog(path)
        except CatalogError:
            continue
        entries = [e for e in catalog.entries
                   if e.translated and not e.obsolete and e.msgid_plural is None
                   and "\n" not in e.msgid and not clean.get((str(path.resolve()), e.line))]
        if entries:
            found[path] = entries
    return found


def choose(candidates: dict[Path, list[Entry]], per_kind: int,
           rng: random.Random) -> tuple[list[Plant], dict[str, int]]:
    """``per_kind`` plants of each kind, one catalog after another in a shuffled order
    (spread), at most one plant per entry; the rarest kinds choose first."""
    eligible: dict[str, dict[Path, list[tuple[Entry, str]]]] = {kind: defaultdict(list) for kind in KINDS}
    for path, entries in candidates.items():
        for entry in entries:
            for kind, (plant, _) in KINDS.items():
                new = plant(entry.msgid, entry.msgstr)
                if new is not None and (new != entry.msgstr or kind == "fuzzy-flag"):
                    eligible[kind][path].append((entry, new))
    counts = {kind: sum(map(len, per.values())) for kind, per in eligible.items()}
    queues = {kind: _spread(eligible[kind], rng) for kind in KINDS}
    used: set[tuple[Path, int]] = set()
    plants: list[Plant] = []
    wanted = {kind: per_kind for kind in KINDS}
    while any(wanted.values()):  # one plant per kind a round: kinds sharing rare hosts share them
        for kind in sorted(KINDS, key=lambda k: counts[k]):
            queue = queues[kind]
            while wanted[kind] and queue:
                path, entry, new = queue.pop()
                if (path, entry.line) not in used:
                    used.add((path, entry.line))
                    plants.append(Plant(kind, path, entry.msgid, entry.msgctxt, entry.line, entry.msgstr, new))
                    wanted[kind] -= 1
                    break
            if not queue:
                wanted[kind] = 0
    return plants, counts


def _spread(per_path: dict[Path, list[tuple[Entry, str]]],
            rng: random.Random) -> list[tuple[Path, Entry, str]]:
    """The hosts of one kind in the order to take them (from the end): catalogs in a
    shuffled order, one entry of each in turn, each catalog's entries shuffled."""
    paths = sorted(per_path)
    rng.shuffle(paths)
    pools = [rng.sample(per_path[p], len(per_path[p])) for p in paths]
    order: list[tuple[Path, Entry, str]] = []
    for turn in range(max(map(len, pools), default=0)):
        order.extend((path, *pool[turn]) for path, pool in zip(paths, pools) if turn < len(pool))
    return order[::-1]


def _po_string(text: str) -> str:
    escaped = (text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
               .replace("\t", "\\t").replace("\r", "\\r"))
    return f'"{escaped}"'


def edit(lines: list[str], plant: Plant, newline: str) -> None:
    """Rewrite one entry in ``lines`` (the catalog's lines, ends kept): its msgstr block
    as one ``msgstr "..."`` line, or ``fuzzy`` added to its flags."""
    at = plant.line - 1
    if not lines[at].lstrip().startswith("msgid "):
        raise ValueError(f"line {plant.line} is not a msgid line")
    if plant.kind == "fuzzy-flag":
        top = at
        while top > 0 and lines[top - 1].lstrip().startswith(('"', "msgctxt")):
            top -= 1
        first = top
        while first > 0 and lines[first - 1].startswith("#"):
            first -= 1
        flags = next((i for i in range(first, top) if lines[i].startswith("#,")), None)
        if flags is None:
            lines.insert(top, "#, fuzzy" + newline)
        else:
            lines[flags] = lines[flags].rstrip("\r\n") + ", fuzzy" + newline
        return
    start = at + 1
    while lines[start].lstrip().startswith('"'):
        start += 1
    if not lines[start].lstrip().startswith("msgstr "):
        raise ValueError(f"no msgstr after the msgid at line {plant.line}")
    end = start + 1
    while end < len(lines) and lines[end].lstrip().startswith('"'):
        end += 1
    lines[start:end] = [f"msgstr {_po_string(plant.new)}{newline}"]


def plant_all(plants: Iterable[Plant], skipped: dict[str, int]) -> list[Plant]:
    """Write the plants into their catalogs, bottom up (the lines above stay where they
    are); keep a plant only when the catalog still reads and the entry reads as planted."""
    from concord.catalog.load import read_catalog
    from concord.errors import CatalogError

    by_path: dict[Path, list[Plant]] = defaultdict(list)
    for plant in plants:
        by_path[plant.path].append(plant)
    kept = []
    for path, group in by_path.items():
        try:
            text = path.read_bytes().decode("utf-8")
        except UnicodeDecodeError:  # another charset: left alone
            for plant in group:
                skipped[plant.kind] = skipped.get(plant.kind, 0) + 1
            continue
        lines = text.splitlines(keepends=True)
        newline = "\r\n" if text.endswith("\r\n") else "\n"
        for plant in sorted(group, key=lambda p: -p.line):
            trial = list(lines)
            try:
                edit(trial, plant, newline)
                path.write_text("".join(trial), encoding="utf-8")
                read_catalog(path)
            except (ValueError, IndexError, CatalogError):
                path.write_text("".join(lines), encoding="utf-8")
                skipped[plant.kind] = skipped.get(plant.kind, 0) + 1
                continue
            lines = trial
            kept.append(plant)
        catalog = read_catalog(path)
        where = {(e.msgctxt, e.msgid): e for e in catalog.entries if not e.obsolete}
        for plant in group:
            entry = where.get((plant.msgctxt, plant.msgid))
            if plant not in kept:
                continue
            if entry is None or entry.msgstr != plant.new or (plant.kind == "fuzzy-flag") != entry.fuzzy:
                kept.remove(plant)  # written, but not read back as planted: not counted
                skipped[plant.kind] = skipped.get(plant.kind, 0) + 1
            else:
                plant.new_line = entry.line
    return kept


def plant_and_check(corpus: Path, work: Path, per_kind: int, seed: int) -> Result:
    """Copy ``corpus`` into ``work``, find clean hosts, plant, check once, match."""
    copy = work / "corpus"
    shutil.copytree(corpus, copy, ignore=shutil.ignore_patterns(".git"))
    clean = run_check(copy, work)
    plants, eligible = choose(hosts(copy, clean), per_kind, random.Random(seed))
    skipped: dict[str, int] = defaultdict(int)
    plants = plant_all(plants, skipped)
    found = run_check(copy, work)
    for plant in plants:
        plant.found = found.get((str(plant.path.resolve()), plant.new_line), [])
    return Result(plants, eligible, dict(skipped))


def _shorten(old: str, new: str, width: int = 28) -> str:
    """The changed part of a msgstr with a little context: '…old…' -> '…new…'."""
    start = 0
    while start < min(len(old), len(new)) and old[start] == new[start]:
        start += 1
    end = 0
    while end < min(len(old), len(new)) - start and old[-1 - end] == new[-1 - end]:
        end += 1
    left = max(0, start - width // 2)

    def part(text: str) -> str:
        stop = len(text) - end
        piece = text[left:min(len(text), stop + width // 2)]
        return ("…" if left else "") + piece + ("…" if stop + width // 2 < len(text) else "")

    return f"{part(old)!r} -> {part(new)!r}"


def describe(folder: Path) -> str:
    from concord.catalog.load import read_catalog
    from concord.errors import CatalogError

    files = sorted(folder.rglob("*.po"))
    entries = translated = unreadable = 0
    for path in files:
        try:
            current = [e for e in read_catalog(path).entries if not e.obsolete]
        except CatalogError:
            unreadable += 1
            continue
        entries += len(current)
        translated += sum(e.translated for e in current)
    return (f"{len(files)} catalogs, {entries:,} current entries, {translated:,} translated "
            f"(+ {unreadable} unreadable)")


def report(result: Result, root: Path, examples: int = 3, verbose: bool = False) -> None:
    by_kind: dict[str, list[Plant]] = defaultdict(list)
    for plant in result.plants:
        by_kind[plant.kind].append(plant)
    print(f"  {'kind':<22} {'eligible':>8} {'planted':>7} {'error@line':>10} {'expected id':>11} "
          f"{'missed':>6}  expected check")
    for kind, (_, expected) in KINDS.items():
        group = by_kind[kind]
        caught = sum(p.caught for p in group)
        print(f"  {kind:<22} {result.eligible.get(kind, 0):>8} {len(group):>7} {caught:>10} "
              f"{sum(p.expected for p in group):>11} {len(group) - caught:>6}  {expected}"
              + (f"  ({result.skipped[kind]} skipped: not read back)" if result.skipped.get(kind) else ""))
    total = len(result.plants)
    caught = sum(p.caught for p in result.plants)
    print(f"\n  recall at error severity, all kinds: {caught}/{total} = "
          f"{100 * caught / total if total else 0:.1f}% (goal: at least 95%)")
    for kind in KINDS:
        group = by_kind[kind]
        missed = [p for p in group if not p.caught]
        if verbose:
            print(f"\n  {kind}:")
            for plant in group:
                print(f"    {'caught' if plant.caught else 'MISSED'} {plant.path.relative_to(root)}:"
                      f"{plant.new_line}: {_shorten(plant.old, plant.new)} "
                      f"[{', '.join(f'{s} {c}' for s, c in plant.found) or 'no finding'}]")
        if missed:
            print(f"\n  missed {kind} ({len(missed)}), e.g.:")
        for plant in missed[:examples]:
            instead = ", ".join(f"{s} {c}" for s, c in plant.found) or "no finding"
            print(f"    {plant.path.relative_to(root)}:{plant.new_line}: {_shorten(plant.old, plant.new)}"
                  f" [{instead}]")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="a folder of .po files")
    parser.add_argument("--per-kind", type=int, default=40, help="plants per defect kind")
    parser.add_argument("--seed", type=int, default=8, help="seed of the host choice")
    parser.add_argument("--verbose", action="store_true", help="list every plant and its findings")
    args = parser.parse_args(argv)
    print(f"cores: {os.cpu_count()} (usable: {len(os.sched_getaffinity(0))}); "
          f"load average {os.getloadavg()[0]:.1f}; python {sys.version.split()[0]}")
    if not args.corpus.is_dir() or not any(args.corpus.rglob("*.po")):
        print(f"note: no catalogs in {args.corpus} (../shared/corpora beside the checkout, or "
              "--corpus DIR); nothing measured")
        return 0
    print(f"corpus: {args.corpus}: {describe(args.corpus)}")
    print(f"plants: {args.per_kind} per kind, seed {args.seed}\n", flush=True)
    with tempfile.TemporaryDirectory(prefix="concord-recall-") as tmp:
        result = plant_and_check(args.corpus.resolve(), Path(tmp), args.per_kind, args.seed)
        report(result, Path(tmp) / "corpus", verbose=args.verbose)
    return 0


if __name__ == "__main__":
    sys.exit(main())
