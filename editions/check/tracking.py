"""Translations that fell behind: which version of the original each was confirmed against.

For every translation of a document, ``content/<lang>/confirmed/<doc>.yaml``
records, for each part of the original (the masthead, the unnumbered text at
the top, each numbered unit with the unnumbered blocks it owns, each preambular
paragraph of a resolution on its own), a hash of
the original's text at the time the translation was last confirmed after
review, and that text itself, as its author wrote it (``texts``). When the
original changes, the parts whose hash no longer matches are reported at the
translation's line, and ``check --diff`` shows the original's text then and
now, word by word; ``python build.py confirm`` records the current hashes and
texts once a reviewer has brought the translation up to date.
"""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..errors import EditionError, Problem
from ..read.inline import markup
from ..read.model import Document, Meta, Selection, Unit
from ..read.project import Project
from ..read.schema import Field, Reader
from ..read.tables import cell_mark
from ..read.yamlsource import read_yaml, scalar_text
from .names import UNNUMBERED, describe, english_name
from .wording import diff_lines

FOLDER = "confirmed"
MASTHEAD, PREAMBLE = "(masthead)", "(document)"
MASTHEAD_FIELDS = ("kind", "title", "organizations", "distribution", "subject")   # and the kind's own texts
RECORD = (Field("document", "text"), Field("original", "text"), Field("units", "mapping"),
          Field("texts", "mapping", required=False))


def record_path(root: Path, doc: Document) -> Path:
    return root / "content" / doc.language / FOLDER / f"{doc.name}.yaml"


def parts(doc: Document) -> dict[str, str]:
    """Each part of ``doc`` that a translator confirms, and the hash of its text."""
    found = {MASTHEAD: _hash(repr([value for _, value in masthead_texts(doc.meta)]))}
    found[PREAMBLE] = _hash(repr([_own(u) for u in doc.body if u.identity is None]))
    for unit in doc.units():
        if unit.identity is not None:
            found[unit.identity] = _hash(repr(_own(unit)))
    return found


def masthead_texts(meta: Meta) -> list[tuple[str, object]]:
    """The masthead's texts a translator confirms, by name: the common ones with the kind's own
    texts after the organizations (dates are shared by every language, not translated)."""
    common = [(name, getattr(meta, name)) for name in MASTHEAD_FIELDS]
    own = [(name, value) for name, value in meta.own if not isinstance(value, datetime.date)]
    return common[:3] + own + common[3:]


def _own(unit: Unit) -> tuple[object, ...]:
    """A unit's own text: its title and text and its unnumbered blocks, not its numbered units nor its
    tables, which are parts of their own (a changed cell marks its table changed)."""
    return (unit.kind, unit.title, unit.text, tuple(_own(c) for c in unit.children if c.identity is None))


def part_texts(doc: Document) -> dict[str, str]:
    """Each part of ``doc`` that a translator confirms, and its text as written: a line per title or block."""
    found = {MASTHEAD: "\n".join(_masthead_lines(doc.meta))}
    found[PREAMBLE] = "\n".join(line for u in doc.body if u.identity is None for line in _own_lines(u))
    for unit in doc.units():
        if unit.identity is not None:
            found[unit.identity] = "\n".join(_own_lines(unit))
    return found


def _masthead_lines(meta: Meta) -> list[str]:
    values = masthead_texts(meta)
    return [f"{name}: {item}" for name, value in values if value
            for item in (value if isinstance(value, tuple) else (value,))]


def _own_lines(unit: Unit) -> list[str]:
    if unit.kind in ("header", "row"):      # a row of a table: its cells on one line
        return [" | ".join(cell_mark(cell) or markup(cell.text) for cell in unit.children)]
    lines = [markup(runs) for runs in (unit.title, unit.text) if runs]
    for child in unit.children:
        if child.identity is None:
            lines += _own_lines(child)
    return lines


def _hash(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:16]


@dataclass(frozen=True)
class Translation:
    original: Document
    translation: Document

    @property
    def role(self) -> str:
        return f"the {english_name(self.original.language)} original"


def translations(project: Project, selection: Selection) -> Iterator[Translation]:
    for doc in project.editions(selection):
        original = project.documents[doc.name].get(doc.meta.original)
        if original is not None and doc.language != original.language:
            yield Translation(original, doc)


@dataclass(frozen=True)
class Record:
    """What ``confirm`` kept of the original: each part's hash and, since texts are kept, its text."""

    hashes: dict[str, str]
    texts: dict[str, str]


@dataclass(frozen=True)
class Behind:
    """A part of a translation behind its original, with the original's text then and now."""

    problem: Problem
    then: str | None = None        # None: confirmed before records kept texts, or never confirmed
    now: str | None = None         # None: the whole translation was never confirmed
    new: bool = False
    key: str = ""                  # the part: a unit's identity, PREAMBLE or MASTHEAD; "" for the whole translation

    def diff(self) -> list[str]:
        """What changed in the original since it was confirmed, a line per changed line, words marked."""
        if self.now is None:
            return []
        if self.then is not None or self.new:
            return diff_lines(self.then or "", self.now)
        return ["(the record keeps no text of what was confirmed; it will from the next confirm)"]


def changes(project: Project, selection: Selection) -> list[Behind]:
    """Parts of each selected translation whose original changed since it was confirmed, each with
    the original's text then and now (its ``problem`` is the warning a check prints)."""
    found: list[Behind] = []
    for pair in translations(project, selection):
        recorded = read_record(project.root, pair.translation)
        if recorded is None:
            found.append(Behind(Problem(pair.translation.where.path, 1,
                                        f"no part of this translation has been confirmed yet: after review, run "
                                        f"python build.py confirm -d {pair.translation.name} -l {pair.translation.language}")))
            continue
        found += list(_changed(pair, recorded))
    return found


def _changed(pair: Translation, recorded: Record) -> Iterator[Behind]:
    units = pair.translation.numbered()
    texts = part_texts(pair.original)
    for key, digest in parts(pair.original).items():
        if recorded.hashes.get(key) == digest:
            continue
        unit = units.get(key)
        line = unit.where.line if unit else pair.translation.meta.lines.get("title" if key == MASTHEAD else "body", 1)
        what = {MASTHEAD: "the masthead", PREAMBLE: UNNUMBERED}.get(key) or (describe(unit) if unit else key)
        new = key not in recorded.hashes
        problem = Problem(pair.translation.where.path, line,
                          f"{what} {'is new in' if new else 'changed in'} {pair.role} since this translation was confirmed")
        yield Behind(problem, recorded.texts.get(key), texts[key], new, key)


def read_record(root: Path, doc: Document) -> Record | None:
    path = record_path(root, doc)
    if not path.is_file():
        return None
    reader = Reader(read_yaml(path, root))
    fields = reader.record(reader.source.root, RECORD, "a record of confirmed translations")
    record = Record(_mapping(reader, fields.get("units"), "units must map each unit to a hash"),
                    _mapping(reader, fields.get("texts"), "texts must map each unit to its text"))
    if reader.problems:
        raise EditionError(reader.problems)
    return record


def _mapping(reader: Reader, node: yaml.Node | None, wrong: str) -> dict[str, str]:
    if type(node) is yaml.MappingNode:
        return {str(scalar_text(k)): str(scalar_text(v)) for k, v in node.value}
    if node is not None:
        reader.problem(node, wrong)
    return {}
