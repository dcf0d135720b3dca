"""Translation-memory benchmark: concord's memories against brute force and pot2po.

    .venv/bin/python bench/bench_tm.py                       # 100k and 1M, SQLite (+PostgreSQL if configured)
    .venv/bin/python bench/bench_tm.py --sizes 100000 --queries 1000 --pg "$CONCORD_TEST_PG_DSN"

Data (described in the output):

* real pairs: the translated entries of ``../shared/corpora/python-docs-tr`` (read in
  place, never copied), of the catalogs Sphinx ships (``sphinx/locale``, every language)
  and of the catalogs in Django's wheel (``--django PATH`` to a wheel or an installed
  ``django`` folder; found automatically when Django is importable; skipped with a
  message otherwise);
* the real English sources of python-docs-tr that have no translation yet are seeds
  only; synthetic variants of real sources (a word replaced, dropped or inserted, a
  number or footnote label changed, two messages joined) fill the memory up to each
  size. Every unit is stored under one language pair, so a query sees all of them;
* 1,000 queries: half are real python-docs messages held out of the memory, half are
  lightly edited copies of memory units.

Measured per size and backend: median and 95th-percentile latency per query of
``memory.search`` (threshold 75), and top-1 agreement with a brute-force search that
scores every unit with the same formula (``rapidfuzz.process.extractOne`` over the
masked sources): a query agrees when both find nothing, or both find a best match of
the same score. Brute force and ``pot2po --tm`` (Translate Toolkit, at 100,000 units,
timed as a child process with and without queries) run in the same process tree, and
the figures are printed as ratios. The import of each memory runs in a child process
whose peak RSS (``VmHWM``) is reported (streamed: the goal is under 500 MB at a million units).
"""

from __future__ import annotations

import argparse
import glob
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "scripts"))

import polib  # noqa: E402
from rapidfuzz import fuzz, process  # noqa: E402

from concord.tm import open_memory  # noqa: E402
from concord.tm.matching import mask  # noqa: E402
from concord.tm.store import Unit  # noqa: E402

CORPUS = REPO.parent / "shared" / "corpora" / "python-docs-tr"
SEED = 20261129
THRESHOLD = 75
PAIR = ("en", "xx")
_WORD = re.compile(r"\w+|\W+")


# -- data --------------------------------------------------------------------------
def real_catalogs(django: Path | None) -> tuple[list[tuple[str, str]], list[str], dict[str, int]]:
    """(real pairs, untranslated real sources, counts per corpus)."""
    pairs: list[tuple[str, str]] = []
    seeds: list[str] = []
    counts: dict[str, int] = {}
    if CORPUS.is_dir():
        before = len(pairs)
        for path in sorted(CORPUS.rglob("*.po")):
            for entry in polib.pofile(str(path)):
                if entry.obsolete or not entry.msgid or entry.msgid_plural:
                    continue
                if entry.msgstr and not entry.fuzzy:
                    pairs.append((entry.msgid, entry.msgstr))
                else:
                    seeds.append(entry.msgid)
        counts["python-docs-tr pairs"] = len(pairs) - before
        counts["python-docs-tr untranslated sources"] = len(seeds)
    else:
        print(f"note: {CORPUS} not found; python-docs-tr skipped (it lives in shared/ beside the checkout)")
    import sphinx

    before = len(pairs)
    for path in sorted(Path(sphinx.__file__).parent.glob("locale/*/LC_MESSAGES/sphinx.po")):
        pairs.extend(_pairs(polib.pofile(str(path))))
    counts["Sphinx catalogs pairs"] = len(pairs) - before
    before = len(pairs)
    for text in _django_catalogs(django):
        pairs.extend(_pairs(polib.pofile(text)))
    counts["Django catalogs pairs"] = len(pairs) - before
    return pairs, seeds, counts


def _pairs(po: polib.POFile) -> list[tuple[str, str]]:
    return [(e.msgid, e.msgstr) for e in po
            if e.msgid and e.msgstr and not e.fuzzy and not e.obsolete and not e.msgid_plural]


def _django_catalogs(django: Path | None) -> Iterator[str]:
    if django is None:
        try:
            import django as django_module

            django = Path(django_module.__file__).parent
        except ImportError:
            print("note: Django not found (pass --django PATH to a wheel or a django/ folder); its catalogs skipped")
            return
    if django.suffix == ".whl":
        with zipfile.ZipFile(django) as wheel:
            for name in sorted(wheel.namelist()):
                if name.endswith(".po"):
                    yield wheel.read(name).decode("utf-8")
        return
    for path in sorted(django.rglob("*.po")):
        yield path.read_text(encoding="utf-8")


def vary(text: str, rng: random.Random, vocabulary: list[str], edits: int) -> str:
    """A synthetic variant: words replaced, dropped or inserted, numbers changed."""
    tokens = _WORD.findall(text)
    words = [i for i, t in enumerate(tokens) if t[0].isalnum()]
    for _ in range(edits):
        if not words:
            break
        index = rng.choice(words)
        action = rng.random()
        if tokens[index].isdigit() or action < 0.15:
            tokens[index] = str(rng.randint(1, 2099))
        elif action < 0.6:
            tokens[index] = rng.choice(vocabulary)
        elif action < 0.8:
            tokens[index] = ""
        else:
            tokens[index] = tokens[index] + " " + rng.choice(vocabulary)
    return "".join(tokens)


def memory_units(size: int, pairs: list[tuple[str, str]], seeds: list[str],
                 held_out: set[str]) -> Iterator[Unit]:
    """``size`` units: the real pairs first, then synthetic variants (deterministic)."""
    rng = random.Random(SEED)
    vocabulary = sorted({w for s, _ in pairs[:20000] for w in re.findall(r"[A-Za-z]{3,}", s)})
    produced = 0
    real = [(s, t) for s, t in pairs if s not in held_out]
    for source, target in real[:size]:
        yield Unit(source, target, *PAIR, origin="real", context="")
        produced += 1
    sources = [s for s, _ in real] + [s for s in seeds if s not in held_out]
    while produced < size:
        source = rng.choice(sources)
        if rng.random() < 0.1:
            source = source + " " + rng.choice(sources)
        variant = vary(source, rng, vocabulary, rng.randint(1, 6))
        if not variant.strip():
            continue
        yield Unit(variant, f"[{produced}] {variant[:40]}", *PAIR, origin="synthetic", context="")
        produced += 1


def queries(count: int, pairs: list[tuple[str, str]], seeds: list[str]) -> tuple[list[str], set[str]]:
    """Half held-out real messages, half edited copies of memory units."""
    rng = random.Random(SEED + 1)
    pool = sorted(s for s in set(seeds) | {s for s, _ in pairs[:4000]} if s.strip())
    held = rng.sample(pool, min(count // 2, len(pool)))
    vocabulary = sorted({w for s, _ in pairs[:20000] for w in re.findall(r"[A-Za-z]{3,}", s)})
    held_set = set(held)
    inside = [s for s, _ in pairs if s not in held_set]
    edited: list[str] = []
    while len(edited) < count - len(held):
        variant = vary(rng.choice(inside), rng, vocabulary, rng.randint(0, 3))
        if variant.strip():
            edited.append(variant)
    return held + edited, held_set


# -- measurements --------------------------------------------------------------------
def build(spec: str, schema: str | None, size: int, django: Path | None) -> tuple[float, int]:
    """Import in a child process; return (seconds, peak RSS in MB).

    The peak is the child's own high-water mark (``VmHWM``): ``ru_maxrss`` would report
    the parent's size at fork time, inherited across exec.
    """
    code = (
        "import sys, time; sys.path.insert(0, %r); import bench_tm as b\n"
        "from concord.tm import open_memory\n"
        "from pathlib import Path\n"
        "pairs, seeds, _ = b.real_catalogs(Path(%r) if %r else None)\n"
        "qs, held = b.queries(%d, pairs, seeds)\n"
        "t = time.perf_counter()\n"
        "with open_memory(%r, schema=%r) as m:\n"
        "    m.add(b.memory_units(%d, pairs, seeds, held))\n"
        "peak = [l for l in open('/proc/self/status') if l.startswith('VmHWM')][0].split()[1]\n"
        "print(time.perf_counter() - t, int(peak) // 1024)\n"
    ) % (str(Path(__file__).parent), str(django or ""), str(django or ""), ARGS.queries, spec, schema, size)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"import failed: {done.stderr[-2000:]}")
    seconds, rss = done.stdout.strip().splitlines()[-1].split()
    return float(seconds), int(rss)


def time_search(spec: str, schema: str | None, qs: list[str]) -> tuple[list[float], list[int | None]]:
    latencies, best = [], []
    with open_memory(spec, schema=schema) as memory:
        memory.search(qs[0], *PAIR)  # warm the cache once
        for query in qs:
            start = time.perf_counter()
            found = memory.search(query, *PAIR, threshold=THRESHOLD, limit=1)
            latencies.append(time.perf_counter() - start)
            best.append(found[0].score if found else None)
    return latencies, best


def brute_force(spec: str, schema: str | None, qs: list[str]) -> tuple[list[float], list[int | None]]:
    with open_memory(spec, schema=schema) as memory:
        units = list(memory.units(*PAIR))
    sources = [u.source for u in units]
    masked = [mask(s) for s in sources]
    exact = set(sources)
    latencies, best = [], []
    for query in qs:
        start = time.perf_counter()
        if query in exact:
            score: int | None = 100
        else:
            found = process.extractOne(mask(query), masked, scorer=fuzz.ratio, score_cutoff=THRESHOLD)
            score = None if found is None else (100 if found[1] == 100 else min(99, int(found[1])))
        latencies.append(time.perf_counter() - start)
        best.append(score)
    return latencies, best


def pot2po(spec: str, schema: str | None, qs: list[str], count: int) -> tuple[float, int, int]:
    """Seconds per query of ``pot2po --tm`` (time with queries minus time with one),
    with how many of the queries it filled from the memory."""
    with tempfile.TemporaryDirectory() as tmp:
        tm_po = polib.POFile()
        tm_po.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": "xx"}
        with open_memory(spec, schema=schema) as memory:
            seen = set()
            for unit in memory.units(*PAIR):
                if unit.source not in seen:
                    seen.add(unit.source)
                    tm_po.append(polib.POEntry(msgid=unit.source, msgstr=unit.target))
        tm_po.save(f"{tmp}/tm.po")

        def run(sample: list[str]) -> float:
            pot = polib.POFile()
            pot.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
            for n, query in enumerate(dict.fromkeys(sample)):
                pot.append(polib.POEntry(msgid=query, msgstr="", occurrences=[("q", str(n))]))
            pot.save(f"{tmp}/q.pot")
            empty = polib.POFile()
            empty.metadata = dict(pot.metadata)
            empty.save(f"{tmp}/old.po")
            start = time.perf_counter()
            subprocess.run([str(Path(sys.executable).parent / "pot2po"), "-i", f"{tmp}/q.pot",
                            "-o", f"{tmp}/out.po", "-t", f"{tmp}/old.po", f"--tm={tmp}/tm.po",
                            "--progress=none"], check=True, capture_output=True)
            return time.perf_counter() - start

        sample = list(dict.fromkeys(qs))[:count]
        full = run(sample)
        filled = sum(1 for e in polib.pofile(f"{tmp}/out.po") if e.msgstr)
        return (full - run(sample[:1])) / max(1, len(sample) - 1), filled, len(sample)


def p95(values: list[float]) -> float:
    return sorted(values)[int(0.95 * (len(values) - 1))]


def agreement(ours: list[int | None], brute: list[int | None]) -> tuple[float, int, int]:
    same = sum(1 for a, b in zip(ours, brute) if a == b)
    with_match = sum(1 for b in brute if b is not None)
    return same / len(brute), same, with_match


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="100000,1000000")
    parser.add_argument("--queries", type=int, default=1000)
    parser.add_argument("--pg", default=os.environ.get("CONCORD_TEST_PG_DSN", ""),
                        help="PostgreSQL DSN (default $CONCORD_TEST_PG_DSN); empty skips PostgreSQL")
    parser.add_argument("--django", type=Path, default=None, help="Django wheel or django/ folder")
    parser.add_argument("--pot2po-queries", type=int, default=200)
    parser.add_argument("--workdir", type=Path, default=None)
    global ARGS
    ARGS = parser.parse_args()
    pairs, seeds, counts = real_catalogs(ARGS.django)
    qs, held = queries(ARGS.queries, pairs, seeds)
    print(f"machine: {os.cpu_count()} cores; Python {sys.version.split()[0]}")
    print("data: " + "; ".join(f"{k}: {v:,}" for k, v in counts.items()))
    print(f"queries: {len(qs)} ({len(held)} held-out real messages, {len(qs) - len(held)} edited memory units); "
          f"threshold {THRESHOLD}")
    workdir = ARGS.workdir or Path(tempfile.mkdtemp(prefix="concord-bench-"))
    if not ARGS.pg:
        print("note: no PostgreSQL DSN (--pg or CONCORD_TEST_PG_DSN); PostgreSQL skipped")
    if not (Path(sys.executable).parent / "pot2po").exists():
        print("note: pot2po not found (pip install translate-toolkit); its comparison skipped")
        ARGS.pot2po_queries = 0
    for size in (int(s) for s in ARGS.sizes.split(",")):
        backends = [("sqlite", str(workdir / f"tm-{size}.sqlite"), None)]
        if ARGS.pg:
            backends.append(("postgresql", ARGS.pg, f"bench_{size}"))
        brute_lat: list[float] = []
        brute_best: list[int | None] = []
        rows = []
        for name, spec, schema in backends:
            _reset(name, spec, schema)
            seconds, rss = build(spec, schema, size, ARGS.django)
            if not brute_best:
                brute_lat, brute_best = brute_force(spec, schema, qs)
            lat, best = time_search(spec, schema, qs)
            share, same, with_match = agreement(best, brute_best)
            rows.append((name, lat, share, same, with_match, seconds, rss))
        bmed = statistics.median(brute_lat)
        print(f"\n== {size:,} units ==")
        print(f"brute force (rapidfuzz extractOne): median {bmed * 1e3:.2f} ms, p95 {p95(brute_lat) * 1e3:.2f} ms; "
              f"{sum(b is not None for b in brute_best)} of {len(qs)} queries have a match >= {THRESHOLD}")
        for name, lat, share, same, with_match, seconds, rss in rows:
            med = statistics.median(lat)
            print(f"{name:10s}: median {med * 1e3:.3f} ms, p95 {p95(lat) * 1e3:.3f} ms per query; "
                  f"ours/brute median {med / bmed:.3f}; top-1 agreement {share:.2%} ({same}/{len(qs)}); "
                  f"import {seconds:.0f} s, peak RSS {rss} MB")
        if size <= 100_000 and ARGS.pot2po_queries:
            per, filled, asked = pot2po(backends[0][1], None, qs, ARGS.pot2po_queries)
            med = statistics.median(rows[0][1])
            print(f"pot2po --tm: {per * 1e3:.1f} ms per query ({asked} queries, {filled} filled); "
                  f"sqlite/pot2po {med / per:.4f}, brute/pot2po {bmed / per:.3f}")
    return 0


def _reset(name: str, spec: str, schema: str | None) -> None:
    if name == "sqlite":
        for path in glob.glob(spec + "*"):
            os.unlink(path)
        return
    import psycopg

    with psycopg.connect(spec, autocommit=True) as db:
        db.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


ARGS: argparse.Namespace

if __name__ == "__main__":
    sys.exit(main())
