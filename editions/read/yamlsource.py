"""Reading YAML safely: one composed node tree, with locations, and nothing else.

This module reads the file (size, encoding, control characters). The part of
YAML that content files are written in is composed by editions/read/yamlsubset.py;
anything else by libyaml, in editions/read/yamlfull.py, which refuses what content
files have no use for (tags, aliases, duplicate keys) and words syntax errors.
Either way the result is a tree of editions.read.yamlnodes, every node with its
line for error messages; PyYAML is never asked to build Python objects.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import fail
from .yamlnodes import Node, Scalar
from .yamlsubset import compose

MAX_FILE_BYTES = 32 * 1024 * 1024  # documented in docs/content-format.md
DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


@dataclass(frozen=True)
class Source:
    """A YAML file's root node and the path shown in messages."""

    shown: str
    root: Node


def read_yaml(path: Path, shown: str) -> Source:
    """Compose ``path``; raise EditionError with every problem of its syntax."""
    text = _read_text(path, shown)
    root = compose(text)
    if root is None:
        from .yamlfull import compose_with_libyaml  # PyYAML's import is a tenth of a small check

        root = compose_with_libyaml(shown, text)
    return Source(shown, root)


CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
# The same characters in UTF-8, found in the bytes in a few milliseconds where CONTROL takes
# fifty on a 5 MB file: C0 and DEL as single bytes, C1 as \xc2\x80-\x9f, U+FFFE and U+FFFF.
C0_BYTES = bytes(range(0x00, 0x09)) + b"\x0b\x0c" + bytes(range(0x0e, 0x20)) + b"\x7f"
C1_BYTES = re.compile(rb"\xc2[\x80-\x9f]")     # one literal lead byte: searched fast, not an alternation
NONCHARACTERS = (b"\xef\xbf\xbe", b"\xef\xbf\xbf")


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
    if not text or text.isspace():
        raise fail(shown, 1, "the file is empty")
    if (len(data.translate(None, C0_BYTES)) == len(data) and C1_BYTES.search(data) is None
            and not any(c in data for c in NONCHARACTERS)):
        return text
    control = CONTROL.search(text)
    if control is not None:
        line = text.count("\n", 0, control.start()) + 1
        raise fail(shown, line, f"control character U+{ord(control.group()):04X} is not allowed in content files")
    return text


def scalar_text(node: Node) -> str | None:
    """The text of a scalar node exactly as written (``2.``, ``No``, ``2002``), else None."""
    if type(node) is Scalar and not node.null:
        return node.value
    return None


def scalar_date(node: Node) -> datetime.date | None:
    """A date written as YYYY-MM-DD, else None."""
    text = scalar_text(node)
    if text is None or not DATE.fullmatch(text):
        return None
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        return None
