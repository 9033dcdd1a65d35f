"""Composing the YAML that content files are written in, in one pass, without libyaml.

Content files use a small part of YAML: block mappings with plain keys, block
sequences, plain scalars (on one line or folded over several), single- and
double-quoted scalars on one line, ``>``/``|`` block scalars and one-line
lists (``[es, en]``). This module composes exactly that part into
editions.read.yamlnodes trees, about three times faster than libyaml's parser
followed by PyYAML's node objects, and gives up (returns None) on anything
else: flow mappings, nested lists in brackets, tags, anchors, aliases,
multi-line quoted scalars, escapes, tabs, duplicate keys, directives, odd
indentation or anything malformed. What it gives up on is composed by libyaml, which also
words the error messages; what it accepts, it composes exactly as libyaml
would (tests/test_yamlsubset.py compares the two on random and real files).

One regular expression splits each line into its indentation, a sequence
dash, a key and the rest; a stack of open collections, each with the column
of its entries, takes the lines in order.
"""

from __future__ import annotations

import re

from .yamlnodes import Mapping, Node, Scalar, Sequence

NULLS = frozenset({"", "~", "null", "Null", "NULL"})
# indentation, "- ", a key (a plain word, or quoted without escapes) with its ": ", the rest.
LINE = re.compile(r"""( *)(?:-( +|$))?(?:([^\s\-?:,\[\]{}#&*!|>'"%@`][^\s:,\[\]{}#]*|'[^']*'|"[^"\\]*"):(?: +|$))?(.*)""")
BLOCK_HEADER = re.compile(r"([>|])(-?)(?: +#.*| *)")
# A plain scalar must not start with an indicator; some would be allowed, none is needed.
INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
# Tabs, line breaks other than \n and \r\n, a byte order mark; document markers and directives.
OUTSIDE_CHARACTERS = ("\t", "\r", "\u2028", "\u2029", "\ufeff")
OUTSIDE_LINES = ("---", "...", "%")
MAX_DEPTH = 64      # deeper than any content file; libyaml reports what is deeper still


class _Outside(Exception):
    """The text leaves the subset (or is not valid YAML): libyaml composes it."""


def compose(text: str) -> Node | None:
    """The tree of ``text``, or None when it is not within the subset."""
    if "\r\n" in text:
        text = text.replace("\r\n", "\n")     # a line break, as YAML reads it (files saved on Windows)
    if any(c in text for c in OUTSIDE_CHARACTERS) or any(
            text.startswith(start) or "\n" + start in text for start in OUTSIDE_LINES):
        return None
    try:
        return _compose(text.split("\n"))
    except _Outside:
        return None


class _Open:
    """An open collection: its entries, their column, its keys so far (None for a sequence)."""

    __slots__ = ("indent", "items", "keys")

    def __init__(self, node: Mapping | Sequence, indent: int) -> None:
        self.indent, self.items = indent, node.value
        self.keys: set[str] | None = set() if type(node) is Mapping else None


def _compose(lines: list[str]) -> Node:
    match = LINE.match
    stack: list[_Open] = []
    root: list[Node] = []
    # A value announced by ``key:`` or ``-`` alone on line `pending[2]`, written on the lines below or null.
    pending: tuple[_Open | None, Scalar | None, int, int] | None = (None, None, 0, -1)
    plain: tuple[Scalar, int, bool] | None = None    # the last plain scalar, its parent's column, ended by a comment
    gap, blanks = False, 0       # a comment line since the last content line; blank lines since
    i, count = 0, len(lines)
    while i < count:
        indent, dash, key, rest = match(lines[i]).groups()
        i += 1
        if dash is None and key is None:
            if not rest:
                blanks += 1
                continue
            if rest[0] == "#":
                gap = True
                continue
        n = len(indent)
        if plain is not None and n > plain[1] and pending is None:
            _continue(plain, n, dash, key, rest, gap, blanks)
            plain = (plain[0], plain[1], " #" in rest)
            gap, blanks = False, 0
            continue
        plain, gap, blanks = None, False, 0
        opening = False
        if pending is not None:
            owner, owner_key, line, column = pending
            pending = None
            if n > column or (owner_key is not None and n == column and dash is not None):
                opening = True
            else:
                _attach(owner, owner_key, Scalar(line, "", True), root)
        if opening:
            if dash is not None or key is not None:
                if len(stack) > MAX_DEPTH:
                    raise _Outside
                node: Node = Sequence(i, []) if dash is not None else Mapping(i, [])
                _attach(owner, owner_key, node, root)
                stack.append(_Open(node, n))
            else:
                scalar, i, ended = _value(lines, i, rest, column)
                _attach(owner, owner_key, scalar, root)
                if ended is not None:
                    plain = (scalar, column, ended)
                continue
        if not stack:
            raise _Outside       # a second root
        top = stack[-1]
        while top.indent > n or (top.indent == n and dash is None and top.keys is None):
            stack.pop()          # closed by a less indented line (or a key after a sequence at its column)
            if not stack:
                raise _Outside
            top = stack[-1]
        if top.indent != n:
            raise _Outside
        if dash is not None:
            if top.keys is not None:
                raise _Outside
            if key is not None:
                node = Mapping(i, [])
                top.items.append(node)
                if len(stack) > MAX_DEPTH:
                    raise _Outside
                top = _Open(node, n + 1 + len(dash))
                stack.append(top)
            elif not rest or rest[0] == "#":
                pending = (top, None, i, n)
                continue
            else:
                scalar, i, ended = _value(lines, i, rest, n)
                top.items.append(scalar)
                if ended is not None:
                    plain = (scalar, n, ended)
                continue
        if key is None or top.keys is None:
            raise _Outside
        if key[0] in "'\"":
            key_node = Scalar(i, key[1:-1])
        else:
            key_node = Scalar(i, key, key in NULLS)
        if key_node.value in top.keys:
            raise _Outside       # reported with both lines by the libyaml path
        top.keys.add(key_node.value)
        if not rest or rest[0] == "#":
            pending = (top, key_node, i, top.indent)
            continue
        scalar, i, ended = _value(lines, i, rest, top.indent)
        top.items.append((key_node, scalar))
        if ended is not None:
            plain = (scalar, top.indent, ended)
    if pending is not None:
        owner, owner_key, line, _ = pending
        if owner is None:
            raise _Outside       # nothing but comments
        _attach(owner, owner_key, Scalar(line, "", True), root)
    return root[0]


def _attach(owner: _Open | None, key: Scalar | None, node: Node, root: list[Node]) -> None:
    if owner is None:
        root.append(node)
    elif key is None:
        owner.items.append(node)
    else:
        owner.items.append((key, node))


def _continue(plain: tuple[Scalar, int, bool], n: int, dash: str | None, key: str | None, rest: str,
              gap: bool, blanks: int) -> None:
    """Fold a continuation line into the plain scalar before it."""
    scalar, _, ended = plain
    if ended or gap or dash is not None or key is not None or rest[0] in INDICATORS:
        raise _Outside   # a comment ends a plain scalar; an indicator may mean something else
    scalar.value = scalar.value + ("\n" * blanks if blanks else " ") + _plain(rest)
    scalar.null = False


def _plain(text: str) -> str:
    comment = text.find(" #")
    if comment != -1:
        text = text[:comment]
    text = text.rstrip(" ")
    if ": " in text or text[-1] == ":":
        raise _Outside
    return text


def _value(lines: list[str], i: int, text: str, parent: int) -> tuple[Node, int, bool | None]:
    """The scalar (or one-line flow list) written as ``text`` on line ``i`` (1-based), the index of the line
    after it, and for a plain scalar, which lines indented more than ``parent`` may continue, whether a comment
    ended it (else None)."""
    first = text[0]
    if first == "[":
        return _flow_list(i, text), i, None
    if first == "'":
        end = text.find("'", 1)
        while end != -1 and text.startswith("'", end + 1):
            end = text.find("'", end + 2)
        return Scalar(i, _closed(text, end).replace("''", "'")), i, None
    if first == '"':
        end = text.find('"', 1)
        if end == -1 or "\\" in text[:end]:
            raise _Outside
        return Scalar(i, _closed(text, end)), i, None
    if first in ">|":
        return _block(lines, i, text, parent)
    if first in INDICATORS:
        raise _Outside
    value = _plain(text)
    return Scalar(i, value, value in NULLS), i, " #" in text


def _flow_list(i: int, text: str) -> Sequence:
    """``[a, "b", 'c']`` on one line, of plain or quoted scalars (``columns: [es, en]``)."""
    end = text.find("]")
    inside = text[1:end]
    if end == -1 or any(c in inside for c in "[]{}#"):
        raise _Outside
    _closed(text, end)     # nothing after it but a comment
    if not inside.strip(" "):
        return Sequence(i, [])
    entries = [entry.strip(" ") for entry in inside.split(",")]
    if entries[-1] == "":
        entries.pop()      # a trailing comma
    items: list[Node] = []
    for entry in entries:
        if not entry:
            raise _Outside
        quote = entry[0]
        if quote in "'\"":
            inside = entry[1:-1]
            if len(entry) < 2 or entry[-1] != quote or quote in inside or "\\" in inside:
                raise _Outside
            items.append(Scalar(i, inside))
        elif quote in INDICATORS or ":" in entry:
            raise _Outside
        else:
            items.append(Scalar(i, entry, entry in NULLS))
    return Sequence(i, items)


def _closed(text: str, end: int) -> str:
    """The inside of a quoted scalar closing at ``end`` on its line; nothing after it but a comment."""
    if end == -1:
        raise _Outside
    after = text[end + 1:]
    rest = after.lstrip(" ")
    if rest and (rest[0] != "#" or rest is after):
        raise _Outside
    return text[1:end]


def _block(lines: list[str], i: int, header: str, parent: int) -> tuple[Scalar, int, None]:
    """A ``>``/``|`` scalar, clipped or stripped (``-``), its indentation that of its first line."""
    match = BLOCK_HEADER.fullmatch(header)
    if match is None:
        raise _Outside
    folded, strip = match.group(1) == ">", match.group(2) == "-"
    j, count = i, len(lines)
    if j >= count or not lines[j].strip(" "):
        raise _Outside
    indent = len(lines[j]) - len(lines[j].lstrip(" "))
    if indent <= parent or indent == 0:
        raise _Outside
    parts: list[str] = []
    blanks = 0
    while j < count:
        line = lines[j]
        content = line.lstrip(" ")
        if not content:
            if len(line) > indent:
                raise _Outside
            blanks, j = blanks + 1, j + 1
            continue
        this = len(line) - len(content)
        if this < indent:
            break
        if this > indent and folded:
            raise _Outside
        if parts:
            parts.append(("\n" * blanks if blanks else " ") if folded else "\n" * (blanks + 1))
        parts.append(line[indent:])
        blanks, j = 0, j + 1
    text = "".join(parts)
    if not strip and (j < count or blanks):
        text += "\n"     # clipped: the final line break is kept, if the file has one
    return Scalar(i, text), j - blanks, None
