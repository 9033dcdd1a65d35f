"""The bilingual edition's footnotes, in pairs at the foot of the page.

WeasyPrint (70.0) lays a page's footnotes out in the order their calls were
laid out. In a bilingual edition that is not the order of their numbers: a
row's first cell is laid out before its second, so a paragraph calling notes
1 and 2 gives the first column's 1 and 2, then the second column's 1 and 2,
and a row laid out again (a table row that does not fit) puts its notes last.
templates/bilingual-footnotes.css sets each language's notes under its own
column, each pair beside each other, as floats; a float may not start above
one before it (CSS 2, 9.5.1), so the notes must come in pairs: 1 of the first
column, 1 of the second, 2 of the first...

``install()`` wraps the method that lays out the footnote area whenever a
note is added to a page or taken from it: a page whose notes all carry their
column (``data-column``, printed only in bilingual editions) has them sorted
by number, then column, first. Each note still goes to the page of its own
call; only their order at its foot changes. The notes of a language edition
carry no column and keep their order.
"""

from __future__ import annotations

from typing import Any

_installed = False


def install() -> None:
    """Pair the footnotes of bilingual editions, once per process."""
    global _installed
    if _installed:
        return
    from weasyprint.layout import LayoutContext

    original = LayoutContext._update_footnote_area

    def update_footnote_area(context: Any) -> Any:
        pair(context.current_page_footnotes)
        return original(context)

    LayoutContext._update_footnote_area = update_footnote_area
    _installed = True


def pair(footnotes: list[Any]) -> None:
    """Sort a page's footnote boxes by number, then column, when every one has a column."""
    order = {id(box): key for box in footnotes if (key := _key(box.element)) is not None}
    if footnotes and len(order) == len(footnotes):
        footnotes.sort(key=lambda box: order[id(box)])


def _key(element: Any) -> tuple[int, int] | None:
    number, column = element.get("data-number"), element.get("data-column")
    if number is None or column is None:
        return None
    return int(number), int(column)
