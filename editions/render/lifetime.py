"""Render processes, and the files they make, live no longer than the build they serve.

The fork server and each PDF worker ask Linux to end them when their parent
ends (editions/render/preload.py, editions/render/workers.py): a build killed
outright would otherwise leave them waiting forever on pipes nobody closes.
What they write as they render (WeasyPrint copies the fonts of each font
configuration into a temporary folder, some 50 MB a worker, which it removes
only if the process ends normally) goes into one folder of the build's own,
removed when the build ends, however its workers ended.
"""

from __future__ import annotations

import functools
import os
import shutil
import signal
import sys
import tempfile
from pathlib import Path

BUILD_PID = "EDITIONS_BUILD_PID"    # tells the fork server which process it serves
PR_SET_PDEATHSIG = 1                # <linux/prctl.h>: the signal this process gets when its parent ends
SCRATCH = "editions-render-"        # the render processes' temporary folder: editions-render-<build's pid>-...


def end_with_parent(parent: int) -> None:
    """Have Linux kill this process when its parent, ``parent``, ends; end now if it already has.

    Asked of the thread that forked this process: the fork server is started
    by the build's main thread, the workers by the fork server's only thread.
    Nothing happens elsewhere than Linux, or without a C library that has prctl.
    """
    if not sys.platform.startswith("linux"):
        return
    import ctypes  # here, not at the top: only the fork server and the workers need it

    try:
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:      # it ended before the request: no signal will come
        os._exit(1)


def leave_interrupts_to_the_build() -> None:
    """Ctrl-C reaches every process of the terminal's group: the build alone answers it
    (one line, status 130) and ends its workers, which would otherwise each print a traceback."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def leave_start_failures_to_the_build() -> None:
    """A worker the fork server could not start says nothing itself: the build sees its pool
    broken and reports it, in one line (editions/build.py). Without this, a worker forked
    just as the build is interrupted, whose handshake the build has already torn down,
    prints a traceback of multiprocessing's own after the build's "interrupted" line.

    Set in the fork server, whose children inherit it; Python calls it there only for
    an error before the worker runs any code of ours.
    """
    sys.excepthook = lambda *error: None


@functools.cache
def scratch() -> Path:
    """This build's folder for the render processes' temporary files (their TMPDIR), removed when
    the build ends; those that builds killed outright left are removed first."""
    import atexit

    base = Path(tempfile.gettempdir())
    for left in base.glob(f"{SCRATCH}*"):
        pid = left.name.removeprefix(SCRATCH).partition("-")[0]
        if pid.isdigit() and not _running(int(pid)):
            shutil.rmtree(left, ignore_errors=True)
    folder = Path(tempfile.mkdtemp(prefix=f"{SCRATCH}{os.getpid()}-", dir=base))
    atexit.register(shutil.rmtree, folder, True)
    return folder


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True         # another user's process: not a build of this user's
    return True
