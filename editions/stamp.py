"""A build with nothing to do, known without loading anything.

After a build, ``output/.stamp.json`` records what it was asked (root,
documents, languages, formats, marked editions); the identity of every file
a build reads: everything under content/, templates/, locales/ and
published/, the package's source and the fonts, each as size, modification
time, change time and inode (the change time moves on every write, whatever
tool wrote, and cannot be set back); the versions of Python and of the
libraries; the warnings it printed; and the identity of every file it left
in the output folder. A build asked the same thing reads the stamp first:
when every identity is unchanged nothing can need rendering, and it says so
without importing YAML, Babel, Jinja or WeasyPrint. Anything else (a file
touched, added or removed, an output altered) takes the full way, which
compares contents (editions/plan.py) and writes a new stamp.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from .fonts import font_folder
from .plan import LIBRARIES, MANIFEST, PDF_LIBRARIES, library_version

STAMP = ".stamp.json"
FOLDERS = ("content", "templates", "locales", "published")
Inputs = dict[str, dict[str, object]]


def _identity(path: Path | str) -> list[int]:
    status = os.stat(path)
    return [status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino]


def inputs(root: Path) -> Inputs:
    """Every file a build reads, with its identity, and the versions it runs with.

    Taken before the build reads anything, so that a file changed during the
    build makes the next one compare contents.
    """
    files: dict[str, object] = {}
    for folder in FOLDERS:
        for where, folders, names in os.walk(root / folder):
            folders.sort()
            for name in sorted(names):
                path = os.path.join(where, name)
                files[os.path.relpath(path, root)] = _identity(path)
    for label, folder in (("editions", Path(__file__).parent), ("fonts", font_folder())):
        for path in sorted(folder.iterdir()):
            if path.is_file():
                files[f"{label}/{path.name}"] = _identity(path)
    versions: dict[str, object] = {name: library_version(name) for name in (*LIBRARIES, *PDF_LIBRARIES)}
    versions["python"] = sys.version
    return {"files": files, "versions": versions}


def write(output: Path, request: dict[str, object], before: Inputs, outputs: list[str], site: list[str],
          warnings: list[str]) -> None:
    """Record a build that ended well: its ``outputs``, and the ``site`` files around them."""
    kept = [*outputs, *site, MANIFEST]
    data = {
        "request": request, **before, "warnings": warnings, "count": len(outputs),
        "outputs": {relative: _identity(output / relative) for relative in kept if (output / relative).is_file()},
    }
    temporary = output / f"{STAMP}.tmp"     # a torn write (two builds at once) is unreadable: the full way
    temporary.write_text(json.dumps(data, ensure_ascii=False) + "\n", encoding="utf-8")
    os.replace(temporary, output / STAMP)


def unchanged(root: Path, output: Path, request: dict[str, object]) -> tuple[int, list[str]] | None:
    """(files up to date, warnings to repeat) when nothing changed since the stamp; else None."""
    try:
        data = json.loads((output / STAMP).read_text(encoding="utf-8"))
        if not isinstance(data, dict) or data.get("request") != request:
            return None
        for relative, identity in data["outputs"].items():
            if _identity(output / relative) != identity:
                return None
    except (OSError, ValueError, KeyError, AttributeError, TypeError):
        return None
    now = inputs(root)
    if now["files"] != data.get("files") or now["versions"] != data.get("versions"):
        return None
    return int(data.get("count", 0)), [str(w) for w in data.get("warnings", [])]
