"""The bilingual edition: aligned unit by unit, each column in its own language."""

from __future__ import annotations

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
