"""The build, stage by stage: gather and check, plan, render, write.

Nothing under the output folder is touched until every output that needs it
has been rendered in full; then each file is moved into place atomically, so
a failed or interrupted build leaves every output as it was or complete.
Only outputs whose inputs changed are rendered (editions/plan.py).
"""

from __future__ import annotations

import calendar
import datetime
import fcntl
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path

from .errors import EXIT_BUSY, EXIT_RENDER, EditionError, Problem, fail
from .files import fsync_folder
from .fonts import static_folder
from .model import Document
from .outputs import FORMATS, Job, jobs
from .plan import MANIFEST, Decision, decide, manifest_text
from .project import Project, Selection, gather
from .workers import RenderPool, Task, renders_every_pdf


@dataclass(frozen=True)
class BuildOptions:
    root: Path
    output: Path
    selection: Selection = Selection()
    formats: frozenset[str] = frozenset(FORMATS)
    jobs: int = field(default_factory=lambda: os.cpu_count() or 1)
    force: bool = False
    marked: bool = False


@dataclass(frozen=True)
class Output:
    """One file written: where, why, with what bytes."""

    relative: str          # e.g. "en/dsc-1.pdf"
    reason: str
    data: bytes


@dataclass(frozen=True)
class Report:
    written: list[Output]
    up_to_date: list[str]


def build(options: BuildOptions, project: Project | None = None, pool: RenderPool | None = None) -> Report:
    """Check everything (unless given the checked project), then render and write what changed.

    A caller that loads the project itself passes the pool it started early (see early_pool).
    """
    with nullcontext(pool) if pool else early_pool(options) as pool:    # the caller's pool stays the caller's
        project = project or gather(options.root, options.selection)
        planned = jobs(project, options.selection, options.formats, options.marked)
        with _lock(options.output):
            decisions = decide([job.target for job in planned], options.output, options.force)
            stale = [(job, d) for job, d in zip(planned, decisions) if d.reason]
            written = render(stale, options, pool)
            if written:
                targets = {job.relative: (job.target, out.data) for (job, _), out in zip(stale, written)}
                manifest = manifest_text(options.output, targets).encode()
                _write([*written, Output(MANIFEST, "", manifest)], options.output)
            _write_site(project, options.output, bool(written))
    return Report(written, [d.target.relative for d in decisions if not d.reason])


def early_pool(options: BuildOptions) -> RenderPool:
    """The PDF workers, started at once when every PDF will render (a first or forced
    build), so that their import of WeasyPrint overlaps the loading and the check."""
    pool = RenderPool(options.jobs)
    if renders_every_pdf(options.formats, options.force, options.output):
        pool.start()
    return pool


def _write_site(project: Project, output: Path, outputs_changed: bool) -> None:
    """Bring the index and the fonts in line with what the output folder holds.

    They derive from the outputs (and the content behind them), so they are
    regenerated when an output was written, or when one of them is missing.
    """
    from .site import SITE_FILES, site_files

    if not outputs_changed and all((output / path).is_file() for path in SITE_FILES):
        return
    changed = [Output(path, "", data) for path, data in site_files(project, output).items()
               if not (output / path).is_file() or (output / path).read_bytes() != data]
    if changed:
        _write(changed, output)


def render(stale: list[tuple[Job, Decision]], options: BuildOptions, pool: RenderPool) -> list[Output]:
    """The bytes of every stale output.

    The print HTML comes first, largest edition first, each handed to a PDF
    worker as soon as it is made; the screen HTML is rendered while the
    PDFs are (editions/workers.py).
    """
    prints = sorted((job for job, _ in stale if job.is_pdf), key=_size, reverse=True)
    pages: dict[str, str] = {}
    pool.start(len(prints))
    pending = {}
    fonts = static_folder(options.jobs) if prints else Path()   # made (once per machine) only when PDFs are due
    for job in prints:
        pages[job.relative] = job.html()
        pending[job.relative] = pool.submit(_task(job, pages[job.relative], options.root, fonts))
    for job, _ in stale:
        if not job.is_pdf:
            pages[job.relative] = job.html()
    pdfs = {relative: future.result() for relative, future in pending.items()}
    problems = [
        Problem(job.doc.where.path, 1, f"rendering {job.relative} failed: {message}")
        for job, _ in stale if job.is_pdf for message in pdfs[job.relative][1]
    ]
    if problems:
        raise EditionError(problems, EXIT_RENDER)
    return [
        Output(job.relative, decision.reason, pdfs[job.relative][0] if job.is_pdf else pages[job.relative].encode())
        for job, decision in stale
    ]


def _size(job: Job) -> int:
    """How long a PDF will take, roughly: the edition's units times the languages side by side."""
    languages = len(job.relative.split("/")[0].split("-"))
    return languages * sum(1 for _ in job.doc.units())


def _task(job: Job, html: str, root: Path, fonts: Path) -> Task:
    return (html, str(root), f"{job.doc.meta.symbol}/{job.relative}", _epoch(job.doc), job.doc.meta.contents_after_pages,
            str(fonts))


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
            fsync_folder(folder)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
