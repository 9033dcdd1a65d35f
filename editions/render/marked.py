"""The marked edition of a revision: what changed since the previous version.

Insertions are shown in bold and deletions struck through, word by word
inside a block that changed, whole units where a unit was added or removed.
The marked document is an ordinary Document whose inline runs include
``ins`` and ``del`` runs, so the edition templates render it unchanged.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Sequence
from difflib import SequenceMatcher

from ..check.wording import SAME, word_changes
from ..read.amendments import Versions
from ..read.inline import InlineStyle, notes, render_plain
from ..read.languages import Language
from ..read.model import Document, Inline, Unit
from .localise import Words, inline_style


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
        yield from (_whole(a, "del", old, keep_identity=False) for a in removed)
        yield from (_whole(b, "ins", new, keep_identity=True) for b in added)


def _changed(a: Unit, b: Unit, old: InlineStyle, new: InlineStyle) -> Unit:
    children = tuple(_siblings(a.children, b.children, old, new))
    title = b.title if a.title == b.title else _diff(render_plain(a.title, old), render_plain(b.title, new))
    text = b.text if a.text == b.text else _diff(render_plain(a.text, old), render_plain(b.text, new)) + _marked_notes(a, b, old, new)
    return dataclasses.replace(b, title=title, text=text, children=children)


def _marked_notes(a: Unit, b: Unit, old: InlineStyle, new: InlineStyle) -> tuple[Inline, ...]:
    """The footnotes of a changed text, called after it so that every later footnote keeps its number,
    each with its changes marked."""
    before = list(notes(a.text))
    return tuple(note if index < len(before) and before[index] == note else
                 Inline("note", children=_diff(render_plain(before[index].children, old) if index < len(before) else "",
                                               render_plain(note.children, new)))
                 for index, note in enumerate(notes(b.text)))


def _whole(unit: Unit, mark: str, style: InlineStyle, keep_identity: bool) -> Unit:
    """A unit added (``ins``) or removed (``del``), all its text marked; removed units lose their id."""
    def wrap(runs: tuple[Inline, ...]) -> tuple[Inline, ...]:
        added = tuple(Inline("note", children=(Inline(mark, children=note.children),)) for note in notes(runs)) if mark == "ins" else ()
        return (Inline(mark, children=(Inline("text", render_plain(runs, style)),)), *added) if runs else ()
    children = tuple(_whole(child, mark, style, keep_identity) for child in unit.children)
    identity = unit.identity if keep_identity else None
    return dataclasses.replace(unit, title=wrap(unit.title), text=wrap(unit.text), children=children, identity=identity)


def _diff(old: str, new: str) -> tuple[Inline, ...]:
    """Word-level runs: unchanged text, deleted words, inserted words."""
    return tuple(Inline("text", words) if kind == SAME else Inline(kind, children=(Inline("text", words),))
                 for kind, words in word_changes(old, new))
