"""The web edition around the editions: ``output/index.html`` and the fonts.

The index lists every document with all its editions present in the output
folder, in each language of the project (each section in its own language,
through that language's catalog): HTML, PDF with its pages and size,
bilingual editions, corrigenda and marked editions. The fonts are copied
into ``output/fonts/`` so that the screen editions need nothing from
outside ``output/``. Both are rendered with the editions, before anything is
written, from what the folder will hold once the build's files are in place.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from babel.numbers import format_decimal
from markupsafe import Markup

from ..fonts import FAMILIES, font_folder, static_folder
from ..plan.outputs import Output
from ..read.project import Project
from .html import environment, render_template, template_errors
from .pdfinfo import page_count
from .scripts import type_rules

FONTS = {"noto-serif.ttf": "NotoSerif[wdth,wght].ttf", "noto-serif-italic.ttf": "NotoSerif-Italic[wdth,wght].ttf"}
# The other scripts' faces, shipped when a language of the project is in that script
# (templates/fonts.css names them): from the static folder, where PDFs take them too.
SCRIPT_FONTS = {
    "Amiri": {"amiri.ttf": "Amiri-400.ttf", "amiri-bold.ttf": "Amiri-700.ttf"},
    "Noto Serif CJK SC": {"noto-serif-sc.otf": "NotoSerifCJKSC-400.otf", "noto-serif-sc-bold.otf": "NotoSerifCJKSC-700.otf"},
}
SITE_FILES = ("index.html", *(f"fonts/{name}" for name in [*FONTS, *(n for f in SCRIPT_FONTS.values() for n in f)]))


@dataclass(frozen=True)
class Listed:
    """One file of an edition, as the index shows it."""

    output: Output
    href: str
    pages: int
    size: int


@dataclass(frozen=True)
class Entry:
    """An edition in its formats: the HTML and the PDF, when present."""

    kind: str
    languages: tuple[str, ...]
    symbol: str
    html: Listed | None
    pdf: Listed | None


def site_files(project: Project, outputs: list[Output], folder: Path, rendered: dict[str, bytes]) -> dict[str, bytes]:
    """The index and the fonts, by path under the output folder, for the files it will hold
    once ``rendered`` is written beside what it holds now."""
    files = {f"fonts/{name}": (font_folder() / source).read_bytes() for name, source in FONTS.items()}
    files.update(_script_fonts(project))
    files["index.html"] = _index(project, _entries(outputs, folder, rendered)).encode()
    return files


def _script_fonts(project: Project) -> dict[str, bytes]:
    """The faces of the project's scripts other than Latin, for its screen editions."""
    used = {family.name for family in FAMILIES if any(s in family.scripts for s in
                                                      (language.script for language in project.languages.values()))}
    wanted = {name: source for family, named in SCRIPT_FONTS.items() if family in used for name, source in named.items()}
    folder = static_folder() if wanted else Path()
    return {f"fonts/{name}": (folder / source).read_bytes() for name, source in wanted.items()}


def _entries(outputs: list[Output], folder: Path, rendered: dict[str, bytes]) -> dict[str, list[Entry]]:
    """Each document's editions present, in the outputs' order."""
    found: dict[tuple[str, str], dict[str, Listed]] = {}
    for output in outputs:
        data = rendered.get(output.path)
        if data is None and (folder / output.path).is_file():
            data = (folder / output.path).read_bytes()
        if data is not None:
            found.setdefault((output.document, output.base), {})[output.format] = _listed(output, data)
    by_document: dict[str, list[Entry]] = {}
    for (document, _), formats in found.items():
        first = next(iter(formats.values())).output
        by_document.setdefault(document, []).append(
            Entry(first.kind, first.languages, first.symbol, formats.get("html"), formats.get("pdf")))
    return by_document


def _index(project: Project, entries: dict[str, list[Entry]]) -> str:
    sections, titles = [], []
    for code, language in sorted(project.languages.items()):
        env = environment(project.root, language)
        with template_errors("index.html"):
            titles.append(env.from_string('{{ _("Official documents") }}').render())
        sections.append(Markup(render_template(env, "index-section.html", {
            "language": language, "languages": project.languages, "documents": project.documents, "entries": entries,
            "size": lambda n, locale=language.locale: format_decimal(max(1, round(n / 1024)), locale=locale) + " KB",
        })))
    first = sorted(project.languages)[0]
    return render_template(environment(project.root, project.languages[first]), "index.html", {
        "sections": sections, "languages": sorted(project.languages), "fonts_path": "fonts/", "medium": "screen",
        "type_rules": type_rules(project.languages.values()),
        "title": " · ".join(dict.fromkeys(titles))})


def _listed(output: Output, data: bytes) -> Listed:
    return Listed(output, output.path, page_count(data) if output.is_pdf else 0, len(data))
