"""Each language's settings: how its editions write labels, quotes and dates.

A language is a folder ``content/<code>/`` holding ``language.yaml`` and the
content files, plus a catalog ``locales/<code>/LC_MESSAGES/messages.po`` for
the templates' fixed strings (the source language of the templates, English,
needs none). Adding a language needs nothing else.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field, replace
from pathlib import Path

import yaml
from babel import Locale, UnknownLocaleError
from babel.dates import format_date, tokenize_pattern

from ..errors import EditionError, Problem
from ..fonts import SCRIPTS
from .model import ANNEX, LabelStyle
from .schema import LANGUAGE, Field, Reader
from .schemes import FOLDER, Level, Scheme, load_scheme
from .systems import Systems, load_systems
from .yamlsource import read_yaml

SETTINGS_FILE = "language.yaml"


def catalog_relative(code: str) -> str:
    """The catalog of language ``code``, from the project's root."""
    return f"locales/{code}/LC_MESSAGES/messages.po"


@dataclass(frozen=True)
class DateStyle:
    """How the language's documents write a date where Babel's long date differs: ``pattern``, a CLDR
    pattern given to Babel with the language's locale (Russian ``d MMMM y 'года'``), and ``months``,
    twelve names, January first, each printed where the pattern writes the month's name, ``MMMM``
    (Arabic ``آذار/مارس``); ``first``, the first day of a month where the pattern writes the day
    (French ``1er``). Empty: Babel's own long date."""

    pattern: str = ""
    months: tuple[str, ...] = ()
    first: str = ""          # the first day of a month as the language writes it, where not as other days: French 1er


@dataclass(frozen=True)
class Language:
    code: str
    locale: Locale
    labels: dict[str, LabelStyle]
    quotes: tuple[str, str]
    day_range: str
    path: str
    schemes: dict[str, dict[str, LabelStyle]] = field(default_factory=dict)   # a scheme's own labels, by level
    script: str = "Latn"        # ISO 15924: chooses the type (editions/fonts.py)
    direction: str = "ltr"      # or "rtl"
    systems: Systems = field(default_factory=Systems)    # the numeral systems the project declares
    masthead_locale: Locale | None = None   # the distribution lines' locale, if not this language's (en_GB in ar, zh, ru)
    dates: DateStyle = field(default_factory=DateStyle)     # how its dates print, where not as Babel's long date

    @property
    def block_locale(self) -> Locale:
        """The locale of the masthead's distribution lines: Distr., date of issue, language, Original."""
        return self.masthead_locale or self.locale

    @property
    def block_dates(self) -> DateStyle:
        """How the distribution lines write the date of issue: as the language does, unless they are
        in another locale (English in Arabic, Chinese and Russian editions), which writes its own."""
        return self.dates if self.block_locale == self.locale else DateStyle()

    def style(self, scheme: Scheme, level: Level) -> LabelStyle:
        """How this language labels ``level`` of ``scheme``: the language's setting for that scheme,
        else its label for that key in every scheme (the ``labels:`` of old), else the scheme's own."""
        found = self.schemes.get(scheme.name, {}).get(level.key) or self.labels.get(level.key)
        if found is None:
            found = LabelStyle(level.key, level.label, "")
        numerals = found.numerals or level.numerals
        return replace(found, numerals=numerals, compound=level.compound, system=self.systems.get(numerals))

    @property
    def name(self) -> str:
        """The language's name in the language itself, from Babel's data."""
        return language_name(self.code, self.locale)

    def name_in(self, other: Language) -> str:
        """This language's name in ``other``'s language (the index's lines)."""
        return language_name(self.code, other.locale)


def language_name(code: str, locale: Locale) -> str:
    """The name of the language ``code`` as ``locale`` writes it, from Babel's data: "inglés" for en in Spanish."""
    return str(locale.languages.get(code, code))


def load_language(folder: Path, root: Path) -> Language:
    """Read ``<folder>/language.yaml`` of the project at ``root``; EditionError with every problem."""
    reader = Reader(read_yaml(folder / SETTINGS_FILE, root))
    shown = reader.source.shown
    fields = reader.record(reader.source.root, LANGUAGE, "the language settings")
    code = folder.name
    locale = _locale(reader, fields, code)
    masthead_locale = _locale(reader, fields, "", "masthead_locale") if "masthead_locale" in fields else None
    systems, _ = load_systems(root)     # their problems are the project's, reported once (check_schemes)
    labels = _labels(reader, fields.get("labels"), "labels", systems)
    schemes = _scheme_labels(reader, fields.get("schemes"), systems)
    _known_levels(reader, fields, root, systems)
    quotes = _quotes(reader, fields)
    day_range = reader.text(fields["day_range"], "day_range") if "day_range" in fields else None
    if day_range is not None and (day_range.count("{start}"), day_range.count("{end}")) != (1, 1):
        reader.problem(fields["day_range"], "day_range must contain {start} and {end} once each")
    script = _choice(reader, fields, "script", tuple(sorted(SCRIPTS)), "Latn")
    direction = _choice(reader, fields, "direction", DIRECTIONS, "ltr")
    dates = _dates(reader, fields["dates"], locale) if "dates" in fields and locale is not None else DateStyle()
    if reader.problems or locale is None or quotes is None or day_range is None:
        raise EditionError(reader.problems or [Problem(shown, 1, "incomplete language settings")])
    return Language(code, locale, labels, quotes, day_range, shown, schemes, script, direction, systems,
                    masthead_locale, dates)


DIRECTIONS = ("ltr", "rtl")


def _choice(reader: Reader, fields: dict[str, yaml.Node], name: str, choices: tuple[str, ...], default: str) -> str:
    """The value of an optional field that must be one of ``choices``."""
    if name not in fields:
        return default
    value = reader.text(fields[name], name)
    if value is not None and value not in choices:
        reader.problem(fields[name], f"{name} '{value}' is not one of {', '.join(choices)}")
    return value if value in choices else default


def _locale(reader: Reader, fields: dict[str, yaml.Node], code: str, key: str = "locale") -> Locale | None:
    """The locale named by ``key``; of the language ``code``, when a code is given."""
    if key not in fields:
        return None
    name = reader.text(fields[key], key)
    if name is None:
        return None
    try:
        locale = Locale.parse(name)
    except (ValueError, UnknownLocaleError):
        reader.problem(fields[key], f"'{name}' is not a locale Babel knows")
        return None
    if code and locale.language != code:
        reader.problem(fields[key], f"locale {name} is not a locale of language '{code}' (the folder's name)")
    return locale


DATE_FIELDS = (
    Field("pattern", "text", required=False, doc="a CLDR date pattern: d MMMM y 'года'; text in quotes"),
    Field("months", "texts", required=False, doc="the twelve months' names printed for MMMM, January first"),
    Field("first", "text", required=False, doc="the first day of a month, where not written as other days: 1er"),
)
DATE_LETTERS = "GyYuUrQqMLwWdDFgEec"     # CLDR's date fields: era, year, quarter, month, week, day, weekday
A_DAY = datetime.date(2001, 12, 31)      # formatted once to see that Babel takes a pattern
MONTH_NAMES = (("field", ("M", 4)), ("field", ("L", 4)))    # Babel's tokens of the month's name (MMMM, LLLL)


def _dates(reader: Reader, node: yaml.Node, locale: Locale) -> DateStyle:
    """``dates: {pattern: "d MMMM y 'года'", months: [...]}``: how the language's documents write a date."""
    fields = reader.record(node, DATE_FIELDS, "dates")
    pattern = reader.text(fields["pattern"], "the date pattern") if "pattern" in fields else None
    if pattern is not None and not _pattern_fits(reader, fields["pattern"], pattern, locale):
        pattern = None
    months = _months(reader, fields["months"]) if "months" in fields else ()
    written = pattern or str(locale.date_formats["long"].pattern)
    if months and not any(token in MONTH_NAMES for token in tokenize_pattern(written)):
        reader.problem(fields["months"], f'months are given, but the date pattern "{written}" prints no '
                                         "month's name (MMMM) for them to replace")
    first = reader.text(fields["first"], "the first day of a month") if "first" in fields else None
    return DateStyle(pattern or "", months, first or "")


def _months(reader: Reader, node: yaml.Node) -> tuple[str, ...]:
    """The twelve months' names, January first; none if they are not twelve texts."""
    entries = reader.texts(node, "months")
    if entries and len(entries) == len(node.value) and len(entries) != 12:
        reader.problem(node, f"months must name the 12 months, January first; these are {len(entries)}")
    return tuple(name for name, _ in entries) if len(entries) == len(node.value) == 12 else ()


def _pattern_fits(reader: Reader, node: yaml.Node, pattern: str, locale: Locale) -> bool:
    """Whether ``pattern`` is a date pattern Babel takes that gives the day, the month and the year."""
    if pattern.count("'") % 2:
        reader.problem(node, f'the date pattern "{pattern}" leaves a quotation mark open: text goes between two '
                             "('de'), a quotation mark itself is written twice ('')")
        return False
    letters = {token[1][0] for token in tokenize_pattern(pattern) if token[0] == "field"}
    if not letters <= set(DATE_LETTERS):
        other = ", ".join(sorted(letters - set(DATE_LETTERS)))
        reader.problem(node, f'the date pattern "{pattern}" has {other}, which are not parts of a date; '
                             "letters meant as text go between quotation marks ('de')")
        return False
    if not {"d", "y"} <= letters or not letters & {"M", "L"}:
        reader.problem(node, f'the date pattern "{pattern}" must print the day (d), the month (MMMM or M) and the year (y)')
        return False
    try:
        format_date(A_DAY, pattern, locale=locale)
    except (ValueError, KeyError) as error:
        reader.problem(node, f'Babel refuses the date pattern "{pattern}": {error}')
        return False
    return True


LABEL_FIELDS = (
    Field("label", "text", doc="the printed label; {} is the numeral"),
    Field("numerals", "text", required=False, doc="this language's numeral system for the level"),
    Field("cite", "text", required=False, doc="how running text cites it; {} is the label"),
    Field("special", "mapping", required=False, doc="a number's special form, e.g. 1: premier"),
)


def _known_levels(reader: Reader, fields: dict[str, yaml.Node], root: Path, systems: Systems) -> None:
    """A label for a level no scheme has, or for a scheme the project lacks, is a typing slip: reported.
    Schemes that cannot be read are reported on their own and not used here."""
    schemes = _readable_schemes(root, systems)
    if not schemes:
        return
    every = sorted({level.key for scheme in schemes.values() for level in scheme.levels})
    if type(labels := fields.get("labels")) is yaml.MappingNode:
        for key, _ in labels.value:
            if key.value not in every and key.value != ANNEX:     # annex: how annexes are numbered
                reader.problem(key, f"labels names '{key.value}', which is a level of no scheme; levels: {', '.join(every)}")
    if type(named := fields.get("schemes")) is yaml.MappingNode:
        for name, value in named.value:
            scheme = schemes.get(name.value)
            if scheme is None and (root / FOLDER / f"{name.value}.yaml").is_file():
                continue        # a scheme with problems of its own, reported at its lines
            if scheme is None:
                reader.problem(name, f"schemes names '{name.value}', which is not a scheme of this project "
                                     f"(schemes/{name.value}.yaml); schemes: {', '.join(sorted(schemes))}")
            elif type(value) is yaml.MappingNode:
                for key, _ in value.value:
                    if key.value not in scheme.by_key:
                        reader.problem(key, f"the scheme {scheme.name} has no level '{key.value}'; "
                                            f"its levels: {', '.join(scheme.keys)}")


def _readable_schemes(root: Path, systems: Systems) -> dict[str, Scheme]:
    found = {}
    for path in sorted((root / FOLDER).glob("*.yaml")):
        try:
            found[path.stem] = load_scheme(root, path.stem, systems)
        except EditionError:
            continue
    return found


def _scheme_labels(reader: Reader, node: yaml.Node | None, systems: Systems) -> dict[str, dict[str, LabelStyle]]:
    if node is None:
        return {}
    if type(node) is not yaml.MappingNode:
        reader.problem(node, "schemes must map a scheme's name to its labels")
        return {}
    return {key.value: _labels(reader, value, f"the labels of scheme {key.value}", systems) for key, value in node.value}


def _labels(reader: Reader, node: yaml.Node | None, what: str, systems: Systems) -> dict[str, LabelStyle]:
    if node is None:
        return {}
    if type(node) is not yaml.MappingNode:
        reader.problem(node, f"{what} must map each level to its label")
        return {}
    styles = {}
    for key, value in node.value:
        style = _label(reader, str(key.value), value, systems)
        if style is not None:
            styles[style.kind] = style
    return styles


def _label(reader: Reader, kind: str, node: yaml.Node, systems: Systems) -> LabelStyle | None:
    """``"({})"``, or a mapping with the label and its numerals, citation and special forms."""
    fields = {"label": node} if type(node) is yaml.ScalarNode else reader.record(node, LABEL_FIELDS, f"the label of a {kind}")
    pattern = reader.text(fields["label"], f"the label of a {kind}") if "label" in fields else None
    if pattern is not None and pattern.count("{}") != 1:
        reader.problem(fields["label"], f"the label of a {kind} must contain {{}} once, where the numeral goes")
        return None
    numerals = reader.text(fields["numerals"], "numerals") if "numerals" in fields else ""
    if numerals and not systems.knows(numerals):
        reader.problem(fields["numerals"], systems.unknown(numerals))
    cite = reader.text(fields["cite"], "cite") if "cite" in fields else None
    if cite is not None and cite.count("{}") != 1:
        reader.problem(fields["cite"], f"the citation of a {kind} must contain {{}} once, where the label goes")
    special = _special(reader, fields.get("special"))
    if pattern is None:
        return None
    return LabelStyle(kind, pattern, numerals or "", cite, special)


def _special(reader: Reader, node: yaml.Node | None) -> tuple[tuple[int, str], ...]:
    if node is None:
        return ()
    if type(node) is not yaml.MappingNode:
        reader.problem(node, "special must map a number to its written form, e.g. 1: premier")
        return ()
    found = []
    for key, value in node.value:
        text = reader.text(value, "a special form")
        if not str(key.value).isdigit():
            reader.problem(key, f"special forms are given for whole numbers, not '{key.value}'")
        elif text is not None:
            found.append((int(key.value), text))
    return tuple(found)


def _quotes(reader: Reader, fields: dict[str, yaml.Node]) -> tuple[str, str] | None:
    node = fields.get("quotes")
    if node is None:
        return None
    marks = [text for text, _ in reader.texts(node, "quotes")]
    if len(marks) != 2:
        reader.problem(node, "quotes must list two marks, opening and closing")
        return None
    return marks[0], marks[1]
