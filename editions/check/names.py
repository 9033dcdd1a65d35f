"""How messages name units, parts and languages: ``paragraph III.A.4``, ``the Spanish original``."""

from __future__ import annotations

from babel import Locale

from ..errors import Problem
from ..read.languages import language_name
from ..read.model import ANNEX, Part, Unit
from ..read.numerals import format_numeral
from ..read.tables import table_name

MESSAGES_LOCALE = Locale.parse("en")   # messages to the user are in English


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


def plural(kind: str) -> str:
    """``paragraphs``, ``annexes``."""
    return f"{kind}es" if kind.endswith("x") else f"{kind}s"


def english_name(code: str) -> str:
    """A language's name in English, as messages to the user call it."""
    return language_name(code, MESSAGES_LOCALE)


def at(unit: Unit, message: str) -> Problem:
    return Problem(unit.where.path, unit.where.line, message)


def annex_numeral(number: int) -> str:
    """An annex's number as content writes it, whatever the language: II."""
    return format_numeral("upper-roman", number) if number else "without a number"
