"""Kinds of document: a resolution and a report, in English and Spanish, built and read back."""

from __future__ import annotations

import shutil
from pathlib import Path

import pypdf
import pytest
from conftest import ROOT, make_project

from editions.build import BuildOptions, build
from editions.read.kinds import load_kinds

KINDS_SAMPLE = ROOT / "tests" / "kinds" / "content"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_project(tmp_path_factory.mktemp("kinds") / "project", KINDS_SAMPLE)
    build(BuildOptions(root=project, output=project / "output", jobs=1))
    return project / "output"


def pdf_text(path: Path) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in pypdf.PdfReader(path).pages)


def first_page(path: Path) -> str:
    return " ".join(pypdf.PdfReader(path).pages[0].extract_text().split())


# As A/53/100 and A/59/2005/Add.2 print them in Spanish: "Distr. general", "Español", "Original: inglés".
@pytest.mark.parametrize(("edition", "masthead"), [
    ("en/resolution.pdf", ["United Nations", "General Assembly", "TST/RES/80/4", "Distr.: General", "10 March 2026",
                           "Original: English", "Eightieth session", "Agenda item 12",
                           "Resolution adopted by the General Assembly on 4 March 2026"]),
    ("es/resolution.pdf", ["Naciones Unidas", "Asamblea General", "TST/RES/80/4", "Distr. general", "10 de marzo de 2026",
                           "Español", "Original: inglés", "Octogésimo período de sesiones", "Tema 12 del programa",
                           "Resolución aprobada por la Asamblea General el 4 de marzo de 2026"]),
    ("en/report.pdf", ["United Nations", "General Assembly", "TST/80/17", "Distr.: Limited", "2 May 2026",
                       "English", "Original: Spanish", "Eightieth session", "Agenda item 12"]),
    ("es/report.pdf", ["Naciones Unidas", "Asamblea General", "TST/80/17", "Distr. limitada", "2 de mayo de 2026",
                       "Original: español", "Octogésimo período de sesiones", "Tema 12 del programa"]),
])
def test_masthead_of_each_kind_read_back_from_the_pdf(built: Path, edition: str, masthead: list[str]) -> None:
    text = first_page(built / edition)
    for line in masthead:
        assert line in text, line


def test_the_original_prints_no_language_of_the_version(built: Path) -> None:
    assert "Original: English" in first_page(built / "en" / "resolution.pdf")
    assert " English " not in f" {first_page(built / 'en' / 'resolution.pdf')} ".replace("Original: English", "")


def test_bilingual_edition_keeps_distribution_and_date_in_both_languages(built: Path) -> None:
    text = first_page(built / "es-en" / "report.pdf")
    for line in ["Distr. limitada", "2 de mayo de 2026", "Distr.: Limited", "2 May 2026", "Original: español", "Original: Spanish"]:
        assert line in text, line


def test_html_editions_carry_the_masthead_too(built: Path) -> None:
    html = (built / "en" / "resolution.html").read_text(encoding="utf-8")
    assert '<header class="masthead organ-masthead">' in html
    assert '<p class="organ">General Assembly</p>' in html
    assert '<p class="distribution issue-date">10 March 2026</p>' in html


def french(project: Path) -> None:
    """A French folder with its settings, for one of the two documents (the project ships the French catalog)."""
    shutil.copytree(project / "content" / "en", project / "content" / "fr", ignore=shutil.ignore_patterns("resolution.yaml"))
    settings = project / "content" / "fr" / "language.yaml"
    settings.write_text(settings.read_text(encoding="utf-8").replace("locale: en_GB", "locale: fr"), encoding="utf-8")
    report = project / "content" / "fr" / "report.yaml"
    report.write_text(report.read_text(encoding="utf-8").replace("language: en", "language: fr"), encoding="utf-8")
    assert (project / "locales" / "fr" / "LC_MESSAGES" / "messages.po").is_file()


def test_french_for_one_of_two_documents_touches_no_other(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    project = make_project(tmp_path / "project", KINDS_SAMPLE)
    french(project)
    run = cli(project, "build", "--format", "html")
    assert run.status == 0, run.err
    output = project / "output"
    assert (output / "fr" / "report.html").is_file() and not (output / "fr" / "resolution.html").exists()
    assert "Original\u202f: espagnol" in (output / "fr" / "report.html").read_text(encoding="utf-8")
    assert (output / "en" / "resolution.html").is_file() and (output / "es" / "resolution.html").is_file()


def test_a_french_report_is_checked_against_its_spanish_original(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    project = make_project(tmp_path / "project", KINDS_SAMPLE)
    french(project)
    report = project / "content" / "fr" / "report.yaml"
    report.write_text(report.read_text(encoding="utf-8").replace('agenda_item: "12"', 'agenda_item: "13"'), encoding="utf-8")
    run = cli(project, "check")
    assert run.status == 1
    assert run.lines == ["content/fr/report.yaml:13: agenda_item is 13 here; the Spanish original has 12 (content/es/report.yaml:13)"]


def test_several_agenda_items_are_listed_as_each_language_lists_them(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    """A resolution adopted under two agenda items (A/RES/70/1: items 15 and 116): the plural, and the
    language's own list, from one shared list; a list that differs is a problem showing both lists."""
    project = make_project(tmp_path / "project", KINDS_SAMPLE)
    for code in ("en", "es"):
        resolution = project / "content" / code / "resolution.yaml"
        resolution.write_text(resolution.read_text(encoding="utf-8").replace('agenda_item: "12"', "agenda_item: [15, 116]"),
                              encoding="utf-8")
    run = cli(project, "build", "--format", "html")
    assert run.status == 0, run.err
    assert '<p class="agenda-item">Agenda items 15 and 116</p>' in (project / "output" / "en" / "resolution.html").read_text(encoding="utf-8")
    assert '<p class="agenda-item">Temas 15 y 116 del programa</p>' in (project / "output" / "es" / "resolution.html").read_text(encoding="utf-8")
    spanish = project / "content" / "es" / "resolution.yaml"
    spanish.write_text(spanish.read_text(encoding="utf-8").replace("agenda_item: [15, 116]", "agenda_item: [15]"), encoding="utf-8")
    run = cli(project, "check")
    assert run.status == 1
    assert run.lines == ["content/es/resolution.yaml:14: agenda_item is 15 here; the English original has 15, 116 "
                         "(content/en/resolution.yaml:14)"]


def test_every_shipped_kind_is_well_formed() -> None:
    kinds, problems = load_kinds(ROOT)
    assert problems == []
    assert sorted(kinds) == ["conference-paper", "convention", "note", "report", "resolution"]
    assert kinds["resolution"].shared == ("agenda_item", "adopted")


def _lines(page: pypdf.PageObject) -> list[tuple[float, str]]:
    """The page's text runs from top to bottom, each with its height on the page."""
    found: list[tuple[float, str]] = []

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if text.strip():
            found.append((cm[5] + tm[5] * cm[3], text))
    page.extract_text(visitor_text=visit)
    return sorted(found, key=lambda run: -run[0])


@pytest.mark.parametrize(("edition", "called", "note"), [
    ("en/report.pdf", "Some 1,200 documents", "The figures are those of 30 April 2026"),
    ("es/report.pdf", "Se verificaron 1.200", "Cifras al 30 de abril de 2026"),
    ("es-en/report.pdf", "Some 1,200 documents", "The figures are those of 30 April 2026"),
])
def test_footnotes_are_printed_at_the_foot_of_the_page_that_calls_them(built: Path, edition: str, called: str, note: str) -> None:
    pages = pypdf.PdfReader(built / edition).pages
    page = next(page for page in pages if called in " ".join(page.extract_text().split()))
    runs = _lines(page)
    note_at = next(height for height, text in runs if text.startswith(note))
    body = [height for height, text in runs if "Ninguno difería" in text or "None differed" in text or "differed from" in text]
    assert body and note_at < min(body)        # below the last paragraph of the text
    assert note_at < 100                       # at the foot of an A4 page (842 pt high)


def test_footnotes_link_to_their_calls_and_back_in_html(built: Path) -> None:
    html = (built / "en" / "report.html").read_text(encoding="utf-8")
    assert '<sup class="footnote-call"><a href="#fn-2" id="fnref-2">2</a></sup>' in html
    assert '<li id="fn-2" value="2">The figures are those of 30 April 2026; see paragraph <a class="ref" href="#I.1">1</a>.' in html
    assert 'href="#fnref-2"' in html
    bilingual = (built / "es-en" / "report.html").read_text(encoding="utf-8")
    assert 'href="#es-fn-1"' in bilingual and 'id="es-fn-1"' in bilingual and 'id="en-fnref-1"' in bilingual


def test_a_paragraph_is_not_broken_after_its_first_word(built: Path) -> None:
    """WeasyPrint took a run that fits but for its trailing space (the text before the reference in
    paragraph II.2 of the sample report) for too wide, and printed "2. None" alone on its first line
    (editions/render/linebreak.py)."""
    import subprocess

    page = subprocess.run(["pdftotext", "-layout", "-f", "1", "-l", "1", str(built / "en" / "report.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    line = next(text for text in page.splitlines() if text.strip().startswith("2."))
    assert "None differed from its original in numbering" in line, line
