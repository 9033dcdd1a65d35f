"""The outputs of a project: every edition, what it is made from, how to render it.

Each Job names one file under the output folder, the edition it comes from,
its Target (inputs and options, for the incremental build) and a function
that renders its HTML — the screen HTML itself, or the print HTML that
becomes a PDF.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import jinja2

from .bilingual import LAYOUT, column_order, output_name, render_bilingual
from .html import environment, render_html
from .localise import catalog_path
from .model import Document
from .plan import Target, target
from .project import Project, Selection

FORMATS = ("html", "pdf")


@dataclass(frozen=True)
class Job:
    target: Target
    doc: Document                   # where problems are reported; its date dates the PDF
    html: Callable[[], str]         # screen HTML, or print HTML for a PDF

    @property
    def relative(self) -> str:
        return self.target.relative

    @property
    def is_pdf(self) -> bool:
        return self.relative.endswith(".pdf")


class Environments(dict[str, jinja2.Environment]):
    """One Jinja environment per language, made when first needed."""

    def __init__(self, project: Project) -> None:
        super().__init__()
        self.project = project

    def __missing__(self, code: str) -> jinja2.Environment:
        self[code] = environment(self.project.root, self.project.languages[code])
        return self[code]


def jobs(project: Project, selection: Selection, formats: frozenset[str]) -> list[Job]:
    """Every output the selection asks for, unrendered."""
    envs = Environments(project)
    found = [job for doc in project.editions(selection) for job in _edition(project, envs, doc, formats)]
    for docs in _bilingual_selection(project, selection):
        found += list(_bilingual(project, envs, docs, formats))
    return found


def sources(root: Path, docs: list[Document]) -> list[Path]:
    """The files of the project an edition of ``docs`` is made from."""
    paths = []
    for doc in docs:
        folder = root / "content" / doc.language
        paths += [folder / f"{doc.name}.yaml", folder / "language.yaml", catalog_path(root, doc.language)]
    return paths


def _edition(project: Project, envs: Environments, doc: Document, formats: frozenset[str]) -> Iterator[Job]:
    others = sorted(set(project.documents[doc.name]) - {doc.language})
    base = f"{doc.language}/{doc.name}"
    for fmt in FORMATS:
        if fmt in formats:
            medium = "screen" if fmt == "html" else "print"
            options = {"medium": medium, "languages": ",".join(sorted(project.documents[doc.name]))}
            yield Job(target(f"{base}.{fmt}", project.root, sources(project.root, [doc]), options), doc,
                      lambda medium=medium: render_html(envs[doc.language], doc, project.languages, others, medium))


def _bilingual(project: Project, envs: Environments, docs: list[Document], formats: frozenset[str]) -> Iterator[Job]:
    base = output_name((docs[0].language, docs[1].language), docs[0].name)
    for fmt in FORMATS:
        if fmt in formats:
            medium = "screen" if fmt == "html" else "print"
            yield Job(target(f"{base}.{fmt}", project.root, sources(project.root, docs), {"medium": medium, "layout": LAYOUT}),
                      docs[0], lambda medium=medium: render_bilingual(envs, docs, project.languages, medium))


def _bilingual_selection(project: Project, selection: Selection) -> list[list[Document]]:
    """The bilingual editions whose document and both languages are selected."""
    chosen = []
    for name, by_language in sorted(project.documents.items()):
        if selection.documents and name not in selection.documents:
            continue
        for pair in column_order(by_language):
            if not selection.languages or set(pair) <= selection.languages:
                chosen.append([by_language[code] for code in pair])
    return chosen
