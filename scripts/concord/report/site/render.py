"""Render the report model as a static site that works from the file system.

Templates are Jinja2 files (Jinja2 comes with Sphinx) beside this module, one
stylesheet and one small script are copied into ``static/``, every link is relative,
nothing is fetched from the network. The site is written into a staging folder that
replaces the previous report only when complete, so a failed run leaves the last one.
"""

from __future__ import annotations

import html
import shutil
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from itertools import groupby
from pathlib import Path

from markupsafe import Markup, escape

from concord.errors import ConcordError
from concord.report.site import svg
from concord.report.site.model import Cell, FindingRow, Report, ReviewPage, as_json

HERE = Path(__file__).parent
#: Findings of one language and check listed inline on findings.html; larger groups
#: get pages of about FINDINGS_PAGE findings, whole catalogs each (python-docs-tr has
#: 51,708 untranslated).
INLINE_LIMIT = 200
FINDINGS_PAGE = 1000
STATES = ("translated", "fuzzy", "untranslated")
STATE_SIGN = {"source": "◆", "translated": "✓", "fuzzy": "≈", "untranslated": "✗", "missing": "✗"}
SEVERITY_SIGN = {"error": "✗", "warning": "!", "info": "i"}


def write_site(report: Report, out: Path, workers: int | None = None) -> list[Path]:
    """Write every page of ``report`` into ``out`` (replaced whole); return the pages."""
    out = out.resolve()
    refuse_foreign(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    stage = Path(tempfile.mkdtemp(prefix=".report-", dir=out.parent))
    try:
        pages = _write_all(report, stage, workers, out)
        old = out.with_name(f".{out.name}-old")
        if old.exists():
            shutil.rmtree(old)
        if out.exists():
            out.rename(old)
        stage.rename(out)
        shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(stage, ignore_errors=True)
        raise
    return [out / p.relative_to(stage) for p in pages]


def refuse_foreign(out: Path) -> None:
    """Never replace a folder that is not a previous report (``-o docs`` by mistake)."""
    if out.is_file() or (out.is_dir() and any(out.iterdir())
                         and not (out / "report.json").is_file()):
        raise ConcordError(f"{out} exists and is not a concord report (no report.json); "
                           "choose a new or empty folder with -o DIR")


def _write_all(report: Report, stage: Path, workers: int | None, out: Path) -> list[Path]:
    env = _environment()
    env.globals["editions_of"] = lambda page: editions_of(page, out)  # type: ignore[attr-defined]
    (stage / "static").mkdir()
    for name in ("report.css", "report.js"):
        shutil.copy2(HERE / "static" / name, stage / "static" / name)
    (stage / "badges").mkdir()
    for row in report.languages:
        (stage / row.badge).write_text(svg.badge(row), "utf-8")
    (stage / "report.json").write_text(as_json(report), "utf-8")
    groups = _finding_groups(report)
    reviews = {review.domain: review for review in report.reviews}
    pages = [_page(env, stage, "index.html", "index.html", report=report, groups=groups,
                   reviews_by_domain=reviews)]
    pages.append(_page(env, stage, "findings.html", "findings.html", report=report, groups=groups))
    for group in groups:
        for number, chunk in enumerate(group.pages, start=1):
            pages.append(_page(env, stage, "findings_page.html", chunk.href, report=report,
                               group=group, chunk=chunk, number=number))
    pages.extend(_review_pages(report, stage, env, workers))
    return pages


#: What forked workers render (set before the pool starts; see :func:`_review_pages`).
_SHARED: dict[str, object] = {}


def editions_of(page: ReviewPage, out: Path) -> list[tuple[str, str]]:
    """(lang, relative link) of the page's document in each HTML edition built beside
    the report (``build/html/<lang>/`` next to ``build/report/``), when it exists."""
    html_root = out.parent / "html"
    depth = "../" * page.href.count("/")
    found = []
    for lang in page.languages:
        target = html_root / lang / f"{page.docname}.html"
        if page.docname and target.is_file():
            found.append((lang, f"{depth}../html/{lang}/{page.docname}.html"))
    return found


def _review_pages(report: Report, stage: Path, env: object, workers: int | None) -> list[Path]:
    """Every review page; many of them on every core (each page stands alone)."""
    from concord.checks.runner import PARALLEL_MIN_FILES, usable_cores

    count = workers or usable_cores()
    indices = range(len(report.reviews))
    if count <= 1 or len(report.reviews) < PARALLEL_MIN_FILES:
        return [_page(env, stage, "review.html", r.href, report=report, page=r)
                for r in report.reviews]
    import multiprocessing

    _SHARED.update(report=report, stage=stage, env=env)
    try:
        with multiprocessing.get_context("fork").Pool(count) as pool:
            return pool.map(_review_page, indices, chunksize=max(1, len(indices) // (count * 4)))
    finally:
        _SHARED.clear()


def _review_page(index: int) -> Path:
    report = _SHARED["report"]
    assert isinstance(report, Report)
    review = report.reviews[index]
    return _page(_SHARED["env"], _SHARED["stage"], "review.html", review.href,  # type: ignore[arg-type]
                 report=report, page=review)


def _page(env: object, stage: Path, template: str, href: str, **context: object) -> Path:
    target = stage / href
    target.parent.mkdir(parents=True, exist_ok=True)
    root = "../" * href.count("/")
    html = env.get_template(template).render(root=root, href=href, **context)  # type: ignore[attr-defined]
    target.write_text(html, "utf-8")
    return target


@dataclass
class FindingsPage:
    href: str
    first: int                  # 1-based position of its first finding in the group
    last: int
    findings: list[FindingRow]
    first_path: str
    last_path: str


@dataclass
class FindingGroup:
    """The findings of one check in one language: inline, or on pages when many."""

    lang: str
    check: str
    count: int
    severities: dict[str, int]
    findings: list[FindingRow] = field(default_factory=list)
    pages: list[FindingsPage] = field(default_factory=list)
    catalogs: list[tuple[str, int, str]] = field(default_factory=list)

    @property
    def id(self) -> str:
        return f"{self.lang}-{self.check}"


def _finding_groups(report: Report) -> list[FindingGroup]:
    """Findings by language and check; big groups split into pages by catalog order."""
    grouped: dict[tuple[str, str], list[FindingRow]] = defaultdict(list)
    for finding in report.findings:
        grouped[(finding.lang, finding.check)].append(finding)
    groups = []
    for (lang, check), found in sorted(grouped.items()):
        severities = {s: sum(1 for f in found if f.severity == s) for s in SEVERITY_SIGN}
        group = FindingGroup(lang, check, len(found), severities)
        if len(found) <= INLINE_LIMIT:
            group.findings = found
        else:
            group.pages = _pages(found, lang, check)
            group.catalogs = _catalog_counts(group.pages)
        groups.append(group)
    return groups


def _pages(found: list[FindingRow], lang: str, check: str) -> list[FindingsPage]:
    """Pages of about FINDINGS_PAGE findings that never split a catalog's findings."""
    pages: list[FindingsPage] = []
    current: list[FindingRow] = []
    done = 0
    for _, items in groupby(found, key=lambda f: f.path):
        batch = list(items)
        if current and len(current) + len(batch) > FINDINGS_PAGE:
            pages.append(_chunk(current, lang, check, len(pages) + 1, done))
            done += len(current)
            current = []
        current.extend(batch)
    if current:
        pages.append(_chunk(current, lang, check, len(pages) + 1, done))
    return pages


def _chunk(items: list[FindingRow], lang: str, check: str, number: int, done: int) -> FindingsPage:
    return FindingsPage(f"findings/{lang}/{check}-{number}.html", done + 1, done + len(items),
                        items, items[0].path, items[-1].path)


def _catalog_counts(pages: list[FindingsPage]) -> list[tuple[str, int, str]]:
    """(catalog, findings, its page) of the 20 catalogs with most findings of one group."""
    counts = []
    for page in pages:
        for path, items in groupby(page.findings, key=lambda f: f.path):
            counts.append((path, sum(1 for _ in items), page.href))
    counts.sort(key=lambda item: -item[1])
    return counts[:20]


def by_path(findings: list[FindingRow]) -> list[tuple[str, list[FindingRow]]]:
    return [(path, list(items)) for path, items in groupby(findings, key=lambda f: f.path)]


def findings_html(items: list[FindingRow], root: str) -> Markup:
    """The ``<li>`` of each finding, built in Python: a findings page of python-docs-tr
    holds a thousand of them and a template loop costs several times more."""
    out = []
    for f in items:
        link = (f'<a class="to-review" href="{root}{html.escape(f.review)}">in the review page</a>'
                if f.review else "")
        out.append(
            f'<li class="finding {f.severity}"><span class="sev {f.severity}"><span '
            f'aria-hidden="true">{SEVERITY_SIGN[f.severity]}</span> {f.severity}</span> '
            f'<code class="loc">{html.escape(f.path)}:{f.line}</code> '
            f'<span class="msg">{html.escape(f.message)}</span> {link}</li>')
    return Markup("\n".join(out))


def cell_html(cell: Cell) -> Markup:
    """The cell's text with its marks: references as labels, problem spans marked."""
    text, out, at = cell.text, [], 0
    for mark in cell.marks:
        if mark.start < at:
            continue
        out.append(escape(text[at:mark.start]))
        raw = text[mark.start:mark.end]
        shown = f"[{mark.label}]" if mark.label else raw
        if mark.kind == "ref":
            out.append(Markup('<sup class="ref" title="{}">{}</sup>').format(raw, shown))
        else:
            word = "missing" if mark.kind == "missing" else "not in the source"
            out.append(Markup('<mark class="{}" title="{}"><span class="sr-only">{}: </span>'
                              '{}</mark>').format(mark.kind, mark.title, word, shown))
        at = mark.end
    out.append(escape(text[at:]))
    return Markup("").join(out)


def diff_html(cell: Cell) -> Markup:
    parts = []
    for op, text in cell.diff:
        tag = {"insert": "ins", "delete": "del"}.get(op)
        parts.append(Markup("<{0}>{1}</{0}>").format(tag, text) if tag else escape(text))
    return Markup("").join(parts)


def _environment() -> object:
    from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

    env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=select_autoescape(),
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters.update(cell_html=cell_html, findings_html=findings_html, diff_html=diff_html, by_path=by_path,
                       pct=lambda v: f"{v:.1f}%", num=lambda v: f"{v:,}")
    env.globals.update(states=STATES, state_sign=STATE_SIGN, severity_sign=SEVERITY_SIGN,
                       bar_chart=lambda title, rows, key: Markup(svg.bar_chart(title, rows, key)))
    return env
