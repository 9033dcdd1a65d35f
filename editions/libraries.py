"""The libraries a build runs with, and their versions: a new release of one renders again.

Versions are read from the names of the ``.dist-info`` folders on sys.path,
first found first, as importlib.metadata finds them, without importing it: a
build with nothing to do would pay for that import alone (docs/performance.md).
"""

from __future__ import annotations

import functools
import os
import re
import sys

LIBRARIES = ("jinja2", "babel", "pyyaml", "markupsafe")
PDF_LIBRARIES = ("weasyprint", "pydyf", "fontpkg-noto-serif", "fontpkg-amiri", "fonttools")   # fontTools makes the static fonts


def library_version(name: str) -> str:
    """The installed version of the distribution ``name``, or "absent"."""
    found = _installed().get(_normal(name))
    if found:
        return found
    from importlib import metadata  # an egg-info or other older installation

    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "absent"


def versions() -> dict[str, str]:
    """Python's version and every library's a build or a PDF depends on."""
    return {"python": sys.version, **{name: library_version(name) for name in (*LIBRARIES, *PDF_LIBRARIES)}}


@functools.cache
def _installed() -> dict[str, str]:
    found: dict[str, str] = {}
    for folder in sys.path:
        try:
            names = os.listdir(folder or ".")
        except OSError:
            continue
        for entry in names:
            if entry.endswith(".dist-info"):
                project, _, version = entry.removesuffix(".dist-info").partition("-")
                found.setdefault(_normal(project), version)
    return found


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()
