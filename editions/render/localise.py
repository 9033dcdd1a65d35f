"""Localisation: Babel formats from structured values, gettext for fixed strings.

Every Babel call gets the edition's explicit locale; nothing depends on the
machine's locale or the clock. Catalogs are read from their ``.po`` source
and compiled in memory, so no compiled catalog is ever committed.
"""

from __future__ import annotations

import datetime
import gettext
import io
import itertools
from collections.abc import Callable
from pathlib import Path

from babel import Locale
from babel.dates import format_date, format_skeleton, match_skeleton, tokenize_pattern
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.numbers import format_decimal

from ..check.catalogs import plural_forms_problems, read_catalog
from ..errors import EXIT_RENDER, EditionError, Problem, fail, raise_if_any
from ..read.inline import InlineStyle, render_text
from ..read.languages import MONTH_NAMES, DateStyle, Language, catalog_relative
from ..read.model import ANNEX, Document, Unit
from ..read.schemes import THROUGH
from .scripts import isolate_symbols

SOURCE_LANGUAGE = "en"   # the language of the templates' msgids

BABEL_DATES = DateStyle()    # the dates of a language whose settings give none: Babel's long date

Words = Callable[[str], str]     # a msgid to its translation in an edition's language (gettext)


def N_(msgid: str) -> str:
    """A catalog string used by the code, not a template: marked for pybabel (babel.cfg) and required of
    every catalog like the templates' strings (``CODE_MSGIDS``)."""
    return msgid


# How an annex is named, from the catalog: its heading (printed, in the contents and the outline) and in
# running text (citations, corrigenda). %(number)s is its number as the language prints it (annex: in
# language.yaml: Chinese numerals, Arabic ordinal words); a single annex has no number.
ANNEX_HEADING, ANNEX_HEADING_SINGLE = N_("Annex %(number)s"), N_("Annex")
ANNEX_CITED, ANNEX_CITED_SINGLE = N_("annex %(number)s"), N_("annex")
CODE_MSGIDS = frozenset((ANNEX_HEADING, ANNEX_HEADING_SINGLE, ANNEX_CITED, ANNEX_CITED_SINGLE))


def annex_name(doc: Document, annex: Unit, catalog: Words, cited: bool = False) -> str:
    """``Annex II``, ``Anexo II``, ``附件二``, ``Annex`` (a single one); in running text ``annex II``."""
    assert annex.label is not None
    if not annex.label.number:
        return catalog(ANNEX_CITED_SINGLE if cited else ANNEX_HEADING_SINGLE)
    numeral = doc.labels[ANNEX].numeral(annex.label.number)
    return catalog(ANNEX_CITED if cited else ANNEX_HEADING) % {"number": numeral}


def format_number(value: str | int, locale: Locale) -> str:
    """A number with the locale's grouping.

    >>> format_number("250000", Locale.parse("es")), format_number(250000, Locale.parse("en_GB"))
    ('250.000', '250,000')
    """
    return format_decimal(value, locale=locale, group_separator=True)


def format_long_date(value: datetime.date, locale: Locale, style: DateStyle = BABEL_DATES) -> str:
    """A date written out in full, as in running text: Babel's long date, or the language's own
    pattern and months' names (``dates:`` in language.yaml).

    >>> format_long_date(datetime.date(2002, 11, 18), Locale.parse("es"))
    '18 de noviembre de 2002'
    >>> format_long_date(datetime.date(2004, 11, 22), Locale.parse("ru"), DateStyle("d MMMM y 'года'"))
    '22 ноября 2004 года'
    """
    if style == BABEL_DATES:
        return format_date(value, format="long", locale=locale)
    return _format(value, style.pattern or str(locale.date_formats["long"].pattern), locale, style)


def format_date_range(start: datetime.date, end: datetime.date, language: Language) -> str:
    """A conference's dates, as the language writes them.

    The language's ``day_range`` joins the two dates. A language that writes
    the day last (year, month, day: Chinese) gives the first date in full and
    leaves out of the last what the first already says; the others give the
    last date in full and leave out of the first what the last says (month,
    year). Which one a language is comes from its long date pattern. Months'
    names the language gives replace Babel's in both dates.

    >>> from editions.read.languages import LabelStyle
    >>> es = Language("es", Locale.parse("es"), {}, ("«", "»"), "{start} a {end}", "")
    >>> format_date_range(datetime.date(2002, 11, 20), datetime.date(2002, 11, 22), es)
    '20 a 22 de noviembre de 2002'
    >>> format_date_range(datetime.date(2002, 11, 30), datetime.date(2002, 12, 2), es)
    '30 de noviembre a 2 de diciembre de 2002'
    >>> format_date_range(datetime.date(2002, 12, 30), datetime.date(2003, 1, 2), es)
    '30 de diciembre de 2002 a 2 de enero de 2003'
    >>> zh = Language("zh", Locale.parse("zh"), {}, ("“", "”"), "{start}至{end}", "")
    >>> format_date_range(datetime.date(2002, 11, 20), datetime.date(2002, 11, 22), zh)
    '2002年11月20日至22日'
    >>> format_date_range(datetime.date(1948, 9, 21), datetime.date(1948, 12, 12), zh)
    '1948年9月21日至12月12日'
    >>> format_date_range(datetime.date(2002, 12, 30), datetime.date(2003, 1, 2), zh)
    '2002年12月30日至2003年1月2日'
    >>> ru = Language("ru", Locale.parse("ru"), {}, ("«", "»"), "{start}–{end}", "", dates=DateStyle("d MMMM y 'года'"))
    >>> format_date_range(datetime.date(2002, 11, 30), datetime.date(2002, 12, 2), ru)
    '30 ноября–2 декабря 2002 года'
    >>> months = ("يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيه", "يوليه", "أغسطس", "سبتمبر", "أكتوبر",
    ...           "تشرين الثاني/نوفمبر", "كانون الأول/ديسمبر")
    >>> ar = Language("ar", Locale.parse("ar"), {}, ("«", "»"), "{start} إلى {end}", "", dates=DateStyle(months=months))
    >>> format_date_range(datetime.date(2002, 11, 30), datetime.date(2002, 12, 2), ar)
    '30 تشرين الثاني/نوفمبر إلى 2 كانون الأول/ديسمبر 2002'
    """
    locale, style = language.locale, language.dates
    if start == end:
        return format_long_date(end, locale, style)
    if _day_last(style.pattern or str(locale.date_formats["long"].pattern)):
        first, last = format_long_date(start, locale, style), _shortened(end, start, locale, style)
    else:
        first, last = _shortened(start, end, locale, style), format_long_date(end, locale, style)
    return language.day_range.format(start=first, end=last)


def _day_last(pattern: str) -> bool:
    """Whether a date pattern writes the year first and the day last, as 2002年11月20日."""
    letters = [str(value[0]) for kind, value in tokenize_pattern(pattern) if kind == "field"]
    return "y" in letters and "d" in letters and letters.index("y") < letters.index("d")


def _shortened(day: datetime.date, other: datetime.date, locale: Locale, style: DateStyle) -> str:
    """``day`` without the month and year it shares with ``other``: the language's own pattern
    without its year, where it gives one (``d MMMM`` of ``d MMMM y 'года'``)."""
    if (day.year, day.month) == (other.year, other.month):      # the day alone: 20, 20日, 1er
        return _format(day, str(locale.datetime_skeletons[match_skeleton("d", locale.datetime_skeletons)]), locale, style)
    if day.year != other.year:
        return format_long_date(day, locale, style)
    if style == BABEL_DATES:
        return format_skeleton("MMMMd", day, locale=locale)
    pattern = style.pattern or str(locale.datetime_skeletons[match_skeleton("MMMMd", locale.datetime_skeletons)])
    return _format(day, _without_year(pattern), locale, style)


def _format(value: datetime.date, pattern: str, locale: Locale, style: DateStyle) -> str:
    """``value`` in ``pattern``, the language's name of its month put where the pattern names it (MMMM),
    and its way of writing the first day of a month where the pattern writes the day (d).

    >>> arabic = DateStyle(months=("كانون الثاني/يناير",) * 2 + ("آذار/مارس",) + ("",) * 9)
    >>> _format(datetime.date(2026, 3, 12), "d MMMM y", Locale.parse("ar"), arabic)
    '12 آذار/مارس 2026'
    >>> _format(datetime.date(2026, 7, 1), "d MMMM y", Locale.parse("fr"), DateStyle(first="1er"))
    '1er juillet 2026'
    """
    if style.months:
        name = style.months[value.month - 1]
        pattern = _written([("chars", name) if token in MONTH_NAMES else token for token in tokenize_pattern(pattern)])
    if style.first and value.day == 1:
        pattern = _written([("chars", style.first) if token[0] == "field" and token[1][0] == "d" else token
                            for token in tokenize_pattern(pattern)])
    return format_date(value, pattern, locale=locale)


def _without_year(pattern: str) -> str:
    """``pattern`` without its year and the text that joins the year to the rest, when the year
    comes first or last; else as it is.

    >>> _without_year("d MMMM y 'года'"), _without_year("d 'de' MMMM 'de' y"), _without_year("y年M月d日")
    ("d' 'MMMM", "d' de 'MMMM", "M'月'd'日'")
    """
    tokens = tokenize_pattern(pattern)
    fields = [index for index, (kind, value) in enumerate(tokens) if kind == "field"]
    years = [index for index in fields if tokens[index][1][0] == "y"]
    if len(years) != 1 or len(fields) < 2 or years[0] not in (fields[0], fields[-1]):
        return pattern
    if years[0] == fields[-1]:
        return _written(tokens[:fields[-2] + 1])
    return _written(tokens[fields[1]:])


Token = tuple[str, str | tuple[str, int]]     # Babel's token of a pattern: ("chars", text) or ("field", (letter, count))


def _written(tokens: list[Token]) -> str:
    """A pattern from its tokens, the text between the fields quoted.

    >>> _written(tokenize_pattern("d 'de' MMMM"))
    "d' de 'MMMM"
    """
    parts: list[str] = []
    for is_text, run in itertools.groupby(tokens, key=lambda token: token[0] == "chars"):
        if is_text:
            parts.append("'" + "".join(str(value) for _, value in run).replace("'", "''") + "'")
        else:
            parts.extend(str(value[0]) * int(value[1]) for _, value in run)
    return "".join(parts)


def inline_style(doc: Document, language: Language, catalog: Words, id_prefix: str = "") -> InlineStyle:
    """How ``doc``'s inline fields print in its language; ``catalog`` names annexes."""
    numbered = doc.numbered()

    def ref_label(identity: str) -> str:
        unit = numbered[identity]
        assert unit.label is not None
        if unit.kind == ANNEX:
            return annex_name(doc, unit, catalog, cited=True)
        return doc.styles(identity)[unit.kind].short(unit.label.number, unit.label.parent)

    def ref_cite(identity: str) -> str:
        return citation(doc, identity, catalog, numbered)

    return InlineStyle(
        quotes=language.quotes,
        number=lambda value: format_number(value, language.locale),
        date=lambda value: format_long_date(value, language.locale, language.dates),
        ref_label=ref_label,
        ref_cite=ref_cite,
        ref_href=lambda identity: f"#{id_prefix}{identity}",
        text=isolate_symbols if language.direction == "rtl" else render_text,
    )


def citation(doc: Document, identity: str, catalog: Words, numbered: dict[str, Unit] | None = None) -> str:
    """The full reference to a unit in the edition's language: ``paragraph 2 (b) (ii)``,
    ``article 7, paragraph 1``, ``párrafo 2 b) ii)``, ``annex II, paragraph 3``.

    From the unit up, each level with a citation form (``cite:`` in language.yaml, where ``{}`` is
    the numeral) is written in it, joined by commas; those without one follow their cited ancestor by their label. The
    reference goes no higher than a level with a citation whose parent has none, whose number
    runs through the document, or that is compound (its label holds its parents' numbers).
    """
    units = numbered if numbered is not None else doc.numbered()
    ancestors = _ancestors(doc, units[identity])
    annex = ancestors[0] if ancestors and ancestors[0].kind == ANNEX else None
    if units[identity].kind == ANNEX:
        return annex_name(doc, units[identity], catalog, cited=True)
    chain = _chain(doc, units[identity], ancestors)
    parts: list[str] = []
    for unit in chain:
        assert unit.label is not None
        style = doc.styles(unit.identity)[unit.kind]
        if style.cite:
            cited = style.cite.format(style.numeral(unit.label.number, unit.label.parent))
            parts.append((", " if parts else "") + cited)
        else:
            parts.append((" " if parts else "") + style.short(unit.label.number, unit.label.parent))
    return f"{annex_name(doc, annex, catalog, cited=True)}, {''.join(parts)}" if annex else "".join(parts)


def _chain(doc: Document, target: Unit, ancestors: list[Unit]) -> list[Unit]:
    """The units a citation names, outermost first (an annex is named apart)."""
    chain = [target]
    for unit in reversed(ancestors):
        if unit.kind == ANNEX:
            break
        scheme, labels = doc.scheme_of(target.identity), doc.styles(target.identity)
        level = scheme.by_key.get(chain[0].kind) if scheme else None
        if level is None or level.compound or level.numbering == THROUGH:
            break
        if labels[chain[0].kind].cite and not labels[unit.kind].cite:
            break
        chain.insert(0, unit)
    return chain


def _ancestors(doc: Document, target: Unit) -> list[Unit]:
    """The numbered units above ``target``, outermost first."""
    def search(units: tuple[Unit, ...], path: list[Unit]) -> list[Unit] | None:
        for unit in units:
            if unit is target:
                return path
            found = search(unit.children, path + [unit] if unit.label else path)
            if found is not None:
                return found
        return None
    return search(doc.body, []) or []


def catalog_path(root: Path, code: str) -> Path:
    return root / catalog_relative(code)


def load_translations(root: Path, code: str, msgids: frozenset[str]) -> gettext.NullTranslations:
    """The catalog of ``code``, compiled in memory, with every msgid translated.

    A language other than the templates' own must have a catalog, and every
    string the templates use must be translated and not fuzzy: an English
    string in a Spanish edition is an error, not a fallback.
    """
    if code == SOURCE_LANGUAGE:
        return gettext.NullTranslations()
    path = catalog_path(root, code)
    shown = path.relative_to(root).as_posix()
    if not path.is_file():
        raise fail(shown, 1, f"no catalog for language '{code}': run pybabel init (docs/localisation.md)", EXIT_RENDER)
    data = path.read_bytes()
    catalog = read_catalog(shown, data, code)
    raise_if_any(plural_forms_problems(shown, catalog, data.splitlines()), EXIT_RENDER)
    problems = [
        Problem(shown, _line(catalog, msgid), f"no translation for the template string {msgid!r}")
        for msgid in sorted(msgids)
        if not (message := catalog.get(msgid)) or not message.string or message.fuzzy
    ]
    if problems:
        raise EditionError(problems, EXIT_RENDER)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def _line(catalog: Catalog, msgid: str) -> int:
    message = catalog.get(msgid)
    if message is not None and message.lineno:
        return int(message.lineno)
    return 1
