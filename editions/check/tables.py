"""Tables compared across languages: the same rows and columns, the same numbers in every cell.

Which tables each language has, and where, is the numbering check's
(editions/check/numbering.py compares unnumbered blocks one to one, tables
among them); here each table of a translation is compared with the table of
the same number in its original: as many header rows and body rows, as many
cells in each row, and in each cell the same numbers. Numbers are compared by
value, never as written: ``{number:250000}``, a plain ``250000`` and ``250,000``
in English text are one number, and ``250.000`` in Spanish text too. A number
that differs is an error, reported at the translation's cell with the
original's line. Footnote texts are translations and are not compared.
"""

from __future__ import annotations

import decimal
import functools
import re
from collections.abc import Iterator
from difflib import SequenceMatcher

from babel import Locale
from babel.numbers import get_decimal_symbol, get_group_symbol

from ..errors import Problem
from ..read.model import Document, Inline, Unit
from ..read.project import Project
from ..read.tables import (
    ABOVE,
    ABOVE_MARK,
    SPAN,
    SPAN_MARK,
    body_rows,
    cell_mark,
    header_rows,
    misplaced_marks,
    table_name,
    table_number,
)
from .names import english_name

SPACES = " \u00a0\u202f"      # group separators that are spaces, typed or not
ARABIC_GROUP, ARABIC_POINT = "\u066c", "\u066b"    # Arabic's own separators, with Arabic-Indic digits


def check_tables(project: Project) -> list[Problem]:
    """A problem for each table of a translation that differs from its original's in shape or numbers."""
    return [problem for original, translation in project.translations()
            for problem in compare(original, translation, (project.languages[original.language].locale,
                                                           project.languages[translation.language].locale))]


def compare(original: Document, translation: Document, locales: tuple[Locale, Locale]) -> Iterator[Problem]:
    """The differences of each table of ``translation`` from the table of the same number in ``original``.

    When the two have not as many tables in the same places, the numbering check reports the one
    missing, and no table is compared: tables numbered through the document would pair wrongly."""
    theirs, mine = _tables(original), _tables(translation)
    if [place for place, _ in theirs] != [place for place, _ in mine]:
        return
    role = f"the {english_name(original.language)} original"
    for (_, x), (_, y) in zip(theirs, mine):
        yield from _table(x, y, role, locales)


def _tables(doc: Document) -> list[tuple[str, Unit]]:
    """Each table of ``doc``, in order, with the identity of the numbered unit it stands in."""
    found: list[tuple[str, Unit]] = []
    stack: list[tuple[str, Unit]] = [("", unit) for unit in reversed(doc.body)]
    while stack:
        place, unit = stack.pop()
        if unit.kind == "table":
            found.append((place, unit))
            continue
        inner = unit.identity or place
        stack.extend((inner, child) for child in reversed(unit.children))
    return found


def _table(x: Unit, y: Unit, role: str, locales: tuple[Locale, Locale]) -> Iterator[Problem]:
    """A table's rows and columns, then its numbers cell by cell (the loader reports a row of a table
    that has more or fewer cells than the table's first)."""
    name = table_name(y)
    if bool(table_number(x)) != bool(table_number(y)):
        yield _caption(x, y, role)
        return
    if misplaced_marks(table_name(x), x.children) or misplaced_marks(name, y.children):     # the loader's to report
        return
    counts = [(what, rows(x), rows(y)) for what, rows in (("header row", header_rows), ("row", body_rows))]
    shapes = [_count(name, what, a, b, (x, y), role, locales) for what, a, b in counts if len(a) != len(b)]
    if _width(x) != _width(y):
        shapes.append(Problem(y.where.path, y.where.line, f"{name} has {_columns(_width(y))} here; {role} has "
                                                          f"{_width(x)} ({x.where.path}:{x.where.line})"))
    if shapes:
        yield from shapes
        return
    for what, ours, yours in counts:
        for number, (a, b) in enumerate(zip(ours, yours), start=1):
            yield from _cells(f"{name}, {what} {number}", a, b, role, locales)


def _caption(x: Unit, y: Unit, role: str) -> Problem:
    """A table captioned in one language only: numbered there, an unnumbered text table here or the reverse."""
    if table_number(y):
        said = f"{table_name(y)} has a caption here; in {role} it has none and is {table_name(x)}, unnumbered"
    else:
        said = f"{table_name(y)} has no caption here, which leaves it unnumbered; in {role} it has one and is {table_name(x)}"
    return Problem(y.where.path, y.where.line, f"{said} ({x.where.path}:{x.where.line})")


def _width(table: Unit) -> int:
    return len(table.children[0].children) if table.children else 0


def _count(name: str, what: str, theirs: tuple[Unit, ...], mine: tuple[Unit, ...], tables: tuple[Unit, Unit],
           role: str, locales: tuple[Locale, Locale]) -> Problem:
    """Rows missing or added: the one row that differs named when its numbers show which it is."""
    said = f"{name} has {_rows(what, len(mine))} here; {role} has {len(theirs)}"
    missing, added = _unmatched(theirs, mine, locales)
    if len(missing) == 1 and not added:
        row = theirs[missing[0]]
        return Problem(tables[1].where.path, tables[1].where.line, f"{said}: its {what} {missing[0] + 1} "
                                                                   f"({row.where.path}:{row.where.line}) is missing here")
    if len(added) == 1 and not missing:
        row = mine[added[0]]
        return Problem(row.where.path, row.where.line, f"{said}: {what} {added[0] + 1} here has no counterpart there "
                                                       f"({tables[0].where.path}:{tables[0].where.line})")
    there = tables[0].where
    return Problem(tables[1].where.path, tables[1].where.line, f"{said} ({there.path}:{there.line})")


def _unmatched(theirs: tuple[Unit, ...], mine: tuple[Unit, ...], locales: tuple[Locale, Locale]) -> tuple[list[int], list[int]]:
    """The rows of each side that the other lacks, aligned by the numbers in their cells."""
    def key(row: Unit, locale: Locale) -> tuple[tuple[decimal.Decimal, ...], ...]:
        return tuple(numbers(cell.text, locale) for cell in row.children)
    matcher = SequenceMatcher(None, [key(r, locales[0]) for r in theirs], [key(r, locales[1]) for r in mine], autojunk=False)
    opcodes = [op for op in matcher.get_opcodes() if op[0] != "equal"]
    if any(tag == "replace" for tag, *_ in opcodes):
        return [], []
    return ([i for tag, i1, i2, _, _ in opcodes if tag == "delete" for i in range(i1, i2)],
            [j for tag, _, _, j1, j2 in opcodes if tag == "insert" for j in range(j1, j2)])


def _rows(what: str, count: int) -> str:
    """``1 header row``, ``no rows``, ``4 rows``."""
    if not count:
        return f"no {what}s"
    return f"1 {what}" if count == 1 else f"{count} {what}s"


def _cells(name: str, a: Unit, b: Unit, role: str, locales: tuple[Locale, Locale]) -> Iterator[Problem]:
    """The cells of two rows whose numbers differ; none for a row whose cells do not fit its table,
    which its own language's loader reports."""
    if len(a.children) != len(b.children):
        return
    for column, (x, y) in enumerate(zip(a.children, b.children), start=1):
        if cell_mark(x) != cell_mark(y):
            yield Problem(y.where.path, y.where.line, f"{name}, column {column} {_joined(y, b)} here; in {role} it "
                                                      f"{_joined(x, a)} ({x.where.path}:{x.where.line})")
            return
    for column, (x, y) in enumerate(zip(a.children, b.children), start=1):
        theirs, mine = numbers(x.text, locales[0]), numbers(y.text, locales[1])
        if theirs != mine:
            yield Problem(y.where.path, y.where.line, f"{name}, column {column} has {_numbers(mine)} here; "
                                                      f"{role} has {_numbers(theirs)} there ({x.where.path}:{x.where.line})")


def _joined(cell: Unit, row: Unit) -> str:
    """Whether a cell is joined to the one before it (``<``), continues the head above it (``^``) or
    stands on its own: the spans of a table are the same in every language."""
    what = "head" if row.kind == "header" else "cell"
    if cell.kind == SPAN:
        return f"is joined to the {what} before it ('{SPAN_MARK}')"
    if cell.kind == ABOVE:
        return f"continues the head above it ('{ABOVE_MARK}')"
    return "heads a column of its own" if row.kind == "header" else "is a cell of its own"


def _columns(count: int) -> str:
    return "1 column" if count == 1 else f"{count} columns"


def _numbers(found: tuple[decimal.Decimal, ...]) -> str:
    """``no number``, ``25000``, ``25000 and 3``, as the content writes numbers."""
    if not found:
        return "no number"
    shown = [format(value, "f") for value in found]
    return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " and " + shown[-1]


def numbers(runs: tuple[Inline, ...], locale: Locale) -> tuple[decimal.Decimal, ...]:
    """The numbers of a cell, by value, in order: its ``{number:}`` fields and the numbers of its text as
    ``locale`` writes them (``250,000`` in English, ``250.000`` in Spanish); footnotes left out.

    >>> numbers((Inline("text", "about 1,200.5 or"), Inline("number", "7")), Locale.parse("en"))
    (Decimal('1200.5'), Decimal('7'))
    >>> numbers((Inline("text", "1.200,5"),), Locale.parse("es"))
    (Decimal('1200.5'),)
    >>> numbers((Inline("text", "250\u202f000 ou 250 000,5"),), Locale.parse("fr"))
    (Decimal('250000'), Decimal('250000.5'))
    >>> numbers((Inline("text", "\u0661\u0662\u066c\u0665\u0660\u0660"),), Locale.parse("ar"))
    (Decimal('12500'),)
    """
    found: list[decimal.Decimal] = []
    for run in runs:
        if run.kind == "number":
            found.append(decimal.Decimal(run.value))
        elif run.kind == "text":
            found += _written(run.value, locale)
        elif run.kind != "note":
            found += numbers(run.children, locale)
    return tuple(found)


def _written(text: str, locale: Locale) -> list[decimal.Decimal]:
    """The numbers in a text as ``locale`` writes them, in any script's digits (Arabic-Indic too, with
    their own separators)."""
    group, point = get_group_symbol(locale), get_decimal_symbol(locale)
    found = []
    for match in _pattern(group, point).finditer(text):
        digits = match.group()
        for separator in _groups(group):
            digits = digits.replace(separator, "")
        found.append(decimal.Decimal(digits.replace(point, ".").replace(ARABIC_POINT, ".")))
    return found


def _groups(group: str) -> str:
    """The characters that may separate groups of digits: the locale's, any space if it is one, and Arabic's."""
    return "".join(sorted({group, ARABIC_GROUP, *(SPACES if group in SPACES else ())}))


@functools.cache
def _pattern(group: str, point: str) -> re.Pattern[str]:
    """A number as a locale writes it: digits in groups of three, then its decimal part."""
    points = re.escape(point) + ARABIC_POINT
    return re.compile(rf"\d+(?:[{re.escape(_groups(group))}]\d{{3}}(?!\d))*(?:[{points}]\d+)?")
