"""The report's model and files, against ``concord check`` run on the same catalogs."""

from __future__ import annotations

import html
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from report_helpers import ARTICLE, CHANGED_URL, DROPPED, FUZZY, MENADUE_URL, UNTRANSLATED, Built
from concord.cli import main
from concord.report.site.labels import NoteLabels
from concord.report.site.review import word_diff
from concord.source import Note, SourceDocument


def _row(data: dict, start: str) -> dict:
    page = next(p for p in data["reviews"] if p["domain"] == ARTICLE)
    return next(r for r in page["rows"] if r["cells"][0]["text"].startswith(start))


def _cell(row: dict, lang: str) -> dict:
    return next(c for c in row["cells"] if c["lang"] == lang)


def test_the_site_has_every_page(planted: Built) -> None:
    for name in ("index.html", "findings.html", "report.json", "static/report.css",
                 "static/report.js", "badges/tr.svg", "badges/ru.svg",
                 f"review/{ARTICLE}.html", "review/index.html"):
        assert (planted.out / name).is_file(), name


def test_counts_are_the_checks_own(planted: Built) -> None:
    data = planted.data()
    for row in data["languages"]:
        stats = planted.check["stats"][row["lang"]]
        messages = row["progress"]["messages"]
        assert (messages["translated"], messages["fuzzy"], messages["untranslated"]) == (
            stats["translated"], stats["fuzzy"], stats["untranslated"])
        assert messages["percent"] == pytest.approx(stats["percent"], abs=0.01)
        assert row["progress"]["words"]["total"] == stats["words"]
        assert row["progress"]["words"]["translated"] == stats["translated_words"]
        assert row["meets_threshold"] == stats["passed"]
    tr = next(r for r in data["languages"] if r["lang"] == "tr")
    assert tr["ci_passes"] is False and tr["errors"] == 4
    assert tr["by_check"]["untranslated"] == {"error": 1}


def test_findings_are_the_checks_findings_with_a_link_into_the_review(planted: Built) -> None:
    data = planted.data()
    ours = [(f["path"], f["line"], f["check"], f["message"]) for f in data["findings"]]
    theirs = [(f["path"], f["line"], f["check"], f["message"]) for f in planted.check["findings"]]
    assert ours == theirs
    assert all(f["review"].startswith(f"review/{ARTICLE}.html#m") for f in data["findings"])


def test_untranslated_paragraph_is_at_its_catalog_line(planted: Built) -> None:
    finding = planted.finding("tr", "untranslated")
    cell = _cell(_row(planted.data(), UNTRANSLATED), "tr")
    assert cell["state"] == "untranslated"
    assert (cell["path"], cell["line"]) == (finding["path"], finding["line"])
    assert cell["path"] == f"locales/tr/LC_MESSAGES/{ARTICLE}.po"


def test_dropped_reference_is_marked_in_the_source_with_its_label(planted: Built) -> None:
    finding = planted.finding("tr", "footnote-refs")
    row = _row(planted.data(), DROPPED)
    tr, source = _cell(row, "tr"), row["cells"][0]
    assert (tr["path"], tr["line"]) == (finding["path"], finding["line"])
    assert tr["missing"] == ["[ii] [#menadue]_"]
    missing = [m for m in source["marks"] if m["kind"] == "missing"]
    assert len(missing) == 1 and missing[0]["label"] == "ii"
    assert source["text"][missing[0]["start"]:missing[0]["end"]] == "[#menadue]_"
    assert _cell(row, "ru")["marks"][0]["kind"] == "ref"  # ru keeps it: no problem there


def test_changed_url_is_marked_where_it_is(planted: Built) -> None:
    row = _row(planted.data(), "“NATO wants Asia”")
    ru = _cell(row, "ru")
    assert row["kind"] == "note" and row["labels"] == ["ii"]
    extra = [m for m in ru["marks"] if m["kind"] == "extra"]
    assert [ru["text"][m["start"]:m["end"]] for m in extra] == [CHANGED_URL]
    missing = [m for m in row["cells"][0]["marks"] if m["kind"] == "missing"]
    assert [row["cells"][0]["text"][m["start"]:m["end"]] for m in missing] == [MENADUE_URL]


def test_fuzzy_cell_has_its_score_and_the_source_diff(planted: Built) -> None:
    tr = _cell(_row(planted.data(), FUZZY), "tr")
    assert tr["state"] == "fuzzy" and tr["score"] == 87
    assert ["delete", "keen"] in tr["diff"] and ["insert", "very interested"] in tr["diff"]


def test_rows_follow_the_document_and_notes_carry_their_labels(planted: Built) -> None:
    page = next(p for p in planted.data()["reviews"] if p["domain"] == ARTICLE)
    kinds = [r["kind"] for r in page["rows"]]
    assert kinds[:3] == ["metadata", "metadata", "title"]
    assert kinds.count("note") == 7  # eight notes, two of them share the body "Ibid."
    labels = [r["labels"] for r in page["rows"] if r["kind"] == "note"]
    assert labels == [["i"], ["ii"], ["iii"], ["iv"], ["v", "vi"], ["vii"], ["viii"]]
    lines = [r["source_line"] for r in page["rows"] if r["source_line"] > 0]
    assert lines == sorted(lines)
    assert page["languages"] == ["en", "tr", "ru"]
    assert page["problems"] == {"tr": 4, "ru": 1}


def test_badges_are_svg_saying_percentage_and_verdict(planted: Built) -> None:
    tr = ET.parse(planted.out / "badges" / "tr.svg").getroot()
    texts = [t.text for t in tr.iter("{http://www.w3.org/2000/svg}text")]
    assert texts == ["tr translated", "98% fail"]
    ru = ET.parse(planted.out / "badges" / "ru.svg").getroot()
    assert [t.text for t in ru.iter("{http://www.w3.org/2000/svg}text")] == ["ru translated", "100% fail"]


def test_pages_use_relative_links_only(planted: Built) -> None:
    for page in planted.out.rglob("*.html"):
        html = page.read_text("utf-8")
        for marker in ('href="http', 'src="http', 'href="/', 'src="/', "//cdn", "@import"):
            assert marker not in html, (page, marker)


def test_a_clean_project_passes_everywhere(clean: Built) -> None:
    data = clean.data()
    assert [r["lang"] for r in data["languages"]] == ["tr", "ru"]  # the order of concord_languages
    assert all(r["ci_passes"] and r["progress"]["messages"]["percent"] == 100 for r in data["languages"])
    assert data["findings"] == [] and data["mode"] == "project"


def _catalog(path: Path, lang: str, entries: list[tuple[str, str]]) -> None:
    body = "".join(f'\nmsgid "{a}"\nmsgstr "{b}"\n' for a, b in entries)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
                    f'"Language: {lang}\\n"\n"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n'
                    + body, "utf-8")


def test_catalog_only_mode_skips_review_pages_with_one_line(tmp_path: Path, capsys) -> None:
    folder = tmp_path / "catalogs"
    _catalog(folder / "library" / "os.po", "es", [("Files", "Ficheros"), ("Paths", "")])
    _catalog(folder / "about.po", "es", [("About", "Acerca de")])
    out = tmp_path / "out"
    assert main(["report", str(folder), "-o", str(out)]) == 0
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "review pages" in err[0] and "skipped" in err[0]
    data = json.loads((out / "report.json").read_text("utf-8"))
    assert data["mode"] == "catalogs" and data["reviews"] == []
    assert [(c["path"], c["progress"]["messages"]["percent"]) for c in data["catalogs"]] == [
        ("about.po", 100.0), ("library/os.po", 50.0)]
    assert [(f["path"], f["line"], f["check"]) for f in data["findings"]] == [
        ("library/os.po", 10, "untranslated")]
    assert (out / "index.html").is_file() and (out / "findings.html").is_file()
    assert not (out / "review").exists()


@pytest.mark.parametrize("args, expected", [
    pytest.param(["report", "no/such/folder"], "'no/such/folder' does not exist", id="missing-path"),
    pytest.param(["report", "-c", "no/such/conf"], "no conf.py", id="missing-confdir"),
    pytest.param(["report", "catalogs", "-o", "keep"], "is not a concord report (no report.json); "
                 "choose a new or empty folder with -o DIR", id="output-is-someone-elses"),
])
def test_bad_input_is_one_line_and_exit_2(tmp_path: Path, monkeypatch, capsys, args, expected) -> None:
    monkeypatch.chdir(tmp_path)
    _catalog(tmp_path / "catalogs" / "a.po", "es", [("A", "")])
    (tmp_path / "keep").mkdir()
    (tmp_path / "keep" / "notes.txt").write_text("mine", "utf-8")
    assert main(args) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and expected in err.splitlines()[-1]
    assert not (tmp_path / "build").exists()
    assert (tmp_path / "keep" / "notes.txt").read_text("utf-8") == "mine"


def test_an_unreadable_catalog_fails_its_language_and_the_rest_is_reported(
        tmp_path: Path, repo_root: Path) -> None:
    from report_helpers import copy_project
    from concord.report.site.cli import make_report

    root = copy_project(repo_root, tmp_path / "project")
    broken = root / "locales" / "ru" / "LC_MESSAGES" / "index.po"
    broken.write_text(broken.read_text("utf-8") + '\nmsgid "unterminated\n', "utf-8")
    make_report(root, None, tmp_path / "out")
    data = json.loads((tmp_path / "out" / "report.json").read_text("utf-8"))
    ru = next(r for r in data["languages"] if r["lang"] == "ru")
    tr = next(r for r in data["languages"] if r["lang"] == "tr")
    assert not ru["ci_passes"] and ru["unreadable"][0].startswith("locales/ru/LC_MESSAGES/index.po:")
    assert tr["ci_passes"]
    assert any(n.startswith("locales/ru/LC_MESSAGES/index.po:") for n in data["notes"])


def _doc(*keys: str) -> SourceDocument:
    doc = SourceDocument("d", "d", Path("d.rst"))
    doc.notes = [Note(k, n, n, (f"body {n}",), ()) for n, k in enumerate(keys, start=1)]
    return doc


@pytest.mark.parametrize("keys, expected", [
    pytest.param(("#a", "#b", "#c"), ["i", "ii", "iii"], id="named-auto"),
    pytest.param(("#", "#x", "#"), ["i", "ii", "iii"], id="anonymous-and-named"),
    pytest.param(("1", "#a", "#b"), ["1", "ii", "iii"], id="hand-numbered-skipped"),
    pytest.param(("*", "*", "CIT"), ["*", "\u2020", "CIT"], id="symbols-and-citation"),
])
def test_note_labels_follow_docutils_numbering(keys, expected) -> None:
    from concord.publish.numerals import lower_roman

    labels = NoteLabels(_doc(*keys), lower_roman)
    assert [labels.of_note(n) for n in _doc(*keys).notes] == expected


@pytest.mark.parametrize("key, ordinal, expected", [
    pytest.param("#x", 0, "ii", id="named"),
    pytest.param("#", 1, "iii", id="second-anonymous"),
    pytest.param("#", 5, "#", id="more-references-than-notes"),
    pytest.param("#nowhere", 0, "nowhere", id="unknown-label"),
])
def test_references_get_the_label_of_their_note(key, ordinal, expected) -> None:
    from concord.publish.numerals import lower_roman

    assert NoteLabels(_doc("#", "#x", "#"), lower_roman).of_reference(key, ordinal) == expected


@pytest.mark.parametrize("old, new, expected", [
    pytest.param("a b c", "a b c", [("equal", "a b c")], id="same"),
    pytest.param("a b c", "a x c", [("equal", "a "), ("delete", "b"), ("insert", "x"), ("equal", " c")],
                 id="replaced-word"),
    pytest.param("a c", "a b c", [("equal", "a "), ("insert", "b "), ("equal", "c")], id="inserted"),
])
def test_word_diff(old, new, expected) -> None:
    assert word_diff(old, new) == expected


def test_a_failed_render_leaves_the_previous_report_whole(planted: Built, tmp_path: Path) -> None:
    import copy

    from concord.report.site.checks_adapter import run_checks
    from concord.report.site.data import build_report
    from concord.report.site.render import write_site
    from concord.project import load_project

    out = tmp_path / "report"
    report = build_report(run_checks(load_project(planted.root)), planted.root, "planted")
    write_site(report, out)
    before = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    broken = copy.deepcopy(report)
    broken.findings[0].severity = "fatal"  # no such severity: the findings page cannot render
    with pytest.raises(KeyError):
        write_site(broken, out)
    after = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert after == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report"]  # no staging folder left


_ID = re.compile(r'<[a-z0-9]+\b[^>]*?\sid="([^"]*)"')
_LINK = re.compile(r'<(?:a|link|script|img)\b[^>]*?\s(?:href|src)="([^"]*)"')


def _ids_and_links(page: Path) -> tuple[list[str], list[str]]:
    """The ids and the link targets of a page (the pages are ours: regular markup)."""
    text = page.read_text("utf-8")
    return _ID.findall(text), [html.unescape(link) for link in _LINK.findall(text)]


@pytest.mark.parametrize("which", ["planted", "corpus"])
def test_ids_are_unique_and_every_link_lands(which: str, planted: Built, request) -> None:
    """Every relative link of every page reaches a file, and its #anchor an element."""
    out = planted.out
    if which == "corpus":
        corpora = request.getfixturevalue("corpora_dir")
        out = request.getfixturevalue("tmp_path") / "corpus-report"
        from concord.report.site.cli import make_report

        make_report(corpora / "python-docs-tr", None, out, languages=("tr",))
    pages = {p: _ids_and_links(p) for p in out.rglob("*.html")}
    assert sum(len(ids) for ids, _ in pages.values()) > 20
    assert sum(len([l for l in links if "#" in l]) for _, links in pages.values()) > 5
    for page, (ids, links) in pages.items():
        assert len(ids) == len(set(ids)), (page, [i for i in ids if ids.count(i) > 1][:3])
        for link in links:
            target, _, anchor = link.partition("#")
            target = target.partition("?")[0]
            assert "://" not in target, (page, link)
            path = (page.parent / target).resolve() if target else page
            assert path.is_file(), (page, link)
            if anchor and path.suffix == ".html":
                assert anchor in pages[path][0], (page, link)
