"""The "done when" of issue 3, on copies of the publication's real catalogs.

Each case mutates one entry of a copy of ``locales/<lang>/LC_MESSAGES/...po`` in
tmp_path the way a translator might, and asserts that ``concord check`` flags it at
that entry's line with the right check id, and nothing else; the real catalogs
themselves produce no finding at all.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from concord.cli import main

ARTICLE = "locales/{lang}/LC_MESSAGES/articles/europe-us-asia-pacific.po"
NIKKEI_BODY = "“NATO Aims To ‘Discourage’ China on Taiwan, Official Says”"
MENADUE_BODY = "“NATO wants Asia”, Johnmenadue"
FIRST_PARAGRAPH = "For the second year in a row"


def _entries(text: str) -> list[tuple[int, str, int, int]]:
    """(msgid line, msgid, msgstr start offset, msgstr end offset) of every entry."""
    found = []
    for match in re.finditer(r'^msgid ((?:".*"\n)+)msgstr ((?:".*"\n?)+)', text, re.MULTILINE):
        msgid = "".join(re.findall(r'"(.*)"', match.group(1)))
        line = text.count("\n", 0, match.start()) + 1
        found.append((line, msgid, match.start(2), match.end(2)))
    return found


def _msgstr(text: str, start: int, end: int) -> str:
    return "".join(re.findall(r'"(.*)"', text[start:end]))


def mutate(root: Path, lang: str, startswith: str, change: Callable[[str], str],
           flags: str | None = None) -> int:
    """Rewrite the translation of the entry whose msgid starts with ``startswith``."""
    path = root / ARTICLE.format(lang=lang)
    text = path.read_text("utf-8")
    for line, msgid, start, end in _entries(text):
        if msgid.startswith(startswith):
            new = change(_msgstr(text, start, end))
            text = text[:start] + '"' + new + '"\n' + text[end:]
            if flags:
                at = text.rfind("\n", 0, text.find("msgid", text.rfind("\n\n", 0, start))) + 1
                text = text[:at] + f"#, {flags}\n" + text[at:]
                line += 1
            path.write_text(text, "utf-8")
            return line
    raise AssertionError(f"no entry starting {startswith!r} in {path}")


def findings_of(root: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[dict]]:
    code = main(["check", "-c", str(root), "--format", "json", *args])
    payload = json.loads(capsys.readouterr().out)
    return code, payload["findings"]


def test_repository_catalogs_are_clean(repo_root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, findings = findings_of(repo_root, capsys)
    assert findings == []
    assert code == 0


def _first_latin_o(s: str) -> str:
    return s.replace("Второй год", "Втoрой год", 1)  # a Latin "o" in a Russian word


CASES = [
    ("drop", "ru", FIRST_PARAGRAPH, lambda s: s.replace(" [#nikkei]_", ""), "footnote-refs", "missing [#nikkei]_"),
    ("relabel", "tr", FIRST_PARAGRAPH, lambda s: s.replace("[#nikkei]_", "[#nikei]_"), "footnote-refs",
     "extra [#nikei]_"),
    ("duplicate", "ru", FIRST_PARAGRAPH, lambda s: s + " [#nikkei]_", "footnote-refs", "extra [#nikkei]_"),
    ("url", "ru", MENADUE_BODY, lambda s: s.replace("nato-wants-asia", "nato-wants-europe"), "footnote-body",
     "missing https://johnmenadue.com/nato-wants-asia/"),
    ("date", "tr", NIKKEI_BODY, lambda s: s.replace("19.12.2023", "20.12.2023"), "footnote-body",
     "missing 19.12.2023; extra 20.12.2023"),
    ("markup", "ru", FIRST_PARAGRAPH, lambda s: "*" + s, "rst-syntax", "emphasis start-string"),
    ("untranslated", "tr", FIRST_PARAGRAPH, lambda s: "", "untranslated", "untranslated"),
    ("latin-letter", "ru", FIRST_PARAGRAPH, _first_latin_o, "mixed-script", "'Втoрой'"),
]


@pytest.mark.parametrize("name,lang,entry,change,check_id,expect", CASES, ids=[c[0] for c in CASES])
def test_mutation_is_flagged_at_its_line(real_project: Path, capsys: pytest.CaptureFixture[str],
                                         name, lang, entry, change, check_id, expect) -> None:  # type: ignore[no-untyped-def]
    line = mutate(real_project, lang, entry, change)
    code, findings = findings_of(real_project, capsys)
    if name in ("drop", "relabel"):  # the note's only citation is gone: it is orphaned too
        orphan = findings.pop()
        assert (orphan["check"], orphan["line"]) == ("footnote-orphan", _line_of(real_project, lang, NIKKEI_BODY))
    assert [(f["path"], f["line"], f["lang"], f["check"]) for f in findings] == [
        (ARTICLE.format(lang=lang), line, lang, check_id)]
    assert expect in findings[0]["message"]
    assert code == 1


def _line_of(root: Path, lang: str, startswith: str) -> int:
    text = (root / ARTICLE.format(lang=lang)).read_text("utf-8")
    return next(line for line, msgid, _, _ in _entries(text) if msgid.startswith(startswith))


def test_fuzzy_entry(real_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    line = mutate(real_project, "ru", FIRST_PARAGRAPH, lambda s: s, flags="fuzzy")
    code, findings = findings_of(real_project, capsys)
    assert [(f["line"], f["check"]) for f in findings] == [(line, "fuzzy")]
    assert code == 1


def test_swapped_notes(real_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = real_project / ARTICLE.format(lang="ru")
    text = path.read_text("utf-8")
    entries = {msgid[:20]: (line, start, end) for line, msgid, start, end in _entries(text)}
    (l1, s1, e1), (l2, s2, e2) = entries[NIKKEI_BODY[:20]], entries[MENADUE_BODY[:20]]
    first, second = text[s1:e1], text[s2:e2]
    assert s1 < s2
    path.write_text(text[:s1] + second + text[e1:s2] + first + text[e2:], "utf-8")
    l1, l2 = _line_of(real_project, "ru", NIKKEI_BODY), _line_of(real_project, "ru", MENADUE_BODY)
    code, findings = findings_of(real_project, capsys)
    assert sorted((f["line"], f["check"]) for f in findings) == [(l1, "footnote-swap"), (l2, "footnote-swap")]
    assert code == 1


def test_threshold_lets_an_incomplete_language_pass(real_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    mutate(real_project, "tr", FIRST_PARAGRAPH, lambda s: "")
    code, findings = findings_of(real_project, capsys, "--threshold", "tr=90")
    assert [(f["check"], f["severity"]) for f in findings] == [("untranslated", "info")]
    assert code == 0
