"""Malformed catalogs: one named fixture per kind of breakage, one located error line each.

The fixtures are read in place (never written); scenarios that combine them with good
catalogs copy them to tmp_path.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from concord.catalog.load import load_catalog, read_catalog
from concord.cli import main
from concord.errors import CatalogError

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "catalogs"
BAD = sorted(FIXTURES.glob("bad.*.po"))

#: kind -> (line, what the message must say, the advice it must give)
EXPECTED = {
    "unterminated-string": (15, "unterminated string", 'add the closing "'),
    "bad-escape": (15, r"invalid escape sequence \q", r"write a backslash as \\"),
    "invalid-utf8": (14, "invalid UTF-8 (byte 0xe9)", "re-save the catalog as UTF-8"),
    "wrong-plural-forms": (2, "declares nplurals=2 but its expression selects form 2", "copy the language's Plural-Forms"),
    "duplicate-msgid": (18, "duplicate message 'A good message.' (first at line 11)", "merge the two entries"),
    "not-a-catalog": (1, "this is not a gettext catalog", "check that the path names a .po file"),
}
ACCEPTED = sorted(FIXTURES.glob("accepted.*.po"))


def _kind(path: Path) -> str:
    return path.name.removeprefix("bad.").removesuffix(".po")


def test_every_kind_has_a_fixture() -> None:
    assert sorted(_kind(p) for p in BAD) == sorted(EXPECTED)


@pytest.mark.parametrize("path", BAD, ids=_kind)
def test_bad_catalog_gives_one_located_line(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    line, what, advice = EXPECTED[_kind(path)]
    code = main(["check", str(path)])
    out = capsys.readouterr().out.splitlines()
    errors = [l for l in out if ": error: " in l]
    assert errors == [l for l in out if l and not l.startswith(("ru:", "tr:", "und:"))]
    assert len(errors) == 1, out
    assert re.match(rf"^.*bad\.{re.escape(_kind(path))}\.po:{line}: error: ", errors[0]), errors[0]
    assert what in errors[0] and advice in errors[0]
    assert code == 2


@pytest.mark.parametrize("path", BAD, ids=_kind)
def test_load_catalog_refuses_it_too(path: Path) -> None:
    """The editions build validates with load_catalog: same verdict, same line."""
    with pytest.raises(CatalogError) as err:
        load_catalog(path)
    assert err.value.line == EXPECTED[_kind(path)][0]


@pytest.mark.parametrize("path,code,finding", [
    ("accepted.broken-header.po", 0, None),  # msgfmt only warns about the line without ':'
    ("accepted.missing-header.po", 1, ":1: error: catalog-header: the catalog has no header entry"),
], ids=["broken-header-line", "missing-header"])
def test_what_msgfmt_reads_is_read(path: str, code: int, finding: str | None,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    """Read as msgfmt reads them; a missing header is an error finding (msgfmt --check
    refuses it) while every other check still runs (language from the path: und here)."""
    assert main(["check", str(FIXTURES / path)]) == code
    out = capsys.readouterr().out
    errors = [l for l in out.splitlines() if ": error: " in l]
    assert errors == ([] if finding is None else [l for l in errors if finding in l]) and len(errors) == (finding is not None)
    assert "translated (100.0%" in out


@pytest.mark.parametrize("target,says", [
    ("text", "line 1 is neither a comment"),
    ("binary", "line 1 holds bytes that are not UTF-8 text and the file has no msgid"),
    ("device", "is not a regular file"),
], ids=["system-file", "binary-file", "device"])
def test_an_unreadable_file_is_never_quoted(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                            target: str, says: str) -> None:
    """A catalog that is a symlink to a system file: the error says what and where, and
    prints none of the file's content (a password hash field, in the case reported)."""
    secret = tmp_path / "shadow"
    content = "root:$6$s3cr3tH4sh$abcdef:19000:0:99999:7:::\ndaemon:*:19000:0:99999:7:::\n"
    secret.write_bytes(content.encode() if target == "text" else b"\xff\xfe" + content.encode("utf-16-le"))
    (tmp_path / "locales").mkdir()
    (tmp_path / "locales" / "x.po").symlink_to("/dev/zero" if target == "device" else secret)
    assert main(["check", str(tmp_path / "locales" / "x.po")]) == 2
    captured = capsys.readouterr()
    text = captured.out + captured.err
    assert says in text and "x.po" in text, text
    assert "s3cr3t" not in text and "$6$" not in text and "daemon" not in text and "0xff" not in text


def test_other_catalogs_are_still_checked(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copy(FIXTURES / "bad.unterminated-string.po", tmp_path / "a.po")
    shutil.copy(FIXTURES / "good.ru.po", tmp_path / "b.po")
    (tmp_path / "c.po").write_text(
        (FIXTURES / "good.ru.po").read_text("utf-8").replace('msgstr "Хорошее сообщение."', 'msgstr ""'),
        "utf-8")
    code = main(["check", str(tmp_path)])
    captured = capsys.readouterr()
    lines = captured.out.splitlines()
    assert sum(": error: " in l and "a.po:15" in l for l in lines) == 1
    assert any("c.po:11: error: untranslated" in l for l in lines)
    assert "ru: 1/2 messages" in captured.out
    assert "FAILED, 1 catalog(s) unreadable" in captured.out and ": pass)" not in captured.out
    assert code == 2
    assert captured.err.count("checks that need the source were skipped") == 1


def test_good_catalog_reads(tmp_path: Path) -> None:
    catalog = read_catalog(FIXTURES / "good.ru.po")
    assert catalog.language == "ru" and catalog.nplurals == 3
    assert [(e.line, e.msgid) for e in catalog.entries] == [(11, "A good message.")]


@pytest.mark.parametrize("text,line,fragment", [
    ('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgstr "x"\n', 5, "msgstr without a msgid"),
    ('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "a"\n\nmsgid "b"\nmsgstr ""\n', 5,
     "msgid without a msgstr"),
    ('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=ASCII\\n"\n\nmsgid "a"\nmsgstr "é"\n', 6,
     "invalid ASCII (byte 0xc3)"),
    ('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "a"\nmsgid_plural "as"\n'
     'msgstr[0] "x"\nmsgstr[1] "y"\n', 7, 'lacks a "plural=EXPRESSION" attribute'),
    ('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgctxt "a"\nmsgctxt "b"\n'
     'msgid "x"\nmsgstr "y"\n', 6, "two msgctxt lines in one entry"),
    ('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n#~ msgid "x"\nmsgstr "y"\n', 6,
     "inconsistent use of #~"),
    ('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "a "b" c"\nmsgstr ""\n', 5,
     'unescaped " inside a string'),
    ("\xde\x12\x04\x95binary", 1, "compiled .mo file"),
], ids=["msgstr-alone", "msgid-alone", "ascii-charset", "plural-without-forms", "two-msgctxt",
        "inconsistent-obsolete", "stray-quote", "mo-file"])
def test_more_breakages(tmp_path: Path, text: str, line: int, fragment: str) -> None:
    path = tmp_path / "x.po"
    path.write_bytes(text.encode("latin-1") if text.startswith("\xde") else text.encode("utf-8"))
    with pytest.raises(CatalogError) as err:
        read_catalog(path)
    assert err.value.line == line and fragment in err.value.message


def test_escapes_and_plurals_are_decoded(tmp_path: Path) -> None:
    path = tmp_path / "x.po"
    path.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
        '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n'
        '#, fuzzy, python-format\nmsgctxt "c"\nmsgid "a\\t\\"b\\"\\\\"\nmsgid_plural "as"\n'
        'msgstr[0] "x"\nmsgstr[1] ""\n"y\\101"\n\n#~ msgid "old"\n#~ msgstr "eski"\n', "utf-8")
    catalog = read_catalog(path)
    first, old = catalog.entries
    assert (first.msgid, first.msgctxt, first.msgstr_plural) == ('a\t"b"\\', "c", ["x", "yA"])
    assert first.fuzzy and "python-format" in first.flags and first.line == 8
    assert old.obsolete and old.msgstr == "eski"


def test_fast_and_strict_readers_agree(repo_root: Path) -> None:
    """Well-formed catalogs take the one-regex path; it must read exactly what the strict
    line reader reads (obsolete entries, plurals, escapes, flags, lines)."""
    import concord.catalog.strict as load

    files = sorted((repo_root / "locales").rglob("*.po")) + [FIXTURES / "good.ru.po"]
    corpus = repo_root.parent / "shared" / "corpora" / "python-docs-tr"
    files += sorted(corpus.rglob("*.po"))[:60] if corpus.is_dir() else []

    def shape(path: Path) -> list[tuple[object, ...]]:
        return [(e.msgid, e.msgstr, e.line, e.msgctxt, e.msgid_plural, e.msgstr_plural, e.flags,
                 e.obsolete, e.occurrences, e.previous_msgid) for e in read_catalog(path).entries]

    fast = {path: shape(path) for path in files}
    assert all(load._fast_entries(p.read_text("utf-8")) is not None for p in files[:3])
    original = load._fast_entries
    try:
        load._fast_entries = lambda text: None  # type: ignore[assignment]
        assert {path: shape(path) for path in files} == fast
    finally:
        load._fast_entries = original


def test_other_charsets_are_read_for_checks_not_for_writing(tmp_path: Path) -> None:
    """A Latin-1 catalog: the checks read it (as msgfmt does); the writers refuse it, as
    they write UTF-8 only and would garble it under a header naming ISO-8859-1."""
    path = tmp_path / "x.po"
    path.write_bytes(('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=ISO-8859-1\\n"\n\n'
                      'msgid "coffee"\nmsgstr "café"\n').encode("latin-1"))
    assert [e.msgstr for e in read_catalog(path).entries] == ["café"]
    with pytest.raises(CatalogError) as err:
        load_catalog(path)
    assert "declares charset 'ISO-8859-1'" in err.value.message and "msgconv -t UTF-8" in err.value.message
