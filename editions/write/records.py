"""What the project keeps of its own history, written by ``publish`` and ``confirm``.

``publish`` keeps the current content of a document as the published text of
its latest version (``published/<document>/<version>/<language>.yaml``,
editions/read/amendments.py); ``confirm`` records, after review, which version
of the original each part of a translation was checked against
(``content/<lang>/confirmed/<document>.yaml``, editions/check/tracking.py).
Both are the project's legal record: written atomically, inside the project,
never through a symbolic link.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

import yaml

from ..check.tracking import Translation, parts, read_record, record_path, translations
from ..errors import fail
from ..files import read_file, write_file
from ..read.amendments import snapshot_path, versions
from ..read.model import Document, Selection
from ..read.project import Project
from ..read.yamlsource import MAX_FILE_BYTES


def publish(root: Path, docs: list[Document]) -> Iterator[Path]:
    """Keep the current content of ``docs`` as the published text of their latest version."""
    for doc in docs:
        path = snapshot_path(root, doc.name, versions(doc)[-1], doc.language)
        write_file(path, read_file(root / doc.where.path, root, MAX_FILE_BYTES), root)
        yield path


def confirm(project: Project, selection: Selection, only: Iterable[str] = ()) -> list[tuple[Path, int]]:
    """Record the original's current hashes for the selected translations (only some units if given)."""
    only = set(only)
    written = []
    for pair in translations(project, selection):
        current = parts(pair.original)
        unknown = only - set(current)
        if unknown:
            raise fail(pair.original.where.path, 1, f"no unit {', '.join(sorted(unknown))} in {pair.original.name}")
        recorded = dict(read_record(project.root, pair.translation) or {})
        chosen = only or set(current)
        recorded.update({key: current[key] for key in chosen})
        recorded = {key: recorded[key] for key in current if key in recorded}   # document order; drop removed units
        path = record_path(project.root, pair.translation)
        write_file(path, _record_text(pair, recorded).encode(), project.root)
        written.append((path, len(chosen)))
    return written


def _record_text(pair: Translation, recorded: dict[str, str]) -> str:
    head = (f"# The version of {pair.role} that each part of this translation was last\n"
            f"# confirmed against, after review. Written by `python build.py confirm`.\n")
    body = yaml.safe_dump({"document": pair.translation.name, "original": pair.original.language, "units": recorded},
                          sort_keys=False, allow_unicode=True, width=100)
    return head + body
