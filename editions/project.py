"""Gathering the project: every language and document, loaded and checked.

Nothing here writes a file. ``gather`` either returns a Project in which
every document of every language has passed the numbering check, or raises
one EditionError with every problem found in every file.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from .errors import EditionError, Problem, raise_if_any
from .languages import SETTINGS_FILE, Language, load_language
from .loader import read_document
from .model import EVERYTHING, Document, Selection
from .numbering import check_document, check_parity


@dataclass(frozen=True)
class Project:
    root: Path
    languages: dict[str, Language]
    documents: dict[str, dict[str, Document]]   # name -> language -> edition

    def editions(self, selection: Selection) -> list[Document]:
        return [
            doc
            for name, by_language in sorted(self.documents.items())
            if not selection.documents or name in selection.documents
            for code, doc in sorted(by_language.items())
            if not selection.languages or code in selection.languages
        ]


def gather(root: Path, selection: Selection = EVERYTHING, whole: bool = False) -> Project:
    """Load and check the selected documents in every language (with ``whole``, every document:
    the index of a build lists them all); a selection naming what the project lacks is a problem."""
    with collector_paused():
        return _gather(root, selection, whole)


@contextmanager
def collector_paused() -> Iterator[None]:
    """Loading allocates hundreds of thousands of small objects and makes no
    reference cycles, yet each allocation burst wakes Python's cycle collector,
    which walks every object alive: on 5,000 paragraphs per language that
    tripled the time of a check. Paused while loading; what is loaded then is
    frozen (kept out of later collections: it lives as long as the process)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.freeze()
            gc.enable()


def _gather(root: Path, selection: Selection, whole: bool) -> Project:
    content = root / "content"
    problems: list[Problem] = []
    languages = _languages(content, problems)
    _unknown(selection, languages, content, problems)
    documents: dict[str, dict[str, Document]] = {}
    troubled: set[int] = set()
    for code, language in languages.items():
        for path in sorted((content / code).glob("*.yaml")):
            if path.name == SETTINGS_FILE or (selection.documents and not whole and path.stem not in selection.documents):
                continue
            if not path.resolve().is_relative_to(root.resolve()):
                problems.append(Problem(_shown(root, path), 1, "a symbolic link to a file outside the project is not read"))
                continue
            doc, found = read_document(path, _shown(root, path), language)
            problems.extend(found)
            if doc is None:
                continue
            documents.setdefault(path.stem, {})[code] = doc
            findings = check_document(doc, language)
            problems.extend(findings.problems)
            troubled |= findings.troubled
    problems.extend(_parity(root, languages, documents, troubled))
    raise_if_any(problems)
    return Project(root, languages, documents)


def _shown(root: Path, path: Path) -> str:
    return path.relative_to(root).as_posix()


def _languages(content: Path, problems: list[Problem]) -> dict[str, Language]:
    languages = {}
    folders = sorted(p for p in content.iterdir() if p.is_dir()) if content.is_dir() else []
    for folder in folders:
        shown = f"content/{folder.name}"
        if not (folder / SETTINGS_FILE).is_file():
            problems.append(Problem(f"{shown}/{SETTINGS_FILE}", 1, f"missing: every language folder needs its {SETTINGS_FILE}"))
            continue
        try:
            languages[folder.name] = load_language(folder, shown)
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


def _parity(root: Path, languages: dict[str, Language],
            documents: dict[str, dict[str, Document]], troubled: set[int]) -> Iterable[Problem]:
    for name, by_language in sorted(documents.items()):
        any_edition = next(iter(by_language.values()))
        for code in sorted(set(languages) - set(by_language)):
            if (root / "content" / code / f"{name}.yaml").exists():
                continue    # it exists but failed to load: already reported
            yield Problem(any_edition.where.path, 1,
                          f"document {name} has no edition in language '{code}': content/{code}/{name}.yaml is missing")
        for code in any_edition.meta.columns:
            if code not in by_language:
                yield Problem(any_edition.where.path, any_edition.meta.lines.get("columns", 1),
                              f"columns names '{code}', which has no edition of this document")
        original = by_language.get(any_edition.meta.original)
        if any_edition.meta.original not in languages:
            yield Problem(any_edition.where.path, any_edition.meta.lines.get("original", 1),
                          f"the original language '{any_edition.meta.original}' has no folder under content/")
            continue
        if original is None:
            continue
        for code, doc in sorted(by_language.items()):
            if code != original.language:
                yield from check_parity(original, doc, languages, troubled)
