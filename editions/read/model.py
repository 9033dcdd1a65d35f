"""The immutable content model: documents, units and their labels.

Every unit remembers the file and 1-based line it came from, so that any
later stage can report a problem where an author can fix it.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import dataclass, field

# Numbered kinds and the numeral style of each; the style is the same in
# every language, only the punctuation of the printed label differs.
NUMERAL_STYLES: dict[str, str] = {
    "section": "upper-roman",
    "subsection": "upper-alpha",
    "paragraph": "arabic",
    "subparagraph": "lower-alpha",
    "item": "lower-roman",
}
NUMBERED_KINDS = tuple(NUMERAL_STYLES)
# Unnumbered blocks. "bullet" only occurs inside "bullets".
BLOCK_KINDS = ("text", "heading", "bullets", "bullet", "quote", "note")


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
