"""How each language's script is set: its type, its direction, its isolated runs.

Made from the languages' settings (``script``, ``direction`` in
language.yaml) and the families of editions/fonts.py, so that a new language
in a known script needs no code.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path

from markupsafe import Markup

from ..check.names import describe, english_name
from ..errors import Problem
from ..fonts import LATIN, SCRIPTS, faces
from ..read.inline import plain_text, render_text
from ..read.languages import Language
from ..read.model import Document, Location

# Document symbols (A/RES/73/195, E/CN.4/2002/1, DSC/1/Corr.1): left to right
# inside right-to-left lines, isolated so the slashes do not take the line's
# direction.


def families(language: Language) -> tuple[str, ...]:
    """The families ``language`` is set in, its script's first; Latin for symbols and figures."""
    return tuple(dict.fromkeys((SCRIPTS[language.script].name, LATIN.name)))


def type_rules(languages: Iterable[Language]) -> Markup:
    """CSS giving each language its script's type, by ``:lang()``, for every element in it."""
    rules = []
    for language in sorted(languages, key=lambda language: language.code):
        family = SCRIPTS[language.script]
        stack = ", ".join(f'"{name}"' for name in families(language))
        rules.append(f":lang({language.code}) {{ font-family: {stack}, serif; }}")
        if not family.italic:
            rules.append(f":lang({language.code}), :lang({language.code}) * {{ font-style: normal !important; }}")
        if not family.latin_setting:
            rules.append(f":lang({language.code}) * {{ hyphens: none !important; letter-spacing: normal !important; }}")
    return Markup("\n".join(rules))


def isolate_symbols(text: str) -> Markup:
    """``text`` escaped, each document symbol in a left-to-right ``<bdi>``, kept whole on one line.

    >>> isolate_symbols("القرار A/RES/73/195")
    Markup('القرار <bdi dir="ltr" class="document-symbol">A/RES/73/195</bdi>')
    """
    return render_text(text, isolated=True)


def uncovered(doc: Document, language: Language, fonts: Path) -> list[Problem]:
    """A problem for each unit of ``doc`` with characters no font of its language covers.

    Checked before any PDF is rendered, against the character maps of the
    faces in ``fonts`` (editions/fonts.py), so that the problem names the
    unit and its line, not only the PDF: WeasyPrint would set such
    characters in whatever font the machine has.
    """
    covered: set[int] = set()
    for name in families(language):
        found = _coverage(name, str(fonts))
        if found is None:
            return []   # a face that cannot be read: the render says so, for each PDF
        covered |= found
    problems = []
    for where, what, text in _texts(doc):
        missing = sorted({c for c in text if ord(c) not in covered and not c.isspace()})
        if missing:
            names = ", ".join(f"'{c}' (U+{ord(c):04X} {unicodedata.name(c, 'unnamed')})" for c in missing)
            problems.append(Problem(where.path, where.line, f"{what} has {names}, which no font of "
                                    f"{english_name(language.code)} covers "
                                    f"({', '.join(families(language))})"))
    return problems




def _texts(doc: Document) -> Iterator[tuple[Location, str, str]]:
    """Every text of ``doc`` that is printed, with where it is and what it is."""
    meta = doc.meta
    for key in ("kind", "title", "distribution"):
        value = getattr(meta, key)
        if value:
            yield Location(doc.where.path, meta.lines.get(key, 1)), f"the {key}", value
    for key, value in meta.own:         # the kind's own fields: conference, venue, organ, session...
        for text in (value if isinstance(value, tuple) else (value,)):
            if isinstance(text, str) and text:
                yield Location(doc.where.path, meta.lines.get(key, 1)), f"the {key}", text
    for organization in meta.organizations:
        yield Location(doc.where.path, meta.lines.get("organizations", 1)), "an organization", organization
    for unit in doc.units():
        yield unit.where, describe(unit), plain_text(unit.title + unit.text)


@functools.cache
def _coverage(family: str, fonts: str) -> frozenset[int] | None:
    """The code points the faces of ``family`` in the folder ``fonts`` map; None if one cannot be read."""
    from fontTools.ttLib import TTFont, TTLibError

    points: set[int] = set()
    for face in faces():
        if face.family.name == family:
            try:
                font = TTFont(Path(fonts) / face.target, lazy=True)
                points.update(font.getBestCmap() or {})
                font.close()
            except (OSError, TTLibError, AssertionError, KeyError):    # fontTools asserts on some damaged tables
                return None
    return frozenset(points)
