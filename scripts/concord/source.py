"""The original side, parsed by Sphinx itself: messages, footnotes and their bodies.

Each document is read as written, in its original language (``:language:`` in its
docinfo, else the project's ``language``): no catalog is applied, not even an
English one of a Turkish-original article.

A catalog alone cannot say which message is the body of which footnote: Sphinx
extracts a note's body without its label, and identical bodies ("Ibid.") merge into one
message. So the checks that guard the notes read the source the way Sphinx does: a
real Sphinx application reads the documents (every extension of the project loaded),
and :func:`sphinx.util.nodes.extract_messages` yields exactly the msgids the gettext
builder writes. From that doctree each note's label is tied to the messages that cite
it and to its body message.
"""

from __future__ import annotations

import contextlib
import io
import tempfile
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from docutils import nodes

from concord.errors import ProjectError
from concord.project import SphinxProject


@dataclass(frozen=True)
class Note:
    """One footnote or citation of a document.

    ``key`` is the label as written in references (``#nikkei``, ``#``, ``1``, ``*``,
    ``CIT``); ``number`` is its position among the document's notes (1-based), which
    is how anonymous ``[#]_`` notes are told apart.
    """

    key: str
    number: int
    line: int
    bodies: tuple[str, ...]
    citing: tuple[str, ...]

    @property
    def name(self) -> str:
        shown = f"[{self.key}]_"
        return f"{shown} (note {self.number})" if self.key in ("#", "*") else shown


@dataclass
class SourceDocument:
    docname: str
    domain: str
    path: Path
    #: The language the document is written in: the source language of its catalogs.
    language: str = ""
    messages: dict[str, int] = field(default_factory=dict)  # msgid -> first source line
    notes: list[Note] = field(default_factory=list)
    #: msgids of section titles (Sphinx reads their translation as a title, not a paragraph)
    titles: set[str] = field(default_factory=set)

    def notes_of_body(self, msgid: str) -> list[Note]:
        return [note for note in self.notes if msgid in note.bodies]

    @property
    def body_messages(self) -> set[str]:
        return {body for note in self.notes for body in note.bodies}


def read_sources(project: SphinxProject, docnames: list[str] | None = None) -> dict[str, SourceDocument]:
    """Read ``docnames`` (default: all) with Sphinx; return them by gettext domain.

    Several documents may share a domain (``gettext_compact``); their notes are then
    listed together, which is what the shared catalog holds.
    """
    from sphinx.application import Sphinx
    from sphinx.errors import SphinxError

    from sphinx.util.docutils import docutils_namespace, patch_docutils

    # docutils_namespace: roles, directives and nodes Sphinx registers in docutils'
    # global tables are undone afterwards, so a later Sphinx run in this process
    # (an edition build, a test) starts clean, as sphinx-build's own main() does.
    with (tempfile.TemporaryDirectory(prefix="concord-source-") as tmp,
          patch_docutils(project.confdir), docutils_namespace(), _fresh_translators()):
        warnings = io.StringIO()
        try:
            app = Sphinx(
                str(project.srcdir), str(project.confdir), f"{tmp}/out", f"{tmp}/doctrees",
                "dummy", status=None, warning=warnings, freshenv=True,
                # no locale_dirs: the source as written, whatever catalogs exist
                confoverrides={"language": project.source_language, "locale_dirs": []},
            )
            app.builder.read()
        except SphinxError as err:
            raise ProjectError(
                f"Sphinx cannot read the sources in {project.srcdir}: {err}; run "
                "`sphinx-build` on the project to see the full error") from err
        wanted = docnames if docnames is not None else sorted(app.env.found_docs)
        documents: dict[str, SourceDocument] = {}
        for docname in wanted:
            if docname not in app.env.all_docs:
                continue
            _agree_on_original(project, docname, app.env.metadata.get(docname, {}))
            domain = project.domain_of(docname)
            doc = documents.setdefault(domain, SourceDocument(
                docname, domain, Path(app.env.doc2path(docname)), project.original_of_domain(domain)))
            _collect(app.env.get_doctree(docname), doc)
        return documents


def _agree_on_original(project: SphinxProject, docname: str, metadata: dict[str, object]) -> None:
    """Sphinx's docinfo and concord's reader must name the same original language.

    concord reads ``:language:`` without Sphinx (every command needs it before a build);
    should the two readers ever disagree on a document, stop rather than check or
    translate it against the wrong source.
    """
    declared = str(metadata.get("language") or "").strip()
    if declared and declared != project.original_language(docname):
        raise ProjectError(
            f"{project.doc_path(docname)}: Sphinx reads :language: {declared} but concord "
            f"reads {project.original_language(docname)}; put the field list (with :language:) "
            "first in the document, before any other markup")


@contextlib.contextmanager
def _fresh_translators() -> Iterator[None]:
    """Read with Sphinx's process-wide catalog table empty, and restore it afterwards.

    Sphinx keeps the message catalogs it loaded per process and adds a later
    language's only as a fallback: after a Turkish build in this process, an English
    read would still see Turkish (measured: ``concord pdf -j 1`` refused the Russian
    edition for messages the source "lacked"). The source is read in no language but
    its own, and whoever built before us gets its table back.
    """
    import sphinx.locale

    saved = dict(sphinx.locale.translators)
    sphinx.locale.translators.clear()
    try:
        yield
    finally:
        sphinx.locale.translators.clear()
        sphinx.locale.translators.update(saved)


def _collect(doctree: nodes.document, doc: SourceDocument) -> None:
    """Fill ``doc`` with the messages of ``doctree`` and the notes they cite."""
    from sphinx import addnodes
    from sphinx.util.nodes import extract_messages

    citing: dict[str, list[str]] = defaultdict(list)     # note id -> citing msgids
    bodies: dict[str, list[str]] = defaultdict(list)     # note id -> body msgids
    for node, msgid in extract_messages(doctree):
        doc.messages.setdefault(msgid, node.line or 0)
        if isinstance(node, nodes.title):
            doc.titles.add(msgid)
        parent = node.parent
        if isinstance(parent, (nodes.footnote, nodes.citation)) and parent["ids"]:
            bodies[parent["ids"][0]].append(msgid)
        for ref in node.findall(nodes.footnote_reference):
            if ref.get("refid"):
                citing[ref["refid"]].append(msgid)
        for ref in node.findall(addnodes.pending_xref):
            if ref.get("refdomain") == "citation":
                citing["citation:" + ref["reftarget"].lower()].append(msgid)
        for ref in node.findall(nodes.citation_reference):
            citing["citation:" + ref.get("refname", "").lower()].append(msgid)
    number = len(doc.notes)
    for note in doctree.findall(lambda n: isinstance(n, (nodes.footnote, nodes.citation))):
        if not note["ids"]:
            continue
        number += 1
        key, ident = _key_of(note)
        doc.notes.append(Note(
            key=key, number=number, line=note.line or 0,
            bodies=tuple(bodies.get(note["ids"][0], ())),
            citing=tuple(citing.get(ident, ())),
        ))


def _key_of(note: nodes.Element) -> tuple[str, str]:
    """The label as references write it, and the id references point to."""
    ident = note["ids"][0]
    if isinstance(note, nodes.citation):  # names are lower-cased; the label keeps the case
        label = note.next_node(nodes.label)
        name = (note["names"] or [ident])[0]
        return (label.astext() if label is not None else name), "citation:" + name.lower()
    auto = note.get("auto")
    if auto == "*":
        return "*", ident
    if auto:
        return ("#" + note["names"][0]) if note["names"] and not _is_generated_name(note) else "#", ident
    return (note["names"][0] if note["names"] else ident), ident


def _is_generated_name(note: nodes.Element) -> bool:
    """An anonymous ``[#]_`` note gets its number as name; a named one keeps its label."""
    return bool(note["names"]) and note["names"][0].isdigit() and note.get("auto") == 1 and not note.get("dupnames")
