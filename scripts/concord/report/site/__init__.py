"""``concord report``: the editor's desk, a static review site in ``build/report/``.

Compute once, render twice: :mod:`.checks_adapter` runs ``concord check``'s machinery
once, :mod:`.data` turns its result (and the source read for it) into the
:class:`~concord.report.site.model.Report`, and :mod:`.render` writes that model as
the dashboard, the findings pages, one review page per source document, SVG badges and
``report.json``. Like coverage.py's ``htmlcov``, the site works from the file system:
relative links, one stylesheet, one small script, no network request.
"""
