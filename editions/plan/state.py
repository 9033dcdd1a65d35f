"""The incremental build's one state: what the last build read and wrote, in ``output/.state.json``.

It holds every input the build reads (each file under content/, kinds/, templates/,
locales/ and published/, the package's own source and the font files), each
with its stamp (size, modification time, change time, inode: the change time
moves on every write and cannot be set back) and its hash; the libraries'
versions; each output written, with its fingerprint (the hashes of what it is
made from) and the stamp and hash of its file; and the last request with the
warnings it printed. A build compares stamps first and hashes only the files
whose stamp moved (the idea of Pelican's FileStampDataCacher); when no stamp
moved and the request is the same, nothing can need rendering and it says so
without loading anything. The state is written with the outputs, renamed
last, under the build lock: a build killed before that leaves the old state,
and the next build renders again whatever it no longer vouches for.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..files import data_hash, file_hash
from ..libraries import LIBRARIES, PDF_LIBRARIES, versions

STATE = ".state.json"
FORMAT = 1
FOLDERS = ("content", "kinds", "schemes", "numerals", "templates", "locales", "published")
Stamp = list[int]


def stamp(path: Path) -> Stamp:
    """A file's identity; a dangling link's is its own (it still counts as there)."""
    status = os.stat(path) if os.path.exists(path) else os.lstat(path)
    return [status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino]


def input_files(root: Path) -> dict[str, Path]:
    """Every file a build may read, by the name fingerprints and messages give it."""
    from ..fonts import font_sources

    found: dict[str, Path] = {}
    for folder in FOLDERS:
        seen: set[str] = set()
        # Symbolic links are followed as the build follows them when it reads (a language folder
        # linked from elsewhere in the project is watched too); each real folder once, so a loop ends.
        for where, folders, names in os.walk(root / folder, followlinks=True):
            real = os.path.realpath(where)
            if real in seen:
                folders.clear()
                continue
            seen.add(real)
            folders.sort()
            for name in sorted(names):
                path = Path(where, name)
                found[path.relative_to(root).as_posix()] = path
    package = Path(__file__).parents[1]
    for path in sorted(package.rglob("*.py")):
        found[f"editions/{path.relative_to(package).as_posix()}"] = path
    for path in font_sources():
        found[f"font {path.name}"] = path
    return found


@dataclass(frozen=True)
class Recorded:
    """One output as the last build wrote it."""

    key: str
    sha256: str
    inputs: dict[str, str]
    stamp: Stamp


@dataclass
class State:
    """What the last build read and wrote; updated by this build and written with its outputs."""

    inputs: dict[str, tuple[Stamp, str]] = field(default_factory=dict)   # name -> (stamp, hash)
    versions: dict[str, str] = field(default_factory=dict)
    outputs: dict[str, Recorded] = field(default_factory=dict)
    site: dict[str, Stamp] = field(default_factory=dict)                 # the index and fonts, by path
    request: dict[str, object] = field(default_factory=dict)
    answered: list[str] = field(default_factory=list)                    # the outputs the request covered
    warnings: list[str] = field(default_factory=list)

    @classmethod
    def read(cls, output: Path) -> State:
        """The last build's state; an empty one when there is none or it cannot be read."""
        try:
            data = json.loads((output / STATE).read_text(encoding="utf-8"))
            if data.get("format") != FORMAT:
                return cls()
            return cls(
                {name: (entry[0], entry[1]) for name, entry in data["inputs"].items()}, data["versions"],
                {path: Recorded(**entry) for path, entry in data["outputs"].items()}, data["site"],
                data["request"], data["answered"], data["warnings"])
        except (OSError, ValueError, KeyError, TypeError, AttributeError, IndexError):
            return cls()

    def text(self) -> bytes:
        data = {"format": FORMAT, "inputs": {name: list(entry) for name, entry in sorted(self.inputs.items())},
                "versions": self.versions, "outputs": {path: vars(entry) for path, entry in sorted(self.outputs.items())},
                "site": self.site, "request": self.request, "answered": self.answered, "warnings": self.warnings}
        return (json.dumps(data, ensure_ascii=False, indent=0) + "\n").encode()

    def unchanged(self, root: Path, output: Path, request: dict[str, object]) -> bool:
        """Whether the last build answered this very request and not one stamp has moved since."""
        if request != self.request or versions() != self.versions:
            return False
        try:
            if any(stamp(output / path) != self.outputs[path].stamp for path in self.answered):
                return False
            if any(stamp(output / path) != known for path, known in self.site.items()):
                return False
        except (OSError, KeyError):
            return False
        now = input_files(root)
        return now.keys() == self.inputs.keys() and all(stamp(now[name]) == self.inputs[name][0] for name in now)

    def hashes(self, root: Path) -> dict[str, str]:
        """Every input's hash, taken from the last state where its stamp has not moved; recorded for the next build."""
        found: dict[str, tuple[Stamp, str]] = {}
        for name, path in input_files(root).items():
            now = stamp(path)
            known = self.inputs.get(name)
            digest = file_hash(path) if path.is_file() else "not a file"      # a dangling link, a folder's name
            found[name] = (now, known[1] if known and known[0] == now else digest)
        self.inputs, self.versions = found, versions()
        return {name: digest for name, (_, digest) in found.items()}


def fingerprint(hashes: dict[str, str], sources: Iterable[str], pdf: bool, options: dict[str, str]) -> dict[str, str]:
    """Everything an output is made from: its sources, the kinds, the schemes and numeral systems (any may be a document's), the
    templates, the package, the libraries, its options."""
    names = [*sources, *(n for n in hashes if n.startswith(("kinds/", "schemes/", "numerals/", "templates/", "editions/"))
                         or (pdf and n.startswith("font ")))]
    found = {name: hashes[name] for name in names if name in hashes}
    found |= {f"library {name}": version for name, version in versions().items()
              if name in LIBRARIES or (pdf and name in PDF_LIBRARIES)}
    found |= {f"option {name}": value for name, value in options.items()}
    return dict(sorted(found.items()))


def key(inputs: dict[str, str]) -> str:
    return data_hash(json.dumps(sorted(inputs.items())).encode())


def reason(path: str, inputs: dict[str, str], state: State, output: Path, force: bool) -> str:
    """Why the output at ``path`` must be rendered; "" when the last build's file still stands for it."""
    recorded = state.outputs.get(path)
    if force:
        return "--force"
    if recorded is None:
        return "new"
    if not (output / path).is_file():
        return "file missing"
    if recorded.key != key(inputs):
        changed = sorted(name for name in recorded.inputs.keys() | inputs.keys() if recorded.inputs.get(name) != inputs.get(name))
        return "changed: " + ", ".join(changed[:4]) + (f" and {len(changed) - 4} more" if len(changed) > 4 else "")
    if stamp(output / path) != recorded.stamp and file_hash(output / path) != recorded.sha256:
        return "file altered since the last build"
    return ""
