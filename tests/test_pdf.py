"""The PDF editions of DSC/1, read back: structure, not bytes (except reproducibility)."""

from __future__ import annotations

import re
from pathlib import Path

import pypdf
import pytest
from conftest import ROOT, make_project

from editions.build import BuildOptions, build
from editions.read.model import Selection


@pytest.fixture(scope="module")
def editions(tmp_path_factory: pytest.TempPathFactory) -> Path:
    output = tmp_path_factory.mktemp("pdf") / "output"
    build(BuildOptions(root=ROOT, output=output, formats=frozenset({"pdf"}), jobs=2))   # in worker processes
    return output


def reader(editions: Path, language: str) -> pypdf.PdfReader:
    return pypdf.PdfReader(editions / language / "dsc-1.pdf")


def text(pdf: pypdf.PdfReader) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in pdf.pages)


@pytest.mark.parametrize("language", ["en", "es"])
def test_a4_pages(editions: Path, language: str) -> None:
    pdf = reader(editions, language)
    assert 4 <= len(pdf.pages) <= 10
    box = pdf.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)


def test_text_of_each_language(editions: Path) -> None:
    en, es = text(reader(editions, "en")), text(reader(editions, "es"))
    assert "CONFERENCE ROOM PAPER" in en and "ORIGINAL: SPANISH" in en
    assert "Santiago, Chile, 20-22 November 2002" in en
    assert "around 250,000 immigrants" in en
    assert "DOCUMENTO DE SALA DE CONFERENCIAS" in es and "ORIGINAL: ESPAÑOL" in es
    assert "Santiago de Chile, 20 a 22 de noviembre de 2002" in es
    assert "250.000" in es
    assert "Organización Internacional para las Migraciones (OIM)" in es
    assert "(ix) Coordination among the various sectors of society." in en
    assert "ix) La coordinación" in es
    assert "Page 2 of" in en and "Página 2 de" in es


def test_original_edition_has_no_language_line(editions: Path) -> None:
    es = text(reader(editions, "es"))
    assert "ESPAÑOL ORIGINAL" not in es.replace(":", "")


@pytest.mark.parametrize(("language", "title", "subject"), [
    ("en", "DSC/1 · Report", "Hemispheric Conference on International Migration"),
    ("es", "DSC/1 · Informe", "Conferencia Hemisférica sobre Migración Internacional"),
])
def test_metadata(editions: Path, language: str, title: str, subject: str) -> None:
    pdf = reader(editions, language)
    assert pdf.metadata is not None
    assert pdf.metadata.title == title
    assert (pdf.metadata.subject or "").startswith(subject)
    assert pdf.trailer["/Root"]["/Lang"] == language


def test_outline_follows_the_headings(editions: Path) -> None:
    def titles(items: list) -> list[str]:  # type: ignore[type-arg]
        found: list[str] = []
        for item in items:
            found.extend(titles(item) if isinstance(item, list) else [" ".join(item.title.split())])
        return found

    en = titles(reader(editions, "en").outline)
    assert en[:4] == ["Report", "I. Introduction", "II. Objectives of the Conference", "General objective"]
    assert "III. Conclusions" in en and "A. Migration and the human rights of migrants" in en and "D. Follow-up" in en
    es = titles(reader(editions, "es").outline)
    assert es[:3] == ["Informe", "I. Introducción", "II. Objetivos de la Conferencia"]
    assert len(en) == len(es)


@pytest.mark.parametrize("language", ["en", "es"])
def test_every_font_is_embedded(editions: Path, language: str) -> None:
    pdf = reader(editions, language)
    fonts = {}
    for page in pdf.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"] if "/DescendantFonts" in font else font["/FontDescriptor"]
            fonts[font["/BaseFont"]] = any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
    assert fonts and all(fonts.values())
    assert {name.split("+")[-1] for name in fonts} >= {"Noto-Serif", "Noto-Serif-Bold"}


def test_named_destinations_are_the_unit_identities(editions: Path) -> None:
    en, es = reader(editions, "en").named_destinations, reader(editions, "es").named_destinations
    assert set(en) == set(es)
    assert {"I", "III.A.11", "III.B.3", "III.B.3.i", "III.B.3.ix", "III.D"} <= set(en)


def test_same_inputs_give_identical_files_whatever_the_jobs(editions: Path, tmp_path: Path) -> None:
    build(BuildOptions(root=ROOT, output=tmp_path, formats=frozenset({"pdf"}), jobs=1))   # in this process
    for language in ("en", "es"):
        assert (tmp_path / language / "dsc-1.pdf").read_bytes() == (editions / language / "dsc-1.pdf").read_bytes()


@pytest.mark.parametrize("jobs", ["1", "3"])   # in this process, and in worker processes
def test_a_font_weasyprint_cannot_load_fails_the_build(jobs: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli) -> None:  # type: ignore[no-untyped-def]
    from editions import fonts

    broken = tmp_path / "fonts"
    broken.mkdir()
    (broken / "NotoSerif-400.ttf").write_bytes(b"not a font")
    monkeypatch.setattr(fonts, "static_folder", lambda jobs: broken)   # the folder each render task names
    project = make_project(tmp_path / "project")
    run = cli(project, "build", "--format", "pdf", "--jobs", jobs)
    assert run.status == 3
    assert run.lines and all(re.match(r"output/(en|es|en-es)/sample\.pdf:1: could not be rendered: ", line) for line in run.lines)
    assert not (project / "output" / "en").exists()


def test_fetcher_reads_nothing_outside_the_project(tmp_path: Path) -> None:
    from editions.render.pdf import ConfinedFetcher

    (tmp_path / "inside.css").write_text("p {}")
    fetcher = ConfinedFetcher([tmp_path])
    assert fetcher.fetch((tmp_path / "inside.css").as_uri())
    for url in ("file:///etc/passwd", (tmp_path / ".." / "x.css").as_uri(), "https://example.org/x.css", "data:text/css,p{}"):
        with pytest.raises(ValueError, match="refused"):
            fetcher.fetch(url)


def test_text_in_a_fallback_font_fails_the_build(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    """A sign Noto Serif lacks would be printed in another family: refused, not published mixed."""
    project = make_project(tmp_path / "project")
    english = project / "content" / "en" / "sample.yaml"
    english.write_text(english.read_text(encoding="utf-8").replace("An unnumbered opening", "A ✓ opening"), encoding="utf-8")
    run = cli(project, "build", "--language", "en", "--format", "pdf", "--jobs", "1")
    assert run.status == 3
    assert run.lines == [
        "content/en/sample.yaml:15: a text block has '✓' (U+2713 CHECK MARK), which no font of English covers (Noto Serif)"]
    assert not (project / "output" / "en" / "sample.pdf").exists()


def test_the_fonts_embedded_are_static_regular_bold_and_italic(editions: Path) -> None:
    """Static instances are embedded: WeasyPrint has no variable font to turn static per PDF."""
    import io

    from fontTools.ttLib import TTFont

    embedded = {}
    for page in reader(editions, "es").pages:
        for font in page["/Resources"]["/Font"].values():
            descriptor = font.get_object()["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
            program = TTFont(io.BytesIO(descriptor["/FontFile2"].get_object().get_data()))
            embedded[str(descriptor["/FontName"]).split("+")[1]] = program
    assert set(embedded) == {"Noto-Serif", "Noto-Serif-Bold", "Noto-Serif-Italic"}
    assert not any("fvar" in program or "gvar" in program for program in embedded.values())
    assert embedded["Noto-Serif-Bold"]["OS/2"].usWeightClass == 700


def test_a_renderer_that_cannot_start_fails_each_pdf_in_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli) -> None:  # type: ignore[no-untyped-def]
    import sys

    monkeypatch.setitem(sys.modules, "editions.render.pdf", None)   # WeasyPrint's import fails, as when Pango is missing
    project = make_project(tmp_path / "project")
    run = cli(project, "build", "--format", "pdf", "--jobs", "1")
    assert run.status == 3
    assert len(run.lines) == 3
    assert all(re.fullmatch(r"output/\S+\.pdf:1: could not be rendered: WeasyPrint cannot start: .+", line) for line in run.lines)
    assert not (project / "output" / "en").exists()


def test_document_symbols_never_break_across_lines(tmp_path: Path) -> None:
    """Unwrapped, WeasyPrint breaks E/CN.4/2005/L.10 after its full stop; in a text it stays whole."""
    project = make_project(tmp_path / "project")
    cited = " ".join(f"see{'s' * n} E/CN.4/2005/L.10," for n in range(24))
    for language, opening in (("en", "A closing unnumbered paragraph."), ("es", "Un párrafo final sin número.")):
        text = project / "content" / language / "sample.yaml"     # the same symbols in both: they are compared
        text.write_text(text.read_text(encoding="utf-8").replace(opening, f"{opening[:-1]}, {cited} and more."), encoding="utf-8")
    output = tmp_path / "output"
    build(BuildOptions(root=project, output=output, formats=frozenset({"pdf"}),
                       selection=Selection(languages=frozenset({"en"})), jobs=1))
    lines = [line for page in pypdf.PdfReader(output / "en" / "sample.pdf").pages for line in page.extract_text().splitlines()]
    assert sum(line.count("E/CN.4/2005/L.10") for line in lines) == 24


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_build_leaves_no_font_folder_behind(jobs: str, tmp_path: Path) -> None:
    """WeasyPrint copies the fonts into a temporary folder per process (51 MB with the Arabic and
    Chinese families); every build used to leave one per worker in /tmp, until the disk was full."""
    import os
    import subprocess
    import sys

    project = make_project(tmp_path / "project")
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    run = subprocess.run([sys.executable, str(ROOT / "build.py"), "--root", str(project), "--jobs", jobs, "--format", "pdf"],
                         env={**os.environ, "TMPDIR": str(temporary), "PYTHONPATH": str(ROOT)}, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert (project / "output" / "en" / "sample.pdf").is_file()
    assert sorted(p.name for p in temporary.iterdir() if p.name.startswith("weasyprint-")) == []
