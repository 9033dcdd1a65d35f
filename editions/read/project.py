"""Gathering the project: every language and document, loaded and checked.

Nothing here writes a file. ``gather`` returns the Project with every
problem found reading it; the checks (editions/check/) come next, and the
build raises once with the problems of both.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import EditionError, Problem
from .kinds import Kind, load_kinds
from .languages import SETTINGS_FILE, Language, load_language
from .loader import read_document
from .model import EVERYTHING, Document, Selection
from .schemes import check_schemes


@dataclass(frozen=True)
class Project:
    root: Path
    languages: dict[str, Language]
    documents: dict[str, dict[str, Document]]   # name -> language -> edition
    kinds: dict[str, Kind] = field(default_factory=dict)   # kinds of document, by name

    def editions(self, selection: Selection) -> list[Document]:
        return [
            doc
            for name, by_language in sorted(self.documents.items())
            if not selection.documents or name in selection.documents
            for code, doc in sorted(by_language.items())
            if not selection.languages or code in selection.languages
        ]

    def translations(self) -> Iterator[tuple[Document, Document]]:
        """Each translation with its original, document by document, language by language (a document
        whose original language has no edition has none: that is reported by the numbering check)."""
        for _, by_language in sorted(self.documents.items()):
            original = by_language.get(next(iter(by_language.values())).meta.original)
            if original is not None:
                yield from ((original, doc) for code, doc in sorted(by_language.items()) if code != original.language)


def gather(root: Path, selection: Selection = EVERYTHING, whole: bool = False) -> tuple[Project, list[Problem]]:
    """Load the selected documents in every language (with ``whole``, every document: the index
    of a build lists them all), with every problem found reading them; a selection naming what
    the project lacks is a problem. A document with problems may still be loaded, complete
    enough for the checks to report what they find too."""
    with collector_paused():
        return _gather(root, selection, whole)


@contextmanager
def collector_paused() -> Iterator[None]:
    """Loading allocates hundreds of thousands of small objects and makes no
    reference cycles, yet each allocation burst wakes Python's cycle collector,
    which walks every object alive (on a long document, most of a check's time:
    docs/performance.md). Paused while loading; what is loaded then is
    frozen (kept out of later collections: it lives as long as the process)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.freeze()
            gc.enable()


def _gather(root: Path, selection: Selection, whole: bool) -> tuple[Project, list[Problem]]:
    content = root / "content"
    problems: list[Problem] = check_schemes(root)
    languages = _languages(root, problems)
    kinds, found = load_kinds(root)
    problems.extend(found)
    _unknown(selection, languages, content, problems)
    documents: dict[str, dict[str, Document]] = {}
    for code, language in languages.items():
        for path in sorted((content / code).glob("*.yaml")):
            if path.name == SETTINGS_FILE or (selection.documents and not whole and path.stem not in selection.documents):
                continue
            doc, found = read_document(path, root, language, kinds)
            problems.extend(found)
            if doc is None:
                continue
            documents.setdefault(path.stem, {})[code] = doc
        problems.extend(_not_read(root, content / code))
    return Project(root, languages, documents, kinds), problems


def _not_read(root: Path, folder: Path) -> list[Problem]:
    """Files in a language folder that are not content files (``dsc-1.yml``, ``notes.txt``): said, not skipped in silence."""
    return [Problem(path.relative_to(root).as_posix(), 1, "not read: content files are YAML files named <document>.yaml")
            for path in sorted(folder.iterdir()) if not path.name.startswith(".") and path.suffix != ".yaml"
            and not path.is_dir()]


def _languages(root: Path, problems: list[Problem]) -> dict[str, Language]:
    content = root / "content"
    languages = {}
    folders = sorted(p for p in content.iterdir() if p.is_dir()) if content.is_dir() else []
    for folder in folders:
        shown = f"content/{folder.name}"
        if not (folder / SETTINGS_FILE).is_file():
            problems.append(Problem(f"{shown}/{SETTINGS_FILE}", 1, f"missing: every language folder needs its {SETTINGS_FILE}"))
            continue
        try:
            languages[folder.name] = load_language(folder, root)
        except EditionError as error:
            problems.extend(error.problems)
    if not folders:
        problems.append(Problem("content", 1, "no language folders: expected content/<language>/"))
    return languages


def _unknown(selection: Selection, languages: dict[str, Language], content: Path,
             problems: list[Problem]) -> None:
    for code in sorted(selection.languages - set(languages)):
        problems.append(Problem(f"content/{code}", 1, f"no language '{code}' in this project"))
    available = {p.stem for p in content.glob("*/*.yaml") if p.name != SETTINGS_FILE}
    for name in sorted(selection.documents - available):
        problems.append(Problem(f"content/*/{name}.yaml", 1, f"no document '{name}' in this project"))
