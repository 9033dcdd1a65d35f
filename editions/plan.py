"""The incremental build: what each output depends on, and what must be rendered.

Every output has a fingerprint: the hashes of the files it is made from (its
content files, language settings, catalogs, templates, fonts, the package's
own source), the versions of the libraries that render it, and the options
that shape it. The fingerprints of the last build are kept in
``output/.manifest.json`` with the hash of each file written; an output is
rendered again only when its fingerprint changed, its file is missing or was
altered, or ``--force`` is given.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .fonts import font_folder

MANIFEST = ".manifest.json"
LIBRARIES = ("jinja2", "babel", "pyyaml", "markupsafe")
PDF_LIBRARIES = ("weasyprint", "pydyf", "fontpkg-noto-serif", "fonttools")   # fontTools makes the static fonts


@dataclass(frozen=True)
class Target:
    """An output the build may write, and the inputs it is made from."""

    relative: str                    # e.g. "es/dsc-1.pdf"
    inputs: tuple[tuple[str, str], ...]   # (name, hash), sorted

    @property
    def key(self) -> str:
        return _hash(json.dumps(self.inputs).encode())


def file_hash(path: Path) -> str:
    return _file_hash(path, path.stat().st_mtime_ns, path.stat().st_size)


@functools.cache
def _file_hash(path: Path, mtime: int, size: int) -> str:
    return _hash(path.read_bytes())


def _hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:20]


def files(root: Path, paths: Iterable[Path]) -> list[tuple[str, str]]:
    """(path shown from the root, hash) of each existing file."""
    return [(p.relative_to(root).as_posix(), file_hash(p)) for p in sorted(set(paths)) if p.is_file()]


@functools.cache
def package_inputs() -> tuple[tuple[str, str], ...]:
    """The package's own source and the libraries' versions: a new release re-renders."""
    source = Path(__file__).parent
    found = [(f"editions/{p.name}", file_hash(p)) for p in sorted(source.glob("*.py"))]
    return tuple(found + [(f"library {name}", library_version(name)) for name in LIBRARIES])


@functools.cache
def pdf_inputs() -> tuple[tuple[str, str], ...]:
    """What only PDFs depend on: the renderer's versions and the font files."""
    found = [(f"font {p.name}", file_hash(p)) for p in sorted(font_folder().glob("*.ttf"))]
    return tuple(found + [(f"library {name}", library_version(name)) for name in PDF_LIBRARIES])


def library_version(name: str) -> str:
    """The installed version of the distribution ``name``, or "absent"."""
    found = _installed().get(_normal(name))
    if found:
        return found
    from importlib import metadata  # an egg-info or other older installation

    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "absent"


@functools.cache
def _installed() -> dict[str, str]:
    """Versions from the names of the ``.dist-info`` folders on sys.path, first found first, as
    importlib.metadata finds them, without importing it: 30 ms of a build with nothing to do."""
    found: dict[str, str] = {}
    for folder in sys.path:
        try:
            names = os.listdir(folder or ".")
        except OSError:
            continue
        for entry in names:
            if entry.endswith(".dist-info"):
                project, _, version = entry.removesuffix(".dist-info").partition("-")
                found.setdefault(_normal(project), version)
    return found


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def target(relative: str, root: Path, sources: Iterable[Path], options: dict[str, str]) -> Target:
    """The target for ``relative``, made from ``sources`` (besides templates and package)."""
    inputs = files(root, [*sources, *(root / "templates").glob("*")])
    inputs += list(package_inputs())
    if relative.endswith(".pdf"):
        inputs += list(pdf_inputs())
    inputs += [(f"option {name}", value) for name, value in sorted(options.items())]
    return Target(relative, tuple(sorted(inputs)))


@dataclass(frozen=True)
class Decision:
    target: Target
    reason: str          # why it is rendered; "" when up to date


def decide(targets: Iterable[Target], output: Path, force: bool) -> list[Decision]:
    """For each target, whether and why it must be rendered."""
    manifest = read_manifest(output)
    return [Decision(t, _reason(t, manifest.get(t.relative), output, force)) for t in targets]


def _reason(target: Target, recorded: dict | None, output: Path, force: bool) -> str:  # type: ignore[type-arg]
    path = output / target.relative
    if force:
        return "--force"
    if recorded is None:
        return "new"
    if not path.is_file():
        return "file missing"
    if recorded.get("key") != target.key:
        before = dict(map(tuple, recorded.get("inputs", [])))
        now = dict(target.inputs)
        changed = sorted(name for name in before.keys() | now.keys() if before.get(name) != now.get(name))
        return "changed: " + ", ".join(changed[:4]) + (f" and {len(changed) - 4} more" if len(changed) > 4 else "")
    if file_hash(path) != recorded.get("sha256"):
        return "file altered since the last build"
    return ""


def read_manifest(output: Path) -> dict[str, dict]:  # type: ignore[type-arg]
    try:
        data = json.loads((output / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data.get("outputs", {}) if isinstance(data, dict) else {}


def manifest_text(output: Path, written: dict[str, tuple[Target, bytes]]) -> str:
    """The manifest after this build: earlier entries, updated with what was written."""
    entries = read_manifest(output)
    for relative, (t, data) in written.items():
        entries[relative] = {"key": t.key, "sha256": _hash(data), "inputs": [list(i) for i in t.inputs]}
    return json.dumps({"outputs": dict(sorted(entries.items()))}, indent=1, ensure_ascii=False) + "\n"
