"""Composing any YAML with libyaml, for what editions/read/yamlsubset.py leaves: its errors worded for authors.

Imported only when a file leaves the subset (a flow list, a tag, an alias, an
escape, a syntax error...). libyaml composes the node tree; this module refuses
aliases before anything is composed, words libyaml's syntax errors for
authors, and converts the nodes into editions.read.yamlnodes with a problem for
each tag and duplicate key, which PyYAML would accept silently.
"""

from __future__ import annotations

import re

import yaml

from ..errors import EditionError, Problem, fail
from .yamlnodes import Mapping, Node, Scalar, Sequence
from .yamlsubset import NULLS

MAX_NESTING = 100   # content nests blocks 12 deep at most (editions/read/loader.py); recursion stays far from Python's limit
ALLOWED_TAGS = {
    "tag:yaml.org,2002:" + name
    for name in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")
}
# LibYAML's parser when PyYAML has it (its wheels do): ten times faster.
SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
NULL_TAG, STR_TAG = "tag:yaml.org,2002:null", "tag:yaml.org,2002:str"


class ContentLoader(SafeLoader):  # type: ignore[misc, valid-type]
    """Composes nodes only; a plain scalar is null or text, taken as written.

    The schema reads every scalar as its text (``2.``, ``No`` and ``2002`` stay
    text), so the full implicit resolution (a dozen regular expressions per
    scalar, a fifth of the time of a large file) has nothing to decide.
    """

    def resolve(self, kind, value, implicit):  # type: ignore[no-untyped-def]
        if kind is yaml.ScalarNode and implicit[0]:
            return NULL_TAG if value in NULLS else STR_TAG
        return super().resolve(kind, value, implicit)


def compose_with_libyaml(shown: str, text: str) -> Node:
    """The tree of ``text``; EditionError with its syntax error, aliases, tags or duplicate keys."""
    if "&" in text:     # without an anchor, an alias cannot expand anything: composing will refuse it
        _refuse_aliases(shown, text)
    loader = ContentLoader(text)
    try:
        root = loader.get_single_node()
    except yaml.MarkedYAMLError as error:
        _refuse_aliases(shown, text)    # an alias without its anchor gets the alias message
        raise _syntax_error(shown, text, error) from None
    except yaml.YAMLError as error:
        first = str(error).splitlines()[0] if str(error) else "syntax error"
        raise fail(shown, 1, f"not valid YAML: {first}") from None
    finally:
        loader.dispose()
    if root is None:
        raise fail(shown, 1, "the file is empty")
    problems: list[Problem] = []
    converted = _converted(shown, root, problems)
    if problems:
        raise EditionError(problems)
    return converted


def _syntax_error(shown: str, text: str, error: yaml.MarkedYAMLError) -> Exception:
    mark = error.problem_mark or error.context_mark
    line = int(mark.line) + 1 if mark is not None else 1
    problem = error.problem or "syntax error"
    opened = _unclosed_quote(text, line)
    lines = text.splitlines()
    indent = lines[line - 1][: len(lines[line - 1]) - len(lines[line - 1].lstrip())] if 0 < line <= len(lines) else ""
    if "\t" in indent or "'\\t'" in problem:
        problem = "a tab character cannot indent YAML; use spaces"
    elif opened is not None:
        problem, line = f"a quoted value opens on this line and is not closed (the parser gave up at line {line})", opened
    elif error.context:
        problem = f"{problem} ({error.context})"
    return fail(shown, line, f"not valid YAML: {problem}")


QUOTED_START = re.compile(r"""^\s*(?:-\s+)?(?:[A-Za-z_][\w-]*:\s+)?(?:-\s+)?(["'])(.*)$""")


def _unclosed_quote(text: str, until: int) -> int | None:
    """The first line before ``until`` whose quoted value is left open, if any."""
    for number, line in enumerate(text.splitlines()[:until], start=1):
        match = QUOTED_START.match(line)
        if match is None:
            continue
        quote, rest = match.groups()
        closing = re.search(r'(?<!\\)"' if quote == '"' else r"'(?!')", rest.replace("''", ""))
        if closing is None:
            return number
    return None


def _refuse_aliases(shown: str, text: str) -> None:
    """Aliases are refused before anything is composed: no expansion bomb can start."""
    try:
        aliases = [event for event in yaml.parse(text, Loader=SafeLoader) if isinstance(event, yaml.AliasEvent)]
    except yaml.MarkedYAMLError as error:
        raise _syntax_error(shown, text, error) from None
    except yaml.YAMLError as error:
        first = str(error).splitlines()[0] if str(error) else "syntax error"
        raise fail(shown, 1, f"not valid YAML: {first}") from None
    if aliases:
        more = f" ({len(aliases)} found)" if len(aliases) > 1 else ""
        raise fail(shown, int(aliases[0].start_mark.line) + 1, f"YAML aliases (*name) are not allowed in content files{more}")


def _converted(shown: str, node: yaml.Node, problems: list[Problem], depth: int = 0) -> Node:
    """libyaml's node as a yamlnodes node; a problem for each tag and duplicate key, which
    PyYAML would accept silently, and for nesting deeper than any content file needs."""
    line = int(node.start_mark.line) + 1
    if depth > MAX_NESTING:
        problems.append(Problem(shown, line, f"values are nested more than {MAX_NESTING} deep"))
        return Scalar(line, "", True)
    if node.tag not in ALLOWED_TAGS:
        problems.append(Problem(shown, line, f"YAML tag {node.tag.replace('tag:yaml.org,2002:', '!!')} is not allowed"))
    if isinstance(node, yaml.MappingNode):
        return Mapping(line, [(_converted(shown, key, problems, depth + 1), _converted(shown, value, problems, depth + 1))
                              for key, value in _checked_keys(shown, node, problems)])
    if isinstance(node, yaml.SequenceNode):
        return Sequence(line, [_converted(shown, item, problems, depth + 1) for item in node.value])
    return Scalar(line, str(node.value), node.tag == NULL_TAG)


def _checked_keys(shown: str, node: yaml.MappingNode, problems: list[Problem]) -> list[tuple[yaml.Node, yaml.Node]]:
    first: dict[str, int] = {}
    for key, _ in node.value:
        line = int(key.start_mark.line) + 1
        if not isinstance(key, yaml.ScalarNode):
            problems.append(Problem(shown, line, "a key must be a plain word"))
        elif key.value in first:
            problems.append(Problem(shown, line, f"key '{key.value}' appears twice in this mapping (first at line {first[key.value]})"))
        else:
            first[key.value] = line
    return list(node.value)
