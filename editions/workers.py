"""PDF renders: in this process for one job, else in warm worker processes.

A RenderPool takes each print HTML as soon as it is made. With several jobs
its worker processes start at once and import WeasyPrint and make their font
configuration while the main process is still rendering HTML, and each
keeps both for every PDF it renders. The caller hands the largest PDFs out
first, so that the longest (the bilingual edition) does not start last,
alone on one core. A PDF is the same bytes whichever process renders it.
"""

from __future__ import annotations

from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path
from types import TracebackType

# print HTML, project root, key naming the edition, the content's date as a
# timestamp, pages after which the table of contents shows (None: never)
Task = tuple[str, str, str, int, "int | None"]
Result = tuple[bytes, tuple[str, ...]]      # the PDF, or b"" and what the renderer reported


def render_task(task: Task) -> Result:
    from .pdf import RenderError, render_pdf  # WeasyPrint is imported only where a PDF is rendered
    html, root, key, epoch, contents_after = task
    try:
        return render_pdf(html, Path(root), key, epoch, contents_after), ()
    except RenderError as error:
        return b"", error.messages


def _warm() -> None:
    """A worker's start: WeasyPrint imported and the fonts configured before the first task."""
    from .pdf import font_config
    font_config()


def _started() -> None:
    """Submitted once so that the workers start now, not when the first PDF is ready."""


class RenderPool:
    """Submit tasks, get futures; leaves no worker behind, whatever happens.

    ``start()`` forks the workers at once, before the caller knows how many
    PDFs are stale (a build that will render every PDF calls it before
    loading the content, so that the workers' imports overlap the check);
    ``start(expected)``, once the stale PDFs are known, starts them only when
    several are expected. Without workers, ``submit`` renders in this process.
    """

    def __init__(self, jobs: int) -> None:
        self.jobs = jobs
        self._pool: ProcessPoolExecutor | None = None

    def start(self, expected: int | None = None) -> None:
        """Start the workers (at most ``expected`` of them) unless one is enough."""
        workers = self.jobs if expected is None else min(self.jobs, expected)
        if self._pool is None and workers > 1:
            self._pool = ProcessPoolExecutor(workers, initializer=_warm)
            self._pool.submit(_started)     # the workers fork now, not at the first PDF

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
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=error is not None)
