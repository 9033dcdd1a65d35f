"""The HTML of each output: the screen edition itself, or the print HTML a PDF is made from.

One function per kind of output (editions/plan/outputs.py), each handing its
template's work to the renderer of that kind; the Jinja environments, one per
language, are made when a language is first needed.
"""

from __future__ import annotations

import jinja2

from ..plan.outputs import Output
from ..read.amendments import amendment_texts
from ..read.model import Amendment, Document, version_symbol
from ..read.project import Project
from .bilingual import LAYOUT, render_bilingual
from .corrigendum import render_corrigendum
from .html import catalog, compile_templates, environment, render_html
from .marked import marked_document


class Environments(dict[str, jinja2.Environment]):
    """One Jinja environment per language, made when first needed; every template compiled
    with the first, so that a broken template fails any build that renders, used or not."""

    def __init__(self, project: Project) -> None:
        super().__init__()
        self.project = project

    def __missing__(self, code: str) -> jinja2.Environment:
        env = environment(self.project.root, self.project.languages[code])
        if not self:
            compile_templates(env)
        self[code] = env
        return env


def page(output: Output, project: Project, envs: Environments) -> str:
    """The HTML ``output`` is, or is printed from."""
    docs = [project.documents[output.document][code] for code in output.languages]
    if output.kind == "bilingual":
        return render_bilingual(envs, docs, project.languages, output.medium)
    doc = docs[0]
    if output.kind == "corrigendum":
        texts = amendment_texts(project.root, doc, project.languages[doc.language], _amendment(doc, output.amendment))
        return render_corrigendum(envs[doc.language], doc, texts, project.languages, output.medium)
    others = sorted(set(project.documents[doc.name]) - {doc.language})
    if output.kind == "marked":
        language = project.languages[doc.language]
        texts = amendment_texts(project.root, doc, language, _amendment(doc, output.amendment))
        marked = marked_document(texts, language, catalog(envs[doc.language]))
        return render_html(envs[doc.language], marked, project.languages, others,
                           output.medium, marked_since=version_symbol(texts.before.meta))
    return render_html(envs[doc.language], doc, project.languages, others, output.medium)


def options(output: Output, project: Project) -> dict[str, str]:
    """What shapes an output besides its files, for its fingerprint."""
    found = {"medium": output.medium}
    if output.kind == "edition":
        found["languages"] = ",".join(sorted(project.documents[output.document]))
    elif output.kind == "bilingual":
        found["layout"] = LAYOUT
    elif output.kind == "corrigendum":
        found["amendment"] = output.amendment
    else:
        found["marked"] = output.amendment
    return found


def _amendment(doc: Document, symbol: str) -> Amendment:
    return next(a for a in doc.meta.amendments if a.symbol == symbol)
