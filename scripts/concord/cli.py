"""The ``concord`` command line: a click group of thin subcommands.

Each subcommand lives beside the code it drives and is imported only when it runs,
so ``concord check`` in a pre-commit hook does not pay for WeasyPrint or psycopg.

Exit codes (the contract CI relies on): 0 clean, 1 findings (or a failed edition),
2 usage error or unreadable input, 3 internal error (a bug: the traceback is written
to a log file whose path is printed).
"""

from __future__ import annotations

import importlib
import sys
import tempfile
import traceback
from collections.abc import Sequence

import click

from concord import __version__
from concord.errors import ConcordError

#: subcommand name -> "module:attribute" of its click command.
SUBCOMMANDS: dict[str, str] = {
    "build": "concord.publish.cli:build",
    "pdf": "concord.publish.pdf.cli:pdf",
    "check": "concord.checks.cli:check",
    "update": "concord.tm.cli:update",
    "tm": "concord.tm.cli:tm",
    "report": "concord.report.site.cli:report",
    "glossary": "concord.glossary.cli:glossary",
}


class LazyGroup(click.Group):
    """A group whose subcommands are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(SUBCOMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = SUBCOMMANDS.get(cmd_name)
        if target is None:
            return None
        module_name, _, attribute = target.partition(":")
        command = getattr(importlib.import_module(module_name), attribute)
        assert isinstance(command, click.Command)
        return command


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="concord")
def cli() -> None:
    """Translation-memory publishing: one English source, aligned editions."""


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI and turn every outcome into an exit code (see the module docstring)."""
    try:
        result = cli.main(args=list(argv) if argv is not None else None, standalone_mode=False)
    except ConcordError as err:
        click.echo(str(err), err=True)
        return err.exit_code
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        return 130
    except click.ClickException as err:
        err.show()
        return 2
    except Exception:  # a bug: keep the details, not a wall of traceback
        with tempfile.NamedTemporaryFile(
            "w", prefix="concord-crash-", suffix=".log", delete=False
        ) as log:
            traceback.print_exc(file=log)
        click.echo(
            f"concord: internal error ({sys.exc_info()[1]!r}); details in {log.name}. "
            "Please report it with that file.", err=True,
        )
        return 3
    return int(result or 0)


if __name__ == "__main__":
    sys.exit(main())
