"""The catalogs' translations fit their templates: every ``%(name)s`` a translation names, the template gives.

A translated string that names a placeholder its English string lacks
(``%(primero)s`` for ``%(first)s``) would fail as its template renders;
found here by ``check`` instead, at the catalog's line. A catalog that cannot
be read, a translation the template's ``%`` formatting would reject (``%(symbol)d``
for a text, a lone ``%``) and a ``Plural-Forms`` header gettext cannot compile are
reported here too, at their lines, and by the renderer (editions/render/localise.py).
An entry left untranslated or fuzzy is reported as the renderer would. ``check``
does not read the templates themselves (it imports no Jinja): a string deleted
from a catalog is found against ``locales/messages.pot``, the list of the
templates' strings that ``make catalog`` writes; one the templates use that the
list lacks (a template edited since) is found by the build.
"""

from __future__ import annotations

import gettext
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..errors import EXIT_RENDER, EditionError, Problem, fail
from ..files import read_file
from ..read.languages import catalog_relative
from ..read.project import Project

if TYPE_CHECKING:
    from babel.messages.catalog import Catalog

PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")
CONVERSION = re.compile(r"%\((\w+)\)([a-z])")
BABEL_LINE = re.compile(r" on (\d+)$")
MAX_CATALOG_BYTES = 16 * 1024 * 1024
TEMPLATE_LIST = "locales/messages.pot"    # every string of the templates and kinds, as make catalog extracts them     # a catalog of the templates' few hundred strings is some 20 KB


def check_catalogs(project: Project) -> list[Problem]:
    """A problem for each translation that names a placeholder its string does not give, and
    for each string of the templates (as ``locales/messages.pot`` lists them) a catalog lacks."""
    found: list[Problem] = []
    wanted = _template_strings(project)
    for code in sorted(project.languages):
        path = project.root / catalog_relative(code)
        if path.is_file() or path.is_symlink():
            found.extend(_misfits(catalog_relative(code), read_file(path, project.root, MAX_CATALOG_BYTES), code, wanted))
    return found


def _template_strings(project: Project) -> frozenset[str]:
    """The strings ``make catalog`` extracted from the templates and kinds into ``locales/messages.pot``
    (none if the project has no such file, or one that cannot be read: the build extracts them itself)."""
    path = project.root / TEMPLATE_LIST
    if not path.is_file():
        return frozenset()
    try:
        listed = read_catalog(TEMPLATE_LIST, read_file(path, project.root, MAX_CATALOG_BYTES), "en")
    except EditionError:
        return frozenset()
    return frozenset(_texts(message.id)[0] for message in listed if message.id)


def read_catalog(shown: str, data: bytes, code: str) -> Catalog:
    """The catalog ``data`` holds, or one problem at the line babel stopped at."""
    from babel.messages.pofile import PoFileError, read_po  # only when a catalog is there to read

    try:
        return read_po(iter(data.splitlines(keepends=True)), locale=code, abort_invalid=True)
    except (PoFileError, ValueError, UnicodeDecodeError) as error:
        found = BABEL_LINE.search(str(error))
        line = int(found[1]) + 1 if found else 1     # babel counts lines from 0
        reason = BABEL_LINE.sub("", str(error))
        raise fail(shown, line, f"the catalog cannot be compiled: {reason}", EXIT_RENDER) from None


def _misfits(shown: str, data: bytes, code: str, wanted: frozenset[str]) -> Iterator[Problem]:
    try:
        catalog = read_catalog(shown, data, code)
    except EditionError as error:
        yield from error.problems
        return
    lines = data.splitlines()
    yield from plural_forms_problems(shown, catalog, lines)
    for msgid in sorted(wanted - {_texts(message.id)[0] for message in catalog if message.id}):    # with a context: below
        yield Problem(shown, 1, f"no translation for the template string {msgid!r}")
    for message in catalog:
        if message.id and message.context:
            yield Problem(shown, _context_line(lines, int(message.lineno or 1)), f"the entry for {_texts(message.id)[0]!r} has a context "
                                                           "(msgctxt), which the templates never give: remove it")
        elif message.id and (not message.string or message.fuzzy):
            yield Problem(shown, int(message.lineno or 1), f"no translation for the template string {_texts(message.id)[0]!r}")
        elif message.id:
            line = _string_line(lines, int(message.lineno or 1))
            for reason in _unfit(_texts(message.id), _texts(message.string)):
                yield Problem(shown, line, reason)


def _unfit(ids: tuple[str, ...], strings: tuple[str, ...]) -> Iterator[str]:
    """Why a translation would fail as its template formats it (``string % values``), if it would."""
    given = {name for text in ids for name in PLACEHOLDER.findall(text)}
    values = {name: 1 if conversion == "d" else "x" for text in ids for name, conversion in CONVERSION.findall(text)}
    for text in strings:
        unknown = sorted(set(PLACEHOLDER.findall(text)) - given)
        for name in unknown:
            yield (f"the translation of {ids[0]!r} names %({name})s, which the template does not give "
                   f"(it gives: {', '.join(f'%({n})s' for n in sorted(given)) or 'none'})")
        try:
            _ = text % values      # as the template formats it
        except (ValueError, TypeError, KeyError) as error:
            if not unknown:
                yield f"the translation of {ids[0]!r} cannot be formatted as the template does: {error}"


def _texts(value: object) -> tuple[str, ...]:
    """A message's id or string: one text, or one per plural form."""
    return tuple(str(text) for text in value) if isinstance(value, (tuple, list)) else (str(value),)


def _context_line(lines: list[bytes], msgid_line: int) -> int:
    """The line of the ``msgctxt`` that gives the message at ``msgid_line`` its context (above it, maybe far)."""
    return next((number for number in range(msgid_line, 0, -1) if lines[number - 1].startswith(b"msgctxt")), msgid_line)


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
