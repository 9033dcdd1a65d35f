"""The project's type, one family per script, from packages.

Latin, Cyrillic and Greek are set in Noto Serif (the Python package
fontpkg-noto-serif), Arabic in Amiri (fontpkg-amiri), Chinese in Noto Serif
CJK SC (Debian's fonts-noto-cjk). A language names its script in its
language.yaml (``script: Arab``); a new language in one of these scripts needs
no code. Found here without importing the renderer, for the build plan and the
web edition.

Noto Serif's package holds variable fonts, which the web edition serves as
they are. For PDFs, static instances (regular and bold of each style) are
made from them once per machine and kept in a cache: WeasyPrint turns a
variable font into a static one for every PDF it embeds it in, where
embedding a static font costs nothing but the subset (the figures are in
docs/performance.md). The glyphs are the same: the pages render to the same
pixels. The same folder holds Amiri's faces, copied, and the Simplified
Chinese faces taken out of Noto Serif CJK's collections, so that PDFs read
type from one folder.

    python -m editions.fonts     # make the folder now (scripts/setup does)
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from .cache import cache_root

FONT_PACKAGE = "fontpkg_noto_serif"
FONT_FAMILY = "Noto Serif"
WEIGHTS = (400, 700)        # the weights the templates use: normal and bold
RECIPE = "2"                # changes whenever the instances would come out different
DEBIAN_FONTS = Path("/usr/share/fonts/opentype/noto")   # Debian's fonts-noto-cjk


@dataclass(frozen=True)
class Family:
    """The type of the scripts it serves, and where its files come from.

    ``italic`` is False for scripts whose typography has no italics (Arabic,
    Chinese): emphasis and italic headings are set upright in the same face.
    ``latin_setting`` is False for scripts that are neither hyphenated nor
    letter-spaced (Arabic letters join; Chinese breaks between any two
    characters).
    """

    name: str
    scripts: tuple[str, ...]
    italic: bool
    latin_setting: bool
    package: str = ""          # a Python package with the files in files/
    installer: str = ""        # what installs them, for the message when they are missing

    def sources(self) -> list[Path]:
        return sorted(p for p in self.folder().glob("*") if p.suffix in (".ttf", ".otf", ".ttc"))

    def folder(self) -> Path:
        if not self.package:
            return DEBIAN_FONTS
        try:
            return Path(str(resources.files(self.package) / "files"))
        except ModuleNotFoundError:
            return Path("/nonexistent") / self.package


LATIN = Family(FONT_FAMILY, ("Latn", "Cyrl", "Grek"), True, True, FONT_PACKAGE, "pip install fontpkg-noto-serif")
FAMILIES = (
    LATIN,
    Family("Amiri", ("Arab",), False, False, "fontpkg_amiri", "pip install fontpkg-amiri"),
    Family("Noto Serif CJK SC", ("Hans",), False, False, installer="apt-get install fonts-noto-cjk"),
)
SCRIPTS = {script: family for family in FAMILIES for script in family.scripts}


@dataclass(frozen=True)
class Face:
    """One face of a family as PDFs embed it: a file of the static folder."""

    family: Family
    style: str
    weight: int
    source: Path
    target: str


def faces() -> list[Face]:
    """Every face PDFs may embed, by family; the sources each is made from."""
    found = []
    for family in FAMILIES:
        for source in family.sources():
            found += _faces_of(family, source)
    return found


def _faces_of(family: Family, source: Path) -> list[Face]:
    italic = "Italic" in source.name
    if italic and not family.italic:
        return []
    style = "italic" if italic else "normal"
    if "[" in source.name:      # variable: one instance per weight
        return [Face(family, style, weight, source, static_name(source, weight)) for weight in WEIGHTS]
    if source.suffix == ".ttc" and not source.name.startswith("NotoSerifCJK"):
        return []               # the sans collections of the same package
    weight = 700 if "Bold" in source.name else 400
    slug = family.name.replace(" ", "")
    return [Face(family, style, weight, source, f"{slug}-{'Italic-' if italic else ''}{weight}{_suffix(source)}")]


def _suffix(source: Path) -> str:
    return ".otf" if source.suffix == ".ttc" else source.suffix


def missing_families() -> list[Family]:
    """Families with no files on this machine."""
    return [family for family in FAMILIES if not family.sources()]


def font_folder() -> Path:
    """The Latin family's variable fonts."""
    return LATIN.folder()


def font_sources() -> list[Path]:
    """Every font file the PDFs' type is made from, for the build's fingerprints."""
    return sorted({face.source for face in faces()})


def static_name(source: Path, weight: int) -> str:
    """``NotoSerif[wdth,wght].ttf`` at 700 is ``NotoSerif-700.ttf``."""
    return f"{source.name.split('[')[0].removesuffix('.ttf')}-{weight}.ttf"


def face(path: Path) -> tuple[str, int]:
    """The CSS font-style and font-weight of a static face, from its name."""
    return ("italic" if "Italic" in path.name else "normal"), int(path.stem.rsplit("-", 1)[1])


_made_here: list[Path] = []     # instances made for this process alone, removed when it ends


def static_folder(jobs: int = 1) -> Path:
    """The folder of static instances for PDFs, made now if this machine has none yet.

    Kept under cache_root() (editions/cache.py), in a folder named by the
    variable fonts' bytes, fontTools' version and RECIPE, written whole and
    then renamed, so that builds running at once never see half of it. Where
    the cache cannot be written, the instances are made in a temporary folder
    for this process.
    """
    # Imported here: the build plan and the stamp of a build with nothing to do import this module.
    import atexit
    import hashlib
    import shutil
    import tempfile

    from .files import file_hash
    from .libraries import library_version

    wanted = faces()
    key = hashlib.sha256(RECIPE.encode())
    for source in font_sources():      # the plan hashes the same files for the PDFs' fingerprints: hashed once
        key.update(f"{source.name}\0{file_hash(source)}\0".encode())
    key.update(library_version("fonttools").encode())
    folder = cache_root() / f"static-fonts-{key.hexdigest()[:20]}"

    def complete(folder: Path) -> bool:
        return all((folder / f.target).is_file() for f in wanted)

    if complete(folder):
        return folder
    if _made_here:
        return _made_here[0]
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        scratch = Path(tempfile.mkdtemp(prefix=".making-", dir=folder.parent))
    except OSError as error:
        print(f"editions: cannot keep the static fonts in {folder.parent} ({error.strerror}); "
              "making them for this build only", file=sys.stderr)
        _made_here.append(Path(tempfile.mkdtemp(prefix="editions-fonts-")))
        atexit.register(shutil.rmtree, _made_here[0], True)
        _make(wanted, _made_here[0], jobs)
        return _made_here[0]
    print(f"editions: making static instances of {FONT_FAMILY} for PDFs in {folder} (once per machine)",
          file=sys.stderr)
    try:
        _make(wanted, scratch, jobs)
        try:
            scratch.rename(folder)
        except OSError:
            if not folder.is_dir():
                raise
            if not complete(folder):        # damaged by hand: set aside, then replaced
                damaged = folder.with_name(f".damaged-{os.getpid()}")
                folder.rename(damaged)
                shutil.rmtree(damaged, ignore_errors=True)
                scratch.rename(folder)
            # else another build made it first, with the same bytes
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return folder


def _make(wanted: list[Face], folder: Path, jobs: int) -> None:
    from concurrent.futures import ProcessPoolExecutor

    tasks = [(str(f.source), f.weight, str(folder / f.target)) for f in wanted]
    if jobs > 1:
        with ProcessPoolExecutor(min(jobs, len(tasks))) as pool:
            list(pool.map(instance, *zip(*tasks)))
    else:
        for task in tasks:
            instance(*task)


def instance(source: str, weight: int, target: str) -> None:
    """The face ``target`` from ``source``: a static instance of a variable font at ``weight``
    (every other axis at its default), the Simplified Chinese font of a collection, or a copy."""
    import shutil

    from fontTools.ttLib import TTCollection, TTFont

    if source.endswith(".ttc"):
        chosen = [f for f in TTCollection(source, lazy=True).fonts if " SC" in f["name"].getDebugName(1)]
        chosen[0].save(target)
        return
    if "[" not in Path(source).name:
        shutil.copyfile(source, target)
        return
    from fontTools.varLib.instancer import instantiateVariableFont

    font = TTFont(source, recalcTimestamp=False)    # the source's own date, not the clock's
    location = {axis.axisTag: axis.defaultValue for axis in font["fvar"].axes}
    instantiateVariableFont(font, {**location, "wght": weight}, inplace=True, static=True)
    font.save(target)


if __name__ == "__main__":
    print(static_folder(os.cpu_count() or 1))
