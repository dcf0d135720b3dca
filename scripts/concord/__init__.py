"""concord: translation-memory publishing for long-form writing.

One English reStructuredText source is the single truth; gettext catalogs hold the
translations; Sphinx builds one HTML (and PDF) edition per language; checks keep the
footnotes of every edition aligned; a translation memory reuses earlier work.
"""

__version__ = "0.1.0"
