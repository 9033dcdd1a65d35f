"""Numerals of numbered units: parse a written numeral into its number and back.

Each numbered kind has one numeral style, the same in every language (United
Nations practice: sections I, II; subsections A, B; paragraphs 1, 2;
subparagraphs a, b; items i, ii). Only the punctuation around the numeral
differs between languages; that lives in each language's settings.

>>> parse_numeral("upper-roman", "XIV")
14
>>> format_numeral("lower-alpha", 28)
'bb'
"""

from __future__ import annotations

import functools
import re

ROMAN_VALUES = (
    (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
    (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
)
STYLES = ("arabic", "upper-roman", "lower-roman", "upper-alpha", "lower-alpha")
MAX_NUMBER = 3999
MAX_LETTERS = 4      # zzzz is 104: no list of subparagraphs goes further


class NumeralError(ValueError):
    """A written numeral that is not well formed for its style."""


def to_roman(number: int) -> str:
    """Lower-case roman numeral of 1..3999.

    >>> to_roman(1999)
    'mcmxcix'
    """
    digits = []
    for value, letters in ROMAN_VALUES:
        count, number = divmod(number, value)
        digits.append(letters * count)
    return "".join(digits)


def to_alpha(number: int) -> str:
    """United Nations letter numbering: a..z, then aa, bb, cc...

    >>> [to_alpha(n) for n in (1, 26, 27, 53)]
    ['a', 'z', 'aa', 'aaa']
    """
    repeat, index = divmod(number - 1, 26)
    return chr(ord("a") + index) * (repeat + 1)


@functools.lru_cache(maxsize=8192)     # the same numerals again and again, in every language
def format_numeral(style: str, number: int) -> str:
    """The numeral of ``number`` written in ``style``."""
    if style == "arabic":
        return str(number)
    text = to_roman(number) if style.endswith("roman") else to_alpha(number)
    return text.upper() if style.startswith("upper") else text


def parse_numeral(style: str, written: str) -> int:
    """The number a numeral stands for; NumeralError unless it is well formed.

    A numeral is well formed only in its canonical spelling: ``IIII`` or
    ``VX`` are errors, not other numbers.

    >>> parse_numeral("lower-roman", "iiii")
    Traceback (most recent call last):
    ...
    editions.read.numerals.NumeralError: 'iiii' is not a well-formed lower-case roman numeral
    """
    if style == "arabic":
        if not re.fullmatch(r"[1-9][0-9]{0,3}", written):
            raise NumeralError(f"{written!r} is not a well-formed arabic number")
        return int(written)
    kind = "roman numeral" if style.endswith("roman") else "letter"
    case_ok = written.isupper() if style.startswith("upper") else written.islower()
    number = _parse_letters(style, written.lower()) if case_ok else None
    if number is None:
        casing = "capital" if style.startswith("upper") else "lower-case"
        raise NumeralError(f"{written!r} is not a well-formed {casing} {kind}")
    return number


def _parse_letters(style: str, text: str) -> int | None:
    if not text.isascii() or not text.isalpha():
        return None
    if style.endswith("roman"):
        return _roman_value(text)
    if len(set(text)) != 1 or len(text) > MAX_LETTERS:
        return None
    return (len(text) - 1) * 26 + ord(text[0]) - ord("a") + 1


def _roman_value(text: str) -> int | None:
    total, rest = 0, text
    for value, letters in ROMAN_VALUES:
        while rest.startswith(letters):
            total += value
            rest = rest[len(letters):]
    if rest or not 0 < total <= MAX_NUMBER or to_roman(total) != text:
        return None
    return total
