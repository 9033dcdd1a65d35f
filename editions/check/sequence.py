"""The numbering of one language edition on its own: each level counts 1, 2, 3....

For each parent and each level, the numbered children count 1, 2, 3... (or,
for a level numbered through the document or an ancestor level, every unit
of the level in that scope does): gaps, duplicates, mislabels, wrong restarts
and disorder are reported where they occur, with the sibling lists they
trouble, which the comparison across languages then leaves alone (one slip,
one message). References must point to a numbered unit, and levels stand in
the order their scheme's ``after`` gives. The rules are in docs/numbering.md.
"""

from __future__ import annotations

import collections
import functools
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

from ..errors import Problem
from ..read.inline import references
from ..read.languages import Language
from ..read.model import ANNEX, Document, Unit, annex_of
from ..read.schemes import RESTART, Scheme
from .names import annex_numeral, at, describe, plural


@dataclass
class Findings:
    """Problems of one edition, and the sibling lists they were found in."""

    problems: list[Problem] = field(default_factory=list)
    troubled: set[int] = field(default_factory=set)   # id() of parents


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
                findings.problems.append(at(unit, f"the reference {{{reference.kind}:{reference.value}}} points to no numbered "
                                                   "unit of this document"))
            elif (target := known[reference.value]).label is not None and not target.label.printed:
                findings.problems.append(at(unit, f"the reference {{{reference.kind}:{reference.value}}} points to "
                                                   f"{describe(target)}, whose number is not printed: cite it in words"))
    return findings


def _order_of_levels(doc: Document) -> Iterator[tuple[object, Problem]]:
    """Units of a level that a later level's ``after`` names (a preambular paragraph) standing after
    a unit of that later level (an operative paragraph) under the same parent, with that parent."""
    schemes = [doc.scheme, *(scheme for scheme, _ in doc.annex_schemes.values())]
    if not any(level.after for scheme in schemes if scheme for level in scheme.levels):
        return          # no level of the document's schemes orders others before it
    parents: list[tuple[object, Sequence[Unit]]] = [(doc, doc.body), *((u, u.children) for u in doc.units() if u.children)]
    for parent, children in parents:
        first: dict[str, Unit] = {}
        for unit in children:
            scheme = doc.scheme_of(unit.identity)
            levels = scheme.by_key if scheme else {}
            later = next((u for kind, u in first.items() if kind in levels and unit.kind in levels[kind].after), None)
            if scheme and later:
                yield parent, at(unit, f"{describe(unit)} stands after {describe(later)} (line {later.where.line}): in the scheme "
                                f"{scheme.name}, the {plural(levels[unit.kind].called)} come before the "
                                f"{plural(levels[later.kind].called)}")
            first.setdefault(unit.kind, unit)


def _annex_numbers(annexes: list[Unit]) -> Iterator[Problem]:
    """Annexes count I, II, III... through the document; a single one may go unnumbered ("Annex")."""
    unnumbered = [unit for unit in annexes if unit.label and unit.label.valid and not unit.label.number]
    if len(annexes) > 1:
        for unit in unnumbered:
            yield at(unit, f"an annex without a number stands among {len(annexes)} annexes: "
                            "number each of them (annex: I, annex: II...)")
    if not unnumbered:
        yield from _sequence(annexes, "the document", annex_numeral, Firsts())


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
                entry = lists.get((id(scope), unit.kind))
                if entry is None:       # made only for a new list: setdefault would make one per unit
                    entry = lists[(id(scope), unit.kind)] = (scope, [], name, Firsts())
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


def _sequence(units: list[Unit], parent: str, show: Callable[[int], str], firsts: Firsts) -> Iterator[Problem]:
    """Problems of one level's numbering among siblings: it must count 1, 2, 3...

    In a list numbered through several parents, a unit that starts its parent again at 1 is one
    slip: it is reported, and the units after it are counted on from where the list was."""
    numbers = [u.label.number for u in units if u.label]
    if sorted(numbers) == list(range(1, len(numbers) + 1)):
        for before, after in zip(units, units[1:]):
            if after.label and before.label and after.label.number < before.label.number:
                yield at(after, f"{describe(after)} comes after {describe(before)}: the {plural(after.kind)} of {parent} are out of order")
        return
    expected, first_line, offset = 1, dict[int, int](), 0
    for index, unit in enumerate(units):
        label = unit.label
        assert label is not None
        following = units[index + 1].label if index + 1 < len(units) else None
        number = label.number + offset
        if label.valid and label.number == 1 and index and id(unit) in firsts:
            yield at(unit, f"{describe(unit)} restarts the numbering: {plural(unit.kind)} are numbered through {parent}, "
                            f"so this one is {unit.kind} {show(expected)}")
            offset = expected - 1
            number = expected
        elif not label.valid:
            pass
        elif number != expected and following is not None and following.number == expected + 1:
            yield at(unit, f"{unit.kind} {show(number)} of {parent} should be {show(expected)}: it comes between {show(expected - 1) if expected > 1 else 'the start'} and {show(expected + 1)}")
            number = expected
        elif number in first_line:
            yield at(unit, f"{describe(unit)} appears twice in {parent} (first at line {first_line[number]})")
        elif number > expected and expected == 1:
            yield at(unit, f"{describe(unit)} is the first {unit.kind} of {parent}: numbering starts at {show(1)}")
        elif number > expected:
            yield at(unit, f"{describe(unit)} follows {describe(units[index - 1])}: {_missing(unit.kind, expected, number, show)}")
        elif number < expected:
            yield at(unit, f"{describe(unit)} comes after {show(expected - 1)} in {parent}: out of order")
        first_line.setdefault(number, unit.where.line)
        expected = max(expected, number + 1)


def _missing(kind: str, first: int, after: int, show: Callable[[int], str]) -> str:
    """``paragraph 5 is missing``, ``items ii), iii) are missing``, ``paragraphs 5 to 40 are missing``."""
    if after - first == 1:
        return f"{kind} {show(first)} is missing"
    if after - first <= 4:
        return f"{plural(kind)} {', '.join(show(n) for n in range(first, after))} are missing"
    return f"{plural(kind)} {show(first)} to {show(after - 1)} are missing"
