"""Footnote label styles: the numbering readers of the printed original expect.

Sphinx numbers auto-labelled footnotes (``[#]_``, ``[#name]_``) 1, 2, 3...; long-form
analysis is often cited i, ii, iii. Labels are rendered here rather than written by
hand, because hand-written citations (``[i]_``) are global across documents in Sphinx
and would clash as soon as a second article cites its own ``[i]``.
"""

from __future__ import annotations

from collections.abc import Callable

_ROMAN = (
    (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
    (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
)


def lower_roman(number: int) -> str:
    """Return ``number`` (1..3999) in lower-case roman numerals."""
    if not 0 < number < 4000:
        raise ValueError(f"roman numerals cover 1..3999, not {number}")
    digits = []
    for value, letters in _ROMAN:
        count, number = divmod(number, value)
        digits.append(letters * count)
    return "".join(digits)


def upper_roman(number: int) -> str:
    return lower_roman(number).upper()


def lower_alpha(number: int) -> str:
    """a..z, then aa, ab... as spreadsheets count columns."""
    if number < 1:
        raise ValueError(f"alphabetic labels start at 1, not {number}")
    letters = []
    while number:
        number, rest = divmod(number - 1, 26)
        letters.append(chr(ord("a") + rest))
    return "".join(reversed(letters))


def arabic(number: int) -> str:
    return str(number)


LABEL_STYLES: dict[str, Callable[[int], str]] = {
    "arabic": arabic,
    "lower-roman": lower_roman,
    "upper-roman": upper_roman,
    "lower-alpha": lower_alpha,
}
