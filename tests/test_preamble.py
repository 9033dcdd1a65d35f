"""Resolutions' preambular paragraphs, through every stage: anchored, tracked, corrected and marked one by one.

One file for the feature rather than a test in each stage's file: the kinds sample's
resolution (tests/kinds/content) is built once here and edited per test. The check's
messages for a missing, extra or mis-written preambular paragraph are named bad inputs
(tests/bad/numbering/preamble-*.yaml).
"""

from __future__ import annotations

import re
from pathlib import Path

import pypdf
import pytest
from conftest import ROOT, edit, make_project, publish_and_amend

from editions.build import BuildOptions, build

KINDS_SAMPLE = ROOT / "tests" / "kinds" / "content"
PREAMBLES = ("pp1", "pp2", "pp3")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_project(tmp_path_factory.mktemp("preamble") / "project", KINDS_SAMPLE)
    build(BuildOptions(root=project, output=project / "output", jobs=1))
    return project / "output"


@pytest.fixture
def resolution(tmp_path: Path) -> Path:
    return make_project(tmp_path / "project", KINDS_SAMPLE)


def amend(project: Path, entry: str) -> None:
    """Snapshot the resolution as published TST/RES/80/4, then list an amendment in both languages."""
    publish_and_amend(project, "resolution", "TST-RES-80-4", "2026-03-10", entry)


@pytest.mark.parametrize("language", ["en", "es"])
def test_each_preambular_paragraph_has_its_identity_in_every_language(built: Path, language: str) -> None:
    html = (built / language / "resolution.html").read_text(encoding="utf-8")
    assert re.findall(r'<p class="placed preamble block indent-0" id="(pp\d+)">', html) == list(PREAMBLES)
    other = "es" if language == "en" else "en"
    for identity in PREAMBLES:      # the language switch keeps the reader's place
        assert f'href="../{other}/resolution.html#{identity}"' in html
    assert re.search(r'<p class="block indent-0"><em>(The General Assembly|La Asamblea General)</em>,</p>', html)
    assert '<div class="unit paragraph indent-0 indented" id="1">' in html


def test_preambular_paragraphs_are_named_destinations_of_the_pdf(built: Path) -> None:
    for language in ("en", "es"):
        assert set(PREAMBLES) <= set(pypdf.PdfReader(built / language / "resolution.pdf").named_destinations)


def test_each_preambular_paragraph_is_a_row_of_the_bilingual_edition(built: Path) -> None:
    html = (built / "en-es" / "resolution.html").read_text(encoding="utf-8")
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", html, re.S)
    for identity in PREAMBLES:
        row = next(row for row in rows if f'id="en-{identity}"' in row)
        assert f'id="es-{identity}"' in row and row.count('class="placed') == 2


def test_a_changed_preambular_paragraph_is_tracked_on_its_own(resolution: Path, cli) -> None:  # type: ignore[no-untyped-def]
    assert cli(resolution, "confirm").status == 0
    edit(resolution / "content" / "en" / "resolution.yaml", "*Noting* that readers compare", "*Noting* that many readers compare")
    run = cli(resolution, "check", "--diff")
    assert run.lines[0] == ("content/es/resolution.yaml:22: preambular paragraph 2 changed in the English original "
                            "since this translation was confirmed")
    assert "{+many+}" in run.err
    assert len([line for line in run.lines if line.startswith("content/")]) == 1
    assert cli(resolution, "confirm", "-d", "resolution", "--unit", "pp2").status == 0
    assert cli(resolution, "check", "--strict").err == ""


@pytest.mark.parametrize(("language", "place", "old", "new"), [
    ("en", "Preambular paragraph 2", "readers compare", "readers read"),
    ("es", "Párrafo 2 del preámbulo", "lectores comparan", "lectores leen"),
])
def test_a_corrigendum_places_a_preambular_paragraph_as_the_united_nations_do(
        resolution: Path, cli, language: str, place: str, old: str, new: str) -> None:  # type: ignore[no-untyped-def]
    amend(resolution, f"  - kind: corrigendum\n    symbol: TST/RES/80/4/Corr.1\n    date: 2026-04-01\n    languages: [{language}]\n")
    edit(resolution / "content" / language / "resolution.yaml", old, new)
    cli(resolution, "confirm")
    run = cli(resolution, "build", "--format", "html")
    assert run.status == 0, run.err
    html = (resolution / "output" / language / "resolution-corr1.html").read_text(encoding="utf-8")
    places = re.findall(r"<p class=\"place\"><span class=\"label\">\d+. </span>(.*?)</p>", html, re.S)
    assert places == [place]


def test_a_marked_edition_marks_the_changes_of_a_preambular_paragraph(resolution: Path, cli) -> None:  # type: ignore[no-untyped-def]
    amend(resolution, "  - kind: revision\n    symbol: TST/RES/80/4/Rev.1\n    date: 2026-04-01\n")
    edit(resolution / "content" / "en" / "resolution.yaml", "*Noting* that readers compare", "*Noting* that many readers compare")
    run = cli(resolution, "build", "--format", "html", "--marked")
    assert run.status == 0, run.err
    marked = (resolution / "output" / "en" / "resolution-rev1-marked.html").read_text(encoding="utf-8")
    paragraph = re.search(r'<p class="placed preamble block indent-0" id="pp2">(.*?)</p>', marked, re.S)
    assert paragraph and "<em>Noting</em> that<ins> many</ins> readers compare" in paragraph.group(1)


def test_a_convention_has_a_preamble_before_its_articles(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    """The convention scheme counts preambular paragraphs as a resolution's, and refuses one after an article."""
    project = make_project(tmp_path / "project", ROOT / "tests" / "samples" / "content")
    english, spanish = (project / "content" / language / "convention.yaml" for language in ("en", "es"))
    edit(english, '  - text: "*The States Parties to the present Convention*, have agreed as follows:"\n',
         '  - text: "*The States Parties to the present Convention*,"\n'
         '  - preamble: "*Considering* that official texts are issued in several languages,"\n'
         '  - preamble: "*Have agreed* as follows:"\n')
    text = spanish.read_text(encoding="utf-8")
    opening = next(line for line in text.splitlines(keepends=True) if line.startswith("  - text:"))
    edit(spanish, opening, '  - text: "*Los Estados Partes en la presente Convención*,"\n'
                           '  - preamble: "*Considerando* que los textos oficiales se publican en varios idiomas,"\n'
                           '  - preamble: "*Han convenido* en lo siguiente:"\n')
    assert cli(project, "check").status == 0
    build(BuildOptions(root=project, output=project / "output", formats=frozenset({"html"}), jobs=1))
    html = (project / "output" / "en" / "convention.html").read_text(encoding="utf-8")
    assert re.findall(r'class="placed preamble[^"]*" id="(pp\d)"', html) == ["pp1", "pp2"]
    assert html.index('id="pp2"') < html.index('id="1"')
    edit(english, '  - preamble: "*Have agreed* as follows:"\n', "")        # moved to the end, after the chapters
    english.write_text(english.read_text(encoding="utf-8") + '  - preamble: "*Have agreed* as follows:"\n', encoding="utf-8")
    run = cli(project, "check")
    assert run.status == 1
    assert any("preambular paragraph 2 stands after chapter I" in line and "the preambular paragraphs come before the chapters" in line
               for line in run.lines), run.lines
