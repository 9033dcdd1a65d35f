"""The project's type: Noto Serif, from its Python package (fontpkg-noto-serif).

Found here without importing the renderer, for the build plan and the web
edition. The package holds variable fonts, which the web edition serves as
they are. For PDFs, static instances (regular and bold of each style) are
made from them once per machine and kept in a cache: WeasyPrint turns a
variable font into a static one for every PDF it embeds it in, where
embedding a static font costs nothing but the subset (the figures are in
docs/performance.md). The glyphs are the same: the pages render to the same
pixels.

    python -m editions.fonts     # make the instances now (scripts/setup does)
"""

from __future__ import annotations

import os
import sys
from importlib import resources
from pathlib import Path

from .cache import cache_root

FONT_PACKAGE = "fontpkg_noto_serif"
FONT_FAMILY = "Noto Serif"
WEIGHTS = (400, 700)        # the weights the templates use: normal and bold
RECIPE = "1"                # changes whenever the instances would come out different


def font_folder() -> Path:
    """The package's variable fonts."""
    return Path(str(resources.files(FONT_PACKAGE) / "files"))


def static_name(source: Path, weight: int) -> str:
    """``NotoSerif[wdth,wght].ttf`` at 700 is ``NotoSerif-700.ttf``."""
    return f"{source.name.split('[')[0].removesuffix('.ttf')}-{weight}.ttf"


def face(path: Path) -> tuple[str, int]:
    """The CSS font-style and font-weight of a static instance, from its name."""
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

    sources = sorted(font_folder().glob("*.ttf"))
    key = hashlib.sha256(RECIPE.encode())
    for source in sources:      # the plan hashes the same files for the PDFs' fingerprints: hashed once
        key.update(f"{source.name}\0{file_hash(source)}\0".encode())
    key.update(library_version("fonttools").encode())
    wanted = [(source, weight) for source in sources for weight in WEIGHTS]
    folder = cache_root() / f"static-fonts-{key.hexdigest()[:20]}"

    def complete(folder: Path) -> bool:
        return all((folder / static_name(s, w)).is_file() for s, w in wanted)

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


def _make(wanted: list[tuple[Path, int]], folder: Path, jobs: int) -> None:
    from concurrent.futures import ProcessPoolExecutor

    tasks = [(str(source), weight, str(folder / static_name(source, weight))) for source, weight in wanted]
    if jobs > 1:
        with ProcessPoolExecutor(min(jobs, len(tasks))) as pool:
            list(pool.map(instance, *zip(*tasks)))
    else:
        for task in tasks:
            instance(*task)


def instance(source: str, weight: int, target: str) -> None:
    """A static instance of the variable font ``source`` at ``weight``, every other axis at its default."""
    from fontTools.ttLib import TTFont
    from fontTools.varLib.instancer import instantiateVariableFont

    font = TTFont(source, recalcTimestamp=False)    # the source's own date, not the clock's
    location = {axis.axisTag: axis.defaultValue for axis in font["fvar"].axes}
    instantiateVariableFont(font, {**location, "wght": weight}, inplace=True, static=True)
    font.save(target)


if __name__ == "__main__":
    print(static_folder(os.cpu_count() or 1))
