"""Helpers (not fixtures) for the check tests: inline catalogs, a tiny Sphinx project, the real project.

Catalogs are written to ``tmp_path`` (never into the repository); Sphinx-level tests
build a tiny project there with every footnote form, as Sphinx's own ``test-intl`` root.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from concord.checks.base import Finding
from concord.checks.config import CheckConfig
from concord.checks.runner import Job, Result, run

HEADERS = {
    "ru": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);",
    "tr": "nplurals=2; plural=(n != 1);",
    "fr": "nplurals=2; plural=(n > 1);",
}


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


@dataclass(frozen=True)
class E:
    """An entry of an inline catalog."""

    msgid: str
    msgstr: str = ""
    flags: Sequence[str] = ()
    obsolete: bool = False
    occurrences: Sequence[str] = ()  # ``#:`` references (``source/x.rst:3``)


def po_text(entries: Sequence[E], lang: str = "ru") -> str:
    """A catalog with a valid header (the one helper that adds it)."""
    out = [
        'msgid ""', 'msgstr ""', '"Project-Id-Version: test\\n"', f'"Language: {lang}\\n"',
        '"MIME-Version: 1.0\\n"', '"Content-Type: text/plain; charset=UTF-8\\n"',
        '"Content-Transfer-Encoding: 8bit\\n"', f'"Plural-Forms: {HEADERS.get(lang, HEADERS["tr"])}\\n"', "",
    ]
    for entry in entries:
        if entry.occurrences:
            out.append("#: " + " ".join(entry.occurrences))
        if entry.flags:
            out.append("#, " + ", ".join(entry.flags))
        prefix = "#~ " if entry.obsolete else ""
        out.append(f"{prefix}msgid {_quote(entry.msgid)}")
        out.append(f"{prefix}msgstr {_quote(entry.msgstr)}")
        out.append("")
    return "\n".join(out)


def entry_line(text: str, msgid: str) -> int:
    """The 1-based line of ``msgid``'s entry in a catalog's text."""
    needle = "msgid " + _quote(msgid)
    for number, line in enumerate(text.split("\n"), 1):
        if line.endswith(needle):
            return number
    raise AssertionError(f"{msgid!r} not in the catalog")


def check_entries(tmp_path: Path, entries: Sequence[E], lang: str = "ru") -> list[Finding]:
    """Run every catalog-only check on an inline catalog; return the findings."""
    path = tmp_path / f"{lang}.po"
    path.write_text(po_text(entries, lang), "utf-8")
    result = run([Job(path, path.name)], sources=None, config=CheckConfig(), workers=1)
    assert not result.errors, result.errors
    return result.findings


TINY_RST = """\
Tiny
====

Numbered [100]_ and auto [#]_ and named [#named]_ and symbol [*]_ and cited [CIT2024]_.

Second paragraph cites [#other]_ and again [#named]_.

Third paragraph with no notes.

.. [100] Numbered note, https://example.org/hundred, 1999.
.. [#] Anonymous note, https://example.org/anon, (Date Accession: 19.12.2023).
.. [#named] Named note, https://example.org/named, 2001.
.. [*] Ibid.
.. [#other] Ibid.
.. [CIT2024] A citation, https://example.org/cit, 2024.
"""


@dataclass
class TinyProject:
    root: Path

    def catalog(self, lang: str) -> Path:
        return self.root / "locales" / lang / "LC_MESSAGES" / "index.po"

    def run(self, *langs: str) -> Result:
        from concord.checks.cli import execute, plan

        return execute(plan((), self.root, langs), CheckConfig(), {}, workers=1)


TINY_TRANSLATION = {
    "Tiny": "Крошка",
    "Numbered [100]_ and auto [#]_ and named [#named]_ and symbol [*]_ and cited [CIT2024]_.":
        "Нумерованная [100]_, автоматическая [#]_, именованная [#named]_, символ [*]_ и цитата [CIT2024]_.",
    "Second paragraph cites [#other]_ and again [#named]_.":
        "Второй абзац снова ссылается на [#named]_ и на [#other]_.",
    "Third paragraph with no notes.": "Третий абзац без примечаний.",
    "Numbered note, https://example.org/hundred, 1999.":
        "Нумерованное примечание, https://example.org/hundred, 1999.",
    "Anonymous note, https://example.org/anon, (Date Accession: 19.12.2023).":
        "Анонимное примечание, https://example.org/anon, (дата обращения: 19.12.2023).",
    "Named note, https://example.org/named, 2001.": "Именованное примечание, https://example.org/named, 2001.",
    "Ibid.": "Там же.",
    "A citation, https://example.org/cit, 2024.": "Цитата, https://example.org/cit, 2024.",
}


def ids(findings: Sequence[Finding]) -> list[str]:
    return [f.check for f in findings]
