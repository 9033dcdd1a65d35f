"""Amendments: the published versions of a document, and what each amendment changed.

A document's metadata lists its amendments (corrigenda and revisions), oldest
first. The text of every version that was published is kept in the project,
under ``published/<document>/<version>/<language>.yaml`` (the version is the
symbol with ``/`` written ``-``: ``DSC-1``, ``DSC-1-Corr.1``), so that a plain
clone can regenerate every amendment. An amendment's text is its own snapshot,
or, for the latest amendment not yet snapshotted, the current content.
``python build.py publish`` snapshots the current content as the latest version
(editions/write/records.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import EditionError, Problem, fail
from .languages import Language
from .loader import read_document
from .model import Amendment, Document

PUBLISHED = "published"


def versions(doc: Document) -> list[str]:
    """Every version's symbol, oldest first: the document's, then each amendment's."""
    return [doc.meta.symbol, *(a.symbol for a in doc.meta.amendments)]


def snapshot_relative(name: str, symbol: str, language: str) -> str:
    """Where the published text of version ``symbol`` of ``name`` in ``language`` is kept, from the root."""
    return f"{PUBLISHED}/{name}/{symbol.replace('/', '-')}/{language}.yaml"


def snapshot_path(root: Path, name: str, symbol: str, language: str) -> Path:
    return root / snapshot_relative(name, symbol, language)


@dataclass(frozen=True)
class Versions:
    """The text of one language before and after one amendment."""

    amendment: Amendment
    before: Document
    after: Document


def concerned(doc: Document, amendment: Amendment) -> bool:
    return not amendment.languages or doc.language in amendment.languages


def amendment_texts(root: Path, doc: Document, language: Language, amendment: Amendment) -> Versions:
    """The text of ``doc``'s language before and after ``amendment``."""
    symbols = versions(doc)
    index = symbols.index(amendment.symbol)
    before = _load(root, doc, symbols[index - 1], language)
    after_path = snapshot_path(root, doc.name, amendment.symbol, doc.language)
    if after_path.is_file():
        after = _load(root, doc, amendment.symbol, language)
    elif index == len(symbols) - 1:
        after = doc
    else:
        raise fail(doc.where.path, doc.meta.lines.get("amendments", 1),
                   f"{amendment.symbol} is not the latest amendment, so its text must be kept in "
                   f"{after_path.relative_to(root).as_posix()}: run python build.py publish when each is issued")
    return Versions(amendment, before, after)


def _load(root: Path, doc: Document, symbol: str, language: Language) -> Document:
    path = snapshot_path(root, doc.name, symbol, doc.language)
    shown = path.relative_to(root).as_posix()
    if not path.is_file():
        raise fail(doc.where.path, doc.meta.lines.get("amendments", 1),
                   f"the published text of {symbol} in this language is missing: {shown}")
    loaded, problems = read_document(path, root, language)
    if problems or loaded is None:
        raise EditionError(problems or [Problem(shown, 1, "cannot be read")])
    return loaded
