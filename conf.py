"""Sphinx configuration of the publication: one file for every language edition.

Build one edition with ``sphinx-build -c . -D language=tr source build/html/tr``; the
Makefile (``make html``) builds all of them in parallel through ``concord build``.
Per-language settings live in ``concord_language_overrides`` because ``-D language``
is applied after this file has run.
"""

project = "Analyses"
author = "concord publication"
html_show_copyright = False    # the seed names no rights holder; none is invented
language = "en"                 # the source language: English is built from the source

root_doc = "index"
exclude_patterns: list[str] = []

extensions = ["concord.publish.sphinxext"]

# --- Editions ---------------------------------------------------------------------
concord_languages = ["en", "tr", "ru"]
concord_footnote_label_style = "lower-roman"   # the notes print i..viii as published
concord_language_overrides = {
    "tr": {"html_search_language": "tr"},
    "ru": {"html_search_language": "ru"},
}

# --- Translation memory policy (concord update) -------------------------------------
concord_tm_threshold = 75       # lowest match score offered to translators, as fuzzy
concord_tm_trusted = 101        # lowest score filled as translated: only in-context exact

# --- Catalogs (sphinx-intl layout: locales/<lang>/LC_MESSAGES/<docname>.po) --------
# The catalogs sit beside conf.py in locales/; Sphinx resolves locale_dirs against the
# source folder (source/), hence the "../".
locale_dirs = ["../locales/"]   # relative to the source folder, as Sphinx reads it
gettext_compact = False         # one catalog per document: articles/<slug>.po
gettext_uuid = False
gettext_location = True         # "#: source/articles/x.rst:12" lets checks point at the source
gettext_last_translator = "concord"

# Justified warnings (every other warning fails the tests):
# Sphinx 9.0 warns i18n.inconsistent_references when a translation legitimately
# reorders footnote references inside one paragraph (Turkish and Russian put the
# clause that carries the note elsewhere); 9.1 fixes the false alarm. It is silenced
# here because `concord check` (check id footnote-refs) compares every translation's
# references with the source's as a multiset and fails CI on a real drop, addition or
# relabelling, with the catalog file and line.
suppress_warnings = ["i18n.inconsistent_references"]

# --- HTML ---------------------------------------------------------------------------
html_theme = "furo"
html_title = project
html_show_sourcelink = False
html_copy_source = False
html_last_updated_fmt = None    # the extension formats the date with Babel per language
smartquotes = True
