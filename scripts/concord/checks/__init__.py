"""``concord check``: precise, reST-aware checks of translated catalogs.

The checks live one family per module (footnotes, completeness, markup, script,
unchanged) and are listed once in :mod:`concord.checks.registry`. The editions build
asks :func:`language_gate` whether a language may be published.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from concord.project import SphinxProject


def language_gate(project: SphinxProject, lang: str) -> list[str]:
    """Why ``lang`` may not be published: one ``path:line: ...`` line per reason.

    An empty list means the language passes: its catalogs are readable, no finding is at
    error severity, and it meets its completeness threshold.
    """
    from concord.checks.cli import execute, plan
    from concord.checks.config import load_config
    from concord.checks.registry import BY_ID
    from concord.report.formats import line_of

    the_plan = plan((), project.confdir, (lang,))
    result = execute(the_plan, load_config(project.root, set(BY_ID)), {})
    lines = list(result.errors)
    lines.extend(line_of(f) for f in result.findings if f.severity == "error")
    if lang in result.stats and not result.passed(lang):
        stats = result.stats[lang]
        lines.append(f"{lang}: {stats.percent:.1f}% translated, below the threshold of "
                     f"{result.thresholds[lang]:g}%; translate the missing segments listed above")
    return lines


__all__ = ["language_gate"]
