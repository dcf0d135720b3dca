"""Where translators and CI are: the pre-commit hook and the GitHub annotations.

The hook is exercised three ways, all offline: pre-commit validates the manifest;
the hook's ``entry`` runs with a file list as pre-commit runs it; and pre-commit itself
runs in a temporary git repository with the manifest's hook as a local hook
(``language: system``: the installed concord, nothing downloaded), so only the staged
catalogs are checked.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from check_helpers import E, po_text

yaml = pytest.importorskip("yaml")  # comes with pre-commit, a test dependency

REPO = Path(__file__).resolve().parents[2]
MANIFEST = REPO / ".pre-commit-hooks.yaml"
BIN = Path(sys.executable).parent
PRE_COMMIT = shutil.which("pre-commit", path=str(BIN)) or shutil.which("pre-commit")
GITHUB_LINE = re.compile(r"^::(error|warning|notice) file=([^,:]+),line=(\d+)(?:,title=([a-z0-9-]+))?::(\S.*)$")


def _hook() -> dict[str, object]:
    hooks = yaml.safe_load(MANIFEST.read_text("utf-8"))
    assert [h["id"] for h in hooks] == ["concord-check"]
    return hooks[0]


def _env(tmp_path: Path) -> dict[str, str]:
    return {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
            "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"), "GIT_AUTHOR_NAME": "t",
            "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
            "GIT_COMMITTER_EMAIL": "t@example.org"}


def _repo(tmp_path: Path) -> Path:
    """A translation repository: one clean catalog, one already broken (not changed)."""
    repo = tmp_path / "translations"
    (repo / "po").mkdir(parents=True)
    (repo / "po" / "good.po").write_text(po_text([E("Apple.", "Яблоко.")]), "utf-8")
    (repo / "po" / "old-broken.po").write_text('msgid "x"\nmsgstr "unterminated\n', "utf-8")
    (repo / "README.txt").write_text("not a catalog\n", "utf-8")
    env = _env(tmp_path)
    subprocess.run(["git", "init", "-q", str(repo)], check=True, env=env)
    subprocess.run(["git", "add", "."], cwd=repo, check=True, env=env)
    subprocess.run(["git", "commit", "-qm", "start"], cwd=repo, check=True, env=env)
    return repo


def test_manifest_is_what_pre_commit_accepts(tmp_path: Path) -> None:
    hook = _hook()
    assert hook["entry"] == "concord check" and hook["files"] == r"\.po$"
    assert hook["pass_filenames"] is True and hook["require_serial"] is True
    if PRE_COMMIT is None:
        pytest.skip("pre-commit is not installed (a test dependency)")
    result = subprocess.run([PRE_COMMIT, "validate-manifest", str(MANIFEST)], capture_output=True,
                            text=True, env=_env(tmp_path), check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_entry_with_a_file_list_checks_only_those(tmp_path: Path) -> None:
    """What pre-commit executes: ``entry`` + ``args`` + the changed file names."""
    repo = _repo(tmp_path)
    command = shlex.split(str(_hook()["entry"]))
    env = _env(tmp_path)
    clean = subprocess.run(command + ["po/good.po"], cwd=repo, capture_output=True, text=True,
                           env=env, check=False)
    assert clean.returncode == 0, clean.stdout + clean.stderr
    broken = subprocess.run(command + ["po/good.po", "po/old-broken.po"], cwd=repo,
                            capture_output=True, text=True, env=env, check=False)
    assert broken.returncode == 2
    assert "po/old-broken.po:2: error: unterminated string" in broken.stdout


def test_pre_commit_runs_the_hook_on_staged_catalogs(tmp_path: Path) -> None:
    if PRE_COMMIT is None:
        pytest.skip("pre-commit is not installed (a test dependency)")
    repo = _repo(tmp_path)
    hook = {**_hook(), "language": "system"}
    hook.pop("minimum_pre_commit_version", None)
    (repo / ".pre-commit-config.yaml").write_text(
        yaml.safe_dump({"repos": [{"repo": "local", "hooks": [hook]}]}), "utf-8")
    env = _env(tmp_path)
    (repo / "po" / "good.po").write_text(po_text([E("Apple.", "Яблоко."), E("Pear.")]), "utf-8")
    subprocess.run(["git", "add", "po/good.po", ".pre-commit-config.yaml"], cwd=repo, check=True, env=env)
    failed = subprocess.run([PRE_COMMIT, "run"], cwd=repo, capture_output=True, text=True,
                            env=env, check=False)
    assert failed.returncode == 1, failed.stdout
    assert "po/good.po:" in failed.stdout and "untranslated" in failed.stdout
    assert "old-broken.po" not in failed.stdout  # not staged: not checked
    (repo / "po" / "good.po").write_text(po_text([E("Apple.", "Яблоко."), E("Pear.", "Груша.")]), "utf-8")
    subprocess.run(["git", "add", "po/good.po"], cwd=repo, check=True, env=env)
    passed = subprocess.run([PRE_COMMIT, "run"], cwd=repo, capture_output=True, text=True,
                            env=env, check=False)
    assert passed.returncode == 0, passed.stdout
    assert re.search(r"concord check \(gettext catalogs\)\.+Passed", passed.stdout), passed.stdout


def test_github_annotations_are_well_formed(tmp_path: Path) -> None:
    """Every workflow command names an existing file, a line inside it, a check id, and
    a one-line message (newlines and % escaped as GitHub requires)."""
    repo = _repo(tmp_path)
    (repo / "po" / "bad.po").write_text(po_text([
        E("Apple.", "Яблоко."), E("Pear."), E("See `the docs <https://example.org/a>`_.",
                                            "Voir `la doc <https://example.com/b>`_."),
        E("100% sure\nof it.", "Уверен\nна  100%."),
    ]), "utf-8")
    (repo / "po" / "with,comma.po").write_text(po_text([E("Plum.")]), "utf-8")
    result = subprocess.run(shlex.split(str(_hook()["entry"])) + ["--format", "github", "po/"],
                            cwd=repo, capture_output=True, text=True, env=_env(tmp_path), check=False)
    assert result.returncode == 2  # old-broken.po cannot be read
    commands = [l for l in result.stdout.splitlines() if l.startswith("::")]
    assert len(commands) >= 5, result.stdout
    kinds = set()
    for line in commands:
        if line.startswith("::notice::"):
            continue
        match = GITHUB_LINE.match(line)
        assert match, line
        level, file, number, check, message = match.groups()
        file = file.replace("%2C", ",").replace("%3A", ":").replace("%25", "%")  # escapeProperty
        lines = (repo / file).read_text("utf-8").count("\n") + 1
        assert 1 <= int(number) <= lines, line
        assert "\n" not in message and "%" not in message.replace("%25", "").replace("%0A", "")
        kinds.add((level, check))
    assert ("error", "untranslated") in kinds and ("error", None) in kinds  # finding + read error
    assert any(check == "double-space" for _, check in kinds)
    assert any(l.startswith("::error file=po/with%2Ccomma.po,line=") for l in commands)


def test_no_source_skips_the_sphinx_read(capsys: pytest.CaptureFixture[str]) -> None:
    """Inside a project, ``--no-source`` (the hook's ``args`` on a large project) checks the
    catalog alone and says which checks it skipped; without it the source is read."""
    from concord.checks.cli import plan

    catalog = REPO / "locales" / "ru" / "LC_MESSAGES" / "index.po"
    with_source = plan((catalog,), REPO, ())
    without = plan((catalog,), REPO, (), source=False)
    assert with_source.needs_source and not without.needs_source
    assert [job.lang for job in without.jobs] == ["ru"]
    assert any("--no-source: checks that need the source were skipped (footnote-body" in n
               for n in without.notes)
