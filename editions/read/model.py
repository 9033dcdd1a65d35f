"""The immutable content model: documents, units and their labels.

Every unit remembers the file and 1-based line it came from, so that any
later stage can report a problem where an author can fix it.
"""

from __future__ import annotations

import datetime
import functools
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .numerals import NumeralError, format_numeral, parse_numeral

if TYPE_CHECKING:       # the model is imported by a build with nothing to do, which never reads YAML
    from .schemes import Scheme

# Unnumbered blocks. "bullet" only occurs inside "bullets"; "header" and "row" (of "cell"s, and "span"s that
# widen the cell before them) and "source" only inside "table". Numbered levels come from the document's scheme.
BLOCK_KINDS = ("text", "heading", "bullets", "bullet", "quote", "note", "table", "header", "row", "cell", "span", "source")
TABLE_PREFIX = "table-"     # a table's identity: table-1, table-2... through the document (editions/read/tables.py)


@dataclass(frozen=True, slots=True)
class Location:
    path: str   # as shown to the user, relative to the project
    line: int   # 1-based


@dataclass(frozen=True, slots=True, repr=False)
class Inline:
    """A run of inline content: plain text, emphasis, quotation or a field.

    ``kind`` is one of text, emphasis, quote, ref, number, date (and ins,
    del in marked editions); ``value``
    holds the text, the referenced identity, the number or the ISO date;
    emphasis and quote hold their content in ``children``.
    """

    kind: str
    value: str = ""
    children: tuple[Inline, ...] = ()

    def __repr__(self) -> str:
        # The dataclass's own repr, without its guard against cycles (an inline tree has none), which
        # was half the cost of hashing a long document's parts (editions/check/tracking.py hashes this text).
        return f"Inline(kind={self.kind!r}, value={self.value!r}, children={self.children!r})"


@dataclass(frozen=True, slots=True)
class Label:
    """A numbered unit's label: its kind, underlying number and written form."""

    kind: str
    number: int
    written: str
    valid: bool = True   # False: malformed, ``number`` is the expected one
    parent: str = ""     # a compound label's parent numeral, as this language writes it ("1" of "1.a")


@dataclass(frozen=True)
class LabelStyle:
    """The printed form of one level in one language: ``({})``, ``Artículo {}``.

    ``numerals`` is the language's system for the level, ``special`` a number's
    special form (French ``premier``), ``cite`` how running text cites it
    (``paragraph {}``), ``compound`` the scheme's ``{parent}.{}``.
    """

    kind: str
    pattern: str
    numerals: str = "arabic"
    cite: str | None = None
    special: tuple[tuple[int, str], ...] = ()
    compound: str | None = None

    def numeral(self, number: int, parent: str = "") -> str:
        """The numeral as labels write it, a compound one joined to its parent's."""
        written = dict(self.special).get(number) or format_numeral(self.numerals, number)
        return self.compound.format(written, parent=parent) if self.compound else written

    def format(self, number: int, parent: str = "") -> str:
        return self.pattern.format(self.numeral(number, parent))

    def short(self, number: int, parent: str = "") -> str:
        """The label without a closing full stop, as cited in running text."""
        printed = self.format(number, parent)
        return printed[:-1] if printed.endswith(".") else printed

    def parse(self, written: str) -> tuple[int, str]:
        """The number of a label as written in content, and a compound label's parent part; NumeralError otherwise.

        A pattern's closing full stop may be left out: ``paragraph: 4``; a pattern with words may be
        left out whole: ``article: 3`` for ``Artículo 3``, since the words are the language's, not the content's.
        """
        compound = self.compound is not None
        match = _label_pattern(self.pattern, compound).fullmatch(written)
        if match is None and any(char.isalpha() for char in self.pattern.replace("{}", "")):
            match = _label_pattern("{}.", compound).fullmatch(written)
        if not match:
            raise NumeralError(f"does not follow this language's style for {self.kind} labels, as in {self.format(1, '1')}")
        numeral, parent = match.group(1), ""
        if self.compound:
            parts = _compound_pattern(self.compound).fullmatch(numeral)
            if not parts:
                raise NumeralError(f"does not follow this language's style for {self.kind} labels, as in {self.format(1, '1')}")
            parent, numeral = parts.group("parent"), parts.group("own")
        special = {text: number for number, text in self.special}
        return (special[numeral] if numeral in special else parse_numeral(self.numerals, numeral)), parent


NUMERAL = r"[^\s()\[\].,:;]+"    # a numeral in any system: no spaces nor the punctuation labels put around it


@functools.cache
def _label_pattern(pattern: str, compound: bool) -> re.Pattern[str]:
    """``({})`` → a regular expression for ``(iv)``; a closing full stop is optional."""
    prefix, suffix = pattern.split("{}")
    tail = re.escape(suffix.removesuffix(".")) + (r"\.?" if suffix.endswith(".") else "")
    return re.compile(re.escape(prefix) + ("(.+?)" if compound else f"({NUMERAL})") + tail)


@functools.cache
def _compound_pattern(compound: str) -> re.Pattern[str]:
    """``{parent}.{}`` → a regular expression for ``1.a``, the parent part as long as it can be."""
    middle, suffix = compound.removeprefix("{parent}").split("{}")
    return re.compile(f"(?P<parent>.+){re.escape(middle)}(?P<own>{NUMERAL}){re.escape(suffix)}")


@dataclass(frozen=True, slots=True)
class Unit:
    """A block of a document's body; numbered units carry a label and identity."""

    kind: str
    where: Location
    label: Label | None = None
    identity: str | None = None        # e.g. "III.B.3.ix", shared by all languages
    title: tuple[Inline, ...] = ()     # sections and subsections
    text: tuple[Inline, ...] = ()
    children: tuple[Unit, ...] = ()
    heading: bool = False              # a numbered unit of a level that carries a title
    align: str = ""                    # a table's cell: start, end (numbers) or center

    def walk(self) -> Iterator[Unit]:
        """This unit and every unit below it, in document order."""
        return _walk((self,))


def _walk(units: tuple[Unit, ...]) -> Iterator[Unit]:
    """The units and every unit below them, in document order, without a generator per level
    (nested generators made walking a unit twelve levels deep cost twelve steps)."""
    stack = list(reversed(units))
    while stack:
        unit = stack.pop()
        yield unit
        if unit.children:
            stack.extend(reversed(unit.children))


@dataclass(frozen=True)
class Amendment:
    """A corrigendum or revision listed in a document's metadata."""

    kind: str                      # "corrigendum" or "revision"
    symbol: str                    # DSC/1/Corr.1
    date: datetime.date
    languages: tuple[str, ...]     # languages concerned; () for all

    @property
    def slug(self) -> str:
        """``corr1``, ``rev2``: the amendment's part of output file names."""
        return "".join(c for c in self.symbol.rsplit("/", 1)[-1].lower() if c.isalnum())


FieldValue = str | datetime.date | tuple[str, ...]


@dataclass(frozen=True)
class Meta:
    """What the masthead and the PDF properties need, as data."""

    symbol: str
    language: str
    original: str
    title: str
    organizations: tuple[str, ...]
    issued: datetime.date              # date of issue: date, else the kind's date that stands for it
    type: str = "conference-paper"     # the kind of document: kinds/<type>.yaml
    masthead: str = "conference"       # the kind's masthead (templates/masthead.html)
    line: str | None = None            # the kind's line, a catalog string with %(field)s placeholders
    kind: str | None = None            # the kind line as the document prints it, instead of the kind's line
    own: tuple[tuple[str, FieldValue], ...] = ()   # the kind's own fields, in the kind's order
    distribution: str | None = None
    date: datetime.date | None = None
    subject: str | None = None
    columns: tuple[str, ...] = ()
    amendments: tuple[Amendment, ...] = ()
    contents_after_pages: int = 12
    lines: dict[str, int] = field(default_factory=dict, compare=False, hash=False)

    @property
    def details(self) -> dict[str, FieldValue]:
        """The kind's own fields by name (``conference``, ``adopted``...)."""
        return dict(self.own)

    def date_of(self, name: str) -> datetime.date | None:
        """The kind's date field ``name``, if the document has it."""
        value = self.details.get(name)
        return value if isinstance(value, datetime.date) else None


def version_symbol(meta: Meta) -> str:
    """The symbol an edition of the current text carries: the latest revision's, else the document's."""
    revisions = [a.symbol for a in meta.amendments if a.kind == "revision"]
    return revisions[-1] if revisions else meta.symbol


@dataclass(frozen=True)
class Document:
    """One language edition of one document, as loaded from its content file."""

    name: str          # file stem, e.g. "dsc-1"
    where: Location
    meta: Meta
    body: tuple[Unit, ...]
    scheme: Scheme | None = None
    labels: Mapping[str, LabelStyle] = field(default_factory=dict)   # by level key, in this edition's language

    @property
    def language(self) -> str:
        return self.meta.language

    def units(self) -> Iterator[Unit]:
        return _walk(self.body)

    def numbered(self) -> dict[str, Unit]:
        """Numbered units by identity (the first one, if a check has yet to run)."""
        found: dict[str, Unit] = {}
        for unit in self.units():
            if unit.identity is not None:
                found.setdefault(unit.identity, unit)
        return found


@dataclass(frozen=True)
class Selection:
    """What a command is restricted to; empty means everything."""

    documents: frozenset[str] = frozenset()
    languages: frozenset[str] = frozenset()


EVERYTHING = Selection()
