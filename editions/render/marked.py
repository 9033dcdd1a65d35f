"""The marked edition of a revision: what changed since the previous version.

Insertions are shown in bold and deletions struck through, word by word
inside a block that changed, whole units where a unit was added or removed.
The marked document is an ordinary Document whose inline runs include
``ins`` and ``del`` runs, so the edition templates render it unchanged.

The words of a changed block are compared as the author wrote them: each
word, space and field (reference, number, date, footnote, line break) is one
token with the emphasis it stands in, so that a word keeps its italics and a
reference its link whether it is unchanged, inserted or deleted; quotation
marks are words of their own, printed as characters.
A deleted field is printed as the previous version printed it, as text; a
deleted footnote is dropped and an inserted one called unmarked with its text
marked, so that every footnote keeps the number of the clean edition.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Sequence
from difflib import SequenceMatcher
from itertools import groupby
from typing import NamedTuple

from ..check.wording import DELETED, INSERTED, SAME, WORDS
from ..read.amendments import Versions
from ..read.inline import InlineStyle, markup, plain_text, render_plain
from ..read.languages import Language
from ..read.model import Document, Inline, Unit
from .localise import Words, inline_style

Place = tuple[int, ...]     # where an emphasis stands in its text: its index at each depth
EMPHASES = ("emphasis", "strong")


def marked_document(versions: Versions, language: Language, catalog: Words) -> Document:
    """``versions.after`` with the changes since ``versions.before`` marked (``catalog`` names annexes in them)."""
    old, new = inline_style(versions.before, language, catalog), inline_style(versions.after, language, catalog)
    body = tuple(_siblings(versions.before.body, versions.after.body, old, new))
    return dataclasses.replace(versions.after, body=body)


def _signature(unit: Unit) -> tuple[str, str]:
    """Units are matched by kind and own text, so that an inserted paragraph
    does not read as every later paragraph rewritten (numbers shift); a table's
    row, which has no text of its own, by its cells'."""
    if unit.kind in ("header", "row"):
        return (unit.kind, repr([cell.text for cell in unit.children]))
    return (unit.kind, repr(unit.title + unit.text))


def _siblings(before: Sequence[Unit], after: Sequence[Unit], old: InlineStyle, new: InlineStyle) -> Iterator[Unit]:
    matcher = SequenceMatcher(None, [_signature(u) for u in before], [_signature(u) for u in after], autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        removed, added = list(before[i1:i2]), list(after[j1:j2])
        while removed and added and removed[0].kind == added[0].kind:   # the same place, reworded
            yield _changed(removed.pop(0), added.pop(0), old, new)
        yield from (_whole(a, DELETED, old, new) for a in removed)
        yield from (_whole(b, INSERTED, old, new) for b in added)


def _changed(a: Unit, b: Unit, old: InlineStyle, new: InlineStyle) -> Unit:
    children = tuple(_siblings(a.children, b.children, old, new))
    title = b.title if a.title == b.title else marked_runs(a.title, b.title, old, new)
    text = b.text if a.text == b.text else marked_runs(a.text, b.text, old, new)
    return dataclasses.replace(b, title=title, text=text, children=children)


def _whole(unit: Unit, mark: str, old: InlineStyle, new: InlineStyle) -> Unit:
    """A unit added (``ins``) or removed (``del``), all its text marked; removed units lose their id."""
    def marked(runs: tuple[Inline, ...]) -> tuple[Inline, ...]:
        return marked_runs((), runs, old, new) if mark == INSERTED else marked_runs(runs, (), old, new)
    children = tuple(_whole(child, mark, old, new) for child in unit.children)
    identity = unit.identity if mark == INSERTED else None
    return dataclasses.replace(unit, title=marked(unit.title), text=marked(unit.text), children=children, identity=identity)


@dataclasses.dataclass(frozen=True, slots=True)
class _Token:
    """A word, a space or a field of a text, with the emphasis it stands in."""

    run: Inline                             # a text run of one word or space, or the field itself
    around: tuple[tuple[str, Place], ...]   # each enclosing run's kind and place, outermost first
    printed: str                            # as its edition prints it; a footnote, as written

    @property
    def key(self) -> tuple[object, ...]:
        """What is compared: a word or field changed, or the markup around it."""
        return (tuple(kind for kind, _ in self.around), self.run.kind, self.run.value, self.printed)


class _Enclosing(NamedTuple):
    """An emphasis around a piece, and where it stands in each version (None: not there)."""

    kind: str
    before: Place | None
    after: Place | None


@dataclasses.dataclass(frozen=True, slots=True)
class _Piece:
    """One word, space or field of the marked text: unchanged, deleted or inserted."""

    mark: str
    run: Inline
    around: tuple[_Enclosing, ...]


def marked_runs(before: tuple[Inline, ...], after: tuple[Inline, ...], old: InlineStyle, new: InlineStyle) -> tuple[Inline, ...]:
    """``after`` against ``before``, word by word and field by field, each keeping its markup
    (``old`` prints what was deleted, ``new`` is the style of ``after``)."""
    a, b = list(_tokens(before, old)), list(_tokens(after, new))
    matcher = SequenceMatcher(None, [t.key for t in a], [t.key for t in b], autojunk=False)
    return _apart(_nest([piece for tag, i1, i2, j1, j2 in matcher.get_opcodes()
                         for piece in (_unchanged(a[i1:i2], b[j1:j2]) if tag == "equal" else _replaced(a[i1:i2], b[j1:j2], old, new))], 0))


APART = "apart"     # an insertion printed a space after the deletion it replaces (templates/marked.css)


def _apart(runs: tuple[Inline, ...]) -> tuple[Inline, ...]:
    """``runs`` with each insertion that follows a deletion with no space between them marked
    ``apart``, so that "Requests" struck and "Also requests" inserted do not print as one word;
    the text itself is left as it is (accepting every change gives the new text back)."""
    found: list[Inline] = []
    for run in runs:
        run = Inline(run.kind, run.value, _apart(run.children)) if run.children and run.kind not in ("ins", "del") else run
        if (run.kind == "ins" and found and found[-1].kind == "del" and not plain_text(found[-1].children)[-1:].isspace()
                and not plain_text(run.children)[:1].isspace()):
            run = Inline("ins", APART, run.children)
        found.append(run)
    return tuple(found)


def _tokens(runs: tuple[Inline, ...], style: InlineStyle, around: tuple[tuple[str, Place], ...] = (),
            place: Place = ()) -> Iterator[_Token]:
    """The words, spaces and fields of ``runs`` in order; a quotation's marks are words of their own, so that
    a quotation added or removed around unchanged words shows its marks inserted or struck, not the words."""
    for index, run in enumerate(runs):
        if run.kind in EMPHASES:
            yield from _tokens(run.children, style, (*around, (run.kind, (*place, index))), (*place, index))
        elif run.kind == "quote":
            opening, closing = style.quotes
            yield _Token(Inline("text", opening), around, opening)
            yield from _tokens(run.children, style, around, (*place, index))
            yield _Token(Inline("text", closing), around, closing)
        elif run.kind == "text":
            yield from (_Token(Inline("text", word), around, word) for word in WORDS.findall(run.value))
        else:
            yield _Token(run, around, markup((run,)) if run.kind == "note" else render_plain((run,), style))


def _unchanged(a: Sequence[_Token], b: Sequence[_Token]) -> Iterator[_Piece]:
    for x, y in zip(a, b):
        yield _Piece(SAME, y.run, tuple(_Enclosing(kind, p, q) for (kind, p), (_, q) in zip(x.around, y.around)))


def _replaced(a: Sequence[_Token], b: Sequence[_Token], old: InlineStyle, new: InlineStyle) -> Iterator[_Piece]:
    """Deleted words as the previous version printed them, then inserted ones. A deleted footnote is
    dropped; an inserted one is called unmarked, its text marked against the one it replaces."""
    replaced = iter([x.run for x in a if x.run.kind == "note"])
    for x in a:
        if x.run.kind != "note":
            yield _Piece(DELETED, Inline("text", x.printed), tuple(_Enclosing(kind, p, None) for kind, p in x.around))
    for y in b:
        around = tuple(_Enclosing(kind, None, q) for kind, q in y.around)
        if y.run.kind == "note":
            note = next(replaced, Inline("note"))
            yield _Piece(SAME, Inline("note", children=marked_runs(note.children, y.run.children, old, new)), around)
        else:
            yield _Piece(INSERTED, y.run, around)


def _nest(pieces: Sequence[_Piece], depth: int) -> tuple[Inline, ...]:
    """The pieces as runs: those in the same emphasis gathered in it, marks innermost."""
    runs: list[Inline] = []
    start = 0
    while start < len(pieces):
        if len(pieces[start].around) > depth:
            end = _enclosed_end(pieces, start, depth)
            runs.append(Inline(pieces[start].around[depth].kind, children=_nest(pieces[start:end], depth + 1)))
        else:
            end = start + 1
            while end < len(pieces) and len(pieces[end].around) == depth and pieces[end].mark == pieces[start].mark:
                end += 1
            runs += _marked(pieces[start:end])
        start = end
    return tuple(runs)


def _enclosed_end(pieces: Sequence[_Piece], start: int, depth: int) -> int:
    """Where the emphasis that holds ``pieces[start]`` ends: at a piece outside it, or in another one
    of either version."""
    enclosing = pieces[start].around[depth]
    end = start + 1
    while end < len(pieces) and len(pieces[end].around) > depth and _joins(enclosing, pieces[end].around[depth]):
        other = pieces[end].around[depth]
        enclosing = _Enclosing(enclosing.kind, _either(enclosing.before, other.before), _either(enclosing.after, other.after))
        end += 1
    return end


def _joins(enclosing: _Enclosing, other: _Enclosing) -> bool:
    """Whether ``other`` is the same emphasis: of its kind, and in neither version another one."""
    return other.kind == enclosing.kind and _agree(enclosing.before, other.before) and _agree(enclosing.after, other.after)


def _agree(place: Place | None, other: Place | None) -> bool:
    return place is None or other is None or place == other


def _either(place: Place | None, other: Place | None) -> Place | None:
    return place if place is not None else other


def _marked(pieces: Sequence[_Piece]) -> list[Inline]:
    """Pieces of one mark as runs, neighbouring texts joined; inside ``ins`` or ``del`` unless unchanged."""
    runs: list[Inline] = []
    for is_text, group in groupby(pieces, key=lambda piece: piece.run.kind == "text"):
        kept = [piece.run for piece in group]
        runs += [Inline("text", "".join(run.value for run in kept))] if is_text else kept
    return runs if pieces[0].mark == SAME else [Inline(pieces[0].mark, children=tuple(runs))]
