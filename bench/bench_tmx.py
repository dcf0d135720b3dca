"""Peak memory of ``concord tm import`` on a generated TMX file, SQLite and PostgreSQL.

The import must stream: memory independent of the file's size. This script writes TMX
files of ``--sizes`` units (default 100,000 and 1,000,000) into a temporary folder with
concord's own writer (sentences drawn from a fixed seed, each unit distinct), then runs
``concord tm import --tm <memory> <file>`` as a child process per file and backend, and
prints its wall time and peak RSS (``ru_maxrss`` of the child, from ``wait4``): the
figure the README reports, measured on this path and no other.

    python bench/bench_tmx.py [--sizes 100000 1000000] [--pg DSN]

PostgreSQL is measured when ``--pg`` or ``CONCORD_TEST_PG_DSN`` names a server (each
run in a schema of its own, dropped afterwards); without it, that backend is skipped
with one line.
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
import uuid
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))

from concord.tm.store import Unit  # noqa: E402
from concord.tm.tmx import write_tmx  # noqa: E402

WORDS = ("alliance treaty security policy partner summit region debate member state defence "
         "economy trade network strategy power order council report article note government "
         "minister election history question answer reason growth market energy climate").split()


def units(count: int, seed: int = 11) -> Iterator[Unit]:
    """``count`` distinct English-Turkish units (the number makes each one unique)."""
    rng = random.Random(seed)
    for number in range(count):
        words = " ".join(rng.choice(WORDS) for _ in range(rng.randint(4, 24)))
        yield Unit(f"{words.capitalize()} ({number}).", f"Çeviri {number}: {words}.", "en", "tr",
                   origin=f"generated/doc{number % 500}.po", context=f"doc{number % 500}",
                   created="2026-01-01T00:00:00Z", changed="2026-01-01T00:00:00Z")


def measured(command: list[str]) -> tuple[float, int, str]:
    """(wall seconds, peak RSS in MB, stderr) of one child process."""
    started = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    err = child.stderr.read().decode() if child.stderr else ""
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(command[:4])} ... failed: {err.strip()[-400:]}")
    return seconds, usage.ru_maxrss // 1024, err


def pg_memory(dsn: str) -> tuple[str, str]:
    """(a DSN whose search_path is a fresh schema, the schema)."""
    import psycopg

    schema = f"bench_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(dsn, autocommit=True) as db:
        db.execute(f'CREATE SCHEMA "{schema}"')
    from psycopg.conninfo import conninfo_to_dict, make_conninfo

    params = conninfo_to_dict(dsn)
    params["options"] = f"-c search_path={schema},public"
    return make_conninfo(**params), schema


def drop_schema(dsn: str, schema: str) -> None:
    import psycopg

    with psycopg.connect(dsn, autocommit=True) as db:
        db.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--pg", default=os.environ.get("CONCORD_TEST_PG_DSN", ""))
    args = parser.parse_args()
    concord = [sys.executable, "-c", "import sys; from concord.cli import main; sys.exit(main(sys.argv[1:]))"]
    workdir = Path(tempfile.mkdtemp(prefix="concord-bench-tmx-"))
    print(f"{os.cpu_count()} cores; files in {workdir}")
    if not args.pg:
        print("PostgreSQL: no --pg and no CONCORD_TEST_PG_DSN; skipping that backend")
    try:
        for size in args.sizes:
            path = workdir / f"en-tr-{size}.tmx"
            write_tmx(path, units(size), source_lang="en")
            print(f"{size:,} units: {path.stat().st_size / 1e6:.0f} MB of TMX")
            seconds, rss, _ = measured([*concord, "tm", "import", "--tm", str(workdir / f"m-{size}.sqlite"), str(path)])
            print(f"  SQLite:     import {seconds:.0f} s, peak RSS {rss} MB")
            if args.pg:
                dsn, schema = pg_memory(args.pg)
                try:
                    seconds, rss, _ = measured([*concord, "tm", "import", "--tm", dsn, str(path)])
                finally:
                    drop_schema(args.pg, schema)
                print(f"  PostgreSQL: import {seconds:.0f} s, peak RSS {rss} MB")
            for leftover in workdir.glob(f"m-{size}.sqlite*"):
                leftover.unlink()
            path.unlink()
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
