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

from .amendments import amendment_texts, concerned, snapshot_path, versions
from .bilingual import LAYOUT, column_order, output_name, render_bilingual
from .corrigendum import render_corrigendum
from .html import environment, render_html
from .localise import catalog_path
from .marked import marked_document
from .model import Document, version_symbol
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


def jobs(project: Project, selection: Selection, formats: frozenset[str], marked: bool = False) -> list[Job]:
    """Every output the selection asks for, unrendered (marked editions of revisions on request)."""
    envs = Environments(project)
    if marked:
        return [job for doc in project.editions(selection) for job in _marked(project, envs, doc, formats)]
    found = [job for doc in project.editions(selection) for job in _edition(project, envs, doc, formats)]
    found += [job for doc in project.editions(selection) for job in _corrigenda(project, envs, doc, formats)]
    for docs in _bilingual_selection(project, selection):
        found += list(_bilingual(project, envs, docs, formats))
    return found


def _corrigenda(project: Project, envs: Environments, doc: Document, formats: frozenset[str]) -> Iterator[Job]:
    language = project.languages[doc.language]
    for amendment in doc.meta.amendments:
        if amendment.kind != "corrigendum" or not concerned(doc, amendment):
            continue
        snapshots = [snapshot_path(project.root, doc.name, symbol, doc.language) for symbol in versions(doc)]
        for fmt in FORMATS:
            if fmt in formats:
                medium = "screen" if fmt == "html" else "print"
                yield Job(target(f"{doc.language}/{doc.name}-{amendment.slug}.{fmt}", project.root,
                                 [*sources(project.root, [doc]), *snapshots], {"medium": medium, "amendment": amendment.symbol}),
                          doc, lambda medium=medium, amendment=amendment: render_corrigendum(
                              envs[doc.language], doc, amendment_texts(project.root, doc, language, amendment),
                              project.languages, medium))


def _marked(project: Project, envs: Environments, doc: Document, formats: frozenset[str]) -> Iterator[Job]:
    """The marked edition of the latest revision concerning ``doc``'s language."""
    revisions = [a for a in doc.meta.amendments if a.kind == "revision" and concerned(doc, a)]
    if not revisions:
        return
    revision = revisions[-1]
    language = project.languages[doc.language]
    others = sorted(set(project.documents[doc.name]) - {doc.language})
    snapshots = [snapshot_path(project.root, doc.name, symbol, doc.language) for symbol in versions(doc)]

    def html(medium: str) -> str:
        texts = amendment_texts(project.root, doc, language, revision)
        return render_html(envs[doc.language], marked_document(texts, language), project.languages, others, medium,
                           marked_since=version_symbol(texts.before.meta))

    for fmt in FORMATS:
        if fmt in formats:
            medium = "screen" if fmt == "html" else "print"
            yield Job(target(f"{doc.language}/{doc.name}-{revision.slug}-marked.{fmt}", project.root,
                             [*sources(project.root, [doc]), *snapshots], {"medium": medium, "marked": revision.symbol}),
                      doc, lambda medium=medium: html(medium))


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
