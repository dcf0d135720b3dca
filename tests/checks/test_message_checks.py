"""Table tests of every message-level check: passing, failing and suppressed cases.

Each row runs the whole catalog-only suite on a one-entry catalog and asserts exactly
which check ids fire and what the message says. A suppressed row repeats a failing one
with the entry's ``concord-ignore-<id>`` flag (or Sphinx's ``#noqa``) and expects nothing
from that check while proving the unsuppressed twin does fire.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from check_helpers import E, entry_line, po_text


@dataclass(frozen=True)
class Case:
    id: str
    check: str
    source: str
    target: str
    expect: str | None               # a fragment of the message; None = passes
    lang: str = "ru"
    flags: tuple[str, ...] = field(default_factory=tuple)


FOOTNOTE_FORMS = ["[100]_", "[#]_", "[ref]_", "[#named]_", "[*]_", "[CIT2024]_"]

CASES = [
    # footnote-refs: every reST reference form, order free
    *[Case(f"refs-keep-{form}", "footnote-refs", f"Claim {form} here.", f"Утверждение {form} здесь.", None)
      for form in FOOTNOTE_FORMS],
    *[Case(f"refs-drop-{form}", "footnote-refs", f"Claim {form} here.", "Утверждение здесь.",
           f"missing {form}; extra none") for form in FOOTNOTE_FORMS],
    Case("refs-reordered", "footnote-refs", "A [#a]_ then B [#b]_.", "Сначала Б [#b]_, затем А [#a]_.", None),
    Case("refs-relabelled", "footnote-refs", "Claim [#nikkei]_.", "Утверждение [#nikei]_.",
         "missing [#nikkei]_; extra [#nikei]_"),
    Case("refs-duplicated", "footnote-refs", "Claim [#a]_.", "Утверждение [#a]_ и снова [#a]_.",
         "missing none; extra [#a]_"),
    Case("refs-anonymous-count", "footnote-refs", "A [#]_ and B [#]_.", "А и Б [#]_.", "missing [#]_"),
    Case("refs-added", "footnote-refs", "Claim.", "Утверждение [1]_.", "extra [1]_"),
    Case("refs-glued-to-word", "footnote-refs", "Claim [#a]_.", "Утверждение[#a]_.", "missing [#a]_"),
    Case("refs-noqa", "footnote-refs", "Claim [#a]_.", "Утверждение. #noqa", None),
    Case("refs-suppressed", "footnote-refs", "Claim [#a]_.", "Утверждение.", None,
         flags=("concord-ignore-footnote-refs",)),
    # rst-syntax
    Case("syntax-ok", "rst-syntax", "Some *emphasis* here.", "Немного *выделения* здесь.", None),
    Case("syntax-unclosed", "rst-syntax", "Some *emphasis* here.", "Немного *выделения здесь.",
         "Inline emphasis start-string without end-string"),
    Case("syntax-became-list", "rst-syntax", "Deleted items stay.", "- удалённые элементы остаются.",
         "parses as a bullet list, not a paragraph; Sphinx discards it and shows the original text"),
    Case("syntax-literal-intro-both", "rst-syntax", "For example::", "Örneğin::", None, lang="tr"),
    # Sphinx appends a dummy literal block to a translation ending in '::' and drops it
    Case("syntax-literal-intro-added", "rst-syntax", "Import the package.", "Paketi içe aktarın::",
         None, lang="tr"),
    Case("syntax-indented-line", "rst-syntax", "Search all words.", "Поиск\n    всех слов.",
         "parses as a definition list, not a paragraph; Sphinx discards it"),
    # a msgid with a line break is a literal block: Sphinx wraps its translation in '::'
    Case("syntax-literal-block-not-read", "rst-syntax", "Build it like so:\n   make html",
         "Соберите так:\n\u00a0 make html", None),
    Case("syntax-same-layout", "rst-syntax", "Build it like so:\n   make html", "Соберите так:\n   make html", None),
    Case("syntax-suppressed", "rst-syntax", "Some *emphasis* here.", "Немного *выделения здесь.", None,
         flags=("concord-ignore-rst-syntax",)),
    # url-changed
    Case("url-same", "url-changed", "See `the site <https://example.org/a>`_.",
         "См. `сайт <https://example.org/a>`_.", None),
    Case("url-changed", "url-changed", "See https://example.org/a for more.",
         "См. https://example.org/b.", "the link to https://example.org/a now goes to https://example.org/b"),
    Case("url-added", "url-added", "See the site.", "См. `сайт <https://evil.example/>`_.",
         "the translation adds https://evil.example/"),
    Case("url-added-not-an-error", "url-changed", "See the site.", "См. `сайт <https://evil.example/>`_.", None),
    Case("url-suppressed", "url-changed", "See https://example.org/a for more.",
         "См. https://example.org/b.", None, flags=("concord-ignore-url-changed",)),
    # literal-changed
    Case("literal-same", "literal-changed", "Call ``f(x)`` now.", "Вызовите ``f(x)`` сейчас.", None),
    Case("literal-with-suffix", "literal-changed", "Returns ``None`` here.", "``None``'ı döndürür.", None, lang="tr"),
    Case("literal-changed", "literal-changed", "Call ``f(x)`` now.", "Вызовите ``f(y)`` сейчас.",
         "inline literal ``f(x)`` is missing or changed; the translation has ``f(y)`` instead"),
    Case("literal-quoted", "literal-changed", "Call ``f(x)`` now.", "Вызовите «f(x)» сейчас.",
         "inline literal ``f(x)`` is missing or changed; Sphinx shows"),
    Case("literal-suppressed", "literal-changed", "Call ``f(x)`` now.", "Вызовите ``f(y)``.", None,
         flags=("concord-ignore-literal-changed",)),
    # role-target-changed
    Case("role-titled", "role-target-changed", "See :ref:`the intro <intro>`.",
         "См. :ref:`введение <intro>`.", None),
    Case("role-prose", "role-target-changed", "A :dfn:`term` here.", "Здесь :dfn:`термин`.", None),
    Case("role-translated-target", "role-target-changed", "Use :func:`super` here.", "Используйте :func:`süper`.",
         "cross-reference :func:`super` is missing or points elsewhere; the translation has :func:`süper`",
         lang="tr"),
    Case("role-escaped-suffix", "role-target-changed", r"Use :term:`f-string`\s.", "Используйте :term:`f-string`.", None),
    Case("role-noqa", "role-target-changed", "Use :func:`super` here.", "Используйте :func:`süper`. #noqa", None),
    # reference-changed
    Case("names-kept", "reference-changed", "See `Python Guide`_ and |version|.",
         "См. `руководство <Python Guide_>`_ и |version|.", None),
    # one renamed reference: Sphinx maps it back to the source's target
    Case("names-translated", "reference-renamed", "See `Python Guide`_.", "См. `Руководство Python`_.",
         "`python guide`_ -> `руководство python`_ (the only renamed reference"),
    Case("names-substitution", "reference-changed", "Version |version|.", "Версия |release|.",
         "|version| is missing or changed (the translation has |release|)"),
    Case("names-suppressed", "reference-changed", "Version |version|.", "Версия |release|.", None,
         flags=("concord-ignore-reference-changed",)),
    # mixed-script
    Case("script-clean", "mixed-script", "Moscow and NATO.", "Москва и NATO.", None),
    Case("script-latin-in-cyrillic", "mixed-script", "Moscow.", "Мoсква.", "'Мoсква' mixes Latin and Cyrillic letters (Latin 'o')"),
    Case("script-cyrillic-in-latin", "mixed-script", "NATO summit.", "Саммит NАTO.", "(Cyrillic 'А')"),
    Case("script-suppressed", "mixed-script", "Moscow.", "Мoсква.", None, flags=("concord-ignore-mixed-script",)),
    # turkish-i
    Case("i-russian", "turkish-i", "Ibid.", "Ibıd.", "Turkish ı/İ in non-Turkish text: Ibıd"),
    Case("i-turkish-copied-title", "turkish-i", "“Act In The Pacific”, Times.", "“Act İn The Pacific”, Times.",
         "İn", lang="tr"),
    Case("i-turkish-word", "turkish-i", "Internet Access", "İnternet Erişimi", None, lang="tr"),
    Case("i-turkish-suffix", "turkish-i", "Return *iterable* in order.", "*iterable* 'ın öğelerini döndürür.",
         None, lang="tr"),
    Case("i-suppressed", "turkish-i", "Ibid.", "Ibıd.", None, flags=("concord-ignore-turkish-i",)),
    # double-space
    Case("space-single", "double-space", "One space.", "Один пробел.", None),
    Case("space-doubled", "double-space", "One space.", "Один  пробел.", "doubled space after 'Один'"),
    Case("space-as-source", "double-space", "Two.  Spaces.", "Два.  Пробела.", None),
    Case("space-after-full-stop", "double-space", "One. Two.", "Один.  Два.", None),
    # whitespace-edges
    Case("edges-same", "whitespace-edges", " padded ", " отступ ", None),
    Case("edges-trailing", "whitespace-edges", "Text", "Текст ", "trailing whitespace ' ' differs"),
    Case("edges-suppressed", "whitespace-edges", "Text", "Текст ", None, flags=("concord-ignore-whitespace-edges",)),
    # unchanged
    Case("unchanged-long", "unchanged", "This sentence was not translated at all today.",
         "This sentence was not translated at all today.", "identical to the source"),
    Case("unchanged-title", "unchanged", "“NATO wants Asia”, Johnmenadue, https://johnmenadue.com/x/.",
         "“NATO wants Asia”, Johnmenadue, https://johnmenadue.com/x/.", None),
    Case("unchanged-code", "unchanged", "sums = [s for s in data if s is not None]",
         "sums = [s for s in data if s is not None]", None),
    Case("unchanged-suppressed", "unchanged", "This sentence was not translated at all today.",
         "This sentence was not translated at all today.", None, flags=("concord-ignore-unchanged",)),
]


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_message_check(case: Case, check) -> None:  # type: ignore[no-untyped-def]
    findings = check([E(case.source, case.target, flags=case.flags)], case.lang)
    mine = [f for f in findings if f.check == case.check]
    if case.expect is None:
        assert mine == []
    else:
        assert len(mine) == 1, findings
        assert case.expect in mine[0].message
        text = po_text([E(case.source, case.target, flags=case.flags)], case.lang)
        assert mine[0].line == entry_line(text, case.source)
        assert mine[0].lang == case.lang
    # a suppressed or noqa case must fail without its opt-out: prove the check looked
    if case.flags or case.target.endswith("#noqa"):
        bare = case.target.removesuffix("#noqa").rstrip() if case.target.endswith("#noqa") else case.target
        unsuppressed = check([E(case.source, bare)], case.lang)
        assert case.check in [f.check for f in unsuppressed]


def test_other_checks_stay_silent_on_clean_rows(check) -> None:  # type: ignore[no-untyped-def]
    # "-not-an-error" rows expect information from another check (url-added, ...)
    clean = [c for c in CASES if c.expect is None and not c.flags and not c.id.endswith("-not-an-error")]
    for case in clean:
        findings = check([E(case.source, case.target)], case.lang)
        assert findings == [], (case.id, findings)
