"""The build, stage by stage: gather and check, render HTML, render PDF, write.

Nothing under the output folder is touched until every selected edition has
been rendered in full; then each file is moved into place atomically, so a
failed or interrupted build leaves every output as it was or complete.
"""

from __future__ import annotations

import calendar
import datetime
import fcntl
import os
import shutil
import tempfile
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from .errors import EXIT_BUSY, EXIT_RENDER, EditionError, Problem, fail
from .bilingual import column_order, output_name, render_bilingual
from .html import environment, render_html
from .model import Document
from .project import Project, Selection, gather

FORMATS = ("html", "pdf")


@dataclass(frozen=True)
class BuildOptions:
    root: Path
    output: Path
    selection: Selection = Selection()
    formats: frozenset[str] = frozenset(FORMATS)
    jobs: int = field(default_factory=lambda: os.cpu_count() or 1)


@dataclass(frozen=True)
class Output:
    """One file to write: where, from which edition, with what bytes."""

    relative: str          # e.g. "en/dsc-1.pdf"
    doc: Document
    data: bytes


def build(options: BuildOptions) -> list[Output]:
    """Check, render and write every selected edition; return what was written."""
    project = gather(options.root, options.selection)
    with _lock(options.output):
        outputs = render_all(project, options)
        _write(outputs, options.output)
    return outputs


def render_all(project: Project, options: BuildOptions) -> list[Output]:
    """Every selected output, rendered in memory."""
    environments = {code: environment(project.root, language) for code, language in project.languages.items()}
    outputs: list[Output] = []
    pdfs: list[Output] = []      # print HTML, to become PDF
    for doc in project.editions(options.selection):
        others = sorted(set(project.documents[doc.name]) - {doc.language})
        env = environments[doc.language]
        base = f"{doc.language}/{doc.name}"
        if "html" in options.formats:
            outputs.append(Output(f"{base}.html", doc, render_html(env, doc, project.languages, others, "screen").encode()))
        if "pdf" in options.formats:
            pdfs.append(Output(f"{base}.pdf", doc, render_html(env, doc, project.languages, others, "print").encode()))
    for docs in _bilingual_selection(project, options.selection):
        base = output_name((docs[0].language, docs[1].language), docs[0].name)
        if "html" in options.formats:
            outputs.append(Output(f"{base}.html", docs[0], render_bilingual(environments, docs, project.languages, "screen").encode()))
        if "pdf" in options.formats:
            pdfs.append(Output(f"{base}.pdf", docs[0], render_bilingual(environments, docs, project.languages, "print").encode()))
    outputs.extend(_render_pdfs(project.root, pdfs, options.jobs))
    return outputs


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


def _render_pdfs(root: Path, pages: list[Output], jobs: int) -> list[Output]:
    """PDFs of the print HTML in ``pages``, in worker processes when there are several."""
    if not pages:
        return []
    tasks = [(page.data.decode(), str(root), f"{page.doc.meta.symbol}/{page.relative}", _epoch(page.doc)) for page in pages]
    workers = max(1, min(jobs, len(tasks)))
    if workers == 1:
        results = [_render_one(task) for task in tasks]
    else:
        with ProcessPoolExecutor(workers) as pool:
            results = list(pool.map(_render_one, tasks))
    problems = [
        Problem(page.doc.where.path, 1, f"rendering {page.relative} failed: {message}")
        for page, (_, messages) in zip(pages, results) for message in messages
    ]
    if problems:
        raise EditionError(problems, EXIT_RENDER)
    return [Output(page.relative, page.doc, data) for page, (data, _) in zip(pages, results)]


def _render_one(task: tuple[str, str, str, int]) -> tuple[bytes, tuple[str, ...]]:
    from .pdf import RenderError, render_pdf   # WeasyPrint is imported only when a PDF is rendered
    html, root, key, epoch = task
    try:
        return render_pdf(html, Path(root), key, epoch), ()
    except RenderError as error:
        return b"", error.messages


def _epoch(doc: Document) -> int:
    """The content's own date as a timestamp: the date of issue, else the last day."""
    day = doc.meta.date or doc.meta.end
    return calendar.timegm(datetime.datetime(day.year, day.month, day.day).timetuple())


def _fsync_folder(folder: Path) -> None:
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


@contextmanager
def _lock(output: Path) -> Iterator[None]:
    """One build at a time per output folder; a second one refuses at once."""
    output.mkdir(parents=True, exist_ok=True)
    with open(output / ".build.lock", "w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise fail(str(output), 1, "another build is writing to this folder; try again when it ends", EXIT_BUSY) from None
        yield


def _write(outputs: list[Output], output: Path) -> None:
    """Write to temporary files in the output folder, then move each into place."""
    for stale in output.glob(".staging-*"):     # left by a build that was killed
        shutil.rmtree(stale, ignore_errors=True)
    staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=output))
    try:
        for item in outputs:
            target = staging / item.relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(item.data)
            with open(target, "rb") as handle:
                os.fsync(handle.fileno())
        for item in outputs:
            final = output / item.relative
            final.parent.mkdir(parents=True, exist_ok=True)
            os.replace(staging / item.relative, final)
        for folder in {(output / item.relative).parent for item in outputs} | {output}:
            _fsync_folder(folder)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
