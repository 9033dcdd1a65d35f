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
    editions = project.editions(options.selection)
    environments = {code: environment(project.root, language) for code, language in project.languages.items()}
    outputs: list[Output] = []
    print_html: list[tuple[Document, str]] = []
    for doc in editions:
        others = sorted(set(project.documents[doc.name]) - {doc.language})
        env = environments[doc.language]
        if "html" in options.formats:
            html = render_html(env, doc, project.languages, others, "screen")
            outputs.append(Output(f"{doc.language}/{doc.name}.html", doc, html.encode()))
        if "pdf" in options.formats:
            print_html.append((doc, render_html(env, doc, project.languages, others, "print")))
    outputs.extend(_render_pdfs(project.root, print_html, options.jobs))
    return outputs


def _render_pdfs(root: Path, editions: list[tuple[Document, str]], jobs: int) -> list[Output]:
    if not editions:
        return []
    from . import pdf   # WeasyPrint is imported only when a PDF is rendered
    tasks = [(html, str(root), f"{doc.meta.symbol}/{doc.language}", _epoch(doc)) for doc, html in editions]
    workers = max(1, min(jobs, len(tasks)))
    if workers == 1:
        results = [_render_one(task) for task in tasks]
    else:
        with ProcessPoolExecutor(workers) as pool:
            results = list(pool.map(_render_one, tasks))
    problems = [
        Problem(doc.where.path, 1, f"rendering the PDF failed: {message}")
        for (doc, _), (_, messages) in zip(editions, results) for message in messages
    ]
    if problems:
        raise EditionError(problems, EXIT_RENDER)
    return [Output(f"{doc.language}/{doc.name}.pdf", doc, data) for (doc, _), (data, _) in zip(editions, results)]


def _render_one(task: tuple[str, str, str, int]) -> tuple[bytes, tuple[str, ...]]:
    from .pdf import RenderError, render_pdf
    html, root, key, epoch = task
    try:
        return render_pdf(html, Path(root), key, epoch), ()
    except RenderError as error:
        return b"", error.messages


def _epoch(doc: Document) -> int:
    """The content's own date as a timestamp: the date of issue, else the last day."""
    day = doc.meta.date or doc.meta.end
    return calendar.timegm(datetime.datetime(day.year, day.month, day.day).timetuple())


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
    finally:
        shutil.rmtree(staging, ignore_errors=True)
