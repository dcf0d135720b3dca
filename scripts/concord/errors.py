"""The one exception family of concord, caught once at the command-line boundary.

Every error a user can cause says what is wrong, quotes the value, and says what to
do. ``location`` (``path`` or ``path:line``) leads the message so editors and CI
annotations can jump to it.
"""

from __future__ import annotations


class ConcordError(Exception):
    """A problem the user can fix; the CLI prints it as one line and exits 2."""

    exit_code = 2

    def __init__(self, message: str, *, location: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.location = location

    def __str__(self) -> str:
        if self.location:
            return f"{self.location}: error: {self.message}"
        return f"error: {self.message}"


class ProjectError(ConcordError):
    """The Sphinx project cannot be found or its configuration is unusable."""


class CatalogError(ConcordError):
    """A catalog cannot be read or written (malformed, missing, not a catalog)."""

    def __init__(self, message: str, *, path: str, line: int | None = None) -> None:
        location = f"{path}:{line}" if line else path
        super().__init__(message, location=location)
        self.path = path
        self.line = line
