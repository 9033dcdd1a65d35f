"""Rendering an edition's HTML to PDF with WeasyPrint, strictly and reproducibly.

Imported only when a PDF is rendered: ``build.py check`` never loads
WeasyPrint. WeasyPrint logs problems (a missing font, an unreadable file)
and carries on; here every error or warning it logs fails the render. Its
resource fetching is confined to the project and the font package.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import os
import re
import warnings
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import weasyprint
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher

from ..fonts import FONT_FAMILY, SCRIPTS, faces, static_folder
from .linebreak import install as mend_line_breaking
from .notepage import install as keep_footnotes_with_calls
from .notepairs import install as pair_footnotes
from .unicodemap import install as mend_unicode_maps

mend_line_breaking()     # a run that fits but for its trailing space is not broken after its first word
mend_unicode_maps()      # a letter a font draws as several glyphs is copied once, right to left too
pair_footnotes()         # a bilingual edition's footnotes at the foot of the page in pairs, by number
keep_footnotes_with_calls()  # no line of text pushes a footnote off the page of its call

# Without Debian's libharfbuzz-subset0 WeasyPrint subsets fonts with fontTools
# and says so; the PDF is still complete and reproducible (SOURCE_DATE_EPOCH).
BENIGN = ("Using fontTools instead of HarfBuzz-Subset",)


# PDF/A-2u: archival, every glyph mapped to Unicode so text copies out as
# words; no attachments (PDF/A-3 would allow any). Tagged besides, though the
# "a" level is not claimed: WeasyPrint 70 cannot mark running headers as
# artifacts nor split elements at page breaks as the standard wants
# (docs/pdf-quality.md).
PDF_VARIANT = "pdf/a-2u"


def _display_title(document: object, pdf: object) -> None:
    """Show the document's title, not its file name, in the viewer's window."""
    import pydyf
    pdf.catalog["ViewerPreferences"] = pydyf.Dictionary({"DisplayDocTitle": "true"})  # type: ignore[attr-defined]  # pydyf ships no types


class RenderError(Exception):
    """What WeasyPrint reported while rendering, one message per problem."""

    def __init__(self, messages: Sequence[str]) -> None:
        self.messages = tuple(messages)
        super().__init__("\n".join(self.messages))


class ConfinedFetcher(URLFetcher):  # type: ignore[misc]  # WeasyPrint ships no type information
    """Fetches ``file:`` URLs inside the allowed folders only; nothing else."""

    def __init__(self, allowed: Sequence[Path]) -> None:
        super().__init__(allowed_protocols={"file"}, allow_redirects=False)
        self.allowed = tuple(p.resolve() for p in allowed)

    def fetch(self, url: str, headers: dict[str, str] | None = None) -> object:
        parts = urlsplit(url)
        if parts.scheme != "file":
            raise ValueError(f"refused {url}: only files of the project are read")
        path = Path(unquote(parts.path)).resolve()
        if not any(path.is_relative_to(folder) for folder in self.allowed):
            raise ValueError(f"refused {url}: outside the project")
        return super().fetch(path.as_uri(), headers)


def font_faces(fonts: Path) -> str:
    """@font-face rules for every family of the project, one per face in ``fonts`` (editions/fonts.py)."""
    rules = []
    for found in faces():
        path = fonts / found.target
        rules.append(
            f'@font-face {{ font-family: "{found.family.name}"; src: url("{path.as_uri()}"); '
            f"font-style: {found.style}; font-weight: {found.weight}; }}"
        )
    return "\n".join(rules)


@contextmanager
def _strict_logging() -> Iterator[list[str]]:
    messages: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            message = record.getMessage()
            if not message.startswith(BENIGN):
                messages.append(message)

    logger = logging.getLogger("weasyprint")
    handler = Collect(level=logging.WARNING)
    logger.addHandler(handler)
    try:
        yield messages
    finally:
        logger.removeHandler(handler)


@functools.cache
def font_config() -> FontConfiguration:
    """One font configuration per process, reused across documents."""
    return FontConfiguration()


CONTENTS_SHOWN = "nav.contents { display: block !important; }"


CHARACTERS_PER_PAGE = 3000    # A4 at 10.5 pt, measured on DSC/1: about 3,200


def _estimated_pages(html: str) -> int:
    """Pages the text will fill, roughly, so that long documents are laid out
    with their contents at once instead of twice."""
    body = html[html.find("<body"):]
    return len(re.sub(r"<[^>]+>|\s+", " ", body)) // CHARACTERS_PER_PAGE + 1


def _layout(document: weasyprint.HTML, stylesheets: list[weasyprint.CSS], contents: bool, options: dict[str, object],
            config: FontConfiguration, fetcher: ConfinedFetcher) -> Any:
    """One layout of the document, with its table of contents shown or not."""
    extra = [weasyprint.CSS(string=CONTENTS_SHOWN, font_config=config, url_fetcher=fetcher)] if contents else []
    return document.render(stylesheets=[*stylesheets, *extra], **options)


def render_pdf(html: str, root: Path, key: str, epoch: int, contents_after: int | None = None,
               fonts: Path | None = None, families: Sequence[str] = (FONT_FAMILY,)) -> bytes:
    """The PDF of ``html``; RenderError with what WeasyPrint reported.

    ``key`` names the edition (for the PDF identifier) and ``epoch`` is the
    content's date, used wherever the renderer would otherwise read the clock.
    A document longer than ``contents_after`` pages shows its table of contents
    (the template always carries it, hidden): estimated from the text's length
    first, checked on the layout, laid out again only when the estimate erred.
    The type comes from ``fonts``, by default the static instances of the
    font packages (editions/fonts.py). Text in any family but ``families``, the
    families of the edition's scripts, is an error.
    """
    fonts = fonts or static_folder()
    with _source_date(epoch):
        return _render(html, root, key, contents_after, fonts, tuple(families))


@contextmanager
def _source_date(epoch: int) -> Iterator[None]:
    """The content's date where the renderer and its font subsetter read the clock; the caller's environment restored."""
    saved = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
    try:
        yield
    finally:
        if saved is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = saved


def _render(html: str, root: Path, key: str, contents_after: int | None, fonts: Path, families: tuple[str, ...]) -> bytes:
    fetcher = ConfinedFetcher([root, fonts])
    config = font_config()
    with _strict_logging() as messages:
        document = weasyprint.HTML(string=html, base_url=str(root) + "/", url_fetcher=fetcher)
        stylesheets = [weasyprint.CSS(string=font_faces(fonts), font_config=config, url_fetcher=fetcher)]
        options = {
            "font_config": config,
            "pdf_identifier": hashlib.sha256(key.encode()).hexdigest()[:32].encode(),
            "pdf_variant": PDF_VARIANT,
            "pdf_tags": True,
        }
        contents = contents_after is not None and _estimated_pages(html) > contents_after
        rendered = _layout(document, stylesheets, contents, options, config, fetcher)
        if contents_after is not None and (len(rendered.pages) > contents_after) != contents:
            # The estimate was wrong: lay out once more (rare, near the threshold).
            rendered = _layout(document, stylesheets, not contents, options, config, fetcher)
        with warnings.catch_warnings():
            # WeasyPrint 70 opens its sRGB profile for the PDF/A output intent and never closes it.
            warnings.filterwarnings("ignore", message=r"unclosed file .*sRGB2014\.icc", category=ResourceWarning)
            pdf = rendered.write_pdf(finisher=_display_title, **{k: v for k, v in options.items() if k != "font_config"})
    # WeasyPrint reports a font file it cannot load once per process, then falls back silently.
    foreign = sorted({font.family for font in rendered.fonts.values()} - set(families))
    if foreign:
        messages.append(f"text set in {', '.join(foreign)}, not {' or '.join(families)}: its font files did not load, "
                        f"or the text has characters they lack{_install_hint(foreign)}")
    if messages:
        raise RenderError(messages)
    assert isinstance(pdf, bytes)
    return pdf


def _install_hint(foreign: Sequence[str]) -> str:
    """What installs a family of the project that the text fell back to."""
    hints = [f.installer for f in dict.fromkeys(SCRIPTS.values()) if f.name in foreign and f.installer]
    return f" (the fonts come from: {'; '.join(hints)}; scripts/setup installs them)" if hints else ""
