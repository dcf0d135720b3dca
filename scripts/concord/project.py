"""Find a Sphinx project and describe it the way Sphinx itself sees it.

Everything concord knows about a project (where its sources are, where its catalogs
live, which languages it publishes, how documents map to catalogs) comes from the
project's ``conf.py`` read through Sphinx's own ``Config`` API, so concord works on any
Sphinx project with catalogs, not only on the publication it was written for.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from concord.errors import ProjectError

CONF_FILENAME = "conf.py"
#: Source folders tried, in order, when conf.py does not sit inside its source folder.
SOURCE_DIR_CANDIDATES = ("source", "src", "doc", "docs", ".")
#: The Sphinx extension that shows each document's original as written.
EXTENSION = "concord.publish.sphinxext"
#: The docinfo field naming the language a document was written in.
ORIGINAL_FIELD = "language"

_FIELD = re.compile(r"^:((?:[^:\\]|\\.)+):(?:\s+(.*))?$")
_COMMENT = re.compile(r"^\.\.(?:\s|$)(?!\s*(?:\[|_|\||[\w.-]+::))")


def original_language_of(path: Path) -> tuple[str, int]:
    """``(language, line)`` of the ``:language:`` field of ``path``'s docinfo, or ``("", 0)``.

    Sphinx (which turns off docutils' doctitle transform) takes a field list as the
    document's metadata only when it comes first, after comments at most: that is the
    only place an editor's ``:language: tr`` beside ``:author:`` means the document's
    original, and the only place read here. Sphinx keeps the same value in
    ``env.metadata[docname]["language"]``; this reader needs no Sphinx run, so every
    command knows each document's original before it starts one.
    """
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError):
        return "", 0
    index = _skip_comments(lines)
    while index < len(lines):
        match = _FIELD.match(lines[index])
        if match is None:
            if lines[index].strip() and not lines[index][:1].isspace():
                break  # the field list ended: the document's body begins
            index += 1
            continue
        if match.group(1).strip().lower() == ORIGINAL_FIELD:
            return (match.group(2) or "").strip(), index + 1
        index += 1
    return "", 0


def _skip_comments(lines: list[str]) -> int:
    """The index of the first line that is neither blank nor part of a comment."""
    index = 0
    while index < len(lines):
        line = lines[index]
        if not line.strip():
            index += 1
        elif _COMMENT.match(line):
            index += 1
            while index < len(lines) and (not lines[index].strip() or lines[index][:1].isspace()):
                index += 1
        else:
            break
    return index


@dataclass(frozen=True)
class SphinxProject:
    """A Sphinx project with gettext catalogs."""

    confdir: Path
    srcdir: Path
    locale_dirs: tuple[Path, ...]
    source_language: str
    languages: tuple[str, ...]          # the translations, source language excluded
    gettext_compact: bool | str
    settings: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)
    config: Any = field(default=None, compare=False, repr=False)  # sphinx.config.Config
    #: docname -> original language, filled on first use by :meth:`originals`.
    _originals: dict[str, str] = field(default_factory=dict, compare=False, repr=False)
    #: domain -> its docnames, filled on first use by :meth:`docnames_of_domain`.
    _domains: dict[str, list[str]] = field(default_factory=dict, compare=False, repr=False)

    def setting(self, name: str, default: Any) -> Any:
        """A ``conf.py`` value, ``default`` when the project does not set it.

        For settings Sphinx's core does not define (an extension's, such as
        ``concord_tm_threshold``): conf.py is read once, by :func:`load_project`.
        """
        if self.config is None:
            return default
        if name not in self.config:
            self.config.add(name, default, "", (type(default),))
        return getattr(self.config, name)

    @property
    def root(self) -> Path:
        """The folder paths in reports are relative to: the one holding conf.py."""
        return self.confdir

    @property
    def catalog_root(self) -> Path:
        """The first locale folder: where new catalogs are written."""
        return self.locale_dirs[0]

    def docnames(self) -> list[str]:
        """Every reST document of the source tree, as Sphinx names them."""
        suffixes = tuple(self.settings.get("source_suffix") or (".rst",))
        excluded = set(self.settings.get("exclude_patterns") or ())
        names = []
        for path in sorted(self.srcdir.rglob("*")):
            rel = path.relative_to(self.srcdir)
            if path.suffix not in suffixes or any(p.startswith(("_", ".")) for p in rel.parts):
                continue
            if rel.as_posix() in excluded:
                continue
            names.append(rel.with_suffix("").as_posix())
        return names

    @property
    def editions(self) -> tuple[str, ...]:
        """Every language published, the project's ``language`` first."""
        return (self.source_language, *self.languages)

    def originals(self) -> dict[str, str]:
        """docname -> the language the document was written in (``:language:`` field).

        Read once per project from the top of each document (see
        :mod:`concord.originals`); a language that is not an edition is an error, since
        no edition could show the original.
        """
        if not self._originals:
            for docname in self.docnames():
                path = self.doc_path(docname)
                lang, line = original_language_of(path)
                if lang and lang not in self.editions:
                    raise ProjectError(
                        f":language: {lang} is not an edition of this project "
                        f"({', '.join(self.editions)}); write one of them, or add "
                        f"{lang!r} to concord_languages in conf.py",
                        location=f"{_shown(path, self.root)}:{line}")
                self._originals[docname] = lang or self.source_language
            self._require_extension()
        return self._originals

    def _require_extension(self) -> None:
        """Without concord's extension Sphinx would translate an original with its catalog."""
        others = sorted(d for d, lang in self._originals.items() if lang != self.source_language)
        if others and EXTENSION not in (self.settings.get("extensions") or ()):
            raise ProjectError(
                f"{_shown(self.doc_path(others[0]), self.root)} names its original language "
                f"(:language: {self._originals[others[0]]}) but conf.py does not load {EXTENSION}; "
                f"add it to extensions, or Sphinx applies the other editions' catalogs to the original",
                location=_shown(self.confdir / CONF_FILENAME, self.root))

    def original_language(self, docname: str) -> str:
        """The language ``docname`` is written in; the project's ``language`` by default."""
        return self.originals().get(docname, self.source_language)

    def target_languages(self, docname: str) -> tuple[str, ...]:
        """The editions that show ``docname`` through catalogs: all but its original."""
        original = self.original_language(docname)
        return tuple(lang for lang in self.editions if lang != original)

    def original_of_domain(self, domain: str) -> str:
        """The source language of the catalog ``domain``: its documents' original.

        With ``gettext_compact`` several documents share a catalog, and a catalog has one
        source language: documents of different originals cannot share one.
        """
        found = {self.original_language(d): d for d in self.docnames_of_domain(domain)}
        if len(found) > 1:
            listed = ", ".join(f"{d} ({lang})" for lang, d in sorted(found.items()))
            raise ProjectError(
                f"{self.confdir / CONF_FILENAME}: the catalog {domain!r} holds documents "
                f"written in different languages ({listed}); set gettext_compact = False "
                "so that each document has its own catalog")
        return next(iter(found), self.source_language)

    @property
    def catalog_languages(self) -> tuple[str, ...]:
        """The editions that hold catalogs: every language some document is translated into."""
        originals = set(self.originals().values())
        return tuple(lang for lang in self.editions
                     if lang in self.languages or any(o != lang for o in originals))

    def is_stale_catalog(self, path: Path, lang: str) -> bool:
        """A catalog in its document's original language: Sphinx must not apply it."""
        domain = self.domain_of_catalog(path)
        return domain is not None and bool(self.docnames_of_domain(domain)) \
            and self.original_of_domain(domain) == lang

    def stale_catalogs(self, domain: str) -> list[Path]:
        """Catalogs of ``domain`` in its original language: left from an earlier original.

        Their presence says the document's original changed, which is when the memory's
        units of the other direction can serve (:class:`concord.tm.pairs.OtherDirections`).
        """
        if not self.docnames_of_domain(domain):
            return []
        lang = self.original_of_domain(domain)
        return [path for base in self.locale_dirs
                if (path := self.catalog_path(lang, domain, base)).is_file()]

    def doc_path(self, docname: str) -> Path:
        """The source file of ``docname`` (the first suffix that exists)."""
        for suffix in self.settings.get("source_suffix") or (".rst",):
            candidate = self.srcdir / f"{docname}{suffix}"
            if candidate.is_file():
                return candidate
        return self.srcdir / f"{docname}.rst"

    def domain_of(self, docname: str) -> str:
        """The catalog (gettext domain) holding ``docname``'s messages."""
        from sphinx.util.i18n import docname_to_domain

        return docname_to_domain(docname, self.gettext_compact)

    def catalog_path(self, lang: str, domain: str, locale_dir: Path | None = None) -> Path:
        base = locale_dir or self.catalog_root
        return base / lang / "LC_MESSAGES" / f"{domain}.po"

    def catalogs(self, lang: str) -> list[Path]:
        """All .po files of one language across every locale folder."""
        found: list[Path] = []
        for base in self.locale_dirs:
            folder = base / lang / "LC_MESSAGES"
            if folder.is_dir():
                found.extend(sorted(folder.rglob("*.po")))
        return found

    def domain_of_catalog(self, path: Path) -> str | None:
        """``articles/x`` for ``locales/tr/LC_MESSAGES/articles/x.po``; None if foreign."""
        for base in self.locale_dirs:
            try:
                rel = path.resolve().relative_to(base.resolve())
            except ValueError:
                continue
            parts = rel.parts
            if len(parts) >= 3 and parts[1] == "LC_MESSAGES":
                return Path(*parts[2:]).with_suffix("").as_posix()
        return None

    def docnames_of_domain(self, domain: str) -> list[str]:
        if not self._domains:
            for docname in self.docnames():
                self._domains.setdefault(self.domain_of(docname), []).append(docname)
            self._domains.setdefault("", [])  # filled, even for a project without documents
        return list(self._domains.get(domain, ()))


def _shown(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)


def find_confdir(start: Path | None = None) -> Path:
    """The nearest folder at or above ``start`` holding conf.py (also tries doc/, docs/)."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        for candidate in (folder, folder / "doc", folder / "docs", folder / "source"):
            if (candidate / CONF_FILENAME).is_file():
                return candidate
    raise ProjectError(
        f"no {CONF_FILENAME} found in {here} or above; run inside a Sphinx project "
        "or pass its configuration folder with -c DIR"
    )


def load_project(confdir: Path | None = None, *, start: Path | None = None) -> SphinxProject:
    """Read ``conf.py`` with Sphinx's Config API and describe the project."""
    from sphinx.config import Config
    from sphinx.errors import ConfigError
    from sphinx.util.tags import Tags

    confdir = (confdir or find_confdir(start)).resolve()
    if not (confdir / CONF_FILENAME).is_file():
        raise ProjectError(
            f"{confdir} has no {CONF_FILENAME}; pass the folder that holds it with -c DIR"
        )
    cwd = Path.cwd()
    try:
        os.chdir(confdir)  # conf.py files may open paths relative to themselves
        config = Config.read(confdir, overrides={}, tags=Tags())
    except ConfigError as err:
        raise ProjectError(f"{confdir / CONF_FILENAME} cannot be read: {err}") from err
    finally:
        os.chdir(cwd)
    # Values that builders and extensions register at set-up; defaults as they define them.
    for name, default, types in (
        ("gettext_compact", True, (bool, str)),
        ("concord_languages", [], (list,)),
        ("concord_source_dir", "", (str,)),
        ("concord_original_language", "", (str,)),
    ):
        if name not in config:
            config.add(name, default, "env", types)
    settings = {
        name: getattr(config, name)
        for name in (
            "language", "locale_dirs", "gettext_compact", "source_suffix",
            "exclude_patterns", "concord_languages", "concord_source_dir",
            "project", "root_doc", "extensions", "concord_original_language",
        )
    }
    srcdir = _source_dir(confdir, settings["concord_source_dir"])
    # Sphinx resolves locale_dirs against the source folder, not the conf.py folder.
    locale_dirs = tuple((srcdir / d).resolve() for d in settings["locale_dirs"])
    if not locale_dirs:
        raise ProjectError(f"{confdir / CONF_FILENAME} sets no locale_dirs; add locale_dirs = ['locales/']")
    # the original of documents without :language: (the sphinxext reads the same)
    source_language = settings["concord_original_language"] or settings["language"] or "en"
    languages = [l for l in settings["concord_languages"] if l != source_language]
    if not languages:
        languages = sorted({
            child.name for base in locale_dirs if base.is_dir() for child in base.iterdir()
            if (child / "LC_MESSAGES").is_dir() and child.name != source_language
        })
    suffix = settings["source_suffix"]
    settings["source_suffix"] = list(suffix) if suffix else [".rst"]
    return SphinxProject(
        confdir=confdir, srcdir=srcdir, locale_dirs=locale_dirs,
        source_language=source_language, languages=tuple(languages),
        gettext_compact=settings["gettext_compact"], settings=settings, config=config,
    )


def _source_dir(confdir: Path, configured: str) -> Path:
    """Where the .rst files are: ``concord_source_dir`` or the usual suspects."""
    if configured:
        return (confdir / configured).resolve()
    for name in SOURCE_DIR_CANDIDATES:
        folder = (confdir / name).resolve()
        if folder.is_dir() and any(folder.glob("index.*")):
            return folder
    raise ProjectError(
        f"cannot tell where the sources of {confdir} are; set concord_source_dir in conf.py"
    )
