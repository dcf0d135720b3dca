"""``concord update`` is quiet: a line shift in the source changes only ``#:`` lines.

Real Sphinx extraction on a copy of the publication, real files compared line by line
(difflib), catalogs in CRLF and at sphinx-intl's width, written by Babel, polib and GNU
msgcat themselves.
"""

from __future__ import annotations

import difflib
import shutil
import subprocess
from pathlib import Path

import polib
import pytest

from concord.catalog.save import detect_width, render_catalog
from concord.cli import main

ARTICLE = Path("source/articles/europe-us-asia-pacific.rst")
CATALOGS = [Path(f"locales/{lang}/LC_MESSAGES/articles/europe-us-asia-pacific.po") for lang in ("tr", "ru")]
HEADER_DATES = ('"POT-Creation-Date:', '"PO-Revision-Date:')


def _update(root: Path) -> None:
    assert main(["update", "-c", str(root), "--no-memory"]) == 0


def _shift_source(root: Path) -> None:
    path = root / ARTICLE
    path.write_text(".. A comment line added at the top of the article.\n\n" + path.read_text(encoding="utf-8"),
                    encoding="utf-8")


def _changed_lines(before: str, after: str) -> list[str]:
    return [line for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
            if line[:1] in "+-" and not line.startswith(("+++", "---"))]


def test_a_line_added_at_the_top_changes_only_locations(project_copy: Path) -> None:
    _update(project_copy)  # start from catalogs in step with the source
    before = {p: (project_copy / p).read_text(encoding="utf-8") for p in CATALOGS}
    _shift_source(project_copy)
    _update(project_copy)
    for path in CATALOGS:
        changed = _changed_lines(before[path], (project_copy / path).read_text(encoding="utf-8"))
        locations = [line for line in changed if line[1:].startswith("#:")]
        other = [line for line in changed if not line[1:].startswith(("#:", *HEADER_DATES))]
        assert len(locations) > 20, f"{path}: the references must have moved"
        assert other == [], f"{path}: only #: lines and header dates may change"


def test_crlf_catalogs_stay_crlf_and_quiet(project_copy: Path) -> None:
    _update(project_copy)
    for path in CATALOGS:
        target = project_copy / path
        target.write_bytes(target.read_bytes().replace(b"\n", b"\r\n"))
    before = {p: (project_copy / p).read_bytes() for p in CATALOGS}
    _shift_source(project_copy)
    _update(project_copy)
    for path in CATALOGS:
        data = (project_copy / path).read_bytes()
        assert data != before[path]
        assert data.count(b"\n") == data.count(b"\r\n"), f"{path}: every line ends in CRLF"
        changed = _changed_lines(before[path].decode(), data.decode())
        assert [line for line in changed if not line[1:].startswith(("#:", *HEADER_DATES))] == []


def test_new_messages_are_wrapped_at_the_catalogs_own_width(project_copy: Path) -> None:
    long_paragraph = ("This new paragraph is long enough to be wrapped over several lines in every "
                      "catalog, so that the width at which concord wraps it can be seen and compared "
                      "with the width sphinx-intl and Babel used for the rest of the catalog.")
    path = project_copy / ARTICLE
    path.write_text(path.read_text(encoding="utf-8") + "\n\n" + long_paragraph + "\n", encoding="utf-8")
    widths = {}
    for catalog in CATALOGS:
        text = (project_copy / catalog).read_text(encoding="utf-8")
        widths[catalog] = _longest_wrapped_line(text)
        assert detect_width(text) == widths[catalog] and widths[catalog] < 79, "Babel's width, not GNU's"
    _update(project_copy)
    for catalog in CATALOGS:
        text = (project_copy / catalog).read_text(encoding="utf-8")
        start = text.index('msgid ""\n"This new paragraph')
        lines = text[start:(text + "\n").index("\n\n", start)].split("\n")
        quoted = [line for line in lines if line.startswith('"')]
        assert len(quoted) >= 3 and max(len(line) for line in quoted) <= widths[catalog], lines
        assert max(len(line) for line in quoted) > widths[catalog] - 10, "wrapped near the width"


def _longest_wrapped_line(text: str) -> int:
    """The longest line of a string wrapped at a space (the width the tool wrote with)."""
    lines = text.split("\n")
    return max(len(a) for a, b in zip(lines, lines[1:])
               if a.startswith('"') and b.startswith('"') and not a.endswith('\\n"') and " " in a[1:-1].rstrip())


ENTRIES = [
    ("A message long enough to need wrapping at any of the usual widths, with a few more words "
     "in it to be sure that it spans three lines or more in every tool's output.",
     "Her alışılmış genişlikte kaydırılması gereken kadar uzun bir ileti, her aracın çıktısında "
     "üç satır ya da daha fazlasına yayıldığından emin olmak için birkaç sözcük daha."),
    ("Another long message about the alliance, the partners in the Asia-Pacific and the debates "
     "of recent summits, long enough to wrap.",
     "İttifak, Asya-Pasifik'teki ortaklar ve son zirvelerin tartışmaları üzerine, kaydırılacak "
     "kadar uzun başka bir ileti."),
]


def _write_with(tool: str, path: Path) -> None:
    if tool == "babel":
        from babel.messages.catalog import Catalog
        from babel.messages.pofile import write_po

        catalog = Catalog(locale="tr")
        for msgid, msgstr in ENTRIES:
            catalog.add(msgid, msgstr, locations=[("../../source/a.rst", 3)])
        with path.open("wb") as out:
            write_po(out, catalog)
        return
    po = polib.POFile(wrapwidth=78)
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": "tr"}
    for msgid, msgstr in ENTRIES:
        po.append(polib.POEntry(msgid=msgid, msgstr=msgstr, occurrences=[("../../source/a.rst", "3")]))
    po.save(str(path))
    if tool == "msgcat":
        subprocess.run(["msgcat", "-o", str(path), str(path)], check=True)


@pytest.mark.parametrize(("tool", "widths"), [("babel", (75, 76)), ("polib", (78,)), ("msgcat", (78,))],
                         ids=["babel-76", "polib-78", "gnu-msgcat-79"])
def test_width_is_detected_and_kept_for_a_changed_entry(tool: str, widths: tuple[int, ...],
                                                        tmp_path: Path) -> None:
    if tool == "msgcat" and shutil.which("msgcat") is None:
        pytest.skip("GNU gettext's msgcat is not installed")
    """GNU's 79 columns wrap as polib's 78 do: a word goes to the next line unless it
    fits with the space after it."""
    path = tmp_path / f"{tool}.po"
    _write_with(tool, path)
    text = path.read_text(encoding="utf-8")
    width = detect_width(text)
    assert width in widths
    po = polib.pofile(text)
    po[0].msgstr = po[0].msgstr.replace("ileti", "mesaj")
    po[0].occurrences = [("../../source/a.rst", "4")]
    rendered = render_catalog(po, text)
    second = text.split("\n\n")[2]
    assert second in rendered, "the untouched entry keeps its bytes"
    changed = rendered.split("\n\n")[1]
    assert "mesaj" in changed and "#: ../../source/a.rst:4" in changed
    assert max(len(line) for line in changed.split("\n") if line.startswith('"')) <= width
    if tool == "msgcat":  # GNU itself would write the changed entry the same way
        ours = tmp_path / "ours.po"
        ours.write_text(rendered, encoding="utf-8")
        subprocess.run(["msgcat", "-o", str(tmp_path / "gnu.po"), str(ours)], check=True)
        assert (tmp_path / "gnu.po").read_text(encoding="utf-8") == rendered


ODD_ORDER = '''msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"Language: tr\\n"

#. first extracted comment
#: ../../source/a.rst:3
#. second extracted comment
msgid "Comments interleaved"
msgstr "Araya girmiş yorumlar"

#, fuzzy
#: ../../source/a.rst:5
# translator comment after the flags
msgid "Parts out of order"
msgstr "Sırası bozuk parçalar"
'''


def test_unchanged_entries_keep_parts_in_their_own_order() -> None:
    from concord.catalog.blocks import parse_blocks, to_pofile

    blocks = parse_blocks(ODD_ORDER)
    assert blocks is not None
    po = to_pofile(blocks, wrapwidth=78)
    assert render_catalog(po, ODD_ORDER, blocks=blocks) == ODD_ORDER
    assert render_catalog(polib.pofile(ODD_ORDER), ODD_ORDER) == ODD_ORDER
