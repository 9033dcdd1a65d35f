"""What the PDF workers' fork server does before it forks them: bind itself to the
build's life, then import the renderer.

Imported in the fork server only (editions/render/workers.py), first of its
preloaded modules, so that a build killed while WeasyPrint is still being
imported takes the fork server with it. If WeasyPrint cannot be imported
(a library it needs is missing), nothing happens here: each worker tries
again and reports why with the PDF it was to render.
"""

import os

from .lifetime import BUILD_PID, end_with_parent, leave_interrupts_to_the_build, leave_start_failures_to_the_build

end_with_parent(int(os.environ.get(BUILD_PID) or os.getppid()))
leave_interrupts_to_the_build()
leave_start_failures_to_the_build()
SERVER = os.getpid()    # the process the workers are forked from, whose end ends them

try:
    from . import pdf  # noqa: F401
except (ImportError, OSError):
    pass
