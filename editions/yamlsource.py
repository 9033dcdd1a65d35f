"""Reading YAML safely: one composed node tree, with locations, and nothing else.

The pipeline never asks PyYAML to build Python objects. It composes the node
tree with the safe loader and converts nodes itself, which lets it refuse what
content files have no use for (tags, aliases, duplicate keys) and keep every
value's line for error messages.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml

from .errors import EditionError, Problem, fail

MAX_FILE_BYTES = 32 * 1024 * 1024  # documented in docs/content-format.md
ALLOWED_TAGS = {
    "tag:yaml.org,2002:" + name
    for name in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")
}
# LibYAML's parser when PyYAML has it (its wheels do): ten times faster.
SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
NULLS = frozenset({"", "~", "null", "Null", "NULL"})
NULL_TAG, STR_TAG = "tag:yaml.org,2002:null", "tag:yaml.org,2002:str"
DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


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


@dataclass(frozen=True)
class Source:
    """A YAML file's root node and the path shown in messages."""

    shown: str
    root: yaml.Node

    def line(self, node: yaml.Node) -> int:
        return int(node.start_mark.line) + 1


def read_yaml(path: Path, shown: str) -> Source:
    """Compose ``path``; raise EditionError with every problem of its syntax."""
    text = _read_text(path, shown)
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
    problems = list(_refused_nodes(shown, root))
    if problems:
        raise EditionError(problems)
    return Source(shown, root)


CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")


def _read_text(path: Path, shown: str) -> str:
    if not path.is_file():
        raise fail(shown, 1, "not a regular file: content files must be plain files")
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise fail(shown, 1, f"the file has {size} bytes; the limit is {MAX_FILE_BYTES}")
        data = path.read_bytes()
    except OSError as error:
        raise fail(shown, 1, f"cannot read the file: {error.strerror}") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise fail(shown, line, f"not UTF-8: byte 0x{data[error.start]:02x} cannot be decoded") from None
    if not text.strip():
        raise fail(shown, 1, "the file is empty")
    control = CONTROL.search(text)
    if control is not None:
        line = text.count("\n", 0, control.start()) + 1
        raise fail(shown, line, f"control character U+{ord(control.group()):04X} is not allowed in content files")
    return text


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


def _refused_nodes(shown: str, root: yaml.Node) -> Iterator[Problem]:
    """Tags and duplicate keys, which PyYAML would accept silently."""
    stack = [root]
    while stack:
        node = stack.pop()
        line = int(node.start_mark.line) + 1
        if node.tag not in ALLOWED_TAGS:
            yield Problem(shown, line, f"YAML tag {node.tag.replace('tag:yaml.org,2002:', '!!')} is not allowed")
            continue
        if isinstance(node, yaml.MappingNode):
            yield from _duplicate_keys(shown, node)
            stack.extend(value for _, value in reversed(node.value))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(reversed(node.value))


def _duplicate_keys(shown: str, node: yaml.MappingNode) -> Iterator[Problem]:
    first: dict[str, int] = {}
    for key, _ in node.value:
        line = int(key.start_mark.line) + 1
        if not isinstance(key, yaml.ScalarNode):
            yield Problem(shown, line, "a key must be a plain word")
        elif key.value in first:
            yield Problem(shown, line, f"key '{key.value}' appears twice in this mapping (first at line {first[key.value]})")
        else:
            first[key.value] = line


def scalar_text(node: yaml.Node) -> str | None:
    """The text of a scalar node exactly as written (``2.``, ``No``, ``2002``), else None."""
    if isinstance(node, yaml.ScalarNode) and node.tag != NULL_TAG:
        return str(node.value)
    return None


def scalar_date(node: yaml.Node) -> datetime.date | None:
    """A date written as YYYY-MM-DD, else None."""
    text = scalar_text(node)
    if text is None or not DATE.fullmatch(text):
        return None
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        return None
