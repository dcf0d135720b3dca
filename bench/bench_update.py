"""``concord update``'s merge path against GNU ``msgmerge`` on one large generated catalog.

The data: a catalog of ``--entries`` entries (default 210,000) generated from a fixed
seed (sentences of 2-36 words drawn by Zipf's law from 20,000 pseudo-words, with translations,
``#:`` references across 400 documents, some ``msgctxt``, ``#.`` comments, format flags,
fuzzy and obsolete entries), written at 76 columns as sphinx-intl/Babel write, and its
template with the changes a source edit brings: ``--share`` of the messages (default 1%)
edited by a word or two (fuzzy matches to find), half as many removed, half as many
added, and every reference moved by a line.

Both tools merge the same files in child processes of this one; the script prints each
one's CPU and wall time and peak RSS (``ru_maxrss`` of the child, via ``wait4``), the
ratio ours/theirs, the core count, and checks that concord lost no translation.

    python bench/bench_update.py [--entries 210000] [--share 0.01] [--keep DIR]
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SYLLABLES = ("ka ri to se mo na li pe du ra vo shi en al tor ver man ing tion ex pro con "
             "de sta ble ment ic ous ar er or ly un re in im dis pre sub ter ma mi co lo").split()


def vocabulary(rng: random.Random, size: int) -> list[str]:
    """``size`` distinct pseudo-words of one to four syllables (English-like lengths)."""
    found: dict[str, None] = {}
    while len(found) < size:
        found["".join(rng.choice(SYLLABLES) for _ in range(rng.choice((1, 2, 2, 3, 3, 4))))] = None
    return list(found)


class Zipf:
    """Words drawn with Zipf's law (s = 1), as word frequencies in real prose are."""

    def __init__(self, words: list[str], rng: random.Random) -> None:
        import itertools

        self.words = words
        self.rng = rng
        self.cumulative = list(itertools.accumulate(1 / rank for rank in range(1, len(words) + 1)))

    def sentence(self, low: int, high: int) -> str:
        count = self.rng.randint(low, high)
        text = " ".join(self.rng.choices(self.words, cum_weights=self.cumulative, k=count))
        return text[0].upper() + text[1:] + self.rng.choice(".?!:")


MERGE = """
import sys, time
from pathlib import Path
from concord.tm.update import merge_files
started = time.perf_counter()
result = merge_files(Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]))
print(f"{time.perf_counter() - started:.3f} {result.added} {len(result.fuzzy)} {result.obsoleted}")
"""


def generate(entries: int, seed: int = 7, share: float = 0.01) -> tuple[list[dict], list[dict]]:
    """(catalog entries, template entries) as plain dicts; ``share`` of the messages is
    edited, half as many removed and half as many added."""
    rng = random.Random(seed)
    english = Zipf(vocabulary(rng, 20000), rng)
    turkish = Zipf(vocabulary(rng, 30000), rng)
    seen: set[tuple[str | None, str]] = set()
    old: list[dict] = []
    while len(old) < entries:
        doc = f"../../source/doc{rng.randrange(400):03d}.rst"
        entry = {"msgid": english.sentence(2, 36), "msgctxt": None, "flags": [], "comment": "",
                 "occ": [(doc, str(rng.randint(1, 4000)))], "obsolete": False}
        if rng.random() < 0.03:
            entry["msgctxt"] = rng.choice(("menu", "button", "title"))
        if rng.random() < 0.05:
            entry["occ"].append((doc, str(rng.randint(1, 4000))))
        if rng.random() < 0.05:
            entry["comment"] = "Extracted comment for translators."
        if rng.random() < 0.02:
            entry["flags"] = ["python-format"]
        key = (entry["msgctxt"], entry["msgid"])
        if key in seen:
            continue
        seen.add(key)
        translated = rng.random() < 0.85
        entry["msgstr"] = turkish.sentence(2, 40) if translated else ""
        if translated and rng.random() < 0.03:
            entry["flags"] = ["fuzzy", *entry["flags"]]
        old.append(entry)
    pot: list[dict] = []
    for entry in old:
        roll = rng.random()
        if roll < share / 2:
            continue  # removed
        fresh = {k: v for k, v in entry.items() if k not in ("msgstr",)}
        fresh["flags"] = [f for f in entry["flags"] if f != "fuzzy"]
        fresh["occ"] = [(doc, str(int(line) + 1)) for doc, line in entry["occ"]]
        if roll < share * 1.5:
            words = fresh["msgid"].split()
            words[rng.randrange(len(words))] = english.sentence(1, 1)[:-1].lower()
            fresh["msgid"] = " ".join(words) + " " + english.sentence(1, 2)
        pot.append(fresh)
        if rng.random() < share / 2:
            pot.append({"msgid": english.sentence(2, 36), "msgctxt": None, "flags": [], "comment": "",
                        "occ": [(fresh["occ"][0][0], "1")], "obsolete": False})
    for index in range(0, len(old), 200):  # some obsolete entries already
        old[index]["obsolete"] = True
        old[index]["occ"] = []
    return old, pot


def write_catalog(path: Path, entries: list[dict], *, template: bool) -> None:
    """Write with Babel's writer at its default width (76), as sphinx-intl does."""
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import write_po

    catalog = Catalog(locale=None if template else "tr", project="Bench", version="1",
                      fuzzy=False)
    obsolete = []
    for entry in entries:
        msgid = entry["msgid"]
        flags = entry["flags"]
        catalog_entry = dict(id=msgid, string="" if template else entry["msgstr"],
                             locations=[(d, int(n)) for d, n in entry["occ"]], flags=flags,
                             auto_comments=[entry["comment"]] if entry["comment"] else [],
                             context=entry["msgctxt"])
        if entry["obsolete"] and not template:
            obsolete.append(catalog_entry)
            continue
        catalog.add(**catalog_entry)
    for item in obsolete:
        from babel.messages.catalog import Message

        catalog.obsolete[(item["id"], item["context"]) if item["context"] else item["id"]] = Message(**item)
    with path.open("wb") as out:
        write_po(out, catalog, width=76, omit_header=False, include_previous=True)


def measured(command: list[str]) -> tuple[float, float, int, str]:
    """Run ``command``; (wall s, CPU s, peak RSS MB, stdout) measured by wait4.

    CPU time (user + system) is the fairer comparison on a shared machine: the wall
    time of either tool grows with the other processes' load."""
    started = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out = child.stdout.read() if child.stdout else b""  # type: ignore[union-attr]
    err = child.stderr.read() if child.stderr else b""  # type: ignore[union-attr]
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise SystemExit(f"{command[0]} failed ({child.returncode}): {err.decode()[-400:]}")
    return seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss // 1024, out.decode()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--entries", type=int, default=210_000)
    parser.add_argument("--share", type=float, default=0.01, help="Share of messages edited (default 0.01).")
    parser.add_argument("--keep", type=Path, default=None, help="Keep the generated files in this folder.")
    parser.add_argument("--repeat", type=int, default=1, help="Runs of each tool (the median is printed).")
    args = parser.parse_args()
    msgmerge = shutil.which("msgmerge")
    if msgmerge is None:
        print("msgmerge not found (GNU gettext): nothing to compare with; skipping")
        return 0
    workdir = args.keep or Path(tempfile.mkdtemp(prefix="concord-bench-update-"))
    workdir.mkdir(parents=True, exist_ok=True)
    po, pot = workdir / "big.po", workdir / "big.pot"
    if not (po.exists() and pot.exists()):
        old, new = generate(args.entries, share=args.share)
        write_catalog(po, old, template=False)
        write_catalog(pot, new, template=True)
    print(f"data: {po} ({po.stat().st_size / 1e6:.1f} MB), {pot} ({pot.stat().st_size / 1e6:.1f} MB); "
          f"{os.cpu_count()} cores", flush=True)
    ours, theirs = [], []
    for _ in range(args.repeat):
        seconds, cpu, rss, out = measured([sys.executable, "-c", MERGE, str(pot), str(po), str(workdir / "ours.po")])
        ours.append((cpu, seconds, rss, out.split()))
        print(f"  run: concord CPU {cpu:.1f} s, wall {seconds:.1f} s, peak RSS {rss} MB", flush=True)
        seconds, cpu, rss, _ = measured([msgmerge, "--quiet", "-o", str(workdir / "theirs.po"), str(po), str(pot)])
        theirs.append((cpu, seconds, rss))
        print(f"  run: msgmerge CPU {cpu:.1f} s, wall {seconds:.1f} s, peak RSS {rss} MB", flush=True)
    ours.sort()
    theirs.sort()
    (our_cpu, our_s, our_rss, counts), (their_cpu, their_s, their_rss) = ours[len(ours) // 2], theirs[len(theirs) // 2]
    print(f"concord merge: CPU {our_cpu:.1f} s (wall {our_s:.1f} s), peak RSS {our_rss} MB "
          f"(added {counts[1]}, fuzzy from the previous source {counts[2]}, obsolete {counts[3]})")
    print(f"msgmerge:      CPU {their_cpu:.1f} s (wall {their_s:.1f} s), peak RSS {their_rss} MB")
    print(f"ours/theirs:   CPU time {our_cpu / their_cpu:.2f}, memory {our_rss / max(their_rss, 1):.2f}")
    _check_nothing_lost(po, workdir / "ours.po")
    if args.keep is None:
        shutil.rmtree(workdir)
    return 0


def _check_nothing_lost(before: Path, after: Path) -> None:
    """Every translation of ``before`` is still in ``after`` (live, fuzzy or obsolete)."""
    from concord.catalog.load import read_catalog

    kept = {e.msgstr for e in read_catalog(after).entries}
    lost = [e.msgid for e in read_catalog(before).entries if e.msgstr and e.msgstr not in kept]
    print(f"translations lost by concord: {len(lost)}")


if __name__ == "__main__":
    sys.exit(main())
