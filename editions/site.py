"""The web edition around the editions: ``output/index.html`` and the fonts.

The index lists every document with all its editions present in the output
folder, in each language of the project (each section in its own language,
through that language's catalog): HTML, PDF with its pages and size,
bilingual editions, corrigenda and marked editions. The fonts are copied
into ``output/fonts/`` so that the screen editions need nothing from
outside ``output/``. Both are regenerated at the end of every build from the
files on disk, so they always describe what is there.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from babel.numbers import format_decimal
from markupsafe import Markup

from .fonts import font_folder
from .html import environment
from .package import Edition, editions, page_count
from .project import Project

FONTS = {"noto-serif.ttf": "NotoSerif[wdth,wght].ttf", "noto-serif-italic.ttf": "NotoSerif-Italic[wdth,wght].ttf"}
SITE_FILES = ("index.html", *(f"fonts/{name}" for name in FONTS))


@dataclass(frozen=True)
class Listed:
    """One edition on disk, as the index shows it."""

    edition: Edition
    href: str
    pages: int
    size: int


def site_files(project: Project, output: Path) -> dict[str, bytes]:
    """The index and the fonts, by path under the output folder."""
    files = {name: (font_folder() / source).read_bytes() for name, source in FONTS.items()}
    files = {f"fonts/{name}": data for name, data in files.items()}
    files["index.html"] = _index(project, output).encode()
    return files


@dataclass(frozen=True)
class Entry:
    """An edition in its formats: the HTML and the PDF, when present."""

    kind: str
    languages: tuple[str, ...]
    symbol: str
    html: Listed | None
    pdf: Listed | None


def _entries(project: Project, output: Path) -> dict[str, list[Entry]]:
    """Each document's editions present on disk, in the package's order."""
    found: dict[tuple[str, str], dict[str, Listed]] = {}
    for edition in editions(project):
        if (output / edition.relative).is_file():
            base = edition.relative.rsplit(".", 1)[0]
            found.setdefault((edition.document, base), {})[edition.format] = _listed(edition, output)
    by_document: dict[str, list[Entry]] = {}
    for (document, _), formats in found.items():
        any_format = next(iter(formats.values())).edition
        by_document.setdefault(document, []).append(
            Entry(any_format.kind, any_format.languages, any_format.symbol, formats.get("html"), formats.get("pdf")))
    return by_document


def _index(project: Project, output: Path) -> str:
    entries = _entries(project, output)
    sections, titles = [], []
    for code, language in sorted(project.languages.items()):
        env = environment(project.root, language)
        titles.append(env.from_string('{{ _("Official documents") }}').render())
        template = env.get_template("index-section.html")
        sections.append(Markup(template.render(
            language=language, languages=project.languages, documents=project.documents, entries=entries,
            size=lambda n, locale=language.locale: format_decimal(max(1, round(n / 1024)), locale=locale) + " KB",
        )))
    first = sorted(project.languages)[0]
    return environment(project.root, project.languages[first]).get_template("index.html").render(
        sections=sections, languages=sorted(project.languages), fonts_path="fonts/", medium="screen",
        title=" · ".join(dict.fromkeys(titles)))


def _listed(edition: Edition, output: Path) -> Listed:
    data = (output / edition.relative).read_bytes()
    pages = page_count(data) if edition.relative.endswith(".pdf") else 0
    return Listed(edition, edition.relative, pages, len(data))
