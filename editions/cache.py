"""Files derived from inputs and kept between builds, per user: never an output.

Everything here is named by what it was made from (a hash, a checksum), so a
changed input finds nothing and is made anew beside the old; losing the
folder costs time, never correctness. A file is written whole under another
name and then renamed, so that builds running at once never read half of
one. Where the folder cannot be written, the build goes on without it.
"""

from __future__ import annotations

import os
from pathlib import Path

from .errors import EditionError
from .files import write_file


def cache_root() -> Path:
    """$XDG_CACHE_HOME/editions, else ~/.cache/editions."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "editions"


def read(relative: str) -> bytes | None:
    """The bytes kept under ``relative``, or None."""
    try:
        return (cache_root() / relative).read_bytes()
    except OSError:
        return None


def keep(relative: str, data: bytes) -> None:
    """Keep ``data`` under ``relative``, if the cache can be written (else nothing)."""
    try:
        write_file(cache_root() / relative, data)
    except (OSError, EditionError):
        pass
