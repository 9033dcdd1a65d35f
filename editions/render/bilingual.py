"""The bilingual edition: two languages side by side, aligned unit by unit.

The numbering check has already proven that both languages have the same
units in the same order, so the two bodies can be walked together. Each row
holds one unit in each language: a numbered paragraph with the unnumbered
blocks that lead its body (its bullets and lead-in text), a section's or
subsection's heading, or one unnumbered block. Every numbered unit
therefore starts a row, and starts on the same page in both columns.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import jinja2
from markupsafe import Markup

from ..read.inline import plain_text
from ..read.languages import Language
from ..read.model import Document, Unit
from .html import EditionContext, catalog, edition_context, template_errors

FRAGMENT = "fragment.html"
TEMPLATE = "bilingual.html"
LAYOUTS = ("table", "grid", "pairs")
LAYOUT = "table"   # chosen by measurement: docs/bilingual.md, bench/bilingual.py
# A row with a cell shorter than this (characters) is never split across
# pages: otherwise the two columns could start on different pages, one pushed
# by its orphans. Longer rows may break, both columns continuing. A section's
# or subsection's heading is a row of its own, never split and kept with the
# row after it (break-after: avoid), and the text that leads the section
# follows in rows of its own: when heading and text shared one row, that row
# could not break between them without the two columns' headings parting,
# so it was kept whole, and a section with a page of leading text went whole
# to the next page (the first page of DSC/1's bilingual edition was left a
# third empty).
KEEP_BELOW = 700


@dataclass(frozen=True)
class Row:
    """One unit in each language, with the leading blocks that share its row."""

    units: tuple[Unit, ...]
    leading: tuple[tuple[Unit, ...], ...]
    level: int
    indent: int

    @property
    def heading(self) -> bool:
        """Whether the row is a heading alone (a titled unit of any scheme, or a heading block), kept with the row after it."""
        first = self.units[0]
        return first.heading or first.kind == "heading"

    @property
    def keep(self) -> bool:
        """Whether the row must start and end on one page: a heading, or a row with a short cell."""
        if self.heading:
            return True
        lengths = [_length((unit, *leading)) for unit, leading in zip(self.units, self.leading or [()] * len(self.units))]
        return min(lengths) < KEEP_BELOW


def rows(docs: Sequence[Document]) -> list[Row]:
    """The aligned rows of documents whose structures the check found identical."""
    return list(_rows(tuple(doc.body for doc in docs), 2, 0))


def _rows(siblings: tuple[Sequence[Unit], ...], level: int, indent: int) -> Iterator[Row]:
    for group in zip(*siblings, strict=True):
        first = group[0]
        if first.label is None:
            yield Row(group, (), level, indent)
            continue
        sectional = first.heading
        split = 0 if sectional else _leading_count(first.children)
        yield Row(group, tuple(u.children[:split] for u in group), level, indent)
        yield from _rows(tuple(u.children[split:] for u in group),
                         level + 1 if sectional else level, indent if sectional else indent + 1)


def _length(units: Sequence[Unit]) -> int:
    return sum(len(plain_text(u.title + u.text)) + _length(u.children) for u in units)


def _leading_count(children: Sequence[Unit]) -> int:
    """How many children share their parent's row: up to the first numbered
    unit or heading, which start rows (and outline entries) of their own."""
    for index, child in enumerate(children):
        if child.label is not None or child.kind == "heading":
            return index
    return len(children)


def render_bilingual(envs: dict[str, jinja2.Environment], docs: Sequence[Document],
                     languages: dict[str, Language], medium: str, layout: str = LAYOUT) -> str:
    """The bilingual edition of ``docs`` (one per column, in order) as HTML."""
    contexts = [edition_context(doc, languages, [], medium, catalog(envs[doc.language]), id_prefix=f"{doc.language}-",
                                column=column)
                for column, doc in enumerate(docs, 1)]
    with template_errors(TEMPLATE):
        fragments = [envs[doc.language].get_template(FRAGMENT) for doc in docs]
        cells = [
            (row, _bookmark(row, contexts),
             tuple(_cell(fragment, context, row, column) for column, (fragment, context) in enumerate(zip(fragments, contexts))))
            for row in rows(docs)
        ]
        mastheads = [envs[doc.language].get_template("masthead.html").make_module(dict(context)) for doc, context in zip(docs, contexts)]
        page = envs[docs[0].language].get_template(TEMPLATE)
        return page.render(columns=contexts, cells=cells, mastheads=mastheads, layout=layout, medium=medium)


def _bookmark(row: Row, contexts: Sequence[EditionContext]) -> str:
    """The outline entry of a heading row, in every language: ``I. Introducción / I. Introduction``."""
    first = row.units[0]
    if not (first.heading or first.kind == "heading"):
        return ""
    titles = []
    for unit, context in zip(row.units, contexts):
        label = f"{context['label'](unit)} " if unit.label else ""
        titles.append(label + plain_text(unit.title or unit.text))
    return " / ".join(titles)


def _cell(fragment: jinja2.Template, context: EditionContext, row: Row, column: int) -> Markup:
    return Markup(fragment.render(context, unit=row.units[column], leading=row.leading[column] if row.leading else (),
                                  level=row.level, indent=row.indent))
