"""Numeral systems declared in ``numerals/<name>.yaml`` at the project's top.

A system that is a list (the ordinal words of Arabic section headings, the
names of Arabic letters, Chinese parenthesised ideographs) needs no code: its
file lists the numerals of 1, 2, 3... in order, and whether they are doubled
after the last one as letters are (``aa``, ``bb``). Schemes and language
settings name it like a shipped system (``numerals: arabic-ordinal``). The
shipped systems that are arithmetic (roman numerals, Chinese numerals,
digits) stay in editions/read/numerals.py. See docs/numbering.md.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..errors import EditionError, Problem
from .numerals import SYSTEMS, System
from .schema import Field, Reader
from .yamlsource import line, read_yaml

FOLDER = "numerals"
NAME = re.compile(r"[a-z][a-z0-9-]*")
AFTER = ("stop", "doubled")
DECLARED = (
    Field("description", "text", doc="what the labels are, as messages name them: Arabic ordinal words"),
    Field("numerals", "texts", doc="the numerals of 1, 2, 3..., in order"),
    Field("after", "text", required=False, doc="after the last numeral: stop (default) or doubled (aa, bb...)"),
)
FORBIDDEN = "{}"       # a label's pattern marks its numeral with {}


@dataclass(frozen=True)
class Systems:
    """The numeral systems a project declares, by name, and the names of those whose files have problems."""

    declared: tuple[tuple[str, System], ...] = ()
    broken: frozenset[str] = frozenset()

    def get(self, name: str) -> System | None:
        return dict(self.declared).get(name)

    def knows(self, name: str) -> bool:
        """A shipped system, or one declared in a file without problems."""
        return name in SYSTEMS or self.get(name) is not None

    def names(self) -> tuple[str, ...]:
        return (*SYSTEMS, *(name for name, _ in self.declared))

    def unknown(self, name: str) -> str:
        """Why ``name`` cannot be used: no such system, or its file has problems."""
        if name in self.broken:
            return f"the numeral system '{name}' cannot be used until {FOLDER}/{name}.yaml is mended"
        return f"unknown numeral system '{name}'; known: {', '.join(self.names())}"


def load_systems(root: Path) -> tuple[Systems, list[Problem]]:
    """Every system of ``numerals/`` of the project at ``root``, and the problems of those that have any."""
    declared: list[tuple[str, System]] = []
    broken: set[str] = set()
    problems: list[Problem] = []
    for path in sorted((root / FOLDER).glob("*.yaml")):
        try:
            declared.append((path.stem, _system(path, root)))
        except EditionError as error:
            broken.add(path.stem)
            problems.extend(error.problems)
    return Systems(tuple(declared), frozenset(broken)), problems


def _system(path: Path, root: Path) -> System:
    reader = Reader(read_yaml(path, root))
    name, shown = path.stem, reader.source.shown
    if not NAME.fullmatch(name) or name in SYSTEMS:
        what = "a shipped system" if name in SYSTEMS else "not a lower-case word"
        reader.problems.append(Problem(shown, 1, f"a numeral system's name is its file's, here '{name}': {what}"))
    fields = reader.record(reader.source.root, DECLARED, "a numeral system")
    described = reader.text(fields["description"], "description") if "description" in fields else None
    symbols = _symbols(reader, fields["numerals"]) if "numerals" in fields else ()
    after = reader.text(fields["after"], "after") if "after" in fields else "stop"
    if after is not None and after not in AFTER:
        reader.problem(fields["after"], f"after is stop or doubled, not '{after}'")
    if reader.problems or described is None or not symbols:
        raise EditionError(reader.problems or [Problem(shown, 1, "a numeral system needs its numerals")])
    return System.declared(name, described, symbols, after == "doubled")


def _symbols(reader: Reader, node: yaml.Node) -> tuple[str, ...]:
    """The numerals, each once and none holding what would make a label ambiguous."""
    seen: dict[str, int] = {}
    for text, item in reader.texts(node, "numerals"):
        if text in seen:
            reader.problem(item, f"the numeral '{text}' is given twice (first at line {seen[text]})")
        elif any(char in FORBIDDEN for char in text):
            reader.problem(item, f"the numeral '{text}' holds a brace, which marks where a label's numeral goes")
        seen.setdefault(text, line(item))
    return tuple(seen)
