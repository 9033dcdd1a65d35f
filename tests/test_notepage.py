"""A footnote stays on the page of its call (editions/render/notepage.py), in WeasyPrint itself."""

from __future__ import annotations

import io

import pypdf
import pytest
import weasyprint

import editions.render.pdf  # noqa: F401  # installs the mends of WeasyPrint, as every build does
from editions.render.notepage import REPORT, mended

PAGE = """<style>@page {{ size: 100px 120px; margin: 10px; @footnote {{ margin-top: 0 }} }}
html {{ font-size: 10px; line-height: 10px }} p {{ margin: 0; orphans: 2; widows: 2 }}
.footnote {{ float: footnote; footnote-policy: {policy} }}</style>
{lines}<p>called<span class="footnote">note</span></p><p>one<br>two<br>three<br>four</p>"""


def pages(lines: int, policy: str) -> list[str]:
    """The text of each page: ``lines`` one-line paragraphs, one calling a note, then four lines."""
    html = PAGE.format(lines="".join(f"<p>line {i}</p>" for i in range(lines)), policy=policy)
    pdf = pypdf.PdfReader(io.BytesIO(weasyprint.HTML(string=html).write_pdf()))
    return [" ".join(page.extract_text().split()) for page in pdf.pages]


def test_a_paragraph_that_cannot_break_after_its_first_line_does_not_push_a_note_away() -> None:
    """WeasyPrint 70 printed "one two" on the first page and moved the note called above them to
    the second; the paragraph goes to the next page instead (orphans: 2), the note stays."""
    first, second = pages(5, "auto")
    assert first.endswith("line 4 called1 1. note") and second == "one two three four"


def test_a_note_that_does_not_fit_takes_the_line_that_calls_it_along() -> None:
    """The line that calls a note too tall for the foot of its page goes with it to the next page
    (``footnote-policy: line``, templates/footnotes.css); WeasyPrint's "auto" leaves it behind."""
    first, second = pages(7, "line")
    assert first.endswith("line 6") and second.startswith("called1") and second.endswith("1. note")


def test_another_weasyprint_stops_the_build_rather_than_being_mended_blindly() -> None:
    assert mended(f"def f():\n    {REPORT}\n") == "def f():\n    report = False\n"
    with pytest.raises(ImportError, match="lacks 'report = not context.in_column"):
        mended("def f():\n    report = True\n")
