"""The bilingual edition: aligned unit by unit, each column in its own language."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pypdf
import pytest
from conftest import ROOT

from editions.build import BuildOptions, build, check
from editions.render.bilingual import rows


@pytest.fixture(scope="module")
def output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("bilingual") / "output"
    build(BuildOptions(root=ROOT, output=folder))
    return folder


def test_original_language_is_the_first_column(output: Path) -> None:
    assert (output / "es-en" / "dsc-1.pdf").is_file() and (output / "es-en" / "dsc-1.html").is_file()
    assert not (output / "en-es").exists()


def test_every_unit_starts_on_the_same_page_in_both_columns(output: Path) -> None:
    reader = pypdf.PdfReader(output / "es-en" / "dsc-1.pdf")
    pages = {name: reader.get_destination_page_number(dest) for name, dest in reader.named_destinations.items()}
    units = sorted(check(ROOT).project.documents["dsc-1"]["es"].numbered())
    assert len(units) == 32
    assert {unit: pages[f"es-{unit}"] for unit in units} == {unit: pages[f"en-{unit}"] for unit in units}


def test_each_column_carries_its_language(output: Path) -> None:
    html = (output / "es-en" / "dsc-1.html").read_text(encoding="utf-8")
    row = html[html.index('id="es-III.B.3.ix"') - 200:html.index('id="en-III.B.3.ix"') + 200]
    assert '<td lang="es" dir="ltr" class="cell">' in row and '<td lang="en" dir="ltr" class="cell">' in row
    assert '<span class="label">ix) </span>La coordinación' in row
    assert '<span class="label">(ix) </span>Coordination' in row
    assert "250.000" in html and "250,000" in html
    assert "«Proceso Puebla»" in html and "“Puebla Process”" in html
    assert "20 a 22 de noviembre de 2002" in html and "20-22 November 2002" in html


def test_outline_names_every_heading_in_both_languages(output: Path) -> None:
    def titles(items: list) -> list[str]:  # type: ignore[type-arg]
        return [t for item in items for t in (titles(item) if isinstance(item, list) else [item.title])]

    outline = titles(pypdf.PdfReader(output / "es-en" / "dsc-1.pdf").outline)
    assert outline[:4] == ["Informe / Report", "I. Introducción / I. Introduction",
                           "II. Objetivos de la Conferencia / II. Objectives of the Conference",
                           "Objetivo general / General objective"]
    assert "D. Seguimiento / D. Follow-up" in outline


def test_unnumbered_blocks_share_the_row_of_their_unit() -> None:
    project = check(ROOT).project
    table = rows([project.documents["dsc-1"]["es"], project.documents["dsc-1"]["en"]])
    paragraph = next(row for row in table if row.units[0].identity == "III.B.3")
    assert [u.kind for u in paragraph.leading[0]] == ["bullets", "text"]
    assert all(row.units[0].kind == row.units[1].kind for row in table)
    identities = [row.units[0].identity for row in table if row.units[0].identity]
    assert identities == list(project.documents["dsc-1"]["es"].numbered())


def test_no_bilingual_edition_when_numbering_differs(sample: Path, cli) -> None:  # type: ignore[no-untyped-def]
    spanish = sample / "content" / "es" / "sample.yaml"
    spanish.write_text(spanish.read_text(encoding="utf-8").replace("item: ii)", "item: iii)"), encoding="utf-8")
    run = cli(sample, "build", "--format", "html")
    assert run.status == 1
    assert not (sample / "output").exists()


def test_column_order_is_configurable(sample: Path, cli) -> None:  # type: ignore[no-untyped-def]
    for language in ("en", "es"):
        path = sample / "content" / language / "sample.yaml"
        path.write_text(path.read_text(encoding="utf-8").replace("original: en\n", "original: en\ncolumns: [es, en]\n"), encoding="utf-8")
    run = cli(sample, "build", "--format", "html")
    assert run.status == 0, run.err
    html = (sample / "output" / "es-en" / "sample.html").read_text(encoding="utf-8")
    assert html.index('<td lang="es"') < html.index('<td lang="en"')
    assert not (sample / "output" / "en-es").exists()


NOTES = ROOT / "tests" / "samples" / "notes" / "content"
OPENINGS = {"en": ("As decided", "The first", "The second", "See the record"),      # each note's first words
            "es": ("Según", "La primera", "La segunda", "Véase el acta"),
            "ar": ("على", "الحاشية", "انظر")}


@pytest.fixture(scope="module")
def noted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A note with 21 footnotes in English, Spanish and Arabic, in the editions en-es, ar-en and en-ar;
    a paragraph calls two, and every third paragraph is long enough for its row to break across pages."""
    from conftest import make_project

    project = make_project(tmp_path_factory.mktemp("notes") / "project", NOTES)
    build(BuildOptions(root=project, output=project / "output", formats=frozenset({"pdf"})))
    return project / "output"


@dataclass(frozen=True)
class Raised:
    """A raised number on a page, read back from the PDF: a footnote's call or its marker."""

    number: int
    x: float
    y: float            # from the foot of the page up
    side: str           # "left" or "right" half of the page
    line: str           # the text of its line in its half of the page


def _raised(page: pypdf.PageObject) -> list[Raised]:
    runs: list[tuple[float, float, float, str]] = []

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if text.strip():
            runs.append((tm[4] * cm[0] + cm[4], cm[5] + tm[5] * cm[3], size * tm[0] * cm[0], text))
    page.extract_text(visitor_text=visit)
    middle = float(page.mediabox.width) / 2
    found = []
    for index, (x, y, size, text) in enumerate(runs):
        if size < 8 and text.strip().isdigit():
            side = "left" if x < middle else "right"
            line = " ".join(t for x2, y2, s2, t in runs if s2 >= 8 and abs(y2 - y) < 5 and (x2 < middle) == (side == "left"))
            found.append(Raised(int(text), x, y, side, " ".join(line.split())))
    return found


@pytest.mark.parametrize(("edition", "left", "right"), [("en-es", "en", "es"), ("ar-en", "en", "ar"), ("en-ar", "en", "ar")])
def test_each_language_s_footnotes_stand_under_its_column_beside_their_counterparts(
        noted: Path, edition: str, left: str, right: str) -> None:
    """Each footnote is printed under the column that calls it, on the page of its call, below the
    text; note 1 of one language beside note 1 of the other, at one height, and 2 under 1. Arabic is
    on the right whether it is the first column (ar-en) or the second (en-ar)."""
    printed: dict[str, list[int]] = {"left": [], "right": []}
    for page in pypdf.PdfReader(noted / edition / "notes.pdf").pages:
        raised = _raised(page)
        notes: dict[int, dict[str, Raised]] = {}
        for number in sorted({r.number for r in raised}):
            for side in ("left", "right"):
                runs = sorted((r for r in raised if r.number == number and r.side == side), key=lambda r: -r.y)
                assert len(runs) in (0, 2), f"note {number} and its call are not on one page in the {side} column: {runs}"
                if runs:
                    call, note = runs
                    notes.setdefault(number, {})[side] = note
                    assert note.y < min(r.y for r in raised if r.y > note.y + 20 or r is call), "the note is below the text"
        for number, pair in notes.items():
            if len(pair) == 2:
                assert abs(pair["left"].y - pair["right"].y) < 2, f"note {number} of each language at one height: {pair}"
        for side, language in (("left", left), ("right", right)):
            column = sorted((pair[side] for pair in notes.values() if side in pair), key=lambda note: -note.y)
            assert [note.number for note in column] == sorted(note.number for note in column), "2 under 1"
            assert all(any(opening in note.line for opening in OPENINGS[language]) for note in column), (side, language, column)
            printed[side] += [note.number for note in column]
    assert printed == {"left": list(range(1, 22)), "right": list(range(1, 22))}


@pytest.mark.parametrize("language", ["en", "es", "ar"])
def test_each_language_edition_prints_each_footnote_on_the_page_of_its_call(noted: Path, language: str) -> None:
    """A language edition prints each note at the foot of the page that calls it, below the text:
    no line laid out after a call pushes its note to the next page (editions/render/notepage.py;
    the Spanish edition printed notes 6 and 7 on page 2, called on page 1)."""
    printed = []
    for number, page in enumerate(pypdf.PdfReader(noted / language / "notes.pdf").pages, start=1):
        raised = _raised(page)
        calls, notes = [], []
        for note in sorted({r.number for r in raised}):
            runs = sorted((r for r in raised if r.number == note), key=lambda r: -r.y)
            assert len(runs) == 2, f"note {note} and its call are not both on page {number}: {runs}"
            calls.append(runs[0].y)
            notes.append(runs[1].y)
            printed.append(note)
        assert not notes or max(notes) < min(calls), f"page {number}: the notes are below the text"
    assert printed == list(range(1, 22))


@dataclass
class _Box:
    element: dict[str, str]


def test_a_page_s_bilingual_footnotes_are_paired_by_number_and_the_others_keep_their_order() -> None:
    from editions.render.notepairs import pair

    laid_out = [_Box({"data-number": n, "data-column": c}) for n, c in (("1", "1"), ("2", "1"), ("1", "2"), ("2", "2"))]
    pair(laid_out)
    assert [(b.element["data-number"], b.element["data-column"]) for b in laid_out] == [("1", "1"), ("1", "2"), ("2", "1"), ("2", "2")]
    language_edition = [_Box({"data-number": "2"}), _Box({"data-number": "1"})]
    pair(language_edition)
    assert [b.element["data-number"] for b in language_edition] == ["2", "1"]


@pytest.mark.parametrize("edition", ["en-es", "ar-en", "en-ar"])
def test_every_word_stays_within_the_side_margins(noted: Path, edition: str) -> None:
    """The notes at the foot of each page, and the masthead's long centred title and organization
    lines, which ran 6 mm into the right margin before the masthead's columns were sized as the text's."""
    from test_pdf_quality import MM, words

    found = words(noted / edition / "notes.pdf")
    assert len([w for w in found if w[3] > 297 * MM / 2]) > 500     # the notes are among them
    assert [w for w in found if w[1] < 16 * MM - 0.5 or w[2] > (210 - 16) * MM + 0.5] == []
