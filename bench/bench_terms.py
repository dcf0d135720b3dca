"""Glossary checks on python-docs-es: the cost of the checks, their findings, a sample.

python-docs-es keeps its glossary as a catalog, ``glossary.po``: each term of the
Python glossary is one short message (``abstract base class`` -> ``clase base
abstracta``) among the definitions. :func:`es_glossary` turns those term messages
into a concord glossary (written to a temporary folder, never into this repository),
then, in one run and alternating:

* ``concord check`` over every catalog of the corpus without the glossary checks
  (``term-*``, ``spelling``, ``inconsistent`` switched off in a temporary
  ``pyproject.toml``), and
* the same command with them and ``--glossary`` pointing at the generated file,

and prints the medians of wall and CPU time (the process tree's user + system seconds,
steadier than wall time on a shared machine), the ratios (with / without), the findings per check id, and
(``--sample N``) a seeded sample stratified by check id for hand labelling, written as
references (path, line, check id) to ``bench/precision-terms/sample.csv``. The labels
are in ``bench/precision-terms/labels.csv``; ``--score`` prints precision per check id.

    .venv/bin/python bench/bench_terms.py [--repeat 3] [--sample 120] [--score]

Spelling of Spanish needs Debian's ``hunspell-es``; without it the spelling check is
skipped (and said so).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "scripts"))
CORPUS = REPO.parent / "shared" / "corpora" / "python-docs-es"
HERE = REPO / "bench" / "precision-terms"
NEW_CHECKS = ("term-missing", "term-forbidden", "term-mandatory", "spelling", "inconsistent")
_TERM_SHAPE = re.compile(r"^[A-Za-z][A-Za-z0-9 -]*[A-Za-z0-9]$")
MAX_TERM_WORDS = 4


def es_glossary(corpus: Path):  # type: ignore[no-untyped-def]
    """The term messages of ``glossary.po`` as a concord glossary (English -> Spanish).

    A term message is a short msgid of plain words (no markup, no sentence) whose
    translation is a plain phrase; a parenthesis in the translation (the English kept
    beside it) is dropped, and ``a, b`` or ``a o b`` give two approved terms.
    """
    from concord.catalog.load import read_catalog
    from concord.glossary.model import Concept, Glossary, slug

    catalog = read_catalog(corpus / "glossary.po")
    concepts: dict[str, Concept] = {}
    for entry in catalog.entries:
        source, target = entry.msgid.strip(), entry.msgstr.strip()
        if (not target or entry.obsolete or "fuzzy" in entry.flags or not _TERM_SHAPE.match(source)
                or len(source.split()) > MAX_TERM_WORDS or target.endswith(".")):
            continue
        plain = re.sub(r"\([^)]*\)", " ", target)
        terms = [t.strip(" *`'\"") for t in re.split(r",| o ", plain) if t.strip(" *`'\"")]
        if not terms or any(re.search(r"[`:<>]", t) for t in terms):
            continue
        cid = slug(source)
        if cid in concepts or source.lower() == target.lower():
            continue
        concepts[cid] = Concept(cid, [source], {"es": terms}, pos="noun",
                                case_sensitive=False, path="glossary.po", line=entry.line)
    return Glossary(list(concepts.values()), "en").sorted()


def _run(args: list[str], cwd: Path) -> tuple[float, float, str]:
    """(wall seconds, CPU seconds of the process tree, stdout) of one command."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(args, cwd=cwd, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if done.returncode not in (0, 1, 2):  # 2: the corpus holds catalogs that do not parse
        raise SystemExit(f"concord check failed ({done.returncode}): {done.stderr[-2000:]}")
    return elapsed, cpu, done.stdout


def measure(repeat: int, work: Path, glossary: Path
            ) -> tuple[list[tuple[float, float]], list[tuple[float, float]], str]:
    concord = str(Path(sys.executable).parent / "concord")
    base = work / "without"
    base.mkdir(exist_ok=True)
    ignore = ", ".join(f'"{c}"' for c in NEW_CHECKS)
    (base / "pyproject.toml").write_text(f"[tool.concord.check]\nignore = [{ignore}]\n")
    full = work / "with"
    full.mkdir(exist_ok=True)
    without: list[tuple[float, float]] = []
    with_: list[tuple[float, float]] = []
    output = ""
    for _ in range(repeat):
        wall, cpu, _ = _run([concord, "check", str(CORPUS), "--format", "json"], base)
        without.append((wall, cpu))
        wall, cpu, output = _run([concord, "check", str(CORPUS), "--format", "json",
                                  "--glossary", str(glossary)], full)
        with_.append((wall, cpu))
    return without, with_, output


def findings_of(output: str) -> list[dict[str, object]]:
    data = json.loads(output)
    rows = data["findings"] if isinstance(data, dict) else data
    return [f for f in rows if f["check"] in NEW_CHECKS]


def sample(findings: list[dict[str, object]], size: int, seed: int = 13) -> list[dict[str, object]]:
    """A seeded sample, the same share of ``size`` per check id (all of a small one)."""
    by_check: dict[str, list[dict[str, object]]] = defaultdict(list)
    for f in findings:
        by_check[str(f["check"])].append(f)
    rng = random.Random(seed)
    share = max(1, size // max(1, len(by_check)))
    picked = []
    for check in sorted(by_check):
        rows = sorted(by_check[check], key=lambda f: (f["path"], f["line"]))
        picked += rng.sample(rows, min(share, len(rows)))
    return picked


def show(path: Path) -> None:
    """Print each sampled finding with its source and translation, for labelling."""
    from concord.catalog.load import read_catalog

    with path.open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    catalogs: dict[str, dict[int, object]] = {}
    for number, row in enumerate(rows, 1):
        if row["path"] not in catalogs:
            catalog = read_catalog(CORPUS / row["path"])
            catalogs[row["path"]] = {e.line: e for e in catalog.entries}
        entry = catalogs[row["path"]].get(int(row["line"]))
        print(f"#{number} {row['path']}:{row['line']} {row['check']}: {row.get('message', '')}")
        if entry is not None:
            print(f"   S: {' '.join(entry.msgid.split())}")  # type: ignore[attr-defined]
            print(f"   T: {' '.join(entry.msgstr.split())}")  # type: ignore[attr-defined]


def score() -> None:
    with (HERE / "labels.csv").open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    by_check: dict[str, Counter[str]] = defaultdict(Counter)
    for row in rows:
        by_check[row["check"]][row["label"]] += 1
    for check, counts in sorted(by_check.items()):
        total = counts["tp"] + counts["fp"]
        print(f"{check:16} labelled {total:4}  true {counts['tp']:4}  false {counts['fp']:4}  "
              f"precision {100 * counts['tp'] / total:5.1f}%")


def rescore(found: list[dict[str, object]]) -> None:
    """Precision of the labelled findings the current code still reports.

    A labelled finding the code no longer reports leaves the sample (a fix removed it);
    findings the code reports now and nobody labelled are not in it: re-draw a sample
    (``--sample``) and label it to measure those.
    """
    reported = {(str(Path(str(f["path"])).relative_to(CORPUS)), int(f["line"]), str(f["check"]))
                for f in found}
    with (HERE / "labels.csv").open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    by_check: dict[str, Counter[str]] = defaultdict(Counter)
    for row in rows:
        kept = (row["path"], int(row["line"]), row["check"]) in reported
        by_check[row["check"]]["kept" if kept else "gone"] += 1
        by_check[row["check"]][row["label"] if kept else row["label"] + "_gone"] += 1
    for check, count in sorted(by_check.items()):
        kept = count["kept"]
        share = f"{100 * count['tp'] / kept:5.1f}%" if kept else "  n/a"
        print(f"{check:16} labelled {count['kept'] + count['gone']:4}  still reported {kept:4}"
              f"  true {count['tp']:4}  precision {share}  (no longer reported: "
              f"{count['gone']}, of them true {count['tp_gone']})")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--sample", type=int, default=0)
    parser.add_argument("--score", action="store_true")
    parser.add_argument("--show", action="store_true", help="print the sample with its texts")
    parser.add_argument("--rescore", action="store_true",
                        help="run once and give the precision of the labelled findings still reported")
    options = parser.parse_args()
    if options.score:
        score()
        return 0
    if options.show:
        show(HERE / "sample.csv")
        return 0
    if not CORPUS.is_dir():
        print(f"{CORPUS} is missing: nothing to measure")
        return 0
    from concord.glossary.tbx import write_tbx

    glossary = es_glossary(CORPUS)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        path = work / "es-glossary.tbx"
        path.write_text(write_tbx(glossary), "utf-8")
        without, with_, output = measure(options.repeat, work, path)
    found = findings_of(output)
    if options.rescore:
        rescore(found)
    catalogs = sum(1 for _ in CORPUS.rglob("*.po"))
    print(f"corpus: {CORPUS.name}, {catalogs} catalogs; glossary: {len(glossary)} terms from "
          f"glossary.po; cores: {len(os.sched_getaffinity(0))}; runs: {options.repeat}")
    for index, what in ((0, "wall"), (1, "CPU (process tree)")):
        a = statistics.median(t[index] for t in without)
        b = statistics.median(t[index] for t in with_)
        print(f"{what}: without the glossary checks {a:.2f} s, with them {b:.2f} s (medians), "
              f"ratio {b / a:.2f}")
    print(f"load average at the end: {os.getloadavg()[0]:.1f} (wall times on a shared machine drift)")
    for check, count in sorted(Counter(str(f["check"]) for f in found).items()):
        print(f"  {check:16} {count:6} findings")
    if options.sample:
        picked = sample(found, options.sample)
        HERE.mkdir(parents=True, exist_ok=True)
        with (HERE / "sample.csv").open("w", newline="") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(["path", "line", "check"])  # references only: no corpus text
            for f in picked:
                writer.writerow([Path(str(f["path"])).relative_to(CORPUS), f["line"], f["check"]])
        print(f"sample of {len(picked)} written to {HERE / 'sample.csv'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
