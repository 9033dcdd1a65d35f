"""Compare layouts of the bilingual edition: alignment and render time.

    .venv/bin/python bench/bilingual.py [--paragraphs 400]

For DSC/1 and a generated document (about 100 pages per language at 400
paragraphs), renders the bilingual PDF in each layout (table rows, CSS grid,
paired flex blocks) and prints, per layout: pages, seconds, and how many
numbered units start on the same page in both columns (from the PDF's named
destinations). Figures, not a test: the product uses the layout that aligns
every unit and renders fastest (editions.render.bilingual.LAYOUT).
"""

from __future__ import annotations

import argparse
import io
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import pypdf  # noqa: E402

from bench.generate import generate  # noqa: E402
from editions.build import check  # noqa: E402
from editions.plan.outputs import column_order  # noqa: E402
from editions.render.bilingual import LAYOUTS, render_bilingual  # noqa: E402
from editions.render.html import environment  # noqa: E402
from editions.render.pdf import render_pdf  # noqa: E402


def alignment(pdf: bytes, first: str, second: str) -> tuple[int, int]:
    """(units aligned, units) from the named destinations ``first-X`` / ``second-X``."""
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    pages = {name: reader.get_destination_page_number(dest) for name, dest in reader.named_destinations.items()}
    units = [name[len(first) + 1:] for name in pages if name.startswith(first + "-")]
    aligned = sum(pages.get(f"{second}-{unit}") == pages[f"{first}-{unit}"] for unit in units)
    return aligned, len(units)


def measure(root: Path, name: str, skip: tuple[str, ...] = ()) -> None:
    project = check(root).project
    envs = {code: environment(root, language) for code, language in project.languages.items()}
    pair = column_order(project.documents[name])[0]
    docs = [project.documents[name][code] for code in pair]
    for layout in LAYOUTS:
        if layout in skip:
            print(f"| {name} | {layout} | | skipped: over ten times slower than table on DSC/1 | |", flush=True)
            continue
        started = time.perf_counter()
        html = render_bilingual(envs, docs, project.languages, "print", layout)
        pdf = render_pdf(html, root, f"bench/{layout}", 0)
        seconds = time.perf_counter() - started
        aligned, units = alignment(pdf, *pair)
        pages = len(pypdf.PdfReader(io.BytesIO(pdf)).pages)
        print(f"| {name} | {layout} | {pages} | {seconds:.1f} | {aligned}/{units} |", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--paragraphs", type=int, default=400)
    args = parser.parse_args()
    print("| document | layout | pages | seconds | units aligned |")
    print("|---|---|---|---|---|")
    measure(ROOT, "dsc-1")
    with tempfile.TemporaryDirectory() as folder:
        measure(generate(Path(folder), args.paragraphs), f"gen-{args.paragraphs}", skip=("grid",))


if __name__ == "__main__":
    main()
