"""The numbering check: within each language, and across languages.

Units are compared by kind and underlying number, never by label text, so
English ``(i)`` and Spanish ``i)`` are the same item. Every problem is
reported; nothing stops at the first.

Across languages the original language is the reference: each translation is
compared with it, and a problem is reported at the translation's file and line
with the original's location in the message. Unnumbered blocks (text,
headings, bullets, quotations, notes) must correspond one to one as well: an
unnumbered block present in one language only is an error, because official
editions correspond block for block (docs/numbering.md).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from difflib import SequenceMatcher
from itertools import groupby

from .inline import refs
from .languages import Language
from .model import NUMBERED_KINDS, Document, Unit
from .errors import Problem

METADATA_SHARED = ("symbol", "original", "start", "end", "date")


def check_document(doc: Document, language: Language) -> Iterator[Problem]:
    """Problems of one language edition on its own: sequences and references."""
    yield from _sequences(doc.body, "the document", language)
    for unit in doc.units():
        yield from _sequences(unit.children, describe(unit), language)
    known = doc.numbered()
    for unit in doc.units():
        for target in refs(unit.title + unit.text):
            if target not in known:
                yield _at(unit, f"the reference {{ref:{target}}} points to no numbered unit of this document")


def check_parity(original: Document, translation: Document,
                 languages: dict[str, Language]) -> Iterator[Problem]:
    """Problems of ``translation`` measured against ``original``."""
    other = languages[original.language]
    here = languages[translation.language]
    name = f"the {other.name_in(here)} original"
    yield from _metadata(original, translation, name)
    yield from _children(original.body, translation.body, translation.where, name, here)


def describe(unit: Unit) -> str:
    """How messages name a unit: ``paragraph III.A.4``, ``a bullet``."""
    if unit.identity is not None:
        return f"{unit.kind} {unit.identity}"
    return "a heading" if unit.kind == "heading" else f"a {unit.kind} block"


def _at(unit: Unit, message: str) -> Problem:
    return Problem(unit.where.path, unit.where.line, message)


def _numbered(units: Sequence[Unit]) -> list[Unit]:
    return sorted((u for u in units if u.label is not None), key=lambda u: NUMBERED_KINDS.index(u.kind))


def _sequences(units: Sequence[Unit], parent: str, language: Language) -> Iterator[Problem]:
    for kind, group in groupby(_numbered(units), key=lambda u: u.kind):
        yield from _sequence(list(group), parent, language.labels[kind].short)


def _sequence(units: list[Unit], parent: str, show: object) -> Iterator[Problem]:
    numbers = [u.label.number for u in units if u.label]
    if sorted(numbers) == list(range(1, len(numbers) + 1)):
        for before, after in zip(units, units[1:]):
            if before.label and after.label and after.label.number < before.label.number:
                yield _at(after, f"{describe(after)} comes after {describe(before)}: the {after.kind}s of {parent} are out of order")
        return
    expected, first_seen = 1, {}
    for unit in units:
        label = unit.label
        assert label is not None
        if not label.valid:
            expected = label.number + 1
            continue
        label_of = show  # type: ignore[assignment]
        if label.number in first_seen:
            yield _at(unit, f"{describe(unit)} appears twice in {parent} (first at line {first_seen[label.number].where.line})")
        elif label.number > expected:
            missing = ", ".join(label_of(n) for n in range(expected, label.number))  # type: ignore[operator]
            yield _at(unit, f"{describe(unit)} follows {_previous(units, unit, parent)}: {unit.kind} {missing} is missing")
        elif label.number < expected:
            yield _at(unit, f"{describe(unit)} comes after {unit.kind} {label_of(expected - 1)} of {parent}: out of order")  # type: ignore[operator]
        first_seen.setdefault(label.number, unit)
        expected = max(expected, label.number + 1)


def _previous(units: list[Unit], unit: Unit, parent: str) -> str:
    index = units.index(unit)
    return describe(units[index - 1]) if index else f"the start of {parent}"


def _metadata(original: Document, translation: Document, name: str) -> Iterator[Problem]:
    for key in METADATA_SHARED:
        mine, theirs = getattr(translation.meta, key), getattr(original.meta, key)
        if mine != theirs:
            line = translation.meta.lines.get(key, 1)
            yield Problem(translation.where.path, line,
                          f"{key} is {mine or 'not given'} here; {name} has {theirs or 'none'} ({original.where.path}:{original.meta.lines.get(key, 1)})")


def _signature(unit: Unit) -> tuple[str, int]:
    return (unit.kind, unit.label.number if unit.label else 0)


def _children(theirs: Sequence[Unit], mine: Sequence[Unit], parent_where: object,
              name: str, here: Language) -> Iterator[Problem]:
    """Compare two sibling lists and, where they match, their children."""
    matcher = SequenceMatcher(None, [_signature(u) for u in theirs], [_signature(u) for u in mine], autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            for a, b in zip(theirs[i1:i2], mine[j1:j2]):
                yield from _children(a.children, b.children, b.where, name, here)
            continue
        yield from _differences(theirs[i1:i2], mine[j1:j2], mine[j2] if j2 < len(mine) else None,
                                mine, parent_where, name, here)


def _differences(theirs: Sequence[Unit], mine: Sequence[Unit], following: Unit | None,
                 siblings: Sequence[Unit], parent_where: object, name: str, here: Language) -> Iterator[Problem]:
    """Report a run that differs: renumbered pairs, then what is missing or extra."""
    pairs = min(len(theirs), len(mine))
    for a, b in zip(theirs[:pairs], mine[:pairs]):
        yield _at(b, f"{_shown(b, here)} stands where {name} has {_shown(a, here)} ({a.where.path}:{a.where.line})")
    for b in mine[pairs:]:
        yield _at(b, f"{_shown(b, here)} has no counterpart in {name}")
    anchor = following or (siblings[-1] if siblings else None)
    for a in theirs[pairs:]:
        where = anchor.where if anchor else parent_where
        place = "before this block" if following else "at the end of these blocks"
        yield Problem(where.path, where.line,  # type: ignore[attr-defined]
                      f"{_shown(a, here)} of {name} ({a.where.path}:{a.where.line}) is missing {place}")


def _shown(unit: Unit, here: Language) -> str:
    """A unit named with its label printed in this language: ``item III.B.3.ix (ix))``."""
    if unit.label is None:
        return describe(unit)
    printed = here.labels[unit.kind].short(unit.label.number)
    return f"{describe(unit)} [{printed}]" if printed != unit.identity.rsplit(".", 1)[-1] else describe(unit)  # type: ignore[union-attr]
