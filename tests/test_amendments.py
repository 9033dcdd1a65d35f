"""Corrigenda generated from the published text, revisions and their marked editions."""

from __future__ import annotations

import datetime
import re
import shutil
from pathlib import Path

import pypdf
import pytest
from conftest import ROOT, edit, make_project, publish_and_amend
from hypothesis import given
from hypothesis import strategies as st

from editions.build import BuildOptions, build, check
from editions.read.amendments import amendment_texts
from editions.read.inline import InlineStyle, notes, parse, render_plain
from editions.read.model import Inline
from editions.render.corrigendum import changes
from editions.render.marked import marked_runs


def amend(project: Path, entry: str) -> None:
    """Snapshot the sample as published TST/7, then list an amendment in both languages."""
    publish_and_amend(project, "sample", "TST-7", "2025-12-15", entry)


def test_dsc1_corrigendum_1_corrects_the_slips_of_the_english_text() -> None:
    project = check(ROOT).project
    english = project.documents["dsc-1"]["en"]
    [corrigendum] = english.meta.amendments
    found = changes(amendment_texts(ROOT, english, project.languages["en"], corrigendum), project.languages["en"], str)
    assert [(c.place, c.old, c.new) for c in found] == [
        ((("masthead", ""), ("organization", "2")),
         "International Organization for Migration (OIM)", "International Organization for Migration (IOM)"),
        ((("section", "III"), ("text", "1")),
         "Presenters encouraged countries to consider ratification of these instruments, as well as implementation of those ratified to date..",
         "Presenters encouraged countries to consider ratification of these instruments, as well as implementation of those ratified to date."),
        ((("section", "III"), ("subsection", "A"), ("paragraph", "10")),
         found[2].old, found[2].old.replace("given forming", "given to forming")),
    ]
    assert "given forming" in found[2].old


def test_dsc1_corrigendum_pdf_in_english_only(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    run = cli(ROOT, "build", "--output", str(tmp_path), "--document", "dsc-1", "--jobs", "1")
    assert run.status == 0, run.err
    assert (tmp_path / "en" / "dsc-1-corr1.pdf").is_file() and not (tmp_path / "es" / "dsc-1-corr1.pdf").exists()
    pdf = pypdf.PdfReader(tmp_path / "en" / "dsc-1-corr1.pdf")
    text = " ".join(" ".join(page.extract_text().split()) for page in pdf.pages)
    assert "DSC/1/Corr.1" in text and "20 JANUARY 2003" in text and "ENGLISH ONLY" in text
    assert "1. Masthead, organization 2" in text
    assert "For International Organization for Migration (OIM) read International Organization for Migration (IOM)" in text
    assert "2. Section III, first paragraph, last sentence" in text
    assert "3. Section III, subsection A, paragraph 10" in text
    assert pdf.metadata is not None and pdf.metadata.title == "DSC/1/Corr.1 · Report · Corrigendum"
    corrected = " ".join(p.extract_text() for p in pypdf.PdfReader(tmp_path / "en" / "dsc-1.pdf").pages)
    assert "(IOM)" in corrected and "(OIM)" not in corrected and "given to forming" in " ".join(corrected.split())


def test_spanish_corrigendum_uses_the_spanish_form(sample: Path, cli) -> None:  # type: ignore[no-untyped-def]
    amend(sample, "  - kind: corrigendum\n    symbol: TST/7/Corr.1\n    date: 2026-01-10\n    languages: [es]\n")
    edit(sample / "content" / "es" / "sample.yaml", "text: La capacitación.", "text: La formación.")
    cli(sample, "confirm")
    run = cli(sample, "build", "--format", "html")
    assert run.status == 0, run.err
    html = (sample / "output" / "es" / "sample-corr1.html").read_text(encoding="utf-8")
    place = re.search(r"<p class=\"place\"><span class=\"label\">1. </span>(.*?)</p>", html, re.S)
    assert place and place.group(1) == "Sección II, subsección A, párrafo 2, apartado b)"
    assert '<span class="keyword">Donde dice: </span>La capacitación.' in html
    assert '<span class="keyword">Debe decir: </span>La formación.' in html
    assert "Solo en español" in html and "10 de enero de 2026" in html
    assert "<p class=\"distribution\">Distr. general</p>" in html    # the distribution of the corrected text
    assert not (sample / "output" / "en" / "sample-corr1.html").exists()


def test_a_corrigendum_that_changes_structure_is_refused(sample: Path, cli) -> None:  # type: ignore[no-untyped-def]
    amend(sample, "  - kind: corrigendum\n    symbol: TST/7/Corr.1\n    date: 2026-01-10\n")
    for language in ("en", "es"):
        edit(sample / "content" / language / "sample.yaml", "      - heading: ", "      - text: ")
    run = cli(sample, "check")
    assert run.status == 1
    assert run.lines == [
        "content/en/sample.yaml:23: TST/7/Corr.1 changes the structure here, not only the text: a corrigendum corrects text; issue a revision",
        "content/es/sample.yaml:23: TST/7/Corr.1 changes the structure here, not only the text: a corrigendum corrects text; issue a revision",
    ]


def test_a_missing_published_text_is_reported(sample: Path, cli) -> None:  # type: ignore[no-untyped-def]
    amend(sample, "  - kind: corrigendum\n    symbol: TST/7/Corr.1\n    date: 2026-01-10\n    languages: [en]\n")
    (sample / "published" / "sample" / "TST-7" / "en.yaml").unlink()
    run = cli(sample, "check")
    assert run.lines == ["content/en/sample.yaml:14: the published text of TST/7 in this language is missing: published/sample/TST-7/en.yaml"]


def test_revision_gets_its_symbol_and_a_marked_edition(sample: Path, cli) -> None:  # type: ignore[no-untyped-def]
    amend(sample, "  - kind: revision\n    symbol: TST/7/Rev.1\n    date: 2026-02-01\n")
    english = sample / "content" / "en" / "sample.yaml"
    edit(english, "text: Training.", "text: Training of officials.")
    edit(english, "      - paragraph: 2\n        text: A paragraph with", "      - paragraph: 2\n        text: A new paragraph.\n      - paragraph: 3\n        text: A paragraph with")
    edit(sample / "content" / "es" / "sample.yaml", "      - paragraph: 2\n        text: Un párrafo con",
         "      - paragraph: 2\n        text: Un párrafo nuevo.\n      - paragraph: 3\n        text: Un párrafo con")
    assert cli(sample, "build", "--format", "html").status == 0
    assert '<p class="symbol"><bdi dir="ltr">TST/7/Rev.1</bdi></p>' in (sample / "output" / "en" / "sample.html").read_text(encoding="utf-8")
    run = cli(sample, "build", "--format", "html", "--marked")
    assert run.status == 0, run.err
    marked = (sample / "output" / "en" / "sample-rev1-marked.html").read_text(encoding="utf-8")
    assert "Changes since TST/7: insertions in bold, deletions struck through." in marked
    assert "Training<ins> of officials.</ins>" in marked or "<del>Training.</del><ins class=\"apart\">Training of officials.</ins>" in marked
    assert '<div class="unit paragraph indent-0" id="I.3">' in marked
    assert "<ins>A new paragraph.</ins>" in marked
    assert (sample / "output" / "es" / "sample-rev1-marked.html").is_file()


def test_publish_keeps_the_current_text_as_the_latest_version(sample: Path, cli) -> None:  # type: ignore[no-untyped-def]
    run = cli(sample, "publish")
    assert run.status == 0
    assert run.out.splitlines() == ["published published/sample/TST-7/en.yaml", "published published/sample/TST-7/es.yaml"]
    assert (sample / "published" / "sample" / "TST-7" / "es.yaml").read_bytes() == (sample / "content" / "es" / "sample.yaml").read_bytes()


def test_a_corrected_footnote_is_placed_by_its_number(sample: Path, cli) -> None:  # type: ignore[no-untyped-def]
    edit(sample / "content" / "en" / "sample.yaml", "text: Training.", "text: Training.{note:As agreed in 2024.}")
    edit(sample / "content" / "es" / "sample.yaml", "text: La capacitación.", "text: La capacitación.{note:Según lo acordado en 2024.}")
    amend(sample, "  - kind: corrigendum\n    symbol: TST/7/Corr.1\n    date: 2026-01-10\n    languages: [es]\n")
    edit(sample / "content" / "es" / "sample.yaml", "en 2024.}", "en 2025.}")
    cli(sample, "confirm")
    run = cli(sample, "build", "--format", "html")
    assert run.status == 0, run.err
    html = (sample / "output" / "es" / "sample-corr1.html").read_text(encoding="utf-8")
    places = re.findall(r"<p class=\"place\"><span class=\"label\">\d+. </span>(.*?)</p>", html, re.S)
    assert places == ["Nota de pie de página 1"]
    assert '<span class="keyword">Donde dice: </span>Según lo acordado en 2024.' in html
    assert '<span class="keyword">Debe decir: </span>Según lo acordado en 2025.' in html


def test_a_marked_edition_keeps_the_footnotes_and_marks_their_changes(sample: Path, cli) -> None:  # type: ignore[no-untyped-def]
    english = sample / "content" / "en" / "sample.yaml"
    edit(english, "text: Training.", "text: Training.{note:As agreed in 2024.}")
    edit(sample / "content" / "es" / "sample.yaml", "text: La capacitación.", "text: La capacitación.{note:Según lo acordado en 2024.}")
    amend(sample, "  - kind: revision\n    symbol: TST/7/Rev.1\n    date: 2026-02-01\n")
    edit(english, "text: Training.{note:As agreed in 2024.}", "text: Training of officials.{note:As agreed in 2025.}")
    run = cli(sample, "build", "--format", "html", "--marked")
    assert run.status == 0, run.err
    marked = (sample / "output" / "en" / "sample-rev1-marked.html").read_text(encoding="utf-8")
    assert '<sup class="footnote-call"><a href="#fn-1" id="fnref-1">1</a></sup>' in marked
    note = re.search(r'<li id="fn-1" value="1">(.*?) <a class="footnote-back"', marked)
    assert note and "<del>2024.</del>" in note.group(1) and '<ins class="apart">2025.</ins>' in note.group(1)


KINDS_SAMPLE = ROOT / "tests" / "kinds" / "content"


@pytest.fixture(scope="module")
def revised(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The kinds sample's resolution published with a number and two footnotes, then revised in
    TST/RES/80/4/Rev.1: words inserted and replaced around its markup, a number and a footnote's date
    changed, a paragraph added; its marked editions built, HTML and PDF."""
    project = make_project(tmp_path_factory.mktemp("revised") / "project", KINDS_SAMPLE)
    english, spanish = (project / "content" / language / "resolution.yaml" for language in ("en", "es"))
    edit(english, "paragraphs and subparagraphs;", "paragraphs and subparagraphs of some {number:250000} pages;")
    edit(spanish, "párrafos y apartados;", "párrafos y apartados de unas {number:250000} páginas;")
    published = project / "published" / "resolution" / "TST-RES-80-4"
    published.mkdir(parents=True)
    for path in (english, spanish):
        shutil.copyfile(path, published / f"{path.parent.name}.yaml")
        edit(path, "date: 2026-03-10\n", "date: 2026-03-10\namendments:\n  - kind: revision\n    symbol: TST/RES/80/4/Rev.1\n"
                                         "    date: 2026-04-01\n")
    edit(english, "*Decides* to remain seized", "*Decides* to remain actively seized")
    edit(english, "*Requests* that every edition", "*Also requests* that every edition")
    edit(english, "of {date:2025-03-01}.}", "of {date:2025-03-02}.}")
    edit(spanish, "de {date:2025-03-01}.}", "de {date:2025-03-02}.}")      # values are the same in every language
    edit(english, "some {number:250000} pages;", "some {number:1250000} pages;")
    edit(spanish, "unas {number:250000} páginas;", "unas {number:1250000} páginas;")
    edit(english, "such as paragraph {ref:1};", "such as paragraph {ref:1} of this resolution;")
    for path, text in ((english, "*Requests* a report on {date:2027-03-01}."), (spanish, "*Pide* un informe el {date:2027-03-01}.")):
        edit(path, "\nannexes:", f"\n  - paragraph: 4\n    text: >-\n      {text}\nannexes:")
    build(BuildOptions(root=project, output=project / "output", marked=True, jobs=1))
    return project / "output"


def marked_paragraph(output: Path, identity: str) -> str:
    """The marked English text of a numbered paragraph, its label and language switch left out."""
    html = (output / "en" / "resolution-rev1-marked.html").read_text(encoding="utf-8")
    found = re.search(rf'id="{re.escape(identity)}">\s*<p class="unit-text"><span class="label">[^<]*</span>(.*?)<a class="counterpart"',
                      html, re.S)
    assert found, identity
    return found.group(1)


def test_a_changed_resolution_paragraph_keeps_its_italic_first_words(revised: Path) -> None:
    assert marked_paragraph(revised, "3") == "<em>Decides</em> to remain<ins> actively</ins> seized of the matter."
    assert marked_paragraph(revised, "1").startswith('<em><del>Requests</del><ins class="apart">Also requests</ins></em> that every edition')


def test_an_added_paragraph_keeps_its_markup_inside_the_insertion(revised: Path) -> None:
    assert marked_paragraph(revised, "4") == "<em><ins>Requests</ins></em><ins> a report on 1 March 2027.</ins>"


def test_a_changed_number_is_struck_and_inserted_whole_in_the_locale_s_format(revised: Path) -> None:
    assert marked_paragraph(revised, "2.a") == ("the numbering of paragraphs and subparagraphs of some "
                                               "<del>250,000</del><ins class=\"apart\">1,250,000</ins> pages;")


def test_a_footnote_in_a_changed_paragraph_is_called_in_place_with_its_number(revised: Path) -> None:
    assert marked_paragraph(revised, "2.b") == (
        'the references from one paragraph to another, such as paragraph <a class="ref" href="#1">1</a>'
        '<del>;</del><ins> of this resolution;</ins><sup class="footnote-call"><a href="#fn-2" id="fnref-2">2</a></sup>')
    html = (revised / "en" / "resolution-rev1-marked.html").read_text(encoding="utf-8")
    assert '<li id="fn-2" value="2">Cross-references are printed as the label of the paragraph cited. <a class="footnote-back"' in html
    note = re.search(r'<li id="fn-1" value="1">(.*?) <a class="footnote-back"', html)
    assert note and note.group(1) == ('See resolution <span class="document-symbol">TST/RES/79/2</span> of '
                                      '<del>1 March 2025</del><ins class="apart">2 March 2025</ins>.')


def test_the_marked_pdf_prints_each_footnote_of_a_changed_paragraph_at_the_foot_of_its_page(revised: Path) -> None:
    pages = [" ".join(page.extract_text().split()) for page in pypdf.PdfReader(revised / "en" / "resolution-rev1-marked.pdf").pages]
    assert any("such as paragraph 1; of this resolution;2 3. Decides" in page for page in pages), pages
    assert any("2 Cross-references are printed as the label of the paragraph cited." in page for page in pages), pages


STYLE = InlineStyle(quotes=("“", "”"), number=lambda value: f"#{value}", date=datetime.date.isoformat,
                    ref_label=lambda identity: f"¶{identity}", ref_href=lambda identity: f"#{identity}")
SNIPPETS = ("Decides", "to", "act", "now,", "*Recalling*", "*Also decides*", "**in full**", '"as agreed"', '"as *agreed*"',
            "{number:12}", "{number:18}", "{date:2025-03-01}", "{ref:1}", "{cite:2.b}", "{br}", "{note:As agreed.}",
            "{note:As *agreed* in 2024.}", "{note:As agreed in 2025.}", "A/RES/73/195")
texts = st.lists(st.sampled_from(SNIPPETS), max_size=8).map(" ".join)


def accepted(runs: tuple[Inline, ...]) -> tuple[Inline, ...]:
    """The marked runs with every change accepted: deletions dropped, insertions kept unmarked."""
    kept: list[Inline] = []
    for run in runs:
        if run.kind == "ins":
            kept += accepted(run.children)
        elif run.kind != "del":
            kept.append(Inline(run.kind, run.value, accepted(run.children)))
    return tuple(kept)


def rejected(runs: tuple[Inline, ...]) -> tuple[Inline, ...]:
    """The marked runs with every change rejected: insertions dropped, deletions kept unmarked."""
    return accepted(tuple(Inline({"ins": "del", "del": "ins"}.get(run.kind, run.kind), run.value, rejected(run.children))
                          if run.kind != "note" else run for run in runs))


def characters(runs: tuple[Inline, ...], around: tuple[str, ...] = ()) -> list[object]:
    """Each character and field with the emphasis around it, however the runs are split; a quotation
    as its marks."""
    found: list[object] = []
    for run in runs:
        if run.kind in ("emphasis", "strong"):
            found += characters(run.children, (*around, run.kind))
        elif run.kind == "text":
            found += [(around, char) for char in run.value]
        elif run.kind == "quote":
            found += [(around, STYLE.quotes[0]), *characters(run.children, around), (around, STYLE.quotes[1])]
        else:
            found.append((around, run.kind, run.value, characters(run.children)))
    return found


@given(before=texts, after=texts)
def test_a_marked_text_reads_as_the_new_text_with_its_changes_accepted_and_as_the_old_one_rejected(before: str, after: str) -> None:
    old, new = parse(before), parse(after)
    marked = marked_runs(old, new, STYLE, STYLE)
    assert characters(accepted(marked)) == characters(new)
    assert render_plain(rejected(marked), STYLE) == render_plain(old, STYLE)
    assert len(list(notes(marked))) == len(list(notes(new)))     # every footnote keeps its number


def test_a_corrigendum_is_dated_as_its_language_writes_dates(sample: Path, cli) -> None:  # type: ignore[no-untyped-def]
    """A language whose distribution lines are in its own locale dates them with its ``dates:`` too."""
    settings = sample / "content" / "es" / "language.yaml"
    settings.write_text(settings.read_text(encoding="utf-8") + "dates: {pattern: \"d MMMM 'del año' y\"}\n", encoding="utf-8")
    amend(sample, "  - kind: corrigendum\n    symbol: TST/7/Corr.1\n    date: 2026-01-10\n    languages: [es]\n")
    edit(sample / "content" / "es" / "sample.yaml", "text: La capacitación.", "text: La formación.")
    cli(sample, "confirm")
    run = cli(sample, "build", "--format", "html")
    assert run.status == 0, run.err
    assert "10 enero del año 2026" in (sample / "output" / "es" / "sample-corr1.html").read_text(encoding="utf-8")
    edition = (sample / "output" / "es" / "sample.html").read_text(encoding="utf-8")
    assert "15 diciembre del año 2025" in edition and "30 noviembre a 2 diciembre del año 2025" in edition
