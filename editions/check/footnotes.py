"""Footnotes compared across languages: the same footnotes, called from the same units, in the same order.

Footnotes are numbered 1, 2, 3... through the document in the order they are
called (editions/render/html.py), so when every unit of a translation calls as
many footnotes as its counterpart in the original, every footnote has the same
number in every language. A unit calling fewer or more is reported at its line,
with the line of its counterpart; a call moved to another unit is two such lines.
Units that exist on one side only are the numbering check's to report.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ..errors import Problem
from ..read.inline import notes
from ..read.model import Document, Location
from ..read.project import Project
from ..read.tables import note_letter
from .names import describe, english_name, part_name


def check_footnotes(project: Project) -> list[Problem]:
    """A problem for each unit of a translation whose footnote calls differ from its original's."""
    return [problem for original, translation in project.translations() for problem in compare(original, translation)]


def compare(original: Document, translation: Document) -> Iterator[Problem]:
    """The units of ``translation`` that call a different number of footnotes than ``original``'s."""
    theirs = {key: seen for key, _, seen in _parts(original)}
    role = f"the {english_name(original.language)} original"
    for key, name, (where, calls) in _parts(translation):
        if key not in theirs or len(theirs[key][1].marks) == len(calls.marks):
            continue
        there, expected = theirs[key]
        yield Problem(where.path, where.line, f"{name} calls {calls} here; {role} calls {expected} there "
                                              f"({there.path}:{there.line})")


@dataclass(frozen=True)
class _Calls:
    """The footnotes a part calls: their numbers, or a table's notes, their letters."""

    marks: tuple[str, ...]
    noun: str = "footnote"

    def __str__(self) -> str:
        """``no footnote``, ``footnote 2``, ``footnotes 2 and 3``, ``footnotes 2 to 4``; ``notes a and b``."""
        marks, noun = self.marks, self.noun
        if not marks:
            return f"no {noun}"
        if len(marks) == 1:
            return f"{noun} {marks[0]}"
        return f"{noun}s {marks[0]} {'and' if len(marks) == 2 else 'to'} {marks[-1]}"


def _parts(doc: Document) -> Iterator[tuple[str, str, tuple[Location, _Calls]]]:
    """Each part that calls footnotes, by key and name (editions/read/model.Document.parts): where it is
    and the numbers of the footnotes it calls (numbered through the document in the order of the text),
    or a table's letters (its notes are its own: editions/read/tables.py). A table is keyed by its
    place among the tables, which a caption in one language only (a text table there) leaves as it is."""
    count = tables = 0
    for part in doc.parts():
        own = sum(1 for block in part.blocks for run in (block.title, block.text) for _ in notes(run))
        if part.unit is not None and part.unit.kind == "table":
            tables += 1
            calls = _Calls(tuple(note_letter(n) for n in range(1, own + 1)), "note")
            yield f"table #{tables}", describe(part.unit), (part.where, calls)
            continue
        yield part_name(part), part_name(part), (part.where, _numbered(range(count + 1, count + own + 1)))
        count += own


def _numbered(numbers: range) -> _Calls:
    return _Calls(tuple(str(n) for n in numbers))
