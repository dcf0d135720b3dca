"""Note-level checks on a tiny Sphinx project read by Sphinx: bodies, swaps, orphans,
editions. Every footnote form of reST is in the project: [100]_ [#]_ [#named]_ [*]_ and
the citation [CIT2024]_."""

from __future__ import annotations

import pytest

from check_helpers import E, entry_line, po_text

BODY_HUNDRED = "Numbered note, https://example.org/hundred, 1999."
BODY_ANON = "Anonymous note, https://example.org/anon, (Date Accession: 19.12.2023)."
BODY_NAMED = "Named note, https://example.org/named, 2001."
FIRST = "Numbered [100]_ and auto [#]_ and named [#named]_ and symbol [*]_ and cited [CIT2024]_."
SECOND = "Second paragraph cites [#other]_ and again [#named]_."


def _line(project, msgid: str) -> int:  # type: ignore[no-untyped-def]
    return entry_line(project.catalog("ru").read_text("utf-8"), msgid)


def test_clean_tiny_project_has_no_findings(tiny) -> None:  # type: ignore[no-untyped-def]
    result = tiny().run()
    assert result.errors == []
    assert result.findings == []
    assert result.stats["ru"].translated == 9


def _set(key: str, value: str):  # type: ignore[no-untyped-def]
    return lambda t: t.__setitem__(key, value)


NOTE_CASES = [
    ("date-changed", BODY_ANON, BODY_ANON.replace("Date Accession", "дата обращения").replace("19.12", "20.12"),
     "footnote-body", "missing 19.12.2023; extra 20.12.2023"),
    ("url-changed", BODY_NAMED, "Именованное, https://example.org/other, 2001.",
     "footnote-body", "missing https://example.org/named"),
    ("year-dropped", BODY_HUNDRED, "Нумерованное, https://example.org/hundred.", "footnote-body", "missing 1999"),
]


@pytest.mark.parametrize("name,body,translation,check_id,expect", NOTE_CASES, ids=[c[0] for c in NOTE_CASES])
def test_note_body_keeps_urls_numbers_dates(tiny, name, body, translation, check_id, expect) -> None:  # type: ignore[no-untyped-def]
    project = tiny(_set(body, translation))
    found = [f for f in project.run().findings if f.check == check_id]
    assert len(found) == 1, found
    assert expect in found[0].message
    assert found[0].line == _line(project, body)
    assert found[0].path == "locales/ru/LC_MESSAGES/index.po"
    # url-changed stays quiet on a note body: footnote-body names the note instead
    assert not [f for f in project.run().findings if f.check == "url-changed"]


def test_swapped_bodies_are_caught_once_each(tiny) -> None:  # type: ignore[no-untyped-def]
    def swap(t: dict[str, str]) -> None:
        t[BODY_HUNDRED], t[BODY_NAMED] = t[BODY_NAMED], t[BODY_HUNDRED]

    project = tiny(swap)
    findings = project.run().findings
    swaps = sorted((f.line, f.message) for f in findings if f.check == "footnote-swap")
    assert [line for line, _ in swaps] == sorted([_line(project, BODY_HUNDRED), _line(project, BODY_NAMED)])
    assert any("[100]_" in m and "note [#named]_" in m for _, m in swaps)
    assert not [f for f in findings if f.check == "footnote-body"]


def test_note_dropped_everywhere_is_orphaned(tiny) -> None:  # type: ignore[no-untyped-def]
    project = tiny(_set(SECOND, "Второй абзац ссылается на [#named]_."))
    findings = project.run().findings
    refs = [f for f in findings if f.check == "footnote-refs"]
    orphans = [f for f in findings if f.check == "footnote-orphan"]
    assert len(refs) == 1 and "missing [#other]_" in refs[0].message
    assert len(orphans) == 1 and "note [#other]_ is cited nowhere" in orphans[0].message
    assert orphans[0].line == _line(project, "Ibid.")  # the body the backlink leaves


def test_note_cited_twice_dropped_once_is_not_orphaned(tiny) -> None:  # type: ignore[no-untyped-def]
    project = tiny(_set(SECOND, "Второй абзац ссылается на [#other]_."))
    findings = project.run().findings
    assert [f.check for f in findings] == ["footnote-refs"]


def test_untranslated_body_is_only_incomplete(tiny) -> None:  # type: ignore[no-untyped-def]
    project = tiny(_set(BODY_NAMED, ""))
    assert [f.check for f in project.run().findings] == ["untranslated"]


def test_editions_disagree_on_a_note(tiny) -> None:  # type: ignore[no-untyped-def]
    """A URL changed on purpose in one edition (footnote-body silenced there) still
    surfaces as a warning that the editions cite different sources."""
    project = tiny(langs=("ru", "tr"))
    path = project.catalog("tr")
    text = path.read_text("utf-8").replace("Цитата, https://example.org/cit,", "Цитата, https://example.org/citation,")
    path.write_text(text, "utf-8")
    assert {f.check for f in project.run().findings} == {"footnote-body"}  # named once, not twice
    text = text.replace('msgid "A citation', '#, concord-ignore-footnote-body\nmsgid "A citation')
    path.write_text(text, "utf-8")
    findings = project.run().findings
    editions = [f for f in findings if f.check == "footnote-editions"]
    assert len(editions) == 1
    assert editions[0].lang == "tr" and editions[0].severity == "warning"
    assert "note [CIT2024]_" in editions[0].message and "https://example.org/citation" in editions[0].message
    assert {f.check for f in findings} == {"footnote-editions"}


def test_suppressed_note_body(tiny) -> None:  # type: ignore[no-untyped-def]
    project = tiny(_set(BODY_HUNDRED, "Нумерованное, https://example.org/hundred."))
    path = project.catalog("ru")
    text = path.read_text("utf-8").replace(
        f'msgid "{BODY_HUNDRED}"', f'#, concord-ignore-footnote-body\nmsgid "{BODY_HUNDRED}"')
    path.write_text(text, "utf-8")
    assert project.run().findings == []


def test_bare_catalog_skips_source_checks_and_says_so(tiny) -> None:  # type: ignore[no-untyped-def]
    from concord.checks.cli import plan

    project = tiny(_set(BODY_HUNDRED, "Нумерованное, https://example.org/hundred."))
    the_plan = plan((project.catalog("ru"),), None, ())
    assert the_plan.project is None or the_plan.jobs[0].domain is None
    assert len(the_plan.notes) == 1 and "footnote-body" in the_plan.notes[0]
    assert po_text([E("x")])  # the helper stays importable for bare catalogs


def test_source_message_missing_from_catalog(tiny) -> None:  # type: ignore[no-untyped-def]
    project = tiny(lambda t: t.pop("Third paragraph with no notes."))
    result = project.run()
    assert [(f.check, f.line, f.msgid) for f in result.findings] == [
        ("not-in-catalog", 1, "Third paragraph with no notes.")]
    assert "the source message at source/index.rst:8 has no entry" in result.findings[0].message
    assert (result.stats["ru"].messages, result.stats["ru"].untranslated) == (9, 1)
