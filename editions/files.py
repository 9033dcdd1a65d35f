"""The one way to read a project file and the one way to write any file.

Every stage reads the project's files through ``read_file`` (confined to the
project: nothing behind a symbolic link that leaves it, nothing but regular
files, a size limit) and writes through ``write_file`` (a temporary file in
the same folder, fsync, rename, fsync of the folder: a reader or a power cut
sees the old file or the new, never half of one) or, for a set of files that
belong together, ``write_files`` (all staged first, then renamed into place).
``lock`` keeps two builds from writing one folder at once.
"""

from __future__ import annotations

import fcntl
import functools
import hashlib
import os
import shutil
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from .errors import EXIT_BUSY, fail

LOCK = ".build.lock"
STAGING = ".staging-"


def shown(path: Path, root: Path) -> str:
    """``path`` as messages show it: from the project's root where it lies inside."""
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)


def confined(path: Path, root: Path) -> bool:
    """Whether ``path``, with every symbolic link followed, lies inside ``root``."""
    return path.resolve().is_relative_to(root.resolve())


def read_file(path: Path, root: Path, limit: int) -> bytes:
    """The bytes of a project file; EditionError when it leaves the project, is no plain file or is too large."""
    where = shown(path, root)
    if not confined(path, root):
        raise fail(where, 1, "a symbolic link to a file outside the project is not read")
    if not path.is_file():
        raise fail(where, 1, "not a regular file: project files must be plain files")
    try:
        size = path.stat().st_size
        if size > limit:
            raise fail(where, 1, f"the file has {size} bytes; the limit is {limit}")
        return path.read_bytes()
    except OSError as error:
        raise fail(where, 1, f"cannot read the file: {error.strerror}") from None


def file_hash(path: Path) -> str:
    """A short SHA-256 of a file's bytes, computed once per process for each size and modification time."""
    status = path.stat()
    return _file_hash(path, status.st_mtime_ns, status.st_size)


@functools.cache
def _file_hash(path: Path, mtime: int, size: int) -> str:
    return data_hash(path.read_bytes())


def data_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:20]


def write_file(path: Path, data: bytes, root: Path | None = None, mode: int = 0o644) -> None:
    """Write ``path`` whole or not at all; never through a symbolic link, never outside ``root`` if given."""
    if path.is_symlink():
        raise fail(shown(path, root or path.parent), 1, "is a symbolic link: it is not written through")
    if root is not None and not confined(path.parent, root):
        raise fail(shown(path, root), 1, "lies outside the project (a folder on its way is a symbolic link): not written")
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    fsync_folder(path.parent)


def write_files(folder: Path, files: Mapping[str, bytes]) -> None:
    """Write every file under ``folder``: all of them staged first, then each renamed into place, in order.

    A kill leaves each file old or new; whatever is renamed last (the build
    state) says whether the set is complete.
    """
    remove_staging(folder)
    staging = Path(tempfile.mkdtemp(prefix=STAGING, dir=folder))
    try:
        for relative, data in files.items():
            target = staging / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            with open(target, "wb") as handle:
                handle.write(data)
                os.fsync(handle.fileno())
        for relative in files:
            final = folder / relative
            if final.is_symlink():
                raise fail(str(final), 1, "is a symbolic link: it is not written through")
            final.parent.mkdir(parents=True, exist_ok=True)
            os.replace(staging / relative, final)
        for parent in {(folder / relative).parent for relative in files} | {folder}:
            fsync_folder(parent)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def remove_staging(folder: Path) -> None:
    """Remove the staging folders a killed build left; the caller holds the folder's lock."""
    for stale in folder.glob(f"{STAGING}*"):
        shutil.rmtree(stale, ignore_errors=True)


def fsync_folder(folder: Path) -> None:
    """Make the folder's entries (files just renamed into it) survive a power cut."""
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


@contextmanager
def lock(folder: Path, shared: bool = False, busy: str = "another build is writing to this folder; try again when it ends",
         ) -> Iterator[None]:
    """Hold the folder's lock: exclusively to write it (one build at a time), shared to read it whole.

    Either refuses at once when the other kind is held. A folder with no lock
    file has never been built; a shared lock then has nothing to wait for.
    """
    path = folder / LOCK
    if shared and not path.is_file():
        yield
        return
    folder.mkdir(parents=True, exist_ok=True)
    with open(path, "rb" if shared else "wb") as handle:
        try:
            fcntl.flock(handle, (fcntl.LOCK_SH if shared else fcntl.LOCK_EX) | fcntl.LOCK_NB)
        except BlockingIOError:
            raise fail(str(folder), 1, busy, EXIT_BUSY) from None
        yield
