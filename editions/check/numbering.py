"""The numbering check: within each language, and across languages.

Units are compared by kind and underlying number, never by label text, so
English ``(i)`` and Spanish ``i)`` are the same item. Every problem is
reported; nothing stops at the first. The rules, and what is decided about
unnumbered blocks, are documented in docs/numbering.md:

* Within a language, the numbered children of each parent count 1, 2, 3...
  for each kind: gaps, duplicates, mislabels and disorder are reported where
  they occur.
* Across languages, each translation is compared with the original, parent by
  parent. A sibling list that already has a problem within its own language
  is not compared further, so one slip gives one message, except for units
  that moved to another parent, which are reported as mis-nested.
* Unnumbered blocks (text, headings, bullets, quotations, notes) must
  correspond one to one as well: a block present in one language only is an
  error, reported at the block that exists.
"""

from __future__ import annotations

import collections
import functools
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from babel import Locale

from ..errors import Problem
from ..read.inline import references
from ..read.languages import Language, language_name
from ..read.loader import known_language
from ..read.model import ANNEX, Document, Location, Part, Unit, annex_of
from ..read.numerals import format_numeral
from ..read.project import Project
from ..read.schemes import RESTART, Scheme
from ..read.tables import table_name
from .alignment import realigned

# Shared by every document, whatever its kind; a kind adds its own (kinds/<name>.yaml, ``shared: yes``).
METADATA_SHARED = ("symbol", "original", "type", "date", "columns", "bilingual", "amendments")
MESSAGES_LOCALE = Locale.parse("en")   # messages to the user are in English


@dataclass
class Findings:
    """Problems of one edition, and the sibling lists they were found in."""

    problems: list[Problem] = field(default_factory=list)
    troubled: set[int] = field(default_factory=set)   # id() of parents


def describe(unit: Unit) -> str:
    """How messages name a unit: ``paragraph III.A.4``, ``preambular paragraph 3``, ``a bullets block``,
    ``annex II``, ``paragraph 3 of annex II``, ``paragraph 3 of the annex``, ``table 2``."""
    if unit.kind == "table":
        return table_name(unit)
    if unit.label is not None and not unit.label.printed:
        return f"{unit.called or unit.kind} {unit.label.number}"
    if unit.identity is not None:
        return _named(unit.kind, unit.identity)
    return {"heading": "a heading", "bullet": "a bullet", "header": "a header row of a table", "row": "a row of a table",
            "cell": "a cell of a table", "source": "the source of a table"}.get(unit.kind, f"a {unit.kind} block")


UNNUMBERED = "the unnumbered text outside the numbered units"


def part_name(part: Part) -> str:
    """How messages name a part (editions/read/model.Document.parts): its unit, or the unnumbered text."""
    return describe(part.unit) if part.unit is not None else UNNUMBERED


def _named(kind: str, identity: str) -> str:
    if not identity.startswith(ANNEX):
        return f"{kind} {identity}"
    annex, _, own = identity.partition(".")
    which = f"annex {annex.removeprefix(ANNEX + '-')}" if annex != ANNEX else "the annex"
    return f"{kind} {own} of {which}" if own else which


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


def check_document(doc: Document, language: Language) -> Findings:
    """Problems of one language edition on its own: sequences and references."""
    findings = Findings()
    for parent, units, name, firsts in _sibling_lists(doc):
        style = doc.styles(units[0].identity)[units[0].kind]
        parent_numeral = units[0].label.parent if units[0].label else ""
        found = list(_sequence(units, name, functools.partial(style.bare, parent=parent_numeral), firsts))
        if found:
            findings.troubled.add(id(parent))
            findings.troubled |= firsts.parents
            findings.problems.extend(found)
    for parent, problem in _order_of_levels(doc):
        findings.troubled.add(id(parent))               # one slip, one message: not also a unit without counterpart
        findings.problems.append(problem)
    annexes = [unit for unit in doc.body if unit.kind == ANNEX]
    found = list(_annex_numbers(annexes))
    if found or any(unit.label and not unit.label.valid for unit in annexes):
        findings.troubled |= {id(unit) for unit in annexes}     # one slip, one message: not compared again
    findings.problems.extend(found)
    known = doc.numbered()
    for unit in doc.units():
        for reference in references(unit.title + unit.text):
            if reference.value not in known:
                findings.problems.append(_at(unit, f"the reference {{{reference.kind}:{reference.value}}} points to no numbered "
                                                   "unit of this document"))
            elif (target := known[reference.value]).label is not None and not target.label.printed:
                findings.problems.append(_at(unit, f"the reference {{{reference.kind}:{reference.value}}} points to "
                                                   f"{describe(target)}, whose number is not printed: cite it in words"))
    return findings


def _order_of_levels(doc: Document) -> Iterator[tuple[object, Problem]]:
    """Units of a level that a later level's ``after`` names (a preambular paragraph) standing after
    a unit of that later level (an operative paragraph) under the same parent, with that parent."""
    parents: list[tuple[object, Sequence[Unit]]] = [(doc, doc.body), *((u, u.children) for u in doc.units() if u.children)]
    for parent, children in parents:
        first: dict[str, Unit] = {}
        for unit in children:
            scheme = doc.scheme_of(unit.identity)
            levels = scheme.by_key if scheme else {}
            later = next((u for kind, u in first.items() if kind in levels and unit.kind in levels[kind].after), None)
            if scheme and later:
                yield parent, _at(unit, f"{describe(unit)} stands after {describe(later)} (line {later.where.line}): in the scheme "
                                f"{scheme.name}, the {plural(levels[unit.kind].called)} come before the "
                                f"{plural(levels[later.kind].called)}")
            first.setdefault(unit.kind, unit)


def _annex_numbers(annexes: list[Unit]) -> Iterator[Problem]:
    """Annexes count I, II, III... through the document; a single one may go unnumbered ("Annex")."""
    unnumbered = [unit for unit in annexes if unit.label and unit.label.valid and not unit.label.number]
    if len(annexes) > 1:
        for unit in unnumbered:
            yield _at(unit, f"an annex without a number stands among {len(annexes)} annexes: "
                            "number each of them (annex: I, annex: II...)")
    if not unnumbered:
        yield from _sequence(annexes, "the document", _roman, Firsts())


def _roman(number: int) -> str:
    """An annex's number as content writes it, whatever the language: II."""
    return format_numeral("upper-roman", number) if number else "without a number"


def plural(kind: str) -> str:
    """``paragraphs``, ``annexes``."""
    return f"{kind}es" if kind.endswith("x") else f"{kind}s"


class Firsts(set[int]):
    """The id() of each unit that is the first of its level under its own parent, and of those parents
    (a list numbered through several parents that has a problem troubles each of them)."""

    def __init__(self) -> None:
        super().__init__()
        self.parents: set[int] = set()


SiblingList = tuple[object, list[Unit], str, Firsts]


def _sibling_lists(doc: Document) -> Iterator[SiblingList]:
    """Each list of units that counts 1, 2, 3..., with the parent it is reported under: the units of
    a level under one parent or, for a level numbered through the document or an ancestor level,
    every unit of the level in that scope, in document order, with the id() of each unit that is
    the first of its own parent (where a wrong restart shows)."""
    body = _through(doc.scheme)
    annexes = {name: _through(scheme) for name, (scheme, _) in doc.annex_schemes.items()}
    lists: dict[tuple[int, str], SiblingList] = {}
    parents: collections.deque[tuple[object, Sequence[Unit], tuple[Unit, ...]]] = collections.deque([(doc, doc.body, ())])
    while parents:
        parent, children, ancestors = parents.popleft()
        seen: set[str] = set()
        for unit in children:
            if unit.label and unit.kind != ANNEX:       # annexes are counted on their own (_annex_numbers)
                through = annexes.get(annex_of(unit.identity or ""), body) if annexes else body
                scope, name = _scope(unit.kind, through, doc, parent, ancestors)
                entry = lists.setdefault((id(scope), unit.kind), (scope, [], name, Firsts()))
                entry[1].append(unit)
                entry[3].parents.add(id(parent))
                if unit.kind not in seen:
                    entry[3].add(id(unit))
                seen.add(unit.kind)
        parents.extend((u, u.children, (*ancestors, u) if u.label else ancestors) for u in children if u.children)
    for entry in lists.values():
        entry[1].sort(key=lambda u: u.where.line)
        yield entry


def _through(scheme: Scheme | None) -> dict[str, str]:
    """The levels of ``scheme`` numbered through the document or an ancestor level, with how."""
    return {level.key: level.numbering for level in scheme.levels if level.numbering != RESTART} if scheme else {}


def _scope(kind: str, through: dict[str, str], doc: Document, parent: object,
           ancestors: tuple[Unit, ...]) -> tuple[object, str]:
    """What a unit's number counts under, and how messages name it."""
    numbering = through.get(kind)
    if numbering is None:
        return parent, describe(parent) if isinstance(parent, Unit) else "the document"
    for above in reversed(ancestors):
        if above.kind == numbering:
            return above, describe(above)
    if ancestors and ancestors[0].kind == ANNEX:      # an annex numbers its units afresh
        return ancestors[0], describe(ancestors[0])
    return doc, "the document"


def _at(unit: Unit, message: str) -> Problem:
    return Problem(unit.where.path, unit.where.line, message)


def _sequence(units: list[Unit], parent: str, show: Callable[[int], str], firsts: Firsts) -> Iterator[Problem]:
    """Problems of one level's numbering among siblings: it must count 1, 2, 3...

    In a list numbered through several parents, a unit that starts its parent again at 1 is one
    slip: it is reported, and the units after it are counted on from where the list was."""
    numbers = [u.label.number for u in units if u.label]
    if sorted(numbers) == list(range(1, len(numbers) + 1)):
        for before, after in zip(units, units[1:]):
            if after.label and before.label and after.label.number < before.label.number:
                yield _at(after, f"{describe(after)} comes after {describe(before)}: the {plural(after.kind)} of {parent} are out of order")
        return
    expected, first_line, offset = 1, dict[int, int](), 0
    for index, unit in enumerate(units):
        label = unit.label
        assert label is not None
        following = units[index + 1].label if index + 1 < len(units) else None
        number = label.number + offset
        if label.valid and label.number == 1 and index and id(unit) in firsts:
            yield _at(unit, f"{describe(unit)} restarts the numbering: {plural(unit.kind)} are numbered through {parent}, "
                            f"so this one is {unit.kind} {show(expected)}")
            offset = expected - 1
            number = expected
        elif not label.valid:
            pass
        elif number != expected and following is not None and following.number == expected + 1:
            yield _at(unit, f"{unit.kind} {show(number)} of {parent} should be {show(expected)}: it comes between {show(expected - 1) if expected > 1 else 'the start'} and {show(expected + 1)}")
            number = expected
        elif number in first_line:
            yield _at(unit, f"{describe(unit)} appears twice in {parent} (first at line {first_line[number]})")
        elif number > expected and expected == 1:
            yield _at(unit, f"{describe(unit)} is the first {unit.kind} of {parent}: numbering starts at {show(1)}")
        elif number > expected:
            yield _at(unit, f"{describe(unit)} follows {describe(units[index - 1])}: {_missing(unit.kind, expected, number, show)}")
        elif number < expected:
            yield _at(unit, f"{describe(unit)} comes after {show(expected - 1)} in {parent}: out of order")
        first_line.setdefault(number, unit.where.line)
        expected = max(expected, number + 1)


def _missing(kind: str, first: int, after: int, show: Callable[[int], str]) -> str:
    """``paragraph 5 is missing``, ``items ii), iii) are missing``, ``paragraphs 5 to 40 are missing``."""
    if after - first == 1:
        return f"{kind} {show(first)} is missing"
    if after - first <= 4:
        return f"{plural(kind)} {', '.join(show(n) for n in range(first, after))} are missing"
    return f"{plural(kind)} {show(first)} to {show(after - 1)} are missing"


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
            yield _at(unit, f"{describe(unit)} is numbered with the scheme {mine_scheme} here; {theirs.role} numbers it "
                            f"with {their_scheme} ({other.where.path}:{other.where.line})")
        if other.original != unit.original and known_language(unit.original or "en"):   # else reported by the loader
            yield _at(unit, f"{describe(unit)} has original {unit.original or 'not given'} here; {theirs.role} has "
                            f"{other.original or 'none'} ({other.where.path}:{other.where.line})")


def english_name(code: str) -> str:
    """A language's name in English, as messages to the user call it."""
    return language_name(code, MESSAGES_LOCALE)


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
                    yield _at(y, f"{describe(y)} stands where {theirs.role} has {describe(x)} ({x.where.path}:{x.where.line})"
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
                yield _at(unit, f"{describe(unit)} has no counterpart in {other.role} "
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
    show = _roman if kind == ANNEX else side.doc.styles(units[0].identity if units else None)[kind].bare
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
                yield _at(item.unit, f"{item.unit.kind} {show} is under {item.parent} here; {twin.side.role} has it under "
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
