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

from ..check.tracking import Record, Translation, part_texts, parts, read_record, record_path, translations
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
    """Record the original's current hashes and texts for the selected translations (only some units if given)."""
    only = set(only)
    written = []
    for pair in translations(project, selection):
        current = parts(pair.original)
        unknown = only - set(current)
        if unknown:
            raise fail(pair.original.where.path, 1, f"no unit {', '.join(sorted(unknown))} in {pair.original.name}")
        chosen = only or set(current)
        record = _updated(read_record(project.root, pair.translation) or Record({}, {}), current,
                          part_texts(pair.original), chosen)
        path = record_path(project.root, pair.translation)
        write_file(path, _record_text(pair, record).encode(), project.root)
        written.append((path, len(chosen)))
    return written


def _updated(record: Record, hashes: dict[str, str], texts: dict[str, str], chosen: set[str]) -> Record:
    """``record`` with the chosen parts confirmed now, in document order, removed units dropped."""
    kept_hashes = {**record.hashes, **{key: hashes[key] for key in chosen}}
    kept_texts = {**record.texts, **{key: texts[key] for key in chosen}}
    return Record({key: kept_hashes[key] for key in hashes if key in kept_hashes},
                  {key: kept_texts[key] for key in hashes if key in kept_texts})


class RecordDumper(yaml.SafeDumper):
    """Texts of several lines as literal blocks, so that a record reads and diffs well in review."""


def _literal(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|" if "\n" in value else None)


RecordDumper.add_representer(str, _literal)


def _record_text(pair: Translation, record: Record) -> str:
    head = (f"# The version of {pair.role} that each part of this translation was last\n"
            f"# confirmed against, after review: a hash of each part and its text.\n"
            f"# Written by `python build.py confirm`.\n")
    body = yaml.dump({"document": pair.translation.name, "original": pair.original.language,
                      "units": record.hashes, "texts": record.texts},
                     Dumper=RecordDumper, sort_keys=False, allow_unicode=True, width=1_000_000)   # a part per line: reviewable
    return head + body
