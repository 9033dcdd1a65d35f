"""The numbering check: each edition on its own (editions/check/sequence.py), then across languages.

Units are compared by kind and underlying number, never by label text, so
English ``(i)`` and Spanish ``i)`` are the same item. Every problem is
reported; nothing stops at the first. The rules, and what is decided about
unnumbered blocks, are documented in docs/numbering.md:

* Within a language (editions/check/sequence.py), the numbered children of
  each parent count 1, 2, 3... for each kind: gaps, duplicates, mislabels and
  disorder are reported where they occur.
* Across languages, each translation is compared with the original, parent by
  parent. A sibling list that already has a problem within its own language
  is not compared further, so one slip gives one message, except for units
  that moved to another parent, which are reported as mis-nested.
* Unnumbered blocks (text, headings, bullets, quotations, notes) must
  correspond one to one as well: a block present in one language only is an
  error, reported at the block that exists.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

from ..errors import Problem
from ..read.languages import Language
from ..read.loader import known_language
from ..read.model import ANNEX, Document, Location, Unit
from ..read.project import Project
from .alignment import realigned
from .names import annex_numeral, at, describe, english_name, plural
from .sequence import check_document

# Shared by every document, whatever its kind; a kind adds its own (kinds/<name>.yaml, ``shared: yes``).
METADATA_SHARED = ("symbol", "original", "type", "date", "columns", "bilingual", "amendments")


def check_numbering(project: Project) -> list[Problem]:
    """Every numbering problem of the project: each edition on its own, then each translation against its original."""
    problems: list[Problem] = []
    troubled: set[int] = set()
    for name, by_language in sorted(project.documents.items()):
        for code, doc in sorted(by_language.items()):
            findings = check_document(doc, project.languages[code])
            problems.extend(findings.problems)
            troubled |= findings.troubled
    problems.extend(_parity(project, troubled))
    return problems


@dataclass(frozen=True)
class _Side:
    """One edition in a comparison, named as messages call it."""

    doc: Document
    language: Language
    part: str                      # "original" or "translation"
    troubled: set[int]

    @property
    def role(self) -> str:
        """``the Spanish original``: named only when a message needs it (the names are Babel's locale data)."""
        return f"the {english_name(self.doc.language)} {self.part}"


@dataclass(frozen=True)
class _Loose:
    """A numbered unit with no counterpart under its parent's counterpart."""

    unit: Unit
    parent: str
    side: _Side
    covered: bool      # already reported, by a count or a sequence problem


def check_parity(original: Document, translation: Document, languages: dict[str, Language],
                 troubled: set[int], shared: Sequence[str] = ()) -> Iterator[Problem]:
    """Problems of ``translation`` measured against ``original``; ``shared`` names the fields of
    their kind that are the same in every language."""
    theirs = _Side(original, languages[original.language], "original", troubled)
    mine = _Side(translation, languages[translation.language], "translation", troubled)
    yield from _metadata(theirs, mine, shared)
    if original.scheme and translation.scheme and original.scheme.name != translation.scheme.name:
        yield Problem(translation.where.path, translation.meta.lines.get("scheme", 1),
                      f"scheme is {translation.scheme.name} here; {theirs.role} has {original.scheme.name} "
                      f"({original.where.path}:{original.meta.lines.get('scheme', 1)})")
        return
    loose: list[_Loose] = []
    yield from _compare(theirs, mine, (original, original.body), (translation, translation.body), loose)
    yield from _misnested(loose)
    yield from _annex_originals(theirs, mine)


def _annexes_troubled(theirs: _Side, mine: _Side) -> bool:
    """Whether the annexes of either edition have a problem of their own, already reported."""
    return any(unit.kind == ANNEX and id(unit) in side.troubled for side in (theirs, mine) for unit in side.doc.body)


def _scheme_name(doc: Document, unit: Unit) -> str:
    scheme = doc.scheme_of(unit.identity)
    return scheme.name if scheme else "none"


def _annex_originals(theirs: _Side, mine: _Side) -> Iterator[Problem]:
    """An annex's original language and scheme are the same in every language's edition."""
    ours = [unit for unit in theirs.doc.body if unit.kind == ANNEX]
    yours = [unit for unit in mine.doc.body if unit.kind == ANNEX]
    if [unit.identity for unit in ours] != [unit.identity for unit in yours]:
        return      # reported as annexes that differ
    for other, unit in zip(ours, yours):
        mine_scheme, their_scheme = _scheme_name(mine.doc, unit), _scheme_name(theirs.doc, other)
        if mine_scheme != their_scheme:
            yield at(unit, f"{describe(unit)} is numbered with the scheme {mine_scheme} here; {theirs.role} numbers it "
                            f"with {their_scheme} ({other.where.path}:{other.where.line})")
        if other.original != unit.original and known_language(unit.original or "en"):   # else reported by the loader
            yield at(unit, f"{describe(unit)} has original {unit.original or 'not given'} here; {theirs.role} has "
                            f"{other.original or 'none'} ({other.where.path}:{other.where.line})")


def _metadata(theirs: _Side, mine: _Side, shared: Sequence[str]) -> Iterator[Problem]:
    same_kind = mine.doc.meta.type == theirs.doc.meta.type
    for key in (*METADATA_SHARED, *(shared if same_kind else ())):   # another kind's fields: the type says it all
        value, reference = _shared_value(mine.doc, key), _shared_value(theirs.doc, key)
        if value != reference:
            yield Problem(mine.doc.where.path, mine.doc.meta.lines.get(key, 1),
                          f"{key} is {_shown(value) or 'not given'} here; {theirs.role} has {_shown(reference) or 'none'} "
                          f"({theirs.doc.where.path}:{theirs.doc.meta.lines.get(key, 1)})")


def _shown(value: object) -> str:
    """A metadata value as messages show it: a list as its entries, ``15, 116``."""
    if isinstance(value, tuple) and all(isinstance(entry, str) for entry in value):
        return ", ".join(value)
    return str(value or "")


def _shared_value(doc: Document, key: str) -> object:
    return getattr(doc.meta, key) if key in METADATA_SHARED else doc.meta.details.get(key)


def _signature(unit: Unit) -> tuple[str, int]:
    """Kind and number; a unit numbered by its place is matched by kind alone, as unnumbered blocks
    are, so that the one really missing is found by its content (editions/check/alignment.py)."""
    return (unit.kind, unit.label.number if unit.label and unit.label.printed else 0)


Parent = tuple[object, Sequence[Unit]]     # the document or a unit, and its children


def _name(parent: Parent) -> str:
    return describe(parent[0]) if isinstance(parent[0], Unit) else "the document"


def _compare(theirs: _Side, mine: _Side, a: Parent, b: Parent, loose: list[_Loose]) -> Iterator[Problem]:
    """Compare the children of two matched parents, then their matched children."""
    quiet = id(a[0]) in theirs.troubled or id(b[0]) in mine.troubled
    extra_a: list[Unit] = []
    extra_b: list[Unit] = []
    opcodes = _aligned(a[1], b[1])
    for tag, i1, i2, j1, j2 in opcodes:
        if tag == "equal" and quiet:
            continue
        if tag == "equal":
            for x, y in zip(a[1][i1:i2], b[1][j1:j2]):
                if (x.children or y.children) and x.kind != "table":     # a table's rows: editions/check/tables.py
                    yield from _compare(theirs, mine, (x, x.children), (y, y.children), loose)
        elif tag == "replace" and not quiet:
            for x, y in zip(a[1][i1:i2], b[1][j1:j2]):
                if x.kind == ANNEX and (id(x) in theirs.troubled or id(y) in mine.troubled):
                    continue
                if x.label is None or y.label is None or x.kind != y.kind or x.kind == ANNEX:
                    yield at(y, f"{describe(y)} stands where {theirs.role} has {describe(x)} ({x.where.path}:{x.where.line})"
                                 f"{_rewrite(x, y)}")
            extra_a += [u for u in a[1][i1 + (j2 - j1):i2]]
            extra_b += [u for u in b[1][j1 + (i2 - i1):j2]]
        else:
            extra_a += a[1][i1:i2]
            extra_b += b[1][j1:j2]
    counted = {} if quiet or not (extra_a or extra_b) else dict(_counts(theirs, mine, a, b, extra_a + extra_b))
    yield from counted.values()
    pairs = _pairs(opcodes)
    for side, other, parent, other_parent, extras in ((theirs, mine, a, b, extra_a), (mine, theirs, b, a, extra_b)):
        where = _where(other, other_parent)
        for unit in extras:
            covered = quiet or unit.kind in counted or (unit.kind == ANNEX and _annexes_troubled(theirs, mine))
            if unit.label is not None and unit.label.printed:
                loose.append(_Loose(unit, _name(parent), side, covered))
            if not covered:
                yield at(unit, f"{describe(unit)} has no counterpart in {other.role} "
                                f"(which has {_blocks(len(other_parent[1]))} in {_name(other_parent)}, {where.path}:{where.line})"
                                f"{_belongs(parent[1], other_parent[1], pairs if side is theirs else _swapped(pairs), unit)}")


def _rewrite(x: Unit, y: Unit) -> str:
    """What to write instead, where a text block stands for a unit numbered by its place (a
    preambular paragraph written as text before its scheme declared them)."""
    if y.kind == "text" and x.label is not None and not x.label.printed:
        return f": write it as {x.kind}: followed by its text"
    return ""


def _aligned(ours: Sequence[Unit], yours: Sequence[Unit]) -> list[tuple[str, int, int, int, int]]:
    """The siblings' opcodes by kind and number; runs of unnumbered blocks that differ, by content too."""
    opcodes = list(_opcodes([_signature(u) for u in ours], [_signature(u) for u in yours]))
    if all(tag == "equal" for tag, *_ in opcodes):
        return opcodes
    return realigned(iter(opcodes), ours, yours)


def _pairs(opcodes: list[tuple[str, int, int, int, int]]) -> dict[int, int]:
    """Each matched sibling's index, to its counterpart's."""
    return {i1 + n: j1 + n for tag, i1, i2, j1, _ in opcodes if tag == "equal" for n in range(i2 - i1)}


def _swapped(pairs: dict[int, int]) -> dict[int, int]:
    return {j: i for i, j in pairs.items()}


def _belongs(siblings: Sequence[Unit], others: Sequence[Unit], pairs: dict[int, int], unit: Unit) -> str:
    """``: it belongs after the text block at es.yaml:15``: where the other file lacks ``unit``."""
    index = next(n for n, sibling in enumerate(siblings) if sibling is unit)
    before = next((pairs[n] for n in range(index - 1, -1, -1) if n in pairs), None)
    if before is not None:
        return f"; it belongs after {_the(others[before])} at line {others[before].where.line}"
    after = next((pairs[n] for n in range(index + 1, len(siblings)) if n in pairs), None)
    return f"; it belongs before {_the(others[after])} at line {others[after].where.line}" if after is not None else ""


def _the(unit: Unit) -> str:
    """``the text block``, ``paragraph I.2``."""
    named = describe(unit)
    return "the " + named[2:] if named.startswith("a ") else named


def _blocks(count: int) -> str:
    return "1 block" if count == 1 else f"{count} blocks"


def _where(side: _Side, parent: Parent) -> Location:
    return parent[0].where if isinstance(parent[0], Unit) else side.doc.where


def _opcodes(ours: list[tuple[str, int]], yours: list[tuple[str, int]]) -> Iterator[tuple[str, int, int, int, int]]:
    """Difflib's opcodes, with the common head and tail matched first.

    SequenceMatcher is quadratic on long runs of equal signatures (thousands of
    unnumbered text blocks); editions differ in a few places, so trimming
    what is equal at both ends leaves it only the small middle.
    """
    head = 0
    while head < min(len(ours), len(yours)) and ours[head] == yours[head]:
        head += 1
    tail = 0
    while tail < min(len(ours), len(yours)) - head and ours[-1 - tail] == yours[-1 - tail]:
        tail += 1
    if head:
        yield ("equal", 0, head, 0, head)
    if head == len(ours) == len(yours):
        return      # the common case: identical
    middle = SequenceMatcher(None, ours[head:len(ours) - tail], yours[head:len(yours) - tail], autojunk=False)
    for tag, i1, i2, j1, j2 in middle.get_opcodes():
        yield (tag, i1 + head, i2 + head, j1 + head, j2 + head)
    if tail:
        yield ("equal", len(ours) - tail, len(ours), len(yours) - tail, len(yours))


def _counts(theirs: _Side, mine: _Side, a: Parent, b: Parent,
            extras: list[Unit]) -> Iterator[tuple[str, Problem]]:
    """One message per numbered kind whose count differs, at the shorter side."""
    for kind in dict.fromkeys(u.kind for u in (*a[1], *b[1]) if u.label and u.label.printed):
        ours = [u for u in a[1] if u.kind == kind]
        yours = [u for u in b[1] if u.kind == kind]
        if len(ours) == len(yours) or not any(u.kind == kind for u in extras):
            continue
        (short, short_units, short_parent), (long_, long_units, long_parent) = sorted(
            [(theirs, ours, a), (mine, yours, b)], key=lambda s: len(s[1]))
        where = _where(short, short_parent)
        if kind == ANNEX:       # at the list of annexes, if the file has one
            where = Location(where.path, short.doc.meta.lines.get("annexes", where.line))
        long_where = long_units[-1].where
        yield kind, Problem(where.path, where.line,
                      f"{_name(short_parent)} has {_span(short, kind, short_units)}; "
                      f"{long_.role} has {_span(long_, kind, long_units)} ({long_where.path}:{long_where.line})")


def _span(side: _Side, kind: str, units: list[Unit]) -> str:
    """``2 paragraphs, 1 to 2``, ``1 item, i)``, ``no subparagraphs``."""
    show = annex_numeral if kind == ANNEX else side.doc.styles(units[0].identity if units else None)[kind].bare
    numbers = [u.label.number for u in units if u.label]
    if not numbers:
        return f"no {plural(kind)}"
    if len(numbers) == 1:
        return f"1 {kind}, {show(numbers[0])}"
    return f"{len(numbers)} {plural(kind)}, {show(numbers[0])} to {show(numbers[-1])}"


def _misnested(loose: list[_Loose]) -> Iterator[Problem]:
    """Units that lost their counterpart under one parent and found it under another."""
    by_key: dict[tuple[str, int, str], list[_Loose]] = {}
    for item in loose:
        assert item.unit.label is not None
        by_key.setdefault((item.unit.kind, item.unit.label.number, item.side.role), []).append(item)
    sides = sorted({item.side.role for item in loose})
    if len(sides) != 2:
        return
    for item in (i for i in loose if i.side.role == sides[1]):
        assert item.unit.label is not None
        for twin in by_key.get((item.unit.kind, item.unit.label.number, sides[0]), []):
            if twin.parent != item.parent:
                show = item.side.doc.styles(item.unit.identity)[item.unit.kind].bare(item.unit.label.number, item.unit.label.parent)
                yield at(item.unit, f"{item.unit.kind} {show} is under {item.parent} here; {twin.side.role} has it under "
                          f"{twin.parent} ({twin.unit.where.path}:{twin.unit.where.line})")


def _parity(project: Project, troubled: set[int]) -> Iterable[Problem]:
    """Each document exists in the languages whose folders hold it; its original must be one of them,
    and every other edition is checked against it."""
    for name, by_language in sorted(project.documents.items()):
        any_edition = next(iter(by_language.values()))
        meta = any_edition.meta
        for key, codes in (("columns", meta.columns), ("bilingual", [code for pair in meta.pairs for code in pair])):
            for code in dict.fromkeys(codes):
                if code not in by_language:
                    yield Problem(any_edition.where.path, meta.lines.get(key, 1),
                                  f"{key} names '{code}', which has no edition of this document")
        original = by_language.get(meta.original)
        if meta.original not in project.languages:
            yield Problem(any_edition.where.path, meta.lines.get("original", 1),
                          f"the original language '{meta.original}' has no folder under content/")
            continue
        if original is None:
            if not (project.root / "content" / meta.original / f"{name}.yaml").exists():   # else: failed to load, reported
                yield Problem(any_edition.where.path, meta.lines.get("original", 1),
                              f"the original language '{meta.original}' has no edition of document {name}: "
                              f"content/{meta.original}/{name}.yaml is missing")
            continue
        kind = project.kinds.get(original.meta.type)
        shared = kind.shared if kind is not None else ()
        for code, doc in sorted(by_language.items()):
            if code != original.language:
                yield from check_parity(original, doc, project.languages, troubled, shared)
