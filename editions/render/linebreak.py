"""A line-breaking mistake of WeasyPrint's, mended where PDFs are made.

WeasyPrint (70.0) measures a run of text with its trailing space. When a run
that ends with a space fits the line only without that space (the text before
an inline element: "… noted in paragraph " then the link "1"), it takes the
run for too wide, finds no earlier break (Pango wraps nothing: a trailing
space hangs), and falls back to breaking after the run's first word: a
numbered paragraph printed "2. None" alone on its first line, the rest under
it. Reproduced with the sample report of tests/kinds (paragraph II.2), in any
paragraph whose first line ends just before a reference, an emphasis or a
footnote call.

``install()`` wraps ``split_first_line`` as the inline layout calls it: when
the run has been broken although it fits without its trailing spaces, it is
laid out again with the width of those spaces added, so the whole run stays on
the line; WeasyPrint drops the trailing space at the end of the line as it
always does. Nothing else changes: every other run is laid out as before.
"""

from __future__ import annotations

from typing import Any

_installed = False


def install() -> None:
    """Mend WeasyPrint's inline layout, once per process."""
    global _installed
    if _installed:
        return
    import weasyprint.layout.inline as inline

    original = inline.split_first_line

    def split_first_line(text: str, style: Any, context: Any, max_width: float | None, justification_spacing: float,
                         is_line_start: bool = True, minimum: bool = False) -> Any:
        found = original(text, style, context, max_width, justification_spacing, is_line_start, minimum)
        stripped = text.rstrip(" ")
        if (found[2] is None or not stripped or stripped == text or max_width is None or minimum
                or style["white_space"] not in ("normal", "nowrap", "pre-line")):
            return found
        alone = original(stripped, style, context, max_width, justification_spacing, is_line_start, minimum)
        if alone[2] is not None:        # it does not fit without its spaces either: the break stands
            return found
        return original(text, style, context, max_width + style["font_size"] * (len(text) - len(stripped)),
                        justification_spacing, is_line_start, minimum)

    inline.split_first_line = split_first_line
    _installed = True
