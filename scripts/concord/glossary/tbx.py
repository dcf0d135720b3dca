"""TBX-Basic (ISO 30042:2019, the DCA style) read and written, with ``path:line`` errors.

The file the translators review in git::

    <tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">
      <tbxHeader>...</tbxHeader>
      <text><body>
        <conceptEntry id="soderberg">
          <admin type="concordSeverity">error</admin>        (concord: warning by default)
          <admin type="concordCaseSensitive">yes</admin>     (concord: no by default)
          <note>Swedish scholar; write the ö.</note>
          <langSec xml:lang="en"><termSec><term>Soderberg</term>
            <termNote type="partOfSpeech">properNoun</termNote></termSec></langSec>
          <langSec xml:lang="ru">
            <termSec><term>Сёдерберг</term></termSec>       (preferred: the first approved)
            <termSec><term>Содерберг</term>
              <termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></termSec>
          </langSec>
        </conceptEntry>
      </body></text>
    </tbx>

``deprecatedTerm-admn-sts`` and ``supersededTerm-admn-sts`` mark a forbidden variant;
any other status (``preferredTerm-``, ``admittedTerm-``, none) an approved term. The two
``concord*`` admin types are this project's extension: TBX-Basic has no data category
for case sensitivity or for how strict a check is. Parsing goes through defusedxml (no
entities, no external references); SAX gives every element its line.
"""

from __future__ import annotations

import io
from pathlib import Path
from xml.sax import SAXParseException
from xml.sax.handler import ContentHandler, feature_namespaces
from xml.sax.saxutils import escape, quoteattr

import defusedxml.sax
from defusedxml import DefusedXmlException

from concord.errors import ConcordError
from concord.glossary.model import Concept, Glossary, validate

NS = "urn:iso:std:iso:30042:ed-2"
XML_NS = "http://www.w3.org/XML/1998/namespace"
FORBIDDEN_STATUS = ("deprecatedTerm-admn-sts", "supersededTerm-admn-sts")
_TRUE = ("yes", "true", "1")


class _Handler(ContentHandler):
    """Builds concepts from SAX events; text of the leaf elements is collected."""

    def __init__(self, path: str) -> None:
        super().__init__()
        self.path = path
        self.concepts: list[Concept] = []
        self.source_lang = "en"
        self.concept: Concept | None = None
        self.lang = ""
        self.term: dict[str, str] = {}
        self.text: list[str] = []
        self.attrs: dict[str, str] = {}
        self.stack: list[str] = []
        self._locator = None

    def line(self) -> int:
        return self._locator.getLineNumber() if self._locator else 0

    def fail(self, message: str) -> None:
        raise ConcordError(f"{self.path}:{self.line()}: {message}")

    def startElementNS(self, name, qname, attrs):  # type: ignore[no-untyped-def]
        local = name[1]
        values = {(k[1] if k[0] != XML_NS else "xml:" + k[1]): v for k, v in attrs.items()}
        if not self.stack and local != "tbx":
            self.fail(f"the root element is <{local}>, not <tbx>; write a TBX-Basic file")
        self.stack.append(local)
        self.text, self.attrs = [], values
        if local == "tbx":
            self.source_lang = values.get("xml:lang", "en")
        elif local == "conceptEntry":
            if "id" not in values:
                self.fail("a <conceptEntry> without id; add id=\"a-slug\"")
            self.concept = Concept(values["id"], [], path=self.path, line=self.line())
        elif local == "langSec":
            if "xml:lang" not in values:
                self.fail("a <langSec> without xml:lang; add xml:lang=\"tr\" (say)")
            self.lang = values["xml:lang"]
        elif local == "termSec":
            self.term = {"line": str(self.line())}

    def characters(self, content: str) -> None:
        self.text.append(content)

    def endElementNS(self, name, qname):  # type: ignore[no-untyped-def]
        local = self.stack.pop()
        value = "".join(self.text).strip()
        self.text = []
        concept = self.concept
        if concept is None:
            return
        if local == "term":
            self.term["term"] = value
        elif local == "termNote" and self.attrs.get("type") in ("partOfSpeech", "administrativeStatus"):
            self.term[self.attrs["type"]] = value
        elif local == "admin" and self.attrs.get("type") == "concordSeverity":
            concept.severity = value
        elif local == "admin" and self.attrs.get("type") == "concordCaseSensitive":
            concept.case_sensitive = value.lower() in _TRUE
        elif local == "note" and self.stack and self.stack[-1] == "conceptEntry":
            concept.note = value
        elif local == "termSec":
            self._end_term(concept)
        elif local == "conceptEntry":
            validate(concept)
            self.concepts.append(concept)
            self.concept = None

    def _end_term(self, concept: Concept) -> None:
        term = self.term.get("term", "")
        if not term:
            self.fail(f"a <termSec> of {concept.id!r} without <term>; write the term")
        if "partOfSpeech" in self.term and self.lang == self.source_lang:
            concept.pos = self.term["partOfSpeech"]
        if self.lang == self.source_lang:
            concept.source.append(term)
        elif self.term.get("administrativeStatus") in FORBIDDEN_STATUS:
            concept.forbidden.setdefault(self.lang, []).append(term)
        else:
            concept.targets.setdefault(self.lang, []).append(term)
        self.attrs = {}

    # SAX gives the locator through this hook
    def setDocumentLocator(self, locator):  # type: ignore[no-untyped-def]
        self._locator = locator


def read_tbx(path: Path, display: str | None = None) -> Glossary:
    """The glossary in ``path``; a malformed file raises one ``path:line:`` error."""
    shown = display or str(path)
    try:
        data = path.read_bytes()
    except OSError as err:
        raise ConcordError(f"{shown}: cannot be read ({err.strerror}); check the path") from err
    handler = _Handler(shown)
    parser = defusedxml.sax.make_parser()
    parser.setFeature(feature_namespaces, True)
    parser.setContentHandler(handler)
    try:
        parser.parse(io.BytesIO(data))
    except SAXParseException as err:
        raise ConcordError(f"{shown}:{err.getLineNumber()}: not well-formed XML "
                           f"({err.getMessage()}); fix the markup there") from err
    except DefusedXmlException as err:
        raise ConcordError(f"{shown}:{handler.line()}: {type(err).__name__}: entities and "
                           "external references are refused; remove the DOCTYPE") from err
    return Glossary(handler.concepts, handler.source_lang)


def write_tbx(glossary: Glossary) -> str:
    """The TBX text of ``glossary``, concepts sorted by id, languages by code."""
    src = glossary.source_lang
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           f'<tbx type="TBX-Basic" style="dca" xml:lang={quoteattr(src)} xmlns="{NS}">',
           "  <tbxHeader><fileDesc><sourceDesc><p>concord glossary: approved terms and names, "
           "reviewed in git</p></sourceDesc></fileDesc></tbxHeader>",
           "  <text><body>"]
    for concept in glossary.sorted():
        out.append(f"    <conceptEntry id={quoteattr(concept.id)}>")
        if concept.severity != "warning":
            out.append(f'      <admin type="concordSeverity">{concept.severity}</admin>')
        if concept.case_sensitive:
            out.append('      <admin type="concordCaseSensitive">yes</admin>')
        if concept.note:
            out.append(f"      <note>{escape(concept.note)}</note>")
        out.append(f"      <langSec xml:lang={quoteattr(src)}>")
        for index, term in enumerate(concept.source):
            pos = (f'<termNote type="partOfSpeech">{concept.pos}</termNote>' if index == 0 else "")
            out.append(f"        <termSec><term>{escape(term)}</term>{pos}</termSec>")
        out.append("      </langSec>")
        for lang in concept.languages():
            out.append(f"      <langSec xml:lang={quoteattr(lang)}>")
            for term in concept.targets.get(lang, []):
                out.append(f"        <termSec><term>{escape(term)}</term></termSec>")
            for term in concept.forbidden.get(lang, []):
                out.append(f"        <termSec><term>{escape(term)}</term><termNote "
                           f'type="administrativeStatus">{FORBIDDEN_STATUS[0]}</termNote></termSec>')
            out.append("      </langSec>")
        out.append("    </conceptEntry>")
    out += ["  </body></text>", "</tbx>", ""]
    return "\n".join(out)
