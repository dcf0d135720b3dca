"""Helpers of the report tests: a copy of the publication with planted problems.

Planted in the copy's catalogs (the repository's are never written):

* tr: the "In July 2023" paragraph left untranslated;
* tr: the reference ``[#menadue]_`` dropped from the "Similar to France" paragraph;
* tr: the "NATO appears" paragraph fuzzy, with a memory score and a previous msgid;
* ru: the URL of note ii (``[#menadue]``) changed.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import polib
from concord.report.site.cli import Written

ARTICLE = "articles/europe-us-asia-pacific"
UNTRANSLATED = "In July 2023"
DROPPED = "Similar to France"
FUZZY = "NATO appears"
MENADUE_URL = "https://johnmenadue.com/nato-wants-asia/"
CHANGED_URL = "https://johnmenadue.com/nato-wants-europe/"


@dataclass
class Built:
    root: Path
    out: Path
    written: Written
    check: dict  # `concord check --format json` of the same project

    def data(self) -> dict:
        return json.loads((self.out / "report.json").read_text("utf-8"))

    def finding(self, lang: str, check: str) -> dict:
        found = [f for f in self.check["findings"] if f["lang"] == lang and f["check"] == check]
        assert len(found) == 1, found
        return found[0]


def copy_project(repo: Path, root: Path) -> Path:
    """conf.py, source/ and locales/ of the publication (as the shared project_copy does)."""
    root.mkdir(parents=True)
    shutil.copy2(repo / "conf.py", root / "conf.py")
    shutil.copytree(repo / "source", root / "source")
    shutil.copytree(repo / "locales", root / "locales", ignore=shutil.ignore_patterns("*.mo"))
    return root


def plant(root: Path) -> None:
    tr = polib.pofile(str(root / f"locales/tr/LC_MESSAGES/{ARTICLE}.po"))
    for entry in tr:
        if entry.msgid.startswith(UNTRANSLATED):
            entry.msgstr = ""
        elif entry.msgid.startswith(DROPPED):
            assert "[#menadue]_" in entry.msgstr
            entry.msgstr = entry.msgstr.replace(" [#menadue]_", "").replace("[#menadue]_", "")
        elif entry.msgid.startswith(FUZZY):
            entry.flags.append("fuzzy")
            entry.previous_msgid = entry.msgid.replace("very interested", "keen")
            entry.tcomment = "concord-tm: 87% fuzzy match\nconcord-tm: from tm/en-tr.tmx"
    tr.save()
    ru = polib.pofile(str(root / f"locales/ru/LC_MESSAGES/{ARTICLE}.po"))
    changed = 0
    for entry in ru:
        if MENADUE_URL in entry.msgstr:
            entry.msgstr = entry.msgstr.replace(MENADUE_URL, CHANGED_URL)
            changed += 1
    assert changed == 1
    ru.save()


def check_json(root: Path) -> dict:
    done = subprocess.run([sys.executable, "-m", "concord.cli", "check", "-c", str(root),
                           "--format", "json"], capture_output=True, text=True, check=False)
    assert done.returncode in (0, 1), done.stderr
    return json.loads(done.stdout)
