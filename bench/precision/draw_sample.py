"""Draw a seeded random sample of ``concord check``'s error findings, stratified by check id.

Runs ``concord check --format json CORPUS`` (catalog-only mode), keeps the findings at
error severity, and draws up to ``--per-check`` of each check id (all of a check that
has fewer), with a fixed seed so the draw can be repeated. The sample is stored as
references only -- path relative to the corpus, line, check id and short hashes of the
msgid and msgstr -- in the labels CSV, never the catalogs' text. Labels already in the
CSV for the same reference are kept; new rows get an empty label to fill in by hand
(``defect`` or ``false-positive``, and a one-line reason).

``--review FILE`` writes, outside the repository, the sampled entries with their
msgid, msgstr and message, to read while labelling.

    .venv/bin/python bench/precision/draw_sample.py [CORPUS] [--per-check 60] [--seed 8]
        [--labels bench/precision/labels-python-docs-es.csv] [--review /tmp/review.txt]
        [--checks literal-changed,...] [--exclude LABELS.csv] [--severity error|warning|info]

A later round (after a rule changed) is drawn with ``--exclude`` of the earlier rounds'
labels, so that its findings were not seen while the rule was written.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import random
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
DEFAULT_CORPUS = REPO.parent / "shared" / "corpora" / "python-docs-es"
FIELDS = ("path", "line", "check", "msgid_sha1", "msgstr_sha1", "label", "reason")
LABELS = ("defect", "false-positive")


def short_hash(text: str) -> str:
    """10 hex digits of SHA-1: enough to tell entries apart, not to recover the text."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]


def run_check(corpus: Path) -> list[dict]:
    """Every finding of ``concord check`` on ``corpus``.

    Exit 1 means findings; exit 2 with a report means some catalogs did not read (21 of
    python-docs-es fail ``msgfmt --check`` too): their findings are simply absent.
    """
    command = [sys.executable, "-c", "import sys; from concord.cli import main; sys.exit(main())",
               "check", "--format", "json", str(corpus)]
    done = subprocess.run(command, capture_output=True, text=True)
    try:
        report = json.loads(done.stdout)
    except json.JSONDecodeError:
        sys.exit(f"concord check failed ({done.returncode}): {done.stderr.strip()[:500]}")
    if report.get("errors"):
        print(f"({len(report['errors'])} catalogs unreadable, left out)", file=sys.stderr)
    return report["findings"]


def msgstrs(corpus: Path, findings: list[dict]) -> dict[tuple[str, int], str]:
    """The msgstr of each finding's entry (the JSON report carries the msgid only)."""
    from concord.catalog.load import read_catalog

    wanted: dict[str, set[int]] = defaultdict(set)
    for f in findings:
        wanted[f["path"]].add(f["line"])
    found = {}
    for path, lines in wanted.items():
        for entry in read_catalog(Path(path)).entries:
            if entry.line in lines:
                text = entry.msgstr if entry.msgid_plural is None else "\n".join(entry.msgstr_plural)
                found[(path, entry.line)] = text
    return found


def draw(errors: list[dict], per_check: int, seed: int) -> list[dict]:
    by_check: dict[str, list[dict]] = defaultdict(list)
    for f in sorted(errors, key=lambda f: (f["check"], f["path"], f["line"], f["message"])):
        by_check[f["check"]].append(f)
    rng = random.Random(seed)
    sample = []
    for check in sorted(by_check):
        rows = by_check[check]
        sample.extend(rows if len(rows) <= per_check else rng.sample(rows, per_check))
    return sample


def read_labels(path: Path) -> dict[tuple[str, str, str, str], dict[str, str]]:
    if not path.exists():
        return {}
    with path.open(encoding="utf-8", newline="") as handle:
        return {(r["path"], r["line"], r["check"], r["msgid_sha1"]): r for r in csv.DictReader(handle)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--per-check", type=int, default=60)
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument("--labels", type=Path, default=HERE / "labels-python-docs-es.csv")
    parser.add_argument("--review", type=Path, help="write the sampled entries here (outside the repo)")
    parser.add_argument("--checks", help="only these check ids (comma-separated)")
    parser.add_argument("--severity", default="error",
                        help="draw findings of this severity (error; warning or info to measure "
                             "how many real defects are reported below error, i.e. recall)")
    parser.add_argument("--exclude", type=Path, action="append", default=[],
                        help="a labels CSV of an earlier round: its findings are not drawn again")
    args = parser.parse_args(argv)
    corpus = args.corpus.resolve()
    wanted = set(args.checks.split(",")) if args.checks else None
    earlier = {(r[0], r[1], r[2]) for path in args.exclude for r in read_labels(path)}
    errors = [f for f in run_check(corpus) if f["severity"] == args.severity
              and (wanted is None or f["check"] in wanted)
              and (str(Path(f["path"]).resolve().relative_to(corpus)), str(f["line"]), f["check"]) not in earlier]
    sample = draw(errors, args.per_check, args.seed)
    texts = msgstrs(corpus, sample)
    old = read_labels(args.labels)
    rows, review = [], []
    for f in sample:
        rel = str(Path(f["path"]).resolve().relative_to(corpus))
        msgstr = texts.get((f["path"], f["line"]), "")
        key = (rel, str(f["line"]), f["check"], short_hash(f["msgid"]))
        kept = old.get(key, {})
        rows.append({"path": rel, "line": f["line"], "check": f["check"], "msgid_sha1": key[3],
                     "msgstr_sha1": short_hash(msgstr), "label": kept.get("label", ""),
                     "reason": kept.get("reason", "")})
        if not kept.get("label"):
            review.append(f"== {rel}:{f['line']} {f['check']}\nMSG: {f['message']}\n"
                          f"ID : {f['msgid']}\nSTR: {msgstr}\n")
    args.labels.parent.mkdir(parents=True, exist_ok=True)
    with args.labels.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, FIELDS)
        writer.writeheader()
        writer.writerows(rows)
    if args.review:
        args.review.write_text("\n".join(review), "utf-8")
    counts: dict[str, int] = defaultdict(int)
    for f in errors:
        counts[f["check"]] += 1
    print(f"{len(errors)} {args.severity} findings on {corpus}; sampled {len(rows)} "
          f"({sum(1 for r in rows if not r['label'])} to label) with seed {args.seed}:")
    for check in sorted(counts):
        print(f"  {check:22} {counts[check]:6} errors, {sum(1 for r in rows if r['check'] == check):3} sampled")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
