"""The report on projects other than the publication: many documents and languages,
shared catalogs, hand-numbered notes; and on a real corpus of 484 catalogs."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from report_helpers import check_json
from concord.report.site.cli import make_report
from concord.report.site.render import FINDINGS_PAGE

LANGS = ("de", "fr", "ja", "uk")
DOCS = {
    "index": "Home\n====\n\n.. toctree::\n\n   guide/one\n   guide/two\n   ref/api\n\nWelcome.\n",
    "guide/one": "One\n===\n\nFirst [1]_ and second [#]_.\n\n.. [1] Hand numbered.\n\n.. [#] Auto.\n",
    "guide/two": "Two\n===\n\nSee [*]_ here.\n\n.. [*] A symbol note.\n",
    "ref/api": "API\n===\n\nCall ``f()``.\n",
}


def _po(lang: str, entries: list[tuple[str, str]]) -> str:
    def quote(text: str) -> str:
        return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")

    body = "".join(f'\nmsgid "{quote(a)}"\nmsgstr "{quote(b)}"\n' for a, b in entries)
    return ('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
            f'"Language: {lang}\\n"\n' + body)


def _project(root: Path) -> Path:
    """Four documents in folders, catalogs compacted per folder (gettext_compact=True),
    four languages, each translated a little less than the one before."""
    (root / "docs").mkdir(parents=True)
    (root / "docs" / "conf.py").write_text(
        "project = 'Many'\nlanguage = 'en'\nlocale_dirs = ['locale/']\n", "utf-8")
    for doc, text in DOCS.items():
        path = root / "docs" / f"{doc}.rst"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")
    messages = {
        "index": ["Home", "Welcome."],
        "guide": ["One", "First [1]_ and second [#]_.", "Hand numbered.", "Auto.", "Two",
                  "See [*]_ here.", "A symbol note."],
        "ref": ["API", "Call ``f()``."],
    }
    for number, lang in enumerate(LANGS):
        for domain, ids in messages.items():
            entries = [(m, "" if i < number else f"{lang}: {m}") for i, m in enumerate(ids)]
            path = root / "docs" / "locale" / lang / "LC_MESSAGES" / f"{domain}.po"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(_po(lang, entries), "utf-8")
    return root / "docs"


def test_any_project_many_documents_and_languages(tmp_path: Path) -> None:
    confdir = _project(tmp_path)
    written = make_report(tmp_path, None, tmp_path / "out")
    data = json.loads((tmp_path / "out" / "report.json").read_text("utf-8"))
    check = check_json(confdir)
    assert [r["lang"] for r in data["languages"]] == sorted(LANGS)
    for row in data["languages"]:
        assert row["progress"]["messages"]["percent"] == pytest.approx(
            check["stats"][row["lang"]]["percent"], abs=0.01)
    assert sorted(p["domain"] for p in data["reviews"]) == ["guide", "index", "ref"]
    assert written.reviews == 3
    guide = next(p for p in data["reviews"] if p["domain"] == "guide")
    assert guide["languages"] == ["en", *LANGS]
    notes = {r["cells"][0]["text"]: r["labels"] for r in guide["rows"] if r["kind"] == "note"}
    assert notes == {"Hand numbered.": ["1"], "Auto.": ["2"], "A symbol note.": ["*"]}
    first = next(r for r in guide["rows"] if r["cells"][0]["text"].startswith("First"))
    assert [m["label"] for m in first["cells"][0]["marks"]] == ["1", "2"]
    de = next(c for c in first["cells"] if c["lang"] == "de")
    assert de["state"] == "translated" and de["path"] == "locale/de/LC_MESSAGES/guide.po"  # as concord check shows it
    uk = next(c for c in first["cells"] if c["lang"] == "uk")
    assert uk["state"] == "untranslated"
    titles = [r["kind"] for r in guide["rows"] if r["cells"][0]["text"] in ("One", "Two")]
    assert titles == ["title", "title"]
    assert (tmp_path / "out" / "review" / "guide.html").is_file()


def test_python_docs_tr_catalog_only(corpora_dir: Path, tmp_path: Path) -> None:
    corpus = corpora_dir / "python-docs-tr"
    out = tmp_path / "out"
    written = make_report(corpus, None, out)
    data = json.loads((out / "report.json").read_text("utf-8"))
    assert data["mode"] == "catalogs" and data["reviews"] == [] and written.reviews == 0
    assert len(data["catalogs"]) == 484
    assert written.notes == [next(n for n in written.notes if "review pages" in n)]
    by_check = Counter(f["check"] for f in data["findings"])
    assert by_check["untranslated"] > 50_000
    # every untranslated finding is on exactly one page, and no catalog is split
    pages = sorted((out / "findings" / "tr").glob("untranslated-*.html"))
    seen: list[str] = []
    catalogs_per_page = []
    for page in pages:
        html = page.read_text("utf-8")
        locations = re.findall(r'<code class="loc">([^<]+)</code>', html)
        seen += locations
        catalogs_per_page.append({loc.rsplit(":", 1)[0] for loc in locations})
        assert len(locations) <= FINDINGS_PAGE or len(catalogs_per_page[-1]) == 1
    assert len(seen) == len(set(seen)) == by_check["untranslated"]
    assert all(not (a & b) for i, a in enumerate(catalogs_per_page) for b in catalogs_per_page[i + 1:])
    index = (out / "index.html").read_text("utf-8")
    assert "<code>library/os</code>" in index and 'title="library/os.po"' in index


def test_many_review_pages_render_alike_on_one_core_and_on_several(tmp_path: Path) -> None:
    from concord.checks.runner import PARALLEL_MIN_FILES
    from concord.project import load_project
    from concord.report.site.checks_adapter import run_checks
    from concord.report.site.data import build_report
    from concord.report.site.render import write_site

    root = tmp_path / "big"
    (root / "src").mkdir(parents=True)
    (root / "src" / "conf.py").write_text("project = 'Big'\nlocale_dirs = ['locale/']\n"
                                          "gettext_compact = False\n", "utf-8")
    count = PARALLEL_MIN_FILES + 2
    names = [f"page{n:02}" for n in range(count)]
    (root / "src" / "index.rst").write_text(
        "Big\n===\n\n.. toctree::\n\n" + "".join(f"   {n}\n" for n in names), "utf-8")
    for name in names:
        (root / "src" / f"{name}.rst").write_text(f"{name}\n======\n\nText of {name}.\n", "utf-8")
        path = root / "src" / "locale" / "de" / "LC_MESSAGES" / f"{name}.po"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(_po("de", [(name, name.upper()), (f"Text of {name}.", "")]), "utf-8")
    project = load_project(root / "src")
    report = build_report(run_checks(project), project.root, "Big")
    assert len(report.reviews) == count + 1
    one, several = tmp_path / "one", tmp_path / "several"
    write_site(report, one, workers=1)
    write_site(report, several, workers=2)
    files = sorted(p.relative_to(one) for p in one.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(several) for p in several.rglob("*") if p.is_file())
    assert all((one / f).read_bytes() == (several / f).read_bytes() for f in files)
    page = (one / "review" / "page07.html").read_text("utf-8")
    assert "locale/de/LC_MESSAGES/page07.po:" in page and "Untranslated" in page
