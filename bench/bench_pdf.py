"""Benchmark: the PDF build of every edition against the HTML build of the same editions.

Runs, in one process tree, from clean output folders, on the repository's publication:

* per language: ``sphinx-build -b html -D language=<lang>`` (the website edition) and
  ``concord pdf -l <lang> -j 1`` (a print build by Sphinx, then WeasyPrint);
* all languages: the three ``sphinx-build`` runs side by side, one per core (as
  ``concord build`` runs them), and ``concord pdf`` (languages in parallel processes).

Prints wall times, ratios (PDF / HTML: how many HTML builds one PDF build costs), the
article and languages used, and the core count. Absolute seconds drift on shared
machines; ratios measured side by side do not.

    .venv/bin/python bench/bench_pdf.py [--repeat N]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def _run(argv: Sequence[str]) -> None:
    done = subprocess.run(argv, cwd=REPO, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.exit(f"bench_pdf: {' '.join(argv)} failed ({done.returncode}):\n{done.stderr[-2000:]}")


def html_build(lang: str, work: Path) -> list[str]:
    out = work / "html" / lang
    return [str(BIN / "sphinx-build"), "-q", "-b", "html", "-c", ".", "-D", f"language={lang}",
            "-d", str(work / "doctrees" / lang), "source", str(out)]


def pdf_build(langs: Sequence[str], work: Path, jobs: int | None = None) -> list[str]:
    argv = [str(BIN / "concord"), "pdf", "-c", ".", "-o", str(work / "pdf"), "--force"]
    for lang in langs:
        argv += ["-l", lang]
    return argv + (["-j", str(jobs)] if jobs else [])


def timed(make: object, repeat: int) -> float:
    """Median wall time of ``make(work)`` commands, each run in a clean folder."""
    times = []
    for _ in range(repeat):
        work = Path(tempfile.mkdtemp(prefix="bench-pdf-"))
        try:
            commands = make(work)  # type: ignore[operator]
            started = time.perf_counter()
            if len(commands) == 1:
                _run(commands[0])
            else:
                with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
                    list(pool.map(_run, commands))
            times.append(time.perf_counter() - started)
        finally:
            shutil.rmtree(work, ignore_errors=True)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=1, help="runs per measurement (median)")
    args = parser.parse_args()
    sys.path.insert(0, str(REPO / "scripts"))
    from concord.project import load_project
    from concord.publish.pdf.build import articles

    project = load_project(REPO)
    langs = [project.source_language, *project.languages]
    print(f"cores: {os.cpu_count()}; articles: {', '.join(articles(project).values())}; "
          f"languages: {', '.join(langs)}; runs per measurement: {args.repeat}")
    print(f"{'edition':<10}{'HTML s':>9}{'PDF s':>9}{'PDF/HTML':>10}")
    html_total = pdf_total = 0.0
    for lang in langs:
        html = timed(lambda work, lang=lang: [html_build(lang, work)], args.repeat)
        pdf = timed(lambda work, lang=lang: [pdf_build([lang], work, jobs=1)], args.repeat)
        html_total += html
        pdf_total += pdf
        print(f"{lang:<10}{html:>9.2f}{pdf:>9.2f}{pdf / html:>10.2f}")
    print(f"{'one by one':<10}{html_total:>9.2f}{pdf_total:>9.2f}{pdf_total / html_total:>10.2f}")
    html_par = timed(lambda work: [html_build(lang, work) for lang in langs], args.repeat)
    pdf_par = timed(lambda work: [pdf_build(langs, work)], args.repeat)
    print(f"{'parallel':<10}{html_par:>9.2f}{pdf_par:>9.2f}{pdf_par / html_par:>10.2f}"
          "   (HTML: one sphinx-build per language at once; PDF: concord pdf, default jobs)")
    print(f"concord pdf, parallel / one by one: {pdf_par / pdf_total:.2f}")


if __name__ == "__main__":
    main()
