"""The values every language writes alike, compared part by part: numbers, dates, references, symbols.

A translation words its text in its own way, but what the text states stays
the same in every language: the ``{number:}`` and ``{date:}`` fields, the
units it points to with ``{ref:}`` or ``{cite:}`` (either may stand for the
other), and the document symbols it names (``A/RES/70/1``, with a digit:
``HIV/AIDS`` is no symbol). Each part of a translation (a numbered unit with
the unnumbered blocks it holds, its footnotes' texts included) must hold the
same values as its counterpart in the original, in any order. A value one side
has and the other lacks is reported at the block that holds it, with the block
of the other side. A table's numbers are its cells', compared cell by cell by
editions/check/tables.py; its dates, references and symbols are compared here.
Parts on one side only are the numbering check's to report, and a pair of files
with a problem already is not compared.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from decimal import Decimal

from ..errors import Problem
from ..read.inline import SYMBOL
from ..read.model import Document, Inline, Location, Part
from ..read.project import Project
from .names import english_name, part_name
from .tracking import PREAMBLE


@dataclass(frozen=True)
class _Value:
    """A value as compared (``key``), as the content writes it (``written``), and the block holding it."""

    key: tuple[str, str]
    written: str
    where: Location


def check_values(project: Project, troubled: Collection[str] = (),
                 behind: Collection[tuple[str, str]] = ()) -> list[Problem]:
    """A problem for each part of a translation whose values differ from its original's.

    A pair of files one of which is ``troubled`` (has a problem already) is left out, since a unit
    dropped or misnumbered would pair the wrong parts (one slip, one message); so is a part
    ``behind`` its original, (translation's path, part's key as editions/check/tracking.py names
    it), whose original changed since the translation was confirmed: its values are expected to
    differ until it is translated again, and translation tracking says so."""
    return [problem for original, translation in project.translations()
            if original.where.path not in troubled and translation.where.path not in troubled
            for problem in compare(original, translation, behind)]


def compare(original: Document, translation: Document, behind: Collection[tuple[str, str]] = ()) -> Iterator[Problem]:
    theirs = {_key(part): part for part in original.parts()}
    role = f"the {english_name(original.language)} original"
    for part in translation.parts():
        other = theirs.get(_key(part))
        if other is None or (translation.where.path, _key(part)) in behind:
            continue
        mine, reference = _values(part), _values(other)
        if sorted(v.key for v in mine) == sorted(v.key for v in reference):
            continue
        extra = _unmatched(mine, reference)
        missing = _unmatched(reference, mine)
        if extra or missing:
            yield _problem(part_name(part), extra, missing, role, part, other)


def _key(part: Part) -> str:
    """A part as translation tracking names it: its unit's identity, or PREAMBLE for the unnumbered text."""
    return part.unit.identity if part.unit and part.unit.identity else PREAMBLE


def _problem(name: str, extra: list[_Value], missing: list[_Value], role: str, part: Part, other: Part) -> Problem:
    here = extra[0].where if extra else part.where
    there = missing[0].where if missing else other.where
    if extra and missing:
        said = f"has {_listed(extra)} here; {role} has {_listed(missing)} there"
    elif extra:
        said = f"has {_listed(extra)}, which {role} lacks"
    else:
        said = f"lacks {_listed(missing)}, which {role} has"
    return Problem(here.path, here.line, f"{name} {said} ({there.path}:{there.line})")


def _unmatched(values: list[_Value], others: list[_Value]) -> list[_Value]:
    """The values of ``values`` that ``others`` lacks (a value twice on one side and once on the other, once)."""
    left = Counter(value.key for value in others)
    unmatched = []
    for value in values:
        if left[value.key]:
            left[value.key] -= 1
        else:
            unmatched.append(value)
    return unmatched


def _listed(values: list[_Value], most: int = 6) -> str:
    """``{ref:1}, A/80/49 (twice)``: each value once, in order, with how often; past ``most``, how many more."""
    counted = Counter(value.written for value in values)
    shown = [f"{written} ({_times(count)})" if count > 1 else written for written, count in counted.items()]
    more = f", and {len(shown) - most} more" if len(shown) > most else ""
    return ", ".join(shown[:most]) + more


def _times(count: int) -> str:
    return "twice" if count == 2 else f"{count} times"


def _values(part: Part) -> list[_Value]:
    table = part.unit is not None and part.unit.kind == "table"
    found: list[_Value] = []
    for block in part.blocks:
        _collect(block.title, block.where, table, found)
        _collect(block.text, block.where, table, found)
    return found


def _collect(runs: tuple[Inline, ...], where: Location, table: bool, found: list[_Value]) -> None:
    """Each value in ``runs`` (footnotes' texts too), in order, into ``found``: its key and how the
    content writes it; a table's numbers are left to editions/check/tables.py."""
    for run in runs:
        kind = run.kind
        if kind == "text":
            if "/" in run.value:        # every symbol has one: most texts are not searched
                found += [_Value(("symbol", m), m, where) for m in SYMBOL.findall(run.value) if any(c.isdigit() for c in m)]
        elif kind == "number" and not table:
            found.append(_Value(("number", str(Decimal(run.value).normalize())), f"{{number:{run.value}}}", where))
        elif kind == "date":
            found.append(_Value(("date", run.value), f"{{date:{run.value}}}", where))
        elif kind in ("ref", "cite"):
            found.append(_Value(("reference", run.value), f"{{{kind}:{run.value}}}", where))
        if run.children:
            _collect(run.children, where, table, found)
