"""Precision per check id from the hand labels of a sample of error findings.

Reads the labels CSV written by ``draw_sample.py`` (one row per sampled finding,
labelled ``defect`` or ``false-positive``) and prints, per check id, how many sampled
findings are real defects. With ``--verify`` it runs ``concord check`` again and says
which labelled findings are no longer reported (a fixed false positive, or a defect
lost: recall) and whether the hashes still match the corpus.

    .venv/bin/python bench/precision/score.py [--labels FILE] [--verify [CORPUS]]
"""

from __future__ import annotations

import argparse
import csv
import os
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from draw_sample import DEFAULT_CORPUS, HERE, LABELS, run_check, short_hash  # noqa: E402


def load(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    bad = [r for r in rows if r["label"] not in LABELS]
    if bad:
        first = bad[0]
        sys.exit(f"{path}: {len(bad)} row(s) unlabelled or mislabelled, first {first['path']}:"
                 f"{first['line']} {first['check']} ({first['label']!r}); label each "
                 f"{' or '.join(LABELS)}")
    return rows


def table(rows: list[dict[str, str]]) -> list[str]:
    total, true = Counter(r["check"] for r in rows), Counter(r["check"] for r in rows if r["label"] == "defect")
    lines = [f"{'check':22} {'sampled':>7} {'defects':>7} {'precision':>9}"]
    for check in sorted(total):
        lines.append(f"{check:22} {total[check]:7} {true[check]:7} {100 * true[check] / total[check]:8.1f}%")
    all_true, all_total = sum(true.values()), sum(total.values())
    lines.append(f"{'all':22} {all_total:7} {all_true:7} {100 * all_true / all_total:8.1f}%")
    return lines


def verify(rows: list[dict[str, str]], corpus: Path) -> tuple[list[str], list[dict[str, str]]]:
    """Labelled findings the current check no longer reports, or whose entry changed;
    and the labelled rows it still reports at error severity."""
    current = {}
    for f in run_check(corpus):
        if f["severity"] == "error":
            rel = os.path.relpath(f["path"], corpus)
            current[(rel, f["line"], f["check"])] = short_hash(f["msgid"])
    notes, kept = [], []
    for r in rows:
        found = current.get((r["path"], int(r["line"]), r["check"]))
        if found is None:
            notes.append(f"no longer reported: {r['path']}:{r['line']} {r['check']} ({r['label']})")
        elif found != r["msgid_sha1"]:
            notes.append(f"entry changed: {r['path']}:{r['line']} {r['check']}: re-draw and re-label")
        else:
            kept.append(r)
    return notes, kept


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--labels", type=Path, default=HERE / "labels-python-docs-es.csv")
    parser.add_argument("--verify", nargs="?", type=Path, const=DEFAULT_CORPUS)
    args = parser.parse_args(argv)
    rows = load(args.labels)
    print(f"{args.labels.name}: {len(rows)} hand-labelled findings")
    print("\n".join(table(rows)))
    if args.verify:
        notes, kept = verify(rows, args.verify.resolve())
        print("\n".join(notes) if notes else "every labelled finding is still reported, unchanged")
        if notes:
            # the labels of what the check reports now: precision of the current code on
            # this sample (optimistic where the sample's false alarms shaped a rule)
            print(f"still reported at error severity: {len(kept)} of {len(rows)}")
            print("\n".join(table(kept)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
