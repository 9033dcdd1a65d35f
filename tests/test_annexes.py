"""Annexes: numbered afresh, each on a new page, named from the catalog, in the outline and the
contents, checked, tracked and located in corrigenda (the kinds sample's report and resolution)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pypdf
import pytest
from conftest import ROOT, make_project

from editions.read.languages import load_language
from editions.read.loader import annex_style
from editions.read.model import ANNEX, Label, Unit
from editions.render.html import catalog, environment
from editions.render.localise import ANNEX_HEADING, ANNEX_HEADING_SINGLE

KINDS_SAMPLE = ROOT / "tests" / "kinds" / "content"
SIX = ROOT / "tests" / "samples" / "six" / "content"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_project(tmp_path_factory.mktemp("annexes") / "project", KINDS_SAMPLE)
    from editions.cli import main
    assert main(["--root", str(project), "build", "--output", str(project / "output"), "--jobs", "1"]) == 0
    return project / "output"


def pages(pdf: Path) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in pypdf.PdfReader(pdf).pages]


def outline(pdf: Path) -> list[tuple[str, int]]:
    reader = pypdf.PdfReader(pdf)
    found: list[tuple[str, int]] = []

    def walk(entries: list[object]) -> None:
        for entry in entries:
            if isinstance(entry, list):
                walk(entry)
            else:
                found.append((entry.title, reader.get_destination_page_number(entry) + 1))  # type: ignore[attr-defined, arg-type]
    walk(reader.outline)  # type: ignore[arg-type]
    return found


@pytest.mark.parametrize(("pdf", "first", "second"), [
    ("en/report.pdf", "Annex I Documents checked 1. Documents of 12 organs",
     "Annex II [Original: English] Observations of a secretariat 1. The secretariat"),
    ("es/report.pdf", "Anexo I Documentos verificados 1. Se verificaron",
     "Anexo II [Original: inglés] Observaciones de una secretaría 1. La secretaría"),
])
def test_each_annex_starts_a_page_of_its_own(built: Path, pdf: str, first: str, second: str) -> None:
    text = pages(built / pdf)
    assert len(text) == 3
    assert text[1].startswith(first) and text[2].startswith(second)
    assert "Annex" not in text[0] and "Anexo" not in text[0]


def test_the_original_line_shows_only_where_the_annex_was_written_in_another_language(built: Path) -> None:
    text = pages(built / "en" / "report.pdf")
    assert "[Original" not in text[1] and "[Original: English]" in text[2]   # the report's original is Spanish


def test_annexes_are_in_the_outline(built: Path) -> None:
    assert outline(built / "es" / "report.pdf")[-2:] == [("Anexo I Documentos verificados", 2),
                                                        ("Anexo II Observaciones de una secretaría", 3)]
    assert outline(built / "es-en" / "report.pdf")[-2:] == [
        ("Anexo I Documentos verificados / Annex I Documents checked", 2),
        ("Anexo II Observaciones de una secretaría / Annex II Observations of a secretariat", 3)]


def test_a_single_annex_is_annex_without_a_number_and_starts_a_page_in_the_bilingual_edition(built: Path) -> None:
    text = pages(built / "en-es" / "resolution.pdf")
    assert len(text) == 2 and text[1].startswith("Annex Checklist for secretariats before issue Anexo Lista")
    assert outline(built / "en" / "resolution.pdf")[-1] == ("Annex Checklist for secretariats before issue", 2)


def test_units_of_an_annex_have_their_own_identities_and_destinations(built: Path) -> None:
    destinations = set(pypdf.PdfReader(built / "en" / "report.pdf").named_destinations)
    assert {"annex-I", "annex-I.1", "annex-I.2", "annex-II", "annex-II.1", "I.1", "II.1"} <= destinations
    html = (built / "en" / "report.html").read_text(encoding="utf-8")
    assert '<section class="annex" id="annex-II"' in html and 'id="annex-II.1"' in html
    assert '<a class="counterpart" href="../es/report.html#annex-I.2" hreflang="es"' in html


def test_a_citation_into_an_annex_names_the_annex_in_the_edition_s_language(built: Path) -> None:
    assert "The results are given in annex II, paragraph 1." in pages(built / "en" / "report.pdf")[1]
    assert "Los resultados figuran en anexo II, párrafo 1." in pages(built / "es" / "report.pdf")[1]
    assert "as in annex, paragraph 1 and paragraph 2 of the" in pages(built / "en" / "resolution.pdf")[1]
    html = (built / "en" / "report.html").read_text(encoding="utf-8")
    assert '<a class="ref" href="#annex-II.1">annex II, paragraph 1</a>' in html


def test_the_contents_list_the_annexes(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    project = make_project(tmp_path / "project", KINDS_SAMPLE)
    report = project / "content" / "en" / "report.yaml"
    report.write_text(report.read_text(encoding="utf-8").replace("body:\n", "contents_after_pages: 1\nbody:\n", 1), encoding="utf-8")
    run = cli(project, "build", "--output", str(tmp_path / "out"), "--document", "report", "--language", "en", "--jobs", "1")
    assert run.status == 0, run.err
    first = pages(tmp_path / "out" / "en" / "report.pdf")[0]
    assert re.search(r"Annex I Documents checked \.*\s*2 Annex II Observations of a secretariat \.*\s*3", first), first


def test_a_corrigendum_locates_a_change_in_an_annex(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    project = make_project(tmp_path / "project", KINDS_SAMPLE)
    for language in ("en", "es"):
        published = project / "published" / "report" / "TST-80-17"
        published.mkdir(parents=True, exist_ok=True)
        content = project / "content" / language / "report.yaml"
        shutil.copyfile(content, published / f"{language}.yaml")
        text = content.read_text(encoding="utf-8").replace(
            "date: 2026-05-02\n", "date: 2026-05-02\namendments:\n  - kind: corrigendum\n    symbol: TST/80/17/Corr.1\n"
                                  "    date: 2026-06-01\n", 1)
        content.write_text(text.replace("{number:12} organs", "{number:14} organs").replace("{number:12} órganos", "{number:14} órganos"),
                           encoding="utf-8")
    assert cli(project, "confirm").status == 0
    run = cli(project, "build", "--format", "html", "--document", "report")
    assert run.status == 0, run.err
    for language, place in (("en", "Annex I, paragraph 1"), ("es", "Anexo I, párrafo 1")):
        html = (project / "output" / language / "report-corr1.html").read_text(encoding="utf-8")
        assert re.findall(r"<p class=\"place\"><span class=\"label\">\d+. </span>(.*?)</p>", html, re.S) == [place]
    assert "14 organs" in (project / "output" / "en" / "report-corr1.html").read_text(encoding="utf-8")


def test_a_marked_edition_marks_a_change_in_an_annex(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    project = make_project(tmp_path / "project", KINDS_SAMPLE)
    published = project / "published" / "report" / "TST-80-17"
    published.mkdir(parents=True)
    for language in ("en", "es"):
        content = project / "content" / language / "report.yaml"
        shutil.copyfile(content, published / f"{language}.yaml")
        content.write_text(content.read_text(encoding="utf-8").replace(
            "date: 2026-05-02\n", "date: 2026-05-02\namendments:\n  - kind: revision\n    symbol: TST/80/17/Rev.1\n"
                                  "    date: 2026-06-01\n", 1).replace("no difference", "no difference at all"), encoding="utf-8")
    run = cli(project, "build", "--format", "html", "--marked", "--document", "report", "--language", "en")
    assert run.status == 0, run.err
    marked = (project / "output" / "en" / "report-rev1-marked.html").read_text(encoding="utf-8")
    annex = marked[marked.index('id="annex-II"'):]
    assert "The secretariat found no difference <ins>at all </ins>in numbering." in annex


@pytest.mark.parametrize(("code", "numbered", "single"), [
    ("en", "Annex I", "Annex"), ("es", "Anexo I", "Anexo"), ("fr", "Annexe I", "Annexe"),
    ("ru", "Приложение I", "Приложение"), ("ar", "المرفق الأول", "المرفق"), ("zh", "附件一", "附件"),
])
def test_each_official_language_names_its_annexes(tmp_path: Path, code: str, numbered: str, single: str) -> None:
    project = make_project(tmp_path / "project", SIX)
    language = load_language(project / "content" / code, project)
    words = catalog(environment(project, language))
    assert words(ANNEX_HEADING) % {"number": annex_style(language).numeral(1)} == numbered
    assert words(ANNEX_HEADING_SINGLE) == single


def test_an_annex_s_unit_is_named_by_its_annex_in_messages() -> None:
    from editions.check.names import describe
    from editions.read.model import Location
    where = Location("content/en/report.yaml", 3)
    assert describe(Unit(ANNEX, where, Label(ANNEX, 2, "II"), "annex-II")) == "annex II"
    assert describe(Unit("paragraph", where, Label("paragraph", 3, "3"), "annex-II.3")) == "paragraph 3 of annex II"
    assert describe(Unit("paragraph", where, Label("paragraph", 3, "3"), "annex.3")) == "paragraph 3 of the annex"


DECLARATION = {
    "en": ("Declaration on parallel editions", "General provisions", "Scope", "Every edition keeps the numbering.",
           "Each language writes its own labels.", "Final provisions", "Review", "As provided in {cite:annex.1}."),
    "es": ("Declaración sobre las ediciones paralelas", "Disposiciones generales", "Alcance", "Cada edición conserva la numeración.",
           "Cada idioma escribe sus etiquetas.", "Disposiciones finales", "Examen", "Según lo dispuesto en {cite:annex.1}."),
}


def _declaration(language: str, third: str = "3") -> str:
    """An annex numbered with the convention scheme: chapters, articles numbered through the annex."""
    title, chapter, scope, first, second, final, review, cited = DECLARATION[language]
    return (f"annexes:\n  - title: {title}\n    scheme: convention\n    body:\n"
            f"      - chapter: I\n        title: {chapter}\n        body:\n"
            f"          - article: 1\n            title: {scope}\n            body:\n"
            f"              - paragraph: 1\n                text: {first}\n"
            f"              - paragraph: 2\n                text: {second}\n"
            f"      - chapter: II\n        title: {final}\n        body:\n"
            f"          - article: {third}\n            title: {review}\n            body:\n"
            f"              - paragraph: 1\n                text: \"{cited}\"\n")


def _with_declaration(tmp_path: Path, spanish_third: str = "2") -> Path:
    project = make_project(tmp_path / "project", ROOT / "tests" / "samples" / "content")
    for language, third in (("en", "2"), ("es", spanish_third)):
        path = project / "content" / language / "resolution.yaml"
        path.write_text(path.read_text(encoding="utf-8") + _declaration(language, third), encoding="utf-8")
    return project


def test_an_annex_may_be_numbered_with_a_scheme_of_its_own(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    project = _with_declaration(tmp_path)
    run = cli(project, "build", "--output", str(tmp_path / "out"), "--document", "resolution", "--jobs", "1")
    assert run.status == 0, run.err
    english, spanish = (pages(tmp_path / "out" / code / "resolution.pdf")[-1] for code in ("en", "es"))
    assert "Annex Declaration on parallel editions CHAPTER I GENERAL PROVISIONS Article 1 Scope" in english
    assert "CHAPTER II FINAL PROVISIONS Article 2 Review 1. As provided in annex, article 1." in english
    assert "CAPÍTULO II DISPOSICIONES FINALES Artículo 2 Examen 1. Según lo dispuesto en anexo, artículo 1." in spanish
    assert {"annex.I", "annex.1", "annex.1.2", "annex.2.1"} <= set(pypdf.PdfReader(tmp_path / "out" / "en" / "resolution.pdf").named_destinations)


def test_an_annex_s_own_scheme_numbers_through_the_annex_and_is_checked(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    project = _with_declaration(tmp_path, spanish_third="3")
    run = cli(project, "check")
    assert run.status == 1
    assert [line for line in run.lines if "confirmed" not in line] == [
        "content/es/resolution.yaml:52: article 3 of the annex follows article 1 of the annex: article 2 is missing"]
