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

from .numerals import NumeralError, System, format_numeral, parse_numeral

if TYPE_CHECKING:       # the model is imported by a build with nothing to do, which never reads YAML
    from .schemes import Scheme

ANNEX = "annex"     # the kind of an annex's unit: numbered I, II... after the body, its units numbered afresh

# Unnumbered blocks. "bullet" only occurs inside "bullets"; "header" and "row" (of "cell"s, "span"s that
# widen the cell before them and, in a header, "above"s that lengthen the cell above) and "source" only inside "table". Numbered levels come from the document's scheme.
BLOCK_KINDS = ("text", "heading", "bullets", "bullet", "quote", "note", "table", "header", "row", "cell", "span",
               "above", "source")
TABLE_PREFIX = "table-"     # a table's identity: table-1, table-2... through the document (editions/read/tables.py)
TEXT_TABLE_PREFIX = "text-table-"    # a table without a caption: unnumbered, its own count through the document


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
    printed: bool = True  # False: a number counted by the unit's place, never written nor printed (pp3)


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
    system: System | None = None    # ``numerals`` when the project declares it (numerals/<name>.yaml)

    def numeral(self, number: int, parent: str = "") -> str:
        """The numeral as labels write it, a compound one joined to its parent's."""
        written = dict(self.special).get(number) or format_numeral(self.system or self.numerals, number)
        return self.compound.format(written, parent=parent) if self.compound else written

    def format(self, number: int, parent: str = "") -> str:
        return self.pattern.format(self.numeral(number, parent))

    def short(self, number: int, parent: str = "") -> str:
        """The label without a closing full stop (or Arabic dash), as cited in running text."""
        printed = self.format(number, parent)
        ending = next((end for end in OPTIONAL_ENDINGS if printed.endswith(end)), "")
        return printed.removesuffix(ending) if ending else printed

    def bare(self, number: int, parent: str = "") -> str:
        """The label as messages write it after the level's name: ``article 4``, not ``article Article 4``;
        ``subparagraph (a)``, ``párrafo 3``."""
        if any(char.isalpha() for char in self.pattern.replace("{}", "")):
            return self.numeral(number, parent)
        return self.short(number, parent)

    def parse(self, written: str) -> tuple[int, str]:
        """The number of a label as written in content, and a compound label's parent part; NumeralError otherwise.

        A pattern's closing full stop or Arabic dash may be left out: ``paragraph: 4``; a pattern with words may be
        left out whole: ``article: 3`` for ``Artículo 3``, since the words are the language's, not the content's.
        """
        compound, numeral = self.compound is not None, _numeral_pattern(self.system)
        match = _label_pattern(self.pattern, compound, numeral).fullmatch(written)
        if match is None and any(char.isalpha() for char in self.pattern.replace("{}", "")):
            match = _label_pattern("{}.", compound, numeral).fullmatch(written)
        if not match:
            raise NumeralError(f"does not follow this language's style for {self.kind} labels, as in {self.format(1, '1')}")
        written_numeral, parent = match.group(1), ""
        if self.compound:
            parts = _compound_pattern(self.compound, numeral).fullmatch(written_numeral)
            if not parts:
                raise NumeralError(f"does not follow this language's style for {self.kind} labels, as in {self.format(1, '1')}")
            parent, written_numeral = parts.group("parent"), parts.group("own")
        special = {text: number for number, text in self.special}
        if written_numeral in special:
            return special[written_numeral], parent
        return parse_numeral(self.system or self.numerals, written_numeral), parent


NUMERAL = r"[^\s()\[\].,:;]+"    # a numeral in any system: no spaces nor the punctuation labels put around it
SPACED = r"[^()\[\].,:;]+?"     # a numeral of words: what a misspelt "حادى عشر" is, to be reported as such
OPTIONAL_ENDINGS = (".", " -")    # what content may leave out of a label: "4" for "4.", Arabic "1" for "1 -"


@functools.cache
def _numeral_pattern(system: System | None) -> str:
    """What a numeral may be: NUMERAL, or one of a declared system's numerals, which may hold spaces
    or punctuation (the Arabic ordinal ``حادي عشر``, the Chinese ``(十一)``), repeated if it doubles."""
    if system is None or not system.symbols:
        return NUMERAL
    longest = sorted(system.symbols, key=len, reverse=True)
    spaced = any(" " in symbol for symbol in system.symbols)    # then a misspelt numeral may hold a space too
    return f"(?:{'|'.join(map(re.escape, longest))}){'+' if system.doubled else ''}|{SPACED if spaced else NUMERAL}"


@functools.cache
def _label_pattern(pattern: str, compound: bool, numeral: str = NUMERAL) -> re.Pattern[str]:
    """``({})`` → a regular expression for ``(iv)``; a closing full stop (or `` -``) is optional."""
    prefix, suffix = pattern.split("{}")
    ending = next((end for end in OPTIONAL_ENDINGS if suffix.endswith(end)), "")
    tail = re.escape(suffix.removesuffix(ending)) + (f"(?:{re.escape(ending)})?" if ending else "")
    return re.compile(re.escape(prefix) + ("(.+?)" if compound else f"({numeral})") + tail)


@functools.cache
def _compound_pattern(compound: str, numeral: str = NUMERAL) -> re.Pattern[str]:
    """``{parent}.{}`` → a regular expression for ``1.a``, the parent part as long as it can be."""
    middle, suffix = compound.removeprefix("{parent}").split("{}")
    return re.compile(f"(?P<parent>.+){re.escape(middle)}(?P<own>{numeral}){re.escape(suffix)}")


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
    called: str = ""                   # how messages name a unit whose number is not printed: "preambular paragraph"
    original: str | None = None        # an annex written in another language than its document: that language
    align: str = ""                    # a table's cell: start, end (numbers) or center

    def walk(self) -> Iterator[Unit]:
        """This unit and every unit below it, in document order."""
        return _walk((self,))


def annex_identity(number: int) -> str:
    """An annex's identity, the prefix of its units' (``annex-II.3``): ``annex`` for a single unnumbered one.

    >>> annex_identity(2), annex_identity(0)
    ('annex-II', 'annex')
    """
    return f"{ANNEX}-{format_numeral('upper-roman', number)}" if number else ANNEX


def annex_of(identity: str) -> str:
    """The identity of the annex a unit belongs to, or "" for a unit of the body.

    >>> annex_of("annex-II.3.b"), annex_of("annex-II"), annex_of("III.1")
    ('annex-II', 'annex-II', '')
    """
    return identity.partition(".")[0] if identity.startswith(ANNEX) else ""


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
class Part:
    """A numbered unit, or a table, with the unnumbered blocks it holds (the unit first); or, with
    ``unit`` None, the unnumbered blocks outside every numbered unit (an opening, a closing note)."""

    unit: Unit | None
    blocks: tuple[Unit, ...]

    @property
    def where(self) -> Location:
        return self.blocks[0].where


def _own_blocks(unit: Unit) -> Iterator[Unit]:
    """``unit`` and the unnumbered blocks under it, not its numbered units nor its tables (parts of their own)."""
    yield unit
    for child in unit.children:
        if child.identity is None:
            yield from _own_blocks(child)


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
    listed: tuple[str, ...] = ()       # those of type items, printed as the language lists them ("15 and 116")
    distribution: str | None = None
    date: datetime.date | None = None
    subject: str | None = None
    columns: tuple[str, ...] = ()
    bilingual: tuple[str, ...] = ()    # the bilingual editions wanted, each "first-second" in column order: ar-en, zh-es
    amendments: tuple[Amendment, ...] = ()
    contents_after_pages: int = 12
    lines: dict[str, int] = field(default_factory=dict, compare=False, hash=False)

    @property
    def details(self) -> dict[str, FieldValue]:
        """The kind's own fields by name (``conference``, ``adopted``...)."""
        return dict(self.own)

    @property
    def pairs(self) -> tuple[tuple[str, str], ...]:
        """The bilingual editions ``bilingual`` names, as (first column, second column): ``ar-en`` is (ar, en)."""
        return tuple((first, second) for first, _, second in (pair.partition("-") for pair in self.bilingual))

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
    # An annex numbered with a scheme of its own (``scheme:`` of the annex): by the annex's identity,
    # that scheme and its labels in this edition's language.
    annex_schemes: Mapping[str, tuple[Scheme, Mapping[str, LabelStyle]]] = field(default_factory=dict)

    @property
    def language(self) -> str:
        return self.meta.language

    def styles(self, identity: str | None) -> Mapping[str, LabelStyle]:
        """The labels the unit ``identity`` is written and printed with: its annex's scheme's, if it has one."""
        own = self.annex_schemes.get(annex_of(identity)) if self.annex_schemes and identity else None
        return own[1] if own else self.labels

    def scheme_of(self, identity: str | None) -> Scheme | None:
        """The scheme that numbers the unit ``identity``: its annex's, if it has one, else the document's."""
        own = self.annex_schemes.get(annex_of(identity)) if self.annex_schemes and identity else None
        return own[0] if own else self.scheme

    def units(self) -> Iterator[Unit]:
        return _walk(self.body)

    def parts(self) -> Iterator[Part]:
        """What a translation keeps whole, in document order: the unnumbered text before the first
        numbered unit, then each numbered unit (and each table) with the unnumbered blocks it holds."""
        top = tuple(block for unit in self.body if unit.identity is None for block in _own_blocks(unit))
        if top:
            yield Part(None, top)
        for unit in self.units():
            if unit.identity is not None:
                yield Part(unit, tuple(_own_blocks(unit)))

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
