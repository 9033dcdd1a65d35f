"""PDF renders: in this process for one job, else in warm worker processes.

A RenderPool takes each print HTML as soon as it is made. With several jobs
it starts a fork server at once, which imports WeasyPrint while the main
process is still checking the content and rendering HTML; each worker is
forked from it when a PDF is submitted, so WeasyPrint is imported once for
all of them (and its memory shared; docs/performance.md), and each
worker makes one font configuration and keeps it for every PDF it renders.
The caller hands the largest PDFs out first, so that the longest (the
bilingual edition) does not start last, alone on one core. A PDF is the same
bytes whichever process renders it.

On Linux the fork server ends when the build does and each worker when the
fork server does, even when the build is killed outright (SIGKILL, the
out-of-memory killer) and cannot stop them: they would otherwise wait
forever on pipes that nobody writes to any more.
"""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from multiprocessing import forkserver
from multiprocessing.context import BaseContext
from pathlib import Path
from types import TracebackType

from .lifetime import BUILD_PID, end_with_parent, leave_interrupts_to_the_build, scratch


@dataclass(frozen=True)
class Task:
    """One PDF to render: everything a worker needs, since it knows only what its fork server imported."""

    html: str                       # the print HTML
    root: str                       # the project, the one folder besides the fonts' that the HTML may read
    key: str                        # names the edition: "DSC/1/es-en/dsc-1.pdf", for the PDF identifier
    epoch: int                      # the content's date as a timestamp, for every date the PDF carries
    contents_after: int | None      # pages after which the table of contents shows (None: never)
    fonts: str                      # the folder of the static font files
    families: tuple[str, ...]       # the font families the edition's scripts are set in


@dataclass(frozen=True)
class Result:
    pdf: bytes                      # b"" when the render failed
    problems: tuple[str, ...]       # what the renderer reported


def render_task(task: Task) -> Result:
    try:
        from .pdf import RenderError, render_pdf  # WeasyPrint is imported only where a PDF is rendered
    except (ImportError, OSError) as error:      # a library it needs is missing
        return Result(b"", (f"WeasyPrint cannot start: {error}",))
    try:
        return Result(render_pdf(task.html, Path(task.root), task.key, task.epoch, task.contents_after, Path(task.fonts),
                                 task.families), ())
    except RenderError as error:
        return Result(b"", error.messages)


def _warm() -> None:
    """A worker's start: bound to the fork server's life, WeasyPrint imported and the
    fonts configured before the first task."""
    from .preload import SERVER  # imported by the fork server, which this worker is a fork of

    end_with_parent(SERVER)
    leave_interrupts_to_the_build()
    try:
        from .pdf import font_config
    except (ImportError, OSError):
        return      # render_task says why, for each PDF
    font_config()


def _forking() -> BaseContext:
    """The fork server, started now: it imports WeasyPrint before the first PDF is submitted.

    Its workers know only what it imported: a task carries everything else
    (the font folder among it), so a worker renders what this process would.
    """
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([f"{__package__}.preload", __name__])
    # Python before 3.12.8 starts the fork server without this process's
    # sys.path (CPython gh-117378) and with the current folder first: it is
    # told where this package lies, and not to look in the current folder, so
    # that its workers run this very code.
    saved = {name: os.environ.get(name) for name in ("PYTHONPATH", "PYTHONSAFEPATH", BUILD_PID, "TMPDIR")}
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(Path(__file__).parents[2]), saved["PYTHONPATH"]]))
    os.environ["PYTHONSAFEPATH"] = "1"
    os.environ[BUILD_PID] = str(os.getpid())
    os.environ["TMPDIR"] = str(scratch())       # what the workers write as they render, removed with the build
    try:
        forkserver.ensure_running()
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
    return context


def renders_every_pdf(formats: frozenset[str] | tuple[str, ...], force: bool, output: Path) -> bool:
    """A first or forced build: every PDF will be rendered, so workers are wanted before the plan says so."""
    from ..plan.state import STATE

    return "pdf" in formats and (force or not (output / STATE).is_file())


def prestart(jobs: int, formats: frozenset[str] | tuple[str, ...], force: bool, output: Path) -> None:
    """Start the fork server now, if the build will want workers, before the caller imports
    anything heavy: its import of WeasyPrint is what the first PDF waits for."""
    if jobs > 1 and renders_every_pdf(formats, force, output):
        _forking()


class RenderPool:
    """Submit tasks, get futures; leaves no worker behind, whatever happens.

    ``start()`` starts the fork server at once, before the caller knows how
    many PDFs are stale (a build that will render every PDF calls it before
    loading the content, so that the import of WeasyPrint overlaps the check);
    ``start(expected)``, once the stale PDFs are known, starts it only when
    several are expected. Workers are forked as PDFs are submitted, up to
    ``jobs``. Without workers, ``submit`` renders in this process.
    """

    def __init__(self, jobs: int) -> None:
        self.jobs = jobs
        self._pool: ProcessPoolExecutor | None = None

    def start(self, expected: int | None = None) -> None:
        """Start the workers (at most ``expected`` of them) unless one is enough."""
        workers = self.jobs if expected is None else min(self.jobs, expected)
        if self._pool is None and workers > 1:
            self._pool = ProcessPoolExecutor(workers, mp_context=_forking(), initializer=_warm)

    def submit(self, task: Task) -> Future[Result]:
        if self._pool is not None:
            return self._pool.submit(render_task, task)
        future: Future[Result] = Future()
        future.set_result(render_task(task))
        return future

    def __enter__(self) -> RenderPool:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        if self._pool is None:
            return
        if isinstance(error, KeyboardInterrupt):
            # Ctrl-C: the PDFs under way are not waited for (they are only in memory; an
            # interrupt that lands inside the executor's own bookkeeping could otherwise leave the
            # wait hanging); the workers are ended, the fork server ends with this process.
            for process in list((getattr(self._pool, "_processes", None) or {}).values()):   # the executor's own
                process.kill()
            self._pool.shutdown(wait=False, cancel_futures=True)
            return
        self._pool.shutdown(wait=True, cancel_futures=error is not None)
