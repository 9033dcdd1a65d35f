"""The distribution package: every edition built, in one reproducible zip with checksums.

A recipient of the editions needs to know that what arrived is what was
built. ``write_package`` puts every edition present under the output folder
into one zip archive with ``manifest.json``, which names each file with its
SHA-256, size, document, symbol, languages, format and (for PDFs) page
count; ``verify`` checks a received archive against that manifest.

The archive is byte-identical for the same editions: its name and its
entries' timestamps come from the content's dates, never from the clock, and
entries, permissions, compression and JSON are all fixed (docs/package.md).
"""

from __future__ import annotations

import datetime
import hashlib
import io
import json
import stat
import zipfile
import zlib
from collections import Counter
from pathlib import Path

from . import __version__
from .errors import EXIT_RENDER, Problem, fail
from .files import lock, write_file
from .model import Amendment, Document, version_symbol
from .outputs import Output, outputs
from .pdfinfo import page_count
from .project import Project

MANIFEST = "manifest.json"
PACKAGE_FORMAT = 1                     # bumped if the manifest's fields change meaning
ZIP_EPOCH = datetime.date(1980, 1, 1)   # the earliest date a zip entry can carry
PERMISSIONS = 0o644
COMPRESSION = zipfile.ZIP_DEFLATED
COMPRESS_LEVEL = 9
BUSY = "a build is writing to this folder; package it when the build ends"


def write_package(project: Project, output: Path, destination: Path) -> Path:
    """Write the archive of every edition present under ``output`` into ``destination``.

    The editions are those the project's content has (editions/outputs.py),
    never found by walking the folder, so that the lock, the build state,
    staging folders and stray files (an edition of a deleted document) never
    enter. Returns the archive's path. Raises EditionError when there is
    nothing to package, when a build holds the output folder (status 4), or
    when a PDF's pages cannot be counted (status 3).
    """
    with lock(output, shared=True, busy=BUSY):
        present = [(edition, (output / edition.path).read_bytes())
                   for edition in outputs(project) if (output / edition.path).is_file()]
    if not present:
        raise fail(str(output), 1, "no editions to package: build them first (python build.py)")
    day = package_date(project)
    manifest = _manifest(project, present, output, day)
    members = [(edition.path, data) for edition, data in present] + [(MANIFEST, manifest)]
    archive = destination / package_name(day)
    write_file(archive, _zip(members, day), mode=PERMISSIONS)
    return archive


def package_date(project: Project) -> datetime.date:
    """The latest date in the content: a date of issue, else a last day, or an amendment's date."""
    days = [doc.meta.date or doc.meta.end for by_language in project.documents.values() for doc in by_language.values()]
    days += [a.date for by_language in project.documents.values() for doc in by_language.values() for a in doc.meta.amendments]
    return max(days)


def package_name(day: datetime.date) -> str:
    """``editions-0.1.0-2025-12-15.zip``: the release and the content's date, never the clock."""
    return f"editions-{__version__}-{day.isoformat()}.zip"


def _manifest(project: Project, present: list[tuple[Output, bytes]], output: Path, day: datetime.date) -> bytes:
    """manifest.json: sorted keys, one layout, a final newline, so that equal inputs give equal bytes."""
    names = sorted({edition.document for edition, _ in present})
    manifest = {
        "package_format": PACKAGE_FORMAT,
        "editions_version": __version__,
        "date": day.isoformat(),
        "documents": {name: _document_entry(project.documents[name]) for name in names},
        "files": [_file_entry(edition, data, output) for edition, data in present],
    }
    return (json.dumps(manifest, indent=1, sort_keys=True, ensure_ascii=False) + "\n").encode()


def _document_entry(by_language: dict[str, Document]) -> dict[str, object]:
    """What a document's files share: its own symbol, languages, original and amendments."""
    any_doc = next(iter(by_language.values()))
    doc = by_language.get(any_doc.meta.original, any_doc)   # amendments are the same in every language file
    return {
        "symbol": doc.meta.symbol,
        "current_symbol": version_symbol(doc.meta),
        "original": doc.meta.original,
        "languages": sorted(by_language),
        "amendments": [_amendment_entry(a, sorted(by_language)) for a in doc.meta.amendments],
    }


def _amendment_entry(amendment: Amendment, all_languages: list[str]) -> dict[str, object]:
    return {
        "kind": amendment.kind,
        "symbol": amendment.symbol,
        "date": amendment.date.isoformat(),
        "languages": list(amendment.languages) or all_languages,   # "omit for all" written out
    }


def _file_entry(edition: Output, data: bytes, output: Path) -> dict[str, object]:
    entry: dict[str, object] = {
        "path": edition.path,
        "sha256": hashlib.sha256(data).hexdigest(),
        "size": len(data),
        "document": edition.document,
        "symbol": edition.symbol,
        "languages": list(edition.languages),
        "format": edition.format,
        "kind": edition.kind,
    }
    if edition.is_pdf:
        try:
            entry["pages"] = page_count(data)
        except ValueError as error:
            raise fail(str(output / edition.path), 1, f"cannot count the pages: {error}", EXIT_RENDER) from None
    return entry


def _zip(members: list[tuple[str, bytes]], day: datetime.date) -> bytes:
    """Entries sorted by name, each with the same date, permissions, system and compression."""
    stamp = max(day, ZIP_EPOCH)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in sorted(members):
            info = zipfile.ZipInfo(name, (stamp.year, stamp.month, stamp.day, 0, 0, 0))
            info.create_system = 3                                   # Unix, on every platform
            info.external_attr = (stat.S_IFREG | PERMISSIONS) << 16
            archive.writestr(info, data, compress_type=COMPRESSION, compresslevel=COMPRESS_LEVEL)
    return buffer.getvalue()

# Verifying a received package -----------------------------------------------------------

# What reading one damaged or unusual entry can raise: bad CRC or header, bad deflate data,
# data cut short, a compression method zipfile lacks (NotImplementedError), encryption (RuntimeError).
UNREADABLE = (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError)


def verify(archive: Path) -> list[Problem]:
    """Every way ``archive`` differs from its manifest, one problem each; [] when intact.

    Names each file missing, added (not in the manifest) or altered (size or
    SHA-256 differs, or the entry is corrupt), or says why the manifest
    cannot be read. Directory entries, which carry no content, are ignored.
    """
    shown = str(archive)
    try:
        with zipfile.ZipFile(archive) as opened:
            return [Problem(shown, 1, message) for message in _differences(opened)]
    except zipfile.BadZipFile:
        return [Problem(shown, 1, "not a zip file: the package is damaged or is not a package")]
    except OSError as error:
        return [Problem(shown, 1, f"cannot be read: {error.strerror or error}")]


def _differences(archive: zipfile.ZipFile) -> list[str]:
    names = [info.filename for info in archive.infolist() if not info.is_dir()]
    listed, problem = _listed(archive, names)
    if problem:
        return [problem]
    counts = Counter(names)
    messages = [f"{name} appears {count} times in the archive" for name, count in sorted(counts.items()) if count > 1]
    for path, expected in sorted(listed.items()):
        messages.append(_compare(archive, path, expected) if path in counts else f"{path} is missing from the package")
    messages += [f"{name} was added (not in the manifest)" for name in sorted(set(counts) - set(listed) - {MANIFEST})]
    return [message for message in messages if message]


def _listed(archive: zipfile.ZipFile, names: list[str]) -> tuple[dict[str, dict[str, object]], str]:
    """The manifest's files by path, or the one line that says why there are none."""
    if MANIFEST not in names:
        return {}, f"{MANIFEST} is missing: the package cannot be verified"
    try:
        manifest = json.loads(archive.read(MANIFEST).decode("utf-8"))
    except ValueError as error:        # UnicodeDecodeError and JSONDecodeError among them
        return {}, f"{MANIFEST} is not valid JSON: {error}"
    except UNREADABLE as error:
        return {}, f"{MANIFEST} cannot be read from the archive: {error}"
    files = manifest.get("files") if isinstance(manifest, dict) else None
    if not isinstance(files, list) or not all(_well_formed(entry) for entry in files):
        return {}, f"{MANIFEST} does not list the files with path, sha256 and size"
    return {entry["path"]: entry for entry in files}, ""


def _well_formed(entry: object) -> bool:
    return (isinstance(entry, dict) and isinstance(entry.get("path"), str) and isinstance(entry.get("sha256"), str)
            and isinstance(entry.get("size"), int))


def _compare(archive: zipfile.ZipFile, path: str, expected: dict[str, object]) -> str:
    """"" when the file matches its manifest entry, else the line that says how it was altered."""
    try:
        data = archive.read(path)
    except UNREADABLE as error:
        return f"{path} was altered (the archive entry is corrupt: {error})"
    differs = [field for field, same in (("size", len(data) == expected["size"]),
                                          ("sha256", hashlib.sha256(data).hexdigest() == expected["sha256"])) if not same]
    if not differs:
        return ""
    return f"{path} was altered ({' and '.join(differs)} {'differ' if len(differs) > 1 else 'differs'} from the manifest)"

