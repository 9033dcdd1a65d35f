"""Corrigenda: what an amendment changed, located as the United Nations write it.

Each change names its place (``section III.A, paragraph 10, first sentence``;
``preambular paragraph 3``, as corrigenda to resolutions write it)
and gives the old and the new text, sentence by sentence where the number of
sentences is unchanged, else the whole block: "For ... read ..." in English,
"Donde dice: ... debe decir: ..." in Spanish (the template's catalog strings).
A corrigendum corrects text; a change of structure needs a revision.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..read.amendments import Versions
from ..read.inline import InlineStyle, body_notes, render_plain
from ..read.languages import Language, language_name
from ..read.model import ANNEX, Amendment, Document, LabelStyle, Unit, version_symbol
from ..read.tables import MARKS, note_letter, table_notes, table_number
from .localise import Words, format_long_date, inline_style

if TYPE_CHECKING:
    import jinja2
from ..check.tracking import masthead_texts

TEMPLATE = "corrigendum.html"
SENTENCE_END = re.compile(r"(?<=[.!?…»”])\s+(?=[\"“«¿¡(]?[A-ZÁÉÍÓÚÑÜ0-9])")
ABBREVIATIONS = ("Mr.", "Mrs.", "Ms.", "Dr.", "Sr.", "Sra.", "Srta.", "No.", "St.", "etc.", "i.e.", "e.g.")


@dataclass(frozen=True)
class Change:
    """One correction: where (kind, value pairs from the outside in), old and new text."""

    place: tuple[tuple[str, str], ...]
    sentence: int          # 1-based; 0 when the whole block is quoted
    sentences: int
    old: str
    new: str


def sentences(text: str) -> list[str]:
    """Sentences of a paragraph, keeping abbreviations such as ``Mr.`` inside.

    >>> sentences("Thank you. Regarding Mr. Wong, we agree. Lastly, thanks.")
    ['Thank you.', 'Regarding Mr. Wong, we agree.', 'Lastly, thanks.']
    """
    found: list[str] = []
    for piece in SENTENCE_END.split(text.strip()):
        if found and found[-1].endswith(ABBREVIATIONS):
            found[-1] += " " + piece
        else:
            found.append(piece)
    return found


def changes(versions: Versions, language: Language, catalog: Words) -> list[Change]:
    """Every correction ``versions.after`` makes to ``versions.before``, whose structure is the same
    (editions/check/changes.py checks that first)."""
    before, after = versions.before, versions.after
    old_style, new_style = inline_style(before, language, catalog), inline_style(after, language, catalog)
    found = list(_masthead(before, after))
    found += list(_blocks(before.body, after.body, (), old_style, new_style, versions, language))
    found += list(_footnotes(before, after, old_style, new_style))
    found += list(_table_notes(before, after, old_style, new_style))
    return found


def _table_notes(before: Document, after: Document, old_style: InlineStyle, new_style: InlineStyle) -> Iterator[Change]:
    """The notes of each table whose text a version corrects, placed by table and letter (``Table 1, note a``)."""
    tables = zip((u for u in before.units() if u.kind == "table"), (u for u in after.units() if u.kind == "table"))
    for old, new in tables:
        for number, (a, b) in enumerate(zip(table_notes(old), table_notes(new)), start=1):
            place = _table_place(new, ()) + (("table note", note_letter(number)),)
            yield from _text(place, render_plain(a.children, old_style), render_plain(b.children, new_style))


def _footnotes(before: Document, after: Document, old_style: InlineStyle, new_style: InlineStyle) -> Iterator[Change]:
    """The footnotes whose text a version corrects, each placed by its number (``Footnote 3``)."""
    for number, (a, b) in enumerate(zip(body_notes(before.body), body_notes(after.body)), start=1):
        yield from _text((("footnote", str(number)),), render_plain(a.children, old_style), render_plain(b.children, new_style))


def _masthead(before: Document, after: Document) -> Iterator[Change]:
    for (name, old), (_, new) in zip(masthead_texts(before.meta), masthead_texts(after.meta)):
        if old == new:
            continue
        if name == "organizations" and isinstance(old, tuple) and isinstance(new, tuple) and len(old) == len(new):
            for number, (a, b) in enumerate(zip(old, new), start=1):
                if a != b:
                    yield Change((("masthead", ""), ("organization", str(number))), 0, 1, a, b)
        else:
            yield Change((("masthead", ""), (name, "")), 0, 1, _joined(old), _joined(new))


def _joined(value: object) -> str:
    return "; ".join(value) if isinstance(value, tuple) else str(value or "")


def _blocks(old: tuple[Unit, ...], new: tuple[Unit, ...], place: tuple[tuple[str, str], ...],
            old_style: InlineStyle, new_style: InlineStyle, versions: Versions, language: Language) -> Iterator[Change]:
    counts: dict[str, int] = {}
    for a, b in zip(old, new):
        kind = "cell" if b.kind in MARKS else b.kind     # a cell that widens or lengthens another still takes its column
        counts[kind] = counts.get(kind, 0) + 1
        here = _place(b, place, counts[kind], versions)
        own = here + (("title", ""),) if b.kind == "table" else here
        yield from _text(own, render_plain(a.title + a.text, old_style), render_plain(b.title + b.text, new_style))
        yield from _blocks(a.children, b.children, here, old_style, new_style, versions, language)


TABLE_PARTS = {"header": "header row", "row": "row", "cell": "column", "source": "source"}


def _place(unit: Unit, outside: tuple[tuple[str, str], ...], count: int, versions: Versions) -> tuple[tuple[str, str], ...]:
    """Where a unit stands, from the outside in; a table by its number alone (``Table 2, row 3``), since
    tables are numbered through the document, and its rows and cells by their order."""
    if unit.label is not None:
        return outside + (_numbered_place(unit, versions.after.styles(unit.identity)[unit.kind]),)
    if unit.kind == "table":
        return _table_place(unit, outside)
    if unit.kind in TABLE_PARTS:
        return outside + ((TABLE_PARTS[unit.kind], "" if unit.kind == "source" else str(count)),)
    return outside + ((unit.kind, str(count)),)


def _table_place(table: Unit, outside: tuple[tuple[str, str], ...]) -> tuple[tuple[str, str], ...]:
    """A numbered table by its number alone; a text table, which has none, within the unit that holds it
    (``Paragraph 3, table, row 2``)."""
    number = table_number(table)
    return (("table", number),) if number else outside + (("text table", ""),)


NAMED_LEVELS = ("annex", "section", "subsection", "paragraph", "subparagraph", "item", "preamble")   # named by the catalog


def _numbered_place(unit: Unit, style: LabelStyle) -> tuple[str, str]:
    """How a corrigendum names a numbered unit: by the catalog's word for the level, or, for the levels
    of other schemes, by the language's citation form (``article 7``), else by its label."""
    assert unit.label is not None
    if unit.kind == ANNEX:      # "Annex I, paragraph 4"; a single annex has no number
        return unit.kind, style.numeral(unit.label.number) if unit.label.number else ""
    if not unit.label.printed:      # a preambular paragraph, by its place: "Preambular paragraph 3"
        number = str(unit.label.number)
        return (unit.kind, number) if unit.kind in NAMED_LEVELS else ("cited", f"{unit.called} {number}")
    if unit.kind in NAMED_LEVELS:
        return unit.kind, style.short(unit.label.number, unit.label.parent)
    numeral = style.numeral(unit.label.number, unit.label.parent)
    return "cited", style.cite.format(numeral) if style.cite else style.short(unit.label.number, unit.label.parent)


def _text(place: tuple[tuple[str, str], ...], old: str, new: str) -> Iterator[Change]:
    if old == new:
        return
    before, after = sentences(old), sentences(new)
    if len(before) != len(after):
        yield Change(place, 0, len(after), old, new)
        return
    for number, (a, b) in enumerate(zip(before, after), start=1):
        if a != b:
            yield Change(place, number, len(after), a, b)


def render_corrigendum(env: jinja2.Environment, doc: Document, versions: Versions,
                       languages: dict[str, Language], medium: str) -> str:
    """The corrigendum ``versions.amendment`` in ``doc``'s language, as HTML."""
    from .html import catalog, edition_context, render_template

    language = languages[doc.language]
    words = catalog(env)
    context = dict(edition_context(doc, languages, [], medium, words))
    amendment = versions.amendment
    block = language.block_locale      # the distribution lines' language (editions/render/html.py)
    only = [language_name(code, block) for code in amendment.languages if code in languages]
    context.update(
        symbol=amendment.symbol,
        amendment=amendment,
        amends=version_symbol(versions.before.meta),
        issued=amendment.date.isoformat(),
        issued_text=_date(amendment, language),
        only=only,
        changes=changes(versions, language, words),
    )
    return render_template(env, TEMPLATE, context)


def _date(amendment: Amendment, language: Language) -> str:
    """The corrigendum's date of issue, as the distribution lines write it."""
    return format_long_date(amendment.date, language.block_locale, language.block_dates)
