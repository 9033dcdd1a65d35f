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
import os
import stat
import zipfile
import zlib
from collections import Counter
from pathlib import Path
from typing import IO

from .. import __version__
from ..errors import EXIT_RENDER, Problem, fail
from ..files import lock, write_file
from ..plan.outputs import Output, outputs
from ..read.model import Amendment, Document, version_symbol
from ..read.project import Project
from ..render.pdfinfo import page_count

MANIFEST = "manifest.json"
PACKAGE_FORMAT = 1                     # bumped if the manifest's fields change meaning
ZIP_EPOCH = datetime.date(1980, 1, 1)   # the earliest date a zip entry can carry
PERMISSIONS = 0o644
COMPRESSION = zipfile.ZIP_DEFLATED
COMPRESS_LEVEL = 9
BUSY = "a build is writing to this folder; package it when the build ends"


def write_package(project: Project, output: Path, destination: Path) -> Path:
    """Write the archive of every edition present under ``output`` into ``destination``.

    The editions are those the project's content has (editions/plan/outputs.py),
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
    days = [doc.meta.issued for by_language in project.documents.values() for doc in by_language.values()]
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
# Limits on what a received archive may make verify read (docs/package.md). A package is
# far below each; an archive above one is refused before it is read further. Each entry is
# inflated at most to the size its manifest declares, plus one byte to tell it is longer.
MAX_ARCHIVE_BYTES = 4 * 2**30       # the largest zip without zip64 records
MAX_ENTRIES = 10_000
MAX_DIRECTORY_BYTES = 4 * 2**20     # zipfile reads the central directory whole, an object per entry
MAX_MANIFEST_BYTES = 16 * 2**20
MAX_DECLARED_BYTES = 16 * 2**30     # the sizes the manifest declares, all files together
CHUNK_BYTES = 2**20
END_RECORD = b"PK\x05\x06"         # the zip's end of central directory record, 22 bytes and a comment
END_RECORD_BYTES = 22
TAIL_BYTES = END_RECORD_BYTES + 2**16   # where zipfile looks for it: a comment may follow it
ZIP64_LOCATOR = b"PK\x06\x07"      # just before it when the zip has zip64 records
LOCATOR_BYTES = 20


def verify(archive: Path) -> list[Problem]:
    """Every way ``archive`` differs from its manifest, one problem each; [] when intact.

    Names each file missing, added (not in the manifest) or altered (size or
    SHA-256 differs, or the entry is corrupt), or says why the manifest
    cannot be read. Directory entries, which carry no content, are ignored.
    Whoever sent the archive chooses its bytes: a FIFO, a device, a zip bomb
    or a huge directory is refused in one line, in bounded time and memory.
    """
    shown = str(archive)
    try:
        refusal = _not_regular(os.stat(archive).st_mode)     # before opening: a FIFO would block open()
        messages = [refusal] if refusal else _examined(archive)
    except zipfile.BadZipFile:
        messages = ["not a zip file: the package is damaged or is not a package"]
    except OSError as error:
        messages = [f"cannot be read: {error.strerror or error}"]
    return [Problem(shown, 1, message) for message in messages]


def _examined(archive: Path) -> list[str]:
    descriptor = os.open(archive, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY)
    with os.fdopen(descriptor, "rb") as handle:
        status = os.fstat(handle.fileno())   # the file opened, should the path have changed since stat()
        refusal = _not_regular(status.st_mode) or _oversized(status.st_size) or _directory_refused(handle, status.st_size)
        if refusal:
            return [refusal]
        with zipfile.ZipFile(handle) as opened:
            return _differences(opened)


def _not_regular(mode: int) -> str:
    if stat.S_ISREG(mode):
        return ""
    kind = ("a directory" if stat.S_ISDIR(mode) else "a FIFO" if stat.S_ISFIFO(mode)
            else "a socket" if stat.S_ISSOCK(mode) else "a device")
    return f"not a regular file ({kind}): a package is a zip file"


def _oversized(size: int) -> str:
    return f"is {size} bytes, more than a package may be ({_amount(MAX_ARCHIVE_BYTES)})" if size > MAX_ARCHIVE_BYTES else ""


def _directory_refused(handle: IO[bytes], size: int) -> str:
    """Why the zip's directory is not a package's, read from its end record before zipfile reads it.

    "" when nothing is wrong, or when there is no end record: zipfile then says it is not a zip.
    """
    handle.seek(max(0, size - TAIL_BYTES - LOCATOR_BYTES))
    tail = handle.read(TAIL_BYTES + LOCATOR_BYTES)
    at = _end_record(tail)
    if at < 0:
        return ""
    if at >= LOCATOR_BYTES and tail[at - LOCATOR_BYTES: at - LOCATOR_BYTES + 4] == ZIP64_LOCATOR:
        return "has zip64 records, which no package needs: it is not a package"
    entries, directory = int.from_bytes(tail[at + 10: at + 12], "little"), int.from_bytes(tail[at + 12: at + 16], "little")
    return _too_many(entries) or (f"its zip directory is {directory} bytes, more than a package's may be "
                                  f"({_amount(MAX_DIRECTORY_BYTES)})" if directory > MAX_DIRECTORY_BYTES else "")


def _end_record(tail: bytes) -> int:
    """Where in ``tail`` the end record is, found as zipfile finds it so that the record
    checked is the one it uses: at the very end, else the last signature; -1 if none."""
    at = len(tail) - END_RECORD_BYTES
    if at >= 0 and tail[at: at + 4] == END_RECORD and tail.endswith(b"\0\0"):
        return at
    at = tail.rfind(END_RECORD, max(0, len(tail) - TAIL_BYTES))
    return at if 0 <= at <= len(tail) - END_RECORD_BYTES else -1


def _too_many(entries: int) -> str:
    return f"has {entries} entries, more than a package may have ({MAX_ENTRIES})" if entries > MAX_ENTRIES else ""


def _amount(size: int) -> str:
    """``4 GiB``, ``16 MiB``: a limit as the documentation gives it."""
    return f"{size // 2**30} GiB" if size % 2**30 == 0 else f"{size // 2**20} MiB"


def _differences(archive: zipfile.ZipFile) -> list[str]:
    entries = archive.infolist()
    if too_many := _too_many(len(entries)):     # more than the end record said
        return [too_many]
    names = [info.filename for info in entries if not info.is_dir()]
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
        data = _read(archive, MANIFEST, MAX_MANIFEST_BYTES + 1)
        if len(data) > MAX_MANIFEST_BYTES:
            return {}, f"{MANIFEST} is larger than a package's may be ({_amount(MAX_MANIFEST_BYTES)})"
        manifest = json.loads(data.decode("utf-8"))
    except ValueError as error:        # UnicodeDecodeError and JSONDecodeError among them
        return {}, f"{MANIFEST} is not valid JSON: {error}"
    except RecursionError:
        return {}, f"{MANIFEST} is not valid JSON: nested too deeply"
    except UNREADABLE as error:
        return {}, f"{MANIFEST} cannot be read from the archive: {error}"
    files = manifest.get("files") if isinstance(manifest, dict) else None
    if not isinstance(files, list) or not all(_well_formed(entry) for entry in files):
        return {}, f"{MANIFEST} does not list the files with path, sha256 and size"
    return {entry["path"]: entry for entry in files}, _overdeclared([entry["size"] for entry in files])


def _well_formed(entry: object) -> bool:
    return (isinstance(entry, dict) and isinstance(entry.get("path"), str) and isinstance(entry.get("sha256"), str)
            and type(entry.get("size")) is int and entry["size"] >= 0)


def _overdeclared(sizes: list[int]) -> str:
    """Why the manifest declares more than verify will read, or ""."""
    declared = sum(sizes)
    if len(sizes) > MAX_ENTRIES:
        return f"{MANIFEST} lists {len(sizes)} files, more than a package may have ({MAX_ENTRIES})"
    if declared > MAX_DECLARED_BYTES:
        return f"{MANIFEST} declares {declared} bytes of files, more than a package may hold ({_amount(MAX_DECLARED_BYTES)})"
    return ""


def _compare(archive: zipfile.ZipFile, path: str, expected: dict[str, object]) -> str:
    """"" when the file matches its manifest entry, else the line that says how it was altered.

    The entry is hashed as it is inflated, and inflated one byte past its
    declared size at most: a zip bomb costs what the manifest declares.
    """
    declared = expected["size"]
    assert isinstance(declared, int)        # _well_formed
    try:
        size, digest = _hashed(archive, path, declared + 1)
    except UNREADABLE as error:
        return f"{path} was altered (the archive entry is corrupt: {error})"
    differs = [field for field, same in (("size", size == declared), ("sha256", digest == expected["sha256"])) if not same]
    if not differs:
        return ""
    return f"{path} was altered ({' and '.join(differs)} {'differ' if len(differs) > 1 else 'differs'} from the manifest)"


def _hashed(archive: zipfile.ZipFile, path: str, limit: int) -> tuple[int, str]:
    """The size and SHA-256 of the entry's first ``limit`` bytes, a chunk in memory at a time."""
    digest = hashlib.sha256()
    size = 0
    with archive.open(path) as entry:
        while size < limit and (chunk := entry.read(min(CHUNK_BYTES, limit - size))):
            digest.update(chunk)
            size += len(chunk)
    return size, digest.hexdigest()


def _read(archive: zipfile.ZipFile, path: str, limit: int) -> bytes:
    """The entry's first ``limit`` bytes, in memory (the manifest, parsed whole)."""
    with archive.open(path) as entry:
        return entry.read(limit)
