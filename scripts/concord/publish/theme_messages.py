"""Interface strings of the HTML theme, extracted into the project's ``sphinx.pot``.

Sphinx translates its own interface, but a theme such as furo adds strings ("Back to
top", "Skip to content", "Last updated on ...") that Sphinx's catalogs lack. Sphinx
looks up every ``_()`` of a template in the ``sphinx`` message domain and searches the
project's ``locale_dirs`` first, so ``locales/<lang>/LC_MESSAGES/sphinx.po`` completes
the interface of each edition. This module finds the theme's templates through
Sphinx's own theme loader and extracts them with Babel and Jinja2's extractor.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir

if TYPE_CHECKING:
    from sphinx.application import Sphinx

THEME_DOMAIN = "sphinx"
JINJA_METHOD = ("**.html", "jinja2.ext:babel_extract")


def theme_template_dirs(app: Sphinx) -> list[Path]:
    """Template folders of the project's HTML theme and the themes it inherits from,
    plus the project's own ``templates_path``, resolved by Sphinx's theme loader."""
    from sphinx.theming import HTMLThemeFactory

    factory = HTMLThemeFactory(
        confdir=app.confdir, app=app, config=app.config, registry=app.registry,
    )
    theme = factory.create(app.config.html_theme)
    dirs = [Path(app.confdir, p) for p in app.config.templates_path]
    return dirs + [Path(d) for d in theme.get_theme_dirs()]


def write_theme_pot(app: Sphinx, exception: Exception | None) -> None:
    """After the gettext builder: write ``<outdir>/sphinx.pot`` for the theme's strings."""
    if exception is not None or app.builder.name != "gettext":
        return
    from babel.messages.pofile import write_po

    catalog = extract_theme_catalog(theme_template_dirs(app), app.config.project)
    target = Path(app.outdir) / f"{THEME_DOMAIN}.pot"
    tmp = target.with_suffix(".pot.tmp")
    with tmp.open("wb") as out:
        write_po(out, catalog, width=76, sort_output=True, omit_header=False)
    tmp.replace(target)


def extract_theme_catalog(template_dirs: list[Path], project: str) -> Catalog:
    """Every translatable string of the given template folders, with locations."""
    catalog = Catalog(project=project, domain=THEME_DOMAIN)
    # Not trimmed: Sphinx's template environment looks strings up untrimmed, with the
    # whitespace of the template, so the msgids must keep it to ever match.
    options = {"**.html": {"extensions": "jinja2.ext.do"}}
    for folder in template_dirs:
        for filename, lineno, message, comments, context in extract_from_dir(
            str(folder), method_map=[JINJA_METHOD], options_map=options,
        ):
            location = (f"{folder.parent.name}/{folder.name}/{filename}", lineno)
            catalog.add(message, locations=[location], auto_comments=comments, context=context)
    return catalog
