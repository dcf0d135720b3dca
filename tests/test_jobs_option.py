"""``-j`` takes positive whole numbers only, on every command that has it.

``-j 0`` used to be read as "the default" and ``-j -1`` went to the pool unchecked;
both are refused before any work, with click's line naming the option and the range.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from concord.cli import main


@pytest.mark.parametrize("command", ["build", "pdf", "check"])
@pytest.mark.parametrize("jobs", ["0", "-1"])
def test_jobs_below_one_refused_with_exit_2(
    command: str, jobs: str, tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    assert main([command, "-j", jobs, "-c", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert f"Invalid value for '-j' / '--jobs': {jobs} is not in the range x>=1." in err
    assert not (tmp_path / "build").exists()


@pytest.mark.parametrize("command", ["build", "pdf", "check"])
def test_jobs_not_a_number_refused(command: str, tmp_path: Path,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    assert main([command, "-j", "many", "-c", str(tmp_path)]) == 2
    assert "'many' is not a valid integer" in capsys.readouterr().err
