"""``concord update``: extract, merge, pretranslate: the catalogs follow the source.

1. **Extract** with Sphinx's own gettext builder (in a child process, exactly as
   ``sphinx-build -b gettext`` would), into ``build/gettext`` beside ``conf.py``, so
   the references (``#: ../../source/...``) are the ones sphinx-intl writes.
2. **Merge** every template into every language's catalog in sphinx-intl's layout
   (``locales/<lang>/LC_MESSAGES/<domain>.po``), by the rules of
   :mod:`concord.tm.merge`: nothing translated is lost.
3. **Pretranslate** the untranslated entries from the memory, after bringing the
   memory in step with the project (the TMX files in ``tm/`` and every catalog's
   finished translations). A match at or above the project's *trusted* score (default
   101: same source in the same document) is filled as translated; anything from the
   fuzzy threshold (default 75%) up is filled as fuzzy. Every suggestion carries a
   translator comment with its score and origin.

Project policy lives in ``conf.py``::

    concord_tm_threshold = 75   # lowest score offered, as a fuzzy entry
    concord_tm_trusted = 101    # lowest score filled as translated (101 = in context)

Catalogs are written atomically and only when they change; unchanged entries keep
their bytes (:mod:`concord.catalog.save`).
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import polib

from concord.catalog import save_catalog
from concord.catalog.blocks import load_editable
from concord.catalog.load import WRAP_WIDTH
from concord.catalog.save import atomic_write_bytes, render_catalog, written_path
from concord.errors import ConcordError, ProjectError
from concord.lock import held_fds
from concord.project import SphinxProject
from concord.tm.catalogs import catalog_units, context_of
from concord.tm.matching import DEFAULT_THRESHOLD, DEFAULT_TRUSTED, Suggestion, adapt
from concord.tm.merge import TM_TAG, MergeResult, merge, set_concord_comment
from concord.tm.pairs import OtherDirections
from concord.tm.store import TranslationMemory
from concord.tm.tmx import read_tmx


@dataclass(frozen=True)
class Policy:
    """What the memory may fill, and how (see the module docstring)."""

    threshold: int = DEFAULT_THRESHOLD
    trusted: int = DEFAULT_TRUSTED

    def __post_init__(self) -> None:
        if not 1 <= self.threshold <= 100:
            raise ConcordError(
                f"the fuzzy threshold {self.threshold!r} is not a percentage; use 1..100 (default 75)")
        if not 1 <= self.trusted <= 102:
            raise ConcordError(
                f"the trusted score {self.trusted!r} is out of range; use 100, 101 (default), "
                "or 102 to fill nothing as translated")


@dataclass
class CatalogUpdate:
    """What ``concord update`` did to one catalog."""

    path: Path
    language: str
    domain: str
    created: bool = False
    written: bool = False
    added: int = 0
    obsoleted: int = 0
    from_previous: int = 0
    suggestions: list[Suggestion] = field(default_factory=list)
    #: A catalog in its document's original language: left as it is, ignored by builds.
    stale: bool = False


def project_policy(project: SphinxProject, threshold: int | None = None,
                   trusted: int | None = None) -> Policy:
    """Command-line values, else ``conf.py``'s ``concord_tm_*``, else the defaults."""
    settings = _tm_settings(project)
    return Policy(
        threshold=threshold if threshold is not None else settings["concord_tm_threshold"],
        trusted=trusted if trusted is not None else settings["concord_tm_trusted"],
    )


def _tm_settings(project: SphinxProject) -> dict[str, int]:
    """``concord_tm_threshold`` and ``concord_tm_trusted`` from the project's conf.py."""
    values = {}
    for name, default in (("concord_tm_threshold", DEFAULT_THRESHOLD), ("concord_tm_trusted", DEFAULT_TRUSTED)):
        value = project.setting(name, default)
        if not isinstance(value, int) or isinstance(value, bool):
            raise ProjectError(
                f"{project.confdir / 'conf.py'}: {name} = {value!r} is not a whole number; "
                f"write it as {name} = {default}"
            )
        values[name] = value
    return values


def extract(project: SphinxProject, pot_dir: Path) -> list[Path]:
    """Run Sphinx's gettext builder into ``pot_dir``; return the templates it wrote."""
    pot_dir.mkdir(parents=True, exist_ok=True)
    for stale in pot_dir.rglob("*.pot"):
        stale.unlink()
    command = [
        sys.executable, "-m", "sphinx", "-b", "gettext", "-E", "-q",
        "-c", str(project.confdir), "-d", str(pot_dir / ".doctrees"),
        str(project.srcdir), str(pot_dir),
    ]
    done = subprocess.run(command, capture_output=True, text=True, cwd=project.confdir, check=False,
                          pass_fds=held_fds())  # a killed update's Sphinx keeps the lock
    if done.returncode != 0:
        tail = " | ".join((done.stderr or done.stdout).strip().splitlines()[-3:])
        raise ProjectError(
            f"Sphinx's gettext builder failed (exit {done.returncode}): {tail}; "
            f"run `{' '.join(command[1:])}` to see the whole output"
        )
    return sorted(pot_dir.rglob("*.pot"))


def sync_memory(memory: TranslationMemory, project: SphinxProject) -> int:
    """Import ``tm/*.tmx`` and every catalog's finished translations; return new units."""
    added = 0
    for tmx in sorted((project.root / "tm").glob("*.tmx")):
        added += memory.add(read_tmx(tmx, origin=project_relative(tmx, project.root)))
    for lang in project.catalog_languages:
        for path in project.catalogs(lang):
            domain = project.domain_of_catalog(path) or path.stem
            source_lang = project.original_of_domain(domain)
            if source_lang == lang:
                continue  # a stale catalog in its article's original: its pair is unknown
            added += memory.add(catalog_units(
                path, source_lang=source_lang, target_lang=lang, domain=domain,
                origin=project_relative(path, project.root),
            ), supersede=True)
    return added


def project_relative(path: Path, root: Path) -> str:
    """``path`` from the project's root, as the memory records a unit's origin."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)


def update_project(project: SphinxProject, memory: TranslationMemory | None, policy: Policy,
                   *, pot_dir: Path | None = None,
                   report: Callable[[CatalogUpdate], None] | None = None) -> list[CatalogUpdate]:
    """Extract, merge and pretranslate every catalog of every language."""
    pot_dir = pot_dir or project.root / "build" / "gettext"
    templates = extract(project, pot_dir)
    if not templates:
        raise ProjectError(f"Sphinx wrote no templates into {pot_dir}; does {project.srcdir} hold any documents?")
    if memory is not None:
        sync_memory(memory, project)
    updates = []
    for lang in project.catalog_languages:
        for pot_path in templates:
            domain = pot_path.relative_to(pot_dir).with_suffix("").as_posix()
            if project.original_of_domain(domain) == lang:  # that edition is the source itself
                path = _existing_catalog(project, lang, domain)
                if not path.exists():
                    continue
                change = CatalogUpdate(path=path, language=lang, domain=domain, stale=True)
            else:
                change = update_catalog(project, pot_path, lang, domain, memory, policy)
            updates.append(change)
            if report:
                report(change)
    return updates


def _existing_catalog(project: SphinxProject, lang: str, domain: str) -> Path:
    for base in project.locale_dirs:
        candidate = project.catalog_path(lang, domain, base)
        if candidate.exists():
            return candidate
    return project.catalog_path(lang, domain)


def update_catalog(project: SphinxProject, pot_path: Path, lang: str, domain: str,
                   memory: TranslationMemory | None, policy: Policy) -> CatalogUpdate:
    path = _existing_catalog(project, lang, domain)
    change = CatalogUpdate(path=path, language=lang, domain=domain, created=not path.exists())
    written_path(path, within=project.root)  # a symlink out of the project: refused before any work
    pot = load_editable(pot_path, display=project_relative(pot_path, project.root)).po
    if change.created:
        old, original, blocks = _new_catalog(pot, lang), "", None
    else:
        read = load_editable(path, display=project_relative(path, project.root))
        old, original, blocks = read.po, read.original, read.blocks
        del read
    result = merge(pot, old, threshold=policy.threshold)
    stamp = {"POT-Creation-Date": pot.metadata["POT-Creation-Date"]} if pot.metadata.get("POT-Creation-Date") else {}
    del pot, old  # a large catalog's entries are held three times over otherwise
    change.added, change.obsoleted = result.added, result.obsoleted
    change.from_previous = len(result.fuzzy)
    if memory is not None:
        change.suggestions = pretranslate(
            result.catalog, memory, source_lang=project.original_of_domain(domain), lang=lang,
            domain=domain, policy=policy, other_directions=bool(project.stale_catalogs(domain)),
        )
    change.written = save_catalog(result.catalog, path, original=original, within=project.root,
                                  if_changed=stamp, blocks=blocks)
    return change


def merge_files(pot_path: Path, po_path: Path, out_path: Path | None = None, *,
                threshold: int = DEFAULT_THRESHOLD) -> MergeResult:
    """``concord update``'s merge path on two files, as ``msgmerge po pot -o out`` does.

    No extraction and no memory: what ``bench/bench_update.py`` times against msgmerge.
    """
    pot = load_editable(pot_path).po
    read = load_editable(po_path)
    result = merge(pot, read.po, threshold=threshold)
    stamp = {"POT-Creation-Date": pot.metadata["POT-Creation-Date"]} if pot.metadata.get("POT-Creation-Date") else {}
    del pot
    read.po = None  # only the merged catalog and the original blocks are needed now
    target = out_path or po_path
    if target != po_path:
        text = render_catalog(result.catalog, read.original, if_changed=stamp, blocks=read.blocks)
        atomic_write_bytes(target, text.encode("utf-8"))
    else:
        save_catalog(result.catalog, target, original=read.original, if_changed=stamp, blocks=read.blocks)
    return result


def _new_catalog(pot: polib.POFile, lang: str) -> polib.POFile:
    """An empty catalog for ``lang`` with the template's header, as sphinx-intl makes it."""
    from babel.core import UnknownLocaleError
    from babel.messages.plurals import get_plural

    po = polib.POFile(wrapwidth=WRAP_WIDTH)
    po.header = pot.header
    po.metadata = dict(pot.metadata)
    po.metadata["Language"] = lang
    try:
        rule = get_plural(lang)
        po.metadata["Plural-Forms"] = f"nplurals={rule.num_plurals}; plural={rule.plural_expr};"
    except (UnknownLocaleError, ValueError):
        pass
    return po


def pretranslate(po: polib.POFile, memory: TranslationMemory, *, source_lang: str, lang: str,
                 domain: str, policy: Policy, other_directions: bool = False) -> list[Suggestion]:
    """Fill untranslated entries of ``po`` from ``memory``; return what was offered.

    ``other_directions``: the document's original changed (a catalog in its original
    language is left), so its old units run the other way; see :mod:`concord.tm.pairs`.
    """
    offered = []
    others = OtherDirections(memory, threshold=policy.threshold) if other_directions else None
    for entry in po:
        if entry.obsolete or entry.fuzzy or entry.msgid_plural or entry.msgstr or not entry.msgid:
            continue
        matches = memory.search(entry.msgid, source_lang, lang,
                                context=context_of(domain, entry.msgctxt),
                                threshold=policy.threshold, limit=1)
        if not matches and others is not None:
            matches = others.matches(entry.msgid, source_lang, lang)
        if not matches:
            continue
        best = matches[0]
        adapted = adapt(best.unit.target, best.unit.source, entry.msgid)
        suggestion = Suggestion(best.score, adapted.text, best.unit.source, best.unit.origin,
                                best.unit.translator, adapted)
        entry.msgstr = adapted.text
        if best.score < policy.trusted and "fuzzy" not in entry.flags:
            entry.flags.insert(0, "fuzzy")
        if best.score < 100 or best.unit.source != entry.msgid:
            entry.previous_msgid = best.unit.source
        set_concord_comment(entry, suggestion.comment())
        offered.append(suggestion)
    return offered


__all__ = ["Policy", "CatalogUpdate", "update_project", "update_catalog", "extract",
           "sync_memory", "pretranslate", "project_policy", "TM_TAG"]
