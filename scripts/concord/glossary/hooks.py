"""What ``concord check`` does around its runner for the glossary checks.

Before: the glossary and word lists are loaded once (a malformed glossary stops the run
with its ``path:line:`` error, exit 2), and a language without a spelling dictionary is
named once. After: the consistency check, which needs every catalog at once, runs over
the same files where a glossary is in use; the runner streams its findings after the others.
"""

from __future__ import annotations

from operator import itemgetter
from pathlib import Path
from typing import Any

from concord import glossary as glossary_module
from concord.checks.config import CheckConfig


def before_run(the_plan: Any, config: CheckConfig, explicit: Path | None) -> None:
    # the project's glossary is for the project's catalogs, not for bare ones checked from
    # inside it (another project's catalogs given by path)
    ours = the_plan.project is not None and any(job.domain is not None for job in the_plan.jobs)
    root = the_plan.project.root if ours else None
    active = glossary_module.activate(root, explicit)
    if "spelling" in config.ignore or not active.enabled:
        return
    from concord.checks.spelling import missing_dictionaries

    langs = {job.lang for job in the_plan.jobs if job.lang}
    for lang in missing_dictionaries(langs):
        the_plan.notes.append(
            f"note: no spelling dictionary for {lang!r}: the spelling check skips it; install "
            f"one (Debian: apt-get install hunspell-{lang.split('_')[0]})")


def after_run(the_plan: Any, config: CheckConfig) -> list[Any]:
    """The consistency findings, over every catalog of the run, sorted by place."""
    from concord.checks.consistency import after_run as consistency

    enabled = glossary_module.active().enabled
    glossary_module.deactivate()
    if not enabled:
        # the terminology checks are the project's choice (a glossary/ folder, --glossary):
        # consistency rereads every catalog, which bare catalogs given by path are spared
        return []
    return sorted(consistency(the_plan.jobs, config), key=itemgetter(0, 1, 3))
