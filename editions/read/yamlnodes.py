"""The composed tree of a YAML file, as the schema reads it: three small node kinds.

A scalar is text or null (content files never need YAML's other scalar
types: ``2.``, ``No`` and ``2002`` stay text); every node knows its 1-based
line. Built by the subset composer (editions/read/yamlsubset.py) or, for
everything else, from libyaml's nodes (editions/read/yamlsource.py): the same
text gives the same tree both ways, which tests/test_yamlsubset.py checks.
"""

from __future__ import annotations


class _Node:
    __slots__: tuple[str, ...] = ()

    def _fields(self) -> tuple[object, ...]:
        return tuple(getattr(self, name) for name in self.__slots__)

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and self._fields() == other._fields()  # type: ignore[attr-defined]

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"{type(self).__name__}{self._fields()!r}"


class Scalar(_Node):
    """Text as written; ``null`` for an empty value or a plain ``~``/``null``."""

    __slots__ = ("line", "value", "null")

    def __init__(self, line: int, value: str, null: bool = False) -> None:
        self.line, self.value, self.null = line, value, null


class Sequence(_Node):
    """A sequence; ``value`` holds its entries in order."""

    __slots__ = ("line", "value")

    def __init__(self, line: int, value: list[Node]) -> None:
        self.line, self.value = line, value


class Mapping(_Node):
    """A mapping; ``value`` holds its (key, value) pairs in the order written."""

    __slots__ = ("line", "value")

    def __init__(self, line: int, value: list[tuple[Node, Node]]) -> None:
        self.line, self.value = line, value


Node = Scalar | Sequence | Mapping
