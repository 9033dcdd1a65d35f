"""Every file a project's build can write, as one record each, named here and nowhere else.

An ``Output`` says where the file goes, what kind of edition it is, of which
document, in which languages, under which symbol, and which project files it
is made from. ``outputs`` lists them all for the current content; the plan,
the renderers, the index, the package and the command line ask this list
rather than derive a name again. Two outputs that would claim one path are a
problem before anything renders.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..errors import Problem, raise_if_any
from ..read.model import Selection

if TYPE_CHECKING:
    from ..read.model import Amendment, Document
    from ..read.project import Project

FORMATS = ("html", "pdf")
KINDS = ("edition", "bilingual", "corrigendum", "marked")
MEDIUM = {"html": "screen", "pdf": "print"}


@dataclass(frozen=True)
class Output:
    """One file the build can write under the output folder."""

    path: str                       # "es-en/dsc-1.pdf": its place under the output folder, and in a package
    kind: str                       # one of KINDS
    document: str                   # the document's name, "dsc-1"
    symbol: str                     # the symbol the file carries: "DSC/1", "DSC/1/Corr.1"
    languages: tuple[str, ...]      # one, or the two columns of a bilingual edition in order
    sources: tuple[str, ...]        # the project files it is made from, besides templates and the package
    amendment: str = ""             # the corrigendum's or the revision's symbol

    @property
    def format(self) -> str:
        return self.path.rsplit(".", 1)[1]

    @property
    def medium(self) -> str:
        """"screen" for HTML, "print" for the HTML a PDF is made from."""
        return MEDIUM[self.format]

    @property
    def base(self) -> str:
        """The path without its format: the HTML and the PDF of one edition share it."""
        return self.path.rsplit(".", 1)[0]

    @property
    def is_pdf(self) -> bool:
        return self.format == "pdf"


def outputs(project: Project) -> list[Output]:
    """Every output of the project's current content, in every format, sorted by path."""
    from ..read.model import version_symbol

    found: list[Output] = []
    for name, by_language in sorted(project.documents.items()):
        for code, doc in sorted(by_language.items()):
            found += _language_outputs(doc, _sources(doc))
        for pair in column_order(by_language):
            docs = [by_language[code] for code in pair]
            sources = tuple(path for doc in docs for path in _sources(doc))
            found += _formats(output_name(pair, name), "bilingual", docs[0], version_symbol(docs[0].meta), pair, sources)
    _refuse_collisions(found)
    return sorted(found, key=lambda output: output.path)


def selected(found: list[Output], selection: Selection, formats: frozenset[str], marked: bool) -> list[Output]:
    """The outputs a build renders: the selection's documents, languages and formats; marked editions on request."""
    return [
        output for output in found
        if (not selection.documents or output.document in selection.documents)
        and (not selection.languages or set(output.languages) <= selection.languages)
        and output.format in formats and (output.kind == "marked") == marked
    ]


def _language_outputs(doc: Document, sources: tuple[str, ...]) -> list[Output]:
    from ..read.amendments import concerned, snapshot_relative, versions
    from ..read.model import version_symbol

    base, code = f"{doc.language}/{doc.name}", (doc.language,)
    found = _formats(base, "edition", doc, version_symbol(doc.meta), code, sources)
    snapshots = tuple(snapshot_relative(doc.name, symbol, doc.language) for symbol in versions(doc))
    amendments = [a for a in doc.meta.amendments if concerned(doc, a)]
    for amendment in (a for a in amendments if a.kind == "corrigendum"):
        found += _formats(f"{base}-{amendment.slug}", "corrigendum", doc, amendment.symbol, code,
                          (*sources, *snapshots), amendment)
    revisions = [a for a in amendments if a.kind == "revision"]
    if revisions:   # only the latest revision has a marked edition
        found += _formats(f"{base}-{revisions[-1].slug}-marked", "marked", doc, revisions[-1].symbol, code,
                          (*sources, *snapshots), revisions[-1])
    return found


def _formats(base: str, kind: str, doc: Document, symbol: str, languages: tuple[str, ...],
             sources: tuple[str, ...], amendment: Amendment | None = None) -> list[Output]:
    return [Output(f"{base}.{fmt}", kind, doc.name, symbol, tuple(languages), sources,
                   amendment.symbol if amendment else "")
            for fmt in FORMATS]


def _sources(doc: Document) -> tuple[str, ...]:
    """The project files an edition of ``doc`` is made from: its content file, its language's settings and catalog."""
    from ..read.languages import catalog_relative

    return (doc.where.path, f"content/{doc.language}/language.yaml", catalog_relative(doc.language))


def column_order(docs: dict[str, Document]) -> list[tuple[str, str]]:
    """The bilingual editions of a document, as (first column, second column).

    ``bilingual`` in the metadata lists the pairs, each in its order (``ar-en``, ``zh-es``);
    ``columns`` fixes one pair; otherwise the original language comes first, paired with
    each other language.
    """
    any_doc = next(iter(docs.values()))
    if any_doc.meta.bilingual:
        return list(any_doc.meta.pairs)
    if any_doc.meta.columns:
        first, second = any_doc.meta.columns
        return [(first, second)]
    original = any_doc.meta.original
    return [(original, code) for code in sorted(docs) if code != original]


def output_name(pair: tuple[str, str], name: str) -> str:
    """``es-en/dsc-1``: the folder names the languages in column order."""
    return f"{pair[0]}-{pair[1]}/{name}"


def _refuse_collisions(found: list[Output]) -> None:
    """No two outputs may claim one path: a document named ``dsc-1-corr1`` beside DSC/1's corrigendum."""
    first: dict[str, Output] = {}
    problems = []
    for output in found:
        other = first.setdefault(output.path, output)
        if other is not output:
            problems.append(Problem(output.sources[0], 1, f"its {output.kind} would be written to output/{output.path}, "
                                    f"where the {other.kind} of {other.sources[0]} goes: rename one of the documents"))
    raise_if_any(problems)
