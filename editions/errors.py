"""The one error type of the pipeline: problems located at a file and line."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

# Exit statuses, documented in docs/cli.md.
EXIT_OK = 0
EXIT_CONTENT = 1      # content, settings or numbering problems
EXIT_USAGE = 2        # bad command line
EXIT_RENDER = 3       # templates, catalogs, fonts or the renderer failed
EXIT_BUSY = 4         # another build holds the output folder


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong, printed compiler-style as ``path:line: message``."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


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
