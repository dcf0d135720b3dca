"""Find a Sphinx project and describe it the way Sphinx itself sees it.

Everything concord knows about a project (where its sources are, where its catalogs
live, which languages it publishes, how documents map to catalogs) comes from the
project's ``conf.py`` read through Sphinx's own ``Config`` API, so concord works on any
Sphinx project with catalogs, not only on the publication it was written for.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from concord.errors import ProjectError

CONF_FILENAME = "conf.py"
#: Source folders tried, in order, when conf.py does not sit inside its source folder.
SOURCE_DIR_CANDIDATES = ("source", "src", "doc", "docs", ".")


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
        return [d for d in self.docnames() if self.domain_of(d) == domain]


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
    ):
        if name not in config:
            config.add(name, default, "env", types)
    settings = {
        name: getattr(config, name)
        for name in (
            "language", "locale_dirs", "gettext_compact", "source_suffix",
            "exclude_patterns", "concord_languages", "concord_source_dir",
            "project", "root_doc", "extensions",
        )
    }
    srcdir = _source_dir(confdir, settings["concord_source_dir"])
    # Sphinx resolves locale_dirs against the source folder, not the conf.py folder.
    locale_dirs = tuple((srcdir / d).resolve() for d in settings["locale_dirs"])
    if not locale_dirs:
        raise ProjectError(f"{confdir / CONF_FILENAME} sets no locale_dirs; add locale_dirs = ['locales/']")
    source_language = settings["language"] or "en"
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
