"""A footnote on the page of its call, mended where PDFs are made.

WeasyPrint (70.0, since its issue #2432) lets a line of text push footnotes
off the page: when a paragraph's line does not fit and the paragraph could
break after that line but not before it (``orphans``, ``widows``), it moves
the page's last footnotes to the next page, one at a time, until the line
fits. Those footnotes were called on earlier lines, which stay where they are:
the sample note of tests/samples/notes printed notes 6 and 7 of its Spanish
edition on page 2, called on page 1. United Nations documents never do that,
and ``footnote-policy`` cannot prevent it (it governs only the notes called on
the line being laid out).

``install()`` lays out paragraphs with that one step left out, as WeasyPrint
did before 70: the line, or the paragraph as ``orphans`` and ``widows`` want
it, goes to the next page and the footnotes stay with their calls. The
function is WeasyPrint's own, compiled again from its source with one
assignment changed; another version of WeasyPrint whose source lacks that
assignment stops the build instead of being mended blindly.
"""

from __future__ import annotations

import inspect

_installed = False

# The one decision of block._linebox_layout that moves a page's footnotes away
# from their calls; with it false the line breaks as it did before #2432.
REPORT = "report = not context.in_column and can_break_now and not could_break_before"
KEEP = "report = False"


def install() -> None:
    """Keep every footnote on the page of its call, once per process."""
    global _installed
    if _installed:
        return
    import weasyprint.layout.block as block

    lines, first = inspect.getsourcelines(block._linebox_layout)
    source = "\n" * (first - 1) + "".join(lines)      # tracebacks keep WeasyPrint's line numbers
    exec(compile(mended(source), block.__file__, "exec"), block.__dict__)
    _installed = True


def mended(source: str) -> str:
    """WeasyPrint's line box layout with the step that moves footnotes left out."""
    if source.count(REPORT) != 1:
        raise ImportError(f"this WeasyPrint's weasyprint.layout.block lacks {REPORT!r}, "
                          "which editions/render/notepage.py mends: revise the mend for this version")
    return source.replace(REPORT, KEEP)
