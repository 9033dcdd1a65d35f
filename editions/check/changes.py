"""The checks of a document's amendments: every published text present, and corrigenda that only correct text.

A corrigendum corrects words; a change of structure (a unit added, removed
or renumbered) needs a revision. Run by ``check`` and before every build,
so that rendering a corrigendum (editions/render/corrigendum.py) never meets one.
"""

from __future__ import annotations

from ..errors import EditionError, Problem
from ..read.amendments import Versions, amendment_texts, concerned
from ..read.model import Selection, Unit
from ..read.project import Project


def check_amendments(project: Project, selection: Selection) -> list[Problem]:
    """Problems of the selected documents' amendments: missing published texts,
    corrigenda that change structure."""
    found: list[Problem] = []
    for doc in project.editions(selection):
        language = project.languages[doc.language]
        for amendment in doc.meta.amendments:
            if not concerned(doc, amendment):
                continue
            try:
                texts = amendment_texts(project.root, doc, language, amendment)
            except EditionError as error:
                found.extend(error.problems)
                continue
            if amendment.kind == "corrigendum":
                found.extend(structure_changes(texts)[:1])
    return found


def structure_changes(versions: Versions) -> list[Problem]:
    """Where ``versions.after`` differs from ``versions.before`` in more than text, in document order."""
    return list(_changed(versions.before.body, versions.after.body, versions))


def _changed(old: tuple[Unit, ...], new: tuple[Unit, ...], versions: Versions) -> list[Problem]:
    if [_shape(u) for u in old] != [_shape(u) for u in new]:
        where = new[0].where if new else versions.after.where
        return [Problem(where.path, where.line, f"{versions.amendment.symbol} changes the structure here, not only the text: "
                                                "a corrigendum corrects text; issue a revision")]
    return [problem for a, b in zip(old, new) for problem in _changed(a.children, b.children, versions)]


def _shape(unit: Unit) -> tuple[str, int, int]:
    return (unit.kind, unit.label.number if unit.label else 0, len(unit.children))
