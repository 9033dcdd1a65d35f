"""The one error type of the pipeline: problems located at a file and line."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

# Exit statuses, documented in docs/cli.md.
EXIT_OK = 0
EXIT_CONTENT = 1      # content, settings or numbering problems
EXIT_USAGE = 2        # bad command line
EXIT_RENDER = 3       # templates, catalogs, fonts or the renderer failed
EXIT_BUSY = 4         # another build holds the output folder
EXIT_INTERRUPTED = 130  # Ctrl-C, as shells report a process ended by SIGINT


# Characters that move the cursor, colour a terminal, reorder or hide text: controls (Cc),
# format characters (Cf: bidi controls, zero-width characters, U+FEFF), line and paragraph
# separators, and lone surrogates (undecodable bytes of a file name).
HIDDEN = frozenset({"Cc", "Cf", "Zl", "Zp", "Cs"})
NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def shown(text: str) -> str:
    r"""``text`` as it may be printed: every hidden character written out, the rest unchanged.

    A label with terminal escapes or a file name with a newline would otherwise
    forge or colour a line of output, or reverse the text around it.

    >>> print(shown("es/dsc\n1.yaml: label \x1b[31mII\u202eA\u200b"))
    es/dsc\n1.yaml: label \x1b[31mIIU+202EAU+200B
    >>> shown("párrafo año 中文 عربي 250\u202f000") == "párrafo año 中文 عربي 250\u202f000"
    True
    """
    if text.isprintable():      # the usual case, and fast; spaces such as U+00A0 are not printable but shown
        return text
    return "".join(_written_out(char) if unicodedata.category(char) in HIDDEN else char for char in text)


def _written_out(char: str) -> str:
    code = ord(char)
    return NAMED.get(char) or (f"\\x{code:02x}" if code < 0x100 else f"U+{code:04X}")


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong, printed compiler-style as ``path:line: message``.

    Path and message are printed through ``shown``: either may hold what a user wrote.
    """

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{shown(self.path)}:{self.line}: {shown(self.message)}"


class EditionError(Exception):
    """Raised once with every problem found, never after the first alone."""

    def __init__(self, problems: Iterable[Problem], status: int = EXIT_CONTENT) -> None:
        self.problems = tuple(problems)
        self.status = status
        super().__init__("\n".join(str(p) for p in self.problems))


def fail(path: str, line: int, message: str, status: int = EXIT_CONTENT) -> EditionError:
    """The error for a single problem, to be raised by the caller."""
    return EditionError([Problem(path, line, message)], status)


def raise_if_any(problems: Iterable[Problem], status: int = EXIT_CONTENT) -> None:
    """Abort once, with every problem gathered so far, in file order."""
    found = sorted(set(problems))
    if found:
        raise EditionError(found, status)
