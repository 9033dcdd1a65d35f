"""The project's type: Noto Serif, from its Python package (fontpkg-noto-serif).

Found here without importing the renderer, for the build plan and the web
edition; editions/pdf.py embeds it in every PDF.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

FONT_PACKAGE = "fontpkg_noto_serif"
FONT_FAMILY = "Noto Serif"


def font_folder() -> Path:
    return Path(str(resources.files(FONT_PACKAGE) / "files"))
