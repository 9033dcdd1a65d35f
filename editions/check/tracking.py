"""Translations that fell behind: which version of the original each was confirmed against.

For every translation of a document, ``content/<lang>/confirmed/<doc>.yaml``
records, for each part of the original (the masthead, the unnumbered text at
the top, each numbered unit with the unnumbered blocks it owns), a hash of
the original's text at the time the translation was last confirmed after
review. When the original changes, the parts whose hash no longer matches
are reported at the translation's line; ``python build.py confirm`` records
the current hashes once a reviewer has brought the translation up to date.
"""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..errors import EditionError, Problem
from ..read.model import Document, Meta, Selection, Unit
from ..read.project import Project
from ..read.schema import Field, Reader
from ..read.yamlsource import read_yaml, scalar_text
from .numbering import describe, english_name

FOLDER = "confirmed"
MASTHEAD, PREAMBLE = "(masthead)", "(document)"
MASTHEAD_FIELDS = ("kind", "title", "organizations", "distribution", "subject")   # and the kind's own texts
RECORD = (Field("document", "text"), Field("original", "text"), Field("units", "mapping"))


def record_path(root: Path, doc: Document) -> Path:
    return root / "content" / doc.language / FOLDER / f"{doc.name}.yaml"


def parts(doc: Document) -> dict[str, str]:
    """Each part of ``doc`` that a translator confirms, and the hash of its text."""
    found = {MASTHEAD: _hash(repr([value for _, value in masthead_texts(doc.meta)]))}
    found[PREAMBLE] = _hash(repr([_own(u) for u in doc.body if u.label is None]))
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
    """A unit's own text: its title and text and its unnumbered blocks, not its numbered units."""
    return (unit.kind, unit.title, unit.text, tuple(_own(c) for c in unit.children if c.label is None))


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


def behind(project: Project, selection: Selection) -> list[Problem]:
    """Parts of each selected translation whose original changed since it was confirmed."""
    found: list[Problem] = []
    for pair in translations(project, selection):
        recorded = read_record(project.root, pair.translation)
        if recorded is None:
            found.append(Problem(pair.translation.where.path, 1,
                                 f"no part of this translation has been confirmed yet: after review, run "
                                 f"python build.py confirm -d {pair.translation.name} -l {pair.translation.language}"))
            continue
        found += list(_changed(pair, recorded))
    return found


def _changed(pair: Translation, recorded: dict[str, str]) -> Iterator[Problem]:
    units = pair.translation.numbered()
    for key, digest in parts(pair.original).items():
        if recorded.get(key) == digest:
            continue
        unit = units.get(key)
        line = unit.where.line if unit else pair.translation.meta.lines.get("title" if key == MASTHEAD else "body", 1)
        what = {MASTHEAD: "the masthead", PREAMBLE: "the unnumbered text before section I"}.get(key) or (describe(unit) if unit else key)
        verb = "is new in" if key not in recorded else "changed in"
        yield Problem(pair.translation.where.path, line, f"{what} {verb} {pair.role} since this translation was confirmed")


def read_record(root: Path, doc: Document) -> dict[str, str] | None:
    path = record_path(root, doc)
    if not path.is_file():
        return None
    reader = Reader(read_yaml(path, root))
    fields = reader.record(reader.source.root, RECORD, "a record of confirmed translations")
    units = fields.get("units")
    recorded: dict[str, str] = {}
    if type(units) is yaml.MappingNode:
        recorded = {str(scalar_text(k)): str(scalar_text(v)) for k, v in units.value}
    elif units is not None:
        reader.problem(units, "units must map each unit to a hash")
    if reader.problems:
        raise EditionError(reader.problems)
    return recorded
