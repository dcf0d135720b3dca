"""The typefaces of the printed editions: found on disk, declared to WeasyPrint, checked.

The PDFs embed DejaVu (Serif Condensed for the text, Sans Condensed for display and
page furniture, Sans Mono for code): free, installed with most Linux systems (Debian:
``fonts-dejavu-core`` and ``fonts-dejavu-extra``), covering Latin with Turkish,
Cyrillic and Greek.
Nothing is downloaded at run time. The fonts are declared with ``@font-face`` under
names of our own, so the system's font substitution never silently picks a different
face; before an edition is typeset :func:`missing_characters` checks that every
character of its text exists in every face, because a character no face covers would
print as an empty box (or in a fallback font that is not ours).

``CONCORD_FONT_DIRS`` (folders separated by ``os.pathsep``) replaces the folders
searched by default.
"""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from concord.errors import ConcordError

FONT_DIRS_ENV = "CONCORD_FONT_DIRS"
DEFAULT_FONT_DIRS = (
    "/usr/share/fonts/truetype/dejavu",     # Debian, Ubuntu
    "/usr/share/fonts/dejavu",              # Fedora, Arch
    "/usr/share/fonts/TTF",
    "/usr/local/share/fonts",
    "~/.local/share/fonts",
    "~/.fonts",
    "/Library/Fonts",
    "~/Library/Fonts",
)
INSTALL_HINT = (
    "install the DejaVu fonts (Debian/Ubuntu: apt-get install fonts-dejavu-core "
    "fonts-dejavu-extra) or point CONCORD_FONT_DIRS at the folder holding them"
)


@dataclass(frozen=True)
class Face:
    """One font file under the CSS family, weight and style the stylesheet uses."""

    family: str
    weight: int
    style: str
    filename: str


TEXT_FAMILY = "Concord Text"
DISPLAY_FAMILY = "Concord Display"
MONO_FAMILY = "Concord Mono"
FACES = (
    Face(TEXT_FAMILY, 400, "normal", "DejaVuSerifCondensed.ttf"),
    Face(TEXT_FAMILY, 700, "normal", "DejaVuSerifCondensed-Bold.ttf"),
    Face(TEXT_FAMILY, 400, "italic", "DejaVuSerifCondensed-Italic.ttf"),
    Face(TEXT_FAMILY, 700, "italic", "DejaVuSerifCondensed-BoldItalic.ttf"),
    Face(DISPLAY_FAMILY, 400, "normal", "DejaVuSansCondensed.ttf"),
    Face(DISPLAY_FAMILY, 700, "normal", "DejaVuSansCondensed-Bold.ttf"),
    Face(MONO_FAMILY, 400, "normal", "DejaVuSansMono.ttf"),
)


class FontError(ConcordError):
    """A font the print stylesheet needs is missing or does not cover the text."""


def font_dirs() -> list[Path]:
    configured = os.environ.get(FONT_DIRS_ENV)
    folders = configured.split(os.pathsep) if configured else DEFAULT_FONT_DIRS
    return [Path(folder).expanduser() for folder in folders if folder]


def locate(face: Face, folders: Iterable[Path] | None = None) -> Path:
    """The file of ``face``; :class:`FontError` naming the folders searched if absent."""
    searched = list(folders if folders is not None else font_dirs())
    for folder in searched:
        for candidate in (folder / face.filename, *folder.glob(f"*/{face.filename}")):
            if candidate.is_file():
                return candidate
    where = ", ".join(str(f) for f in searched) or "(no folders)"
    raise FontError(
        f"font file {face.filename!r} ({face.family}) not found in {where}; {INSTALL_HINT}"
    )


def located_faces() -> dict[Face, Path]:
    folders = font_dirs()
    return {face: locate(face, folders) for face in FACES}


def font_face_css(faces: dict[Face, Path]) -> str:
    """``@font-face`` rules pointing at the local files (embedded, subset, in the PDF)."""
    return "\n".join(
        f'@font-face {{ font-family: "{face.family}"; font-weight: {face.weight}; '
        f'font-style: {face.style}; src: url("{path.resolve().as_uri()}"); }}'
        for face, path in faces.items()
    )


@lru_cache(maxsize=None)
def _cmap(path: Path) -> frozenset[int]:
    from fontTools.ttLib import TTFont

    with TTFont(path, lazy=True) as font:
        return frozenset(font.getBestCmap())


def _needs_glyph(char: str) -> bool:
    """Spaces, controls and format characters (soft hyphen, joiners) print no glyph."""
    return not char.isspace() and unicodedata.category(char) not in {"Cc", "Cf", "Zs", "Zl", "Zp"}


def missing_characters(text: str, faces: dict[Face, Path]) -> dict[str, list[str]]:
    """Characters of ``text`` some face lacks: ``{character: [font files lacking it]}``."""
    gaps: dict[str, list[str]] = {}
    for char in sorted({c for c in text if _needs_glyph(c)}):
        lacking = [face.filename for face, path in faces.items() if ord(char) not in _cmap(path)]
        if lacking:
            gaps[char] = lacking
    return gaps


def describe_gaps(gaps: dict[str, list[str]], faces: int = len(FACES)) -> str:
    """``'漢' (U+6F22) is in none of the print fonts; 'x' (U+..) is missing from A.ttf``."""
    parts = []
    for char, lacking in list(gaps.items())[:6]:
        where = ("is in none of the print fonts" if len(lacking) >= faces
                 else f"is missing from {', '.join(lacking)}")
        parts.append(f"{char!r} (U+{ord(char):04X}) {where}")
    more = f"; and {len(gaps) - 6} more characters" if len(gaps) > 6 else ""
    return "; ".join(parts) + more


#: The start of WeasyPrint's warning, repeated for every font of every PDF, when it
#: cannot use HarfBuzz to subset fonts; concord folds them into one :func:`subsetting_note`.
FONTTOOLS_FALLBACK_WARNING = "Using fontTools instead of HarfBuzz-Subset"


def subsetting_note() -> str | None:
    """Why WeasyPrint subsets fonts with fontTools on this machine, said once (None: it does not).

    WeasyPrint loads ``libharfbuzz-subset.so.0`` with cffi (``weasyprint/text/ffi.py``)
    and needs HarfBuzz 4.1 or later; otherwise it falls back to fontTools and warns
    once per font of every PDF. On Debian the library is its own package,
    ``libharfbuzz-subset0``, which WeasyPrint's dependencies (Pango, libharfbuzz0b) do
    not pull in: a machine has it only if something else (Chromium) brought it.
    The PDFs are the same either way; the fallback is slower, and future WeasyPrint
    releases will require the library.
    """
    from weasyprint.text import ffi

    if ffi.harfbuzz_subset is not None and ffi.harfbuzz.hb_version_atleast(4, 1, 0):
        return None
    return (
        "note: WeasyPrint cannot use HarfBuzz to subset the fonts (libharfbuzz-subset.so.0 "
        "of HarfBuzz 4.1 or later not found), so it subsets them with fontTools: the PDFs "
        "are the same, only slower. Install it to silence this (Debian/Ubuntu: apt-get "
        "install libharfbuzz-subset0, which .ci/system-packages.sh does)"
    )
