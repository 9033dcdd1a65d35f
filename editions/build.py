"""The build, top to bottom: gather, check, plan, render in memory, write once, record.

``build`` is what ``python build.py`` runs, and what a library caller gets:
every input is gathered and every check run (numbering, amendments,
translations behind) before anything is planned; every stale output, the
index and the fonts are rendered in memory; only then is anything under the
output folder touched, all of it staged and renamed into place, and the
state that vouches for it (editions/plan/state.py) renamed last. A build that
fails at any point leaves the output folder as it was.
"""

from __future__ import annotations

import calendar
import datetime
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import EXIT_RENDER, EXIT_USAGE, EditionError, Problem, fail
from .files import STAGING, data_hash, lock, remove_staging, shown, write_files
from .plan.outputs import FORMATS
from .plan.state import STATE, Recorded, State, fingerprint, key, reason, stamp
from .read.model import EVERYTHING, Selection

if TYPE_CHECKING:
    from concurrent.futures import Future

    from .plan.outputs import Output
    from .read.model import Document
    from .read.project import Project
    from .render.workers import RenderPool, Result, Task


@dataclass(frozen=True)
class BuildOptions:
    root: Path
    output: Path
    selection: Selection = Selection()
    formats: frozenset[str] = frozenset(FORMATS)
    jobs: int = field(default_factory=lambda: os.cpu_count() or 1)
    force: bool = False
    marked: bool = False
    strict: bool = False        # a translation behind its original fails the build


@dataclass(frozen=True)
class Written:
    path: str                   # under the output folder: "en/dsc-1.pdf"
    reason: str                 # why it was rendered: "new", "changed: content/es/dsc-1.yaml"


@dataclass(frozen=True)
class Report:
    written: tuple[Written, ...]
    up_to_date: tuple[str, ...]
    warnings: tuple[Problem | str, ...]     # translations behind their original, as printed


@dataclass(frozen=True)
class Checked:
    project: Project
    warnings: tuple[Problem, ...]


def check(root: Path, selection: Selection = EVERYTHING, strict: bool = False, whole: bool = False) -> Checked:
    """Gather the selected documents (with ``whole``, every document) and run every check on the
    selection; EditionError with every problem found."""
    from .check.catalogs import check_catalogs
    from .check.footnotes import check_footnotes
    from .check.numbering import check_numbering
    from .check.tables import check_tables
    from .check.tracking import changes
    from .check.values import check_values
    from .errors import raise_if_any
    from .read.project import gather

    project, problems = gather(root, selection, whole)
    problems = [*problems, *check_numbering(project), *check_footnotes(project), *check_tables(project)]
    try:                # which parts of each translation fell behind their original (confirmed records)
        pending, unreadable = changes(project, EVERYTHING), []
    except EditionError as error:
        pending, unreadable = [], list(error.problems)
    behind_parts = {(part.problem.path, part.key) for part in pending if part.key}
    raise_if_any([*problems, *check_values(project, {problem.path for problem in problems}, behind_parts), *unreadable])
    raise_if_any(check_catalogs(project), EXIT_RENDER)
    if any(doc.meta.amendments for doc in project.editions(selection)):
        from .check.changes import check_amendments

        raise_if_any(check_amendments(project, selection))
    selected = {doc.where.path for doc in project.editions(selection)}
    warnings = [part.problem for part in pending if part.problem.path in selected]
    if strict and warnings:
        raise EditionError(warnings)
    return Checked(project, tuple(warnings))


def build(options: BuildOptions) -> Report:
    """Check the whole project, then render what changed and write it all at once."""
    refuse_output_among_sources(options.root, options.output)
    request = _request(options)
    last = State.read(options.output)
    if not options.force and last.unchanged(options.root, options.output, request) and not (options.strict and last.warnings):
        _tidy(options.output)
        return Report((), tuple(last.answered), tuple(last.warnings))    # known from the stamps alone
    from .render.workers import prestart

    prestart(options.jobs, options.formats, options.force, options.output)
    from .render.workers import RenderPool

    with RenderPool(options.jobs) as pool:
        if _renders_every_pdf(options):
            pool.start()        # the workers' import of WeasyPrint overlaps the check
        hashes = last.hashes(options.root)      # before anything is read: a file changed meanwhile is seen next time
        checked = check(options.root, options.selection, options.strict, whole=True)
        try:
            with lock(options.output):              # made now: a build that fails its checks leaves no output folder
                return _render_and_write(options, checked, last, hashes, request, pool)
        except EditionError as error:               # the warnings stand before what failed, as they would before a report
            raise EditionError([*checked.warnings, *error.problems], error.status) from error.__cause__


def _render_and_write(options: BuildOptions, checked: Checked, state: State, hashes: dict[str, str],
                      request: dict[str, object], pool: RenderPool) -> Report:
    from .plan.outputs import outputs, selected
    from .render.pages import options as shaped
    from .render.site import site_files

    project = checked.project
    everything = outputs(project)
    chosen = selected(everything, options.selection, options.formats, options.marked)
    prints = {o.path: fingerprint(hashes, o.sources, o.is_pdf, shaped(o, project)) for o in chosen}
    why = {o.path: reason(o.path, prints[o.path], state, options.output, options.force) for o in chosen}
    stale = [o for o in chosen if why[o.path]]
    rendered = render(stale, project, options, pool)
    site = site_files(project, everything, options.output, rendered) if rendered or _site_stale(state, options.output) else {}
    site = {path: data for path, data in site.items()
            if path in rendered or not (options.output / path).is_file() or (options.output / path).read_bytes() != data}
    if rendered or site:
        write_files(options.output, {**rendered, **site})
    _record(state, options.output, {o.path: prints[o.path] for o in stale}, rendered)
    state.request, state.answered = request, [o.path for o in chosen]
    state.warnings = [str(problem) for problem in checked.warnings]
    write_files(options.output, {STATE: state.text()})      # after the files it vouches for, staged like them
    return Report(tuple(Written(o.path, why[o.path]) for o in stale), tuple(o.path for o in chosen if not why[o.path]),
                  checked.warnings)


SOURCES = ("content", "templates", "locales", "published", "schemes", "kinds", "numerals", "editions", ".git")


def refuse_output_among_sources(root: Path, output: Path) -> None:
    """An output folder that holds the project's sources, or lies among them, would be overwritten by a build."""
    root, output = root.resolve(), output.resolve()
    sources = [root / name for name in SOURCES]
    if output == root or root.is_relative_to(output) or any(output.is_relative_to(folder) for folder in sources):
        raise fail(str(output), 1, "the output folder holds or lies among the project's sources "
                                   f"({', '.join(f'{name}/' for name in SOURCES[:5])}...): choose another, such as output/",
                   EXIT_USAGE)


def _tidy(output: Path) -> None:
    """A build with nothing to write still removes what a killed build left, unless another build is writing."""
    if any(output.glob(f"{STAGING}*")):
        try:
            with lock(output):
                remove_staging(output)
        except EditionError:
            pass        # another build holds the folder: it removes them itself


def _site_paths() -> set[str]:
    from .render.site import SITE_FILES

    return set(SITE_FILES)


def _site_stale(state: State, output: Path) -> bool:
    """Whether an index or font file is missing or not as the last build left it."""
    try:
        return any(path not in state.site or stamp(output / path) != state.site[path] for path in _site_paths())
    except OSError:
        return True


def _record(state: State, output: Path, prints: dict[str, dict[str, str]], rendered: dict[str, bytes]) -> None:
    """The new outputs' fingerprints and the stamps of what the folder now holds."""
    for path, inputs in prints.items():
        state.outputs[path] = Recorded(key(inputs), data_hash(rendered[path]), inputs, stamp(output / path))
    state.site = {path: stamp(output / path) for path in sorted(_site_paths()) if (output / path).is_file()}


def render(stale: list[Output], project: Project, options: BuildOptions, pool: RenderPool) -> dict[str, bytes]:
    """The bytes of every stale output, in memory.

    The print HTML comes first, largest edition first, each handed to a PDF
    worker as soon as it is made; the screen HTML is rendered while the
    PDFs are (editions/render/workers.py).
    """
    from .fonts import static_folder
    from .render.pages import Environments, page

    envs = Environments(project)
    prints = sorted((o for o in stale if o.is_pdf), key=lambda o: _size(o, project), reverse=True)
    fonts = static_folder(options.jobs) if prints else Path()   # made (once per machine) only when PDFs are due
    _check_coverage(prints, project, fonts)
    pool.start(len(prints))
    pending = {o.path: pool.submit(_task(o, page(o, project, envs), project, options.root, fonts)) for o in prints}
    pages = {o.path: page(o, project, envs).encode() for o in stale if not o.is_pdf}
    pdfs = {path: _answer(future) for path, future in pending.items()}
    problems = [Problem(f"{shown(options.output, options.root)}/{path}", 1, f"could not be rendered: {message}")
                for path, result in pdfs.items() for message in result.problems]
    if problems:
        raise EditionError(problems, EXIT_RENDER)
    return {o.path: pdfs[o.path].pdf if o.is_pdf else pages[o.path] for o in stale}


def _answer(future: Future[Result]) -> Result:
    """A worker's answer, or why there is none: a worker killed (by the system, short of
    memory, or by hand) or unable to start ends the pool, and every PDF still due with it."""
    from concurrent.futures.process import BrokenProcessPool

    from .render.workers import Result

    try:
        return future.result()
    except BrokenProcessPool:
        return Result(b"", ("a PDF worker ended without answering (killed, or out of memory?); "
                            "build again, or with --jobs 1 to render in this process",))


def _check_coverage(prints: list[Output], project: Project, fonts: Path) -> None:
    """Every character of the PDFs' text in a font of its language, or a problem per unit."""
    from .render.scripts import uncovered

    editions = dict.fromkeys((o.document, code) for o in prints for code in o.languages)
    problems = [problem for document, code in editions
                for problem in uncovered(project.documents[document][code], project.languages[code], fonts)]
    if problems:
        raise EditionError(sorted(set(problems)), EXIT_RENDER)


def _size(output: Output, project: Project) -> int:
    """How long a PDF will take, roughly: the edition's units times the languages side by side."""
    doc = project.documents[output.document][output.languages[0]]
    return len(output.languages) * sum(1 for _ in doc.units())


def _task(output: Output, html: str, project: Project, root: Path, fonts: Path) -> Task:
    from .render.scripts import families
    from .render.workers import Task

    doc = project.documents[output.document][output.languages[0]]
    typeset = tuple(dict.fromkeys(name for code in output.languages for name in families(project.languages[code])))
    return Task(html, str(root), f"{doc.meta.symbol}/{output.path}", _epoch(doc), doc.meta.contents_after_pages, str(fonts),
                typeset)


def _epoch(doc: Document) -> int:
    """The content's own date as a timestamp: the date of issue, else the last day."""
    day = doc.meta.issued
    return calendar.timegm(datetime.datetime(day.year, day.month, day.day).timetuple())


def _renders_every_pdf(options: BuildOptions) -> bool:
    from .render.workers import renders_every_pdf

    return renders_every_pdf(options.formats, options.force, options.output)


def _request(options: BuildOptions) -> dict[str, object]:
    return {"root": str(options.root), "documents": sorted(options.selection.documents),
            "languages": sorted(options.selection.languages), "formats": sorted(options.formats),
            "marked": options.marked}
