"""Reading YAML safely: one composed node tree, with locations, and nothing else.

The file is read first (size, encoding, control characters), then composed by
libyaml into PyYAML's nodes (``yaml.ScalarNode``, ``SequenceNode``,
``MappingNode``); PyYAML is never asked to build Python objects. What content
files have no use for is refused here, each with its line: aliases (before
anything is composed, so that none can expand), tags other than the core
ones, duplicate and non-scalar keys, nesting deeper than any content file
needs. libyaml's syntax errors are worded for authors. A plain scalar is
resolved as null or text, nothing else: ``2.``, ``No`` and ``2002`` stay text.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..errors import EditionError, Problem, fail
from ..files import read_file, shown
from .yamlhints import TEXT_KEYS, hint, leading_indicator, quoted

try:     # libyaml's parser when PyYAML has it (its wheels do): ten times faster
    from yaml import CSafeLoader as SafeLoader
except ImportError:      # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader  # type: ignore[assignment]  # a PyYAML without libyaml: the same interface, slower

MAX_FILE_BYTES = 32 * 1024 * 1024  # documented in docs/content-format.md
MAX_NESTING = 100   # content nests blocks 12 deep at most (editions/read/loader.py); recursion stays far from Python's limit
NULL_TAG, STR_TAG = "tag:yaml.org,2002:null", "tag:yaml.org,2002:str"
SEQ_TAG, MAP_TAG = "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"
ALLOWED_TAGS = frozenset(
    "tag:yaml.org,2002:" + name
    for name in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")
)
NULLS = frozenset({"", "~", "null", "Null", "NULL"})
DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


@dataclass(frozen=True)
class Source:
    """A YAML file's root node and the path shown in messages."""

    shown: str
    root: yaml.Node
TEXTS_UNDER = ("content/", "published/")   # the folders whose files hold texts that a comment would cut


def read_yaml(path: Path, root: Path) -> Source:
    """Compose the project file ``path``; raise EditionError with every problem of its syntax.

    Read through the project's one confined reader (editions/files.py):
    nothing behind a symbolic link that leaves ``root``, nothing but a plain
    file, nothing over MAX_FILE_BYTES.
    """
    where = shown(path, root)
    return Source(where, compose(where, _decoded(read_file(path, root, MAX_FILE_BYTES), where)))


def line(node: yaml.Node) -> int:
    """The 1-based line where ``node`` starts (PyYAML's marks count from 0)."""
    return node.start_mark.line + 1


def scalar_text(node: yaml.Node) -> str | None:
    """The text of a scalar node exactly as written (``2.``, ``No``, ``2002``), else None."""
    if type(node) is yaml.ScalarNode and node.tag != NULL_TAG:
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


# --- the bytes ---------------------------------------------------------------------------------

CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
# The same characters in UTF-8, looked for in the bytes first, much faster than CONTROL in the
# text: C0 and DEL as single bytes, C1 as \xc2\x80-\x9f, U+FFFE and U+FFFF.
C0_BYTES = bytes(range(0x00, 0x09)) + b"\x0b\x0c" + bytes(range(0x0e, 0x20)) + b"\x7f"
C1_BYTES = re.compile(rb"\xc2[\x80-\x9f]")     # one literal lead byte: searched fast, not an alternation
NONCHARACTERS = (b"\xef\xbf\xbe", b"\xef\xbf\xbf", b"\xe2\x80\xa8", b"\xe2\x80\xa9")   # and U+2028, U+2029
LINE_SEPARATORS = re.compile("[\u2028\u2029]")


def _decoded(data: bytes, shown: str) -> str:
    """The text of a file's bytes: UTF-8, not empty, without control characters."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        number = data[: error.start].count(b"\n") + 1
        raise fail(shown, number, f"not UTF-8: byte 0x{data[error.start]:02x} cannot be decoded") from None
    if not text or text.isspace():
        raise fail(shown, 1, "the file is empty")
    if (len(data.translate(None, C0_BYTES)) == len(data) and C1_BYTES.search(data) is None
            and not any(c in data for c in NONCHARACTERS)):
        return text
    separator = LINE_SEPARATORS.search(text)
    if separator is not None:
        number = text.count("\n", 0, separator.start()) + 1
        raise fail(shown, number, f"line separator U+{ord(separator.group()):04X} is not allowed in content files: YAML would "
                                  "count it as a new line and shift every line number after it; use a space or a real line break")
    control = CONTROL.search(text)
    if control is not None:
        number = text.count("\n", 0, control.start()) + 1
        raise fail(shown, number, f"control character U+{ord(control.group()):04X} is not allowed in content files")
    return text


# --- the tree ----------------------------------------------------------------------------------

class ContentLoader(SafeLoader):
    """Composes nodes only; a plain scalar is null or text, taken as written.

    The schema reads every scalar as its text, so PyYAML's implicit resolution
    (a dozen regular expressions per scalar, a fifth of the time of a large
    file) has nothing to decide.
    """

    def resolve(self, kind: type[yaml.Node], value: str | None, implicit: tuple[bool, bool] | bool) -> str:
        if kind is yaml.ScalarNode:
            return NULL_TAG if isinstance(implicit, tuple) and implicit[0] and value in NULLS else STR_TAG
        return SEQ_TAG if kind is yaml.SequenceNode else MAP_TAG

    # No path resolvers either: PyYAML calls these twice per node to track a path nothing reads.
    def descend_resolver(self, current_node: yaml.Node | None, current_index: object) -> None:
        pass

    def ascend_resolver(self) -> None:
        pass


def compose(shown: str, text: str) -> yaml.Node:
    """The tree of ``text``; EditionError with its syntax error, aliases, tags, keys or nesting."""
    if "&" in text:     # without an anchor, an alias cannot expand anything: composing will refuse it
        _refuse_aliases(shown, text)
    try:
        root = yaml.compose(text, Loader=ContentLoader)
    except yaml.MarkedYAMLError as error:
        _refuse_aliases(shown, text)    # an alias without its anchor gets the alias message
        raise _syntax_error(shown, text, error) from None
    except yaml.YAMLError as error:
        raise _unmarked_error(shown, error) from None
    if root is None:
        raise fail(shown, 1, "the file is empty")
    problems: list[Problem] = []
    _refuse_in(shown, root, problems)
    if " #" in text and shown.startswith(TEXTS_UNDER):     # a scheme's or kind's comments are only comments
        _refuse_comments(shown, text, root, problems)
    if problems:
        raise EditionError(problems)
    return root


def _refuse_in(shown: str, node: yaml.Node, problems: list[Problem], depth: int = 0) -> None:
    """A problem for each tag, duplicate or non-scalar key, which PyYAML would accept
    silently, and for nesting deeper than any content file needs.

    A scalar child with a core tag, within the limit, has nothing to refuse: most
    nodes are checked where they stand instead of in a call of their own.
    """
    if depth > MAX_NESTING:
        problems.append(Problem(shown, line(node), f"values are nested more than {MAX_NESTING} deep"))
        return
    if node.tag not in ALLOWED_TAGS:
        problems.append(Problem(shown, line(node), _tag_message(node)))
    if type(node) is yaml.MappingNode:
        pairs = node.value
        if len({key.value for key, _ in pairs if type(key) is yaml.ScalarNode}) != len(pairs):
            _refuse_keys(shown, node, problems)
        for key, value in pairs:
            if type(key) is not yaml.ScalarNode or key.tag not in ALLOWED_TAGS or depth >= MAX_NESTING:
                _refuse_in(shown, key, problems, depth + 1)
            if type(value) is not yaml.ScalarNode or value.tag not in ALLOWED_TAGS or depth >= MAX_NESTING:
                _refuse_in(shown, value, problems, depth + 1)
    elif type(node) is yaml.SequenceNode:
        for item in node.value:
            if type(item) is not yaml.ScalarNode or item.tag not in ALLOWED_TAGS or depth >= MAX_NESTING:
                _refuse_in(shown, item, problems, depth + 1)


def _tag_message(node: yaml.Node) -> str:
    said = f"YAML tag {node.tag.replace('tag:yaml.org,2002:', '!!')} is not allowed"
    if type(node) is yaml.ScalarNode and node.tag.startswith("!") and not node.tag.startswith("!!"):
        said += f"; {leading_indicator(None, f'{node.tag} {node.value}')}"
    return said


def _refuse_comments(shown: str, text: str, node: yaml.Node, problems: list[Problem]) -> None:
    """A ``#`` after a space in a plain text starts a comment: the words after it would vanish."""
    if type(node) is yaml.SequenceNode:
        for item in node.value:
            _refuse_comments(shown, text, item, problems)
    elif type(node) is yaml.MappingNode:
        for key, value in node.value:
            if type(value) is yaml.ScalarNode and not value.style and key.value in TEXT_KEYS:
                _refuse_comment_after(shown, text, key.value, value, problems)
            else:
                _refuse_comments(shown, text, value, problems)


def _refuse_comment_after(shown: str, text: str, key: str, value: yaml.ScalarNode, problems: list[Problem]) -> None:
    end = value.end_mark.index
    rest = text[end: text.find("\n", end) if "\n" in text[end:] else len(text)]
    if rest.lstrip(" ").startswith("#") and rest[:1] == " ":
        problems.append(Problem(shown, value.end_mark.line + 1,
                                f"' #' starts a YAML comment, which drops the words after it from the text; "
                                f"quote the text: {quoted(key, value.value + rest)}"))


def _refuse_keys(shown: str, node: yaml.MappingNode, problems: list[Problem]) -> None:
    first: dict[str, yaml.Node] = {}
    for key, _ in node.value:
        if type(key) is not yaml.ScalarNode:
            problems.append(Problem(shown, line(key), "a key must be a plain word"))
        elif key.value in first:
            problems.append(Problem(shown, line(key),
                                    f"key '{key.value}' appears twice in this mapping (first at line {line(first[key.value])})"))
        else:
            first[key.value] = key


# --- errors worded for authors -----------------------------------------------------------------

def _refuse_aliases(shown: str, text: str) -> None:
    """Aliases are refused before anything is composed: no expansion bomb can start."""
    try:
        events = list(yaml.parse(text, Loader=SafeLoader))
    except yaml.MarkedYAMLError as error:
        raise _syntax_error(shown, text, error) from None
    except yaml.YAMLError as error:
        raise _unmarked_error(shown, error) from None
    aliases = [event for event in events if isinstance(event, yaml.AliasEvent)]
    anchored = next((event for event in events if getattr(event, "anchor", None) is not None), None)
    if anchored is not None and not aliases:
        raise _anchor_error(shown, text, anchored)
    if aliases:
        more = f" ({len(aliases)} found)" if len(aliases) > 1 else ""
        mark = aliases[0].start_mark
        raise fail(shown, mark.line + 1 if mark is not None else 1, f"YAML aliases (*name) are not allowed in content files{more}")


def _anchor_error(shown: str, text: str, event: yaml.Event) -> EditionError:
    """An anchor (``&name``) names nothing a content file uses; in a text it ate the first word."""
    mark = event.start_mark
    number = mark.line + 1 if mark is not None else 1
    entry = text.splitlines()[number - 1] if mark is not None else ""
    key, _, value = entry.lstrip(" -").partition(": ")
    said = leading_indicator(key or None, value.strip()) if isinstance(event, yaml.ScalarEvent) else None
    return fail(shown, number, f"not valid YAML: {said}" if said else "YAML anchors (&name) are not allowed in content files")


def _unmarked_error(shown: str, error: yaml.YAMLError) -> EditionError:
    first = str(error).splitlines()[0] if str(error) else "syntax error"
    return fail(shown, 1, f"not valid YAML: {first}")


def _syntax_error(shown: str, text: str, error: yaml.MarkedYAMLError) -> EditionError:
    mark = error.problem_mark or error.context_mark
    number = int(mark.line) + 1 if mark is not None else 1
    problem = error.problem or "syntax error"
    opened = _unclosed_quote(text, number)
    lines = text.splitlines()
    indent = lines[number - 1][: len(lines[number - 1]) - len(lines[number - 1].lstrip())] if 0 < number <= len(lines) else ""
    if "\t" in indent or "'\\t'" in problem:
        problem = "a tab character cannot indent YAML; use spaces"
    elif opened is not None:
        problem, number = f"a quoted value opens on this line and is not closed (the parser gave up at line {number})", opened
    elif (slip := hint(lines, error)) is not None:
        number, problem = slip
    elif error.context:
        problem = f"{problem} ({error.context})"
    return fail(shown, number, f"not valid YAML: {problem}")


QUOTED_START = re.compile(r"""^\s*(?:-\s+)?(?:[A-Za-z_][\w-]*:\s+)?(?:-\s+)?(["'])(.*)$""")


def _unclosed_quote(text: str, until: int) -> int | None:
    """The first line before ``until`` whose quoted value is left open, if any."""
    for number, written in enumerate(text.splitlines()[:until], start=1):
        match = QUOTED_START.match(written)
        if match is None:
            continue
        quote, rest = match.groups()
        closing = re.search(r'(?<!\\)"' if quote == '"' else r"'(?!')", rest.replace("''", ""))
        if closing is None:
            return number
    return None
