"""Numeral systems: parse a written numeral into its number, and write a number back.

A scheme's level names a numeral system (``lower-alpha`` for subparagraphs); a
language may write that level in its own system (Russian ``cyrillic``, Arabic
``abjad``). Numbers are compared, never the written text, so ``(b)``, ``б)``
and ``(ب)`` are all 2.

Every system parses only its canonical spelling: ``IIII`` or ``VX`` are
errors, not other numbers. Letter systems follow United Nations practice: the
alphabet once, then each letter doubled (``aa``, ``bb``); Cyrillic and Arabic
letters are doubled the same way (an assumption: no document seen goes past я or غ).

>>> parse_numeral("upper-roman", "XIV")
14
>>> format_numeral("lower-alpha", 28)
'bb'
>>> [format_numeral("cyrillic", n) for n in (1, 2, 9, 10)]
['а', 'б', 'и', 'к']
>>> [format_numeral("chinese", n) for n in (1, 10, 11, 21, 100, 101, 110)]
['一', '十', '十一', '二十一', '一百', '一百零一', '一百一十']
>>> parse_numeral("abjad", "هـ"), parse_numeral("arabic-indic", "١٢"), parse_numeral("circled", "⑳")
(5, 12, 20)
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

ROMAN_VALUES = (
    (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
    (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
)
MAX_NUMBER = 3999
MAX_LETTERS = 4      # zzzz is 104: no list of subparagraphs goes further
LATIN = tuple("abcdefghijklmnopqrstuvwxyz")
# Russian editions letter subparagraphs а), б), в)... leaving out ё, й, ъ, ы, ь (the Russian text of the
# Headquarters Agreement, General Assembly resolution 169 (II), section 1: "а) выражение «район...»").
CYRILLIC = tuple("абвгдежзиклмнопрстуфхцчшщэюя")
# Arabic editions letter subparagraphs (أ) (ب) (ج) (د), in abjad order: أبجد هوز حطي كلمن سعفص قرشت ثخذ ضظغ.
ABJAD = ("أ", "ب", "ج", "د", "هـ", "و", "ز", "ح", "ط", "ي", "ك", "ل", "م", "ن",
         "س", "ع", "ف", "ص", "ق", "ر", "ش", "ت", "ث", "خ", "ذ", "ض", "ظ", "غ")
ARABIC_INDIC = "٠١٢٣٤٥٦٧٨٩"
CHINESE_DIGITS = "零一二三四五六七八九"
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳㉑㉒㉓㉔㉕㉖㉗㉘㉙㉚㉛㉜㉝㉞㉟㊱㊲㊳㊴㊵㊶㊷㊸㊹㊺㊻㊼㊽㊾㊿"
PARENTHESISED = "⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⑾⑿⒀⒁⒂⒃⒄⒅⒆⒇"


@dataclass(frozen=True)
class System:
    """A numeral system: how it is called in messages, its script, and its largest number.

    A system declared in a project's ``numerals/<name>.yaml`` (editions/read/systems.py) lists
    its ``symbols``, the numerals of 1, 2, 3... in order; ``doubled``: after the last one, each is
    written twice, thrice..., as letters are (``aa``, ``bb``).
    """

    name: str
    described: str        # "Latin letters": as messages say what a level's labels use
    script: str           # first word of the Unicode names of its characters
    largest: int
    symbols: tuple[str, ...] = ()
    doubled: bool = False

    @classmethod
    def declared(cls, name: str, described: str, symbols: tuple[str, ...], doubled: bool) -> System:
        """A system that writes ``symbols`` for 1..len(symbols), then (``doubled``) repeats them."""
        largest = len(symbols) * (MAX_LETTERS if doubled else 1)
        return cls(name, described, _script_of(symbols), largest, symbols, doubled)


SYSTEMS = {s.name: s for s in (
    System("arabic", "arabic numbers", "DIGIT", 9999),
    System("upper-roman", "capital roman numerals", "LATIN", MAX_NUMBER),
    System("lower-roman", "lower-case roman numerals", "LATIN", MAX_NUMBER),
    System("upper-alpha", "capital Latin letters", "LATIN", len(LATIN) * MAX_LETTERS),
    System("lower-alpha", "Latin letters", "LATIN", len(LATIN) * MAX_LETTERS),
    System("cyrillic", "Cyrillic letters", "CYRILLIC", len(CYRILLIC) * MAX_LETTERS),
    System("upper-cyrillic", "capital Cyrillic letters", "CYRILLIC", len(CYRILLIC) * MAX_LETTERS),
    System("abjad", "Arabic letters in abjad order", "ARABIC", len(ABJAD) * MAX_LETTERS),
    System("arabic-indic", "Arabic-Indic digits", "ARABIC-INDIC", 9999),
    System("chinese", "Chinese numerals", "CJK", 9999),
    System("circled", "circled numbers", "CIRCLED", len(CIRCLED)),
    System("parenthesised", "parenthesised numbers", "PARENTHESIZED", len(PARENTHESISED)),
)}
STYLES = tuple(SYSTEMS)
Style = str | System    # a shipped system by name, or a declared one


def _script_of(symbols: tuple[str, ...]) -> str:
    """The first word of the Unicode name of the first letter or digit of ``symbols`` (``ARABIC``)."""
    for char in "".join(symbols):
        if char.isalnum():
            return unicodedata.name(char, "").split(" ")[0]
    return ""


def system_of(style: Style) -> System:
    return style if isinstance(style, System) else SYSTEMS[style]


class NumeralError(ValueError):
    """A written numeral that is not well formed for its system."""


class LookAlikeError(NumeralError):
    """A numeral written with a letter of another script that looks the same."""


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


def to_letters(number: int, alphabet: tuple[str, ...] = LATIN) -> str:
    """United Nations letter numbering: a..z, then aa, bb, cc...

    >>> [to_letters(n) for n in (1, 26, 27, 53)]
    ['a', 'z', 'aa', 'aaa']
    """
    repeat, index = divmod(number - 1, len(alphabet))
    return alphabet[index] * (repeat + 1)


to_alpha = to_letters


def to_chinese(number: int) -> str:
    """Chinese numerals of 1..9999: 十 for ten, 十一, 二十一, 一百零一."""
    places = [(1000, "千"), (100, "百"), (10, "十"), (1, "")]
    written, gap = "", False
    for value, unit in places:
        digit, number = divmod(number, value)
        if digit:
            written += ("零" if gap and written else "") + CHINESE_DIGITS[digit] + unit
            gap = False
        elif written:
            gap = True
    return written[1:] if written.startswith("一十") else written


@functools.lru_cache(maxsize=8192)     # the same numerals again and again, in every language
def format_numeral(style: Style, number: int) -> str:
    """The numeral of ``number`` written in ``style``.

    >>> ordinal = System.declared("ordinal", "ordinal words", ("first", "second"), False)
    >>> format_numeral(ordinal, 2), parse_numeral(ordinal, "first")
    ('second', 1)
    """
    if isinstance(style, System):
        return _declared(style, number) if style.symbols else format_numeral(style.name, number)
    if style == "arabic":
        return str(number)
    if style == "arabic-indic":
        return "".join(ARABIC_INDIC[int(d)] for d in str(number))
    if style.endswith("roman"):
        text = to_roman(number)
    elif style.endswith("alpha"):
        text = to_letters(number, LATIN)
    elif style.endswith("cyrillic"):
        text = to_letters(number, CYRILLIC)
    elif style == "abjad":
        return to_letters(number, ABJAD)
    elif style == "chinese":
        return to_chinese(number)
    else:
        return (CIRCLED if style == "circled" else PARENTHESISED)[number - 1]
    return text.upper() if style.startswith("upper") else text


def _declared(system: System, number: int) -> str:
    """A declared system's numeral: its symbol, or past the last one (if ``doubled``) the symbol repeated."""
    if number <= len(system.symbols):
        return system.symbols[number - 1]
    if not system.doubled or number > system.largest:
        return str(number)      # only ever in a message: a label past the last numeral never parses
    return to_letters(number, system.symbols)


@functools.cache
def _table(style: Style) -> dict[str, int]:
    """Every canonical numeral of ``style``, to its number: parsing is looking up."""
    return {format_numeral(style, n): n for n in range(1, system_of(style).largest + 1)}


def parse_numeral(style: Style, written: str) -> int:
    """The number a numeral stands for; NumeralError unless it is well formed.

    >>> parse_numeral("lower-roman", "iiii")
    Traceback (most recent call last):
    ...
    editions.read.numerals.NumeralError: 'iiii' is not a well-formed lower-case roman numeral
    >>> parse_numeral("lower-alpha", "а")
    Traceback (most recent call last):
    ...
    editions.read.numerals.LookAlikeError: 'а' is the Cyrillic letter а; this level's labels use Latin letters
    """
    if isinstance(style, System) and style.symbols:
        if written in _table(style):
            return _table(style)[written]
        raise _error(style, written)
    style = system_of(style).name
    if style == "arabic" and re.fullmatch(r"[1-9][0-9]{0,3}", written):
        return int(written)
    if style == "arabic-indic" and re.fullmatch(f"[{ARABIC_INDIC[1:]}][{ARABIC_INDIC}]{{0,3}}", written):
        return int("".join(str(ARABIC_INDIC.index(c)) for c in written))
    if style.endswith("roman"):
        number = _roman_value(written.lower()) if written.isascii() else None
        if number is not None and (written.isupper() if style.startswith("upper") else written.islower()):
            return number
    elif style not in ("arabic", "arabic-indic") and written in _table(style):
        return _table(style)[written]
    raise _error(style, written)


def _roman_value(text: str) -> int | None:
    """The number of a lower-case roman numeral in its canonical spelling, else None (no table of 3999)."""
    total, rest = 0, text
    for value, letters in ROMAN_VALUES:
        while rest.startswith(letters):
            total += value
            rest = rest[len(letters):]
    if rest or not 0 < total <= MAX_NUMBER or to_roman(total) != text:
        return None
    return total


def _error(style: Style, written: str) -> NumeralError:
    system = system_of(style)
    for char in written:
        name = unicodedata.name(char, "")
        script = name.split(" ")[0] if name else ""
        what = "letter" if unicodedata.category(char).startswith("L") else "digit" if char.isdigit() else ""
        if what and what == _kind(system) and script != system.script:
            has = "is" if written == char else "has"
            return LookAlikeError(f"{written!r} {has} the {_script_name(script)} {what} {char}; "
                                  f"this level's labels use {system.described}")
    if system.symbols:
        return NumeralError(f"{written!r} is not one of the {system.described} ({', '.join(system.symbols[:3])}...)")
    return NumeralError(f"{written!r} is not a well-formed {_singular(system)}")


def _kind(system: System) -> str:
    """What a system writes with: a letter of another script looks like a letter, a digit like a digit."""
    return "digit" if system.script in ("DIGIT", "ARABIC-INDIC") else "letter"


def _script_name(script: str) -> str:
    """``Cyrillic``, ``Arabic-Indic``; ASCII digits are ``European`` digits, as Unicode's block calls them."""
    return "European" if script == "DIGIT" else "-".join(part.capitalize() for part in script.split("-"))


def _singular(system: System) -> str:
    """``lower-case roman numeral``, ``capital letter``: as messages always called them."""
    legacy = {"upper-roman": "capital roman numeral", "lower-roman": "lower-case roman numeral",
              "upper-alpha": "capital letter", "lower-alpha": "lower-case letter", "arabic": "arabic number"}
    if system.name in legacy:
        return legacy[system.name]
    return system.described.removesuffix("s").replace("letters in", "letter in")
