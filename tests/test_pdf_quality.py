"""Official PDF quality, read back from the files: archival properties, tags,
typography measured on the pages (issue 5). See docs/pdf-quality.md."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pypdf
import pytest
from conftest import ROOT

from editions.build import BuildOptions, build

MM = 72 / 25.4
EDITIONS = ["en/dsc-1.pdf", "es/dsc-1.pdf", "es-en/dsc-1.pdf", "en/dsc-1-corr1.pdf"]
MARGINS = {"es-en/dsc-1.pdf": 16 * MM}       # side margins; 25 mm elsewhere


@pytest.fixture(scope="module")
def output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("quality") / "output"
    build(BuildOptions(root=ROOT, output=folder, formats=frozenset({"pdf"})))
    return folder


def words(pdf: Path) -> list[tuple[int, float, float, float, str]]:
    """(page, xMin, xMax, yMin, word) of every word, from poppler's pdftotext -bbox."""
    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    found, page = [], 0
    for line in out.splitlines():
        if "<page " in line:
            page += 1
        match = re.search(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)<', line)
        if match:
            found.append((page, float(match[1]), float(match[3]), float(match[2]), match[4]))
    return found


@pytest.mark.parametrize("name", EDITIONS)
def test_pdfa_2u_identification_and_output_intent(output: Path, name: str) -> None:
    pdf = pypdf.PdfReader(output / name)
    root = pdf.trailer["/Root"]
    xmp = pdf.xmp_metadata.stream.get_data().decode()  # type: ignore[union-attr]
    assert 'pdfaid:part="2"' in xmp and 'pdfaid:conformance="U"' in xmp
    [intent] = [i.get_object() for i in root["/OutputIntents"]]
    assert intent["/S"] == "/GTS_PDFA1" and "sRGB" in intent["/OutputConditionIdentifier"]
    assert len(intent["/DestOutputProfile"].get_object().get_data()) > 1000
    assert "/ID" in pdf.trailer and "/Encrypt" not in pdf.trailer
    assert "/JavaScript" not in root.get("/Names", {}) and "/OpenAction" not in root


@pytest.mark.parametrize("name", EDITIONS)
def test_tagged_with_language_and_title_in_the_window(output: Path, name: str) -> None:
    root = pypdf.PdfReader(output / name).trailer["/Root"]
    assert root["/MarkInfo"]["/Marked"]
    assert "/StructTreeRoot" in root
    assert root["/ViewerPreferences"]["/DisplayDocTitle"]
    assert root["/Lang"] == name[:2]


def test_dates_come_from_the_content(output: Path) -> None:
    assert pypdf.PdfReader(output / "en" / "dsc-1.pdf").metadata["/CreationDate"].startswith("D:20021122")  # type: ignore[index]
    assert pypdf.PdfReader(output / "en" / "dsc-1-corr1.pdf").metadata["/CreationDate"].startswith("D:20030120")  # type: ignore[index]


@pytest.mark.parametrize("name", EDITIONS)
def test_qpdf_finds_no_structural_error(output: Path, name: str) -> None:
    run = subprocess.run(["qpdf", "--check", str(output / name)], capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "No syntax or stream encoding errors found" in run.stdout


@pytest.mark.parametrize("name", EDITIONS)
def test_no_text_outside_the_text_block(output: Path, name: str) -> None:
    margin = MARGINS.get(name, 25 * MM)
    width = 210 * MM
    outside = [w for w in words(output / name) if w[1] < margin - 0.5 or w[2] > width - margin + 0.5]
    assert outside == []


@pytest.mark.parametrize(("name", "limit"), [("en/dsc-1.pdf", 0.08), ("es/dsc-1.pdf", 0.08), ("es-en/dsc-1.pdf", 0.16)])
def test_few_lines_end_in_a_hyphen(output: Path, name: str, limit: float) -> None:
    lines = [line for page in pypdf.PdfReader(output / name).pages for line in page.extract_text().splitlines() if line.strip()]
    hyphenated = [line for line in lines if line.rstrip().endswith("\u2010")]
    assert len(hyphenated) / len(lines) <= limit, (len(hyphenated), len(lines))


@pytest.mark.parametrize("name", EDITIONS[:3])
def test_headings_are_never_last_on_a_page(output: Path, name: str) -> None:
    pdf = pypdf.PdfReader(output / name)
    headings = {" ".join(item.title.split()).upper() for item in _flatten(pdf.outline)}
    headings |= {part.strip().upper() for h in list(headings) for part in h.split(" / ")}
    for number, page in enumerate(pdf.pages[:-1], start=1):
        body = [line.strip() for line in page.extract_text().splitlines()
                if line.strip() and not re.fullmatch(r"DSC/1|\d+|Page \d+ of \d+|Página \d+ de \d+", line.strip())]
        assert " ".join(body[-1].split()).upper() not in headings, f"page {number} ends with the heading {body[-1]!r}"


def _flatten(items: list) -> list:  # type: ignore[type-arg]
    return [leaf for item in items for leaf in (_flatten(item) if isinstance(item, list) else [item])]


def test_outline_entries_are_the_headings(output: Path) -> None:
    pdf = pypdf.PdfReader(output / "en" / "dsc-1.pdf")
    outline = [" ".join(item.title.split()) for item in _flatten(pdf.outline)]
    assert outline == ["Report", "I. Introduction", "II. Objectives of the Conference", "General objective",
                       "Specific objectives", "III. Conclusions", "A. Migration and the human rights of migrants",
                       "B. Trafficking in persons", "C. Civil society organizations", "D. Follow-up"]


def test_text_copies_out_as_words_with_accents(output: Path) -> None:
    es = " ".join(page.extract_text() for page in pypdf.PdfReader(output / "es" / "dsc-1.pdf").pages)
    en = " ".join(page.extract_text() for page in pypdf.PdfReader(output / "en" / "dsc-1.pdf").pages)
    assert "Organización Internacional para las Migraciones" in " ".join(es.split())
    assert "\ufffd" not in es + en
    assert "financial support" in " ".join(en.split())


def test_long_documents_get_a_table_of_contents_with_page_numbers(sample: Path, cli) -> None:  # type: ignore[no-untyped-def]
    for language in ("en", "es"):
        path = sample / "content" / language / "sample.yaml"
        path.write_text(path.read_text(encoding="utf-8").replace("date: 2025-12-15\n", "date: 2025-12-15\ncontents_after_pages: 0\n"),
                        encoding="utf-8")
    assert cli(sample, "build", "--format", "pdf", "--jobs", "1", "--language", "es").status == 0
    text = " ".join(pypdf.PdfReader(sample / "output" / "es" / "sample.pdf").pages[0].extract_text().split())
    assert "ÍNDICE" in text
    assert re.search(r"II\. Conclusiones \.+ ?1", text) and re.search(r"A\. Primeras conclusiones \.+ ?1", text)
