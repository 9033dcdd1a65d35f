"""The catalogs' translations fit their templates: every ``%(name)s`` a translation names, the template gives.

A translated string that names a placeholder its English string lacks
(``%(primero)s`` for ``%(first)s``) would fail as its template renders;
found here by ``check`` instead, at the catalog's line. A catalog that cannot
be read is left to the renderer, which says why (editions/render/localise.py);
one whose ``Plural-Forms`` header gettext cannot compile is reported by both, at that line.
"""

from __future__ import annotations

import gettext
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..errors import Problem
from ..files import read_file
from ..read.languages import catalog_relative
from ..read.project import Project

if TYPE_CHECKING:
    from babel.messages.catalog import Catalog

PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")
MAX_CATALOG_BYTES = 16 * 1024 * 1024     # a catalog of the templates' few hundred strings is some 20 KB


def check_catalogs(project: Project) -> list[Problem]:
    """A problem for each translation that names a placeholder its string does not give."""
    found: list[Problem] = []
    for code in sorted(project.languages):
        path = project.root / catalog_relative(code)
        if path.is_file() or path.is_symlink():
            found.extend(_misfits(catalog_relative(code), read_file(path, project.root, MAX_CATALOG_BYTES), code))
    return found


def _misfits(shown: str, data: bytes, code: str) -> Iterator[Problem]:
    from babel.messages.pofile import PoFileError, read_po  # only when a catalog is there to check

    try:
        catalog = read_po(iter(data.splitlines(keepends=True)), locale=code, abort_invalid=True)
    except (PoFileError, ValueError, UnicodeDecodeError):
        return
    lines = data.splitlines()
    yield from plural_forms_problems(shown, catalog, lines)
    for message in catalog:
        if not message.id or not message.string:
            continue
        ids = _texts(message.id)
        strings = _texts(message.string)
        given = {name for text in ids for name in PLACEHOLDER.findall(text)}
        for text in strings:
            for name in sorted(set(PLACEHOLDER.findall(text)) - given):
                yield Problem(shown, _string_line(lines, int(message.lineno or 1)), f"the translation of {ids[0]!r} names %({name})s, "
                                                               f"which the template does not give (it gives: "
                                                               f"{', '.join(f'%({n})s' for n in sorted(given)) or 'none'})")


def _texts(value: object) -> tuple[str, ...]:
    """A message's id or string: one text, or one per plural form."""
    return tuple(str(text) for text in value) if isinstance(value, (tuple, list)) else (str(value),)


def _string_line(lines: list[bytes], msgid_line: int) -> int:
    """The line of the ``msgstr`` that follows the message starting at ``msgid_line``."""
    return next((number for number in range(msgid_line, len(lines) + 1) if lines[number - 1].startswith(b"msgstr")), msgid_line)


def plural_forms_problems(shown: str, catalog: Catalog, lines: list[bytes]) -> list[Problem]:
    """A problem if gettext cannot compile the catalog's ``Plural-Forms`` expression."""
    try:
        gettext.c2py(catalog.plural_expr)
    except (ValueError, RecursionError) as error:
        line = next((n for n, text in enumerate(lines, 1) if text.lstrip(b'"').startswith(b"Plural-Forms:")), 1)
        return [Problem(shown, line, f"the Plural-Forms header cannot be compiled: {error}")]
    return []
