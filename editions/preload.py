"""What the PDF workers' fork server imports before it forks them: the renderer.

Imported in the fork server only (editions/workers.py). If WeasyPrint
cannot be imported (a library it needs is missing), nothing happens here:
each worker tries again and reports why with the PDF it was to render.
"""

try:
    from . import pdf  # noqa: F401
except (ImportError, OSError):
    pass
