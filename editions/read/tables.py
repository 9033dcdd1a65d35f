"""Tables of the content format: a caption, header rows and body rows of cells.

A table is an unnumbered block whose title is its caption and whose units are
its rows (``header`` and ``row``), each holding its ``cell`` units, then its
``source``. A cell's text is inline markup; its footnotes are the table's notes,
lettered a, b, c... under the table, as United Nations tables letter them,
apart from the text's numbered footnotes. A body cell written as a
plain YAML number (``1200``, not ``"1200"``) is that number, printed in the
edition's locale. Tables are numbered 1, 2, 3...
through the document in the order of the text; the number is the table's
identity (``table-2``), the same in every language, its HTML id and the
name tracking and messages give it (``table 2``). A table without a caption
is a text table, as the editorial manual calls the small tables run into the
text: unnumbered and untitled, counted apart (``text-table-1``, named ``text
table 1``), so that it leaves the numbers of the other tables as they are.

A cell written ``<`` joins the cell before it: a head that spans several
columns (a year over its figures), as the editorial manual's spanner heads,
or a body cell that does (a group heading across the table, such as a
region over its countries, or "Subtotal" across the columns of labels). A
header cell written ``^`` continues the head above it down into its row: a
stub head over two header rows while a spanner sits over its figures.

Columns whose body cells all hold numbers are aligned at the end of the line
(right in left-to-right languages, left in right-to-left ones), unless the
table says otherwise (``align: [start, end, center]``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import yaml

from ..errors import Problem
from .inline import NUMBER, notes
from .model import TABLE_PREFIX, TEXT_TABLE_PREFIX, Inline, Location, Unit
from .schema import Field, Reader
from .yamlsource import line, scalar_text

TABLE = (
    Field("caption", "text", required=False, doc="the table's title, printed under its number; a table without "
          "one is an unnumbered text table"),
    Field("header", "rows", required=False, doc="header rows, each a list of cells"),
    Field("rows", "rows", doc="body rows, each a list of cells"),
    Field("align", "texts", required=False, doc="each column's alignment: start, end or center"),
    Field("source", "text", required=False, doc="the source of the figures, printed under the table"),
)
ALIGNMENTS = ("start", "end", "center")
SPAN, SPAN_MARK = "span", "<"    # a cell written < : the cell before it spans this column too
ABOVE, ABOVE_MARK = "above", "^"     # a header cell written ^ : the head above it spans this row too
MARKS = {SPAN: SPAN_MARK, ABOVE: ABOVE_MARK}
# What a numeric cell holds besides numbers: separators, signs, per cent; a nil ("-", "–") or
# not-available ("..") cell is neither numeric nor not.
NUMERIC_TEXT = re.compile(r"[\d\s.,'’%+\-−\u00a0\u202f]*\d[\d\s.,'’%+\-−\u00a0\u202f]*")
NIL_TEXT = re.compile(r"[\s.\-–—−]*")

ReadInline = Callable[[yaml.Node, str], tuple[Inline, ...]]


def table_name(unit: Unit) -> str:
    """``table 2``, ``text table 1``: how messages name a table."""
    return _name(unit.identity or "")


def _name(identity: str) -> str:
    if identity.startswith(TEXT_TABLE_PREFIX):
        return f"text table {identity.removeprefix(TEXT_TABLE_PREFIX)}"
    return f"table {identity.removeprefix(TABLE_PREFIX)}"


def table_number(unit: Unit) -> str:
    """A table's number through the document, from its identity; "" for a text table, which has none."""
    identity = unit.identity or ""
    return identity.removeprefix(TABLE_PREFIX) if identity.startswith(TABLE_PREFIX) else ""


def captioned(node: yaml.Node) -> bool:
    """Whether a table's node has a caption, which makes it a numbered table rather than a text table."""
    return type(node) is yaml.MappingNode and any(key.value == "caption" for key, _ in node.value)


def table_identity(numbered: bool, count: int) -> str:
    """``table-2`` for the second table with a caption, ``text-table-1`` for the first without."""
    return f"{TABLE_PREFIX if numbered else TEXT_TABLE_PREFIX}{count}"


def cell_mark(cell: Unit) -> str | None:
    """``<`` or ``^`` for a cell that widens or lengthens another, as the content writes it; else None."""
    return MARKS.get(cell.kind)


def table_notes(table: Unit) -> list[Inline]:
    """The notes a table calls, in the order of its text (caption, rows, source), which letters them."""
    return [*notes(table.title), *(note for row in table.children for cell in (row.children or (row,))
                                   for note in notes(cell.text))]


def note_letter(number: int) -> str:
    """``a``, ``b``... ``z``, ``aa``, ``ab``: a table note's letter, from its 1-based number.

    >>> [note_letter(n) for n in (1, 2, 26, 27, 28)]
    ['a', 'b', 'z', 'aa', 'ab']
    """
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("a") + rest) + letters
    return letters


def spans(row: Unit) -> list[tuple[Unit, int]]:
    """A row's cells, each with the number of columns it spans (the ``<`` cells after it, and itself).

    >>> [(cell.kind, width) for cell, width in spans(Unit("header", Location("x", 1), children=(
    ...     Unit("cell", Location("x", 1)), Unit("cell", Location("x", 1)), Unit(SPAN, Location("x", 1)))))]
    [('cell', 1), ('cell', 2)]
    """
    return [(cell, width) for cell, width, _ in _starts(row)]


def header_cells(table: Unit) -> list[list[tuple[Unit, int, int]]]:
    """Each header row's cells that start in it, with the columns and the rows each spans.

    >>> at = Location("x", 1)
    >>> rows = ((Unit("cell", at), Unit("cell", at), Unit(SPAN, at)), (Unit(ABOVE, at), Unit("cell", at), Unit("cell", at)))
    >>> [[(width, height) for _, width, height in row]
    ...  for row in header_cells(Unit("table", at, children=tuple(Unit("header", at, children=r) for r in rows)))]
    [[(1, 2), (2, 1)], [(1, 1), (1, 1)]]
    """
    rows = header_rows(table)
    return [[(cell, width, _height(rows[number + 1:], column)) for cell, width, column in _starts(row)]
            for number, row in enumerate(rows)]


def _starts(row: Unit) -> list[tuple[Unit, int, int]]:
    """The cells of a row that start there (neither ``<`` nor ``^``), each with its width and column."""
    found: list[tuple[Unit, int, int]] = []
    for column, cell in enumerate(row.children):
        if cell.kind == SPAN and found:
            found[-1] = (found[-1][0], found[-1][1] + 1, found[-1][2])
        elif cell.kind not in MARKS:
            found.append((cell, 1, column))
    return found


def _height(below: tuple[Unit, ...], column: int) -> int:
    """The rows a head spans: its own, and each row under it that continues it (``^``)."""
    height = 1
    for row in below:
        if column >= len(row.children) or row.children[column].kind != ABOVE:
            break
        height += 1
    return height


def group_heading(row: Unit) -> bool:
    """Whether a body row is one cell across the whole table: the heading of the rows under it."""
    return row.kind == "row" and len(row.children) > 1 and all(cell.kind == SPAN for cell in row.children[1:])


def grouped(table: Unit) -> bool:
    """Whether a table has a row heading a group of rows (templates/table-groups.css is added only then)."""
    return any(group_heading(row) for row in table.children)


def header_rows(table: Unit) -> tuple[Unit, ...]:
    return tuple(row for row in table.children if row.kind == "header")


def body_rows(table: Unit) -> tuple[Unit, ...]:
    return tuple(row for row in table.children if row.kind == "row")


@dataclass
class TableReader:
    """Reads one table's node into its unit, reporting every problem at its line."""

    reader: Reader
    inline: ReadInline
    identity: str

    @property
    def name(self) -> str:
        return _name(self.identity)

    def table(self, node: yaml.Node, where: Location) -> Unit:
        fields = self.reader.record(node, TABLE, self.name)
        caption = self.inline(fields["caption"], f"the caption of {self.name}") if "caption" in fields else ()
        source = self.inline(fields["source"], f"the source of {self.name}") if "source" in fields else ()
        header = self.rows(fields.get("header"), "header")
        body = self.rows(fields.get("rows"), "row")
        rows = self.aligned(self.same_width(self.marked(header + body)), fields.get("align"))
        below = (Unit("source", Location(where.path, line(fields["source"])), text=source),) if source else ()
        return Unit("table", where, identity=self.identity, title=caption, children=rows + below)

    def rows(self, node: yaml.Node | None, kind: str) -> tuple[Unit, ...]:
        if node is None:
            return ()
        what = "the header of" if kind == "header" else "the rows of"
        return tuple(self.row(item, kind) for item in self.reader.sequence(node, f"{what} {self.name}"))

    def row(self, node: yaml.Node, kind: str) -> Unit:
        where = Location(self.reader.source.shown, line(node))
        if type(node) is not yaml.SequenceNode or not node.value:
            self.reader.problem(node, f"a row of {self.name} must be a list of cells, as in [Africa, 1200, 1350]")
            return Unit(kind, where)
        return Unit(kind, where, children=tuple(self.cell(item, kind) for item in node.value))

    def cell(self, node: yaml.Node, kind: str) -> Unit:
        where = Location(self.reader.source.shown, line(node))
        text = scalar_text(node)
        if type(node) is not yaml.ScalarNode or text is None:
            self.reader.problem(node, f"a cell of {self.name} must be text or a number (a list or mapping is not a cell; "
                                      "quote a text that starts with [ or {)")
            return Unit("cell", where)
        if not text.strip():
            return Unit("cell", where)
        if text == SPAN_MARK and not node.style:
            return Unit(SPAN, where)
        if text == ABOVE_MARK and not node.style:
            return Unit(ABOVE, where)
        if kind == "row" and not node.style and NUMBER.fullmatch(text):     # plain, not quoted: a number
            return Unit("cell", where, text=(Inline("number", text),))
        return Unit("cell", where, text=self.inline(node, f"a cell of {self.name}"))

    def marked(self, rows: tuple[Unit, ...]) -> tuple[Unit, ...]:
        """The rows, each ``<`` or ``^`` that joins or continues nothing reported at its line."""
        self.reader.problems.extend(Problem(cell.where.path, cell.where.line, message)
                                    for cell, message in misplaced_marks(self.name, rows))
        return rows

    def same_width(self, rows: tuple[Unit, ...]) -> tuple[Unit, ...]:
        """The rows, each reported at its line if its count of cells differs from the first row's."""
        for row in rows[1:]:
            if row.children and rows[0].children and len(row.children) != len(rows[0].children):
                self.reader.problems.append(Problem(row.where.path, row.where.line,
                                                    f"this row of {self.name} has {_cells(len(row.children))}; "
                                                    f"its first row (line {rows[0].where.line}) has {len(rows[0].children)}"
                                                    f"{_split_number(row)}"))
        return rows

    def aligned(self, rows: tuple[Unit, ...], node: yaml.Node | None) -> tuple[Unit, ...]:
        """The rows with each cell aligned as its column is: as ``align`` says, else numbers at the end."""
        width = max((len(row.children) for row in rows), default=0)
        columns = self.declared(node, width) or tuple(_alignment(rows, column) for column in range(width))
        return tuple(Unit(row.kind, row.where, children=tuple(
            Unit(cell.kind, cell.where, text=cell.text, align=columns[n] if n < len(columns) else "start")
            for n, cell in enumerate(row.children))) for row in rows)

    def declared(self, node: yaml.Node | None, width: int) -> tuple[str, ...]:
        if node is None:
            return ()
        found = tuple(text for text, _ in self.reader.texts(node, f"the align of {self.name}"))
        wrong = [text for text in found if text not in ALIGNMENTS]
        if wrong:
            self.reader.problem(node, f"the align of {self.name} has '{wrong[0]}'; each column is one of: {', '.join(ALIGNMENTS)}")
        elif len(found) != width:
            self.reader.problem(node, f"the align of {self.name} names {len(found)} columns; the table has {width}")
        return () if wrong or len(found) != width else found


def misplaced_marks(name: str, rows: tuple[Unit, ...]) -> list[tuple[Unit, str]]:
    """Each ``<`` that joins no cell and each ``^`` that continues no head of one column, with why: the
    loader reports them, and the check across languages leaves such a table alone."""
    found = []
    headers = [row for row in rows if row.kind == "header"]
    for row in rows:
        found += _misplaced_in_row(name, row)
        for column, cell in enumerate(row.children):
            if cell.kind == ABOVE and row.kind == "header":
                above = headers[headers.index(row) - 1] if headers.index(row) else None
                found += [(cell, reason) for reason in (_continues(name, above, column),) if reason]
    return found


def _misplaced_in_row(name: str, row: Unit) -> list[tuple[Unit, str]]:
    """A row's ``<`` first, with no cell before it, or after a ``^``; a ``^`` outside the header."""
    cells = row.children
    found = [(cell, f"'{ABOVE_MARK}' continues the column head above it, in a header row of {name} only; quote it "
                    f"to print it (\"{ABOVE_MARK}\")") for cell in cells if cell.kind == ABOVE and row.kind != "header"]
    if cells and cells[0].kind == SPAN:
        found.append((cells[0], f"the first cell of a row of {name} is '{SPAN_MARK}', which joins a cell to the cell "
                                "before it, and there is none"))
    found += [(cell, f"'{SPAN_MARK}' follows '{ABOVE_MARK}' in a header row of {name}: a head that spans rows spans "
                     "one column; write the head over its columns in the row where it starts")
              for before, cell in zip(cells, cells[1:]) if cell.kind == SPAN and before.kind == ABOVE]
    return found


def _continues(name: str, above: Unit | None, column: int) -> str:
    """Why a ``^`` in ``column`` under the header row ``above`` continues no head of one column, or ""."""
    if above is None:
        return (f"a cell of the first header row of {name} is '{ABOVE_MARK}', which continues the head above it, "
                "and there is none")
    heads = above.children
    if column < len(heads) and (heads[column].kind == SPAN or (column + 1 < len(heads) and heads[column + 1].kind == SPAN)):
        return (f"'{ABOVE_MARK}' continues the head above it, and that head of {name} spans several columns "
                f"('{SPAN_MARK}'): a head that spans rows spans one column")
    return ""


def _split_number(row: Unit) -> str:
    """A hint when a row's extra cells are a number typed with its thousands separator (``12,500``),
    which YAML's lists split at the comma."""
    for before, after in zip(row.children, row.children[1:]):
        if _digits(before) and len(_digits(after)) == 3:
            shown = f"{_digits(before)},{_digits(after)}"
            return (f" (a number written {shown} in a row is split at its comma: write {shown.replace(',', '')}, "
                    "which is printed in each language's style)")
    return ""


def _digits(cell: Unit) -> str:
    """The digits of a cell that is a whole number and nothing else, else ""."""
    runs = cell.text
    return runs[0].value if len(runs) == 1 and runs[0].kind == "number" and runs[0].value.isdigit() else ""


def _cells(count: int) -> str:
    return "1 cell" if count == 1 else f"{count} cells"


def _alignment(rows: tuple[Unit, ...], column: int) -> str:
    """``end`` for a column whose body cells are numbers (nil cells aside), else ``start``."""
    kinds = [_numeric(row.children[column].text) for row in rows if row.kind == "row" and column < len(row.children)]
    return "end" if True in kinds and False not in kinds else "start"


def _numeric(runs: tuple[Inline, ...]) -> bool | None:
    """Whether a cell holds a number alone (footnote calls aside); None for a nil or empty cell."""
    kept = [run for run in runs if run.kind != "note"]
    if any(run.kind not in ("number", "text") for run in kept):
        return False
    text = "".join(run.value for run in kept if run.kind == "text")
    if any(run.kind == "number" for run in kept):
        return not text.strip()
    if NIL_TEXT.fullmatch(text):
        return None
    return NUMERIC_TEXT.fullmatch(text) is not None
