"""The bilingual edition's footnotes: paired under their columns, or stacked across the page.

    .venv/bin/python bench/footnotes.py

Renders the bilingual PDFs of tests/samples/notes (21 footnotes in English,
Spanish and Arabic; editions en-es, ar-en, en-ar) with the notes paired under
their columns (templates/bilingual-footnotes.css, the product) and with that
stylesheet left out, the notes then stacked across the page as before it,
and prints, per edition and layout: pages, CPU seconds of the render (the
least of three, in this process: the machine is shared), and the footnote
numbers printed on two pages (a row broken across pages may call a note on
one page in one language and on the next in the other; tests/test_bilingual.py
checks that each note is on the page of its call). Figures, not a test:
docs/bilingual.md.
"""

from __future__ import annotations

import io
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

import pypdf  # noqa: E402
from conftest import make_project  # noqa: E402  # the tests' own copy of a sample project
from test_bilingual import NOTES, _raised  # noqa: E402  # the tests' reading of calls and notes

from editions.build import check  # noqa: E402
from editions.plan.outputs import outputs  # noqa: E402
from editions.render.pages import Environments, page  # noqa: E402
from editions.render.pdf import render_pdf  # noqa: E402
from editions.render.scripts import families  # noqa: E402

PAIRED = (ROOT / "templates" / "bilingual-footnotes.css").read_text(encoding="utf-8")


def split(pdf: bytes) -> list[int]:
    """The footnote numbers whose calls and notes are not all on one page (raised numbers read back)."""
    pages: dict[int, set[int]] = {}
    for index, page_ in enumerate(pypdf.PdfReader(io.BytesIO(pdf)).pages):
        for raised in _raised(page_):
            pages.setdefault(raised.number, set()).add(index)
    return sorted(number for number, found in pages.items() if len(found) > 1)


def main() -> None:
    print("| edition | footnotes | pages | CPU seconds | numbers on two pages |")
    print("|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as folder:
        root = make_project(Path(folder) / "project", NOTES)
        project = check(root).project
        envs = Environments(project)
        for output in outputs(project):
            if output.kind != "bilingual" or output.medium != "print":
                continue
            typeset = tuple(dict.fromkeys(n for code in output.languages for n in families(project.languages[code])))
            html = page(output, project, envs)
            for layout, text in (("paired", html), ("stacked", html.replace(PAIRED, ""))):
                seconds = []
                for _ in range(3):
                    started = time.process_time()
                    pdf = render_pdf(text, root, f"bench/{layout}", 0, families=typeset)
                    seconds.append(time.process_time() - started)
                pages = len(pypdf.PdfReader(io.BytesIO(pdf)).pages)
                print(f"| {Path(output.path).parent} | {layout} | {pages} | {min(seconds):.2f} | {split(pdf) or ''} |", flush=True)


if __name__ == "__main__":
    main()
