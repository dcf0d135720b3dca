"""As strict as ``msgfmt --check``, no stricter: the real msgfmt and concord on the same files.

Each case is a small catalog written here; the test runs GNU msgfmt (``--check``) and
``concord check`` on it and asserts the same verdict, and the same line where msgfmt
names one. A concord failure is a read error (exit 2) or an error finding (exit 1);
findings msgfmt does not know (untranslated, markup) are left out of the comparison
by keeping every entry translated and plain.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from concord.checks.registry import CHECKS
from concord.cli import main

MSGFMT = shutil.which("msgfmt")
pytestmark = pytest.mark.skipif(MSGFMT is None, reason="GNU msgfmt is not installed")
CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpora" / "python-docs-es"

#: concord's own checks that msgfmt has no opinion on: not part of the comparison
#: What msgfmt --check reports is concord's format-string and catalog-header (and its
#: read errors); every other check judges what msgfmt does not look at.
MSGFMT_CHECKS = ("format-string", "catalog-header")
NOT_MSGFMT = tuple(c.id for c in CHECKS if c.id not in MSGFMT_CHECKS)


def header(charset: str = "UTF-8", plural: str | None = "nplurals=2; plural=(n != 1);") -> str:
    lines = ['msgid ""', 'msgstr ""', '"Project-Id-Version: parity\\n"', '"Language: fr\\n"',
             '"MIME-Version: 1.0\\n"', f'"Content-Type: text/plain; charset={charset}\\n"',
             '"Content-Transfer-Encoding: 8bit\\n"']
    if plural is not None:
        lines.append(f'"Plural-Forms: {plural}\\n"')
    return "\n".join(lines) + "\n\n"


def fmt(flag: str, msgid: str, msgstr: str) -> str:
    return header() + f'#, {flag}\nmsgid "{msgid}"\nmsgstr "{msgstr}"\n'


def plural_fmt(flag: str, one: str, many: str, forms: tuple[str, ...]) -> str:
    strs = "".join(f'msgstr[{i}] "{form}"\n' for i, form in enumerate(forms))
    return header() + f'#, {flag}\nmsgid "{one}"\nmsgid_plural "{many}"\n{strs}'


GOOD = 'msgid "Apple"\nmsgstr "Pomme"\n'

#: id -> the catalog, as text (str) or bytes
CASES: dict[str, str | bytes] = {
    "clean": header() + GOOD,
    "two-msgctxt": header() + 'msgctxt "a"\nmsgctxt "b"\nmsgid "x"\nmsgstr "y"\n',
    "duplicate": header() + GOOD + "\n" + GOOD,
    "duplicate-with-context-is-fine": header() + GOOD + '\nmsgctxt "fruit"\n' + GOOD,
    "duplicate-obsolete": header() + '#~ msgid "x"\n#~ msgstr "y"\n\n#~ msgid "x"\n#~ msgstr "y"\n',
    "obsolete-duplicates-current": header() + GOOD + '\n#~ msgid "Apple"\n#~ msgstr "Pomme"\n',
    "current-duplicates-obsolete": header() + '#~ msgid "Apple"\n#~ msgstr "P"\n\n' + GOOD,
    "obsolete-msgid-current-msgstr": header() + '#~ msgid "x"\nmsgstr "y"\n',
    "current-msgid-obsolete-msgstr": header() + 'msgid "x"\n#~ msgstr "y"\n',
    "obsolete-in-the-middle": header() + '#~ msgid "old"\n#~ msgstr "vieux"\n\n' + GOOD,
    "unterminated": header() + 'msgid "x"\nmsgstr "y\n',
    "no-header": 'msgid "x"\nmsgstr "y"\n',
    "header-field-without-colon": header().replace('"MIME-Version: 1.0', '"MIME-Version 1.0') + GOOD,
    "no-content-type": header().replace('"Content-Type: text/plain; charset=UTF-8\\n"\n', "") + GOOD,
    "charset-placeholder": header("CHARSET") + GOOD,
    "charset-unknown": header("FOO-42") + GOOD,
    "latin-1": (header("ISO-8859-1") + 'msgid "coffee"\nmsgstr "café"\n').encode("latin-1"),
    "koi8-r": (header("KOI8-R") + 'msgid "coffee"\nmsgstr "кофе"\n').encode("koi8-r"),
    "cp1251": (header("CP1251") + 'msgid "coffee"\nmsgstr "кофе"\n').encode("cp1251"),
    "shift-jis": (header("SHIFT_JIS") + 'msgid "table"\nmsgstr "表"\n').encode("shift_jis"),
    "latin-1-bytes-declared-utf-8": (header() + 'msgid "coffee"\nmsgstr "café"\n').encode("latin-1"),
    "utf-8-bytes-declared-ascii": (header("ASCII") + 'msgid "coffee"\nmsgstr "café"\n').encode(),
    "plural-forms-trailing-text": header(plural="nplurals=2; plural=(n != 1);nMIME-Version: 1.0") + GOOD,
    "plural-forms-no-expression-no-plurals": header(plural="nplurals=2") + GOOD,
    "plural-forms-reversed": header(plural="plural=n != 1; nplurals=2;") + GOOD,
    "plural-forms-junk": header(plural="nplurals=2; plural=n>1 junk;") + GOOD,
    "plural-forms-too-few": header(plural="nplurals=1; plural=n>1;") + GOOD,
    "plural-forms-division-by-zero": header(plural="nplurals=2; plural=n/0;") + GOOD,
    "plural-forms-russian": header(plural="nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : "
                                   "n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);") + GOOD,
    "plurals-without-plural-forms": header(plural=None)
    + 'msgid "a"\nmsgid_plural "as"\nmsgstr[0] "x"\nmsgstr[1] "y"\n',
    "more-forms-than-nplurals": header()
    + 'msgid "a"\nmsgid_plural "as"\nmsgstr[0] "x"\nmsgstr[1] "y"\nmsgstr[2] "z"\n',
    "fewer-forms-than-nplurals": header(plural="nplurals=3; plural=n%3;")
    + 'msgid "a"\nmsgid_plural "as"\nmsgstr[0] "x"\nmsgstr[1] "y"\n',
    # python-format: positional and named rules (format-python.c)
    "py-same": fmt("python-format", "%s of %d", "%s sur %d"),
    "py-type-changed": fmt("python-format", "%s file", "%d fichier"),
    "py-swapped": fmt("python-format", "%s %d", "%d %s"),
    "py-added": fmt("python-format", "file", "%s fichier"),
    "py-dropped": fmt("python-format", "%s file", "fichier"),
    "py-literal-percent": fmt("python-format", "100%% done", "100 %% fait"),
    "py-bare-percent": fmt("python-format", "%s done", "%s fait à 100 %"),
    "py-percent-space": fmt("python-format", "%s", "x % y"),
    "py-named-same": fmt("python-format", "%(count)d of %(total)d", "%(total)d : %(count)d"),
    "py-named-renamed": fmt("python-format", "%(count)d files", "%(nombre)d fichiers"),
    "py-named-dropped": fmt("python-format", "%(a)s and %(b)s", "%(a)s"),
    "py-named-type": fmt("python-format", "%(a)s", "%(a)d"),
    "py-named-twice": fmt("python-format", "%(a)s", "%(a)s %(a)s"),
    "py-mapping-vs-tuple": fmt("python-format", "%s x", "%(a)s y"),
    "py-mixed-in-translation": fmt("python-format", "%(a)s", "%(a)s %s"),
    "py-invalid-original": fmt("python-format", "%(a)s %(a)d", "x"),
    "py-r-vs-s": fmt("python-format", "%r", "%s"),
    "py-i-vs-d": fmt("python-format", "%i", "%d"),
    "py-zero-precision": fmt("python-format", "%.0s x", "%d"),
    "py-star": fmt("python-format", "%*d", "%d"),
    "py-width": fmt("python-format", "%5.2f", "%f"),
    "py-no-python-format": fmt("python-format, no-python-format", "%s", "%d"),
    "py-no-then-python-format": fmt("no-python-format, python-format", "%s", "%d"),  # Babel's order
    "py-possible-python-format": fmt("possible-python-format", "%s", "%d"),
    "py-impossible-python-format": fmt("impossible-python-format", "%s", "%d"),
    "py-percentage": fmt("python-format", "It is 10% faster.", "Es un 10 % más rápido."),
    "py-fuzzy-not-checked": fmt("fuzzy, python-format", "%s", "%d"),
    "py-untranslated-not-checked": fmt("python-format", "%s", ""),
    "py-plural-one-without-number": plural_fmt("python-format", "%d file", "%d files",
                                               ("un fichier", "%d fichiers")),
    "py-plural-many-without-number": plural_fmt("python-format", "%d file", "%d files",
                                                ("%d fichier", "fichiers")),
    "py-plural-named-one-omits": plural_fmt("python-format", "%(n)d file", "%(n)d files",
                                            ("un fichier", "%(n)d fichiers")),
    # python-brace-format (gettext 0.21 rules)
    "brace-same": fmt("python-brace-format", "{name} has {count}", "{count} : {name}"),
    "brace-renamed": fmt("python-brace-format", "{name}", "{nom}"),
    "brace-dropped": fmt("python-brace-format", "{name} x", "x"),
    "brace-added": fmt("python-brace-format", "x", "{x} y"),
    "brace-numbered": fmt("python-brace-format", "{0} {1}", "{1} {0}"),
    "brace-spec-changed": fmt("python-brace-format", "{a:x}", "{a:d}"),
    "brace-attribute": fmt("python-brace-format", "{a.b[0]}", "{a.b[0]}"),
    "brace-unterminated": fmt("python-brace-format", "{a}", "{a"),
    "brace-escaped": fmt("python-brace-format", "{{a}}", "{{b}}"),
    "brace-conversion-in-original": fmt("python-brace-format", "{a!r}", "{b}"),
    "brace-stray-close": fmt("python-brace-format", "x", "b }"),
    "brace-space": fmt("python-brace-format", "x", "{ }"),
    # c-format (format-c.c)
    "c-same": fmt("c-format", "%s: %d", "%s : %d"),
    "c-swapped": fmt("c-format", "%s %d", "%d %s"),
    "c-positional": fmt("c-format", "%s %d", "%2$d %1$s"),
    "c-size": fmt("c-format", "%ld", "%d"),
    "c-signedness": fmt("c-format", "%d", "%u"),
    "c-u-vs-x": fmt("c-format", "%u", "%x"),
    "c-dropped": fmt("c-format", "%s", "x"),
    "c-bad-conversion": fmt("c-format", "%s", "%y"),
    "c-gap": fmt("c-format", "%s %s", "%2$s"),
    "c-star": fmt("c-format", "%.*s", "%s"),
    "c-m": fmt("c-format", "%m", "x"),
    "c-pri": fmt("c-format", "%<PRId64>", "%lld"),
    "c-wide": fmt("c-format", "%lc", "%c"),
    "c-plural-one-omits": plural_fmt("c-format", "%d file", "%d files", ("un fichier", "%d fichiers")),
    "c-plural-wrong-type": plural_fmt("c-format", "%d file", "%d files", ("%s un", "%d fichiers")),
}


def msgfmt_verdict(path: Path) -> tuple[bool, int | None]:
    """(msgfmt --check fails, the line of its first located error).

    msgfmt's lexer reports "end-of-line within string" once it has read the newline,
    on the line after the unterminated string: that line is moved back to the string's.
    """
    result = subprocess.run([MSGFMT, "--check", "-o", "/dev/null", str(path)],  # type: ignore[list-item]
                            capture_output=True, text=True, check=False)
    lines = [int(m.group(1)) - (m.group(2) == "end-of-line within string")
             for m in re.finditer(rf"^{re.escape(str(path))}:(\d+):(?:\d+:)? (?!warning)(.*)$",
                                  result.stderr, re.MULTILINE)]
    return result.returncode != 0, lines[0] if lines else None


def concord_verdict(path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[bool, list[int], int]:
    code = main(["check", "--format", "text", str(path)])
    out = capsys.readouterr().out
    lines = [int(m.group(1)) for m in re.finditer(rf"^{re.escape(str(path))}:(\d+): error: (?:([\w-]+): )?",
                                                  out, re.MULTILINE)
             if m.group(2) not in NOT_MSGFMT]
    return bool(lines) or code == 2, lines, code


@pytest.mark.parametrize("case", sorted(CASES), ids=sorted(CASES))
def test_same_verdict_as_msgfmt(case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / f"{case}.po"
    content = CASES[case]
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    theirs, their_line = msgfmt_verdict(path)
    ours, our_lines, code = concord_verdict(path, capsys)
    assert ours == theirs, f"msgfmt {'fails' if theirs else 'passes'}, concord exit {code}"
    if their_line is not None:
        assert their_line in our_lines, f"msgfmt says line {their_line}, concord {our_lines}"


def test_the_table_covers_both_verdicts(tmp_path: Path) -> None:
    """A parity table where msgfmt always passes (or always fails) proves nothing."""
    verdicts = set()
    for case in ("clean", "duplicate", "py-type-changed", "latin-1"):
        path = tmp_path / f"{case}.po"
        content = CASES[case]
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
        verdicts.add(msgfmt_verdict(path)[0])
    assert verdicts == {True, False}


def _disagreements(files: list[Path], capsys: pytest.CaptureFixture[str]) -> tuple[list[object], int]:
    """Files where concord (one run over all of them) and msgfmt (one run per file)
    disagree on the verdict, or where msgfmt's first located line is not concord's."""
    import json

    main(["check", "--format", "json", *map(str, files)])
    report = json.loads(capsys.readouterr().out)
    ours: dict[str, list[int]] = {}
    for error in report["errors"]:
        where = re.match(r"^(.*?\.po)(?::(\d+))?: error: ", error)
        assert where is not None, error
        ours.setdefault(str(Path(where.group(1)).resolve()), []).append(int(where.group(2) or 0))
    for finding in report["findings"]:  # paths are shown relative to the working folder
        if finding["severity"] == "error" and finding["check"] not in NOT_MSGFMT:
            ours.setdefault(str(Path(finding["path"]).resolve()), []).append(finding["line"])
    disagree: list[object] = []
    failing = 0
    for path in files:
        theirs, their_line = msgfmt_verdict(path)
        failing += theirs
        lines = ours.get(str(path.resolve()))
        if theirs != (lines is not None) or (their_line is not None and their_line not in (lines or [])):
            disagree.append((str(path), theirs, their_line, lines))
    return disagree, failing


@pytest.mark.skipif(not CORPUS.is_dir(), reason=f"{CORPUS} not found (shared corpora)")
def test_python_docs_es_per_file(capsys: pytest.CaptureFixture[str]) -> None:
    """Every catalog of python-docs-es: concord fails exactly the files msgfmt fails."""
    disagree, failing = _disagreements(sorted(CORPUS.rglob("*.po")), capsys)
    assert failing >= 20, failing
    assert not disagree, disagree


def test_sphinx_catalogs_per_file(capsys: pytest.CaptureFixture[str]) -> None:
    """The 70 catalogs Sphinx ships (plurals of many languages, python-format entries)."""
    import sphinx

    files = sorted(Path(sphinx.__file__).parent.glob("locale/*/LC_MESSAGES/sphinx.po"))
    disagree, failing = _disagreements(files, capsys)
    assert len(files) >= 60 and not disagree, disagree


@pytest.mark.parametrize("flag,msgid,msgstr,says", [
    ("python-format", "%(count)d files", "%(nombre)d fichiers", "uses %(nombre)s, which the original does not have"),
    ("python-format", "%(a)s and %(b)s", "%(a)s", "lacks %(b)s"),
    ("python-format", "%s file", "%d fichier", "argument 1 is of type string in the original, integer"),
    ("python-format", "%s done", "%s fait à 100 %", "not a valid python-format string"),
    ("python-format", "%s x", "%(a)s y", "the original takes unnamed arguments (%s)"),
    ("python-brace-format", "{name}", "{nom}", "uses {nom}, which the original does not have"),
    ("c-format", "%ld", "%d", "argument 1 is of type int long in the original, int in the translation"),
    ("c-format", "%s", "x", "the original has 1 unnamed format directive(s), the translation 0"),
], ids=["py-renamed", "py-dropped", "py-type", "py-bare-percent", "py-tuple-vs-mapping",
        "brace-renamed", "c-size", "c-dropped"])
def test_format_messages_say_what_to_keep(flag: str, msgid: str, msgstr: str, says: str,
                                          tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "x.po"
    path.write_text(fmt(flag, msgid, msgstr), "utf-8")
    assert main(["check", str(path)]) == 1
    errors = [l for l in capsys.readouterr().out.splitlines() if ": error: format-string: " in l]
    assert len(errors) == 1 and says in errors[0], errors
    assert errors[0].startswith(f"{path}:12: ")  # the msgstr line, as msgfmt says
    assert "msgfmt refuses to compile this" in errors[0]


def test_a_percentage_babel_flagged_says_the_page_is_right(tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    """Babel flags "10% faster" python-format; Sphinx never formats a document's message,
    so advice to write %% would put "%%" on the page."""
    path = tmp_path / "x.po"
    path.write_text(fmt("python-format", "It is 10% faster.", "Es un 10 % más rápido."), "utf-8")
    assert main(["check", str(path)]) == 1
    errors = [l for l in capsys.readouterr().out.splitlines() if ": error: format-string: " in l]
    assert len(errors) == 1 and errors[0].startswith(f"{path}:12: "), errors
    assert "a percentage that Babel (sphinx-intl) took for a directive" in errors[0]
    assert "do not write %%" in errors[0] and "write %% for a literal %" not in errors[0]
