"""Each language's settings: how its editions write labels, quotes and dates.

A language is a folder ``content/<code>/`` holding ``language.yaml`` and the
content files, plus a catalog ``locales/<code>/LC_MESSAGES/messages.po`` for
the templates' fixed strings (the source language of the templates, English,
needs none). Adding a language needs nothing else.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

import yaml
from babel import Locale, UnknownLocaleError

from ..errors import EditionError, Problem
from ..fonts import SCRIPTS
from .model import NUMBERED_KINDS, NUMERAL_STYLES
from .numerals import NumeralError, format_numeral, parse_numeral
from .schema import LANGUAGE, Field, Reader
from .yamlsource import read_yaml

SETTINGS_FILE = "language.yaml"


def catalog_relative(code: str) -> str:
    """The catalog of language ``code``, from the project's root."""
    return f"locales/{code}/LC_MESSAGES/messages.po"


@dataclass(frozen=True)
class LabelStyle:
    """The printed form of one numbered kind in one language, e.g. ``({})``."""

    kind: str
    pattern: str

    def format(self, number: int) -> str:
        return self.pattern.format(format_numeral(NUMERAL_STYLES[self.kind], number))

    def short(self, number: int) -> str:
        """The label without a closing full stop, as cited in running text."""
        printed = self.format(number)
        return printed[:-1] if printed.endswith(".") else printed

    def parse(self, written: str) -> int:
        """The number of a label as written in content; NumeralError otherwise.

        A pattern's closing full stop may be left out: ``paragraph: 4``.
        """
        match = _label_pattern(self.pattern).fullmatch(written)
        if match:
            return parse_numeral(NUMERAL_STYLES[self.kind], match.group(1))
        raise NumeralError(f"does not follow this language's style for {self.kind} labels, as in {self.format(1)}")


@functools.cache
def _label_pattern(pattern: str) -> re.Pattern[str]:
    """``({})`` → a regular expression for ``(iv)``; a closing full stop is optional."""
    prefix, suffix = pattern.split("{}")
    tail = re.escape(suffix.removesuffix(".")) + (r"\.?" if suffix.endswith(".") else "")
    return re.compile(re.escape(prefix) + r"([A-Za-z0-9]+)" + tail)


@dataclass(frozen=True)
class Language:
    code: str
    locale: Locale
    labels: dict[str, LabelStyle]
    quotes: tuple[str, str]
    day_range: str
    path: str
    script: str = "Latn"        # ISO 15924: chooses the type (editions/fonts.py)
    direction: str = "ltr"      # or "rtl"

    @property
    def name(self) -> str:
        """The language's name in the language itself, from Babel's data."""
        return str(self.locale.languages.get(self.code, self.code))

    def name_in(self, other: Language) -> str:
        """This language's name in ``other``'s language."""
        return str(other.locale.languages.get(self.code, self.code))


def load_language(folder: Path, root: Path) -> Language:
    """Read ``<folder>/language.yaml`` of the project at ``root``; EditionError with every problem."""
    reader = Reader(read_yaml(folder / SETTINGS_FILE, root))
    shown = reader.source.shown
    fields = reader.record(reader.source.root, LANGUAGE, "the language settings")
    code = folder.name
    locale = _locale(reader, fields, code)
    labels = _labels(reader, fields)
    quotes = _quotes(reader, fields)
    day_range = reader.text(fields["day_range"], "day_range") if "day_range" in fields else None
    if day_range is not None and (day_range.count("{start}"), day_range.count("{end}")) != (1, 1):
        reader.problem(fields["day_range"], "day_range must contain {start} and {end} once each")
    script = _choice(reader, fields, "script", tuple(sorted(SCRIPTS)), "Latn")
    direction = _choice(reader, fields, "direction", DIRECTIONS, "ltr")
    if reader.problems or locale is None or quotes is None or day_range is None:
        raise EditionError(reader.problems or [Problem(shown, 1, "incomplete language settings")])
    return Language(code, locale, labels, quotes, day_range, shown, script, direction)


DIRECTIONS = ("ltr", "rtl")


def _choice(reader: Reader, fields: dict[str, yaml.Node], name: str, choices: tuple[str, ...], default: str) -> str:
    """The value of an optional field that must be one of ``choices``."""
    if name not in fields:
        return default
    value = reader.text(fields[name], name)
    if value is not None and value not in choices:
        reader.problem(fields[name], f"{name} '{value}' is not one of {', '.join(choices)}")
    return value if value in choices else default


def _locale(reader: Reader, fields: dict[str, yaml.Node], code: str) -> Locale | None:
    if "locale" not in fields:
        return None
    name = reader.text(fields["locale"], "locale")
    if name is None:
        return None
    try:
        locale = Locale.parse(name)
    except (ValueError, UnknownLocaleError):
        reader.problem(fields["locale"], f"'{name}' is not a locale Babel knows")
        return None
    if locale.language != code:
        reader.problem(fields["locale"], f"locale {name} is not a locale of language '{code}' (the folder's name)")
    return locale


LABEL_FIELDS = tuple(Field(kind, "text") for kind in NUMBERED_KINDS)


def _labels(reader: Reader, fields: dict[str, yaml.Node]) -> dict[str, LabelStyle]:
    node = fields.get("labels")
    if node is None:
        return {}
    found = reader.record(node, LABEL_FIELDS, "labels")
    styles = {}
    for kind, value in found.items():
        pattern = reader.text(value, f"the label of a {kind}")
        if pattern is not None and pattern.count("{}") != 1:
            reader.problem(value, f"the label of a {kind} must contain {{}} once, where the numeral goes")
        elif pattern is not None:
            styles[kind] = LabelStyle(kind, pattern)
    return styles


def _quotes(reader: Reader, fields: dict[str, yaml.Node]) -> tuple[str, str] | None:
    node = fields.get("quotes")
    if node is None:
        return None
    marks = [text for text, _ in reader.texts(node, "quotes")]
    if len(marks) != 2:
        reader.problem(node, "quotes must list two marks, opening and closing")
        return None
    return marks[0], marks[1]
