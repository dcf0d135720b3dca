"""Where a project keeps its glossary and word lists, and reading them in one go.

``glossary/`` beside ``conf.py`` holds ``*.tbx`` and ``*.csv`` glossaries (merged; a
concept id defined twice is an error) and ``words-<lang>.txt`` word lists: one word a
line, ``#`` starts a comment, the words the spelling check accepts in that language
(python-docs projects keep the same in ``dictionaries/*.txt``, also read).
"""

from __future__ import annotations

from pathlib import Path

from concord.errors import ConcordError
from concord.glossary.csvfile import read_csv, write_csv
from concord.glossary.model import Glossary

FOLDER = "glossary"


def read_file(path: Path, display: str | None = None) -> Glossary:
    """One glossary file, TBX or CSV by its extension."""
    suffix = path.suffix.lower()
    if suffix in (".tbx", ".xml"):
        from concord.glossary.tbx import read_tbx  # the XML stack, only when a glossary is read

        return read_tbx(path, display)
    if suffix == ".csv":
        return read_csv(path, display)
    raise ConcordError(f"{display or path}: unknown glossary format {suffix!r}; use .tbx "
                       "(TBX-Basic) or .csv")


def glossary_files(target: Path) -> list[Path]:
    """The glossary files ``target`` names: a file, or the ``*.tbx``/``*.csv`` in a folder."""
    if target.is_dir():
        return sorted(p for p in target.iterdir() if p.suffix.lower() in (".tbx", ".csv"))
    if target.exists():
        return [target]
    raise ConcordError(f"{target}: no such glossary file or folder; pass a .tbx or .csv file")


def read_glossary(paths: list[Path], root: Path | None = None) -> Glossary:
    """Every file of ``paths`` merged into one glossary (shown relative to ``root``)."""
    glossary = Glossary()
    for path in paths:
        shown = _display(path, root)
        glossary = glossary.merged(read_file(path, shown))
    return glossary


def render(glossary: Glossary, fmt: str) -> str:
    from concord.glossary.tbx import write_tbx

    return write_tbx(glossary) if fmt == "tbx" else write_csv(glossary)


def project_glossary(root: Path) -> Glossary | None:
    """The glossary of the project at ``root``, or None when it keeps none."""
    folder = root / FOLDER
    if not folder.is_dir():
        return None
    files = glossary_files(folder)
    return read_glossary(files, root) if files else None


def known_words(roots: list[Path], lang: str) -> frozenset[str]:
    """The words the project accepts in ``lang``: ``words-<lang>.txt`` in each root or its
    ``glossary/`` folder, and every ``dictionaries/*.txt`` (the python-docs habit)."""
    words: set[str] = set()
    names = {f"words-{lang}.txt", f"words-{lang.split('_')[0]}.txt"}
    for root in dict.fromkeys(roots):
        candidates = [root / n for n in names] + [root / FOLDER / n for n in names]
        if (root / "dictionaries").is_dir():
            candidates += sorted((root / "dictionaries").glob("*.txt"))
        for path in candidates:
            if path.is_file():
                words.update(_words_of(path))
    return frozenset(words)


def _words_of(path: Path) -> list[str]:
    try:
        lines = path.read_text("utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as err:
        raise ConcordError(f"{path}: cannot be read as UTF-8 ({err}); save it as UTF-8") from err
    return [w for line in lines for w in line.split("#", 1)[0].split()]


def _display(path: Path, root: Path | None) -> str:
    if root is not None:
        try:
            return path.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            pass
    return str(path)
