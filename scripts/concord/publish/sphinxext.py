"""concord's Sphinx extension: one source, many editions that know each other.

Add it to any Sphinx project that builds one edition per language::

    extensions = ["concord.publish.sphinxext"]
    concord_languages = ["en", "tr", "ru"]          # every edition, source language first
    concord_footnote_label_style = "lower-roman"    # [#]_ footnotes print i, ii, iii
    concord_language_overrides = {"ru": {"html_search_language": "ru"}}
    concord_edition_base_url = ""                   # "" = relative links between editions
    concord_language_switcher = True                # False: hreflang only (print builds)

Each edition then gets:

* a language switcher after the page title, in the edition's own words, naming each
  language in itself ("English", "Türkçe", "Русский") and linking to the same page
  in the other editions (layout ``<output root>/<lang>/<page>.html``);
* ``<link rel="alternate" hreflang>`` for every edition and ``x-default``;
* auto-numbered footnotes labelled in the configured style;
* the page's last change (from git) as a date formatted by Babel for the language;
* the publication title taken from the translated root document, so page metadata
  follows the catalog instead of ``conf.py`` (``concord_title_from_root_doc = False``
  keeps ``html_title``);
* any edition can be a document's original: ``:language: tr`` at the top of a
  document (beside ``:author:``) says it was written in Turkish. Its Turkish edition
  shows the source as written (a stale ``tr`` catalog of it is ignored, with a
  warning), the other editions, English included, come from their catalogs, and
  ``hreflang="x-default"`` points at the original. Documents without the field are
  written in conf.py's ``language`` (``concord_original_language`` overrides it).

Per-language settings go through ``concord_language_overrides``, applied when the
configuration is initialised, because ``-D language=..`` is only known after
``conf.py`` has run.
"""

from __future__ import annotations

import datetime as dt
import html
import subprocess
from pathlib import Path
from typing import Any

from babel.dates import format_date
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.locale import get_translation
from sphinx.transforms.i18n import Locale
from sphinx.util import logging
from sphinx.util.typing import ExtensionMetadata

from concord import __version__
from concord.project import original_language_of
from concord.publish.footnote_labels import FootnoteLabelStyle
from concord.publish.languages import autonym, edition_links
from concord.publish.numerals import LABEL_STYLES
from concord.publish.theme_messages import write_theme_pot

logger = logging.getLogger(__name__)

MESSAGE_CATALOG = "concord"
_ = get_translation(MESSAGE_CATALOG)
PACKAGE_DIR = Path(__file__).parent


def apply_language_overrides(app: Sphinx, config: Config) -> None:
    """Apply ``concord_language_overrides[language]`` and validate our settings."""
    if config.concord_footnote_label_style not in LABEL_STYLES:
        styles = ", ".join(sorted(LABEL_STYLES))
        logger.warning(
            "concord_footnote_label_style %r is unknown; use one of %s. Falling back to arabic.",
            config.concord_footnote_label_style, styles, type="concord", subtype="config",
        )
        config.concord_footnote_label_style = "arabic"
    language = config.language or "en"
    if not config.concord_languages:
        config.concord_languages = [language]
    for name, value in config.concord_language_overrides.get(language, {}).items():
        if name not in config:
            logger.warning(
                "concord_language_overrides[%r] names %r, which is not a Sphinx setting",
                language, name, type="concord", subtype="config",
            )
            continue
        config[name] = value


def remember_original_language(app: Sphinx, config: Config) -> None:
    """Fix ``concord_original_language``: the language of documents without ``:language:``.

    It is conf.py's ``language``, the one concord's commands read
    (:func:`concord.project.load_project`). ``config.language`` no longer tells it
    here: ``-D language=tr`` has replaced it, so conf.py's own value is taken from what
    Sphinx read (``Config._raw_config``), else the first of ``concord_languages`` as
    written in conf.py. A print build that narrows ``concord_languages`` to its own
    language must not turn every document into a Turkish original.
    """
    if config.concord_original_language:
        return
    raw = getattr(config, "_raw_config", {}) or {}
    listed = raw.get("concord_languages") or config.concord_languages
    config.concord_original_language = (
        raw.get("language") or (listed[0] if listed else "") or config.language or "en")


def original_language(env: Any, docname: str) -> str:
    """The language ``docname`` was written in (its ``:language:`` docinfo field)."""
    path = Path(env.doc2path(docname))
    key = (str(path), path.stat().st_mtime_ns if path.exists() else 0)
    if key not in _ORIGINALS:
        _ORIGINALS[key] = original_language_of(path)[0]
    return _ORIGINALS[key] or env.config.concord_original_language or "en"


#: (path, mtime) -> the document's ``:language:`` value ("" when it has none).
_ORIGINALS: dict[tuple[str, int], str] = {}


class OriginalLocale(Locale):
    """Sphinx's :class:`~sphinx.transforms.i18n.Locale`, except where the source is the text.

    Sphinx applies ``locales/<language>/.../<doc>.mo`` to every document. A document
    written in the edition's language must be shown as written, even when an old
    catalog of it (from when it had another original) is still on disk; and the
    gettext builder must extract the source itself, not an edition's translation of it.
    """

    def apply(self, **kwargs: Any) -> None:
        from sphinx.builders.gettext import MessageCatalogBuilder

        builder = getattr(self.env, "_builder_cls", None)
        if builder is not None and issubclass(builder, MessageCatalogBuilder):
            return
        docname = self.env.current_document.docname
        language = self.config.language or "en"
        if original_language(self.env, docname) != language:
            super().apply(**kwargs)
            return
        _warn_stale_catalog(self.env, self.config, docname, language)


def _warn_stale_catalog(env: Any, config: Config, docname: str, language: str) -> None:
    from sphinx.util.i18n import docname_to_domain

    domain = docname_to_domain(docname, config.gettext_compact)
    for directory in config.locale_dirs:
        stale = Path(env.srcdir, directory, language, "LC_MESSAGES", f"{domain}.po")
        if stale.is_file():
            logger.warning(
                "%s is a catalog in the language %s is written in (%s); it is ignored: the "
                "edition shows the source. Delete it once the other editions are translated "
                "(until then `concord update` offers its units reversed)", stale.resolve(), docname, language,
                location=docname, type="concord", subtype="stale_catalog",
            )


def _use_original_locale(app: Sphinx) -> None:
    """Put :class:`OriginalLocale` where Sphinx registered its ``Locale`` transform.

    Replaced in place, not added: two Locale transforms would translate twice. Should a
    Sphinx ever register none, nothing is translated and nothing is added.
    """
    transforms = app.registry.transforms
    for index, transform in enumerate(transforms):
        if transform is Locale:
            transforms[index] = OriginalLocale


def register_message_catalog(app: Sphinx) -> None:
    """Compile the extension's own .po files once per build and register them."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    compiled = Path(app.doctreedir) / "concord-locale"
    for po_path in (PACKAGE_DIR / "locale").glob("*/LC_MESSAGES/concord.po"):
        mo_path = compiled / po_path.relative_to(PACKAGE_DIR / "locale").with_suffix(".mo")
        if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        mo_path.parent.mkdir(parents=True, exist_ok=True)
        with po_path.open("rb") as src:
            catalog = read_po(src)
        tmp = mo_path.with_suffix(".mo.tmp")
        with tmp.open("wb") as out:
            write_mo(out, catalog)
        tmp.replace(mo_path)
    app.add_message_catalog(MESSAGE_CATALOG, str(compiled))
    app.add_css_file("concord.css")
    app.config.html_static_path.append(str(PACKAGE_DIR / "static"))


def insert_language_switcher(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Put the switcher right after the page title, where readers of the original saw it."""
    if (app.builder.format != "html" or len(app.config.concord_languages) < 2
            or not app.config.concord_language_switcher):
        return
    title = next(iter(doctree.findall(nodes.title)), None)
    if title is None:
        return
    links = edition_links(
        docname, app.config.language or "en", app.config.concord_languages,
        _target_suffix(app),
        app.config.concord_edition_base_url,
    )
    others = [link for link in links if not link.current]
    anchors = " ".join(
        f'<a href="{html.escape(link.href)}" hreflang="{link.tag}" lang="{link.tag}">'
        f"{html.escape(link.name)}</a>"
        for link in others
    )
    label = html.escape(_("This post is also available in:"))
    aria = html.escape(_("Other editions"))
    markup = (
        f'<nav class="concord-editions" aria-label="{aria}">'
        f'<span class="concord-editions-label">{label}</span> {anchors}</nav>\n'
    )
    title.parent.insert(title.parent.index(title) + 1, nodes.raw("", markup, format="html"))


def add_page_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any,
) -> None:
    """hreflang alternates, the translated publication title and a localized date."""
    if app.builder.format != "html":
        return
    language = app.config.language or "en"
    links = edition_links(
        pagename, language, app.config.concord_languages, _target_suffix(app),
        app.config.concord_edition_base_url,
    )
    if len(links) > 1:
        alternates = [
            f'<link rel="alternate" hreflang="{link.tag}" href="{html.escape(link.href)}" />'
            for link in links
        ]
        original = original_language(app.env, pagename) if pagename in app.env.all_docs else ""
        default = next((link for link in links if link.lang == original), links[0])
        alternates.append(
            f'<link rel="alternate" hreflang="x-default" href="{html.escape(default.href)}" />'
        )
        context["metatags"] = context.get("metatags", "") + "\n" + "\n".join(alternates) + "\n"
    context["concord_editions"] = links
    context["concord_language_name"] = autonym(language)
    root_title = app.env.titles.get(app.config.root_doc)
    if root_title is not None and app.config.concord_title_from_root_doc:
        context["docstitle"] = root_title.astext()
    changed = _last_changed(app, pagename)
    if changed is not None:
        context["last_updated"] = format_date(changed, format="long", locale=_babel_locale(language))


def _babel_locale(language: str) -> str:
    return language.replace("-", "_")


def _target_suffix(app: Sphinx) -> str:
    return str(getattr(app.builder, "out_suffix", ".html"))


def _last_changed(app: Sphinx, pagename: str) -> dt.date | None:
    """Date of the last commit that touched the page's source; None outside git."""
    if pagename not in app.env.all_docs:
        return None
    source = Path(app.env.doc2path(pagename))
    try:
        out = subprocess.run(
            ["git", "log", "-1", "--format=%cs", "--", source.name],
            cwd=source.parent, capture_output=True, text=True, timeout=30, check=False,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    try:
        return dt.date.fromisoformat(out) if out else None
    except ValueError:
        return None


def setup(app: Sphinx) -> ExtensionMetadata:
    app.add_config_value("concord_languages", [], "html", types=frozenset({list}))
    app.add_config_value("concord_footnote_label_style", "arabic", "env", types=frozenset({str}))
    app.add_config_value("concord_language_overrides", {}, "env", types=frozenset({dict}))
    app.add_config_value("concord_edition_base_url", "", "html", types=frozenset({str}))
    app.add_config_value("concord_language_switcher", True, "env", types=frozenset({bool}))
    # read by `concord update` (concord.tm.update); registered so Sphinx knows them
    app.add_config_value("concord_tm_threshold", 75, "", types=frozenset({int}))
    app.add_config_value("concord_tm_trusted", 101, "", types=frozenset({int}))
    app.add_config_value("concord_title_from_root_doc", True, "html", types=frozenset({bool}))
    # "" = conf.py's language: the original of documents without a :language: field
    app.add_config_value("concord_original_language", "", "env", types=frozenset({str}))
    app.connect("config-inited", remember_original_language, priority=90)
    app.connect("config-inited", apply_language_overrides, priority=100)
    app.connect("builder-inited", register_message_catalog)
    app.add_transform(FootnoteLabelStyle)
    _use_original_locale(app)
    app.connect("doctree-resolved", insert_language_switcher)
    app.connect("html-page-context", add_page_context)
    app.connect("build-finished", write_theme_pot)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
